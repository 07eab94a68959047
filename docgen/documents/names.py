"""How documents are named: file names of outputs, short titles for lists."""

from __future__ import annotations

from typing import Any

from docgen.storage import Document

DESCRIBE_FIELDS = ("nomor", "nama_kbk", "judul", "periode", "bulan", "tahun", "tanggal")


def file_stem(document: Document) -> str:
    unit = document.unit.singkatan or document.unit.nama if document.unit else "kabupaten"
    safe = "".join(c if c.isalnum() else "-" for c in unit).strip("-").lower()
    status = "" if document.is_final else "-draf"
    return f"{document.type_name}-{safe}-{document.id}-v{document.version}{status}"


def describe(data: dict[str, Any]) -> str:
    """A short title for lists: the first identifying field that is filled in."""
    for key in DESCRIBE_FIELDS:
        value = data.get(key)
        if isinstance(value, str | int) and str(value).strip():
            return f"{key.replace('_', ' ').capitalize()}: {value}"
    return ""
