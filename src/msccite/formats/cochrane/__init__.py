"""The Cochrane Library plain-text export (cochranelibrary.com, *Export selected citation(s)* -> *Plain text*).

``Record #1 of 271`` opens a record, ``TAG: value`` lines follow (``ID``, ``AU``, ``TI``, ``SO``, ``YR``, ``VL``,
``NO``, ``PG``, ``KY``, ``DOI``, ``AB``, ``US`` ...): reviews of the Cochrane Database of Systematic Reviews and
CENTRAL trial records alike. Read only.

The package: ``map`` (tag -> CSL variable, as data) and ``read`` (detection, the reader, family-first names).
See ``docs/formats/cochrane.md``.
"""

from __future__ import annotations

from .read import DESCRIPTION, EXTENSIONS, NAME, detect, read

__all__ = ["NAME", "EXTENSIONS", "DESCRIPTION", "detect", "read"]
