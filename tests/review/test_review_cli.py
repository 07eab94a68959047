"""``docgen template ...`` through the installed console script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from docgen.config import PROJECT_ROOT

DOCGEN = str(Path(sys.executable).parent / "docgen")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([DOCGEN, "template", *args], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, timeout=120)


def test_check_accepts_the_shipped_template():
    result = run("check", "sk-kbk", "templates/sk/sk-kbk.docx")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: templates/sk/sk-kbk.docx dapat diterima")


def test_check_rejects_with_one_reason_per_line(tmp_path, with_paragraph):
    path = tmp_path / "jahat.docx"
    path.write_bytes(with_paragraph("{{ cycler.__init__.__globals__ }}", "{{ tidak_ada }}"))
    result = run("check", "sk-kbk", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "bagian internal Python" in lines[0] and "__globals__" in lines[0]


def test_check_lists_every_unknown_variable(tmp_path, with_paragraph):
    path = tmp_path / "baru.docx"
    path.write_bytes(with_paragraph("{{ satu }}", "{{ dua }}"))
    result = run("check", "sk-kbk", str(path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert [line.split("\u201d")[0] for line in lines] == [
        "variabel \u201cdua", "variabel \u201csatu"]


def test_check_rejects_a_file_that_is_not_a_docx(tmp_path):
    path = tmp_path / "bukan.docx"
    path.write_text("halo")
    result = run("check", "sk-kbk", str(path))
    assert result.returncode == 2
    assert "bukan dokumen Word .docx" in result.stderr


def test_check_data_exit_codes(tmp_path):
    assert run("check-data", "kuesioner", "docgen/domain/data/kuesioner.yaml").returncode == 0
    text = (PROJECT_ROOT / "docgen/domain/data/kuesioner.yaml").read_text(encoding="utf-8")
    path = tmp_path / "kuesioner.yaml"
    path.write_text(text.replace("[12, 17, belum_bagus]", "[13, 17, belum_bagus]"),
                    encoding="utf-8")
    result = run("check-data", "kuesioner", str(path))
    assert result.returncode == 2
    assert "ada celah" in result.stderr


def test_diff_and_wording_commands(tmp_path, replace_paragraph):
    new = tmp_path / "baru.docx"
    new.write_bytes(replace_paragraph("Ditetapkan di", "Ditetapkan di Kota {{ unit }}"))
    out = tmp_path / "diff.html"
    result = run("diff", "templates/sk/sk-kbk.docx", str(new), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "- 54: Ditetapkan di Purbalingga" in result.stdout
    assert "+ 54: Ditetapkan di Kota {{ unit }}" in result.stdout
    assert "placeholder ditambahkan: unit" in result.stdout
    assert "<ins>Kota <span class=\"ph\">{{ unit }}</span></ins>" in out.read_text()
    wording = run("wording", "--text", str(new))
    assert "Ditetapkan di Kota {{ unit }}" in wording.stdout.splitlines()
