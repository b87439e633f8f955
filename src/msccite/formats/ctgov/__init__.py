"""ClinicalTrials.gov registrations, read only: every way the registry has handed out its studies.

- API v2 JSON (``json_v2``): one study ``{"protocolSection": ...}`` (``/api/v2/studies/NCT...``), a list of them
  (the website's "Download → JSON", ``ctg-studies.json``), a page ``{"studies": [...], "nextPageToken": ...}``;
- classic API JSON (``json_classic``, retired 2024): ``{"FullStudiesResponse": {"FullStudies": [{"Rank": 1,
  "Study": {"ProtocolSection": ...}}]}}``;
- legacy XML (``xml_legacy``): ``<clinical_study>``, one a file or several in a wrapper element;
- CSV (``table``): the website's ``ctg-studies.csv`` (``NCT Number,Study Title,Study URL,...``) and the classic
  site's ``SearchResults.csv`` (``Rank,NCT Number,Title,...``); the ``.xlsx`` form arrives as CSV text.

Each study becomes one record in the shape of :mod:`msccite.formats.trials` (a ``report``, the official title, the
lead sponsor as author, the NCT ID as number, the facts in ``custom["trial"]``, status and phases in the website's
words: ``Active, not recruiting``, ``Phase 2``); what that shape has no place for is kept as extras
``Extra("ctgov", key, value)`` (a CSV cell under its header; acronym, design, eligibility, outcomes, arms,
locations, officials, references ... of the JSON and XML variants under readable keys), keywords and condition MeSH
terms as ``keyword``. ``study.make_record`` builds the record, ``map`` holds the vocabularies, the CSV columns and
the keys of the extras as data. ``docs/formats/ctgov.md`` has the field table.

``read`` tells the variant from the first character of the file: ``<`` XML, ``[``/``{`` JSON, else CSV. JSON is
parsed whole (``WHOLE_FILE``), XML and CSV are streamed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ...context import ReadContext
from ...model import Record
from ...textio import LinePiece, join_lines
from ..xmlsafe import leading_tags
from . import json_classic, json_v2, jsonfile, table, xml_legacy

NAME = "ctgov"
ALIASES = ("clinicaltrials.gov", "clinicaltrials", "ct.gov")
EXTENSIONS: tuple[str, ...] = ()  # .json, .xml and .csv belong to others: detection tells them apart by content
DESCRIPTION = "ClinicalTrials.gov registrations (API v2 and classic JSON, legacy XML, CSV download), read only"
WHOLE_FILE = True  # the JSON variants are parsed whole
LINE_PIECES = True  # lines mean nothing in JSON and XML: a long one comes in pieces (put together again for CSV)

__all__ = ["NAME", "ALIASES", "EXTENSIONS", "DESCRIPTION", "detect", "read"]

_V2_KEY = re.compile(r'(?<![\\\w])"protocolSection"\s*:\s*\{')
_CLASSIC_KEY = re.compile(r'(?<![\\\w])"(?:FullStudiesResponse|ProtocolSection)"\s*:\s*[{\[]')
_PAGE = re.compile(r'^\{\s*"studies"\s*:\s*\[')
_EXPECTED = ('ClinicalTrials.gov JSON expected: a study {"protocolSection": ...}, a list of studies, a page '
             '{"studies": [...]} or a classic {"FullStudiesResponse": ...}')  # fmt: skip


# -- detection ------------------------------------------------------------------------------------
def detect(sample: str) -> float:
    text = sample.lstrip("\ufeff \t\r\n")
    if text[:1] in ("{", "["):
        if _V2_KEY.search(text) or _CLASSIC_KEY.search(text):
            return 0.95
        if _PAGE.match(text) and '"nextPageToken"' in text:  # a page of the API with no study in it
            return 0.9
        return 0.0
    if text.startswith("<"):
        tags = [t for t in leading_tags(text, 3) if not t.startswith("!DOCTYPE")]
        if tags[:1] == [xml_legacy.RECORD_TAG] or tags[1:2] == [xml_legacy.RECORD_TAG]:
            return 0.95  # one study, or the first of several in a wrapper element
        if tags and f"<{xml_legacy.RECORD_TAG}>" in text and "<nct_id>" in text:
            return 0.8
        return 0.0
    lines = text.splitlines()
    return table.header_score(lines[0], lines[1] if len(lines) > 1 else "") if lines else 0.0


# -- reading --------------------------------------------------------------------------------------
def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    it = iter(lines)
    skipped: list[str] = []  # blank lines before the content
    first = None
    for line in it:
        if line.strip():
            first = line
            break
        skipped.append(line)
    if first is None:
        return
    rest = _chain(skipped, first, it)
    start = first.lstrip()[:1]
    if start == "<":
        yield from xml_legacy.read(rest, ctx)
    elif start in ("{", "["):
        yield from _read_json(rest, ctx)
    else:
        yield from table.read(rest, ctx, first if type(first) is not LinePiece else first[:65536])


def _chain(skipped: list[str], first: str, rest: Iterator[str]) -> Iterator[str]:
    yield from skipped
    yield first
    yield from rest


def _read_json(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    text = join_lines(lines)
    found, error = jsonfile.entries(text)
    del text
    if error is not None:
        n = len(found)
        kept = (
            f"; the {n} complete entr{'y' if n == 1 else 'ies'} before it {'is' if n == 1 else 'are'} kept" if n else ""
        )
        if isinstance(error, RecursionError):
            ctx.problem(found[-1][1] if found else 1, f"JSON nested too deeply: {_EXPECTED}{kept}")
        else:
            ctx.problem(error.lineno, f"not valid JSON: {error.msg} (column {error.colno}); {_EXPECTED}{kept}")
    for number, (entry, line) in enumerate(found, 1):
        study = entry.get("Study") if isinstance(entry, dict) and isinstance(entry.get("Study"), dict) else entry
        if isinstance(study, dict) and "protocolSection" in study:
            make = json_v2.record
        elif isinstance(study, dict) and "ProtocolSection" in study:
            make = json_classic.record
        else:
            what = _kind(study)
            ctx.problem(line, f"entry {number}: a ClinicalTrials.gov study expected (an object with "
                              f'"protocolSection" or "ProtocolSection"), found {what}; skipped')  # fmt: skip
            continue
        if (rec := ctx.build(line, make, study, line, ctx)) is not None:
            yield rec


def _kind(value: object) -> str:
    """What a JSON value is, in JSON's words (``an object with "Rank", "Title"``)."""
    if isinstance(value, dict):
        keys = ", ".join(f'"{k}"' for k in list(value)[:4]) + (", ..." if len(value) > 4 else "")
        return f"an object with {keys}" if value else "an empty object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    return "true or false" if isinstance(value, bool) else "a number"
