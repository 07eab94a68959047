"""KBK forms (A, B-1..B-4), Agen Perubahan tables (capaian) and the monthly report."""

import base64
import copy
import io

import pytest
from PIL import Image

from docgen.domain import kbk_forms, rencana_tindak
from docgen.domain.errors import InputError
from docgen.domain.regulation import Regulation
from docgen.registry import REGISTRY
from tests.conftest import docx_text, open_docx

FORM_B = REGISTRY.get("kbk-form-b")


def form_b(**changes) -> dict:
    data = copy.deepcopy(FORM_B.load_sample())
    data.update(changes)
    return data


def column(rows, index):
    return [r[index] for r in rows]


def test_b2_takes_penting_then_sedang_and_leaves_tidak_out():
    context = FORM_B.context(form_b())
    # sample B-1: M1 penting, M2 sedang, M3 tidak, M4 penting
    assert column(context["b1"], "kategori") == ["Penting", "Sedang", "Tidak", "Penting"]
    masalah = {m["kode"]: m["masalah"] for m in FORM_B.load_sample()["masalah"]}
    order = [masalah[k] for k in ("M1", "M4", "M2")]
    for form in ("b2", "b3", "b4"):
        assert column(context[form], "masalah") == order
        assert column(context[form], "no") == ["1", "2", "3"]


def test_later_forms_carry_the_earlier_columns():
    context = FORM_B.context(form_b())
    sample = FORM_B.load_sample()
    usulan = sample["prioritas"]["M1"]["usulan_pemecahan"]
    assert context["b2"][0]["usulan"] == usulan
    assert context["b3"][0]["kegiatan"] == usulan  # B-3 col 3 = B-2 col 3
    assert context["b4"][0]["kegiatan"] == usulan  # B-4 col 3 = B-3 col 3
    assert context["b3"][0]["tujuan"] == sample["rencana_tindak"]["M1"]["tujuan"]
    assert context["b4"][0]["kendala"] == sample["pemantauan"]["M1"]["kendala"]
    # M2 has a B-2 entry but no B-3/B-4 entries yet: blank cells to fill by hand
    assert context["b3"][2]["tujuan"] == "" and context["b4"][2]["tindak_lanjut"] == ""


def test_tidak_included_when_asked():
    context = FORM_B.context(form_b(sertakan_kategori_tidak=True))
    assert column(context["b2"], "kategori") == ["Penting", "Penting", "Sedang", "Tidak"]


@pytest.mark.parametrize(("field", "key", "entry", "message"), [
    ("prioritas", "M3", {"usulan_pemecahan": "x"}, "berkategori 'tidak'"),
    ("prioritas", "M9", {"usulan_pemecahan": "x"}, "tidak ada masalah berkode 'M9'"),
    ("rencana_tindak", "M3", {"tujuan": "a", "tempat": "b", "waktu": "c", "cara": "d",
                              "penanggung_jawab": "e"}, "berkategori 'tidak'"),
    ("pemantauan", "M2", {"kendala": "a", "tindak_lanjut": "b"},
     "isi dulu rencana_tindak (Form B-3)"),
])
def test_key_not_carried_forward_is_an_error_naming_the_field(field, key, entry, message):
    data = form_b()
    data[field] = {**data[field], key: entry}
    with pytest.raises(InputError) as info:
        FORM_B.parse(data)
    errors = {e.field: e.message for e in info.value.errors}
    assert f"{field}.{key}" in errors, errors
    assert message in errors[f"{field}.{key}"]


@pytest.mark.parametrize(("change", "field"), [
    (lambda d: d["masalah"][1].update(kode="M1"), "masalah[1].kode"),
    (lambda d: d["masalah"][2].update(sebab_akibat={}), "masalah[2].sebab_akibat"),
])
def test_duplicate_code_and_empty_cause_rejected(change, field):
    data = form_b()
    change(data)
    with pytest.raises(InputError) as info:
        FORM_B.parse(data)
    assert field in {e.field for e in info.value.errors}


def test_every_kbk_form_ends_with_the_ketua_signature(docx_pipeline):
    for name, forms in (("kbk-form-a", 1), ("kbk-form-b", 4)):
        sample = REGISTRY.get(name).load_sample()
        text = docx_text(docx_pipeline.render_docx(name, sample).docx)
        if forms == 4:  # B-1..B-3 on the day of the plan, B-4 when monitored
            assert text.count("Purbalingga, 5 Februari 2024") == 3
            assert text.count("Purbalingga, 6 Mei 2024") == 1
        else:
            assert text.count("Purbalingga, 8 Januari 2024") == forms
        assert text.count(f"Ketua Kelompok Budaya Kerja {sample['unit_kerja']},") == forms
        assert text.count(sample["ketua"]["nama"]) == forms
        assert text.count("NIP. 19690412 199203 2 004") == forms


def test_form_b_tables_in_order(docx_pipeline):
    docx = docx_pipeline.render_docx("kbk-form-b", FORM_B.load_sample()).docx
    tables = open_docx(docx).tables
    assert len(tables) == 4
    assert [c.text for c in tables[0].rows[1].cells] == ["1", "2", "3", "4", "5"]
    b2 = [[c.text.strip() for c in r.cells] for r in tables[1].rows[2:]]
    assert [r[1].split("\n")[-1] for r in b2] == ["(kategori: Penting)", "(kategori: Penting)",
                                                  "(kategori: Sedang)"]


# --- Agen Perubahan: capaian ------------------------------------------------------------

@pytest.mark.parametrize(("target", "realisasi", "shown", "capaian"), [
    ("10 kegiatan", "8", "8 kegiatan", "80 %"),
    ("10 kegiatan", "8 kegiatan", "8 kegiatan", "80 %"),
    ("12 kegiatan", "10", "10 kegiatan", "83,33 %"),
    ("95%", "92", "92%", "96,84 %"),
    ("100 %", "100%", "100%", "100 %"),
    ("1.000 dokumen", "1.250 dokumen", "1.250 dokumen", "125 %"),
    ("2,5 jam", "2 jam", "2 jam", "80 %"),
    ("10 kegiatan", "8 laporan", "8 laporan", ""),
    ("0 kasus", "0 kasus", "0 kasus", ""),
    ("Triwulan IV", "Selesai", "Selesai", ""),
    ("12 laporan", "Seluruh laporan disampaikan", "Seluruh laporan disampaikan", ""),
])
def test_capaian_only_when_both_numeric_in_the_same_unit(target, realisasi, shown, capaian):
    # a no-break space keeps "%" with its number (it never wraps onto a line alone)
    assert rencana_tindak.capaian(target, realisasi) == (shown, capaian.replace(" %", "\u00a0%"))


def test_monev_docx_shows_capaian_in_realisasi_column(docx_pipeline):
    sample = REGISTRY.get("monev-rencana-tindak").load_sample()
    docx = docx_pipeline.render_docx("monev-rencana-tindak", sample).docx
    table = open_docx(docx).tables[0]
    assert [c.text for c in table.rows[2].cells] == [str(i) for i in range(1, 10)]
    realisasi = [r.cells[6].text.strip() for r in table.rows[3:]]
    assert realisasi[2] == "10 kegiatan\n(capaian 83,33\u00a0%)"
    assert realisasi[4] == "Seluruh laporan disampaikan tepat waktu"


def test_rencana_tindak_has_column_index_row(docx_pipeline):
    sample = REGISTRY.get("rencana-tindak").load_sample()
    table = open_docx(docx_pipeline.render_docx("rencana-tindak", sample).docx).tables[0]
    assert [c.text for c in table.rows[2].cells] == [str(i) for i in range(1, 9)]
    assert table.rows[3].cells[1].text == "Integritas"


# --- Laporan bulanan: photos ------------------------------------------------------------

LAPORAN = REGISTRY.get("laporan-bulanan-kbk")


def image_b64(size, fmt="PNG") -> str:
    out = io.BytesIO()
    Image.new("RGB", size, (120, 160, 200)).save(out, fmt)
    return base64.b64encode(out.getvalue()).decode()


def test_photos_of_any_size_fit_the_box(docx_pipeline):
    data = copy.deepcopy(LAPORAN.load_sample())
    data["dokumentasi"] = [{"foto": image_b64((4000, 1000)), "keterangan": "lebar"},
                           {"foto": "data:image/webp;base64," + image_b64((300, 900), "WEBP"),
                            "keterangan": "tinggi"}]
    context = docx_pipeline.render_context(LAPORAN, data)
    left, right = context["foto_baris"][0]["kiri"], context["foto_baris"][0]["kanan"]
    assert max(left["gambar"].px_width, left["gambar"].px_height) <= 2000
    assert left["gambar"].width_mm <= 76 and left["gambar"].height_mm <= 62
    assert right["gambar"].ext in ("jpeg", "png") and right["gambar"].height_mm <= 62
    docx = docx_pipeline.render_docx("laporan-bulanan-kbk", data).docx
    assert len(open_docx(docx).inline_shapes) == 2


@pytest.mark.parametrize("foto", [base64.b64encode(b"%PDF-1.4 bukan gambar").decode(),
                                  "bukan base64 !!"])
def test_non_image_photo_is_rejected_naming_the_field(foto):
    data = copy.deepcopy(LAPORAN.load_sample())
    data["dokumentasi"][1]["foto"] = foto
    with pytest.raises(InputError) as info:
        LAPORAN.parse(data)
    assert [e.field for e in info.value.errors] == ["dokumentasi[1].foto"]


def test_activity_dates_must_be_in_the_reported_month():
    data = copy.deepcopy(LAPORAN.load_sample())
    data["kegiatan"][0]["tanggal_pelaksanaan"] = "2024-04-02"
    with pytest.raises(InputError) as info:
        LAPORAN.parse(data)
    assert info.value.errors[0].field == "kegiatan[0].tanggal_pelaksanaan"
    assert "Maret 2024" in info.value.errors[0].message


def test_laporan_bulanan_lists_done_and_pending(docx_pipeline):
    text = docx_text(docx_pipeline.render_docx("laporan-bulanan-kbk",
                                               LAPORAN.load_sample()).docx)
    assert "3 dari 4 kegiatan terlaksana" in text
    assert "Belum dilaksanakan" in text
    assert "Sekretaris Kelompok Budaya Kerja" in text and "Mengetahui," in text


def test_kbk_forms_module_keeps_chain_rules_in_data():
    order = [k["kode"] for k in kbk_forms.urutan(Regulation.bundled())]
    assert order == ["penting", "sedang", "tidak"]


# --- Form A: months chosen, older free-text drafts still load ------------------------------
FORM_A = REGISTRY.get("kbk-form-a")


def form_a_rows(docx) -> list[list[str]]:
    table = open_docx(docx).tables[0]
    return [[c.text.strip() for c in r.cells] for r in table.rows]


def test_form_a_months_print_as_the_schedule_column(docx_pipeline):
    data = copy.deepcopy(FORM_A.load_sample())
    data["kegiatan"] = [
        {"kegiatan": "Apel pagi", "tema": "Integritas", "bulan": list(kbk_forms.BULAN),
         "jadwal": "Setiap Senin", "penanggung_jawab": "Kasubbag Umum"},
        {"kegiatan": "Pelatihan", "tema": "Profesional", "bulan": ["september", "maret"],
         "penanggung_jawab": "Sekretaris Dinas"},
        {"kegiatan": "Lomba", "tema": "Inovatif", "bulan": ["april", "mei", "juni"],
         "jadwal": "Minggu kedua", "penanggung_jawab": "Kabid"}]
    rows = form_a_rows(docx_pipeline.render_docx("kbk-form-a", data).docx)
    schedules = [r[3] for r in rows if r[1] in ("Apel pagi", "Pelatihan", "Lomba")]
    assert schedules == ["Setiap Senin, Januari \u2013 Desember 2024",
                         "Maret dan September 2024", "Minggu kedua, April \u2013 Juni 2024"]


OLDER_SCHEDULES = ["Setiap Senin, Januari - Desember 2024", "Setiap Rabu, Januari - Desember 2024",
                   "Maret dan September 2024", "Maret 2024", "Agustus 2024", "November 2024"]


def older_form_a() -> dict:
    """Form A as drafts were saved before months were chosen: one free text 'waktu'."""
    data = copy.deepcopy(FORM_A.load_sample())
    for row, waktu in zip(data["kegiatan"], OLDER_SCHEDULES, strict=True):
        del row["bulan"]
        row.pop("jadwal", None)
        row["waktu"] = waktu
    return data


def test_form_a_draft_with_the_older_free_text_schedule_still_loads(docx_pipeline):
    sample = older_form_a()
    model = FORM_A.parse(sample)
    assert [k.bulan for k in model.kegiatan][2:4] == [["maret", "september"], ["maret"]]
    assert len(model.kegiatan[0].bulan) == 12  # "Setiap Senin, Januari - Desember 2024"
    rows = form_a_rows(docx_pipeline.render_docx("kbk-form-a", sample).docx)
    assert [r[3] for r in rows if r[1] == sample["kegiatan"][0]["kegiatan"]] == [
        "Setiap Senin, Januari - Desember 2024"]  # printed as it was typed


def test_form_a_without_a_month_names_the_field():
    data = copy.deepcopy(FORM_A.load_sample())
    data["kegiatan"][1] = {**data["kegiatan"][1], "bulan": []}
    with pytest.raises(InputError) as caught:
        FORM_A.parse(data)
    assert [e.field for e in caught.value.errors] == ["kegiatan[1].bulan"]


@pytest.mark.parametrize(("text", "months"), [
    ("Maret dan September 2024", [3, 9]), ("Setiap Rabu", list(range(1, 13))),
    ("November s.d. Februari", [1, 2, 11, 12]), ("Agt 2024", [8])])
def test_months_of_an_older_schedule_text(text, months):
    from docgen.domain.bulan import bulan_dalam_teks

    assert bulan_dalam_teks(text) == months
