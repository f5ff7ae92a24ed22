#!/usr/bin/env bash
# First command of the README: install (first time) and start on http://localhost:8080 (SQLite in ./data).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh app
exec .venv/bin/uitwisselplek "$@"
