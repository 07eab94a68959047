"""Signing commands of the ``docgen`` CLI: set-certificate, verify, trust-root.

``set-certificate USERNAME FILE.p12`` reads the passphrase from standard input (one line),
never from the command line. ``verify FILE.pdf`` exits 0 only when the file carries a
signature and every signature is intact and covers the whole file (an untrusted root is
reported, with the signer named, and does not change the exit code); 1 otherwise."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from sqlalchemy import select
from sqlalchemy.orm import Session

from docgen.accounts.commands import open_database
from docgen.accounts.services import OPERATOR
from docgen.config import Settings
from docgen.errors import ServiceError
from docgen.signing import keystore, texts, trust
from docgen.signing.verify import verify_pdf
from docgen.storage import User
from docgen.storage.models import ArchiveEntry

MAX_PDF = 200 * 1024 * 1024


@contextmanager
def _session(settings: Settings) -> Iterator[Session]:
    """One transaction; a refusal is one line (exit 1)."""
    database = open_database(settings)
    try:
        with database.session() as session:
            yield session
    except ServiceError as exc:
        raise click.ClickException(exc.message) from None
    finally:
        database.dispose()


@click.command("set-certificate")
@click.argument("username")
@click.argument("p12", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def set_certificate(settings: Settings, username: str, p12: Path) -> None:
    """Daftarkan sertifikat tanda tangan (PKCS#12) USERNAME; frasa sandi dibaca dari
    standar input. Disimpan terenkripsi, hanya dapat dipakai dengan frasa sandi itu."""
    passphrase = sys.stdin.readline().rstrip("\r\n")
    with _session(settings) as session:
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            raise click.ClickException(f"pengguna {username} tidak ada")
        row = keystore.register(session, user, p12.read_bytes(), passphrase,
                                by=OPERATOR.username)
        click.echo(f"sertifikat {row.nama} (NIP {row.nip or '-'}), berlaku s.d. "
                   f"{row.not_after:%d-%m-%Y}, didaftarkan untuk {username}")


@click.command("verify")
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def verify(settings: Settings, pdf: Path) -> None:
    """Periksa tanda tangan elektronik FILE.pdf; keluar 0 hanya bila bertanda tangan dan
    setiap tanda tangan utuh serta mencakup seluruh berkas."""
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)  # the report says it all
    logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)
    data = pdf.read_bytes()[:MAX_PDF]
    with _session(settings) as session:
        roots = trust.roots(session, settings)
        report = verify_pdf(data, roots, _archived(session, data))
    for line in texts.lines(report, pdf.name):
        click.echo(line)
    if not roots:
        click.echo("Catatan: daftar akar tepercaya kosong (docgen trust-root add, "
                   "DOCGEN_TRUST_ROOTS).")
    sys.exit(0 if report.ok else 1)


def _archived(session: Session, data: bytes) -> list[str]:
    import hashlib

    digest = hashlib.sha256(data).hexdigest()
    found = session.scalar(select(ArchiveEntry.id).where(
        ArchiveEntry.output_sha256 == digest, ArchiveEntry.format == "pdf",
        ArchiveEntry.content.is_not(None)))
    return [digest] if found else []


@click.group("trust-root")
def trust_root() -> None:
    """Daftar sertifikat akar tepercaya untuk verifikasi tanda tangan."""


@trust_root.command("add")
@click.argument("pem", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def trust_add(settings: Settings, pem: Path) -> None:
    """Tambahkan sertifikat akar (PEM/DER) ke daftar akar tepercaya."""
    with _session(settings) as session:
        for row in trust.add(session, pem.read_bytes(), by=OPERATOR.username):
            click.echo(f"ditambahkan: {row.id}  {row.subject}  sha256 {row.fingerprint}")


@trust_root.command("list")
@click.pass_obj
def trust_list(settings: Settings) -> None:
    """Daftar sertifikat akar tepercaya (basis data dan DOCGEN_TRUST_ROOTS)."""
    with _session(settings) as session:
        for row in trust.listing(session):
            click.echo(f"{row.id:>4}  {row.subject}  berlaku s.d. {row.not_after:%d-%m-%Y}  "
                       f"sha256 {row.fingerprint}  (oleh {row.added_by})")
    for cert in trust.from_settings(settings):
        click.echo(f"   -  {cert.subject.rfc4514_string()}  (DOCGEN_TRUST_ROOTS)")


@trust_root.command("remove")
@click.argument("key")
@click.pass_obj
def trust_remove(settings: Settings, key: str) -> None:
    """Hapus sertifikat akar KEY (ID, atau awal sidik jari SHA-256 minimal 8 karakter)."""
    with _session(settings) as session:
        row = trust.remove(session, key, by=OPERATOR.username)
        click.echo(f"dihapus: {row.subject}")
