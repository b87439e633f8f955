"""Ovid's text export: MEDLINE, Embase, PsycINFO and the other databases on Ovid, saved as text.

Each record opens with ``VN  - Ovid Technologies`` and its database (``DB  - Embase``); records are numbered
(``<1>``, ``<1. >``, ``1.``, ``Record 1 of 20``). Fields are two-letter tags (``AU  - ``, ``TI  - ``, ``SO  - ``)
or their long names on a line of their own with the values indented below (``Authors``, ``Title``, ``Source``),
as the export options choose. Read only.

The package: ``map`` (labels, tags -> CSL variables, publication types -> CSL types, as data) and ``read``
(detection, the reader). The packed ``SO`` field is taken apart by
:func:`msccite.formats.tables.citation.parse_citation`. See ``docs/formats/ovid.md``.
"""

from __future__ import annotations

from .read import DESCRIPTION, EXTENSIONS, NAME, detect, read

__all__ = ["NAME", "EXTENSIONS", "DESCRIPTION", "detect", "read"]
