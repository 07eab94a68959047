"""Templates built in the tests: payloads added with python-docx, hand-made ZIPs; the
review service's database (a migrated SQLite file with the bundled versions), its users
and a session."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from functools import partial

import docx
import pytest
from werkzeug.security import generate_password_hash

from docgen.accounts.access import Actor
from docgen.registry import REGISTRY
from docgen.review import catalog
from docgen.storage import Database, repo
from docgen.storage.seed import DEMO_UNITS

GIGABYTE = 1 << 30


@pytest.fixture(scope="session")
def sk_kbk() -> bytes:
    return REGISTRY.get("sk-kbk").template.read_bytes()


@pytest.fixture(scope="session")
def with_paragraph(sk_kbk) -> Callable[..., bytes]:
    """A copy of sk-kbk.docx with paragraphs (e.g. a payload) added at the end."""

    def build(*texts: str) -> bytes:
        document = docx.Document(io.BytesIO(sk_kbk))
        for text in texts:
            document.add_paragraph(text)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    return build


@pytest.fixture(scope="session")
def replace_paragraph(sk_kbk) -> Callable[[str, str], bytes]:
    """A copy of sk-kbk.docx with the first paragraph starting ``prefix`` rewritten."""

    def build(prefix: str, text: str) -> bytes:
        document = docx.Document(io.BytesIO(sk_kbk))
        paragraph = next(p for p in document.paragraphs if p.text.startswith(prefix))
        for run in paragraph.runs[1:]:
            run.text = ""
        paragraph.runs[0].text = text
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    return build


@pytest.fixture(scope="session")
def with_members(sk_kbk) -> Callable[..., bytes]:
    """A copy of sk-kbk.docx with some ZIP members replaced or added (name=bytes)."""

    def build(members: dict[str, bytes]) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(sk_kbk)) as source, \
                zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                if info.filename not in members:
                    target.writestr(info.filename, source.read(info.filename))
            for name, payload in members.items():
                target.writestr(name, payload)
        return out.getvalue()

    return build


@pytest.fixture(scope="session")
def zip_bomb(sk_kbk) -> bytes:
    """A DOCX-shaped ZIP whose word/document.xml inflates to 1 GB of zeros (~1 MB file)."""
    chunk = bytes(4 << 20)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(sk_kbk)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        target.writestr("[Content_Types].xml", source.read("[Content_Types].xml"))
        with target.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(GIGABYTE // len(chunk)):
                member.write(chunk)
        for info in source.infolist():
            if info.filename not in ("[Content_Types].xml", "word/document.xml"):
                target.writestr(info.filename, source.read(info.filename))
    return out.getvalue()


@pytest.fixture()
def database(tmp_path, monkeypatch, database_for) -> Database:
    monkeypatch.setattr(repo, "generate_password_hash",
                        partial(generate_password_hash, method="pbkdf2:sha256:1000"))
    database = Database(database_for(tmp_path) or f"sqlite:///{tmp_path / 'docgen.db'}")
    database.migrate()
    with database.session() as session:
        catalog.register_bundled(session)
    yield database
    database.dispose()


@pytest.fixture()
def actors(database) -> dict[str, Actor]:
    with database.session() as session:
        unit = repo.create_unit(session, **DEMO_UNITS[0])
        users = [repo.create_user(session, "hukum", "rahasia-123", "bagian_hukum"),
                 repo.create_user(session, "hukum2", "rahasia-123", "bagian_hukum"),
                 repo.create_user(session, "admin", "rahasia-123", "admin_kabupaten"),
                 repo.create_user(session, "a_admin", "rahasia-123", "admin_unit", unit.id)]
        return {user.username: Actor.of(user) for user in users}


@pytest.fixture()
def session(database):
    with database.sessions() as session:
        yield session
