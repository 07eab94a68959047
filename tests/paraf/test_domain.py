"""The paraf chain's rules (docgen.domain.paraf) and its data set (data/paraf.yaml)."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from docgen.accounts.access import Role
from docgen.domain import paraf as rules
from docgen.domain.regulation import DataSetError, Regulation, bundled_text
from docgen.registry import REGISTRY
from docgen.review.datachecks import check_regulation_data

REG = Regulation.bundled()
KEPUTUSAN = [t.name for t in REGISTRY if t.folder == "sk"]
UNIT_SK = ["sk-kbk", "sk-agen-perubahan", "sk-role-model", "sk-core-values"]
BUPATI_SK = ["sk-tim-pembinaan", "keputusan-penghargaan"]


def test_every_document_type_has_an_entry_with_its_ref_and_the_set_is_a_docgen_rule():
    data = REG.load("paraf")
    assert data["status"] == "rancangan_docgen" and "Tata Naskah Dinas" in data["ref"]
    assert set(data["jenis"]) == set(REGISTRY.names())
    assert all(entry["ref"] for entry in data["jenis"].values())


@pytest.mark.parametrize("doc_type", UNIT_SK)
def test_a_unit_keputusan_goes_konseptor_sekretaris_pimpinan(doc_type):
    steps = rules.alur(REG, doc_type)
    assert [(s.tahap, s.peran) for s in steps] == [
        ("konseptor", "penyusun"), ("pemeriksa", "sekretaris_unit"),
        ("penandatangan", "pimpinan_unit")]


@pytest.mark.parametrize("doc_type", BUPATI_SK)
def test_a_keputusan_bupati_is_checked_by_bagian_hukum_and_signed_by_the_bupati(doc_type):
    steps = rules.alur(REG, doc_type)
    assert [(s.tahap, s.peran, s.jabatan) for s in steps][1:] == [
        ("pemeriksa", "bagian_hukum", "Kepala Bagian Hukum"),
        ("penandatangan", "bupati", "Bupati Purbalingga")]


def test_forms_signed_by_people_without_an_account_have_no_chain():
    assert rules.alur(REG, "kbk-form-a") == () and rules.alur(REG, "scored-card") == ()
    assert rules.status([]) == "final"


def test_every_role_of_the_data_exists():
    roles = {str(r) for r in Role} | {rules.PENYUSUN}
    assert {s.peran for t in REGISTRY for s in rules.alur(REG, t.name)} <= roles


def _chain(*statuses: str) -> list[rules.Catatan]:
    steps = rules.alur(REG, "sk-kbk")
    when = dt.datetime(2026, 12, 2, 9, 30)
    return [rules.Catatan(step, status, "NAMA" if status != rules.BELUM else "",
                          when if status != rules.BELUM else None)
            for step, status in zip(steps, statuses, strict=True)]


def test_states_in_order():
    assert rules.status(_chain("menunggu", "menunggu", "menunggu")) == "menunggu_paraf"
    assert rules.berikut(_chain("menunggu", "menunggu", "menunggu")).langkah.urutan == 1
    assert rules.status(_chain("selesai", "menunggu", "menunggu")) == "menunggu_paraf"
    assert rules.status(_chain("selesai", "selesai", "menunggu")) == "menunggu_tanda_tangan"
    assert rules.status(_chain("selesai", "selesai", "selesai")) == "ditandatangani"
    assert rules.berikut(_chain("selesai", "selesai", "selesai")) is None
    sent_back = _chain("selesai", "dikembalikan", "menunggu")
    assert rules.status(sent_back) == "dikembalikan" and rules.berikut(sent_back) is None


def test_who_may_act():
    author, pemeriksa, signer = rules.alur(REG, "sk-kbk")
    doc = rules.Dokumen(unit_id=1, author_id=7)
    assert rules.boleh(author, rules.Pelaku(7, "admin_unit", 1), doc)
    assert not rules.boleh(author, rules.Pelaku(8, "admin_unit", 1), doc)
    assert rules.boleh(pemeriksa, rules.Pelaku(9, "sekretaris_unit", 1), doc)
    assert not rules.boleh(pemeriksa, rules.Pelaku(9, "sekretaris_unit", 2), doc)
    assert not rules.boleh(signer, rules.Pelaku(9, "sekretaris_unit", 1), doc)
    assert rules.boleh(signer, rules.Pelaku(3, "pimpinan_unit", 1), doc)
    kabupaten = rules.Dokumen(unit_id=None, author_id=2)
    bupati = rules.alur(REG, "keputusan-penghargaan")[2]
    assert rules.boleh(bupati, rules.Pelaku(5, "bupati", None), kabupaten)


def test_the_paraf_box_lists_the_paraf_steps_empty_before_and_filled_after():
    empty = rules.kotak_kosong(REG, "sk-kbk")
    assert [(r["no"], r["jabatan"], r["paraf"], r["tanggal"]) for r in empty] == [
        ("1.", "Konseptor", "", ""), ("2.", "Sekretaris/Kepala Subbagian Umum", "", "")]
    filled = rules.kotak_paraf(_chain("selesai", "selesai", "menunggu"))
    assert [(r["paraf"], r["tanggal"]) for r in filled] == [("NAMA", "02-12-2026")] * 2


def _edited(change) -> str:
    data = yaml.safe_load(bundled_text("paraf"))
    change(data)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_the_schema_wants_the_signer_last_and_known_stages():
    def signer_first(data):
        data["jenis"]["sk-kbk"]["langkah"].reverse()

    def bad_stage(data):
        data["jenis"]["sk-kbk"]["langkah"][1]["tahap"] = "pengecek"

    for change in (signer_first, bad_stage):
        with pytest.raises(DataSetError):
            Regulation.from_texts({"paraf": _edited(change)}).load("paraf")


def test_the_review_refuses_an_unknown_role_and_a_missing_type():
    def unknown_role(data):
        data["jenis"]["sk-kbk"]["langkah"][1]["peran"] = "kasubbag"

    def missing_type(data):
        del data["jenis"]["sk-role-model"]

    messages = [p.message for p in check_regulation_data("paraf", _edited(unknown_role))]
    assert any("peran 'kasubbag' tidak dikenal" in m for m in messages), messages
    messages = [p.message for p in check_regulation_data("paraf", _edited(missing_type))]
    assert any("'sk-role-model'" in m for m in messages), messages
    assert check_regulation_data("paraf", bundled_text("paraf")) == []


@pytest.mark.parametrize("doc_type", KEPUTUSAN)
def test_every_keputusan_context_has_the_empty_box(doc_type):
    context = REGISTRY.get(doc_type).context(REGISTRY.get(doc_type).load_sample())
    assert context["paraf"] == rules.kotak_kosong(REG, doc_type)
    assert all(row["jabatan"] and not row["paraf"] for row in context["paraf"])
