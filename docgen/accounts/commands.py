"""Account commands of the ``docgen`` CLI: create-user, create-token, tokens,
revoke-token, units.

Each command is one transaction (``Database.session()`` commits on success) acting as
``OPERATOR`` (whoever runs ``docgen`` on the server). The password of ``create-user`` is
read from standard input, never from the command line.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from docgen.accounts import clock
from docgen.accounts.access import Role
from docgen.accounts.services import OPERATOR, AccountService
from docgen.accounts.tokens import status as token_status
from docgen.config import Settings
from docgen.domain.errors import InputError
from docgen.errors import ServiceError
from docgen.storage import Database

TIME = "%Y-%m-%d %H:%M"


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
    with _service(settings) as service:
        user = service.create_user(OPERATOR, username, password, role, unit_id, nama)
        click.echo(f"pengguna {user.username} ({role}) dibuat, id {user.id}")


@click.command("create-token")
@click.argument("username")
@click.option("--days", type=int, default=None,
              help="Masa berlaku dalam hari (bawaan: DOCGEN_TOKEN_DAYS, 90)")
@click.pass_obj
def create_token(settings: Settings, username: str, days: int | None) -> None:
    """Buat token API untuk USERNAME dan cetak sekali (hanya hash-nya yang disimpan)."""
    with _service(settings) as service:
        click.echo(service.create_token(OPERATOR, username, days))


@click.command("tokens")
@click.argument("username", required=False)
@click.pass_obj
def tokens(settings: Settings, username: str | None) -> None:
    """Daftar token API (semua, atau milik USERNAME): ID, awalan, status, masa berlaku."""
    with _service(settings) as service:
        now = clock.now()
        for row in service.tokens.tokens(OPERATOR, username):
            used = row.last_used_at.strftime(TIME) if row.last_used_at else "-"
            expires = row.expires_at.strftime(TIME) if row.expires_at else "-"
            click.echo(f"{row.id:>4}  {row.user.username:<20} {row.prefix}…  "
                       f"{token_status(row, now):<11} dibuat {row.created_at.strftime(TIME)}"
                       f"  dipakai {used}  berlaku s.d. {expires}")


@click.command("revoke-token")
@click.argument("username")
@click.option("--id", "token_ids", type=int, multiple=True, help="ID token (lihat: tokens)")
@click.option("--all", "every", is_flag=True, help="Semua token USERNAME yang masih berlaku")
@click.pass_obj
def revoke_token(settings: Settings, username: str, token_ids: tuple[int, ...],
                 every: bool) -> None:
    """Cabut token API USERNAME (--id ID ... atau --all); berlaku seketika."""
    if bool(token_ids) == every:
        raise click.UsageError("pilih --id ID (boleh berulang) atau --all")
    with _service(settings) as service:
        owned = {row.id for row in service.tokens.tokens(OPERATOR, username)}
        unknown = [i for i in token_ids if i not in owned]
        if unknown:
            raise click.ClickException(f"token {', '.join(map(str, unknown))} bukan milik "
                                       f"{username}")
        rows = (service.tokens.revoke_all(OPERATOR, username) if every else
                [service.tokens.revoke(OPERATOR, i) for i in token_ids])
        click.echo(f"{len(rows)} token {username} dicabut"
                   + (f": {', '.join(r.prefix + '…' for r in rows)}" if rows else ""))


@contextmanager
def _service(settings: Settings) -> Iterator[AccountService]:
    """The accounts service of one command: one transaction, refusals as one line."""
    database = open_database(settings)
    try:
        with database.session() as session:
            yield AccountService(session, settings)
    except InputError as exc:
        raise click.ClickException("; ".join(e.message for e in exc.errors)) from None
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
