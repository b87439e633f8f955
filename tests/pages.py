"""What the tests of the web-page readers (vufind, sciencegate, ablesci) share."""

from __future__ import annotations

from collections.abc import Iterable

from msccite import Name, ParseError, Record, Records

#: What a page reader says of the page's own text (Loading..., Sign in, the site's footer) it skips.
FURNITURE = "own text skipped"


def real_problems(records: Records) -> list[ParseError]:
    """The problems about the record, not the one-line reports of the page furniture skipped."""
    return [p for p in records.problems if FURNITURE not in p.message]


def furniture_lines(records: Records) -> str:
    """The ``lines ...`` the furniture reports name (``lines 1, 7, 9, 18``), joined with ``; ``."""
    return "; ".join(p.message.split(":")[0] for p in records.problems if FURNITURE in p.message)


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
