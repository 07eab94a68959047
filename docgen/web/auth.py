"""Login and logout (Flask-Login, passwords hashed with werkzeug.security)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import login_required, login_user, logout_user

from docgen.web.context import accounts
from docgen.web.security import CurrentUser

bp = Blueprint("auth", __name__)


@bp.route("/masuk", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        user = accounts().authenticate(request.form.get("username", "").strip(),
                                       request.form.get("password", ""))
        if user is not None:
            login_user(CurrentUser.of(user))
            return redirect(_safe_next(request.args.get("next")))
        flash("Nama pengguna atau kata sandi salah.", "error")
        return render_template("login.html"), 401
    return render_template("login.html")


def _safe_next(target: str | None) -> str:
    if target and not urlsplit(target).netloc and target.startswith("/"):
        return target
    return url_for("documents.index")


@bp.post("/keluar")
@login_required
def logout():
    logout_user()
    flash("Anda telah keluar.", "info")
    return redirect(url_for("auth.login"))
