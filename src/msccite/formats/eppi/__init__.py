"""EPPI-Reviewer's JSON export (*Export -> JSON*, the file EPPI-Mapper reads).

One object: ``{"CodeSets": [...], "References": [{"ItemId", "Title", "ParentTitle", "Authors", "Year", ...,
"Codes": [...]}]}``. Each reference is a record; its codes (the reviewers' screening and coding) are extras,
named from the code sets. Read only.

The package: ``map`` (reference keys -> CSL variables and types, as data) and ``read`` (detection and the reader).
See ``docs/formats/eppi.md``.
"""

from __future__ import annotations

from .read import ALIASES, DESCRIPTION, EXTENSIONS, LINE_PIECES, NAME, WHOLE_FILE, detect, read

__all__ = ["NAME", "ALIASES", "EXTENSIONS", "DESCRIPTION", "WHOLE_FILE", "LINE_PIECES", "detect", "read"]
