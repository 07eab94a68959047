"""Builders of the five Keputusan templates (templates/sk/*.docx)."""

from __future__ import annotations

from docx.shared import Cm

from docgen.authoring import keputusan as k
from docgen.authoring.blocks import (
    CENTER,
    JUSTIFY,
    lettered_loop,
    loop_rows,
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
    k.kotak_paraf(doc)
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
        para(cell, "{{ loop.index0 | huruf }}.\t{{ kedudukan.kedudukan }} bertugas:",
             left=Cm(0.8), hanging=Cm(0.8), tabs=[Cm(0.8)])
        tag(cell, "{%p for butir in kedudukan.butir %}")
        para(cell, "{{ loop.index }})\t{{ butir }}", align=JUSTIFY, left=Cm(1.7),
             hanging=Cm(0.9), tabs=[Cm(1.7)])
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
    grid = table(doc, [1.0, 4.0, 4.8, 3.6, 3.1], borders=True,
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


def _lettered(cell, intro: str, items_var: str) -> None:
    para(cell, intro, align=JUSTIFY)
    lettered_loop(cell, items_var, left_cm=0.7)
    para(cell, "", after=4)


def _per_diktum(tbl, key: str, subject: str, verb: str, items_var: str) -> None:
    """'<subject> sebagaimana dimaksud dalam Diktum <tetap> <verb>:' and a lettered list."""
    k.diktum(tbl, key, lambda cell: _lettered(
        cell, f"{subject} sebagaimana dimaksud dalam Diktum {{{{ diktum.ref('tetap') }}}} "
        f"{verb}:", items_var))


def build_sk_agen_perubahan():
    doc = k.new_keputusan()
    tbl = _opening(doc)
    k.diktum(tbl, "tetap", "Menetapkan Agen Perubahan di Lingkungan {{ unit }} sebagaimana "
             "tercantum dalam {{ lampiran.daftar.sebutan }} yang merupakan bagian tidak "
             "terpisahkan dari Keputusan ini.")
    _per_diktum(tbl, "peran", "Agen Perubahan", "memiliki peran", "peran")
    _per_diktum(tbl, "tugas", "Agen Perubahan", "bertugas", "tugas")
    k.diktum(tbl, "mekanisme", lambda cell: _lettered(
        cell, "Dalam melaksanakan peran dan tugas sebagaimana dimaksud dalam Diktum "
        "{{ diktum.ref('peran') }} dan Diktum {{ diktum.ref('tugas') }}, mekanisme kerja "
        "Agen Perubahan sebagai berikut:", "mekanisme"))
    k.diktum(tbl, "jangka", "Jangka waktu penugasan Agen Perubahan sebagaimana dimaksud dalam "
             "Diktum {{ diktum.ref('tetap') }} terhitung mulai tanggal {{ mulai }} sampai "
             "dengan tanggal {{ selesai }}.")
    _biaya(tbl, "Anggaran Pendapatan dan Belanja Daerah Kabupaten Purbalingga melalui "
           "Dokumen Pelaksanaan Anggaran {{ unit }}")
    _closing(doc, tbl)
    k.lampiran_header(doc, "daftar", KEPALA)
    para(doc, "DAFTAR AGEN PERUBAHAN", bold=True, align=CENTER)
    para(doc, "{{ unit | upper }}", bold=True, align=CENTER, after=12)
    grid = table(doc, [1.1, 5.6, 4.2, 5.6], borders=True,
                 header=["NO", "NAMA / NIP", "PANGKAT/GOLONGAN", "JABATAN"], font_size=10)
    loop_rows(grid, "{%tr for a in agen %}",
              ["{{ a.no }}.", lambda cell: (para(cell, "{{ a.nama }}", size=10),
                                           para(cell, "NIP. {{ a.nip }}", size=10)),
               "{{ a.pangkat_golongan }}", "{{ a.jabatan }}"],
              size=10, aligns=[CENTER, None, None, None])
    k.lampiran_penutup(doc)
    return doc


def build_sk_role_model():
    doc = k.new_keputusan()
    tbl = _opening(doc)

    def identitas(cell):
        para(cell, "Menetapkan Kepala Perangkat Daerah sebagai Role Model (Panutan) di "
             "Lingkungan {{ unit }}, yaitu:", align=JUSTIFY)
        tabs = [Cm(4.0), Cm(4.5)]
        for label, value in (("Nama", "penandatangan.nama"), ("NIP", "penandatangan.nip"),
                             ("Pangkat", "penandatangan.pangkat"),
                             ("Jabatan", "penandatangan.jabatan")):
            para(cell, f"{label}\t:\t{{{{ {value} }}}}", left=Cm(4.5), hanging=Cm(4.5),
                 tabs=tabs)
        para(cell, "", after=4)

    k.diktum(tbl, "tetap", identitas)
    k.diktum(tbl, "pengertian", "Role Model sebagaimana dimaksud dalam Diktum "
             "{{ diktum.ref('tetap') }} adalah panutan yang berperan penting dalam penerapan "
             "nilai dan perilaku budaya kerja di lingkungan kerjanya. {{ pengertian }}")
    _per_diktum(tbl, "tugas", "Role Model", "bertugas", "tugas")
    _per_diktum(tbl, "peran", "Role Model", "memiliki peran", "peran")
    _biaya(tbl, "Anggaran Pendapatan dan Belanja Daerah Kabupaten Purbalingga melalui "
           "Dokumen Pelaksanaan Anggaran {{ unit }}")
    _closing(doc, tbl)
    return doc


def build_sk_tim_pembinaan():
    doc = k.new_keputusan()
    tbl = _opening(doc, BUPATI, bupati=True)
    k.diktum(tbl, "bentuk", "Membentuk Tim Pembinaan dan Pengendalian Budaya Kerja Kabupaten "
             "Purbalingga dengan susunan keanggotaan sebagaimana tercantum dalam "
             "{{ lampiran.susunan.sebutan }} yang merupakan bagian tidak terpisahkan dari "
             "Keputusan ini.")

    def tugas(cell):
        para(cell, "Tim sebagaimana dimaksud dalam Diktum {{ diktum.ref('bentuk') }} "
             "mempunyai tugas sebagai berikut:", align=JUSTIFY)
        tag(cell, "{%p for t in tugas_tim %}")
        para(cell, "{{ loop.index0 | huruf }}.\t{{ t.kedudukan }}: {{ t.teks }}",
             align=JUSTIFY, left=Cm(0.8), hanging=Cm(0.8), tabs=[Cm(0.8)])
        tag(cell, "{%p endfor %}")
        para(cell, "", after=4)

    k.diktum(tbl, "tugas", tugas)
    k.diktum(tbl, "cara", lambda cell: _lettered(
        cell, "Pembinaan dan pengendalian penerapan budaya kerja oleh Tim sebagaimana "
        "dimaksud dalam Diktum {{ diktum.ref('bentuk') }} dilakukan dengan:", "cara_pembinaan"))
    _biaya(tbl, "Anggaran Pendapatan dan Belanja Daerah Kabupaten Purbalingga")
    _closing(doc, tbl, bupati=True)
    k.lampiran_header(doc, "susunan", BUPATI, bupati=True)
    para(doc, "SUSUNAN KEANGGOTAAN TIM PEMBINAAN DAN PENGENDALIAN BUDAYA KERJA", bold=True,
         align=CENTER)
    para(doc, "KABUPATEN PURBALINGGA", bold=True, align=CENTER, after=12)
    grid = table(doc, [1.1, 9.4, 6.0], borders=True,
                 header=["NO", "JABATAN", "KEDUDUKAN DALAM TIM"], font_size=10)

    def jabatan(cell):
        para(cell, "{{ m.jabatan }}", size=10)
        tag(cell, "{%p if m.nama %}")
        para(cell, "({{ m.nama }})", size=10)
        tag(cell, "{%p endif %}")

    loop_rows(grid, "{%tr for m in susunan %}",
              ["{{ m.no }}.", jabatan, "{{ m.kedudukan }}"], size=10,
              aligns=[CENTER, None, None])
    k.lampiran_penutup(doc, bupati=True)
    return doc


def build_sk_core_values():
    doc = k.new_keputusan()
    tbl = _opening(doc)
    k.diktum(tbl, "tetap", "Core Values, Employer Branding dan Slogan Budaya Layanan Aparatur "
             "Sipil Negara (ASN) {{ unit }} sebagaimana tercantum pada "
             "{{ lampiran.nilai.sebutan }} Keputusan ini.")
    k.diktum(tbl, "wajib", "Core Values, Employer Branding dan Slogan Budaya Layanan "
             "sebagaimana dimaksud pada DIKTUM {{ diktum.ref('tetap') }} wajib "
             "diimplementasikan/dilaksanakan oleh seluruh Aparatur Sipil Negara (ASN) "
             "{{ unit }} dalam penyelenggaraan pelayanan publik serta menjadi dasar penguatan "
             "budaya kerja untuk mendukung pencapaian kinerja individu dan tujuan "
             "organisasi/instansi.")

    def dibentuk(cell):
        para(cell, "Dalam rangka meningkatkan kesadaran terkait implementasi Core Values, "
             "Employer Branding dan Slogan Budaya Layanan ASN maka perlu dibentuk:",
             align=JUSTIFY)
        para(cell, "a.\tTim Internalisasi/Kelompok Budaya Kerja;", left=Cm(0.7),
             hanging=Cm(0.7), tabs=[Cm(0.7)])
        para(cell, "b.\tAgen Perubahan Reformasi Birokrasi.", left=Cm(0.7), hanging=Cm(0.7),
             tabs=[Cm(0.7)], after=8)

    k.diktum(tbl, "dibentuk", dibentuk)
    k.diktum(tbl, "keputusan", "Tim Internalisasi/Kelompok Budaya Kerja dan Agen Perubahan "
             "Reformasi Birokrasi sebagaimana dimaksud pada DIKTUM {{ diktum.ref('dibentuk') }} "
             "dibentuk dengan Keputusan {{ penandatangan.jabatan }}.")
    _closing(doc, tbl)
    _lampiran_core_values(doc)
    return doc


def _lampiran_core_values(doc) -> None:
    k.lampiran_header(doc, "nilai", KEPALA)
    hang = {"left": Cm(0.7), "hanging": Cm(0.7), "tabs": [Cm(0.7)]}
    para(doc, "A.\tCORE VALUES {{ core_values.nama }}", bold=True, **hang, after=6)
    para(doc, "1.\tCore Values {{ core_values.nama }} yang harus diterapkan oleh seluruh ASN "
         "di Lingkungan {{ unit_singkat }} adalah sebagai berikut;", align=JUSTIFY,
         left=Cm(1.4), hanging=Cm(0.7), tabs=[Cm(1.4)])
    tag(doc, "{%p for n in nilai %}")
    para(doc, "\u2022\t{{ n.nama }}, yaitu {{ n.makna }};", align=JUSTIFY, left=Cm(2.1),
         hanging=Cm(0.7), tabs=[Cm(2.1)])
    tag(doc, "{%p endfor %}")
    para(doc, "2.\tPanduan perilaku (kode etik) dari masing-masing Core Values "
         "{{ core_values.nama }} sebagaimana dimaksud pada angka 1 adalah sebagai berikut:",
         align=JUSTIFY, left=Cm(1.4), hanging=Cm(0.7), tabs=[Cm(1.4)], before=6)
    tag(doc, "{%p for n in nilai %}")
    para(doc, "\u2022\t{{ n.judul }}", left=Cm(2.1), hanging=Cm(0.7), tabs=[Cm(2.1)])
    tag(doc, "{%p for p in n.panduan %}")
    para(doc, "{{ loop.index0 | huruf }})\t{{ p }}", align=JUSTIFY, left=Cm(3.0),
         hanging=Cm(0.9), tabs=[Cm(3.0)])
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    para(doc, "B.\tEmployer Branding ASN adalah \u201c{{ employer_branding.semboyan }}\u201d.",
         bold=True, before=12, after=6, **hang)
    tag(doc, "{%p for u in employer_branding.uraian %}")
    para(doc, "{{ u }}", align=JUSTIFY, left=Cm(0.7), after=6)
    tag(doc, "{%p endfor %}")
    para(doc, "C.\tSlogan Budaya Layanan ASN adalah \u201c{{ slogan.nama }}\u201d", bold=True,
         before=6, after=6, **hang)
    para(doc, "1.\t{{ slogan.pengantar }}", align=JUSTIFY, left=Cm(1.4), hanging=Cm(0.7),
         tabs=[Cm(1.4)])
    tag(doc, "{%p for u in slogan.unsur %}")
    para(doc, "{{ u }}", bold=True, align=CENTER)
    tag(doc, "{%p endfor %}")
    para(doc, "2.\t{{ slogan.landasan }}", align=JUSTIFY, left=Cm(1.4), hanging=Cm(0.7),
         tabs=[Cm(1.4)], before=6)
    k.lampiran_penutup(doc)


BUILDERS = {
    "sk-kbk": build_sk_kbk,
    "sk-agen-perubahan": build_sk_agen_perubahan,
    "sk-role-model": build_sk_role_model,
    "sk-tim-pembinaan": build_sk_tim_pembinaan,
    "sk-core-values": build_sk_core_values,
}
