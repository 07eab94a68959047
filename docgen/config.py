"""Settings, read from the environment by the caller (CLI, app factory), never at import.

``Settings.from_env()`` reads the DOCGEN_* variables and validates them (pydantic-settings):
a bad value raises ``SettingsError`` with one Indonesian line per variable, e.g.
``DOCGEN_PAPER: ukuran kertas tidak dikenal 'Letter' (pilih F4 atau A4)``; the CLI prints
it and exits 2. ``Settings(...)`` built in code is taken as given (tests, overrides).

``resource_dir("templates" | "samples")`` finds the bundled folders: DOCGEN_TEMPLATES_DIR /
DOCGEN_SAMPLES_DIR, else the repository's folder next to the package (a checkout, an
editable install), else ``<prefix>/share/docgen/<name>`` (a wheel install).
"""

from __future__ import annotations

import dataclasses
import os
import site
import sys
import sysconfig
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationError, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from docgen import config_values as checks

PROJECT_ROOT = Path(__file__).resolve().parent.parent  # the repository in a checkout
PREFIX = "DOCGEN_"
PAPERS = ("F4", "A4")
TRUE, FALSE = ("1", "true", "yes", "ya", "on"), ("0", "false", "no", "tidak", "off")


class SettingsError(ValueError):
    """Bad DOCGEN_* values: one ``DOCGEN_NAME: message`` line per variable."""


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("instance")
    paper: str = "F4"  # F4 or A4
    converter: str = "unoserver"  # a key of docgen.convert's backends
    # warm LibreOffice processes (a pool; default: one per CPU core, at most 16)
    converters: int = dataclasses.field(default_factory=checks.default_converters)
    converter_timeout: float = 60.0  # seconds per conversion before LibreOffice is killed
    converter_restart_after: int = 200  # conversions before a fresh LibreOffice
    converter_queue_per_user: int = 3  # PDF jobs one user may have waiting (more: 429)
    converter_queue_max: int = 30  # PDF jobs waiting in all (more: 503)
    converter_wait_seconds: float = 30.0  # longest wait for the converter (then 503)
    converter_host: str = "127.0.0.1"
    converter_port: int = 0  # 0: pick a free port and start our own unoserver
    converter_external: bool = False  # True: use a unoserver already running at host:port
    converter_ports: tuple[str, ...] = ()  # external pool: "2003,2004" or "host:2003,..."
    soffice: str = "soffice"
    system_python: str = "/usr/bin/python3"  # the interpreter that has Debian's uno module
    lambang_daerah: Path | None = None  # PNG/JPEG of the regional emblem for office kop
    lambang_negara: Path | None = None  # PNG/JPEG of the state emblem for the Bupati's kop
    base_url: str = "http://127.0.0.1:8000"
    host: str = "127.0.0.1"
    port: int = 8000
    secret_key: str | None = None
    database_url: str | None = None  # default: sqlite file in data_dir
    session_idle_minutes: int = 30  # a web session unused this long ends (server-side)
    session_max_hours: int = 12  # a web session ends this long after signing in
    login_max_failures: int = 5  # failed sign-ins per user name in the window, then 429
    login_max_failures_per_address: int = 20  # ... per client address (passwords, tokens)
    login_lockout_minutes: int = 15  # the window failures are counted in
    token_days: int = 90  # default lifetime of a new API token (create-token --days)
    trusted_proxies: int = 0  # reverse proxies in front whose X-Forwarded-For/-Proto count
    preview_cache_mb: int = 200  # disk kept for draft preview PDFs (data_dir/cache)
    jobs_url: str | None = None  # background jobs: None = SQLite in data_dir/jobs; redis://
    job_lease_seconds: int = 60  # a running job silent this long is taken over (any machine)
    job_retention_days: int = 7  # finished jobs' files are deleted after this many days
    trust_roots: Path | None = None  # PEM file of accepted signature roots (+ the DB's)
    tsa_url: str | None = None  # RFC 3161 time-stamp authority for PAdES-B-T/B-LT

    def __post_init__(self) -> None:
        # A relative DOCGEN_DATA_DIR means "from where the server was started": resolved
        # once here, so no later code (Flask's send_file, a chdir) reads it another way.
        if not self.data_dir.is_absolute():
            object.__setattr__(self, "data_dir", Path.cwd() / self.data_dir)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from DOCGEN_* variables (e.g. DOCGEN_PAPER=A4), then overrides, all
        validated; raises ``SettingsError`` naming each bad variable."""
        unknown = set(overrides) - {item.name for item in dataclasses.fields(cls)}
        if unknown:
            raise TypeError(f"unknown settings: {', '.join(sorted(unknown))}")
        token = _ENVIRON.set(os.environ if environ is None else environ)
        try:
            loaded = _Loader(**overrides)
        except ValidationError as exc:
            raise SettingsError("\n".join(_messages(exc))) from None
        finally:
            _ENVIRON.reset(token)
        return cls(**{item.name: getattr(loaded, item.name) for item in dataclasses.fields(cls)})

    def validated(self, **changes: Any) -> Settings:
        """A copy with ``changes``, every value checked as ``from_env`` checks it."""
        return Settings.from_env({}, **{**dataclasses.asdict(self), **changes})

    @property
    def database(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'docgen.sqlite').resolve()}"


def resource_dir(name: str, environ: Mapping[str, str] | None = None) -> Path:
    """The folder of the bundled ``templates`` or ``samples``."""
    environ = os.environ if environ is None else environ
    override = environ.get(f"{PREFIX}{name.upper()}_DIR")
    if override:
        return Path(override)
    candidates = list(_installed_candidates(name))
    found = next((path for path in candidates if path.is_dir()), None)
    return found or candidates[0]


def _installed_candidates(name: str) -> Iterator[Path]:
    if (PROJECT_ROOT / "pyproject.toml").is_file():
        yield PROJECT_ROOT / name
    for base in (sysconfig.get_path("data"), sys.prefix, site.getuserbase()):
        yield Path(base) / "share" / "docgen" / name


# -- loading and validation ------------------------------------------------------------
_ENVIRON: ContextVar[Mapping[str, str]] = ContextVar("docgen_environ")


class _Environ(PydanticBaseSettingsSource):
    """DOCGEN_<FIELD> from the mapping ``from_env`` was given (os.environ by default);
    an empty value counts as unset."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        value = _ENVIRON.get(os.environ).get(f"{PREFIX}{field_name.upper()}")
        return (value or None), field_name, False

    def __call__(self) -> dict[str, Any]:
        values = {}
        for name, field in self.settings_cls.model_fields.items():
            value, key, _ = self.get_field_value(field, name)
            if value is not None:
                values[key] = value
        return values


class _Loader(BaseSettings):
    model_config = SettingsConfigDict(extra="forbid", validate_default=False)

    data_dir: Path = Settings.data_dir
    paper: str = Settings.paper
    converter: str = Settings.converter
    converters: Annotated[int, checks.between(1, checks.MAX_CONVERTERS)] = Field(
        default_factory=checks.default_converters)
    converter_timeout: float = Settings.converter_timeout
    converter_restart_after: int = Settings.converter_restart_after
    converter_queue_per_user: int = Settings.converter_queue_per_user
    converter_queue_max: int = Settings.converter_queue_max
    converter_wait_seconds: float = Settings.converter_wait_seconds
    converter_host: str = Settings.converter_host
    converter_port: Annotated[int, checks.between(0, 65535)] = Settings.converter_port
    converter_external: bool = Settings.converter_external
    converter_ports: tuple[str, ...] = ()
    soffice: str = Settings.soffice
    system_python: str = Settings.system_python
    lambang_daerah: Path | None = None
    lambang_negara: Path | None = None
    base_url: str = Settings.base_url
    host: str = Settings.host
    port: Annotated[int, checks.between(1, 65535)] = Settings.port
    secret_key: str | None = None
    database_url: str | None = None
    session_idle_minutes: int = Settings.session_idle_minutes
    session_max_hours: int = Settings.session_max_hours
    login_max_failures: int = Settings.login_max_failures
    login_max_failures_per_address: int = Settings.login_max_failures_per_address
    login_lockout_minutes: int = Settings.login_lockout_minutes
    token_days: int = Settings.token_days
    trusted_proxies: Annotated[int, checks.between(0, 10)] = Settings.trusted_proxies
    preview_cache_mb: int = Settings.preview_cache_mb
    jobs_url: Annotated[str | None, BeforeValidator(checks.jobs_url)] = None
    job_lease_seconds: Annotated[int, checks.between(10, 3600)] = Settings.job_lease_seconds
    job_retention_days: Annotated[int, checks.between(1, 3650)] = Settings.job_retention_days
    trust_roots: Annotated[Path | None, BeforeValidator(checks.trust_roots)] = None
    tsa_url: Annotated[str | None, BeforeValidator(checks.tsa_url)] = None
    templates_dir: Path | None = None  # read by resource_dir; checked here
    samples_dir: Path | None = None

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings,
                                   dotenv_settings, file_secret_settings):
        return (init_settings, _Environ(settings_cls))  # overrides, then the given mapping

    @field_validator("paper", mode="before")
    @classmethod
    def _paper(cls, value: Any) -> str:
        paper = str(value).strip().upper()
        if paper not in PAPERS:
            raise ValueError(f"ukuran kertas tidak dikenal {value!r} (pilih F4 atau A4)")
        return paper

    @field_validator("converter", mode="before")
    @classmethod
    def _converter(cls, value: Any) -> str:
        from docgen.convert import _backends

        names = sorted(_backends())
        if str(value).strip() not in names:
            raise ValueError(f"pengubah PDF tidak dikenal {value!r} "
                             f"(pilih {' atau '.join(names)})")
        return str(value).strip()

    @field_validator("converter_restart_after", "converter_queue_per_user",
                     "converter_queue_max", mode="before")
    @classmethod
    def _restart_after(cls, value: Any) -> int:
        return checks.integer(value, 1, None)

    @field_validator("converter_ports", mode="before")
    @classmethod
    def _converter_ports(cls, value: Any) -> tuple[str, ...]:
        return checks.converter_ports(value)

    @field_validator("session_idle_minutes", "session_max_hours", "login_max_failures",
                     "login_max_failures_per_address", "login_lockout_minutes", "token_days",
                     mode="before")
    @classmethod
    def _positive(cls, value: Any) -> int:
        return checks.integer(value, 1, 100_000)

    @field_validator("converter_timeout", "converter_wait_seconds", mode="before")
    @classmethod
    def _timeout(cls, value: Any) -> float:
        return checks.seconds(value)

    @field_validator("converter_external", mode="before")
    @classmethod
    def _flag(cls, value: Any) -> bool:
        text = str(value).strip().lower()
        if text in TRUE or text in FALSE:
            return text in TRUE
        raise ValueError(f"bukan nilai ya/tidak {value!r} (pilih 1 atau 0, true atau false)")

    @field_validator("lambang_daerah", "lambang_negara", mode="before")
    @classmethod
    def _emblem(cls, value: Any) -> Path | None:
        if value is None:
            return None
        if not Path(value).is_file():
            raise ValueError(f"berkas gambar tidak ditemukan: {str(value)!r}")
        return Path(value)

    @field_validator("data_dir", mode="before")
    @classmethod
    def _data_dir(cls, value: Any) -> Path:
        if Path(value).exists() and not Path(value).is_dir():
            raise ValueError(f"bukan folder: {str(value)!r}")
        return Path(value)

    @field_validator("templates_dir", "samples_dir", mode="before")
    @classmethod
    def _resource_dir(cls, value: Any) -> Path | None:
        if value is not None and not Path(value).is_dir():
            raise ValueError(f"folder tidak ditemukan: {str(value)!r}")
        return None if value is None else Path(value)

    @field_validator("base_url", mode="before")
    @classmethod
    def _base_url(cls, value: Any) -> str:
        if not str(value).startswith(("http://", "https://")):
            raise ValueError(f"alamat harus diawali http:// atau https://, bukan {value!r}")
        return str(value)


def _messages(exc: ValidationError) -> list[str]:
    lines = []
    for error in exc.errors():
        name = f"{PREFIX}{str(error['loc'][0]).upper()}" if error["loc"] else PREFIX.rstrip("_")
        cause = (error.get("ctx") or {}).get("error")
        lines.append(f"{name}: {cause if cause is not None else error['msg']}")
    return lines
