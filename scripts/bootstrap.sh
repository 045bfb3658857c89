#!/usr/bin/env bash
# Set up tqa on a fresh Debian/Ubuntu machine with Python 3.11, then run
#   demo: `tqa check` on the sample article (report written under reports/)
#   test: the test suite
# System packages (dictionaries, grammar checker, browser for HTML tests) are
# installed with apt-get when it is available and we are root (or have sudo);
# without them tqa still runs and `tqa doctor` says what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-demo}"
case "$mode" in demo|test) ;; *) echo "usage: $0 demo|test" >&2; exit 2 ;; esac

PYTHON="${PYTHON:-python3}"
VENV="${VENV:-.venv}"
apt_packages=(hunspell-fr hunspell-de-de libhunspell-dev dict-freedict-deu-fra dict-freedict-fra-deu dict-de-en dict-freedict-eng-fra dict-freedict-fra-eng python3-grammalecte)
[ "$mode" = test ] && apt_packages+=(chromium)

have_python_headers() {
    "$PYTHON" - <<'PY' 2>/dev/null
import os, sysconfig, venv  # noqa: F401
raise SystemExit(0 if os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")) else 1)
PY
}

if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
    if [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; then
        have_python_headers || apt_packages+=(python3-venv python3-dev gcc)
        missing=()
        for p in "${apt_packages[@]}"; do
            dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
        done
        if [ ${#missing[@]} -gt 0 ]; then
            echo "==> apt-get install ${missing[*]}"
            $SUDO apt-get update -qq
            DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
        fi
    else
        echo "==> not root: skipping apt-get (run 'tqa doctor' to see what is missing)" >&2
    fi
fi

if [ ! -x "$VENV/bin/python" ]; then
    echo "==> creating $VENV"
    "$PYTHON" -m venv "$VENV"
fi
PIP=("$VENV/bin/python" -m pip install -q --disable-pip-version-check)
# the test extra pins torch 2.13.0, whose CPU build lies in /opt/wheels on these machines
[ -d /opt/wheels ] && PIP+=(--find-links /opt/wheels)
extras="nlp,formats"
[ -f /usr/include/hunspell/hunspell.h ] && extras="$extras,hunspell"
[ "$mode" = test ] && extras="$extras,test"
echo "==> pip install -e .[$extras]"
"${PIP[@]}" -e ".[$extras]"

if [ "$mode" = demo ]; then
    mkdir -p reports
    status=0
    "$VENV/bin/tqa" check corpora/kazakhstan-summit.fr.txt --format json -o reports/kazakhstan-summit.fr.json || status=$?
    "$VENV/bin/tqa" check corpora/kazakhstan-summit.fr.txt || status=$?
    echo
    echo "JSON report: reports/kazakhstan-summit.fr.json   (activate with: source $VENV/bin/activate)"
    if [ "$status" -eq 1 ]; then
        echo "tqa exited 1: the sample article fails the quality gate, as it should."
        exit 0
    fi
    exit "$status"
fi

echo "==> ruff"
"$VENV/bin/ruff" check tqa tests scripts
"$VENV/bin/ruff" format --check tqa tests scripts
echo "==> mypy"
"$VENV/bin/mypy" tqa
echo "==> pytest"
# test files spread over the cores (pytest-xdist; at most 4 workers, each
# loads its own models), all the tests of one file in the same worker
"$VENV/bin/python" -m pytest -n auto --maxprocesses 4 --dist loadfile tests
