"""Checks that decide whether bytes or text can be read as an English news article.

Each check raises :class:`Invalid` with a message the user can act on; the
readers turn it into an InputError and go on with the next input.
"""
from __future__ import annotations

import re
from functools import lru_cache

from heron.ingest.errors import Invalid

SAMPLE_BYTES = 65_536
# Share of control bytes above which a file is data, not text. Real text has
# tabs and newlines (not counted) and next to no other C0 controls.
_MAX_CONTROL_SHARE = 0.10
_CONTROL = bytes(sorted(set(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D} | {0x7F}))
_UTF16_32_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
_UTF8_BOM = b"\xef\xbb\xbf"


def human_size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:g} MB" if n % 100_000 == 0 else f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:g} kB" if n % 100 == 0 else f"{n / 1_000:.1f} kB"
    return f"{n} bytes"


def check_size(n_bytes: int, max_bytes: int) -> None:
    if n_bytes > max_bytes:
        raise Invalid(f"larger than the {human_size(max_bytes)} limit ({human_size(n_bytes)})")


def check_binary(data: bytes) -> None:
    """Refuse data that is not text at all (images, archives, UTF-16)."""
    for bom, name in _UTF16_32_BOMS:
        if data.startswith(bom):
            raise Invalid(f"{name} text (byte-order mark {bom.hex(' ')}); re-encode the file as UTF-8")
    sample = data[:SAMPLE_BYTES]
    if b"\x00" in sample:
        raise Invalid("binary file (contains NUL bytes)")
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        raise Invalid("binary file (mostly control characters)")


def decode_utf8(data: bytes, offset: int = 0, *, bom: bool = True) -> str:
    """UTF-8 (with or without BOM) to str. No guessing: anything else is an error naming the byte.

    ``offset`` is where ``data`` starts in its file, so the reported offset is
    the file's; ``bom`` False for data that is not the start of a file.
    """
    start = len(_UTF8_BOM) if bom and data.startswith(_UTF8_BOM) else 0
    try:
        return data[start:].decode("utf-8")
    except UnicodeDecodeError as e:
        at = start + e.start
        raise Invalid(
            f"not UTF-8: byte 0x{data[at]:02x} at offset {offset + at}; re-encode the file as UTF-8"
        ) from None


def decode_file(data: bytes) -> str:
    """The text of a whole txt/html file, with universal newlines (like Python's text mode)."""
    if not data:
        raise Invalid("empty file")
    check_binary(data)
    text = decode_utf8(data)
    if not text.strip():
        raise Invalid("only whitespace, no text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_text(text: str) -> None:
    if not text.strip():
        raise Invalid("empty text")
    check_unicode(text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def check_unicode(text: str) -> None:
    """Refuse text holding a lone surrogate (a JSON escape like "\\ud800" decodes to one): it is not
    valid Unicode, so it has no UTF-8 form to hash, store or print."""
    found = _SURROGATE.search(text)
    if found:
        raise Invalid(f"not valid Unicode: lone surrogate U+{ord(found.group()):04X} at character {found.start()}")


# --- language ---------------------------------------------------------------

# Words frequent in any English news text and not words of other European
# languages: a text full of them is English whatever the classifier says
# about its names. Left out because they are common words elsewhere: "to"
# (Polish), "of", "is", "been" (Dutch), "in", "was", "will", "an" (German),
# "for", "by", "have" (Danish, Norwegian).
_ENGLISH_MARKERS = frozenset((
    "the", "and", "that", "with", "has", "said", "from", "after", "would", "this", "which", "who",
    "their", "his", "were", "are", "it", "not", "its", "they", "than", "these", "there",
))
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_LANG_SAMPLE_CHARS = 3_000
_MARKER_SAMPLE_CHARS = 1_000  # some 150 words: plenty to see English function words
_MIN_WORDS = 5  # below this, nothing is said about the language
_SHORT_TEXT_WORDS = 8
# Classifier probability needed to call a text not English. English titles
# and sentences without marker words (wikinews titles, PLOVER training
# sentences) never scored above 0.73 for another language.
_CONFIDENT = 0.90
_CONFIDENT_SHORT = 0.98  # ... when it has fewer than _SHORT_TEXT_WORDS words
_ENGLISH_MARKER_SHARE = 0.05  # this share of marker words makes a text English


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of the first few thousand characters."""
    lang, prob = _identifier().classify(text[:_LANG_SAMPLE_CHARS])
    return lang, prob


def check_english(text: str) -> None:
    """Refuse a text only when it is confidently not English.

    Short headlines and texts dense with foreign names fool the classifier
    ("Volodymyr Zelenskyy met Andrzej Duda in Rzeszow" scores as Polish), so a
    text is rejected only when the classifier is confident AND English
    function words are rare.
    """
    words = _WORD.findall(text[:_MARKER_SAMPLE_CHARS].lower())
    if len(words) < _MIN_WORDS:
        return
    markers = sum(map(_ENGLISH_MARKERS.__contains__, words))
    if markers / len(words) >= _ENGLISH_MARKER_SHARE:
        return
    lang, prob = detect_language(text)
    needed = _CONFIDENT_SHORT if len(words) < _SHORT_TEXT_WORDS else _CONFIDENT
    if lang != "en" and prob >= needed:
        raise Invalid(f"language looks like {lang!r} (not English)")
