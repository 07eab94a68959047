"""Command line: ``docgen types | schema | render | render-samples | check-layout`` (+ web
commands).

Bad input exits 2 with one ``<field path>: <message>`` line per problem on stderr and
writes nothing.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, get_args

import click
import yaml

from docgen import cli_errors
from docgen.config import PROJECT_ROOT, Settings, SettingsError
from docgen.convert import ConversionError
from docgen.domain import spreadsheet, spreadsheet_rows
from docgen.domain.common import JenisPerangkatDaerah
from docgen.domain.errors import InputError
from docgen.domain.regulation import Regulation
from docgen.domain.sk_kbk import suggested_susunan
from docgen.fileio import write_atomic
from docgen.pipeline import Pipeline
from docgen.registry import REGISTRY
from docgen.render.engine import TemplateRenderError

FORMATS = (".docx", ".pdf")


class InputFileError(click.ClickException):
    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"docgen: {self.message}", err=True)


class SettingsFailed(click.ClickException):
    """Bad DOCGEN_* settings: their ``DOCGEN_NAME: message`` lines, exit status 2."""

    exit_code = 2

    def __init__(self, error: SettingsError) -> None:
        super().__init__(str(error))

    def show(self, file=None) -> None:
        click.echo(self.message, err=True)


def load_input(path: Path) -> Any:
    """Read a .json/.yaml/.yml input file; one clear error for missing or malformed."""
    if not path.is_file():
        raise InputFileError(f"berkas input tidak ditemukan: {path}")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{path} bukan teks UTF-8 (bita ke-{exc.start})") from None
    if path.suffix.lower() not in (".json", ".yaml", ".yml"):
        raise InputFileError(f"input harus berkas .json, .yaml atau .yml: {path}")
    try:
        if path.suffix.lower() != ".json":
            return yaml.safe_load(text)
        return json.loads(text)
    except yaml.YAMLError as exc:
        raise InputFileError(f"{path} bukan YAML yang valid: {' '.join(str(exc).split())}"
                             ) from None
    except json.JSONDecodeError as exc:
        raise InputFileError(f"{path} bukan JSON yang valid: baris {exc.lineno}, "
                             f"kolom {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise InputFileError(f"{path}: isi bersarang terlalu dalam untuk diproses") from None
    except ValueError as exc:  # e.g. an integer past Python's 4300-digit conversion limit
        raise InputFileError(f"{path} tidak dapat dibaca: {exc}") from None



# Commands of the layers above the core, imported only when called so that
# ``docgen types`` does not load the web stack.
LAZY_COMMANDS = {
    "serve": "docgen.web.commands:serve",
    "converter": "docgen.web.commands:converter",
    "create-user": "docgen.accounts.commands:create_user",
    "create-token": "docgen.accounts.commands:create_token",
    "tokens": "docgen.accounts.commands:tokens",
    "revoke-token": "docgen.accounts.commands:revoke_token",
    "units": "docgen.accounts.commands:units",
    "template": "docgen.review.commands:template",
    "finalize": "docgen.documents.commands:finalize",
    "set-certificate": "docgen.signing.commands:set_certificate",
    "verify": "docgen.signing.commands:verify",
    "trust-root": "docgen.signing.commands:trust_root",
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *LAZY_COMMANDS])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS:
            module, attribute = LAZY_COMMANDS[name].split(":")
            return getattr(importlib.import_module(module), attribute)
        return super().get_command(ctx, name)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any
             ) -> Any:
        """Standalone (the ``docgen`` command, click's test runner): every failure is
        one ``docgen: ...`` line and exit 2 or 1 (``docgen.cli_errors``)."""
        def main() -> Any:
            return super(_LazyGroup, self).main(args, prog_name, complete_var,
                                                standalone_mode=False, **extra)
        return cli_errors.run(main) if standalone_mode else main()


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, expose_value=False, is_eager=True,
              callback=cli_errors.set_debug,
              help="Bila gagal, tampilkan juga jejak lengkapnya (sama dengan DOCGEN_DEBUG=1).")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """docgen: dokumen budaya kerja Kabupaten Purbalingga (Perbup 11/2020)."""
    try:
        ctx.obj = Settings.from_env()
    except SettingsError as exc:
        raise SettingsFailed(exc) from None


@cli.command()
def types() -> None:
    """Daftar jenis dokumen (nama di kolom pertama)."""
    width = max(len(name) for name in REGISTRY.names())
    for doc_type in REGISTRY:
        click.echo(f"{doc_type.name:<{width}}  {doc_type.title}")


@cli.command()
@click.argument("type_name", metavar="TYPE")
def schema(type_name: str) -> None:
    """JSON Schema input jenis TYPE."""
    doc_type = _doc_type(type_name)
    click.echo(json.dumps(doc_type.schema(Regulation.bundled()), indent=2, ensure_ascii=False))


def _doc_type(name: str):
    try:
        return REGISTRY.get(name)
    except KeyError as exc:
        raise InputFileError(exc.args[0]) from None


@cli.command()
@click.argument("type_name", metavar="TYPE")
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="Berkas keluaran .docx atau .pdf")
@click.option("--responden", "responden_file", type=click.Path(path_type=Path), default=None,
              help="laporan-evaluasi: jawaban responden dari berkas .xlsx/.csv (satu responden "
                   "per baris: jabatan, q1..q32, keterangan); menggantikan 'responden' di INPUT")
@click.option("--strict", is_flag=True,
              help="keluar dengan kode 2 (setelah menulis) bila tata letak PDF bermasalah berat")
@click.pass_obj
def render(settings: Settings, type_name: str, input_path: Path, output: Path,
           responden_file: Path | None = None, strict: bool = False) -> None:
    """Render INPUT (.json/.yaml) sebagai dokumen TYPE ke OUTPUT (.docx/.pdf)."""
    _doc_type(type_name)
    if output.suffix.lower() not in FORMATS:
        raise InputFileError(f"keluaran harus berakhiran .docx atau .pdf: {output}")
    data = load_input(input_path)
    pipeline, regulation = Pipeline(settings), Regulation.bundled()
    problems: list = []
    try:
        if responden_file is not None:
            data = spreadsheet.with_responden(type_name, data, responden_file, regulation)
        rendered = pipeline.render_docx(type_name, data, regulation=regulation)
        payload = rendered.docx
        if output.suffix.lower() == ".pdf":
            signable = pipeline.to_signable_pdf(rendered.docx)
            payload, problems = signable.pdf, signable.problems
        warnings = rendered.doc_type.warnings(rendered.doc_type.parse(data, regulation),
                                              regulation)
    except InputError as exc:
        for error in exc.errors:
            click.echo(str(error), err=True)
        sys.exit(2)
    except TemplateRenderError as exc:
        click.echo(f"docgen: {exc}", err=True)
        sys.exit(2)
    except ConversionError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        pipeline.close()
    write_atomic(output, payload)
    click.echo(str(output))
    for warning in warnings:
        click.echo(f"peringatan: {warning}", err=True)
    if _warn_layout(output, problems) and strict:
        sys.exit(2)


def _warn_layout(target: Path, problems: list) -> bool:
    """Print each layout problem of a produced PDF to stderr; True if one is blocking."""
    for item in problems:
        click.echo(f"peringatan tata letak: {target}: {item.line()}", err=True)
    return any(item.blocking for item in problems)


@cli.command("check-layout")
@click.argument("pdf_path", metavar="FILE.pdf", type=click.Path(path_type=Path))
@click.option("--docx", "docx_path", type=click.Path(path_type=Path), default=None,
              help="DOCX asal PDF (lebih teliti: gaya Tanda Tangan, tabel, kata)")
def check_layout(pdf_path: Path, docx_path: Path | None) -> None:
    """Periksa tata letak FILE.pdf; keluar 2 dengan satu baris per masalah."""
    from docgen.layout import check_pdf, page_count

    for path in (pdf_path, docx_path):
        if path is not None and not path.is_file():
            raise InputFileError(f"berkas tidak ditemukan: {path}")
    pdf = pdf_path.read_bytes()
    try:
        pages = page_count(pdf)
        problems = check_pdf(pdf, docx_path.read_bytes() if docx_path else None)
    except Exception as exc:  # a damaged or non-PDF/DOCX file: one clear line
        raise InputFileError(f"berkas tidak dapat dibaca: {exc}") from None
    if not problems:
        click.echo(f"OK: tata letak bersih ({pages} halaman)")
        return
    for item in problems:
        click.echo(item.line())
    sys.exit(2)


@cli.command("susunan-kbk")
@click.argument("jenis", type=click.Choice(get_args(JenisPerangkatDaerah)))
def susunan_kbk(jenis: JenisPerangkatDaerah) -> None:  # one of the choices
    """Saran susunan KBK menurut jenis unit (Lampiran III huruf A), sebagai JSON."""
    click.echo(json.dumps(suggested_susunan(jenis, Regulation.bundled()), indent=2,
                          ensure_ascii=False))


@cli.command("blank-spreadsheet")
@click.argument("output", metavar="OUT.xlsx", type=click.Path(path_type=Path))
@click.option("--jenis", type=click.Choice(["kuesioner", "susunan", "agen"]),
              default="kuesioner", show_default=True, help="susunan KBK, agen perubahan")
def blank_spreadsheet(output: Path, jenis: str) -> None:
    """Blanko XLSX: jawaban kuesioner ('render laporan-evaluasi --responden'), susunan
    KBK (sk-kbk) atau agen perubahan (sk-agen-perubahan) untuk diimpor di aplikasi web."""
    if output.suffix.lower() != ".xlsx":
        raise InputFileError(f"keluaran harus berakhiran .xlsx: {output}")
    write_atomic(output, spreadsheet.blank_xlsx(Regulation.bundled()) if jenis == "kuesioner"
                 else spreadsheet_rows.blank_xlsx(spreadsheet_rows.SHEETS[jenis]))
    click.echo(str(output))


@cli.command("render-samples")
@click.option("-o", "--outdir", default="out", type=click.Path(path_type=Path))
@click.pass_obj
def render_samples(settings: Settings, outdir: Path) -> None:
    """Render setiap contoh di samples/ ke DOCX dan PDF di OUTDIR."""
    pipeline, regulation = Pipeline(settings), Regulation.bundled()
    try:
        for doc_type in REGISTRY:
            rendered = pipeline.render_docx(doc_type.name, doc_type.load_sample(),
                                            regulation=regulation)
            signable = pipeline.to_signable_pdf(rendered.docx)
            for suffix, payload in ((".docx", signable.docx), (".pdf", signable.pdf)):
                target = outdir / f"{doc_type.name}{suffix}"
                write_atomic(target, payload)
                click.echo(str(target))
            _warn_layout(target, signable.problems)
    finally:
        pipeline.close()


def main() -> None:
    cli(prog_name="docgen")


__all__ = ["cli", "main", "load_input", "PROJECT_ROOT"]
