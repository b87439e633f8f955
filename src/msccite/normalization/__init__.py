"""Normalization: a pure, idempotent step that makes records from different sources agree.

Readers are faithful to their input; this package tidies what they read, in a fixed order of
steps, each in its own module and each idempotent, so ``normalize(normalize(r)) == normalize(r)``
for every record. The rules are documented in ``docs/normalization.md``.

Steps, in order: white space (:mod:`.text`), names (:mod:`.names`), identifiers
(:mod:`.identifiers`), journals (:mod:`.journals`), pages (:mod:`.pages`),
dates (:mod:`.dates`), titles (:mod:`.titles`), keywords (:mod:`.keywords`), language
(:mod:`.language`), abstracts (:mod:`.abstracts`).
"""

from __future__ import annotations

from ..model import Record
from . import abstracts, dates, identifiers, journals, keywords, language, names, pages, text, titles

__all__ = ["normalize", "OPTIONS"]

#: The options :func:`normalize` takes, with their defaults.
OPTIONS = {"sentence_case": False}


def normalize(record: Record, *, sentence_case: bool = False) -> Record:
    """A normalized copy of ``record``; the input is not changed.

    ``sentence_case=True`` rewrites ALL-CAPS titles in sentence case, acronyms kept.
    The copy's :attr:`~msccite.model.Record.original` is the record as read.
    """
    out = record.copy()
    out.original = record.original or record
    text.normalize_whitespace(out)
    names.normalize_names(out)
    identifiers.normalize_identifiers(out)
    journals.normalize_journal(out)
    pages.normalize_pages(out)
    dates.normalize_dates(out)
    titles.normalize_titles(out, sentence_case)
    keywords.normalize_keywords(out)
    language.normalize_language(out)
    abstracts.normalize_abstract(out, tidied=True)  # the white-space step tidied it
    return out
