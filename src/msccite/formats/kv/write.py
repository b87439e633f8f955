"""The key | value writer: one ``key | value |`` line per value, ``csl:`` and ``format:`` keys for the rest."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

from ...context import WriteContext
from ...model import DATE_SET, LIST_VARIABLES, NAME_SET, Name, Record, small_int
from ..carriers import custom_what, parse_name
from .map import FORMAT_TYPES, WRITE_FIELD
from .read import _CARRIER_KEY, NAME, _joined, identifiers_from_urls

_FIELD_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.@-]*|[^|:]{1,59}:")  # what the writer writes as an own key


def _cell(key: str, value: Any) -> str:
    if not isinstance(value, str) or value != value.strip() or any(ln.rstrip().endswith("|") or not ln.strip()
                                                                    for ln in value.split("\n")):  # fmt: skip
        return f"{key}=json | {json.dumps(value, ensure_ascii=False)} |"
    if "\n" in value:
        return f"{key} |\n{value}\n|"
    return f"{key} | {value} |"


def _names_exact(names: list[Name]) -> bool:
    """One ``Family, Given`` line per name reads back as these names (a lone name must not look joined)."""
    if len(names) == 1 and _joined(names[0].inverted()):
        return False
    return all(parse_name(n.inverted()) == n and (not n.literal or "," not in n.literal) for n in names)


def _record_rows(rec: Record, ctx: WriteContext) -> list[str]:
    rows: list[str] = []
    fmt = " ".join(str(e.value) for e in rec.extra if e.format == NAME and e.key == "format")
    if next((t for word, t in FORMAT_TYPES if word in fmt), "document") != rec.type:
        rows.append(_cell("csl:type", rec.type))
    if rec.id is not None:
        rows.append(_cell("csl:id", rec.id))
    for var, value in rec.items():
        field = WRITE_FIELD.get(var)
        if var in NAME_SET:
            if field and _names_exact(value):
                rows.extend(_cell(field, n.inverted()) for n in value)
            elif ctx.carry(f"CSL {var}", "csl: keys"):
                rows.append(_cell(f"csl:{var}", [n.to_csl() for n in value]))
        elif var in DATE_SET:
            parts = [x if type(x) is int else small_int(str(x)) for x in value.parts[0]] if value.parts else []
            if field and len(value.parts) == 1 and not value.raw and value.season is None and value.circa is None \
                    and not value.literal and None not in parts:  # fmt: skip
                rows.append(_cell(field, "-".join(f"{x:02d}" if i else str(x) for i, x in enumerate(parts))))
            elif ctx.carry(f"CSL {var}", "csl: keys"):
                rows.append(_cell(f"csl:{var}", value.to_csl()))
        elif var in LIST_VARIABLES:
            key = field or f"csl:{var}"
            splits = var in ("URL", "ISSN")
            for v in value:
                rows.append(_cell(f"csl:{var}" if splits and (" " in v or not v) else key, v))
        elif field and not (var == "title-short" and value == rec.get("title")):
            rows.append(_cell(field, value))
        elif not _from_urls(rec, var, value) and ctx.carry(f"CSL {var}", "csl: keys"):
            rows.append(_cell(f"csl:{var}", value))
    if rec.custom and ctx.carry(custom_what(rec.custom), "csl: keys"):
        rows.append(_cell("csl:custom", rec.custom))
    for e in rec.extra:
        if e.format == NAME and _FIELD_KEY.fullmatch(e.key):
            rows.append(_cell(e.key, e.value))
        elif _CARRIER_KEY.fullmatch(f"{e.format}:{e.key}") and "=" not in e.key:
            if ctx.carry(f"{e.format} {e.key}", "format: keys", own=e.format == NAME):
                rows.append(_cell(f"{e.format}:{e.key}", e.value))
        else:
            ctx.dropped(f"{e.format} {e.key!r} (a key no kv line can name)")
    return rows


def _from_urls(rec: Record, var: str, value: str) -> bool:
    """The identifier will be read back from the record's URLs: no key of its own needed."""
    probe = Record(URL=rec.get("URL", []))
    identifiers_from_urls(probe)
    return probe.get(var) == value


def write(records: Iterable[Record], out: TextIO, ctx: WriteContext) -> None:
    """One table per record: ``key | value |`` lines, a ``---|---|`` line after the first, a blank line between."""
    first = True
    for rec in records:
        ctx.records += 1
        rows = _record_rows(rec, ctx) or [_cell("csl:type", rec.type)]
        if not first:
            out.write("\n")
        first = False
        out.write(rows[0] + "\n---|---|\n")
        for row in rows[1:]:
            out.write(row + "\n")
