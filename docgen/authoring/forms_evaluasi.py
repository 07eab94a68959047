"""Builders of the evaluation documents: questionnaire and Laporan Evaluasi (Lampiran IV),
Scored Card (Lampiran I) and the monthly KBK report."""

from __future__ import annotations

from docx.shared import Cm

from docgen.authoring.blocks import (
    CENTER,
    JUSTIFY,
    add_row,
    keep_with_next,
    loop_rows,
    para,
    table,
    tag,
)
from docgen.authoring.form_blocks import (
    body_row,
    cant_split,
    cell_lines,
    grid,
    new_form,
    title,
    ttd_dua,
    ttd_kanan,
)

SMALL = 10
CHECKBOX_FONT = "DejaVu Sans"  # has U+2610/U+2612; fonts-dejavu-core (setup.sh)


# --- Formulir Pertanyaan Evaluasi (portrait) -------------------------------------------

def _identitas(doc) -> None:
    tbl = table(doc, [5.0, 0.5, 11.0])
    for label, key in (("Tanggal", "tanggal"), ("Instansi", "instansi"),
                       ("Satuan/Unit Kerja", "satuan_unit_kerja"),
                       ("Alamat Instansi", "alamat_instansi"),
                       ("Jabatan Responden", "jabatan_responden")):
        cant_split(add_row(tbl, [label, ":", f"{{{{ identitas.{key} }}}}"]))
    keep_with_next(tbl)  # the respondent's identity stays with the signature


def build_kuesioner_evaluasi():
    doc = new_form(landscape=False)
    title(doc, "FORMULIR PERTANYAAN EVALUASI", "PELAKSANAAN PENGEMBANGAN BUDAYA KERJA",
          "PADA INSTANSI PEMERINTAH")
    tag(doc, "{%p for p in petunjuk %}")
    para(doc, "{{ p }}", align=JUSTIFY, after=6)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for k in kelompok %}")
    para(doc, "{{ k.kode }}.\t{{ k.judul }}:", bold=True, left=Cm(1), hanging=Cm(1),
         tabs=[Cm(1)], before=6, after=6, keep_next=True)
    tag(doc, "{%p for p in k.pengantar %}")
    para(doc, "{{ p }}", align=JUSTIFY, left=Cm(1), after=6)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for q in k.pertanyaan %}")
    para(doc, "{{ q.nomor }}.\t{{ q.teks }}:", align=JUSTIFY, left=Cm(1), hanging=Cm(1),
         tabs=[Cm(1)], keep_next=True)
    options = para(doc, "{% for o in q.opsi %}", left=Cm(1),
                   tabs=[Cm(5.4), Cm(9.4), Cm(13.2)], after=6)
    # the check boxes are not in Arial/Liberation Sans: name their font, no silent fallback
    options.add_run("{{ o.kotak }}").font.name = CHECKBOX_FONT
    options.add_run(" {{ o.nomor }}. {{ o.label }}\t{% endfor %}")
    tag(doc, "{%p endfor %}")
    para(doc, "Kategori Penilaian:", bold=True, left=Cm(1), before=6, keep_next=True)
    para(doc, "{{ k.judul }}:", left=Cm(1), after=4, keep_next=True)
    tbl = table(doc, [3.0, 13.5], borders=True, header=["TOTAL SCORE", "KATEGORI"])
    loop_rows(tbl, "{%tr for b in k.kategori %}",
              ["{{ b.rentang }}", "{{ b.label }} \u2013 {{ b.keterangan }}"],
              aligns=[CENTER, None])
    tag(doc, "{%p if terisi %}")
    para(doc, "Total skor kelompok {{ k.kode }}: {{ k.total }}", bold=True, before=6)
    para(doc, "Kategori: {{ k.hasil }}", bold=True, after=12)
    tag(doc, "{%p else %}")
    para(doc, "Total skor kelompok {{ k.kode }}: {{ k.total }}", before=6)
    para(doc, "Kategori: {{ k.hasil }}", after=12)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    para(doc, "", after=6)
    _identitas(doc)
    return doc


# --- Laporan Evaluasi (landscape) -------------------------------------------------------

def _rata_rata_row(tbl) -> None:
    cells = add_row(tbl, ["", "RATA-RATA", "{{ rata.ts1 }}", "{{ rata.ka1 }}", "{{ rata.ts2 }}",
                          "{{ rata.ka2 }}", "{{ rata.ts3 }}", "{{ rata.ka3 }}", ""],
                    bold=True, align=CENTER, size=11)
    cells[0].merge(cells[1])


def build_laporan_evaluasi():
    doc = new_form()
    title(doc, "LAPORAN EVALUASI", "PELAKSANAAN PENGEMBANGAN BUDAYA KERJA PADA UNIT KERJA")
    head = table(doc, [6.0, 0.5, 21.5])
    for label, value in (("Unit Kerja", "unit_kerja"), ("Tanggal", "tanggal"),
                         ("Penanggung Jawab Evaluasi", "penanggung_jawab.nama"),
                         ("Jabatan", "penanggung_jawab.jabatan"),
                         ("Pangkat/Golongan", "penanggung_jawab.pangkat_golongan"),
                         ("NIP", "penanggung_jawab.nip")):
        add_row(head, [label, ":", f"{{{{ {value} }}}}"])
    para(doc, "", after=6)
    tbl = grid(doc, [1.2, 5.5, 1.6, 3.9, 1.6, 3.9, 1.6, 3.9, 4.8],
               [("No", 1), ("Responden", 1), ("TS I", 1), ("Ka I", 1), ("TS II", 1),
                ("Ka II", 1), ("TS III", 1), ("Ka III", 1), ("Keterangan", 1)],
               numbered=False)
    cant_split(loop_rows(
        tbl, "{%tr for r in responden %}",
        ["{{ r.no }}", "{{ r.jabatan }}", "{{ r.ts1 }}", "{{ r.ka1 }}", "{{ r.ts2 }}",
         "{{ r.ka2 }}", "{{ r.ts3 }}", "{{ r.ka3 }}", "{{ r.keterangan }}"],
        size=11, aligns=[CENTER, None, CENTER, CENTER, CENTER, CENTER, CENTER, CENTER, None]))
    _rata_rata_row(tbl)
    para(doc, "TS = Total Score; Ka = Kategori (sesuai tabel kategori Lampiran IV); jumlah "
         "responden: {{ jumlah_responden }} orang. Skor lebih rendah berarti lebih baik. "
         "Kategori rata-rata: rata-rata dibulatkan ke bilangan bulat terdekat.", size=SMALL,
         before=4)
    _rekap_dan_grafik(doc)
    ttd_kanan(doc, ["Purbalingga, {{ tanggal }}", "Penanggung Jawab Evaluasi,",
                    "{{ penanggung_jawab.jabatan }}"], "penanggung_jawab")
    return doc


def _rekap_dan_grafik(doc) -> None:
    """The chart of the averages, then respondents per category, above the signature (the
    signature covers them; the text rows of the recap stand right above it)."""
    para(doc, "", after=6)
    para(doc, "GRAFIK DAN REKAPITULASI KATEGORI HASIL EVALUASI", bold=True, align=CENTER,
         keep_next=True, after=4)
    para(doc, "{{ grafik }}", align=CENTER, keep_next=True, after=6)
    rekap = grid(doc, [10.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0],
                 [("Kategori", 1), ("Kelompok I\nKepemimpinan dan Manajemen", 2),
                  ("Kelompok II\nPola Pikir dan Cara Kerja", 2),
                  ("Kelompok III\nPerilaku Bekerja", 2)],
                 ["", "Rentang Skor", "Jumlah Responden", "Rentang Skor", "Jumlah Responden",
                  "Rentang Skor", "Jumlah Responden"], size=SMALL, numbered=False)
    label = cell_lines("{{ r.label }}", "{{ r.keterangan }}", size=SMALL)
    loop_rows(rekap, "{%tr for r in rekap %}",
              [label, "{{ r.rentang1 }}", "{{ r.jumlah1 }}", "{{ r.rentang2 }}",
               "{{ r.jumlah2 }}", "{{ r.rentang3 }}", "{{ r.jumlah3 }}"],
              size=SMALL, aligns=[None] + [CENTER] * 6)
    keep_with_next(rekap)


# --- Scored Card (landscape) ------------------------------------------------------------

def _first(text: str) -> str:
    return f"{{% if loop.first %}}{text}{{% endif %}}"


def build_scored_card():
    doc = new_form()
    title(doc, "SCORED CARD", "INDIKATOR PENERAPAN DAN BOBOT SIKAP DAN PERILAKU", after=0)
    tag(doc, "{%p if nama_kbk %}")
    para(doc, "{{ nama_kbk_lengkap | upper }}", bold=True, align=CENTER)
    tag(doc, "{%p endif %}")
    title(doc, "{{ unit_kerja | upper }}", "PERIODE {{ periode | upper }}")
    tbl = grid(doc, [1.0, 2.6, 6.4, 8.6, 2.0, 2.2, 2.4, 2.8],
               [("No", 1), ("Nilai", 1), ("Indikator Perilaku Utama", 1),
                ("Penjabaran Perilaku", 1), ("Bobot Unsur Nilai", 1),
                ("Bobot Sub Unsur Perilaku", 1), ("Capaian (%)", 1),
                ("Skor\n(bobot \u00d7 capaian)", 1)], size=SMALL)
    add_row(tbl, ["{%tr for n in nilai %}"] + [""] * 7)
    cant_split(loop_rows(
        tbl, "{%tr for r in n.baris %}",
        [_first("{{ n.no }}"), _first("{{ n.nama }}"), "{{ r.indikator }}", "{{ r.penjabaran }}",
         _first("{{ n.bobot }}"), "{{ r.bobot }}", "{{ r.capaian }}", "{{ r.skor }}"],
        size=SMALL, aligns=[CENTER, None, None, None, CENTER, CENTER, CENTER, CENTER]))
    cells = add_row(tbl, ["", "", "Jumlah {{ n.nama }}", "", "{{ n.bobot }}", "{{ n.bobot }}",
                          "", "{{ n.subtotal }}"], bold=True, size=SMALL,
                    aligns=[None, None, None, None, CENTER, CENTER, CENTER, CENTER])
    cells[2].merge(cells[3])
    add_row(tbl, ["{%tr endfor %}"] + [""] * 7)
    cells = add_row(tbl, ["", "JUMLAH", "", "", "{{ bobot_total }}", "{{ bobot_total }}", "",
                          "{{ total }}"], bold=True, size=SMALL,
                    aligns=[None, None, None, None, CENTER, CENTER, CENTER, CENTER])
    cells[1].merge(cells[3])
    _hasil_scored_card(doc)
    ttd_kanan(doc, ["Purbalingga, {{ tanggal }}", "{{ penilai.jabatan }},"], "penilai")
    return doc


def _hasil_scored_card(doc) -> None:
    para(doc, "", after=6)
    hasil = table(doc, [4.5, 0.5, 23.0])
    add_row(hasil, ["Nilai Scored Card", ":", "{{ total }}"], bold=True)
    add_row(hasil, ["Kategori", ":", "{{ kategori.kode }} ({{ kategori.sebutan }})"], bold=True)
    add_row(hasil, ["Gelar Budaya Kerja", ":", "{% if layak_gelar %}Memenuhi syarat mengikuti "
                    "Gelar Budaya Kerja{% else %}Belum memenuhi syarat mengikuti Gelar Budaya "
                    "Kerja (minimal kategori B){% endif %} (Pasal 16 ayat (1) huruf d)"])
    para(doc, "Kategori (Pasal 16 ayat (1) huruf a):", before=8, after=2, size=SMALL,
         keep_next=True)
    legend = table(doc, [2.5, 3.5, 4.0], borders=True, header=["Kategori", "Nilai", "Sebutan"],
                   font_size=SMALL)
    loop_rows(legend, "{%tr for k in kategori_tabel %}",
              ["{{ k.kode }}", "{{ k.rentang }}", "{{ k.sebutan }}"], size=SMALL, align=CENTER)
    keep_with_next(legend)


# --- Laporan bulanan KBK / Risalah Budaya Kerja (portrait) -----------------------------

def _heading(doc, text: str) -> None:
    para(doc, text, bold=True, before=12, after=6, keep_next=True)


def _foto_cell(side: str):
    def fill(cell):
        para(cell, f"{{{{ b.{side}.gambar }}}}", align=CENTER, before=6)
        para(cell, f"{{{{ b.{side}.keterangan }}}}", align=CENTER, size=SMALL, italic=True,
             after=6)
    return fill


def build_laporan_bulanan_kbk():
    doc = new_form(landscape=False)
    title(doc, "LAPORAN PELAKSANAAN KEGIATAN KELOMPOK BUDAYA KERJA", "(RISALAH BUDAYA KERJA)",
          after=0)
    tag(doc, "{%p if nama_kbk %}")
    para(doc, "{{ nama_kbk | upper }}", bold=True, align=CENTER)
    tag(doc, "{%p endif %}")
    title(doc, "{{ unit_kerja | upper }}", "BULAN {{ bulan | upper }}")
    _heading(doc, "A. PELAKSANAAN KEGIATAN")
    para(doc, "Kegiatan internalisasi budaya kerja bulan {{ bulan }} sesuai jadwal Form A: "
         "{{ ringkasan }}.", align=JUSTIFY, after=6)
    tbl = grid(doc, [0.9, 4.2, 2.6, 2.8, 2.4, 3.6],
               [("No", 1), ("Kegiatan", 1), ("Jadwal (Form A)", 1),
                ("Tanggal Pelaksanaan", 1), ("Peserta", 1), ("Hasil", 1)], size=SMALL)
    kegiatan = cell_lines("{{ r.kegiatan }}", "{%p if r.tema %}", "Tema: {{ r.tema }}",
                          "{%p endif %}", size=SMALL)
    body_row(tbl, "{%tr for r in kegiatan %}",
             ["{{ r.no }}", kegiatan, "{{ r.jadwal }}", "{{ r.tanggal }}", "{{ r.peserta }}",
              "{{ r.hasil }}"], size=SMALL)
    _heading(doc, "B. PERMASALAHAN DAN TINDAK LANJUT")
    tag(doc, "{%p if permasalahan %}")
    tbl = grid(doc, [0.9, 4.0, 3.8, 3.9, 3.9],
               [("No", 1), ("Permasalahan", 1), ("Kegiatan", 1), ("Kendala yang Dihadapi", 1),
                ("Tindak Lanjut", 1)], size=SMALL)
    body_row(tbl, "{%tr for r in permasalahan %}",
             ["{{ r.no }}", "{{ r.permasalahan }}", "{{ r.kegiatan }}", "{{ r.kendala }}",
              "{{ r.tindak_lanjut }}"], size=SMALL)
    tag(doc, "{%p else %}")
    para(doc, "Tidak ada permasalahan yang dilaporkan pada bulan ini.")
    tag(doc, "{%p endif %}")
    _heading(doc, "C. DOKUMENTASI KEGIATAN")
    tag(doc, "{%p if foto_baris %}")
    photos = table(doc, [8.25, 8.25])
    loop_rows(photos, "{%tr for b in foto_baris %}", [_foto_cell("kiri"), _foto_cell("kanan")])
    tag(doc, "{%p else %}")
    para(doc, "Tidak ada dokumentasi foto.")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if catatan %}")
    _heading(doc, "D. PENUTUP")
    para(doc, "{{ catatan }}", align=JUSTIFY)
    tag(doc, "{%p endif %}")
    ttd_dua(doc, (["Mengetahui,", "Ketua Kelompok Budaya Kerja {{ unit_kerja }}"], "ketua"),
            (["Purbalingga, {{ tanggal }}", "Sekretaris Kelompok Budaya Kerja {{ unit_kerja }}"],
             "sekretaris"), widths=(8.25, 8.25))
    return doc


BUILDERS = {
    "kuesioner-evaluasi": build_kuesioner_evaluasi,
    "laporan-evaluasi": build_laporan_evaluasi,
    "scored-card": build_scored_card,
    "laporan-bulanan-kbk": build_laporan_bulanan_kbk,
}
