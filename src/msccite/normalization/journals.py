"""Journals: one name for one journal, whatever the source wrote.

A record's journal is looked up in the bundled table (:mod:`msccite.journals`) by its ISSNs, its
``container-title`` and its abbreviations (``container-title-short``, or ``journalAbbreviation``
as Zotero's CSL-JSON writes it). When exactly one journal matches, the record gets its full title
in title case, its MEDLINE abbreviation and its ISSNs; when none or several match, the record is
left exactly as it was. The rules, with examples, are in ``docs/normalization/journals.md``.
"""

from __future__ import annotations

import re

from .. import journals
from ..model import Record

__all__ = ["normalize_journal", "split_publisher"]

#: Types whose container is a periodical. They are looked up unless they carry an ISBN and no ISSN.
#: Other types (book, chapter, paper-conference, report ...) only with an ISSN and no ISBN: with an
#: ISBN their container is a book, and an ISSN beside it is a series' (Methods in Molecular Biology),
#: whose name is not the record's container-title.
JOURNAL_TYPES = frozenset(
    {"article-journal", "article-magazine", "article-newspaper", "periodical", "review", "review-book", "article",
     "document"}
)  # fmt: skip
_BRACKETED_PUBLISHER = re.compile(r"^(?P<journal>.*\S)\s*\[(?P<publisher>[^\[\]]+)\]$")


def split_publisher(title: str) -> tuple[str, str | None]:
    """``Cytotherapy [Elsevier]`` -> (``Cytotherapy``, ``Elsevier``): a journal with its publisher in brackets.

    AbleSci pages write the journal so. A title without a final bracket comes back as it is.
    """
    m = _BRACKETED_PUBLISHER.match(title)
    if not m:
        return title, None
    return m.group("journal"), m.group("publisher").strip()


def _journal_like(rec: Record) -> bool:
    if rec.type in JOURNAL_TYPES:
        return bool(rec.get("ISSN")) or not rec.get("ISBN")
    return bool(rec.get("ISSN")) and not rec.get("ISBN")


def _text(rec: Record, var: str) -> str:
    value = rec.get(var)
    return value.strip() if isinstance(value, str) else ""


def normalize_journal(rec: Record) -> None:
    """Fill ``container-title``, ``container-title-short`` and ``ISSN`` from the journal table, in place.

    Idempotent. The record's own ISSNs are kept (as written, once each); the table's missing ones
    are added, and the print ISSN is put before the electronic one. ``Cytotherapy [Elsevier]``
    becomes ``Cytotherapy`` with publisher ``Elsevier`` (when the record has no publisher) if the
    part before the bracket is a journal of the table.
    """
    if not _journal_like(rec):
        return
    title = _text(rec, "container-title")
    short = _text(rec, "container-title-short") or _text(rec, "journalAbbreviation")
    issns = [i for i in rec.get("ISSN", []) if isinstance(i, str)]
    by_issn = journals.issn_matches(issns)
    if len(by_issn) == 1 and not title.endswith("]"):
        # the ISSN names one journal and no bracketed publisher needs the title's match: the names would not
        # change the answer (resolve() lets one ISSN match decide), so their larger index is not loaded
        _fill(rec, next(iter(by_issn)), issns, None)
        return
    by_title = journals.name_matches(title, as_title=True) if title else set()
    bare, publisher = split_publisher(title)
    if not by_title and publisher:  # "Cytotherapy [Elsevier]": the journal is what comes before the bracket
        by_title = journals.name_matches(bare, as_title=True)
    else:
        publisher = None
    by_short = journals.name_matches(short, as_title=False) if short else set()
    journal = journals.resolve(by_issn, [by_title, by_short])
    if journal is None:
        return
    if journal not in by_title:
        publisher = None  # the ISSN chose another journal than the bracketed title: the bracket is not explained
    _fill(rec, journal, issns, publisher)


def _fill(rec: Record, journal: journals.Journal, issns: list[str], publisher: str | None) -> None:
    rec["container-title"] = journal.title
    if journal.abbrev:
        rec["container-title-short"] = journal.abbrev
    if publisher and not rec.get("publisher"):
        rec["publisher"] = publisher
    rec["ISSN"] = _merge_issns(issns, journal) if journal.issns else rec.get("ISSN")


def _merge_issns(own: list[str], journal: journals.Journal) -> list[str]:
    """The record's ISSNs, then the journal's it lacks, once each; the print ISSN first, then the electronic one."""
    out: list[str] = []
    seen: set[str] = set()
    for issn in [*own, *journal.issns]:
        k = journals.issn_key(issn) or issn
        if k not in seen:
            seen.add(k)
            out.append(issn)
    rank = {journals.issn_key(i): n for n, i in enumerate(journal.issns)}
    return sorted(out, key=lambda i: rank.get(journals.issn_key(i), len(rank)))
