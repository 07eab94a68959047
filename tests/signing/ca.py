"""A certificate authority made in the test (``cryptography``): a root, signers with the
NIP in their subject (serialNumber), an expired signer, a signer under another root, a
TSA certificate, and their PKCS#12 files."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import (
    BestAvailableEncryption,
    Encoding,
    NoEncryption,
    PrivateFormat,
    pkcs12,
)
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)
PASSPHRASE = "kunci rahasia penandatangan 2026"


@dataclass
class Issued:
    cert: x509.Certificate
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(Encoding.PEM)

    def p12(self, passphrase: str = PASSPHRASE, chain: tuple[Issued, ...] = ()) -> bytes:
        return pkcs12.serialize_key_and_certificates(
            b"penandatangan", self.key, self.cert, [c.cert for c in chain],  # type: ignore[arg-type]
            BestAvailableEncryption(passphrase.encode()))

    def key_forms(self) -> list[bytes]:
        """The private key unencrypted in the forms a leak would show (DER, PEM, raw)."""
        forms = [self.key.private_bytes(Encoding.DER, fmt, NoEncryption())
                 for fmt in (PrivateFormat.PKCS8, PrivateFormat.TraditionalOpenSSL)]
        forms += [self.key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())]
        numbers = self.key.private_numbers()
        scalar = getattr(numbers, "d", None) or numbers.private_value
        forms.append(scalar.to_bytes((scalar.bit_length() + 7) // 8, "big"))
        return forms


def _name(cn: str, serial: str | None = None, org: str = "Pemerintah Kabupaten Purbalingga"
          ) -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
                  x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
                  x509.NameAttribute(NameOID.COMMON_NAME, cn)]
    if serial:
        attributes.append(x509.NameAttribute(NameOID.SERIAL_NUMBER, serial))
    return x509.Name(attributes)


def _builder(subject: x509.Name, issuer: x509.Name, public_key, start: dt.datetime,
             days: int) -> x509.CertificateBuilder:
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
            .public_key(public_key).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(start + dt.timedelta(days=days))
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), False))


def root(cn: str = "Root CA Uji Purbalingga") -> Issued:
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(cn)
    cert = (_builder(name, name, key.public_key(), NOW - dt.timedelta(days=3650), 7300)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False,
                                         False), True)
            .sign(key, hashes.SHA256()))
    return Issued(cert, key)


def _usage(sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(sign, sign, not sign, False, False, False, False, False, False)


def signer(ca: Issued, cn: str = "Drs. BUDI SANTOSO, M.Si.",
           nip: str | None = "197501012000031001", *, start: dt.datetime | None = None,
           days: int = 730, sign: bool = True, crl_url: str | None = None,
           tsa: bool = False) -> Issued:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    start = start or NOW - dt.timedelta(days=30)
    builder = (_builder(_name(cn, f"NIP.{nip}" if nip else None), ca.cert.subject,
                        key.public_key(), start, days)
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                   ca.key.public_key()), False)  # type: ignore[arg-type]
               .add_extension(_usage(sign), True))
    if tsa:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), True)
    if crl_url:
        builder = builder.add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
            [x509.UniformResourceIdentifier(crl_url)], None, None, None)]), False)
    return Issued(builder.sign(ca.key, hashes.SHA256()), key)


def crl(ca: Issued, revoked: tuple[Issued, ...] = ()) -> bytes:
    builder = (x509.CertificateRevocationListBuilder().issuer_name(ca.cert.subject)
               .last_update(NOW - dt.timedelta(days=1))
               .next_update(NOW + dt.timedelta(days=3650)))
    for item in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(item.cert.serial_number)
            .revocation_date(NOW - dt.timedelta(days=1)).build())
    return builder.sign(ca.key, hashes.SHA256()).public_bytes(Encoding.DER)
