"""Document commands of the ``docgen`` CLI: ``finalize DOCUMENT_ID --as USERNAME``.

The same ``DocumentService`` as the web, built from ``Settings``: the database (migrated),
a ``Pipeline`` with its own converter, the approved regulation data sets and the stored
emblems. One transaction: ``Database.session()`` commits when the command succeeds.
Prints the verification ID; a refusal (invalid input, a placeholder emblem, a blocking
layout problem, a user who may not) prints the reasons on stderr and exits 2.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click
from sqlalchemy.orm import Session

from docgen.accounts.access import Actor
from docgen.accounts.emblems import stored_emblems
from docgen.config import Settings
from docgen.convert import ConversionError
from docgen.documents.gate import FinalRefused
from docgen.documents.previews import PreviewCache
from docgen.documents.services import DocumentService
from docgen.domain.errors import InputError
from docgen.errors import NotFound, ServiceError
from docgen.pipeline import Pipeline
from docgen.render import TemplateRenderError
from docgen.review.catalog import regulation_of
from docgen.review.versions import ReviewError
from docgen.storage import Database, repo


@contextmanager
def document_service(settings: Settings) -> Iterator[tuple[DocumentService, Session]]:
    """(service, session) in one transaction: committed on success, else rolled back."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    database, pipeline = Database(settings.database), Pipeline(settings)
    try:
        database.migrate()
        with database.session() as session:
            yield DocumentService(session, pipeline, settings, regulation_of(session),
                                  stored_emblems(session), PreviewCache()), session
    finally:
        pipeline.close()
        database.dispose()


def actor_named(session: Session, username: str) -> Actor:
    user = repo.get_user(session, username)
    if user is None or not user.active:
        raise NotFound(f"pengguna {username} tidak ditemukan atau tidak aktif")
    return Actor.of(user)


def _fail(lines: list[str]) -> None:
    for line in lines:
        click.echo(line, err=True)
    sys.exit(2)


@click.command("finalize")
@click.argument("document_id", type=int)
@click.option("--as", "username", required=True, metavar="USERNAME",
              help="pengguna yang menandai final (perannya menentukan izin)")
@click.pass_obj
def finalize(settings: Settings, document_id: int, username: str) -> None:
    """Tandai dokumen DOCUMENT_ID final sebagai USERNAME; cetak ID verifikasinya."""
    try:
        with document_service(settings) as (service, session):
            verification_id = service.finalize(actor_named(session, username), document_id)
    except FinalRefused as exc:
        _fail([f"docgen: dokumen {document_id} belum ditandai final dan tetap draf:",
               *(f"  {message}" for message in exc.messages)])
    except InputError as exc:
        _fail([f"docgen: dokumen {document_id} belum dapat ditandai final:",
               *(f"  {error}" for error in exc.errors)])
    except ServiceError as exc:
        _fail([f"docgen: {exc.message}"])
    except (TemplateRenderError, ReviewError) as exc:
        _fail([f"docgen: {exc}"])
    except ConversionError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(verification_id)
