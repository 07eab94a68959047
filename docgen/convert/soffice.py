"""Cold backend: one ``soffice --headless --convert-to pdf`` per document (its processes
end with the conversion, or with docgen: ``docgen.convert.processes``)."""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
from pathlib import Path

from docgen.config import Settings
from docgen.convert import PDFA_VERSION, ConversionError, processes

FONTS_CONF = Path(__file__).with_name("fonts.conf")
# PDF/A-2b (finals' archival copy): the export filter's options as JSON (LibreOffice 7.4+)
PDFA_TARGET = ('pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"'
               f'{PDFA_VERSION}"}}}}')


def libreoffice_env() -> dict[str, str]:
    """The environment LibreOffice runs in: our font aliases, no X display."""
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(FONTS_CONF)
    env.pop("DISPLAY", None)
    env.setdefault("HOME", tempfile.gettempdir())
    return env


class SofficeConverter:
    def __init__(self, settings: Settings):
        self.settings = settings

    def start(self) -> None:
        """Nothing to keep warm."""

    def stop(self) -> None:
        """Nothing to stop."""

    def convert(self, docx: bytes, *, pdfa: bool = False) -> bytes:
        with tempfile.TemporaryDirectory(prefix="docgen-soffice-") as tmp:
            source = Path(tmp) / "dokumen.docx"
            source.write_bytes(docx)
            command = [self.settings.soffice, "--headless", "--norestore",
                       f"-env:UserInstallation=file://{tmp}/profile",
                       "--convert-to", PDFA_TARGET if pdfa else "pdf", "--outdir", tmp, str(source)]
            self._run(command, tmp)
            target = source.with_suffix(".pdf")
            if not target.exists():
                raise ConversionError("LibreOffice tidak menghasilkan PDF")
            return target.read_bytes()

    def _run(self, command: list[str], folder: str) -> None:
        """Run soffice in a group of its own that dies with docgen; on a timeout (and
        after it) the whole group is ended, soffice.bin included."""
        try:
            process = processes.launch(command, signal.SIGKILL, env=libreoffice_env(),
                                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
        except OSError as exc:
            raise ConversionError(f"LibreOffice gagal dijalankan: {exc}") from exc
        try:
            process.wait(self.settings.converter_timeout)
        except subprocess.TimeoutExpired:
            raise ConversionError("LibreOffice gagal mengonversi: melewati batas waktu "
                                  f"{self.settings.converter_timeout:g} detik") from None
        finally:
            processes.end_group(process, folder)
        if process.returncode != 0:
            raise ConversionError(f"LibreOffice gagal mengonversi (kode {process.returncode})")
