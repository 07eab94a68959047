"""Migrations match the models; CLI: create-user, create-token, units; demo seed."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from docgen.storage import Database, repo
from docgen.storage.models import Base
from docgen.storage.seed import DEMO_UNITS, DEMO_USERS, seed_demo


def test_migrations_match_the_models(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'm.sqlite'}")
    database.migrate()
    database.migrate()  # idempotent
    with database.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    database.dispose()


def test_create_user_reads_the_password_from_stdin(runner, app):
    result = runner("create-user", "kabupaten", "--role", "admin_kabupaten",
                    input="sandi-yang-panjang\n")
    assert result.exit_code == 0, result.output
    assert "sandi-yang-panjang" not in result.output
    with app.extensions["docgen"].database.session() as session:
        assert repo.authenticate(session, "kabupaten", "sandi-yang-panjang") is not None


def test_create_user_errors_are_clear(runner):
    result = runner("create-user", "x", "--role", "admin_unit", input="sandi-yang-panjang\n")
    assert result.exit_code == 1
    assert "harus terikat pada satu unit" in result.output
    result = runner("create-user", "y", "--role", "bagian_hukum", input="pendek\n")
    assert "Kata sandi minimal 10 karakter" in result.output


def test_create_token_and_units(runner, world):
    result = runner("create-token", "a_admin")
    assert result.exit_code == 0 and result.output.startswith("dg_")
    assert runner("create-token", "tidak-ada").exit_code == 1
    listing = runner("units").output
    assert "Kecamatan Kalimanah" in listing and "dinas" in listing


def test_demo_seed_runs_once(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'd.sqlite'}")
    database.migrate()
    with database.session() as session:
        created = seed_demo(session)
        assert [c[:2] for c in created] == [u[:2] for u in DEMO_USERS]
        assert {u.jenis for u in repo.list_units(session)} == {u["jenis"] for u in DEMO_UNITS}
        for username, _, password in created:
            user = repo.get_user(session, username)
            assert password not in user.password_hash
            assert repo.authenticate(session, username, password) is not None
    with database.session() as session:
        assert seed_demo(session) == []
    database.dispose()
