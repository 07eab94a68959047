"""Indonesian names of the render context's variables, for legal reviewers.

A template placeholder such as ``{{ item.teks }}`` inside ``{% for item in menimbang %}``
is shown to Bagian Hukum as ``[Menimbang: setiap butir]``. Variables are named by their
*path* in the render context, loop variables replaced by the list they run over and
``[]``: ``menimbang[].teks``, ``susunan[].nama``, ``ketua.nip``.

``LABELS`` is the one place these names are kept. A path missing here is named from the
document type's JSON Schema (field ``title``) when the context key is an input field, else
from its words (``penanggung_jawab.nip`` -> "NIP penanggung jawab").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Context paths -> what a reader calls them. Lists end in "[]"; "list[]" is one item.
LABELS: dict[str, str] = {
    "nomor": "nomor",
    "tanggal": "tanggal penetapan",
    "tahun": "tahun",
    "unit": "nama unit kerja",
    "unit_kerja": "nama unit kerja",
    "unit_singkat": "singkatan unit kerja",
    "nama_kbk": "nama KBK",
    "nama_kbk_lengkap": "nama lengkap KBK",
    "tentang_kapital": "judul \u201ctentang\u201d",
    "atas_nama": "a.n. Bupati",
    "menimbang[]": "Menimbang: setiap butir",
    "menimbang[].teks": "Menimbang: setiap butir",
    "menimbang[].no": "huruf butir Menimbang",
    "mengingat[]": "Mengingat: setiap dasar hukum",
    "mengingat[].teks": "Mengingat: setiap dasar hukum",
    "mengingat[].no": "nomor dasar hukum",
    "memperhatikan[]": "Memperhatikan: setiap butir",
    "memperhatikan[].teks": "Memperhatikan: setiap butir",
    "memperhatikan[].no": "nomor butir Memperhatikan",
    "tembusan[]": "Tembusan: setiap penerima",
    "tembusan[].teks": "Tembusan: setiap penerima",
    "tembusan[].no": "nomor penerima tembusan",
    "susunan[]": "anggota susunan",
    "agen[]": "Agen Perubahan",
    "tugas[]": "tugas: setiap butir",
    "tugas_kbk[]": "tugas KBK: setiap butir",
    "tugas_tim[]": "tugas tim: setiap butir",
    "tugas_kedudukan[]": "tugas per kedudukan",
    "tugas_kedudukan[].butir[]": "tugas kedudukan ini: setiap butir",
    "peran[]": "peran: setiap butir",
    "mekanisme[]": "mekanisme: setiap butir",
    "cara_pembinaan[]": "cara pembinaan: setiap butir",
    "petunjuk[]": "petunjuk pengisian: setiap butir",
    "kop.pemerintah": "nama pemerintah daerah pada kop",
    "kop.nama": "nama unit kerja pada kop",
    "kop.alamat": "alamat pada kop",
    "kop.kontak": "telepon/surel pada kop",
    "lambang": "lambang daerah",
    "penandatangan.jabatan_kapital": "jabatan penanda tangan (huruf kapital)",
    "yel_yel": "yel-yel",
    "bagan": "bagan susunan",
    "grafik": "grafik",
    "nilai[]": "nilai budaya kerja",
    "nilai[].baris[]": "indikator nilai ini",
    "kategori_tabel[]": "baris tabel kategori",
    "responden[]": "responden",
    "kelompok[]": "kelompok pertanyaan",
    "loop.index": "nomor urut",
    "loop.index0": "nomor urut",
}

# Words of a context key, for paths not in LABELS.
WORDS = {"nip": "NIP", "kbk": "KBK", "no": "nomor urut", "ka1": "Ka 1", "ka2": "Ka 2",
         "ka3": "Ka 3", "ts1": "TS 1", "ts2": "TS 2", "ts3": "TS 3", "b1": "B-1",
         "b2": "B-2", "b3": "B-3", "b4": "B-4", "teks": "teks"}

# Names of docxtpl calls and filters.
DIKTUM = "diktum {}"
DIKTUM_REF = "rujukan diktum {}"
FILTERS = {"upper": "huruf kapital", "huruf": "sebagai huruf a, b, c", "lower": "huruf kecil",
           "title": "huruf awal kapital"}


def words(key: str) -> str:
    return " ".join(WORDS.get(part, part) for part in key.split("_") if part)


def schema_labels(schema: Mapping[str, Any]) -> dict[str, str]:
    """``{path: title}`` of a JSON Schema's fields and of its list items' fields."""
    defs = schema.get("$defs", {})
    labels: dict[str, str] = {}

    def resolve(node: Mapping[str, Any]) -> Mapping[str, Any]:
        for option in node.get("anyOf", [node]):
            ref = option.get("$ref", "")
            if ref:
                return defs.get(ref.rsplit("/", 1)[-1], {})
            if option.get("type") != "null":
                return option
        return node

    def walk(node: Mapping[str, Any], prefix: str, depth: int) -> None:
        for key, prop in resolve(node).get("properties", {}).items():
            path = f"{prefix}{key}"
            title = str(prop.get("title", ""))
            if title and title != key.replace("_", " ").title():  # not pydantic's default
                labels.setdefault(path, title)
            target = resolve(prop)
            if depth < 2 and target.get("type") == "array" and "items" in target:
                walk(target["items"], f"{path}[].", depth + 1)
            elif depth < 2 and "properties" in target:
                walk(target, f"{path}.", depth + 1)

    walk(schema, "", 0)
    return labels


def noun(text: str) -> str:
    """"Menimbang: setiap butir" -> "Menimbang" (what a list is called)."""
    return text.split(": setiap")[0]


def label(path: str, extra: Mapping[str, str] | None = None) -> str:
    """The reader's name of a context path (``LABELS``, then ``extra``, then its words)."""
    for table in (LABELS, extra or {}):
        if path in table:
            return table[path]
        if path.endswith("[]") and path[:-2] in table:
            return f"{table[path[:-2]]}: setiap butir"
        if f"{path}[]" in table:
            return noun(table[f"{path}[]"])
    parts = path.split(".")
    lists = [i for i, part in enumerate(parts[:-1]) if part.endswith("[]")]
    if lists:
        owner = label(".".join(parts[:lists[-1] + 1]), extra)
        field = words(parts[-1].removesuffix("[]"))
        return f"{noun(owner)}: {field}" + (": setiap butir" if path.endswith("[]") else "")
    names = [words(p.removesuffix("[]")) for p in reversed(parts)]
    text = " ".join(names)
    return f"{text}: setiap butir" if path.endswith("[]") else text
