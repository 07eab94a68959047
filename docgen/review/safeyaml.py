"""YAML for regulation data sets, without anchors and aliases.

An alias (``*a``) makes one node stand for another; nine levels of nine aliases each
(a "billion laughs" file of a few hundred bytes) stand for 387 million strings, which a
schema check then walks for hours. ``load`` refuses the first anchor or alias while the
file is being composed, before any node is built, and refuses nesting deeper than
``MAX_DEPTH`` (which would otherwise exhaust Python's recursion). Everything else is
``yaml.SafeLoader``.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_DEPTH = 40


class RefusedYaml(yaml.YAMLError):
    """The text uses a YAML feature data sets may not use; ``str(exc)`` is Indonesian."""

    def __init__(self, message: str, mark: Any = None):
        super().__init__(message)
        self.problem_mark = mark


class _Loader(yaml.SafeLoader):
    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise RefusedYaml("anchor/alias YAML (&nama, *nama) tidak diizinkan dalam data "
                              "peraturan; tulis isinya lengkap di setiap tempat",
                              event.start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise RefusedYaml(f"struktur YAML bertingkat lebih dari {MAX_DEPTH} tingkat",
                                  event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load(text: str) -> Any:
    """The parsed YAML ``text`` (``yaml.YAMLError``, or ``RefusedYaml``, when it cannot be)."""
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
