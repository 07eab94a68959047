"""A draft's preview PDF, rendered once per (template version, input) and then reused.

The document page renders a valid draft (to list its layout problems above the preview)
and its ``<iframe>`` asks for ``pratinjau.pdf``; both look the preview up by its render
key, the SHA-256 of the template version's hash and of the input as rendered (uploaded
files, stored emblems and the regulation snapshot included). A page view or a reload
of an unchanged draft therefore converts nothing. Two layers: a few previews in memory
per process (``PreviewCache``) in front of a bounded on-disk cache shared by the workers
(``docgen.documents.preview_cache.PreviewStore``). The bytes are a cache, never the
record (finals are archived in the database).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from docgen.domain.regulation import Regulation
from docgen.layout.model import LayoutProblem
from docgen.render.figures import Emblems


@dataclass(frozen=True)
class Preview:
    key: str  # ``render_key`` of what it was rendered from
    pdf: bytes  # watermarked
    sha256: str
    placeholders: tuple[str, ...]  # emblems printed as the placeholder
    problems: tuple[LayoutProblem, ...]  # of the unwatermarked PDF


def _digest(value: bytes) -> str:
    return hashlib.sha256(value).hexdigest()


def _bytes_as_digest(value: Any) -> str:
    if isinstance(value, bytes | bytearray):
        return "sha256:" + _digest(bytes(value))
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def render_key(template_sha256: str, type_name: str, data: Any, emblems: Emblems,
               regulation: Regulation) -> str:
    """The identity of a draft render: same key, same PDF."""
    parts = {
        "template": template_sha256, "type": type_name, "input": data,
        "emblems": [emblems.daerah, emblems.negara],
        "regulation": sorted(regulation.texts.items()),
    }
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=_bytes_as_digest)
    return _digest(text.encode("utf-8"))


class PreviewCache:
    """The newest previews of this process, by render key (in front of the disk cache)."""

    def __init__(self, size: int = 16):
        self.size = size
        self._items: OrderedDict[str, Preview] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, preview: Preview) -> None:
        with self._lock:
            self._items[preview.key] = preview
            self._items.move_to_end(preview.key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def get(self, key: str) -> Preview | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found
