"""Builders of the working papers (templates/docx/*.docx): KBK forms and Agen Perubahan
tables on landscape F4; the evaluation documents are in ``forms_evaluasi``."""

from __future__ import annotations

from docgen.authoring import forms_evaluasi
from docgen.authoring.blocks import CENTER, page_break, para, tag
from docgen.authoring.form_blocks import (
    body_row,
    cell_lines,
    grid,
    new_form,
    title,
    ttd_dua,
    ttd_ketua,
)

MONEV_PT = 10


# --- Agen Perubahan: Tabel 1 and Tabel 2 (Lampiran II D, E) ---------------------------

def _ttd_agen(doc) -> None:
    ttd_dua(doc, (["Menyetujui,", "{{ pimpinan.jabatan }}"], "pimpinan"),
            (["Purbalingga, {{ tanggal }}", "Agen Perubahan,", "{{ agen_perubahan.jabatan }}"],
             "agen_perubahan"))


def build_rencana_tindak():
    doc = new_form()
    title(doc, "TABEL 1", "RENCANA TINDAK AGEN PERUBAHAN TAHUN {{ tahun }}",
          "{{ unit_kerja | upper }}")
    tbl = grid(doc, [1.0, 3.0, 4.2, 3.8, 2.4, 5.6, 3.0, 5.0],
               [("No", 1), ("Nilai Organisasi", 1), ("Perubahan yang Ingin Dicapai", 3),
                ("Rencana Tindak", 2), ("Keterangan", 1)],
               ["", "", "Sasaran", "Indikator Kinerja", "Target", "Kegiatan", "Waktu", ""])
    body_row(tbl, "{%tr for r in rencana %}",
             ["{{ r.no }}", "{{ r.nilai_organisasi }}", "{{ r.sasaran }}",
              "{{ r.indikator_kinerja }}", "{{ r.target }}", "{{ r.kegiatan }}",
              "{{ r.waktu }}", "{{ r.keterangan }}"])
    _ttd_agen(doc)
    return doc


def build_monev_rencana_tindak():
    doc = new_form()
    title(doc, "TABEL 2", "MONEV RENCANA TINDAK AGEN PERUBAHAN TAHUN {{ tahun }}",
          "{{ unit_kerja | upper }}", after=0)
    tag(doc, "{%p if periode %}")
    para(doc, "Periode: {{ periode }}", align=CENTER)
    tag(doc, "{%p endif %}")
    para(doc, "", after=6)
    tbl = grid(doc, [1.0, 2.4, 3.4, 3.4, 2.2, 4.2, 2.8, 4.0, 4.6],
               [("No", 1), ("Nilai Organisasi", 1), ("Perubahan yang Ingin Dicapai", 3),
                ("Rencana Tindak", 1), ("Realisasi Atas", 2), ("Keterangan", 1)],
               ["", "", "Sasaran", "Indikator Kinerja", "Target", "Kegiatan",
                "Target Kinerja", "Kegiatan", ""], size=MONEV_PT)
    realisasi = cell_lines("{{ r.realisasi_target }}", "{%p if r.capaian %}",
                           "(capaian {{ r.capaian }})", "{%p endif %}", size=MONEV_PT)
    body_row(tbl, "{%tr for r in monev %}",
             ["{{ r.no }}", "{{ r.nilai_organisasi }}", "{{ r.sasaran }}",
              "{{ r.indikator_kinerja }}", "{{ r.target }}", "{{ r.kegiatan }}", realisasi,
              "{{ r.realisasi_kegiatan }}", "{{ r.keterangan }}"], size=MONEV_PT)
    _ttd_agen(doc)
    return doc


# --- KBK Form A and the Form B chain (Lampiran III C) ---------------------------------

def build_kbk_form_a():
    doc = new_form()
    title(doc, "FORM A", "JADWAL PELAKSANAAN INTERNALISASI BUDAYA KERJA",
          "{{ unit_kerja | upper }}", "TAHUN {{ tahun }}")
    tbl = grid(doc, [1.2, 8.4, 7.0, 5.2, 6.2],
               [("No", 1), ("Kegiatan", 1), ("Tema", 1), ("Waktu Pelaksanaan", 1),
                ("Penanggung Jawab Teknis", 1)])
    body_row(tbl, "{%tr for r in kegiatan %}",
             ["{{ r.no }}", "{{ r.kegiatan }}", "{{ r.tema }}", "{{ r.waktu }}",
              "{{ r.penanggung_jawab }}"])
    ttd_ketua(doc)
    return doc


def _form_b_title(doc, kode: str, judul: str) -> None:
    title(doc, kode, judul, "{{ unit_kerja | upper }}")


def build_kbk_form_b():
    doc = new_form()
    _form_b_title(doc, "FORM B-1", "DAFTAR INVENTARISIR PERMASALAHAN")
    tbl = grid(doc, [1.2, 6.8, 6.0, 10.0, 4.0],
               [("No", 1), ("Masalah", 1), ("Dampak", 1),
                ("Analisa Sebab-Akibat\n(man, method, mesin, material, money)", 1),
                ("Kategori\n(Penting, Sedang, Tidak)", 1)])
    sebab = cell_lines("{%p for s in r.sebab_akibat %}", "{{ s }}", "{%p endfor %}")
    body_row(tbl, "{%tr for r in b1 %}",
             ["{{ r.no }}", "{{ r.masalah }}", "{{ r.dampak }}", sebab, "{{ r.kategori }}"])
    ttd_ketua(doc)

    page_break(doc)
    _form_b_title(doc, "FORM B-2", "DAFTAR PRIORITAS MASALAH")
    tbl = grid(doc, [1.2, 10.0, 10.8, 6.0],
               [("No", 1), ("Prioritas Masalah", 1), ("Usulan Pemecahan Masalah", 1),
                ("Keterangan", 1)])
    prioritas = cell_lines("{{ r.masalah }}", "(kategori: {{ r.kategori }})")
    body_row(tbl, "{%tr for r in b2 %}",
             ["{{ r.no }}", prioritas, "{{ r.usulan }}", "{{ r.keterangan }}"])
    ttd_ketua(doc)

    page_break(doc)
    _form_b_title(doc, "FORM B-3", "DAFTAR RENCANA TINDAK")
    tbl = grid(doc, [1.0, 4.6, 4.6, 4.0, 3.0, 3.0, 4.6, 3.2],
               [("No", 1), ("Masalah", 1), ("Kegiatan yang Harus Dilakukan", 1),
                ("Tujuan", 1), ("Tempat", 1), ("Waktu", 1), ("Cara", 1),
                ("Penanggung Jawab", 1)])
    body_row(tbl, "{%tr for r in b3 %}",
             ["{{ r.no }}", "{{ r.masalah }}", "{{ r.kegiatan }}", "{{ r.tujuan }}",
              "{{ r.tempat }}", "{{ r.waktu }}", "{{ r.cara }}", "{{ r.penanggung_jawab }}"])
    ttd_ketua(doc)

    page_break(doc)
    _form_b_title(doc, "FORM B-4", "PEMANTAUAN PELAKSANAAN RENCANA TINDAK")
    tbl = grid(doc, [1.2, 7.0, 7.0, 6.4, 6.4],
               [("No", 1), ("Permasalahan", 1), ("Kegiatan", 1), ("Kendala yang Dihadapi", 1),
                ("Tindak Lanjut", 1)])
    body_row(tbl, "{%tr for r in b4 %}",
             ["{{ r.no }}", "{{ r.masalah }}", "{{ r.kegiatan }}", "{{ r.kendala }}",
              "{{ r.tindak_lanjut }}"])
    ttd_ketua(doc, "tanggal_b4")
    return doc


BUILDERS = {
    "rencana-tindak": build_rencana_tindak,
    "monev-rencana-tindak": build_monev_rencana_tindak,
    "kbk-form-a": build_kbk_form_a,
    "kbk-form-b": build_kbk_form_b,
    **forms_evaluasi.BUILDERS,
}
