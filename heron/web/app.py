"""``create_app(db)``: heron's web workspace and JSON API over a DuckDB store, opened read-only.

Pages are small server-rendered shells (see :mod:`heron.web.pages`) whose JS calls the API;
the article page is rendered on the server with every piece of text escaped. Nothing here
writes: requests read a private copy of the store (heron.web.live, taken again when an ingest
changes it), attached READ_ONLY beside an in-memory event index (heron.web.index) with file
access off, so even a statement that slipped through could not change a store or touch another
file.
"""
from __future__ import annotations

import csv
import io
import itertools
import json
import threading
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import ExitStack, asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

import heron
from heron.records import Article, to_dict
from heron.store import queries
from heron.tables import TABLES, csv_value
from heron.web import aggregates, negotiations, pages
from heron.web.filters import MODES, PLOVER_TYPES, EventFilter, FilterError
from heron.web.guard import LOOPBACK_HOSTS, Guard
from heron.web.live import POLL, LiveStore, Reader
from heron.web.spans import load_article, render_html, spans

MAX_LIMIT = 1000
MAX_CSV_ROWS = 100_000
MAX_BODY = 1_000_000  # bytes accepted by POST /api/extract
MAX_TEXT = 200  # characters of a filter value


class SafeJSONResponse(JSONResponse):
    """JSON with ``<``, ``>`` and ``&`` escaped, so a response read as HTML can never open a tag."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, default=str, separators=(",", ":"))
        return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e").encode("utf-8")


def _text_param(description: str) -> Any:
    return Query(max_length=MAX_TEXT, description=description)


def event_filter(
    actor: Annotated[str | None, _text_param("source or target: code prefix (RUS, RUSGOV) or name substring")] = None,
    source: Annotated[str | None, _text_param("source actor: code prefix or name substring")] = None,
    target: Annotated[str | None, _text_param("target actor: code prefix or name substring")] = None,
    country: Annotated[str | None, _text_param("ISO3 of a source, a target or the place")] = None,
    type: Annotated[str | None, _text_param(f"PLOVER type(s), comma-separated: {', '.join(PLOVER_TYPES)}")] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="quad class 1-4")] = None,
    mode: Annotated[str | None, _text_param(f"one of {', '.join(MODES)}")] = None,
    since: Annotated[str | None, _text_param("yyyy-mm-dd, yyyy-mm or yyyy")] = None,
    until: Annotated[str | None, _text_param("yyyy-mm-dd, yyyy-mm or yyyy")] = None,
    place: Annotated[str | None, _text_param("place name substring or GeoNames id")] = None,
    text: Annotated[str | None, _text_param("words in the evidence sentence or trigger")] = None,
    article: Annotated[str | None, _text_param("article id")] = None,
) -> EventFilter:
    f = EventFilter(actor, source, target, country, type, quad, mode, since, until, place, text, article)
    f.where()  # a bad value is a 400 here, before any handler runs
    return f


def request_reader(request: Request) -> Iterator[Reader]:
    with request.app.state.store.reading() as reader:
        yield reader


Read = Annotated[Reader, Depends(request_reader)]
Filter = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"rows per page, at most {MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=100_000_000)]
Sort = Annotated[str, Query(max_length=20,
                            description="date type quad goldstein place trigger confidence source target")]


class ExtractRequest(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_BODY, description="the article text")
    date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="article date, yyyy-mm-dd")
    title: str | None = Field(None, max_length=1000)


def create_app(db: str | Path, poll: float = POLL,
               allowed_hosts: Iterable[str] | None = LOOPBACK_HOSTS) -> FastAPI:
    """The web app over the store at ``db``; raises :class:`WebError` when it cannot be read.

    Once serving, it looks every ``poll`` seconds whether the store changed (an ingest wrote to it)
    and then serves the new state. Requests naming another Host than ``allowed_hosts`` are refused
    (None: any; see :mod:`heron.web.guard`).
    """
    live = LiveStore(db, poll)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        live.start()
        yield
        live.close()

    app = FastAPI(title="heron", description="Events, quotes, actors and places extracted by heron (read-only).",
                  version="1", docs_url=None, redoc_url=None, default_response_class=SafeJSONResponse,
                  max_body_size=MAX_BODY,  # FastAPI answers 413 past it, before the body is read whole
                  lifespan=lifespan)
    app.add_middleware(Guard, allowed_hosts=allowed_hosts)
    app.state.store = live
    app.state.db = str(db)
    extract_lock = threading.Lock()
    static = resources.files("heron.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.mount("/swagger", StaticFiles(directory=_swagger_dir()), name="swagger")

    @app.exception_handler(FilterError)
    async def filter_error(_: Request, exc: FilterError) -> JSONResponse:
        return SafeJSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = ["{}: {}".format(".".join(str(p) for p in e.get("loc", ()) if p not in ("query", "body")),
                                    e.get("msg", "invalid")) for e in exc.errors()]
        return SafeJSONResponse({"detail": "; ".join(problems)}, status_code=422)

    @app.exception_handler(duckdb.Error)
    async def query_error(_: Request, exc: duckdb.Error) -> JSONResponse:
        # only values the client sent can make a parameterised query fail at run time (a cast, a range)
        return SafeJSONResponse({"detail": f"query failed: {exc}"}, status_code=400)

    # -- pages -----------------------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(r: Read) -> HTMLResponse:
        return HTMLResponse(pages.home(_counts(r.con)))

    for name in pages.PAGES:
        app.add_api_route(f"/{name}", _page(name), response_class=HTMLResponse, include_in_schema=False)

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: str, r: Read) -> HTMLResponse:
        data = load_article(r.con, article_id[:64])
        if data is None:
            return HTMLResponse(pages.not_found(f"no article {article_id[:64]}"), status_code=404)
        body = render_html(data["article"]["text"] or "", spans(data))
        return HTMLResponse(pages.article(data["article"], body))

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(pages.api_docs())

    # -- API -------------------------------------------------------------------------------------------------

    @app.get("/api/stats", summary="rows per table")
    def stats(r: Read) -> dict[str, int]:
        return _counts(r.con)

    @app.get("/api/articles", summary="articles (without their text), filtered and paginated")
    def articles(r: Read, limit: Limit = 50, offset: Offset = 0,
                 text: Annotated[str | None, _text_param("words in title or text")] = None,
                 source: Annotated[str | None, _text_param("publisher substring")] = None,
                 since: Annotated[str | None, _text_param("yyyy-mm-dd")] = None,
                 until: Annotated[str | None, _text_param("yyyy-mm-dd")] = None) -> dict[str, Any]:
        sql, params = _store_query(queries.articles, text=text, source=source, since=since, until=until,
                                   limit=limit, offset=offset)
        rows = queries.dicts(r.con, sql, params)
        for row in rows:  # a list shows the start of each text; the whole text is one article's business
            row["snippet"] = (row.pop("text") or "")[:200]
        return {"limit": limit, "offset": offset, "rows": rows}

    @app.get("/api/articles/{article_id}", summary="one article with its records and highlight spans")
    def article(article_id: str, r: Read) -> dict[str, Any]:
        data = load_article(r.con, article_id[:64])
        if data is None:
            raise HTTPException(404, f"no article {article_id[:64]}")
        data["spans"] = [s.as_dict() for s in spans(data)]
        return data

    @app.get("/api/events", summary="events under a filter, sorted and paginated, with the total")
    def events(r: Read, f: Filter, limit: Limit = 50, offset: Offset = 0, sort: Sort = "date",
               desc: bool = False) -> dict[str, Any]:
        page = r.cache.get(("events", f, sort, desc, limit, offset),
                         lambda: aggregates.events_page(r.con, f, sort, desc, limit, offset))
        return {"filter": f.as_dict(), **page}

    @app.get("/api/events.csv", summary="the filtered events as CSV (store columns)", response_class=Response)
    def events_csv(f: Filter, sort: Sort = "date", desc: bool = False,
                   limit: Annotated[int, Query(ge=1, le=MAX_CSV_ROWS)] = MAX_CSV_ROWS) -> StreamingResponse:
        # the cursor lives as long as the stream, not the request handler
        reading = ExitStack()
        try:
            reader = reading.enter_context(live.reading())
            rows = aggregates.events_csv_rows(reader.con, f, sort, desc, limit)
            first = next(rows, None)
        except Exception:
            reading.close()
            raise
        return StreamingResponse(_csv_lines(reading, first, rows), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": 'attachment; filename="heron-events.csv"'})

    @app.get("/api/counts", summary="event counts grouped by a field")
    def counts(r: Read, f: Filter, by: Annotated[str, Query(max_length=20)] = "type",
               limit: Limit = 100) -> dict[str, Any]:
        return r.cache.get(("counts", f, by, limit), lambda: aggregates.counts(r.con, f, by, limit))

    @app.get("/api/timeline", summary="events per day stacked by type or quad class")
    def timeline(r: Read, f: Filter, stack: Annotated[str, Query(max_length=10)] = "type") -> dict[str, Any]:
        return r.cache.get(("timeline", f, stack), lambda: aggregates.timeline(r.con, f, stack))

    @app.get("/api/dyad", summary="mean Goldstein per day from source to target (conflict-cooperation line)")
    def dyad(r: Read, f: Filter,
             dyad_source: Annotated[str, Query(alias="from", min_length=1, max_length=MAX_TEXT)],
             dyad_target: Annotated[str, Query(alias="to", min_length=1, max_length=MAX_TEXT)]) -> dict[str, Any]:
        return r.cache.get(("dyad", f, dyad_source, dyad_target),
                         lambda: aggregates.dyad(r.con, f, dyad_source, dyad_target))

    @app.get("/api/network", summary="actor network: dyads weighted by event count, mean Goldstein")
    def network(r: Read, f: Filter, limit: Limit = 150) -> dict[str, Any]:
        return r.cache.get(("network", f, limit), lambda: aggregates.network(r.con, f, limit))

    @app.get("/api/map", summary="events per geocoded place")
    def map_(r: Read, f: Filter, limit: Limit = 500) -> dict[str, Any]:
        return r.cache.get(("map", f, limit), lambda: aggregates.map_points(r.con, f, limit))

    @app.get("/api/quotes", summary="quotes, filtered and paginated")
    def quotes_(r: Read, limit: Limit = 50, offset: Offset = 0,
                speaker: Annotated[str | None, _text_param("speaker code prefix or name substring")] = None,
                country: Annotated[str | None, _text_param("speaker ISO3")] = None,
                kind: Annotated[str | None, _text_param("direct, indirect or mixed")] = None,
                since: Annotated[str | None, _text_param("yyyy-mm-dd")] = None,
                until: Annotated[str | None, _text_param("yyyy-mm-dd")] = None,
                text: Annotated[str | None, _text_param("words in the quote")] = None) -> dict[str, Any]:
        sql, params = _store_query(queries.quotes, speaker=speaker, country=country, kind=kind, since=since,
                                   until=until, text=text, limit=limit, offset=offset)
        return {"limit": limit, "offset": offset, "rows": queries.dicts(r.con, sql, params)}

    @app.get("/api/quotes/speakers", summary="speakers by number of quotes")
    def speakers(r: Read, limit: Limit = 100) -> list[dict[str, Any]]:
        return r.cache.get(("speakers", limit), lambda: aggregates.speakers(r.con, limit))

    @app.get("/api/quotes/claims", summary="quotes side by side: by reported event (type and day) or by article")
    def claims(r: Read, f: Filter, limit: Limit = 50,
               group: Annotated[str, Query(max_length=10, description="event or article")] = "event"
               ) -> list[dict[str, Any]]:
        return r.cache.get(("claims", f, limit, group), lambda: aggregates.claims(r.con, f, limit, group))

    @app.get("/api/positions", summary="positions (offers, demands, answers ...) with their conditions, guarantors "
                                       "and answers, filtered and paginated")
    def positions(r: Read, limit: Limit = 50, offset: Offset = 0,
                  actor: Annotated[str | None, _text_param("holder or addressee: code prefix, ISO3 or name")] = None,
                  between: Annotated[str | None, _text_param("two actors, comma-separated: UKR,RUS")] = None,
                  kind: Annotated[str | None, _text_param("kind(s), comma-separated: offer, demand, ...")] = None,
                  status: Annotated[str | None, _text_param("open, considered, countered, accepted, rejected")] = None,
                  since: Annotated[str | None, _text_param("yyyy-mm-dd")] = None,
                  until: Annotated[str | None, _text_param("yyyy-mm-dd")] = None,
                  text: Annotated[str | None, _text_param("words in the content or its sentence")] = None,
                  article: Annotated[str | None, _text_param("article id")] = None) -> dict[str, Any]:
        sql, params = _store_query(queries.positions, actor=actor, between=between, kind=kind, status=status,
                                   since=since, until=until, text=text, article=article, limit=limit,
                                   offset=offset)
        rows = queries.attach_position_details(r.con, queries.dicts(r.con, sql, params))
        return {"limit": limit, "offset": offset, "rows": rows}

    @app.get("/api/positions/threads", summary="positions followed across articles (holders, kind, head words)")
    def position_threads(r: Read, limit: Limit = 50, offset: Offset = 0,
                         actor: Annotated[str | None, _text_param("a holder: ISO3, code prefix or name")] = None,
                         kind: Annotated[str | None, _text_param("offer, demand or rejection")] = None,
                         since: Annotated[str | None, _text_param("yyyy-mm-dd")] = None,
                         until: Annotated[str | None, _text_param("yyyy-mm-dd")] = None) -> dict[str, Any]:
        if not negotiations.has_threads(r.con):
            return {"limit": limit, "offset": offset, "rows": []}
        sql, params = _store_query(queries.threads, actor=actor, kind=kind, since=since, until=until, limit=limit,
                                   offset=offset)
        return {"limit": limit, "offset": offset, "rows": queries.dicts(r.con, sql, params)}

    @app.get("/api/positions/dyads", summary="pairs of actors with the most positions between them")
    def position_dyads(r: Read, limit: Limit = 20) -> list[dict[str, Any]]:
        return r.cache.get(("position_dyads", limit), lambda: negotiations.dyads(r.con, limit))

    @app.get("/api/positions/holders", summary="actors (country or organisation) holding positions")
    def position_holders(r: Read, limit: Limit = 200) -> list[dict[str, Any]]:
        return r.cache.get(("position_holders", limit), lambda: negotiations.holders(r.con, limit))

    @app.get("/api/claims", summary="claims about one event, side by side (claim groups), filtered and paginated")
    def claim_groups(r: Read, limit: Limit = 50, offset: Offset = 0,
                     about: Annotated[str | None, _text_param("words of the event or a claim, or an event type")
                                      ] = None,
                     actor: Annotated[str | None, _text_param("a holder: code prefix, ISO3 or name; "
                                                             "comma-separated: any of them")] = None,
                     since: Annotated[str | None, _text_param("yyyy-mm-dd")] = None,
                     until: Annotated[str | None, _text_param("yyyy-mm-dd")] = None,
                     article: Annotated[str | None, _text_param("article id")] = None) -> dict[str, Any]:
        sql, params = _store_query(queries.claim_groups, about=about, actor=actor, since=since, until=until,
                                   article=article, limit=limit, offset=offset)
        return {"limit": limit, "offset": offset, "rows": queries.grouped_claims(r.con, sql, params)}

    @app.get("/api/actors", summary="actors per article, filtered and paginated")
    def actors(r: Read, limit: Limit = 50, offset: Offset = 0,
               actor: Annotated[str | None, _text_param("code prefix or name substring")] = None,
               country: Annotated[str | None, _text_param("ISO3")] = None,
               sector: Annotated[str | None, _text_param("GOV, MIL ...")] = None,
               kind: Annotated[str | None, _text_param("person, organization, country, group")] = None
               ) -> dict[str, Any]:
        sql, params = _store_query(queries.actors, actor=actor, country=country, sector=sector, kind=kind,
                                   limit=limit, offset=offset)
        return {"limit": limit, "offset": offset, "rows": queries.dicts(r.con, sql, params)}

    @app.get("/api/places", summary="places per article, filtered and paginated")
    def places(r: Read, limit: Limit = 50, offset: Offset = 0,
               place: Annotated[str | None, _text_param("name substring or GeoNames id")] = None,
               country: Annotated[str | None, _text_param("ISO3")] = None) -> dict[str, Any]:
        sql, params = _store_query(queries.places, place=place, country=country, limit=limit, offset=offset)
        return {"limit": limit, "offset": offset, "rows": queries.dicts(r.con, sql, params)}

    @app.post("/api/extract", summary="records for a posted text, not stored (body at most 1 MB)")
    def extract(req: ExtractRequest) -> dict[str, Any]:
        article_ = Article(text=req.text, date=req.date, title=req.title)
        with extract_lock:  # one process-wide pipeline, one document at a time
            try:
                extraction = heron.load().extract(article_)  # the process-wide pipeline, loaded on first use
            except ValueError as exc:
                raise HTTPException(400, f"cannot extract: {exc}") from exc
        return to_dict(extraction)

    return app


def _page(name: str) -> Any:
    def page() -> HTMLResponse:
        return HTMLResponse(pages.page(name))
    page.__name__ = f"page_{name}"
    return page


def _store_query(build: Any, **filters: Any) -> tuple[str, list[Any]]:
    try:
        return build(**{k: v for k, v in filters.items() if v is not None})
    except ValueError as exc:
        raise FilterError(str(exc)) from exc


def _counts(c: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {name: c.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in TABLES}


def _csv_lines(reading: ExitStack, first: tuple | None, rest: Iterator[tuple]) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([c.name for c in TABLES["events"]])
    try:
        for i, row in enumerate(itertools.chain([first] if first else [], rest), 1):
            writer.writerow([csv_value(v) for v in row])
            if i % 1000 == 0:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()
    finally:
        reading.close()


def _swagger_dir() -> str:
    import swagger_ui_bundle

    return str(swagger_ui_bundle.swagger_ui_path)
