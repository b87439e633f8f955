"""The BibTeX and BibLaTeX writers: one field per line, two-space indent, braced values, UTF-8.

Each CSL variable goes to its field (``docs/formats/bibtex.md`` has the table); what BibTeX has
no field for is carried so that reading the file back gives the same record: CSL variables in
``csl-<variable>`` fields, extras of other formats in ``x-<format>-<key>`` fields, CSL ``custom``
in ``csl-custom``. A record read from BibTeX keeps its entry type, field names, field order and
value expressions (macros, ``{Phase III}``) as far as its values have not changed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

from ..citekey import KeyMaker
from ..context import WriteContext
from ..latex import balanced
from ..model import DATE_VARIABLES, LIST_VARIABLES, NAME_VARIABLES, Date, Record
from .bibtex_fields import format_iso, read_field, render_field, split_list
from .bibtex_map import (
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
from .bibtex_names import format_names, parse_names
from .bibtex_parse import blocks, evaluate, parse_value

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
_FIELD_NAME = re.compile(r"[^\s\"#%'(),={}]+")
_KEY_BAD = re.compile(r"[\s,{}()=\"#%'\\~]")


def field_rank(lname: str) -> int:
    if lname in _RANK:
        return _RANK[lname]
    return len(_RANK) + (0 if lname.startswith("csl-") else 1 if lname.startswith("x-") else 2)


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
    biblatex = flavour == "biblatex"
    if var == "container-title":
        if rec.type in ARTICLE_TYPES:
            return "journaltitle" if biblatex else "journal"
        return "booktitle"
    if var == "issue":
        return "number" if rec.type in ARTICLE_TYPES and not biblatex else "issue"
    if var == "number":
        return "number"
    if var == "publisher":
        if rec.type == "thesis":
            return "institution" if biblatex else "school"
        if rec.type == "report":
            return "institution"
        return "publisher"
    name = _SINGLE_DEFAULT.get(var, "")
    return BIBLATEX_NAMES.get(name, name) if biblatex else name


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
        self.fields: list[tuple[str, str]] = []
        self.names: set[str] = set()

    def add(self, name: str, value: Any) -> None:
        """Add a field from its value (as ``read_field`` gives it), keeping the source's expression when equal."""
        lname = name.lower()
        ours = render_field(lname, value, ascii=self.ascii)
        hint = self.rec.keys.get("bibtex-raw:" + lname)
        if hint is not None and hint != ours and self._same(lname, hint, ours):
            ours = hint
        self.put(name, ours)

    def put(self, name: str, expression: str) -> None:
        self.fields.append((name, expression))
        self.names.add(name.lower())

    def _same(self, lname: str, hint: str, ours: str) -> bool:
        try:
            a, _ = evaluate(parse_value(hint, 0)[0], self.macros)
            b, _ = evaluate(parse_value(ours, 0)[0], self.macros)
        except ValueError:
            return False
        if lname in LIST_FIELDS:
            var = LIST_FIELDS[lname]
            return split_list(var, read_field(lname, a)) == split_list(var, read_field(lname, b))
        return bool(read_field(lname, a) == read_field(lname, b))

    def carry(self, var: str, text: str, *, encoded: bool = False) -> None:
        """Carry a CSL variable in a ``csl-<variable>`` field (``encoded``: ``text`` is LaTeX already)."""
        self.ctx.carried(f"CSL {var}", "csl-* fields")
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
        entry.ctx.carried(f"CSL {var}", "csl-* fields")
        entry.add("csl-" + var, (names, others))
    else:
        entry.add(_field_name(rec, var, field), (names, others))
    if others:
        truncated.remove(var)
    text = format_names(names, ascii=entry.ascii)
    if parse_names(text)[0] != names:
        entry.ctx.carried(f"{var} name parts BibTeX cannot tell apart", "csl-* fields")
        entry.put("csl-" + var + "-parts", "{" + _json([n.to_csl() for n in names], entry) + "}")


def _json(value: Any, entry: _Entry | None = None) -> str:
    """JSON for a carrier field, written as is: braces inside strings are escaped (``\\u007b``), so the
    field's braces balance and BibTeX, pybtex and bibtexparser read it unchanged."""
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


def _record_fields(rec: Record, ctx: WriteContext, flavour: str, macros: dict[str, str]) -> _Entry:
    entry = _Entry(rec, ctx, flavour, macros)
    truncated = list(rec.custom.get("truncated", []))
    etype = _entry_type(rec, flavour)
    if ENTRY_TO_CSL.get(etype.lower(), "document") != rec.type:
        entry.carry("type", rec.type, encoded=re.fullmatch(r"[\w-]+", rec.type) is not None)
    for var, value in rec.items():
        if var in NAME_VARIABLES:
            _write_names(entry, var, value, truncated)
        elif var in DATE_VARIABLES:
            _write_date(entry, var, value)
        elif var in LIST_VARIABLES:
            field = _LIST_FIELD[var]
            text = list_text(var, value)
            entry.add(_field_name(rec, var, field), text)
            if split_list(var, text) != value:
                entry.ctx.carried(f"CSL {var} list", "csl-* fields")
                entry.put("csl-" + var, "{" + _json(value, entry) + "}")
        else:
            field = default_field(var, rec, flavour)
            if rec.type in ARTICLE_TYPES and var == "number" and flavour != "biblatex":
                field = ""
            field = _field_name(rec, var, field) if field else ""
            if not field or field.lower() in entry.names:
                entry.carry(var, str(value))
            else:
                entry.add(field, str(value))
    custom = dict(rec.custom)
    if truncated:
        custom["truncated"] = truncated
    else:
        custom.pop("truncated", None)
    if custom:
        entry.carry("custom", _json(custom), encoded=True)
    _write_extras(entry)
    return entry


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
        entry.ctx.carried(f"{e.format} {e.key}", "x-* fields")
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


def _ordered(entry: _Entry) -> list[tuple[str, str]]:
    hint = entry.rec.keys.get("bibtex-order")
    if not hint:
        return sorted(entry.fields, key=lambda f: field_rank(f[0].lower()))
    spelled = {n.lower(): n for n in hint.split(",")}
    pos = {n.lower(): i for i, n in reversed(list(enumerate(hint.split(","))))}
    fields = [(spelled.get(n.lower(), n), v) for n, v in entry.fields]
    return sorted(fields, key=lambda f: (pos.get(f[0].lower(), len(pos)), field_rank(f[0].lower())))


def _key(rec: Record, keys: KeyMaker, ctx: WriteContext) -> str:
    key = keys.key_for(rec)
    if _KEY_BAD.search(key):
        ctx.carried("citation key with characters BibTeX keys cannot hold", "csl-id")
        clean = _KEY_BAD.sub("", key) or "key"
        return clean
    return key


def write_records(records: Iterable[Record], out: TextIO, ctx: WriteContext, flavour: str) -> None:
    keys = KeyMaker()
    macros: dict[str, str] = {}
    first = True
    for rec in records:
        ctx.records += 1
        for e in rec.extra:
            if e.format == "bibtex" and e.key.startswith("@") and e.key != "@end":
                _block(out, str(e.value), macros, first)
                first = False
        key = _key(rec, keys, ctx)
        entry = _record_fields(rec, ctx, flavour, macros)
        if key != rec.id and rec.id:
            entry.carry("id", rec.id)
        fields = _ordered(entry)
        if not first:
            out.write("\n")
        first = False
        body = ",\n".join(f"  {name} = {value}" for name, value in fields)
        etype = _entry_type(rec, flavour)
        out.write(f"@{etype}{{{key},\n{body}\n}}\n" if body else f"@{etype}{{{key}\n}}\n")
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
