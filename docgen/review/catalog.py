"""The stored template and data set versions: lookup, bundled files, the regulation snapshot.

- The bundled files are version 1 of every template and data set (approved, author
  "sistem"); ``register_bundled`` stores them when the app starts. A bundled file that
  changes in a later docgen release is registered as a draft by "sistem" and must be
  approved.
- ``current_template``: the approved template version of a type, what every new output
  uses; ``template_by_sha``: the version that produced an archived output.
- The approved data sets are a ``Regulation`` snapshot (``regulation_of``; the app keeps a
  ``RegulationCache``: one immutable value per approved-versions stamp, so every worker
  follows an approval). An approved version this release cannot read (YAML anchors or
  aliases, its schema refuses it, a code the code base reads is missing) is skipped: the
  bundled file stands in, so a data set written into the database past the review never
  breaks a render.

Functions take the SQLAlchemy session; they read, or add and flush, never commit (the
bundled registration aside: ``review_repo.register_bundled`` commits row by row, so that
two processes starting at once do not fail each other).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from typing import Any

import yaml
from sqlalchemy.orm import Session

from docgen.domain import data_schemas, regulation
from docgen.domain.regulation import Regulation
from docgen.registry import REGISTRY
from docgen.review import versions as rules
from docgen.review.archive import sha256
from docgen.review.datacodes import code_problems
from docgen.review.safeyaml import load as load_yaml
from docgen.storage import review_repo
from docgen.storage.models import DataVersionRow, TemplateVersionRow

VersionRow = TemplateVersionRow | DataVersionRow
MODELS: dict[str, type[Any]] = {"template": TemplateVersionRow, "data": DataVersionRow}


def key_of(row: VersionRow) -> str:
    return row.type_name if isinstance(row, TemplateVersionRow) else row.name


def kind_of(row: VersionRow) -> str:
    return "template" if isinstance(row, TemplateVersionRow) else "data"


def content_bytes(row: VersionRow) -> bytes:
    return row.content if isinstance(row.content, bytes) else row.content.encode("utf-8")


def subject(row: VersionRow) -> str:
    """How the audit list and messages name a version: "templat sk-kbk versi 2"."""
    label = "templat" if kind_of(row) == "template" else "data peraturan"
    return f"{label} {key_of(row)} versi {row.number}"


# -- start-up --------------------------------------------------------------------------
def bundled_files() -> tuple[dict[str, tuple[bytes, str]], dict[str, tuple[str, str]]]:
    """(templates, data sets) shipped with docgen: key -> (content, sha256 of the bytes)."""
    templates = {}
    for doc_type in REGISTRY:
        data = doc_type.template.read_bytes()
        templates[doc_type.name] = (data, sha256(data))
    data_sets = {}
    for name in regulation.names():
        text = regulation.bundled_text(name)
        data_sets[name] = (text, sha256(text.encode("utf-8")))
    return templates, data_sets


def register_bundled(session: Session) -> list[VersionRow]:
    """Version 1 of every template and data set from the bundled files (the rows added;
    none when they are stored already)."""
    templates, data_sets = bundled_files()
    return (review_repo.register_bundled(session, TemplateVersionRow, templates)
            + review_repo.register_bundled(session, DataVersionRow, data_sets))


# -- lookup ----------------------------------------------------------------------------
def current_template(session: Session, type_name: str) -> TemplateVersionRow:
    """The approved template version of a type: what every new output uses."""
    row = review_repo.approved(session, TemplateVersionRow, type_name)
    if row is None:
        raise rules.ReviewError(f"jenis {type_name} tidak punya versi templat yang disetujui")
    return row


def template_by_sha(session: Session, type_name: str, digest: str | None
                    ) -> TemplateVersionRow | None:
    return next((v for v in review_repo.versions(session, TemplateVersionRow, type_name)
                 if v.sha256 == digest), None)


def approved_text(session: Session, name: str) -> str:
    """The approved text of a data set (the bundled file while none is approved)."""
    row = review_repo.approved(session, DataVersionRow, name)
    return row.content if row is not None else regulation.bundled_text(name)


# -- the approved data sets are the regulation snapshot --------------------------------
def regulation_of(session: Session) -> Regulation:
    """The snapshot of the approved data set versions (read now, not cached)."""
    texts = {row.name: row.content for row in review_repo.all_approved(session, DataVersionRow)
             if row.name in regulation.names() and _readable(row.name, row.content)}
    return Regulation.from_texts(texts)


class RegulationCache:
    """The snapshot of each approved-versions stamp ((name, sha256) pairs), a few kept.

    The stamp is one cheap query per call; the texts are read and a ``Regulation`` built
    only when it changed. Values are immutable, so threads share them freely."""

    def __init__(self, size: int = 4):
        self.size = size
        self._items: OrderedDict[tuple[tuple[str, str], ...], Regulation] = OrderedDict()
        self._lock = threading.Lock()

    def current(self, session: Session) -> Regulation:
        stamp = review_repo.approved_stamp(session, DataVersionRow)
        with self._lock:
            found = self._items.get(stamp)
        if found is not None:
            return found
        built = regulation_of(session)
        with self._lock:
            self._items[stamp] = built
            self._items.move_to_end(stamp)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return built


def _readable(name: str, text: str) -> bool:
    """An approved version this release refuses (approved under an older release, e.g.
    with the comma-cut scored-card texts, or written into the database directly) is not
    used: the bundled file stands in, and the bundled file's new version waits for
    approval in /tinjauan."""
    try:
        data = load_yaml(text)
        problems = data_schemas.problems(name, data) or code_problems(name, data)
    except (yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
        problems = [str(exc)]
    if problems:
        logging.getLogger(__name__).warning(
            "data set %s: approved version does not match this release's schema (%s); "
            "using the bundled file", name, "; ".join(problems[:3]))
    return not problems
