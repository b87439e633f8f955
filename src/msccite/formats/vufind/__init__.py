"""VuFind record pages, as text copied from a library catalogue (read only).

A VuFind record page shows the title, a teaser of the summary (cut with ``...`` when long, with a
"Full description" link), then a "Bibliographic Details" table of ``Label: value`` lines in the
interface language (``Autores principales:``, ``Main Authors:``, ``Hauptverfasser:`` ...), then tabs
(Description, Holdings, Staff View) whose Description tab repeats some fields and adds the full
``Summary``. The labels are data in :mod:`msccite.formats.vufind.map`.

Reader (see ``docs/formats/vufind.md``):

- the first text line before the fields is the title; further lines there are the teaser, dropped when
  the full summary starts with it, else kept (an extra, or the abstract when the page has no summary
  and the teaser is not cut);
- a field runs from its label to the next label or piece of page furniture; lines after the label
  line are further values (one URL, subject, ISBN or name a line) or more text (summary, notes);
- ``Main Author(s)`` / ``Other Authors``: ``Family, Given`` names, several in one comma list
  (``Infante, Arantza, Gener, Blanca``) paired two by two; a role (``(Editor)``) decides the variable;
- ``Published`` (``Place : Publisher, 2019``) gives publisher, place and year; ``Format`` the CSL type
  (kept as an extra too); ``Online Access`` the URLs, and from them PMID, PMCID and DOI;
- fields the model has no variable for are extras under VuFind's English label (``Physical Description``);
- page furniture (``Cargando…``, ``Descripción completa``, tab names, tag buttons) is skipped; a
  "Loading…" line after the fields starts the next page; any other line that is neither a field nor
  furniture is reported with its line; a page without a title gives a record and a warning.

The package: ``map`` (the labels and page furniture in each interface language, as data) and ``read``
(detection, the reader).
"""

from __future__ import annotations

from .map import ROLES
from .read import DESCRIPTION, EXTENSIONS, NAME, detect, read

__all__ = ["NAME", "EXTENSIONS", "DESCRIPTION", "ROLES", "detect", "read"]
