"""Choose Wikinews articles for heron's training annotations of events (gold/events_train/articles.json).

The articles of gold/events (dev and test) are left out; of the rest, those densest in conflict, diplomacy and
protest words are taken in a fixed order (seeded), so that the choice is made once, before any annotation, and
can be rebuilt. Usage:

    python scripts/select_event_articles.py N [--double K] > gold/events_train/articles.json   # the first batch
    python scripts/select_event_articles.py N --start 45 --annotators FGH --append gold/events_train/articles.json

(a later batch: the next N articles of the same order, coded by other annotators, added to the listing).
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int)
    parser.add_argument("--double", type=int, default=0, help="articles also annotated by a second annotator")
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--start", type=int, default=0, help="skip the first START articles of the order")
    parser.add_argument("--annotators", default="CDE", help="one letter per annotator, assigned in turn")
    parser.add_argument("--append", type=Path, help="add the batch to this articles.json instead of printing it")
    args = parser.parse_args()
    annotators = tuple(args.annotators)
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
    if args.start:  # a later batch: the next articles in density order, shuffled apart from the first
        chosen = pool[args.start: args.start + args.n]
        random.Random(args.seed + args.start).shuffle(chosen)
    else:
        chosen = pool[: args.n]
        random.Random(args.seed).shuffle(chosen)
    out = []
    for n, (_, name, row) in enumerate(chosen, start=args.start):
        annotator = annotators[n % len(annotators)]
        out.append({"n": n, "file": name, "url": row["url"], "date": row["date"], "title": row["title"],
                    "id": content_id(row["text"]), "chars": len(row["text"]), "words": len(row["text"].split()),
                    "split": "train", "annotator": annotator, "double": n - args.start < args.double})
        if n - args.start < args.double:  # coded again, independently, by the next annotator
            out[-1]["second"] = annotators[(n + 1) % len(annotators)]
    if args.append:
        listed = json.loads(args.append.read_text(encoding="utf-8"))
        if {e["id"] for e in listed} & {e["id"] for e in out}:
            sys.exit(f"{args.append}: the batch repeats listed articles (check --start)")
        args.append.write_text(json.dumps(listed + out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    else:
        json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")


if __name__ == "__main__":
    main()
