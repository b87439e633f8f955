"""MEDLINE / PubMed format (``.nbib``, PubMed's "Save > PubMed format", and its ``.ris`` download).

Lines are ``TAG - value`` with the tag padded to four characters (``PMID- ``, ``AU  - ``);
a long value goes on over lines indented six spaces, and records are separated by a blank line.

Reader (see ``docs/formats/medline.md``):

- a wrapped line ends with a space (PubMed wraps at word boundaries and keeps the space), so the
  next line joins it directly; a continuation after a line *without* that space is a line break
  in the value (how this writer keeps a multi-line value);
- FAU (full name) is preferred over AU; AU is kept as the extra ``AU@n`` only when it is not the
  one PubMed derives from FAU (``Griffin DK`` from ``Griffin, Darren K``); a record with AU alone
  reads those names (``Prockop DJ``; with a comma, as ERIC writes them, ``van Groen, Maaike M.`` is
  ``Family, Given``); CN is a collective author; AD and AUID belong to the person before them
  and are kept as ``AD@n``/``AUID@n`` (``AD@ed1`` for the first editor);
- IS values keep their ``(Print)``/``(Electronic)``/``(Linking)`` note (normalization reads them);
- DP ``2019 Dec 2``, ``2019 Dec-2020 Jan``, ``2019 Spring`` become dates (what cannot be decoded
  stays raw); DEP becomes ``available-date``; PG is kept as read (``1579-86``);
- a TI that is empty or wholly in square brackets (PubMed's English translation, ``[Title].``)
  with a TT (the title in its own language) beside it: the title is the TT, the TI an extra;
- the DOI comes from ``LID``/``AID`` lines marked ``[doi]``; other LID/AID lines stay extras; with
  no PG, an LID that is an article number (``e42692``, ``e42692 [pii]``, ``1042``) is the page too;
- MH (MeSH, with ``*`` and ``/qualifier``) and OT are keywords; PT decides the CSL type and the PT
  lines are kept unless they are just the one the writer would give that type;
- every other tag (OWN, STAT, PHST, SO, GR, CI ...) is kept, in file order, as an extra.

Writer: what PubMed writes (tag order, lines wrapped as PubMed wraps them); values MEDLINE has no
tag for travel in ``GN`` (general note) lines as ``[csl:VARIABLE] value`` carriers.

The package: ``map`` (tags and types, as data), ``fields`` (dates, names and publication types: text <-> value,
shared by the reader and the writer), ``read`` (the reader) and ``write`` (the writer).
"""

from __future__ import annotations

from .read import ALIASES, DESCRIPTION, EXTENSIONS, NAME, detect, read
from .write import write

__all__ = ["NAME", "ALIASES", "EXTENSIONS", "DESCRIPTION", "detect", "read", "write"]
