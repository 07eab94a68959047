"""The legal review screens as a legal reviewer reads them: wording without template code,
data sets edited as forms (a row per item), and what waits for one's approval."""

from __future__ import annotations

import html
import re

import yaml
from flask import render_template_string
from werkzeug.datastructures import MultiDict

from docgen.domain import regulation
from docgen.storage import review_repo
from docgen.storage.models import DataVersionRow
from tests.web.conftest import login

SK_KBK = "Keputusan tentang Pembentukan Kelompok Budaya Kerja"
MENIMBANG_A = "bahwa dalam rangka mengoptimalkan pelaksanaan pengembangan budaya kerja"


def _drafts(app, name: str) -> list[DataVersionRow]:
    with app.extensions["docgen"].database.session() as session:
        return [r for r in review_repo.versions(session, DataVersionRow, name)
                if r.status == "draft"]


def _section(page: str, element_id: str, end: str) -> str:
    start = page.index(f'id="{element_id}"')
    return page[start:page.index(end, start)]


def _form_of(page: str) -> MultiDict:
    """The form's fields as a browser would send them (inputs, textareas, selects)."""
    start = page.index('class="stack data-form"')
    form = page[start:page.index("</form>", start)]
    fields: MultiDict = MultiDict()
    for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form):
        fields.add(name, _unescape(value))
    for name, value in re.findall(r'<textarea id="[^"]+" name="(\w+)"[^>]*>([^<]*)</textarea>',
                                  form):
        fields.add(name, _unescape(value))
    for name, body in re.findall(r'<select id="[^"]+" name="(\w+)">(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', body)
        fields.add(name, _unescape(chosen[1]) if chosen else "")
    return fields


def _unescape(text: str) -> str:
    return html.unescape(text)


def test_wording_reads_as_text_with_named_placeholders(app, client, world):
    login(client, "hukum")
    page = client.get("/tinjauan/templat/sk-kbk/1").get_data(as_text=True)
    readable = _section(page, "redaksi", "<details")
    assert "{%" not in readable and "{{" not in readable and "item.teks" not in readable
    assert '<span class="ph">[nama KBK]</span>' in readable
    assert '<span class="ph">[Menimbang: setiap butir]</span>' in readable
    assert "untuk setiap Menimbang:" in readable
    assert "untuk setiap anggota susunan:" in readable
    assert "jika ada a.n. Bupati:" in readable
    assert "Membentuk Kelompok Budaya Kerja" in readable  # the fixed wording, as it reads
    # the programmer's view is still there, behind a toggle
    assert "<summary>Lihat kode templat</summary>" in page
    code = _section(page, "kode-templat", "</details>")
    assert "{%tr for item in menimbang %}" in code


def test_badge_links_to_the_draft_and_second_lawyer_sees_what_waits(app, client, world):
    login(client, "hukum")
    page = client.get("/tinjauan").get_data(as_text=True)
    assert "Tidak ada draf dari anggota Bagian Hukum lain" in page
    text = regulation.bundled_text("tugas").replace("berperan aktif dalam kegiatan KBK; dan",
                                                    "berperan aktif dalam setiap kegiatan KBK; dan")
    response = client.post("/tinjauan/data/tugas", data={"teks": text, "catatan": "uji",
                                                          "_action": "ajukan"})
    assert response.status_code == 303
    own = client.get("/tinjauan").get_data(as_text=True)
    assert '<a class="badge badge-draft" href="/tinjauan/data/tugas/2">1 draf (versi 2)</a>' in own
    assert "Tidak ada draf dari anggota Bagian Hukum lain" in own  # not one's own

    login(client, "hukum2")
    other = client.get("/tinjauan").get_data(as_text=True)
    panel = other[other.index('id="menunggu-persetujuan"'):other.index("</section>",
                                                                        other.index("menunggu"))]
    assert "Menunggu persetujuan Anda (1)" in panel
    assert 'href="/tinjauan/data/tugas/2"' in panel and "Tugas dan peran · versi 2" in panel
    assert "diajukan hukum" in panel

    login(client, "admin")
    assert 'id="menunggu-persetujuan"' not in client.get("/tinjauan").get_data(as_text=True)


def test_menimbang_form_shows_rows_with_their_legal_reference(app, client, world):
    login(client, "hukum")
    page = client.get("/tinjauan/data/keputusan_default/formulir").get_data(as_text=True)
    assert f"<strong>{SK_KBK} › Menimbang</strong>" in page
    assert "Dasar: Pasal 8 huruf c, Pasal 9, Pasal 11, Pasal 12 ayat (2)" in page
    assert MENIMBANG_A in page
    assert f'aria-label="Hapus baris 1 dari {SK_KBK} › Menimbang"' in page
    # Mengingat rows choose a legal basis, shown by its citation
    assert "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik" in page


def test_form_edit_add_remove_check_and_propose_goes_the_yaml_path(app, client, world):
    login(client, "hukum")
    page = client.get("/tinjauan/data/keputusan_default/formulir").get_data(as_text=True)
    fields = _form_of(page)
    menimbang = next(k for k in fields if k[0] == "f" and MENIMBANG_A in fields.getlist(k)[0])
    rows = fields.getlist(menimbang)

    added = client.post("/tinjauan/data/keputusan_default/formulir",
                        data=MultiDict([*fields.items(multi=True), ("_tambah", menimbang)]))
    assert added.status_code == 200
    refilled = _form_of(added.get_data(as_text=True))
    assert refilled.getlist(menimbang) == [*rows, ""]  # one blank row more, nothing stored

    new_text = "bahwa Menimbang tambahan dari formulir;"
    values = [rows[0].replace("mengoptimalkan", "meningkatkan"), *rows[2:], new_text]
    refilled.setlist(menimbang, values)  # row 2 removed, row 1 changed, one row added
    refilled["catatan"] = "Menimbang sk-kbk diubah lewat formulir"
    refilled["_action"] = "ajukan"
    response = client.post("/tinjauan/data/keputusan_default/formulir", data=refilled)
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    (draft,) = _drafts(app, "keputusan_default")
    stored = yaml.safe_load(draft.content)
    assert stored["sk-kbk"]["menimbang"] == values
    assert stored["sk-agen-perubahan"] == yaml.safe_load(
        regulation.bundled_text("keputusan_default"))["sk-agen-perubahan"]
    assert draft.content.startswith("# Default Menimbang and Mengingat")  # header kept
    assert draft.author == "hukum" and draft.note == "Menimbang sk-kbk diubah lewat formulir"


def test_form_errors_come_from_the_same_validation_and_store_nothing(app, client, world):
    login(client, "hukum")
    fields = _form_of(client.get("/tinjauan/data/tugas/formulir").get_data(as_text=True))
    first = next(iter(k for k in fields if k.startswith("f")))
    fields.setlist(first, ["", ""])  # every butir of the first task emptied
    fields["_action"] = "periksa"
    checked = client.post("/tinjauan/data/tugas/formulir", data=fields)
    assert checked.status_code == 422
    body = checked.get_data(as_text=True)
    assert "kbk.butir: terlalu sedikit butir" in body
    fields["_action"] = "ajukan"
    assert client.post("/tinjauan/data/tugas/formulir", data=fields).status_code == 422
    assert _drafts(app, "tugas") == []


def test_questionnaire_wording_is_a_form_and_only_reviewers_post(app, client, world):
    login(client, "hukum")
    page = client.get("/tinjauan/data/kuesioner/formulir").get_data(as_text=True)
    assert "Pertanyaan" in page and "Jumlah dan nomor butir tetap" in page
    assert "Visi dan misi telah dipahami secara jelas" in page
    login(client, "admin")
    assert client.post("/tinjauan/data/kuesioner/formulir",
                       data={"teks": "x", "_action": "ajukan"}).status_code == 403


def test_every_page_can_show_how_many_drafts_wait_for_me(app, client, world):
    """``review_waiting()`` (for a notice in the navigation) counts others' drafts only."""
    login(client, "hukum")
    text = regulation.bundled_text("istilah") + "\n"
    assert client.post("/tinjauan/data/istilah", data={"teks": text + "# x\n", "catatan": "",
                                                        "_action": "ajukan"}).status_code == 303
    for user, expected in (("hukum", "0"), ("hukum2", "1"), ("admin", "0")):
        login(client, user)
        with client:
            client.get("/tinjauan")
            assert render_template_string("{{ review_waiting() }}") == expected, user


def test_the_navigation_tells_the_second_lawyer_what_waits(app, client, world):
    login(client, "hukum")
    text = regulation.bundled_text("istilah") + "\n"
    client.post("/tinjauan/data/istilah", data={"teks": text + "# x\n", "catatan": "",
                                                "_action": "ajukan"})
    notice = 'href="/tinjauan#menunggu-persetujuan">Menunggu persetujuan (1)</a>'
    assert notice not in client.get("/dokumen").get_data(as_text=True)  # not one's own
    login(client, "hukum2")
    assert notice in client.get("/dokumen").get_data(as_text=True)
