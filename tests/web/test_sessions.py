"""Web sessions (issue 10, finding 9): ended on the server by logout, password change and
deactivation (a copied cookie stops working), idle and absolute lifetimes judged by the
server's clock, and the password change page. Time is moved, never slept."""

from __future__ import annotations

import pytest

from docgen.storage import repo
from tests.accounts.conftest import FakeClock
from tests.web.conftest import PASSWORD, login, make_app

NEW_PASSWORD = "Laporan-KBK-2025"


@pytest.fixture()
def fake_clock(monkeypatch) -> FakeClock:
    from docgen.accounts import clock

    fake = FakeClock()
    monkeypatch.setattr(clock, "now", fake)
    return fake


def copy_of(client, app):
    """Another browser holding a copy of ``client``'s session cookie (a stolen cookie)."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_a_cookie_copied_before_logout_is_refused_after_it(app, client, world):
    login(client, "a_admin")
    stolen = client.get_cookie("session").value
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert thief.get("/dokumen").status_code == 200
    assert client.post("/keluar").status_code == 302
    refused = thief.get("/dokumen")
    assert refused.status_code == 302 and "/masuk" in refused.headers["Location"]
    assert "Sesi Anda telah diakhiri" in thief.get("/masuk").get_data(as_text=True)
    login(client, "a_admin")  # signing in again does not revive the old cookie
    assert client.get("/dokumen").status_code == 200
    thief.set_cookie("session", stolen)
    assert thief.get("/dokumen").status_code == 302


def test_password_change_ends_other_sessions_and_keeps_this_one(app, client, world):
    login(client, "a_sek")
    laptop = app.test_client()
    login(laptop, "a_sek")
    stolen = copy_of(client, app)
    page = client.get("/akun/kata-sandi")
    assert page.status_code == 200 and 'name="new_password_repeat"' in page.get_data(True)
    changed = client.post("/akun/kata-sandi", data={
        "current_password": PASSWORD, "new_password": NEW_PASSWORD,
        "new_password_repeat": NEW_PASSWORD})
    assert changed.status_code == 303
    assert "Kata sandi diganti" in client.get("/dokumen").get_data(as_text=True)
    assert laptop.get("/dokumen").status_code == 302
    assert stolen.get("/dokumen").status_code == 302
    fresh = app.test_client()
    assert fresh.post("/masuk", data={"username": "a_sek", "password": PASSWORD}
                      ).status_code == 401
    assert fresh.post("/masuk", data={"username": "a_sek", "password": NEW_PASSWORD}
                      ).status_code == 302


@pytest.mark.parametrize(("values", "field", "message"), [
    (("salah-sandi", NEW_PASSWORD, NEW_PASSWORD), "current_password",
     "Kata sandi sekarang salah."),
    ((PASSWORD, "            ", "            "), "new_password",
     "Kata sandi baru wajib diisi dan tidak boleh hanya spasi."),
    ((PASSWORD, "pendek123", "pendek123"), "new_password",
     "Kata sandi baru minimal 10 karakter (sekarang 9)."),
    ((PASSWORD, "a_sek-12345", "a_sek-12345"), "new_password",
     "Kata sandi baru tidak boleh berupa nama pengguna"),
    ((PASSWORD, "Purbalingga2025", "Purbalingga2025"), "new_password",
     "Kata sandi baru terlalu umum"),
    ((PASSWORD, "kopipahitsore", "kopipahitsore"), "new_password",
     "Kata sandi baru harus memuat huruf dan angka"),
    ((PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x"), "new_password_repeat",
     "Ulangan kata sandi baru tidak sama dengan kata sandi baru."),
], ids=["sandi-sekarang", "spasi", "pendek", "nama-pengguna", "umum", "tanpa-angka",
        "ulangan"])
def test_weak_or_wrong_password_changes_are_refused_by_field(app, client, world, values,
                                                               field, message):
    login(client, "a_sek")
    current, new, repeated = values
    answer = client.post("/akun/kata-sandi", data={
        "current_password": current, "new_password": new, "new_password_repeat": repeated})
    assert answer.status_code == 422
    html = answer.get_data(as_text=True)
    field_html = html[html.index(f'id="{field}"'):]
    assert message in field_html[:field_html.index("</div>")]  # shown at its field
    assert client.get("/dokumen").status_code == 200  # still signed in
    with app.extensions["docgen"].database.session() as session:
        assert repo.authenticate(session, "a_sek", PASSWORD) is not None  # unchanged


def test_the_user_menu_links_to_the_password_page(client, world):
    login(client, "b_sek")
    assert 'href="/akun/kata-sandi">Ganti kata sandi' in client.get("/dokumen").get_data(True)
    assert client.post("/keluar").status_code == 302
    assert client.get("/akun/kata-sandi").status_code == 302


def test_idle_sessions_end_after_30_minutes(client, world, fake_clock):
    login(client, "a_admin")
    for _ in range(4):  # two hours, used every 29 minutes
        fake_clock.advance(minutes=29)
        assert client.get("/dokumen").status_code == 200
    fake_clock.advance(minutes=30)
    assert client.get("/dokumen").status_code == 302
    page = client.get("/masuk").get_data(as_text=True)
    assert "tidak ada aktivitas selama 30 menit" in page
    fake_clock.advance(minutes=1)
    assert client.get("/dokumen").status_code == 302  # ended, not just refused once


def test_sessions_end_12_hours_after_signing_in_however_busy(client, world, fake_clock):
    login(client, "a_admin")
    for _ in range(35):  # 11 h 40 min of use every 20 minutes
        fake_clock.advance(minutes=20)
        assert client.get("/dokumen").status_code == 200
    fake_clock.advance(minutes=20)
    assert client.get("/dokumen").status_code == 302
    assert "sudah 12 jam sejak masuk" in client.get("/masuk").get_data(as_text=True)


def test_session_lifetimes_come_from_the_settings(data_dir, request, world, fake_clock):
    app = make_app(data_dir, request, session_idle_minutes=5, session_max_hours=1)
    assert app.config["PERMANENT_SESSION_LIFETIME"].total_seconds() == 3600
    client = app.test_client()
    login(client, "a_admin")
    fake_clock.advance(minutes=4)
    assert client.get("/dokumen").status_code == 200
    fake_clock.advance(minutes=5)
    assert client.get("/dokumen").status_code == 302


def test_deactivation_ends_sessions_and_reactivation_does_not_revive_them(app, client, world):
    login(client, "a_sek")
    admin = app.test_client()
    login(admin, "admin")
    assert admin.post(f"/admin/pengguna/{world.users['a_sek']}/aktif").status_code == 303
    assert admin.post(f"/admin/pengguna/{world.users['a_sek']}/aktif").status_code == 303
    assert client.get("/dokumen").status_code == 302
    login(client, "a_sek")
    assert client.get("/dokumen").status_code == 200


@pytest.mark.parametrize(("password", "message"), [
    ("            ", "Kata sandi wajib diisi dan tidak boleh hanya spasi."),
    ("rahasia1", "Kata sandi minimal 10 karakter (sekarang 8)."),
    ("pegawai.baru1", "Kata sandi tidak boleh berupa nama pengguna"),
    ("Qwerty-12345", "Kata sandi terlalu umum"),
])
def test_new_users_get_the_password_rule_on_the_page_and_the_cli(app, client, runner, world,
                                                                 password, message):
    login(client, "admin")
    answer = client.post("/admin/pengguna", data={
        "username": "pegawai.baru", "password": password, "role": "bagian_hukum"},
        follow_redirects=True)
    assert f"Pengguna belum dibuat: {message}" in answer.get_data(as_text=True)
    result = runner("create-user", "pegawai.baru", "--role", "bagian_hukum",
                    input=password + "\n")
    assert result.exit_code == 1 and message in result.output
    with app.extensions["docgen"].database.session() as session:
        assert repo.get_user(session, "pegawai.baru") is None
    result = runner("create-user", "pegawai.baru", "--role", "bagian_hukum",
                    input="laporan kbk triwulan\n")
    assert result.exit_code == 0, result.output
