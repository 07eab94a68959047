"""Errors mapped in one place: what a user or an API client sees when a request fails.

=====================================  ======  ==============================
exception                              status  field (JSON)
=====================================  ======  ==============================
``InputError`` (bad input)             422     each error's own field
``TemplateRenderError``                422     the undefined variable, else "(templat)"
``ConversionError`` (no PDF)           503     "(pdf)"
``NotFound``                           404     "(permintaan)"
``Forbidden``                          403     "(permintaan)"
``CSRFError`` (flask_wtf)              400     "(permintaan)"
``RequestEntityTooLarge``              413     "(permintaan)"
other ``HTTPException`` (405, 400 …)   its own "(permintaan)"
other ``ServiceError`` (409, 429 …)    its own "(permintaan)"
input nested too deep (RecursionError) 400     "(input)"
a NUL character (PostgreSQL)           400     "(input)"
an id past the database's integers     404     "(permintaan)"
database busy (SQLite, ``PG_BUSY``)    503     "(server)", Retry-After
disk full (ENOSPC, SQLITE_FULL, 53100) 507     "(penyimpanan)"
anything else                          500     "(server)"
=====================================  ======  ==============================

Under ``/api`` the answer is JSON ``{"errors": [{"field": ..., "message": ...}]}``;
elsewhere the Indonesian page ``error.html`` (the site's layout, a short explanation,
the field errors where there are any, a link back); never a traceback. Every failure
that reaches these handlers rolls the request's database session back first, so nothing
half-written is committed later in the request.

A view that answers better itself (a form re-rendered with the field errors and what the
user typed) catches the exception and never gets here.
"""

from __future__ import annotations

import errno
import re
import sqlite3
from dataclasses import dataclass, field
from html import escape
from typing import Any
from urllib.parse import urlparse

from flask import Flask, current_app, g, jsonify, render_template, request, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.routing import IntegerConverter

from docgen.convert import ConversionError
from docgen.domain.errors import FieldError, InputError
from docgen.errors import ServiceError
from docgen.render import TemplateRenderError

CSRF_MESSAGE = "sesi formulir kedaluwarsa; muat ulang halaman dan kirim lagi"
SERVER_MESSAGE = "kesalahan server; coba lagi atau hubungi admin kabupaten"
REQUEST_FIELD = "(permintaan)"

# status -> (page title, short explanation); 413's limit is filled in from the config
HTTP_TEXT = {
    400: ("Permintaan tidak valid", "Permintaan ini tidak lengkap atau rusak, sehingga "
                                    "tidak dapat diproses."),
    401: ("Perlu masuk", "Silakan masuk terlebih dahulu."),
    403: ("Akses ditolak", "Anda tidak berwenang membuka atau mengubah halaman ini."),
    404: ("Tidak ditemukan", "Halaman atau dokumen yang diminta tidak ada, atau bukan milik "
                             "unit Anda."),
    405: ("Metode tidak diizinkan", "Alamat ini tidak menerima permintaan seperti itu; buka "
                                    "halaman lewat menu atau tautan."),
    409: ("Tidak dapat diubah", "Keadaan data tidak mengizinkan perubahan ini."),
    413: ("Berkas terlalu besar", "Ukuran unggahan maksimal {mb} MB; perkecil berkas lalu "
                                  "unggah lagi."),
    429: ("Terlalu banyak permintaan", "Terlalu banyak permintaan Anda sedang menunggu; "
                                       "tunggu sebentar lalu coba lagi."),
    503: ("Server sedang sibuk", "Server sedang sibuk melayani permintaan lain. Tidak ada "
                                 "yang berubah; coba lagi sebentar lagi."),
    507: ("Penyimpanan server penuh", "Ruang penyimpanan server penuh, sehingga tidak ada "
                                      "yang disimpan dari permintaan ini. Hubungi admin "
                                      "kabupaten; setelah ruang tersedia, kirim lagi."),
}
TOO_DEEP_MESSAGE = "isian bersarang terlalu dalam untuk diproses"
NUL_MESSAGE = "isian memuat karakter NUL yang tidak dapat disimpan"
OTHER_HTTP = ("Permintaan tidak dapat diproses", "Permintaan ini tidak dapat diproses.")
# PostgreSQL SQLSTATEs: lock_not_available, deadlock, serialization, too many connections,
PG_BUSY = frozenset({"55P03", "40P01", "40001", "53300", "57P01", "57P03"})  # shutting down
PG_FULL, PG_OUT_OF_RANGE = "53100", "22003"  # disk_full; past bigint (?halaman=99…9 OFFSET)


@dataclass
class Failure:
    """One failed request as the user sees it."""

    status: int
    title: str
    text: str  # the short explanation on the page
    errors: list[FieldError]  # the JSON body; listed on the page when ``detail``
    detail: bool = False
    headers: dict[str, str] = field(default_factory=dict)


def init_app(app: Flask) -> None:
    """Register the mapping for the whole app (the API blueprint included)."""
    for kind in (InputError, TemplateRenderError, ConversionError, HTTPException, Exception):
        app.register_error_handler(kind, handle)


def handle(exc: Exception) -> Any:
    if isinstance(exc, HTTPException) and exc.code is None:
        return exc  # a routing redirect, not an error
    if isinstance(exc, InternalServerError) and isinstance(exc.original_exception, Exception):
        exc = exc.original_exception  # raised outside the view (e.g. by the commit)
    _rollback()
    failure = failure_of(exc)
    if is_api():
        return json_errors(failure.status, failure.errors, **failure.headers)
    return _page(failure)


def failure_of(exc: Exception) -> Failure:
    if isinstance(exc, InputError):
        return Failure(422, "Isian belum lengkap atau tidak valid",
                       "Dokumen belum dapat dibuat dari isian ini. Perbaiki isian berikut di "
                       "halaman dokumen, lalu coba lagi.", list(exc.errors), detail=True)
    if isinstance(exc, TemplateRenderError):
        current_app.logger.exception("template render failed")
        return Failure(422, "Dokumen tidak dapat dibuat",
                       "Templat yang berlaku tidak dapat diisi dengan data dokumen ini. "
                       "Hubungi Bagian Hukum untuk memeriksa templat tersebut.",
                       [FieldError(_template_field(exc), f"dokumen tidak dapat dibuat: {exc}")],
                       detail=True)
    if isinstance(exc, ConversionError) and not isinstance(exc, ServiceError):
        current_app.logger.warning("PDF conversion failed: %s", exc)
        return Failure(503, "PDF belum dapat dibuat",
                       "Layanan konversi PDF sedang tidak tersedia. Tidak ada yang berubah; "
                       "coba lagi sebentar lagi, dan hubungi admin kabupaten bila berulang.",
                       [FieldError("(pdf)", f"konversi PDF gagal: {exc}")])
    if isinstance(exc, HTTPException):
        return _http_failure(exc)
    known = _resource_failure(exc)
    if known is not None:
        return known
    if isinstance(exc, ServiceError):
        title, _text = HTTP_TEXT.get(exc.status, OTHER_HTTP)
        return Failure(exc.status, title, exc.message, [FieldError(REQUEST_FIELD, exc.message)],
                       headers=exc.headers)
    current_app.logger.exception("request failed: %s %s", request.method, request.path)
    return Failure(500, "Terjadi kesalahan",
                   "Terjadi kesalahan di server; permintaan ini tidak diselesaikan dan "
                   "perubahan yang belum tersimpan dibatalkan. Coba lagi, dan hubungi admin "
                   "kabupaten bila berulang.",
                   [FieldError("(server)", SERVER_MESSAGE)])


def _http_failure(exc: HTTPException) -> Failure:
    status = exc.code or 500
    title, text = HTTP_TEXT.get(status, OTHER_HTTP)
    if status == 413:
        limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
        text = text.format(mb=max(1, limit // (1024 * 1024)))
    if isinstance(exc, CSRFError):
        title, text = "Sesi formulir kedaluwarsa", f"Data tidak disimpan: {CSRF_MESSAGE}."
        message = CSRF_MESSAGE
    elif exc.description and exc.description != type(exc).description:
        text = message = exc.description  # abort(403, "why"): say why
    else:
        message = text
    headers = {k: v for k, v in exc.get_headers() if k.lower() != "content-type"}
    return Failure(status, title, text, [FieldError(REQUEST_FIELD, message)], headers=headers)


def _resource_failure(exc: Exception) -> Failure | None:
    """Failures of the server's resources, or of input too big for them: a full disk
    (nothing of the request is kept), a database busy past its wait, an id past the
    database's integers (no such thing), input nested past the parser's depth or with
    a NUL character (which PostgreSQL's text cannot hold)."""
    if _disk_full(exc):
        current_app.logger.error("storage full: %s %s: %s", request.method, request.path, exc)
        return _status_failure(507, "(penyimpanan)")
    if _database_code(exc) == sqlite3.SQLITE_BUSY or _sqlstate(exc) in PG_BUSY:
        current_app.logger.warning("database busy: %s %s", request.method, request.path)
        return _status_failure(503, "(server)", {"Retry-After": "5"})
    if (isinstance(exc, OverflowError) and "SQLite INTEGER" in str(exc)) or \
            _sqlstate(exc) == PG_OUT_OF_RANGE:
        return _status_failure(404, REQUEST_FIELD)
    nul = isinstance(exc, DBAPIError) and "cannot contain NUL" in str(exc.orig)
    if isinstance(exc, RecursionError) or nul:
        message = NUL_MESSAGE if nul else TOO_DEEP_MESSAGE
        current_app.logger.warning("input refused (%s): %s %s", message, request.method,
                                   request.path)
        title, text = HTTP_TEXT[400]
        return Failure(400, title, f"{text} ({message}.)", [FieldError("(input)", message)])
    return None


def _status_failure(status: int, field_name: str, headers: dict[str, str] | None = None
                    ) -> Failure:
    title, text = HTTP_TEXT[status]
    return Failure(status, title, text, [FieldError(field_name, text)], headers=headers or {})


def _causes(exc: BaseException) -> list[BaseException]:
    """``exc`` and what it was raised from or during (a short chain)."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _database_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of a failed statement (SQLITE_FULL, SQLITE_BUSY)."""
    if isinstance(exc, OperationalError) and isinstance(exc.orig, sqlite3.Error):
        return getattr(exc.orig, "sqlite_errorcode", 0) & 0xFF or None
    return None


def _sqlstate(exc: BaseException) -> str | None:
    """PostgreSQL's SQLSTATE of a failed statement (psycopg's ``sqlstate``)."""
    if isinstance(exc, DBAPIError):
        return getattr(exc.orig, "sqlstate", None)
    return None


def _disk_full(exc: BaseException) -> bool:
    return any((isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EDQUOT))
               or _database_code(e) == sqlite3.SQLITE_FULL or _sqlstate(e) == PG_FULL
               for e in _causes(exc))


class BoundedInt(IntegerConverter):
    """``<int:...>`` of every route, at most 18 digits (the database's 64-bit integers
    hold 19): a longer number matches no route (404) instead of overflowing a query.
    Registered as the app's ``int`` converter."""

    regex = r"\d{1,18}"


_UNDEFINED = re.compile(r"'([A-Za-z_][A-Za-z0-9_]*)' is undefined")


def _template_field(exc: TemplateRenderError) -> str:
    """The template variable a render missed (a name of the type's context), if named."""
    found = _UNDEFINED.search(str(exc.__cause__ or exc))
    return found.group(1) if found else "(templat)"


# -- answers ---------------------------------------------------------------------------
def is_api() -> bool:
    return request.path == "/api" or request.path.startswith("/api/")


def json_errors(status: int, errors: list[FieldError], **headers: str) -> Any:
    """The API's error body: ``{"errors": [{"field": ..., "message": ...}]}``."""
    response = jsonify({"errors": [{"field": e.field, "message": e.message} for e in errors]})
    response.status_code = status
    response.headers.update(headers)
    return response


def _page(failure: Failure) -> Any:
    try:
        body = render_template("error.html", failure=failure, back=_back_links(failure))
    except Exception:  # the layout itself failed (e.g. no database): a bare page
        current_app.logger.exception("error page failed")
        body = (f'<!doctype html><html lang="id"><meta charset="utf-8"><title>'
                f"{escape(failure.title)}</title><h1>{failure.status} · "
                f"{escape(failure.title)}</h1><p>{escape(failure.text)}</p>"
                '<p><a href="/">Kembali ke halaman utama</a></p></html>')
    return body, failure.status, failure.headers


def _back_links(failure: Failure) -> list[tuple[str, str]]:
    """Where to go from here: the document (when the failure was about one the user may
    read), the page the user came from (same site only), the start page."""
    links = []
    doc_id = (request.view_args or {}).get("doc_id")
    if isinstance(doc_id, int) and failure.status != 404 and \
            request.endpoint != "documents.show":
        links.append((url_for("documents.show", doc_id=doc_id), "Kembali ke dokumen"))
    referrer = request.referrer or ""
    if referrer and urlparse(referrer).netloc == request.host and \
            urlparse(referrer).path != request.path and not links:
        links.append((referrer, "Kembali ke halaman sebelumnya"))
    if current_user.is_authenticated:
        links.append((url_for("documents.index"), "Ke daftar dokumen"))
    else:
        links.append((url_for("auth.login"), "Ke halaman masuk"))
    return links


def _rollback() -> None:
    """Undo whatever the failed request wrote but did not commit (``context.db()``)."""
    session = g.get("db_session")
    if session is None:
        return
    try:
        session.rollback()
    except Exception:  # a broken connection: teardown closes the session anyway
        current_app.logger.exception("rollback after a failed request failed")
