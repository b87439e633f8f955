"""Tables: CSV (and TSV, XLSX) exports of databases and screening tools, read and written.

Reader: the header names the source (Scopus, Web of Science tab-delimited, PubMed, Embase, Ovid, Lens, OpenAlex,
Zotero, or any table whose header names its fields); one map a source turns the columns into the record's fields
(``maps/``, data); a row with more cells than the header is read by the header, the rest kept; R's ``NA`` and
empty cells are no value. Writer: one row a record, the columns ASReview and Rayyan read, lists joined by ``; ``
(``write.py``). See ``docs/formats/tables.md``.
"""

from __future__ import annotations

import csv

from . import maps
from .maps import embase
from .parse import sniff_delimiter
from .read import read
from .write import write

__all__ = ["NAME", "EXTENSIONS", "DESCRIPTION", "detect", "read", "write"]

NAME = "csv"
ALIASES = ("table",)
EXTENSIONS = (".csv",)
DESCRIPTION = "CSV tables: Scopus, Web of Science (tab-delimited), PubMed, Embase, Ovid, Lens, OpenAlex, Zotero, " \
              "screening tools (ASReview, Rayyan), any table whose header names its fields"  # fmt: skip


def detect(sample: str) -> float:
    """0.9 for the header of a known source (or Embase's rows layout), 0.5 for a header naming a title column and
    at least one other known field, else 0."""
    text = sample.lstrip("\ufeff\r\n")
    header = text.split("\n", 1)[0]
    if len(header) > 20_000 or not header.strip():
        return 0.0
    delimiter = sniff_delimiter(header)
    try:
        cells = next(csv.reader([header], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return 0.0
    if cells and cells[0].strip() in embase.ROW_FIELDS and cells[0].strip().isupper() and len(cells) >= 2:
        return 0.9  # Embase's fields-in-rows layout: "TITLE","A title" (or another field of the selection first)
    if len(cells) < 2:
        return 0.0
    source = maps.find(cells)
    if source is not None and source.NAME != "generic":
        return 0.9
    known = {maps.key(h) for h in maps.generic.COLUMNS}
    keys = [maps.key(c) for c in cells]
    if any(k in ("title", "primary_title", "article title") for k in keys) and sum(k in known for k in keys) >= 2:
        return 0.5
    return 0.0
