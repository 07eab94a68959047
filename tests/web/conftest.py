"""Fixtures of the web tests (Flask's tutorial pattern: app, client, runner) + helpers."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from werkzeug.datastructures import MultiDict

from docgen.config import Settings
from docgen.documents.schema_form import KEY, Spec, build_form
from docgen.registry import REGISTRY
from docgen.storage import repo
from docgen.storage.seed import DEMO_UNITS
from docgen.web import create_app
from tests.pg import on_postgres

PASSWORD = "rahasia-123"
# username -> (role, unit key or None)
USERS = {
    "admin": ("admin_kabupaten", None),
    "hukum": ("bagian_hukum", None),
    "hukum2": ("bagian_hukum", None),  # the second pair of eyes for approvals
    "pembinaan": ("tim_pembinaan", None),  # Tim Pembinaan / Tim RBI: reads the program
    "a_admin": ("admin_unit", "A"),
    "a_sek": ("sekretaris_kbk", "A"),
    "b_admin": ("admin_unit", "B"),
    "b_sek": ("sekretaris_kbk", "B"),
}


class LazyConverter:
    """Starts the session's real LibreOffice only when a test converts a document."""

    def __init__(self, request: pytest.FixtureRequest):
        self.request = request
        self._lock = threading.Lock()  # pytest's fixture lookup is not thread-safe
        self._found = None

    def _real(self):
        with self._lock:  # job threads convert in parallel: look the fixture up once
            if self._found is None:
                self._found = self.request.getfixturevalue("converter")
            return self._found

    def start(self) -> None:
        self._real().start()

    def convert(self, docx: bytes, *, pdfa: bool = False) -> bytes:
        return self._real().convert(docx, pdfa=pdfa)

    def stop(self) -> None:
        """The session fixture stops LibreOffice."""


@dataclass
class World:
    units: dict[str, int]  # "A" (a dinas), "B" (a kecamatan) -> unit id
    users: dict[str, int]


def make_app(data_dir: Path, request: pytest.FixtureRequest, **config):
    config.setdefault("TESTING", True)
    config.setdefault("WTF_CSRF_ENABLED", False)
    return create_app(Settings(data_dir=data_dir), shared_converter=LazyConverter(request),
                      **config)


@pytest.fixture(autouse=True)
def quick_password_hashes(monkeypatch):
    """Cheap hashes for test users (test_auth checks the real default separately)."""
    from functools import partial

    from werkzeug.security import generate_password_hash

    monkeypatch.setattr(repo, "generate_password_hash",
                        partial(generate_password_hash, method="pbkdf2:sha256:1000"))


@pytest.fixture()
def data_dir(tmp_path, request, monkeypatch) -> Path:
    path = tmp_path / "data"
    if on_postgres():  # what the test starts (docgen serve) reaches this dir's database
        monkeypatch.setenv("DOCGEN_DATABASE_URL", request.getfixturevalue("database_for")(path))
    return path


@pytest.fixture()
def app(data_dir, request):
    return make_app(data_dir, request)


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def runner(data_dir, monkeypatch):
    """Runs the real ``docgen`` CLI (web commands registered) on the test data dir."""
    from docgen.cli import cli

    monkeypatch.setenv("DOCGEN_DATA_DIR", str(data_dir))
    cli_runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return cli_runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


def emblem_png(size: tuple[int, int] = (240, 300), color=(180, 20, 30, 255)) -> bytes:
    """A small real PNG (a filled shield-like shape on transparency) for an emblem."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.polygon([(w * .1, h * .05), (w * .9, h * .05), (w * .9, h * .6), (w * .5, h * .95),
                  (w * .1, h * .6)], fill=color, outline=(0, 0, 0, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


TEST_EMBLEMS = {"lambang_daerah": emblem_png(), "lambang_negara": emblem_png(
    (260, 280), (200, 160, 20, 255))}


def store_emblems(app, keys: tuple[str, ...] = tuple(TEST_EMBLEMS)) -> dict[str, bytes]:
    """Store the test emblems as if admin_kabupaten had uploaded them (no audit event)."""
    import io

    from PIL import Image

    from docgen.storage import settings_repo

    with app.extensions["docgen"].database.session() as session:
        for key in keys:
            width, height = Image.open(io.BytesIO(TEST_EMBLEMS[key])).size
            settings_repo.store_image(session, key, TEST_EMBLEMS[key], "image/png", width,
                                      height, "admin")
    return {key: TEST_EMBLEMS[key] for key in keys}


def clear_emblems(app) -> None:
    """No stored emblems: documents print the placeholder and cannot be marked final."""
    from docgen.storage import settings_repo

    with app.extensions["docgen"].database.session() as session:
        for key in TEST_EMBLEMS:
            settings_repo.delete_images(session, key)


@pytest.fixture()
def world(app) -> World:
    """Units A and B, one user per role, and the emblems stored (finals need them;
    ``clear_emblems(app)`` for a system where they were never uploaded)."""
    store_emblems(app)
    database = app.extensions["docgen"].database
    with database.session() as session:
        units = {"A": repo.create_unit(session, **DEMO_UNITS[0]).id,
                 "B": repo.create_unit(session, **DEMO_UNITS[1]).id}
        users = {name: repo.create_user(session, name, PASSWORD, role,
                                        units[unit] if unit else None).id
                 for name, (role, unit) in USERS.items()}
    return World(units, users)


def login(client, username: str) -> None:
    response = client.post("/masuk", data={"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.data[:500]


def add_document(app, type_name: str, unit_id: int | None, data: dict,
                 final: bool = False) -> int:
    """A document straight in the database (final ones are rendered and archived)."""
    with app.test_request_context():
        from docgen.documents.archive import SYSTEM
        from docgen.web import context

        session = context.db()
        document = repo.create_document(session, type_name, unit_id, None, data)
        if final:
            context.documents().renderer.finalize(document, SYSTEM)
        session.commit()
        doc_id = document.id
        context.close_db()
    return doc_id


def sample(type_name: str) -> dict:
    return json.loads(json.dumps(REGISTRY.get(type_name).load_sample()))


def form_fields(type_name: str, data: dict) -> MultiDict:
    """What a browser posts for ``data`` in the generated form of ``type_name``."""
    spec = build_form(REGISTRY.get(type_name).schema())
    fields = MultiDict()
    _flatten(spec, data, "", fields)
    return fields


def _flatten(spec: Spec, data, prefix: str, fields: MultiDict) -> None:
    for child in spec.children:
        path = f"{prefix}.{child.name}" if prefix else child.name
        value = data.get(child.name) if isinstance(data, dict) else None
        if value is None:
            continue
        if child.kind == "object":
            _flatten(child, value, path, fields)
        elif child.is_rows:
            rows = ([{KEY: k, **(v if isinstance(v, dict) else {"__value__": v})}
                     for k, v in value.items()] if child.kind == "map" else value)
            row_spec = Spec(child.name, child.label, "object", children=child.children)
            for i, row in enumerate(rows):
                _flatten(row_spec, row, f"{path}[{i}]", fields)
        elif child.kind == "checkbox":
            if value:
                fields.add(path, "1")
        elif child.kind == "lines":
            fields.add(path, (" " if child.item_kind != "text" else "\n").join(
                str(v) for v in value))
        elif child.kind == "json":
            fields.add(path, json.dumps(value))
        elif child.kind == "choices":  # one ticked checkbox per chosen value
            for item in value:
                fields.add(path, str(item))
        else:
            fields.add(path, str(value))


def user_for_type(type_name: str) -> str:
    """A test user (of unit A where the role belongs to a unit) who drafts this type."""
    roles = REGISTRY.get(type_name).roles
    for name, (role, unit) in USERS.items():
        if role in roles and unit in (None, "A"):
            return name
    raise AssertionError(f"no test user drafts {type_name}")


# -- templates built in the tests (legal review) ----------------------------------------
BIAYA_OLD = "Segala biaya yang timbul"
BIAYA_NEW = ("Segala biaya yang timbul sebagai akibat ditetapkannya Keputusan ini dibebankan "
             "pada Dokumen Pelaksanaan Anggaran satuan kerja yang dipimpin oleh "
             "{{ penandatangan.jabatan }}.")


def reworded_template(type_name: str = "sk-kbk", prefix: str = BIAYA_OLD,
                      text: str = BIAYA_NEW, extra: tuple[str, ...] = ()) -> bytes:
    """The bundled template with the first paragraph (tables included) starting with
    ``prefix`` rewritten to ``text``, and paragraphs ``extra`` added at the end."""
    import io

    import docx
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(REGISTRY.get(type_name).template.read_bytes()))
    body = document.element.body
    paragraphs = [Paragraph(p, document) for p in body.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")]
    if prefix:
        target = next(p for p in paragraphs if p.text.startswith(prefix))
        for run in target.runs[1:]:
            run.text = ""
        target.runs[0].text = text
    for line in extra:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture()
def token(runner, world) -> str:
    """An API token of a_admin (created through the CLI, as the README says)."""
    result = runner("create-token", "a_admin")
    assert result.exit_code == 0, result.output
    return result.output.strip()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture()
def user_headers(runner, world) -> dict[str, dict[str, str]]:
    """username -> the bearer header of a token made for them through the CLI."""
    headers = {}
    for name in USERS:
        result = runner("create-token", name)
        assert result.exit_code == 0, result.output
        headers[name] = bearer(result.output.strip())
    return headers
