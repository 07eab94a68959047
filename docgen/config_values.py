"""Checks of single DOCGEN_* values for ``docgen.config`` (numbers, seconds, the converter
pool), each raising ``ValueError`` with the Indonesian reason the variable's line shows.

- ``DOCGEN_CONVERTERS``: warm LibreOffice processes docgen starts (1–16; default one per
  CPU core, ``default_converters()``, read when settings are built, not at import).
- ``DOCGEN_CONVERTER_PORTS``: a pool started elsewhere (``docgen converter``), used with
  ``DOCGEN_CONVERTER_EXTERNAL=1``: ports on DOCGEN_CONVERTER_HOST (``2003,2004``) and/or
  ``host:port`` entries for pools on other machines (``10.0.0.5:2003,10.0.0.6:2003``).
"""

from __future__ import annotations

import os
from typing import Any

from pydantic import BeforeValidator

MAX_CONVERTERS = 16


def default_converters() -> int:
    """One warm LibreOffice per CPU core (at least 1, at most ``MAX_CONVERTERS``)."""
    return max(1, min(MAX_CONVERTERS, os.cpu_count() or 1))


def integer(value: Any, low: int, high: int | None) -> int:
    if isinstance(value, bool):
        raise ValueError(f"bukan bilangan bulat {value!r}")
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValueError(f"bukan bilangan bulat {value!r}") from None
    if number < low or (high is not None and number > high):
        bounds = f"{low}–{high}" if high is not None else f"paling sedikit {low}"
        raise ValueError(f"harus {bounds}, bukan {number}")
    return number


def seconds(value: Any) -> float:
    try:
        number = float(str(value).strip())
    except ValueError:
        raise ValueError(f"bukan bilangan {value!r} (detik, misalnya 60)") from None
    if not 0 < number < float("inf"):
        raise ValueError(f"harus lebih dari 0 detik, bukan {value!r}")
    return number


def converter_ports(value: Any) -> tuple[str, ...]:
    """``"2003, 2004"`` or ``"a:2003,b:2003"`` (or a list of entries) as checked entries."""
    entries = value.split(",") if isinstance(value, str) else list(value)
    checked = tuple(str(entry).strip() for entry in entries if str(entry).strip())
    for entry in checked:
        address(entry, "")
    return checked


def address(entry: str, default_host: str) -> tuple[str, int]:
    """``"2003"`` -> (default_host, 2003); ``"10.0.0.5:2003"`` -> ("10.0.0.5", 2003)."""
    host, _, port = entry.rpartition(":")
    try:
        number = int(port)
    except ValueError:
        number = 0
    if not 1 <= number <= 65535 or (":" in entry and not host):
        raise ValueError(f"bukan port atau host:port {entry!r} (misalnya 2003,2004 atau "
                         "10.0.0.5:2003)")
    return host or default_host, number


def jobs_url(value: Any) -> str | None:
    """``DOCGEN_JOBS_URL``: the Redis holding the job queue of several machines
    (``redis://host:6379/0``, ``rediss://`` with TLS, ``unix:///run/redis.sock``); unset,
    the queue is a SQLite file in the data directory (one machine)."""
    from importlib.util import find_spec
    from urllib.parse import urlsplit

    text = "" if value is None else str(value).strip()
    if not text:
        return None
    parts = urlsplit(text)
    if parts.scheme not in ("redis", "rediss", "unix") or not (parts.hostname or parts.path):
        raise ValueError(f"bukan alamat Redis {value!r} (misalnya redis://10.0.0.7:6379/0)")
    try:
        parts.port  # noqa: B018 (a port that is no number raises here)
    except ValueError:
        raise ValueError(f"port Redis tidak valid dalam {value!r}") from None
    if find_spec("redis") is None:
        raise ValueError("paket Python 'redis' belum terpasang (pip install 'docgen[redis]')")
    return text


def trust_roots(value: Any) -> Any:
    """``DOCGEN_TRUST_ROOTS``: a PEM file of root certificates that signature verification
    accepts, besides those the admin added (``docgen trust-root add``)."""
    from pathlib import Path

    if value is None or not str(value).strip():
        return None
    path = Path(str(value).strip())
    if not path.is_file():
        raise ValueError(f"berkas sertifikat akar tidak ditemukan: {str(value)!r}")
    if b"-----BEGIN CERTIFICATE-----" not in path.read_bytes()[:1_000_000]:
        raise ValueError(f"bukan berkas PEM berisi sertifikat: {str(value)!r}")
    return path


def tsa_url(value: Any) -> str | None:
    """``DOCGEN_TSA_URL``: the RFC 3161 time-stamp authority signatures are time-stamped
    by (http:// or https://); unset, signatures carry the signer's claimed time only."""
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    if not text.lower().startswith(("http://", "https://")) or len(text) > 500:
        raise ValueError(f"bukan alamat http(s) layanan cap waktu {value!r}")
    return text


def between(low: int, high: int | None) -> BeforeValidator:
    """A field validator: a whole number from ``low`` to ``high`` (``integer``)."""
    return BeforeValidator(lambda value: integer(value, low, high))
