"""Paper sizes: templates are drawn on F4; a setting can print them on A4."""

from __future__ import annotations

import re

# width, height in twentieths of a point (twips), portrait
PAPER_TWIPS = {
    "F4": (12189, 18709),  # 215 x 330 mm
    "A4": (11906, 16838),  # 210 x 297 mm
}
_PGSZ = re.compile(r"<w:pgSz\b[^>]*/>")


def _resize(match: re.Match[str], paper: str) -> str:
    tag = match.group(0)
    width, height = PAPER_TWIPS[paper]
    if 'w:orient="landscape"' in tag:
        width, height = height, width
    tag = re.sub(r'w:w="\d+"', f'w:w="{width}"', tag)
    return re.sub(r'w:h="\d+"', f'w:h="{height}"', tag)


def apply_paper(xml: str, paper: str) -> str:
    if paper not in PAPER_TWIPS:
        raise ValueError(f"ukuran kertas tidak dikenal: {paper} (pilih F4 atau A4)")
    if paper == "F4" or "<w:pgSz" not in xml:
        return xml
    return _PGSZ.sub(lambda m: _resize(m, paper), xml)
