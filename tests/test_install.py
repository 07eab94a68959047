"""A wheel install (not editable) finds templates/ and samples/ from any working directory.

Slow but always run (~5 s): builds the wheel from a copy of the sources (the checkout gets
no build/ folder), installs it with --no-deps into a fresh venv, and runs the installed
``docgen`` elsewhere with the project venv's packages as its dependencies (PYTHONPATH).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("pyproject.toml", "docgen", "templates", "samples")


def run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The fresh venv with the docgen wheel installed."""
    base = tmp_path_factory.mktemp("install")
    source = base / "source"
    source.mkdir()
    for name in COPIED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, source / name)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", base / "dist", source)
    (wheel,) = (base / "dist").glob("docgen-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        for member in ("templates/sk/sk-kbk.docx", "templates/laporan/rekap-program.docx"):
            assert any(n.endswith(f"data/share/docgen/{member}") for n in archive.namelist())
    venv = base / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    run(sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install",
        "--no-deps", "--no-index", "-q", wheel)
    return venv


@pytest.fixture(scope="module")
def environment() -> dict[str, str]:
    """No DOCGEN_* variables; dependencies from this venv, docgen only from the wheel."""
    paths = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DOCGEN_", "PYTHON", "VIRTUAL_ENV"))}
    return {**env, "PYTHONPATH": os.pathsep.join(paths), "PYTHONNOUSERSITE": "1"}


@pytest.mark.slow
def test_installed_wheel_finds_templates_and_samples(installed, environment, tmp_path):
    python, docgen = installed / "bin" / "python", installed / "bin" / "docgen"
    where = run(python, "-c", "import docgen, docgen.registry as r; "
                "print(docgen.__file__); print(r.TEMPLATES); print(r.SAMPLES)",
                cwd=tmp_path, env=environment).stdout.splitlines()
    assert where == [str(installed / "lib" / f"python{sys.version_info.major}."
                         f"{sys.version_info.minor}" / "site-packages" / "docgen" /
                         "__init__.py"),
                     str(installed / "share" / "docgen" / "templates"),
                     str(installed / "share" / "docgen" / "samples")]
    assert "sk-kbk" in run(docgen, "types", cwd=tmp_path, env=environment).stdout
    sample = installed / "share" / "docgen" / "samples" / "sk-kbk.json"
    run(docgen, "render", "sk-kbk", sample, "-o", "x.docx", cwd=tmp_path, env=environment)
    with zipfile.ZipFile(tmp_path / "x.docx") as rendered:
        assert "KELOMPOK BUDAYA KERJA" in rendered.read("word/document.xml").decode("utf-8")
