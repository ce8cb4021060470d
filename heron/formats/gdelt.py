"""GDELT 2.0 event table: 61 tab-separated columns, one event per row, no header.

What heron fills, and how (every other column is left empty):

- GLOBALEVENTID: :func:`heron.formats.common.event_number` (60 bits of SHA-256 of
  "<article id>/<event id>"), stable across runs.
- SQLDATE, MonthYear, Year, FractionDate: the event day (see
  :func:`heron.formats.common.event_day`); FractionDate is GDELT's
  YEAR + (MONTH * 30 + DAY) / 365 as the codebook defines it, to 4 decimals.
- Actor1 = the event's first source actor, Actor2 = its first target (the
  table is dyadic: further sources/targets of a compound event are dropped).
  Code = heron's actor code (RUSGOV, NATO); Name = the actor's name in upper
  case, as GDELT writes names; CountryCode = the actor's ISO3 country (CAMEO
  country codes are ISO3 for nearly all states); KnownGroupCode = the code of an
  IGO/NGO actor without a country (heron's acronym, e.g. NATO, not CAMEO's
  three-letter list); Type1Code = the sector (GOV, MIL, ...).
  Ethnic, religion and Type2/Type3 codes: heron does not code them.
- IsRootEvent: 1 when the evidence sentence starts in the article's first paragraph.
- EventCode/EventBaseCode/EventRootCode: the CAMEO code and its 3- and 2-digit prefixes.
- QuadClass, GoldsteinScale: the event's quad and goldstein.
- NumMentions: sentences reporting the event in the article (1 + Event.mentions);
  NumSources = NumArticles = 1 (one article). AvgTone: heron has no tone: empty.
- ActionGeo_*: the event's place. Type from the GeoNames feature (PCL* country
  -> 1; ADM1 -> 2 in the USA, else 5; any other feature -> 3 in the USA, else 4,
  since GDELT has no finer kind than a city point); FullName "name, country";
  CountryCode: FIPS 10-4 from heron/data/formats/iso3_fips.tsv; FeatureID: the
  GeoNames id (GDELT's own feature ids are GNS/GNIS ids: not the same space).
  ADM1Code: the FIPS country code for a country; else FIPS country + the place's
  GeoNames admin1 code (looked up by GeoNames id in heron's gazetteer), which is
  the FIPS 10-4 admin1 code for most countries and the state's postal code in
  the USA, as in GDELT ("UP12", "USTX"); left empty for the countries where
  GeoNames uses other codes (:data:`NON_FIPS_ADMIN1`). ADM2Code: empty.
- Actor1Geo_*/Actor2Geo_*: heron does not locate actors: empty.
- DATEADDED: ``date_added`` if given (YYYYMMDDHHMMSS), else the article date at 000000.
- SOURCEURL: the article URL, else its source name.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TextIO

from heron.formats.common import country, event_day, event_number, flat
from heron.records import Actor, Event, Extraction, Place

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)

_GROUP_SECTORS = {"IGO", "NGO"}
# Countries whose GeoNames admin1 codes are not FIPS 10-4 (ISO 3166-2 or GeoNames' own: FR.11, GB.ENG, CH.ZH).
NON_FIPS_ADMIN1 = {"BEL", "CHE", "FRA", "GBR", "GRC", "MNE"}

Admin1Lookup = Callable[[int], str | None]  # GeoNames id -> GeoNames admin1 key ("UA.12"), None when unknown


def gazetteer_admin1(geonames_id: int) -> str | None:
    """The GeoNames admin1 key of a place, from heron's gazetteer."""
    from heron.resolve.gazetteer import load

    found = load().get(geonames_id)
    return found.admin1 if found else None


def adm1_code(place: Place, admin1: Admin1Lookup | None) -> str:
    """GDELT's ADM1Code of a place: FIPS country (+ admin1 code), "" when it cannot be given faithfully."""
    c = country(place.country)
    if c is None or not c.fips:
        return ""
    if geo_type(place) == 1:
        return c.fips
    if admin1 is None or place.geonames_id is None or place.country in NON_FIPS_ADMIN1:
        return ""
    key = admin1(place.geonames_id)
    code = key.partition(".")[2] if key else ""
    return f"{c.fips}{code}" if code else ""


def _actor_fields(actor: Actor | None) -> list[str]:
    if actor is None:
        return [""] * len(_ACTOR)
    group = actor.code if actor.code and not actor.country and actor.sector in _GROUP_SECTORS else ""
    return [actor.code or "", flat(actor.name).upper(), actor.country or "", group, "", "", "",
            actor.sector or "", "", ""]


def geo_type(place: Place) -> int | None:
    """GDELT Geo_Type of a place: 1 country, 2 US state, 3 US city, 4 world city, 5 world state."""
    if not place.feature:
        return None if place.lat is None else (3 if place.country == "USA" else 4)
    klass, _, code = place.feature.partition(".")
    usa = place.country == "USA"
    if klass == "A" and code.startswith("PCL"):
        return 1
    if klass == "A" and code == "ADM1":
        return 2 if usa else 5
    return 3 if usa else 4


def _geo_fields(place: Place | None, admin1: Admin1Lookup | None = None) -> list[str]:
    if place is None:
        return [""] * len(_GEO)
    gtype = geo_type(place)
    c = country(place.country)
    if gtype == 1:
        full = c.name if c else flat(place.name)
    else:
        full = ", ".join(x for x in (flat(place.name), c.name if c else "") if x)
    return [
        "" if gtype is None else str(gtype), full, c.fips if c else "", adm1_code(place, admin1), "",
        _coord(place.lat), _coord(place.lon), "" if place.geonames_id is None else str(place.geonames_id),
    ]


def _coord(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}".rstrip("0").rstrip(".")


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _is_root(extraction: Extraction, event: Event) -> bool:
    text = extraction.article.text
    lead_start = len(text) - len(text.lstrip())
    lead_end = text.find("\n", lead_start)
    return event.evidence.start < (len(text) if lead_end < 0 else lead_end)


def gdelt_row(extraction: Extraction, event: Event, date_added: str | None = None,
              admin1: Admin1Lookup | None = None) -> list[str]:
    """The 61 GDELT fields of one event, as strings ("" where heron has no value).

    ``admin1`` looks up a place's GeoNames admin1 key for ADM1Code; None leaves ADM1Code empty below country level.
    """
    article = extraction.article
    when = event_day(extraction, event)
    date_fields = ["", "", "", ""]
    if when is not None:
        d = when.day
        date_fields = [d.strftime("%Y%m%d"), d.strftime("%Y%m"), str(d.year),
                       f"{d.year + (d.month * 30 + d.day) / 365:.4f}"]
    cameo = event.cameo or ""
    source = extraction.actor(event.sources[0]) if event.sources else None
    target = extraction.actor(event.targets[0]) if event.targets else None
    if date_added is None and article.date:
        date_added = article.date[:10].replace("-", "") + "000000"
    return [
        str(event_number(article, event)), *date_fields,
        *_actor_fields(source), *_actor_fields(target),
        "1" if _is_root(extraction, event) else "0",
        cameo, cameo[:3] if len(cameo) >= 3 else "", cameo[:2],
        "" if event.quad is None else str(event.quad), _number(event.goldstein),
        str(1 + len(event.mentions)), "1", "1", "",
        *_geo_fields(None), *_geo_fields(None), *_geo_fields(extraction.place(event.place), admin1),
        date_added or "", flat(article.url or article.source),
    ]


def gdelt_rows(extractions: Iterable[Extraction], date_added: str | None = None,
               admin1: Admin1Lookup | None = gazetteer_admin1) -> Iterable[list[str]]:
    for extraction in extractions:
        for event in extraction.events:
            yield gdelt_row(extraction, event, date_added, admin1)


def write_gdelt(extractions: Iterable[Extraction], fp: TextIO, header: bool = False,
                date_added: str | None = None, admin1: Admin1Lookup | None = gazetteer_admin1) -> int:
    """Write the GDELT 2.0 event table to ``fp``; returns the number of rows.

    GDELT's own files have no header line: ``header=True`` adds one with the
    codebook's column names. ``admin1`` (default: heron's gazetteer) fills
    ADM1Code; ``admin1=None`` skips the lookup.
    """
    if header:
        fp.write("\t".join(COLUMNS) + "\n")
    n = 0
    for row in gdelt_rows(extractions, date_added, admin1):
        fp.write("\t".join(row) + "\n")
        n += 1
    return n
