#!/usr/bin/env bash
# One command: set up heron, extract one example article, ingest all examples into DuckDB, and query it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"

heron extract examples/istanbul-talks.txt
heron ingest examples --db heron.duckdb
heron query --db heron.duckdb events --limit 20
