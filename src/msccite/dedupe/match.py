"""Which records are the same work: blocking, then a score for each candidate pair.

Identifiers decide when both records have one (the same DOI, PMID or PMCID: the same work; two different
DOIs: never). Otherwise records that share a block (the first title words; the year and first author) are
scored on title (truncation allowed), year, first author, journal, volume and first page. A notice (erratum,
retraction, comment, protocol, conference abstract) never matches a work of another kind.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..model import Record
from .keys import (
    author_alternative,
    author_key,
    identifiers,
    journal_keys,
    journals_agree,
    language_of,
    notice_kind,
    second_author_key,
    title_parts,
    title_words,
    wild_equal,
)

__all__ = ["Keys", "keys_of", "blocks_of", "candidates", "score", "SAME", "UNSURE", "WINDOW", "IDENTIFIERS"]

#: The identifiers that decide: the same one, the same work; two different ones, never (a registration's ID: two
#: registries' records of one trial are two documents, reports of one study: linked by ``studies``, not merged).
IDENTIFIERS = ("DOI", "PMID", "PMCID", "registration")
#: At or above: the same work. At or above UNSURE and below SAME: a pair for the reviewer, never merged.
SAME = 0.92
UNSURE = 0.75
#: In a block larger than this (plus one), each record is compared with the next WINDOW in title order.
WINDOW = 24
_TRUNCATED = 0.97  # the score of a title that is the start of the other (an exporter's cut)
#: Titles are compared character by character on this many first characters only: difflib's time grows with the
#: product of the lengths (two 20,000-character titles took 26 s, issue 30.9), and no real title is this long.
_MAX_TITLE = 1000
_FIRST_PAGE = re.compile(r"[A-Za-z]*\d+")
#: A volume number and what some sources append to it: a supplement or an issue (``35 Suppl 1``, ``12(3)``).
_VOLUME_AND_MORE = re.compile(r"(\d+)(?:\s*\(|\s+(?:suppl|supplement|pt|part|no|issue)\b)", re.IGNORECASE)
#: What numbers a title (folded): digits, and the designator of a part ("part ii", "case a", "phase ii").
_NUMBERS = re.compile(r"\d{1,3}(?: \d{3})+(?!\d)|\d+"  # "1 000": a thousands separator, folded
                      r"|\b(?:part|case|volume|vol|section|chapter|phase|type|stage|grade)\s+([a-z]|[ivx]{1,4})\b")
_ROMAN = {r: str(n) for n, r in enumerate("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv".split(), 1)}
_LAST_PAGE = re.compile(r"[A-Za-z]*\d+\s*[-–]+\s*([A-Za-z]*\d+)")


@dataclass(slots=True)
class Keys:
    """What one record is compared by, computed once (small: a run holds one for every record)."""

    ids: dict[str, str]
    title: str
    year: int | None
    author: tuple[str, str]
    journal: tuple[str, ...]
    volume: str
    page: str
    kind: str
    cut: bool = False  # the title ends with "..." (an exporter cut it)
    wordset: tuple[str, ...] = ()  # the title's words, once each (a tuple: a run holds one per record)
    #: The title's other forms (in another language, one half of a bilingual title), as keys.
    alts: frozenset[str] = frozenset()
    issue: str = ""  # a plain issue number of one or two digits (larger "issues" are some exports' record numbers)
    last_page: str = ""
    author_alt: str = ""  # the first author's given name's first word (the family name, when swapped)
    second_author: str = ""  # the second author's family name, folded (an export that put the two in other order)
    translated: bool = False  # the title is a translation: in MEDLINE's brackets (``[Comparison of ...]``)


def keys_of(rec: Record) -> Keys:
    title, alts = title_parts(rec)
    pages = str(rec.get("page") or "")
    page = _FIRST_PAGE.match(pages)
    last = _LAST_PAGE.match(pages)
    issue = str(rec.get("issue") or "").strip()
    return Keys(
        ids=identifiers(rec),
        title=title,
        year=rec.year,
        author=author_key(rec),
        journal=journal_keys(rec),
        volume=volume_key(str(rec.get("volume") or ""), rec.year),
        page=page.group(0).lower() if page else "",
        kind=notice_kind(rec, title),
        cut=str(rec.get("title") or "").rstrip().endswith(("...", "\u2026")),
        wordset=tuple(dict.fromkeys(map(sys.intern, title.split()))),  # the same words recur: one copy of each
        alts=alts,
        issue=issue if issue.isdigit() and len(issue) <= 2 else "",
        last_page=last.group(1).lower() if last else "",
        author_alt=author_alternative(rec),
        second_author=second_author_key(rec),
        translated=_bracketed(str(rec.get("title") or "")),
    )


def _bracketed(title: str) -> bool:
    title = title.strip()
    return title.startswith("[") and title.endswith(("]", "]."))


def volume_key(volume: str, year: int | None = None) -> str:
    """A volume as compared: its number alone where a source wrote a supplement or an issue after it (MEDLINE's
    ``35 Suppl 1``, ``12(3)``: the issue field of another source holds that part), else as written, lower-cased;
    none when it is the record's year (a magazine's issues dated by some databases as volume 2016, by others as
    volume 94)."""
    volume = volume.strip()
    m = _VOLUME_AND_MORE.match(volume)
    key = m.group(1) if m else volume.lower()
    return "" if year is not None and key == str(year) else key


def blocks_of(k: Keys) -> list[tuple[str, ...]]:
    """The blocks a record is in: its identifiers, its first title words, first author and year; and its place
    (year, volume, first page) when its title is a translation or it has no author."""
    words = title_words(k.title)
    blocks: list[tuple[str, ...]] = [(var, value) for var, value in k.ids.items()]
    if len(words) >= 2:
        blocks.append(("t", *words[:3]))
    if len(words) >= 2 and k.author[0]:
        blocks.append(("a", k.author[0], *words[:2]))
    if k.year is not None and k.author[0]:
        blocks.append(("y", str(k.year), *k.author))
    if (k.translated or not k.author[0]) and k.volume and k.page and k.year is not None:
        # its place, for a record that the blocks above may miss: a translated title (other words), no authors
        blocks.append(("p", str(k.year), k.volume, k.page))
    return blocks


def candidates(all_keys: list[Keys]) -> Iterator[tuple[int, int]]:
    """The pairs of records that share a block, as ``(i, j)`` with ``i < j``.

    A block of up to :data:`WINDOW` + 1 records gives all its pairs. A larger one (a common title start,
    a prolific first author's year) is sorted by title and each record is paired with the next
    :data:`WINDOW` (the sorted-neighbourhood method): the cost grows with the number of records, not
    with the square of a block's size, and a cut or re-cased title still sorts next to its full one.
    A pair that shares several blocks may come more than once; the caller keeps one. Two records with two
    different DOIs are not a pair (never one work: :func:`score`), which most pairs of a large search are.
    """
    blocks: dict[tuple[str, ...], list[int]] = {}
    dois = []
    for i, k in enumerate(all_keys):
        dois.append(k.ids.get("DOI", ""))
        for b in blocks_of(k):
            blocks.setdefault(b, []).append(i)
    while blocks:  # each block let go once its pairs are given: the pairs found grow as the blocks go
        members = blocks.popitem()[1]
        n = len(members)
        if n < 2:
            continue
        if n > WINDOW + 1:
            members.sort(key=lambda i: all_keys[i].title)
        for x in range(n - 1):
            i = members[x]
            doi = dois[i]
            for j in members[x + 1 : x + 1 + WINDOW]:
                if not doi or not dois[j] or doi == dois[j]:
                    yield (i, j) if i < j else (j, i)


def title_similarity(a: str, b: str, cut: bool = False, floor: float = 0.0) -> float:
    """1 for the same folded title; a title an exporter cut (``cut``: it ends with ``...``) that starts the
    other scores ``_TRUNCATED``; else difflib's ratio (of the first :data:`_MAX_TITLE` characters of each).

    ``floor``: a ratio below it need not be exact. Then an upper bound of it that is itself below ``floor`` may
    be returned (the titles' longest common subsequence, :func:`_lcs_ratio`), which costs a tenth of difflib's."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if cut and len(short) >= 30 and long_.startswith(short):
        return _TRUNCATED
    return _ratio(a[:_MAX_TITLE], b[:_MAX_TITLE], floor)


@lru_cache(maxsize=1 << 16)  # the same two titles meet again: a work found in three databases is six pairs
def _ratio(a: str, b: str, floor: float = 0.0) -> float:
    if floor:
        bound = 2 * min(len(a), len(b)) / (len(a) + len(b))
        if bound < floor or (bound := _lcs_ratio(a, b)) < floor:
            return bound
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _lcs_ratio(a: str, b: str) -> float:
    """``2 * LCS / (len(a) + len(b))``, LCS the length of the longest common subsequence: never below difflib's
    ratio (whose matching blocks are one common subsequence). Bit-parallel (Allison and Dix 1986; Hyyrö 2004): one
    bit per character of ``a`` in a Python integer, a few integer operations per character of ``b``."""
    masks: dict[str, int] = {}
    bit = 1
    for ch in a:
        masks[ch] = masks.get(ch, 0) | bit
        bit <<= 1
    v = bit - 1
    get = masks.get
    for ch in b:
        u = v & get(ch, 0)
        v = (v + u) | (v - u)
    lcs = len(a) - (v & (bit - 1)).bit_count()
    return 2 * lcs / (len(a) + len(b))


#: Below this share of words in common (Dice), two titles are not compared character by character.
_FEW_WORDS = 0.7
#: A title of this many words or fewer (``Editorial introduction``) names a work only at the same place.
_SHORT = 3


def _word_overlap(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    return 2 * len(set(a).intersection(b)) / (len(a) + len(b)) if a and b else 0.0


def same_author(a: Keys, b: Keys) -> bool:
    """The first authors are one person as far as their family names tell: the same, one ending the other
    (``von Pawel``/``Pawel``), one letter apart or lost (``Hiessl``/``Hiess``, ``Mulic``/``Muli``), an export
    that swapped family and given names, or one that listed the first two authors in the other order."""
    fa, fb = a.author[0], b.author[0]
    if fa == fb or (min(len(fa), len(fb)) >= 4 and (fa.endswith(fb) or fb.endswith(fa))):
        return True
    if a.author_alt and (a.author_alt == fb) or b.author_alt and (b.author_alt == fa):
        return True
    if a.second_author and a.second_author == fb and b.second_author == fa:
        return True  # the first two authors, in the other order
    if "?" in fa or "?" in fb:  # letters an export could not encode, each a "?" (Ta?a?aj for Tałałaj)
        return wild_equal(fa, fb)
    if _initials_after(fa, fb, b.author[1]) or _initials_after(fb, fa, a.author[1]):
        return True
    return min(len(fa), len(fb)) >= 4 and _one_edit_apart(fa, fb)


def _initials_after(longer: str, family: str, initial: str) -> bool:
    """``longer`` is ``family`` and up to three more letters that start with the other's first initial: the given
    names' initials written into the family name (MEDLINE's ``Paschoalini MdaS`` read as family ``Paschoalini
    Mda``)."""
    rest = len(longer) - len(family)
    return 0 < rest <= 3 and len(family) >= 4 and bool(initial) and longer.startswith(family + initial)


@lru_cache(maxsize=1 << 14)
def _one_edit_apart(x: str, y: str) -> bool:
    if abs(len(x) - len(y)) > 1:
        return False
    if len(x) == len(y):
        return sum(p != q for p, q in zip(x, y, strict=True)) <= 1
    short, long_ = (x, y) if len(x) < len(y) else (y, x)
    i = next((k for k, (p, q) in enumerate(zip(short, long_)) if p != q), len(short))
    return short[i:] == long_[i + 1 :]


def _same_range(a: Keys, b: Keys) -> bool:
    """The same pages, a range of two pages or more (not one page, which several short items may share)."""
    return _same_pages(a, b) and a.last_page != a.page


def _same_pages(a: Keys, b: Keys) -> bool:
    """The same first and last page, both given."""
    return bool(a.page and a.last_page) and a.page == b.page and a.last_page == b.last_page


def _located(a: Keys, b: Keys) -> bool:
    """The same place in the same journal: volume (or, in proceedings without one, the whole page range) and first
    page, the year within one, the journal, and no two different issue numbers."""
    volumes = bool(a.volume) and a.volume == b.volume or (not a.volume or not b.volume) and _same_pages(a, b)
    return (volumes and bool(a.page) and a.page == b.page
            and a.year is not None and b.year is not None and abs(a.year - b.year) <= 1
            and not (a.issue and b.issue and a.issue != b.issue)
            and bool(a.journal) and bool(b.journal) and journals_agree(a.journal, b.journal))  # fmt: skip


def _other_numbers(a: str, b: str) -> bool:
    """Both titles hold numbers, and not the same ones (a title without any may spell its numbers out). Digits
    count wherever they stand (``alphavbeta3`` and ``(alpha)v(beta)3``; ``1,000`` is ``1000``), and so does the
    letter or Roman numeral of a part, case, volume, section, chapter, phase, type, stage or grade (``Part II`` is
    ``Part 2``, ``phase II`` is ``phase 2``; ``Case A`` is not ``Case B``)."""
    na = _numbers(a)
    if not na:
        return False
    nb = _numbers(b)
    return bool(nb) and na != nb


def _numbers(title: str) -> set[str]:
    return {_ROMAN.get(m[1], m[1]) if m[1] else m[0].replace(" ", "") for m in _NUMBERS.finditer(title)}


def _same_place(a: Keys, b: Keys) -> bool:
    """Located (:func:`_located`), or the same volume, year and whole page range (two pages or more) in journals
    named otherwise (``Japanese Journal of Cancer and Chemotherapy``, ``Gan to Kagaku Ryoho``)."""
    return _located(a, b) or (bool(a.volume) and a.volume == b.volume and _same_range(a, b) and a.year == b.year
                              and not (a.issue and b.issue and a.issue != b.issue))  # fmt: skip


def _subtitled(a: Keys, b: Keys) -> bool:
    """One title is the other without its subtitle (``Diminished control in crowdsourcing``)."""
    short, long_ = (a.title, b.title) if len(a.title) <= len(b.title) else (b.title, a.title)
    return len(short.split()) >= 2 and long_.startswith(short + " ")


def _translated(a: Keys, b: Keys) -> bool:
    """The titles are in two languages (by their small words), and the pages agree to the last one."""
    la, lb = language_of(a.wordset), language_of(b.wordset)
    return bool(la and lb and la != lb and a.last_page and a.last_page == b.last_page)


def _other_forms(a: Keys, b: Keys) -> bool:
    """A title in another language or one half of a bilingual title is the other record's title (or form)."""
    return a.title in b.alts or b.title in a.alts or bool(a.alts & b.alts)


def _different_id(a: dict[str, str], b: dict[str, str]) -> str:
    """The first identifier both have with two different values, else ``""``."""
    if a and b:
        for var in IDENTIFIERS:
            if var in a and var in b and a[var] != b[var]:
                return var
    return ""


def score(a: Keys, b: Keys, floor: float = 0.0) -> tuple[float, str]:
    """How sure it is that two records are the same work (0 to 1), and why.

    ``floor`` (at most :data:`UNSURE`): a pair that cannot reach it may be given up early, as ``(0.0, reason)``;
    a run's pairs are mostly two works that share a block and little else."""
    if a.kind == b.kind:  # two different DOIs (PMIDs ...): never one work, whatever the titles (most of a run's pairs)
        differ = _different_id(a.ids, b.ids)
        if differ:
            return 0.0, f"different {differ}s"
    shorter = a if len(a.title) <= len(b.title) else b
    if (a.alts or b.alts) and _other_forms(a, b):
        ts = 1.0
    elif a.title != b.title and not shorter.cut and _word_overlap(a.wordset, b.wordset) < _FEW_WORDS:
        # few words in common: not worth difflib's character comparison (the costly part of a run). Only the same
        # identifier, or the same place in a journal (a title without its subtitle, or translated), is left.
        if floor and a.ids.items().isdisjoint(b.ids.items()) and not _located(a, b):
            return 0.0, "few title words in common"
        ts = 0.0
    else:  # exact where a decision needs it: at 0.6 with the same identifier, else from 0.7 (see below)
        same = not a.ids.items().isdisjoint(b.ids.items())
        ts = title_similarity(a.title, b.title, shorter.cut, 0.6 if same else 0.7)
    if a.kind != b.kind and not (ts == _TRUNCATED and {a.kind, b.kind} == {"", "protocol"}):
        # a cut title may have lost "study protocol" (the one notice said late in a title), nothing else
        return 0.0, f"a {a.kind or b.kind} is not the work it concerns"
    differ = _different_id(a.ids, b.ids)
    if differ:
        return 0.0, f"different {differ}s"
    same_id = next((var for var in IDENTIFIERS if var in a.ids and a.ids[var] == b.ids.get(var)), None)
    authors = bool(a.author[0] and b.author[0]) and same_author(a, b)
    if same_id is not None:
        if a.title and b.title and ts < 0.6:
            if _subtitled(a, b) or authors and _located(a, b) and _translated(a, b):
                return 1.0, f"same {same_id}, the title without its subtitle or translated"
            return 0.8, f"same {same_id}, but different titles"
        return 1.0, f"same {same_id}"
    if authors and ts < SAME and _located(a, b):
        # the same first author, journal, volume and first page, and a title like the other, the other without
        # its subtitle, or the other in another language: one article
        if ts >= 0.7 or _subtitled(a, b) or _translated(a, b):
            return 0.95, f"title {ts:.2f}, the same author, journal, volume and first page"
        if (a.translated or b.translated) and _same_range(a, b) and a.second_author \
                and a.second_author == b.second_author:  # fmt: skip
            # two translations of a title (MEDLINE's, in brackets, and the journal's own), the rest all the same
            return 0.95, f"title {ts:.2f}, the same first two authors, journal, volume and pages"
    elif (a.translated or b.translated) and not (a.author[0] and b.author[0]) and _same_range(a, b) \
            and _located(a, b):  # fmt: skip
        # ... and the same when one record has no authors at all (not another author: none)
        return 0.95, f"title {ts:.2f}, a translation at the same journal, volume and pages, authors missing"
    s = ts
    why = ["same title" if ts == 1.0 else "truncated title" if ts == _TRUNCATED else f"title {ts:.2f}"]
    years_differ = a.year is not None and b.year is not None and a.year != b.year
    if years_differ:
        s -= 0.03 if abs(a.year - b.year) == 1 else 0.3
        why.append(f"years {a.year}/{b.year}")
    if a.author[0] and b.author[0]:
        if authors:
            s += 0.02
        else:
            s -= 0.15
            why.append("other first author")
    if a.journal and b.journal:
        if journals_agree(a.journal, b.journal):
            s += 0.02
        elif ts >= 0.95 and authors and not years_differ and _same_pages(a, b):
            why.append("the container named otherwise, the same pages")  # a proceedings' title and its series'
        else:
            s -= 0.17 if years_differ else 0.12  # a journal that is not the other's: unsure at best
            why.append("other journal")
    if a.issue and b.issue and a.issue != b.issue and a.volume == b.volume and not (a.page and a.page == b.page):
        s -= 0.15  # a serial's editorials ("Editor's comments") in each issue of a volume
        why.append("other issue")
    if a.volume and b.volume and a.volume != b.volume:
        s -= 0.1
        why.append("other volume")
    if a.page.isdigit() and b.page.isdigit() and a.page != b.page:  # not an article number (e0298242) vs pages
        s -= 0.1
        why.append("other pages")
    if s >= SAME and ts != _TRUNCATED and _other_numbers(a.title, b.title):
        s = SAME - 0.01  # "ICIS 2013, Volume 1" and "Volume 4", "Editorial March 2009" and "March 2010"
        why.append("other numbers in the titles")
    if s >= SAME and len(a.wordset) <= _SHORT and len(b.wordset) <= _SHORT and not _same_place(a, b):
        s = SAME - 0.01  # "Editorial introduction" in every issue of a serial: a short title alone is no work's
        why.append("a short title at another place or none")
    return max(0.0, min(1.0, s)), ", ".join(why)
