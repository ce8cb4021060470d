"""HTML pages: the main text via trafilatura, title and date from the page's metadata."""
from __future__ import annotations

import re
from dataclasses import dataclass

from heron.ingest.errors import Invalid

_MIN_SENTENCE_WORDS = 5
_DOCUMENT = re.compile(r"<(html|body)\b", re.IGNORECASE)


@dataclass
class Page:
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None


def extract_html(html: str) -> Page:
    """The page's main text and metadata; Invalid when there is no main text to read."""
    import trafilatura

    if "<" not in html:
        raise Invalid("HTML with no markup")
    if not _DOCUMENT.search(html):
        # trafilatura finds nothing in a bare fragment ("<p>...</p>")
        html = f"<html><body>{html}</body></html>"
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            # the date must be one the page states, never a guess
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as e:  # noqa: BLE001  trafilatura/lxml raise many types on broken markup
        raise Invalid(f"unreadable HTML ({type(e).__name__}: {e})") from None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    # On a page with no article, trafilatura returns what is left: menu
    # entries, buttons. Main text has at least one line that reads as a sentence.
    if max((len(line.split()) for line in text.splitlines()), default=0) < _MIN_SENTENCE_WORDS:
        raise Invalid("HTML with no extractable main text")
    return Page(
        text=text,
        title=getattr(doc, "title", None),
        date=getattr(doc, "date", None),
        source=getattr(doc, "sitename", None),
        url=getattr(doc, "url", None),
    )
