"""Marking final happens once, however many requests ask at the same moment (issue 10,
finding 2): real threads, a file-based SQLite database, real LibreOffice.

Every caller ends on the same final: one archive pair (DOCX + stamped PDF), one public
verification ID, one audit event; a concurrent save cannot change a final's data."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from docgen.accounts.emblems import stored_emblems
from docgen.documents.previews import PreviewCache
from docgen.documents.services import DocumentService
from docgen.review.catalog import regulation_of
from docgen.storage import repo
from docgen.storage.models import ArchiveEntry, AuditEvent
from tests.conftest import pdf_text
from tests.web.conftest import add_document, form_fields, login, sample

CALLERS = 4
TYPE = "kbk-form-a"
VERIFICATION_ID = re.compile(r"ID verifikasi <a href=\"/verifikasi/([0-9A-Z-]+)\"")


def _at_once(calls):
    """Run the calls in threads released together; their results in order."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def _final_record(app, doc_id: int):
    """(status, [(format, verification id)] of final archive entries, final audit count)."""
    with app.extensions["docgen"].database.session() as session:
        status = repo.get_document(session, doc_id).status
        entries = session.scalars(select(ArchiveEntry).where(
            ArchiveEntry.document_id == doc_id, ArchiveEntry.status == "final")).all()
        audits = session.scalars(select(AuditEvent).where(
            AuditEvent.document_id == doc_id, AuditEvent.action == "final")).all()
        return status, sorted((e.format, e.verification_id) for e in entries), len(audits)


def _clients(app, username: str, count: int = CALLERS):
    clients = [app.test_client() for _ in range(count)]
    for client in clients:
        login(client, username)
    return clients


def _assert_one_final(app, doc_id: int) -> str:
    status, entries, audits = _final_record(app, doc_id)
    assert status == "final"
    assert [fmt for fmt, _ in entries] == ["docx", "pdf"], entries
    ids = {vid for _, vid in entries}
    assert len(ids) == 1 and audits == 1, (entries, audits)
    return ids.pop()


def test_concurrent_final_requests_make_one_final_that_every_caller_gets(
        app, world, converter):
    doc_id = add_document(app, TYPE, world.units["A"], sample(TYPE))
    clients = _clients(app, "a_sek")
    responses = _at_once([lambda c=c: c.post(f"/dokumen/{doc_id}/final")
                          for c in clients])
    assert [r.status_code for r in responses] == [303] * CALLERS, \
        [r.get_data(as_text=True)[:300] for r in responses]
    assert all(r.location.endswith(f"/dokumen/{doc_id}") for r in responses)
    verification_id = _assert_one_final(app, doc_id)
    # every caller sees the same final: the page names its ID, the PDF carries it
    pdfs = set()
    for client in clients:
        page = client.get(f"/dokumen/{doc_id}").get_data(as_text=True)
        assert VERIFICATION_ID.findall(page) == [verification_id]
        pdf = client.get(f"/dokumen/{doc_id}/unduh.pdf").data
        assert verification_id in pdf_text(pdf)
        pdfs.add(pdf)
    assert len(pdfs) == 1


def test_concurrent_save_and_final_from_the_form_keep_one_final_and_its_data(
        app, world, converter):
    doc_id = add_document(app, TYPE, world.units["A"], sample(TYPE))
    posted = []
    for index in range(CALLERS):  # each click posts slightly different data
        data = sample(TYPE)
        data["kegiatan"][0]["kegiatan"] = f"Apel pagi klik {index}"
        fields = form_fields(TYPE, data)
        fields["_action"] = "final"
        posted.append(fields)
    clients = _clients(app, "a_sek")
    responses = _at_once([lambda c=c, f=f: c.post(f"/dokumen/{doc_id}", data=f)
                          for c, f in zip(clients, posted, strict=True)])
    assert [r.status_code for r in responses] == [303] * CALLERS
    assert all(r.location.endswith(f"/dokumen/{doc_id}") for r in responses)
    _assert_one_final(app, doc_id)
    with app.extensions["docgen"].database.session() as session:
        kept = repo.get_document(session, doc_id).data["kegiatan"][0]["kegiatan"]
        archived = session.scalar(select(ArchiveEntry).where(
            ArchiveEntry.document_id == doc_id, ArchiveEntry.format == "pdf",
            ArchiveEntry.status == "final"))
        # the final's data is the data its archived PDF was made from
        assert kept.startswith("Apel pagi klik ")
        assert archived.input_data["kegiatan"][0]["kegiatan"] == kept
        assert kept in " ".join(pdf_text(archived.content).split())


def test_concurrent_service_calls_in_separate_sessions_return_the_same_id(
        app, world, converter):
    """As the CLI calls it: the service on its own session per caller, no request."""
    doc_id = add_document(app, TYPE, world.units["A"], sample(TYPE))
    state = app.extensions["docgen"]

    def finalize() -> str:
        with state.database.session() as session:
            actor = _actor(session, "a_sek")
            service = DocumentService(session, state.pipeline, state.settings,
                                      regulation_of(session), stored_emblems(session),
                                      PreviewCache())
            return service.finalize(actor, doc_id)

    ids = _at_once([finalize] * CALLERS)
    assert ids == [_assert_one_final(app, doc_id)] * CALLERS


def _actor(session, username: str):
    from docgen.accounts.access import Actor

    return Actor.of(repo.get_user(session, username))
