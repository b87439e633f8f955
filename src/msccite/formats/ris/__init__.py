"""RIS: the tagged format every reference manager and database exports (``TY  - JOUR`` ... ``ER  - ``).

Reader: tolerant of what real exporters write (see ``docs/formats/ris.md``): a BOM, CRLF, one
space instead of two before the dash (``TY - JOUR``), ``ER`` with or without its trailing space,
no newline at the end, untagged continuation lines (EndNote, Citavi, Rayyan, Web of Science),
two tags run together on one line (Rayyan), record numbers and headers between records (Ovid,
Cochrane), a last record without ``ER`` (kept, and reported). Repeated tags are all kept in order;
tags the model has no variable for are kept as extras and written back. The tags whose meaning
depends on the reference type (M1, M2, M3, C1-C8, VL, IS, SE, NV, SP) are read and written by the
type's table of the RIS specification (``map.TYPE_TABLE``).

Writer: canonical RIS (``TAG  - value``, TY first, ER last, one AU per person as
``Family, Given``) that Zotero and EndNote import. A record read from RIS keeps its own tags
(``T1`` stays ``T1``); values RIS has no tag for travel in ``N1  - [csl:VARIABLE] value`` notes,
and extras of other formats in ``N1  - [format:key] value``, so nothing is dropped.

The package: ``map`` (tag and type maps, as data), ``fields`` (the type tables compiled, and what the reader and
the writer both ask of them), ``read`` (the reader) and ``write`` (the writer).
"""

from __future__ import annotations

from .read import DESCRIPTION, EXTENSIONS, NAME, detect, read
from .write import write

__all__ = ["NAME", "EXTENSIONS", "DESCRIPTION", "detect", "read", "write"]
