"""The archive record that proves which wording produced a document (storage-agnostic).

A record ties a final document's ID to its input, the SHA-256 of the exact template
version that rendered it and the SHA-256 of the exact output file (the stamped PDF).
The storage layer keeps records as rows or JSON; ``to_json``/``from_json`` round-trip.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

STATUSES = ("final", "dicabut", "diganti")  # final, revoked, superseded
_HEX64 = re.compile(r"[0-9a-f]{64}")
_ID = re.compile(r"\d{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical_json(value: Any) -> str:
    """Stable JSON (sorted keys, no spaces) so equal inputs hash equally."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=str)


def new_document_id(year: int | None = None) -> str:
    """Unguessable ID such as ``2025-7KQ2-M9XD-3FBT`` (60 random bits, Crockford base32)."""
    year = year or datetime.now().year
    chars = "".join(secrets.choice(_CROCKFORD) for _ in range(12))
    return f"{year}-{chars[:4]}-{chars[4:8]}-{chars[8:]}"


def is_document_id(text: str) -> bool:
    return bool(_ID.fullmatch(text))


class ArchiveError(ValueError):
    pass


@dataclass(frozen=True)
class ArchiveRecord:
    document_id: str
    type: str
    unit: str
    author: str
    created_at: datetime
    input_data: dict[str, Any]
    template_sha256: str
    output_sha256: str
    status: str = "final"

    def __post_init__(self) -> None:
        for name in ("template_sha256", "output_sha256"):
            if not _HEX64.fullmatch(getattr(self, name)):
                raise ArchiveError(f"{name} harus SHA-256 heksadesimal (64 karakter kecil)")
        if self.status not in STATUSES:
            raise ArchiveError(f"status arsip tidak dikenal: {self.status} "
                               f"(pilih: {', '.join(STATUSES)})")
        if not isinstance(self.created_at, datetime):
            raise ArchiveError("created_at harus datetime")
        # a private, JSON-clean copy: later changes to the caller's dict cannot alter it
        object.__setattr__(self, "input_data", json.loads(canonical_json(self.input_data)))

    @property
    def input_sha256(self) -> str:
        return sha256(canonical_json(self.input_data).encode("utf-8"))

    def with_status(self, status: str) -> ArchiveRecord:
        return replace(self, status=status)

    def matches_output(self, data: bytes) -> bool:
        """True if ``data`` is byte-identical to the archived output."""
        return secrets.compare_digest(sha256(data), self.output_sha256)

    def to_dict(self) -> dict[str, Any]:
        values = asdict(self)
        values["created_at"] = self.created_at.isoformat()
        return values

    def to_json(self) -> str:
        return canonical_json(self.to_dict())

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> ArchiveRecord:
        values = dict(values)
        try:
            values["created_at"] = datetime.fromisoformat(values["created_at"])
            return cls(**values)
        except (KeyError, TypeError, ValueError) as exc:
            raise ArchiveError(f"catatan arsip tidak valid: {exc}") from None

    @classmethod
    def from_json(cls, text: str) -> ArchiveRecord:
        try:
            values = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ArchiveError(f"catatan arsip bukan JSON yang valid: {exc}") from None
        if not isinstance(values, dict):
            raise ArchiveError("catatan arsip harus berupa objek JSON")
        return cls.from_dict(values)
