"""Writing records as a table: one row a record, the columns screening tools read.

Columns, in this order, each only when some record has a value for it:

- ``id``, ``type`` (the CSL type), ``title``, ``abstract``, ``authors``, ``year``, ``journal``, ``volume``,
  ``issue``, ``pages``, ``doi``, ``pmid``, ``pmcid``, ``url``, ``keywords``, ``issn``, ``isbn``, ``publisher``,
  ``language``: the names ASReview, Rayyan and Covidence look for;
- ``date``: the full ``issued`` date (``2019-05-03``), when a record has more than the year;
- every other CSL variable, under its CSL name (``title-short``, ``editor``, ``number`` ...);
- a registration's facts (``trial status``, ``trial phase`` ...) and ``trial registrations``;
- the extras read from a table (its columns no map names), under their header;
- with ``lossless``, ``msccite:carried``: what no column holds (other formats' extras, the rest of ``custom``).

Names are ``Family, Given`` (a body in braces when it would read back as a person), lists joined by ``; ``
(written as a JSON list when an item holds ``;``). A text cell a spreadsheet would run as a formula gets a
leading ``'`` (read back without it). The column set depends on all the records: they are held in memory.
"""

from __future__ import annotations

import csv
import heapq
import json
from collections.abc import Iterable
from functools import cache
from typing import IO, Any

from ...context import WriteContext
from ...model import CSL_ORDER, DATE_SET, LIST_VARIABLES, NAME_SET, Date, Name, Record
from ...names import parse_name
from ...normalization.identifiers import TRIALS_KEY
from ..carriers import carried, exact_date, format_date
from ..trials import TRIAL_FIELDS, TRIAL_KEY
from .build import CARRIED_COLUMN, EXTRA_FORMAT, generic_spec, read_name, read_names
from .parse import safe_cell

__all__ = ["CORE", "rows", "write"]

#: msccite's first columns: header → CSL variable (``year`` is the issued year).
CORE: dict[str, str] = {
    "id": "id", "type": "type", "title": "title", "abstract": "abstract", "authors": "author", "year": "issued",
    "journal": "container-title", "volume": "volume", "issue": "issue", "pages": "page", "doi": "DOI",
    "pmid": "PMID", "pmcid": "PMCID", "url": "URL", "keywords": "keyword", "issn": "ISSN", "isbn": "ISBN",
    "publisher": "publisher", "language": "language",
}  # fmt: skip
_CORE_VARS = frozenset(CORE.values())
_OTHER_VARS = [v for v in CSL_ORDER if v not in _CORE_VARS]
_LIST_SEP = "; "


def _name(n: Name) -> str | None:
    """A name as its cell writes it (``Family, Given``), marked where that would read back otherwise
    (``{Body}``, ``{de Sousa Junior}, Rafael``); None when no text form holds it."""
    if n.literal:
        text = n.literal if parse_name(n.literal, "family-first") == n else "{" + n.literal + "}"
    else:
        text = n.inverted()
        if read_name(text) != n and not n.non_dropping_particle and not n.dropping_particle:
            text = "{" + n.family + "}, " + n.given + (", " + n.suffix if n.suffix else "")
    return text if read_name(text) == n and "; " not in text else None


def _names(names: list[Name]) -> str:
    """The names of a cell, ``; `` between them; a JSON list of texts when the cell would split otherwise (one
    ``van A, A. A.`` reads as two Vancouver names), of CSL names when no text form holds one."""
    texts = [_name(n) for n in names]
    if any(t is None for t in texts):
        return json.dumps([n.to_csl() for n in names], ensure_ascii=False)
    cell = _joined(texts)  # type: ignore[arg-type]
    if read_names(cell, "auto", "family-first") != names:
        cell = json.dumps(texts, ensure_ascii=False)
    return cell


def _joined(items: list[str], split_on_space: bool = False) -> str:
    """Items joined by ``; ``, or a JSON list when the join would not read back as these items."""
    if any(";" in s or s.startswith("[") or s != s.strip() or not s or split_on_space and " " in s for s in items):
        return json.dumps(items, ensure_ascii=False)
    return _LIST_SEP.join(items)


def _date(d: Date) -> str:
    """``2019``, ``2019-05``, ``2019-05-03``; a date that form cannot hold (a range, a season, circa) as CSL-JSON."""
    if not exact_date(d):
        return json.dumps(d.to_csl(), ensure_ascii=False)
    text = format_date(d)
    if d.parts and len(d.parts) == 1 and not d.raw and text.endswith("/"):
        return "-".join(p for p in text.rstrip("/").split("/") if p)
    return text


def _value(var: str, value: Any) -> str:
    if var in NAME_SET:
        return _names(value)
    if var in DATE_SET:
        return _date(value)
    if var in LIST_VARIABLES:
        if var == "note":  # one note as it is; several as a JSON list (a note may hold line ends and ";")
            one = len(value) == 1 and not value[0].startswith('["')
            return value[0] if one else json.dumps(value, ensure_ascii=False)
        return _joined([str(v) for v in value], var in ("URL", "ISSN", "ISBN"))
    return str(value)


def _numbered(rec: Record) -> list[tuple[str, int]]:
    """The keys of a record's table extras, each with its occurrence (a table may repeat a column: ``Note``,
    ``Note``)."""
    seen: dict[str, int] = {}
    out = []
    for e in rec.extra:
        if e.format == EXTRA_FORMAT and isinstance(e.value, str):
            seen[e.key] = seen.get(e.key, 0) + 1
            out.append((e.key, seen[e.key]))
    return out


def _header(records: list[Record], lossless: bool, ctx: WriteContext) -> tuple[list[str], list[tuple[str, int]]]:
    """The columns (headers) and the extras' keys with their occurrence, in the order of the module's docstring."""
    present: set[str] = set()
    sequences: list[list[tuple[str, int]]] = []
    facts: set[str] = set()
    dated = registered = False
    for rec in records:
        present.update(rec.fields)
        if rec.id is not None:
            present.add("id")
        issued = rec.fields.get("issued")
        if issued is not None and (not issued.parts or len(issued.parts) > 1 or len(issued.parts[0]) > 1 or issued.raw):
            dated = True
        facts.update(rec.custom.get(TRIAL_KEY, {}) if isinstance(rec.custom.get(TRIAL_KEY), dict) else ())
        registered = registered or bool(rec.custom.get(TRIALS_KEY))
        sequences.append(_numbered(rec))
    headers = [h for h, var in CORE.items() if var in present or var == "type" or var == "title"]
    if dated:
        headers.append("date")
    headers.extend(_column(v) for v in _OTHER_VARS if v in present)
    headers.extend(f"trial {f}" for f in TRIAL_FIELDS if f in facts)
    if registered:
        headers.append("trial registrations")
    keys = _merge_order(sequences)
    headers.extend(extra_header(k) for k, _ in keys)
    if lossless:
        headers.append(CARRIED_COLUMN)
    return headers, keys


def rows(records: Iterable[Record], ctx: WriteContext) -> Iterable[list[str]]:
    """The header, then one row a record: the cells as text, before any spreadsheet escaping."""
    recs = list(records)
    headers, keys = _header(recs, ctx.lossless, ctx)
    yield headers
    index = {h: i for i, h in enumerate(headers[: len(headers) - len(keys) - ctx.lossless])}
    if ctx.lossless:
        index[CARRIED_COLUMN] = len(headers) - 1
    at = {k: i for i, k in enumerate(keys, len(index) - ctx.lossless)}  # (key, occurrence) -> column
    for rec in recs:
        row = [""] * len(headers)
        if rec.id is not None:
            row[index["id"]] = rec.id
        row[index["type"]] = rec.type
        for var, value in rec.items():
            if var == "issued" and "date" in index and (value.raw or not value.parts or len(value.parts) > 1
                                                        or len(value.parts[0]) > 1):  # fmt: skip
                row[index["date"]] = _date(value)
                if value.year is not None:
                    row[index["year"]] = str(value.year)
                continue
            column = _column(var)
            row[index[column]] = _value(var, value)
        facts = rec.custom.get(TRIAL_KEY)
        if isinstance(facts, dict):
            for f, v in facts.items():
                if f"trial {f}" in index:
                    row[index[f"trial {f}"]] = _joined([str(x) for x in v]) if isinstance(v, list) else str(v)
        if rec.custom.get(TRIALS_KEY):
            row[index["trial registrations"]] = _joined([str(x) for x in rec.custom[TRIALS_KEY]])
        own = [e for e in rec.extra if e.format == EXTRA_FORMAT and isinstance(e.value, str)]
        for e, k in zip(own, _numbered(rec), strict=True):
            row[at[k]] = e.value
        notes = list(_carried(rec, ctx))
        if notes:
            row[index[CARRIED_COLUMN]] = json.dumps(notes, ensure_ascii=False) if any("\n" in n for n in notes) \
                else "\n".join(notes)  # fmt: skip
        ctx.records += 1
        yield row


def _merge_order(sequences: list[list[tuple[str, int]]]) -> list[tuple[str, int]]:
    """One order of the keys of all ``sequences`` (each record's extras, in its order) that keeps every record's
    order where the records agree (a topological order of "comes right after" links; ties and conflicts go to
    the key seen first), so that each record's extras come back in their order when its table is read again."""
    first: dict[tuple[str, int], int] = {}
    after: dict[tuple[str, int], set[tuple[str, int]]] = {}
    before_count: dict[tuple[str, int], int] = {}
    for keys in sequences:
        for k in keys:
            if k not in first:
                first[k] = len(first)
                after[k], before_count[k] = set(), 0
        for a, b in zip(keys, keys[1:], strict=False):
            if a != b and b not in after[a]:
                after[a].add(b)
                before_count[b] += 1
    ready = [(first[k], k) for k, n in before_count.items() if n == 0]
    heapq.heapify(ready)
    out: list[tuple[str, int]] = []
    done: set[tuple[str, int]] = set()
    while len(out) < len(first):
        if not ready:  # a cycle (records disagree): the earliest key left goes next
            k = min((k for k in first if k not in done), key=first.__getitem__)
            before_count[k] = 0
            heapq.heappush(ready, (first[k], k))
        _, k = heapq.heappop(ready)
        if k in done:
            continue
        done.add(k)
        out.append(k)
        for b in after[k]:
            before_count[b] -= 1
            if before_count[b] == 0 and b not in done:
                heapq.heappush(ready, (first[b], b))
    return out


def extra_header(key: str) -> str:
    """The header of a table's extra: its own, or ``csv:`` and its own when the generic map would read that header as
    a field (Scopus's ``Source``, ``Document Type``, ``References``)."""
    if key.startswith("csv:") or generic_spec(key) != "-":
        return "csv:" + key
    return key


@cache
def _column(var: str) -> str:
    """The header of a CSL variable: msccite's core name, or the variable's own name, or ``csl:`` and its name when
    the generic map would read that name as another field (``source`` is a journal in ASReview's tables)."""
    for header, v in CORE.items():
        if v == var:
            return header
    return var if generic_spec(var) == var else "csl:" + var


def _carried(rec: Record, ctx: WriteContext) -> Iterable[str]:
    """The carrier notes of what no column holds: other formats' extras, a table extra that is no text, and the
    rest of ``custom`` (all but a registration's facts and numbers, which have their columns)."""
    rest = rec.copy()
    rest.custom = {k: v for k, v in rec.custom.items()
                   if not (k == TRIALS_KEY or k == TRIAL_KEY and isinstance(v, dict))}  # fmt: skip
    rest.extra = [e for e in rec.extra if not (e.format == EXTRA_FORMAT and isinstance(e.value, str))]
    return carried(rest, lambda var: True, "", ctx, CARRIED_COLUMN)  # no format's extras are "own" here


def write(records: Iterable[Record], out: IO[str], ctx: WriteContext, *, delimiter: str = ",") -> None:
    """The records as CSV (or, with ``delimiter="\\t"``, TSV): quoted where needed, ``\\n`` line ends."""
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    for row in rows(records, ctx):
        writer.writerow([safe_cell(c) for c in row])
