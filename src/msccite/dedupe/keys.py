"""The keys records are compared by: folded titles, first authors, notice kinds, identifiers.

Everything here is a pure function of one (normalized) record, cached where a run asks it often.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..citekey import ascii_fold
from ..formats.trials import GENRE
from ..model import Record
from ..normalization.identifiers import find_trial_ids

__all__ = ["title_key", "title_words", "author_key", "notice_kind", "identifiers", "journal_keys", "is_registration",
           "registration_key"]

_NOT_WORD = re.compile(r"[^a-z0-9]+")
_MARKUP = re.compile(r"<[^>]+>")
#: Titles that announce a notice about another work, which must never merge with that work.
_NOTICES = (
    ("erratum", re.compile(r"^(?:erratum|errata|correction|corrigendum|corrigenda|publisher correction"
                           r"|author correction)\b")),
    ("retraction", re.compile(r"^(?:retraction|retracted|notice of retraction|expression of concern)\b")),
    ("comment", re.compile(r"^(?:comment(?:ary)? on|in reply|reply|response to|re |letter to the editor"
                           r"|editorial comment)\b")),
    ("protocol", re.compile(r"\b(?:study protocol|trial protocol|protocol for|a protocol)\b")),
    ("abstract", re.compile(r"^(?:abstract|poster|oral presentation)\b")),
)  # fmt: skip
_STOP = frozenset("a an and the of in on for to with by from at as or is are its their this that".split())


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    text = _MARKUP.sub(" ", text)
    text = ascii_fold(unicodedata.normalize("NFKC", text)).casefold()
    return _NOT_WORD.sub(" ", text).strip()


def title_key(rec: Record) -> str:
    """The title folded to ASCII lower-case words: case, accents, markup and punctuation set aside."""
    title = rec.get("title")
    return _fold(title) if isinstance(title, str) else ""


def title_words(key: str) -> list[str]:
    """The words of a title key that say something (no stop words)."""
    return [w for w in key.split() if w not in _STOP]


def author_key(rec: Record) -> tuple[str, str]:
    """The first author's family name (folded, no spaces) and first initial; a corporate name's first word."""
    for n in rec.authors[:1]:
        if n.family:
            given = _fold(n.given or "")
            return _fold(n.family).replace(" ", ""), given[:1]
        if n.literal:
            words = _fold(n.literal).split()
            return (words[0] if words else ""), ""
    return "", ""


def notice_kind(rec: Record) -> str:
    """``registration`` (a trial registry's record), ``erratum``, ``retraction``, ``comment``, ``protocol``,
    ``abstract`` (a conference abstract), or ``""``."""
    if is_registration(rec):
        return "registration"  # a registration is never the paper that reports its trial: a report of its study
    key = title_key(rec)
    for kind, pattern in _NOTICES:
        if pattern.search(key):
            return kind
    genre = _fold(str(rec.get("genre") or ""))
    if any(w in genre for w in ("erratum", "correction")):
        return "erratum"
    if "retraction" in genre:
        return "retraction"
    if "conference abstract" in genre or "meeting abstract" in genre:
        return "abstract"
    return ""


def identifiers(rec: Record) -> dict[str, str]:
    """DOI (lower-case), PMID and PMCID as the normalizer left them; a registration's ID (``number``, as
    ``registration``): the same registration read from two exports is one record, two registrations never are."""
    out = {}
    for var in ("DOI", "PMID", "PMCID"):
        value = rec.get(var)
        if isinstance(value, str) and value.strip():
            out[var] = value.strip().casefold() if var == "DOI" else value.strip().upper()
    if is_registration(rec) and isinstance(number := rec.get("number"), str) and number.strip():
        out["registration"] = registration_key(number)
    return out


def is_registration(rec: Record) -> bool:
    """A trial registry's record (``formats/trials.py``'s shape: a report whose genre is a clinical trial
    registration)."""
    return rec.type == "report" and str(rec.get("genre") or "").casefold() == GENRE.casefold()


def registration_key(number: str) -> str:
    """A registration ID compared: its canonical form (``NCT 01234567`` = ``NCT01234567``), else as written, folded."""
    found = find_trial_ids(number)
    return found[0] if len(found) == 1 and len(found[0]) >= len(number.strip()) - 4 else number.strip().casefold()


def journal_keys(rec: Record) -> set[str]:
    """The journal as ISSNs (digits only) and folded titles: an abbreviation, a full title and an ISSN agree
    once the normalizer has looked the journal up."""
    keys = {re.sub(r"[^0-9X]", "", i.upper())[:8] for i in rec.get("ISSN") or [] if isinstance(i, str)}
    for var in ("container-title", "container-title-short"):
        value = rec.get(var)
        if isinstance(value, str) and value.strip():
            keys.add(_fold(value))
    return {k for k in keys if k}
