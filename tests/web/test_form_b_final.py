"""A Form B cannot be final while B-2, B-3 or B-4 is empty (the model's reasons against a
final, ``FormB.penghalang_final``, checked by ``docgen.documents.gate``)."""

from __future__ import annotations

import html as htmllib

from docgen.documents import gate
from docgen.registry import REGISTRY
from docgen.storage import repo
from tests.web.conftest import add_document, form_fields, login, sample

FORM_B = REGISTRY.get("kbk-form-b")


def only_b1() -> dict:
    data = sample("kbk-form-b")
    for field in ("prioritas", "rencana_tindak", "pemantauan"):
        data[field] = {}
    data.pop("tanggal_pemantauan", None)
    return data


def test_empty_sections_are_named_and_a_full_form_b_passes():
    [message] = gate.domain_blockers(FORM_B, only_b1())
    assert message.startswith("Form B-2 (prioritas pemecahan masalah), Form B-3 (rencana "
                              "tindak) dan Form B-4 (pemantauan pelaksanaan) masih kosong: "
                              "Form B tidak dapat ditandai final")
    partly = {**sample("kbk-form-b"), "pemantauan": {}}
    partly.pop("tanggal_pemantauan", None)
    assert gate.domain_blockers(FORM_B, partly) == [
        "Form B-4 (pemantauan pelaksanaan) masih kosong: Form B tidak dapat ditandai final "
        "sebelum B-2 s.d. B-4 diisi untuk masalah yang diteruskan dari Form B-1 (3 masalah)"]
    assert gate.domain_blockers(FORM_B, sample("kbk-form-b")) == []
    assert gate.domain_blockers(REGISTRY.get("kbk-form-a"), sample("kbk-form-a")) == []


def test_the_preview_lists_it_as_blocking():
    warnings = gate.domain_warnings(FORM_B, only_b1())
    notices = gate.notices((), [], warnings)
    assert notices[0].blocking and "Form B-2" in notices[0].text
    assert not any(n.blocking for n in notices[1:])


def test_marking_an_only_b1_form_b_final_is_refused_and_it_stays_a_draft(app, client, world):
    draft = add_document(app, "kbk-form-b", world.units["A"], only_b1())
    login(client, "a_sek")
    fields = form_fields("kbk-form-b", only_b1())
    fields["_action"] = "final"
    response = client.post(f"/dokumen/{draft}", data=fields)
    assert response.status_code == 422
    body = htmllib.unescape(response.get_data(as_text=True))
    assert "Belum dapat ditandai final" in body
    assert "Form B-2 (prioritas pemecahan masalah), Form B-3 (rencana tindak) dan Form B-4 " \
        "(pemantauan pelaksanaan) masih kosong" in body
    with app.extensions["docgen"].database.session() as session:
        assert repo.get_document(session, draft).status == "draft"
