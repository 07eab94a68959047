"""API tokens by admin_kabupaten (``/admin/token``): every user's tokens with when they
were made, last used and expire; make one (its secret shown once, on the answer to the
form only, never stored or flashed) and revoke one (it stops working at once)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from docgen.accounts import clock
from docgen.accounts import units as unit_rules
from docgen.accounts.tokens import MAX_DAYS, status
from docgen.domain.errors import InputError
from docgen.web.context import accounts, state

bp = Blueprint("tokens", __name__)
NOT_DAYS = "Masa berlaku token harus bilangan bulat (jumlah hari)."


@bp.get("/admin/token")
@login_required
def index():
    return _page()


@bp.post("/admin/token")
@login_required
def create():
    username = request.form.get("username", "")
    days = request.form.get("days", "").strip()
    if not days.isdigit():
        return _page(errors={"days": NOT_DAYS}, days=days), 422
    try:
        token = accounts().create_token(current_user, username, int(days))
    except InputError as exc:
        return _page(errors=unit_rules.as_dict(exc.errors), days=days), 422
    return _page(new_token=token, new_for=username), 201


@bp.post("/admin/token/<int:token_id>/cabut")
@login_required
def revoke(token_id: int):
    row = accounts().tokens.revoke(current_user, token_id,
                                   f"dicabut oleh {current_user.username}")
    flash(f"Token {row.prefix}… milik {row.user.username} dicabut; token itu tidak dapat "
          "dipakai lagi.", "success")
    return redirect(url_for(".index"), 303)


def _page(**extra):
    service = accounts()
    extra.setdefault("days", state().settings.token_days)
    return render_template("tokens.html", tokens=service.tokens.tokens(current_user),
                           users=[u for u in service.users(current_user) if u.active],
                           status=status, now=clock.now(), max_days=MAX_DAYS,
                           errors=extra.pop("errors", {}), **extra)
