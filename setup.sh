#!/usr/bin/env bash
# Idempotent set-up on Debian (as root, or with sudo): system packages, venv, docgen.
#   ./setup.sh          what the server needs (LibreOffice Writer, fonts, poppler-utils for the
#                       layout check, Python venv)
#   ./setup.sh --test   plus what the tests need (Chromium, PostgreSQL, dev packages)
set -euo pipefail
cd "$(dirname "$0")"

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

packages=(libreoffice-writer-nogui python3-uno fonts-urw-base35 fonts-liberation
          fonts-dejavu-core fontconfig poppler-utils python3-venv)
extras=".[server]"
if [ "${1:-}" = "--test" ]; then
  # postgresql, redis-server: their binaries only; the tests start throw-away servers
  # (tests/pg.py, tests/redis_server.py), no system service is used
  packages+=(chromium postgresql redis-server)
  # npm fetches axe-core for the accessibility test; Debian's npm unless one is on PATH
  # (NodeSource's nodejs ships its own npm and conflicts with Debian's package)
  command -v npm >/dev/null || packages+=(npm)
  extras=".[dev,server]"
fi

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=".venv/.docgen-installed"
hash="$(sha256sum pyproject.toml | cut -d' ' -f1)"
want="$hash $extras"
have="$(cat "$stamp" 2>/dev/null || true)"
# an install with the dev extras also serves the plain one
if [ "$have" != "$want" ] && [ "$have" != "$hash .[dev,server]" ]; then
  echo "setup: installing Python packages ($extras)"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e "$extras"
  echo "$want" > "$stamp"
fi
# the accessibility check (tests/browser/test_accessibility.py) runs axe-core in the page
if [ "${1:-}" = "--test" ] && [ ! -f .cache/npm/node_modules/axe-core/axe.min.js ]; then
  echo "setup: installing axe-core (npm) into .cache/npm"
  npm install --prefix .cache/npm --no-audit --no-fund --silent axe-core@4 >/dev/null
fi
