"""Header lines at the top of a plain-text article, split from its body.

Two styles are read:

* ``Key: value`` lines (title, date, source, url, id; any case), ended by a
  blank line or by the first line that is not such a header;
* a leading ``date YYYY-MM-DD`` followed by the article on the same line
  (`` date 2022-03-30 Troops left ...``), the style of the mission's seed file.

The body is returned stripped of surrounding whitespace: every offset heron
writes points into it.
"""
from __future__ import annotations

import re

# header key -> Article field
HEADER_FIELDS = {"title": "title", "date": "date", "source": "source", "url": "url", "id": "doc_id"}

_KEY_LINE = re.compile(r"[ \t]*(" + "|".join(HEADER_FIELDS) + r")[ \t]*:[ \t]*(.*?)[ \t]*", re.IGNORECASE)
_INLINE_DATE = re.compile(
    r"\s*date[ \t]+(\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)(?:[ \t]+|[ \t]*\n)",
    re.IGNORECASE,
)


def split_headers(text: str) -> tuple[dict[str, str], str]:
    """({Article field: value}, body). Text without headers is all body."""
    inline = _INLINE_DATE.match(text)
    if inline:
        return {"date": inline.group(1)}, text[inline.end():].strip()
    fields: dict[str, str] = {}
    pos = 0
    text_len = len(text)
    while pos < text_len:
        end = text.find("\n", pos)
        end = text_len if end < 0 else end
        line = text[pos:end]
        if not line.strip():
            if fields:  # a blank line ends the header block
                pos = end + 1
                break
            pos = end + 1  # blank lines before any header are not body either
            continue
        match = _KEY_LINE.fullmatch(line)
        if not match or HEADER_FIELDS[match.group(1).lower()] in fields:
            break
        value = match.group(2)
        fields[HEADER_FIELDS[match.group(1).lower()]] = value
        pos = end + 1
    return {k: v for k, v in fields.items() if v}, text[pos:].strip()
