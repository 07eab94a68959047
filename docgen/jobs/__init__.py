"""Background jobs with progress: work of many documents (a ZIP of many, the printed
recap) runs outside the request, on Huey (``docgen.jobs.queue``): embedded by default (a
SQLite queue in ``<data_dir>/jobs/huey.sqlite``, consumer threads inside the app
process), Redis with ``DOCGEN_JOBS_URL=redis://host:6379/0``.

- ``model``: the ``jobs`` table (migration 0006): owner, kind, parameters, status,
  progress (``done``/``total``), the result file under ``<data_dir>/jobs/<id>/``.
- ``service``: ``submit`` (access checked before anything is queued), ``get`` (the
  owner's or a reader of all, else ``NotFound``), ``recent``.
- ``work``: the steps of each kind; every document's output is a part file written
  once (``jobs/<id>/parts/<doc-id>.<fmt>``), skipped when present, so a resumed job
  continues where it stopped.
- ``queue``: the Huey instance, the in-process consumer and the start-up recovery of
  jobs a dead process left behind.

Nothing here imports flask; the web views are ``docgen.web.jobs`` and
``docgen.web.api_jobs``.
"""
