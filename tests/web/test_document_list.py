"""Issue 11 item 11: the document list's search, filters (in the URL) and paging, done
by the query; downloads offered only for documents that can be downloaded."""

from __future__ import annotations

import re

from docgen.documents.listing import PAGE_SIZE
from tests.web.conftest import add_document, login, sample


def _listed(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'<td><a href="/dokumen/(\d+)">', html)]


def _sk(nomor: str, tanggal: str, nama_kbk: str = "KBK SEMAR") -> dict:
    data = sample("sk-kbk")
    data.update(nomor=nomor, tanggal=tanggal, nama_kbk=nama_kbk)
    return data


def test_search_type_status_and_year_filter_the_list(app, client, world):
    unit = world.units["A"]
    sk_2024 = add_document(app, "sk-kbk", unit, _sk("800/215/2024", "2024-03-15"))
    sk_2025 = add_document(app, "sk-kbk", unit, _sk("800/017/2025", "2025-02-01"), final=True)
    form_a = add_document(app, "kbk-form-a", unit, sample("kbk-form-a"))
    other_unit = add_document(app, "sk-kbk", world.units["B"], _sk("800/215/2024", "2024-03-15"))
    login(client, "a_admin")
    everything = _listed(client.get("/dokumen").get_data(as_text=True))
    assert sorted(everything) == sorted([sk_2024, sk_2025, form_a])
    assert _listed(client.get("/dokumen?q=215/2024").get_data(as_text=True)) == [sk_2024]
    assert sorted(_listed(client.get("/dokumen?jenis=sk-kbk").get_data(as_text=True))) == \
        sorted([sk_2024, sk_2025])
    assert _listed(client.get("/dokumen?status=final").get_data(as_text=True)) == [sk_2025]
    assert sorted(_listed(client.get("/dokumen?status=draf").get_data(as_text=True))) == \
        sorted([sk_2024, form_a])
    assert _listed(client.get("/dokumen?tahun=2025").get_data(as_text=True)) == [sk_2025]
    html = client.get("/dokumen?jenis=sk-kbk&tahun=2024&q=800").get_data(as_text=True)
    assert _listed(html) == [sk_2024]
    # the filters stay filled in (the URL can be bookmarked and shared)
    assert 'value="800"' in html
    assert '<option value="sk-kbk" selected>' in html
    assert '<option value="2024" selected>' in html
    assert "1 dokumen cocok" in html
    assert other_unit not in _listed(client.get("/dokumen?q=800").get_data(as_text=True))
    empty = client.get("/dokumen?q=tidak-ada-nomor-ini").get_data(as_text=True)
    assert "Tidak ada dokumen yang cocok" in empty


def test_search_finds_a_unit_by_name_for_roles_that_read_all(app, client, world):
    a_doc = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    b_doc = add_document(app, "sk-kbk", world.units["B"], sample("sk-kbk"))
    login(client, "admin")
    listed = client.get("/dokumen").get_data(as_text=True)
    assert sorted(_listed(listed)) == sorted([a_doc, b_doc])
    html = client.get(f"/dokumen?unit={world.units['B']}").get_data(as_text=True)
    assert _listed(html) == [b_doc]
    unit_b = re.search(rf'<option value="{world.units["B"]}" selected>([^<]+)<', html)[1]
    assert _listed(client.get(f"/dokumen?q={unit_b[:12]}").get_data(as_text=True)) == [b_doc]


def test_malformed_filters_are_ignored_not_an_error(app, client, world):
    doc = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    login(client, "a_admin")
    for query in ("tahun=20x4", "status=x", "jenis=../x", "halaman=-3", "halaman=99999999999",
                  "q=%25_%5C"):
        response = client.get(f"/dokumen?{query}")
        assert response.status_code == 200, query
    assert _listed(client.get("/dokumen?tahun=20x4&status=x").get_data(as_text=True)) == [doc]
    assert _listed(client.get("/dokumen?q=%25").get_data(as_text=True)) == []


def test_the_list_is_paged_and_the_links_keep_the_filters(app, client, world):
    ids = [add_document(app, "kbk-form-a", world.units["A"], sample("kbk-form-a"))
           for _ in range(PAGE_SIZE + 2)]
    login(client, "a_admin")
    first = client.get("/dokumen?jenis=kbk-form-a").get_data(as_text=True)
    assert len(_listed(first)) == PAGE_SIZE
    assert "Halaman 1 dari 2" in first
    link = re.search(r'<a rel="next" href="([^"]+)"', first)[1].replace("&amp;", "&")
    assert "jenis=kbk-form-a" in link and "halaman=2" in link
    second = _listed(client.get(link).get_data(as_text=True))
    assert len(second) == 2
    assert sorted(_listed(first) + second) == sorted(ids)


def test_downloads_are_offered_only_for_documents_that_can_be_downloaded(app, client, world):
    invalid = sample("sk-kbk")
    invalid["nomor"] = ""
    broken = add_document(app, "sk-kbk", world.units["A"], invalid)
    valid = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    login(client, "a_admin")
    html = client.get("/dokumen").get_data(as_text=True)
    assert f'href="/dokumen/{valid}/unduh.docx"' in html
    assert f'href="/dokumen/{broken}/unduh.docx"' not in html
    assert f'href="/dokumen/{broken}#error-summary-title">Lengkapi isian' in html
    assert f'name="ids" value="{valid}"' in html
    assert f'name="ids" value="{broken}"' not in html
