"""Version workflow: checked uploads, four eyes, one approved version per type."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from docgen.domain.regulation import DATA_DIR
from docgen.review.archive import sha256
from docgen.review.versions import (
    CheckFailed,
    DataVersion,
    FourEyesError,
    ReviewError,
    TemplateVersion,
    approve,
    current,
    propose_data,
    propose_template,
    retire,
)

T0 = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def approved_v1(sk_kbk) -> TemplateVersion:
    draft = propose_template([], "sk-kbk", sk_kbk, "andi", "versi awal", now=T0)
    return approve([draft], draft, "budi", sk_kbk, now=T0).approved


def test_upload_that_passes_the_check_becomes_a_draft(sk_kbk):
    draft = propose_template([], "sk-kbk", sk_kbk, " andi ", "versi awal", now=T0)
    assert (draft.type, draft.number, draft.status, draft.author) == (
        "sk-kbk", 1, "draft", "andi")
    assert draft.sha256 == sha256(sk_kbk)
    assert draft.to_dict()["created_at"] == T0.isoformat()
    assert draft.to_dict()["kind"] == "template"


def test_upload_that_fails_the_check_is_refused(with_paragraph):
    with pytest.raises(CheckFailed) as info:
        propose_template([], "sk-kbk", with_paragraph("{{ ''.__class__ }}"), "andi")
    assert info.value.problems[0].code == "security"
    assert "templat sk-kbk ditolak" in str(info.value)


def test_same_content_twice_is_refused(sk_kbk, approved_v1):
    with pytest.raises(ReviewError, match="sama persis dengan templat sk-kbk versi 1"):
        propose_template([approved_v1], "sk-kbk", sk_kbk, "citra")


def test_uploader_cannot_approve_their_own_version(with_paragraph, approved_v1):
    data = with_paragraph("Catatan {{ nama_kbk }}")
    draft = propose_template([approved_v1], "sk-kbk", data, "Citra")
    assert draft.number == 2
    with pytest.raises(FourEyesError, match="prinsip empat mata") as info:
        approve([approved_v1, draft], draft, " citra ", data)
    assert "diunggah oleh Citra" in str(info.value)


def test_approving_retires_the_previous_version(with_paragraph, approved_v1):
    data = with_paragraph("Catatan {{ nama_kbk }}")
    draft = propose_template([approved_v1], "sk-kbk", data, "citra", now=T0)
    later = datetime(2025, 2, 1, tzinfo=UTC)
    result = approve([approved_v1, draft], draft, "budi", data, now=later)
    assert (result.approved.status, result.approved.approved_by) == ("approved", "budi")
    assert result.approved.approved_at == later
    [old] = result.retired
    assert (old.number, old.status, old.retired_at) == (1, "retired", later)
    assert current([old, result.approved], "sk-kbk") == result.approved


def test_approval_requires_the_exact_checked_bytes(with_paragraph, sk_kbk, approved_v1):
    data = with_paragraph("Catatan {{ nama_kbk }}")
    draft = propose_template([approved_v1], "sk-kbk", data, "citra")
    with pytest.raises(ReviewError, match="SHA-256 berbeda"):
        approve([approved_v1, draft], draft, "budi", sk_kbk)


def test_approval_reruns_the_check(with_paragraph):
    bad = with_paragraph("{{ tidak_ada }}")
    smuggled = TemplateVersion("sk-kbk", 7, sha256(bad), "citra", T0)  # e.g. stored by hand
    with pytest.raises(CheckFailed, match="tidak lolos pemeriksaan") as info:
        approve([], smuggled, "budi", bad)
    assert info.value.problems[0].code == "unknown_variable"


def test_only_drafts_are_approved_or_withdrawn(sk_kbk, approved_v1):
    with pytest.raises(ReviewError, match="hanya versi berstatus draft"):
        approve([approved_v1], approved_v1, "dewi", sk_kbk)
    with pytest.raises(ReviewError, match="tetap punya satu versi"):
        retire(approved_v1)
    draft = TemplateVersion("sk-kbk", 3, "0" * 64, "citra", T0)
    assert retire(draft, now=T0).status == "retired"


def test_two_approved_versions_are_an_inconsistency(approved_v1):
    twin = TemplateVersion("sk-kbk", 2, "1" * 64, "x", T0, status="approved")
    with pytest.raises(ReviewError, match="lebih dari satu versi disetujui"):
        current([approved_v1, twin], "sk-kbk")
    assert current([approved_v1, twin], "sk-agen-perubahan") is None


def test_unknown_type_or_data_set_is_refused(sk_kbk):
    with pytest.raises(ReviewError, match="jenis dokumen tidak dikenal"):
        propose_template([], "tidak-ada", sk_kbk, "andi")
    with pytest.raises(ReviewError, match="data peraturan tidak dikenal"):
        propose_data([], "../../etc/passwd", b"a: 1", "andi")


def test_data_version_with_inconsistent_weights_is_refused():
    text = (DATA_DIR / "scored_card.yaml").read_text(encoding="utf-8")
    broken = text.replace("{kode: disiplin_3, bobot: 5", "{kode: disiplin_3, bobot: 6")
    with pytest.raises(CheckFailed, match="bobot nilai Disiplin berjumlah 21"):
        propose_data([], "scored_card", broken.encode(), "andi")


def test_data_version_follows_the_same_approval_rules():
    text = (DATA_DIR / "scored_card.yaml").read_text(encoding="utf-8")
    moved = (text.replace("{kode: disiplin_3, bobot: 5", "{kode: disiplin_3, bobot: 4")
             .replace("{kode: disiplin_1, bobot: 5", "{kode: disiplin_1, bobot: 6")).encode()
    draft = propose_data([], "scored_card", moved, "andi", "bobot disiplin", now=T0)
    assert isinstance(draft, DataVersion) and draft.to_dict()["kind"] == "data"
    with pytest.raises(FourEyesError):
        approve([draft], draft, "ANDI", moved)
    assert approve([draft], draft, "budi", moved).approved.status == "approved"
