"""``docgen template ...``: check an upload, show wording, diff two versions, check data.

``check`` and ``check-data`` exit 0 with ``OK: ...`` when the file would be accepted, and
2 with one reason per line on stderr otherwise. ``check`` runs exactly as the web upload
does (``check_template_isolated``: a child process with the render budget, a wall-clock
deadline and a memory limit), so it cannot hang; ``check-data`` also renders every type
that reads the data set (bundled templates and data, the file in place of NAME).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from docgen.review.problems import Problem

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.group("template")
def template() -> None:
    """Tinjauan templat dan data peraturan oleh Bagian Hukum."""


def _fail(lines: list[str]) -> None:
    for line in lines:
        click.echo(line, err=True)
    sys.exit(2)


@template.command("check")
@click.argument("type_name", metavar="TYPE")
@click.argument("path", metavar="FILE.docx", type=_FILE)
def check(type_name: str, path: Path) -> None:
    """Periksa apakah FILE.docx dapat diterima sebagai versi baru templat TYPE."""
    from docgen.review.isolation import check_template_isolated

    report = check_template_isolated(type_name, path.read_bytes())
    if not report.ok:
        _fail(report.lines())
    click.echo(f"OK: {path} dapat diterima sebagai versi baru templat {type_name} "
               f"(sha256 {report.sha256}, {len(report.variables)} variabel)")


@template.command("check-data")
@click.argument("name", metavar="NAME")
@click.argument("path", metavar="FILE.yaml", type=_FILE)
def check_data(name: str, path: Path) -> None:
    """Periksa konsistensi versi baru data peraturan NAME (mis. scored_card)."""
    from docgen.domain.regulation import Regulation
    from docgen.registry import REGISTRY
    from docgen.review.datachecks import check_regulation_data
    from docgen.review.datarender import render_problems

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        _fail([str(Problem("data", f"{path} harus berkodekan UTF-8"))])
    problems = check_regulation_data(name, text) or render_problems(
        name, text, Regulation.bundled(), lambda t: REGISTRY.get(t).template.read_bytes())
    if problems:
        _fail([str(p) for p in problems])
    click.echo(f"OK: {path} konsisten sebagai versi baru data {name}")


@template.command("wording")
@click.argument("path", metavar="FILE.docx", type=_FILE)
@click.option("--text", "plain", is_flag=True, help="Teks polos per paragraf, bukan HTML")
def wording(path: Path, plain: bool) -> None:
    """Tampilkan redaksi templat (HTML aman, atau teks polos dengan --text)."""
    from docgen.review.wording import WORDING_CSS, paragraphs, wording_html

    data = path.read_bytes()
    try:
        if plain:
            click.echo("\n".join(paragraphs(data)))
        else:
            click.echo(f"<!doctype html><meta charset=utf-8><style>{WORDING_CSS}</style>"
                       + wording_html(data))
    except ValueError as exc:
        _fail([str(exc)])


@template.command("diff")
@click.argument("old", metavar="LAMA.docx", type=_FILE)
@click.argument("new", metavar="BARU.docx", type=_FILE)
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Tulis HTML berdampingan ke berkas ini")
def diff(old: Path, new: Path, output: Path | None) -> None:
    """Bandingkan redaksi dua versi templat, paragraf demi paragraf."""
    from docgen.review.diff import DIFF_CSS, diff_versions
    from docgen.review.wording import WORDING_CSS

    try:
        result = diff_versions(old.read_bytes(), new.read_bytes())
    except ValueError as exc:
        _fail([str(exc)])
    for row in result.changed_rows:
        click.echo(f"- {row.old_no or ''}: {row.old or ''}".rstrip())
        click.echo(f"+ {row.new_no or ''}: {row.new or ''}".rstrip())
    for label, values in (("placeholder ditambahkan", result.placeholders_added),
                          ("placeholder dihapus", result.placeholders_removed)):
        if values:
            click.echo(f"{label}: {', '.join(sorted(values))}")
    if output is not None:
        output.write_text(f"<!doctype html><meta charset=utf-8><style>{WORDING_CSS}"
                          f"{DIFF_CSS}</style>{result.to_html()}", encoding="utf-8")
        click.echo(str(output))
