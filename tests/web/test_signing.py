"""Electronic signature through the web and the API (issue 14): after the paraf chain,
only the designated signer signs (403 for anyone else, 404 for another unit), a wrong
passphrase signs nothing, the signed PDF is served by the API and the page, pyHanko's
validator accepts it against the test root, /verifikasi shows the signature report and
tells a modified copy, and the private key never appears unencrypted in the data dir."""

from __future__ import annotations

import io
import subprocess

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from sqlalchemy import select

from docgen.signing import trust
from docgen.signing.model import Certificate
from docgen.signing.pades import asn1
from docgen.storage import repo
from tests.signing import ca
from tests.web.conftest import PASSWORD, bearer, login, sample

CHAIN_USERS = {"a_sekunit": ("sekretaris_unit", "A", "Dra. SRI WAHYUNI"),
               "a_kepala": ("pimpinan_unit", "A", "ATO SUSANTO, AP., M.Si.")}


@pytest.fixture()
def pki():
    root = ca.root()
    return root, ca.signer(root, "ATO SUSANTO, AP., M.Si.", "197407061993111001")


@pytest.fixture()
def awaiting(app, world, runner, client, pki) -> tuple[int, dict[str, dict[str, str]]]:
    """A final sk-kbk of unit A initialled by its konseptor and pemeriksa, the signer's
    certificate registered, the test root trusted; and everyone's API headers."""
    root, _signer = pki
    with app.extensions["docgen"].database.session() as session:
        for name, (role, unit, nama) in CHAIN_USERS.items():
            repo.create_user(session, name, PASSWORD, role, world.units[unit], nama=nama)
        trust.add(session, root.pem, by="admin")
    tokens = {name: bearer(runner("create-token", name).output.strip())
              for name in ("a_admin", "b_admin", "a_sekunit", "a_kepala")}
    created = client.post("/api/v1/documents", headers=tokens["a_admin"],
                          json={"type": "sk-kbk", "data": sample("sk-kbk")})
    doc_id = created.json["id"]
    assert client.post(f"/api/v1/documents/{doc_id}/final",
                       headers=tokens["a_admin"]).status_code == 200
    for name in ("a_admin", "a_sekunit"):
        assert client.post(f"/api/v1/documents/{doc_id}/paraf",
                           headers=tokens[name]).status_code == 200
    return doc_id, tokens


def _register(client, pki) -> str:
    root, signer = pki
    login(client, "a_kepala")
    response = client.post("/akun/sertifikat", data={
        "berkas": (io.BytesIO(signer.p12(chain=(root,))), "ttd.p12"),
        "passphrase": ca.PASSPHRASE}, content_type="multipart/form-data")
    assert response.status_code == 303, response.data[:300]
    return client.get("/akun/sertifikat").get_data(as_text=True)


def _text(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode()


def test_only_the_designated_signer_signs_through_the_api(app, client, awaiting, pki,
                                                          data_dir):
    doc_id, tokens = awaiting
    root, signer = pki
    page = _register(client, pki)
    assert "ATO SUSANTO, AP., M.Si." in page and "197407061993111001" in page
    assert ca.PASSPHRASE not in page
    url = f"/api/v1/documents/{doc_id}/sign"
    body = {"passphrase": ca.PASSPHRASE}
    refused = client.post(url, headers=tokens["a_admin"], json=body)
    assert refused.status_code == 403 and "bukan penandatangan" in str(refused.json)
    assert client.post(url, headers=tokens["a_sekunit"], json=body).status_code == 403
    assert client.post(url, headers=tokens["b_admin"], json=body).status_code == 404
    wrong = client.post(url, headers=tokens["a_kepala"], json={"passphrase": "salah sekali"})
    assert wrong.status_code == 400 and "Frasa sandi sertifikat salah" in str(wrong.json)
    assert client.post(url, headers=tokens["a_kepala"], json={}).status_code == 400
    shown = client.get(f"/api/v1/documents/{doc_id}", headers=tokens["a_kepala"]).json
    assert shown["paraf"]["status"] == "menunggu_tanda_tangan"  # nothing was signed
    unsigned = client.get(f"/api/v1/documents/{doc_id}/file?format=pdf",
                          headers=tokens["a_kepala"]).data
    assert not PdfFileReader(io.BytesIO(unsigned)).embedded_signatures

    done = client.post(url, headers=tokens["a_kepala"], json=body)
    assert done.status_code == 200, done.json
    assert done.json["level"] == "PAdES-B-B" and "tanpa cap waktu TSA" in done.json["note"]
    assert done.json["visible"] is True
    assert client.post(url, headers=tokens["a_kepala"], json=body).status_code == 409
    shown = client.get(f"/api/v1/documents/{doc_id}", headers=tokens["a_admin"]).json
    assert shown["paraf"]["status"] == "ditandatangani"

    signed = client.get(f"/api/v1/documents/{doc_id}/file?format=pdf",
                        headers=tokens["a_admin"]).data
    sig = PdfFileReader(io.BytesIO(signed)).embedded_signatures[0]
    status = validate_pdf_signature(sig, ValidationContext(trust_roots=[asn1(root.cert)]))
    assert status.bottom_line and status.coverage.name == "ENTIRE_FILE"
    text = _text(signed)
    assert "Ditandatangani secara elektronik" in text and "NIP 197407061993111001" in text

    verification_id = shown["verification_id"]
    page = client.get(f"/verifikasi/{verification_id}").get_data(as_text=True)
    assert "Tanda tangan elektronik" in page and "ATO SUSANTO, AP., M.Si." in page
    assert "SAH: tanda tangan utuh" in page and "PAdES-B-B" in page
    same = client.post(f"/verifikasi/{verification_id}",
                       data={"berkas": (io.BytesIO(signed), "sk.pdf")},
                       content_type="multipart/form-data")
    assert same.status_code == 200 and "Cocok: berkas identik" in same.get_data(as_text=True)
    changed = bytearray(signed)
    changed[len(signed) // 4] ^= 0x01
    other = client.post(f"/verifikasi/{verification_id}",
                        data={"berkas": (io.BytesIO(bytes(changed)), "sk.pdf")},
                        content_type="multipart/form-data")
    assert other.status_code == 422
    assert "TIDAK SAH" in other.get_data(as_text=True) or \
        "tidak dapat dibaca" in other.get_data(as_text=True)

    stored = b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file())
    with app.extensions["docgen"].database.session() as session:  # PostgreSQL too
        stored += b"".join(session.scalars(select(Certificate.encrypted_p12)))
    assert ca.PASSPHRASE.encode() not in stored
    for form in signer.key_forms():
        assert form not in stored


def test_the_signing_button_on_the_document_page(client, awaiting, pki):
    doc_id, _tokens = awaiting
    login(client, "a_kepala")
    page = client.get(f"/dokumen/{doc_id}").get_data(as_text=True)
    assert "belum mendaftarkan sertifikat" in page
    _register(client, pki)
    page = client.get(f"/dokumen/{doc_id}").get_data(as_text=True)
    assert ">Tandatangani</button>" in page and 'type="password"' in page
    wrong = client.post(f"/dokumen/{doc_id}/tandatangani", data={"passphrase": "keliru"})
    assert wrong.status_code == 303
    page = client.get(f"/dokumen/{doc_id}").get_data(as_text=True)
    assert "Frasa sandi sertifikat salah" in page and ">Tandatangani</button>" in page
    login(client, "a_admin")  # the author sees no button
    assert ">Tandatangani</button>" not in client.get(f"/dokumen/{doc_id}").get_data(
        as_text=True)
    assert client.post(f"/dokumen/{doc_id}/tandatangani",
                       data={"passphrase": ca.PASSPHRASE}).status_code == 403
    login(client, "a_kepala")
    done = client.post(f"/dokumen/{doc_id}/tandatangani", data={"passphrase": ca.PASSPHRASE})
    assert done.status_code == 303
    page = client.get(f"/dokumen/{doc_id}").get_data(as_text=True)
    assert "Dokumen ditandatangani secara elektronik (PAdES-B-B)" in page
    assert "Unduh PDF bertanda tangan" in page
    signed = client.get(f"/dokumen/{doc_id}/ditandatangani.pdf")
    assert signed.status_code == 200
    assert PdfFileReader(io.BytesIO(signed.data)).embedded_signatures
    # every PDF of the document is the signed one from now on: download and preview
    for url in (f"/dokumen/{doc_id}/unduh.pdf", f"/dokumen/{doc_id}/pratinjau.pdf"):
        assert client.get(url).data == signed.data, url


def test_the_menu_links_the_certificate_page_for_signing_roles_only(app, client, world):
    with app.extensions["docgen"].database.session() as session:
        for name, (role, unit, nama) in CHAIN_USERS.items():
            repo.create_user(session, name, PASSWORD, role, world.units[unit], nama=nama)
    for user, shown in (("a_kepala", True), ("a_sekunit", True), ("a_admin", False),
                        ("hukum", False)):
        login(client, user)
        page = client.get("/dokumen").get_data(as_text=True)
        assert ('href="/akun/sertifikat"' in page) is shown, user
        client.post("/keluar")
