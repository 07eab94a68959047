"""Login, CSRF, cookies, headers, secret key, password and token storage."""

from __future__ import annotations

import re
import stat

import pytest
from sqlalchemy import select

from docgen.storage import ApiToken, User, repo
from tests.web.conftest import PASSWORD, login, make_app


def test_login_and_logout(client, world):
    wrong = client.post("/masuk", data={"username": "a_admin", "password": "salah"})
    assert wrong.status_code == 401
    assert "Nama pengguna atau kata sandi salah" in wrong.get_data(as_text=True)
    login(client, "a_admin")
    assert client.get("/dokumen").status_code == 200
    assert client.post("/keluar").status_code == 302
    assert client.get("/dokumen").status_code == 302


def test_login_redirects_only_to_local_pages(client, world):
    response = client.post("/masuk?next=https://contoh.invalid/",
                           data={"username": "a_admin", "password": PASSWORD})
    assert response.headers["Location"] == "/dokumen"
    response = client.post("/masuk?next=/templat",
                           data={"username": "a_sek", "password": PASSWORD})
    assert response.headers["Location"] == "/templat"


def test_csrf_is_required_on_forms(data_dir, request):
    app = make_app(data_dir, request, WTF_CSRF_ENABLED=True)
    with app.extensions["docgen"].database.session() as session:
        unit = repo.create_unit(session, nama="Dinas Uji", jenis="dinas")
        repo.create_user(session, "u", PASSWORD, "admin_unit", unit.id)
    client = app.test_client()
    page = client.get("/masuk").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    assert client.post("/masuk", data={"username": "u", "password": PASSWORD}
                       ).status_code == 400
    assert client.post("/masuk", data={"username": "u", "password": PASSWORD,
                                       "csrf_token": token}).status_code == 302
    assert client.post("/dokumen/baru/sk-kbk", data={"nomor": "1"}).status_code == 400
    form = client.get("/dokumen/baru/sk-kbk").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)[1]
    assert client.post("/dokumen/baru/sk-kbk", data={"nomor": "1", "csrf_token": token}
                       ).status_code == 303  # saved; post/redirect/get


def test_security_headers_and_cookie_flags(client, world):
    response = client.post("/masuk", data={"username": "a_admin", "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = client.get("/dokumen")
    assert page.headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert page.headers["Referrer-Policy"] == "same-origin"
    html = page.get_data(as_text=True)
    assert "<script>" not in html and " style=" not in html  # nothing inline for the CSP
    assert "http://" not in html.replace("http://localhost", "") and "https://" not in html


def test_static_assets_are_local(client):
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/app.js").status_code == 200


def test_secret_key_generated_once_with_private_permissions(app, data_dir):
    key_file = data_dir / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert app.config["SECRET_KEY"] == key_file.read_text().strip()
    assert len(app.config["SECRET_KEY"]) >= 64


@pytest.mark.sqlite_only(reason="checks the default database: docgen.sqlite in "
                        "DOCGEN_DATA_DIR")
def test_secret_key_from_the_environment_wins(tmp_path, request, monkeypatch):
    from docgen.config import Settings
    from docgen.web import create_app

    monkeypatch.setenv("DOCGEN_SECRET_KEY", "kunci-dari-lingkungan")
    monkeypatch.setenv("DOCGEN_DATA_DIR", str(tmp_path / "env"))
    app = create_app(Settings.from_env())
    assert app.config["SECRET_KEY"] == "kunci-dari-lingkungan"
    assert not (tmp_path / "env" / "secret_key").exists()
    assert (tmp_path / "env" / "docgen.sqlite").exists()


def test_passwords_and_tokens_are_stored_as_hashes(app, runner, world, monkeypatch):
    from werkzeug.security import generate_password_hash

    monkeypatch.setattr(repo, "generate_password_hash", generate_password_hash)
    with app.extensions["docgen"].database.session() as session:
        unit = repo.create_unit(session, nama="Dinas Hash", jenis="dinas")
        repo.create_user(session, "hash", "kata-sandi-rahasia", "admin_unit", unit.id)
    token = runner("create-token", "hash").output.strip()
    with app.extensions["docgen"].database.session() as session:
        user = session.scalar(select(User).where(User.username == "hash"))
        assert user.password_hash.startswith("scrypt:")
        assert "kata-sandi-rahasia" not in user.password_hash
        stored = session.scalars(select(ApiToken)).all()
        assert token not in [t.token_hash for t in stored]
        assert repo.user_for_token(session, token).username == "hash"
        assert repo.authenticate(session, "hash", "kata-sandi-rahasia") is not None
        assert repo.authenticate(session, "hash", "salah") is None
