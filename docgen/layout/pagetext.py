"""Checks on the printed text of each page alone: markers and page numbers."""

from __future__ import annotations

import re
from collections.abc import Sequence

from docgen.layout.model import LayoutProblem, problem
from docgen.layout.pdfwords import PdfDoc, PdfPage, Segment, page_number_of

MARKERS = ("(slot)", "[teks", "dilengkapi Bagian Hukum", "{{", "}}", "{%", "%}", "TODO",
           "XXX")
MARKERS_ANY_CASE = ("lorem ipsum",)
NEAR_CHARS = 60  # a second marker this close belongs to the same placeholder


def check_markers(pdf: PdfDoc, extra: Sequence[str] = ()) -> list[LayoutProblem]:
    pattern = _marker_pattern([*MARKERS, *extra])
    loose = re.compile("|".join(re.escape(m) for m in MARKERS_ANY_CASE), re.IGNORECASE)
    problems: list[LayoutProblem] = []
    found: dict[tuple[int, str], list[str]] = {}
    for page in pdf.pages:
        segments = page.body_segments()
        text = " ".join(s.text for s in segments)
        starts = _starts(segments)
        for match in _separate([*pattern.finditer(text), *loose.finditer(text)]):
            line = segments[_line_at(starts, match.start())].text
            printed = _marker_text(text, match)
            found.setdefault((page.number, printed), []).append(line)
    for (number, printed), lines in found.items():
        times = f" ({len(lines)} kali di halaman ini)" if len(lines) > 1 else ""
        problems.append(problem(number, "penanda", printed,
                                f"teks penanda/isian tercetak: \u201c{printed}\u201d{times}"))
    return _unique(problems)


def _marker_text(text: str, match: re.Match[str]) -> str:
    """The whole placeholder as printed: a bracketed one up to its ']' (over line ends),
    else the marker with a few words around it."""
    start = text.rfind("[", max(match.start() - NEAR_CHARS, 0), match.start() + 1)
    if start >= 0:
        end = text.find("]", match.start())
        if 0 <= end - start <= 2 * NEAR_CHARS + 40:
            return " ".join(text[start:end + 1].split())
    window = text[max(match.start() - 25, 0):match.end() + 25]
    return _excerpt(window)


def _marker_pattern(markers: list[str]) -> re.Pattern[str]:
    alternatives = [re.escape(m) for m in markers if m]
    words = [a for a in alternatives if a.isalnum()]
    others = [a for a in alternatives if not a.isalnum()]
    parts = [rf"\b(?:{'|'.join(words)})\b"] if words else []
    parts += others
    return re.compile("|".join(parts) or r"(?!)")


def _separate(matches: list[re.Match[str]]) -> list[re.Match[str]]:
    """One match per marker text: "[teks ... dilengkapi Bagian Hukum]" counts once."""
    kept: list[re.Match[str]] = []
    for match in sorted(matches, key=lambda m: m.start()):
        if not kept or match.start() - kept[-1].end() > NEAR_CHARS:
            kept.append(match)
    return kept


def _starts(segments: Sequence[Segment]) -> list[int]:
    starts, position = [], 0
    for segment in segments:
        starts.append(position)
        position += len(segment.text) + 1
    return starts


def _line_at(starts: list[int], offset: int) -> int:
    index = 0
    for k, start in enumerate(starts):
        if start <= offset:
            index = k
    return index


def _excerpt(line: str) -> str:
    line = " ".join(line.split())
    return line if len(line) <= 70 else line[:69] + "\u2026"


def _unique(problems: list[LayoutProblem]) -> list[LayoutProblem]:
    seen, result = set(), []
    for item in problems:
        if (item.page, item.text) not in seen:
            seen.add((item.page, item.text))
            result.append(item)
    return result


def check_page_numbers(pdf: PdfDoc) -> list[LayoutProblem]:
    problems = []
    for page in pdf.pages:
        numbers = _header_numbers(page)
        if page.number == 1 and numbers:
            problems.append(problem(
                1, "nomor_halaman", f"- {numbers[0]} -",
                f'halaman pertama tidak boleh bernomor, tercetak "- {numbers[0]} -"'))
        elif page.number > 1 and page.number not in numbers:
            printed = f', tercetak "- {numbers[0]} -"' if numbers else ""
            problems.append(problem(
                page.number, "nomor_halaman", f"- {page.number} -",
                f'nomor halaman "- {page.number} -" tidak ada di bagian atas halaman{printed}'))
    return problems


def _header_numbers(page: PdfPage) -> list[int]:
    body = page.body_segments()
    first_body = min((s.top for s in body), default=page.height)
    numbers = [page_number_of(s) for s in page.segments
               if s.role == "page_number" and s.top <= first_body]
    return [n for n in numbers if n is not None]
