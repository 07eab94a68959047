"""A final's archival copy is PDF/A-2b (issue 14, item 4): LibreOffice's PDF/A export, the
verification stamp keeping it so, XMP metadata an archivist reads (title, nomor, unit,
tanggal), checked with pikepdf and poppler on real LibreOffice output. veraPDF is not
available here: these are the checks the issue asks for."""

from __future__ import annotations

import io
import re
import subprocess

import pikepdf
import pytest

from docgen.convert.fair import FairConverter
from docgen.convert.soffice import SofficeConverter
from docgen.registry import REGISTRY
from docgen.render.pdfa import check_pdfa, with_metadata, xmp_values
from docgen.review.archive import sha256
from docgen.review.verification import stamp_verification
from docgen.storage import review_repo
from tests.conftest import pdf_text
from tests.web import conftest as web
from tests.web.conftest import add_document, form_fields, login, sample

# the web tests' fixtures (a test app on real LibreOffice, units and users, quick hashes)
app, data_dir, world = web.app, web.data_dir, web.world
quick_password_hashes = web.quick_password_hashes

UNIT_A = "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"
URL = "http://localhost/verifikasi/2026-TEST-PDFA-0001"


def fonts(pdf: bytes) -> list[tuple[str, str]]:
    """(name, emb) of each font as poppler's pdffonts lists them."""
    listing = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True,
                             check=True).stdout.decode().splitlines()[2:]
    found = []
    for line in listing:
        match = re.match(r"(\S+)\s+.*?\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", line)
        assert match, line
        found.append((match[1], match[2]))
    return found


def assert_pdfa(pdf: bytes) -> None:
    """PDF/A-2b as far as pikepdf and poppler tell, said independently of check_pdfa too."""
    assert check_pdfa(pdf) == []
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        assert not doc.is_encrypted
        meta = doc.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "B")
        intent = doc.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1"
        assert intent.DestOutputProfile.read_bytes()[36:40] == b"acsp"  # an ICC profile
    listed = fonts(pdf)
    assert listed and all(emb == "yes" for _, emb in listed), listed


def sk_kbk_docx(pipeline) -> bytes:
    return pipeline.render_docx("sk-kbk", REGISTRY.get("sk-kbk").load_sample()).docx


def test_a_finals_archived_pdf_is_pdfa_2b_with_its_archival_metadata(app, world):
    client = app.test_client()
    login(client, "a_admin")
    data = sample("sk-kbk")
    fields = form_fields("sk-kbk", data)
    fields["_action"] = "final"
    response = client.post("/dokumen/baru/sk-kbk", data=fields)
    assert response.status_code == 303
    doc_id = int(response.headers["Location"].rsplit("/", 1)[1])
    pdf = client.get(f"/dokumen/{doc_id}/unduh.pdf").data
    with app.extensions["docgen"].database.session() as session:
        entry = review_repo.final_entry(session, doc_id, "pdf")
        vid, archived_sha = entry.verification_id, entry.output_sha256
    assert sha256(pdf) == archived_sha  # what was checked is what the archive holds

    assert_pdfa(pdf)
    title = REGISTRY.get("sk-kbk").title
    values = xmp_values(pdf)
    assert values.pop("producer").startswith("LibreOffice")
    assert values == {
        "part": "2", "conformance": "B", "title": title, "creator": [UNIT_A],
        "date": [data["tanggal"]], "nomor": data["nomor"], "unitKerja": UNIT_A,
        "tanggal": data["tanggal"], "idDokumen": vid}
    with pikepdf.open(io.BytesIO(pdf)) as doc:  # the Info dictionary says the same
        assert str(doc.docinfo["/Title"]) == title
        assert str(doc.docinfo["/Author"]) == UNIT_A
        assert data["nomor"] in str(doc.docinfo["/Subject"])
        assert str(doc.docinfo["/DocgenDocumentId"]) == vid
        pages = len(doc.pages)
    text = pdf_text(pdf)  # the text is still there to find
    assert data["nomor"] in text and "KEPUTUSAN" in text and "DRAF" not in text
    assert text.count(f"ID Dokumen: {vid}") == pages  # the stamp on every page


def test_the_verification_stamp_keeps_the_pdfa(pipeline):
    converted = pipeline.to_pdf(sk_kbk_docx(pipeline), pdfa=True)
    assert_pdfa(converted)
    stamped = stamp_verification(converted, "2026-TEST-PDFA-0001", URL)
    assert_pdfa(stamped)
    assert "DejaVuSans" in " ".join(name for name, _ in fonts(stamped))  # the ID's font
    with pikepdf.open(io.BytesIO(converted)) as before, \
            pikepdf.open(io.BytesIO(stamped)) as after:
        assert after.Root.Metadata.read_bytes() == before.Root.Metadata.read_bytes()
        assert (after.Root.OutputIntents[0].DestOutputProfile.read_bytes()
                == before.Root.OutputIntents[0].DestOutputProfile.read_bytes())
    assert "ID Dokumen: 2026-TEST-PDFA-0001" in pdf_text(stamped)
    final = with_metadata(stamped, title="Keputusan", number="800/1/2026", unit=UNIT_A,
                          date="2026-12-01")
    assert_pdfa(final)
    assert xmp_values(final)["nomor"] == "800/1/2026"
    form = with_metadata(stamped, title="Formulir A")  # a type without nomor nor tanggal
    assert_pdfa(form)
    assert not {"nomor", "tanggal", "date", "creator"} & set(xmp_values(form))


def test_every_backend_exports_pdfa_on_request(settings, converter, pipeline):
    docx = sk_kbk_docx(pipeline)
    fair = FairConverter([converter], per_requester=2, queue_max=4, wait_seconds=60)
    assert_pdfa(fair.convert(docx, pdfa=True))  # the scheduler passes the option on
    assert_pdfa(SofficeConverter(settings).convert(docx, pdfa=True))  # cold LibreOffice
    plain = converter.convert(docx)  # without it: an ordinary PDF, as before
    assert "identifikasi PDF/A" in " ".join(check_pdfa(plain))


def test_a_drafts_preview_is_not_the_archival_conversion(app, world):
    client = app.test_client()
    login(client, "a_admin")
    doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    preview = client.get(f"/dokumen/{doc_id}/pratinjau.pdf").data
    assert "DRAF" in pdf_text(preview)
    assert any("identifikasi PDF/A" in p for p in check_pdfa(preview))


@pytest.mark.parametrize("damage", ["font", "encrypt", "javascript", "intent"])
def test_check_pdfa_names_what_breaks_pdfa(pipeline, damage):
    pdf = pipeline.to_pdf(sk_kbk_docx(pipeline), pdfa=True)
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        out = io.BytesIO()
        if damage == "font":  # standard-14 Helvetica, not embedded: not allowed
            helvetica = doc.make_indirect(pikepdf.Dictionary(
                Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                BaseFont=pikepdf.Name.Helvetica))
            doc.pages[0].Resources.Font[pikepdf.Name("/FHelv")] = helvetica
        elif damage == "javascript":
            doc.Root.OpenAction = doc.make_indirect(pikepdf.Dictionary(
                S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")))
        elif damage == "intent":
            del doc.Root["/OutputIntents"]
        doc.save(out, encryption=pikepdf.Encryption(owner="x", user="")
                 if damage == "encrypt" else False)
    expected = {"font": "huruf tidak tertanam: Helvetica", "encrypt": "terenkripsi",
                "javascript": "aksi terlarang /JavaScript",
                "intent": "tanpa OutputIntent GTS_PDFA1"}[damage]
    assert expected in check_pdfa(out.getvalue())
