"""Words and list labels broken over two lines ("KEDUDUKA" / "N", "1" / "0.")."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from docgen.layout.align import Alignment
from docgen.layout.docxmodel import DocxDoc, is_label
from docgen.layout.model import LayoutProblem, problem
from docgen.layout.pdfwords import PdfDoc, Word

NUMBER_LABEL = re.compile(r"^\d+[.)]$")


def check_breaks(pdf: PdfDoc, docx: DocxDoc | None,
                 alignment: Alignment | None) -> list[LayoutProblem]:
    pairs = _wrapped_pairs(pdf)
    dictionary = docx.words if docx else _pdf_dictionary(pdf, pairs)
    problems = [_broken(pieces, joined) for pieces, joined in _chains(pairs, dictionary)]
    if docx and alignment:
        problems += _unprinted_labels(docx, alignment, problems)
    return problems


def _broken(pieces: list[Word], joined: str) -> LayoutProblem:
    kind = "nomor_terpotong" if is_label(joined) else "kata_terpotong"
    what = "nomor" if kind == "nomor_terpotong" else "kata"
    printed = " / ".join(w.text for w in pieces)
    shown = '" lalu "'.join(w.text for w in pieces)
    return problem(pieces[0].page, kind, printed,
                   f'{what} "{joined}" terpotong: tercetak "{shown}" di baris berikutnya')


def _chains(pairs: list[tuple[Word, Word]],
            dictionary: set[str]) -> list[tuple[list[Word], str]]:
    """Runs of pieces, each on the next line, that together print one word."""
    following = {id(first): second for first, second in pairs}
    consumed: set[int] = set()
    found = []
    for first, second in pairs:
        if id(first) in consumed:
            continue
        chain = [first, second]
        while len(chain) < 4 and id(chain[-1]) in following:
            chain.append(following[id(chain[-1])])
        best = None
        for size in range(2, len(chain) + 1):
            joined = _joined(chain[:size], dictionary)
            if joined is not None:
                best = (chain[:size], joined)
        if best:
            found.append(best)
            consumed.update(id(w) for w in best[0])
    return found


def _wrapped_pairs(pdf: PdfDoc) -> list[tuple[Word, Word]]:
    """Stream neighbours where the second word starts the next line below the first."""
    pages: dict[int, list[Word]] = defaultdict(list)
    for word in pdf.words:
        pages[word.page].append(word)
    by_top = {page: sorted(words, key=lambda w: w.top) for page, words in pages.items()}
    tops = {page: [w.top for w in words] for page, words in by_top.items()}
    pairs = []
    for first, second in zip(pdf.words, pdf.words[1:], strict=False):
        if _wraps(first, second) and not _left_neighbour(
                second, by_top[second.page], tops[second.page]):
            pairs.append((first, second))
    return pairs


def _wraps(first: Word, second: Word) -> bool:
    step = second.top - first.top
    return (first.page == second.page and 0.5 * first.height < step <= 2.5 * first.height
            and second.x0 <= first.x1)


def _left_neighbour(word: Word, page_words: list[Word], tops: list[float]) -> bool:
    """A word just left of ``word`` on its line (``page_words`` sorted by ``tops``)."""
    reach = 0.9 * word.height  # about three spaces
    band = 0.3 * word.height
    low = bisect.bisect_left(tops, word.top - band)
    high = bisect.bisect_right(tops, word.top + band)
    return any(other is not word and word.x0 - reach <= other.x1 <= word.x0 + 0.5
               for other in page_words[low:high])


def _pdf_dictionary(pdf: PdfDoc, pairs: list[tuple[Word, Word]]) -> set[str]:
    """Without a DOCX: the words printed whole somewhere, not at a line break."""
    at_break = {id(w) for pair in pairs for w in pair}
    return {w.text for w in pdf.words if id(w) not in at_break}


def _joined(pieces: list[Word], dictionary: set[str]) -> str | None:
    texts = [w.text for w in pieces]
    joined = "".join(texts)
    if _split_label(pieces, joined):
        return joined
    if len(texts) == 2:
        a, b = texts
        if a.endswith(("-", "/")) and a + b in dictionary:
            return None  # a break at a hyphen or slash the text already has
        if a.endswith("-") and len(a) > 1 and a[:-1] + b in dictionary:
            return a[:-1] + b
    if joined in dictionary and any(t not in dictionary for t in texts):
        return joined
    return None


def _split_label(pieces: list[Word], joined: str) -> bool:
    """"1" above "0." in the same narrow column: a number label wrapped."""
    first = pieces[0]
    aligned = all(abs(first.x0 - w.x0) <= 6 or abs(first.x1 - w.x1) <= 6 for w in pieces)
    return (first.text.isdigit() and len(joined) <= 4 and aligned
            and bool(NUMBER_LABEL.match(joined)))


def _unprinted_labels(docx: DocxDoc, alignment: Alignment,
                      found: list[LayoutProblem]) -> list[LayoutProblem]:
    reported = {p.message.split('"')[1] for p in found if p.kind == "nomor_terpotong"}
    problems = []
    for label in docx.labels:
        if alignment.mapping[label.start] is not None or label.text in reported:
            continue
        if any(w.text == label.text for w in alignment.window(label.start)):
            continue
        near = alignment.neighbour(label.start)
        problems.append(problem(
            near.page if near else 1, "nomor_terpotong", label.text,
            f'nomor "{label.text}" tidak tercetak utuh dalam satu baris'))
        reported.add(label.text)
    return problems
