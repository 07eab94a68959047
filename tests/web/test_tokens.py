"""API tokens (issue 10, finding 9): expiry (``create-token --days``), revoke through the
CLI and the admin page, deactivation revokes them for good, tokens made before expiry
existed get one on migration. Time is moved, never slept."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import sqlalchemy as sa
from alembic import command

from docgen.storage import Database
from docgen.storage.db import alembic_config
from tests.accounts.conftest import FakeClock
from tests.web.conftest import bearer, login

TYPES = "/api/v1/types"


@pytest.fixture()
def fake_clock(monkeypatch) -> FakeClock:
    from docgen.accounts import clock

    fake = FakeClock()
    monkeypatch.setattr(clock, "now", fake)
    return fake


def new_token(runner, username: str, *options: str) -> str:
    result = runner("create-token", username, *options)
    assert result.exit_code == 0, result.output
    return result.output.strip()


def listed(runner, username: str) -> dict[str, tuple[int, str]]:
    """``docgen tokens USER``: prefix -> (id, status)."""
    result = runner("tokens", username)
    assert result.exit_code == 0, result.output
    rows = re.findall(r"^\s*(\d+)\s+\S+\s+(dg_\S+)…\s+(\S+)", result.output, re.M)
    return {prefix: (int(token_id), state) for token_id, prefix, state in rows}


def test_tokens_expire_after_their_days(client, runner, world, fake_clock):
    two_days = new_token(runner, "a_admin", "--days", "2")
    default = new_token(runner, "a_admin")
    assert client.get(TYPES, headers=bearer(two_days)).status_code == 200
    fake_clock.advance(days=2)
    assert client.get(TYPES, headers=bearer(two_days)).status_code == 401
    fake_clock.advance(days=87, hours=23)
    assert client.get(TYPES, headers=bearer(default)).status_code == 200
    fake_clock.advance(hours=1)
    assert client.get(TYPES, headers=bearer(default)).status_code == 401
    states = [state for _, state in listed(runner, "a_admin").values()]
    assert states == ["kedaluwarsa", "kedaluwarsa"]


def test_create_token_refuses_days_out_of_range(runner, world):
    for days in ("0", "4000"):
        result = runner("create-token", "a_admin", "--days", days)
        assert result.exit_code == 1
        assert "Masa berlaku token harus 1–3650 hari" in result.output


def test_revoke_token_through_the_cli(client, runner, world):
    kept, dropped = new_token(runner, "a_admin"), new_token(runner, "a_admin")
    other = new_token(runner, "a_sek")
    tokens = listed(runner, "a_admin")
    assert {state for _, state in tokens.values()} == {"aktif"}
    assert kept not in runner("tokens").output  # only the prefix is ever shown
    dropped_id, _ = tokens[dropped[:10]]
    result = runner("revoke-token", "a_admin", "--id", str(dropped_id))
    assert result.exit_code == 0 and f"1 token a_admin dicabut: {dropped[:10]}…" in result.output
    assert client.get(TYPES, headers=bearer(dropped)).status_code == 401
    assert client.get(TYPES, headers=bearer(kept)).status_code == 200
    other_id, _ = listed(runner, "a_sek")[other[:10]]
    refused = runner("revoke-token", "a_admin", "--id", str(other_id))
    assert refused.exit_code == 1 and "bukan milik a_admin" in refused.output
    assert runner("revoke-token", "a_admin").exit_code == 2  # --id or --all is required
    result = runner("revoke-token", "a_admin", "--all")
    assert result.exit_code == 0 and "1 token a_admin dicabut" in result.output
    assert client.get(TYPES, headers=bearer(kept)).status_code == 401
    assert client.get(TYPES, headers=bearer(other)).status_code == 200


def test_admin_page_makes_lists_and_revokes_tokens(app, client, world, fake_clock):
    login(client, "admin")
    made = client.post("/admin/token", data={"username": "a_sek", "days": "30"})
    assert made.status_code == 201
    token = re.search(r"<code class=\"hash\">(dg_[^<]+)</code>", made.get_data(True))[1]
    api = app.test_client()
    assert api.get(TYPES, headers=bearer(token)).status_code == 200
    page = client.get("/admin/token").get_data(as_text=True)
    assert token not in page and f"{token[:10]}…" in page  # the secret is shown once
    row = page[page.index(f"{token[:10]}…"):]
    row = row[:row.index("</tr>")]
    assert "06-01-2025 08:00" in row and "05-02-2025 08:00" in row and "aktif" in row
    token_id = re.search(r"/admin/token/(\d+)/cabut", row)[1]
    assert client.post(f"/admin/token/{token_id}/cabut").status_code == 303
    assert api.get(TYPES, headers=bearer(token)).status_code == 401
    page = client.get("/admin/token").get_data(as_text=True)
    assert "dicabut oleh admin" in page and f"/admin/token/{token_id}/cabut" not in page


def test_admin_page_refuses_bad_days_by_field(client, world):
    login(client, "admin")
    for days in ("nol", "0"):
        answer = client.post("/admin/token", data={"username": "a_sek", "days": days})
        assert answer.status_code == 422
        assert "Masa berlaku token harus" in answer.get_data(as_text=True)


def test_only_admin_kabupaten_manages_tokens_on_the_page(client, runner, world):
    new_token(runner, "a_sek")
    token_id = next(iter(listed(runner, "a_sek").values()))[0]
    login(client, "a_admin")
    assert client.get("/admin/token").status_code == 403
    assert client.post("/admin/token", data={"username": "a_sek", "days": "9"}
                       ).status_code == 403
    assert client.post(f"/admin/token/{token_id}/cabut").status_code == 403
    assert [state for _, state in listed(runner, "a_sek").values()] == ["aktif"]


def test_reactivating_a_user_does_not_revive_their_tokens(app, client, runner, world):
    token = new_token(runner, "a_sek")
    assert client.get(TYPES, headers=bearer(token)).status_code == 200
    admin = app.test_client()
    login(admin, "admin")
    admin.post(f"/admin/pengguna/{world.users['a_sek']}/aktif")  # deactivate
    assert client.get(TYPES, headers=bearer(token)).status_code == 401
    admin.post(f"/admin/pengguna/{world.users['a_sek']}/aktif")  # activate again
    assert client.get(TYPES, headers=bearer(token)).status_code == 401
    assert "pengguna dinonaktifkan" in admin.get("/admin/token").get_data(as_text=True)
    assert client.get(TYPES, headers=bearer(new_token(runner, "a_sek"))).status_code == 200


def test_tokens_made_before_expiry_existed_expire_90_days_after_creation(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'old.sqlite'}")
    config = alembic_config(database.url)
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
        connection.execute(sa.text(
            "INSERT INTO users (id, username, password_hash, role, active, created_at) "
            "VALUES (1, 'lama', 'x', 'bagian_hukum', 1, '2024-01-01 00:00:00')"))
        connection.execute(sa.text(
            "INSERT INTO api_tokens (user_id, token_hash, prefix, created_at) "
            "VALUES (1, 'abc', 'dg_lama', '2024-03-01 10:00:00')"))
    database.migrate()
    with database.engine.connect() as connection:
        expires, version = connection.execute(sa.text(
            "SELECT t.expires_at, u.session_version FROM api_tokens t "
            "JOIN users u ON u.id = t.user_id")).one()
    database.dispose()
    assert str(expires).startswith(str(dt.datetime(2024, 5, 30, 10, 0)))
    assert version == 0
