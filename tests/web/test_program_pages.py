"""The regency's program pages (issue 12 items 1 and 2): /program, /program/nilai,
/program/gelar, the charts and the XLSX, read as a user reads them."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from lxml import html
from openpyxl import load_workbook

from docgen.documents.rekap import unit_types
from docgen.domain import program, scored_card
from docgen.domain.formatting import desimal
from docgen.domain.regulation import Regulation
from docgen.registry import REGISTRY
from docgen.storage import repo
from docgen.storage.seed import DEMO_UNITS
from tests.web.conftest import bearer, login, sample

NAMES = {"A": DEMO_UNITS[0]["nama"], "B": DEMO_UNITS[1]["nama"], "C": DEMO_UNITS[2]["nama"],
         "D": "Dinas Kesehatan"}


def _store(app, type_name: str, unit_id: int, data: dict, final: bool = False) -> int:
    """A document stored directly; a final one marked so without rendering (the bundled
    scored-card data prints "[teks Lampiran I ...]" markers that block a real final)."""
    with app.extensions["docgen"].database.session() as session:
        document = repo.create_document(session, type_name, unit_id, None, data)
        if final:
            repo.mark_final(document, None, "0" * 64)
        session.flush()
        return document.id


def _card(value: float, tanggal: str) -> dict:
    data = sample("scored-card")
    data["capaian"] = {code: value for code in data["capaian"]}
    data["tanggal"] = tanggal
    return data


def _dated(type_name: str, tanggal: str) -> dict:
    data = sample(type_name)
    data["tanggal"] = tanggal
    return data


def _monev(tanggal: str) -> dict:
    data = _dated("monev-rencana-tindak", tanggal)
    rows = data["monev"][:3]
    for row, (target, done) in zip(rows, [("10 kegiatan", "8 kegiatan"),
                                          ("4 kali", "3 kali"), ("0 kasus", "0 kasus")],
                                  strict=True):
        row.update(target=target, realisasi_target=done)
    data["monev"] = rows
    return data


@pytest.fixture()
def year(app, world) -> dict[str, object]:
    """2024: A (dinas) SK KBK final, scored card of exactly 50 final (B, the lowest that
    may enter the Gelar) and a later draft of 100, a monev draft (77,50 %); B (kecamatan)
    scored card 49.99 final (C), SK KBK draft; C (uptd) scored card 80 only as a draft;
    D (dinas) scored card 88.40 final, Laporan Evaluasi final."""
    with app.extensions["docgen"].database.session() as session:
        c = repo.create_unit(session, **DEMO_UNITS[2]).id
        d = repo.create_unit(session, **{**DEMO_UNITS[0], "nama": NAMES["D"],
                                         "singkatan": "DINKES"}).id
    a, b = world.units["A"], world.units["B"]
    ids = {"A": a, "B": b, "C": c, "D": d}
    docs = {
        "a_sk": _store(app, "sk-kbk", a, _dated("sk-kbk", "2024-02-01"), final=True),
        "a_card": _store(app, "scored-card", a, _card(50, "2024-11-01"), final=True),
        "a_card_draft": _store(app, "scored-card", a, _card(100, "2024-12-20")),
        "a_monev": _store(app, "monev-rencana-tindak", a, _monev("2024-12-10")),
        "b_card": _store(app, "scored-card", b, _card(49.99, "2024-12-16"), final=True),
        "b_sk": _store(app, "sk-kbk", b, _dated("sk-kbk", "2024-03-01")),
        "c_card": _store(app, "scored-card", c, _card(80, "2024-12-01")),
        "d_card": _store(app, "scored-card", d, _card(88.4, "2024-12-02"), final=True),
        "d_eval": _store(app, "laporan-evaluasi", d, _dated("laporan-evaluasi", "2024-11-29"),
                         final=True),
    }
    return {"units": ids, "docs": docs}


def _get(client, url: str) -> html.HtmlElement:
    response = client.get(url)
    assert response.status_code == 200, response.data[:400]
    return html.fromstring(response.get_data(as_text=True))


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _matrix(page) -> dict[str, dict[str, str]]:
    """Unit name -> {type: the cell's visible word} from the matrix."""
    rows = {}
    for tr in page.xpath("//table[@class='matrix']/tbody/tr"):
        unit = tr.xpath("th/text()")[0].strip()
        cells = [c.xpath("string(.//a/text()|.//span[@aria-hidden]/text())").strip()
                 for c in tr.xpath("td")]
        rows[unit] = dict(zip(unit_types(), cells, strict=True))
    return rows


def test_matrix_cells_counts_and_links(client, year):
    login(client, "admin")
    page = _get(client, "/program?tahun=2024")
    matrix = _matrix(page)
    assert set(matrix) == set(NAMES.values())
    assert matrix[NAMES["A"]]["sk-kbk"] == "Final" and matrix[NAMES["B"]]["sk-kbk"] == "Draf"
    assert matrix[NAMES["C"]]["sk-kbk"] == "—" and matrix[NAMES["C"]]["scored-card"] == "Draf"
    assert matrix[NAMES["A"]]["scored-card"] == "Final"  # the final counts over a later draft
    assert matrix[NAMES["A"]]["monev-rencana-tindak"] == "Draf"
    links = page.xpath("//table[@class='matrix']//a/@href")
    assert f"/dokumen/{year['docs']['a_card']}" in links
    assert f"/dokumen/{year['docs']['a_card_draft']}" not in links
    heads = page.xpath("//table[@class='matrix']/thead//abbr")
    assert [h.get("title") for h in heads] == [REGISTRY.get(t).title for t in unit_types()]
    counts = {tr.get("class"): [_text(td) for td in tr.xpath("td")]
              for tr in page.xpath("//table[@class='matrix']/tfoot/tr")}
    column = unit_types().index
    assert [counts[k][column("scored-card")] for k in ("count-final", "count-draft",
                                                       "count-none")] == ["3", "1", "0"]
    assert [counts[k][column("sk-kbk")] for k in ("count-final", "count-draft",
                                                  "count-none")] == ["1", "1", "2"]


def test_the_unit_kind_filter_and_the_year_picker(client, year):
    login(client, "admin")
    page = _get(client, "/program?tahun=2024&jenis=dinas")
    assert set(_matrix(page)) == {NAMES["A"], NAMES["D"]}
    assert page.xpath("//select[@id='program-jenis']/option[@selected]/@value") == ["dinas"]
    years = page.xpath("//select[@id='program-tahun']/option/@value")
    assert years[0] == str(max(date.today().year, 2024)) and "2024" in years
    assert page.xpath("//select[@id='program-tahun']/option[@selected]/@value") == ["2024"]
    tabs = page.xpath("//nav[@aria-label='Halaman program']//a/@href")
    assert tabs == ["/program?tahun=2024&jenis=dinas", "/program/nilai?tahun=2024&jenis=dinas",
                    "/program/gelar?tahun=2024&jenis=dinas"]
    assert "/program/rekap.xlsx?tahun=2024&jenis=dinas" in page.xpath("//a/@href")
    default = _get(client, "/program")
    assert default.xpath("//select[@id='program-tahun']/option[@selected]/@value") == [
        str(date.today().year)]
    for bad in ("?tahun=24", "?tahun=dua", "?jenis=planet"):
        assert client.get(f"/program{bad}").status_code == 400


def test_units_without_a_final_are_listed_per_type(client, year):
    login(client, "admin")
    page = _get(client, "/program?tahun=2024")
    lists = {_text(d.xpath("summary")[0]): d for d in page.xpath("//details[@class='belum']")}
    sk = lists["Unit yang belum memiliki SK KBK final (3 dari 4)"]
    items = [_text(li) for li in sk.xpath(".//li")]
    assert any(i.startswith(NAMES["B"]) and "ada draf" in i for i in items)
    assert {i.split(" — ")[0] for i in items} == {NAMES["B"], NAMES["C"], NAMES["D"]}
    card = lists["Unit yang belum memiliki Scored Card final (1 dari 4)"]
    assert card.get("open") is not None and f"/dokumen/{year['docs']['c_card']}" in \
        card.xpath(".//a/@href")


def _ranking(page) -> list[list[str]]:
    return [[_text(c) for c in tr.xpath("td|th")]
            for tr in page.xpath("//table[contains(@class,'ranking')]/tbody/tr")]


def test_ranking_order_subtotals_and_gelar(client, year):
    login(client, "admin")
    page = _get(client, "/program/nilai?tahun=2024")
    rows = _ranking(page)
    assert [r[1] for r in rows] == [NAMES["D"], NAMES["C"], NAMES["A"], NAMES["B"]]
    regulation = Regulation.bundled()
    names = scored_card.nilai_names(regulation)
    heads = [_text(th) for th in page.xpath("//table[contains(@class,'ranking')]/thead//th")]
    assert heads[3:3 + len(names)] == names
    for row, value in zip(rows, (88.4, 80, 50, 49.99), strict=True):
        result = scored_card.hitung({c: value for c in scored_card.codes(regulation)},
                                    regulation)
        assert row[3:3 + len(names)] == [desimal(result.subtotal[n], 2) for n in names]
    assert rows[0][0] == "1" and rows[0][-4:] == ["88,40", "A (Sangat Baik)", "final", "Layak"]
    assert rows[1][-4:] == ["80,00", "A (Sangat Baik)", "draf",
                            "Belum: scored card masih draf"]
    assert rows[2][-4:] == ["50,00", "B (Baik)", "final", "Layak"]
    assert rows[3][-4:] == ["49,99", "C (Cukup)", "final", "Tidak"]
    averages = {_text(tr.xpath("th")[0]): _text(tr.xpath("td")[0]) for tr in page.xpath(
        "//caption[@id='rata-jenis-cap']/../tbody/tr")}
    assert averages == {"Dinas (2 unit)": "69,20", "Kecamatan (1 unit)": "49,99"}


def test_gelar_eligibility_at_the_boundaries(client, year):
    login(client, "admin")
    page = _get(client, "/program/gelar?tahun=2024")
    layak = [[_text(c) for c in tr.xpath("td|th")]
             for tr in page.xpath("//table[contains(@class,'gelar-layak')]/tbody/tr")]
    assert layak == [["1", NAMES["D"], "Dinas", "88,40", "A (Sangat Baik)"],
                     ["2", NAMES["A"], "Dinas", "50,00", "B (Baik)"]]
    reasons = {li.xpath("strong")[0].text: _text(li) for li in page.xpath(
        "//ul[@class='tidak-layak']/li")}
    assert set(reasons) == {NAMES["B"], NAMES["C"]}
    assert "kategori C (Cukup), total 49,99" in reasons[NAMES["B"]]
    assert "scored card baru draf (total 80,00, kategori A (Sangat Baik))" in reasons[NAMES["C"]]
    button = page.xpath("//a[normalize-space()='Buat Keputusan Penghargaan']/@href")
    if "keputusan-penghargaan" in REGISTRY:
        assert button == ["/dokumen/baru/keputusan-penghargaan?tahun=2024"]
    login(client, "hukum")
    page = _get(client, "/program/gelar?tahun=2024")
    assert not page.xpath("//a[normalize-space()='Buat Keputusan Penghargaan']")
    without = _get(client, "/program/gelar?tahun=2023")
    assert "Belum ada unit yang memenuhi syarat" in _text(without)
    assert "belum ada scored card" in _text(without)


def test_laporan_evaluasi_averages_as_the_document_prints_them(app, client, year):
    data = _dated("laporan-evaluasi", "2024-11-29")
    rendered = app.extensions["docgen"].pipeline.render_docx("laporan-evaluasi", data)
    document = docx.Document(io.BytesIO(rendered.docx))
    printed = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    nilai = program.nilai_evaluasi(data, Regulation.bundled())
    assert nilai is not None
    login(client, "pembinaan")
    page = _get(client, "/program/nilai?tahun=2024")
    rows = page.xpath("//table[contains(@class,'evaluasi')]/tbody/tr")
    assert len(rows) == 1 and _text(rows[0].xpath("th")[0]) == NAMES["D"]
    cells = [_text(td) for td in rows[0].xpath("td")]
    for cell, kelompok in zip(cells[:-2], nilai.kelompok, strict=True):
        assert kelompok.teks in printed and kelompok.kategori in printed
        assert cell == f"{kelompok.teks} {kelompok.kategori}"
    assert cells[-2:] == [str(len(data["responden"])), "final"]


def test_agent_capaian(client, year):
    login(client, "admin")
    page = _get(client, "/program/nilai?tahun=2024")
    rows = [[_text(c) for c in tr.xpath("td|th")]
            for tr in page.xpath("//table[contains(@class,'agen')]/tbody/tr")]
    agen = sample("monev-rencana-tindak")["agen_perubahan"]
    assert rows == [["1", agen["nama"], agen["nip"], NAMES["A"], "77,50 %", "2 dari 3",
                     "draf"]]


def test_the_charts_are_png(client, year):
    login(client, "hukum")
    for name in ("nilai", "jenis"):
        response = client.get(f"/program/grafik/{name}.png?tahun=2024&jenis=dinas")
        assert response.status_code == 200 and response.mimetype == "image/png"
        assert response.data.startswith(b"\x89PNG\r\n\x1a\n")
        assert client.get(f"/program/grafik/{name}.png?tahun=2030").status_code == 404
    page = _get(client, "/program/nilai?tahun=2024")
    alts = page.xpath("//figure//img/@alt")
    assert len(alts) == 2 and "Integritas" in alts[0] and "Dinas (2 unit) 69,20 dari 100" in \
        alts[1]
    empty = _get(client, "/program/nilai?tahun=2030")
    assert not empty.xpath("//figure//img")
    assert "Belum ada scored card final" in _text(empty)


def test_the_workbook(client, year):
    login(client, "admin")
    response = client.get("/program/rekap.xlsx?tahun=2024")
    assert response.status_code == 200
    assert "rekap-program-budaya-kerja-2024.xlsx" in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Dokumen", "Nilai", "Evaluasi", "Agen Perubahan", "Gelar"]
    dokumen = book["Dokumen"]
    assert "2024" in dokumen["A1"].value and "semua jenis unit" in dokumen["A1"].value
    heads = [c.value for c in dokumen[3]]
    assert heads[:3] == ["Unit", "Jenis", "SK KBK"] and dokumen.freeze_panes == "B4"
    rows = {r[0]: r for r in dokumen.iter_rows(min_row=4, max_row=7, values_only=True)}
    assert rows[NAMES["B"]][heads.index("SK KBK")] == "Draf"
    assert rows[NAMES["C"]][heads.index("Scored Card")] == "Draf"
    counts = {r[0]: r for r in dokumen.iter_rows(min_row=9, values_only=True)}
    assert counts["Jumlah final"][heads.index("Scored Card")] == 3
    nilai = book["Nilai"]
    top = [c for c in nilai[4]]
    assert [c.value for c in top[:3]] == [1, NAMES["D"], "Dinas"]
    total = top[3 + len(scored_card.nilai_names(Regulation.bundled()))]
    assert total.value == pytest.approx(88.4) and total.number_format == "0.00"
    assert [c.value for c in top[-3:]] == ["A (Sangat Baik)", "Final", "Layak"]
    assert [c.value for c in nilai[5]][-3:] == ["A (Sangat Baik)", "Draf",
                                                "Belum: scored card masih draf"]
    agen = [c.value for c in book["Agen Perubahan"][4]]
    assert agen[1] == sample("monev-rencana-tindak")["agen_perubahan"]["nama"]
    assert agen[4] == pytest.approx(77.5) and book["Agen Perubahan"]["E4"].number_format == "0.00"
    evaluasi = [c.value for c in book["Evaluasi"][4]]
    assert evaluasi[0] == NAMES["D"] and evaluasi[-1] == "Final"
    gelar = [r for r in book["Gelar"].iter_rows(min_row=4, values_only=True)]
    assert [r[0] for r in gelar[:2]] == [NAMES["D"], NAMES["A"]]
    assert gelar[2][0] == NAMES["B"] and "kategori C (Cukup), total 49,99" in gelar[2][4]


@pytest.mark.parametrize("url", ["/program", "/program/nilai", "/program/gelar",
                                 "/program/rekap.xlsx", "/program/grafik/nilai.png?tahun=2024"])
def test_only_the_regencys_readers(client, year, url):
    for name in ("a_admin", "a_sek"):
        login(client, name)
        assert client.get(url).status_code == 403, name
    for name in ("pembinaan", "hukum", "admin"):
        login(client, name)
        assert client.get(url).status_code == 200, name
    client.post("/keluar")
    assert client.get(url).status_code == 302


def test_the_nav_link_is_for_the_three_roles(client, year):
    for name, shown in (("admin", True), ("pembinaan", True), ("hukum", True),
                        ("a_admin", False)):
        login(client, name)
        page = _get(client, "/dokumen")
        assert bool(page.xpath("//header//a[@href='/program']")) is shown, name


def test_the_pages_agree_with_the_api(client, runner, year):
    created = runner("create-token", "admin")
    api = client.get("/api/v1/rekap?tahun=2024", headers=bearer(created.output.strip())).json
    login(client, "admin")
    matrix = _matrix(_get(client, "/program?tahun=2024"))
    words = {"final": "Final", "draft": "Draf", None: "—"}
    for unit in api["units"]:
        assert matrix[unit["nama"]] == {t: words[s] for t, s in unit["dokumen"].items()}
    ranking = _ranking(_get(client, "/program/nilai?tahun=2024"))
    by_id = {u["unit_id"]: u for u in api["units"]}
    assert [r[1] for r in ranking] == [by_id[i]["nama"] for i in api["peringkat"]]
    for row, unit_id in zip(ranking, api["peringkat"], strict=True):
        card = by_id[unit_id]["scored_card"]
        assert row[-4] == desimal(card["total"], 2) and row[-3].startswith(card["kategori"])
        assert (row[-1] == "Layak") is by_id[unit_id]["gelar"]


def test_the_matrix_counts_the_months_with_a_final_monthly_report(app, client, world):
    a = world.units["A"]
    for bulan, final in ((1, True), (2, True), (3, False)):
        data = sample("laporan-bulanan-kbk")
        data.update(tahun=2024, bulan=bulan, tanggal=f"2024-{bulan:02d}-28")
        _store(app, "laporan-bulanan-kbk", a, data, final=final)
    login(client, "pembinaan")
    page = html.fromstring(client.get("/program?tahun=2024").get_data(as_text=True))
    [months] = page.xpath("//span[@class='months']")
    assert months.text_content() == "2/12 bulan"
    assert months.get("title") == "Bulan dengan laporan final: 1, 2"
