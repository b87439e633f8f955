"""Dates: the text a reader kept raw, turned into CSL date-parts (rules in ``docs/normalization.md``).

Readers decode the dates of their format and keep what they cannot decode in ``Date.raw``; this
step reads the common free forms of that text:

| written | date-parts |
|---|---|
| ``2019/12/02/``, ``2019-12-02``, ``2019.12.02`` | 2019-12-02 |
| ``2019 Dec 2``, ``2 Dec 2019``, ``December 2, 2019`` | 2019-12-02 |
| ``Dec 2019``, ``2019 Dec``, ``2019/12`` | 2019-12 |
| ``2019 Spring`` / ``Spring 2019`` | 2019, season 1 (1 spring, 2 summer, 3 autumn, 4 winter) |
| ``2019 Dec-2020 Jan``, ``2019-2020``, ``2019 Jan-Mar`` | a range of two parts |

A date it cannot read keeps its raw text; when that text holds one year and no other date (ERIC's
``Article 10 2019``), the year is its date-parts, the text kept beside them. A season given by name
(MEDLINE's ``Spring``) becomes CSL's number (1 spring, 2 summer, 3 autumn, 4 winter). Which of several
source dates (RIS ``PY``, ``Y1``, ``DA``) fills ``issued`` is the reader's rule: the most precise one whose
year agrees, the others kept as extras of their tag.
"""

from __future__ import annotations

from ..lazyre import compile_cached
from ..model import DATE_VARIABLES, Date, Record

__all__ = ["parse_date_text", "normalize_dates"]

_MONTHS = {m: i for i, names in enumerate((
    ("jan", "january", "ene", "enero", "janv", "janvier", "januar", "gen", "gennaio"),
    ("feb", "february", "febr", "febrero", "fév", "fev", "février", "februar", "febbraio"),
    ("mar", "march", "marzo", "mars", "märz", "maerz"),
    ("apr", "april", "abr", "abril", "avr", "avril", "aprile"),
    ("may", "mayo", "mai", "maggio"),
    ("jun", "june", "junio", "juin", "juni", "giu", "giugno"),
    ("jul", "july", "julio", "juil", "juillet", "juli", "lug", "luglio"),
    ("aug", "august", "ago", "agosto", "août", "aout"),
    ("sep", "sept", "september", "septiembre", "septembre", "set", "settembre"),
    ("oct", "october", "octubre", "octobre", "okt", "oktober", "ott", "ottobre"),
    ("nov", "november", "noviembre", "novembre"),
    ("dec", "december", "dic", "diciembre", "déc", "décembre", "dez", "dezember", "dicembre"),
), start=1) for m in names}  # fmt: skip
_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}

_NUMERIC = compile_cached(r"(\d{4})(?:[/.-](\d{1,2})(?:[/.-](\d{1,2}))?)?/?(?:/[^/]*)?")
_TOKENS = compile_cached(r"\d+|[^\W\d_]+")


def _month(word: str) -> int | None:
    return _MONTHS.get(word.lower().rstrip("."))


def _valid(y: int, m: int | None = None, d: int | None = None) -> bool:
    return 1000 <= y <= 2999 and (m is None or 1 <= m <= 12) and (d is None or 1 <= d <= 31)


def _point(text: str) -> tuple[tuple[int, ...], int | None] | None:
    """One date without a range: (parts, season)."""
    m = _NUMERIC.fullmatch(text.strip())
    if m:
        y, mo, d = (int(g) if g else None for g in m.groups())
        if y is not None and _valid(y, mo, d):
            return tuple(x for x in (y, mo, d) if x is not None), None
        return None
    year = month = day = season = None
    for tok in _TOKENS.findall(text):
        if tok.isdigit():
            if len(tok) > 4:  # no part of a date (and int() refuses thousands of digits)
                return None
            n = int(tok)
            if len(tok) == 4 and year is None:
                year = n
            elif len(tok) <= 2 and day is None and 1 <= n <= 31:
                day = n
            else:
                return None
        elif _month(tok) and month is None:
            month = _month(tok)
        elif tok.lower() in _SEASONS and season is None:
            season = _SEASONS[tok.lower()]
        else:
            return None
    if year is None or (day is not None and month is None) or (season and month):
        return None
    if not _valid(year, month, day):
        return None
    return tuple(x for x in (year, month, day) if x is not None), season


def parse_date_text(text: str) -> Date | None:
    """A free-form date as a :class:`Date`, or ``None`` when it is not one of the forms above."""
    text = " ".join(text.replace(",", " ").split())
    if not text:
        return None
    one = _point(text)
    if one:
        parts, season = one
        return Date(parts=(parts,), season=season)
    for sep in (" - ", "-", "/", "–"):
        if sep in text:
            left, _, right = text.partition(sep)
            a, b = _point(left), _point(right)
            if a and b is None and right.strip():  # "2019 Jan-Mar": the end shares the start's year
                b = _point(f"{a[0][0]} {right}") if not right.strip()[:4].isdigit() else None
            if a and b and not a[1] and not b[1] and b[0] >= a[0]:
                return Date(parts=(a[0], b[0]))
    return None


_DATE_SET = frozenset(DATE_VARIABLES)
_YEAR = compile_cached(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")


def normalize_dates(rec: Record) -> None:
    for var in _DATE_SET.intersection(rec.fields):  # the order does not matter: each is set in its place
        d = rec.fields[var]
        if not isinstance(d, Date):
            continue
        if d.raw and not d.parts and not d.literal:
            parsed = parse_date_text(d.raw)
            if parsed is not None:
                d = Date(parts=parsed.parts, season=parsed.season if parsed.season else d.season, circa=d.circa)
            else:
                years = _YEAR.findall(d.raw)
                if len(years) == 1:  # "Article 10 2019" (ERIC's DP): its one year, the text kept
                    d = Date(parts=((int(years[0]),),), season=d.season, circa=d.circa, raw=d.raw)
        if isinstance(d.season, str) and d.season.strip().lower() in _SEASONS:  # "Spring" (MEDLINE) -> 1, as CSL
            d = Date(d.parts, _SEASONS[d.season.strip().lower()], d.circa, d.literal, d.raw)
        if d is not rec[var]:
            rec[var] = d
