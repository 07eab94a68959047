"""The paraf chain through the services, without Flask: a final's chain in order, who may
act, send-back to a new draft version, the signature step, the PDF to sign (real
LibreOffice)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from docgen.domain.errors import InputError
from docgen.errors import Conflict, Forbidden, NotFound
from docgen.paraf import service as paraf
from docgen.render.pdfa import check_pdfa
from docgen.review.verification import document_id_of
from docgen.storage import repo, review_repo
from docgen.storage.models import AuditEvent
from tests.conftest import docx_text, pdf_text
from tests.documents.conftest import sample, service_of


def test_the_service_imports_no_flask():
    code = ("import sys, docgen.paraf.service; bad = [m for m in sys.modules if "
            "m.split('.')[0] in ('flask', 'flask_login') or m.startswith('docgen.web')]; "
            "print(bad); sys.exit(bool(bad))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _final(world, pipeline, type_name="sk-kbk", author="a_admin") -> int:
    actor = world.actors[author]
    with world.database.session() as session:
        service = service_of(world, session, pipeline)
        document = service.create_draft(actor, type_name, sample(type_name))
        service.finalize(actor, document.id)
        session.commit()
        return document.id


def _act(world, pipeline, username, what, doc_id, *args):
    """One request: ``what`` (paraf, kembalikan) by ``username``, committed."""
    with world.database.session() as session:
        found = getattr(paraf, what)(session, world.actors[username], doc_id, *args)
        session.commit()
        return getattr(found, "id", None)


def _status(world, doc_id) -> str:
    with world.database.session() as session:
        return paraf.status_of(session, repo.get_document(session, doc_id))


def test_a_unit_keputusan_is_initialled_in_order_then_signed(world, pipeline):
    doc_id = _final(world, pipeline)
    assert _status(world, doc_id) == "menunggu_paraf"
    with pytest.raises(Conflict, match="Belum giliran Anda"):  # the pemeriksa before the author
        _act(world, pipeline, "a_sekunit", "paraf", doc_id)
    with pytest.raises(Forbidden):  # the same role, not the author
        _act(world, pipeline, "a_admin2", "paraf", doc_id)
    with pytest.raises(Forbidden):  # a unit role without a step
        _act(world, pipeline, "a_sek", "paraf", doc_id)
    with pytest.raises(NotFound):  # another unit's pemeriksa: not revealed
        _act(world, pipeline, "b_sekunit", "paraf", doc_id)
    _act(world, pipeline, "a_admin", "paraf", doc_id)
    with pytest.raises(Conflict):  # done already: not their turn any more
        _act(world, pipeline, "a_admin", "paraf", doc_id)
    with pytest.raises(Conflict, match="Belum giliran"), world.database.session() as session:
        paraf.mark_signed(session, world.actors["a_kepala"],
                          repo.get_document(session, doc_id))
    _act(world, pipeline, "a_sekunit", "paraf", doc_id)
    assert _status(world, doc_id) == "menunggu_tanda_tangan"
    with world.database.session() as session:
        document = repo.get_document(session, doc_id)
        assert paraf.signer_of(session, document).username == "a_kepala"  # first by id
        with pytest.raises(Conflict, match="tanda tangan"):
            paraf.paraf(session, world.actors["a_kepala"], doc_id)
        with pytest.raises(Forbidden, match="bukan penandatangan"):
            paraf.mark_signed(session, world.actors["a_kepala2"], document)
        paraf.mark_signed(session, world.actors["a_kepala"], document)
        session.commit()
    assert _status(world, doc_id) == "ditandatangani"
    with world.database.session() as session:
        document = repo.get_document(session, doc_id)
        steps = paraf.chain(session, document)
        assert [(s.actor, s.status) for s in steps] == [
            ("a_admin", "selesai"), ("a_sekunit", "selesai"), ("a_kepala", "selesai")]
        assert all(s.acted_at for s in steps) and paraf.signer_of(session, document) is None
        rows = paraf.paraf_rows(session, document)
        assert [r["paraf"] for r in rows] == ["RINA KUSUMASTUTI, S.E.", "Dra. SRI WAHYUNI"]
        assert all(r["tanggal"] for r in rows)
        actions = [e.action for e in session.query(AuditEvent).filter(
            AuditEvent.document_id == doc_id)]
        assert actions.count("paraf") == 2 and actions.count("tanda_tangan") == 1
    with pytest.raises(Conflict, match="tidak sedang menunggu"):
        _act(world, pipeline, "a_sekunit", "paraf", doc_id)


def test_sending_back_makes_a_new_draft_version_with_the_note(world, pipeline):
    doc_id = _final(world, pipeline)
    _act(world, pipeline, "a_admin", "paraf", doc_id)
    with pytest.raises(InputError):
        _act(world, pipeline, "a_sekunit", "kembalikan", doc_id, "   ")
    note = "Nomor keputusan belum sesuai buku register; perbaiki Diktum KEDUA."
    draft_id = _act(world, pipeline, "a_sekunit", "kembalikan", doc_id, note)
    assert _status(world, doc_id) == "dikembalikan"
    with world.database.session() as session:
        final, draft = repo.get_document(session, doc_id), repo.get_document(session, draft_id)
        assert final.is_final and not draft.is_final
        assert (draft.version, draft.parent_id) == (final.version + 1, final.id)
        assert draft.author_id == world.actors["a_admin"].id and draft.data == final.data
        returned = paraf.returned_with(session, draft)
        assert returned.catatan == note and returned.actor == "a_sekunit"
        assert review_repo.final_entry(session, doc_id, "pdf").content  # still archived
        # the author edits the new draft as any draft
        service = service_of(world, session, pipeline)
        assert service.save_draft(world.actors["a_admin"], draft_id, sample("sk-kbk")) == []
    with pytest.raises(Conflict):  # the sent-back chain waits for nobody
        _act(world, pipeline, "a_kepala", "kembalikan", doc_id, "lagi")


def test_a_keputusan_bupati_goes_to_bagian_hukum_and_the_bupati(world, pipeline):
    doc_id = _final(world, pipeline, "keputusan-penghargaan", author="admin")
    _act(world, pipeline, "admin", "paraf", doc_id)
    with pytest.raises(Conflict):
        _act(world, pipeline, "bupati", "paraf", doc_id)
    _act(world, pipeline, "hukum", "paraf", doc_id)
    with world.database.session() as session:
        document = repo.get_document(session, doc_id)
        assert paraf.signer_of(session, document).username == "bupati"
        assert paraf.status_of(session, document) == "menunggu_tanda_tangan"


def test_a_form_signed_on_paper_has_no_chain(world, pipeline):
    doc_id = _final(world, pipeline, "kbk-form-a", author="a_sek")
    assert _status(world, doc_id) == "final"
    with pytest.raises(Forbidden):
        _act(world, pipeline, "a_sek", "paraf", doc_id)


def _box(text: str) -> str:
    """The paraf box of a Keputusan's text (up to the Tembusan below it)."""
    start = text.index("No Jabatan Paraf Tanggal")
    return text[start:text.index("Tembusan:", start)].strip()


def test_the_pdf_to_sign_carries_the_filled_box_and_the_same_verification_id(world, pipeline):
    doc_id = _final(world, pipeline)
    _act(world, pipeline, "a_admin", "paraf", doc_id)
    _act(world, pipeline, "a_sekunit", "paraf", doc_id)
    with world.database.session() as session:
        service = service_of(world, session, pipeline)
        document = repo.get_document(session, doc_id)
        archived = review_repo.final_entry(session, doc_id, "pdf")
        pdf = paraf.pdf_to_sign(service, session, document)
        docx = paraf.filled_docx(service.renderer, session, document)
    assert document_id_of(pdf) == archived.verification_id == document_id_of(archived.content)
    assert check_pdfa(pdf) == []  # the archival PDF/A-2b, as the final
    text = " ".join(pdf_text(pdf).split())
    assert "No Jabatan Paraf Tanggal" in text
    box = _box(text)  # the names wrap in their cells
    assert all(word in box.split() for word in ("RINA", "KUSUMASTUTI,", "WAHYUNI"))
    assert box.count(".2026") + box.count("-2026") == 2, box[:300]
    empty = _box(" ".join(pdf_text(archived.content).split()))  # the final: jabatan only
    assert empty == "No Jabatan Paraf Tanggal 1. Konseptor 2. Sekretaris/Kepala Subbagian Umum"
    lines = docx_text(docx).splitlines()
    row = lines.index("Sekretaris/Kepala Subbagian Umum")
    assert lines[row + 1] == "Dra. SRI WAHYUNI" and lines[row + 2].endswith("2026")


def test_two_clicks_on_the_same_step_record_it_once(world, pipeline):
    """Two requests of the same person at once: one paraf recorded, the other refused."""
    import threading

    doc_id = _final(world, pipeline)
    barrier, results = threading.Barrier(2), []

    def click() -> None:
        with world.database.session() as session:
            document = repo.get_document(session, doc_id)
            paraf.chain(session, document)  # the page was read
            barrier.wait()
            try:
                paraf.paraf(session, world.actors["a_admin"], doc_id)
                session.commit()
                results.append("ok")
            except Conflict:
                results.append("409")

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(results) == ["409", "ok"]
    with world.database.session() as session:
        steps = paraf.chain(session, repo.get_document(session, doc_id))
        assert [s.status for s in steps] == ["selesai", "menunggu", "menunggu"]
        assert session.query(AuditEvent).filter(AuditEvent.action == "paraf").count() == 1
