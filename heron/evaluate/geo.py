"""Score heron's places on a brat corpus such as GeoWebNews, or on GeoVirus.

Input: a folder of ``NAME.txt`` + ``NAME.ann`` (brat standoff), optionally
``NAME.date`` (the article date, ISO; a missing, empty or unreadable one means no
date, and the unreadable ones are counted). Gold GeoNames ids are ``AnnotatorNotes``
lines on the toponym; some notes hold "lat, lon" instead (places GeoNames lacks).
Or GeoVirus' XML file (``<article><text>`` with ``<location>``s giving start, end,
lat and lon, no GeoNames ids; its offsets count from 1): every location is a literal
toponym with gold coordinates.

Two evaluations:

(a) Resolution on gold spans. Every gold span with a GeoNames id is resolved by
    heron's disambiguation, with the article's other gold spans as context (the
    same way the component resolves the toponyms it finds). Reported: exact id
    accuracy, country accuracy, accuracy within 161 km (100 miles). Gold ids that
    the gazetteer cannot locate are counted as wrong for country and distance and
    reported on their own line, unless a GeoNames dump given as ``points`` holds
    their coordinates, which then judge the distance. Spans whose gold is
    coordinates only are scored within 161 km on a separate line.

(b) End to end: the component's toponyms against the gold toponyms, a match being
    any character overlap (one-to-one). GeoWebNews' pragmatic taxonomy counts as
    toponyms the literal types (Literal, Mixed, Coercion, Embedded_Literal,
    Literal_Modifier) and the associative ones heron is meant to find
    (Metonymic, Non_Literal_Modifier). Left out: modifiers whose Modifier_Type is
    Adjective ("Russian troops": demonyms, which heron does not tag as places),
    Embedded_Non_Lit (a place name inside the name of a team, firm or body, used
    for that body: "Toronto" in a club's name), Demonym, Language, Homonym (a place
    name used for something else), Non_Toponym and the *_Expression types (common
    nouns such as "city"). A predicted span overlapping one of the left-out
    place-name types (Embedded_Non_Lit, Homonym, Demonym, Language, adjectival
    modifiers) is neither right nor wrong; every other predicted span that overlaps
    no gold toponym is a false positive. Recall is also broken down by gold type.
    A first line "TITLE: ... LINK: ..." is not scored: the corpus leaves it
    unannotated. Matched toponyms are also judged within 161 km of the gold point.
    GeoVirus annotates the places its stories are about, not every place name, so
    its recognition precision counts some right places as false positives.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from heron.components.places import find_toponyms, place_hint, place_qualifier
from heron.evaluate.scoring import PRF, ratio
from heron.resolve.gazetteer import Candidate, Gazetteer, load
from heron.resolve.geo_disambiguate import Toponym, demonym_countries, resolve

TOPONYM_TYPES = {
    "Literal", "Mixed", "Coercion", "Embedded_Literal", "Literal_Modifier",
    "Metonymic", "Non_Literal_Modifier",
}
MODIFIER_TYPES = {"Literal_Modifier", "Non_Literal_Modifier"}
NEUTRAL_TYPES = {"Embedded_Non_Lit", "Homonym", "Demonym", "Language"}
KM = 161.0


@dataclass
class GoldSpan:
    start: int
    end: int
    text: str
    type: str
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    adjective: bool = False

    @property
    def toponym(self) -> bool:
        return self.type in TOPONYM_TYPES and not (self.type in MODIFIER_TYPES and self.adjective)

    @property
    def neutral(self) -> bool:
        """A place name the recognition score neither asks for nor punishes."""
        return self.type in NEUTRAL_TYPES or (self.type in MODIFIER_TYPES and self.adjective)


@dataclass
class GoldDoc:
    name: str
    text: str
    date: dt.date | None
    spans: list[GoldSpan]
    bad_date: bool = False  # a NAME.date that could not be read, taken as no date


class BratError(ValueError):
    pass


def read_brat(folder: Path | str) -> list[GoldDoc]:
    """Every NAME.txt with its NAME.ann in ``folder``, sorted by name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise BratError(f"{folder}: not a folder")
    docs = []
    for txt in sorted(folder.glob("*.txt")):
        ann = txt.with_suffix(".ann")
        if not ann.exists():
            raise BratError(f"{txt}: no {ann.name} beside it")
        date, bad_date = _read_date(txt.with_suffix(".date"))
        try:
            docs.append(GoldDoc(txt.stem, txt.read_text(encoding="utf-8"), date, _read_ann(ann), bad_date))
        except (UnicodeDecodeError, ValueError) as e:
            if isinstance(e, BratError):
                raise
            raise BratError(f"{txt}: {e}") from e
    if not docs:
        raise BratError(f"{folder}: no .txt files")
    return docs


def _read_date(path: Path) -> tuple[dt.date | None, bool]:
    """The article date of NAME.date and whether the file was there but unreadable: a missing or empty
    file is no date, and so is an unreadable one, so that one bad file never stops the evaluation."""
    if not path.exists():
        return None, False
    try:
        value = path.read_text(encoding="utf-8").strip()
        return (dt.date.fromisoformat(value[:10]), False) if value else (None, False)
    except (UnicodeDecodeError, ValueError):
        return None, True


def read_geovirus(path: Path | str) -> list[GoldDoc]:
    """GeoVirus' articles with their locations as literal toponyms carrying gold coordinates."""
    import xml.etree.ElementTree as ET

    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        raise BratError(f"{path}: {e}") from e
    docs = []
    for n, article in enumerate(root.iter("article"), start=1):
        text = article.findtext("text") or ""
        spans = []
        for loc in article.iter("location"):
            try:
                # GeoVirus counts offsets from 1.
                start, end = int(loc.findtext("start")) - 1, int(loc.findtext("end")) - 1
                lat, lon = float(loc.findtext("lat")), float(loc.findtext("lon"))
            except (TypeError, ValueError) as e:
                raise BratError(f"{path}: article {n}: cannot read a location") from e
            spans.append(GoldSpan(start, end, text[start:end], "Literal", lat=lat, lon=lon))
        docs.append(GoldDoc(str(n), text, None, sorted(spans, key=lambda s: (s.start, s.end))))
    if not docs:
        raise BratError(f"{path}: no <article>")
    return docs


def read_points(path: Path | str) -> dict[int, tuple[float, float]]:
    """Coordinates by GeoNames id from a GeoNames dump (tab-separated: id, name, ascii name, alternate
    names, latitude, longitude, ...), for gold ids the gazetteer lacks."""
    points = {}
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split("\t")
        try:
            points[int(parts[0])] = (float(parts[4]), float(parts[5]))
        except (IndexError, ValueError) as e:
            raise BratError(f"{path}:{n}: not a GeoNames row") from e
    return points


def _read_ann(path: Path) -> list[GoldSpan]:
    spans: dict[str, GoldSpan] = {}
    notes: dict[str, str] = {}
    adjectives: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split("\t")
        if not line.strip():
            continue
        try:
            if parts[0].startswith("T"):
                ty, offsets = parts[1].split(" ", 1)
                start, end = offsets.split(";")[0].split(" ")[:2]
                spans[parts[0]] = GoldSpan(int(start), int(end), parts[2], ty)
            elif parts[0].startswith("#") and parts[1].startswith("AnnotatorNotes"):
                notes[parts[1].split()[1]] = parts[2].strip()
            elif parts[0].startswith("A") and parts[1].startswith("Modifier_Type"):
                _, ref, value = parts[1].split()
                if value == "Adjective":
                    adjectives.add(ref)
        except (IndexError, ValueError) as e:
            raise BratError(f"{path}:{n}: cannot read {line!r}") from e
    for ref, note in notes.items():
        span = spans.get(ref)
        if span is None:
            continue
        if note.isdigit():
            span.geonames_id = int(note)
        elif "," in note:
            lat, lon = note.split(",", 1)
            try:
                span.lat, span.lon = float(lat), float(lon)
            except ValueError:
                pass
    for ref in adjectives:
        if ref in spans:
            spans[ref].adjective = True
    return sorted(spans.values(), key=lambda s: (s.start, s.end))


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


@dataclass
class GeoReport:
    articles: int = 0
    unreadable_dates: int = 0  # NAME.date files taken as no date
    # (a) resolution on gold spans with a GeoNames id
    gold_ids: int = 0
    exact: int = 0
    country: int = 0
    within_161km: int = 0
    unresolved: int = 0  # heron found no candidate
    gold_not_in_gazetteer: int = 0
    located_by_points: int = 0  # of those, with coordinates from the points file
    located_within_161km: int = 0  # of those, heron's point within 161 km of the located one
    coord_gold: int = 0
    coord_within_161km: int = 0
    # (b) end to end
    gold_toponyms: int = 0
    predicted: int = 0  # not counting neutral ones
    matched: int = 0
    e2e_with_id: int = 0
    e2e_exact: int = 0
    e2e_with_point: int = 0  # matched toponyms whose gold gives a point (coordinates or a located id)
    e2e_within_161km: int = 0
    recall_by_type: dict[str, list[int]] = field(default_factory=dict)  # type -> [found, total]

    def recognition(self) -> PRF:
        """(b) end to end: matched toponyms out of the predicted and the gold ones."""
        return PRF.of(self.matched, self.predicted, self.gold_toponyms)

    def figures(self) -> dict[str, float]:
        known = self.gold_ids - self.gold_not_in_gazetteer
        e2e = self.recognition()
        return {
            "exact": ratio(self.exact, self.gold_ids),
            "exact_known": ratio(self.exact, known),
            "country_known": ratio(self.country, known),
            "within_161km_known": ratio(self.within_161km - self.located_within_161km, known),
            "country": ratio(self.country, self.gold_ids),
            "within_161km": ratio(self.within_161km, self.gold_ids),
            "coord_within_161km": ratio(self.coord_within_161km, self.coord_gold),
            "precision": e2e.precision,
            "recall": e2e.recall,
            "f1": e2e.f1,
            "e2e_exact": ratio(self.e2e_exact, self.e2e_with_id),
            "e2e_within_161km": ratio(self.e2e_within_161km, self.e2e_with_point),
        }

    def to_dict(self) -> dict:
        return {**asdict(self), **self.figures()}

    def lines(self) -> list[str]:
        f = self.figures()
        out = [
            f"articles: {self.articles}" + (f" ({self.unreadable_dates} unreadable NAME.date files taken as no date)"
                                            if self.unreadable_dates else ""),
            f"(a) gold spans with a GeoNames id: {self.gold_ids}",
            f"    exact id:      {f['exact']:.1%} ({self.exact})",
            f"    country:       {f['country']:.1%} ({self.country})",
            f"    within 161 km: {f['within_161km']:.1%} ({self.within_161km})",
            f"    no candidate in the gazetteer for the span text: {self.unresolved}",
            (f"    gold ids the gazetteer cannot locate (counted wrong for country, and for km unless the "
             f"points file locates them): {self.gold_not_in_gazetteer} ({self.located_by_points} located, "
             f"{self.located_within_161km} of them within 161 km)"),
            (f"    on the other {self.gold_ids - self.gold_not_in_gazetteer}: exact {f['exact_known']:.1%}, "
             f"country {f['country_known']:.1%}, within 161 km {f['within_161km_known']:.1%}"),
            (f"    gold spans with coordinates only: {self.coord_gold}, within 161 km: "
             f"{f['coord_within_161km']:.1%} ({self.coord_within_161km})"),
            f"(b) end to end: gold toponyms {self.gold_toponyms}, predicted {self.predicted}, matched {self.matched}",
            f"    precision {f['precision']:.3f}  recall {f['recall']:.3f}  F1 {f['f1']:.3f}",
            (f"    exact id on matched toponyms with a gold id: {f['e2e_exact']:.1%} "
             f"({self.e2e_exact}/{self.e2e_with_id})"),
            (f"    within 161 km on matched toponyms with a gold point: {f['e2e_within_161km']:.1%} "
             f"({self.e2e_within_161km}/{self.e2e_with_point})"),
            "    recall by gold type: " + ", ".join(
                f"{t} {a}/{b}" for t, (a, b) in sorted(self.recall_by_type.items())),
        ]
        return out


def _toponyms(doc: Doc, spans: list[GoldSpan]) -> list[Toponym]:
    out = []
    for s in spans:
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        qualifier = place_qualifier(span, doc) if span is not None else None
        hint = place_hint(span, doc) if span is not None else None
        out.append(Toponym(s.text, s.start, s.end, qualifier, hint))
    return out


def unscored_header(text: str) -> int:
    """Where scoring of recognition starts: after a first "TITLE: ... LINK: ..." line,
    which GeoWebNews leaves unannotated (5 of its 6,612 spans fall there)."""
    if text.startswith("TITLE:"):
        end = text.find("\n")
        return len(text) if end < 0 else end + 1
    return 0


def gold_point(span: GoldSpan, gaz: Gazetteer, points: dict[int, tuple[float, float]] | None = None
               ) -> tuple[float, float] | None:
    """Where the gold says the place is: the annotation's coordinates when it gives them, else the gold
    id's record in the gazetteer, else the id's coordinates in ``points``."""
    if span.lat is not None and span.lon is not None:
        return span.lat, span.lon
    if span.geonames_id is None:
        return None
    truth = gaz.get(span.geonames_id)
    if truth is not None and truth.lat is not None and truth.lon is not None:
        return truth.lat, truth.lon
    return (points or {}).get(span.geonames_id)


def _near(point: tuple[float, float] | None, c: Candidate | None) -> bool:
    return point is not None and c is not None and c.lat is not None and km(*point, c.lat, c.lon) <= KM


def score_doc(doc: Doc, gold: GoldDoc, report: GeoReport, gaz: Gazetteer,
              points: dict[int, tuple[float, float]] | None = None) -> None:
    report.articles += 1
    report.unreadable_dates += int(gold.bad_date)
    demonyms = demonym_countries(e.text for e in doc.ents if e.label_ == "NORP")
    # (a) resolution on gold spans
    located = [s for s in gold.spans if s.geonames_id is not None or s.lat is not None]
    choices = resolve(_toponyms(doc, located), demonyms, gaz)
    for s, c in zip(located, choices):
        point = gold_point(s, gaz, points)
        if s.geonames_id is None:
            report.coord_gold += 1
            report.coord_within_161km += int(_near(point, c))
            continue
        report.gold_ids += 1
        truth = gaz.get(s.geonames_id)
        if truth is None:
            report.gold_not_in_gazetteer += 1
            report.located_by_points += int(point is not None)
        if c is None:
            report.unresolved += 1
            continue
        exact = c.geonames_id == s.geonames_id
        report.exact += int(exact)
        # The right record is in the right country and place even when the gazetteer has no
        # country (a continent, an ocean) or no coordinates for it; otherwise two records
        # without a country are not "the same country".
        if exact or (truth is not None and truth.country is not None and truth.country == c.country):
            report.country += 1
        if exact or _near(point, c):
            report.within_161km += 1
            report.located_within_161km += int(truth is None)
    # (b) end to end, below the unannotated header line
    body = unscored_header(gold.text)
    found = [p for p in find_toponyms(doc, gaz) if p.start_char >= body]
    predicted_choices = resolve(
        [Toponym(p.text, p.start_char, p.end_char, place_qualifier(p, doc), place_hint(p, doc)) for p in found], demonyms, gaz)
    gold_tops = [s for s in gold.spans if s.toponym and s.start >= body]
    neutral = [s for s in gold.spans if s.neutral]
    report.gold_toponyms += len(gold_tops)
    report.predicted += sum(
        1 for p in found
        if any(p.start_char < g.end and g.start < p.end_char for g in gold_tops)
        or not any(p.start_char < g.end and g.start < p.end_char for g in neutral)
    )
    used: set[int] = set()
    for g in gold_tops:
        counts = report.recall_by_type.setdefault(g.type, [0, 0])
        counts[1] += 1
        for k, p in enumerate(found):
            if k not in used and p.start_char < g.end and g.start < p.end_char:
                used.add(k)
                counts[0] += 1
                report.matched += 1
                c = predicted_choices[k]
                if g.geonames_id is not None:
                    report.e2e_with_id += 1
                    report.e2e_exact += int(c is not None and c.geonames_id == g.geonames_id)
                point = gold_point(g, gaz, points)
                if point is not None:
                    report.e2e_with_point += 1
                    exact = g.geonames_id is not None and c is not None and c.geonames_id == g.geonames_id
                    report.e2e_within_161km += int(exact or _near(point, c))
                break


def read_gold(path: Path | str) -> list[GoldDoc]:
    """A brat folder, or GeoVirus' XML file."""
    path = Path(path)
    return read_geovirus(path) if path.is_file() and path.suffix.lower() == ".xml" else read_brat(path)


def evaluate(path: Path | str, nlp: Language | None = None, limit: int | None = None,
             points: Path | str | None = None) -> GeoReport:
    """Score heron's geoparsing on a brat folder or GeoVirus' XML file (see the module docstring);
    ``points``: a GeoNames dump whose coordinates locate gold ids the gazetteer lacks."""
    from heron.nlp.model import load_spacy

    docs = read_gold(path)[:limit]
    located = read_points(points) if points is not None else None
    nlp = nlp or load_spacy()
    gaz = load()
    report = GeoReport()
    parsed: Iterable[Doc] = nlp.pipe((d.text for d in docs), batch_size=8)
    for gold, doc in zip(docs, parsed):
        score_doc(doc, gold, report, gaz, located)
    return report
