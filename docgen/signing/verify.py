"""Verifying the electronic signatures of a PDF (pyHanko's validator).

For each signature: intact (the signed bytes hash to what was signed, the placeholder
around the signature holds zeros only, the certificates it carries verify against their
issuers among them; other unsigned bytes of the CMS container, e.g. a carried root's
name, are caught by the archive comparison only), covers the whole
file (``SignatureCoverageLevel.ENTIRE_FILE``: nothing was appended or changed after it),
the chain to a root of the trust list (``trust_roots``) with the validation data the file
carries (its DSS), the certificate's validity at the signing time (a time-stamp's time
if there is one, else the time the signer claims) and now, the signer's name and NIP from
the certificate. ``archived`` says whether the file is byte for byte one the archive
keeps. ``Report.ok`` is what ``docgen verify`` exits 0 on: at least one signature, every
signature intact and covering the whole file."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.dss import DocumentSecurityStore, NoDSSFoundError
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import PathBuildingError, ValidationError

from docgen.signing import certs
from docgen.signing.loops import outside_event_loop
from docgen.signing.pades import asn1

KEY_USAGE = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"},
                                match_all_key_usages=False)


@dataclass
class SignatureReport:
    field_name: str
    signer: str
    nip: str | None
    issuer: str
    signed_at: dt.datetime | None  # naive UTC
    timestamped: bool
    intact: bool
    whole_file: bool
    trusted: bool  # chain to a root of the trust list, valid at the signing time
    chain_to_trust_list: bool
    valid_at_signing: bool
    expired_now: bool
    revoked: bool
    not_after: dt.datetime
    validation_data: bool  # the file carries a DSS (chain, revocation data)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.intact and self.whole_file


@dataclass
class Report:
    sha256: str
    signatures: list[SignatureReport]
    archived: bool | None  # None: no archive to compare with
    error: str | None = None  # the file could not be read as a PDF

    @property
    def signed(self) -> bool:
        return bool(self.signatures)

    @property
    def ok(self) -> bool:
        """At least one signature, each intact and covering the whole file."""
        return self.signed and all(s.ok for s in self.signatures)

    @property
    def valid(self) -> bool:
        """``ok`` and every signer trusted and valid at the signing time."""
        return self.ok and all(s.trusted and s.valid_at_signing for s in self.signatures)


def _naive(moment: dt.datetime | None) -> dt.datetime | None:
    return certs.utc(moment) if moment else None


def _context(reader: PdfFileReader, roots: list[x509.Certificate],
             moment: dt.datetime | None) -> tuple[ValidationContext, bool]:
    kwargs = {"trust_roots": [asn1(r) for r in roots], "allow_fetching": False,
              "revocation_mode": "soft-fail", "moment": moment}
    try:
        return DocumentSecurityStore.read_dss(reader).as_validation_context(kwargs), True
    except NoDSSFoundError:
        return ValidationContext(**kwargs), False  # type: ignore[arg-type]


def _check(reader: PdfFileReader, sig: EmbeddedPdfSignature, roots: list[x509.Certificate],
           now: dt.datetime, clean_end: bool) -> SignatureReport:
    claimed = sig.self_reported_timestamp
    moment = claimed or now.replace(tzinfo=dt.UTC)
    context, dss = _context(reader, roots, moment)
    status = validate_pdf_signature(sig, context, key_usage_settings=KEY_USAGE)
    when = status.timestamp_validity.timestamp if status.timestamp_validity else claimed
    cert = x509.load_der_x509_certificate(sig.signer_cert.dump())
    start, end = certs.validity(cert)
    signed_at = _naive(when)
    in_time = signed_at is not None and start <= signed_at <= end
    chain = status.trusted or _chains(sig, roots)
    report = SignatureReport(
        field_name=str(sig.field_name), signer=certs.common_name(cert.subject),
        nip=certs.nip_of(cert), issuer=certs.common_name(cert.issuer), signed_at=signed_at,
        timestamped=status.timestamp_validity is not None,
        intact=status.intact and status.valid and _padding_clean(sig) and _bag_intact(sig),
        whole_file=clean_end and _whole_file(status),
        trusted=status.trusted and chain, chain_to_trust_list=chain,
        valid_at_signing=in_time, expired_now=now > end, revoked=status.revoked,
        not_after=end, validation_data=dss)
    report.problems = _problems(report)
    return report


def _padding_clean(sig: EmbeddedPdfSignature) -> bool:
    """The /Contents placeholder holds the signature's DER and zeros only: its bytes are
    outside the signed byte range, so anything else there is a change to the file."""
    raw = bytes(sig.sig_object.raw_get("/Contents"))
    if len(raw) < 2:
        return False
    size = raw[1]
    length = 2 + size if size < 0x80 else (
        2 + (size & 0x7F) + int.from_bytes(raw[2:2 + (size & 0x7F)], "big"))
    return not any(raw[length:])


def _bag_intact(sig: EmbeddedPdfSignature) -> bool:
    """Every certificate the signature carries (its ``certificates``, unsigned in CMS)
    verifies against its issuer when the issuer is carried too: a changed byte in one
    of them is a change to the file as well."""
    try:
        bag = [x509.load_der_x509_certificate(c.dump())
               for c in [sig.signer_cert, *sig.other_embedded_certs]]
    except ValueError:
        return False
    for cert in bag:
        for issuer in (c for c in bag if c.subject == cert.issuer):
            try:
                cert.verify_directly_issued_by(issuer)
            except (ValueError, TypeError, InvalidSignature):
                return False
    return True


def _broken(sig: EmbeddedPdfSignature, exc: Exception) -> SignatureReport:
    """A signature pyHanko cannot even evaluate (its data damaged)."""
    try:
        cert = x509.load_der_x509_certificate(sig.signer_cert.dump())
        name, nip, issuer = (certs.common_name(cert.subject), certs.nip_of(cert),
                             certs.common_name(cert.issuer))
        end = certs.validity(cert)[1]
    except Exception:  # noqa: BLE001 (the certificate is as damaged as the rest)
        name, nip, issuer, end = "(tidak terbaca)", None, "", dt.datetime.min
    return SignatureReport(
        field_name=str(sig.field_name), signer=name, nip=nip, issuer=issuer, signed_at=None,
        timestamped=False, intact=False, whole_file=False, trusted=False,
        chain_to_trust_list=False, valid_at_signing=False, expired_now=False, revoked=False,
        not_after=end, validation_data=False,
        problems=[f"tanda tangan rusak dan tidak dapat diperiksa ({exc.__class__.__name__})"])


def _checked(reader: PdfFileReader, sig: EmbeddedPdfSignature,
             roots: list[x509.Certificate], now: dt.datetime, clean_end: bool
             ) -> SignatureReport:
    try:
        return _check(reader, sig, roots, now, clean_end)
    except Exception as exc:  # noqa: BLE001 (a damaged signature is a finding, not a crash)
        return _broken(sig, exc)


def _whole_file(status: PdfSignatureStatus) -> bool:
    """Covers the whole file, or only validation data (DSS, document time-stamps) was
    appended after it (``ModificationLevel.LTA_UPDATES``: what PAdES-LT adds)."""
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    return (status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
            and status.modification_level == ModificationLevel.LTA_UPDATES)


def _chains(sig: EmbeddedPdfSignature, roots: list[x509.Certificate]) -> bool:
    """Whether the signer's chain validates up to a root of the trust list at a moment
    the signer's certificate was valid (its dates aside: those are reported apart)."""
    if not roots:
        return False
    cert = sig.signer_cert
    moment = cert["tbs_certificate"]["validity"]["not_before"].native + dt.timedelta(
        seconds=1)
    context = ValidationContext(trust_roots=[asn1(r) for r in roots], allow_fetching=False,
                                revocation_mode="soft-fail", moment=moment)
    validator = CertificateValidator(cert, list(sig.other_embedded_certs), context)
    try:
        asyncio.run(validator.async_validate_path())
    except (PathBuildingError, ValidationError):
        return False
    return True


def _problems(report: SignatureReport) -> list[str]:
    problems = []
    if not report.intact:
        problems.append("isi yang ditandatangani telah berubah (tanda tangan tidak utuh)")
    if not report.whole_file:
        problems.append("berkas diubah atau ditambah setelah ditandatangani")
    if not report.chain_to_trust_list:
        problems.append("sertifikat tidak berakar pada sertifikat akar tepercaya")
    if not report.valid_at_signing:
        problems.append("sertifikat tidak berlaku pada waktu penandatanganan")
    if report.revoked:
        problems.append("sertifikat telah dicabut")
    if report.intact and report.chain_to_trust_list and report.valid_at_signing \
            and not report.trusted and not report.revoked:
        problems.append("rantai sertifikat tidak dapat divalidasi")
    return problems


@outside_event_loop
def verify_pdf(pdf: bytes, trust_roots: list[x509.Certificate],
               archived_sha256s: Iterable[str] | None = None,
               now: dt.datetime | None = None) -> Report:
    """The report of every signature of ``pdf`` (``now``: naive UTC, default the clock)."""
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    digest = hashlib.sha256(pdf).hexdigest()
    archived = None if archived_sha256s is None else digest in set(archived_sha256s)
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = list(reader.embedded_signatures)
        clean_end = pdf.rstrip().endswith(b"%%EOF")  # nothing after the last revision
        reports = [_checked(reader, sig, trust_roots, now, clean_end) for sig in signatures]
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        return Report(digest, [], archived, f"berkas tidak dapat dibaca sebagai PDF ({exc})")
    return Report(digest, reports, archived)
