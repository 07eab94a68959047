"""Background jobs on the web: ``/pekerjaan`` (the user's recent jobs), a job's page
with its progress bar (``job.js`` asks ``/pekerjaan/<id>.json`` every second; without
JavaScript a "Muat ulang" link), and its result as a download once done.

Rules are ``docgen.jobs.service`` (another user's job: 404, like documents); submitting
is where the work starts (``outputs.archive``, ``program_pdf.download``) through
``start_job``."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, redirect, render_template, send_file, url_for
from flask_login import current_user, login_required

from docgen.jobs import service
from docgen.jobs.model import Job
from docgen.jobs.queue import Runner
from docgen.web.context import db, state

bp = Blueprint("jobs", __name__, url_prefix="/pekerjaan")
STATUS_LABELS = {"queued": "Menunggu giliran", "running": "Sedang dikerjakan",
                 "done": "Selesai", "failed": "Gagal"}


@bp.before_request
@login_required
def _login() -> None:
    """Every job page needs a logged-in user."""


def runner() -> Runner:
    return current_app.extensions["docgen_jobs"]


def start_job(actor: Any, kind: str, params: dict[str, Any]) -> Job:
    """Submit (access checked), commit, then enqueue: the worker finds the row."""
    job = service.submit(actor, db(), kind, params)
    db().commit()
    runner().enqueue(job.id)
    return job


def redirect_to(job: Job):
    return redirect(url_for("jobs.show", job_id=job.id), 303)


@bp.get("")
def index():
    jobs = service.recent(current_user, db())
    return render_template("jobs.html", jobs=jobs, describe=service.describe,
                           labels=STATUS_LABELS)


@bp.get("/<job_id>")
def show(job_id: str):
    job = service.get(current_user, db(), job_id)
    return render_template("job.html", job=job, what=service.describe(job),
                           labels=STATUS_LABELS)


@bp.get("/<job_id>.json")
def status(job_id: str):
    job = service.get(current_user, db(), job_id)
    return jsonify(progress(job, url_for("jobs.result", job_id=job.id)))


@bp.get("/<job_id>/hasil")
def result(job_id: str):
    job = service.get(current_user, db(), job_id)
    path = service.result_file(state().settings.data_dir, job)
    return send_file(path, as_attachment=True, download_name=path.name)


def progress(job: Job, result_url: str) -> dict[str, Any]:
    """The job's state as the API and the page's script read it."""
    return {"id": job.id, "kind": job.kind, "status": job.status, "done": job.done,
            "total": job.total, "result_url": result_url if job.status == "done" else None,
            "message": job.message or None}
