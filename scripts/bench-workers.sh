#!/usr/bin/env bash
# Speed-up of `heron ingest --workers 2` over one process, on the Wikinews articles of ../shared/data
# copied COPIES times (default 4) with a marker line, so that every copy is a new article to the store.
# Prints the wall time of each run and the ratio. Needs `scripts/setup.sh` to have run.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
.venv/bin/python - "$WORK" "${COPIES:-4}" <<'PY'
import json, subprocess, sys, time
from pathlib import Path
from heron.bench import read_corpus

work, copies = Path(sys.argv[1]), int(sys.argv[2])
articles = read_corpus("../shared/data/wikinews")
with open(work / "corpus.jsonl", "w", encoding="utf-8") as out:
    for k in range(copies):
        for n, a in enumerate(articles):
            out.write(json.dumps({"id": f"{k}-{n}", "date": a.date, "title": a.title,
                                  "text": f"{a.text}\n\n(benchmark copy {k})"}) + "\n")
print(f"{len(articles) * copies} articles")
seconds = {}
for name, extra in (("one process", []), ("--workers 2", ["--workers", "2"])):
    start = time.perf_counter()
    subprocess.run([".venv/bin/heron", "ingest", str(work / "corpus.jsonl"), "--db", str(work / f"{len(seconds)}.duckdb"),
                    "--quiet", "--no-dedup", *extra], check=True, stdout=subprocess.DEVNULL)
    seconds[name] = time.perf_counter() - start
    print(f"{name}: {seconds[name]:.1f} s")
print(f"speed-up: {seconds['one process'] / seconds['--workers 2']:.2f}x")
PY
