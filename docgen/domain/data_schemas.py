"""Strict schemas of the regulation data sets (``docgen/domain/data/<name>.yaml``).

Every data set has a model here (``SCHEMAS``); unknown keys are refused (``extra="forbid"``),
so a YAML flow mapping cut at an unquoted comma (``{teks: cermat, teliti}`` makes a key
``teliti``) or a misspelt key is caught when the set is loaded or uploaded for review.
``problems(name, data)`` returns readable messages naming the data set and the path of the
bad key, e.g. ``scored_card: nilai[1].indikator[1].sub[1]: kunci tidak dikenal 'teliti'``.
The schemas only validate: ``Regulation.load`` still returns the parsed YAML as plain data.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    StrictFloat,
    ValidationError,
    model_validator,
)

Status = Literal["dilengkapi_bagian_hukum", "rancangan_docgen",
                 "perlu_konfirmasi_bagian_hukum", "sumber_sekunder"]
Number = StrictFloat  # int or float, never a quoted number
Pair = Annotated[list[int], Field(min_length=2, max_length=2)]


# -- citations in the texts of dasar_hukum (and in typed Mengingat) --------------------
_KINDS = (("perppu", r"peraturan\s+pemerintah\s+pengganti\s+undang\W*undang"),
          ("pp", r"peraturan\s+pemerintah"), ("perpres", r"peraturan\s+presiden"),
          ("perda", r"peraturan\s+daerah"), ("permen", r"peraturan\s+menteri"),
          ("perbup", r"peraturan\s+bupati"), ("uu", r"undang\W*undang|\buu\b"))
Identity = tuple[str, str, str]  # (kind, nomor, tahun), e.g. ('uu', '5', '2014')
_CITATION = re.compile(
    "(?:" + "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _KINDS) + ")"
    + r"(?:[^;()]{0,160}?)nomor\s*(?P<nomor>[\w./-]+?)\s*tahun\s*(?P<tahun>\d{4})", re.I)


def citations(text: str) -> Iterator[tuple[Identity, str]]:
    """(identity, as written) of every instrument cited in ``text``, in order."""
    for match in _CITATION.finditer(text):
        kind = next(k for k, _ in _KINDS if match.group(k))
        yield (kind, match["nomor"].lower(), match["tahun"]), " ".join(match[0].split())


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- dasar_hukum -----------------------------------------------------------------------
class Versi(Strict):
    """The citation text from ``berlaku_mulai`` on (e.g. naming a later amendment)."""

    berlaku_mulai: dt.date
    teks: str
    status: Status | None = None
    catatan: str | None = None


class Perubahan(Strict):
    """An amendment (``oleh``: its key) the citation must name from ``sejak`` on."""

    oleh: str
    sejak: dt.date
    status: Status | None = None
    catatan: str | None = None


class Dicabut(Strict):
    oleh: str
    sejak: dt.date
    status: Status | None = None
    catatan: str | None = None


class Berakhir(Strict):
    """End of an instrument's own period (e.g. a 2010-2025 grand design)."""

    sejak: dt.date
    catatan: str


class DasarHukum(Strict):
    ref: str
    teks: str
    ditetapkan: dt.date | None
    status: Status | None = None
    catatan: str | None = None
    versi: list[Versi] = []
    perubahan: list[Perubahan] = []
    dicabut: Dicabut | None = None
    berakhir: Berakhir | None = None

    @model_validator(mode="after")
    def _dates(self) -> Self:
        if self.ditetapkan is None and self.status != "perlu_konfirmasi_bagian_hukum":
            raise ValueError("ditetapkan kosong: beri status perlu_konfirmasi_bagian_hukum")
        for label, items in (("versi", [v.berlaku_mulai for v in self.versi]),
                             ("perubahan", [p.sejak for p in self.perubahan])):
            if items != sorted(items):
                raise ValueError(f"{label} harus urut menurut tanggal")
        return self


# -- keputusan_default -----------------------------------------------------------------
class Setelan(Strict):
    aktif: bool
    ref: str
    catatan: str | None = None


class KeputusanDefault(Strict):
    status: Status | None = None
    ref: str
    menimbang: list[str] = Field(min_length=1)
    mengingat: list[str] = Field(min_length=1)
    atas_nama_bupati: Setelan | None = None
    catatan: str | None = None


# -- kbk_forms, susunan_kbk, tugas, istilah --------------------------------------------
class Form(Strict):
    ref: str
    kode: str
    judul: str


class Pilihan(Strict):
    kode: str
    label: str
    diteruskan: bool | None = None


class DaftarPilihan(Strict):
    ref: str
    urutan: list[Pilihan] | None = None
    faktor: list[Pilihan] | None = None


class KbkForms(Strict):
    form: dict[str, Form]
    kategori_masalah: DaftarPilihan
    sebab_akibat: DaftarPilihan


class Susunan(Strict):
    label: str
    penanggung_jawab: str
    ketua: str
    sekretaris: str
    anggota: str
    penanggung_jawab_evaluasi: str


class SusunanKbk(Strict):
    ref: str
    jenis: dict[str, Susunan]


class Tugas(Strict):
    ref: str
    butir: list[str] | None = Field(None, min_length=1)
    per_kedudukan: dict[str, str] | None = None
    catatan: str | None = None

    @model_validator(mode="after")
    def _one_list(self) -> Self:
        if (self.butir is None) == (self.per_kedudukan is None):
            raise ValueError("isi salah satu: butir atau per_kedudukan")
        return self


class Istilah(Strict):
    ref: str
    catatan: str | None = None
    miring: list[str]
    tebal: list[str]


# -- paraf (the paraf chain per document type, docgen.domain.paraf) --------------------
class Langkah(Strict):
    tahap: Literal["konseptor", "pemeriksa", "penandatangan"]
    peran: str  # a docgen role, or "penyusun" (the document's author)
    jabatan: str


class AlurParaf(Strict):
    ref: str
    catatan: str | None = None
    langkah: list[Langkah]

    @model_validator(mode="after")
    def _signer_last(self) -> Self:
        tahap = [step.tahap for step in self.langkah]
        if tahap and (tahap[-1] != "penandatangan" or tahap.count("penandatangan") != 1):
            raise ValueError("langkah terakhir (dan hanya itu) harus tahap penandatangan")
        return self


class Paraf(Strict):
    status: Status | None = None
    ref: str
    jenis: dict[str, AlurParaf]


def _lampiran() -> dict[str, type[BaseModel]]:
    from docgen.domain.data_schemas_lampiran import Kuesioner, ScoredCard

    return {"scored_card": ScoredCard, "kuesioner": Kuesioner}


SCHEMAS: dict[str, type[BaseModel]] = {
    "dasar_hukum": RootModel[dict[str, DasarHukum]],
    "keputusan_default": RootModel[dict[str, KeputusanDefault]],
    "kbk_forms": KbkForms,
    "susunan_kbk": SusunanKbk,
    "tugas": RootModel[dict[str, Tugas]],
    "istilah": Istilah,
    "paraf": Paraf,
    **_lampiran(),
}

_MESSAGES = {
    "string_type": "harus berupa teks",
    "int_type": "harus bilangan bulat", "int_parsing": "harus bilangan bulat",
    "int_from_float": "harus bilangan bulat",
    "float_type": "harus bilangan", "float_parsing": "harus bilangan",
    "bool_type": "harus true atau false", "bool_parsing": "harus true atau false",
    "date_type": "harus tanggal (YYYY-MM-DD)", "date_parsing": "harus tanggal (YYYY-MM-DD)",
    "date_from_datetime_parsing": "harus tanggal (YYYY-MM-DD)",
    "list_type": "harus berupa daftar", "tuple_type": "harus berupa daftar",
    "dict_type": "harus berupa pemetaan (kunci: nilai)",
    "model_type": "harus berupa pemetaan (kunci: nilai)",
    "model_attributes_type": "harus berupa pemetaan (kunci: nilai)",
    "too_short": "terlalu sedikit butir", "too_long": "terlalu banyak butir",
}


def _path(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _message(error: Any) -> str:
    loc, kind = tuple(error["loc"]), error["type"]
    if kind in ("extra_forbidden", "missing"):
        loc, key = loc[:-1], str(loc[-1])
        text = (f"kunci tidak dikenal {key!r}" if kind == "extra_forbidden"
                else f"kunci wajib {key!r} tidak ada")
    elif kind == "literal_error":
        text = f"harus salah satu dari {error['ctx']['expected']} (sekarang {error['input']!r})"
    elif kind == "value_error":
        text = str(error["ctx"]["error"])
    else:
        text = _MESSAGES.get(kind, error["msg"])
        if kind not in ("too_short", "too_long") and not isinstance(error["input"], dict):
            text += f" (sekarang {error['input']!r})"
    return f"{_path(loc)}: {text}" if loc else text


def problems(name: str, data: Any) -> list[str]:
    """Schema violations of data set ``name`` (parsed YAML), each ``name: path: message``."""
    schema = SCHEMAS.get(name)
    if schema is None:
        return [f"{name}: tidak ada skema untuk data set ini (docgen/domain/data_schemas.py)"]
    try:
        schema.model_validate(data)
    except ValidationError as exc:
        return [f"{name}: {_message(error)}" for error in exc.errors(include_url=False)]
    return []
