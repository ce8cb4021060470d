"""Whole extractions of every Wikinews article, the seed and the examples, as one JSONL file.

A change that should not change output (a refactoring, a speed-up) is checked by writing a snapshot
before and after it and comparing them byte for byte:

    python scripts/snapshot.py --out /tmp/before.jsonl             # on the old code
    python scripts/snapshot.py --out /tmp/after.jsonl --compare /tmp/before.jsonl

With --compare it prints the first differing article and exits 1 when the two differ.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"


def articles():
    from heron.ingest.readers import read_inputs

    paths = [SHARED / "wikinews", SHARED / "seed", ROOT / "examples"]
    missing = [p for p in paths if not p.exists()]
    if missing:
        sys.exit(f"snapshot: missing {', '.join(map(str, missing))}")
    for item in read_inputs([str(p) for p in paths]):
        if hasattr(item, "text"):
            yield item


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--compare", type=Path, help="an earlier snapshot to compare with")
    args = parser.parse_args()

    import heron
    from heron.nlp.blas import one_thread

    one_thread()
    pipeline = heron.load()
    with args.out.open("w", encoding="utf-8") as out:
        for extraction in pipeline.pipe(articles()):
            out.write(json.dumps(extraction.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()[:16]
    lines = args.out.read_text(encoding="utf-8").splitlines()
    print(f"{len(lines)} articles, sha256 {digest} -> {args.out}")
    if args.compare is None:
        return 0
    before = args.compare.read_text(encoding="utf-8").splitlines()
    if before == lines:
        print("identical to", args.compare)
        return 0
    for i, (a, b) in enumerate(zip(before, lines)):
        if a != b:
            old, new = json.loads(a), json.loads(b)
            print(f"article {i} ({new['article'].get('input')}) differs:")
            for key in sorted(set(old) | set(new)):
                if old.get(key) != new.get(key):
                    print(f"  {key}:\n    before {json.dumps(old.get(key))[:600]}\n    after  {json.dumps(new.get(key))[:600]}")
            break
    else:
        print(f"article count differs: {len(before)} before, {len(lines)} after")
    return 1


if __name__ == "__main__":
    sys.exit(main())
