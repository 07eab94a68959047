"""How every ``docgen`` command fails (issue 10, finding 12): ``docgen: <message>`` on
stderr, exit 2 for bad input and 1 for an internal error, never a traceback unless asked
for with DOCGEN_DEBUG=1 or --debug. Run as the installed command, as a user runs it."""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import cli
from docgen.config import PROJECT_ROOT
from docgen.registry import REGISTRY

DOCGEN = str(Path(sys.executable).with_name("docgen"))
SAMPLE = REGISTRY.get("sk-kbk").sample


def run(*args, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([DOCGEN, *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "DOCGEN_DATA_DIR": str(cwd / "data"),
                                        **env})


def one_line(result: subprocess.CompletedProcess, status: int, *texts: str) -> str:
    assert result.returncode == status, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("docgen: "), result.stderr
    assert "Traceback" not in result.stderr
    for text in texts:
        assert text in lines[0], lines[0]
    return lines[0]


def _top_level_commands() -> list[str]:
    return cli.list_commands(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("command", _top_level_commands())
def test_a_wrong_option_is_one_line_and_exit_2_for_every_command(tmp_path, command):
    one_line(run(command, "--tidak-ada", cwd=tmp_path), 2, "--tidak-ada", "--help")


def test_input_nested_too_deep_is_exit_2_one_line(tmp_path):
    (tmp_path / "dalam.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "dalam.yaml").write_text("nomor: " + "[" * 100_000 + "]" * 100_000)
    for name in ("dalam.json", "dalam.yaml"):
        one_line(run("render", "sk-kbk", name, "-o", "x.docx", cwd=tmp_path), 2, name,
                 "bersarang terlalu dalam")
    assert not (tmp_path / "x.docx").exists()


def test_unreadable_inputs_and_outputs_are_exit_2_one_line(tmp_path):
    (tmp_path / "biner.json").write_bytes(b"\xff\xfe\x00{}")
    one_line(run("render", "sk-kbk", "biner.json", "-o", "x.docx", cwd=tmp_path), 2,
             "biner.json bukan teks UTF-8")
    (tmp_path / "berkas").write_text("bukan folder")
    one_line(run("render", "sk-kbk", SAMPLE, "-o", "berkas/x.docx", cwd=tmp_path), 2,
             "berkas")
    one_line(run("render", "sk-kbk", SAMPLE, cwd=tmp_path), 2, "'-o'")
    one_line(run("render", "sk-kbk", "tidak-ada.yaml", "-o", "x.docx", cwd=tmp_path), 2,
             "berkas input tidak ditemukan")


def test_bad_settings_and_a_huge_document_id_are_exit_2(tmp_path):
    result = run("types", cwd=tmp_path, DOCGEN_PORT="abc")
    assert result.returncode == 2 and result.stderr.startswith("DOCGEN_PORT: ")
    assert "Traceback" not in result.stderr
    one_line(run("finalize", "9" * 30, "--as", "admin", cwd=tmp_path), 2)


def test_a_spreadsheet_declaring_a_dtd_is_exit_2_naming_the_field(tmp_path):
    source = (PROJECT_ROOT / "samples" / "laporan-evaluasi-responden.xlsx").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as original, \
            zipfile.ZipFile(out, "w") as changed:
        for info in original.infolist():
            part = original.read(info)
            if info.filename == "xl/workbook.xml":
                assert part.startswith(b"<workbook")  # no XML declaration to keep first
                part = b'<!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + part
            changed.writestr(info, part)
    (tmp_path / "jawaban.xlsx").write_bytes(out.getvalue())
    result = run("render", "laporan-evaluasi", REGISTRY.get("laporan-evaluasi").sample,
                 "--responden", "jawaban.xlsx", "-o", "x.docx", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        "responden: jawaban.xlsx: bagian xl/workbook.xml memuat deklarasi DTD/DOCTYPE yang "
        "tidak diizinkan; simpan ulang berkas dari Excel atau LibreOffice"]
    assert not (tmp_path / "x.docx").exists()


def test_an_internal_error_is_exit_1_one_line_and_the_traceback_only_when_asked(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "docgen.sqlite").write_bytes(b"bukan basis data SQLite " * 100)
    line = one_line(run("units", cwd=tmp_path), 1, "kesalahan internal", "--debug")
    assert "DatabaseError" in line
    for debug in (run("--debug", "units", cwd=tmp_path),
                  run("units", cwd=tmp_path, DOCGEN_DEBUG="1")):
        assert debug.returncode == 1
        assert debug.stderr.startswith("docgen: kesalahan internal")
        assert "Traceback (most recent call last)" in debug.stderr


def test_a_full_disk_while_writing_the_output_is_exit_1_and_writes_nothing(
        tmp_path, monkeypatch):
    import docgen.fileio

    class FullDisk(io.BytesIO):
        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    real_fdopen = os.fdopen
    monkeypatch.setattr(docgen.fileio.os, "fdopen",
                        lambda fd, mode: (os.close(fd), FullDisk())[1] if "w" in mode
                        else real_fdopen(fd, mode))
    monkeypatch.setenv("DOCGEN_DATA_DIR", str(tmp_path / "data"))
    target = tmp_path / "hasil" / "sk.docx"
    result = CliRunner().invoke(cli, ["render", "sk-kbk", str(SAMPLE), "-o", str(target)])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        "docgen: ruang penyimpanan penuh; berkas keluaran tidak ditulis"]
    assert list(target.parent.iterdir()) == []


def test_a_json_input_is_still_read_normally(tmp_path):
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    (tmp_path / "sk.json").write_text(json.dumps(data))
    result = run("render", "sk-kbk", "sk.json", "-o", "sk.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "sk.docx").read_bytes()[:2] == b"PK"


def test_a_number_past_the_digit_limit_is_bad_input_not_an_internal_error(tmp_path):
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    text = json.dumps(data).replace("{", '{"besar": ' + "9" * 5000 + ", ", 1)
    (tmp_path / "besar.json").write_text(text)
    one_line(run("render", "sk-kbk", "besar.json", "-o", "x.docx", cwd=tmp_path), 2,
             "besar.json")
    assert not (tmp_path / "x.docx").exists()
