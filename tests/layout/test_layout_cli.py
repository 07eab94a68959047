"""``docgen check-layout`` and the layout warnings of ``render`` / ``render --strict``."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from docgen.cli import cli
from docgen.registry import SAMPLES
from tests.layout import layout_docs as docs


@pytest.fixture(scope="module")
def files(converter, tmp_path_factory):
    folder = tmp_path_factory.mktemp("layout-cli")
    result = {}
    for name, source in (("clean", docs.signature_clean()), ("alone", docs.signature_alone())):
        (folder / f"{name}.docx").write_bytes(source)
        (folder / f"{name}.pdf").write_bytes(converter.convert(source))
        result[name] = folder / name
    return result


def test_clean_pdf_exits_0(files):
    result = CliRunner().invoke(cli, ["check-layout", f"{files['clean']}.pdf"])
    assert result.exit_code == 0, result.output
    assert result.output == "OK: tata letak bersih (1 halaman)\n"


def test_problems_exit_2_one_line_each(files):
    result = CliRunner().invoke(cli, ["check-layout", f"{files['alone']}.pdf",
                                      "--docx", f"{files['alone']}.docx"])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "page 2: tanda tangan berdiri sendiri di halamannya tanpa teks dokumen di atasnya "
        "(KEPALA DINAS CONTOH KABUPATEN PURBA\u2026, NIP. 19740706 199311 1 001)"]


def test_unreadable_file_exits_2(tmp_path):
    bad = tmp_path / "bukan.pdf"
    bad.write_bytes(b"bukan pdf")
    result = CliRunner().invoke(cli, ["check-layout", str(bad)])
    assert result.exit_code == 2
    missing = CliRunner().invoke(cli, ["check-layout", str(tmp_path / "tidak-ada.pdf")])
    assert missing.exit_code == 2


@pytest.fixture()
def warm(converter):
    """CLI renders use the session's LibreOffice instead of starting their own."""
    return {"DOCGEN_CONVERTER_EXTERNAL": "1", "DOCGEN_CONVERTER_PORT": str(converter._port)}


@pytest.mark.parametrize("strict", [False, True])
def test_render_warns_and_strict_exits_2(tmp_path, strict, warm):
    """The scored card still prints the markers of texts the OCR copy lost (blocking)."""
    target = tmp_path / "out.pdf"
    args = ["render", "scored-card", str(SAMPLES / "scored-card.json"), "-o", str(target)]
    result = CliRunner().invoke(cli, args + (["--strict"] if strict else []), env=warm)
    assert result.exit_code == (2 if strict else 0), result.output
    assert target.is_file()
    assert f"peringatan tata letak: {target}: page 1: teks penanda" in result.stderr


def test_render_clean_document_has_no_warning(tmp_path, warm):
    target = tmp_path / "out.pdf"
    result = CliRunner().invoke(cli, ["render", "sk-role-model",
                                      str(SAMPLES / "sk-role-model.json"), "-o", str(target),
                                      "--strict"], env=warm)
    assert result.exit_code == 0, result.output
    assert "peringatan tata letak" not in result.stderr


def test_render_docx_is_not_checked(tmp_path):
    result = CliRunner().invoke(cli, ["render", "scored-card",
                                      str(SAMPLES / "scored-card.json"), "-o",
                                      str(tmp_path / "out.docx"), "--strict"])
    assert result.exit_code == 0 and "peringatan tata letak" not in result.stderr


def test_types_does_not_load_the_layout_check():
    code = ("import sys; from docgen.cli import cli; cli(['types'], standalone_mode=False); "
            "print('docgen.layout' in sys.modules, 'docgen.layout.pdfwords' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == "False False"
