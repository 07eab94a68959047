"""Shared fixtures: settings, one warm LibreOffice for the whole run, readers."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import docx
import pypdf
import pytest

from docgen.config import Settings
from docgen.convert.warm import UnoserverConverter
from docgen.pipeline import Pipeline
from tests.pg import PgServer, on_postgres


@pytest.fixture(scope="session")
def settings(tmp_path_factory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="session")
def converter(settings):
    """A real warm LibreOffice (unoserver), started once per test run (the backend
    itself, without the fair scheduler ``make_converter`` puts in front of it)."""
    conv = UnoserverConverter(settings)
    conv.start()
    yield conv
    conv.stop()


@pytest.fixture(scope="session")
def pipeline(settings, converter) -> Pipeline:
    return Pipeline(settings, converter)


@pytest.fixture()
def docx_pipeline(settings) -> Pipeline:
    """For DOCX-only tests: no converter is started."""
    return Pipeline(settings)


@pytest.fixture(scope="session")
def pg_server():
    """A throw-away PostgreSQL server for the whole run (tests/pg.py); FAILS (never skips)
    where PostgreSQL is not installed."""
    try:
        server = PgServer()
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    server.start()
    yield server
    server.stop()


@pytest.fixture()
def pg_database(pg_server) -> str:
    """The URL of an empty PostgreSQL database of this test alone (dropped afterwards)."""
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url)


@pytest.fixture()
def database_for(request):
    """data dir -> the database URL of this test for it: None (docgen's SQLite file in the
    data dir), or with DOCGEN_TEST_DATABASE=postgresql one empty PostgreSQL database per
    data dir (the same dir twice: the same database, as with the SQLite file)."""
    if not on_postgres():
        yield lambda data_dir: None
        return
    server = request.getfixturevalue("pg_server")
    made: dict[Path, str] = {}

    def url(data_dir) -> str:
        key = Path(data_dir).resolve()
        if key not in made:
            made[key] = server.create_database()
        return made[key]

    yield url
    for database in made.values():
        server.drop_database(database)


@pytest.fixture(autouse=True)
def _databases_of_data_dirs(request, monkeypatch) -> None:
    """With DOCGEN_TEST_DATABASE=postgresql, docgen's default database of a data dir (what
    ``Settings.database`` answers without a ``database_url``: the app, the CLI, services)
    is that dir's PostgreSQL database of this test instead of ``docgen.sqlite`` in it -
    as if each data dir's deployment had its own DOCGEN_DATABASE_URL. Processes the test
    starts (``docgen serve``, gunicorn) keep SQLite."""
    if not on_postgres():
        return
    database_for = request.getfixturevalue("database_for")
    monkeypatch.setattr(Settings, "database", property(
        lambda settings: settings.database_url or database_for(settings.data_dir)))


def pytest_collection_modifyitems(config, items) -> None:
    """On the PostgreSQL pass, leave out tests marked ``sqlite_only`` (reason in the
    marker: they exercise SQLite itself); they run on the SQLite pass."""
    if not on_postgres():
        return
    left_out = [item for item in items if item.get_closest_marker("sqlite_only")]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker("sqlite_only")]


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _paragraph_text(paragraph) -> str:
    parts = []
    for node in paragraph.iter():
        name = node.tag.rsplit("}", 1)[-1]
        if name == "t":
            parts.append(node.text or "")
        elif name == "tab":
            parts.append("\t")
        elif name == "br":
            parts.append("\n")
    return "".join(parts)


def docx_text(data: bytes) -> str:
    """All text of a DOCX body, one line per paragraph (table cells included), in order;
    tabs and line breaks kept."""
    body = open_docx(data).element.body
    return "\n".join(_paragraph_text(p) for p in body.iter() if p.tag.endswith("}p"))


def pdf_text(data: bytes) -> str:
    """Text of a PDF as pdftotext lays it out (poppler-utils)."""
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data,
                            capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def pdf_reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def pdf_fonts(data: bytes) -> set[str]:
    """Base names of the fonts embedded in a PDF, subset prefix removed."""
    names = set()
    for page in pdf_reader(data).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            base = str(ref.get_object().get("/BaseFont", ""))
            names.add(base.lstrip("/").split("+", 1)[-1])
    return names
