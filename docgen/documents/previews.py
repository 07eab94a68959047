"""A draft's preview PDF, rendered once per page view (kept in memory per process).

The document page renders the draft (to list its layout problems above the preview) and
keeps the watermarked PDF here under its SHA-256; the page's ``<iframe>`` asks for
``pratinjau.pdf?r=<sha256>`` and is served those bytes without a second render. A miss
(another worker, evicted, the draft changed since) renders afresh. Small and in memory:
the bytes are a cache, never the record (finals are archived in the database).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from docgen.storage import Document


@dataclass(frozen=True)
class Preview:
    document_id: int
    stamp: str  # the draft's state it was rendered from (see ``stamp_of``)
    pdf: bytes  # watermarked
    sha256: str
    placeholders: tuple[str, ...]  # emblems printed as the placeholder
    problems: tuple[Any, ...]  # docgen.layout.LayoutProblem of the unwatermarked PDF


def stamp_of(document: Document) -> str:
    return f"{document.id}:{document.version}:{document.updated_at.isoformat()}"


class PreviewCache:
    def __init__(self, size: int = 16):
        self.size = size
        self._items: OrderedDict[str, Preview] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, preview: Preview) -> None:
        with self._lock:
            self._items[preview.sha256] = preview
            self._items.move_to_end(preview.sha256)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def get(self, sha256: str, document: Document) -> Preview | None:
        """The preview ``sha256`` if it was rendered from ``document`` as it is now."""
        with self._lock:
            found = self._items.get(sha256)
        if found is None or found.document_id != document.id or \
                found.stamp != stamp_of(document):
            return None
        return found
