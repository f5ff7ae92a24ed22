#!/usr/bin/env bash
# Second command of the README: install everything the tests need (Debian's chromium included), lint, run all tests.
# Extra arguments go to pytest, e.g. scripts/test.sh -k screen
# Two pytest runs: Playwright's sync API keeps its own event loop, which NiceGUI's simulated users must not share.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh test || exit 1
.venv/bin/ruff check . || exit 1
.venv/bin/mypy || exit 1  # types: pyproject.toml [tool.mypy] (strict for app.domain and app.live)
.venv/bin/lint-imports --no-cache || exit 1  # the layers of docs/ARCHITECTURE.md (contracts in pyproject.toml)
status=0
for suite in 'tests/unit tests/store tests/live tests/ui' 'tests/e2e'; do
  # shellcheck disable=SC2086
  .venv/bin/pytest $suite "$@"
  code=$?
  [ "$code" -eq 5 ] && code=0  # nothing selected in this part (e.g. with -k)
  [ "$code" -ne 0 ] && status=$code
done
exit $status
