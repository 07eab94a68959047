"""The CLI contract: types, schema, render; bad input exits 2 and writes nothing."""

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from docgen.registry import REGISTRY
from tests.conftest import docx_text

DOCGEN = [str(Path(sys.executable).with_name("docgen"))]


def run(*args, cwd=None):
    return subprocess.run(DOCGEN + [str(a) for a in args], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "DOCGEN_DATA_DIR": str(cwd or ".")})


def test_types_lists_every_type_name_first():
    result = run("types")
    assert result.returncode == 0
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names == REGISTRY.names()


def test_schema_is_the_models_json_schema():
    result = run("schema", "sk-kbk")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert {"perangkat_daerah", "nomor", "tanggal", "nama_kbk", "yel_yel", "susunan",
            "penandatangan"} <= set(schema["properties"])


def test_unknown_type_exits_2():
    result = run("schema", "sk-tidak-ada")
    assert result.returncode == 2 and "sk-tidak-ada" in result.stderr


def test_render_docx_from_yaml(tmp_path):
    source = tmp_path / "sk.yaml"
    source.write_text(yaml.safe_dump(REGISTRY.get("sk-kbk").load_sample(), allow_unicode=True))
    target = tmp_path / "hasil" / "sk.docx"
    result = run("render", "sk-kbk", source, "-o", target)
    assert result.returncode == 0, result.stderr
    assert "KBK SEMAR" in docx_text(target.read_bytes())


def test_render_pdf(tmp_path):
    target = tmp_path / "sk.pdf"
    result = run("render", "sk-role-model", REGISTRY.get("sk-role-model").sample, "-o", target)
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"%PDF")


def _kbk(mutate):
    data = copy.deepcopy(REGISTRY.get("sk-kbk").load_sample())
    mutate(data)
    return "sk-kbk", data


def _agen(mutate):
    data = copy.deepcopy(REGISTRY.get("sk-agen-perubahan").load_sample())
    mutate(data)
    return "sk-agen-perubahan", data


def _set(path, value):
    def mutate(data):
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return mutate


BAD_INPUTS = {
    "wrong NIP": (_kbk(_set(["susunan", 1, "nip"], "19690412 199203 3 004")),
                  "susunan[1].nip: NIP: digit ke-15 (jenis kelamin) harus 1 atau 2"),
    "short NIP": (_kbk(_set(["penandatangan", "nip"], "1974070619931110")),
                  "penandatangan.nip: NIP harus 18 digit"),
    "missing ketua": (_kbk(_set(["susunan", 1, "kedudukan"], "anggota")),
                      "susunan: tidak ada Ketua"),
    "two ketua": (_kbk(_set(["susunan", 2, "kedudukan"], "ketua")),
                  "susunan: ada 2 Ketua; KBK harus mempunyai tepat satu Ketua"),
    "end before start": (_agen(_set(["jangka_waktu", "selesai"], "2024-03-01")),
                         "jangka_waktu: tanggal selesai harus sesudah tanggal mulai"),
    "unmet criterion": (_agen(_set(["agen", 1, "kriteria", "b"], False)),
                        "agen[1].kriteria: MUHAMAD FAIZAL, A.Md. tidak memenuhi kriteria b "
                        "(tidak sedang menjalani hukuman disiplin pegawai)"),
    "missing field": (_kbk(lambda d: d.pop("nomor")), "nomor: wajib diisi"),
    "bad date": (_kbk(_set(["tanggal"], "2024-02-30")), "tanggal: "),
    "bad kedudukan": (_kbk(_set(["susunan", 0, "kedudukan"], "bendahara")),
                      "susunan[0].kedudukan: harus salah satu dari"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_bad_input_exits_2_names_field_and_writes_nothing(tmp_path, case, suffix):
    (type_name, data), expected = BAD_INPUTS[case]
    source = tmp_path / "input.json"
    source.write_text(json.dumps(data))
    target = tmp_path / f"hasil{suffix}"
    result = run("render", type_name, source, "-o", target, cwd=tmp_path)
    assert result.returncode == 2
    assert expected in result.stderr, result.stderr
    assert all(": " in line for line in result.stderr.strip().splitlines())
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["input.json"]


def test_malformed_json_is_one_clear_line(tmp_path):
    source = tmp_path / "input.json"
    source.write_text('{"nomor": "1",\n "tanggal": }')
    result = run("render", "sk-kbk", source, "-o", tmp_path / "x.docx")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "bukan JSON yang valid: baris 2" in result.stderr
    assert not (tmp_path / "x.docx").exists()


def test_missing_input_file(tmp_path):
    result = run("render", "sk-kbk", tmp_path / "tidak-ada.json", "-o", tmp_path / "x.docx")
    assert result.returncode == 2
    assert "berkas input tidak ditemukan" in result.stderr
    assert not (tmp_path / "x.docx").exists()


def test_output_must_be_docx_or_pdf(tmp_path):
    result = run("render", "sk-kbk", REGISTRY.get("sk-kbk").sample, "-o", tmp_path / "x.odt")
    assert result.returncode == 2 and ".docx atau .pdf" in result.stderr


def test_suggested_susunan_per_unit_kind():
    result = run("susunan-kbk", "kecamatan")
    assert result.returncode == 0
    assert json.loads(result.stdout) == [
        {"kedudukan": "penanggung_jawab", "jabatan": "Camat"},
        {"kedudukan": "ketua", "jabatan": "Sekretaris Kecamatan"},
        {"kedudukan": "sekretaris", "jabatan": "Kasi Kecamatan"},
        {"kedudukan": "anggota",
         "jabatan": "Perwakilan dari masing-masing seksi dan kelurahan"},
    ]
    uptd = json.loads(run("susunan-kbk", "uptd").stdout)
    assert uptd[0]["jabatan"] == "Kepala Dinas" and uptd[1]["jabatan"] == "Kepala UPTD"
