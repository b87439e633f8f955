"""Citavi XML: a Citavi project exported as XML (``<CitaviExchangeData>``, what a ``.ctv5``/``.ctv6`` backup
holds), read only.

The export keeps references, persons, periodicals, publishers, keywords and series in lists of their own and
links them by id in ``<OnetoN>`` relation lists (``referenceId;personId1;personId2``); the reader resolves the
links into records: authors and editors in order, the periodical as the journal, the parent reference as the
book a contribution is in.

The package: ``map`` (reference types, fields, relation lists, as data) and ``read`` (detection, the reader).
See ``docs/formats/citavi.md``.
"""

from __future__ import annotations

from .read import DESCRIPTION, EXTENSIONS, NAME, detect, is_index_field, read

#: XML means nothing line by line: a long line (an export on one line) comes in pieces, never cut.
LINE_PIECES = True
#: The relation lists come after the references: the whole export is read before the first record.
WHOLE_FILE = True

__all__ = ["NAME", "EXTENSIONS", "DESCRIPTION", "LINE_PIECES", "WHOLE_FILE", "detect", "is_index_field", "read"]
