#!/usr/bin/env bash
# The test command: set up what is missing (incl. Chromium), lint, then run every test.
set -euo pipefail
cd "$(dirname "$0")"
./setup.sh --test
.venv/bin/ruff check docgen tests bench
# Type check (configuration: [tool.mypy] in pyproject.toml); fails on any error.
.venv/bin/mypy
exec .venv/bin/pytest -q -p no:cacheprovider "$@"
