#!/usr/bin/env bash
# The test command: set up what is missing (incl. Chromium, PostgreSQL), lint, then run every
# test (the database suites twice: SQLite, then PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")"
./setup.sh --test
.venv/bin/ruff check docgen tests bench
# Type check (configuration: [tool.mypy] in pyproject.toml); fails on any error.
.venv/bin/mypy
status=0
.venv/bin/pytest -q -p no:cacheprovider "$@" || status=$?
# The whole run also runs the database suites (documents, review, accounts, paraf, signing, web,
# API) on PostgreSQL: a throw-away server in a temporary directory (tests/pg.py).
# DOCGEN_TEST_DATABASE=postgresql ./test.sh tests/web  runs just those tests on it.
if [ "$#" -eq 0 ]; then
  DOCGEN_TEST_DATABASE=postgresql .venv/bin/pytest -q -p no:cacheprovider \
    tests/web tests/documents tests/review tests/accounts tests/paraf tests/signing || status=$?
fi
exit "$status"
