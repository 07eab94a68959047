#!/usr/bin/env bash
# The main command: set up what is missing, then start docgen (see README).
set -euo pipefail
cd "$(dirname "$0")"
./setup.sh
exec .venv/bin/docgen serve "$@"
