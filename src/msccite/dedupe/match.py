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
from .keys import author_key, identifiers, journal_keys, notice_kind, title_key, title_words

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


@dataclass(slots=True)
class Keys:
    """What one record is compared by, computed once (small: a run holds one for every record)."""

    ids: dict[str, str]
    title: str
    year: int | None
    author: tuple[str, str]
    journal: frozenset[str]
    volume: str
    page: str
    kind: str
    cut: bool = False  # the title ends with "..." (an exporter cut it)
    wordset: frozenset[str] = frozenset()


def keys_of(rec: Record) -> Keys:
    title = title_key(rec)
    page = _FIRST_PAGE.match(str(rec.get("page") or ""))
    return Keys(
        ids=identifiers(rec),
        title=title,
        year=rec.year,
        author=author_key(rec),
        journal=frozenset(journal_keys(rec)),
        volume=str(rec.get("volume") or "").strip().lower(),
        page=page.group(0).lower() if page else "",
        kind=notice_kind(rec),
        cut=str(rec.get("title") or "").rstrip().endswith(("...", "\u2026")),
        wordset=frozenset(map(sys.intern, title.split())),  # the same words recur: one copy of each
    )


def blocks_of(k: Keys) -> list[tuple[str, ...]]:
    """The blocks a record is in: its identifiers, its first title words, first author and year."""
    words = title_words(k.title)
    blocks: list[tuple[str, ...]] = [(var, value) for var, value in k.ids.items()]
    if len(words) >= 2:
        blocks.append(("t", *words[:3]))
    if len(words) >= 2 and k.author[0]:
        blocks.append(("a", k.author[0], *words[:2]))
    if k.year is not None and k.author[0]:
        blocks.append(("y", str(k.year), *k.author))
    return blocks


def candidates(all_keys: list[Keys]) -> Iterator[tuple[int, int]]:
    """The pairs of records that share a block, as ``(i, j)`` with ``i < j``.

    A block of up to :data:`WINDOW` + 1 records gives all its pairs. A larger one (a common title start,
    a prolific first author's year) is sorted by title and each record is paired with the next
    :data:`WINDOW` (the sorted-neighbourhood method): the cost grows with the number of records, not
    with the square of a block's size, and a cut or re-cased title still sorts next to its full one.
    A pair that shares several blocks may come more than once; the caller keeps one.
    """
    blocks: dict[tuple[str, ...], list[int]] = {}
    for i, k in enumerate(all_keys):
        for b in blocks_of(k):
            blocks.setdefault(b, []).append(i)
    for members in blocks.values():
        n = len(members)
        if n < 2:
            continue
        if n > WINDOW + 1:
            members.sort(key=lambda i: all_keys[i].title)
        for x in range(n - 1):
            i = members[x]
            for j in members[x + 1 : x + 1 + WINDOW]:
                yield (i, j) if i < j else (j, i)


def title_similarity(a: str, b: str, cut: bool = False) -> float:
    """1 for the same folded title; a title an exporter cut (``cut``: it ends with ``...``) that starts the
    other scores ``_TRUNCATED``; else difflib's ratio (of the first :data:`_MAX_TITLE` characters of each)."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if cut and len(short) >= 30 and long_.startswith(short):
        return _TRUNCATED
    return _ratio(a[:_MAX_TITLE], b[:_MAX_TITLE])


@lru_cache(maxsize=1 << 16)  # the same two titles meet again: a work found in three databases is six pairs
def _ratio(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < UNSURE or matcher.quick_ratio() < UNSURE:
        return matcher.quick_ratio()
    return matcher.ratio()


#: Below this share of words in common (Dice), two titles are not compared character by character.
_FEW_WORDS = 0.7


def _word_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def score(a: Keys, b: Keys) -> tuple[float, str]:
    """How sure it is that two records are the same work (0 to 1), and why."""
    shorter = a if len(a.title) <= len(b.title) else b
    if a.title != b.title and not shorter.cut and _word_overlap(a.wordset, b.wordset) < _FEW_WORDS:
        ts = 0.0  # few words in common: not worth difflib's character comparison (the costly part of a run)
    else:
        ts = title_similarity(a.title, b.title, shorter.cut)
    if a.kind != b.kind and not (ts == _TRUNCATED and {a.kind, b.kind} == {"", "protocol"}):
        # a cut title may have lost "study protocol" (the one notice said late in a title), nothing else
        return 0.0, f"a {a.kind or b.kind} is not the work it concerns"
    for var in IDENTIFIERS:
        if var in a.ids and var in b.ids and a.ids[var] != b.ids[var]:
            return 0.0, f"different {var}s"
    same_id = next((var for var in IDENTIFIERS if var in a.ids and a.ids[var] == b.ids.get(var)), None)
    if same_id is not None:
        if a.title and b.title and ts < 0.6:
            return 0.8, f"same {same_id}, but different titles"
        return 1.0, f"same {same_id}"
    s = ts
    why = ["same title" if ts == 1.0 else "truncated title" if ts == _TRUNCATED else f"title {ts:.2f}"]
    if a.year is not None and b.year is not None and a.year != b.year:
        s -= 0.03 if abs(a.year - b.year) == 1 else 0.3
        why.append(f"years {a.year}/{b.year}")
    if a.author[0] and b.author[0]:
        fa, fb = a.author[0], b.author[0]
        if fa == fb or (min(len(fa), len(fb)) >= 4 and (fa.endswith(fb) or fb.endswith(fa))):
            s += 0.02
        else:
            s -= 0.15
            why.append("other first author")
    if a.journal and b.journal:
        if a.journal & b.journal:
            s += 0.02
        else:
            s -= 0.05
            why.append("other journal")
    if a.volume and b.volume and a.volume != b.volume:
        s -= 0.1
        why.append("other volume")
    if a.page.isdigit() and b.page.isdigit() and a.page != b.page:  # not an article number (e0298242) vs pages
        s -= 0.1
        why.append("other pages")
    return max(0.0, min(1.0, s)), ", ".join(why)
