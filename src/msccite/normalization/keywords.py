"""Keywords: one keyword per entry, no repeats (rules in ``docs/normalization.md``).

A single entry holding several keywords separated by ``;`` (as Scopus, Web of Science and many
catalogues write them) is split; keywords are de-duplicated case- and space-insensitively, the first
spelling and the order kept.
"""

from __future__ import annotations

from ..model import Record

__all__ = ["normalize_keywords"]


def normalize_keywords(rec: Record) -> None:
    keywords = rec.get("keyword")
    if not keywords:
        return
    seen: set[str] = set()
    out: list[str] = []
    for entry in keywords:
        for kw in entry.split(";") if ";" in entry else (entry,):
            kw = " ".join(kw.split())
            key = kw.casefold()
            if kw and key not in seen:
                seen.add(key)
                out.append(kw)
    rec["keyword"] = out
