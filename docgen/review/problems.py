"""One problem found in an uploaded template or data file, shown to the uploader."""

from __future__ import annotations

from dataclasses import asdict, dataclass

# Problem codes (stable, for the web layer and tests):
# type, size, format, macro, zip_bomb, xml, syntax, security, unsafe (raw output such as
# |safe), unbounded (code whose work cannot be bounded), unknown_variable, undefined,
# render, sample, data, resource (a render or check over its budget), timeout
FATAL_CODES = frozenset({"type", "size", "format", "macro", "zip_bomb", "xml", "syntax"})


@dataclass(frozen=True)
class Problem:
    """``message`` is Indonesian; ``context`` is the paragraph text where it applies."""

    code: str
    message: str
    context: str = ""

    def __str__(self) -> str:
        if not self.context:
            return self.message
        return f"{self.message} (di paragraf: \u201c{_shorten(self.context)}\u201d)"

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def _shorten(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"
