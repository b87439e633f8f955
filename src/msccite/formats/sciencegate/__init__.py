"""ScienceGate search-result listings, as text copied from the page (read only).

Each result is a block of ``◽``-separated facts, one a line, then the abstract::

    scholarly journals Osteonecrosis of the Femoral Head Safely Healed with ...   (optional title line)

    2021 ◽
    Vol 10 (3) ◽
    pp. 508 ◽
    Author(s):
    Enrique Gómez-Barrena ◽
    ...                                   (the author list is cut)

    Background: Osteonecrosis (ON) of the femoral head ...

Reader (see ``docs/formats/sciencegate.md``):

- a result starts at its facts block (a year, ``Vol``, ``pp.`` or ``Author(s):`` line); the paragraph
  right after the block is its abstract; a paragraph right before a block is that result's title when
  it is not the previous result's abstract, or when it starts with a document type (``scholarly
  journals``, kept as an extra and used for the CSL type); other paragraphs are reported, not read;
- ``Vol 31 (suppl_1)`` is volume 31, issue ``suppl_1``; ``pp. 508`` / ``pp. 24-30`` the page, a range
  whose ends agree (``i92-i92``) one page, ``pp. 00773-2020`` (a leading zero, or a five-digit number
  and a year) an article number;
- names are ``Given Family`` (``Nicoladrea Del Piccolo``: family ``Del Piccolo``); a ``...`` line marks
  the list as cut: ``custom["truncated"] = ["author"]``, as the BibTeX reader marks ``and others``;
- site furniture (``Sign in / Sign up``, ``Export Citation Format``, ``Share Document``) is skipped; a
  result without a title is still a record, with a warning that names it.

The package: ``map`` (document types and the site's furniture, as data) and ``read`` (detection, the reader).
"""

from __future__ import annotations

from .read import DESCRIPTION, EXTENSIONS, NAME, detect, read

__all__ = ["NAME", "EXTENSIONS", "DESCRIPTION", "detect", "read"]
