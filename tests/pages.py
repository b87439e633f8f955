"""What the tests of the web-page readers (vufind, sciencegate, ablesci) share."""

from __future__ import annotations

from collections.abc import Iterable

from msccite import Name, Record


def record_texts(rec: Record, skip_extras: Iterable[str] = ()) -> list[str]:
    """Every text the record holds: its type, variables, names and extras (but the extras named)."""
    skip = set(skip_extras)
    out: list[str] = [rec.type]
    for _, value in rec.items():
        items = value if isinstance(value, list) else [value]
        out += [v.inverted() if isinstance(v, Name) else str(v) for v in items]
    out += [str(e.value) for e in rec.extra if e.key not in skip]
    return out


def assert_no_chrome(rec: Record, chrome: Iterable[str], skip_extras: Iterable[str] = ()) -> None:
    """No word of the page's chrome in any value of the record."""
    words = tuple(chrome)
    for text in record_texts(rec, skip_extras):
        for word in words:
            assert word not in text, (word, text)
