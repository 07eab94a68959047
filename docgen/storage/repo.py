"""Repository functions: every query the web layer and the CLI need, in one place."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, object_session
from werkzeug.security import check_password_hash, generate_password_hash

from docgen.errors import Conflict
from docgen.storage.models import (
    ROLES,
    UNIT_ROLES,
    Document,
    DocumentStatus,
    Unit,
    Upload,
    User,
    utcnow,
)
from docgen.storage.token_repo import (  # noqa: F401  (API tokens: token_repo)
    TOKEN_PREFIX,
    create_token,
    user_for_token,
)


class StorageError(ValueError):
    """A request the data cannot satisfy (unknown user, bad role, ...); message in Indonesian,
    ``field`` the input it is about (``None``: no single one)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class NotADraft(Conflict):
    """The document is no longer a draft in the database (another request marked it final
    or deleted it since it was read): nothing was changed (409 on the web, exit 2)."""

    def __init__(self) -> None:
        super().__init__("Dokumen ini baru saja ditandai final atau dihapus oleh permintaan "
                         "lain; perubahan tidak disimpan. Buat versi baru untuk mengubahnya.")


MAX_ID = 2**63 - 1  # the largest INTEGER SQLite stores (a BIGINT elsewhere)


def storable_id(value: int) -> bool:
    """Whether ``value`` can be an id at all: a larger number is no row (looking it up
    would overflow the database driver)."""
    return -MAX_ID - 1 <= value <= MAX_ID


# -- units ---------------------------------------------------------------------------
def list_units(session: Session) -> list[Unit]:
    return list(session.scalars(select(Unit).order_by(Unit.nama)))


def get_unit(session: Session, unit_id: int) -> Unit | None:
    return session.get(Unit, unit_id) if storable_id(unit_id) else None


def create_unit(session: Session, **fields: Any) -> Unit:
    unit = Unit(**fields)
    session.add(unit)
    session.flush()
    return unit


def update_unit(unit: Unit, **fields: Any) -> Unit:
    for key, value in fields.items():
        setattr(unit, key, value or None if key not in ("nama", "jenis") else value)
    return unit


# -- users ---------------------------------------------------------------------------
def create_user(session: Session, username: str, password: str, role: str,
                unit_id: int | None = None, nama: str | None = None) -> User:
    if role not in ROLES:
        raise StorageError(f"peran tidak dikenal: {role} (pilih: {', '.join(ROLES)})", "role")
    if role in UNIT_ROLES and unit_id is None:
        raise StorageError(f"peran {role} harus terikat pada satu unit (--unit)", "unit_id")
    if unit_id is not None and session.get(Unit, unit_id) is None:
        raise StorageError(f"unit {unit_id} tidak ditemukan", "unit_id")
    if get_user(session, username) is not None:
        raise StorageError(f"pengguna {username} sudah ada", "username")
    if len(password) < 8:
        raise StorageError("kata sandi minimal 8 karakter", "password")
    user = User(username=username, password_hash=generate_password_hash(password), role=role,
                unit_id=unit_id if role in UNIT_ROLES else None, nama=nama, active=True)
    session.add(user)
    session.flush()
    return user


def get_user(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def authenticate(session: Session, username: str, password: str) -> User | None:
    user = get_user(session, username)
    if user is None or not user.active:
        return None
    return user if check_password_hash(user.password_hash, password) else None


def set_password(user: User, password: str) -> None:
    if len(password) < 8:
        raise StorageError("kata sandi minimal 8 karakter", "password")
    user.password_hash = generate_password_hash(password)


def count_users(session: Session) -> int:
    return session.scalar(select(func.count(User.id))) or 0


# -- documents -----------------------------------------------------------------------
def create_document(session: Session, type_name: str, unit_id: int | None, author_id: int | None,
                    data: dict, judul: str = "", parent: Document | None = None) -> Document:
    document = Document(type_name=type_name, unit_id=unit_id, author_id=author_id, data=data,
                        judul=judul, status=DocumentStatus.DRAFT.value,
                        version=parent.version + 1 if parent else 1,
                        parent_id=parent.id if parent else None)
    session.add(document)
    session.flush()
    return document


def get_document(session: Session, document_id: int) -> Document | None:
    return session.get(Document, document_id) if storable_id(document_id) else None


ALL_UNITS = object()


def list_documents(session: Session, unit_id: Any = ALL_UNITS,
                   type_names: list[str] | None = None) -> list[Document]:
    """Documents of one unit (``None``: of the Kabupaten itself) or of all units."""
    query = select(Document).order_by(Document.updated_at.desc(), Document.id.desc())
    if isinstance(unit_id, int) and not storable_id(unit_id):
        return []
    if unit_id is not ALL_UNITS:
        query = query.where(Document.unit_id.is_(None) if unit_id is None
                            else Document.unit_id == unit_id)
    if type_names is not None:
        query = query.where(Document.type_name.in_(type_names))
    return list(session.scalars(query))


def latest_document(session: Session, unit_id: int | None, type_name: str
                    ) -> Document | None:
    """The unit's newest final document of a type, else its newest draft."""
    owner = Document.unit_id.is_(None) if unit_id is None else Document.unit_id == unit_id
    query = (select(Document)
             .where(owner, Document.type_name == type_name)
             .order_by((Document.status == DocumentStatus.FINAL.value).desc(),
                       Document.updated_at.desc(), Document.id.desc()))
    return session.scalars(query).first()


def claim_draft(document: Document) -> None:
    """Lock ``document``'s row for this transaction if it is still a draft in the
    database, else raise ``NotADraft``.

    A conditional ``UPDATE ... WHERE id = ? AND status = 'draft'`` that changes nothing:
    it waits for any other transaction holding the row (PostgreSQL: the row lock; SQLite:
    the database's write lock) and then reads the committed status, so of concurrent
    requests exactly one goes on, and it holds the row until it commits. Every change of a
    draft (save, final, delete) claims it first."""
    session = object_session(document)
    assert session is not None, "a document of a session"
    claimed = session.execute(
        update(Document)
        .where(Document.id == document.id, Document.status == DocumentStatus.DRAFT.value)
        .values(status=Document.status, updated_at=Document.updated_at)
        .execution_options(synchronize_session=False))
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise NotADraft()


def save_data(document: Document, data: dict, judul: str | None = None) -> None:
    if document.is_final:
        raise StorageError("dokumen final tidak dapat diubah; buat versi baru")
    claim_draft(document)
    document.data = data
    if judul is not None:
        document.judul = judul
    document.updated_at = utcnow()


def mark_final(document: Document, archive_path: str | None, template_sha256: str
               ) -> None:
    """Mark a draft final; ``NotADraft`` when another request was first (the caller
    archives nothing then)."""
    claim_draft(document)
    document.status = DocumentStatus.FINAL.value
    document.archive_path = archive_path
    document.template_sha256 = template_sha256
    document.finalized_at = document.updated_at = utcnow()


def new_version(session: Session, document: Document, author_id: int | None) -> Document:
    return create_document(session, document.type_name, document.unit_id, author_id,
                           dict(document.data), document.judul, parent=document)


def versions_of(session: Session, document: Document) -> list[Document]:
    """All versions in the chain that ``document`` belongs to, oldest first."""
    root = document
    while root.parent_id is not None:
        parent = session.get(Document, root.parent_id)
        if parent is None:  # the foreign key keeps the chain whole
            break
        root = parent
    chain, frontier = [root], [root.id]
    while frontier:
        children = list(session.scalars(select(Document).where(
            Document.parent_id.in_(frontier))))
        chain.extend(children)
        frontier = [c.id for c in children]
    return sorted(chain, key=lambda d: (d.version, d.id))


def delete_document(session: Session, document: Document) -> None:
    if document.is_final:
        raise StorageError("dokumen final tidak dapat dihapus")
    claim_draft(document)
    for upload in list_uploads(session, document.id):
        upload.document_id = None
    for child in session.scalars(select(Document).where(Document.parent_id == document.id)):
        child.parent_id = document.parent_id
    session.delete(document)


# -- uploads -------------------------------------------------------------------------
def add_upload(session: Session, **fields: Any) -> Upload:
    upload = Upload(**fields)
    session.add(upload)
    session.flush()
    return upload


def list_uploads(session: Session, document_id: int, kind: str | None = None) -> list[Upload]:
    query = select(Upload).where(Upload.document_id == document_id).order_by(Upload.id)
    if kind is not None:
        query = query.where(Upload.kind == kind)
    return list(session.scalars(query))


def get_upload(session: Session, upload_id: int) -> Upload | None:
    return session.get(Upload, upload_id) if storable_id(upload_id) else None
