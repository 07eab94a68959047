"""Archive records: hashes and a JSON round trip."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest

from docgen.review.archive import (
    ArchiveError,
    ArchiveRecord,
    is_document_id,
    new_document_id,
    sha256,
)


def record(**changes) -> ArchiveRecord:
    values = dict(document_id="2025-7KQ2-M9XD-3FBT", type="sk-kbk", unit="DPMPTSP",
                  author="andi", created_at=datetime(2025, 3, 15, 8, 30, tzinfo=UTC),
                  input_data={"nomor": "800/215/2024", "susunan": [{"nama": "ATO"}]},
                  template_sha256=sha256(b"template"), output_sha256=sha256(b"pdf"))
    return ArchiveRecord(**{**values, **changes})


def test_sha256_is_hex_digest():
    assert sha256(b"abc") == hashlib.sha256(b"abc").hexdigest()


def test_json_round_trip_keeps_every_field():
    original = record()
    again = ArchiveRecord.from_json(original.to_json())
    assert again == original
    assert again.created_at.tzinfo is not None
    assert '"document_id":"2025-7KQ2-M9XD-3FBT"' in original.to_json()


def test_record_is_frozen_and_keeps_its_own_input_copy():
    data = {"nomor": "1"}
    rec = record(input_data=data)
    data["nomor"] = "2"
    assert rec.input_data == {"nomor": "1"}
    with pytest.raises(AttributeError):
        rec.status = "dicabut"  # type: ignore[misc]
    assert rec.with_status("dicabut").status == "dicabut"
    assert rec.input_sha256 == record(input_data={"nomor": "1"}).input_sha256


def test_output_match_is_byte_exact():
    rec = record()
    assert rec.matches_output(b"pdf")
    assert not rec.matches_output(b"pdf ")


@pytest.mark.parametrize("changes, message", [
    ({"template_sha256": "abc"}, "template_sha256 harus SHA-256"),
    ({"status": "hilang"}, "status arsip tidak dikenal"),
])
def test_invalid_records_are_refused(changes, message):
    with pytest.raises(ArchiveError, match=message):
        record(**changes)


def test_from_json_refuses_broken_input():
    with pytest.raises(ArchiveError, match="bukan JSON"):
        ArchiveRecord.from_json("{")
    with pytest.raises(ArchiveError, match="tidak valid"):
        ArchiveRecord.from_json('{"document_id": "x"}')


def test_document_ids_are_random_and_well_formed():
    ids = {new_document_id(2025) for _ in range(50)}
    assert len(ids) == 50
    assert all(is_document_id(i) and i.startswith("2025-") for i in ids)
    assert not is_document_id("2025-0001")
