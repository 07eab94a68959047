"""The audit list (``/audit``): who generated, finalised, uploaded, approved what, when.

admin_kabupaten and bagian_hukum see every entry. A unit's users (admin_unit,
sekretaris_kbk) see only the entries of their own unit: outputs of its documents (by
whoever generated them) and API renders by its users; template and data set reviews
belong to no unit and are not shown to them.
"""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user, login_required

from docgen.storage import repo, review_repo
from docgen.web.context import db

bp = Blueprint("audit", __name__)
PER_PAGE = 100
ACTION_LABELS = {
    "render": "Membuat keluaran",
    "final": "Menandai final",
    "template_upload": "Mengunggah templat",
    "template_approve": "Menyetujui templat",
    "template_withdraw": "Menarik draf templat",
    "data_upload": "Mengajukan data peraturan",
    "data_approve": "Menyetujui data peraturan",
    "data_withdraw": "Menarik draf data peraturan",
    "emblem_upload": "Mengunggah lambang",
    "unit_kop": "Mengubah kop unit",
}
GROUPS = {
    "keluaran": ("Keluaran draf dan API", ("render",)),
    "final": ("Dokumen final", ("final",)),
    "templat": ("Templat", ("template_upload", "template_approve", "template_withdraw")),
    "data": ("Data peraturan", ("data_upload", "data_approve", "data_withdraw")),
    "pengaturan": ("Pengaturan", ("emblem_upload", "unit_kop")),
}


@bp.get("/audit")
@login_required
def index():
    group = request.args.get("jenis", "")
    actions = GROUPS[group][1] if group in GROUPS else ()
    page = max(request.args.get("halaman", 1, type=int) or 1, 1)
    unit = review_repo.ALL_UNITS if current_user.reads_all else current_user.unit_id
    events, total = review_repo.list_audit(db(), unit, actions, limit=PER_PAGE,
                                           offset=(page - 1) * PER_PAGE)
    units = {u.id: u.label for u in repo.list_units(db())}
    return render_template("audit.html", events=events, total=total, page=page,
                           pages=max((total + PER_PAGE - 1) // PER_PAGE, 1), group=group,
                           groups=GROUPS, labels=ACTION_LABELS, units=units)
