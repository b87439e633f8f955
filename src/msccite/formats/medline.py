"""MEDLINE / PubMed format (``.nbib``, PubMed's "Save > PubMed format", and its ``.ris`` download).

Lines are ``TAG - value`` with the tag padded to four characters (``PMID- ``, ``AU  - ``);
a long value goes on over lines indented six spaces, and records are separated by a blank line.

Reader (see ``docs/formats/medline.md``):

- a wrapped line ends with a space (PubMed wraps at word boundaries and keeps the space), so the
  next line joins it directly; a continuation after a line *without* that space is a line break
  in the value (how this writer keeps a multi-line value);
- FAU (full name) is preferred over AU; AU is kept as the extra ``AU@n`` only when it is not the
  one PubMed derives from FAU (``Griffin DK`` from ``Griffin, Darren K``); a record with AU alone
  reads those names (``Prockop DJ``; with a comma, as ERIC writes them, ``van Groen, Maaike M.`` is
  ``Family, Given``); CN is a collective author; AD and AUID belong to the person before them
  and are kept as ``AD@n``/``AUID@n`` (``AD@ed1`` for the first editor);
- IS values keep their ``(Print)``/``(Electronic)``/``(Linking)`` note (normalization reads them);
- DP ``2019 Dec 2``, ``2019 Dec-2020 Jan``, ``2019 Spring`` become dates (what cannot be decoded
  stays raw); DEP becomes ``available-date``; PG is kept as read (``1579-86``);
- a TI that is empty or wholly in square brackets (PubMed's English translation, ``[Title].``)
  with a TT (the title in its own language) beside it: the title is the TT, the TI an extra;
- the DOI comes from ``LID``/``AID`` lines marked ``[doi]``; other LID/AID lines stay extras; with
  no PG, an LID that is an article number (``e42692``, ``e42692 [pii]``, ``1042``) is the page too;
- MH (MeSH, with ``*`` and ``/qualifier``) and OT are keywords; PT decides the CSL type and the PT
  lines are kept unless they are just the one the writer would give that type;
- every other tag (OWN, STAT, PHST, SO, GR, CI ...) is kept, in file order, as an extra.

Writer: what PubMed writes (tag order, lines wrapped as PubMed wraps them); values MEDLINE has no
tag for travel in ``GN`` (general note) lines as ``[csl:VARIABLE] value`` carriers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from ..context import ReadContext, WriteContext
from ..model import Date, Extra, Name, Record, small_int
from .carriers import carried, extra_note, parse_name, read_carrier
from .medline_map import (
    LIST_TAGS,
    MONTHS,
    NAME_TAGS,
    ORDER_INDEX,
    PERSON_TAGS,
    PT_TO_TYPE,
    SEASONS,
    SHORT_NAME_TAGS,
    SINGLE_TAGS,
    TYPE_TO_PT,
    UNKNOWN_RANK,
    VARIABLE_TAG,
)

NAME = "medline"
ALIASES = ("nbib", "pubmed")
EXTENSIONS = (".nbib", ".medline")
DESCRIPTION = "MEDLINE / PubMed format (.nbib, PubMed 'Save > PubMed format')"

WIDTH = 87  # PubMed's line width: a word that would pass it starts the next line
INDENT = "      "
_TAG = re.compile(r"([A-Z][A-Z0-9]{1,3}) *-(?: (.*)|)$")
_TAG_KEY = re.compile(r"[A-Z][A-Z0-9]{1,3}")
_SUFFIXES = frozenset({"Jr", "Sr", "2nd", "3rd", "II", "III", "IV", "V"})
_MONTH = {m.lower(): i for i, m in enumerate(MONTHS, 1)}
_SEASON = {s.lower(): s for s in SEASONS}
_DEP = re.compile(r"(\d{4})(\d\d)?(\d\d)?")
_DOI_MARK = " [doi]"
#: An electronic location that is the article's number, what styles print as its page: ``e42692``, ``1042``
ARTICLE_NUMBER = re.compile(r"e?\d+|[A-Z][A-Z0-9]{3}")  # e42692, 1042; Läkartidningen's EWLS, D4CZ
_PII_MARK = " [pii]"
_MEDLINE_ONLY = ("PMID-", "FAU -", "OWN -", "STAT-", "DP  -", "TA  -", "JT  -", "LID -", "MH  -", "PHST-")


# -- detection ------------------------------------------------------------------------------------
def detect(sample: str) -> float:
    """MEDLINE when the first lines are four-character ``TAG - value`` lines with MEDLINE's own tags."""
    tagged = own = 0
    for line in sample.lstrip("\ufeff").splitlines()[:60]:
        if not line.strip() or line.startswith(INDENT):
            continue
        if line.startswith("TY  -"):
            return 0.0  # RIS
        if _TAG.match(line) and line[4:5] == "-":
            if tagged == 0 and line.startswith("PMID- "):
                return 0.97
            tagged += 1
            own += line.startswith(_MEDLINE_ONLY)
        elif tagged == 0:
            return 0.0  # text before the first tag: not a MEDLINE file
    return 0.9 if tagged >= 3 and own >= 2 else 0.0


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


# -- reading --------------------------------------------------------------------------------------
def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    entries: list[list[Any]] = []  # [tag, value, line]
    n = 0
    for n, line in enumerate(lines, ctx.first_line):
        if entries and line[:1] in (" ", "\t") and (line.strip() or len(line) >= len(INDENT)):
            _continue(entries[-1], line)
            continue
        m = _TAG.match(line.lstrip("\ufeff"))
        if m is not None:
            tag, value = m.group(1), m.group(2) or ""
            if tag == "PMID" and any(e[0] == "PMID" for e in entries):
                ctx.warn(n, f"a new PMID without the blank line that ends the record at line {entries[0][2]}")
                if (rec := ctx.build(entries[0][2], _build, entries, ctx)) is not None:
                    yield rec
                entries = []
            entries.append([tag, [value], n])  # the value's parts, joined when the record is built
        elif not line.strip():
            if entries:
                if (rec := ctx.build(entries[0][2], _build, entries, ctx)) is not None:
                    yield rec
                entries = []
        else:
            ctx.problem(n, f"expected a 'TAG - value' line or a line indented six spaces; skipped {line[:60]!r}")
    if entries and (rec := ctx.build(entries[0][2], _build, entries, ctx)) is not None:
        yield rec


def _continue(entry: list[Any], line: str) -> None:
    text = line[6:] if line.startswith(INDENT) else line.strip()
    parts = entry[1]
    if not parts[-1].endswith(" "):
        parts.append("\n")
    parts.append(text)


class _Build:
    """The state of one record being read."""

    def __init__(self, rec: Record) -> None:
        self.rec = rec
        self.extras: list[tuple[int, Extra]] = []
        self.person: tuple[str, int] | None = None  # (variable, number) of the last person named
        self.short_done = True  # the last person's AU has been seen
        self.counts = {"author": 0, "editor": 0}
        self.short_only: dict[str, int] = {}  # names read from AU alone, per variable
        self.pts: list[tuple[str, int]] = []
        self.keyword_tags: list[str] = []
        self.doi_tags: list[str] = []
        self.full_form: dict[str, list[tuple[int, str, str]]] = {}  # AU-alone "Family, Given": line, key, AU
        self.title_from_tt = False  # TI is a translation (or empty) and TT the title

    def extra(self, line: int, key: str, value: str) -> None:
        self.extras.append((line, Extra(NAME, key, value)))


def _build(entries: list[list[Any]], ctx: ReadContext) -> Record:
    rec = Record("", source=ctx.where(entries[0][2]))  # the type: a [csl:type] note, else from PT
    b = _Build(rec)
    has_ti = any(e[0] == "TI" for e in entries)  # then BTI is the book a chapter is in
    b.title_from_tt = _title_from_tt(entries)
    for tag, parts, line in entries:
        value = "".join(parts).rstrip(" ")
        if tag in NAME_TAGS or tag == "CN":
            _person(b, tag, value)
        elif tag in SHORT_NAME_TAGS:
            _short(b, tag, value, line)
        elif tag in PERSON_TAGS and b.person is not None:
            var, i = b.person
            b.extra(line, f"{tag}@{'ed' if var == 'editor' else ''}{i}", value)
        elif tag == "PT":
            b.pts.append((value, line))
        elif tag in ("LID", "AID", "GN") and _doi_or_carrier(b, tag, value, line, ctx):
            continue
        elif tag in LIST_TAGS and value:
            rec.add(LIST_TAGS[tag], value)
            if tag in ("MH", "OT"):
                b.keyword_tags.append(tag)
        elif not _single(b, tag, value, has_ti):
            b.extra(line, tag, value)
    _finish(b)
    return rec


def _title_from_tt(entries: list[list[Any]]) -> bool:
    """The first TI is empty or a bracketed translation and a TT gives the title in its own language."""
    ti = next(("".join(parts).strip() for tag, parts, _ in entries if tag == "TI"), None)
    tt = next(("".join(parts).strip() for tag, parts, _ in entries if tag == "TT"), "")
    return ti is not None and bool(tt) and (not ti or is_translated_title(ti))


def _person(b: _Build, tag: str, value: str) -> None:
    var = "author" if tag == "CN" else NAME_TAGS[tag][1]
    b.counts[var] += 1
    b.rec.add(var, Name(literal=value) if tag == "CN" else parse_name(value))
    b.person, b.short_done = (var, b.counts[var]), tag == "CN"


def _short(b: _Build, tag: str, value: str, line: int) -> None:
    var = SHORT_NAME_TAGS[tag]
    if b.person is not None and b.person[0] == var and not b.short_done:
        b.short_done = True
        if value != short_name(b.rec[var][-1]):
            b.extra(line, f"{tag}@{'ed' if var == 'editor' else ''}{b.person[1]}", value)
        return
    b.counts[var] += 1  # an AU without its FAU (records before 2002; ERIC's "Family, Given")
    if "," in value:
        b.rec.add(var, parse_name(value))
        key = f"{tag}@{'ed' if var == 'editor' else ''}{b.counts[var]}"
        b.full_form.setdefault(var, []).append((line, key, value))
    else:
        b.rec.add(var, parse_short_name(value))
    b.short_only[var] = b.short_only.get(var, 0) + 1
    b.person, b.short_done = (var, b.counts[var]), True


def _doi_or_carrier(b: _Build, tag: str, value: str, line: int, ctx: ReadContext) -> bool:
    """A GN carrier applied, or the DOI taken from a LID/AID line: True when the line is used up."""
    if tag == "GN":
        return read_carrier(b.rec, value, line, ctx, b.extras)
    if not value.endswith(_DOI_MARK):
        return False
    doi = value[: -len(_DOI_MARK)].strip()
    current = b.rec.get("DOI")
    if current is None:
        b.rec["DOI"] = doi
    elif current != doi or tag in b.doi_tags:
        return False
    b.doi_tags.append(tag)
    return True


def _single(b: _Build, tag: str, value: str, has_ti: bool) -> bool:
    rec = b.rec
    if not value:
        return False
    if tag == "BTI":
        var = "container-title" if has_ti else "title"
    elif b.title_from_tt and tag in ("TI", "TT"):
        var = "" if tag == "TI" else "original-title" if "title" in rec else "title"
    elif tag == "DP":
        var = "issued"
    elif tag == "DEP":
        var = "available-date"
    else:
        var = SINGLE_TAGS.get(tag, "")
    if not var or var in rec:
        return False
    if var == "issued":
        d = parse_dp(value)
        rec[var] = Date(raw=value) if d is None else d if format_dp(d) == value else _with_raw(d, value)
    elif var == "available-date":
        rec[var] = _parse_dep(value)
    else:
        rec[var] = value
    return True


def _with_raw(d: Date, raw: str) -> Date:
    return Date(parts=d.parts, season=d.season, raw=raw)


def _finish(b: _Build) -> None:
    rec = b.rec
    pts = [v for v, _ in b.pts]
    rec.type = rec.type or type_of(pts)
    if pts != _derived_pts(type_of(pts)):
        b.extras.extend((line, Extra(NAME, "PT", v)) for v, line in b.pts)
    if b.doi_tags and b.doi_tags != ["LID", "AID"]:
        rec.keys["DOI"] = f"{NAME}:{','.join(b.doi_tags)}"
    if "OT" in b.keyword_tags and set(b.keyword_tags) != {"OT"} or b.keyword_tags and "OT" not in b.keyword_tags:
        rec.keys["keyword"] = f"{NAME}:" + _runs(b.keyword_tags)
    if b.title_from_tt and "title" in rec:
        rec.keys["title"] = f"{NAME}:TT"
    if "page" not in rec:
        _page_from_lid(b)
    for var, count in b.short_only.items():
        full = b.full_form.get(var, [])
        all_full = len(full) == count == len(rec[var])  # every name an AU "Family, Given" (ERIC)
        if count == len(rec[var]):  # every name came as AU alone: write them so
            rec.keys[var] = f"{NAME}:{'AU' if var == 'author' else 'ED'}" + ("=full" if all_full else "")
        if not all_full:  # a "Family, Given" AU among other names: keep its exact text for the writer
            for line, key, value in full:
                b.extra(line, key, value)
    b.extras.sort(key=lambda x: x[0])
    rec.extra = [e for _, e in b.extras] + rec.extra


def _page_from_lid(b: _Build) -> None:
    """No PG: an LID that is the article number (``e42692``, ``e42692 [pii]``) is what styles print as the page."""
    for _, e in b.extras:
        if e.key != "LID" or e.format != NAME or not isinstance(e.value, str):
            continue
        number = e.value.removesuffix(_PII_MARK)
        if ARTICLE_NUMBER.fullmatch(number):
            b.rec["page"] = number
            b.rec.keys["page"] = f"{NAME}:LID"
            return


def type_of(pts: list[str]) -> str:
    """The CSL type a list of publication types stands for."""
    for pt, csl_type in PT_TO_TYPE.items():
        if pt in pts:
            return csl_type
    return "article-journal"


def _derived_pts(csl_type: str) -> list[str]:
    pt = TYPE_TO_PT.get(csl_type)
    return [pt] if pt else []


def _runs(tags: list[str]) -> str:
    out: list[list[Any]] = []
    for t in tags:
        if out and out[-1][0] == t:
            out[-1][1] += 1
        else:
            out.append([t, 1])
    return ",".join(f"{t}*{k}" for t, k in out)


def _keyword_tags(rec: Record, count: int) -> list[str]:
    hint = rec.keys.get("keyword", "")
    if hint.startswith(NAME + ":"):
        tags: list[str] = []
        for run in hint[len(NAME) + 1 :].split(","):
            tag, _, k = run.partition("*")
            tags.extend([tag] * (small_int(k) or 1))
        if len(tags) == count:
            return tags
    return ["OT"] * count


# -- writing --------------------------------------------------------------------------------------
def wrap(tag: str, value: str) -> list[str]:
    """The lines of one value as PubMed writes them: wrapped at word boundaries, each wrapped line
    keeping its space; a line break in the value starts a continuation line of its own."""
    cur = f"{tag:<4}- "
    if len(cur) + len(value) <= WIDTH and "\n" not in value:
        return [cur + value]  # most lines: no wrapping
    out: list[str] = []
    for k, hard in enumerate(value.split("\n")):
        if k:
            out.append(cur)
            cur = INDENT
        first = True
        for word in hard.split(" "):
            if not first and len(cur) + 1 + len(word) > WIDTH:
                out.append(cur + " ")
                cur = INDENT + word
            else:
                cur = cur + word if first else cur + " " + word
            first = False
    out.append(cur)
    return out


class _Lines:
    """The (rank, order, tag, value) lines a record maps to, before extras are merged in."""

    def __init__(self) -> None:
        self.items: list[tuple[float, int, str, str]] = []

    def put(self, tag: str, value: Any, sub: int = 1, rank_tag: str | None = None) -> None:
        self.items.append((_rank(rank_tag or tag), sub, tag, str(value)))


def _rank(tag: str) -> float:
    return ORDER_INDEX.get(tag, UNKNOWN_RANK)


def _extra_rank(e: Extra) -> tuple[float, int]:
    if e.key in PERSON_TAGS:  # an address of no one in particular: before the first person, as it was read
        return _rank("FAU") - 0.5, 0
    sub = 0 if e.key in ("LID", "AID") and str(e.value).endswith("[pii]") else 2
    return _rank(e.key), sub


def _people(rec: Record, var: str, persons: dict[str, list[Extra]], out: _Lines) -> None:
    full, short = ("FAU", "AU") if var == "author" else ("FED", "ED")
    hint = rec.keys.get(var)
    short_only = hint in (f"{NAME}:{short}", f"{NAME}:{short}=full")
    full_form = hint == f"{NAME}:{short}=full"  # AU alone, as "Family, Given" (ERIC)
    prefix = "ed" if var == "editor" else ""
    for i, name in enumerate(rec[var], 1):
        mine = persons.pop(f"{prefix}{i}", [])
        if name.literal:
            out.put(full if var == "editor" else "CN", name.literal, rank_tag=full)  # FED without comma: literal
        else:
            if not short_only:
                out.put(full, full_name(name), rank_tag=full)
            given = [e.value for e in mine if e.key.startswith(short + "@")]
            au = given[0] if given else full_name(name) if full_form else short_name(name)
            out.put(short, au, rank_tag=full)
        for e in mine:
            if not e.key.startswith(short + "@"):
                out.put(e.key.partition("@")[0], e.value, rank_tag=full)


def _record_lines(rec: Record, ctx: WriteContext) -> list[str]:
    out = _Lines()
    written: set[str] = set()
    own: list[Extra] = []  # this format's extras under a tag: merged into the tag order
    persons: dict[str, list[Extra]] = {}  # AD@n, AUID@n, AU@n: written with person n
    odd: list[Extra] = []  # this format's extras no tag line can hold: carried in GN notes
    for e in rec.extra:
        if e.format != NAME:
            continue
        tag, at, who = e.key.partition("@")
        if not isinstance(e.value, str) or not _TAG_KEY.fullmatch(tag) or (at and not who):
            odd.append(e)
        elif at:
            persons.setdefault(who, []).append(e)
        else:
            own.append(e)
    for var in ("author", "editor"):
        if var in rec:
            written.add(var)
            _people(rec, var, persons, out)
    odd.extend(e for group in persons.values() for e in group)  # about people the record does not have
    _fields(rec, out, written)
    pts = [e.value for e in own if e.key == "PT"]
    if not pts:
        pts = _derived_pts(rec.type)
        for pt in pts:
            out.put("PT", pt)
    lines = _merge(sorted(out.items, key=lambda x: (x[0], x[1])), own)
    type_written = type_of(pts) == rec.type
    carriers = list(carried(rec, written.__contains__, NAME, ctx, "GN notes", type_written=type_written,
                            id_written=False))  # fmt: skip
    for e in odd:  # the format's own values: carried whatever the mode, as a same-format round trip must
        if ctx.carry(f"{NAME} {e.key}", "GN notes", own=True):
            carriers.append(extra_note(e))
    text: list[str] = []
    for tag, value in lines:
        text.extend(wrap(tag, value))
    for note in carriers:
        text.extend(wrap("GN", note))
    return text


def _fields(rec: Record, out: _Lines, written: set[str]) -> None:
    for var, value in rec.items():
        tag = _tag_for(rec, var)
        if tag is None:
            continue
        written.add(var)
        if var == "issued":
            out.put("DP", format_dp(value))
        elif var == "available-date":
            out.put("DEP", _format_dep(value))
        elif var == "page" and _page_in_lid(rec, value):
            continue  # read from the LID line (an e-page), which is written back as it was
        elif var == "DOI":
            hint = rec.keys.get("DOI", "")
            tags = hint[len(NAME) + 1 :].split(",") if hint.startswith(NAME + ":") else ["LID", "AID"]
            for t in tags:
                out.put(t, f"{value}{_DOI_MARK}")
        elif var == "keyword":
            for t, v in zip(_keyword_tags(rec, len(value)), value, strict=True):
                out.put(t, v)
        elif isinstance(value, list):
            for v in value:
                out.put(tag, v)
        else:
            out.put(tag, value)


def _page_in_lid(rec: Record, page: Any) -> bool:
    """The page was read from an LID line the record still carries (no PG was written)."""
    if rec.keys.get("page") != f"{NAME}:LID":
        return False
    return any(e.format == NAME and e.key == "LID" and e.value in (page, f"{page}{_PII_MARK}") for e in rec.extra)


def _title_in_tt(rec: Record) -> bool:
    """The title was TT's, the TI beside it a translation (an extra): write the title as TT again."""
    if "original-title" in rec:
        return False
    if rec.keys.get("title") == f"{NAME}:TT":
        return True
    ti = next((e.value for e in rec.extra if e.format == NAME and e.key == "TI"), None)
    return isinstance(ti, str) and is_translated_title(ti)


def _tag_for(rec: Record, var: str) -> str | None:
    if var in ("issued", "available-date", "DOI", "keyword"):
        return var
    if var == "title" and _title_in_tt(rec):
        return "TT"
    if var == "title" and rec.type == "book" and "container-title" not in rec:
        return "BTI"
    if var == "container-title" and rec.type == "chapter":
        return "BTI"
    if var in ("ISSN", "ISBN", "note"):
        return {"ISSN": "IS", "ISBN": "ISBN", "note": "GN"}[var]
    return VARIABLE_TAG.get(var)


def _merge(mapped: list[tuple[float, int, str, str]], own: list[Extra]) -> list[tuple[str, str]]:
    """Mapped lines in PubMed's order with the record's own extras merged in, keeping their order."""
    out: list[tuple[str, str]] = []
    i = j = 0
    while i < len(mapped) or j < len(own):
        if j < len(own) and (i >= len(mapped) or _extra_rank(own[j]) <= mapped[i][:2]):
            out.append((own[j].key, own[j].value))
            j += 1
        else:
            out.append((mapped[i][2], mapped[i][3]))
            i += 1
    return out


def write(records: Iterable[Record], out: TextIO, ctx: WriteContext) -> None:
    """Write records as PubMed does: each record followed by a blank line."""
    for rec in records:
        ctx.records += 1
        out.write("\n".join(_record_lines(rec, ctx)).replace("\r", "") + "\n\n")
