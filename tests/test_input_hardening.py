"""Input hardening: XML-illegal characters and over-long texts are refused at validation."""

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from docgen.domain.errors import InputError
from docgen.registry import REGISTRY

DOCGEN = [str(Path(sys.executable).with_name("docgen"))]
ILLEGAL = ["\x00", "\x01", "\x0b", "\ufffe"]


def _set(data, path, value):
    *parents, last = path
    for part in parents:
        data = data[part]
    data[last] = value


# (type, path into the sample, field path in the error)
FIELDS = [
    ("sk-kbk", ("yel_yel",), "yel_yel"),
    ("sk-kbk", ("susunan", 0, "nama"), "susunan[0].nama"),
    ("laporan-bulanan-kbk", ("kegiatan", 0, "hasil"), "kegiatan[0].hasil"),
    ("laporan-bulanan-kbk", ("kegiatan", 0, "kegiatan"), "kegiatan[0].kegiatan"),
    ("scored-card", ("nama_kbk",), "nama_kbk"),
]


@pytest.mark.parametrize("char", ILLEGAL, ids=[f"U+{ord(c):04X}" for c in ILLEGAL])
@pytest.mark.parametrize(("type_name", "path", "field"), FIELDS)
def test_illegal_character_is_refused_naming_the_field(type_name, path, field, char):
    doc_type = REGISTRY.get(type_name)
    data = copy.deepcopy(doc_type.load_sample())
    _set(data, path, f"abcd{char}efgh")
    with pytest.raises(InputError) as info:
        doc_type.parse(data)
    [error] = info.value.errors
    assert error.field == field
    assert error.message == (f"teks berisi karakter yang tidak diizinkan "
                              f"(U+{ord(char):04X}) pada posisi 5")


def test_legal_characters_still_pass():
    doc_type = REGISTRY.get("sk-kbk")
    data = copy.deepcopy(doc_type.load_sample())
    data["yel_yel"] = "Semangat!\tMaju\r\nterus \u00e9\ud7ff\ue000\ufffd \U0001f600"
    assert doc_type.parse(data).yel_yel == data["yel_yel"]


def test_cli_refuses_illegal_character_and_writes_nothing(tmp_path):
    data = REGISTRY.get("sk-kbk").load_sample()
    data["yel_yel"] = "Maju\x00terus"
    source = tmp_path / "sk.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "out.docx"
    result = subprocess.run(DOCGEN + ["render", "sk-kbk", str(source), "-o", str(target)],
                            capture_output=True, text=True,
                            env={**os.environ, "DOCGEN_DATA_DIR": str(tmp_path)})
    assert result.returncode == 2
    assert "yel_yel: teks berisi karakter yang tidak diizinkan (U+0000) pada posisi 5" \
        in result.stderr + result.stdout
    assert not target.exists()


def test_overlong_text_is_refused_naming_the_field():
    doc_type = REGISTRY.get("sk-kbk")
    data = copy.deepcopy(doc_type.load_sample())
    data["yel_yel"] = "a" * 300_000
    with pytest.raises(InputError) as info:
        doc_type.parse(data)
    assert [e.field for e in info.value.errors] == ["yel_yel"]


def test_overlong_name_is_refused_naming_the_field():
    doc_type = REGISTRY.get("sk-kbk")
    data = copy.deepcopy(doc_type.load_sample())
    data["susunan"][0]["nama"] = "a" * 301
    with pytest.raises(InputError) as info:
        doc_type.parse(data)
    assert [e.field for e in info.value.errors] == ["susunan[0].nama"]


def test_schema_shows_max_lengths():
    schema = REGISTRY.get("sk-kbk").schema()
    assert schema["properties"]["yel_yel"]["maxLength"] == 5000
    assert schema["properties"]["nomor"]["maxLength"] == 500
    assert schema["$defs"]["AnggotaKbk"]["properties"]["nama"]["maxLength"] == 300


@pytest.mark.parametrize("type_name", REGISTRY.names())
def test_every_sample_still_parses(type_name):
    doc_type = REGISTRY.get(type_name)
    doc_type.parse(doc_type.load_sample())
