"""``heron fuzz``: hostile inputs through every reader, the pre-checks and the extractor, counting crashes.

A crash is anything other than the contract: a reader yields only Articles and InputErrors that name their
input, and at least one of them per input; an extraction either returns records that fit the store or
becomes an error record naming its article; ``heron.extract`` returns an Extraction or raises ValueError
(text that is not valid Unicode, a date it cannot read). Every crash is kept: the input is saved under the
run's folder with the traceback beside it, and the run goes on.
"""
from __future__ import annotations

import io
import json
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from heron.ingest import InputError, read_inputs
from heron.ingest.readers import STDIN_NAME
from heron.ingest.validate import check_unicode
from heron.records import Article, Extraction

if TYPE_CHECKING:
    from heron.nlp.runner import Heron
    from heron.fuzz.strategies import FuzzInput

EXTRACT_MAX_CHARS = 60_000  # longer articles are read and checked, not extracted: minutes each, not seconds
CHUNK = 500  # examples per hypothesis run: its bookkeeping grows with every example it has drawn


class ContractBroken(Exception):
    """An output that breaks the readers' or the extractor's contract (a crash that raised nothing)."""


@dataclass
class Crash:
    path: str  # "read:<kind>", "extract" or "api"
    saved: Path  # the input that caused it
    error: str


@dataclass
class Tally:
    inputs: Counter = field(default_factory=Counter)  # per path
    articles: int = 0  # articles the readers produced
    error_records: int = 0  # InputErrors of severity "error" (readers and extraction)
    warnings: int = 0
    extracted: int = 0  # extractions that came back whole
    timed_out: int = 0  # extractions stopped by the time (or memory) budget (error records)
    refused: int = 0  # heron.extract calls refused with ValueError
    crashes: list[Crash] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Inputs generated; "extract" counts articles the readers produced, not inputs of their own."""
        return sum(n for path, n in self.inputs.items() if path != "extract")


class Fuzzer:
    """Runs inputs through one path each and tallies the outcome; ``out`` keeps the crashing inputs."""

    def __init__(self, out: Path, heron: Heron | None = None, extract_every: int = 10,
                 budget: float | None = None) -> None:
        self.out = out
        self.heron = heron
        self.extract_every = extract_every  # every n-th article the readers produce is also extracted
        self.budget = budget
        self.tally = Tally()
        self._work = out / "work"
        self._work.mkdir(parents=True, exist_ok=True)

    # -- the paths ----------------------------------------------------------------------------------------

    def read(self, case: FuzzInput) -> None:
        path = f"read:{case.kind}"
        self.tally.inputs[path] += 1
        file = self._work / f"input{case.suffix}"
        try:
            if case.kind == "stdin":
                # what Python's stdin holds under a C locale: undecodable bytes as lone surrogates
                stream = io.StringIO(case.data.decode("utf-8", "surrogateescape"), newline=None)
                items = list(read_inputs(["-"], stdin=stream))
                name = STDIN_NAME
            else:
                file.write_bytes(case.data)
                items = list(read_inputs([str(file)]))
                name = str(file)
            articles = self._check_read(items, name)
        except Exception as exc:  # noqa: BLE001 - a crash is what we are counting
            self._crash(path, case.data, case.suffix, exc)
            return
        for article in articles:
            if self.heron is not None and len(article.text) <= EXTRACT_MAX_CHARS \
                    and self.tally.articles % self.extract_every == 0:
                self.extract(article, case.suffix)
            self.tally.articles += 1

    def extract(self, article: Article, suffix: str = ".txt") -> None:
        from heron.nlp.batch import extract_all

        self.tally.inputs["extract"] += 1
        errors: list[InputError] = []
        try:
            out = extract_all(self.heron, [article], errors, budget=self.budget)
            if len(out) + len(errors) != 1 or any(e.input != article.input for e in errors):
                raise ContractBroken(f"one article gave {len(out)} extraction(s) and errors {errors}")
            for ex in out:
                check_extraction(ex)
            for err in errors:
                if not err.reason.startswith(("timed out", "over the memory budget")):
                    raise ContractBroken(f"extraction failed: {err.reason}")
        except Exception as exc:  # noqa: BLE001
            self._crash("extract", _article_bytes(article), suffix, exc)
            return
        self.tally.extracted += len(out)
        self.tally.timed_out += len(errors)
        self.tally.error_records += len(errors)

    def api(self, text: str, date: str | None) -> None:
        """``heron.extract(text, date=...)``, the Python entry point, on raw text."""
        self.tally.inputs["api"] += 1
        try:
            try:
                article = Article(text=text, date=date, input="<api>")
                ex = self.heron.extract(article)
            except ValueError:  # the documented refusal: invalid Unicode or an unreadable date
                self.tally.refused += 1
                return
            check_extraction(ex)
        except Exception as exc:  # noqa: BLE001
            payload = json.dumps({"text": text, "date": date}, ensure_ascii=True).encode()
            self._crash("api", payload, ".jsonl", exc)
            return
        self.tally.extracted += 1

    # -- checks and bookkeeping ---------------------------------------------------------------------------

    def _check_read(self, items: list, name: str) -> list[Article]:
        if not items:
            raise ContractBroken("the input gave neither an article nor an error")
        articles = []
        for item in items:
            if isinstance(item, InputError):
                if not (isinstance(item.reason, str) and item.reason and str(item.input).startswith(name)):
                    raise ContractBroken(f"error record not naming its input: {item!r}")
                if item.severity == "error":
                    self.tally.error_records += 1
                else:
                    self.tally.warnings += 1
            elif isinstance(item, Article):
                if not item.text.strip() or not str(item.input).startswith(name):
                    raise ContractBroken(f"empty or unnamed article: {item.input!r}")
                check_unicode(item.text)
                articles.append(item)
            else:
                raise ContractBroken(f"reader yielded a {type(item).__name__}")
        return articles

    def _crash(self, path: str, data: bytes, suffix: str, exc: BaseException) -> None:
        n = len(self.tally.crashes) + 1
        saved = self.out / f"crash-{n:04d}{suffix}"
        saved.write_bytes(data)
        detail = "".join(traceback.format_exception(exc))
        saved.with_name(saved.name + ".traceback.txt").write_text(f"path: {path}\n{detail}", encoding="utf-8")
        self.tally.crashes.append(Crash(path, saved, f"{type(exc).__name__}: {exc}"[:300]))


def check_extraction(ex: Extraction) -> None:
    """Offsets inside the text, a JSON form, and rows that fit the store's columns."""
    import pyarrow as pa

    from heron.store.schema import arrow_schema
    from heron.tables import TABLES, table_rows

    n = len(ex.article.text)
    for group in (ex.actors, ex.places, ex.times, ex.quotes, ex.events):
        for record in group:
            for mention in _mentions(record):
                if not 0 <= mention.start <= mention.end <= n:
                    raise ContractBroken(f"{record.id}: offsets {mention.start}-{mention.end} outside 0-{n}")
    json.dumps(ex.to_dict(), ensure_ascii=False).encode("utf-8")
    for name, rows in table_rows([ex]).items():
        pa.Table.from_pylist(rows, schema=arrow_schema(TABLES[name]))


def _mentions(record) -> list:
    from heron.records import Mention

    found = []
    for value in vars(record).values():
        if isinstance(value, Mention):
            found.append(value)
        elif isinstance(value, list):
            found.extend(v for v in value if isinstance(v, Mention))
    return found


def _article_bytes(article: Article) -> bytes:
    return json.dumps({"text": article.text, "date": article.date, "title": article.title},
                      ensure_ascii=True).encode()


def run(fuzzer: Fuzzer, examples: int, api_share: float, seed: int,
        progress: Callable[[Tally], None] | None = None) -> Tally:
    """``examples`` inputs: a share ``api_share`` straight into ``heron.extract``, the rest through the readers
    (every ``fuzzer.extract_every``-th article they produce extracted too), in hypothesis runs of :data:`CHUNK`."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as with_seed

    from heron.fuzz.strategies import ARTICLE_TEXT, DATES, fuzz_inputs

    n_api = round(examples * api_share) if fuzzer.heron is not None else 0
    plan = [("read", examples - n_api), ("api", n_api)]
    # generation only: a crash is recorded, never raised, so there is nothing for hypothesis to shrink
    options = settings(database=None, deadline=None, phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    for path, total in plan:
        for start in range(0, total, CHUNK):
            count = min(CHUNK, total - start)
            if path == "read":
                def test(case):
                    fuzzer.read(case)
                test = given(fuzz_inputs())(test)
            else:
                def test(text, date):
                    fuzzer.api(text, date)
                test = given(ARTICLE_TEXT, DATES)(test)
            # each chunk its own seed, the api chunks apart from the reader ones
            settings(options, max_examples=count)(with_seed(seed * 7919 + start + (path == "api") * 10**9)(test))()
            if progress is not None:
                progress(fuzzer.tally)
    return fuzzer.tally
