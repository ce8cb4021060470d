"""The HTML of each page: a shared layout, a page body, and the script that fills it from the API.

Only fixed markup lives here; every value that comes from the store is escaped with
:func:`html.escape` (the article page) or set as ``textContent`` by the scripts.
"""
from __future__ import annotations

import html
from typing import Any

from heron.store.queries import POSITION_KINDS
from heron.web.filters import MODES, PLOVER_TYPES

NAV = (("events", "Events"), ("timeline", "Timeline"), ("network", "Network"), ("map", "Map"),
       ("quotes", "Quotes"), ("negotiations", "Negotiations"), ("articles", "Articles"))
QUADS = ((1, "1 verbal cooperation"), (2, "2 material cooperation"), (3, "3 verbal conflict"),
         (4, "4 material conflict"))


def layout(title: str, body: str, script: str | None = None, current: str = "") -> str:
    links = "".join(f'<a href="/{name}"{" class=current" if name == current else ""}>{label}</a>'
                    for name, label in NAV)
    tag = f'<script src="/static/{script}.js" defer></script>' if script else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} · heron</title><link rel="icon" href="/static/favicon.svg">
<link rel="stylesheet" href="/static/style.css">
<script src="/static/common.js" defer></script>{tag}</head>
<body><header><a class="brand" href="/">heron</a><nav>{links}<a href="/docs">API</a></nav></header>
<main>{body}</main></body></html>
"""


def _options(values: Any, empty: str) -> str:
    opts = [f'<option value="">{empty}</option>']
    for v in values:
        value, label = v if isinstance(v, tuple) else (v, v)
        opts.append(f'<option value="{value}">{html.escape(str(label))}</option>')
    return "".join(opts)


FILTER_FORM = f"""<form id="filters" class="filters" autocomplete="off">
<label>Actor or country<input name="actor" placeholder="RUS, NATO, Zelensky"></label>
<label>Type<select name="type">{_options(PLOVER_TYPES, "any type")}</select></label>
<label>Quad<select name="quad">{_options(QUADS, "any quad")}</select></label>
<label>Mode<select name="mode">{_options(MODES, "any mode")}</select></label>
<label>From<input name="since" type="date"></label>
<label>To<input name="until" type="date"></label>
<label>Place<input name="place" placeholder="Kyiv or GeoNames id"></label>
<label>Text<input name="text" placeholder="words in the sentence"></label>
<button type="submit">Apply</button><button type="reset">Clear</button>
</form>"""

BODIES = {
    "events": ("Events", f"""<h1>Events</h1>{FILTER_FORM}
<div class="bar"><span id="count" class="count"></span>
<a id="csv" class="button" href="/api/events.csv">Download CSV</a></div>
<div id="typecounts" class="chips"></div>
<table id="events" class="grid"><thead><tr>
<th data-sort="date">Date</th><th data-sort="type">Type</th><th data-sort="quad">Quad</th>
<th data-sort="goldstein">Goldstein</th><th data-sort="source">Source</th><th data-sort="target">Target</th>
<th>Mode</th><th data-sort="place">Place</th><th data-sort="trigger">Trigger</th><th>Evidence</th>
</tr></thead><tbody></tbody></table>
<div class="pager"><button id="prev">&larr; Previous</button><span id="page"></span>
<button id="next">Next &rarr;</button></div>"""),
    "timeline": ("Timeline", f"""<h1>Timeline</h1>{FILTER_FORM}
<div class="bar"><label>Stack by <select id="stack"><option value="type">type</option>
<option value="quad">quad class</option></select></label></div>
<div id="timeline" class="chart"></div><div id="legend" class="legend"></div>
<h2>Conflict-cooperation line</h2>
<form id="dyad" class="filters"><label>Source<input name="from" value="RUS" required></label>
<label>Target<input name="to" value="UKR" required></label><button type="submit">Draw</button></form>
<div id="dyadchart" class="chart"></div>"""),
    "network": ("Network", f"""<h1>Actor network</h1>{FILTER_FORM}
<div class="bar"><span id="count" class="count"></span><label>Show the <select id="top">
<option value="30">30</option><option value="60" selected>60</option><option value="150">150</option>
<option value="500">500</option></select> busiest dyads</label><span class="scale">mean Goldstein:
<i class="sw conflict"></i>conflict <i class="sw neutral"></i>neutral
<i class="sw cooperation"></i>cooperation</span></div>
<div id="network" class="chart"></div><div id="edgeinfo" class="panel-inline"></div>"""),
    "map": ("Map", f"""<h1>Map</h1>{FILTER_FORM}
<div class="bar"><span id="count" class="count"></span></div>
<div id="map" class="chart map"></div><div id="placeinfo" class="panel-inline"></div>"""),
    "quotes": ("Quotes", """<h1>Quotes</h1>
<div class="cols"><aside><h2>Speakers</h2><ul id="speakers" class="speakers"></ul></aside>
<section><h2>Claims side by side</h2>
<div class="bar"><label>Group quotes by <select id="group">
<option value="event">the event they report (type and day)</option>
<option value="article">article (one story, its speakers)</option>
<option value="claims">claims and counter-claims about one event (with attitudes)</option></select></label></div>
<div id="claims"></div><h2 id="quotes-title">All quotes</h2>
<form id="qfilters" class="filters"><label>Speaker<input name="speaker" placeholder="code or name"></label>
<label>Text<input name="text"></label><button type="submit">Apply</button></form>
<table id="quotes" class="grid"><thead><tr><th>Date</th><th>Speaker</th><th>Code</th><th>Kind</th>
<th>Quote</th></tr></thead>
<tbody></tbody></table>
<div class="pager"><button id="prev">&larr; Previous</button><span id="page"></span>
<button id="next">Next &rarr;</button></div></section></div>"""),
    "negotiations": ("Negotiations", f"""<h1>Negotiations</h1>
<form id="nfilters" class="filters" autocomplete="off">
<label>Actor<input name="a" list="holders" placeholder="UKR, NATO, Zelensky"></label>
<label>and actor (optional)<input name="b" list="holders" placeholder="RUS"></label>
<label>Kind<select name="kind">{_options(POSITION_KINDS, "any kind")}</select></label>
<label>From<input name="since" type="date"></label><label>To<input name="until" type="date"></label>
<button type="submit">Show</button><button type="reset">Clear</button></form>
<datalist id="holders"></datalist>
<div class="bar"><span class="hint">Busiest dyads:</span><div id="dyads" class="chips"></div></div>
<div class="bar"><span id="count" class="count"></span></div>
<div class="cols wide"><section><h2 id="timeline-title">Timeline</h2><ol id="negotiation" class="negotiation"></ol>
</section><aside><h2>Across articles</h2><div id="threads"></div></aside></div>
<h2>Claims side by side</h2><div id="claimgroups"></div>"""),
    "articles": ("Articles", """<h1>Articles</h1>
<form id="afilters" class="filters"><label>Text<input name="text"></label><button type="submit">Apply</button></form>
<table id="articles" class="grid"><thead><tr><th>Date</th><th>Title</th><th>Source</th><th>Events</th>
<th>Quotes</th></tr></thead>
<tbody></tbody></table>
<div class="pager"><button id="prev">&larr; Previous</button><span id="page"></span>
<button id="next">Next &rarr;</button></div>"""),
}
PAGES = tuple(BODIES)


def page(name: str) -> str:
    title, body = BODIES[name]
    return layout(title, body, name, name)


def home(counts: dict[str, int]) -> str:
    rows = "".join(f"<tr><td>{html.escape(k)}</td><td class=num>{v}</td></tr>" for k, v in counts.items())
    links = "".join(f'<li><a href="/{name}">{label}</a></li>' for name, label in NAV)
    body = (f"<h1>heron workspace</h1><p>A read-only view of the store.</p><ul class=home>{links}"
            f'<li><a href="/docs">API documentation</a></li></ul><table class="grid small">{rows}</table>')
    return layout("Home", body)


def article(row: dict[str, Any], body_html: str) -> str:
    """The article page; ``body_html`` is the already-escaped highlighted text (heron.web.spans.render_html)."""
    title = row.get("title") or "(untitled article)"
    meta = " · ".join(html.escape(str(v)) for v in (row.get("date"), row.get("source"), row.get("url")) if v)
    legend = "".join(f'<span class="hl k-{k}">{k}</span>' for k in ("actor", "event", "quote", "place", "date",
                                                                    "speaker", "position"))
    aid = html.escape(row["article_id"], quote=True)
    body = (f'<article id="article" data-id="{aid}"><h1>{html.escape(title)}</h1><p class="meta">{meta}</p>'
            f'<p class="legend">{legend} <span class="hint">click a highlight to see its record</span></p>'
            f'<div id="text" class="text">{body_html}</div></article>'
            '<aside id="panel" class="panel" hidden>'
            '<button id="close" class="close" aria-label="close">&times;</button>'
            '<div id="panel-body"></div></aside>')
    return layout(title, body, "article")


def api_docs() -> str:
    """Swagger UI over /openapi.json, started by /static/docs.js (the Content-Security-Policy allows no inline script)."""
    return """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>heron API</title><link rel="icon" href="/static/favicon.svg">
<link rel="stylesheet" href="/swagger/swagger-ui.css">
<script src="/swagger/swagger-ui-bundle.js" defer></script><script src="/static/docs.js" defer></script></head>
<body><div id="swagger-ui"></div></body></html>
"""


def not_found(message: str) -> str:
    return layout("Not found", f"<h1>Not found</h1><p>{html.escape(message)}</p>")
