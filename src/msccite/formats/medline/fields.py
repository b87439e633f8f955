"""MEDLINE dates, names and publication types, text to value and back, shared by the reader and the writer."""

from __future__ import annotations

import re
from typing import Any

from ...model import Date, Name, small_int
from .map import MONTHS, PT_TO_TYPE, SEASONS, TYPE_TO_PT

INDENT = "      "
_SUFFIXES = frozenset({"Jr", "Sr", "2nd", "3rd", "II", "III", "IV", "V"})
_MONTH = {m.lower(): i for i, m in enumerate(MONTHS, 1)}
_SEASON = {s.lower(): s for s in SEASONS}
_DEP = re.compile(r"(\d{4})(\d\d)?(\d\d)?")
_DOI_MARK = " [doi]"
_PII_MARK = " [pii]"


# -- dates ----------------------------------------------------------------------------------------
def parse_dp(text: str) -> Date | None:
    """A DP value (``2019 Dec 2``, ``2019 Dec-2020 Jan``, ``2019 Dec 2-15``, ``2019 Spring``), or None."""
    left, sep, right = text.strip().partition("-")
    first = _date_side(left.split(), ())
    if first is None:
        return None
    part, season = first
    if not sep:
        return Date(parts=(part,), season=season)
    second = _date_side(right.split(), part)
    if second is None or season or second[1]:
        return None
    return Date(parts=(part, second[0]))


def _date_side(tokens: list[str], base: tuple[int, ...]) -> tuple[tuple[int, ...], str | None] | None:
    parts: list[int] = []
    season = None
    if tokens and len(tokens[0]) == 4 and tokens[0].isdigit():
        parts.append(int(tokens.pop(0)))
    elif base:
        parts.append(base[0])
    else:
        return None
    if tokens and tokens[0].lower() in _MONTH:
        parts.append(_MONTH[tokens.pop(0).lower()])
    elif tokens and tokens[0].lower() in _SEASON and not base:
        season = tokens.pop(0)
    elif len(base) == 3 and len(parts) == 1 and len(tokens) == 1 and tokens[0].isdigit():
        parts.append(base[1])  # "2019 Dec 2-15": the day alone
    day = small_int(tokens[0]) if tokens and len(parts) == 2 else None
    if day is not None and 1 <= day <= 31:
        tokens.pop(0)
        parts.append(day)
    if tokens:
        return None
    return tuple(parts), season


def format_dp(d: Date) -> str:
    """A date as DP writes it; a date with a raw text that still reads the same is written as read."""
    if d.raw and (not d.parts or _same(parse_dp(d.raw), d)):
        return d.raw
    if not d.parts:
        return d.literal
    first = _side(d.parts[0])
    if d.season is not None:
        number = small_int(str(d.season))
        season = SEASONS[number - 1] if number is not None and 1 <= number <= 4 else d.season
        return f"{first} {season}"
    if len(d.parts) == 1:
        return first
    a, b = d.parts[0], d.parts[1]
    if a[:1] != b[:1]:
        return f"{first}-{_side(b)}"
    if len(a) == len(b) == 3 and a[1] == b[1]:
        return f"{first}-{b[2]}"
    return f"{first}-{_side(b)[5:]}"


def _side(part: tuple[Any, ...]) -> str:
    out = str(part[0])
    if len(part) > 1:  # CSL-JSON allows strings: "12", or text no month is
        m = part[1] if isinstance(part[1], int) else small_int(str(part[1]))
        out += " " + (MONTHS[m - 1] if m is not None and 1 <= m <= 12 else str(part[1]))
    if len(part) > 2:
        d = part[2] if isinstance(part[2], int) else small_int(str(part[2]))
        out += f" {part[2] if d is None else d}"
    return out


def _same(a: Date | None, b: Date) -> bool:
    return a is not None and a.parts == b.parts and a.season == b.season


def _parse_dep(text: str) -> Date:
    m = _DEP.fullmatch(text)
    if m is None:
        return Date(raw=text)
    y, mo, d = (int(g) if g else None for g in m.groups())
    if (mo is not None and not 1 <= mo <= 12) or (d is not None and not 1 <= d <= 31) or (mo is None and d):
        return Date(raw=text)
    return Date.of(y, mo, d)  # type: ignore[arg-type]


def _format_dep(d: Date) -> str:
    if not d.parts or d.raw:
        return d.raw or d.literal
    return "".join(f"{int(x):02d}" if i else str(x) for i, x in enumerate(d.parts[0]))


# -- names ----------------------------------------------------------------------------------------
def short_name(name: Name) -> str:
    """The AU form PubMed derives from a full name: ``Griffin DK`` from ``Griffin, Darren K``."""
    if name.literal:
        return name.literal
    words = [w for w in re.split(r"[\s.\-]+", name.full_given) if w]
    initials = "".join(w if w.isupper() and len(w) <= 3 else w[0] for w in words)  # "DJ" stays "DJ"
    return " ".join(p for p in (name.full_family, initials, name.suffix) if p)


def parse_short_name(text: str) -> Name:
    """An AU name without its FAU: ``Griffin DK``, ``Smith J Jr``; one word is the family alone."""
    words = text.split()
    suffix = words.pop() if len(words) > 2 and words[-1] in _SUFFIXES else ""
    if len(words) > 1 and words[-1].isupper():
        return Name(family=" ".join(words[:-1]), given=words[-1], suffix=suffix)
    return Name(family=" ".join(words), suffix=suffix)


def is_translated_title(text: str) -> bool:
    """PubMed's translated title: wholly in square brackets, a final period after them (``[Title].``)."""
    t = text.strip()
    t = t[:-1].rstrip() if t.endswith(".") else t
    if len(t) < 2 or t[0] != "[" or t[-1] != "]":
        return False
    depth = 0
    for i, ch in enumerate(t):
        depth += (ch == "[") - (ch == "]")
        if depth == 0 and i < len(t) - 1:
            return False  # "[a] and [b]": the first bracket closes before the end
    return depth == 0


def full_name(name: Name) -> str:
    """The FAU form: ``Family, Given[, Suffix]`` (always with the comma, so it reads back as a person)."""
    text = f"{name.full_family}, {name.full_given}".rstrip()
    return f"{text}, {name.suffix}" if name.suffix else text


def type_of(pts: list[str]) -> str:
    """The CSL type a list of publication types stands for."""
    for pt, csl_type in PT_TO_TYPE.items():
        if pt in pts:
            return csl_type
    return "article-journal"


def _derived_pts(csl_type: str) -> list[str]:
    pt = TYPE_TO_PT.get(csl_type)
    return [pt] if pt else []
