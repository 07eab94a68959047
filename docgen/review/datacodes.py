"""Codes of a regulation data set that templates and models read (issue 9).

A new version of a data set may not remove or rename a code that the code base reads
(a ``tugas.yaml`` key a builder reads, a Keputusan type of ``keputusan_default``, a legal
basis its lists cite, a Form B category ...) or that documents already carry (the
scored card's sub-behaviour codes of the version in use: drafts store capaian by code).
``code_problems(name, data, current)`` names every such code, in Indonesian, and for
``tugas`` also every list the code reads in another shape than it was written (``butir``
where a builder reads a list, ``per_kedudukan`` for the Tim Pembinaan, as many kriteria
as the Agen Perubahan model has fields).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, get_args

from docgen.domain.regulation import DataSetError, Regulation


@dataclass(frozen=True)
class Required:
    label: str  # what the codes are, e.g. "kode sub unsur perilaku"
    codes: frozenset[str]
    used_by: str  # who reads them
    exact: bool = False  # a code the model does not know is refused too


def _sub_codes(data: dict) -> set[str]:
    return {str(sub.get("kode")) for value in data.get("nilai") or []
            for indikator in value.get("indikator") or [] for sub in indikator.get("sub") or []}


def _current(current: Regulation, name: str) -> Any:
    try:
        return current.load(name)
    except DataSetError:  # the version in use is unreadable: only the code's reads count
        return None


def _scored_card(data: dict, current: Regulation) -> tuple[dict[str, set[str]], list[Required]]:
    old = _current(current, "scored_card")
    codes = frozenset(_sub_codes(old)) if old else frozenset()
    return ({"kode sub unsur perilaku": _sub_codes(data)},
            [Required("kode sub unsur perilaku", codes,
                      "isian capaian Scored Card (model dan dokumen yang sudah ada)")])


def _tugas(data: dict, current: Regulation) -> tuple[dict[str, set[str]], list[Required]]:
    from docgen.domain import sk_agen_perubahan, sk_kbk, sk_role_model, sk_tim_pembinaan

    required = [Required("kunci", frozenset(keys), f"templat {doc_type}") for keys, doc_type in (
        (sk_kbk.TUGAS_KEYS, sk_kbk.SkKbk.DOC_TYPE),
        (sk_role_model.TUGAS_KEYS, sk_role_model.SkRoleModel.DOC_TYPE),
        (sk_agen_perubahan.TUGAS_KEYS, sk_agen_perubahan.SkAgenPerubahan.DOC_TYPE),
        (sk_tim_pembinaan.TUGAS_KEYS, sk_tim_pembinaan.SkTimPembinaan.DOC_TYPE))]
    per = (data.get("tim_pembinaan") or {}).get("per_kedudukan") or {}
    found = {"kunci": set(data), "kedudukan tim_pembinaan.per_kedudukan": set(per)}
    required.append(Required("kedudukan tim_pembinaan.per_kedudukan",
                             frozenset(sk_tim_pembinaan.KEDUDUKAN_LABEL),
                             "templat sk-tim-pembinaan"))
    return found, required


def _tugas_shapes(data: dict) -> list[str]:
    """Lists read in another shape than ``tugas.yaml`` writes them."""
    from docgen.domain import sk_agen_perubahan, sk_kbk, sk_role_model, sk_tim_pembinaan

    read_as_list = {*sk_kbk.TUGAS_KEYS, *sk_role_model.TUGAS_KEYS,
                    *sk_agen_perubahan.TUGAS_KEYS, *sk_tim_pembinaan.TUGAS_KEYS}
    read_as_list.discard("tim_pembinaan")
    messages = [f"tugas.yaml: {key} harus berisi butir (daftar), karena dibaca sebagai daftar"
                for key in sorted(read_as_list & set(data))
                if not isinstance(data[key], dict) or not data[key].get("butir")]
    team = data.get("tim_pembinaan")
    if isinstance(team, dict) and not team.get("per_kedudukan"):
        messages.append("tugas.yaml: tim_pembinaan harus berisi per_kedudukan (tugas per "
                        "kedudukan Tim Pembinaan)")
    kriteria = (data.get("kriteria_agen_perubahan") or {}).get("butir")
    fields = sk_agen_perubahan.KRITERIA_KEYS
    if isinstance(kriteria, list) and len(kriteria) != len(fields):
        messages.append(f"tugas.yaml: kriteria_agen_perubahan harus berisi tepat {len(fields)} "
                        f"butir (kriteria {', '.join(fields)} pada isian Agen Perubahan), "
                        f"sekarang {len(kriteria)}")
    return messages


def _keputusan_default(data: dict, current: Regulation
                       ) -> tuple[dict[str, set[str]], list[Required]]:
    from docgen.registry import REGISTRY

    types = frozenset(doc_type.name for doc_type in REGISTRY
                      if getattr(doc_type.model, "DOC_TYPE", None) == doc_type.name)
    return ({"jenis Keputusan": set(data)},
            [Required("jenis Keputusan", types, "model Keputusan (menimbang/mengingat baku)")])


def _dasar_hukum(data: dict, current: Regulation) -> tuple[dict[str, set[str]], list[Required]]:
    defaults = _current(current, "keputusan_default") or {}
    cited = frozenset(key for entry in defaults.values() for key in entry.get("mengingat", []))
    return ({"dasar hukum": set(data)},
            [Required("dasar hukum", cited, "daftar mengingat baku keputusan_default.yaml")])


def _kbk_forms(data: dict, current: Regulation) -> tuple[dict[str, set[str]], list[Required]]:
    from docgen.domain import kbk_forms

    faktor = {str(f.get("kode")) for f in data["sebab_akibat"].get("faktor") or []}
    urutan = {str(k.get("kode")) for k in data["kategori_masalah"].get("urutan") or []}
    return ({"faktor sebab_akibat": faktor, "kategori_masalah": urutan},
            [Required("faktor sebab_akibat", frozenset(kbk_forms.SebabAkibat.model_fields),
                      "model Form B-1 (kolom sebab akibat)", exact=True),
             Required("kategori_masalah", frozenset(get_args(kbk_forms.KategoriMasalah)),
                      "model Form B-1 (kolom kategori)", exact=True)])


def _susunan_kbk(data: dict, current: Regulation) -> tuple[dict[str, set[str]], list[Required]]:
    from docgen.domain.common import JenisPerangkatDaerah

    return ({"jenis perangkat daerah": set(data.get("jenis") or {})},
            [Required("jenis perangkat daerah", frozenset(get_args(JenisPerangkatDaerah)),
                      "usulan susunan KBK (sk-kbk)")])


def _paraf(data: dict, current: Regulation) -> tuple[dict[str, set[str]], list[Required]]:
    from docgen.registry import REGISTRY

    return ({"jenis dokumen": set(data.get("jenis") or {})},
            [Required("jenis dokumen", frozenset(REGISTRY.names()),
                      "alur paraf setiap jenis dokumen", exact=True)])


def _paraf_roles(data: dict) -> list[str]:
    """Steps done by a role docgen does not have (nobody could ever act)."""
    from docgen.accounts.access import Role
    from docgen.domain.paraf import PENYUSUN

    known = {str(role) for role in Role} | {PENYUSUN}
    return [f"paraf.yaml: {jenis}: peran '{step['peran']}' tidak dikenal (pilih: "
            f"{', '.join(sorted(known))})"
            for jenis, alur in sorted((data.get("jenis") or {}).items())
            for step in alur.get("langkah") or [] if step.get("peran") not in known]


_READERS: dict[str, Callable[[dict, Regulation],
                             tuple[dict[str, set[str]], list[Required]]]] = {
    "scored_card": _scored_card, "tugas": _tugas, "keputusan_default": _keputusan_default,
    "dasar_hukum": _dasar_hukum, "kbk_forms": _kbk_forms, "susunan_kbk": _susunan_kbk,
    "paraf": _paraf}


def code_problems(name: str, data: dict, current: Regulation | None = None) -> list[str]:
    """Codes read by templates/models (or carried by the version in use) that ``data``, a
    proposed version of ``name``, removes or renames; with ``exact``, unknown ones too."""
    reader = _READERS.get(name)
    if reader is None:
        return []
    found, required = reader(data, current or Regulation.bundled())
    messages = (_tugas_shapes(data) if name == "tugas" else
                _paraf_roles(data) if name == "paraf" else [])
    for need in required:
        have = found.get(need.label, set())
        messages += [f"{name}.yaml: {need.label} '{code}' dihapus atau diganti namanya, "
                     f"padahal dipakai oleh {need.used_by}; kode yang dipakai tidak boleh "
                     "hilang (tambahkan kembali, atau tambahkan kode baru di sampingnya)"
                     for code in sorted(need.codes - have)]
        if need.exact:
            messages += [f"{name}.yaml: {need.label} '{code}' tidak dikenal oleh "
                         f"{need.used_by} (pilih: {', '.join(sorted(need.codes))})"
                         for code in sorted(have - need.codes)]
    return messages
