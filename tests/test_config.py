"""Settings are validated when loaded: a bad DOCGEN_* value stops the start with one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import cli
from docgen.config import Settings, SettingsError, resource_dir


def error_of(**environ: str) -> str:
    with pytest.raises(SettingsError) as info:
        Settings.from_env(environ)
    return str(info.value)


@pytest.mark.parametrize(("environ", "message"), [
    ({"DOCGEN_PAPER": "Letter"},
     "DOCGEN_PAPER: ukuran kertas tidak dikenal 'Letter' (pilih F4 atau A4)"),
    ({"DOCGEN_PORT": "delapan"}, "DOCGEN_PORT: bukan bilangan bulat 'delapan'"),
    ({"DOCGEN_PORT": "70000"}, "DOCGEN_PORT: harus 1–65535, bukan 70000"),
    ({"DOCGEN_CONVERTER_RESTART_AFTER": "0"},
     "DOCGEN_CONVERTER_RESTART_AFTER: harus paling sedikit 1, bukan 0"),
    ({"DOCGEN_CONVERTER_TIMEOUT": "1m"},
     "DOCGEN_CONVERTER_TIMEOUT: bukan bilangan '1m' (detik, misalnya 60)"),
    ({"DOCGEN_CONVERTER_EXTERNAL": "mungkin"},
     "DOCGEN_CONVERTER_EXTERNAL: bukan nilai ya/tidak 'mungkin'"),
    ({"DOCGEN_CONVERTER": "word"},
     "DOCGEN_CONVERTER: pengubah PDF tidak dikenal 'word' (pilih soffice atau unoserver)"),
    ({"DOCGEN_LAMBANG_DAERAH": "/tidak/ada/lambang.png"},
     "DOCGEN_LAMBANG_DAERAH: berkas gambar tidak ditemukan: '/tidak/ada/lambang.png'"),
    ({"DOCGEN_TEMPLATES_DIR": "/tidak/ada"}, "DOCGEN_TEMPLATES_DIR: folder tidak ditemukan"),
    ({"DOCGEN_BASE_URL": "docgen.example"}, "DOCGEN_BASE_URL: alamat harus diawali http://"),
])
def test_bad_value_is_refused_naming_the_variable(environ, message):
    assert error_of(**environ).startswith(message)


def test_every_bad_variable_gets_its_own_line():
    lines = error_of(DOCGEN_PAPER="B5", DOCGEN_PORT="x").splitlines()
    assert sorted(line.split(":")[0] for line in lines) == ["DOCGEN_PAPER", "DOCGEN_PORT"]


def test_good_values_parse(tmp_path):
    emblem = tmp_path / "lambang.png"
    emblem.write_bytes(b"\x89PNG")
    settings = Settings.from_env({
        "DOCGEN_PAPER": " a4 ", "DOCGEN_PORT": "9000", "DOCGEN_CONVERTER": "soffice",
        "DOCGEN_CONVERTER_TIMEOUT": "4.5", "DOCGEN_CONVERTER_EXTERNAL": "ya",
        "DOCGEN_LAMBANG_NEGARA": str(emblem), "DOCGEN_DATA_DIR": str(tmp_path),
        "DOCGEN_LAMBANG_DAERAH": "", "OTHER": "ignored"}, host="0.0.0.0")
    assert (settings.paper, settings.port, settings.converter, settings.converter_timeout,
            settings.converter_external, settings.lambang_negara, settings.lambang_daerah,
            settings.data_dir, settings.host) == (
        "A4", 9000, "soffice", 4.5, True, emblem, None, tmp_path, "0.0.0.0")
    assert Settings.from_env({"DOCGEN_CONVERTER_EXTERNAL": "0"}).converter_external is False


def test_defaults_overrides_and_immutability():
    settings = Settings.from_env({})
    assert settings == Settings() and hash(settings) == hash(Settings())
    assert Settings.from_env({"DOCGEN_PAPER": "A4"}, paper="F4").paper == "F4"
    with pytest.raises(SettingsError, match="DOCGEN_PAPER"):
        Settings.from_env({}, paper="Letter")
    with pytest.raises(TypeError, match="extra"):
        Settings.from_env({}, extra={})
    with pytest.raises(AttributeError):
        settings.paper = "A4"  # type: ignore[misc]
    assert settings.validated(port=1234).port == 1234


def test_resource_dirs_come_from_the_checkout_or_the_variables(tmp_path):
    root = Path(__file__).resolve().parent.parent
    assert resource_dir("templates", {}) == root / "templates"
    assert resource_dir("samples", {}) == root / "samples"
    assert resource_dir("samples", {"DOCGEN_SAMPLES_DIR": str(tmp_path)}) == tmp_path


@pytest.mark.parametrize("args", [["types"], ["serve"]])
def test_cli_prints_the_message_and_exits_2(args):
    result = CliRunner().invoke(cli, args, env={"DOCGEN_PAPER": "Letter"})
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "DOCGEN_PAPER: ukuran kertas tidak dikenal 'Letter' (pilih F4 atau A4)")
    assert "Traceback" not in result.output
