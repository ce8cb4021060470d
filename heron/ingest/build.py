"""Fields read from any format -> a validated Article (plus any warning)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from heron.ingest.dates import normalise_date
from heron.ingest.errors import InputError, Invalid
from heron.ingest.validate import check_english, check_size, check_text, check_unicode
from heron.records import Article


def make_article(
    text: Any,
    *,
    input: str,
    max_bytes: int,
    check_language: bool,
    date: str | dt.date | None = None,
    title: Any = None,
    source: Any = None,
    url: Any = None,
    doc_id: Any = None,
) -> list[Article | InputError]:
    """The article, preceded by a warning if its date could not be read; or one error.

    An unreadable date loses only the date: the article is still returned with
    ``date=None`` so nothing is dropped silently.
    """
    try:
        if not isinstance(text, str):
            raise Invalid("no text" if text is None else f"text must be a string, not {type(text).__name__}")
        text = text.strip()
        check_text(text)
        check_size(len(text.encode("utf-8")), max_bytes)
        if check_language:
            check_english(text)
        meta = {name: _optional_str(name, value) for name, value in
                (("title", title), ("source", source), ("url", url), ("doc_id", doc_id))}
    except Invalid as e:
        return [InputError(input, e.reason)]
    out: list[Article | InputError] = []
    try:
        iso = normalise_date(date if isinstance(date, dt.date) or date is None else _optional_str("date", date))
    except (ValueError, Invalid) as e:
        out.append(InputError(input, str(e), severity="warning"))
        iso = None
    out.append(Article(text=text, date=iso, input=input, **meta))
    return out


def _optional_str(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise Invalid(f"field {name!r} must be text, not {type(value).__name__}")
    value = str(value).strip()
    try:
        check_unicode(value)
    except Invalid as e:
        raise Invalid(f"field {name!r}: {e.reason}") from None
    return value or None


# record key (lower-case) -> make_article argument; first present alias wins
TEXT_KEYS = ("text", "content", "body")
RECORD_KEYS = {"id": "doc_id", "date": "date", "title": "title", "url": "url", "source": "source"}


def article_from_record(
    record: dict[str, Any], *, input: str, max_bytes: int, check_language: bool
) -> list[Article | InputError]:
    """A jsonl object or csv row (keys already lower-case) -> article."""
    text = next((record[k] for k in TEXT_KEYS if record.get(k) is not None), None)
    if text is None:
        return [InputError(input, f"no text: expected a field named {' or '.join(map(repr, TEXT_KEYS))}")]
    fields = {arg: record.get(key) for key, arg in RECORD_KEYS.items()}
    return make_article(text, input=input, max_bytes=max_bytes, check_language=check_language, **fields)
