"""Login, logout and password change (Flask-Login; the rules: ``docgen.accounts.sessions``).

Too many failed sign-ins for a user name or from an address answer 429 with
``Retry-After`` and the login page saying how long to wait; logging out ends the session
on the server (a copy of its cookie no longer works); a password change ends every other
session of the user and keeps this one signed in.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from docgen.accounts import passwords
from docgen.accounts import units as unit_rules
from docgen.accounts.throttle import Throttled
from docgen.domain.errors import InputError
from docgen.web.context import accounts
from docgen.web.security import end_session, renew_session, start_session

bp = Blueprint("auth", __name__)
PASSWORD_FIELDS = ("current_password", "new_password", "new_password_repeat")


@bp.route("/masuk", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        try:
            user = accounts().authenticate(request.form.get("username", "").strip(),
                                           request.form.get("password", ""),
                                           request.remote_addr)
        except Throttled as exc:
            flash(exc.message, "error")
            return render_template("login.html"), 429, {"Retry-After": str(exc.retry_after)}
        if user is not None:
            start_session(user)
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
    accounts().sign_in.sign_out(current_user)
    end_session()
    flash("Anda telah keluar.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/akun/kata-sandi", methods=["GET", "POST"])
@login_required
def change_password():
    errors: dict[str, str] = {}
    if request.method == "POST":
        current, new, repeated = (request.form.get(field, "") for field in PASSWORD_FIELDS)
        try:
            user = accounts().sign_in.change_password(current_user, current, new, repeated,
                                                      request.remote_addr)
        except InputError as exc:
            errors = unit_rules.as_dict(exc.errors)
        except Throttled as exc:
            flash(exc.message, "error")
            return _password_page({}, 429, {"Retry-After": str(exc.retry_after)})
        else:
            renew_session(user)
            flash("Kata sandi diganti. Sesi lain akun ini (perangkat atau peramban lain) "
                  "telah diakhiri.", "success")
            return redirect(url_for("documents.index"), 303)
    return _password_page(errors, 422 if errors else 200)


def _password_page(errors: dict[str, str], status: int, headers: dict[str, str] | None = None):
    return render_template("password.html", errors=errors,
                           min_length=passwords.MIN_LENGTH,
                           passphrase_length=passwords.PASSPHRASE_LENGTH), status, headers or {}
