"""Jobs across processes and machines (issue 13, item 5): leases renewed by the keeper,
jobs of a silent machine taken over, a live one left alone, old jobs' files deleted.
The two-server deployment with a killed worker: tests/test_deployment.py."""

from __future__ import annotations

import datetime as dt

from docgen.jobs import recovery
from docgen.jobs.model import Job, JobStatus
from docgen.storage.models import utcnow
from tests.web.conftest import bearer
from tests.web.test_jobs import check_zip, five, start, wait

ELSEWHERE = "mesin-lain.pemda:4242:abcd"  # a claim of another machine: no pid to test


def _job(app, owner_id: int, ids: list[int], **values) -> str:
    with app.extensions["docgen"].database.session() as session:
        job = Job(id=f"lease{len(ids)}{values.get('status', '')[:3]}", kind="zip",
                  owner_id=owner_id, params={"ids": ids, "format": "pdf"},
                  total=len(ids), done=0, message="", resumed=0, **values)
        session.add(job)
        return job.id


def _get(app, job_id: str) -> Job:
    with app.extensions["docgen"].database.session() as session:
        job = session.get(Job, job_id)
        session.expunge(job)
        return job


def test_a_job_of_a_silent_machine_is_taken_over_and_finished(app, client, world, token):
    ids = five(app, world, finals=0, count=3)
    stale = utcnow() - dt.timedelta(seconds=app.extensions["docgen"].settings
                                    .job_lease_seconds + 5)
    job_id = _job(app, world.users["a_admin"], ids, status=JobStatus.RUNNING,
                  claimed_by=ELSEWHERE, updated_at=stale)
    runner = start(app)
    try:
        runner.tick()  # what the keeper thread does every few seconds
        state = wait(client, f"/api/v1/jobs/{job_id}", **bearer(token))
    finally:
        runner.stop()
    assert (state["status"], state["done"]) == ("done", 3), state
    check_zip(client.get(state["result_url"], headers=bearer(token)).data, ids)
    assert _get(app, job_id).resumed == 1


def test_a_job_of_a_live_machine_is_left_alone(app, world):
    ids = five(app, world, finals=0, count=1)
    job_id = _job(app, world.users["a_admin"], ids, status=JobStatus.RUNNING,
                  claimed_by=ELSEWHERE, updated_at=utcnow())
    database = app.extensions["docgen"].database
    assert recovery.recover(database, dt.timedelta(seconds=60)) == []
    job = _get(app, job_id)
    assert (job.status, job.claimed_by, job.resumed) == (JobStatus.RUNNING, ELSEWHERE, 0)


def test_the_keeper_renews_the_lease_of_its_own_jobs(app, world):
    ids = five(app, world, finals=0, count=1)
    runner = app.extensions["docgen_jobs"]
    old = utcnow() - dt.timedelta(minutes=10)
    job_id = _job(app, world.users["a_admin"], ids, status=JobStatus.RUNNING,
                  claimed_by=runner.context.token, updated_at=old)
    recovery.LIVE.add(runner.context.token)
    try:
        recovery.heartbeat(app.extensions["docgen"].database, runner.context.token)
        assert _get(app, job_id).updated_at > old + dt.timedelta(minutes=9)
        assert recovery.recover(app.extensions["docgen"].database,
                                dt.timedelta(seconds=60)) == []
    finally:
        recovery.LIVE.discard(runner.context.token)


def test_old_jobs_files_are_deleted_and_the_job_says_so(app, client, world, token, data_dir):
    ids = five(app, world, finals=0, count=1)
    days = app.extensions["docgen"].settings.job_retention_days
    old = utcnow() - dt.timedelta(days=days, minutes=1)
    old_id = _job(app, world.users["a_admin"], ids, status=JobStatus.DONE,
                  result="jobs/x/a.zip", updated_at=old)
    new_id = _job(app, world.users["a_admin"], ids + ids, status=JobStatus.DONE,
                  result="jobs/y/b.zip", updated_at=utcnow())
    for job_id in (old_id, new_id, "orphan"):
        (data_dir / "jobs" / job_id / "parts").mkdir(parents=True)
    database = app.extensions["docgen"].database
    assert recovery.forget_old(database, data_dir, days) == 2  # the old one, the orphan
    assert sorted(p.name for p in (data_dir / "jobs").iterdir() if p.is_dir()) == [new_id]
    state = client.get(f"/api/v1/jobs/{old_id}", headers=bearer(token)).get_json()
    assert state["message"].startswith("Berkas hasil pekerjaan ini sudah dihapus")
    assert client.get(f"/api/v1/jobs/{old_id}/result",
                      headers=bearer(token)).status_code == 404
    assert _get(app, new_id).result == "jobs/y/b.zip"


def test_serve_names_the_setting_when_the_redis_queue_is_unreachable(tmp_path):
    """A Redis that does not answer stops ``docgen serve`` at start with the variable's
    name (exit 2), not an internal error and not a server that loses every job."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from tests.web.test_serve import _free_port

    docgen = Path(sys.executable).with_name("docgen")
    result = subprocess.run(
        [str(docgen), "serve", "--port", str(_free_port())], capture_output=True, text=True,
        timeout=120, env={**os.environ, "DOCGEN_DATA_DIR": str(tmp_path),
                          "DOCGEN_JOBS_URL": f"redis://127.0.0.1:{_free_port()}/0"})
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("docgen: DOCGEN_JOBS_URL: antrean pekerjaan redis://")
    assert "tidak dapat dihubungi" in result.stderr and "Traceback" not in result.stderr
