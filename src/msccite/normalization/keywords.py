"""Keywords: one keyword per entry, no repeats (rules in ``docs/normalization.md``).

A single entry holding several keywords separated by ``;`` (as Scopus, Web of Science and many
catalogues write them) is split; keywords are de-duplicated case- and space-insensitively, the first
spelling and the order kept.
"""

from __future__ import annotations

from ..model import Record
from .text import printable

__all__ = ["normalize_keywords"]


def _split(keywords: list[str]) -> list[str]:
    """One keyword an entry, white space tidied (empty ones too: the caller leaves them out)."""
    joined = "|".join(keywords)
    if ";" not in joined and printable(joined) and "  " not in joined and list(map(str.strip, keywords)) == keywords:
        return keywords  # the common case: nothing to split, each tidy already (printable: no white space but " ")
    return [" ".join(kw.split()) for entry in keywords for kw in (entry.split(";") if ";" in entry else (entry,))]


def normalize_keywords(rec: Record) -> None:
    keywords = rec.fields.get("keyword")
    if not keywords:
        return
    seen: set[str] = set()
    out: list[str] = []
    for kw in _split(keywords):
        key = kw.casefold()
        if kw and key not in seen:
            seen.add(key)
            out.append(kw)
    if out != keywords:
        rec["keyword"] = out
