"""The trust list: root certificates whose chains signature verification accepts, added
by the admin (``docgen trust-root add``, stored in ``trust_roots``) plus those of the
PEM file DOCGEN_TRUST_ROOTS."""

from __future__ import annotations

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy import select
from sqlalchemy.orm import Session

from docgen.config import Settings
from docgen.errors import Conflict, NotFound
from docgen.signing import certs
from docgen.signing.keystore import SigningError
from docgen.signing.model import TrustRoot
from docgen.storage import review_repo
from docgen.storage.models import utcnow


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return cert.subject == cert.issuer  # an old self-signed root without extensions


def add(session: Session, data: bytes, *, by: str) -> list[TrustRoot]:
    """Add every CA certificate of a PEM (or one DER) file; flushes."""
    try:
        found = certs.load_certificates(data)
    except ValueError:
        raise SigningError("Berkas bukan sertifikat X.509 (PEM atau DER).") from None
    added = []
    for cert in found:
        if not _is_ca(cert):
            raise SigningError(f"{certs.common_name(cert.subject)} bukan sertifikat CA; "
                               "yang dapat dipercaya hanya sertifikat akar/CA.")
        digest = certs.fingerprint(cert)
        if session.scalar(select(TrustRoot).where(TrustRoot.fingerprint == digest)):
            raise Conflict(f"Sertifikat akar {certs.common_name(cert.subject)} sudah ada "
                           "dalam daftar.")
        row = TrustRoot(subject=cert.subject.rfc4514_string()[:500], fingerprint=digest,
                        der=cert.public_bytes(Encoding.DER), not_after=certs.validity(cert)[1],
                        added_by=by, created_at=utcnow())
        session.add(row)
        added.append(row)
        review_repo.add_audit(session, "akar_tepercaya", "daftar akar tepercaya", by,
                              detail=f"ditambahkan: {row.subject}; sha256 {digest}")
    session.flush()
    return added


def listing(session: Session) -> list[TrustRoot]:
    return list(session.scalars(select(TrustRoot).order_by(TrustRoot.id)))


def remove(session: Session, key: str, *, by: str) -> TrustRoot:
    """Remove the root with id ``key`` or whose fingerprint starts with ``key``."""
    rows = [r for r in listing(session)
            if str(r.id) == key or (len(key) >= 8 and r.fingerprint.startswith(key.lower()))]
    if len(rows) != 1:
        raise NotFound(f"sertifikat akar {key!r} tidak ditemukan (lihat: docgen trust-root "
                       "list)")
    session.delete(rows[0])
    review_repo.add_audit(session, "akar_tepercaya", "daftar akar tepercaya", by,
                          detail=f"dihapus: {rows[0].subject}; sha256 {rows[0].fingerprint}")
    session.flush()
    return rows[0]


def from_settings(settings: Settings) -> list[x509.Certificate]:
    if settings.trust_roots is None:
        return []
    return certs.load_certificates(settings.trust_roots.read_bytes())


def roots(session: Session, settings: Settings) -> list[x509.Certificate]:
    """Every accepted root: the database's, then DOCGEN_TRUST_ROOTS' (no duplicates)."""
    found = {r.fingerprint: x509.load_der_x509_certificate(r.der) for r in listing(session)}
    for cert in from_settings(settings):
        found.setdefault(certs.fingerprint(cert), cert)
    return list(found.values())
