"""KBK members and Agen Perubahan imported from a spreadsheet on the document page, the
blank sheets, and the lists the forms pick from (unit's KBK members, Form B-1 codes)."""

from __future__ import annotations

import html as htmllib
import io
import zipfile

from openpyxl import load_workbook

from docgen.domain.spreadsheet_rows import AGEN, SUSUNAN
from docgen.storage import repo
from tests.web.conftest import add_document, login, sample

CSV = ("nama,nip,jabatan,kedudukan\n"
       "\"ATO SUSANTO, AP., M.Si.\",197407061993111001,Kepala Dinas,Penanggung Jawab\n")
GOOD = ("nama;nip;jabatan;kedudukan\n"
        "ATO SUSANTO;197407061993111001;Kepala Dinas;Penanggung Jawab\n"
        "SRI WAHYUNI;196904121992032004;Sekretaris Dinas;Ketua\n"
        "BUDI;;Kasubbag Umum;Sekretaris\n"
        "RINA PERTIWI;;Pelaksana;Anggota\n")


def _data(app, doc_id: int) -> dict:
    with app.extensions["docgen"].database.session() as session:
        return dict(repo.get_document(session, doc_id).data)


def _post(client, doc_id: int, content: bytes, name: str):
    return client.post(f"/dokumen/{doc_id}/impor-baris",
                       data={"berkas": (io.BytesIO(content), name)},
                       content_type="multipart/form-data")


def test_susunan_imported_into_an_sk_kbk_draft(app, client, world):
    draft = add_document(app, "sk-kbk", world.units["A"], {**sample("sk-kbk"), "nomor": ""})
    login(client, "a_admin")
    page = client.get(f"/dokumen/{draft}").get_data(as_text=True)
    assert "Impor Susunan KBK dari lembar kerja" in page
    assert "/dokumen/blanko-susunan.xlsx" in page

    response = _post(client, draft, GOOD.encode(), "susunan.csv")
    assert response.status_code == 303
    body = client.get(f"/dokumen/{draft}").get_data(as_text=True)
    assert "4 baris Susunan KBK dibaca dari susunan.csv" in body
    assert 'value="RINA PERTIWI"' in body
    susunan = _data(app, draft)["susunan"]
    assert [m["nama"] for m in susunan] == ["ATO SUSANTO", "SRI WAHYUNI", "BUDI",
                                            "RINA PERTIWI"]
    assert susunan[1] == {"nama": "SRI WAHYUNI", "nip": "196904121992032004",
                          "jabatan": "Sekretaris Dinas", "kedudukan": "ketua"}


def test_bad_rows_are_named_and_nothing_is_kept(app, client, world):
    data = sample("sk-kbk")
    draft = add_document(app, "sk-kbk", world.units["A"], {**data, "nomor": ""})
    login(client, "a_admin")
    bad = CSV + "SITI,1234,,Bendahara\n"
    response = _post(client, draft, bad.encode(), "susunan.csv")
    assert response.status_code == 422
    body = htmllib.unescape(response.get_data(as_text=True))
    assert "Berkas belum dapat dibaca: baris 3, kolom nip: NIP harus 18 digit, bukan 4; " \
        "baris 3, kolom jabatan: wajib diisi; baris 3, kolom kedudukan: harus salah satu " \
        "dari Penanggung Jawab, Ketua, Sekretaris, Anggota (bukan 'Bendahara')" in body
    assert _data(app, draft)["susunan"] == data["susunan"]
    response = _post(client, draft, b"%PDF-1.4", "susunan.pdf")
    assert response.status_code == 422
    assert "susunan.pdf: berkas harus .xlsx atau .csv" in response.get_data(as_text=True)


def test_a_zip_bomb_is_refused_before_it_is_read(app, client, world):
    draft = add_document(app, "sk-agen-perubahan", world.units["A"],
                         {**sample("sk-agen-perubahan"), "nomor": ""})
    login(client, "a_admin")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    response = _post(client, draft, bomb.getvalue(), "agen.xlsx")
    assert response.status_code == 422
    assert "kemungkinan zip bomb" in response.get_data(as_text=True)


def test_agen_imported_and_a_final_is_never_changed(app, client, world):
    data = sample("sk-agen-perubahan")
    final = add_document(app, "sk-agen-perubahan", world.units["A"], data, final=True)
    login(client, "a_admin")
    page = client.get(f"/dokumen/{final}").get_data(as_text=True)
    assert "Impor Agen Perubahan" not in page
    sheet = ("nama,nip,pangkat_golongan,jabatan,kriteria_a,kriteria_b,kriteria_c,"
             "kriteria_d,kriteria_e,kriteria_f\n"
             "DEWI,199008252015032003,Penata (III/c),Pranata Komputer,ya,ya,ya,ya,ya,ya\n")
    response = _post(client, final, sheet.encode(), "agen.csv")
    assert response.status_code == 303
    assert "Dokumen final tidak dapat diubah" in client.get(f"/dokumen/{final}").get_data(
        as_text=True)
    assert _data(app, final)["agen"] == data["agen"]
    draft = add_document(app, "sk-agen-perubahan", world.units["A"], {**data, "nomor": ""})
    assert _post(client, draft, sheet.encode(), "agen.csv").status_code == 303
    assert _data(app, draft)["agen"] == [{
        "nama": "DEWI", "nip": "199008252015032003", "pangkat_golongan": "Penata (III/c)",
        "jabatan": "Pranata Komputer", "kriteria": dict.fromkeys("abcdef", True)}]


def test_other_units_and_other_types_cannot_import(app, client, world):
    draft = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    login(client, "b_admin")
    assert _post(client, draft, GOOD.encode(), "s.csv").status_code == 404
    client.post("/keluar")
    login(client, "a_sek")
    form_a = add_document(app, "kbk-form-a", world.units["A"], sample("kbk-form-a"))
    assert _post(client, form_a, GOOD.encode(), "s.csv").status_code == 303
    assert "tidak mempunyai baris yang dapat diimpor" in client.get(
        f"/dokumen/{form_a}").get_data(as_text=True)


def test_blank_sheets_download(client, world):
    login(client, "a_admin")
    for sheet in (SUSUNAN, AGEN):
        response = client.get(f"/dokumen/blanko-{sheet.jenis}.xlsx")
        assert response.status_code == 200
        assert "attachment" in response.headers["Content-Disposition"]
        book = load_workbook(io.BytesIO(response.data))
        assert [c.value for c in book.active[1]] == sheet.header
    assert client.get("/dokumen/blanko-lain.xlsx").status_code == 404


def test_agen_and_role_model_pick_from_the_units_kbk_members(app, client, world):
    kbk = sample("sk-kbk")
    add_document(app, "sk-kbk", world.units["A"], kbk)
    login(client, "a_admin")
    page = client.get("/dokumen/baru/sk-agen-perubahan").get_data(as_text=True)
    assert 'id="pick-kbk-members"' in page and "pick_members.js" in page
    for member in kbk["susunan"]:
        assert f'<option value="{htmllib.escape(member["nama"])}"' in page
    assert '"nip": "19740706 199311 1 001"' in htmllib.unescape(page)
    role_model = client.get("/dokumen/baru/sk-role-model").get_data(as_text=True)
    assert "penandatangan" in role_model and 'id="pick-kbk-members"' in role_model
    client.post("/keluar")
    login(client, "b_admin")  # unit B has no SK KBK: nothing of unit A is offered
    page = client.get("/dokumen/baru/sk-agen-perubahan").get_data(as_text=True)
    assert 'id="pick-kbk-members"' not in page
    assert htmllib.escape(kbk["susunan"][1]["nama"]) not in page


def test_form_b_rows_pick_their_code_from_b1(app, client, world):
    data = sample("kbk-form-b")
    draft = add_document(app, "kbk-form-b", world.units["A"], {**data, "tanggal": "bukan"})
    login(client, "a_sek")
    page = client.get(f"/dokumen/{draft}").get_data(as_text=True)
    assert 'id="pick-kode-b1"' in page
    for masalah in data["masalah"]:
        assert f'<option value="{masalah["kode"]}"' in page
