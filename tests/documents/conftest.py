"""A documents database without any Flask app: migrated SQLite file (PostgreSQL with
DOCGEN_TEST_DATABASE=postgresql), bundled template versions registered, emblems stored,
units A and B, users per role."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from docgen.accounts.access import Actor
from docgen.accounts.emblems import stored_emblems
from docgen.config import Settings
from docgen.documents.previews import PreviewCache
from docgen.documents.services import DocumentService
from docgen.registry import REGISTRY
from docgen.review.catalog import register_bundled, regulation_of
from docgen.storage import Database, repo, settings_repo
from docgen.storage.seed import DEMO_UNITS
from tests.web.conftest import emblem_png

USERS = {"a_sek": ("sekretaris_kbk", "A"), "b_sek": ("sekretaris_kbk", "B"),
         "hukum": ("bagian_hukum", None)}


@dataclass
class World:
    settings: Settings
    database: Database
    units: dict[str, int]
    actors: dict[str, Actor]


@pytest.fixture()
def world(tmp_path: Path, monkeypatch) -> Iterator[World]:
    yield from build_world(tmp_path, monkeypatch, USERS)


def build_world(tmp_path: Path, monkeypatch, users: dict[str, tuple]) -> Iterator[World]:
    """The migrated database with units A and B, emblems and ``users`` (name -> (role,
    unit key or None[, nama])), disposed of afterwards."""
    from functools import partial

    from werkzeug.security import generate_password_hash

    monkeypatch.setattr(repo, "generate_password_hash",
                        partial(generate_password_hash, method="pbkdf2:sha256:1000"))
    settings = Settings(data_dir=tmp_path / "data")
    settings.data_dir.mkdir(parents=True)
    database = Database(settings.database)
    database.migrate()
    with database.session() as session:
        register_bundled(session)
        for key in ("lambang_daerah", "lambang_negara"):
            settings_repo.store_image(session, key, emblem_png(), "image/png", 240, 300, "admin")
        units = {"A": repo.create_unit(session, **DEMO_UNITS[0]).id,
                 "B": repo.create_unit(session, **DEMO_UNITS[1]).id}
        actors = {name: Actor.of(repo.create_user(
            session, name, "rahasia-123", role, units[unit] if unit else None,
            nama=nama[0] if nama else None)) for name, (role, unit, *nama) in users.items()}
    yield World(settings, database, units, actors)
    database.dispose()


def service_of(world: World, session, pipeline) -> DocumentService:
    """The service as the CLI builds it: explicit collaborators, no request."""
    return DocumentService(session, pipeline, world.settings, regulation_of(session),
                           stored_emblems(session), PreviewCache())


def sample(type_name: str) -> dict:
    return json.loads(json.dumps(REGISTRY.get(type_name).load_sample()))


def with_marker(type_name: str = "kbk-form-a") -> dict:
    """A valid Form A whose typed activity still carries a "TODO" marker."""
    data = sample(type_name)
    data["kegiatan"][0]["kegiatan"] = "TODO lengkapi nama kegiatan apel pagi"
    return data
