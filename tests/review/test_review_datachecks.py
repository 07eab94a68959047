"""check_regulation_data: numbers that drive computation stay consistent."""

from __future__ import annotations

import pytest
import yaml

from docgen.domain.regulation import DATA_DIR
from docgen.review.datachecks import check_regulation_data, computation_changes


def text_of(name: str) -> str:
    return (DATA_DIR / f"{name}.yaml").read_text(encoding="utf-8")


def messages(name: str, text: str) -> list[str]:
    return [p.message for p in check_regulation_data(name, text)]


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_shipped_data_file_is_consistent(path):
    assert messages(path.stem, path.read_text(encoding="utf-8")) == []


def test_scored_card_weight_change_must_keep_the_sums():
    text = text_of("scored_card").replace("{kode: disiplin_3, bobot: 5",
                                          "{kode: disiplin_3, bobot: 6")
    assert messages("scored_card", text) == [
        "bobot nilai Disiplin berjumlah 21, harus 20", "jumlah seluruh bobot 101, harus 100"]


def test_scored_card_weights_moved_within_a_value_are_accepted():
    text = (text_of("scored_card")
            .replace("{kode: disiplin_3, bobot: 5", "{kode: disiplin_3, bobot: 4")
            .replace("{kode: disiplin_1, bobot: 5", "{kode: disiplin_1, bobot: 6"))
    assert messages("scored_card", text) == []
    assert computation_changes("scored_card", text_of("scored_card"), text) == [
        "bobot disiplin_1: 5 \u2192 6", "bobot disiplin_3: 5 \u2192 4"]


def test_scored_card_declared_totals_follow_the_regulation():
    text = text_of("scored_card").replace("bobot_nilai: 20", "bobot_nilai: 25")
    assert messages("scored_card", text) == [
        "bobot_nilai = 25, padahal Lampiran I menetapkan 20"]


def test_scored_card_category_bands_must_descend_and_cover_zero():
    data = yaml.safe_load(text_of("scored_card"))
    data["kategori"]["batas"][1]["min"] = 80
    data["kategori"]["batas"][3]["min"] = 5
    found = messages("scored_card", yaml.safe_dump(data, allow_unicode=True))
    assert any("urut menurun" in m for m in found)
    assert any("harus mulai dari 0" in m for m in found)


def test_kuesioner_bands_with_a_gap_or_overlap_are_rejected():
    gap = text_of("kuesioner").replace("[12, 17, belum_bagus]", "[13, 17, belum_bagus]")
    assert messages("kuesioner", gap) == [
        "kelompok I: ada celah antara kategori bagus (s.d. 11) dan belum_bagus (mulai 13)"]
    overlap = text_of("kuesioner").replace("[7, 9, belum_bagus]", "[6, 9, belum_bagus]")
    assert messages("kuesioner", overlap) == [
        "kelompok II: ada tumpang tindih antara kategori bagus (s.d. 6) dan belum_bagus "
        "(mulai 6)"]


def test_kuesioner_bands_must_cover_the_possible_totals():
    text = text_of("kuesioner").replace("[46, 68, tidak_bagus]", "[46, 70, tidak_bagus]")
    assert messages("kuesioner", text) == [
        "kelompok III: kategori harus mencakup seluruh total skor 17-68 (sekarang 17-70)"]


def test_kuesioner_questions_and_groups_must_agree():
    data = yaml.safe_load(text_of("kuesioner"))
    data["pertanyaan"].pop()
    data["kelompok"][1]["butir"] = [12, 15]
    found = messages("kuesioner", yaml.safe_dump(data, allow_unicode=True))
    assert any("bernomor 1 sampai 32" in m for m in found)
    assert any("kelompok II harus mulai dari butir 11" in m for m in found)


def test_keputusan_default_cites_known_bases_and_placeholders():
    text = (text_of("keputusan_default")
            .replace("mengingat: [uu_13_1950, uu_25_2009", "mengingat: [uu_99_2099, uu_25_2009")
            .replace("lingkungan {unit}, sesuai", "lingkungan {satuan}, sesuai", 1))
    found = messages("keputusan_default", text)
    assert "sk-kbk: dasar hukum uu_99_2099 tidak ada di dasar_hukum.yaml" in found
    assert any("placeholder {satuan} tidak dikenal" in m for m in found)


def test_broken_yaml_and_unknown_structure_are_reported():
    assert messages("scored_card", "nilai: [1") == [
        "scored_card.yaml bukan YAML yang valid (baris 1, kolom 10)"]
    assert messages("tugas", "- a\n- b") == ["tugas.yaml harus berisi pemetaan (kunci: nilai)"]
    assert "scored_card: kunci wajib 'nilai' tidak ada" in messages("scored_card", "judul: x")


def test_the_schema_runs_first_and_names_the_path_of_the_bad_key():
    cut = text_of("scored_card").replace(
        'teks: "Mengerjakan tugas dengan cermat, teliti dan tidak lamban;"',
        "teks: Mengerjakan tugas dengan cermat, teliti dan tidak lamban;")
    assert messages("scored_card", cut) == [
        "scored_card: nilai[1].indikator[1].sub[1]: kunci tidak dikenal "
        "'teliti dan tidak lamban;'"]
    typo = text_of("kuesioner").replace("  jumlah_pertanyaan: 32", "  jumlah_pertanyan: 32")
    assert messages("kuesioner", typo) == [
        "kuesioner: skor: kunci wajib 'jumlah_pertanyaan' tidak ada",
        "kuesioner: skor: kunci tidak dikenal 'jumlah_pertanyan'"]


def test_dasar_hukum_links_and_versions_are_checked():
    data = yaml.safe_load(text_of("dasar_hukum"))
    data["uu_5_2014"]["dicabut"]["oleh"] = "uu_99_2099"
    data["pp_11_2017"]["versi"][0]["teks"] = data["pp_11_2017"]["teks"]
    found = messages("dasar_hukum", yaml.safe_dump(data, allow_unicode=True))
    assert sorted(found) == [
        "pp_11_2017: versi berlaku mulai 2020-12-31 tidak menyebut perubahan terakhirnya "
        "(pp_17_2020)",
        "uu_5_2014: dicabut oleh uu_99_2099 tidak ada di dasar_hukum.yaml"]
