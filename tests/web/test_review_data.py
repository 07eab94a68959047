"""Regulation data sets as reviewable data: checks, computation changes, four eyes, use."""

from __future__ import annotations

from docgen.domain import regulation, scored_card
from docgen.storage import review_repo
from docgen.storage.models import DataVersionRow
from tests.conftest import docx_text
from tests.web.conftest import add_document, login, sample

UU_25 = "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"
UU_25_NEW = UU_25 + " sebagaimana telah diubah dengan Undang-Undang Nomor 99 Tahun 2030"


def _rows(app, name: str) -> list[DataVersionRow]:
    with app.extensions["docgen"].database.session() as session:
        return review_repo.versions(session, DataVersionRow, name)


def _in_use(app) -> regulation.Regulation:
    """The regulation snapshot the app renders with now (its approved data sets)."""
    with app.extensions["docgen"].database.session() as session:
        return app.extensions["docgen"].regulations.current(session)


def _submit(client, name: str, text: str, action: str = "ajukan", note: str = "uji"):
    return client.post(f"/tinjauan/data/{name}",
                       data={"teks": text.replace("\n", "\r\n"), "catatan": note,
                             "_action": action})


def test_bundled_data_sets_are_version_1(app, world):
    for name in regulation.names():
        (row,) = _rows(app, name)
        assert (row.number, row.status, row.author) == (1, "approved", "sistem")
        assert row.content == regulation.bundled_text(name)


def test_four_eyes_and_an_approved_legal_basis_shows_up_in_the_next_sk(app, client, world):
    old_doc = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"), final=True)
    text = regulation.bundled_text("dasar_hukum")
    assert UU_25 in text
    login(client, "hukum")
    response = _submit(client, "dasar_hukum", text.replace(UU_25, UU_25_NEW),
                       note="UU Pelayanan Publik diubah")
    assert response.status_code == 303
    draft = _rows(app, "dasar_hukum")[0]
    assert (draft.number, draft.status) == (2, "draft")
    assert draft.content == text.replace(UU_25, UU_25_NEW)  # CRLF from the textarea gone

    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<ins> sebagaimana telah diubah dengan Undang-Undang Nomor 99 Tahun 2030</ins>" in page
    assert 'id="setujui" disabled' in page
    refused = client.post("/tinjauan/data/dasar_hukum/2/setujui")
    assert refused.status_code == 403
    assert "prinsip empat mata" in refused.get_data(as_text=True)
    login(client, "admin")
    assert client.post("/tinjauan/data/dasar_hukum/2/setujui").status_code == 403
    assert _submit(client, "dasar_hukum", text + "\n# x\n").status_code == 403
    assert [r.status for r in _rows(app, "dasar_hukum")] == ["draft", "approved"]

    # not yet approved: a new SK still cites the old text
    login(client, "a_admin")
    assert UU_25_NEW not in client.get("/dokumen/baru/sk-kbk").get_data(as_text=True)

    login(client, "hukum2")
    assert client.post("/tinjauan/data/dasar_hukum/2/setujui").status_code == 303
    assert [r.status for r in _rows(app, "dasar_hukum")] == ["approved", "retired"]

    login(client, "a_admin")
    form = client.get("/dokumen/baru/sk-kbk").get_data(as_text=True)
    assert UU_25_NEW in form  # the prefilled Mengingat
    new_doc = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    assert UU_25_NEW in docx_text(client.get(f"/dokumen/{new_doc}/unduh.docx").data)
    old_text = docx_text(client.get(f"/dokumen/{old_doc}/unduh.docx").data)
    assert UU_25 in old_text and UU_25_NEW not in old_text  # a final keeps its wording


def test_scored_card_weights_that_no_longer_add_up_are_refused(app, client, world):
    text = regulation.bundled_text("scored_card")
    broken = text.replace("{kode: integritas_1, bobot: 4,", "{kode: integritas_1, bobot: 5,")
    assert broken != text
    login(client, "hukum")
    checked = _submit(client, "scored_card", broken, action="periksa")
    assert checked.status_code == 422
    html = checked.get_data(as_text=True)
    assert "bobot nilai Integritas berjumlah 21, harus 20" in html
    assert "jumlah seluruh bobot 101, harus 100" in html
    assert "bobot integritas_1: 4 \u2192 5" in html  # the computation change is shown
    refused = _submit(client, "scored_card", broken)
    assert refused.status_code == 422
    assert "Data ditolak: tidak disimpan" in refused.get_data(as_text=True)
    assert len(_rows(app, "scored_card")) == 1


def test_weights_change_only_with_a_passing_check_and_then_drive_computation(app, client,
                                                                            world):
    text = regulation.bundled_text("scored_card")
    moved = (text.replace("{kode: integritas_1, bobot: 4,", "{kode: integritas_1, bobot: 5,")
             .replace("{kode: integritas_3, bobot: 4,", "{kode: integritas_3, bobot: 3,"))
    login(client, "hukum")
    checked = _submit(client, "scored_card", moved, action="periksa")
    assert checked.status_code == 200
    html = checked.get_data(as_text=True)
    assert "Pemeriksaan lolos" in html
    assert "bobot integritas_1: 4 \u2192 5" in html and "bobot integritas_3: 4 \u2192 3" in html
    assert len(_rows(app, "scored_card")) == 1  # "Periksa" stores nothing
    assert _submit(client, "scored_card", moved).status_code == 303
    (draft, _) = _rows(app, "scored_card")
    assert draft.changes == ["bobot integritas_1: 4 \u2192 5", "bobot integritas_3: 4 \u2192 3"]
    weights = {s.kode: s.bobot for s in scored_card.sub_unsur_list(_in_use(app))}
    assert (weights["integritas_1"], weights["integritas_3"]) == (4, 4)
    login(client, "hukum2")
    assert client.post("/tinjauan/data/scored_card/2/setujui").status_code == 303
    weights = {s.kode: s.bobot for s in scored_card.sub_unsur_list(_in_use(app))}
    assert (weights["integritas_1"], weights["integritas_3"]) == (5, 3)


def test_data_page_for_readers(app, client, world):
    login(client, "admin")
    html = client.get("/tinjauan/data/kuesioner").get_data(as_text=True)
    assert 'name="teks"' not in html and "Teks versi berlaku" in html
    assert client.get("/tinjauan/data/kuesioner/1.yaml").data.decode() == \
        regulation.bundled_text("kuesioner")
    assert client.get("/tinjauan/data/tidak_ada").status_code == 404
    login(client, "hukum")
    html = client.get("/tinjauan/data/kuesioner").get_data(as_text=True)
    assert 'name="teks"' in html and "Ajukan versi baru" in html


def test_data_page_lists_lost_texts_and_facts_to_confirm(client, world):
    login(client, "hukum")
    html = client.get("/tinjauan/data/scored_card").get_data(as_text=True)
    assert "Perlu dilengkapi Bagian Hukum" in html
    assert "integritas_2a" in html and "maupun dalam bersikap dalam bekerja;" in html
    assert "tidak dapat ditandai final" in html
    html = client.get("/tinjauan/data/dasar_hukum").get_data(as_text=True)
    assert "perlu_konfirmasi_bagian_hukum" in html and "uu_13_1950" in html
    html = client.get("/tinjauan/data/tugas").get_data(as_text=True)
    assert "Perlu dilengkapi Bagian Hukum" not in html
