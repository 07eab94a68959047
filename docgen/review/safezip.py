"""Read an uploaded DOCX (a ZIP) without trusting its headers.

Every member is inflated through a streaming reader that counts the bytes it really
produces and stops at a cap, so a zip bomb (a small file that claims, or hides, a huge
uncompressed size) is rejected after at most ``total_bytes`` of work, never inflated fully.
Member names that could point outside the package (``..`` segments, a leading ``/``,
backslashes, drive letters, NUL or control characters) are refused before anything is read.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass

MB = 1024 * 1024
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 10 * MB  # the uploaded file itself
    total_bytes: int = 50 * MB  # all members, uncompressed
    ratio: int = 200  # uncompressed / compressed, per member ...
    ratio_floor: int = 1 * MB  # ... once a member is larger than this
    members: int = 1000


DEFAULT_LIMITS = Limits()


_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class UnsafeArchive(ValueError):
    """The upload is not a ZIP we accept; ``code`` is a Problem code."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _mb(size: int) -> str:
    return f"{size / MB:.1f}".replace(".", ",")


def read_members(data: bytes, limits: Limits = DEFAULT_LIMITS) -> dict[str, bytes]:
    """All members of the ZIP ``data`` by name, or UnsafeArchive."""
    if len(data) > limits.file_bytes:
        raise UnsafeArchive("size", f"berkas terlalu besar ({_mb(len(data))} MB; "
                                    f"batas {_mb(limits.file_bytes)} MB)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise UnsafeArchive("format", "berkas bukan dokumen Word .docx "
                                      "(bukan arsip ZIP yang valid)") from None
    with archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        if len(infos) > limits.members:
            raise UnsafeArchive("zip_bomb", f"arsip berisi {len(infos)} bagian; "
                                            f"batas {limits.members}")
        for info in archive.infolist():
            _check_name(info)
        members: dict[str, bytes] = {}
        budget = limits.total_bytes
        for info in infos:
            if info.filename in members:
                raise UnsafeArchive("format", f"bagian {info.filename} muncul dua kali "
                                              "di dalam arsip")
            members[info.filename] = _read_capped(archive, info, budget, limits)
            budget -= len(members[info.filename])
    return members


def _check_name(info: zipfile.ZipInfo) -> None:
    """Refuse a member name that is not a plain relative path inside the package."""
    for name in {info.filename, info.orig_filename}:
        segments = name.split("/")
        if (name.startswith("/") or "\\" in name or _DRIVE.match(name)
                or _CONTROL.search(name) or ".." in segments):
            raise UnsafeArchive("format", f"nama bagian arsip tidak sah: {name!r} (memuat "
                                          "'..', '/' di awal, garis miring terbalik, huruf "
                                          "drive atau karakter kendali); berkas ditolak")


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int,
                 limits: Limits) -> bytes:
    ratio_cap = max(limits.ratio_floor, limits.ratio * max(info.compress_size, 1))
    out = bytearray()
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                out += chunk
                if len(out) > budget:
                    raise UnsafeArchive("zip_bomb", _total_message(limits))
                if len(out) > ratio_cap:
                    raise UnsafeArchive("zip_bomb", _ratio_message(info.filename, limits))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise UnsafeArchive("format", f"bagian {info.filename} rusak dan tidak dapat "
                                      f"dibaca ({exc})") from None
    except NotImplementedError:
        raise UnsafeArchive("format", f"bagian {info.filename} memakai kompresi "
                                      "yang tidak didukung") from None
    except RuntimeError:
        raise UnsafeArchive("format", "berkas terenkripsi (berkata sandi) "
                                      "tidak dapat diterima") from None
    return bytes(out)


def _total_message(limits: Limits) -> str:
    return (f"isi berkas setelah diekstrak melebihi {_mb(limits.total_bytes)} MB "
            "(kemungkinan zip bomb); berkas ditolak")


def _ratio_message(name: str, limits: Limits) -> str:
    return (f"bagian {name} mengembang lebih dari {limits.ratio} kali ukuran "
            "terkompresinya (kemungkinan zip bomb); berkas ditolak")
