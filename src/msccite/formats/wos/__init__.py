"""Web of Science tagged format (``.ciw``, "Plain text file" / "Other file formats" export). Read only.

Shape: a two-letter tag at column 0, one space, the value; continuation lines start with three
spaces. ``FN``/``VR`` open the file, ``ER`` closes a record, ``EF`` closes the file.

Quirks handled (see ``docs/formats/wos.md``):

- multi-valued tags (``AU``, ``AF``, ``CR``, ``C1`` ...): each continuation line is a new value;
  text tags (``TI``, ``SO``, ``DE`` ...): continuation lines are the wrapped text, joined with a
  space; ``AB`` and ``FX`` (paragraphs in current exports) and unknown tags: joined with a line break;
- ``AF`` (full names) fills ``author``; the abbreviated ``AU`` names are kept as extras, in order
  (``AU`` fills ``author`` only when there is no ``AF``); same for ``BF``/``BA``;
- an author name may end in e-mail addresses, ``Medvedeff, Cassandra A (medvedeff22@ufl.edu)``:
  they are not part of the name but the extra ``EM@n`` of author *n* (1-based, as ``AD@n`` in
  MEDLINE), one per address; a parenthesis that is not all addresses (``(Ed.)``) stays in the name;
- ``AR`` (article number) is ``number``, and the ``page`` too when there is no ``BP``/``EP``;
- ``PY`` + ``PD`` into one date (``DEC``, ``DEC 2``, ``JAN-FEB``, ``SPR``, ``2019 DEC 2``);
  what cannot be decoded is kept raw;
- ``PT`` (J, B, S, P, C) refined by ``DT`` (Proceedings Paper, Book Chapter, Book Review ...);
- a BOM, CRLF, no ``FN``/``VR`` header (warning), no ``ER`` before the end (warning), a ``PT``
  before the ``ER`` of the previous record (warning), text outside a record (warning).

The package: ``map`` (tags, types and date words, as data) and ``read`` (the reader; its ``build_record`` reads
the rows of the tab-delimited export too, :mod:`msccite.formats.tables`).
"""

from __future__ import annotations

from .read import DESCRIPTION, EXTENSIONS, NAME, detect, read

__all__ = ["NAME", "EXTENSIONS", "DESCRIPTION", "detect", "read"]
