"""The bundled journal table: find a journal by ISSN, full title or abbreviation.

The table (``data/journals.tsv.gz``) is built by ``scripts/build_journals.py`` from NLM's list of
journals in MEDLINE and JabRef's CC0 abbreviation lists (origins and licences in
``docs/normalization/journals.md``). Titles are already in title case there, so a lookup does no
text work beyond making a key.

Lookups read the table's prebuilt index (``data/journals.idx``, :mod:`msccite.journal_index`), built with the
table: it is opened on the first lookup, not when ``msccite`` is imported, and searched in place, so the first
lookup costs a fraction of a millisecond.

Matching forgives case, punctuation, dots, accents, ``&`` for ``and`` and a leading ``The``
(``J. Clin. Med.`` finds ``J Clin Med``). A key two journals share answers ``None`` rather than
a guess; an ISSN, when given, decides first.
"""

from __future__ import annotations

import os
import string
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

from .journal_index import Section, open_index, pack
from .lazyre import compile_cached

__all__ = ["Journal", "lookup", "journals", "key", "issn_key"]

TABLE = "data/journals.tsv.gz"
#: The table's prebuilt index (:mod:`msccite.journal_index`), what lookups read.
INDEX = "data/journals.idx"
#: The table's columns, in order (its first line names them too).
#: ``also``: other names the title is cited by (``Lancet`` for ``Lancet (London, England)``), ``|`` between them.
COLUMNS = ("title", "abbrev", "iso_abbrev", "issn_print", "issn_electronic", "nlm_id", "source", "also")


class Journal(NamedTuple):
    """One journal of the table.

    ``abbrev`` is the MEDLINE abbreviation (ISO 4 without dots: ``J Clin Med``); ``iso_abbrev`` is
    the ISO 4 abbreviation as the source writes it (NLM's equals ``abbrev``; JabRef's ISO lists
    write dots: ``J. Clin. Med. Res.``). ``source`` is ``nlm`` or ``jabref:<list>``; rows from
    JabRef have no ISSN and no NLM id.
    """

    title: str
    abbrev: str
    iso_abbrev: str
    issn_print: str
    issn_electronic: str
    nlm_id: str
    source: str

    @property
    def issns(self) -> list[str]:
        """The ISSNs, print first."""
        return [i for i in (self.issn_print, self.issn_electronic) if i]


# -- keys -------------------------------------------------------------------------------------
_ASCII_PUNCT = bytes.maketrans(string.punctuation.encode(), b" " * len(string.punctuation))
_NOT_WORD = compile_cached(r"[\W_]+")
_ISSN = compile_cached(r"(\d{4})\s*[-\u2010-\u2015]?\s*(\d{3}[\dxX])(?![\dxX])")


def key(text: str) -> str:
    """The matching key of a title or abbreviation: ``J. Clin. Med.`` and ``j clin med`` give ``j clin med``.

    Lower case, accents dropped, ``&`` read as ``and``, every run of punctuation a space, a leading
    ``the`` dropped (``The Lancet`` and ``Lancet`` are one journal).
    """
    text = text.lower().replace("&", " and ")
    if text.isascii():
        words = text.encode().translate(_ASCII_PUNCT).decode().split()  # fast: bytes.translate, most titles are ASCII
    else:
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        words = _NOT_WORD.sub(" ", text).split()
    if len(words) > 1 and words[0] == "the":
        del words[0]
    return " ".join(words)


def issn_key(text: str) -> str | None:
    """``1234567X`` from ``1234-567x``, ``1234567X`` or ``1234-567X (Electronic)``; ``None`` if there is no ISSN."""
    m = _ISSN.search(text)
    return (m.group(1) + m.group(2)).upper() if m else None


# -- the table ----------------------------------------------------------------------------------
def _data_path(name: str) -> str:
    """A file of the package (``name`` relative to it: ``data/journals.idx``)."""
    return os.path.join(os.path.dirname(__file__), name)


@cache
def _index() -> dict[str, Section]:
    """The prebuilt index (:mod:`msccite.journal_index`), opened on the first lookup: a fraction of a millisecond."""
    path = _data_path(INDEX)
    if os.path.exists(path):
        return open_index(path)
    return open_index(data=resources.files(__package__).joinpath(INDEX).read_bytes())  # installed in a zip


def read_table(data: bytes) -> list[str]:
    """The rows of the gzipped table (``TABLE``), one string each; line 0 names the columns."""
    import gzip  # only to build the index (msccite.journal_index), never for a lookup

    return gzip.decompress(data).decode("utf-8").split("\n")[1:-1]  # the text ends with a newline


@cache
def _journal(i: int) -> Journal:
    title, abbrev, iso, issn_p, issn_e, nlm_id, source, _ = _index()["rows"].line(i).decode("utf-8").split("\t")
    return Journal(title, abbrev, iso or abbrev, issn_p, issn_e, nlm_id, source)


def journals() -> Iterator[Journal]:
    """Every journal of the table, in table order."""
    return (_journal(i) for i in range(_index()["rows"].count))


def rows_text() -> str:
    """The table's rows as they are written, one a line (for a scan of the whole table)."""
    return _index()["rows"].text().decode("utf-8")


def index_keys(rows: Iterable[str]) -> dict[str, dict[str, list[int]]]:
    """What the index holds for the table's rows: ISSNs without their hyphen, title keys (titles and the other
    names they are cited by) and abbreviation keys, each to the rows that have it, in row order."""
    keys: dict[str, dict[str, list[int]]] = {"issn": {}, "title": {}, "abbrev": {}}

    def put(section: str, k: str, i: int) -> None:
        ids = keys[section].setdefault(k, [])
        if k and (not ids or ids[-1] != i):  # the same row twice is once; a name of punctuation only has no key
            ids.append(i)

    for i, line in enumerate(rows):
        title, abbrev, iso, print_issn, online_issn, _, _, also = line.split("\t")
        for issn in (print_issn, online_issn):
            if issn:
                put("issn", issn.replace("-", ""), i)
        put("title", key(title), i)
        for name in also.split("|") if also else ():
            put("title", key(name), i)
        for name in (abbrev, iso):
            if name:
                put("abbrev", key(name), i)
    for section in keys.values():
        section.pop("", None)
    return keys


def build_index(rows: Sequence[str]) -> bytes:
    """The index file (``INDEX``) of the table's rows: ``scripts/build_journals.py`` writes it beside the table."""
    return pack(rows, index_keys(rows))


def _tiered(ids: Iterable[int]) -> set[Journal]:
    """NLM's journals when NLM knows the key, else JabRef's: JabRef only fills what NLM lacks."""
    found = {_journal(i) for i in ids}  # a row can list one key twice (a title and its variant): counted once
    nlm = {j for j in found if j.source == "nlm"}
    return nlm or found


def title_matches(title: str) -> set[Journal]:
    """The journals a full title names: one, none, or several when the title is ambiguous."""
    return _tiered(_index()["title"].rows_of(key(title)))  # "" is not in the index


def abbrev_matches(abbrev: str) -> set[Journal]:
    """The journals an abbreviation names."""
    return _tiered(_index()["abbrev"].rows_of(key(abbrev)))


def name_matches(text: str, *, as_title: bool = True) -> frozenset[Journal]:
    """The journals a text names that is meant as a title (``as_title=False``: an abbreviation) but may be the other.

    Records put abbreviations in ``container-title`` and titles in ``container-title-short``: the
    text's own role decides, the other narrows it (``Science`` is two NLM titles, one abbreviation).
    """
    return _name_matches(text, as_title)


#: Words that name no journal on their own (an export's placeholder, a label: ``T2  - Journal``), although a
#: journal of the table may be called that once its leading "The" is dropped ("The Journal").
GENERIC = frozenset({"journal", "journals", "review", "reviews", "proceedings", "bulletin", "report", "reports",
                     "annals", "letters", "archives", "transactions", "magazine", "newsletter", "abstracts",
                     "periodical", "series", "conference", "source", "publication"})  # fmt: skip


@lru_cache(maxsize=8192)  # a file's records name the same journals again and again
def _name_matches(text: str, as_title: bool) -> frozenset[Journal]:
    if key(text) in GENERIC:
        return frozenset()
    own, other = (title_matches(text), abbrev_matches(text))[:: 1 if as_title else -1]
    if own and other and own & other:
        return frozenset(own & other)
    return frozenset(own or other)


def issn_matches(issns: Iterable[str]) -> set[Journal]:
    """The journals that have any of these ISSNs (written in any form ``issn_key`` reads)."""
    found: set[Journal] = set()
    for text in issns:
        k = issn_key(text)
        if k:
            found.update(_journal(i) for i in _index()["issn"].rows_of(k))
    return found


def resolve(by_issn: AbstractSet[Journal], named: Iterable[AbstractSet[Journal]]) -> Journal | None:
    """The one journal the evidence points to, or ``None`` when it is missing, ambiguous or contradictory.

    ISSN decides when it names one journal; several ISSN matches are narrowed by the names. Without
    an ISSN match, the names that match anything must agree on exactly one journal.
    """
    found = [s for s in named if s]
    if by_issn:
        for s in found:
            if len(by_issn) > 1 and by_issn & s:
                by_issn = by_issn & s
        return next(iter(by_issn)) if len(by_issn) == 1 else None
    if not found:
        return None
    common = set(found[0]).intersection(*found[1:])
    return next(iter(common)) if len(common) == 1 else None


def lookup(
    *,
    issn: str | Iterable[str] | None = None,
    title: str | None = None,
    abbrev: str | None = None,
) -> Journal | None:
    """The journal an ISSN (or several), a full title or an abbreviation names, or ``None``.

    A title or abbreviation two journals share gives ``None`` unless an ISSN (or the other name)
    tells them apart.

    >>> lookup(abbrev="J. Clin. Med.").title
    'Journal of Clinical Medicine'
    >>> lookup(issn="23793708").abbrev
    'JCI Insight'
    """
    issns = [issn] if isinstance(issn, str) else list(issn or ())
    named = []
    if title:
        named.append(title_matches(title))
    if abbrev:
        named.append(abbrev_matches(abbrev))
    return resolve(issn_matches(issns), named)
