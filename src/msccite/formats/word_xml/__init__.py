"""Word 2007+ bibliography XML (``Sources.xml``: ``<b:Sources>`` of ``<b:Source>``): read and write.

The file Word keeps its master source list in (``%APPDATA%\\Microsoft\\Bibliography\\Sources.xml``), the part
``customXml/item1.xml`` of a ``.docx`` that cites sources, and what JabRef and bibutils (``xml2wordbib``) export for
Word: ``b:Tag``, ``b:SourceType``, ``b:Guid``, names in ``b:Author/b:Author/b:NameList/b:Person`` (or
``b:Corporate``), then one element per field (``docs/formats/word-xml.md``).

The package: ``map`` (source types, elements and roles, as data), ``read`` (detection and the reader), ``write``
(the writer).
"""

from __future__ import annotations

from .read import ALIASES, DESCRIPTION, EXTENSIONS, LINE_PIECES, NAME, detect, read
from .write import write

__all__ = ["NAME", "ALIASES", "EXTENSIONS", "DESCRIPTION", "LINE_PIECES", "detect", "read", "write"]
