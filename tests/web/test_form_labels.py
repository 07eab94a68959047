"""What the generated forms say (issue 11 items 6 and 8): help texts, labels naming their
row, ids that exist, the error summary naming whose field, numbers and placeholders."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from docgen.registry import REGISTRY
from tests.web.conftest import form_fields, login, sample, user_for_type

TYPES = [t.name for t in REGISTRY]


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.described: list[str] = []
        self.in_template = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "template":
            self.in_template += 1
        if values.get("id") and not self.in_template:
            self.ids.add(values["id"])
        if values.get("aria-describedby") and not self.in_template:
            self.described.extend(values["aria-describedby"].split())

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template -= 1


def _ids(html: str) -> _Ids:
    parser = _Ids()
    parser.feed(html)
    return parser


def _post(client, type_name: str, data: dict):
    """Save a new draft as the browser does and land on the page that shows it."""
    return client.post(f"/dokumen/baru/{type_name}", data=form_fields(type_name, data),
                       follow_redirects=True)


@pytest.mark.parametrize("type_name", TYPES)
def test_every_described_by_points_at_an_element_of_the_page(client, world, type_name):
    login(client, user_for_type(type_name))
    page = _ids(client.get(f"/dokumen/baru/{type_name}").get_data(as_text=True))
    assert page.described  # help texts are referenced ...
    assert set(page.described) <= page.ids  # ... and every reference exists


def test_table_columns_show_their_help_and_inputs_name_their_row(client, world):
    login(client, "a_admin")
    data = sample("rencana-tindak")
    html = _post(client, "rencana-tindak", data).get_data(as_text=True)
    # the column help is on the page, once, and each cell of the column points at it
    assert re.search(r'<dd id="help-f-rencana-sasaran">[^<]+</dd>', html)
    cell = re.search(r'<textarea [^>]*name="rencana\[1\]\.sasaran"[^>]*>', html).group(0)
    assert 'aria-describedby="help-f-rencana-sasaran"' in cell
    assert re.search(r'aria-label="Sasaran \(baris 2\)"', cell)
    assert 'aria-label="Hapus baris 2"' in html
    assert _ids(html).described and set(_ids(html).described) <= _ids(html).ids


def test_form_a_schedule_is_chosen_as_months_with_its_help_shown(app, client, world):
    login(client, "a_sek")
    html = client.get("/dokumen/baru/kbk-form-a").get_data(as_text=True)
    assert "name=\"kegiatan[__i0__].waktu\"" not in html
    for month in ("Januari", "Februari", "Desember"):
        assert re.search(rf'name="kegiatan\[__i0__\]\.bulan" value="{month.lower()}"'
                         rf'[^>]*> {month}</label>', html)
    assert "masuk laporan bulanan KBK bulan yang dicentang" in html  # help shown
    data = sample("kbk-form-a")
    data["kegiatan"][0].update(bulan=["maret", "september"], jadwal="Setiap Rabu")
    saved = _post(client, "kbk-form-a", data).get_data(as_text=True)
    assert re.search(r'name="kegiatan\[0\]\.bulan" value="maret"[^>]* checked', saved)
    assert not re.search(r'name="kegiatan\[0\]\.bulan" value="april"[^>]* checked', saved)
    assert re.search(r'name="kegiatan\[0\]\.jadwal"[^>]* value="Setiap Rabu"', saved)


def test_older_form_a_draft_opens_with_its_months_ticked(app, client, world):
    from tests.test_forms import older_form_a
    from tests.web.conftest import add_document

    doc_id = add_document(app, "kbk-form-a", world.units["A"], older_form_a())
    login(client, "a_sek")
    html = client.get(f"/dokumen/{doc_id}").get_data(as_text=True)
    assert re.search(r'name="kegiatan\[3\]\.bulan" value="maret"[^>]* checked', html)
    assert re.search(r'name="kegiatan\[3\]\.jadwal"[^>]* value="Maret 2024"', html)
    # rows laid out as cards say their row to screen readers
    assert re.search(r'<label for="f-kegiatan-3-tema">Tema<span class="sr"> \(baris 4\)'
                     r'</span>', html)


def test_error_summary_names_the_row_by_its_kedudukan(client, world):
    login(client, "a_admin")
    data = sample("sk-kbk")
    data["susunan"][2]["nama"] = ""  # the sekretaris
    html = _post(client, "sk-kbk", data).get_data(as_text=True)
    assert "Susunan baris 3 (Sekretaris) \u00b7 Nama: wajib diisi" in html
    assert 'href="#f-susunan-2-nama"' in html


def test_sekretaris_help_does_not_speak_of_the_ketua(client, world):
    login(client, "a_sek")
    html = client.get("/dokumen/baru/laporan-bulanan-kbk").get_data(as_text=True)
    assert "Nama Ketua" not in html


def test_decimal_comma_in_and_out(client, world):
    login(client, user_for_type("scored-card"))
    data = sample("scored-card")
    fields = form_fields("scored-card", data)
    fields["capaian.integritas_1"] = "87,5"
    fields["capaian.integritas_2a"] = "80"
    html = client.post("/dokumen/baru/scored-card", data=fields,
                       follow_redirects=True).get_data(as_text=True)
    assert re.search(r'name="capaian\.integritas_1"[^>]* value="87,5"', html)
    assert re.search(r'name="capaian\.integritas_2a"[^>]* value="80"', html)
    assert 'value="80.0"' not in html and 'value="87.5"' not in html


@pytest.mark.parametrize("type_name", ["sk-kbk", "kbk-form-a", "laporan-evaluasi"])
def test_no_format_hint_under_a_date_picker(client, world, type_name):
    login(client, user_for_type(type_name))
    html = client.get(f"/dokumen/baru/{type_name}").get_data(as_text=True)
    assert 'type="date"' in html and "YYYY-MM-DD" not in html


def test_unit_kinds_are_written_properly(client, world):
    login(client, "admin")
    form = client.get("/admin/unit/baru").get_data(as_text=True)
    assert ">Sekretariat DPRD</option>" in form and ">UPTD</option>" in form
    assert "Sekretariat dprd" not in form and "Uptd" not in form
    login(client, "a_admin")
    new = client.get("/dokumen/baru/sk-kbk").get_data(as_text=True)
    assert ">Sekretariat DPRD</option>" in new
