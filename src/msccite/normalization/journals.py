"""Journals: one name for one journal, whatever the source wrote.

A record's journal is looked up in the bundled table (:mod:`msccite.journals`) by its ISSNs, its
``container-title`` and its abbreviations (``container-title-short``, or ``journalAbbreviation``
as Zotero's CSL-JSON writes it). When exactly one journal matches, the record gets its citable
title (NLM's title in title case, without NLM's cataloguing qualifiers: :func:`citable_title`), its
MEDLINE abbreviation and its ISSNs; when none or several match, the record is left exactly as it was.
The ISSN never overrides the journal the record names: when the names are another journal's
(:func:`journal_conflict`), the names decide and the ISSN is left as written. The rules, with
examples, are in ``docs/normalization/journals.md``.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from functools import cache, lru_cache
from typing import NamedTuple

from .. import journals
from ..journals import Journal
from ..lazyre import lazy
from ..model import Record

__all__ = ["normalize_journal", "split_publisher", "journal_conflict", "citable_title"]

#: Types whose container is a periodical. They are looked up unless they carry an ISBN and no ISSN.
#: Other types (book, chapter, paper-conference, report ...) only with an ISSN and no ISBN: with an
#: ISBN their container is a book, and an ISSN beside it is a series' (Methods in Molecular Biology),
#: whose name is not the record's container-title.
JOURNAL_TYPES = frozenset(
    {"article-journal", "article-magazine", "article-newspaper", "periodical", "review", "review-book", "article",
     "document"}
)  # fmt: skip
_BRACKETED_PUBLISHER = lazy(r"^(?P<journal>.*\S)\s*\[(?P<publisher>[^\[\]]+)\]$")


def split_publisher(title: str) -> tuple[str, str | None]:
    """``Cytotherapy [Elsevier]`` -> (``Cytotherapy``, ``Elsevier``): a journal with its publisher in brackets.

    AbleSci pages write the journal so. A title without a final bracket comes back as it is.
    """
    m = _BRACKETED_PUBLISHER.match(title)
    if not m:
        return title, None
    return m.group("journal"), m.group("publisher").strip()


# -- the citable title ----------------------------------------------------------------------------
_QUALIFIED = lazy(r"^(?P<head>.*\S)\s+\((?P<qualifier>[^()]*)\)$")  # "Science (New York, N.Y.)"
_ACRONYM_PART = lazy(r"^(?P<head>.*\S)\s+:\s+(?P<acronym>\S.*)$")  # "Veterinary Surgery : VS"
_SUBTITLE_SEPARATOR = lazy(r"\s[:/]\s")  # what NLM's list (and scripts/build_journals.py) reads as a subtitle
#: A qualifier that is a date, or a place and a date: "(1982)", "(2005- )", "(July 1993)", "(Baltimore, Md. : 1985)".
_DATE = lazy(r"^(?:\w+\.?\s+)?\d{4}(?:\s*-\s*(?:\d{4})?)?$")
_ABBREVIATED_QUALIFIER = lazy(r"\((?P<qualifier>[^()]*)\)$")  # "Medicina (Kaunas)", "Front Biosci (Landmark Ed)"
_ACRONYM_TOKEN = lazy(r"^[\w&+./=()-]+,?$")
_THREE_LOWER = lazy(r"[a-z]{3}")
_LETTERS = lazy(r"[^\W\d_]")
_WORD = lazy(r"[^\W_]+")
#: "(City, Region ...)" at the end of a title in the table: the city is a place name.
_CITY = lazy(r"\((?P<city>[^()\t\n,]+),[^()\t\n]*\)\t")


def citable_title(journal: Journal) -> str:
    """The journal's title as a citation writes it: NLM's title without NLM's trailing cataloguing qualifiers.

    ``Science (New York, N.Y.)`` -> ``Science``; ``Arthritis & Rheumatology (Hoboken, N.J.)`` ->
    ``Arthritis & Rheumatology``; ``BMJ (Clinical Research Ed.)`` -> ``BMJ``; ``Veterinary Surgery : VS``
    -> ``Veterinary Surgery``. A qualifier that tells editions or publishers apart stays
    (``Frontiers in Bioscience (Landmark Edition)``, ``Proceedings (MDPI)``), and so does a real
    subtitle (``Biochemistry & Pharmacology : Open Access``). The result is always a name the table
    finds the journal by (NLM's title without its qualifier or subtitle, a name the build step indexes).
    Titles from JabRef's lists come back as they are. The rule, with the data it is drawn from, is in
    ``docs/normalization/journals.md``.
    """
    return _citable(journal.title, journal.abbrev) if journal.source == "nlm" else journal.title


@lru_cache(maxsize=4096)
def _citable(title: str, abbrev: str) -> str:
    if not title.endswith(")") and " : " not in title:
        return title  # most titles
    if " = " in title or "[" in title:
        return title  # parallel titles and bracketed parts: the table knows each part apart, not a shortened whole
    out = _without_qualifier(title, abbrev)
    m = _ACRONYM_PART.match(out)
    if m and not _SUBTITLE_SEPARATOR.search(m.group("head")) and _repeats(m.group("acronym"), m.group("head")):
        out = _without_qualifier(m.group("head"), abbrev)
    return out


def _without_qualifier(title: str, abbrev: str) -> str:
    m = _QUALIFIED.match(title)
    if not m:
        return title
    head, qualifier = m.group("head"), m.group("qualifier").strip()
    if head.count("(") != head.count(")"):
        return title  # "Findings (Sydney (N.S.W.)": not one qualifier
    if "," in qualifier or " : " in qualifier or _DATE.match(qualifier):
        return head  # a place, a date or both: "(Hoboken, N.J.)", "(Baltimore, Md. : 1985)", "(1982)"
    if not _abbreviation_keeps(qualifier, abbrev, head) or qualifier in _places():
        return head  # "BMJ (Clinical Research Ed.)" is "BMJ"; "(New York)" as "Abdom Radiol (NY)" is a place
    return title  # "Frontiers in Bioscience (Landmark Edition)" is "Front Biosci (Landmark Ed)": another journal


def _abbreviation_keeps(qualifier: str, abbrev: str, head: str) -> bool:
    """Whether NLM's MEDLINE abbreviation keeps the qualifier of the title ``head (qualifier)``.

    Then the qualifier tells this journal from another. ``Front Biosci (Landmark Ed)`` keeps
    ``Landmark Edition``; ``Angew Chem Int Ed Engl`` keeps ``International ed. In English`` (its last
    word abbreviates the qualifier's, not the head's); ``BMJ`` drops ``Clinical Research Ed.``,
    ``Health Aff (Millwood)`` drops ``Project Hope`` (it keeps a place instead), ``Aerosp Eng`` drops
    ``Society of Automotive Engineers`` (its ``Eng`` is the head's ``Engineering``).
    """
    m = _ABBREVIATED_QUALIFIER.search(abbrev)
    if m:
        return _abbreviates(m.group("qualifier"), qualifier)
    last, qualifier_words, head_words = abbrev.split()[-1:], _WORD.findall(qualifier), _WORD.findall(head)
    if not last or not qualifier_words:
        return False
    return _abbreviates(last[0], qualifier_words[-1]) and not (head_words and _abbreviates(last[0], head_words[-1]))


def _abbreviates(short: str, full: str) -> bool:
    """``Lond`` abbreviates ``London, England``, ``NY`` ``New York``: the same first letter, the letters in order."""
    a = [c.lower() for c in _LETTERS.findall(short)]
    b = [c.lower() for c in _LETTERS.findall(full)]
    if not a or not b or a[0] != b[0]:
        return False
    rest = iter(b[1:])
    return all(c in rest for c in a[1:])


def _repeats(acronym: str, head: str) -> bool:
    """Whether ``acronym`` is an abbreviation of ``head`` that repeats it: ``VS`` of ``Veterinary Surgery``.

    It must look like one (tokens of capitals, digits and ``& . / - + ( )``; no three lower-case letters
    in a row: ``JoVE``, ``eCAM``, ``E & BP``, ``G(3)``), and its letters must be the title's, in order,
    from the initial of one of its words (``CABIOS`` of ``Computer Applications in the Biosciences``).
    A word (``Open Access``, ``Gann``) or an acronym of something else (``AIAA SPACE 2016``) is not.
    """
    tokens = acronym.split()
    if not all(_ACRONYM_TOKEN.match(t) for t in tokens) or _THREE_LOWER.search(acronym):
        return False
    letters = [c.lower() for c in _LETTERS.findall(acronym)]
    if len(letters) + sum(c.isdigit() for c in acronym) < 2 or not any(c.isupper() for c in acronym):
        return False
    for w in re.finditer(r"[^\W\d_]+", head):
        if w.group()[0].lower() == letters[0]:
            rest = iter(c.lower() for c in _LETTERS.findall(head[w.start() + 1 :]))
            if all(c in rest for c in letters[1:]):
                return True
    return False


@cache
def _places() -> frozenset[str]:
    """The cities of the table's ``(City, Region ...)`` qualifiers: ``London``, ``Basel``, ``New York`` ...

    Read once, and only when a qualifier of one name that the abbreviation keeps needs telling apart:
    ``Abdominal Radiology (New York)`` (a place) from ``Proceedings (MDPI)`` (a publisher).
    """
    text = journals.rows_text()  # the raw rows: building 35,000 Journal values would cost more
    return frozenset(m.group("city").split(" : ")[-1].strip() for m in _CITY.finditer(text))


# -- which journal the record names ----------------------------------------------------------------
def _journal_like(rec: Record) -> bool:
    if rec.type in JOURNAL_TYPES:
        return bool(rec.fields.get("ISSN")) or not rec.fields.get("ISBN")
    return bool(rec.fields.get("ISSN")) and not rec.fields.get("ISBN")


def _text(rec: Record, var: str) -> str:
    value = rec.fields.get(var)
    return value.strip() if isinstance(value, str) else ""


@cache
def _own_keys(journal: Journal) -> frozenset[str]:
    """The keys of the journal's own names: title, citable title, abbreviations with and without their qualifier.

    NLM adds a qualifier to an abbreviation to tell journals apart; sources write it without:
    ``Anat. Rec.`` for ``Anat Rec (Hoboken)``.
    """
    names = [journal.title, citable_title(journal)]
    for abbrev in (journal.abbrev, journal.iso_abbrev):
        m = _QUALIFIED.match(abbrev)
        names += [abbrev, m.group("head")] if m else [abbrev]
    return frozenset(k for k in map(journals.key, names) if k)


def _names_of(text: str, journal_set: AbstractSet[Journal]) -> set[Journal]:
    """The journals of ``journal_set`` that ``text`` is a name of: one of its own, or as a title or abbreviation."""
    k = journals.key(text)
    own = {j for j in journal_set if k in _own_keys(j)}
    if len(own) == len(journal_set):
        return own
    return own | (journal_set & (journals.title_matches(text) | journals.abbrev_matches(text)))


class _Match(NamedTuple):
    journal: Journal | None  # the journal the record is normalized to; None: the record is left as it is
    by_names: bool  # the names chose it against the ISSN: the record's ISSNs stay as written, none is added
    publisher: str | None  # the publisher of "Cytotherapy [Elsevier]"
    conflict: tuple[str, Journal, Journal] | None  # (ISSN, its journal, the journal the names name)


_NO_MATCH = _Match(None, False, None, None)


def _issns(rec: Record) -> tuple[str, ...]:
    return tuple(i for i in rec.fields.get("ISSN", ()) if isinstance(i, str))


def _match(rec: Record, issns: tuple[str, ...] | None = None) -> _Match:
    """Which journal the record's ISSNs and names point to: the one place both normalization and check ask."""
    if not _journal_like(rec):
        return _NO_MATCH
    title = _text(rec, "container-title")
    short = _text(rec, "container-title-short") or _text(rec, "journalAbbreviation")
    return _match_names(title, short, _issns(rec) if issns is None else issns)


@lru_cache(maxsize=4096)  # a file's records name the same journals again and again
def _match_names(title: str, short: str, issns: tuple[str, ...]) -> _Match:
    by_issn = journals.issn_matches(issns)
    if len(by_issn) == 1:
        (only,) = by_issn
        if all(journals.key(name) in _own_keys(only) for name in (title, short) if name):
            # no name, or only this journal's own names: the names cannot change the answer, so their (larger)
            # index is not loaded
            return _Match(only, False, None, None)
    if not title and not short:
        return _Match(journals.resolve(by_issn, []), False, None, None)
    by_title = journals.name_matches(title, as_title=True) if title else frozenset()
    title_text, publisher = split_publisher(title)
    if not by_title and publisher:  # "Cytotherapy [Elsevier]": the journal is what comes before the bracket
        by_title = journals.name_matches(title_text, as_title=True)
    else:
        title_text, publisher = title, None
    by_short = journals.name_matches(short, as_title=False) if short else frozenset()
    if not by_issn:
        journal = journals.resolve(by_issn, [by_title, by_short])
        return _Match(journal, False, publisher if journal in by_title else None, None)
    named = [(text, found) for text, found in ((title_text, by_title), (short, by_short)) if found]
    if not named:
        return _NO_MATCH  # the names are of no journal of the table: they stay, the ISSN does not replace them
    support = [_names_of(text, by_issn) for text, _ in named]
    against = [found for (_, found), agree in zip(named, support, strict=True) if not agree]
    if not against:  # the names agree with the ISSN: it decides, and narrows its own matches by them
        journal = journals.resolve(by_issn, support)
        return _Match(journal, False, publisher if journal in by_title else None, None)
    # the record names another journal than its ISSN's: the names decide, the ISSN stays as written
    journal = journals.resolve(frozenset(), [by_title, by_short])
    named_journal = journal or next((next(iter(s)) for s in against if len(s) == 1), None)
    conflict = _conflict(issns, named_journal) if named_journal else None
    return _Match(journal, True, publisher if journal in by_title else None, conflict)


def _conflict(issns: tuple[str, ...], named: Journal) -> tuple[str, Journal, Journal] | None:
    for text in issns:
        found = journals.issn_matches([text])
        if found and named not in found:
            k = journals.issn_key(text) or text
            return f"{k[:4]}-{k[4:]}", min(found, key=lambda j: (j.title, j.nlm_id)), named
    return None


def journal_conflict(rec: Record) -> tuple[str, Journal, Journal] | None:
    """(ISSN, the ISSN's journal, the journal the names name) when a record's ISSN is another journal's.

    ``None`` when the record has no ISSN of the table, names no journal, names an unknown journal,
    or names the ISSN's journal. :func:`normalize_journal` keeps the named journal in that case;
    ``msccite check`` warns about it.
    """
    return _match(rec).conflict


def normalize_journal(rec: Record) -> None:
    """Fill ``container-title``, ``container-title-short`` and ``ISSN`` from the journal table, in place.

    Idempotent. The record's own ISSNs are kept (as written, once each); the table's missing ones
    are added, and the print ISSN is put before the electronic one, unless the record names
    another journal than its ISSN's (then the names decide and the ISSNs stay as written).
    ``Cytotherapy [Elsevier]`` becomes ``Cytotherapy`` with publisher ``Elsevier`` (when the record
    has no publisher) if the part before the bracket is a journal of the table.
    """
    own = _issns(rec)
    found = _match(rec, own)
    if found.journal is None:
        return
    journal = found.journal
    _set(rec, "container-title", citable_title(journal))
    if journal.abbrev:
        _set(rec, "container-title-short", journal.abbrev)
    if found.publisher and not rec.fields.get("publisher"):
        rec["publisher"] = found.publisher
    if journal.issns and not found.by_names:
        _set(rec, "ISSN", list(_merge_issns(own, journal)))


def _set(rec: Record, var: str, value: object) -> None:
    if rec.fields.get(var) != value:  # only a changed value is set again
        rec[var] = value


@lru_cache(maxsize=4096)
def _merge_issns(own: tuple[str, ...], journal: Journal) -> tuple[str, ...]:
    """The record's ISSNs, then the journal's it lacks, once each; the print ISSN first, then the electronic one."""
    out: list[str] = []
    seen: set[str] = set()
    for issn in [*own, *journal.issns]:
        k = journals.issn_key(issn) or issn
        if k not in seen:
            seen.add(k)
            out.append(issn)
    rank = {journals.issn_key(i): n for n, i in enumerate(journal.issns)}
    return tuple(sorted(out, key=lambda i: rank.get(journals.issn_key(i), len(rank))))
