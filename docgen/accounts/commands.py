"""Account commands of the ``docgen`` CLI: create-user, create-token, units.

Each command is one transaction (``Database.session()`` commits on success) acting as
``OPERATOR`` (whoever runs ``docgen`` on the server). The password of ``create-user`` is
read from standard input, never from the command line.
"""

from __future__ import annotations

import sys

import click

from docgen.accounts.access import Role
from docgen.accounts.services import OPERATOR, AccountService
from docgen.config import Settings
from docgen.domain.errors import InputError
from docgen.errors import ServiceError
from docgen.storage import Database


def open_database(settings: Settings) -> Database:
    """The database of ``settings`` (its data directory created), migrated to head."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    database = Database(settings.database)
    database.migrate()
    return database


@click.command("create-user")
@click.argument("username")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--unit", "unit_id", type=int, default=None, help="ID unit (peran unit)")
@click.option("--nama", default=None, help="Nama lengkap")
@click.pass_obj
def create_user(settings: Settings, username: str, role: str, unit_id: int | None,
                nama: str | None) -> None:
    """Buat pengguna; kata sandi dibaca dari standar input (satu baris)."""
    password = sys.stdin.readline().rstrip("\r\n")
    database = open_database(settings)
    try:
        with database.session() as session:
            user = AccountService(session, settings).create_user(
                OPERATOR, username, password, role, unit_id, nama)
            click.echo(f"pengguna {user.username} ({role}) dibuat, id {user.id}")
    except InputError as exc:
        raise click.ClickException("; ".join(e.message for e in exc.errors)) from None
    finally:
        database.dispose()


@click.command("create-token")
@click.argument("username")
@click.pass_obj
def create_token(settings: Settings, username: str) -> None:
    """Buat token API untuk USERNAME dan cetak (hanya hash-nya yang disimpan)."""
    database = open_database(settings)
    try:
        with database.session() as session:
            click.echo(AccountService(session, settings).create_token(OPERATOR, username))
    except ServiceError as exc:
        raise click.ClickException(exc.message) from None
    finally:
        database.dispose()


@click.command("units")
@click.pass_obj
def units(settings: Settings) -> None:
    """Daftar unit (ID untuk create-user --unit)."""
    database = open_database(settings)
    try:
        with database.session() as session:
            for unit in AccountService(session, settings).units(OPERATOR):
                click.echo(f"{unit.id:>4}  {unit.jenis:<18} {unit.nama}")
    finally:
        database.dispose()
