"""Pages: one dash style and complete ranges (rules in ``docs/normalization.md``).

- every dash between two page numbers becomes a plain hyphen-minus, spaces around it removed
  (``1023–1029``, ``1023 -- 1029``, ``1023 - 1029`` -> ``1023-1029``); BibTeX's writer turns it into ``--``;
- ``pp.``/``p.``/``pages`` before the page numbers is removed (a value that is only words, ``Pages``,
  ``Page(s)``, stays as written);
- an abbreviated end page is completed: ``1023-9`` -> ``1023-1029``, ``123-45`` -> ``123-145``;
- a range that starts and ends on the same page is that page: ``i92-i92`` -> ``i92``;
- prefixed ranges stay as they are (``S45-S46``); article numbers and e-locators (``00773-2020``,
  ``e0245432``) are not ranges and are left exactly as written;
- several ranges (``1-5, 7-9``, MEDLINE's ``742-8; discussion 748-9``) are handled one by one, each separator
  kept and followed by one space;
- quotes around the whole value (``"233-8, 246-51"``, a table cell quoted twice) are removed.
"""

from __future__ import annotations

import re

from ..lazyre import compile_cached, lazy
from ..model import Record

__all__ = ["normalize_page", "normalize_pages"]

_DASHES = compile_cached(r"\s*(?:--?|[\u2010-\u2015\u2212])\s*")
_PREFIX = lazy(r"^(?:pp?\.|pages?)\s*(?=[A-Za-z]{0,3}\d|[IVXLCivxlc]+\b)", re.IGNORECASE)  # "Pages" stays
_RANGE = lazy(r"([A-Za-z]{0,3})(\d+)([A-Za-z]?)-([A-Za-z]{0,3})(\d+)([A-Za-z]?)")
_PLAIN_RANGE = compile_cached(r"([0-9]+)-([0-9]+)")  # "1023-1029"
_SEPARATOR = lazy(r"\s*([,;])\s*")  # between ranges: "1-5, 7-9", "742-8; discussion 748-9"


def _less(a: str, b: str) -> bool:
    """``int(a) < int(b)`` for strings of digits, also beyond the 4,300 digits int() takes."""
    if not (a.isascii() and b.isascii()):  # digits of another script (int() reads them): rare and short
        return len(a) <= 100 and len(b) <= 100 and int(a) < int(b)
    a, b = a.lstrip("0") or "0", b.lstrip("0") or "0"
    return (len(a), a) < (len(b), b)


def _one(part: str) -> str:
    part = _DASHES.sub("-", part.strip())
    m = _RANGE.fullmatch(part)
    if m is None:
        return part
    p1, start, s1, p2, end, s2 = m.groups()
    if start.startswith("0") or (len(start) >= 4 and len(end) >= 4 and _less(end, start)):
        return part  # an article number (00773-2020), not a range
    if p1 == p2 and start == end and s1 == s2:
        return f"{p1}{start}{s1}"
    if not p2 and not s1 and not s2 and len(end) < len(start):
        full = start[: len(start) - len(end)] + end
        if not _less(full, start):
            return f"{p1}{start}-{p1}{full}" if p1 else f"{start}-{full}"
    return part


_QUOTES = (('"', '"'), ("\u201c", "\u201d"), ("'", "'"))


def normalize_page(text: str) -> str:
    """One ``page`` value, normalized."""
    text = text.strip()
    for open_, close in _QUOTES:  # quotes around the whole value (a table cell quoted twice): not the pages'
        if len(text) > 2 and text[0] == open_ and text[-1] == close and open_ not in text[1:-1]:
            text = text[1:-1].strip()
            break
    text = _PREFIX.sub("", text)
    if "," in text or ";" in text:
        pieces = _SEPARATOR.split(text)  # part, separator, part, ...
        kept = [(sep, part) for sep, part in zip(["", *pieces[1::2]], pieces[::2], strict=True) if part.strip()]
        return "".join((f"{sep} " if n else "") + _one(part) for n, (sep, part) in enumerate(kept))
    return _one(text)


def normalize_pages(rec: Record) -> None:
    page = rec.fields.get("page")
    if isinstance(page, str):
        m = _PLAIN_RANGE.fullmatch(page)
        if m and len(m[2]) >= len(m[1]) and m[1] != m[2]:
            return  # the common case: a complete range of two pages, normal already
        new = normalize_page(page)
        if new != page:
            rec["page"] = new
