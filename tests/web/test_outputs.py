"""Preview, DOCX/PDF downloads, ZIP, and the DRAF watermark (real LibreOffice)."""

from __future__ import annotations

import io
import zipfile

from tests.conftest import docx_text, open_docx, pdf_text
from tests.web.conftest import add_document, login, sample


def test_draft_pdf_carries_the_draf_watermark_and_final_does_not(app, client, world):
    draft = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    final = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"), final=True)
    login(client, "a_admin")
    preview = client.get(f"/dokumen/{draft}/pratinjau.pdf")
    assert preview.status_code == 200
    assert preview.mimetype == "application/pdf"
    assert preview.headers["Content-Disposition"].startswith("inline")
    draft_text = pdf_text(preview.data)
    assert "DRAF" in draft_text
    assert "KELOMPOK BUDAYA KERJA" in draft_text.upper()
    final_pdf = client.get(f"/dokumen/{final}/unduh.pdf")
    assert final_pdf.status_code == 200
    final_text = pdf_text(final_pdf.data)
    assert "DRAF" not in final_text
    assert "KBK SEMAR" in final_text
    html = client.get(f"/dokumen/{draft}").get_data(as_text=True)
    # the page rendered and checked this preview; the iframe names it by its SHA-256
    assert f'<iframe class="preview" src="/dokumen/{draft}/pratinjau.pdf?r=' in html


def test_docx_download_opens(app, client, world):
    doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    login(client, "a_admin")
    response = client.get(f"/dokumen/{doc_id}/unduh.docx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert "-draf.docx" in response.headers["Content-Disposition"]
    assert open_docx(response.data).paragraphs
    assert "KBK SEMAR" in docx_text(response.data)


def test_invalid_draft_has_no_output(app, client, world):
    data = sample("sk-kbk")
    del data["susunan"]
    doc_id = add_document(app, "sk-kbk", world.units["A"], data)
    login(client, "a_admin")
    response = client.get(f"/dokumen/{doc_id}/unduh.docx")
    # no bare 422 text: back to the form, the reason beside the field
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/dokumen/{doc_id}")
    for output in ("unduh.pdf", "pratinjau.pdf"):
        assert client.get(f"/dokumen/{doc_id}/{output}").status_code == 303
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Draf ini belum dapat diunduh" in html
    assert 'id="err-f-susunan"' in html
    assert "Unduh DOCX" not in html and "Unduhan tersedia setelah isian diperbaiki" in html


def test_zip_of_selected_documents(app, client, world):
    first = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"), final=True)
    second = add_document(app, "kbk-form-a", world.units["A"], sample("kbk-form-a"))
    login(client, "a_sek")
    response = client.post("/dokumen/zip", data={"ids": [str(first), str(second)],
                                                 "format": "keduanya"})
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    bundle = zipfile.ZipFile(io.BytesIO(response.data))
    names = sorted(bundle.namelist())
    assert len(names) == 4
    assert any(n.startswith(f"sk-kbk-dpmptsp-{first}-v1.") for n in names)
    assert any(n.startswith(f"kbk-form-a-dpmptsp-{second}-v1-draf.") for n in names)
    for name in names:
        if name.endswith(".docx"):
            assert open_docx(bundle.read(name)).paragraphs
        else:
            text = pdf_text(bundle.read(name))
            assert ("DRAF" in text) == ("-draf." in name)
