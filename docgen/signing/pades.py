"""Signing a PDF with pyHanko: PAdES (ETSI.CAdES.detached), an incremental update so the
signed bytes are the input followed by the signature's revision, a visible signature in
the signer's signature block (``placement``, ``appearance``).

Levels, as ETSI EN 319 142-1 names them and as they are reported:
- ``PAdES-B-LT``: a time-stamp from the TSA (DOCGEN_TSA_URL) and the validation data
  (certificate chain, CRLs) embedded in the document security store;
- ``PAdES-B-T``: a time-stamp, but the validation data could not be gathered;
- ``PAdES-B-B``: neither; when the chain and CRLs could be gathered they are embedded all
  the same ("data validasi tertanam"), and ``notes`` say what was missing.
Validation data is gathered against the trust list only: a certificate whose chain does
not reach a trusted root, or whose CRL cannot be fetched, is signed at B-B (said so)."""

from __future__ import annotations

import datetime as dt
import io
import logging
from dataclasses import dataclass, field

from asn1crypto import x509 as asn1_x509  # type: ignore[import-untyped]
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError as PyHankoSigningError
from pyhanko.sign.signers.pdf_signer import DSSContentSettings, SigDSSPlacementPreference
from pyhanko.sign.timestamps.api import TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.stamp.static import StaticStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.errors import PathBuildingError, ValidationError

from docgen.signing import net, placement
from docgen.signing.appearance import Appearance, PdfBytesPage, appearance_pdf
from docgen.signing.loops import outside_event_loop

FIELD = "TandaTanganElektronik"
REASON = "Ditandatangani secara elektronik"
LAYOUT = layout.SimpleBoxLayoutRule(  # the drawing is made at the field's size
    x_align=layout.AxisAlignment.ALIGN_MIN, y_align=layout.AxisAlignment.ALIGN_MID,
    margins=layout.Margins(0, 0, 0, 0), inner_content_scaling=layout.InnerScaling.NO_SCALING)
# the validation data in the signature's own revision: the signed file is one revision
# (ENTIRE_FILE coverage) and no later writer touches the PDF/A metadata
DSS_IN_SIGNED_REVISION = DSSContentSettings(
    placement=SigDSSPlacementPreference.TOGETHER_WITH_SIGNATURE, include_vri=False)
_GATHER_ERRORS = (PyHankoSigningError, PathBuildingError, ValidationError,
                  TimestampRequestError, OSError)


@dataclass
class Signed:
    pdf: bytes
    level: str  # PAdES-B-LT | PAdES-B-T | PAdES-B-B
    signed_at: dt.datetime  # naive UTC
    visible: bool
    validation_data: bool  # chain and revocation data embedded (DSS)
    notes: list[str] = field(default_factory=list)

    @property
    def note(self) -> str:
        return "; ".join(self.notes)


def _quiet_expected_warning(record: logging.LogRecord) -> bool:
    """pyHanko warns that fetching is off: docgen fetches the CRLs itself (``net``)."""
    return "fetching is not allowed" not in record.getMessage()


logging.getLogger("pyhanko.sign.signers.pdf_signer").addFilter(_quiet_expected_warning)


def asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))


class _ClockedSigner(signers.PdfSigner):
    """pyHanko's PdfSigner with the signing time given (not read from the system)."""

    def __init__(self, *args, when: dt.datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self.when = when

    def init_signing_session(self, pdf_out, existing_fields_only=False):
        session = super().init_signing_session(pdf_out, existing_fields_only)
        session.system_time = self.when
        return session


class _KeepMetadataWriter(IncrementalPdfFileWriter):
    """pyHanko's incremental writer without its metadata update: it would append
    "pyHanko" to the Info /Producer but not to the XMP pdf:Producer, and a PDF/A file
    whose Info and XMP disagree is no longer PDF/A. The signature leaves both as they
    are (the signing time is in the signature itself)."""

    def _update_meta(self) -> None:
        return None


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _context(signer: signers.SimpleSigner, roots: list[x509.Certificate],
             when: dt.datetime, fetch: bool) -> tuple[ValidationContext | None, list[str]]:
    """The validation context holding every CRL the chain names, or why there is none."""
    if not roots:
        return None, ["daftar akar tepercaya kosong"]
    chain = [signer.signing_cert, *signer.cert_registry]
    if not fetch:
        return None, ["pengambilan data pencabutan dimatikan"]
    crls, problems = net.fetch_crls(chain)
    if problems:
        return None, problems
    context = ValidationContext(
        trust_roots=[asn1(r) for r in roots], other_certs=list(signer.cert_registry),
        crls=crls, allow_fetching=False, revocation_mode="hard-fail", moment=when)
    if not any(net.crl_urls(c) for c in chain):
        problems.append("sertifikat tidak menyebut layanan pencabutan (CRL/OCSP)")
    return context, problems


def _sign_once(pdf: bytes, signer: signers.SimpleSigner, appearance: Appearance,
               when: dt.datetime, spot: placement.Placement | None,
               context: ValidationContext | None, timestamper: TimeStamper | None) -> bytes:
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=REASON, name=appearance.nama, embed_validation_info=context is not None,
        validation_context=context, dss_settings=DSS_IN_SIGNED_REVISION,
        signer_key_usage={"digital_signature", "non_repudiation"})
    spec = fields.SigFieldSpec(FIELD, on_page=spot.page if spot else 0,
                               box=spot.box if spot else None)
    style = None
    if spot:
        art = appearance_pdf(spot.width, spot.height, appearance, when)
        style = StaticStampStyle(background=PdfBytesPage(art), border_width=0,
                                 background_opacity=1.0, background_layout=LAYOUT)
    pdf_signer = _ClockedSigner(meta, signer, timestamper=timestamper, stamp_style=style,
                                new_field_spec=spec, when=when)
    writer = _KeepMetadataWriter(io.BytesIO(pdf), strict=False)
    out = io.BytesIO()
    pdf_signer.sign_pdf(writer, output=out)
    return out.getvalue()


@outside_event_loop
def sign_pdf(pdf: bytes, signer: signers.SimpleSigner, appearance: Appearance, *,
             when: dt.datetime, trust_roots: list[x509.Certificate],
             timestamper: TimeStamper | None = None, fetch: bool = True) -> Signed:
    """``pdf`` signed by ``signer`` at ``when`` (naive UTC or aware), at the best level
    reachable (see the module's docstring); raises pyHanko's errors only when even a
    B-B signature cannot be made."""
    moment = _aware(when)
    spot = placement.find(pdf, appearance.nip, appearance.nama)
    notes = [] if spot else ["blok tanda tangan tidak ditemukan: tanda tangan tidak tampak"]
    context, problems = _context(signer, trust_roots, moment, fetch)
    attempts: list[tuple[ValidationContext | None, TimeStamper | None]] = []
    if context is not None:
        attempts.append((context, timestamper))
    if timestamper is not None:
        attempts.append((None, timestamper))
    attempts.append((None, None))
    for ctx, tsa in attempts:
        try:
            signed = _sign_once(pdf, signer, appearance, moment, spot, ctx, tsa)
        except _GATHER_ERRORS as exc:
            if ctx is None and tsa is None:
                raise
            problems.append(_why(exc, ctx is not None))
            continue
        notes += problems
        if tsa is None:
            notes.append("tanpa cap waktu TSA (DOCGEN_TSA_URL tidak diatur atau gagal)")
        level = ("PAdES-B-LT" if ctx and tsa else "PAdES-B-T" if tsa else "PAdES-B-B")
        if ctx is not None and tsa is None:
            notes.append("data validasi (rantai sertifikat"
                         + (", CRL" if ctx.crls else "") + ") tertanam")
        return Signed(signed, level, moment.astimezone(dt.UTC).replace(tzinfo=None),
                      spot is not None, ctx is not None, notes)
    raise AssertionError("unreachable")


def _why(exc: Exception, with_context: bool) -> str:
    if isinstance(exc, TimestampRequestError | OSError):
        return f"cap waktu TSA gagal ({exc})"
    if with_context:
        return f"rantai sertifikat tidak dapat divalidasi ke akar tepercaya ({exc})"
    return str(exc)
