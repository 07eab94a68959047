"""Request state of the web app: the app's shared ``State``, the request's database
session (one transaction per request: committed in ``commit_db``, closed at teardown)
and regulation snapshot; the request's services.

Rendering and the archive of outputs: ``docgen.documents`` (``documents()``).

Each request's PDF conversions are queued as its user's (``bind_requester``): the fair
scheduler of ``docgen.convert.fair`` serves users in turn and bounds each one's queue."""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import current_app, g, request
from flask_login import current_user
from sqlalchemy.orm import Session

from docgen.accounts.emblems import stored_emblems
from docgen.accounts.services import AccountService
from docgen.config import Settings
from docgen.convert.fair import as_requester
from docgen.documents.previews import PreviewCache
from docgen.documents.services import DocumentService
from docgen.domain.regulation import Regulation
from docgen.pipeline import Pipeline
from docgen.render.figures import Emblems
from docgen.review.catalog import RegulationCache
from docgen.review.services import ReviewService
from docgen.storage import Database


@dataclass
class State:
    settings: Settings
    database: Database
    pipeline: Pipeline
    previews: PreviewCache = field(default_factory=PreviewCache)
    regulations: RegulationCache = field(default_factory=RegulationCache)

    @property
    def archive_dir(self) -> Path:
        return self.settings.data_dir / "archive"

    @property
    def upload_dir(self) -> Path:
        return self.settings.data_dir / "uploads"


def state() -> State:
    return current_app.extensions["docgen"]


def db() -> Session:
    """The request's session (closed, uncommitted work rolled back, at teardown)."""
    if "db_session" not in g:
        g.db_session = state().database.sessions()
    return g.db_session


def regulation() -> Regulation:
    """The request's regulation snapshot: the data set versions approved when it first
    asked (the same value for the whole request, whatever is approved meanwhile)."""
    if "regulation" not in g:
        g.regulation = state().regulations.current(db())
    return g.regulation


def emblems() -> Emblems:
    """The emblems stored now, read once per request and handed to every render."""
    if "docgen_emblems" not in g:
        g.docgen_emblems = stored_emblems(db())
    return g.docgen_emblems


def documents() -> DocumentService:
    """The documents service of this request: its session, snapshot and stored emblems."""
    app = state()
    return DocumentService(db(), app.pipeline, app.settings, regulation(), emblems(),
                           app.previews)


def review() -> ReviewService:
    """The review service of this request: its session, the app's pipeline and settings,
    the request's regulation snapshot and the app's cache of approved snapshots."""
    shared = state()
    return ReviewService(db(), shared.pipeline, shared.settings, regulation(),
                         shared.regulations)


def accounts() -> AccountService:
    """The accounts service on the request's session (the request commits)."""
    return AccountService(db(), state().settings)


def commit_db(response: Any) -> Any:
    """One transaction per request: what the request wrote is committed before the
    response leaves (a failed commit is an error response, never a false success).
    A request that failed was rolled back by ``docgen.web.errors`` before this runs."""
    session = g.get("db_session")
    if session is not None:
        session.commit()
    return response


def close_db(_exc: BaseException | None = None) -> None:
    """Teardown: whatever was not committed is rolled back with the session's close."""
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


def requester_key() -> str:
    """Whose PDF jobs this request's are: its API token's user, else the signed-in
    user, else the client address (read when a job is queued, after authentication)."""
    actor = g.get("api_user")
    if actor is None and current_user.is_authenticated:
        actor = current_user
    return f"user:{actor.id}" if actor is not None else f"addr:{request.remote_addr}"


def bind_requester() -> None:
    """Before each request: its conversions are queued under ``requester_key()``."""
    g.docgen_requester = stack = ExitStack()
    stack.enter_context(as_requester(requester_key))


def unbind_requester(_exc: BaseException | None = None) -> None:
    """Request teardown: the thread's conversions are nobody's again."""
    stack = g.pop("docgen_requester", None)
    if stack is not None:
        stack.close()
