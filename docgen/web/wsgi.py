"""The WSGI application for a production server:

    .venv/bin/gunicorn -c python:docgen.web.gunicorn_conf -w 2 'docgen.web.wsgi:app'

``app`` is built from the DOCGEN_* environment in each worker that imports this module
(gunicorn's default: no preloading in the master). Its LibreOffice is started after the
worker has booted and stopped when the worker exits (the hooks of
``docgen.web.gunicorn_conf``), or is the shared one that DOCGEN_CONVERTER_EXTERNAL names.
"""

from __future__ import annotations

from docgen.config import Settings
from docgen.web import create_app

app = create_app(Settings.from_env())
