"""Versioning rules for templates and regulation data sets (storage-agnostic).

A version is ``draft`` when uploaded, ``approved`` when a second person accepts it, and
``retired`` when a newer version is approved (or a draft is withdrawn). Rules:

- an upload becomes a draft only if its check passes (``check_template`` for a template,
  ``check_regulation_data`` for a data set) and its content is new for that type;
- FOUR EYES: the uploader can never approve their own version;
- approval re-runs the check on the exact bytes (their SHA-256 must match the version);
- exactly one approved version per type: approving one retires the previous one.

Functions take the versions the storage layer has for a type and return new frozen
objects; the caller persists ``Approval.approved`` and ``Approval.retired`` in one
transaction. Errors are ``ReviewError`` with an Indonesian message.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from typing import Any, ClassVar, TypeVar

from docgen.domain.regulation import DATA_DIR, Regulation
from docgen.registry import REGISTRY
from docgen.review.archive import sha256
from docgen.review.checks import check_template
from docgen.review.datachecks import check_regulation_data
from docgen.review.problems import Problem

STATUSES = ("draft", "approved", "retired")


class ReviewError(Exception):
    """A workflow rule was broken; ``str(exc)`` is the Indonesian message."""


class FourEyesError(ReviewError):
    pass


class CheckFailed(ReviewError):
    def __init__(self, message: str, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__(message + "".join(f"\n- {p}" for p in self.problems))


@dataclass(frozen=True)
class Version:
    kind: ClassVar[str] = "version"
    label: ClassVar[str] = "versi"

    type: str  # document type name, or data set name (scored_card, kuesioner, ...)
    number: int
    sha256: str
    author: str
    created_at: datetime
    note: str = ""
    status: str = "draft"
    approved_by: str | None = None
    approved_at: datetime | None = None
    retired_at: datetime | None = None

    def check(self, data: bytes) -> list[Problem]:
        raise NotImplementedError

    @classmethod
    def validate_type(cls, name: str) -> None:
        raise NotImplementedError

    def to_dict(self) -> dict[str, Any]:
        values = asdict(self)
        for key in ("created_at", "approved_at", "retired_at"):
            values[key] = values[key].isoformat() if values[key] else None
        return {"kind": self.kind, **values}


@dataclass(frozen=True)
class TemplateVersion(Version):
    kind: ClassVar[str] = "template"
    label: ClassVar[str] = "templat"

    def check(self, data: bytes) -> list[Problem]:
        return list(check_template(self.type, data).problems)

    @classmethod
    def validate_type(cls, name: str) -> None:
        if name not in REGISTRY:
            raise ReviewError(f"jenis dokumen tidak dikenal: {name}")


@dataclass(frozen=True)
class DataVersion(Version):
    kind: ClassVar[str] = "data"
    label: ClassVar[str] = "data peraturan"

    def check(self, data: bytes) -> list[Problem]:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return [Problem("data", f"{self.type}.yaml harus berkodekan UTF-8")]
        return check_regulation_data(self.type, text, self.current_regulation())

    @classmethod
    def current_regulation(cls) -> Regulation | None:
        """The snapshot in use that a new version is compared with (None: bundled)."""
        return None

    @classmethod
    def validate_type(cls, name: str) -> None:
        if not name.isidentifier() or not (DATA_DIR / f"{name}.yaml").is_file():
            raise ReviewError(f"data peraturan tidak dikenal: {name}")


@dataclass(frozen=True)
class Approval:
    approved: Version
    retired: tuple[Version, ...] = ()


V = TypeVar("V", bound=Version)


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _same_person(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def _of_type(versions: Iterable[V], type_name: str) -> list[V]:
    return [v for v in versions if v.type == type_name]


def current(versions: Iterable[V], type_name: str) -> V | None:
    """The approved version of ``type_name`` (None: use the bundled file)."""
    approved = [v for v in _of_type(versions, type_name) if v.status == "approved"]
    if len(approved) > 1:
        numbers = ", ".join(str(v.number) for v in approved)
        raise ReviewError(f"{type_name}: lebih dari satu versi disetujui ({numbers}); "
                          "data versi tidak konsisten")
    return approved[0] if approved else None


def propose(cls: type[V], versions: Iterable[V], type_name: str, data: bytes, author: str,
            note: str = "", now: datetime | None = None) -> V:
    """A new draft of ``type_name``, or CheckFailed/ReviewError (nothing to store)."""
    cls.validate_type(type_name)
    if not author.strip():
        raise ReviewError("pengunggah harus diisi")
    existing = _of_type(versions, type_name)
    digest = sha256(data)
    for version in existing:
        if version.sha256 == digest:
            raise ReviewError(f"isi berkas sama persis dengan {cls.label} {type_name} "
                              f"versi {version.number}")
    number = max((v.number for v in existing), default=0) + 1
    version = cls(type_name, number, digest, author.strip(), _now(now), note.strip())
    problems = version.check(data)
    if problems:
        raise CheckFailed(f"{cls.label} {type_name} ditolak:", problems)
    return version


def approve(versions: Iterable[V], version: V, approver: str, data: bytes,
            now: datetime | None = None) -> Approval:
    """Approve ``version`` (whose content is ``data``); retires the previous approved one."""
    if version.status != "draft":
        raise ReviewError(f"hanya versi berstatus draft yang dapat disetujui "
                          f"(versi {version.number} berstatus {version.status})")
    if not approver.strip():
        raise ReviewError("penyetuju harus diisi")
    if _same_person(approver, version.author):
        raise FourEyesError(
            f"{version.label} {version.type} versi {version.number} diunggah oleh "
            f"{version.author}; persetujuan harus diberikan orang lain (prinsip empat mata)")
    if sha256(data) != version.sha256:
        raise ReviewError("isi berkas tidak sama dengan versi yang diajukan (SHA-256 berbeda)")
    problems = version.check(data)
    if problems:
        raise CheckFailed(f"{version.label} {version.type} versi {version.number} tidak "
                          "lolos pemeriksaan dan tidak dapat disetujui:", problems)
    when = _now(now)
    previous = current(versions, version.type)
    retired = () if previous is None else (replace(previous, status="retired",
                                                   retired_at=when),)
    approved = replace(version, status="approved", approved_by=approver.strip(),
                       approved_at=when)
    return Approval(approved, retired)


def retire(version: V, now: datetime | None = None) -> V:
    """Withdraw a draft (the approved version is only retired by approving another)."""
    if version.status != "draft":
        raise ReviewError("versi yang disetujui hanya diganti dengan menyetujui versi baru; "
                          "setiap jenis harus tetap punya satu versi yang berlaku")
    return replace(version, status="retired", retired_at=_now(now))


def propose_template(versions: Iterable[TemplateVersion], type_name: str, data: bytes,
                     author: str, note: str = "", now: datetime | None = None
                     ) -> TemplateVersion:
    return propose(TemplateVersion, versions, type_name, data, author, note, now)


def propose_data(versions: Iterable[DataVersion], name: str, data: bytes, author: str,
                 note: str = "", now: datetime | None = None) -> DataVersion:
    return propose(DataVersion, versions, name, data, author, note, now)
