"""docgen on PostgreSQL (issue 13, item 4), always run: a throw-away server (tests/pg.py)
started for the run; without PostgreSQL installed these tests FAIL, saying to run
``./setup.sh --test``.

Every migration from an empty database to head and back, the schema equal to the models,
concurrent starts migrating once, the finalise race of four requests, login throttling and
session ends seen by a second app on the same database, document ids never reused."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select
from werkzeug.security import generate_password_hash

from docgen.config import Settings
from docgen.storage import Database, repo
from docgen.storage.db import alembic_config
from docgen.storage.models import Base, Document
from docgen.storage.seed import DEMO_UNITS, DEMO_USERS, seed_demo
from docgen.web import create_app
from tests.web.conftest import PASSWORD, LazyConverter, add_document, login, sample
from tests.web.conftest import store_emblems as store_test_emblems
from tests.web.test_finalize_race import CALLERS, TYPE, _assert_one_final, _at_once, _clients
from tests.web.test_login_throttle import sign_in


@pytest.fixture(autouse=True)
def quick_password_hashes(monkeypatch):
    monkeypatch.setattr(repo, "generate_password_hash",
                        partial(generate_password_hash, method="pbkdf2:sha256:1000"))


def _revision(database: Database) -> str | None:
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _schema_differences(database: Database) -> list:
    with database.engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), Base.metadata)


def test_every_migration_upgrades_from_empty_and_the_schema_is_the_models(pg_database):
    config = alembic_config(pg_database)
    script = ScriptDirectory.from_config(config)
    revisions = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert revisions[0] == "0001" and len(revisions) >= 5
    database = Database(pg_database)
    try:
        for revision in revisions:  # one step at a time, as a long-running install did
            command.upgrade(config, revision)
            assert _revision(database) == revision
        assert _schema_differences(database) == []
        database.migrate()  # at head: nothing to do
        assert _revision(database) == script.get_current_head()
        command.downgrade(config, "base")  # every downgrade too, then up again at once
        assert inspect(database.engine).get_table_names() == ["alembic_version"]
        database.migrate()
        assert _schema_differences(database) == []
    finally:
        database.dispose()


def test_servers_starting_together_migrate_and_seed_once(pg_database):
    """Four servers' first start on an empty database (what ``docgen serve`` does before
    serving): the advisory lock lets one migrate while the others wait and find the
    schema at head; the demo units and users are created once."""
    databases = [Database(pg_database) for _ in range(4)]
    barrier = threading.Barrier(len(databases))

    def start(database: Database) -> list:
        barrier.wait()
        database.migrate()
        with database.session() as session:
            return seed_demo(session)

    try:
        with ThreadPoolExecutor(len(databases)) as pool:
            seeded = [r for r in pool.map(start, databases) if r]
        head = ScriptDirectory.from_config(alembic_config(pg_database)).get_current_head()
        assert {_revision(d) for d in databases} == {head}
        assert _schema_differences(databases[0]) == []
        assert len(seeded) == 1 and [u[:2] for u in seeded[0]] == [u[:2] for u in DEMO_USERS]
        with databases[0].session() as session:
            assert len(repo.list_users(session)) == len(DEMO_USERS)
            assert len(repo.list_units(session)) == len(DEMO_UNITS)
    finally:
        for database in databases:
            database.dispose()


def _app(tmp_path, name: str, url: str, request):
    """One app (one gunicorn worker, its own working directory) on the shared database."""
    settings = Settings(data_dir=tmp_path / name, database_url=url, secret_key="k" * 40)
    return create_app(settings, shared_converter=LazyConverter(request), TESTING=True,
                      WTF_CSRF_ENABLED=False)


def _users(app) -> dict[str, int]:
    store_test_emblems(app)
    with app.extensions["docgen"].database.session() as session:
        unit = repo.create_unit(session, **DEMO_UNITS[0]).id
        repo.create_user(session, "a_sek", PASSWORD, "sekretaris_kbk", unit)
        repo.create_user(session, "a_admin", PASSWORD, "admin_unit", unit)
    return {"A": unit}


def test_the_finalise_race_makes_one_final_on_postgresql(tmp_path, pg_database, request,
                                                         converter):
    app = _app(tmp_path, "one", pg_database, request)
    units = _users(app)
    doc_id = add_document(app, TYPE, units["A"], sample(TYPE))
    clients = _clients(app, "a_sek")
    responses = _at_once([lambda c=c: c.post(f"/dokumen/{doc_id}/final") for c in clients])
    assert [r.status_code for r in responses] == [303] * CALLERS, \
        [r.get_data(as_text=True)[:300] for r in responses]
    _assert_one_final(app, doc_id)


def test_a_second_app_sees_login_failures_and_session_ends(tmp_path, pg_database, request):
    first = _app(tmp_path, "one", pg_database, request)
    second = _app(tmp_path, "two", pg_database, request)
    _users(first)
    for number in range(5):  # failures counted alternately by the two workers
        worker = (first if number % 2 else second).test_client()
        assert sign_in(worker, "a_admin", "salah").status_code == 401
    assert sign_in(second.test_client(), "a_admin", PASSWORD).status_code == 429
    assert sign_in(first.test_client(), "a_admin", PASSWORD).status_code == 429

    browser = first.test_client()
    login(browser, "a_sek")
    elsewhere = second.test_client()  # the same cookie, served by the other worker
    elsewhere.set_cookie("session", browser.get_cookie("session").value)
    assert elsewhere.get("/dokumen").status_code == 200
    assert browser.post("/keluar").status_code == 302  # logout on the first worker
    ended = elsewhere.get("/dokumen")
    assert ended.status_code == 302 and "/masuk" in ended.headers["Location"]


def test_document_ids_are_never_reused(pg_database):
    # a plain postgresql:// URL means psycopg 3 (the postgres extra), not psycopg2
    database = Database(pg_database.replace("postgresql+psycopg://", "postgresql://"))
    database.migrate()
    try:
        with database.session() as session:
            kept = repo.create_document(session, "kbk-form-a", None, None, {}).id
            newest = repo.create_document(session, "kbk-form-a", None, None, {})
            session.flush()
            deleted = newest.id
            repo.delete_document(session, newest)
        with database.session() as session:
            again = repo.create_document(session, "kbk-form-a", None, None, {})
            session.flush()
            assert again.id > deleted > kept
            assert session.scalars(select(Document.id).order_by(Document.id)).all() == [
                kept, again.id]
    finally:
        database.dispose()


def test_a_locked_row_is_503_and_a_full_disk_507(tmp_path, pg_database, request):
    """PostgreSQL's lock timeout (a real one: another transaction holds the row) is the
    busy answer with Retry-After; its disk_full (53100) the full-storage one."""
    import psycopg
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    from docgen.web import context

    app = _app(tmp_path, "one", pg_database, request)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    _users(app)
    database = app.extensions["docgen"].database

    def locked():
        with database.engine.connect() as holder:
            holder.execute(text("SELECT * FROM units FOR UPDATE"))
            session = context.db()
            session.execute(text("SET LOCAL lock_timeout = '50ms'"))
            session.execute(text("UPDATE units SET nama = nama"))
        return "tidak terkunci"

    def full():
        raise OperationalError("INSERT", {}, psycopg.errors.DiskFull("could not extend"))

    for rule, view in (("locked", locked), ("full", full)):
        app.add_url_rule(f"/{rule}", rule, view)
        app.add_url_rule(f"/api/v1/{rule}", f"api_{rule}", view)
    client = app.test_client()
    login(client, "a_sek")
    response = client.get("/locked")
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert "Server sedang sibuk" in response.get_data(as_text=True)
    assert client.get("/api/v1/locked").get_json()["errors"][0]["field"] == "(server)"
    response = client.get("/full")
    assert response.status_code == 507
    assert "Penyimpanan server penuh" in response.get_data(as_text=True)
    assert client.get("/api/v1/full").get_json()["errors"][0]["field"] == "(penyimpanan)"


def test_a_nul_character_is_a_400_not_a_500(tmp_path, pg_database, request):
    """PostgreSQL's text holds no NUL (SQLite's does): a user name or a search with one is
    refused as input, by field "(input)"."""
    app = _app(tmp_path, "one", pg_database, request)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    _users(app)
    client = app.test_client()
    refused = client.post("/masuk", data={"username": "a_sek\x00", "password": PASSWORD})
    assert refused.status_code == 400
    assert "karakter NUL" in refused.get_data(as_text=True)
    login(client, "a_sek")
    assert client.get("/dokumen?q=800%00").status_code == 400
    assert client.get("/dokumen?q=800").status_code == 200


def test_the_year_and_text_filters_read_the_json_data(pg_database):
    """The list's year rule (tanggal, else tahun) and search on PostgreSQL's json: a
    draft's tahun that is no number never breaks the query; the search ignores case."""
    from docgen.storage.document_query import Criteria, find_documents

    database = Database(pg_database)
    database.migrate()
    try:
        with database.session() as session:
            for data in ({"tahun": 2025}, {"tahun": "2025"}, {"tahun": "dua ribu"},
                         {"tanggal": "2025-03-01", "nomor": "800/12/Bag.Hukum"},
                         {"tanggal": "2024-12-31", "tahun": 2025}):
                repo.create_document(session, "kbk-form-a", None, None, data)
        with database.session() as session:
            found, total = find_documents(session, Criteria(year=2025), 0, None)
            assert total == 3 and sorted(d.id for d in found) == [1, 2, 4]
            found, total = find_documents(session, Criteria(text="bag.hukum"), 0, None)
            assert [d.id for d in found] == [4]
    finally:
        database.dispose()
