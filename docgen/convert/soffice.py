"""Cold backend: one ``soffice --headless --convert-to pdf`` per document."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

from docgen.config import Settings
from docgen.convert import ConversionError

FONTS_CONF = Path(__file__).with_name("fonts.conf")


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

    def convert(self, docx: bytes) -> bytes:
        with tempfile.TemporaryDirectory(prefix="docgen-soffice-") as tmp:
            source = Path(tmp) / "dokumen.docx"
            source.write_bytes(docx)
            command = [self.settings.soffice, "--headless", "--norestore",
                       f"-env:UserInstallation=file://{tmp}/profile",
                       "--convert-to", "pdf", "--outdir", tmp, str(source)]
            try:
                subprocess.run(command, env=libreoffice_env(), capture_output=True,
                               timeout=self.settings.converter_timeout, check=True)
            except (subprocess.SubprocessError, OSError) as exc:
                raise ConversionError(f"LibreOffice gagal mengonversi: {exc}") from exc
            target = source.with_suffix(".pdf")
            if not target.exists():
                raise ConversionError("LibreOffice tidak menghasilkan PDF")
            return target.read_bytes()
