"""Marking final is refused while a placeholder emblem or a blocking layout problem is
printed (real render, real LibreOffice, real layout check); a draft's preview lists the
problems above it, computed once per page view."""

from __future__ import annotations

import hashlib
import html as htmllib
import re

import pytest

from docgen.registry import DocumentType
from docgen.storage import repo
from docgen.storage.models import ArchiveEntry
from tests.conftest import pdf_text
from tests.web.conftest import (
    TEST_EMBLEMS,
    add_document,
    clear_emblems,
    form_fields,
    login,
    sample,
    store_emblems,
)
from tests.web.test_settings_emblems import media

SETTINGS_MESSAGE = ("Lambang daerah belum diunggah: admin kabupaten mengunggahnya di "
                    "Pengaturan &gt; Lambang (/admin/pengaturan)")


def _status(app, doc_id: int) -> str:
    with app.extensions["docgen"].database.session() as session:
        return repo.get_document(session, doc_id).status


def _finals(app, doc_id: int) -> list[ArchiveEntry]:
    with app.extensions["docgen"].database.session() as session:
        return list(session.query(ArchiveEntry).filter(ArchiveEntry.document_id == doc_id,
                                                       ArchiveEntry.status == "final"))


def _refusal(html: str) -> str:
    match = re.search(r'class="error-summary final-refused".*?</section>', html, re.S)
    assert match, html[:3000]
    return match.group(0)


def _with_marker(type_name: str = "kbk-form-a") -> dict:
    """A valid Form A whose typed activity still carries a "TODO" marker."""
    data = sample(type_name)
    data["kegiatan"][0]["kegiatan"] = "TODO lengkapi nama kegiatan apel pagi"
    return data


def test_final_refused_without_a_stored_emblem(app, client, world):
    clear_emblems(app)
    doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    login(client, "a_admin")
    response = client.post(f"/dokumen/{doc_id}/final")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert SETTINGS_MESSAGE in _refusal(html)
    assert "Dokumen belum ditandai final dan tetap draf" in html
    assert _status(app, doc_id) == "draft" and _finals(app, doc_id) == []
    # the draft still renders, with the placeholder and the DRAF watermark
    page = client.get(f"/dokumen/{doc_id}").get_data(as_text=True)
    assert SETTINGS_MESSAGE in page and "menghalangi status final" in page
    preview = client.get(f"/dokumen/{doc_id}/pratinjau.pdf")
    assert preview.status_code == 200 and "DRAF" in pdf_text(preview.data)
    # the same through the form's "Simpan dan tandai final"
    fields = form_fields("sk-kbk", sample("sk-kbk"))
    fields["_action"] = "final"
    response = client.post(f"/dokumen/{doc_id}", data=fields)
    assert response.status_code == 422 and SETTINGS_MESSAGE in response.get_data(as_text=True)
    assert _status(app, doc_id) == "draft" and _finals(app, doc_id) == []


def test_the_bupati_keputusan_needs_the_lambang_negara(app, client, world):
    clear_emblems(app)
    store_emblems(app, ("lambang_daerah",))
    doc_id = add_document(app, "sk-tim-pembinaan", None, sample("sk-tim-pembinaan"))
    login(client, "admin")
    response = client.post(f"/dokumen/{doc_id}/final")
    assert response.status_code == 422
    refusal = _refusal(response.get_data(as_text=True))
    assert SETTINGS_MESSAGE.replace("daerah", "negara") in refusal
    assert "Lambang daerah" not in refusal
    assert _status(app, doc_id) == "draft" and _finals(app, doc_id) == []


def test_final_with_emblems_stored_succeeds(app, client, world):
    doc_id = add_document(app, "sk-role-model", world.units["A"], sample("sk-role-model"))
    login(client, "a_admin")
    response = client.post(f"/dokumen/{doc_id}/final")
    assert response.status_code == 303, _refusal(response.get_data(as_text=True))
    assert _status(app, doc_id) == "final"
    docx, pdf = sorted(_finals(app, doc_id), key=lambda e: e.format)
    assert (docx.format, pdf.format) == ("docx", "pdf")
    assert TEST_EMBLEMS["lambang_daerah"] in media(docx.content)


def test_final_refused_for_a_blocking_layout_problem_naming_page_and_text(app, client, world):
    doc_id = add_document(app, "kbk-form-a", world.units["A"], _with_marker())
    login(client, "a_sek")
    response = client.post(f"/dokumen/{doc_id}/final")
    assert response.status_code == 422
    refusal = htmllib.unescape(_refusal(response.get_data(as_text=True)))
    assert re.search(r"Halaman 1: teks penanda/isian tercetak: \u201c.*TODO lengkapi",
                     refusal), refusal
    assert "Lambang" not in refusal  # Form A prints no emblem
    assert _status(app, doc_id) == "draft" and _finals(app, doc_id) == []
    # the refusal page shows the preview rendered by the refused attempt
    assert "pratinjau.pdf?r=" in response.get_data(as_text=True)


def test_scored_card_markers_of_the_regulation_data_block_the_final(app, client, world):
    """The scored card prints the regulation's unreadable-text markers where the data
    set still has them; while it does, the card cannot be marked final."""
    doc_id = add_document(app, "scored-card", world.units["A"], sample("scored-card"))
    login(client, "a_sek")
    page = client.get(f"/dokumen/{doc_id}").get_data(as_text=True)
    if "[teks Lampiran I" not in htmllib.unescape(page):
        pytest.skip("the scored-card data set prints no marker any more")
    response = client.post(f"/dokumen/{doc_id}/final")
    assert response.status_code == 422
    assert "teks penanda/isian tercetak" in htmllib.unescape(_refusal(
        response.get_data(as_text=True)))
    assert _status(app, doc_id) == "draft"


def test_preview_warnings_are_computed_once_and_listed_above_the_preview(
        app, client, world, monkeypatch):
    monkeypatch.setattr(DocumentType, "warnings",
                        lambda self, model, regulation=None: [
                            f"{len(model.kegiatan)} kegiatan; periksa jadwal Desember"],
                        raising=False)
    pipeline = app.extensions["docgen"].pipeline
    conversions = []
    real = pipeline.to_signable_pdf
    monkeypatch.setattr(pipeline, "to_signable_pdf",
                        lambda docx: conversions.append(1) or real(docx))
    doc_id = add_document(app, "kbk-form-a", world.units["A"], _with_marker())
    login(client, "a_sek")
    html = client.get(f"/dokumen/{doc_id}").get_data(as_text=True)
    warnings = re.search(r'class="preview-warnings".*?</div>', html, re.S).group(0)
    assert warnings.index("Halaman 1: ") < warnings.index("periksa jadwal Desember")
    assert "menghalangi status final" in warnings
    assert html.index('class="preview-warnings"') < html.index('<iframe class="preview"')
    src = htmllib.unescape(re.search(r'<iframe class="preview" src="([^"]+)"', html)[1])
    digest = src.split("r=", 1)[1]
    preview = client.get(src)
    assert preview.status_code == 200
    assert hashlib.sha256(preview.data).hexdigest() == digest
    assert len(conversions) == 1  # the page rendered it; the iframe got the same bytes
    with app.extensions["docgen"].database.session() as session:
        (entry,) = session.query(ArchiveEntry).filter(ArchiveEntry.document_id == doc_id)
        assert (entry.purpose, entry.format, entry.output_sha256) == ("pratinjau", "pdf",
                                                                      digest)
    client.get(f"/dokumen/{doc_id}/pratinjau.pdf?r={'0' * 64}")  # cached by template+input
    client.get(f"/dokumen/{doc_id}")  # a page view of the unchanged draft converts nothing
    assert len(conversions) == 1
