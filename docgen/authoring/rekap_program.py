"""The template of the printed recap of the program (landscape F4, like the working papers):
Rekapitulasi Pelaksanaan Pengembangan Budaya Kerja Kabupaten Purbalingga, signed by the
Ketua Tim Pembinaan. Not a registry document type (nobody drafts it): ``REPORTS`` names
the file, ``python -m docgen.authoring`` writes it with the registry's templates.

The columns of the matrix (unit document types), of the scored-card values and of the
evaluation groups are written from the registry and the bundled regulation; the context
(``docgen.documents.rekap_pdf``) fills them by index and refuses a snapshot of another
shape.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docgen.authoring.blocks import CENTER, loop_rows, para, tag
from docgen.authoring.form_blocks import LANDSCAPE_W, cant_split, grid, new_form, title, ttd_kanan
from docgen.authoring.package import AUTHOR, AUTHORED, normalise_zip
from docgen.documents.rekap_pdf import TEMPLATE

NAME = "rekap-program"
TITLE = "Rekapitulasi Pelaksanaan Pengembangan Budaya Kerja Kabupaten Purbalingga"
PT = 9  # table text
HEAD_PT = 8  # table heads
NO_W, UNIT_W = 1.0, 5.2


def shape() -> dict[str, int]:
    """How many columns the template has for each repeated group (see the docstring)."""
    from docgen.documents.rekap import unit_types
    from docgen.domain import evaluasi, scored_card
    from docgen.domain.regulation import Regulation

    regulation = Regulation.bundled()
    return {"kolom": len(unit_types()), "nilai": len(scored_card.nilai_names(regulation)),
            "kelompok": len(evaluasi.kelompok_list(regulation))}


def _heading(doc, text: str) -> None:
    para(doc, text, bold=True, before=12, after=6, keep_next=True)


def _note(doc, text: str, keep_next: bool = False) -> None:
    para(doc, text, size=PT, before=3, keep_next=keep_next)


def _rows(tbl, loop: str, cells: list[str], left: tuple[int, ...] = (1,)) -> None:
    aligns = [None if i in left else CENTER for i in range(len(cells))]
    cant_split(loop_rows(tbl, loop, cells, size=PT, aligns=aligns))


def _otherwise(doc, text: str) -> None:
    """Closes a '{%p if rows %}' opened before a table: the sentence printed instead."""
    tag(doc, "{%p else %}")
    _note(doc, text)
    tag(doc, "{%p endif %}")


def _title_block(doc) -> None:
    title(doc, "REKAPITULASI PELAKSANAAN PENGEMBANGAN BUDAYA KERJA",
          "KABUPATEN PURBALINGGA TAHUN {{ tahun }}", after=0)
    tag(doc, "{%p if jenis_label %}")
    para(doc, "Jenis unit: {{ jenis_label }}", bold=True, align=CENTER)
    tag(doc, "{%p endif %}")
    para(doc, "Keadaan per tanggal {{ tanggal }}", align=CENTER, after=6)


def _kelengkapan(doc, n: int) -> None:
    _heading(doc, "I. KELENGKAPAN DOKUMEN UNIT KERJA")
    width = round((LANDSCAPE_W - NO_W - UNIT_W) / n, 3)
    widths = [NO_W, round(LANDSCAPE_W - NO_W - width * n, 3)] + [width] * n
    tbl = grid(doc, widths, [("No", 1), ("Unit Kerja", 1)]
               + [(f"{{{{ kolom[{i}].singkat }}}}", 1) for i in range(n)], size=7,
               numbered=False)
    _rows(tbl, "{%tr for u in units %}",
          ["{{ u.no }}", "{{ u.nama }}"] + [f"{{{{ u.tanda[{i}] }}}}" for i in range(n)])
    cells = loop_rows(tbl, "{%tr for j in jumlah %}",
                      ["", "{{ j.label }}"] + [f"{{{{ j.nilai[{i}] }}}}" for i in range(n)],
                      bold=True, size=PT, aligns=[None] + [None] + [CENTER] * n)
    cant_split(cells)
    cells[0].merge(cells[1])
    _note(doc, "F = final; D = draf (belum final); \u2013 = belum ada. Satu dokumen dihitung "
          "per unit dan jenis: final terakhir, atau draf terakhir bila belum ada final.")
    _note(doc, "{{ legenda }}")


def _scored_card(doc, n: int) -> None:
    _heading(doc, "II. NILAI SCORED CARD DAN PERINGKAT")
    value_w, tail = 2.2, [2.0, 2.8, 1.5, 2.2]
    widths = [1.9, round(LANDSCAPE_W - 1.9 - value_w * n - sum(tail), 3)] + [value_w] * n + tail
    tag(doc, "{%p if peringkat %}")
    tbl = grid(doc, widths, [("Peringkat", 1), ("Unit Kerja", 1), ("Subtotal per nilai", n),
                             ("Nilai Scored Card", 1), ("Kategori", 1), ("Status", 1),
                             ("Layak Gelar", 1)],
               ["", ""] + [f"{{{{ nilai[{i}] }}}}" for i in range(n)] + ["", "", "", ""],
               size=HEAD_PT, numbered=False)
    _rows(tbl, "{%tr for r in peringkat %}",
          ["{{ r.no }}", "{{ r.nama }}"] + [f"{{{{ r.subtotal[{i}] }}}}" for i in range(n)]
          + ["{{ r.total }}", "{{ r.kategori }}", "{{ r.status }}", "{{ r.gelar }}"])
    _otherwise(doc, "Belum ada unit dengan scored card yang lengkap pada tahun ini.")
    _note(doc, "{{ kategori_keterangan }}")
    tag(doc, "{%p if tanpa_scored_card %}")
    _note(doc, "Belum ada scored card yang lengkap: {{ tanpa_scored_card }}.")
    tag(doc, "{%p endif %}")
    for name, caption in (("grafik_nilai", "Grafik 1"), ("grafik_jenis", "Grafik 2")):
        para(doc, caption, bold=True, align=CENTER, before=12, after=4, keep_next=True)
        tag(doc, f"{{%p if {name} %}}")
        para(doc, f"{{{{ {name} }}}}", align=CENTER)
        tag(doc, "{%p else %}")
        para(doc, "Belum ada scored card final pada tahun ini; grafik belum dapat dibuat.",
             align=CENTER, italic=True)
        tag(doc, "{%p endif %}")


def _evaluasi(doc, n: int) -> None:
    _heading(doc, "III. RATA-RATA HASIL LAPORAN EVALUASI PER UNIT KERJA")
    rata_w, ka_w, tail = 2.0, 3.4, [2.2, 1.6]
    unit_w = round(LANDSCAPE_W - NO_W - (rata_w + ka_w) * n - sum(tail), 3)
    widths = [NO_W, unit_w] + [rata_w, ka_w] * n + tail
    tag(doc, "{%p if evaluasi %}")
    tbl = grid(doc, widths, [("No", 1), ("Unit Kerja", 1)]
               + [(f"Kelompok {{{{ kelompok[{i}].kode }}}}\n{{{{ kelompok[{i}].judul }}}}", 2)
                  for i in range(n)] + [("Jumlah Responden", 1), ("Status", 1)],
               ["", ""] + ["Rata-rata", "Kategori"] * n + ["", ""], size=HEAD_PT,
               numbered=False)
    cells = ["{{ e.no }}", "{{ e.nama }}"]
    for i in range(n):
        cells += [f"{{{{ e.kelompok[{i}].teks }}}}", f"{{{{ e.kelompok[{i}].kategori }}}}"]
    _rows(tbl, "{%tr for e in evaluasi %}", cells + ["{{ e.responden }}", "{{ e.status }}"])
    _otherwise(doc, "Belum ada Laporan Evaluasi yang lengkap pada tahun ini.")
    _note(doc, "Rata-rata total skor responden per kelompok pertanyaan (Lampiran IV); skor "
          "lebih rendah berarti lebih baik.")


def _agen(doc) -> None:
    _heading(doc, "IV. CAPAIAN AGEN PERUBAHAN")
    widths = [1.9, 5.0, 4.4, 5.6, 5.4, 2.0, 1.9, 1.8]
    tag(doc, "{%p if agen %}")
    tbl = grid(doc, widths, [("Peringkat", 1), ("Nama", 1), ("NIP", 1), ("Jabatan", 1),
                             ("Unit Kerja", 1), ("Capaian", 1), ("Indikator terukur", 1),
                             ("Status", 1)], size=HEAD_PT, numbered=False)
    _rows(tbl, "{%tr for a in agen %}",
          ["{{ a.no }}", "{{ a.nama }}", "{{ a.nip }}", "{{ a.jabatan }}", "{{ a.unit }}",
           "{{ a.capaian }}", "{{ a.terukur }}", "{{ a.status }}"], left=(1, 2, 3, 4))
    _otherwise(doc, "Belum ada Monev Rencana Tindak Agen Perubahan dengan capaian terukur "
               "pada tahun ini.")
    _note(doc, "Capaian: rata-rata capaian indikator Tabel 2 Monev Rencana Tindak yang "
          "target dan realisasinya berupa angka (tiap indikator paling tinggi 100 %).")


def _gelar(doc) -> None:
    _heading(doc, "V. KBK YANG DAPAT MENGIKUTI GELAR BUDAYA KERJA")
    _note(doc, "Unit dengan scored card final berkategori A (Sangat Baik) atau B (Baik) "
          "(Pasal 16 ayat (1) huruf d angka 2), menurut nilai tertinggi.")
    tag(doc, "{%p if gelar %}")
    tbl = grid(doc, [1.6, 14.4, 6.0, 2.6, 3.4],
               [("No", 1), ("Unit Kerja", 1), ("Jenis Unit", 1), ("Nilai Scored Card", 1),
                ("Kategori", 1)], size=HEAD_PT, numbered=False)
    _rows(tbl, "{%tr for g in gelar %}",
          ["{{ g.no }}", "{{ g.nama }}", "{{ g.jenis }}", "{{ g.total }}", "{{ g.kategori }}"],
          left=(1, 2))
    _otherwise(doc, "Belum ada KBK yang memenuhi syarat mengikuti Gelar Budaya Kerja.")
    # the line right above the signature keeps with it: the signature never stands alone
    para(doc, "Jumlah: {{ gelar | length }} dari {{ units | length }} unit kerja.", size=PT,
         before=3, keep_next=True)


def build_rekap_program():
    columns = shape()
    doc = new_form()
    _title_block(doc)
    _kelengkapan(doc, columns["kolom"])
    _scored_card(doc, columns["nilai"])
    _evaluasi(doc, columns["kelompok"])
    _agen(doc)
    _gelar(doc)
    ttd_kanan(doc, ["Purbalingga, {{ tanggal }}", "{{ penandatangan.jabatan_kapital }},"],
              "penandatangan")
    return doc


REPORTS: dict[str, tuple[Path, str, Callable[[], Any]]] = {
    NAME: (TEMPLATE, TITLE, build_rekap_program),
}


def author_report(name: str) -> bytes:
    """The DOCX bytes of a report template, written as deterministically as the others."""
    _path, report_title, build = REPORTS[name]
    doc = build()
    props = doc.core_properties
    props.title = report_title
    props.author = props.last_modified_by = AUTHOR
    props.created = props.modified = AUTHORED
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalise_zip(buffer.getvalue())


def write_reports() -> list[Path]:
    written = []
    for name, (path, _title, _build) in REPORTS.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(author_report(name))
        written.append(path)
    return written


__all__ = ["REPORTS", "TEMPLATE", "author_report", "build_rekap_program", "shape",
           "write_reports"]
