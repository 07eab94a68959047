"""Builder of templates/sk/keputusan-penghargaan.docx: the Bupati's Keputusan on the year's
Gelar Budaya Kerja winners and best Agen Perubahan (Pasal 16(1)d.3, Pasal 17(2)).

Either lampiran (KBK, agents) is printed only when its list has rows; their numbers come
from the context (``lampiran.kbk``/``lampiran.agen``).
"""

from __future__ import annotations

from docgen.authoring import keputusan as k
from docgen.authoring.blocks import CENTER, JUSTIFY, loop_rows, para, table, tag
from docgen.authoring.sk import BUPATI, _biaya, _closing, _opening

SIZE = 10
KBK = "Kelompok Budaya Kerja pemenang Gelar Budaya Kerja Tahun {{ tahun }}"
AGEN = "Agen Perubahan terbaik Tahun {{ tahun }}"


def _tetap(cell) -> None:
    para(cell, "Menetapkan "
         "{% if pemenang_kbk %}" + KBK + " sebagaimana tercantum dalam "
         "{{ lampiran.kbk.sebutan }}{% endif %}"
         "{% if pemenang_kbk and agen %} dan {% endif %}"
         "{% if agen %}" + AGEN + " sebagaimana tercantum dalam "
         "{{ lampiran.agen.sebutan }}{% endif %}"
         " yang merupakan bagian tidak terpisahkan dari Keputusan ini.",
         align=JUSTIFY, after=8)


def _penghargaan(cell) -> None:
    para(cell, "Kepada {% if pemenang_kbk %}Kelompok Budaya Kerja{% endif %}"
         "{% if pemenang_kbk and agen %} dan {% endif %}{% if agen %}Agen Perubahan"
         "{% endif %} sebagaimana dimaksud dalam Diktum {{ diktum.ref('tetap') }} diberikan "
         "penghargaan sebagaimana ketentuan yang berlaku.", align=JUSTIFY, after=8)


def _penghargaan_line(cell, row: str) -> None:
    tag(cell, f"{{%p if {row}.penghargaan %}}")
    para(cell, f"Penghargaan: {{{{ {row}.penghargaan }}}}", size=SIZE, before=2)
    tag(cell, "{%p endif %}")


def _unit_kbk(cell) -> None:
    para(cell, "{{ p.unit_kerja }}", size=SIZE)
    tag(cell, "{%p if p.nama_kbk %}")
    para(cell, "Nama KBK: {{ p.nama_kbk }}", size=SIZE, before=2)
    tag(cell, "{%p endif %}")
    _penghargaan_line(cell, "p")


def _lampiran_kbk(doc) -> None:
    tag(doc, "{%p if pemenang_kbk %}")
    k.lampiran_header(doc, "kbk", BUPATI, bupati=True)
    para(doc, "KELOMPOK BUDAYA KERJA PEMENANG GELAR BUDAYA KERJA", bold=True, align=CENTER)
    para(doc, "TAHUN {{ tahun }}", bold=True, align=CENTER, after=12)
    grid = table(doc, [2.9, 8.5, 1.8, 3.3], borders=True,
                 header=["PERINGKAT", "UNIT KERJA / NAMA KBK", "NILAI", "KATEGORI"],
                 font_size=SIZE)
    loop_rows(grid, "{%tr for p in pemenang_kbk %}",
              ["{{ p.peringkat }}", _unit_kbk, "{{ p.nilai }}",
               "{{ p.kategori }} ({{ p.sebutan }})"],
              size=SIZE, aligns=[CENTER, None, CENTER, CENTER])
    k.lampiran_penutup(doc, bupati=True)
    tag(doc, "{%p endif %}")


def _nama_nip(cell) -> None:
    para(cell, "{{ a.nama }}", size=SIZE)
    tag(cell, "{%p if a.nip %}")
    para(cell, "NIP. {{ a.nip }}", size=SIZE)
    tag(cell, "{%p endif %}")
    _penghargaan_line(cell, "a")


def _jabatan_unit(cell) -> None:
    para(cell, "{{ a.jabatan }}", size=SIZE)
    para(cell, "{{ a.unit_kerja }}", size=SIZE, before=2)


def _lampiran_agen(doc) -> None:
    tag(doc, "{%p if agen %}")
    k.lampiran_header(doc, "agen", BUPATI, bupati=True)
    para(doc, "AGEN PERUBAHAN TERBAIK", bold=True, align=CENTER)
    para(doc, "TAHUN {{ tahun }}", bold=True, align=CENTER, after=12)
    grid = table(doc, [2.9, 6.0, 5.3, 2.3], borders=True,
                 header=["PERINGKAT", "NAMA / NIP", "JABATAN / UNIT KERJA", "CAPAIAN"],
                 font_size=SIZE)
    loop_rows(grid, "{%tr for a in agen %}",
              ["{{ a.peringkat }}", _nama_nip, _jabatan_unit, "{{ a.capaian }}"],
              size=SIZE, aligns=[CENTER, None, None, CENTER])
    k.lampiran_penutup(doc, bupati=True)
    tag(doc, "{%p endif %}")


def build_keputusan_penghargaan():
    doc = k.new_keputusan()
    tbl = _opening(doc, BUPATI, bupati=True)
    k.diktum(tbl, "tetap", _tetap)
    k.diktum(tbl, "penghargaan", _penghargaan)
    _biaya(tbl, "Anggaran Pendapatan dan Belanja Daerah Kabupaten Purbalingga")
    _closing(doc, tbl, bupati=True)
    _lampiran_kbk(doc)
    _lampiran_agen(doc)
    return doc


BUILDERS = {"keputusan-penghargaan": build_keputusan_penghargaan}
