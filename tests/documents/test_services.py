"""DocumentService without any Flask app or request: create, save, finalise (real
LibreOffice), who may do what, and a refused final that leaves nothing behind."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import select

from docgen.documents.gate import FinalRefused
from docgen.errors import Conflict, Forbidden, NotFound
from docgen.review.archive import is_document_id
from docgen.storage.models import ArchiveEntry, AuditEvent
from tests.conftest import pdf_text
from tests.documents.conftest import sample, service_of, with_marker


def _entries(session, doc_id: int) -> list[ArchiveEntry]:
    return list(session.scalars(select(ArchiveEntry).where(ArchiveEntry.document_id == doc_id)
                                .order_by(ArchiveEntry.id)))


def test_the_service_imports_no_flask_and_no_web_package():
    code = ("import sys, docgen.documents.services, docgen.documents.commands; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('flask', 'flask_login', "
            "'flask_wtf') or m.startswith('docgen.web')]; print(bad); sys.exit(bool(bad))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_create_save_and_finalize_without_a_request(world, pipeline):
    a_sek = world.actors["a_sek"]
    with world.database.session() as session:
        service = service_of(world, session, pipeline)
        document = service.create_draft(a_sek, "kbk-form-a")  # prefilled
        assert document.unit_id == world.units["A"] and document.author_id == a_sek.id
        assert not document.is_final and document.data
        doc_id = document.id
        # an invalid draft is kept as typed, with the errors that block a final
        typed = {"kegiatan": [{"kegiatan": "Apel pagi"}]}
        errors = service.save_draft(a_sek, doc_id, typed)
        assert errors and document.data == typed
        assert service.save_draft(a_sek, doc_id, sample("kbk-form-a")) == []
        assert "DRAF" in pdf_text(service.render(a_sek, doc_id, "pdf"))
        verification_id = service.finalize(a_sek, doc_id)
    assert is_document_id(verification_id)
    with world.database.session() as session:
        service = service_of(world, session, pipeline)
        assert service.get(a_sek, doc_id).is_final
        entries = _entries(session, doc_id)
        draft, *finals = entries
        assert (draft.status, draft.purpose, draft.content) == ("draft", "unduh", None)
        assert [(e.status, e.format, e.verification_id, e.author, e.author_id)
                for e in finals] == [("final", fmt, verification_id, "a_sek", a_sek.id)
                                     for fmt in ("docx", "pdf")]
        assert all(e.content for e in finals)
        assert service.render(a_sek, doc_id, "pdf") == finals[1].content  # served as kept
        assert verification_id in pdf_text(finals[1].content)
        actions = session.scalars(select(AuditEvent.action).where(
            AuditEvent.document_id == doc_id)).all()
        assert sorted(actions) == ["final", "render"]


def test_access_rules_and_a_final_that_cannot_change(world, pipeline):
    a_sek, b_sek, hukum = (world.actors[n] for n in ("a_sek", "b_sek", "hukum"))
    with world.database.session() as session:
        service = service_of(world, session, pipeline)
        draft = service.create_draft(a_sek, "kbk-form-a", sample("kbk-form-a"))
        final = service.create_draft(a_sek, "kbk-form-a", sample("kbk-form-a"))
        service.finalize(a_sek, final.id)
        draft_id, final_id = draft.id, final.id
    with world.database.session() as session:
        service = service_of(world, session, pipeline)
        with pytest.raises(NotFound):
            service.get(b_sek, draft_id)  # another unit's document is not revealed
        with pytest.raises(NotFound):
            service.render(b_sek, final_id, "pdf")
        assert draft_id not in [d.id for d in service.list_documents(b_sek)]
        assert service.get(hukum, draft_id).id == draft_id  # reads every unit
        with pytest.raises(Forbidden):
            service.save_draft(hukum, draft_id, sample("kbk-form-a"))
        with pytest.raises(Forbidden):
            service.create_draft(hukum, "kbk-form-a")
        with pytest.raises(Conflict):
            service.save_draft(a_sek, final_id, sample("kbk-form-a"))
        with pytest.raises(Conflict):
            service.delete_draft(a_sek, final_id)
        copy = service.new_version(a_sek, final_id)
        assert (copy.version, copy.is_final, copy.data) == (2, False, sample("kbk-form-a"))


def test_refused_final_stays_a_draft_with_nothing_archived(world, pipeline):
    a_sek = world.actors["a_sek"]
    with world.database.session() as session:
        service = service_of(world, session, pipeline)
        doc_id = service.create_draft(a_sek, "kbk-form-a", with_marker()).id
        assert service.errors(service.get(a_sek, doc_id)) == []  # valid input
        with pytest.raises(FinalRefused) as refused:
            service.finalize(a_sek, doc_id)
    assert any("TODO" in message for message in refused.value.messages)
    assert refused.value.preview is not None  # the draft's preview of the same render
    with world.database.session() as session:
        service = service_of(world, session, pipeline)
        assert service.get(a_sek, doc_id).status == "draft"
        assert _entries(session, doc_id) == []
