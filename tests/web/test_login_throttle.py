"""Login throttling (issue 10, finding 7): repeated failures for one user name or from one
address answer 429 with Retry-After and a page saying how long to wait; bad API tokens
too; an unknown user name costs what a known one does. Time is moved, never slept."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from docgen.accounts import passwords
from docgen.storage import repo
from tests.accounts.conftest import FakeClock
from tests.web.conftest import PASSWORD, bearer, make_app


@pytest.fixture()
def fake_clock(monkeypatch) -> FakeClock:
    from docgen.accounts import clock

    fake = FakeClock()
    monkeypatch.setattr(clock, "now", fake)
    return fake


def sign_in(client, username: str, password: str, address: str = "127.0.0.1"):
    return client.post("/masuk", data={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def test_300_wrong_passwords_get_429_and_the_right_one_waits_too(client, world, fake_clock):
    answers = [sign_in(client, "a_admin", f"tebakan-{n}") for n in range(300)]
    assert Counter(a.status_code for a in answers) == {401: 5, 429: 295}
    assert [a.status_code for a in answers[:6]] == [401] * 5 + [429]
    locked = answers[-1]
    assert locked.headers["Retry-After"] == "900"
    page = locked.get_data(as_text=True)
    assert "Terlalu banyak percobaan masuk yang gagal untuk nama pengguna ini" in page
    assert "tunggu 15 menit" in page and 'name="password"' in page
    right = sign_in(client, "a_admin", PASSWORD)
    assert right.status_code == 429  # the right password is not even checked now
    assert client.get("/dokumen").status_code == 302  # not signed in
    fake_clock.advance(minutes=14, seconds=59)
    assert sign_in(client, "a_admin", PASSWORD).status_code == 429
    fake_clock.advance(seconds=1)
    assert sign_in(client, "a_admin", PASSWORD).status_code == 302
    assert client.get("/dokumen").status_code == 200


def test_the_lock_is_per_user_name_and_ends_with_a_success(app, client, world, fake_clock):
    for _ in range(5):
        assert sign_in(client, "a_sek", "salah-sandi").status_code == 401
    assert sign_in(client, "a_sek", PASSWORD, "10.1.1.1").status_code == 429  # any address
    assert sign_in(app.test_client(), "b_sek", PASSWORD).status_code == 302  # others sign in
    for _ in range(4):
        assert sign_in(client, "b_admin", "salah-sandi").status_code == 401
    assert sign_in(client, "b_admin", PASSWORD).status_code == 302
    assert sign_in(client, "b_admin", "salah-sandi").status_code == 401  # counting anew


def test_one_address_is_locked_after_20_failures_over_any_names(app, world, fake_clock):
    client = app.test_client()
    for number in range(20):
        assert sign_in(client, f"nama{number}", "salah", "10.0.0.7").status_code == 401
    locked = sign_in(client, "a_admin", PASSWORD, "10.0.0.7")
    assert locked.status_code == 429
    assert "dari alamat jaringan Anda" in locked.get_data(as_text=True)
    assert sign_in(client, "a_admin", PASSWORD, "10.0.0.8").status_code == 302


def test_every_worker_process_counts_the_same_failures(data_dir, request, world, fake_clock):
    """Two apps on one database (two gunicorn workers): failures add up across them."""
    first, second = make_app(data_dir, request), make_app(data_dir, request)
    for number in range(5):
        worker = (first if number % 2 else second).test_client()
        assert sign_in(worker, "a_admin", "salah").status_code == 401
    assert sign_in(first.test_client(), "a_admin", PASSWORD).status_code == 429
    assert sign_in(second.test_client(), "a_admin", PASSWORD).status_code == 429


def test_unknown_and_known_user_names_cost_the_same(client, world, monkeypatch):
    """Each answer runs one password hash of the method and rounds the stored hashes
    have, for an unknown name, a wrong password, a deactivated user and a right one."""
    checked: list[str] = []
    real_check = passwords.check_password_hash

    def counting_check(password_hash: str, password: str) -> bool:
        checked.append(password_hash.split("$", 1)[0])
        return real_check(password_hash, password)

    monkeypatch.setattr(passwords, "check_password_hash", counting_check)
    with client.application.extensions["docgen"].database.session() as session:
        stored = repo.get_user(session, "a_sek").password_hash.split("$", 1)[0]
        repo.get_user(session, "b_sek").active = False
    assert sign_in(client, "tidak-ada-sama-sekali", PASSWORD).status_code == 401
    assert sign_in(client, "a_sek", "salah-sandi").status_code == 401
    assert sign_in(client, "b_sek", PASSWORD).status_code == 401
    assert sign_in(client, "a_sek", PASSWORD).status_code == 302
    assert checked == [stored] * 4
    bodies = {sign_in(client, name, "salah").get_data(as_text=True)
              for name in ("tidak-ada", "a_admin")}
    assert len({re.sub(r'value="[^"]*"', "", body) for body in bodies}) == 1


def test_bad_api_tokens_get_429_after_20_from_one_address(client, world, token, fake_clock):
    url = "/api/v1/types"
    for number in range(20):
        answer = client.get(url, headers=bearer(f"dg_tebakan{number}"))
        assert answer.status_code == 401
    locked = client.get(url, headers=bearer(token))  # the right token waits too
    assert locked.status_code == 429 and locked.headers["Retry-After"] == "900"
    (error,) = locked.json["errors"]
    assert "token API yang tidak valid" in error["message"] and "15 menit" in error["message"]
    other = client.get(url, headers=bearer(token), environ_base={"REMOTE_ADDR": "10.2.2.2"})
    assert other.status_code == 200
    fake_clock.advance(minutes=15)
    assert client.get(url, headers=bearer(token)).status_code == 200


def test_requests_without_a_token_are_not_counted(client, world, token):
    for _ in range(30):
        assert client.get("/api/v1/types").status_code == 401
    assert client.get("/api/v1/types", headers=bearer(token)).status_code == 200
