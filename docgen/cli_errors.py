"""How the ``docgen`` command line fails, for every command: ``docgen: <message>`` on
stderr (bad input: one line per problem, each naming its field or file), never a
traceback, and the exit status says whose fault it was:

====  =====================================================================================
2     bad input: a field (``InputError``, pydantic ``ValidationError``), a missing or
      unreadable file, malformed JSON/YAML, input nested too deep, a template that cannot
      be filled, bad ``DOCGEN_*`` settings, a wrong option, a refused request
      (``ServiceError``: unknown user, not allowed, ...)
1     the machine or the program: PDF conversion, a full disk, any other error
====  =====================================================================================

With ``DOCGEN_DEBUG=1`` or ``docgen --debug ...`` the traceback of an error follows its
line. Commands that exit by themselves (``sys.exit``) keep their status and output.
"""

from __future__ import annotations

import errno
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any, NoReturn

import click

INPUT, INTERNAL = 2, 1
DEBUG_HINT = "jalankan lagi dengan --debug (atau DOCGEN_DEBUG=1) untuk rinciannya"
OS_INPUT = {  # an input/output path the user named is not usable: their input
    FileNotFoundError: "berkas atau folder tidak ditemukan",
    IsADirectoryError: "berupa folder, bukan berkas",
    NotADirectoryError: "sebagian jalurnya bukan folder",
    PermissionError: "tidak ada izin membuka",
    FileExistsError: "sudah ada dan bukan folder",
}
_debug = {"flag": False}


def set_debug(_ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """Callback of the group's ``--debug`` option."""
    _debug["flag"] = _debug["flag"] or value


def debugging() -> bool:
    return _debug["flag"] or os.environ.get("DOCGEN_DEBUG", "").lower() in ("1", "true",
                                                                            "yes")


def run(main: Callable[[], Any]) -> NoReturn:
    """Run the command line (click's ``main`` in non-standalone mode) and exit with its
    status, reporting any failure as described above."""
    _debug["flag"] = False
    try:
        result = main()
    except SystemExit:
        raise
    except BaseException as exc:  # noqa: BLE001 - every failure gets its line
        sys.exit(report(exc))
    sys.exit(result if isinstance(result, int) else 0)


def report(exc: BaseException) -> int:
    """Print ``exc`` as the user sees it; the exit status."""
    status, lines = describe(exc)
    for line in lines:
        click.echo(line, err=True)
    if debugging():
        traceback.print_exception(exc, file=sys.stderr)
    return status


def describe(exc: BaseException) -> tuple[int, list[str]]:
    """(exit status, stderr lines) of a failure."""
    if isinstance(exc, click.ClickException):
        return _click(exc)
    if isinstance(exc, click.Abort | KeyboardInterrupt):
        return INTERNAL, ["docgen: dibatalkan"]
    if isinstance(exc, OSError):
        return _os(exc)
    known = _known(exc)
    if known is not None:
        return INPUT, [f"docgen: {line}" for line in known]
    if _named(exc, "docgen.convert", "ConversionError"):
        return INTERNAL, [f"docgen: konversi PDF gagal: {exc}"]
    first = next(iter(str(exc).splitlines()), "")
    return INTERNAL, [f"docgen: kesalahan internal ({type(exc).__name__}: {first}); "
                      f"{DEBUG_HINT}"]


def _click(exc: click.ClickException) -> tuple[int, list[str]]:
    if type(exc).show is not click.ClickException.show and \
            not isinstance(exc, click.UsageError):
        exc.show()  # a docgen exception that prints itself (e.g. InputFileError)
        return exc.exit_code, []
    line = f"docgen: {exc.format_message()}"
    if isinstance(exc, click.UsageError) and exc.ctx is not None:
        line += f" (lihat: {exc.ctx.command_path} --help)"
    return exc.exit_code, [line]


def _os(exc: OSError) -> tuple[int, list[str]]:
    where = f": {exc.filename}" if exc.filename else ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return INTERNAL, [f"docgen: ruang penyimpanan penuh{where}; berkas keluaran tidak "
                          "ditulis"]
    if exc.errno == errno.EADDRINUSE:
        return INPUT, ["docgen: alamat dan port itu sudah dipakai proses lain; pilih "
                       "--port lain"]
    for kind, message in OS_INPUT.items():
        if isinstance(exc, kind):
            return INPUT, [f"docgen: {message}{where}"]
    return INTERNAL, [f"docgen: kesalahan sistem ({exc.strerror or exc}){where}; "
                      f"{DEBUG_HINT}"]


def _known(exc: BaseException) -> list[str] | None:
    """The lines of a bad-input failure, None for anything else."""
    from pydantic import ValidationError

    from docgen.config import SettingsError
    from docgen.domain.errors import InputError
    from docgen.errors import ServiceError

    if isinstance(exc, InputError):
        return [str(error) for error in exc.errors]
    if isinstance(exc, ValidationError):
        return [f"{'.'.join(map(str, e['loc'])) or '(input)'}: {e['msg']}"
                for e in exc.errors()]
    if isinstance(exc, ServiceError):
        return [exc.message]
    if isinstance(exc, SettingsError):
        return str(exc).splitlines()
    if isinstance(exc, RecursionError):
        return ["isian bersarang terlalu dalam untuk diproses"]
    if isinstance(exc, UnicodeDecodeError):
        return [f"berkas bukan teks UTF-8 (bita ke-{exc.start})"]
    if _named(exc, "docgen.render.engine", "TemplateRenderError"):
        return [f"dokumen tidak dapat dibuat dari templat: {exc}"]
    return None


def _named(exc: BaseException, module: str, name: str) -> bool:
    """``exc`` is a ``module.name`` (checked without importing ``module``)."""
    loaded = sys.modules.get(module)
    kind = getattr(loaded, name, None) if loaded is not None else None
    return isinstance(kind, type) and isinstance(exc, kind)
