"""Preview PDFs on disk under ``data_dir/cache/previews``, at most ``preview_cache_mb``.

One ``<key>.pdf`` (the watermarked preview) and ``<key>.json`` (the emblems printed as
placeholders and the layout problems found) per render key. Files are written to a
temporary name and renamed, so a reader in another worker sees a whole file or none.
After each write the least recently used entries (a hit touches its files) are removed
until the folder is under the cap again.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path

from docgen.documents.previews import Preview
from docgen.fileio import write_atomic
from docgen.layout.model import LayoutProblem

MB = 1024 * 1024


class PreviewStore:
    def __init__(self, folder: Path, max_bytes: int):
        self.folder = folder
        self.max_bytes = max_bytes

    def _paths(self, key: str) -> tuple[Path, Path]:
        if not key.isalnum():
            raise ValueError("a render key is a hex digest")
        return self.folder / f"{key}.pdf", self.folder / f"{key}.json"

    def get(self, key: str) -> Preview | None:
        pdf_path, meta_path = self._paths(key)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            pdf = pdf_path.read_bytes()
            for path in (pdf_path, meta_path):
                os.utime(path)
        except (OSError, ValueError):
            return None
        return Preview(key, pdf, meta["sha256"], tuple(meta["placeholders"]),
                       tuple(LayoutProblem(**p) for p in meta["problems"]))

    def put(self, preview: Preview) -> None:
        if self.max_bytes <= 0:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        pdf_path, meta_path = self._paths(preview.key)
        meta = {"sha256": preview.sha256, "placeholders": list(preview.placeholders),
                "problems": [asdict(p) for p in preview.problems]}
        write_atomic(pdf_path, preview.pdf)  # the PDF first: the JSON marks it complete
        write_atomic(meta_path, json.dumps(meta, ensure_ascii=False).encode("utf-8"))
        self.evict()

    def size(self) -> int:
        return sum(p.stat().st_size for p in self._entries())

    def _entries(self) -> list[Path]:
        try:
            return [p for p in self.folder.iterdir() if p.suffix in (".pdf", ".json")
                    and not p.name.startswith(".")]
        except FileNotFoundError:
            return []

    def evict(self) -> None:
        """Remove the least recently used previews until the folder is under the cap."""
        entries = []
        for path in self._entries():
            try:
                entries.append((path.stat().st_mtime, path.stat().st_size, path))
            except FileNotFoundError:  # removed by another worker just now
                continue
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries, key=lambda e: e[0]):
            if total <= self.max_bytes:
                break
            path.unlink(missing_ok=True)
            total -= size
