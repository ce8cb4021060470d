"""Readable terminal tables of one article's extraction."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

from heron.records import Actor, Extraction, Magnitude, Mention

EVIDENCE_WIDTH = 90


def _short(text: str, width: int = EVIDENCE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _span(m: Mention | None) -> str:
    return f"{m.start}-{m.end}" if m else ""


def _actors(ex: Extraction, ids: list[str]) -> str:
    out = []
    for actor_id in ids:
        actor = ex.actor(actor_id)
        if actor is not None:
            out.append(_actor_label(actor))
    return "; ".join(out)


def _actor_label(actor: Actor) -> str:
    return f"{actor.name} [{actor.code}]" if actor.code else actor.name


def _magnitude(m: Magnitude) -> str:
    """ "killed 12 (at least, so far)": kind, count and, when said, the qualifier and that it is a running total."""
    notes = [m.qualifier.replace("_", " ")] if m.qualifier != "exact" else []
    notes += ["running total"] if m.cumulative else []
    return f"{m.kind} {m.count}" + (f" ({', '.join(notes)})" if notes else "")


def render(ex: Extraction, console: Console) -> None:
    art = ex.article
    head = art.title or art.input or art.id
    console.rule(f"[bold]{head}[/bold]  date {art.date or 'unknown'}  id {art.id}")

    events = Table(title=f"Events ({len(ex.events)})", show_lines=True, expand=True)
    for col in ("id", "type", "cameo", "quad", "gold.", "source", "target", "mode", "counts", "place", "date",
                "trigger", "evidence"):
        events.add_column(col, overflow="fold")
    for ev in ex.events:
        place = ex.place(ev.place)
        date = ev.date.value if ev.date and ev.date.value else "unknown"
        if ev.date and ev.date.fallback:
            date += " (article date)"
        mode = ", ".join(ev.mode.labels())
        if ev.mode.condition:
            mode += f": {_short(ev.mode.condition.text, 60)}"
        if ev.speaker and (speaker := ex.actor(ev.speaker)):
            mode += f" by {speaker.name}"
        events.add_row(ev.id, ev.type, ev.cameo or "", str(ev.quad or ""),
                       "" if ev.goldstein is None else f"{ev.goldstein:+.1f}", _actors(ex, ev.sources),
                       _actors(ex, ev.targets), mode, "; ".join(map(_magnitude, ev.magnitudes)),
                       place.name if place else "", date,
                       f"{ev.trigger.text} @{_span(ev.trigger)}", _short(ev.evidence.text))
    console.print(events)

    quotes = Table(title=f"Quotes ({len(ex.quotes)})", show_lines=True, expand=True)
    for col in ("id", "speaker", "code", "kind", "cue", "attitude", "content"):
        quotes.add_column(col, overflow="fold")
    for q in ex.quotes:
        actor = ex.actor(q.speaker)
        quotes.add_row(q.id, q.speaker_name or (actor.name if actor else ""), (actor.code or "") if actor else "",
                       q.kind, q.cue.text if q.cue else "", q.attitude, _short(q.content.text, 120))
    console.print(quotes)

    actors = Table(title=f"Actors ({len(ex.actors)})", expand=True)
    for col in ("id", "name", "code", "country", "sector", "kind", "role", "mentions"):
        actors.add_column(col, overflow="fold")
    for a in ex.actors:
        actors.add_row(a.id, a.name, a.code or "", a.country or "", a.sector or "", a.kind, a.role or "",
                       str(len(a.mentions)))
    console.print(actors)

    places = Table(title=f"Places ({len(ex.places)})", expand=True)
    for col in ("id", "name", "geonames", "country", "lat", "lon", "feature", "mentions"):
        places.add_column(col)
    for p in ex.places:
        places.add_row(p.id, p.name, str(p.geonames_id or ""), p.country or "",
                       "" if p.lat is None else f"{p.lat:.4f}", "" if p.lon is None else f"{p.lon:.4f}",
                       p.feature or "", str(len(p.mentions)))
    console.print(places)
