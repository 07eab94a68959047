"""A test certificate authority, a CRL served over HTTP on localhost, a time-stamp
authority, and a real LibreOffice PDF/A final (sk-kbk, stamped with its verification ID)
to sign."""

from __future__ import annotations

import datetime as dt
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from asn1crypto import keys
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from pyhanko.sign.signers import SimpleSigner
from pyhanko.sign.timestamps import DummyTimeStamper

from docgen.registry import REGISTRY
from docgen.review.verification import stamp_verification, verification_url
from docgen.signing.appearance import Appearance
from docgen.signing.pades import asn1
from tests.signing import ca

VERIFICATION_ID = "TTE-UJI-0001"
URL = verification_url("http://127.0.0.1:8000", VERIFICATION_ID)


@pytest.fixture(scope="session")
def root() -> ca.Issued:
    return ca.root()


@pytest.fixture(scope="session")
def signer_cert(root) -> ca.Issued:
    return ca.signer(root)


@pytest.fixture(scope="session")
def other_root() -> ca.Issued:
    return ca.root("Root CA Lain (tidak tepercaya)")


def simple_signer(issued: ca.Issued, *chain: ca.Issued) -> SimpleSigner:
    return SimpleSigner.load_pkcs12_data(issued.p12(chain=chain), [],
                                         ca.PASSPHRASE.encode())


def appearance(issued: ca.Issued) -> Appearance:
    from docgen.signing import certs

    return Appearance(certs.common_name(issued.cert.subject), certs.nip_of(issued.cert), URL)


@pytest.fixture(scope="session")
def final_pdf(pipeline) -> bytes:
    """sk-kbk converted as PDF/A-2b by LibreOffice and stamped as a final is."""
    data = REGISTRY.get("sk-kbk").load_sample()
    docx = pipeline.render_docx("sk-kbk", data).docx
    pdf = pipeline.to_signable_pdf(docx, pdfa=True).pdf
    return stamp_verification(pdf, VERIFICATION_ID, URL)


class _Crl(BaseHTTPRequestHandler):
    body = b""

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.send_response(200)
        self.send_header("Content-Type", "application/pkix-crl")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def crl_server(root):
    """http://127.0.0.1:<port>/root.crl serving the root's (empty) CRL."""
    handler = type("Handler", (_Crl,), {"body": ca.crl(root)})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/root.crl"
    server.shutdown()


@pytest.fixture(scope="session")
def timestamper(root) -> DummyTimeStamper:
    tsa = ca.signer(root, "TSA Uji Purbalingga", None, tsa=True)
    key = keys.PrivateKeyInfo.load(tsa.key.private_bytes(Encoding.DER, PrivateFormat.PKCS8,
                                                         NoEncryption()))
    return DummyTimeStamper(asn1(tsa.cert), key, certs_to_embed=[asn1(root.cert)],
                            fixed_dt=None)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
