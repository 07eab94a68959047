"""Variant inputs for the layout tests of every registered document type.

Each type starts from its sample (``doc_type.load_sample()``) and gets ordinary
variations: its main repeated list with one item, the sample's count and many items, and
names, jabatan and unit names of 80+ characters made of ordinary words. A type without
an entry in ``SPECS`` has no variants: ``variants_for`` then raises "no variants for
<type>", so a newly registered type fails loudly instead of going untested.

Every variant is meant to be *valid* input; the tests parse it and fail when it is not.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from docgen.registry import REGISTRY

Data = dict[str, Any]

# --- ordinary long texts (80+ characters, ordinary words) ------------------------------

LONG_NAMES = (
    "Dr. Ir. RADEN AJENG SRI RAHAYU WIDYANINGSIH KUSUMAWARDHANI PURNAMASARI, S.E., M.Si., M.M.",
    "Hj. DYAH AYU KUSUMANINGRUM SETYOWATI PURWANINGSIH HANDAYANI RAHMAWATI, S.Sos., M.AP.",
    "Drs. MUHAMMAD ABDURRAHMAN HIDAYATULLAH NUGROHO PRASETYO WIBOWO SANTOSO, S.H., M.H.",
    "RADEN MAS BAGUS SETYO WICAKSONO ADI NUGROHO PRASETYO WIBOWO HADIWIJAYA, S.T., M.Eng.",
)
LONG_JABATAN = (
    "Kepala Sub Bagian Perencanaan Evaluasi dan Pelaporan pada Sekretariat Dinas Penanaman "
    "Modal dan Pelayanan Terpadu Satu Pintu",
    "Kepala Bidang Pengendalian Penduduk dan Keluarga Berencana pada Dinas Pengendalian "
    "Penduduk dan Keluarga Berencana",
    "Analis Kebijakan Ahli Muda pada Bagian Organisasi Sekretariat Daerah Urusan Reformasi "
    "Birokrasi dan Tata Laksana",
    "Pengelola Layanan Operasional pada Sub Bagian Umum dan Kepegawaian Sekretariat Dinas "
    "Kependudukan dan Pencatatan Sipil",
)
# perangkat daerah names without "Kabupaten Purbalingga" (PerangkatDaerah.nama)
LONG_UNITS = (
    "Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan "
    "Perlindungan Anak",
    "Dinas Pemberdayaan Masyarakat dan Desa serta Pemberdayaan Perempuan dan Perlindungan "
    "Anak",
)
LONG_SINGKATAN = "DINPPKBP3A"
LONG_PANGKAT = "Penata Muda Tingkat I (III/b)"
KABUPATEN = "Kabupaten Purbalingga"

FIRST = ("AGUS", "SITI", "BUDI", "DEWI", "EKO", "FITRI", "GUNAWAN", "HENI", "IRAWAN",
         "JOKO", "KARTIKA", "LUKMAN", "MARYATI", "NUR", "PURWANTO", "RINA", "SUGENG",
         "TRI", "UTAMI", "WAHYU")
LAST = ("SANTOSO", "RAHAYU", "PRASETYO", "LESTARI", "HIDAYAT", "WULANDARI", "SETIAWAN",
        "KURNIAWATI", "NUGROHO", "PERTIWI", "SUSANTO", "HANDAYANI", "WIBOWO")
GELAR = ("S.Sos.", "S.E.", "S.Kom.", "A.Md.", "S.H.", "S.I.P.", "S.T.")
JABATAN = ("Analis Kebijakan Ahli Muda", "Pengelola Layanan Perizinan",
           "Kepala Seksi Pelayanan Perizinan", "Pranata Komputer Ahli Pertama",
           "Arsiparis Terampil", "Pengadministrasi Umum", "Kepala Sub Bagian Keuangan",
           "Penata Laporan Keuangan", "Verifikator Perizinan")
PANGKAT = ("Penata Muda (III/a)", "Penata Muda Tk. I (III/b)", "Penata (III/c)",
           "Pengatur (II/c)", "Penata Tk. I (III/d)", "Pembina (IV/a)")


def nama(i: int) -> str:
    return f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]}, {GELAR[i % len(GELAR)]}"


def nip(i: int) -> str:
    """A valid 18-digit NIP, different for each i < 999."""
    birth = 1970 + i % 20
    return (f"{birth:04d}{1 + i % 12:02d}{1 + i % 28:02d} {birth + 22 + i % 5:04d}"
            f"{1 + (i * 5) % 12:02d} {1 + i % 2} {i % 999 + 1:03d}")


def jabatan(i: int) -> str:
    return JABATAN[i % len(JABATAN)]


def cycle(items: list[Any], n: int) -> list[Any]:
    """n deep copies taken round from ``items``."""
    return [copy.deepcopy(x) for x in itertools.islice(itertools.cycle(items), n)]


# --- Keputusan: menimbang and mengingat ------------------------------------------------

MENIMBANG_POKOK = (
    "pelaksanaan pengembangan budaya kerja perlu dilakukan secara terencana, terukur dan "
    "berkesinambungan",
    "peningkatan kualitas pelayanan publik memerlukan komitmen seluruh pegawai",
    "nilai-nilai budaya kerja perlu diinternalisasikan dalam pelaksanaan tugas sehari-hari",
    "pembinaan dan pengendalian budaya kerja perlu dilaksanakan oleh tim yang ditetapkan",
    "perubahan pola pikir dan budaya kerja aparatur merupakan bagian dari reformasi "
    "birokrasi",
)


def menimbang(n: int) -> list[str]:
    return [f"bahwa {MENIMBANG_POKOK[i % len(MENIMBANG_POKOK)]} (pertimbangan ke-{i + 1});"
            for i in range(n)]


def _mengingat_pool() -> list[str]:
    """Real citations of the Keputusan defaults and samples, each once, in order."""
    pool: list[str] = []
    for name in ("sk-core-values", "sk-kbk", "sk-agen-perubahan", "sk-tim-pembinaan",
                 "sk-role-model"):
        doc_type = REGISTRY.get(name)
        for text in doc_type.parse(doc_type.load_sample()).mengingat:
            if text.rstrip(";.") not in {t.rstrip(";.") for t in pool}:
                pool.append(text)
    return pool


def mengingat(n: int) -> list[str]:
    pool = _mengingat_pool()
    extra = [f"Peraturan Bupati Purbalingga Nomor {10 + k} Tahun 2023 tentang Pedoman "
             f"Pelaksanaan Tugas dan Fungsi Perangkat Daerah Bagian {k + 1};"
             for k in range(max(0, n - len(pool)))]
    items = [t.rstrip(";.") for t in [*pool, *extra][:n]]
    return [t + (";" if i < n - 1 else ".") for i, t in enumerate(items)]


# --- the variant records ---------------------------------------------------------------

@dataclass(frozen=True)
class Longs:
    """The long texts one variant uses."""

    nama: str = LONG_NAMES[0]
    nama2: str = LONG_NAMES[1]
    jabatan: str = LONG_JABATAN[0]
    jabatan2: str = LONG_JABATAN[1]
    unit: str = LONG_UNITS[0]

    @property
    def unit_kerja(self) -> str:  # working papers name the unit with the kabupaten
        return f"{self.unit} {KABUPATEN}"

    @property
    def jabatan_kepala(self) -> str:
        return f"Kepala {self.unit} {KABUPATEN}"


@dataclass(frozen=True)
class Variant:
    id: str
    type_name: str
    data: Data
    # a list variant: its last item's label as printed at the start of a line: "60."
    # (Keputusan lists), "60" (table cells), "l)" (panduan)
    last_label: str | None = None
    # texts that must be printed whole (whitespace squashed, any case)
    whole: tuple[str, ...] = ()


@dataclass(frozen=True)
class Spec:
    item: str  # the main list, for ids: "susunan"
    counts: tuple[int, ...]  # 1 item (or the least valid), the sample's count, many
    sized: Callable[[Data, int], Data] | None  # the sample with the main list at n items
    lengthen: Callable[[Data, Longs], tuple[Data, tuple[str, ...]]]
    extras: Callable[[Data], list[tuple[str, Data]]] = lambda sample: []
    # how a drawn variant varies when the type has no sized list (scored-card, kuesioner)
    drawn: Callable[[Data, Any], Data] | None = None
    drawn_strategy: st.SearchStrategy | None = None
    label: Callable[[int], str | None] = str  # printed label of item n: "60" (table cell)
    keputusan: bool = False


# --- Keputusan -------------------------------------------------------------------------

def dotted(n: int) -> str:
    return f"{n}."


def letter(n: int) -> str | None:
    """"a)" .. "z)"; later labels differ between Word and LibreOffice: not checked."""
    return f"{chr(ord('a') + n - 1)})" if n <= 26 else None


def _kepala_long(data: Data, longs: Longs) -> tuple[str, ...]:
    data["perangkat_daerah"]["nama"] = longs.unit
    data["perangkat_daerah"]["singkatan"] = LONG_SINGKATAN
    data["penandatangan"]["nama"] = longs.nama
    data["penandatangan"]["jabatan"] = longs.jabatan_kepala
    return (longs.nama, longs.jabatan_kepala, longs.unit)


def _kbk_sized(sample: Data, n: int) -> Data:
    """n members: exactly one penanggung jawab, ketua and sekretaris, n - 3 anggota."""
    data = copy.deepcopy(sample)
    leaders = [m for m in sample["susunan"] if m["kedudukan"] != "anggota"]
    anggota = [{"nama": nama(i), "nip": nip(i), "jabatan": jabatan(i), "kedudukan": "anggota"}
               for i in range(n - len(leaders))]
    data["susunan"] = copy.deepcopy(leaders) + anggota
    return data


def _kbk_long(sample: Data, longs: Longs) -> tuple[Data, tuple[str, ...]]:
    data = copy.deepcopy(sample)
    whole = _kepala_long(data, longs)
    ketua = next(m for m in data["susunan"] if m["kedudukan"] == "ketua")
    ketua.update(nama=longs.nama2, jabatan=longs.jabatan)
    anggota = next(m for m in data["susunan"] if m["kedudukan"] == "anggota")
    anggota.update(jabatan=longs.jabatan2)
    return data, (*whole, longs.nama2, longs.jabatan, longs.jabatan2)


def _agen_sized(sample: Data, n: int) -> Data:
    data = copy.deepcopy(sample)
    template = sample["agen"][0]
    data["agen"] = [{**copy.deepcopy(template), "nama": nama(i), "nip": nip(i),
                     "pangkat_golongan": PANGKAT[i % len(PANGKAT)], "jabatan": jabatan(i)}
                    for i in range(n)]
    return data


def _agen_long(sample: Data, longs: Longs) -> tuple[Data, tuple[str, ...]]:
    data = copy.deepcopy(sample)
    whole = _kepala_long(data, longs)
    data["agen"][0].update(nama=longs.nama2, jabatan=longs.jabatan,
                           pangkat_golongan=LONG_PANGKAT)
    data["agen"][-1].update(jabatan=longs.jabatan2)
    return data, (*whole, longs.nama2, longs.jabatan, longs.jabatan2)


def _role_model_sized(sample: Data, n: int) -> Data:
    return {**copy.deepcopy(sample), "mengingat": mengingat(n)}


def _role_model_long(sample: Data, longs: Longs) -> tuple[Data, tuple[str, ...]]:
    data = copy.deepcopy(sample)
    return data, _kepala_long(data, longs)


TIM_LEADERS = ("penanggung_jawab", "pengarah", "ketua", "sekretaris", "fasilitator")


def _tim_sized(sample: Data, n: int) -> Data:
    """n members: one of each kedudukan (exactly one ketua and sekretaris), the rest
    anggota; the sample's jabatan kept for the leaders."""
    data = copy.deepcopy(sample)
    leaders = [copy.deepcopy(next(m for m in sample["susunan"] if m["kedudukan"] == k))
               for k in TIM_LEADERS]
    anggota = [{"kedudukan": "anggota",
                "jabatan": f"Kepala {['Bagian Organisasi', 'Bagian Hukum', 'Inspektorat'][i % 3]}"
                           f" Urusan {i + 1}", "nama": nama(i)}
               for i in range(n - len(leaders))]
    data["susunan"] = leaders + anggota
    return data


def _tim_long(sample: Data, longs: Longs) -> tuple[Data, tuple[str, ...]]:
    data = copy.deepcopy(sample)
    data["bupati"]["nama"] = longs.nama.split(",")[0].title()
    anggota = [m for m in data["susunan"] if m["kedudukan"] == "anggota"]
    anggota[0].update(jabatan=longs.jabatan, nama=longs.nama2)
    anggota[-1].update(jabatan=longs.jabatan2)
    return data, (data["bupati"]["nama"], longs.jabatan, longs.nama2, longs.jabatan2)


PANDUAN_POKOK = (
    "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat dan disiplin",
    "Memberikan pelayanan yang ramah, cekatan dan solutif kepada masyarakat",
    "Menghargai setiap orang apa pun latar belakangnya",
    "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
    "Menjaga nama baik sesama aparatur, pimpinan, instansi dan negara",
    "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
)


def _core_values_sized(sample: Data, n: int) -> Data:
    """Every nilai with n panduan items; above 12 only the first nilai (the others keep
    the sample's), so that 60 items stay one long list rather than 420."""
    data = copy.deepcopy(sample)
    for k, nilai in enumerate(data["core_values"]["nilai"][:1 if n > 12 else None]):
        nilai["panduan"] = [f"{PANDUAN_POKOK[(i + k) % len(PANDUAN_POKOK)]} "
                            f"(panduan {i + 1});" for i in range(n)]
    return data


def _core_values_long(sample: Data, longs: Longs) -> tuple[Data, tuple[str, ...]]:
    data = copy.deepcopy(sample)
    return data, _kepala_long(data, longs)


def _penghargaan_sized(sample: Data, n: int) -> Data:
    """n Gelar winners ranked 1..n, totals falling from 99,50 and staying in category A/B."""
    data = copy.deepcopy(sample)
    data["pemenang_kbk"] = [
        {"peringkat": i + 1, "unit_kerja": f"{LONG_UNITS[i % len(LONG_UNITS)]} {KABUPATEN}",
         "nama_kbk": f"KBK {FIRST[i % len(FIRST)]}", "nilai": round(99.5 - i * 0.8, 2),
         "penghargaan": "Piagam Penghargaan"} for i in range(n)]
    return data


def _penghargaan_long(sample: Data, longs: Longs) -> tuple[Data, tuple[str, ...]]:
    data = copy.deepcopy(sample)
    data["bupati"]["nama"] = longs.nama.split(",")[0].title()
    data["pemenang_kbk"][0].update(unit_kerja=longs.unit_kerja, nama_kbk=longs.nama2)
    data["agen_perubahan_terbaik"][0].update(nama=longs.nama, jabatan=longs.jabatan,
                                             unit_kerja=longs.unit_kerja)
    return data, (data["bupati"]["nama"], longs.nama2, longs.nama, longs.jabatan)


def _penghargaan_extras(sample: Data) -> list[tuple[str, Data]]:
    return [("hanya-kbk", {**copy.deepcopy(sample), "agen_perubahan_terbaik": []}),
            ("hanya-agen", {**copy.deepcopy(sample), "pemenang_kbk": []})]


# --- working papers --------------------------------------------------------------------

def _table_sized(key: str) -> Callable[[Data, int], Data]:
    def sized(sample: Data, n: int) -> Data:
        return {**copy.deepcopy(sample), key: cycle(sample[key], n)}
    return sized


def _agen_pimpinan_long(key: str) -> Callable[[Data, Longs], tuple[Data, tuple[str, ...]]]:
    def lengthen(sample: Data, longs: Longs) -> tuple[Data, tuple[str, ...]]:
        data = copy.deepcopy(sample)
        data["unit_kerja"] = longs.unit_kerja
        data["agen_perubahan"].update(nama=longs.nama, jabatan=longs.jabatan)
        data["pimpinan"].update(nama=longs.nama2, jabatan=longs.jabatan_kepala)
        data[key][0]["kegiatan"] = longs.jabatan2  # a long cell text as well
        return data, (longs.unit_kerja, longs.nama, longs.jabatan, longs.nama2,
                      longs.jabatan_kepala, longs.jabatan2)
    return lengthen


def _form_a_long(sample: Data, longs: Longs) -> tuple[Data, tuple[str, ...]]:
    data = copy.deepcopy(sample)
    data["unit_kerja"] = longs.unit_kerja
    data["ketua"]["nama"] = longs.nama
    data["kegiatan"][0]["penanggung_jawab"] = longs.jabatan
    data["kegiatan"][-1]["penanggung_jawab"] = longs.jabatan2
    return data, (longs.unit_kerja, longs.nama, longs.jabatan, longs.jabatan2)


KATEGORI = ("penting", "sedang", "tidak")


def _form_b_sized(sample: Data, n: int) -> Data:
    """n problems M1..Mn (categories in turn, one in three 'tidak'); every problem carried
    to B-2 has its prioritas, rencana tindak and pemantauan."""
    data = copy.deepcopy(sample)
    rows = cycle(sample["masalah"], n)
    for i, row in enumerate(rows):
        row["kode"] = f"M{i + 1}"
        row["kategori"] = KATEGORI[i % 3] if n > 1 else "penting"
    data["masalah"] = rows
    carried = [r["kode"] for r in rows if r["kategori"] != "tidak"]
    prioritas = list(sample["prioritas"].values())
    rencana = list(sample["rencana_tindak"].values())
    pemantauan = list(sample["pemantauan"].values())
    data["prioritas"] = {k: copy.deepcopy(prioritas[i % len(prioritas)])
                         for i, k in enumerate(carried)}
    data["rencana_tindak"] = {k: copy.deepcopy(rencana[i % len(rencana)])
                              for i, k in enumerate(carried)}
    data["pemantauan"] = {k: copy.deepcopy(pemantauan[i % len(pemantauan)])
                          for i, k in enumerate(carried)}
    return data


def _form_b_long(sample: Data, longs: Longs) -> tuple[Data, tuple[str, ...]]:
    data = copy.deepcopy(sample)
    data["unit_kerja"] = longs.unit_kerja
    data["ketua"]["nama"] = longs.nama
    for plan in data["rencana_tindak"].values():
        plan["penanggung_jawab"] = longs.jabatan
    return data, (longs.unit_kerja, longs.nama, longs.jabatan)


def _kuesioner_long(sample: Data, longs: Longs) -> tuple[Data, tuple[str, ...]]:
    data = copy.deepcopy(sample)
    data.update(satuan_unit_kerja=longs.unit, jabatan_responden=longs.jabatan,
                alamat_instansi="Jalan Mayor Jenderal Sungkono Kilometer 2 Kelurahan "
                                "Kalimanah Wetan Kecamatan Kalimanah Purbalingga 53371")
    return data, (longs.unit, longs.jabatan, data["alamat_instansi"])


def _kuesioner_extras(sample: Data) -> list[tuple[str, Data]]:
    identitas = {k: v for k, v in sample.items() if k != "jawaban"}
    return [("kosong", {}), ("identitas-tanpa-jawaban", identitas)]


def _kuesioner_drawn(sample: Data, jawaban: list[int] | None) -> Data:
    return {**copy.deepcopy(sample), "jawaban": jawaban} if jawaban else {}


def _evaluasi_sized(sample: Data, n: int) -> Data:
    data = copy.deepcopy(sample)
    rows = cycle(sample["responden"], n)
    for i, row in enumerate(rows):
        # vary the answers a little (still 32 answers of 1-4)
        row["jawaban"] = [1 + (a - 1 + i) % 4 if q % 5 == i % 5 else a
                          for q, a in enumerate(row["jawaban"])]
    data["responden"] = rows
    return data


def _evaluasi_long(sample: Data, longs: Longs) -> tuple[Data, tuple[str, ...]]:
    data = copy.deepcopy(sample)
    data["unit_kerja"] = longs.unit_kerja
    data["penanggung_jawab"].update(nama=longs.nama, jabatan=longs.jabatan)
    data["responden"][0]["jabatan"] = longs.jabatan2
    data["responden"][1]["keterangan"] = longs.jabatan
    return data, (longs.unit_kerja, longs.nama, longs.jabatan, longs.jabatan2)


def _scored_card_long(sample: Data, longs: Longs) -> tuple[Data, tuple[str, ...]]:
    data = copy.deepcopy(sample)
    data["unit_kerja"] = longs.unit_kerja
    data["penilai"].update(nama=longs.nama, jabatan=f"Ketua Kelompok Budaya Kerja "
                                                   f"{longs.unit_kerja}")
    return data, (longs.unit_kerja, longs.nama, data["penilai"]["jabatan"])


def _capaian(sample: Data, values: list[float]) -> Data:
    data = copy.deepcopy(sample)
    data["capaian"] = {k: values[i % len(values)] for i, k in enumerate(sample["capaian"])}
    return data


def _scored_card_extras(sample: Data) -> list[tuple[str, Data]]:
    return [("capaian-0", _capaian(sample, [0])),
            ("capaian-pecahan", _capaian(sample, [33.33, 66.67, 12.5, 99.99, 100]))]


def _bulanan_sized(sample: Data, n: int) -> Data:
    """n kegiatan and n permasalahan; photos kept few (1 for one item, else the sample's)."""
    data = copy.deepcopy(sample)
    data["kegiatan"] = cycle(sample["kegiatan"], n)
    data["permasalahan"] = cycle(sample["permasalahan"], n)
    data["dokumentasi"] = copy.deepcopy(sample["dokumentasi"][:1 if n == 1 else None])
    return data


def _bulanan_long(sample: Data, longs: Longs) -> tuple[Data, tuple[str, ...]]:
    data = copy.deepcopy(sample)
    data["unit_kerja"] = longs.unit_kerja
    data["ketua"]["nama"] = longs.nama
    data["sekretaris"]["nama"] = longs.nama2
    data["dokumentasi"][0]["keterangan"] = longs.jabatan
    return data, (longs.unit_kerja, longs.nama, longs.nama2, longs.jabatan)


def _bulanan_extras(sample: Data) -> list[tuple[str, Data]]:
    return [
        ("tanpa-masalah-tanpa-foto", {**copy.deepcopy(sample), "permasalahan": [],
                                      "dokumentasi": []}),
        ("4-foto", {**copy.deepcopy(sample),
                    "dokumentasi": cycle(sample["dokumentasi"], 4)}),
    ]


SPECS: dict[str, Spec] = {
    "sk-kbk": Spec("susunan", (4, 7, 60), _kbk_sized, _kbk_long, label=dotted,
                   keputusan=True),
    "sk-agen-perubahan": Spec("agen", (1, 3, 60), _agen_sized, _agen_long,
                              label=dotted, keputusan=True),
    "sk-role-model": Spec("mengingat", (1, 8, 15), _role_model_sized, _role_model_long,
                          label=dotted, keputusan=True),
    "sk-tim-pembinaan": Spec("susunan", (6, 11, 60), _tim_sized, _tim_long,
                             label=dotted, keputusan=True),
    "sk-core-values": Spec("panduan", (1, 3, 12, 60), _core_values_sized, _core_values_long,
                           label=letter, keputusan=True),
    "keputusan-penghargaan": Spec("pemenang_kbk", (1, 3, 60), _penghargaan_sized,
                                  _penghargaan_long, extras=_penghargaan_extras,
                                  keputusan=True),
    "rencana-tindak": Spec("rencana", (1, 5, 60), _table_sized("rencana"),
                           _agen_pimpinan_long("rencana")),
    "monev-rencana-tindak": Spec("monev", (1, 5, 60), _table_sized("monev"),
                                 _agen_pimpinan_long("monev")),
    "kbk-form-a": Spec("kegiatan", (1, 6, 60), _table_sized("kegiatan"), _form_a_long),
    "kbk-form-b": Spec("masalah", (1, 4, 60), _form_b_sized, _form_b_long),
    "laporan-evaluasi": Spec("responden", (1, 8, 200), _evaluasi_sized, _evaluasi_long),
    "laporan-bulanan-kbk": Spec("kegiatan", (1, 4, 60), _bulanan_sized, _bulanan_long,
                                extras=_bulanan_extras),
    "scored-card": Spec(
        "capaian", (), None, _scored_card_long, extras=_scored_card_extras,
        drawn=lambda sample, values: _capaian(sample, values),
        drawn_strategy=st.lists(st.sampled_from([0, 12.5, 50, 70, 82.5, 99.99, 100]),
                                min_size=1, max_size=6)),
    "kuesioner-evaluasi": Spec(
        "jawaban", (), None, _kuesioner_long, extras=_kuesioner_extras,
        drawn=_kuesioner_drawn,
        drawn_strategy=st.none() | st.lists(st.integers(1, 4), min_size=32, max_size=32)),
}
# the Keputusan whose main list is not mengingat also get menimbang/mengingat of 1 and 15
MENIMBANG_MENGINGAT = (1, 15)


def spec_for(type_name: str) -> Spec:
    try:
        return SPECS[type_name]
    except KeyError:
        raise LookupError(f"no variants for {type_name}") from None


def sized_variant(type_name: str, n: int) -> Variant:
    """The sample with its main list at n items."""
    spec = spec_for(type_name)
    if spec.sized is None:
        raise LookupError(f"{type_name} has no list of variable length")
    sample = REGISTRY.get(type_name).load_sample()
    return Variant(f"{type_name}-{n}-{spec.item}", type_name, spec.sized(sample, n),
                   last_label=spec.label(n))


def variants_for(type_name: str) -> list[Variant]:
    """The plain (fixed) variants of one registered type."""
    spec = spec_for(type_name)
    sample = REGISTRY.get(type_name).load_sample()
    result = []
    if spec.sized is not None:
        result += [sized_variant(type_name, n) for n in spec.counts]
    if spec.keputusan and spec.item != "mengingat":
        for n in MENIMBANG_MENGINGAT:
            data = {**copy.deepcopy(sample), "menimbang": menimbang(n),
                    "mengingat": mengingat(n)}
            result.append(Variant(f"{type_name}-{n}-menimbang-mengingat", type_name, data,
                                  last_label=dotted(n)))
    if spec.sized is None:
        result.append(Variant(f"{type_name}-contoh", type_name, copy.deepcopy(sample)))
    for name, data in spec.extras(sample):
        result.append(Variant(f"{type_name}-{name}", type_name, data))
    data, whole = spec.lengthen(sample, Longs())
    result.append(Variant(f"{type_name}-nama-panjang", type_name, data, whole=whole))
    return result


# --- drawn variants (Hypothesis) -------------------------------------------------------

@st.composite
def longs(draw) -> Longs:
    names = draw(st.permutations(LONG_NAMES))
    jabatans = draw(st.permutations(LONG_JABATAN))
    return Longs(nama=names[0], nama2=names[1], jabatan=jabatans[0], jabatan2=jabatans[1],
                 unit=draw(st.sampled_from(LONG_UNITS)))


@st.composite
def drawn_variant(draw, type_names: list[str]) -> Variant:
    """A type, its main list at a drawn length (or drawn values), maybe long texts."""
    type_name = draw(st.sampled_from(type_names))
    spec = spec_for(type_name)
    sample = REGISTRY.get(type_name).load_sample()
    if spec.sized is not None:
        n = draw(st.integers(min(spec.counts), min(max(spec.counts), 40)), label="n")
        data, label, last = spec.sized(sample, n), f"{n}-{spec.item}", spec.label(n)
    else:
        value = draw(spec.drawn_strategy, label=spec.item)
        data, label, last = spec.drawn(sample, value), f"{spec.item}={value}", None
    whole: tuple[str, ...] = ()
    if draw(st.booleans(), label="long texts"):
        texts = draw(longs())
        if data:  # the blank questionnaire stays blank
            data, whole = spec.lengthen(data, texts)
            label += "-nama-panjang"
    return Variant(f"{type_name}-drawn-{label}", type_name, data,
                   last_label=last, whole=whole)


def all_variants() -> list[Variant]:
    return [v for doc_type in REGISTRY for v in variants_for(doc_type.name)]


__all__ = ["LONG_JABATAN", "LONG_NAMES", "LONG_UNITS", "SPECS", "Longs", "Spec", "Variant",
           "drawn_variant", "sized_variant", "spec_for", "variants_for"]
