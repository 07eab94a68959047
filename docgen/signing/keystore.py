"""A signer's certificate and key, kept usable only with the signer's passphrase.

``register`` checks a PKCS#12 file (the passphrase opens it, it holds a key matching its
certificate, the certificate is valid now and allowed to sign) and stores it as
``encrypted_p12``: the key and chain re-serialised as PKCS#12 under the passphrase
(PBES2, AES-256), then sealed again with AES-256-GCM under a key derived from the
passphrase by scrypt, bound to the user and the certificate. The unencrypted key exists
only in memory while signing; it is never written to disk nor logged, and the passphrase
is never stored. ``unlock`` returns a pyHanko signer, or ``SigningError`` for a wrong
passphrase (nothing is signed)."""

from __future__ import annotations

import datetime as dt
import os

from cryptography import x509
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import PrivateFormat, pkcs12
from pyhanko.sign.signers import SimpleSigner
from sqlalchemy import select
from sqlalchemy.orm import Session

from docgen.errors import ServiceError
from docgen.signing import certs
from docgen.signing.model import Certificate
from docgen.storage import review_repo
from docgen.storage.models import User, utcnow

MAGIC = b"DGK1"
SALT, NONCE = 16, 12
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
PBES_ROUNDS = 100_000
MAX_P12 = 200_000


class SigningError(ServiceError):
    """A certificate that cannot be registered or unlocked; ``message`` is Indonesian."""


WRONG_PASSPHRASE = "Frasa sandi sertifikat salah; dokumen tidak ditandatangani."


def _pkcs12(data: bytes, passphrase: str) -> pkcs12.PKCS12KeyAndCertificates:
    if not data or len(data) > MAX_P12:
        raise SigningError("Berkas sertifikat kosong atau terlalu besar (maksimal 200 KB).")
    try:
        return pkcs12.load_pkcs12(data, passphrase.encode("utf-8"))
    except ValueError:
        raise SigningError("Berkas PKCS#12 (.p12) tidak dapat dibuka: frasa sandi salah "
                           "atau berkas rusak.") from None


def check(data: bytes, passphrase: str, now: dt.datetime) -> pkcs12.PKCS12KeyAndCertificates:
    """The opened PKCS#12, or ``SigningError`` saying why it cannot sign documents."""
    bundle = _pkcs12(data, passphrase)
    if bundle.key is None or bundle.cert is None:
        raise SigningError("Berkas PKCS#12 tidak berisi kunci privat dan sertifikatnya.")
    cert = bundle.cert.certificate
    if cert.public_key() != bundle.key.public_key():
        raise SigningError("Kunci privat dalam berkas tidak cocok dengan sertifikatnya.")
    start, end = certs.validity(cert)
    if now > end:
        raise SigningError(f"Sertifikat sudah kedaluwarsa sejak {end:%d-%m-%Y}.")
    if now < start:
        raise SigningError(f"Sertifikat baru berlaku mulai {start:%d-%m-%Y}.")
    if not certs.may_sign(cert):
        raise SigningError("Sertifikat ini tidak diizinkan untuk tanda tangan dokumen "
                           "(key usage tanpa digitalSignature/nonRepudiation).")
    return bundle


def _kek(passphrase: str, salt: bytes) -> bytes:
    kdf = Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return kdf.derive(passphrase.encode("utf-8"))


def _aad(user_id: int, fingerprint: str) -> bytes:
    return f"docgen-certificate:{user_id}:{fingerprint}".encode("ascii")


def seal(bundle: pkcs12.PKCS12KeyAndCertificates, passphrase: str, aad: bytes) -> bytes:
    """PKCS#12 under the passphrase, sealed again with AES-GCM (scrypt key)."""
    encryption = (PrivateFormat.PKCS12.encryption_builder().kdf_rounds(PBES_ROUNDS)
                  .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
                  .hmac_hash(hashes.SHA256()).build(passphrase.encode("utf-8")))
    assert bundle.key is not None and bundle.cert is not None
    inner = pkcs12.serialize_key_and_certificates(
        b"docgen", bundle.key,  # type: ignore[arg-type]
        bundle.cert.certificate, [c.certificate for c in bundle.additional_certs],
        encryption)
    salt, nonce = os.urandom(SALT), os.urandom(NONCE)
    return MAGIC + salt + nonce + AESGCM(_kek(passphrase, salt)).encrypt(nonce, inner, aad)


def open_sealed(blob: bytes, passphrase: str, aad: bytes) -> bytes:
    """The inner PKCS#12 (still under the passphrase); ``SigningError`` if wrong."""
    if not blob.startswith(MAGIC):
        raise SigningError("Data sertifikat tersimpan tidak dikenali.")
    salt = blob[len(MAGIC):len(MAGIC) + SALT]
    nonce = blob[len(MAGIC) + SALT:len(MAGIC) + SALT + NONCE]
    try:
        return AESGCM(_kek(passphrase, salt)).decrypt(
            nonce, blob[len(MAGIC) + SALT + NONCE:], aad)
    except InvalidTag:
        raise SigningError(WRONG_PASSPHRASE) from None


def current(session: Session, user: User) -> Certificate | None:
    """The user's certificate in use (the latest registered, not replaced)."""
    return session.scalar(select(Certificate).where(
        Certificate.user_id == user.id, Certificate.replaced_at.is_(None))
        .order_by(Certificate.id.desc()))


def register(session: Session, user: User, data: bytes, passphrase: str, *, by: str,
             now: dt.datetime | None = None) -> Certificate:
    """Check and store ``user``'s PKCS#12 (replacing the previous one); flushes."""
    now = now or utcnow()
    bundle = check(data, passphrase, now)
    assert bundle.cert is not None
    cert: x509.Certificate = bundle.cert.certificate
    digest = certs.fingerprint(cert)
    start, end = certs.validity(cert)
    for old in session.scalars(select(Certificate).where(
            Certificate.user_id == user.id, Certificate.replaced_at.is_(None))):
        old.replaced_at = now
    row = Certificate(
        user_id=user.id, subject=cert.subject.rfc4514_string()[:500],
        nama=certs.common_name(cert.subject)[:200], nip=certs.nip_of(cert),
        issuer=cert.issuer.rfc4514_string()[:500], serial=format(cert.serial_number, "x")[:80],
        not_before=start, not_after=end, fingerprint=digest,
        encrypted_p12=seal(bundle, passphrase, _aad(user.id, digest)), created_at=now,
        created_by=by)
    session.add(row)
    session.flush()
    review_repo.add_audit(session, "sertifikat_tte", f"sertifikat {user.username}", by,
                          unit_id=user.unit_id,
                          detail=f"{row.nama} (NIP {row.nip or '-'}); penerbit {row.issuer}; "
                                 f"berlaku s.d. {end:%Y-%m-%d}; sha256 {digest}")
    return row


def unlock(session: Session, user: User, passphrase: str) -> tuple[SimpleSigner, Certificate]:
    """A pyHanko signer with ``user``'s key (in memory only) and its certificate row."""
    row = current(session, user)
    if row is None:
        raise SigningError(f"Pengguna {user.username} belum mendaftarkan sertifikat "
                           "tanda tangan elektronik.")
    inner = open_sealed(row.encrypted_p12, passphrase, _aad(user.id, row.fingerprint))
    try:
        signer = SimpleSigner.load_pkcs12_data(inner, other_certs=[],
                                               passphrase=passphrase.encode("utf-8"))
    except ValueError:
        raise SigningError(WRONG_PASSPHRASE) from None
    return signer, row
