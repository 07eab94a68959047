"""What signing fetches over the network, with the standard library only (docgen ships no
HTTP client): the CRLs a certificate points to, and an RFC 3161 time-stamp
(DOCGEN_TSA_URL). A CRL that cannot be fetched is reported, never guessed."""

from __future__ import annotations

import urllib.request
from asyncio import to_thread

from asn1crypto import crl as asn1_crl  # type: ignore[import-untyped]
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from pyhanko.sign.timestamps.api import TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError, set_tsp_headers

TIMEOUT = 5.0
MAX_BYTES = 10_000_000


def _get(url: str, data: bytes | None = None, headers: dict[str, str] | None = None
         ) -> tuple[bytes, str]:
    if not url.lower().startswith(("http://", "https://")):
        raise OSError(f"alamat bukan HTTP: {url}")
    request = urllib.request.Request(url, data=data, headers=headers or {})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310
        return answer.read(MAX_BYTES), answer.headers.get("Content-Type", "")


def crl_urls(cert: asn1_x509.Certificate) -> list[str]:
    urls = []
    for point in cert.crl_distribution_points:
        name = point["distribution_point"]
        if name.name == "full_name":
            urls += [g.native for g in name.chosen if g.name == "uniform_resource_identifier"]
    return urls


def has_ocsp_only(cert: asn1_x509.Certificate) -> bool:
    return bool(cert.ocsp_urls) and not crl_urls(cert)


def fetch_crls(chain: list[asn1_x509.Certificate]) -> tuple[list[asn1_crl.CertificateList],
                                                             list[str]]:
    """The CRLs of every certificate of ``chain`` that names one, and the problems."""
    crls, problems = [], []
    for cert in chain:
        for url in crl_urls(cert):
            try:
                crls.append(asn1_crl.CertificateList.load(_get(url)[0]))
            except (OSError, ValueError) as exc:
                problems.append(f"CRL {url} tidak dapat diambil ({exc.__class__.__name__})")
        if has_ocsp_only(cert):
            problems.append(f"sertifikat {cert.subject.human_friendly} hanya menyebut OCSP "
                            "(belum didukung)")
    return crls, problems


class UrllibTimeStamper(TimeStamper):
    """An RFC 3161 time-stamp authority over HTTP(S) (``DOCGEN_TSA_URL``)."""

    def __init__(self, url: str):
        super().__init__()
        self.url = url

    async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        def task() -> tsp.TimeStampResp:
            try:
                body, kind = _get(self.url, req.dump(), set_tsp_headers({}))
            except OSError as exc:
                raise TimestampRequestError("TSA tidak dapat dihubungi") from exc
            if kind.split(";")[0].strip() != "application/timestamp-reply":
                raise TimestampRequestError("jawaban TSA tidak dikenali")
            return tsp.TimeStampResp.load(body)

        return await to_thread(task)
