"""The BibTeX and BibLaTeX writers: one field per line, two-space indent, braced values, UTF-8.

Each CSL variable goes to its field (``docs/formats/bibtex.md`` has the table); what BibTeX has
no field for is carried so that reading the file back gives the same record: CSL variables in
``csl-<variable>`` fields, extras of other formats in ``x-<format>-<key>`` fields, CSL ``custom``
in ``csl-custom``. A record read from BibTeX keeps its entry type, field names, field order and
value expressions (macros, ``{Phase III}``) as far as its values have not changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from operator import itemgetter
from typing import Any, TextIO

from ...citekey import KeyMaker
from ...context import WriteContext
from ...latex import balanced
from ...lazyre import compile_cached
from ...model import CSL_ORDER, DATE_VARIABLES, LIST_VARIABLES, NAME_VARIABLES, Date, Name, Record
from ..carriers import custom_what
from .fields import RENDERERS, format_iso, kind_of, read_field, render_field, split_list
from .map import (
    ARTICLE_TYPES,
    BIBLATEX_NAMES,
    CSL_TO_BIBLATEX,
    CSL_TO_BIBTEX,
    DATE_FIELDS,
    ENTRY_TO_CSL,
    LIST_FIELDS,
    NAME_FIELDS,
    WRITE_ORDER,
)
from .names import format_name, parse_name, parse_names, split_names
from .parse import blocks, evaluate, parse_value

__all__ = ["write_records", "canonical_entry_type", "default_field", "field_rank", "list_text", "date_fields"]

_RANK = {name: i for i, name in enumerate(WRITE_ORDER)}
_VAR_FIELD = {var: f for f, var in NAME_FIELDS.items()}
_LIST_FIELD = {var: f for f, var in LIST_FIELDS.items()}
_DATE_FIELD = {var: f for f, var in DATE_FIELDS.items() if f != "date"}
_SINGLE_DEFAULT = {
    "title": "title", "title-short": "shorttitle", "container-title-short": "shortjournal",
    "collection-title": "series", "volume": "volume", "page": "pages", "number-of-pages": "pagetotal",
    "number-of-volumes": "volumes", "edition": "edition", "publisher-place": "address", "DOI": "doi",
    "PMID": "pmid", "PMCID": "pmcid", "abstract": "abstract", "language": "language", "genre": "type",
    "chapter-number": "chapter", "annote": "annote", "version": "version", "event-title": "eventtitle",
    "event-place": "venue", "call-number": "callnumber", "original-title": "origtitle",
}  # fmt: skip
_FIELD_NAME = compile_cached(r"[^\s\"#%'(),={}]+")
_KEY_BAD = compile_cached(r"[\s,{}()=\"#%'\\~]")
_VAR_RANK = {var: i for i, var in enumerate(CSL_ORDER)}  # the order of Record.items()
_NAME_VARS = frozenset(NAME_VARIABLES)
_DATE_VARS = frozenset(DATE_VARIABLES)
_MANY_VARS = _NAME_VARS | _DATE_VARS | frozenset(LIST_VARIABLES)  # the variables that are not single-valued
_by_rank = itemgetter(0)


def field_rank(lname: str) -> int:
    if lname in _RANK:
        return _RANK[lname]
    return len(_RANK) + (0 if lname.startswith("csl-") else 1 if lname.startswith("x-") else 2)


@lru_cache(maxsize=4096)  # field names: few, asked for every field of every entry
def _field_info(name: str) -> tuple[str, str, int]:
    """A field's lower-case name, kind and rank in the written order."""
    lname = name.lower()
    return lname, kind_of(lname), field_rank(lname)


def canonical_entry_type(rec: Record, flavour: str) -> str:
    table = CSL_TO_BIBLATEX if flavour == "biblatex" else CSL_TO_BIBTEX
    if rec.type == "thesis" and flavour != "biblatex" and "master" in str(rec.get("genre", "")).lower():
        return "mastersthesis"
    return table.get(rec.type, "misc")


def _entry_type(rec: Record, flavour: str) -> str:
    hint = rec.keys.get("type", "")
    if hint.startswith("bibtex:") and ENTRY_TO_CSL.get(hint[7:].lower(), "document") == rec.type:
        return hint[7:]
    return canonical_entry_type(rec, flavour)


def default_field(var: str, rec: Record, flavour: str) -> str:
    """The field a single-valued variable is written to when the record gives no hint."""
    return _default_field(var, rec.type, flavour)


@lru_cache(maxsize=4096)
def _default_field(var: str, rtype: str, flavour: str) -> str:
    biblatex = flavour == "biblatex"
    if var == "container-title":
        if rtype in ARTICLE_TYPES:
            return "journaltitle" if biblatex else "journal"
        return "booktitle"
    if var == "issue":
        return "number" if rtype in ARTICLE_TYPES and not biblatex else "issue"
    if var == "number":
        return "eid" if rtype in ARTICLE_TYPES else "number"
    if var == "publisher":
        if rtype == "thesis":
            return "institution" if biblatex else "school"
        if rtype == "report":
            return "institution"
        return "publisher"
    name = _SINGLE_DEFAULT.get(var, "")
    return BIBLATEX_NAMES.get(name, name) if biblatex else name


@lru_cache(maxsize=4096)
def _single_field(var: str, rtype: str, flavour: str) -> str:
    """The default field of a single-valued variable for this writer ("": none, the value is carried)."""
    return _default_field(var, rtype, flavour)


def list_text(var: str, items: list[str]) -> str:
    """A list variable as the text of its field (URL: the first only)."""
    if var == "note":
        return "\n".join(items)
    if var == "URL":
        return items[0]
    return ", ".join(items)


class _Entry:
    """The fields of one entry being written: ``(name, expression)`` pairs with their rank."""

    def __init__(self, rec: Record, ctx: WriteContext, flavour: str, macros: dict[str, str]) -> None:
        self.rec, self.ctx, self.flavour, self.macros = rec, ctx, flavour, macros
        self.ascii = bool(ctx.options.get("ascii"))
        self.fields: list[tuple[int, str, str]] = []  # (rank, name, expression)
        self.names: set[str] = set()

    def add(self, name: str, value: Any) -> None:
        """Add a field from its value (as ``read_field`` gives it), keeping the source's expression when equal."""
        lname, kind, rank = _field_info(name)
        self.keep(name, lname, rank, _render(kind, value, self.ascii))

    def keep(self, name: str, lname: str, rank: int, ours: str, value: Any = None) -> None:
        """Add a field from our expression, or from the source's when it means the same (or reads as ``value``:
        a title the source left without braces keeps them off, where ours would protect its capitals)."""
        keys = self.rec.keys
        if keys:
            hint = keys.get("bibtex-raw:" + lname)
            if hint is not None and hint != ours and self._same(lname, hint, ours, value):
                ours = hint
        self.fields.append((rank, name, ours))
        self.names.add(lname)

    def put(self, name: str, expression: str) -> None:
        lname, _, rank = _field_info(name)
        self.fields.append((rank, name, expression))
        self.names.add(lname)

    def _same(self, lname: str, hint: str, ours: str, value: Any = None) -> bool:
        try:
            a, _ = evaluate(parse_value(hint, 0)[0], self.macros)
            b, _ = evaluate(parse_value(ours, 0)[0], self.macros)
        except ValueError:
            return False
        if lname in LIST_FIELDS:
            var = LIST_FIELDS[lname]
            return split_list(var, read_field(lname, a)) == split_list(var, read_field(lname, b))
        theirs = read_field(lname, a)
        return bool(theirs == read_field(lname, b) or value is not None and theirs == value)

    def carry(self, var: str, text: str, *, encoded: bool = False, what: str = "") -> None:
        """Carry a CSL variable in a ``csl-<variable>`` field (``encoded``: ``text`` is LaTeX already), when
        the conversion is lossless; else it is left out (and counted, as ``what`` when given)."""
        if self.ctx.carry(what or f"CSL {var}", "csl-* fields"):
            self.put("csl-" + var, "{" + text + "}" if encoded else render_field("csl-" + var, text, ascii=self.ascii))


def _field_name(rec: Record, var: str, default: str) -> str:
    hint = rec.keys.get(var, "")
    if hint.startswith("bibtex:") and "," not in hint:
        return hint[7:]
    return default


def _write_names(entry: _Entry, var: str, names: list[Any], truncated: list[str]) -> None:
    rec = entry.rec
    others = var in truncated
    field = _VAR_FIELD.get(var)
    if field is None or (field == "bookauthor" and entry.flavour != "biblatex" and "bookauthor" not in
                         rec.keys.get("bibtex-order", "").lower()):  # fmt: skip
        if not entry.ctx.carry(f"CSL {var}", "csl-* fields"):
            return
        field = "csl-" + var
    else:
        field = _field_name(rec, var, field)
    if others:
        truncated.remove(var)
    text, exact = _names_text(names, entry.ascii)
    lname, kind, rank = _field_info(field)
    if kind == "names":
        entry.keep(field, lname, rank, "{" + text + " and others}" if others else "{" + text + "}")
    else:  # a hint naming a field of another kind
        entry.add(field, (names, others))
    if not exact and entry.ctx.carry(f"{var} name parts BibTeX cannot tell apart", "csl-* fields"):
        entry.put("csl-" + var + "-parts", "{" + _json([n.to_csl() for n in names], entry) + "}")


def _names_text(names: list[Any], ascii: bool) -> tuple[str, bool]:
    """The names as a name field's text, and whether BibTeX reads that text back to the same names."""
    texts = []
    alone = True
    for n in names:
        if type(n) is Name:
            t, ok = _name_alone(n, ascii)
        else:
            t, ok = format_name(n, ascii=ascii), False
        texts.append(t)
        alone = alone and ok
    text = " and ".join(texts)
    if alone:  # each name reads back alone, and nothing in it can join it with its neighbours
        return text, True
    return text, parse_names(text)[0] == names


@lru_cache(maxsize=16384)  # names repeat across a file
def _name_alone(name: Name, ascii: bool) -> tuple[str, bool]:
    """A name's text, and whether it reads back to ``name`` in any name list: it parses back alone and
    has no braces, no white space at its edges and no ``and`` (or ``others``) a list splits at."""
    text = format_name(name, ascii=ascii)
    ok = (
        text != ""
        and "{" not in text
        and "}" not in text
        and text == text.strip()
        and split_names(text) == ([text], False)
        and parse_name(text) == name
    )
    return text, ok


def _json(value: Any, entry: _Entry | None = None) -> str:
    """JSON for a carrier field, written as is: braces inside strings are escaped (``\\u007b``), so the
    field's braces balance and BibTeX, pybtex and bibtexparser read it unchanged."""
    import json  # here: most entries carry nothing in JSON (start-up)

    return _escape_string_braces(json.dumps(value, ensure_ascii=False, sort_keys=True))


def _escape_string_braces(text: str) -> str:
    out, in_str, esc = [], False, False
    for ch in text:
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
            elif ch in "{}":
                out.append("\\u007b" if ch == "{" else "\\u007d")
                continue
        elif ch == '"':
            in_str = True
        out.append(ch)
    return "".join(out)


def _write_date(entry: _Entry, var: str, date: Date) -> None:
    rec = entry.rec
    iso = format_iso(date)
    if var != "issued":
        field = _DATE_FIELD.get(var)
        if iso is not None and field is not None:
            entry.add(field, iso)
        else:
            entry.carry(var, iso if iso is not None else _json(date.to_csl(), entry), encoded=iso is None)
        return
    hint = rec.keys.get("issued", "")
    wanted = hint[7:].split(",") if hint.startswith("bibtex:") else []
    if iso is None:
        if date.to_csl() == {"raw": date.raw} and not re.fullmatch(r"-?\d{1,4}", date.raw.strip()):
            entry.add("year", date.raw)
            return
        entry.carry("issued", _json(date.to_csl(), entry), encoded=True)
        if date.year is not None:
            entry.add("year", str(date.year))
        return
    first = date.parts[0]
    wanted = wanted or date_fields(date, entry.flavour)
    day_fits = len(date.parts) == 1 and "day" in wanted and "month" in wanted
    if (len(date.parts) > 1 or len(first) > 2) and "date" not in wanted and not day_fits:
        wanted.append("date")
    if len(first) > 1 and "date" not in wanted and "month" not in wanted:
        wanted.append("month")
    for part in ("year", "month", "day", "date"):
        if part not in wanted:
            continue
        if part == "year":
            entry.add("year", str(first[0]))
        elif part == "month" and len(first) > 1:
            entry.add("month", int(first[1]))
        elif part == "day" and len(first) > 2:
            entry.add("day", str(first[2]))
        elif part == "date":
            entry.add("date", iso)


def date_fields(date: Date, flavour: str) -> list[str]:
    """The fields a date of parts is written to when the record gives no hint."""
    if flavour == "biblatex":
        return ["date"]
    first = date.parts[0]
    return ["year"] + (["month"] if len(first) > 1 else []) + (["date"] if len(first) > 2 or len(date.parts) > 1
                                                               else [])  # fmt: skip


def _var_key(item: tuple[str, Any]) -> tuple[int, str]:
    return (_VAR_RANK.get(item[0], len(_VAR_RANK)), item[0])


def _items(rec: Record) -> list[tuple[str, Any]]:
    """``rec.items()``, faster when all variables are CSL's (each has a rank of its own then)."""
    fields = rec.fields
    if _VAR_RANK.keys() >= fields.keys():
        return [(var, fields[var]) for var in sorted(fields, key=_VAR_RANK.__getitem__)]
    return sorted(fields.items(), key=_var_key)


def _record_fields(rec: Record, ctx: WriteContext, flavour: str, macros: dict[str, str], etype: str) -> _Entry:
    entry = _Entry(rec, ctx, flavour, macros)
    truncated = list(rec.custom.get("truncated", []))
    if ENTRY_TO_CSL.get(etype.lower(), "document") != rec.type:
        entry.carry("type", rec.type, encoded=re.fullmatch(r"[\w-]+", rec.type) is not None)
    for var, value in _items(rec):
        if var not in _MANY_VARS:
            _write_single(entry, var, value)
        elif var in _NAME_VARS:
            _write_names(entry, var, value, truncated)
        elif var in _DATE_VARS:
            _write_date(entry, var, value)
        else:
            _write_list(entry, var, value)
    if rec.custom:
        custom = dict(rec.custom)
        if truncated:
            custom["truncated"] = truncated
        else:
            custom.pop("truncated", None)
        if custom and entry.ctx.carry(custom_what(custom), "csl-* fields"):  # then (only then) its JSON
            entry.put("csl-custom", "{" + _json(custom) + "}")
    if rec.extra:
        _write_extras(entry)
    return entry


def _write_list(entry: _Entry, var: str, value: list[str]) -> None:
    text = list_text(var, value)
    field = _LIST_FIELD[var]
    entry.add(_field_name(entry.rec, var, field) if entry.rec.keys else field, text)
    if split_list(var, text) != value and entry.ctx.carry(f"CSL {var} list", "csl-* fields"):
        entry.put("csl-" + var, "{" + _json(value, entry) + "}")


def _redundant(rec: Record, var: str, text: str) -> str:
    """What a careful person leaves out of an entry that did not come from BibTeX: a ``shortjournal`` that
    repeats the journal, a database's document type (``Article``, ``Review``) in an article's ``type``, which
    styles print for reports and theses. Counted as left out; ``lossless=True`` writes them."""
    if var == "container-title-short" and text == rec.fields.get("container-title"):
        return "CSL container-title-short (the journal's own title)"
    if var == "genre" and rec.type in ARTICLE_TYPES:
        return "CSL genre of an article (a database's document type)"
    return ""


def _from_bibtex(rec: Record) -> bool:
    return rec.source is not None and rec.source.format in ("bibtex", "biblatex")


def _write_single(entry: _Entry, var: str, value: Any) -> None:
    rec = entry.rec
    text = value if type(value) is str else str(value)
    if var in ("container-title-short", "genre") and not entry.ctx.lossless and not _from_bibtex(rec):
        what = _redundant(rec, var, text)
        if what:
            entry.ctx.omitted(what)
            return
    if var == "PMID" and entry.flavour == "biblatex" and "PMID" not in rec.keys and not _has_eprint(rec):
        target: tuple[str, str, str, int] | None = ("eprint", *_field_info("eprint"))  # biblatex's own
    elif rec.keys:  # the record may name the field (and hold the source's expression)
        field = _single_field(var, rec.type, entry.flavour)
        field = _field_name(rec, var, field) if field else ""
        target = (field, *_field_info(field)) if field else None
    else:
        target = _single_target(var, rec.type, entry.flavour)
    if target is None or target[1] in entry.names:
        entry.carry(var, text)
        return
    field, lname, kind, rank = target
    if lname == "eprint" and var in ("PMID", "PMCID"):  # biblatex's way: eprint + eprinttype
        if "eprinttype" in entry.names:
            entry.carry(var, text)  # one eprint an entry
            return
        entry.add("eprinttype", rec.keys.get("bibtex-eprinttype") or ("pubmed" if var == "PMID" else "pmc"))
    ours = _render(kind, text, entry.ascii)
    if kind == "title" and entry.ctx.lossless and ours != "{" + text + "}" and read_field(lname, ours[1:-1]) != text:
        entry.carry(var, text, what=f"CSL {var} marks")  # braces added for capitals read back as nocase spans
    if rec.keys:
        entry.keep(field, lname, rank, ours, text)
    else:  # no source expression to keep (as keep() does, with one call less for the most common fields)
        entry.fields.append((rank, field, ours))
        entry.names.add(lname)


def _has_eprint(rec: Record) -> bool:
    """The entry has an eprint of its own (an arXiv id): a PMID then goes to ``pmid``."""
    return any(e.format == "bibtex" and e.key.lower() in ("eprint", "eprinttype") for e in rec.extra)


@lru_cache(maxsize=4096)
def _single_target(var: str, rtype: str, flavour: str) -> tuple[str, str, str, int] | None:
    """The default field of a variable, with its :func:`_field_info`."""
    field = _single_field(var, rtype, flavour)
    return (field, *_field_info(field)) if field else None


def _render(kind: str, value: Any, ascii: bool) -> str:
    """``render_field`` for a field of this kind."""
    if kind == "text" and type(value) is str and len(value) <= 64:
        return _render_short(value, ascii)
    return RENDERERS[kind](value, ascii)


@lru_cache(maxsize=16384)  # short plain values (journals, volumes, years, ISSNs) repeat across a file
def _render_short(text: str, ascii: bool) -> str:
    return RENDERERS["text"](text, ascii)


def _write_extras(entry: _Entry) -> None:
    odd = []
    seen: dict[str, int] = {}
    for e in entry.rec.extra:
        if e.format == "bibtex":
            if e.key.startswith("@"):
                continue
            hint = entry.rec.keys.get("bibtex-raw:" + e.key.lower())
            value = str(e.value)
            if hint is not None and entry._same(e.key.lower(), hint, "{" + value + "}"):
                entry.put(e.key, hint)
            elif balanced(value) and isinstance(e.value, str):
                entry.put(e.key, "{" + value + "}")
            else:
                entry.put("x-json-bibtex-" + e.key, "{" + _json(e.value, entry) + "}")
            continue
        if not entry.ctx.carry(f"{e.format} {e.key}", "x-* fields"):
            continue
        if not _FIELD_NAME.fullmatch(e.key):
            odd.append(list(e))
        else:
            is_str = isinstance(e.value, str)
            name = f"x-{e.format}-{e.key}" if is_str else f"x-json-{e.format}-{e.key}"
            seen[name.lower()] = n = seen.get(name.lower(), 0) + 1
            name += f"+{n}" if n > 1 else ""  # BibTeX allows a field once: repeats are numbered
            entry.put(
                name, render_field("x-", e.value, ascii=entry.ascii) if is_str else "{" + _json(e.value, entry) + "}"
            )
    if odd:
        entry.put("x-extras", "{" + _json(odd, entry) + "}")


def _body(entry: _Entry) -> str:
    """The entry's fields, ordered, one a line."""
    if entry.rec.keys.get("bibtex-order"):
        return ",\n  ".join([f"{name} = {value}" for name, value in _ordered(entry)])
    return ",\n  ".join([f"{name} = {value}" for _, name, value in sorted(entry.fields, key=_by_rank)])


def _ordered(entry: _Entry) -> list[tuple[str, str]]:
    hint = entry.rec.keys.get("bibtex-order")
    if not hint:
        return [(name, value) for _, name, value in sorted(entry.fields, key=_by_rank)]
    spelled = {n.lower(): n for n in hint.split(",")}
    pos = {n.lower(): i for i, n in reversed(list(enumerate(hint.split(","))))}
    fields = [(pos.get(n.lower(), len(pos)), rank, spelled.get(n.lower(), n), v) for rank, n, v in entry.fields]
    return [(name, value) for _, _, name, value in sorted(fields, key=itemgetter(0, 1))]


def _key(rec: Record, keys: KeyMaker, ctx: WriteContext) -> str:
    if rec.id and _KEY_BAD.search(rec.id):  # the record's own id is then carried (or left out) as csl-id
        return keys.own(_KEY_BAD.sub("", rec.id) or "key")
    return keys.key_for(rec)


def write_records(records: Iterable[Record], out: TextIO, ctx: WriteContext, flavour: str) -> None:
    keys = ctx.keys
    macros: dict[str, str] = {}
    first = True
    for rec in records:
        ctx.records += 1
        for e in rec.extra:
            if e.format == "bibtex" and e.key.startswith("@") and e.key != "@end":
                _block(out, str(e.value), macros, first)
                first = False
        key = _key(rec, keys, ctx)
        etype = _entry_type(rec, flavour)
        entry = _record_fields(rec, ctx, flavour, macros, etype)
        if rec.id and not keys.stands_for(key, rec.id):  # cleaned of what a key cannot hold
            entry.carry("id", rec.id)
        head = f"@{etype}{{{key}" if first else f"\n@{etype}{{{key}"
        first = False
        out.write(f"{head},\n  {_body(entry)}\n}}\n" if entry.fields else head + "\n}\n")
        for e in rec.extra:
            if e.format == "bibtex" and e.key == "@end":
                _block(out, str(e.value), macros, False)


def _block(out: TextIO, text: str, macros: dict[str, str], first: bool) -> None:
    if not first:
        out.write("\n")
    out.write(text.rstrip("\n") + "\n")
    if "@" in text:
        for b in blocks(text.splitlines(keepends=True)):
            if b.kind == "string":
                for f in b.fields:
                    macros[f.name.lower()] = evaluate(f.pieces, macros)[0]
