"""The CSV downloads of ClinicalTrials.gov: the website's ``ctg-studies.csv`` and the classic site's
``SearchResults.csv``; the same tables saved as ``.xlsx`` reach this reader as CSV text.

``ctg-studies.csv``: ``NCT Number,Study Title,Study URL,...``, 29 default columns, 30 with ``Brief Summary``, or the
few the user picked; values API-style (``COMPLETED``, ``PHASE1|PHASE2``, ``DRUG: name``), dates ISO, lists joined
with ``|``. ``SearchResults.csv``: ``Rank,NCT Number,Title,...,URL``, values in words (``Completed``,
``Phase 1|Phase 2``, ``Drug: name``), dates in words, the lead sponsor first in ``Sponsor/Collaborators``.
The columns, and what each gives, are :data:`msccite.formats.ctgov.map.CSV_COLUMNS`.

Nothing is dropped: every non-empty cell of a column the record has no place for (``Sex``, ``Study Design``,
``Locations``, a column no download has ...) is kept as it is written, an extra ``Extra("ctgov", header, cell)``, in
the order of the columns; so are the ``Other IDs`` that are no registration numbers (one extra each), a cell of a
column given twice (the first one counts), ``First Received`` beside ``First Posted``, a study URL that names no
NCT ID or another one than the row's, and the cells of a row longer than the header (under ``column N``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from ...context import ReadContext
from ...model import Extra, Record
from ...normalization.identifiers import find_trial_ids
from ...textio import LinePiece
from ..tables.parse import cell_value, iter_rows, sniff_delimiter
from . import map as vocab
from .study import Study, make_record, nct_in

__all__ = ["read", "header_score", "whole_lines"]

LIST_SEPARATOR = "|"


def header_score(header: str, next_line: str = "") -> float:
    """How sure the header line ``header`` is one of ClinicalTrials.gov's CSV downloads (0..1)."""
    try:
        cells = [c.strip() for c in next(csv.reader([header], delimiter=sniff_delimiter(header)))]
    except (csv.Error, StopIteration):
        return 0.0
    while cells and not cells[-1]:
        cells.pop()  # a trailing delimiter
    if not cells:
        return 0.0
    known = [c for c in cells if c in vocab.CSV_COLUMNS]
    if len(known) == len(cells):
        if len(cells) == 1:  # a download of one column: NCT numbers under their header
            return 0.9 if cells == ["NCT Number"] and next_line.strip()[:3].upper() == "NCT" else 0.0
        if "NCT Number" in cells or len(cells) >= 4 and any(c in vocab.CSV_DISTINCTIVE for c in cells):
            return 0.95
        if any(c in vocab.CSV_DISTINCTIVE for c in cells):
            return 0.9
        return 0.85 if "Conditions" in cells or "Interventions" in cells else 0.0  # ("Sex,Age" is any table)
    if "NCT Number" in cells and len(cells) >= 3 and len(known) >= 0.75 * len(cells):
        return 0.8  # a column added or renamed by hand
    return 0.0


def whole_lines(lines: Iterable[str]) -> Iterator[str]:
    """The lines, the pieces of a long one (:class:`LinePiece`) put back together (CSV needs whole lines)."""
    pieces: list[str] = []
    for line in lines:
        if type(line) is LinePiece:
            pieces.append(line)
        elif pieces:
            pieces.append(line)
            yield "".join(pieces)
            pieces = []
        else:
            yield line
    if pieces:
        yield "".join(pieces)


def read(lines: Iterable[str], ctx: ReadContext, header: str) -> Iterator[Record]:
    """The rows after the header; ``lines`` start with the header line (blank lines before it are counted)."""
    rows = iter_rows(whole_lines(lines), sniff_delimiter(header), ctx.first_line)
    try:
        first = next(rows, None)
        if first is None:
            return
        head_line, names = first
        columns = [(i, name.strip() or f"column {i + 1}", vocab.CSV_COLUMNS.get(name.strip()))
                   for i, name in enumerate(names)]  # fmt: skip
        if not any(role in ("nct", "url", "short_title") for _, _, role in columns):
            shown = ", ".join(_short(n) for n in names[:6]) + (", ..." if len(names) > 6 else "")
            ctx.problem(head_line, "a ClinicalTrials.gov CSV header expected (NCT Number, Study Title, Study URL ... "
                                   f"or Rank, NCT Number, Title ...), found: {shown}; nothing read")  # fmt: skip
            return
        unknown = [n.strip() for n in names if n.strip() and n.strip() not in vocab.CSV_COLUMNS]
        if unknown:
            shown = ", ".join(_short(n) for n in unknown[:10]) + (", ..." if len(unknown) > 10 else "")
            ctx.warn(head_line, f"column(s) not of a ClinicalTrials.gov download, kept as extras: {shown}")
        width = len(names)
        for line, cells in rows:
            if len(cells) != width:
                ctx.warn(line, f"the row has {len(cells)} cells, the header {width}: read by position")
            if (rec := ctx.build(line, record, cells, columns, line, ctx)) is not None:
                yield rec
    except csv.Error as exc:
        text = str(exc)
        where = int(text[5 : text.index(":")]) if text.startswith("line ") and ":" in text else None
        ctx.problem(where, f"CSV expected: {text.partition(': ')[2] or text}; the rest of the input is not read")


def _short(name: str) -> str:
    name = name.strip()
    return name if len(name) <= 60 else name[:57] + "..."


_SCALARS = frozenset({"nct", "short_title", "url", "sponsor", "summary", "registered", "status", "enrollment", "start",
                      "completion"})  # fmt: skip


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(LIST_SEPARATOR) if v.strip()]


def _intervention(value: str) -> str:
    kind, sep, name = value.partition(":")
    if sep and vocab.enum_key(kind) in vocab.INTERVENTION_TYPE:
        return vocab.intervention(kind, name)
    return value.strip()


def _not_registrations(values: list[str]) -> list[str]:
    return [v for v in values if not find_trial_ids(v)]


def record(cells: list[str], columns: list[tuple[int, str, str | None]], line: int, ctx: ReadContext) -> Record:
    """The row's record. ``columns``: ``(index, header, role)`` of each column of the header (role None: kept as
    an extra)."""
    study = Study()
    fallback: tuple[int, str, str] | None = None
    url_at: tuple[int, str, str] | None = None
    kept: list[tuple[int, str, str]] = []  # (column, header, text): the extras, put in column order at the end
    seen: set[str] = set()
    for i, header, role in columns:
        raw = cells[i].strip() if i < len(cells) else ""
        if not raw:
            continue
        value = cell_value(raw)
        if role is None or role in seen:  # no place for it (a cell "NA" too, as written); a column given twice
            kept.append((i, header, value or raw))
            continue
        if not value:  # "NA", "N/A": no value (Phases "NA": no phase)
            continue
        seen.add(role)
        if role == "url":
            url_at = (i, header, value)
        if role in _SCALARS:
            setattr(study, role, value)
        elif role == "conditions":
            study.conditions = _split(value)
        elif role == "interventions":
            study.interventions = [_intervention(v) for v in _split(value)]
        elif role == "collaborators":
            study.collaborators = _split(value)
        elif role == "sponsor_collaborators":
            names = _split(value)
            study.sponsor, study.collaborators = (names[0], names[1:]) if names else ("", [])
        elif role == "phases":
            study.phases = _split(value)
        elif role == "other_ids":
            study.secondary_ids = _split(value)
            kept.extend((i, header, v) for v in _not_registrations(study.secondary_ids))
        elif role == "registered_fallback":
            fallback = (i, header, value)
    if fallback is not None:
        if study.registered:
            kept.append(fallback)  # First Posted is the date; First Received is kept beside it
        else:
            study.registered = fallback[2]
    kept.extend((len(columns) + j, f"column {len(columns) + j + 1}", c.strip())
                for j, c in enumerate(cells[len(columns):]) if c.strip())  # fmt: skip
    rec = make_record(study, line, ctx)
    if url_at is not None and url_at[2] not in rec.get("URL", []) and nct_in(url_at[2]) != rec.get("number", ""):
        kept.append(url_at)  # no NCT ID in it, or another one than the row's
    kept.sort(key=lambda k: k[0])
    rec.extra.extend(Extra(vocab.FORMAT, header, value) for _, header, value in kept)
    return rec
