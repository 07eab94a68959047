"""The one registry of document types. Tests walk it; the CLI, API and web use it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from docgen.config import resource_dir
from docgen.domain.errors import InputError, from_validation_error
from docgen.domain.regulation import Regulation, validation_context

TEMPLATES = resource_dir("templates")  # the checkout's folder, or DOCGEN_TEMPLATES_DIR, or
SAMPLES = resource_dir("samples")  # <prefix>/share/docgen/ in a wheel install


@dataclass(frozen=True)
class DocumentType:
    """One document type. Every method that reads regulation data takes the snapshot
    (``regulation``; None: the bundled one): models validate with it in their pydantic
    validation context, ``build_context(model, regulation)`` reads it."""

    name: str
    title: str
    model: type[BaseModel]  # the input model of the bundled snapshot
    build_context: Callable[[Any, Regulation], dict[str, Any]]
    folder: str  # "sk" or "docx" under templates/
    roles: tuple[str, ...]  # web roles that draft it
    landscape: bool = False
    # the input model of a snapshot, where its fields come from the data (scored card)
    model_factory: Callable[[Regulation], type[BaseModel]] | None = None

    @property
    def template(self) -> Path:
        return TEMPLATES / self.folder / f"{self.name}.docx"

    @property
    def sample(self) -> Path:
        return SAMPLES / f"{self.name}.json"

    def model_for(self, regulation: Regulation | None = None) -> type[BaseModel]:
        """The input model of ``regulation`` (``model`` unless built from the data)."""
        if self.model_factory is None:
            return self.model
        return self.model_factory(regulation or Regulation.bundled())

    def parse(self, data: Any, regulation: Regulation | None = None) -> BaseModel:
        """Validate raw input (dict from JSON/YAML/form) into the typed model."""
        if not isinstance(data, dict):
            raise InputError([_root_error()])
        try:
            return self.model_for(regulation).model_validate(
                data, context=validation_context(regulation))
        except ValidationError as exc:
            raise from_validation_error(exc) from None

    def context(self, data: Any, regulation: Regulation | None = None) -> dict[str, Any]:
        regulation = regulation or Regulation.bundled()
        model = (data if isinstance(data, self.model_for(regulation))
                 else self.parse(data, regulation))
        return self.build_context(model, regulation)

    def schema(self, regulation: Regulation | None = None) -> dict[str, Any]:
        schema = self.model_for(regulation).model_json_schema()
        schema["title"] = self.title
        schema["$id"] = f"docgen:{self.name}"
        return schema

    def warnings(self, model: Any, regulation: Regulation | None = None) -> list[str]:
        """Non-blocking messages about a parsed document (e.g. an outdated Mengingat)."""
        peringatan = getattr(model, "peringatan", None)
        return (list(peringatan(regulation or Regulation.bundled())) if callable(peringatan)
                else [])

    def load_sample(self) -> dict[str, Any]:
        return json.loads(self.sample.read_text(encoding="utf-8"))


def _root_error():
    from docgen.domain.errors import FieldError

    return FieldError("(input)", "input harus berupa objek JSON")


class Registry:
    def __init__(self) -> None:
        self._types: dict[str, DocumentType] = {}

    def register(self, doc_type: DocumentType) -> DocumentType:
        if doc_type.name in self._types:
            raise ValueError(f"document type {doc_type.name} registered twice")
        self._types[doc_type.name] = doc_type
        return doc_type

    def get(self, name: str) -> DocumentType:
        try:
            return self._types[name]
        except KeyError:
            known = ", ".join(self._types)
            raise KeyError(f"jenis dokumen tidak dikenal: {name} (pilih: {known})") from None

    def __iter__(self) -> Iterator[DocumentType]:
        return iter(self._types.values())

    def __contains__(self, name: str) -> bool:
        return name in self._types

    def names(self) -> list[str]:
        return list(self._types)


REGISTRY = Registry()


def _register_keputusan() -> None:
    from docgen.domain import (
        keputusan_penghargaan,
        sk_agen_perubahan,
        sk_core_values,
        sk_kbk,
        sk_role_model,
        sk_tim_pembinaan,
    )

    unit_sk = ("admin_unit",)
    for name, title, module, model, roles in (
        ("sk-kbk", "Keputusan tentang Pembentukan Kelompok Budaya Kerja",
         sk_kbk, sk_kbk.SkKbk, unit_sk),
        ("sk-agen-perubahan", "Keputusan tentang Penetapan Agen Perubahan",
         sk_agen_perubahan, sk_agen_perubahan.SkAgenPerubahan, unit_sk),
        ("sk-role-model", "Keputusan tentang Penetapan Role Model",
         sk_role_model, sk_role_model.SkRoleModel, unit_sk),
        ("sk-tim-pembinaan", "Keputusan Bupati tentang Tim Pembinaan dan Pengendalian Budaya "
         "Kerja Kabupaten", sk_tim_pembinaan, sk_tim_pembinaan.SkTimPembinaan,
         ("admin_kabupaten",)),
        ("sk-core-values", "Keputusan Kepala Dinas tentang Penetapan Core Values, Employer "
         "Branding dan Slogan Budaya Layanan", sk_core_values, sk_core_values.SkCoreValues,
         unit_sk),
        ("keputusan-penghargaan", "Keputusan Bupati tentang Penetapan Pemenang Gelar Budaya "
         "Kerja dan Agen Perubahan Terbaik", keputusan_penghargaan,
         keputusan_penghargaan.KeputusanPenghargaan, ("admin_kabupaten",)),
    ):
        REGISTRY.register(DocumentType(name, title, model, module.build_context, "sk", roles))


def _register_working_papers() -> None:
    """Tables, forms, evaluation and reports (templates/docx)."""
    from docgen.domain import (
        kbk_forms,
        kuesioner,
        laporan_bulanan,
        laporan_evaluasi,
        rencana_tindak,
        scored_card,
    )

    kbk, unit_kbk = ("sekretaris_kbk",), ("admin_unit", "sekretaris_kbk")
    for name, title, model, build, roles, landscape in (
        ("rencana-tindak", "Tabel 1 Rencana Tindak Agen Perubahan",
         rencana_tindak.RencanaTindak, rencana_tindak.build_rencana_context, unit_kbk, True),
        ("monev-rencana-tindak", "Tabel 2 Monev Rencana Tindak Agen Perubahan",
         rencana_tindak.MonevRencanaTindak, rencana_tindak.build_monev_context, unit_kbk,
         True),
        ("kbk-form-a", "Form A Jadwal Pelaksanaan Internalisasi Budaya Kerja",
         kbk_forms.FormA, kbk_forms.build_form_a_context, kbk, True),
        ("kbk-form-b", "Form B-1 s.d. B-4 Permasalahan dan Rencana Tindak KBK",
         kbk_forms.FormB, kbk_forms.build_form_b_context, kbk, True),
        ("kuesioner-evaluasi", "Formulir Pertanyaan Evaluasi Pelaksanaan Pengembangan Budaya "
         "Kerja", kuesioner.KuesionerEvaluasi, kuesioner.build_context, kbk, False),
        ("laporan-evaluasi", "Laporan Evaluasi Pelaksanaan Pengembangan Budaya Kerja pada "
         "Unit Kerja", laporan_evaluasi.LaporanEvaluasi, laporan_evaluasi.build_context, kbk,
         True),
        ("scored-card", "Scored Card Penerapan Budaya Kerja", scored_card.ScoredCard,
         scored_card.build_context, kbk, True),
        ("laporan-bulanan-kbk", "Laporan Bulanan Pelaksanaan Kegiatan KBK (Risalah Budaya "
         "Kerja)", laporan_bulanan.LaporanBulananKbk, laporan_bulanan.build_context, kbk,
         False),
    ):
        REGISTRY.register(DocumentType(
            name, title, model, build, "docx", roles, landscape,
            model_factory=scored_card.model_for if model is scored_card.ScoredCard else None))


def _register_builtins() -> None:
    _register_keputusan()
    _register_working_papers()


_register_builtins()
