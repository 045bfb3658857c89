#!/usr/bin/env bash
# Unpack Grammalecte's rules source (fr-rules.txt, whose TEST lines are its
# rule tests) from Debian's libreoffice-grammalecte package, for
# scripts/eval_grammar.py. The package is downloaded, not installed (no
# LibreOffice needed); the file (GPL-3.0-or-later, Grammalecte's authors) is
# read at evaluation time and never copied into tqa.
#
#   bash scripts/fetch_grammalecte_tests.sh [DEST]   # default ~/.cache/tqa/grammalecte
set -euo pipefail
dest="${1:-${XDG_CACHE_HOME:-$HOME/.cache}/tqa/grammalecte}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download libreoffice-grammalecte
dpkg-deb -x libreoffice-grammalecte_*.deb unpacked
mkdir -p "$dest"
cp unpacked/usr/lib/libreoffice/share/extensions/grammalecte/fr-rules.txt "$dest/fr-rules.txt"
echo "$dest/fr-rules.txt ($(grep -c 'TEST:' "$dest/fr-rules.txt") TEST lines)"
