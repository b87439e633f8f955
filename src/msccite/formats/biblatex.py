"""BibLaTeX: BibTeX's syntax with BibLaTeX's entry types and fields (``journaltitle``, ``date``, ``location``).

Read by the BibTeX reader (which knows both field sets); written with BibLaTeX's names
(``-t biblatex``). Detection says ``biblatex`` when a file uses fields only BibLaTeX has.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TextIO

from ..context import ReadContext, WriteContext
from ..model import Record
from . import bibtex
from .bibtex.write import write_records

NAME = "biblatex"
EXTENSIONS: tuple[str, ...] = ()  # .bib is BibTeX's: for_path picks bibtex, -t biblatex asks for this one
RICH_TEXT = True  # as BibTeX
READ_OPTIONS = bibtex.READ_OPTIONS  # read by the BibTeX reader
DESCRIPTION = "BibLaTeX (biber): journaltitle, date, location, online/dataset/software entries"

_BIBLATEX_ONLY = re.compile(
    r"^\s*(journaltitle|location|date|eprinttype|maintitle|journalsubtitle)\s*=|"
    r"^\s*@\s*(online|dataset|software|mvbook|bookinbook|collection|reference|thesis|report)\s*[{(]",
    re.M | re.I,
)


def detect(sample: str) -> float:
    """BibTeX's score, for a file with fields only BibLaTeX has (listed before bibtex, biblatex wins the tie)."""
    base = bibtex.detect(sample)
    if base and _BIBLATEX_ONLY.search(sample[:20000]):
        return base
    return 0.0


def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    return bibtex.read(lines, ctx)


def write(records: Iterable[Record], out: TextIO, ctx: WriteContext) -> None:
    write_records(records, out, ctx, NAME)
