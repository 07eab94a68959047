"""Builders of the five Keputusan templates (templates/sk/*.docx)."""

from __future__ import annotations

from docx.shared import Cm

from docgen.authoring import keputusan as k
from docgen.authoring.blocks import (
    CENTER,
    JUSTIFY,
    lettered_loop,
    loop_rows,
    numbered_list,
    para,
    table,
    tag,
)

KEPALA = "{{ penandatangan.jabatan_kapital }}"
BUPATI = "BUPATI PURBALINGGA"


def _opening(doc, jabatan: str = KEPALA, bupati: bool = False):
    if bupati:
        k.kop_bupati(doc)
    else:
        k.kop_perangkat_daerah(doc)
    k.judul(doc, jabatan, bupati)
    k.konsiderans(doc)
    return k.memutuskan(doc, jabatan)


def _closing(doc, tbl, bupati: bool = False) -> None:
    k.diktum(tbl, "berlaku", "Keputusan ini mulai berlaku sejak tanggal ditetapkan, dengan "
             "ketentuan apabila dikemudian hari terdapat kekeliruan akan dilakukan pembetulan "
             "sebagaimana mestinya.")
    k.penetapan(doc)
    k.tanda_tangan(doc, bupati)
    k.tembusan(doc)


def _biaya(tbl, pembebanan: str) -> None:
    k.diktum(tbl, "biaya", "Segala biaya yang timbul sebagai akibat ditetapkannya Keputusan ini "
             f"dibebankan pada {pembebanan}.")


def build_sk_kbk():
    doc = k.new_keputusan()
    tbl = _opening(doc)
    k.diktum(tbl, "bentuk", "Membentuk Kelompok Budaya Kerja {{ unit }} dengan nama "
             "\u201c{{ nama_kbk }}\u201d, dengan susunan keanggotaan sebagaimana tercantum "
             "dalam {{ lampiran.susunan.sebutan }} yang merupakan bagian tidak terpisahkan "
             "dari Keputusan ini.")

    def tugas_kbk(cell):
        para(cell, "Kelompok Budaya Kerja sebagaimana dimaksud dalam Diktum "
             "{{ diktum.ref('bentuk') }} bertugas:", align=JUSTIFY)
        lettered_loop(cell, "tugas_kbk", left_cm=0.7)
        para(cell, "", after=4)

    k.diktum(tbl, "tugas", tugas_kbk)

    def tugas_kedudukan(cell):
        para(cell, "Dalam melaksanakan tugas sebagaimana dimaksud dalam Diktum "
             "{{ diktum.ref('tugas') }}:", align=JUSTIFY)
        tag(cell, "{%p for kedudukan in tugas_kedudukan %}")
        para(cell, "{{ 'abcdefghij'[loop.index0] }}.\t{{ kedudukan.kedudukan }} bertugas:",
             left=Cm(0.7), hanging=Cm(0.7), tabs=[Cm(0.7)])
        tag(cell, "{%p for butir in kedudukan.butir %}")
        para(cell, "{{ loop.index }})\t{{ butir }}", align=JUSTIFY, left=Cm(1.4),
             hanging=Cm(0.7), tabs=[Cm(1.4)])
        tag(cell, "{%p endfor %}")
        tag(cell, "{%p endfor %}")
        para(cell, "", after=4)

    k.diktum(tbl, "tugas_kedudukan", tugas_kedudukan)
    k.diktum(tbl, "bagan", "Bagan Organisasi Kelompok Budaya Kerja sebagaimana dimaksud "
             "dalam Diktum {{ diktum.ref('bentuk') }} tercantum dalam "
             "{{ lampiran.bagan.sebutan }} yang merupakan bagian tidak terpisahkan dari "
             "Keputusan ini.")
    k.diktum(tbl, "yel", "Kalimat penyemangat/yel-yel Kelompok Budaya Kerja {{ unit }} "
             "adalah \u201c{{ yel_yel }}\u201d, yang digunakan pada acara formal maupun non "
             "formal untuk memacu penerapan budaya kerja.")
    _biaya(tbl, "Anggaran Pendapatan dan Belanja Daerah Kabupaten Purbalingga melalui "
           "Dokumen Pelaksanaan Anggaran {{ unit }}")
    _closing(doc, tbl)

    k.lampiran_header(doc, "susunan", KEPALA)
    para(doc, "SUSUNAN KEANGGOTAAN KELOMPOK BUDAYA KERJA \u201c{{ nama_kbk }}\u201d",
         bold=True, align=CENTER)
    para(doc, "{{ unit | upper }}", bold=True, align=CENTER, after=12)
    grid = table(doc, [1.0, 4.2, 4.7, 4.0, 2.6], borders=True,
                 header=["NO", "NAMA", "NIP", "JABATAN", "KEDUDUKAN DALAM KBK"], font_size=10)
    loop_rows(grid, "{%tr for m in susunan %}",
              ["{{ m.no }}.", "{{ m.nama }}", "{{ m.nip }}", "{{ m.jabatan }}",
               "{{ m.kedudukan }}"], size=10, aligns=[CENTER, None, None, None, None])
    k.lampiran_penutup(doc)

    k.lampiran_header(doc, "bagan", KEPALA)
    para(doc, "BAGAN ORGANISASI KELOMPOK BUDAYA KERJA \u201c{{ nama_kbk }}\u201d", bold=True,
         align=CENTER)
    para(doc, "{{ unit | upper }}", bold=True, align=CENTER, after=12)
    para(doc, "{{ bagan }}", align=CENTER, after=6)
    k.lampiran_penutup(doc)
    return doc


BUILDERS = {"sk-kbk": build_sk_kbk}
