"""``docgen finalize DOCUMENT_ID --as USERNAME`` on a real database (real LibreOffice:
the session's, reached as an external converter)."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from docgen.cli import cli
from docgen.storage import repo
from tests.documents.conftest import sample, service_of, with_marker

ID = re.compile(r"^\d{4}(-[0-9A-Z]{4}){3}$")


@pytest.fixture()
def finalize(world, converter, monkeypatch):
    converter.start()
    monkeypatch.setenv("DOCGEN_DATA_DIR", str(world.settings.data_dir))
    monkeypatch.setenv("DOCGEN_CONVERTER_EXTERNAL", "1")
    monkeypatch.setenv("DOCGEN_CONVERTER_PORT", str(converter._port))

    def run(doc_id: int, username: str):
        return CliRunner().invoke(cli, ["finalize", str(doc_id), "--as", username])
    return run


def _draft(world, pipeline, data: dict) -> int:
    with world.database.session() as session:
        return service_of(world, session, pipeline).create_draft(
            world.actors["a_sek"], "kbk-form-a", data).id


def _status(world, doc_id: int) -> str:
    with world.database.session() as session:
        return repo.get_document(session, doc_id).status


def test_finalize_prints_the_verification_id(world, pipeline, finalize):
    doc_id = _draft(world, pipeline, sample("kbk-form-a"))
    result = finalize(doc_id, "a_sek")
    assert result.exit_code == 0, result.output
    assert ID.match(result.stdout.strip()), result.stdout
    assert _status(world, doc_id) == "final"
    again = finalize(doc_id, "a_sek")
    assert again.exit_code == 2 and "sudah final" in again.stderr


def test_refusal_exits_2_with_the_reasons_and_stays_a_draft(world, pipeline, finalize):
    doc_id = _draft(world, pipeline, with_marker())
    result = finalize(doc_id, "a_sek")
    assert result.exit_code == 2
    assert "tetap draf" in result.stderr and "TODO" in result.stderr
    assert result.stdout == ""
    assert _status(world, doc_id) == "draft"


def test_who_may_not_finalize_exits_2(world, pipeline, finalize):
    doc_id = _draft(world, pipeline, sample("kbk-form-a"))
    assert "tidak ditemukan" in finalize(doc_id, "b_sek").stderr  # another unit's
    denied = finalize(doc_id, "hukum")
    assert denied.exit_code == 2 and "tidak berwenang" in denied.stderr
    assert finalize(doc_id, "nobody").exit_code == 2
    assert _status(world, doc_id) == "draft"
