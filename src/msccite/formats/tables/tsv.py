"""TSV: the CSV tables' reader and writer, tab-separated (``msccite convert in.ris -o screening.tsv``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from ...context import WriteContext
from ...model import Record
from .read import read
from .write import write as _write

NAME = "tsv"
ALIASES = ("tab",)
EXTENSIONS = (".tsv", ".tab")
DESCRIPTION = "TSV tables (tab-separated): the same columns as csv"


def detect(sample: str) -> float:
    return 0.0  # a tab-separated table is detected as csv (the delimiter is sniffed), and read the same way


__all__ = ["NAME", "detect", "read", "write"]


def write(records: Iterable[Record], out: IO[str], ctx: WriteContext) -> None:
    _write(records, out, ctx, delimiter="\t")
