"""Accounts as a service: sign-in, users, API tokens, units (kop, head of unit), emblems.

``AccountService(session, settings)`` is what the web views, the API and the CLI call,
each with the acting user (``Actor``) passed in. It flushes and never commits: the caller
owns the transaction (the web: one per request, ``docgen.web.context.commit_db``; the CLI:
one per command, ``Database.session()``). Refusals are ``docgen.errors.Forbidden`` /
``NotFound`` / ``Conflict``; bad input ``docgen.domain.errors.InputError`` whose field
names the form input (``username``, ``unit_id``, ``kepala_nip``, ``lambang_daerah`` ...).

The command line acts as ``OPERATOR``: whoever runs ``docgen`` on the server may do what
an admin_kabupaten may (id 0 is no user; nothing stores it as a user id).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from docgen.accounts import emblems, passwords, units
from docgen.accounts.access import NOT_ALLOWED, NOT_FOUND, Actor, Role, require_role
from docgen.accounts.sessions import SignInService, end_sessions
from docgen.accounts.tokens import DEACTIVATED, TokenService
from docgen.config import Settings
from docgen.domain.errors import FieldError, InputError
from docgen.errors import Conflict, Forbidden, NotFound
from docgen.render.figures import Emblems
from docgen.storage import repo, review_repo, settings_repo
from docgen.storage.models import SettingsImage, Unit, User
from docgen.storage.repo import StorageError

OPERATOR = Actor(0, "sistem", Role.ADMIN_KABUPATEN, None, nama="baris perintah server")
ADMIN = Role.ADMIN_KABUPATEN
OWN_ACCOUNT = "Anda tidak dapat menonaktifkan akun sendiri."


@dataclass(frozen=True)
class EmblemSetting:
    """One emblem as Pengaturan > Lambang shows it: the stored row, else what applies."""

    key: str
    label: str
    use: str
    row: SettingsImage | None
    fallback: str  # what prints while no emblem is stored


class AccountService:
    def __init__(self, session: Session, settings: Settings | None = None) -> None:
        self.session = session
        self.settings = settings
        self._settings = settings or Settings()

    # -- sign-in, sessions and API tokens -------------------------------------------------
    @property
    def sign_in(self) -> SignInService:
        """Signing in (throttled), sessions, sign-out, password change."""
        return SignInService(self.session, self._settings)

    @property
    def tokens(self) -> TokenService:
        """API tokens: create with an expiry, list, revoke, check (throttled)."""
        return TokenService(self.session, self._settings)

    def authenticate(self, username: str, password: str, address: str | None = None
                     ) -> User | None:
        """The active user with this name and password, else ``None`` (never says which
        of the two was wrong); ``Throttled`` (429) after too many failures."""
        return self.sign_in.sign_in(username, password, address)

    def user_for_token(self, token: str, address: str | None = None) -> User | None:
        """The active user of an API token in force (its last use is recorded), else
        None; ``Throttled`` (429) after too many bad tokens from ``address``."""
        return self.tokens.user_for_token(token, address)

    def create_token(self, actor: Actor, username: str, days: int | None = None) -> str:
        """A new API token of ``username`` (for an admin_kabupaten, or the user themself)
        valid for ``days``; printed once, only its SHA-256 is stored."""
        return self.tokens.create(actor, username, days)

    # -- users ---------------------------------------------------------------------------
    def users(self, actor: Actor) -> list[User]:
        require_role(actor, ADMIN)
        return repo.list_users(self.session)

    def user(self, actor: Actor, user_id: int) -> User:
        require_role(actor, ADMIN)
        user = self.session.get(User, user_id)
        if user is None:
            raise NotFound(NOT_FOUND)
        return user

    def create_user(self, actor: Actor, username: str, password: str, role: str,
                    unit_id: int | None = None, nama: str | None = None) -> User:
        """A new active user; a unit role needs an existing unit, a name not yet taken,
        a password that satisfies ``passwords.password_errors`` (stored as a hash)."""
        require_role(actor, ADMIN)
        errors = passwords.password_errors(password, username)
        if errors:
            raise InputError(errors)
        try:
            return repo.create_user(self.session, username, password, role, unit_id, nama)
        except StorageError as exc:
            raise InputError([FieldError(exc.field or "(input)", str(exc))]) from None

    def activate(self, actor: Actor, user_id: int) -> User:
        user = self.user(actor, user_id)
        user.active = True
        self.session.flush()
        return user

    def deactivate(self, actor: Actor, user_id: int) -> User:
        """The user can no longer sign in; their sessions end and their API tokens are
        revoked (activating them again revives neither); never one's own account."""
        user = self.user(actor, user_id)
        if user.id == actor.id:
            raise Conflict(OWN_ACCOUNT)
        user.active = False
        end_sessions(user)
        self.tokens.revoke_all(actor, user.username, DEACTIVATED)
        self.session.flush()
        return user

    # -- units ---------------------------------------------------------------------------
    def units(self, actor: Actor) -> list[Unit]:
        require_role(actor, ADMIN)
        return repo.list_units(self.session)

    def unit(self, actor: Actor, unit_id: int) -> Unit:
        require_role(actor, ADMIN)
        unit = repo.get_unit(self.session, unit_id)
        if unit is None:
            raise NotFound(NOT_FOUND)
        return unit

    def editable_unit(self, actor: Actor, unit_id: int | None) -> Unit | None:
        """The unit an admin_kabupaten edits (``None``: a new one is being made)."""
        require_role(actor, ADMIN)
        return self.unit(actor, unit_id) if unit_id is not None else None

    def save_unit(self, actor: Actor, unit_id: int | None, values: Mapping[str, str]
                  ) -> Unit:
        """Create (``unit_id`` None) or change a unit: kop and head of unit, every field
        of ``units.UNIT_FIELDS`` given (empty: not set)."""
        unit = self.editable_unit(actor, unit_id)
        values = {f: values.get(f, "") for f in units.UNIT_FIELDS}
        self._check(units.check_unit(values), values["nama"], unit_id)
        if unit is None:
            return repo.create_unit(self.session, **{k: v or None for k, v in values.items()})
        repo.update_unit(unit, **values)
        self.session.flush()
        return unit

    def own_unit(self, actor: Actor) -> Unit:
        """The unit of an admin_unit (the only unit whose kop they may change)."""
        require_role(actor, Role.ADMIN_UNIT)
        if actor.unit_id is None:
            raise Forbidden(NOT_ALLOWED)
        unit = repo.get_unit(self.session, actor.unit_id)
        if unit is None:
            raise NotFound(NOT_FOUND)
        return unit

    def save_own_kop(self, actor: Actor, values: Mapping[str, str]) -> Unit:
        """admin_unit changes the kop of their own unit (``units.OWN_KOP_FIELDS``; the
        jenis and the head of unit stay the admin_kabupaten's); audited."""
        unit = self.own_unit(actor)
        kop = {f: getattr(unit, f) or "" for f in units.KOP_FIELDS}
        kop.update({f: values.get(f, "") for f in units.OWN_KOP_FIELDS})
        self._check(units.check_kop(kop), kop["nama"], unit.id)
        repo.update_unit(unit, **{f: kop[f] for f in units.OWN_KOP_FIELDS})
        self._audit(actor, "unit_kop", f"kop {unit.nama}", unit_id=unit.id,
                    detail="; ".join(f"{f}: {kop[f] or '-'}" for f in units.OWN_KOP_FIELDS))
        return unit

    def _check(self, errors: list[FieldError], nama: str, unit_id: int | None) -> None:
        """Field errors of the models first; then a name another unit already has."""
        if not errors and any(u.nama == nama and u.id != unit_id
                              for u in repo.list_units(self.session)):
            errors = [FieldError("nama", units.NAMA_TAKEN)]
        if errors:
            raise InputError(errors)

    # -- emblems -------------------------------------------------------------------------
    def stored_emblems(self) -> Emblems:
        return emblems.stored_emblems(self.session)

    def emblem_settings(self, actor: Actor) -> list[EmblemSetting]:
        """Each emblem: the stored one, else the settings file or the placeholder."""
        require_role(actor, ADMIN)
        items = []
        for key, row in settings_repo.current_images(self.session).items():
            path = getattr(self.settings, key) if self.settings is not None else None
            fallback = (f"berkas pengaturan server {path}" if path is not None
                        else "penanda \u201cLAMBANG \u2026 (slot)\u201d (dokumen belum dapat "
                             "ditandai final)")
            items.append(EmblemSetting(key, emblems.LABELS[key], emblems.USES[key], row,
                                       fallback))
        return items

    def upload_emblem(self, actor: Actor, key: str, data: bytes) -> SettingsImage:
        """Check and store a new emblem (``emblems.EmblemError`` naming the key when it
        is refused: nothing stored); audited. Documents rendered from now on print it."""
        label = self._emblem_label(actor, key)
        width, height = emblems.check_emblem(key, data)
        row = settings_repo.store_image(self.session, key, data, emblems.CONTENT_TYPE, width,
                                        height, actor.username, _user_id(actor))
        self._audit(actor, "emblem_upload", label,
                    detail=f"PNG {width}\u00d7{height} piksel, {len(data)} bita; "
                           f"sha256 {row.sha256}")
        return row

    def emblem_image(self, actor: Actor, key: str) -> SettingsImage:
        self._emblem_label(actor, key)
        row = settings_repo.current_image(self.session, key)
        if row is None:
            raise NotFound(NOT_FOUND)
        return row

    def _emblem_label(self, actor: Actor, key: str) -> str:
        require_role(actor, ADMIN)
        if key not in emblems.LABELS:
            raise NotFound(NOT_FOUND)
        return emblems.LABELS[key]

    # -- audit ---------------------------------------------------------------------------
    def _audit(self, actor: Actor, action: str, subject: str, *, unit_id: int | None = None,
               detail: str = "") -> None:
        review_repo.add_audit(self.session, action, subject, actor.username, _user_id(actor),
                              unit_id=unit_id, detail=detail)


def _user_id(actor: Actor) -> int | None:
    """The actor's user id as stored (``OPERATOR`` is no user)."""
    return actor.id or None
