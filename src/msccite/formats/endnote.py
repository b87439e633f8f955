"""EndNote tagged / Refer format (``.enw``): ``%0 Journal Article``, ``%A Family, Given`` ... Read and write.

Reader (see ``docs/formats/endnote.md``): records start with ``%0`` (the reference type) and are
separated by blank lines; a line that does not start with ``%x `` continues the previous value
(joined with a line break; blank lines inside a value are kept when untagged text follows them).
Classic Refer records without ``%0`` are read too (the type is guessed from ``%J``/``%B``/``%I``, a
warning). A BOM and CRLF are accepted. ``%K``, ``%U``, ``%@`` and the name tags hold one value per
line, whether on repeated tags or on continuation lines. ``%@`` is an ISSN or an ISBN by its shape.
``%D`` (year) and ``%8`` (date: ``Dec 2``, ``December 2, 2019``, ``2019-12-02`` ...) make ``issued``.
Names: ``Family, Given[, Suffix]``; EndNote's corporate form ``Name,`` (a trailing comma, with ``,,``
for a comma inside the name) and a name without any comma are kept whole (``literal``). A tag the
model has no variable for, a repeated single tag, an empty tag: kept as extras, in order.

Writer: EndNote tagged as EndNote imports it (``%0`` first, one blank line between records, one
``%A`` per person, continuation lines for multi-line values). What has no tag, or cannot be
written in its tag without changing on the way back, travels in ``%Z`` notes the reader turns back
into data: ``[csl:VAR] value``, ``[csl:VAR=json] <json>`` (replaces what the tags said),
``[csl:custom] <json>``, ``[format:key] value`` for extras of other formats. So
``read(write(r)) == r``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from ..context import ReadContext, WriteContext
from ..model import DATE_VARIABLES, LIST_VARIABLES, NAME_VARIABLES, Date, Extra, Name, Record
from .carriers import CARRIER as _CARRIER
from .carriers import add_note, apply_carrier, custom_what, json_carrier
from .carriers import parse_name as _carrier_name
from .endnote_map import (
    CSL_TO_TYPE,
    DATE_TAGS,
    JOURNAL_TYPES,
    LIST_TAGS,
    NAME_TAGS,
    NUMBER_TYPES,
    SINGLE_TAGS,
    SPLIT_LINES,
    TYPE_TO_CSL,
    VALUE_TAGS,
    WRITE_ORDER,
)
from .ris_map import PMID_IN_AN
from .tagged import MONTH_NAMES, MONTHS, add_names, is_isbn, write_records

NAME = "endnote"
ALIASES = ("refer", "enw")
EXTENSIONS = (".enw",)
DESCRIPTION = "EndNote tagged / Refer format (%0 Journal Article, %A Family, Given ...; EndNote, PubMed, Scholar)"

_TAG = re.compile(r"%(\S)(?:[ \t](.*))?$")
_YEAR = re.compile(r"\d{4}")
_PMID = re.compile(PMID_IN_AN)
_PMC = re.compile(r"PMC\d+")
_ISO = re.compile(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?/?")
_WORD_DATE = re.compile(
    r"(?:(?P<y1>\d{4}) )?(?:(?P<d1>\d{1,2}) )?(?P<mon>[A-Za-z]{3,9})\.?(?: (?P<d2>\d{1,2}))?,?(?: (?P<y2>\d{4}))?"
)


# -- detection ------------------------------------------------------------------------------------
def detect(sample: str) -> float:
    """``%0 `` on the first non-blank line: 0.95; a run of Refer tags (``%A``, ``%T`` ...) without it: 0.6."""
    lines = [ln.lstrip("\ufeff").rstrip() for ln in sample.splitlines()[:60]]
    lines = [ln for ln in lines if ln.strip()][:12]
    if not lines:
        return 0.0
    tagged = [ln for ln in lines if _TAG.match(ln) and not ln.startswith("%%")]
    if lines[0].startswith("%0 ") and lines[0][3:].strip():
        return 0.95
    if (lines[0] in tagged and len(tagged) >= 3 and len(tagged) * 10 >= len(lines) * 7
            and any(ln.startswith(("%A ", "%T ")) for ln in tagged)):  # fmt: skip
        return 0.6
    return 0.0


# -- reading --------------------------------------------------------------------------------------
def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    entries: list[list[Any]] = []  # [tag, value, line] of the record being read
    start = 0  # line of the record's first line; 0 = outside a record
    blanks = 0  # blank lines seen since the last line of the record
    more: list[str] = []  # continuation lines of the last entry, joined once at the next tag (linear)
    n = 0
    for n, raw in enumerate(lines, ctx.first_line):
        line = raw.rstrip()
        if n == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            blanks += 1 if start else 0
            continue
        m = _TAG.match(line)
        if m is None:
            if start:
                more.append("\n" * (blanks + 1) + line)
            else:
                ctx.warn(n, f"text outside a record skipped: {line.strip()[:60]!r}")
            blanks = 0
            continue
        tag, value = "%" + m.group(1), (m.group(2) or "").strip()
        if more:
            entries[-1][1] += "".join(more)
            more = []
        if start and (tag == "%0" or blanks):  # a new record: %0, or any tag after a blank line (Refer)
            if (rec := ctx.build(start, _build, entries, start, ctx)) is not None:
                yield rec
            start = 0
        if not start:
            entries, start = [], n
        entries.append([tag, value, n])
        blanks = 0
    if start:
        entries[-1][1] += "".join(more)
        if (rec := ctx.build(start, _build, entries, start, ctx)) is not None:
            yield rec


def parse_name(text: str) -> Name:
    """``Family, Given[, Suffix]``; ``Corporate Name,`` and a name without a comma are kept whole."""
    text = text.strip()
    if text.endswith(","):  # EndNote: a trailing comma marks a corporate name, ",," a comma inside it
        return Name(literal=text[:-1].strip().replace(",,", ","))
    if ",," in text:
        return Name(literal=text.replace(",,", ","))
    return _carrier_name(text)


def _guess_type(tags: set[str]) -> str:
    if "%J" in tags:
        return "article-journal"
    if "%B" in tags:
        return "chapter"
    if "%I" in tags:
        return "book"
    return "document"


def _container_tag(rec: Record) -> str:
    hint = rec.keys.get("container-title", "")
    if hint in ("endnote:%J", "endnote:%B"):
        return hint[8:]
    return "%J" if rec.type in JOURNAL_TYPES else "%B"


def _slot(tag: str, csl_type: str) -> str:
    if tag == "%N" and csl_type in NUMBER_TYPES:
        return "number"
    return SINGLE_TAGS[tag]


def _value_slot(tag: str, value: str) -> str | None:
    """The variable of ``%M`` and ``%2``, which depends on the value (``VALUE_TAGS``); None: an extra."""
    if tag == "%M":
        return "PMID" if _PMID.fullmatch(value) else "archive_location"
    return "PMCID" if _PMC.fullmatch(value) else None


def _build(entries: list[list[Any]], start: int, ctx: ReadContext) -> Record:
    if entries[0][0] == "%0":
        name = entries[0][1]
        rec = Record(TYPE_TO_CSL.get(name, "document"), source=ctx.where(start))
        if name and CSL_TO_TYPE.get(rec.type) != name:
            rec.keys["type"] = "endnote:" + name
        body = entries[1:]
    else:
        rec = Record(_guess_type({e[0] for e in entries if e[1]}), source=ctx.where(start))
        ctx.warn(start, f"record without a %0 type line (Refer): read as {rec.type}")
        body = entries
    extras: list[tuple[int, Extra]] = []
    carriers: list[tuple[int, re.Match[str]]] = []
    dates: dict[str, tuple[str, int]] = {}
    for tag, value, line in body:
        if not value.strip():
            extras.append((line, Extra(NAME, tag, value)))
        elif tag in NAME_TAGS:
            add_names(rec, NAME_TAGS[tag], value, parse_name)
        elif tag in LIST_TAGS:
            _read_list(rec, tag, value, line, carriers)
        elif tag in DATE_TAGS and tag not in dates:
            dates[tag] = (value, line)
        elif tag in VALUE_TAGS and _value_slot(tag, value) not in rec and _value_slot(tag, value) is not None:
            rec[_value_slot(tag, value)] = value  # type: ignore[index]
        elif tag in SINGLE_TAGS and _slot(tag, rec.type) not in rec:
            var = _slot(tag, rec.type)
            rec[var] = value
            if var == "container-title" and tag != _container_tag(rec):
                rec.keys["container-title"] = "endnote:" + tag
        else:
            extras.append((line, Extra(NAME, tag, value)))
    _set_date(rec, dates, extras)
    for line, m in carriers:
        apply_carrier(rec, m, line, ctx, "%Z", extras, parse_name, _iso_date)
    extras.sort(key=lambda x: x[0])
    rec.extra = [e for _, e in extras]
    return rec


def _read_list(rec: Record, tag: str, value: str, line: int, carriers: list[tuple[int, re.Match[str]]]) -> None:
    if tag == "%Z":
        add_note(rec, value, line, carriers)
        return
    values = value.split("\n") if tag in SPLIT_LINES else [value]
    for v in values:
        v = v.strip()
        if v:
            rec.add("ISBN" if tag == "%@" and is_isbn(v) else LIST_TAGS[tag], v)


# -- dates ----------------------------------------------------------------------------------------
def _iso_date(text: str) -> Date:
    m = _ISO.fullmatch(text.strip())
    if m is None:
        return Date(raw=text)
    parts = _valid(int(m.group(1)), m.group(2), m.group(3))
    return Date(parts=(parts,)) if parts else Date(raw=text)


def _valid(year: int, month: Any, day: Any) -> tuple[int, ...] | None:
    parts: tuple[int, ...] = (year,)
    if month:
        if not 1 <= int(month) <= 12:
            return None
        parts += (int(month),)
        if day:
            if not 1 <= int(day) <= 31:
                return None
            parts += (int(day),)
    elif day:
        return None
    return parts


def _decode(text: str, year: int | None) -> tuple[int, ...] | None:
    """A date text (``%8``, or a full ``%D``) as (year, month[, day]); ``year`` is what ``%D`` said."""
    text = text.strip()
    m = _ISO.fullmatch(text)
    if m:
        y = int(m.group(1))
        return _valid(y, m.group(2), m.group(3)) if year in (None, y) else None
    m = _WORD_DATE.fullmatch(text)
    if m is None or m["mon"].lower() not in MONTHS or (m["d1"] and m["d2"]) or (m["y1"] and m["y2"]):
        return None
    y_text = m["y1"] or m["y2"]
    found = int(y_text) if y_text else year
    if found is None or (year is not None and found != year):
        return None
    return _valid(found, MONTHS[m["mon"].lower()], m["d1"] or m["d2"])


def _date_of(d: str | None, e: str | None) -> tuple[Date | None, bool]:
    """``%D`` and ``%8`` to a date; the flag says whether ``%8`` went into it."""
    year = int(d) if d is not None and _YEAR.fullmatch(d) else None
    if d is not None and year is None:
        parts = _decode(d, None)
        return (Date(parts=(parts,)) if parts else Date(raw=d)), False
    if e is None:
        return (Date.of(year) if year is not None else None), False
    parts = _decode(e, year)
    if parts:
        return Date(parts=(parts,)), True
    if year is not None:
        return Date(parts=((year,),), raw=e), True
    return Date(raw=e), True


def _set_date(rec: Record, dates: dict[str, tuple[str, int]], extras: list[tuple[int, Extra]]) -> None:
    d, e = dates.get("%D"), dates.get("%8")
    date, used = _date_of(d[0] if d else None, e[0] if e else None)
    if date is not None:
        rec["issued"] = date
    if e and not used:
        extras.append((e[1], Extra(NAME, "%8", e[0])))


def _date_lines(d: Date) -> tuple[str, str | None] | None:
    """``%D`` and ``%8`` text for a date, or None when they would not read back as the same date."""
    if d.season is not None or d.circa is not None or d.literal or len(d.parts) > 1:
        return None
    if not d.parts:
        pair: tuple[str, str | None] = (d.raw, None)
    elif d.raw:
        pair = (str(d.parts[0][0]), d.raw) if len(d.parts[0]) == 1 else ("", None)
    else:
        y, *md = d.parts[0]
        if md and isinstance(md[0], int) and 1 <= md[0] <= 12:
            pair = (str(y), MONTH_NAMES[md[0] - 1][:3] + (f" {md[1]}" if len(md) > 1 else ""))
        else:
            pair = (str(y), None)
    if not all(_safe(t) and "\n" not in t for t in pair if t is not None):
        return None
    return pair if _date_of(*pair) == (d, pair[1] is not None) else None


def _iso(d: Date) -> str | None:
    if len(d.parts) == 1 and not (d.raw or d.literal or d.season is not None or d.circa is not None):
        p = d.parts[0]
        text = "-".join(f"{x:02d}" if i else str(x) for i, x in enumerate(p) if isinstance(x, int))
        if _iso_date(text) == d:
            return text
    return None


# -- writing --------------------------------------------------------------------------------------
def _safe(value: str) -> bool:
    """A value the reader gives back as is from a tag line and its continuation lines."""
    if not value or value != value.strip() or "\r" in value:
        return False
    lines = value.split("\n")
    return all(ln.strip() and ln == ln.rstrip() for ln in lines) and not any(_TAG.match(ln) for ln in lines[1:])


def render_name(name: Name) -> str:
    """A name as EndNote writes it: ``Family, Given[, Suffix]``, a corporate name as ``Name,``."""
    if name.literal:
        return name.literal.replace(",", ",,") + ","
    return name.inverted()


class _Writer:
    """The lines of one record."""

    def __init__(self, rec: Record, ctx: WriteContext) -> None:
        self.rec, self.ctx = rec, ctx
        self.out: list[str] = []
        self.tags: set[str] = set()
        self.carriers: list[str] = []

    def line(self, tag: str, value: str) -> None:
        self.out.append(f"{tag} {value}" if value else tag)
        self.tags.add(tag)

    def carry(self, what: str, text: str, own: bool = False) -> None:
        if self.ctx.carry(what, "%Z notes", own=own):
            self.carriers.append(text)

    def carry_var(self, var: str, value: Any) -> None:
        self.carry(f"CSL {var}", _carrier_text("csl", var, value))

    def lines(self) -> list[str]:
        rec = self.rec
        hint = rec.keys.get("type", "")
        ty = CSL_TO_TYPE.get(rec.type, "Generic")
        if hint.startswith("endnote:") and TYPE_TO_CSL.get(hint[8:], "document") == rec.type and _safe(hint[8:]):
            ty = hint[8:]
        self.line("%0", ty)
        if rec.type not in CSL_TO_TYPE and TYPE_TO_CSL.get(ty, "document") != rec.type:
            self.carry_var("type", rec.type)
        if rec.id is not None:
            self.carry_var("id", rec.id)
        done = set()
        for var in WRITE_ORDER:
            if var in rec:
                done.add(var)
                self.variable(var, rec[var])
        for var, value in rec.items():
            if var not in done:
                self.unmapped(var, value)
        if rec.custom:
            note = "[csl:custom] " + json.dumps(rec.custom, ensure_ascii=False, sort_keys=True)
            self.carry(custom_what(rec.custom), note)
        self.extras()
        for text in self.carriers:
            self.line("%Z", text)
        return self.out

    def tag_of(self, var: str) -> str | None:
        if var == "container-title":
            return _container_tag(self.rec)
        if var in ("PMID", "PMCID", "archive_location"):
            value = str(self.rec.get(var))
            tag = "%2" if var == "PMCID" else "%M"
            if var == "PMID" and "archive_location" in self.rec:
                return None  # %M holds the archive location
            return tag if _value_slot(tag, value) == var else None
        if var in ("issue", "number"):
            return "%N" if (var == "number") == (self.rec.type in NUMBER_TYPES) else None
        return _TAG_OF.get(var)

    def variable(self, var: str, value: Any) -> None:
        tag = self.tag_of(var)
        if tag is None:
            self.unmapped(var, value)
        elif var in NAME_VARIABLES:
            self.names(var, tag, value)
        elif var == "issued":
            pair = _date_lines(value) if isinstance(value, Date) else None
            if pair is None:
                self.carry_var(var, value)
                return
            self.line("%D", pair[0])
            if pair[1] is not None:
                self.line("%8", pair[1])
        elif var in ("ISSN", "ISBN"):
            if all(isinstance(v, str) and _safe(v) and "\n" not in v and is_isbn(v) == (var == "ISBN")
                   for v in value):  # fmt: skip
                for v in value:
                    self.line("%@", v)
            else:
                self.carry_var(var, value)
        elif var == "note":
            if all(isinstance(v, str) and _safe(v) and not _CARRIER.fullmatch(v) for v in value):
                for v in value:
                    self.line("%Z", v)
            else:
                self.carry_var(var, value)
        elif var in LIST_VARIABLES:
            if all(isinstance(v, str) and _safe(v) and "\n" not in v for v in value):
                for v in value:
                    self.line(tag, v)
            else:
                self.carry_var(var, value)
        else:
            text = value if isinstance(value, str) else str(value) if isinstance(value, int | float) else None
            if text is not None and _safe(text):
                self.line(tag, text)
            if text is None or text != value or not _safe(text):
                self.carry_var(var, value)  # replaces what the tag says, if it was written

    def names(self, var: str, tag: str, names: list[Name]) -> None:
        exact = True
        for name in names:
            text = render_name(name)
            if _safe(text) and "\n" not in text:
                self.line(tag, text)
                exact = exact and parse_name(text) == name
            else:
                exact = False
        if not exact:  # the tags hold what EndNote can show; the exact names come back from the note
            self.carry_var(var, names)

    def unmapped(self, var: str, value: Any) -> None:
        if var in NAME_VARIABLES:
            texts = [render_name(n) for n in value]
            if all(_safe(t) and "\n" not in t and parse_name(t) == n for t, n in zip(texts, value, strict=True)):
                for t in texts:
                    self.carry(f"CSL {var}", f"[csl:{var}] {t}")
                return
        elif var in DATE_VARIABLES:
            text = _iso(value) if isinstance(value, Date) else None
            if text is not None:
                self.carry(f"CSL {var}", f"[csl:{var}] {text}")
                return
        elif var in LIST_VARIABLES and all(isinstance(v, str) and _safe(v) and "\n" not in v for v in value):
            for v in value:
                self.carry(f"CSL {var}", f"[csl:{var}] {v}")
            return
        self.carry_var(var, value)

    def extras(self) -> None:
        carrying = False  # once one extra is carried, the later ones are too: their order is kept
        for e in self.rec.extra:
            if not carrying and e.format == NAME and self.fits(e):
                self.line(e.key, e.value)
                continue
            carrying = True
            own = e.format == NAME
            if re.fullmatch(r"[a-z][a-z0-9-]*", e.format) and re.fullmatch(r"[^\]\s=]+", e.key):
                self.carry(f"{e.format} {e.key}", _carrier_text(e.format, e.key, e.value), own)
            else:
                self.carry(f"{e.format} {e.key}", _carrier_text("csl", "extra", list(e)), own)

    def fits(self, e: Extra) -> bool:
        """An extra of this format goes back under its tag when the reader will read it as an extra again."""
        tag, value = e.key, e.value
        if not (isinstance(value, str) and len(tag) == 2 and _TAG.fullmatch(tag) and tag != "%0"):
            return False
        if value == "":
            return True
        if not _safe(value):
            return False
        if tag in NAME_TAGS or tag in LIST_TAGS:
            return False
        if tag in VALUE_TAGS:  # read into a variable, unless the value is not of its shape or one came first
            slot = _value_slot(tag, value)
            return slot is None or (slot in self.rec and self.tag_of(slot) == tag)
        if tag in SINGLE_TAGS:  # the reader fills a variable from the first such tag only
            if _slot(tag, self.rec.type) == "container-title":
                return bool({"%J", "%B"} & self.tags)
            return tag in self.tags
        if tag in DATE_TAGS:
            return tag in self.tags
        return True


_TAG_OF: dict[str, str] = {var: tag for tag, var in reversed(list(SINGLE_TAGS.items()))}
_TAG_OF.update({var: tag for tag, var in NAME_TAGS.items()})
_TAG_OF.update({"keyword": "%K", "URL": "%U", "note": "%Z", "ISSN": "%@", "ISBN": "%@", "issued": "%D"})


def _carrier_text(ns: str, key: str, value: Any) -> str:
    if isinstance(value, str) and _safe(value) and "\n" not in value:
        return f"[{ns}:{key}] {value}"
    return json_carrier(ns, key, value)


def write(records: Iterable[Record], out: TextIO, ctx: WriteContext) -> None:
    """Write records as EndNote tagged text, one blank line between records."""
    write_records(records, out, ctx, lambda rec, ctx: "\n".join(_Writer(rec, ctx).lines()))
