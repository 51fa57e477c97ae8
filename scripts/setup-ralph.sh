#!/usr/bin/env bash
# A real xAPI LRS for the tests: Ralph (ralph-malph 5.1.0) in its own venv, .venv-ralph.
# Its `lrs` extra pins exact versions (fastapi, uvicorn, httpx, ...) that must not meet the
# project's venv. `requests` is added because ralph.api.auth.oidc imports it and no extra
# declares it (without it, `ralph auth` and the server crash at import).
# Ralph's 5.1 fs backend needs a small start-up shim (tests/support/ralph_shim.py). Safe to re-run: an up-to-date venv is left alone.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

RALPH_SPEC='ralph-malph[cli,lrs]==5.1.0'
venv=${RALPH_VENV:-.venv-ralph}
python=${PYTHON:-python3}
stamp=$venv/.coursebuild-ralph

# Importing the server needs a backend chosen (the default, es, is not installed).
check() { RALPH_RUNSERVER_BACKEND=fs "$venv/bin/python" -c 'import ralph.api, requests, uvicorn'; }

if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$RALPH_SPEC requests" ] \
  && check >/dev/null 2>&1; then
  echo "setup-ralph: $venv up to date ($RALPH_SPEC)"
  exit 0
fi

start=$(date +%s.%N)
rm -rf "$venv"
"$python" -m venv "$venv"
log=$(mktemp)
if ! "$venv/bin/python" -m pip install --disable-pip-version-check -q "$RALPH_SPEC" requests >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  echo "setup-ralph: error: pip install failed" >&2
  exit 1
fi
rm -f "$log"
check
echo "$RALPH_SPEC requests" >"$stamp"
awk -v a="$start" -v b="$(date +%s.%N)" -v v="$venv" \
  'BEGIN { printf "setup-ralph: installed ralph-malph 5.1.0 into %s (%.1fs)\n", v, b - a }'
