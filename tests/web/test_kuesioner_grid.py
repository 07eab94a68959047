"""Questionnaire answers typed in a grid of choices, and the answer sheet accepted on the
new Laporan Evaluasi page (issue 11 item 5)."""

from __future__ import annotations

import io
import re

from werkzeug.datastructures import MultiDict

from docgen.config import PROJECT_ROOT
from docgen.domain import evaluasi
from docgen.domain.regulation import Regulation
from docgen.storage import repo
from tests.web.conftest import form_fields, login, sample

SHEET = PROJECT_ROOT / "samples" / "laporan-evaluasi-responden.xlsx"


def grid_form(answers_per_row: list[list[int | None]]) -> MultiDict:
    """The new page's form as a browser posts it: radios ticked per respondent."""
    data = sample("laporan-evaluasi")
    data.pop("responden")
    fields = form_fields("laporan-evaluasi", data)
    for row, answers in enumerate(answers_per_row):
        fields.add(f"responden[{row}].jabatan", f"Staf {row + 1}")
        fields.add(f"responden[{row}].jawaban.__grid__", str(len(answers)))
        for index, answer in enumerate(answers):
            if answer is not None:
                fields.add(f"responden[{row}].jawaban[{index}]", str(answer))
    return fields


def _saved(app, doc_id: int) -> dict:
    with app.extensions["docgen"].database.session() as session:
        return repo.get_document(session, doc_id).data


def test_new_page_has_a_grid_of_choices_labelled_with_the_questions(client, world):
    login(client, "a_sek")
    data = sample("laporan-evaluasi")
    response = client.post("/dokumen/baru/laporan-evaluasi",
                           data=form_fields("laporan-evaluasi", data), follow_redirects=True)
    html = response.get_data(as_text=True)
    questions = evaluasi.pertanyaan_list(Regulation.bundled())
    first = questions[0]
    assert f'<span class="kg-no">1.</span> {first.teks}' in html
    assert html.count('name="responden[0].jawaban[16]"') == 4  # four radios
    chosen = data["responden"][0]["jawaban"][16]
    assert re.search(rf'name="responden\[0\]\.jawaban\[16\]" value="{chosen}" checked', html)
    assert f"<b>1</b> {first.skala[0]}" in html
    assert 'name="responden[0].jawaban"' not in html  # no box of 32 numbers any more


def test_grid_answers_are_saved_as_the_32_numbers(app, client, world):
    login(client, "a_sek")
    answers = [(i % 4) + 1 for i in range(32)]
    response = client.post("/dokumen/baru/laporan-evaluasi", data=grid_form([answers]))
    assert response.status_code == 303
    doc_id = int(response.headers["Location"].rsplit("/", 1)[-1])
    assert _saved(app, doc_id)["responden"][0]["jawaban"] == answers


def test_a_missing_answer_names_the_respondent_row_and_question(app, client, world):
    login(client, "a_sek")
    full = [2] * 32
    gap = [2] * 16 + [None] + [2] * 15
    response = client.post("/dokumen/baru/laporan-evaluasi",
                           data=grid_form([full, full, gap]), follow_redirects=True)
    html = response.get_data(as_text=True)
    assert re.search(r">Responden baris 3\b[^<]*Jawaban: pertanyaan 17: belum diisi</a>", html)
    assert '<li>pertanyaan 17: belum diisi</li>' in html  # beside the grid too
    # the other answers of that respondent stay ticked
    assert re.search(r'name="responden\[2\]\.jawaban\[17\]" value="2" checked', html)
    assert re.search(r'class="kg-q kg-missing"[^>]*>\s*<span class="kg-teks" '
                     r'id="f-responden-2-jawaban-16-teks"', html)


def test_new_page_offers_the_answer_sheet_upload(client, world):
    login(client, "a_sek")
    html = client.get("/dokumen/baru/laporan-evaluasi").get_data(as_text=True)
    assert "Punya berkas jawaban kuesioner?" in html
    assert 'formaction="/dokumen/baru/laporan-evaluasi/responden"' in html
    assert 'id="berkas-responden-baru" name="berkas"' in html


def test_sheet_sent_with_the_first_save_fills_the_respondents(app, client, world):
    login(client, "a_sek")
    fields = grid_form([])
    fields.add("berkas", (io.BytesIO(SHEET.read_bytes()), "jawaban.xlsx"))
    response = client.post("/dokumen/baru/laporan-evaluasi/responden", data=fields,
                           content_type="multipart/form-data")
    assert response.status_code == 303
    doc_id = int(response.headers["Location"].rsplit("/", 1)[-1])
    saved = _saved(app, doc_id)
    assert saved["unit_kerja"] == sample("laporan-evaluasi")["unit_kerja"]  # typed, kept
    assert len(saved["responden"]) >= 2
    html = client.get(f"/dokumen/{doc_id}").get_data(as_text=True)
    assert "responden dibaca dari jawaban.xlsx" in html
    assert "Hasil evaluasi (dihitung)" in html


def test_unreadable_sheet_on_the_new_page_keeps_the_draft_and_says_why(app, client, world):
    login(client, "a_sek")
    fields = grid_form([])
    fields.add("berkas", (io.BytesIO(b"jabatan,q1\nStaf,9\n"), "jawaban.csv"))
    response = client.post("/dokumen/baru/laporan-evaluasi/responden", data=fields,
                           content_type="multipart/form-data", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Draf disimpan tanpa berkas jawaban. Berkas jawaban belum dapat dibaca:" in html
    assert "Unggah jawaban kuesioner" in html  # the saved draft's upload box


def test_the_single_questionnaire_form_uses_the_grid_too(app, client, world):
    login(client, "a_sek")
    html = client.get("/dokumen/baru/kuesioner-evaluasi").get_data(as_text=True)
    assert html.count('type="radio" name="jawaban[') == 32 * 4
    answers = [3] * 32
    fields = MultiDict({"jawaban.__grid__": "32"})
    for index, answer in enumerate(answers):
        fields.add(f"jawaban[{index}]", str(answer))
    response = client.post("/dokumen/baru/kuesioner-evaluasi", data=fields)
    assert response.status_code == 303
    doc_id = int(response.headers["Location"].rsplit("/", 1)[-1])
    assert _saved(app, doc_id)["jawaban"] == answers
