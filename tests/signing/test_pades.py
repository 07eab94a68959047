"""Signing a real LibreOffice PDF/A final with pyHanko and verifying it: pyHanko's own
validator accepts it against the test root; the visible signature sits in the signature
block's blank space, over no text; one changed byte, an appended byte, an untrusted root,
an expired certificate are reported; PAdES-B-LT with a CRL over HTTP and a time-stamp,
B-B (said so) when the CRL cannot be fetched; the PDF/A identification is kept."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from docgen.render.pdfa import check_pdfa
from docgen.signing import placement
from docgen.signing.pades import asn1, sign_pdf
from docgen.signing.verify import verify_pdf
from tests.signing import ca
from tests.signing.conftest import appearance, now, simple_signer


def _sign(final_pdf, issued, *chain, roots=(), **kwargs):
    return sign_pdf(final_pdf, simple_signer(issued, *chain), appearance(issued),
                    when=kwargs.pop("when", now()), trust_roots=list(roots), **kwargs)


def _words_in(pdf: bytes, page: int, box: tuple[int, int, int, int]) -> str:
    """The text pdftotext finds inside ``box`` (PDF user space) of ``page`` (0-based)."""
    height = float(PdfFileReader(io.BytesIO(pdf)).root["/Pages"]["/Kids"][page]
                   ["/MediaBox"][3])
    x1, y1, x2, y2 = box
    out = subprocess.run(["pdftotext", "-f", str(page + 1), "-l", str(page + 1),
                          "-x", str(x1), "-y", str(round(height - y2)), "-W", str(x2 - x1),
                          "-H", str(y2 - y1), "-", "-"], input=pdf, capture_output=True,
                         check=True)
    return out.stdout.decode().strip()


def test_pyhanko_accepts_the_signature_and_it_sits_in_the_signature_block(
        final_pdf, root, signer_cert):
    signed = _sign(final_pdf, signer_cert, root, roots=[root.cert])
    assert signed.pdf.startswith(final_pdf)  # an incremental update: nothing else changed
    assert signed.visible and signed.level == "PAdES-B-B" and signed.validation_data
    assert "tanpa cap waktu TSA" in signed.note
    sig = PdfFileReader(io.BytesIO(signed.pdf)).embedded_signatures[0]
    status = validate_pdf_signature(sig, ValidationContext(trust_roots=[asn1(root.cert)]))
    assert status.intact and status.valid and status.trusted and status.bottom_line
    # the widget is the blank space between the jabatan and the signer's name in the
    # block under "Ditetapkan di" (the body), not in a Lampiran's repetition of it
    spot = placement.find(final_pdf, "197501012000031001", "Drs. BUDI SANTOSO, M.Si.")
    assert spot is not None and spot.page < len(PdfFileReader(io.BytesIO(final_pdf))
                                                 .root["/Pages"]["/Kids"]) - 1
    page_text = subprocess.run(["pdftotext", "-f", str(spot.page + 1), "-l",
                                str(spot.page + 1), "-", "-"], input=final_pdf,
                               capture_output=True, check=True).stdout.decode()
    assert "Ditetapkan di" in page_text and "KETUJUH" in page_text  # the body's last page
    body_block = placement.find(final_pdf, "19740706 199311 1 001")  # the head's NIP
    assert body_block == spot
    assert [round(float(v)) for v in sig.sig_field["/Rect"]] == list(spot.box)
    assert spot.height >= 40 and spot.width >= 200
    assert _words_in(final_pdf, spot.page, spot.box) == ""  # over no text of the document
    shown = _words_in(signed.pdf, spot.page, spot.box)
    assert "Ditandatangani secara elektronik" in shown
    assert "BUDI SANTOSO" in shown and "NIP 197501012000031001" in shown and "WIB" in shown


def test_the_report_names_the_signer_and_catches_any_change(final_pdf, root, signer_cert):
    signed = _sign(final_pdf, signer_cert, root, roots=[root.cert]).pdf
    import hashlib

    report = verify_pdf(signed, [root.cert], [hashlib.sha256(signed).hexdigest()])
    assert report.ok and report.valid and report.archived
    (sig,) = report.signatures
    assert (sig.signer, sig.nip, sig.issuer) == ("Drs. BUDI SANTOSO, M.Si.",
                                                 "197501012000031001", "Root CA Uji Purbalingga")
    assert sig.intact and sig.whole_file and sig.trusted and sig.valid_at_signing
    assert abs((sig.signed_at - now()).total_seconds()) < 120 and sig.problems == []
    changed = bytearray(signed)
    index = len(final_pdf) // 2
    changed[index] = (changed[index] + 1) % 256  # one byte of the signed content
    report = verify_pdf(bytes(changed), [root.cert], [hashlib.sha256(signed).hexdigest()])
    assert not report.ok and not report.archived
    assert report.error or not report.signatures[0].intact
    contents = signed.index(b"/Contents <") + len(b"/Contents <")
    end = signed.index(b">", contents)
    padded = bytearray(signed)
    padded[end - 3] = ord("7")  # the zeros after the signature's DER, outside the byte range
    report = verify_pdf(bytes(padded), [root.cert])
    assert not report.ok and not report.signatures[0].intact
    for tail in (b"\n", b"%tambahan\n"):  # even one byte appended is not the signed file
        appended = verify_pdf(signed + tail, [root.cert])
        assert not appended.ok and not appended.signatures[0].whole_file
        assert "berkas diubah atau ditambah setelah ditandatangani" in \
            appended.signatures[0].problems
    unsigned = verify_pdf(final_pdf, [root.cert])
    assert not unsigned.signed and not unsigned.ok


def test_untrusted_and_expired_certificates_are_reported(final_pdf, root, other_root,
                                                         signer_cert):
    report = verify_pdf(_sign(final_pdf, signer_cert, root).pdf, [other_root.cert])
    (sig,) = report.signatures
    assert report.ok and not report.valid  # intact and whole, but not trusted
    assert sig.signer == "Drs. BUDI SANTOSO, M.Si." and not sig.chain_to_trust_list
    assert "sertifikat tidak berakar pada sertifikat akar tepercaya" in sig.problems
    foreign = ca.signer(other_root, "ORANG LAIN", "198001012005011002")
    report = verify_pdf(_sign(final_pdf, foreign, other_root).pdf, [root.cert])
    assert report.ok and not report.valid and report.signatures[0].nip == "198001012005011002"
    # expired since, but valid when it signed
    old = ca.signer(root, start=ca.NOW - dt.timedelta(days=400), days=390)
    when = now() - dt.timedelta(days=100)
    report = verify_pdf(_sign(final_pdf, old, root, when=when).pdf, [root.cert])
    (sig,) = report.signatures
    assert sig.valid_at_signing and sig.expired_now and sig.chain_to_trust_list
    assert sig.signed_at == when.replace(microsecond=0)
    # expired when it signed
    report = verify_pdf(_sign(final_pdf, old, root).pdf, [root.cert])
    (sig,) = report.signatures
    assert report.ok and not report.valid and not sig.valid_at_signing
    assert "sertifikat tidak berlaku pada waktu penandatanganan" in sig.problems


def test_b_lt_with_a_crl_and_a_time_stamp_and_b_b_when_the_crl_is_unreachable(
        final_pdf, root, crl_server, timestamper):
    issued = ca.signer(root, crl_url=crl_server)
    signed = _sign(final_pdf, issued, root, roots=[root.cert], timestamper=timestamper)
    assert signed.level == "PAdES-B-LT" and signed.validation_data, signed.notes
    reader = PdfFileReader(io.BytesIO(signed.pdf))
    assert "/DSS" in reader.root and "/CRLs" in reader.root["/DSS"]
    report = verify_pdf(signed.pdf, [root.cert])
    assert report.valid and report.signatures[0].timestamped
    assert report.signatures[0].validation_data
    gone = ca.signer(root, crl_url="http://127.0.0.1:9/tidak-ada.crl")
    signed = _sign(final_pdf, gone, root, roots=[root.cert])
    assert signed.level == "PAdES-B-B" and not signed.validation_data
    assert "tidak-ada.crl tidak dapat diambil" in signed.note
    assert verify_pdf(signed.pdf, [root.cert]).ok


def test_the_signature_keeps_the_pdfa_identification(final_pdf, root, signer_cert):
    before = check_pdfa(final_pdf)
    signed = _sign(final_pdf, signer_cert, root, roots=[root.cert]).pdf
    assert check_pdfa(signed) == before
    assert not any("identification" in p.lower() or "identifikasi" in p.lower()
                   for p in check_pdfa(signed))


def test_signing_and_verifying_work_inside_a_running_event_loop(final_pdf, root, signer_cert):
    """pyHanko's sync calls start their own loop; an async host (or Playwright's sync API
    in the same process) already runs one in the thread: docgen signs anyway."""
    import asyncio

    async def in_a_loop():
        signed = _sign(final_pdf, signer_cert, root, roots=[root.cert]).pdf
        return signed, verify_pdf(signed, [root.cert])

    signed, report = asyncio.run(in_a_loop())
    assert signed.startswith(final_pdf) and report.ok and report.valid
