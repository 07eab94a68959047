"""The web application: forms for every document type, drafts, roles per unit, API.

``create_app(settings=None, **overrides)``: ``settings`` defaults to ``Settings.from_env()``;
overrides named like a Settings field replace it (``data_dir=...``), ``shared_converter=``
hands in a converter object (tests share one LibreOffice), anything else is Flask config
(``TESTING=True``, ``WTF_CSRF_ENABLED=False``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from flask import Flask, redirect, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from docgen.config import Settings
from docgen.pipeline import Pipeline
from docgen.review import catalog
from docgen.storage import Database
from docgen.web import context, errors
from docgen.web.security import CurrentUser, init_security, load_session_user, secret_key

MAX_UPLOAD_BYTES = 16 * 1024 * 1024
csrf = CSRFProtect()


def create_app(settings: Settings | None = None, **overrides: Any) -> Flask:
    converter = overrides.pop("shared_converter", None)
    settings = settings or Settings.from_env()
    names = {f.name for f in dataclasses.fields(Settings)}
    settings = dataclasses.replace(settings, **{k: overrides.pop(k) for k in list(overrides)
                                                if k in names})
    settings.data_dir.mkdir(parents=True, exist_ok=True)

    app = Flask(__name__)
    app.url_map.converters["int"] = errors.BoundedInt  # an id too long for the database: 404
    app.config.update(
        SECRET_KEY=secret_key(settings.secret_key, settings.data_dir),
        MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.base_url.startswith("https://"),
        # the signed cookie itself expires too; the server checks idle and absolute
        # lifetimes on every request (docgen.web.security.load_session_user)
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=settings.session_max_hours),
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        WTF_CSRF_TIME_LIMIT=None,
        JSON_SORT_KEYS=False,
    )
    app.config.update(overrides)
    if settings.trusted_proxies:  # the client's address, not the proxy's, is throttled
        proxies = settings.trusted_proxies
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies)

    database = Database(settings.database)
    database.migrate()
    with database.session() as session:
        catalog.register_bundled(session)
    app.extensions["docgen"] = context.State(settings, database, Pipeline(settings, converter))
    from docgen.jobs.queue import Runner  # background jobs; started by serve / gunicorn

    app.extensions["docgen_jobs"] = Runner(settings, database, app.extensions["docgen"].pipeline)
    app.after_request(context.commit_db)
    app.teardown_appcontext(context.close_db)
    app.before_request(context.bind_requester)
    app.teardown_request(context.unbind_requester)
    app.before_request(_sync_regulation)
    csrf.init_app(app)
    errors.init_app(app)
    init_security(app, _load_user)
    _register_blueprints(app)
    _register_template_helpers(app)
    return app


def _load_user(user_id: str) -> CurrentUser | None:
    """The session's user while its session holds (``security.load_session_user``)."""
    return load_session_user(user_id)


def _sync_regulation() -> None:
    """Pin the regulation snapshot (approved data sets) this request renders with."""
    from flask import request

    if request.endpoint != "static":
        context.regulation()


def _register_blueprints(app: Flask) -> None:
    from docgen.web import (
        admin,
        api,
        audit,
        auth,
        copying,
        documents,
        emblems,
        outputs,
        review_data,
        review_templates,
        tokens,
        uploads,
        verify,
    )

    for module in (auth, documents, outputs, uploads, admin, emblems, review_templates,
                   review_data, audit, verify, tokens, copying):
        app.register_blueprint(module.bp)
    from docgen.web import program

    app.register_blueprint(program.bp)  # the regency's program overview (issue 12)
    from docgen.web import program_pdf

    app.register_blueprint(program_pdf.bp)  # the printed recap, signed (issue 12)
    from docgen.web import api_documents, api_jobs, api_rekap, jobs

    app.register_blueprint(jobs.bp)  # background jobs with progress (issue 13)
    from docgen.web import paraf

    app.register_blueprint(paraf.bp)  # the paraf chain (issue 14)
    app.register_blueprint(paraf.api_bp)
    csrf.exempt(paraf.api_bp)
    from docgen.web import signing

    app.register_blueprint(signing.bp)  # electronic signatures (issue 14)
    app.register_blueprint(signing.api_bp)
    csrf.exempt(signing.api_bp)
    for api_module in (api, api_documents, api_rekap, api_jobs):  # JSON, /api/v1: no CSRF
        app.register_blueprint(api_module.bp)
        csrf.exempt(api_module.bp)

    @app.get("/")
    def index():
        if current_user.is_authenticated:
            return redirect(url_for("documents.index"))
        return redirect(url_for("auth.login"))


def _register_template_helpers(app: Flask) -> None:
    from docgen.web import formdata
    from docgen.web.security import ROLE_LABELS

    app.jinja_env.globals.update(
        value_at=formdata.value_at, input_id=formdata.input_id, join=formdata.join,
        role_labels=ROLE_LABELS, max_upload_mb=MAX_UPLOAD_BYTES // (1024 * 1024))
    app.jinja_env.filters["lines"] = _lines_value
    app.jinja_env.filters["tanggal"] = lambda d: d.strftime("%d-%m-%Y %H:%M") if d else ""


def _lines_value(value: Any, numeric: bool = False) -> str:
    if isinstance(value, list):
        return (" " if numeric else "\n").join(str(v) for v in value)
    return "" if value is None else str(value)


__all__ = ["create_app"]
