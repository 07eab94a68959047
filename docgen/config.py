"""Settings, read from the environment by the caller (CLI, app factory), never at import."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("instance")
    paper: str = "F4"  # F4 or A4
    converter: str = "unoserver"  # a key of docgen.convert.BACKENDS
    converter_timeout: float = 60.0  # seconds per conversion before LibreOffice is killed
    converter_restart_after: int = 200  # conversions before a fresh LibreOffice
    converter_host: str = "127.0.0.1"
    converter_port: int = 0  # 0: pick a free port and start our own unoserver
    converter_external: bool = False  # True: use a unoserver already running at host:port
    soffice: str = "soffice"
    system_python: str = "/usr/bin/python3"  # the interpreter that has Debian's uno module
    lambang_daerah: Path | None = None  # PNG/JPEG of the regional emblem for office kop
    lambang_negara: Path | None = None  # PNG/JPEG of the state emblem for the Bupati's kop
    base_url: str = "http://127.0.0.1:8000"
    host: str = "127.0.0.1"
    port: int = 8000
    secret_key: str | None = None
    database_url: str | None = None  # default: sqlite file in data_dir
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides) -> Settings:
        """Settings from DOCGEN_* variables (e.g. DOCGEN_PAPER=A4), then overrides."""
        environ = os.environ if environ is None else environ
        values = {}
        for item in fields(cls):
            raw = environ.get(f"DOCGEN_{item.name.upper()}")
            if raw is None or item.name == "extra":
                continue
            values[item.name] = _coerce(item.name, raw)
        settings = replace(cls(), **values)
        return replace(settings, **overrides) if overrides else settings

    @property
    def database(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'docgen.sqlite').resolve()}"


_PATHS = {"data_dir", "lambang_daerah", "lambang_negara"}
_INTS = {"converter_restart_after", "converter_port", "port"}
_FLOATS = {"converter_timeout"}
_BOOLS = {"converter_external"}


def _coerce(name: str, raw: str):
    if name in _PATHS:
        return Path(raw)
    if name in _INTS:
        return int(raw)
    if name in _FLOATS:
        return float(raw)
    if name in _BOOLS:
        return raw.strip().lower() in ("1", "true", "yes", "ya")
    if name == "paper":
        return raw.strip().upper()
    return raw
