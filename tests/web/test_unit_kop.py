"""admin_unit edits the kop of their own unit (never another one); new documents use it."""

from __future__ import annotations

import html as htmllib
import re

from docgen.storage import repo
from tests.conftest import docx_text
from tests.web.conftest import form_fields, login, sample

NEW_ALAMAT = "Jl. Letnan Jenderal S. Parman No. 9"


def _unit(app, unit_id: int):
    with app.extensions["docgen"].database.session() as session:
        return repo.get_unit(session, unit_id)


def _kop(unit) -> dict[str, str]:
    return {f: getattr(unit, f) or "" for f in ("nama", "singkatan", "alamat", "telepon",
                                                  "kode_pos", "laman", "email")}


def _value(html: str, name: str) -> str | None:
    match = re.search(rf'name="{re.escape(name)}"[^>]*value="([^"]*)"', html)
    return htmllib.unescape(match.group(1)) if match else None


def test_admin_unit_edits_own_kop_and_the_next_document_prints_it(app, client, world):
    login(client, "a_admin")
    assert 'href="/unit/kop"' in client.get("/dokumen").get_data(as_text=True)
    page = client.get("/unit/kop")
    assert page.status_code == 200
    assert "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu" in page.get_data(
        as_text=True)
    fields = _kop(_unit(app, world.units["A"]))

    bad = dict(fields, nama="", alamat=NEW_ALAMAT)
    response = client.post("/unit/kop", data=bad)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'class="errors"' in html and f'value="{NEW_ALAMAT}"' in html  # typed text kept
    taken = dict(fields, nama="Kecamatan Kalimanah")  # unit B's name
    assert "sudah dipakai unit lain" in client.post("/unit/kop", data=taken).get_data(
        as_text=True)
    assert _unit(app, world.units["A"]).alamat == "Jl. May. Jend Sungkono Km 2"

    good = dict(fields, alamat=NEW_ALAMAT, telepon="(0281) 123456", jenis="kecamatan")
    assert client.post("/unit/kop", data=good).status_code == 303
    unit = _unit(app, world.units["A"])
    assert (unit.alamat, unit.telepon, unit.jenis) == (NEW_ALAMAT, "(0281) 123456", "dinas")

    form = client.get("/dokumen/baru/sk-kbk").get_data(as_text=True)
    assert _value(form, "perangkat_daerah.alamat") == NEW_ALAMAT
    data = sample("sk-kbk")
    data["perangkat_daerah"].update(alamat=_value(form, "perangkat_daerah.alamat"),
                                    telepon=_value(form, "perangkat_daerah.telepon"))
    response = client.post("/dokumen/baru/sk-kbk", data=form_fields("sk-kbk", data))
    doc_id = int(response.headers["Location"].rsplit("/", 1)[1])
    text = docx_text(client.get(f"/dokumen/{doc_id}/unduh.docx").data)
    assert NEW_ALAMAT in text and "(0281) 123456" in text


def test_admin_unit_cannot_edit_another_unit(app, client, world):
    before = _kop(_unit(app, world.units["B"]))
    login(client, "a_admin")
    changed = dict(before, alamat="Jl. Bukan Milik A")
    assert client.post(f"/admin/unit/{world.units['B']}", data=changed).status_code == 403
    assert client.get(f"/admin/unit/{world.units['B']}").status_code == 403
    # the own-kop page takes no unit id: a smuggled one changes nothing of unit B
    own = dict(_kop(_unit(app, world.units["A"])), unit_id=str(world.units["B"]))
    assert client.post("/unit/kop", data=own).status_code == 303
    assert _kop(_unit(app, world.units["B"])) == before
    for username in ("a_sek", "b_sek", "admin", "hukum"):
        login(client, username)
        assert client.get("/unit/kop").status_code == 403, username
        assert client.post("/unit/kop", data=changed).status_code == 403, username
    assert _kop(_unit(app, world.units["B"])) == before
