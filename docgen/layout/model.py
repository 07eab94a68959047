"""The problem record shared by every check of the layout package."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("tanda_tangan_yatim", "tanda_tangan_terbelah", "nomor_terpotong", "kata_terpotong",
         "baris_terbelah", "header_tidak_diulang", "penanda", "nomor_halaman")
BLOCKING_KINDS = frozenset({"tanda_tangan_yatim", "tanda_tangan_terbelah", "penanda",
                            "nomor_terpotong"})


@dataclass(frozen=True)
class LayoutProblem:
    page: int  # 1-based
    kind: str  # one of KINDS
    text: str  # the printed text concerned (short)
    message: str  # Indonesian sentence for users
    blocking: bool

    def line(self) -> str:
        return f"page {self.page}: {self.message}"


def problem(page: int, kind: str, text: str, message: str) -> LayoutProblem:
    """A problem whose ``blocking`` flag follows from its kind."""
    if kind not in KINDS:
        raise ValueError(f"unknown layout problem kind: {kind}")
    return LayoutProblem(page, kind, shorten(text), message, kind in BLOCKING_KINDS)


def shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
