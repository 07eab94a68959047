"""The regulation data sets: strict schemas, texts as in the seed, legal bases by date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from docgen.domain import data_schemas, regulation
from docgen.domain.keputusan import ATAS_NAMA_BUPATI
from docgen.registry import REGISTRY
from docgen.review.datachecks import check_regulation_data

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_3d2926b3d644398f.txt"
UU_5 = "Undang-Undang Nomor 5 Tahun 2014"
UU_20 = "Undang-Undang Nomor 20 Tahun 2023"
PP_17 = ("Peraturan Pemerintah Nomor 17 Tahun 2020 tentang Perubahan atas Peraturan Pemerintah "
         "Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil (Lembaran Negara Republik "
         "Indonesia Tahun 2020 Nomor 68, Tambahan Lembaran Negara Republik Indonesia Nomor 6477)")
PERDA_13 = ("Peraturan Daerah Nomor 13 Tahun 2020 tentang Perubahan Peraturan Daerah Kabupaten "
            "Purbalingga Nomor 12 Tahun 2016 tentang Pembentukan dan Susunan Perangkat Daerah "
            "Kabupaten Purbalingga (Lembaran Daerah Kabupaten Purbalingga Tahun 2020 Nomor 13)")


REG = regulation.Regulation.bundled()


def messages(name: str, text: str) -> list[str]:
    return [p.message for p in check_regulation_data(name, text)]


def refused_by_load(name: str, text: str) -> str:
    snapshot = regulation.Regulation.from_texts({name: text})
    with pytest.raises(regulation.DataSetError) as info:
        snapshot.load(name)
    assert info.value.name == name
    return str(info.value)


def sk(name: str, tanggal: str, **changes):
    data = REGISTRY.get(name).load_sample() | {"tanggal": tanggal} | changes
    if "mengingat" not in changes:  # the type's default list for that date
        data.pop("mengingat", None)
    return REGISTRY.get(name).parse(data)


# -- schemas ---------------------------------------------------------------------------
def test_every_data_set_has_a_schema_and_validates():
    assert set(regulation.names()) == set(data_schemas.SCHEMAS)
    for name in regulation.names():
        assert data_schemas.problems(name, yaml.safe_load(regulation.bundled_text(name))) == []
        assert REG.load(name)


def test_load_returns_plain_data():
    assert isinstance(REG.scored_card()["nilai"][0], dict)
    assert isinstance(REG.load("dasar_hukum")["uu_5_2014"]["dicabut"], dict)


def test_an_unknown_key_is_refused_by_load_and_by_the_review_check():
    text = regulation.bundled_text("tugas").replace("kbk:\n  ref:", "kbk:\n  reff: x\n  ref:")
    expected = "tugas: kbk: kunci tidak dikenal 'reff'"
    assert refused_by_load("tugas", text) == expected
    assert messages("tugas", text) == [expected]


def test_a_flow_mapping_cut_at_an_unquoted_comma_is_refused():
    text = regulation.bundled_text("scored_card").replace(
        'teks: "Tidak menunda pelaksanaan tugas;"', "teks: Tidak menunda, pelaksanaan tugas;")
    expected = ("scored_card: nilai[1].indikator[1].sub[3]: kunci tidak dikenal "
                "'pelaksanaan tugas;'")
    assert refused_by_load("scored_card", text) == expected
    assert messages("scored_card", text) == [expected]


def test_a_wrong_type_is_refused():
    text = regulation.bundled_text("scored_card").replace(
        "{kode: disiplin_3, bobot: 5", "{kode: disiplin_3, bobot: lima")
    expected = ("scored_card: nilai[3].indikator[2].sub[0].bobot: harus bilangan "
                "(sekarang 'lima')")
    assert expected in refused_by_load("scored_card", text)
    assert expected in messages("scored_card", text)
    dates = regulation.bundled_text("dasar_hukum").replace(
        "sejak: 2023-10-31", "sejak: akhir Oktober")
    assert "dasar_hukum: uu_5_2014.dicabut.sejak: harus tanggal (YYYY-MM-DD)" in (
        refused_by_load("dasar_hukum", dates))


def test_the_schema_accepts_the_validity_fields():
    data = yaml.safe_load(regulation.bundled_text("dasar_hukum"))
    assert data["uu_5_2014"]["dicabut"] == {
        "oleh": "uu_20_2023", "sejak": dt.date(2023, 10, 31),
        "status": "perlu_konfirmasi_bagian_hukum",
        "catatan": data["uu_5_2014"]["dicabut"]["catatan"]}
    assert [p["oleh"] for p in data["uu_23_2014"]["perubahan"]] == [
        "uu_9_2015", "uu_11_2020", "uu_6_2023"]
    data["uu_28_1999"]["status"] = None  # an unknown date must be marked
    assert data_schemas.problems("dasar_hukum", data) == [
        "dasar_hukum: uu_28_1999: ditetapkan kosong: beri status perlu_konfirmasi_bagian_hukum"]


# -- texts -----------------------------------------------------------------------------
@pytest.mark.parametrize("kode, seed_text", [
    ("profesional_2b", "Mengerjakan tugas dengan cermat, teliti dan tidak lamban;"),
    ("profesional_2e", "Memberikan pelayanan kepada masyarakat dengan sikap, sigap dan cepat"),
    ("profesional_3b", "Dalam menyelesaikan tugas tidak bergantung pada orang lain, tetapi tetap "
                       "berkoordinasi dengan pihak lain;"),
    ("inovatif_2b", "Berani mencoba cara baru yang lebih baik, efektif dan efisien dalam "
                    "pelaksanaan tugas;"),
])
def test_sub_behaviour_texts_with_commas_are_whole(kode, seed_text):
    subs = {s["kode"]: s for v in REG.scored_card()["nilai"]
            for i in v["indikator"] for s in i["sub"]}
    assert subs[kode]["teks"] == seed_text
    if SEED.is_file():
        assert " ".join(SEED.read_text(encoding="utf-8").split()).count(seed_text.split(",")[0])


def test_flow_mapping_texts_are_quoted():
    for line in regulation.bundled_text("scored_card").splitlines():
        if line.strip().startswith("- {") and "teks:" in line:
            assert 'teks: "' in line, line


def test_missing_texts_and_markers_for_the_legal_section():
    missing = REG.missing_texts()
    assert {m["kode"] for m in missing} == {
        "integritas_1", "integritas_2a", "integritas_4", "profesional_1", "inovatif_1a",
        "inovatif_1b", "inovatif_2a", "akuntabel_4a", "akuntabel_5"}
    first = next(m for m in missing if m["kode"] == "integritas_2a")
    assert first == {"data_set": "scored_card", "kode": "integritas_2a",
                     "ref": "Lampiran I nomor 1 indikator 2 huruf a",
                     "fragmen_ocr": "... maupun dalam bersikap dalam bekerja;"}
    assert REG.marker_texts() == [REG.scored_card()["penanda_hilang"]]
    assert any(f["kode"] == "uu_20_2023" for f in REG.unconfirmed_facts())


def test_istilah():
    terms = REG.istilah()
    assert {"Core Values", "Employer Branding", "Role Model", "Agent of Change"} <= set(
        terms["miring"])
    assert terms["tebal"] == ["berAKHLAK", "BerAKHLAK"]


# -- legal bases by the document's date ------------------------------------------------
def test_sk_kbk_default_mengingat_follows_the_date():
    old = sk("sk-kbk", "2021-06-01").mengingat
    assert any(m.startswith(UU_5) for m in old) and not any(UU_20 in m for m in old)
    new = sk("sk-kbk", "2024-03-15").mengingat
    assert any(m.startswith(UU_20) for m in new) and not any(UU_5 in m for m in new)
    uu_23 = next(m for m in new if "Nomor 23 Tahun 2014" in m)
    assert "terakhir dengan Undang-Undang Nomor 6 Tahun 2023" in uu_23
    assert len(old) == len(new)


def test_amendments_named_from_their_date():
    before = REG.dasar_hukum("pp_11_2017", dt.date(2019, 5, 1))
    assert "Nomor 17 Tahun 2020" not in before
    after = REG.dasar_hukum("pp_11_2017", dt.date(2021, 11, 23))
    assert after.endswith(f"sebagaimana telah diubah dengan {PP_17};")
    assert REG.dasar_hukum("perda_12_2016", dt.date(2022, 1, 1)).endswith(PERDA_13 + ";")
    if SEED.is_file():  # copied exactly from the seed's Keputusan 503/1403/2021
        seed = SEED.read_text(encoding="utf-8")
        assert PP_17 in seed and PERDA_13 in seed


def test_a_revoked_citation_typed_in_a_2024_keputusan_is_warned():
    typed = [REG.dasar_hukum("uu_13_1950"),
             "Undang-undang  Nomor 5 tahun 2014 tentang Aparatur Sipil Negara;",
             REG.dasar_hukum("perbup_11_2020")]
    model = sk("sk-kbk", "2024-03-15", mengingat=typed)
    warnings = REGISTRY.get("sk-kbk").warnings(model)
    assert len(warnings) == 1
    assert warnings[0].startswith(
        "Mengingat angka 2 mengutip Undang-undang Nomor 5 tahun 2014, yang dicabut dengan "
        "Undang-Undang Nomor 20 Tahun 2023 sejak 31 Oktober 2023")
    assert "gunakan: Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara" in (
        warnings[0])
    assert sk("sk-kbk", "2022-03-15", mengingat=typed).peringatan(REG) == []


def test_a_missing_amendment_is_warned_and_the_defaults_are_clean():
    model = sk("sk-role-model", "2024-03-22", mengingat=[
        "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil;",
        PP_17 + ";"])
    (warning,) = model.peringatan(REG)
    assert warning.startswith("Mengingat angka 1 mengutip Peraturan Pemerintah Nomor 11 Tahun "
                              "2017 tanpa menyebut perubahannya dengan Peraturan Pemerintah "
                              "Nomor 17 Tahun 2020")
    for doc_type in REGISTRY:
        if doc_type.folder == "sk":
            for tanggal in ("2021-11-23", "2024-03-15"):
                assert sk(doc_type.name, tanggal).peringatan(REG) == [], (doc_type.name, tanggal)


def test_registry_warnings_of_a_model_without_peringatan():
    scored = REGISTRY.get("scored-card")
    assert scored.warnings(scored.parse(scored.load_sample())) == []


def test_samples_with_explicit_mengingat_are_checked_for_their_date():
    model = REGISTRY.get("sk-core-values").parse(REGISTRY.get("sk-core-values").load_sample())
    # the seed's Keputusan of 23 November 2021 cites UU 23/2014 "terakhir dengan UU 9/2015";
    # UU 11/2020 (Cipta Kerja, 2 November 2020) had amended it already
    assert model.peringatan(REG) == [
        "Mengingat angka 4 mengutip Undang-undang Nomor 23 Tahun 2014 tanpa menyebut "
        "perubahannya dengan Undang-Undang Nomor 11 Tahun 2020 (berlaku sejak 2 November "
        "2020, perlu konfirmasi Bagian Hukum); gunakan: "
        + REG.dasar_hukum("uu_23_2014", dt.date(2021, 11, 23)).rstrip(";")]


# -- a.n. Bupati (Pasal 9 ayat (2)) ----------------------------------------------------
def test_sk_kbk_is_signed_atas_nama_bupati():
    context = REGISTRY.get("sk-kbk").context(REGISTRY.get("sk-kbk").load_sample())
    assert context["atas_nama"] == ATAS_NAMA_BUPATI == "a.n. BUPATI PURBALINGGA,"
    role = REGISTRY.get("sk-role-model")
    assert role.context(role.load_sample())["atas_nama"] == ""
    menimbang_b = sk("sk-kbk", "2024-03-15").menimbang[1]
    assert "ditetapkan oleh Pimpinan Unit Kerja atas nama Bupati" in menimbang_b
    off = regulation.Regulation.from_texts({"keputusan_default": regulation.bundled_text(
        "keputusan_default").replace("    aktif: true", "    aktif: false")})
    assert REGISTRY.get("sk-kbk").context(REGISTRY.get("sk-kbk").load_sample(), off)[
        "atas_nama"] == ""
