"""The names users type for the bundled CSL styles (data; :func:`msccite.styles.resolve` reads it).

A style is named by an alias below, by a bundled file's own name (``nlm-citation-sequence``), by an old name the
style repository's ``renamed-styles.json`` maps to a bundled style (``harvard1``), or by a path to any ``.csl`` file.
"""

from __future__ import annotations

__all__ = ["ALIASES", "BUNDLED", "DEFAULT_STYLE"]

#: The bundled styles: file name (without ``.csl``) and what it is. Files in ``msccite/data/csl-styles/``.
BUNDLED: dict[str, str] = {
    "nlm-citation-sequence": "NLM/Vancouver, Citing Medicine 2nd edition (citation-sequence)",
    "american-medical-association": "AMA Manual of Style 11th edition",
    "apa": "APA 7th edition",
    "nature": "Nature",
    "harvard-cite-them-right": "Cite Them Right (Harvard)",
    "ieee": "IEEE",
    "chicago-author-date": "Chicago Manual of Style 18th edition, author-date",
    "chicago-notes-bibliography": "Chicago Manual of Style 18th edition, notes and bibliography",
}

#: Short names for the bundled styles (lower case; a name is matched case-insensitively).
ALIASES: dict[str, str] = {
    "vancouver": "nlm-citation-sequence",
    "nlm": "nlm-citation-sequence",
    "ama": "american-medical-association",
    "apa": "apa",
    "nature": "nature",
    "harvard": "harvard-cite-them-right",
    "ieee": "ieee",
    "chicago": "chicago-author-date",
    "chicago-author-date": "chicago-author-date",
    "chicago-notes": "chicago-notes-bibliography",
}

DEFAULT_STYLE = "vancouver"
