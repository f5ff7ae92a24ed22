#!/usr/bin/env bash
# Creates .venv and installs Uitwisselplek into it; "test" also installs the test tools and Debian's chromium.
# Re-running is cheap: it only reinstalls when pyproject.toml changed (and recompiles texts when a .po changed).
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-app}
python=${PYTHON:-python3}
sudo=''
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo='sudo'

apt_install() {
  command -v apt-get >/dev/null || { echo "please install: $*" >&2; exit 1; }
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv 2>/dev/null || { rm -rf .venv; apt_install python3-venv; "$python" -m venv .venv; }
fi
marker=".venv/.installed-$what"
if [ ! -f "$marker" ] || [ pyproject.toml -nt "$marker" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  if [ "$what" = test ]; then spec='.[test]'; else spec='.'; fi
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec"
  touch "$marker"
fi
# The report's PDF (WeasyPrint) needs Pango and a font from Debian.
if ! .venv/bin/python -c 'import weasyprint' >/dev/null 2>&1; then
  apt_install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
fi
# The texts' compiled catalogs (.mo, not in git); only when a .po is newer. Without them the app compiles in memory.
for po in app/i18n/locales/*/LC_MESSAGES/messages.po; do
  if [ ! -f "${po%.po}.mo" ] || [ "$po" -nt "${po%.po}.mo" ]; then
    .venv/bin/pybabel -q compile -d app/i18n/locales -D messages
    break
  fi
done
if [ "$what" = test ] && [ ! -x "${UITWISSELPLEK_CHROMIUM:-/usr/bin/chromium}" ]; then
  apt_install chromium fonts-dejavu-core
fi
# Two instances behind a real balancer (tests/e2e/test_two_instances.py, deploy/haproxy.cfg)
if [ "$what" = test ] && ! command -v haproxy >/dev/null; then
  apt_install haproxy
fi
