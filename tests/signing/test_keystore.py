"""Registering a signer's PKCS#12: checked (passphrase, key, validity, key usage), kept
encrypted under the passphrase only; unlocking with a wrong passphrase fails in Indonesian;
the private key never appears unencrypted in the database file."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.hazmat.primitives.serialization import (
    BestAvailableEncryption,
    Encoding,
    pkcs12,
)

from docgen.signing import keystore
from docgen.signing.keystore import SigningError
from docgen.storage import Database, repo
from tests.signing import ca


@pytest.fixture()
def database(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'data' / 'docgen.sqlite'}")
    database.migrate()
    yield database
    database.dispose()


def _user(session):
    return repo.create_user(session, "kepala", "Kalimanah2026sore", "admin_kabupaten", None)


def test_register_then_unlock_only_with_the_passphrase(database, tmp_path, root, signer_cert):
    with database.session() as session:
        row = keystore.register(session, _user(session), signer_cert.p12(chain=(root,)),
                                ca.PASSPHRASE, by="sistem")
        assert (row.nama, row.nip) == ("Drs. BUDI SANTOSO, M.Si.", "197501012000031001")
        assert row.issuer.startswith("CN=Root CA Uji Purbalingga")
    with database.session() as session:
        user = repo.get_user(session, "kepala")
        signer, current = keystore.unlock(session, user, ca.PASSPHRASE)
        assert signer.signing_cert.dump() == signer_cert.cert.public_bytes(Encoding.DER)
        assert current.id == row.id
        with pytest.raises(SigningError, match="Frasa sandi sertifikat salah"):
            keystore.unlock(session, user, ca.PASSPHRASE + "x")
    database.dispose()
    stored = b"".join(path.read_bytes() for path in (tmp_path / "data").rglob("*")
                      if path.is_file())
    assert stored and ca.PASSPHRASE.encode() not in stored
    for form in signer_cert.key_forms():
        assert form not in stored


def test_what_cannot_sign_is_refused(database, root, signer_cert):
    cases = [
        (signer_cert.p12(chain=(root,)), "salah", "frasa sandi salah atau berkas rusak"),
        (pkcs12.serialize_key_and_certificates(
            b"x", None, signer_cert.cert, None, BestAvailableEncryption(b"kunci-kunci")),
         "kunci-kunci", "tidak berisi kunci privat"),
        (ca.signer(root, start=ca.NOW - dt.timedelta(days=400), days=390).p12(),
         ca.PASSPHRASE, "sudah kedaluwarsa"),
        (ca.signer(root, start=ca.NOW + dt.timedelta(days=3)).p12(), ca.PASSPHRASE,
         "baru berlaku mulai"),
        (ca.signer(root, sign=False).p12(), ca.PASSPHRASE, "tidak diizinkan untuk tanda"),
        (b"bukan p12", ca.PASSPHRASE, "tidak dapat dibuka"),
        (b"", ca.PASSPHRASE, "kosong atau terlalu besar"),
    ]
    with database.session() as session:
        user = _user(session)
        for data, passphrase, message in cases:
            with pytest.raises(SigningError, match=message):
                keystore.register(session, user, data, passphrase, by="sistem")
        assert keystore.current(session, user) is None
        with pytest.raises(SigningError, match="belum mendaftarkan sertifikat"):
            keystore.unlock(session, user, ca.PASSPHRASE)


def test_a_new_certificate_replaces_the_old(database, root, signer_cert):
    with database.session() as session:
        user = _user(session)
        first = keystore.register(session, user, signer_cert.p12(), ca.PASSPHRASE, by="x")
        second = keystore.register(session, user, ca.signer(root).p12(), ca.PASSPHRASE,
                                   by="x")
        assert first.replaced_at is not None and keystore.current(session, user) is second
