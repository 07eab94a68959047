"""The paraf chain of final documents: start, paraf, send back, sign (issue 14).

Functions take the session (and the acting user, ``Actor``) explicitly, flush and never
commit; refusals are ``docgen.errors``: ``NotFound`` (a document the actor may not read),
``Forbidden`` (the actor has no step in this chain), ``Conflict`` (not the actor's turn,
or the chain is not waiting for anyone), ``InputError`` (a send-back without a note).

- ``start``: when a document is marked final (``Renderer.finalize``) its type's steps
  (``data/paraf.yaml`` of the regulation snapshot in use) become rows of ``paraf_steps``.
- ``paraf``: the person whose step it is initials (konseptor, pemeriksa).
- ``kembalikan``: the person whose step it is sends the document back with a note; the
  document becomes a new draft version (``repo.new_version``) carrying the corrections,
  the final stays archived as it was.
- ``mark_signed``: the signature step, recorded by the signing service (``docgen.signing``)
  once the designated signer (``signer_of``) signed.
- ``status_of``, ``signer_of``, ``paraf_rows`` (the paraf box), ``pdf_to_sign``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from docgen.accounts.access import Actor, can_edit_type, require_read
from docgen.domain import paraf as rules
from docgen.domain.errors import FieldError, InputError
from docgen.domain.regulation import Regulation
from docgen.errors import Conflict, Forbidden
from docgen.paraf.model import ParafStep
from docgen.paraf.pdf import filled_docx, pdf_to_sign
from docgen.storage import Document, User, repo, review_repo
from docgen.storage.models import utcnow

__all__ = ["ChainView", "chain", "filled_docx", "kembalikan", "mark_signed", "paraf", "paraf_rows",
           "pdf_to_sign", "returned_with", "signer_of", "start", "status_of", "view"]
NOTE_MAX = 2000
NO_STEP = "Anda tidak memiliki langkah paraf atau tanda tangan pada dokumen ini."
NOT_WAITING = "Dokumen ini tidak sedang menunggu paraf atau tanda tangan."


def start(session: Session, document: Document, regulation: Regulation) -> list[ParafStep]:
    """The chain of a document just marked final (none for a type signed on paper)."""
    steps = [ParafStep(document_id=document.id, urutan=step.urutan, tahap=step.tahap,
                       peran=step.peran, jabatan=step.jabatan, status=rules.BELUM)
             for step in rules.alur(regulation, document.type_name)]
    session.add_all(steps)
    session.flush()
    return steps


def chain(session: Session, document: Document) -> list[ParafStep]:
    """The steps of ``document``'s chain in order (empty: none)."""
    return list(session.scalars(select(ParafStep).where(
        ParafStep.document_id == document.id).order_by(ParafStep.urutan)))


def _langkah(step: ParafStep) -> rules.Langkah:
    return rules.Langkah(step.urutan, step.tahap, step.peran, step.jabatan)


def _catatan(step: ParafStep) -> rules.Catatan:
    return rules.Catatan(_langkah(step), step.status, step.actor_nama or step.actor or "",
                         step.acted_at, step.catatan or "")


def _next(steps: list[ParafStep]) -> ParafStep | None:
    found = rules.berikut([_catatan(s) for s in steps])
    return steps[found.langkah.urutan - 1] if found else None


def status_of(session: Session, document: Document) -> str:
    """ "draft" | "final" (no chain) | "menunggu_paraf" | "menunggu_tanda_tangan" |
    "ditandatangani" | "dikembalikan" (sent back: a new draft version carries it on)."""
    if not document.is_final:
        return "draft"
    return rules.status([_catatan(s) for s in chain(session, document)])


def _may(step: ParafStep, actor: Actor, document: Document) -> bool:
    """May ``actor`` act at ``step`` (turn aside)? A document without an author (made by
    the system): its konseptor step is anyone who may draft it for its unit."""
    if step.peran == rules.PENYUSUN and document.author_id is None:
        return can_edit_type(actor, document)
    return rules.boleh(_langkah(step), rules.Pelaku(actor.id, str(actor.role), actor.unit_id),
                       rules.Dokumen(document.unit_id, document.author_id))


def _designated(session: Session, step: ParafStep, document: Document) -> User | None:
    """The one user who signs: the first active user (by id) of the step's role (and
    the document's unit for a unit role)."""
    query = select(User).where(User.role == step.peran, User.active.is_(True))
    if document.unit_id is not None:
        query = query.where(User.unit_id == document.unit_id)
    return session.scalars(query.order_by(User.id)).first()


def signer_of(session: Session, document: Document) -> User | None:
    """The designated signer while the document awaits its signature, else None."""
    if not document.is_final:
        return None
    step = _next(chain(session, document))
    if step is None or step.tahap != rules.PENANDATANGAN:
        return None
    return _designated(session, step, document)


def _turn(session: Session, actor: Actor, document: Document | None) -> ParafStep:
    """The step whose turn it is, if it is ``actor``'s (else NotFound/Forbidden/Conflict)."""
    document = require_read(actor, document)
    steps = chain(session, document) if document.is_final else []
    if not any(_may(s, actor, document) for s in steps):
        raise Forbidden(NO_STEP)
    step = _next(steps)
    if step is None:
        raise Conflict(NOT_WAITING)
    if not _may(step, actor, document):
        raise Conflict(f"Belum giliran Anda: dokumen menunggu {_what(step)} "
                       f"{step.jabatan} (langkah {step.urutan}).")
    if step.tahap == rules.PENANDATANGAN:
        signer = _designated(session, step, document)
        if signer is None or signer.id != actor.id:
            raise Forbidden("Anda bukan penandatangan yang ditunjuk untuk dokumen ini.")
    return step


def _what(step: ParafStep) -> str:
    return "tanda tangan" if step.tahap == rules.PENANDATANGAN else "paraf"


def _claim(session: Session, step: ParafStep) -> None:
    """Take the step for this transaction if it is still waiting in the database: a
    conditional UPDATE that waits for a concurrent request holding the row and then reads
    its committed status, so of two clicks exactly one is recorded (else Conflict)."""
    claimed = session.execute(
        update(ParafStep).where(ParafStep.id == step.id, ParafStep.status == rules.BELUM)
        .values(status=rules.BELUM).execution_options(synchronize_session=False))
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict("Langkah ini baru saja dicatat oleh permintaan lain; muat ulang "
                       "halaman.")


def _record(session: Session, step: ParafStep, actor: Actor, document: Document,
            status: str, action: str, note: str = "") -> None:
    _claim(session, step)
    step.status, step.actor_id, step.actor = status, actor.id, actor.username
    step.actor_nama, step.acted_at = actor.nama or actor.username, utcnow()
    step.catatan = note or None
    detail = f"langkah {step.urutan} ({step.tahap}, {step.jabatan})" + (
        f": {note}" if note else "")
    review_repo.add_audit(session, action, f"{document.type_name} #{document.id}",
                          actor.username, actor.id, unit_id=document.unit_id,
                          document_id=document.id, detail=detail)
    session.flush()


def paraf(session: Session, actor: Actor, document_id: int) -> ParafStep:
    """``actor`` initials the document at their step (konseptor or pemeriksa)."""
    document = repo.get_document(session, document_id)
    step = _turn(session, actor, document)
    assert document is not None
    if step.tahap == rules.PENANDATANGAN:
        raise Conflict("Langkah ini adalah tanda tangan: tandatangani dokumen, bukan paraf.")
    _record(session, step, actor, document, rules.SELESAI, "paraf")
    return step


def kembalikan(session: Session, actor: Actor, document_id: int, catatan: str) -> Document:
    """``actor`` sends the document back at their step with ``catatan``: the new draft
    version (of the document's author) that carries the corrections."""
    note = " ".join((catatan or "").split())
    if not note:
        raise InputError([FieldError("catatan", "Catatan wajib diisi: tuliskan apa yang "
                                                "harus diperbaiki.")])
    if len(note) > NOTE_MAX:
        raise InputError([FieldError("catatan", f"Catatan paling banyak {NOTE_MAX} karakter.")])
    document = repo.get_document(session, document_id)
    step = _turn(session, actor, document)
    assert document is not None
    _record(session, step, actor, document, rules.KEMBALI, "paraf_kembali", note)
    draft = repo.new_version(session, document, document.author_id)
    step.new_document_id = draft.id
    session.flush()
    return draft


def mark_signed(session: Session, actor: Actor, document: Document) -> None:
    """Record the signature step (who, when): the document is "ditandatangani"."""
    step = _turn(session, actor, document)
    if step.tahap != rules.PENANDATANGAN:
        raise Conflict("Dokumen belum selesai diparaf: belum dapat ditandatangani.")
    _record(session, step, actor, document, rules.SELESAI, "tanda_tangan")


def paraf_rows(session: Session, document: Document) -> list[dict[str, str]]:
    """The paraf box: no, jabatan, nama, paraf (text), tanggal of each paraf step."""
    return rules.kotak_paraf([_catatan(s) for s in chain(session, document)])


def returned_with(session: Session, document: Document) -> ParafStep | None:
    """The step that sent back the final this draft was made from (its note), if any."""
    return session.scalars(select(ParafStep).where(
        ParafStep.new_document_id == document.id)).first()


@dataclass(frozen=True)
class ChainView:
    """What the document page shows of the chain."""

    status: str
    status_label: str
    steps: list[ParafStep]
    current: ParafStep | None  # whose turn it is
    can_paraf: bool  # the actor may initial now
    can_return: bool  # the actor may send back now
    signer: User | None
    returned: ParafStep | None  # a draft: the send-back it was made for


def view(session: Session, actor: Actor, document: Document) -> ChainView:
    steps = chain(session, document) if document.is_final else []
    state = rules.status([_catatan(s) for s in steps]) if document.is_final else "draft"
    current = _next(steps)
    mine = current is not None and _may(current, actor, document)
    signer = signer_of(session, document)
    if mine and current is not None and current.tahap == rules.PENANDATANGAN:
        mine = signer is not None and signer.id == actor.id
    return ChainView(state, rules.STATUS_LABELS[state], steps, current,
                     mine and current is not None and current.tahap != rules.PENANDATANGAN,
                     mine, signer, None if document.is_final else returned_with(session,
                                                                                  document))
