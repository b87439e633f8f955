"""One header→field table per source of tables, as data (like ``ris.map``).

Each module has ``NAME`` (the source), ``SIGNATURE`` (header names that, all present, say the table is this
source's), ``COLUMNS`` (header name → field spec, see :mod:`msccite.formats.tables.build`), and may have
``NAMES`` (how a names cell is split: ``";"``, ``"|"``, ``"\\n"`` or ``"auto"``), ``ORDER`` (``family-first``
or ``given-first``), ``LIST_SEP`` (the separator of keywords and other lists), ``TYPES`` (the source's
document types → CSL types) and ``DEFAULT_TYPE``. Headers are matched without regard to case or the white
space around them. A column no table names is kept, as an extra of the ``csv`` format, under its header.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from types import ModuleType

#: The maps, most specific first: the first whose SIGNATURE a header holds reads the table; ``generic`` is last.
SOURCES: tuple[str, ...] = ("scopus", "wos", "pubmed", "embase", "ovid", "lens", "openalex", "zotero", "bibtex",
                             "generic")  # fmt: skip


@lru_cache(maxsize=1)
def all_maps() -> tuple[ModuleType, ...]:
    return tuple(importlib.import_module(f"{__name__}.{name}") for name in SOURCES)


def key(header: str) -> str:
    """How headers are compared: case and surrounding white space (and a BOM) ignored."""
    return header.strip().lstrip("\ufeff").strip().casefold()


#: How msccite's own tables start (``write.py``): read by the generic map, whatever other columns they carry.
OWN_STARTS = (("id", "type", "title"), ("type", "title"))


def find(headers: list[str]) -> ModuleType | None:
    """The map of the source whose signature ``headers`` hold, or None; msccite's own tables (which keep a source's
    columns, a Lens table's ``Lens ID``) are the generic map's."""
    keys = [key(h) for h in headers]
    if any(tuple(keys[: len(start)]) == start for start in OWN_STARTS) and "type" in headers:
        return all_maps()[-1]
    present = set(keys)
    for m in all_maps():
        if all(key(h) in present for h in m.SIGNATURE):
            return m
    return None
