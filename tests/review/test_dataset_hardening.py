"""Issue 10, finding 8: a broken regulation data set can neither be saved as a draft nor
approved, a YAML alias bomb is refused before it expands, and approval renders every
document type that reads the data set (through the approved templates) first."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml

from docgen.config import PROJECT_ROOT
from docgen.domain import regulation
from docgen.review import catalog
from docgen.review.archive import sha256
from docgen.review.catalog import RegulationCache
from docgen.review.datachecks import check_regulation_data
from docgen.review.services import Rejected, ReviewService
from docgen.storage import review_repo
from docgen.storage.models import DataVersionRow, TemplateVersionRow, utcnow

DOCGEN = str(Path(sys.executable).parent / "docgen")
BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True))


def service(session, pipeline) -> ReviewService:
    cache = RegulationCache()
    return ReviewService(session, pipeline, pipeline.settings, cache.current(session), cache)


def messages(problems) -> str:
    return "\n".join(str(p) for p in problems)


def force_version(session, name: str, text: str, status: str) -> DataVersionRow:
    """A data set version written straight into the database, past every check."""
    number = len(review_repo.versions(session, DataVersionRow, name)) + 1
    if status == "approved":
        review_repo.approved(session, DataVersionRow, name).status = "retired"
    return review_repo.add_version(
        session, DataVersionRow, name, number=number, sha256=sha256(text.encode()),
        author="penyusup", author_id=None, note="", status=status, created_at=utcnow(),
        content=text)


def test_tugas_x_1_is_refused_when_checked_and_when_proposed(session, actors, pipeline):
    problems = check_regulation_data("tugas", "x: 1")
    assert "tugas: x: harus berupa pemetaan (kunci: nilai) (sekarang 1)" in messages(problems)
    with pytest.raises(Rejected) as info:
        service(session, pipeline).propose_data(actors["hukum"], "tugas", "x: 1", "")
    assert "harus berupa pemetaan" in messages(info.value.problems)
    assert [r.number for r in review_repo.versions(session, DataVersionRow, "tugas")] == [1]


def test_tugas_x_1_forced_in_as_a_draft_cannot_be_approved(session, actors, pipeline):
    force_version(session, "tugas", "x: 1", "draft")
    with pytest.raises(Rejected) as info:
        service(session, pipeline).approve(actors["hukum2"], "data", "tugas", 2)
    assert "tidak lolos pemeriksaan" in info.value.message
    assert "harus berupa pemetaan" in messages(info.value.problems)
    assert [(r.number, r.status) for r in review_repo.versions(
        session, DataVersionRow, "tugas")] == [(2, "draft"), (1, "approved")]


def test_tugas_x_1_forced_in_as_approved_is_not_used(session):
    force_version(session, "tugas", "x: 1", "approved")
    in_use = catalog.regulation_of(session)
    assert in_use.source("tugas") == regulation.bundled_text("tugas")
    assert in_use.butir("kbk")[0].startswith("menyusun rencana aksi")


def test_a_yaml_alias_bomb_is_refused_before_it_expands(session, actors, pipeline):
    assert len(BOMB) < 400
    problems = check_regulation_data("tugas", BOMB)
    assert [p.message for p in problems] == [
        "tugas.yaml: anchor/alias YAML (&nama, *nama) tidak diizinkan dalam data peraturan; "
        "tulis isinya lengkap di setiap tempat (baris 1, kolom 4)"]
    with pytest.raises(Rejected):
        service(session, pipeline).propose_data(actors["hukum"], "tugas", BOMB, "")
    force_version(session, "tugas", BOMB, "approved")  # past the checks: never expanded
    assert catalog.regulation_of(session).source("tugas") == regulation.bundled_text("tugas")


def test_nesting_past_the_limit_is_refused():
    problems = check_regulation_data("tugas", "[" * 100_000)
    assert "bertingkat lebih dari 40 tingkat" in messages(problems)


def test_every_bundled_data_set_is_written_without_aliases():
    for name in regulation.names():
        events = yaml.parse(regulation.bundled_text(name))
        assert not [e for e in events if isinstance(e, yaml.AliasEvent)
                    or getattr(e, "anchor", None)], name
        assert check_regulation_data(name, regulation.bundled_text(name)) == [], name


def test_a_list_read_in_another_shape_is_refused_naming_it():
    text = regulation.bundled_text("tugas")
    data = yaml.safe_load(text)
    data["kbk"] = {"ref": "Pasal 9 ayat (4)", "per_kedudukan": {"ketua": "memimpin"}}
    data["kriteria_agen_perubahan"]["butir"].pop()
    found = messages(check_regulation_data("tugas", yaml.safe_dump(data, allow_unicode=True)))
    assert "tugas.yaml: kbk harus berisi butir (daftar)" in found
    assert "kriteria_agen_perubahan harus berisi tepat 6 butir" in found


def _template_reading_the_fifth_kbk_task(session) -> bytes:
    data = catalog.current_template(session, "sk-kbk").content
    document = docx.Document(io.BytesIO(data))
    document.add_paragraph("Tugas kelima: {{ tugas_kbk[4] }}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_approval_that_would_break_a_type_is_refused_naming_it(session, actors, pipeline):
    """A draft that was fine when saved, until a template that reads more of it was
    approved: its approval renders sk-kbk with the approved template and is refused."""
    text = regulation.bundled_text("tugas")
    last = yaml.safe_load(text)["kbk"]["butir"][-1]
    shorter = text.replace(f"    - {last}\n", "", 1)
    assert shorter != text
    draft = service(session, pipeline).propose_data(actors["hukum"], "tugas", shorter, "")
    assert draft.status == "draft"

    template = _template_reading_the_fifth_kbk_task(session)
    service(session, pipeline).propose_template(actors["hukum"], "sk-kbk", template, "")
    service(session, pipeline).approve(actors["hukum2"], "template", "sk-kbk", 2)

    with pytest.raises(Rejected) as info:
        service(session, pipeline).approve(actors["hukum2"], "data", "tugas", 2)
    (problem,) = info.value.problems
    assert problem.message.startswith("dengan versi tugas.yaml ini, dokumen jenis sk-kbk "
                                      "(Keputusan tentang Pembentukan Kelompok Budaya Kerja)"
                                      " tidak dapat dibuat")
    assert "tugas_kbk" in problem.message
    assert [(r.number, r.status) for r in review_repo.versions(
        session, DataVersionRow, "tugas")] == [(2, "draft"), (1, "approved")]
    assert catalog.regulation_of(session).source("tugas") == text
    assert review_repo.approved(session, TemplateVersionRow, "sk-kbk").number == 2


def test_cli_check_data_refuses_the_bomb_and_x_1(tmp_path):
    for text, expected in ((BOMB, "anchor/alias YAML"), ("x: 1", "harus berupa pemetaan")):
        path = tmp_path / "tugas.yaml"
        path.write_text(text, encoding="utf-8")
        result = subprocess.run([DOCGEN, "template", "check-data", "tugas", str(path)],
                                cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)
        assert result.returncode == 2
        assert expected in result.stderr and "Traceback" not in result.stderr
