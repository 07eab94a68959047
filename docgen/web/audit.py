"""The audit list (``/audit``): who generated, finalised, uploaded, approved what, when.

Who sees which entries: ``docgen.review.records.audit_page`` (every entry for
admin_kabupaten and bagian_hukum, a unit's own entries for its users).
"""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user, login_required

from docgen.review.records import ACTION_LABELS, GROUPS, audit_page
from docgen.web.context import db

bp = Blueprint("audit", __name__)


@bp.get("/audit")
@login_required
def index():
    group = request.args.get("jenis", "")
    page = audit_page(db(), current_user, group, request.args.get("halaman", 1, type=int) or 1)
    return render_template("audit.html", events=page.events, total=page.total,
                           page=page.page, pages=page.pages, group=group, groups=GROUPS,
                           labels=ACTION_LABELS, units=page.units)
