"""Choose Wikinews articles for heron's training annotations of events (gold/events_train/articles.json).

The articles of gold/events (dev and test) are left out; of the rest, those densest in conflict, diplomacy and
protest words are taken in a fixed order (seeded), so that the choice is made once, before any annotation, and
can be rebuilt. Usage: python scripts/select_event_articles.py N [--double K] > gold/events_train/articles.json
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from pathlib import Path

from heron.records import content_id

ROOT = Path(__file__).resolve().parent.parent
WIKINEWS = ROOT.parent / "shared" / "data" / "wikinews"
WORDS = re.compile(r"\b(attack\w*|kill\w*|protest\w*|arrest\w*|sanction\w*|talks|meet\w*|minister|president|"
                   r"troops|police|accus\w*|condemn\w*|agree\w*|demand\w*|strike\w*|government|military|"
                   r"rebels?|militants?|ceasefire|negotiat\w*|embassy|diplomat\w*)\b", re.I)
ANNOTATORS = ("C", "D", "E")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int)
    parser.add_argument("--double", type=int, default=0, help="articles also annotated by a second annotator")
    parser.add_argument("--seed", type=int, default=20261207)
    args = parser.parse_args()
    csv.field_size_limit(2**31 - 1)
    taken = {e["id"] for e in json.loads((ROOT / "gold" / "events" / "articles.json").read_text())}
    pool = []
    for path in sorted(WIKINEWS.glob("wikinews_*.csv")):
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                text = row["text"]
                words = len(text.split())
                if content_id(text) in taken or not 150 <= words <= 900:
                    continue
                pool.append((len(WORDS.findall(text)) / words, path.name, row))
    pool.sort(key=lambda p: -p[0])
    chosen = pool[: args.n]
    random.Random(args.seed).shuffle(chosen)
    out = []
    for n, (_, name, row) in enumerate(chosen):
        annotator = ANNOTATORS[n % len(ANNOTATORS)]
        out.append({"n": n, "file": name, "url": row["url"], "date": row["date"], "title": row["title"],
                    "id": content_id(row["text"]), "chars": len(row["text"]), "words": len(row["text"].split()),
                    "split": "train", "annotator": annotator, "double": n < args.double})
        if n < args.double:  # coded again, independently, by the next annotator
            out[-1]["second"] = ANNOTATORS[(n + 1) % len(ANNOTATORS)]
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
