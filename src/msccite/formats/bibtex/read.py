"""The BibTeX reader (the format's surface is the package, :mod:`msccite.formats.bibtex`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, TextIO

from ...context import ReadContext, WriteContext
from ...latex import decode
from ...lazyre import compile_cached
from ...model import (
    DATE_SET,
    DATE_VARIABLES,
    LIST_VARIABLES,
    NAME_SET,
    NAME_VARIABLES,
    Date,
    Extra,
    Name,
    Record,
    small_int,
)
from ..carriers import load_json
from .fields import PLAIN_KINDS, kind_of, parse_iso, parse_month, plain, read_field, render_field, split_list
from .map import DATE_FIELDS, ENTRY_TO_CSL, LIST_FIELDS, NAME_FIELDS, SINGLE_FIELDS
from .parse import Block, Field, blocks, evaluate
from .write import canonical_entry_type, date_fields, default_field, field_rank, list_text, write_records

NAME = "bibtex"
ALIASES = ("bib",)
EXTENSIONS = (".bib", ".bibtex")
DESCRIPTION = "BibTeX (LaTeX, JabRef, Zotero, Mendeley, Google Scholar); reads BibLaTeX too"

_DETECT = compile_cached(r"^\s*@\s*([A-Za-z]+)\s*[{(]", re.M)
_SLOT_OF_FIELD = {f: slot for slot, fields in SINGLE_FIELDS.items() for f in fields}
_DATE_PARTS = ("year", "month", "day", "date")


def detect(sample: str) -> float:
    """BibTeX when an ``@type{`` opens one of the first non-blank, non-comment lines and a field follows."""
    m = _DETECT.search(sample[:20000])
    if m is None:
        return 0.0
    before = sample[: m.start()]
    if len([ln for ln in before.splitlines() if ln.strip() and not ln.lstrip().startswith("%")]) > 20:
        return 0.0
    kind = m.group(1).lower()
    if kind in ENTRY_TO_CSL or kind in ("string", "preamble", "comment"):
        return 0.95 if re.search(r"^\s*[\w-]+\s*=\s*[{\"\d\w]", sample[m.end() : m.end() + 5000], re.M) else 0.6
    return 0.5


# -- reading --------------------------------------------------------------------------------------
def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    records = _read(lines, ctx)
    if ctx.options.get("crossref"):
        yield from _resolve_crossrefs(list(records))
    else:
        yield from records


def duplicate_key(key: str, first: int) -> str:
    """The warning for a citation key that an earlier entry (at line ``first``) has."""
    return f"duplicate key {key!r} (first at line {first}); both entries are kept"


def _read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    macros: dict[str, str] = {}
    pending: list[Extra] = []
    last: Record | None = None
    keys: dict[str, int] = {}
    note_key = ctx.options.get("note_key")  # a part of a cut file: the caller checks keys across the parts
    for b in blocks(lines, ctx.first_line):
        if b.kind == "entry":
            if b.error:  # kept although broken (truncated at the end of the file)
                ctx.problem(b.line, b.error)
            _recovered(b, ctx)
            rec = ctx.build(b.line, _record, b, macros, ctx)
            if rec is None:
                continue
            if rec.id is not None:
                if note_key is not None:
                    note_key(rec.id, b.line)
                elif rec.id in keys:
                    ctx.warn(b.line, duplicate_key(rec.id, keys[rec.id]))
                else:
                    keys[rec.id] = b.line
            else:
                ctx.warn(b.line, f"@{b.type} entry without a citation key")
            rec.extra[:0] = pending
            pending = []
            if last is not None:
                yield last
            last = rec
        elif b.kind == "broken":
            where = "" if b.error_line in (0, b.line) else f" (in the entry at line {b.line})"
            ctx.problem(b.error_line or b.line, f"{b.error}{where}; the entry is skipped")
        else:
            if b.kind == "string":
                _recovered(b, ctx)
                for f in b.fields:
                    value, missing = evaluate(f.pieces, macros)
                    _report_missing(missing, f, ctx)
                    macros[f.name.lower()] = value
            pending.append(Extra(NAME, "@" + b.kind, b.text.rstrip("\r\n")))
    if last is not None:
        last.extra.extend(Extra(NAME, "@end", e.value) for e in pending)
        yield last
    elif pending:
        ctx.warn(None, f"no entries: {len(pending)} @string/@preamble/@comment or text block(s) are not records")


_SPACES = compile_cached(r"\s+")


def _recovered(b: Block, ctx: ReadContext) -> None:
    """Report what the tokenizer read despite errors; a field name with white space inside (Scopus'
    ``funding_text 1``, with a no-break space) is read as ``funding_text_1``, reported once per block."""
    if not b.spaced_names:
        for line, message in b.warnings:
            ctx.warn(line, message)
        return
    renamed: list[tuple[str, str]] = []
    first = 0
    for i, f in enumerate(b.fields):
        name = _SPACES.sub("_", f.name)
        if name != f.name:
            if not renamed:
                first = f.line
            renamed.append((f.name, name))
            b.fields[i] = Field(name, f.pieces, f.line, f.raw)
    shown = [(_SPACES.sub(" ", old), new) for old, new in renamed]  # a no-break space shown as a space
    if len(shown) == 1:
        note = f"field name {shown[0][0]!r} read as {shown[0][1]!r}"
    else:
        note = f"field names {', '.join(repr(o) for o, _ in shown)} read as {', '.join(repr(n) for _, n in shown)}"
    for line, message in sorted([*b.warnings, (first, note)], key=lambda w: w[0]):  # in line order
        ctx.warn(line, message)


#: biblatex's ``eprinttype`` values that name a PubMed or PMC id (``eprint = {31810187}, eprinttype = {pubmed}``).
EPRINT_TYPES = {"pubmed": "PMID", "pmid": "PMID", "pmc": "PMCID", "pmcid": "PMCID"}


def _read_eprint(rec: Record, texts: dict[str, tuple[Field, str]], used: set[str]) -> None:
    """An ``eprint`` whose ``eprinttype`` is ``pubmed`` is the PMID (``pmc``: the PMCID), as biblatex has it."""
    if "eprint" not in texts or "eprinttype" not in texts or "eprint" in used:
        return
    kind = texts["eprinttype"][1].strip()
    var = EPRINT_TYPES.get(kind.lower())
    value = texts["eprint"][1].strip()
    if var is None or var in rec or not value:
        return
    rec[var] = value
    used.update(("eprint", "eprinttype"))
    rec.keys[var] = "bibtex:" + texts["eprint"][0].name
    if kind != EPRINT_DEFAULT[var]:
        rec.keys["bibtex-eprinttype"] = kind


#: The ``eprinttype`` the writer gives each variable.
EPRINT_DEFAULT = {"PMID": "pubmed", "PMCID": "pmc"}


def _report_missing(missing: list[str], f: Field, ctx: ReadContext) -> None:
    for name in missing:
        ctx.warn(f.line, f"undefined macro {name!r} in field {f.name!r}: its name is kept as the value")


def _record(b: Block, macros: dict[str, str], ctx: ReadContext) -> Record:
    etype = b.type.lower()
    rec = Record(ENTRY_TO_CSL.get(etype, "document"), b.key or None, source=ctx.where(b.line))
    if b.type != canonical_entry_type(rec, ctx.format):
        rec.keys["type"] = "bibtex:" + b.type
    texts: dict[str, tuple[Field, str]] = {}
    extras: list[Extra] = []
    for f in b.fields:
        lname = f.name.lower()
        pieces = f.pieces
        if len(pieces) == 1 and pieces[0][0] != "@":  # a literal: its text is the value
            text = pieces[0][1]
        else:
            text, missing = evaluate(pieces, macros)
            _report_missing(missing, f, ctx)
        if lname in texts:
            ctx.warn(f.line, f"duplicate field {f.name!r} (first at line {texts[lname][0].line}): "
                     "the second value is kept as an extra")  # fmt: skip
            extras.append(Extra(NAME, f.name, text))
            continue
        texts[lname] = (f, text)
    if not _in_write_order(tuple(texts)):
        rec.keys["bibtex-order"] = ",".join(f.name for f, _ in texts.values())
    used: set[str] = set()
    _read_names(rec, texts, used)
    _read_dates(rec, texts, used, extras, ctx)
    _read_singles(rec, texts, used, extras, ctx.format)
    _read_eprint(rec, texts, used)
    for lname, (f, text) in texts.items():
        if lname in used:
            continue
        if lname in LIST_FIELDS:
            read = _list_of if len(text) <= _CACHED_LENGTH else _list_of.__wrapped__
            items, differs = read(lname, f.raw, text)
            rec[LIST_FIELDS[lname]] = list(items)  # none: the variable goes (an earlier csl- carrier's too)
            if differs:
                rec.keys["bibtex-raw:" + lname] = f.raw
            continue
        elif lname.startswith("csl-"):
            _read_carrier(rec, f, lname[4:], text, ctx)
        elif lname.startswith("x-"):
            _read_foreign(rec, f, text, extras, ctx)
        else:
            extras.append(Extra(NAME, f.name, text))
            if not (len(f.pieces) == 1 and f.pieces[0][0] == "{"):
                rec.keys["bibtex-raw:" + lname] = f.raw
            continue
        _remember_raw(rec, lname, f, text)
    rec.extra = extras
    return rec


@lru_cache(maxsize=1024)  # entries of a file mostly have the same fields in the same order
def _in_write_order(lnames: tuple[str, ...]) -> bool:
    """Whether fields come in the order the writer puts them (the sort is stable: ranks never go down)."""
    ranks = [field_rank(n) for n in lnames]
    return ranks == sorted(ranks)


def _remember_raw(rec: Record, lname: str, f: Field, text: str, value: Any = None) -> None:
    """Keep the value expression as written when the writer would not write it the same way."""
    if f.raw != render_field(lname, read_field(lname, text) if value is None else value):
        rec.keys["bibtex-raw:" + lname] = f.raw


def _read_single(lname: str, f: Field, text: str) -> tuple[Any, bool]:
    """A single-valued field's value, and whether its expression as written must be remembered."""
    kind = kind_of(lname)
    if kind in PLAIN_KINDS and len(f.pieces) == 1 and f.pieces[0][0] == "{":
        if plain(kind, text):
            return text, False  # what read_field and render_field would find, without their work
        if kind in _DECODED_KINDS:
            read = _escaped_plain(kind, text)
            if read is not None:
                return read
    elif kind == "pages" and len(f.pieces) == 1 and f.pieces[0][0] == "{" and _PLAIN_PAGES.fullmatch(text):
        return text.replace("--", "-"), False  # 123--145, the common case: read as 123-145, written back as is
    if len(text) <= _SHORT:
        return _read_short(lname, f.raw, text)
    value = read_field(lname, text)
    return value, f.raw != render_field(lname, value)


#: Pages as the writer writes them: a first page, or a range with "--" (letters before the digits: S23--S29, e123).
_PLAIN_PAGES = compile_cached(r"[A-Za-z]{0,3}\d{1,9}(?:--[A-Za-z]{0,3}\d{1,9})?")
#: The kinds whose values are LaTeX, decoded when read (not a verbatim URL's, nor a list of literals), and written back
#: without case protection (a title's capitals depend on the characters around them).
_DECODED_KINDS = frozenset({"text", "multiline"})
#: The escapes of LaTeX's special characters that the writer writes, and what they stand for.
_ESCAPES = (("\\%", "%"), ("\\&", "&"), ("\\#", "#"), ("\\_", "_"))  # not "\\$": two make math


def _escaped_plain(kind: str, text: str) -> tuple[str, bool] | None:
    """What :func:`_read_single` gives for a text that is plain but for escaped special characters (an abstract's
    ``50\\%``, ``R\\&D``), en and em dashes, no-break spaces and a lone ``<`` (``p < 0.05``); None for any other text.
    Its value is the text unescaped (read_field does no more); render_field writes it back as it is written unless a
    dash or a no-break space is there (written ``--``, ``~``). Without all these the text must be plain: no other
    backslash, brace or LaTeX. (Not for titles: whether a capital is braced depends on the characters around it.)"""
    if not text or text[0].isspace() or text[-1].isspace():
        return None  # (nothing: read as any empty value; a no-break space at an edge: read_field strips it)
    rest = text
    for escape, _ in _ESCAPES:
        rest = rest.replace(escape, "")
    dashes = "–" in rest or "—" in rest or "\u00a0" in rest
    if dashes:
        rest = rest.replace("–", "").replace("—", "").replace("\u00a0", "")
    angle = "<" in rest
    if angle:
        rest = rest.replace("<", "")
    if not rest or not plain(kind, rest):
        return None
    for escape, char in _ESCAPES:
        text = text.replace(escape, char)
    if angle and _MARK.search(text):
        return None  # a rich-text mark (<i>...</i>) the writer writes as LaTeX: the long way
    return text, dashes


#: The start of a rich-text mark (as richtext and the writer know them), where a text holds a "<".
_MARK = compile_cached(r"<(?:/?(?:i|b|sup|sub)>|span\b)")


#: Short values repeat across a file (journals, years, volumes, publishers): those are cached.
_SHORT = 80
#: Name and list fields up to this long are cached (long ones would make the bounded caches big).
_CACHED_LENGTH = 500


@lru_cache(maxsize=4096)
def _read_short(lname: str, raw: str, text: str) -> tuple[Any, bool]:
    value = read_field(lname, text)  # a str or an int (not names): safe to share
    return value, raw != render_field(lname, value)


def _read_names(rec: Record, texts: dict[str, tuple[Field, str]], used: set[str]) -> None:
    for lname, var in NAME_FIELDS.items():
        if lname in texts:
            f, text = texts[lname]
            read = _names_of if len(text) <= _CACHED_LENGTH else _names_of.__wrapped__
            names, others, differs = read(lname, f.raw, text)
            rec[var] = list(names)
            if others:
                rec.custom.setdefault("truncated", []).append(var)
            used.add(lname)
            if differs:
                rec.keys["bibtex-raw:" + lname] = f.raw


@lru_cache(maxsize=4096)  # the same authors and editors come back in a file
def _names_of(lname: str, raw: str, text: str) -> tuple[tuple[Name, ...], bool, bool]:
    """A name field's names, whether it ends with ``and others``, and whether its expression must be remembered."""
    names, others = read_field(lname, text)
    return tuple(names), others, raw != render_field(lname, (names, others))


def _read_singles(rec: Record, texts: dict[str, tuple[Field, str]], used: set[str], extras: list[Extra],
                  flavour: str) -> None:  # fmt: skip
    number_is_issue = "issue" not in texts and rec.type in ("article-journal", "article", "article-magazine",
                                                            "article-newspaper", "review", "periodical")  # fmt: skip
    for slot, fields in _slots_of(tuple(texts)):
        present = [f for f in fields if f in texts and f not in used]
        if slot == "issue" and "number" in present and not number_is_issue:
            present.remove("number")
        if not present:
            continue
        winner = present[0]
        f, text = texts[winner]
        value, differs = _read_single(winner, f, text)
        if value == "":
            continue
        rec.fields[slot] = value  # a str or an int, not empty
        used.add(winner)
        if differs:
            rec.keys["bibtex-raw:" + winner] = f.raw
        if winner != default_field(slot, rec, flavour):
            rec.keys[slot] = "bibtex:" + f.name
        for other in present[1:]:
            used.add(other)
            of, otext = texts[other]
            extras.append(Extra(NAME, of.name, otext))


@lru_cache(maxsize=1024)
def _slots_of(lnames: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """The items of SINGLE_FIELDS that some of these fields fill, in that order."""
    return [(slot, fields) for slot, fields in SINGLE_FIELDS.items() if not set(fields).isdisjoint(lnames)]


@lru_cache(maxsize=4096)  # ISSNs, keywords and notes repeat
def _list_of(lname: str, raw: str, text: str) -> tuple[tuple[str, ...], bool]:
    """A list field's items, and whether its expression must be remembered."""
    var = LIST_FIELDS[lname]
    items = split_list(var, read_field(lname, text))
    value = list_text(var, items) if items else read_field(lname, text)
    return tuple(items), raw != render_field(lname, value)


def _read_dates(rec: Record, texts: dict[str, tuple[Field, str]], used: set[str], extras: list[Extra],
                ctx: ReadContext) -> None:  # fmt: skip
    present = [p for p in _DATE_PARTS if p in texts]
    for lname, var in DATE_FIELDS.items():
        if lname != "date" and lname in texts:
            f, text = texts[lname]
            used.add(lname)
            rec[var] = parse_iso(text) or Date(raw=text.strip())
            _remember_raw(rec, lname, f, text)
    if not present:
        return
    date, agree, differs, key = _issued(tuple((p, texts[p][0].raw, texts[p][1]) for p in present), ctx.format)
    if date is None:
        return
    rec.fields["issued"] = date
    for p in present:
        f, text = texts[p]
        used.add(p)
        if p in agree:
            if p in differs:
                rec.keys["bibtex-raw:" + p] = f.raw
        else:
            ctx.warn(f.line, f"{f.name} = {text.strip()!r} does not fit the date {date}; kept as an extra")
            extras.append(Extra(NAME, f.name, text))
    if key is not None:
        rec.keys["issued"] = key


@lru_cache(maxsize=4096)  # dates repeat (years above all); Date is immutable
def _issued(parts: tuple[tuple[str, str, str], ...],
            flavour: str) -> tuple[Date | None, tuple[str, ...], tuple[str, ...], str | None]:  # fmt: skip
    """The date that year/month/day/date fields ``(name, raw, text)`` make, the fields that agree with it,
    those of them whose expression must be remembered, and the ``issued`` key hint (None: none needed)."""
    value = {p: decode(text).strip() for p, _, text in parts}
    date: Date | None = None
    agree: list[str] = []
    if "date" in value:
        date = parse_iso(value["date"]) or Date(raw=value["date"])
        agree = ["date"]
    if date is None or date.parts:
        from_parts = _date_from_parts(value)
        if date is None:
            date, agree = from_parts
        elif from_parts[0] is not None:
            base = date.parts[0]
            agree += [p for p in from_parts[1] if p == "year" and base[:1] == from_parts[0].parts[0][:1]
                      or p == "month" and base[1:2] == from_parts[0].parts[0][1:2]
                      or p == "day" and base[2:3] == from_parts[0].parts[0][2:3]]  # fmt: skip
    if date is None:
        return None, (), (), None
    differs = tuple(p for p, raw, text in parts if p in agree and raw != render_field(p, read_field(p, text)))
    fields = [p for p, _, _ in parts if p in agree]
    key = None
    if not date.parts or fields != date_fields(date, flavour):
        key = "bibtex:" + ",".join(fields)
    return date, tuple(agree), differs, key


def _date_from_parts(value: dict[str, str]) -> tuple[Date | None, list[str]]:
    year = value.get("year")
    if year is None:
        return None, []
    if not re.fullmatch(r"-?\d{1,4}", year):
        return Date(raw=year), ["year"]
    part: tuple[int, ...] = (int(year),)
    agree = ["year"]
    month_text, day = value.get("month", ""), value.get("day", "")
    m = re.fullmatch(r"([^\W\d]+)\.?[\s\u00a0]+(\d{1,2})", month_text)  # month = jun # "~5"
    if m and not day:
        month_text, day = m.groups()
    month = parse_month(month_text) if month_text else None
    if month is not None:
        part += (month,)
        agree.append("month")
        d = small_int(day)
        if d is not None and 1 <= d <= 31:
            part += (d,)
            agree.append("day")
    return Date(parts=(part,)), agree


def _read_carrier(rec: Record, f: Field, var_lower: str, text: str, ctx: ReadContext) -> None:
    var = _CSL_NAMES.get(var_lower, var_lower)
    raw = text.strip()  # JSON carriers are written as is (see write._json)
    value = decode(raw) if kind_of(f.name) != "names" else text
    try:
        if var.endswith("-parts") and var[:-6] in NAME_SET:
            _carried_names(rec, var[:-6], text, f, ctx)
        elif var == "type":
            rec.type = raw
            rec.keys.pop("type", None)
        elif var == "id":
            rec.id = value
        elif var == "custom":
            rec.custom.update(load_json(raw))
        elif var in NAME_SET:
            _carried_names(rec, var, text, f, ctx)
        elif var in DATE_SET:
            rec[var] = Date.from_csl(load_json(raw)) if raw.startswith("{") else parse_iso(value) \
                or Date(raw=value)  # fmt: skip
        elif var in LIST_VARIABLES:
            rec[var] = load_json(raw) if raw.startswith("[") else [value]
        else:
            rec[var] = value
    except (ValueError, TypeError, AttributeError):
        ctx.problem(f.line, f"field {f.name!r} should hold JSON; kept as an extra", severity="warning")
        rec.extra.append(Extra(NAME, f.name, text))


def _carried_names(rec: Record, var: str, text: str, f: Field, ctx: ReadContext) -> None:
    if text.lstrip().startswith("["):
        names = [Name.from_csl(n) for n in load_json(text)]
        if var in rec and len(rec[var]) != len(names):
            ctx.warn(f.line, f"{f.name} does not match the {var} field; the {var} field is kept")
            return
        rec[var] = names
    else:
        names, others = read_field(f.name, text)
        rec[var] = names
        if others:
            rec.custom.setdefault("truncated", []).append(var)


_CSL_NAMES = {v.lower(): v for v in (*NAME_VARIABLES, *DATE_VARIABLES, *LIST_VARIABLES, "DOI", "PMID", "PMCID",
                                     "URL", "ISSN", "ISBN", "container-title-short", "title-short")}  # fmt: skip


@lru_cache(maxsize=1)
def _format_names() -> tuple[str, ...]:
    """Registered format names, longest first (``csl-json`` before ``csl``), to split ``x-<format>-<key>``."""
    from ... import registry

    return tuple(sorted((x.name for x in registry.all_formats()), key=len, reverse=True))


def _read_foreign(rec: Record, f: Field, text: str, extras: list[Extra], ctx: ReadContext) -> None:
    name = f.name[2:]
    is_json = name.lower().startswith("json-")
    if is_json:
        name = name[5:]
    value: Any = text.strip() if is_json else decode(text)
    if name.lower() == "extras":
        try:
            extras.extend(Extra(*e) for e in load_json(text))
        except (ValueError, TypeError):
            ctx.warn(f.line, f"field {f.name!r} should hold a JSON list; kept as an extra")
            extras.append(Extra(NAME, f.name, text))
        return
    fmt = next((n for n in _format_names() if name.lower().startswith(n + "-")), name.split("-", 1)[0])
    key = re.sub(r"\+\d+$", "", name[len(fmt) + 1 :])  # x-ris-N1+2: the second N1
    if is_json:
        try:
            value = load_json(value)
        except ValueError:
            ctx.warn(f.line, f"field {f.name!r} should hold JSON; kept as text")
    extras.append(Extra(fmt, key, value))


def _resolve_crossrefs(records: list[Record]) -> Iterator[Record]:
    by_key = {r.id: r for r in records if r.id}
    for rec in records:
        parent_key = next((e.value for e in rec.extra if e.format == NAME and e.key.lower() == "crossref"), None)
        parent = by_key.get(parent_key) if parent_key else None
        if parent is not None:
            for var, value in parent.items():
                target = "container-title" if var == "title" else var
                if target not in rec and var != "title-short":
                    rec[target] = value
        yield rec


# -- writing --------------------------------------------------------------------------------------
def write(records: Iterable[Record], out: TextIO, ctx: WriteContext) -> None:
    """Write records as BibTeX (see :mod:`msccite.formats.bibtex.write`)."""
    write_records(records, out, ctx, NAME)
