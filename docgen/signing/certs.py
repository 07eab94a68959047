"""Reading X.509 certificates (``cryptography``): subject name, NIP, fingerprints, PEM
bundles. Pure functions, no database."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

NIP = re.compile(r"(?<!\d)(\d{18})(?!\d)")


def fingerprint(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest()


def common_name(name: x509.Name) -> str:
    values = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(values[0].value) if values else name.rfc4514_string()


def nip_of(cert: x509.Certificate) -> str | None:
    """The 18-digit NIP in the subject: its serialNumber first (e.g. ``NIP.1975...``),
    then the common name, then any attribute; spaces inside the number are ignored."""
    subject = cert.subject
    attributes = ([a for a in subject if a.oid == NameOID.SERIAL_NUMBER]
                  + [a for a in subject if a.oid == NameOID.COMMON_NAME] + list(subject))
    for attribute in attributes:
        found = NIP.search(re.sub(r"(?<=\d) (?=\d)", "", str(attribute.value)))
        if found:
            return found.group(1)
    return None


def utc(moment: dt.datetime) -> dt.datetime:
    """A naive UTC datetime (as the database stores it)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


def validity(cert: x509.Certificate) -> tuple[dt.datetime, dt.datetime]:
    return utc(cert.not_valid_before_utc), utc(cert.not_valid_after_utc)


def may_sign(cert: x509.Certificate) -> bool:
    """False if the certificate restricts its key to uses other than signing documents
    (a key usage without digitalSignature and nonRepudiation)."""
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return True
    return bool(usage.digital_signature or usage.content_commitment)


def load_certificates(data: bytes) -> list[x509.Certificate]:
    """Every certificate of a PEM bundle or one DER certificate; ValueError if none."""
    if b"-----BEGIN CERTIFICATE-----" in data:
        return x509.load_pem_x509_certificates(data)
    return [x509.load_der_x509_certificate(data)]
