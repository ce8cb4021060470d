#!/usr/bin/env bash
# One command: set up heron with its test extras and run every test.
# tests/unit needs only the repo; tests/shared reads ../shared/data and fails if it is missing;
# tests/browser drives Debian's Chromium through `heron serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/install-browser.sh
.venv/bin/python -m pytest tests/unit tests/shared tests/browser -q "$@"
