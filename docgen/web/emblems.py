"""Pengaturan > Lambang (admin_kabupaten): the emblems printed in the kop, stored in the DB.

The checks, the storing and the audit are ``docgen.accounts`` (``AccountService``,
``docgen.accounts.emblems``); these views parse the request and answer.
"""

from __future__ import annotations

import io
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required

from docgen.accounts import emblems
from docgen.accounts.emblems import EmblemError
from docgen.web.context import accounts

bp = Blueprint("settings", __name__, url_prefix="/admin/pengaturan")


@bp.get("")
@login_required
def page():
    return _render({})


def _render(errors: dict[str, str], status: int = 200) -> Any:
    items = [{"key": s.key, "label": s.label, "use": s.use, "row": s.row,
              "fallback": s.fallback, "error": errors.get(s.key)}
             for s in accounts().emblem_settings(current_user)]
    return render_template("settings.html", items=items,
                           max_mb=emblems.MAX_BYTES // (1024 * 1024), max_px=emblems.MAX_PX,
                           min_px=emblems.MIN_PX), status


@bp.post("/lambang/<key>")
@login_required
def upload(key: str):
    service = accounts()
    file = request.files.get("berkas")
    data = file.read(emblems.MAX_BYTES + 1) if file is not None else b""
    try:
        row = service.upload_emblem(current_user, key, data)
    except EmblemError as exc:
        flash(f"{emblems.LABELS[key]} tidak disimpan.", "error")
        return _render({key: str(exc)}, 422)
    flash(f"{emblems.LABELS[key]} disimpan ({row.width}\u00d7{row.height} piksel). Dokumen "
          "yang dibuat sejak sekarang memakainya; dokumen final tidak berubah.", "success")
    return redirect(url_for(".page"), 303)


@bp.get("/lambang/<key>.png")
@login_required
def image(key: str):
    row = accounts().emblem_image(current_user, key)
    return send_file(io.BytesIO(row.content), mimetype=row.content_type,
                     download_name=f"{key}.png")
