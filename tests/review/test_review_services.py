"""The review service without Flask: a migrated SQLite file, users from the storage layer,
the session's real LibreOffice for the approval render."""

from __future__ import annotations

import subprocess
import sys

import pytest

from docgen.domain import regulation
from docgen.errors import Forbidden, NotFound
from docgen.registry import REGISTRY
from docgen.review import catalog
from docgen.review.catalog import RegulationCache
from docgen.review.services import Rejected, ReviewService
from docgen.storage import Database, review_repo
from docgen.storage.models import AuditEvent, DataVersionRow, TemplateVersionRow

UU_25 = "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"
UU_25_NEW = UU_25 + " sebagaimana telah diubah dengan Undang-Undang Nomor 99 Tahun 2030"


def service(session, pipeline, cache: RegulationCache | None = None) -> ReviewService:
    """What the web builds per request: the session, the snapshot approved now."""
    cache = cache or RegulationCache()
    return ReviewService(session, pipeline, pipeline.settings, cache.current(session), cache)


def test_a_second_reviewer_approves_a_template_and_it_is_the_one_in_use(
        session, actors, pipeline, with_paragraph):
    bundled = catalog.current_template(session, "sk-kbk")
    data = with_paragraph("Salinan Keputusan ini disampaikan kepada yang bersangkutan.")
    draft = service(session, pipeline).propose_template(actors["hukum"], "sk-kbk", data,
                                                         "kalimat salinan")
    assert (draft.number, draft.status, draft.author) == (2, "draft", "hukum")
    assert catalog.current_template(session, "sk-kbk").id == bundled.id

    approved = service(session, pipeline).approve(actors["hukum2"], "template", "sk-kbk", 2)
    assert (approved.status, approved.approved_by) == ("approved", "hukum2")
    assert catalog.current_template(session, "sk-kbk").content == data
    assert (bundled.status, bundled.retired_at is not None) == ("retired", True)
    actions = [e.action for e in session.query(AuditEvent).order_by(AuditEvent.id)]
    assert actions == ["template_upload", "template_approve"]


def test_the_service_flushes_and_the_caller_commits(database, session, actors, pipeline):
    text = regulation.bundled_text("dasar_hukum").replace(UU_25, UU_25_NEW)
    service(session, pipeline).propose_data(actors["hukum"], "dasar_hukum", text, "UU")
    with database.sessions() as other:
        assert len(review_repo.versions(other, DataVersionRow, "dasar_hukum")) == 1
    session.commit()
    with database.sessions() as other:
        assert len(review_repo.versions(other, DataVersionRow, "dasar_hukum")) == 2


def test_an_approved_data_set_changes_the_snapshot_in_use(session, actors, pipeline):
    cache = RegulationCache()
    before = service(session, pipeline, cache)
    assert UU_25_NEW not in before.approved_regulation().source("dasar_hukum")
    text = regulation.bundled_text("dasar_hukum").replace(UU_25, UU_25_NEW)
    draft = before.propose_data(actors["hukum"], "dasar_hukum", text, "UU diubah")
    assert not draft.changes and draft.status == "draft"
    assert UU_25_NEW not in before.approved_regulation().source("dasar_hukum")

    service(session, pipeline, cache).approve(actors["hukum2"], "data", "dasar_hukum", 2)
    assert UU_25_NEW in cache.current(session).source("dasar_hukum")
    assert UU_25_NEW not in before.regulation.source("dasar_hukum")  # a pinned snapshot


def test_the_uploader_cannot_approve_their_own_version(session, actors, pipeline,
                                                       with_paragraph):
    data = with_paragraph("Keputusan ini mulai berlaku pada tanggal ditetapkan.")
    review = service(session, pipeline)
    review.propose_template(actors["hukum"], "sk-kbk", data, "")
    with pytest.raises(Forbidden) as info:
        review.approve(actors["hukum"], "template", "sk-kbk", 2)
    assert "diunggah oleh hukum" in info.value.message
    assert "prinsip empat mata" in info.value.message
    assert review_repo.get_version(session, TemplateVersionRow, "sk-kbk", 2).status == "draft"


def test_only_bagian_hukum_proposes_approves_or_withdraws(session, actors, pipeline,
                                                          with_paragraph):
    review = service(session, pipeline)
    data = with_paragraph("Tambahan.")
    for name in ("a_admin", "admin"):
        with pytest.raises(Forbidden) as info:
            review.propose_template(actors[name], "sk-kbk", data, "")
        assert "Hanya Bagian Hukum" in info.value.message
    with pytest.raises(Forbidden):
        review.propose_data(actors["a_admin"], "tugas", regulation.bundled_text("tugas"))
    with pytest.raises(Forbidden):
        review.versions(actors["a_admin"], "template", "sk-kbk")
    assert [r.number for r in review.versions(actors["admin"], "template", "sk-kbk")] == [1]
    review.propose_template(actors["hukum"], "sk-kbk", data, "")
    with pytest.raises(Forbidden):
        review.withdraw(actors["admin"], "template", "sk-kbk", 2)
    with pytest.raises(NotFound):
        review.withdraw(actors["hukum"], "template", "sk-kbk", 9)
    assert review.withdraw(actors["hukum"], "template", "sk-kbk", 2).status == "retired"
    assert len(review_repo.versions(session, TemplateVersionRow, "sk-kbk")) == 2


def test_a_data_set_renaming_a_scored_card_code_is_refused_naming_it(session, actors,
                                                                     pipeline):
    text = regulation.bundled_text("scored_card").replace(
        "{kode: integritas_3,", "{kode: integritas_tiga,")
    with pytest.raises(Rejected) as info:
        service(session, pipeline).propose_data(actors["hukum"], "scored_card", text, "")
    found = [p.message for p in info.value.problems]
    assert any("'integritas_3' dihapus atau diganti namanya" in m for m in found), found
    assert len(review_repo.versions(session, DataVersionRow, "scored_card")) == 1


def test_a_template_that_fails_the_isolated_check_is_rejected(session, actors, pipeline,
                                                              with_paragraph):
    data = with_paragraph("{{ tidak_ada_variabel_ini }}")
    with pytest.raises(Rejected) as info:
        service(session, pipeline).propose_template(actors["hukum"], "sk-kbk", data, "")
    assert {p.code for p in info.value.problems} & {"unknown_variable", "undefined"}
    assert len(review_repo.versions(session, TemplateVersionRow, "sk-kbk")) == 1


def test_register_bundled_twice_adds_nothing(database):
    with database.session() as session:
        assert catalog.register_bundled(session) == []
        counts = (len(review_repo.all_approved(session, TemplateVersionRow)),
                  len(review_repo.all_approved(session, DataVersionRow)))
    assert counts == (len(list(REGISTRY)), len(regulation.names()))


def test_register_bundled_on_an_empty_database_adds_version_1_of_each(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'fresh.db'}")
    database.migrate()
    with database.session() as session:
        added = catalog.register_bundled(session)
        assert len(added) == len(list(REGISTRY)) + len(regulation.names())
        assert {(r.number, r.status, r.author) for r in added} == {(1, "approved", "sistem")}
    with database.session() as session:
        assert catalog.register_bundled(session) == []
    database.dispose()


def test_the_service_layer_imports_no_flask():
    code = ("import sys, docgen.review.services, docgen.review.records; "
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
            "('flask', 'flask_login', 'flask_wtf') or m.startswith('docgen.web')); "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)
