"""DOCX -> PDF behind one small interface; the backend is chosen by a setting.

``make_converter(settings)`` looks the backend up by ``settings.converter``
("unoserver": a pool of ``settings.converters`` warm LibreOffice processes,
``docgen.convert.pool``; "soffice": one cold LibreOffice per document) and puts the fair
scheduler in front of it (``docgen.convert.fair``: round robin across users, bounded
queues, a time budget for waiting; a job goes to a free process of the pool).

Every backend converts as PDF/A-2b on request (``convert(docx, pdfa=True)``: LibreOffice's
``SelectPdfVersion=2``), which finals use for their archival copy (``docgen.render.pdfa``).
"""

from __future__ import annotations

from typing import Protocol

from docgen.config import Settings

PDFA_VERSION = 2  # LibreOffice's SelectPdfVersion: 2 = PDF/A-2b


class ConversionError(RuntimeError):
    """LibreOffice could not convert the document (crash, hang or bad input)."""


class Converter(Protocol):
    def start(self) -> None: ...

    def convert(self, docx: bytes, *, pdfa: bool = False) -> bytes:
        """The PDF of ``docx``; ``pdfa``: as PDF/A-2b (LibreOffice's archival export:
        fonts embedded, an sRGB output intent, XMP identification), for finals."""
        ...

    def stop(self) -> None: ...


def _backends() -> dict[str, type]:
    from docgen.convert.soffice import SofficeConverter
    from docgen.convert.warm import UnoserverConverter

    return {"unoserver": UnoserverConverter, "soffice": SofficeConverter}


def make_converter(settings: Settings) -> Converter:
    from docgen.convert.fair import FairConverter
    from docgen.convert.pool import unoserver_pool

    backends = _backends()
    try:
        backend = backends[settings.converter]
    except KeyError:
        raise ValueError(f"DOCGEN_CONVERTER tidak dikenal: {settings.converter} "
                         f"(pilih: {', '.join(backends)})") from None
    if settings.converter == "unoserver":
        return FairConverter.for_settings(settings, unoserver_pool(settings))
    return FairConverter.for_settings(settings, [backend(settings)])
