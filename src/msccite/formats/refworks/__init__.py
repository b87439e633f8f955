"""RefWorks tagged format (``RT Journal Article``, ``A1 Family, Given``, ``T1 ...``): read and write.

The format RefWorks exports for other RefWorks users and that databases (EBSCO, ProQuest, Ovid's PsycINFO and
CINAHL) send to it: ``RT`` opens a record, each line is a two-character tag, one space and the value, records are
separated by a blank line. Reader and writer follow Zotero's ``RefWorks Tagged`` translator where RefWorks' own
help says nothing more (``docs/formats/refworks.md``).

The package: ``map`` (types and tags, as data), ``read`` (detection and the reader), ``write`` (the writer).
"""

from __future__ import annotations

from .read import ALIASES, DESCRIPTION, EXTENSIONS, NAME, detect, read
from .write import write

__all__ = ["NAME", "ALIASES", "EXTENSIONS", "DESCRIPTION", "detect", "read", "write"]
