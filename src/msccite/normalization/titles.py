"""Titles: a final period dropped; on request, ALL-CAPS titles in sentence case (``docs/normalization.md``).

White space is already collapsed by the white-space step. The final period goes from ``title``,
``title-short`` and ``container-title`` (``A phase I study.`` -> ``A phase I study``), but not an
ellipsis nor the period of an abbreviation (``... et al.``, ``Inc.``, ``U.S.``).

``sentence_case=True`` (off by default; ``msccite convert --sentence-case``) rewrites a title
written wholly in capitals: the first word and the first word after a colon capitalised, the rest
in lower case, except what looks like an acronym or a code and is kept in capitals: a word with a
digit (``COVID-19``, ``CD34``), without a vowel (``MSC``, ``GVHD``), a Roman numeral (``II``), one of
a short list of acronyms with vowels (``ARDS``, ``AIDS``, ``IBD`` ...), or a plural of one (``MSCs``).
"""

from __future__ import annotations

import re

from ..lazyre import compile_cached
from ..model import Record

__all__ = ["drop_final_period", "sentence_case", "normalize_titles"]

_ABBREVIATION_END = compile_cached(r"(?:\b[A-Za-z]\.|\bet al\.|\b(?:Inc|Ltd|Co|Corp|Jr|Sr|vs|etc|No|Vol)\.)$")
_ROMAN = compile_cached(r"[IVX]+")
_WORD = compile_cached(r"[^\W_][\w'’]*(?:-[\w'’]+)*")
_ACRONYMS = frozenset(
    """AIDS ARDS IBD COPD COVID ALS ECMO ICU AML ALL CLL CML HIV HPV HCV HBV USA UK EU WHO FDA EMA NIH ISCT MRI PET
    ATMP GMP RCT OA RA SLE MS UC CD DNA RNA MRNA MIRNA IL TNF IFN TGF VEGF HLA BMI ICSI IVF ONFH OI SARS MERS""".split()
)
_TITLE_VARIABLES = ("title", "title-short", "container-title")


def drop_final_period(title: str) -> str:
    if title.endswith(".") and not title.endswith("..") and not _ABBREVIATION_END.search(title):
        return title[:-1].rstrip()
    return title


def _acronym(part: str) -> bool:
    """A capitalised word to keep: a code, a word without a vowel, a Roman numeral, a known acronym."""
    return (
        any(c.isdigit() for c in part)
        or not re.search("[AEIOUYÁÉÍÓÚÀÈÌÒÙÄËÏÖÜ]", part.upper())
        or bool(_ROMAN.fullmatch(part))
        or part.upper() in _ACRONYMS
    )


def _styled(part: str, first: bool) -> str:
    """One part of a word (between hyphens) in sentence case."""
    if len(part) > 3 and part[-1] in "Ss" and _acronym(part[:-1]):
        return part[:-1] + "s"  # MSCS -> MSCs
    if _acronym(part):
        return part
    low = part.lower()
    return low[0].upper() + low[1:] if first else low


def _is_shouting(title: str) -> bool:
    letters = [c for c in title if c.isalpha()]
    return len(letters) >= 8 and all(not c.islower() for c in letters)


def sentence_case(title: str) -> str:
    """An ALL-CAPS title in sentence case, acronyms kept; any other title unchanged."""
    if not _is_shouting(title):
        return title
    out: list[str] = []
    pos = 0
    start = True
    for m in _WORD.finditer(title):
        between = title[pos : m.start()]
        out.append(between)
        if ":" in between or "?" in between or "." in between.rstrip():
            start = True
        parts = m.group(0).split("-")
        out.append("-".join(_styled(p, start and i == 0) for i, p in enumerate(parts) if p))
        start = False
        pos = m.end()
    out.append(title[pos:])
    return "".join(out)


def normalize_titles(rec: Record, sentence: bool = False) -> None:
    for var in _TITLE_VARIABLES:
        value = rec.fields.get(var)
        if isinstance(value, str):
            new = drop_final_period(value)
            if sentence and var != "container-title":
                new = sentence_case(new)
            if new != value:
                rec[var] = new
