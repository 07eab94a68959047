"""The parts of a Keputusan, in the order of the seed's DPMPTSP Keputusan 503/1403/2021."""

from __future__ import annotations

from docx.shared import Cm

from docgen.authoring.blocks import (
    CENTER,
    JUSTIFY,
    KEPUTUSAN_FONT,
    SIGN_INDENT,
    add_row,
    bottom_rule,
    keep_with_next,
    loop_rows,
    new_document,
    para,
    table,
    tag,
)

LABEL_W, COLON_W, NO_W = 3.7, 0.5, 1.0  # NO_W holds '10.' … '100.' whole
TEXT_W = 16.5 - LABEL_W - COLON_W


def new_keputusan():
    return new_document(KEPUTUSAN_FONT)


def kop_perangkat_daerah(doc) -> None:
    """PEMERINTAH KABUPATEN PURBALINGGA / office / address, emblem left, rule below."""
    tbl = table(doc, [2.6, 13.9])

    def emblem(cell):
        para(cell, "{{ lambang }}", align=CENTER)

    def lines(cell):
        para(cell, "{{ kop.pemerintah }}", bold=True, size=14, align=CENTER)
        para(cell, "{{ kop.nama }}", bold=True, size=16, align=CENTER)
        tag(cell, "{%p if kop.alamat %}")
        para(cell, "{{ kop.alamat }}", size=10, align=CENTER)
        tag(cell, "{%p endif %}")
        tag(cell, "{%p if kop.kontak %}")
        para(cell, "{{ kop.kontak }}", size=10, align=CENTER)
        tag(cell, "{%p endif %}")

    add_row(tbl, [emblem, lines])
    bottom_rule(para(doc, "", size=4))
    para(doc, "")


def kop_bupati(doc) -> None:
    """The Bupati's kop: state emblem, BUPATI PURBALINGGA, PROVINSI JAWA TENGAH."""
    para(doc, "{{ lambang }}", align=CENTER)
    para(doc, "BUPATI PURBALINGGA", bold=True, size=14, align=CENTER)
    para(doc, "PROVINSI JAWA TENGAH", bold=True, align=CENTER, after=12)


def judul(doc, jabatan_pembuka: str, bupati: bool = False) -> None:
    """KEPUTUSAN ... / NOMOR ... / TENTANG ... / [DENGAN RAHMAT ...] / JABATAN,"""
    para(doc, f"KEPUTUSAN {jabatan_pembuka}", bold=True, align=CENTER)
    para(doc, "NOMOR {{ nomor | upper }}" if bupati else "NOMOR : {{ nomor | upper }}", bold=True,
         align=CENTER, after=12)
    para(doc, "TENTANG", bold=True, align=CENTER)
    para(doc, "{{ tentang_kapital }}", bold=True, align=CENTER, after=12)
    if bupati:
        para(doc, "DENGAN RAHMAT TUHAN YANG MAHA ESA", bold=True, align=CENTER, after=12)
    para(doc, f"{jabatan_pembuka},", bold=True, align=CENTER, after=12)


def _label_if_first(label: str):
    return f"{{% if loop.first %}}{label}{{% endif %}}"


def konsiderans(doc) -> None:
    """Menimbang (a., b.), Mengingat (1., 2.), optional Memperhatikan: colons aligned."""
    tbl = table(doc, [LABEL_W, COLON_W, NO_W, TEXT_W - NO_W])
    for label, var in (("Menimbang", "menimbang"), ("Mengingat", "mengingat")):
        loop_rows(tbl, f"{{%tr for item in {var} %}}",
                  [_label_if_first(label), _label_if_first(":"), "{{ item.no }}",
                   lambda cell: para(cell, "{{ item.teks }}", align=JUSTIFY, after=4)])
        add_row(tbl, ["", "", "", ""])
    add_row(tbl, ["{%tr if memperhatikan %}", "", "", ""])
    loop_rows(tbl, "{%tr for item in memperhatikan %}",
              [_label_if_first("Memperhatikan"), _label_if_first(":"), "{{ item.no }}",
               lambda cell: para(cell, "{{ item.teks }}", align=JUSTIFY, after=4)])
    add_row(tbl, ["", "", "", ""])
    add_row(tbl, ["{%tr endif %}", "", "", ""])


def memutuskan(doc, jabatan_pembuka: str):
    """MEMUTUSKAN: / Menetapkan : ...; returns the diktum table to fill."""
    para(doc, "MEMUTUSKAN:", bold=True, align=CENTER, after=12)
    tbl = table(doc, [LABEL_W, COLON_W, TEXT_W])
    add_row(tbl, ["Menetapkan", ":", lambda cell: para(
        cell, f"KEPUTUSAN {jabatan_pembuka} TENTANG {{{{ tentang_kapital }}}}.",
        align=JUSTIFY, after=8)])
    return tbl


def diktum(tbl, key: str, fill) -> None:
    """One diktum row: generated ordinal, colon, content (text or callable(cell))."""
    content = fill if callable(fill) else (
        lambda cell: para(cell, fill, align=JUSTIFY, after=8))
    add_row(tbl, [f"{{{{ diktum('{key}') }}}}", ":", content])


def penetapan(doc) -> None:
    para(doc, "", after=6)
    para(doc, "Ditetapkan di Purbalingga", left=SIGN_INDENT, keep_next=True, sign=True)
    para(doc, "pada tanggal {{ tanggal }}", left=SIGN_INDENT, keep_next=True, after=12,
         sign=True)


def tanda_tangan(doc, bupati: bool = False) -> None:
    """[a.n. BUPATI PURBALINGGA,] jabatan, signature space, NAME, pangkat, NIP (the Bupati:
    name only). Every line keeps with the next, so the block never splits."""
    def line(text: str = "", last: bool = False, **style) -> None:
        para(doc, text, left=SIGN_INDENT, keep_next=not last, sign=True, **style)

    if bupati:
        line("BUPATI PURBALINGGA,", bold=True)
    else:
        tag(doc, "{%p if atas_nama %}")
        line("{{ atas_nama }}", bold=True)
        tag(doc, "{%p endif %}")
        line("{{ penandatangan.jabatan_kapital }},", bold=True)
    for _ in range(4):
        line()
    line("{{ penandatangan.nama }}", bold=True, underline=not bupati, last=bupati)
    if not bupati:
        line("{{ penandatangan.pangkat }}")
        line("NIP. {{ penandatangan.nip }}", last=True)


PARAF_WIDTHS = [0.9, 4.3, 3.4, 2.6]  # No, Jabatan, Paraf, Tanggal: 11.2 cm at the left
PARAF_ROW_CM = 0.8  # room for a paraf by hand on the printed copy


def kotak_paraf(doc) -> None:
    """The paraf box (Tata Naskah Dinas: paraf hierarki, bottom left of the page that
    carries the signature): No, Jabatan, Paraf, Tanggal, one row per paraf step
    (``paraf``: jabatan only before the chain starts, names and dates after). The
    signature block keeps with its header and first row."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the signature's last line
    para(doc, "", size=6, keep_next=True)
    tbl = table(doc, PARAF_WIDTHS, borders=True, header=["No", "Jabatan", "Paraf", "Tanggal"],
                font_size=9)
    cells = loop_rows(tbl, "{%tr for r in paraf %}",
                      ["{{ r.no }}", "{{ r.jabatan }}", "{{ r.paraf }}", "{{ r.tanggal }}"],
                      size=9, aligns=[CENTER, None, CENTER, CENTER])
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), str(Cm(PARAF_ROW_CM).twips))
    height.set(qn("w:hRule"), "atLeast")
    cells[0]._tc.getparent().get_or_add_trPr().append(height)
    # the header keeps with the first step; keeping the steps too would pull the
    # Tembusan (kept with its first line) onto this page, or the whole closing off it
    keep_with_next(tbl, rows=1)


def tembusan(doc) -> None:
    tag(doc, "{%p if tembusan %}")
    para(doc, "Tembusan:", before=12, keep_next=True)  # never alone at a page foot
    tag(doc, "{%p for item in tembusan %}")
    para(doc, "{{ item.no }}\t{{ item.teks }}", left=Cm(0.7), hanging=Cm(0.7), tabs=[Cm(0.7)])
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def lampiran_header(doc, key: str, jabatan_pembuka: str, bupati: bool = False) -> None:
    """New page; LAMPIRAN [I] KEPUTUSAN ... NOMOR ... TANGGAL ... TENTANG ... at the right."""
    left, hang = Cm(7.5 + 3.0), Cm(3.0)
    tabs = [Cm(7.5 + 2.6), left]
    para(doc, f"{{{{ lampiran.{key}.judul }}}}", left=Cm(7.5), page_break_before=True)
    para(doc, f"KEPUTUSAN {jabatan_pembuka}", left=Cm(7.5))
    para(doc, "NOMOR\t:\t{{ nomor }}", left=left, hanging=hang, tabs=tabs)
    para(doc, "TANGGAL\t:\t{{ tanggal }}", left=left, hanging=hang, tabs=tabs)
    para(doc, "TENTANG\t:\t{{ tentang_kapital }}", left=left, hanging=hang, tabs=tabs,
         after=18)


def lampiran_penutup(doc, bupati: bool = False) -> None:
    para(doc, "", after=12)
    tanda_tangan(doc, bupati)
