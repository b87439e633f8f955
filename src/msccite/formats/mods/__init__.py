"""MODS XML (Library of Congress Metadata Object Description Schema): ``<modsCollection>`` or a lone ``<mods>``,
as DSpace, Islandora, library catalogues, bibutils (``bib2xml``), Zotero and JabRef write it.

The package: ``map`` (the vocabularies and element tables, as data), ``read`` (the reader: ``<mods>`` records
streamed one at a time, with or without the MODS namespace) and ``write`` (MODS 3.8, the structure Zotero
writes, with ``<note type="msccite">`` carriers for what MODS has no element for). ``docs/formats/mods.md``
has the field table.
"""

from __future__ import annotations

from .read import DESCRIPTION, EXTENSIONS, LINE_PIECES, NAME, detect, read
from .write import write

__all__ = ["NAME", "EXTENSIONS", "DESCRIPTION", "LINE_PIECES", "detect", "read", "write"]
