"""The scored card page: capaian labelled with the indicators' wording and the result
(total, category, subtotals, Gelar) shown by the server after saving (issue 11 item 4)."""

from __future__ import annotations

import json
import re

from docgen.domain import scored_card
from docgen.domain.regulation import Regulation
from tests.web.conftest import add_document, form_fields, login, sample


def _text(html: str, attribute: str, key: str | None = None) -> str:
    selector = f'{attribute}="{key}"' if key else attribute
    match = re.search(rf"<(?:dd|td|th)[^>]*{re.escape(selector)}[^>]*>(.*?)</(?:dd|td|th)>",
                      html, re.S)
    assert match, f"{selector} not on the page"
    return re.sub(r"\s+", " ", match.group(1)).strip()


def test_capaian_are_labelled_with_the_indicator_wording(client, world):
    login(client, "a_sek")
    html = client.get("/dokumen/baru/scored-card").get_data(as_text=True)
    assert '<label for="f-capaian-integritas_2b">b. Bersikap tulus dalam melayani' in html
    assert "Indikator 2. Bekerja dengan jujur dan tulus" in html
    # a text lost in the OCR copy shows its code and says so; nothing is invented
    assert re.search(r'<label for="f-capaian-integritas_2a">a\. integritas_2a '
                     r'\(teks indikator belum dilengkapi Bagian Hukum\)', html)
    assert "(bobot 4)" not in html and "Integritas indikator 2.a" not in html
    # the weights and categories the page computes with are the regulation's
    data = json.loads(re.search(r"<script type=\"application/json\" data-scored-card-data>"
                                r"(.*?)</script>", html, re.S).group(1))
    regulation = Regulation.bundled()
    assert [k["kode"] for k in data["kategori"]] == ["A", "B", "C", "D"]
    assert data["gelar"] == ["A", "B"]
    weights = {s["kode"]: s["bobot"] for n in data["nilai"] for i in n["indikator"]
               for s in i["sub"]}
    assert weights == {s.kode: s.bobot for s in scored_card.sub_unsur_list(regulation)}
    assert "Jumlah, kategori dan Gelar muncul setelah semua capaian diisi." in html


def test_saved_card_shows_total_category_subtotals_and_gelar(app, client, world):
    login(client, "a_sek")
    data = sample("scored-card")
    response = client.post("/dokumen/baru/scored-card", data=form_fields("scored-card", data),
                           follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    expected = scored_card.hitung(data["capaian"], Regulation.bundled())
    assert _text(html, "data-sc-total") == "85,73" == str(expected.total).replace(".", ",")
    assert _text(html, "data-sc-kategori") == "A (Sangat Baik)"
    assert _text(html, "data-sc-gelar").startswith("Boleh mengikuti")
    assert _text(html, "data-sc-subtotal", "Integritas") == "16,20"
    assert _text(html, "data-sc-subtotal", "Akuntabel") == "17,05"


def test_a_card_below_b_may_not_enter_the_gelar(app, client, world):
    data = sample("scored-card")
    data["capaian"] = {code: 49.99 for code in data["capaian"]}  # total 49,99: category C
    doc_id = add_document(app, "scored-card", world.units["A"], data)
    login(client, "a_sek")
    html = client.get(f"/dokumen/{doc_id}").get_data(as_text=True)
    assert _text(html, "data-sc-total") == "49,99"
    assert _text(html, "data-sc-kategori") == "C (Cukup)"
    assert _text(html, "data-sc-gelar").startswith("Belum boleh mengikuti")


def test_an_unfinished_card_shows_the_subtotals_typed_so_far(app, client, world):
    data = sample("scored-card")
    data["capaian"] = {"integritas_1": 50, "integritas_2b": "87,5", "profesional_1": "abc"}
    doc_id = add_document(app, "scored-card", world.units["A"], data)
    login(client, "a_sek")
    html = client.get(f"/dokumen/{doc_id}").get_data(as_text=True)
    assert _text(html, "data-sc-subtotal", "Integritas") == "5,50"  # 4*50% + 4*87,5%
    assert _text(html, "data-sc-subtotal", "Profesional") == "0,00"
    assert _text(html, "data-sc-total") == "–"
    missing = len(scored_card.sub_unsur_list(Regulation.bundled())) - 2
    assert f"{missing} capaian belum diisi" in html
