"""An article's highlighted spans and their escaped HTML.

Spans come from the store's character offsets: actor and place mentions, event triggers,
quote contents, speaker mentions, the dates events were placed on, and what positions offer,
demand or answer (their content; the Negotiations page links to /article/ID#N1). Overlapping spans are
rendered by splitting the text at every span boundary: each piece lists every span covering
it, so nesting and crossing spans both come out right. Every piece of text is HTML-escaped.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import duckdb

from heron.store.queries import dicts

KINDS = ("quote", "position", "event", "actor", "place", "date", "speaker")


@dataclass(frozen=True)
class Span:
    id: str  # unique in the article: "actor:A1:0"
    kind: str  # one of KINDS
    start: int
    end: int
    record: str  # the record id the span belongs to (A1, P1, E1, Q1, N1)
    label: str  # what the span says about its record, shown in the legend and the panel title

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "start": self.start, "end": self.end, "record": self.record,
                "label": self.label}


def load_article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """The article row and its records keyed by id, or None when the id is unknown."""
    found = dicts(con, "SELECT * FROM articles WHERE article_id = ?", [article_id])
    if not found:
        return None
    records = {}
    for table, key in (("actors", "actor_id"), ("places", "place_id"), ("quotes", "quote_id"),
                       ("events", "event_id")):
        records[table] = dicts(con, f"SELECT * FROM {table} WHERE article_id = ? ORDER BY {key}", [article_id])
    records["mentions"] = dicts(con, 'SELECT * FROM mentions WHERE article_id = ? ORDER BY start, "end"',
                                [article_id])
    records["magnitudes"] = dicts(con, "SELECT * FROM magnitudes WHERE article_id = ? ORDER BY evidence_start",
                                  [article_id])
    records["positions"] = dicts(con, "SELECT * FROM positions WHERE article_id = ?"
                                      " ORDER BY TRY_CAST(substr(position_id, 2) AS INTEGER)", [article_id])
    for table in ("position_conditions", "position_guarantors"):
        records[table] = dicts(con, f"SELECT * FROM {table} WHERE article_id = ?"
                                    " ORDER BY TRY_CAST(substr(position_id, 2) AS INTEGER)", [article_id])
    records["claims"] = dicts(con, "SELECT * FROM claims WHERE article_id = ?"
                                   " ORDER BY TRY_CAST(substr(claim_group_id, 2) AS INTEGER), content_start",
                              [article_id])
    return {"article": found[0], **records}


def _valid(start: Any, end: Any, n: int) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n


def spans(data: dict[str, Any]) -> list[Span]:
    """Every highlight of a loaded article (see :func:`load_article`); spans outside the text are dropped."""
    text = data["article"]["text"] or ""
    n = len(text)
    out: list[Span] = []

    def add(kind: str, start: Any, end: Any, record: str, label: str) -> None:
        if _valid(start, end, n):
            out.append(Span(f"{kind}:{record}:{len(out)}", kind, start, end, record, label))

    names = {a["actor_id"]: a["code"] or a["name"] for a in data["actors"]}
    names.update({p["place_id"]: p["name"] for p in data["places"]})
    for m in data["mentions"]:
        add(m["kind"] if m["kind"] in ("actor", "place") else "actor", m["start"], m["end"], m["record_id"],
            names.get(m["record_id"], m["record_id"]))
    for q in data["quotes"]:
        add("quote", q["content_start"], q["content_end"], q["quote_id"], f"quote of {q['speaker_name'] or '?'}")
        add("speaker", q["speaker_start"], q["speaker_end"], q["quote_id"], f"speaker {q['speaker_name'] or '?'}")
    for p in data.get("positions", []):
        holders = ", ".join(c or n or "?" for c, n in zip(p["holder_codes"] or [], p["holder_names"] or [],
                                                          strict=False))
        add("position", p["content_start"], p["content_end"], p["position_id"], f"{p['kind']} of {holders or '?'}")
    for e in data["events"]:
        add("event", e["trigger_start"], e["trigger_end"], e["event_id"], e["type"])
        # the store keeps a date's text, not its offsets: find it in the event's sentence
        if e["date_text"] and _valid(e["evidence_start"], e["evidence_end"], n):
            at = text.find(e["date_text"], e["evidence_start"], e["evidence_end"])
            if at >= 0:
                add("date", at, at + len(e["date_text"]), e["event_id"], e["date_value"] or e["date_text"])
    return sorted(out, key=lambda s: (s.start, -s.end, KINDS.index(s.kind)))


def segments(text: str, spans_: list[Span]) -> list[tuple[int, int, list[Span]]]:
    """The text cut at every span boundary: (start, end, covering spans, outermost first)."""
    cuts = sorted({0, len(text), *(s.start for s in spans_), *(s.end for s in spans_)})
    by_start: dict[int, list[Span]] = {}
    for s in spans_:
        by_start.setdefault(s.start, []).append(s)
    active: list[Span] = []
    out = []
    # a sweep over the cut points keeps long articles with many spans linear, not quadratic
    for a, b in zip(cuts, cuts[1:]):
        active = [s for s in active if s.end > a] + by_start.get(a, [])
        covering = sorted(active, key=lambda s: (-(s.end - s.start), KINDS.index(s.kind)))
        out.append((a, b, covering))
    return out


def render_html(text: str, spans_: list[Span]) -> str:
    """The article body: escaped text, each highlighted piece a ``<mark>`` naming its spans.

    The innermost span gives the piece its colour class; outer ones add an underline class each,
    so a trigger inside a quote shows both.
    """
    parts = []
    for a, b, covering in segments(text, spans_):
        piece = html.escape(text[a:b], quote=True)
        if not covering:
            parts.append(piece)
            continue
        inner = covering[-1].kind
        classes = " ".join(["hl", f"k-{inner}", *sorted({f"in-{s.kind}" for s in covering})])
        ids = " ".join(s.id for s in covering)
        parts.append(f'<mark class="{classes}" data-spans="{html.escape(ids, quote=True)}" tabindex="0">'
                     f"{piece}</mark>")
    return "".join(parts)
