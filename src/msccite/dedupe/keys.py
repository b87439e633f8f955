"""The keys records are compared by: folded titles, first authors, notice kinds, identifiers.

Everything here is a pure function of one (normalized) record, cached where a run asks it often.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Collection, Iterable
from functools import lru_cache
from typing import Any

from ..citekey import ascii_fold
from ..formats.trials import GENRE
from ..model import Record
from ..normalization.identifiers import find_trial_ids

__all__ = ["title_key", "title_parts", "title_words", "author_key", "author_alternative", "second_author_key",
           "journals_agree", "wild_equal", "language_of", "notice_kind", "identifiers", "journal_keys",
           "is_registration", "registration_key"]  # fmt: skip

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
_NONE: frozenset[str] = frozenset()  # one empty set for every title without other forms (216 bytes each)
_STOP = frozenset("a an and the of in on for to with by from at as or is are its their this that".split())


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    text = _MARKUP.sub(" ", text)
    text = ascii_fold(unicodedata.normalize("NFKC", text)).casefold()
    return _NOT_WORD.sub(" ", text).strip()


def _fold_unknown(text: str) -> str:
    """``text`` folded, a ``?`` an export wrote for a letter it could not encode kept (``Ta?a?aj``, ``espa?ola``):
    it matches any one letter (:func:`wild_equal`)."""
    return "?".join(map(_fold, text.split("?"))) if "?" in text else _fold(text)


def wild_equal(a: str, b: str) -> bool:
    """The same keys, a ``?`` in either matching any one character."""
    return len(a) == len(b) and all(p == q or p == "?" or q == "?" for p, q in zip(a, b, strict=True))


def title_key(rec: Record) -> str:
    """The title folded to ASCII lower-case words: case, accents, markup and punctuation set aside; what databases
    add to a title set aside too (:func:`title_parts`)."""
    return title_parts(rec)[0]


#: What databases append to a title: MEDLINE's erratum and comment notes, Embase's original-language title.
_APPENDED = re.compile(r"\s*(?:\.?\s*\[(?:erratum|comment|retraction|corrected|update)[^\]]*\]?|<original>.*)$",
                       re.IGNORECASE)  # fmt: skip
#: A title in another language after the title (Scopus's ``Crowdwork [Arbeiten in der Crowd]``).
_TRANSLATED = re.compile(r"^(.{12,}?)\s*\[([^\[\]]{12,})\]\.?$")
_QUOTES = "\"'“”‘’«»"


def title_parts(rec: Record) -> tuple[str, frozenset[str]]:
    """The title key, and the keys of the other forms the record gives its title: the title in another language
    in brackets after it, either half of a bilingual ``English title; Título``."""
    title = rec.get("title")
    if not isinstance(title, str) or not title:
        return "", frozenset()
    text = title.strip().strip(_QUOTES).strip()
    if "[" in text or "<" in text:  # what either pattern needs: a pattern tried at every position costs 13 µs
        text = _APPENDED.sub("", text) or text
    others: list[str] = []
    if text.endswith(("]", "].", "]\n", "].\n")) and (m := _TRANSLATED.match(text)) is not None:
        text, other = m.group(1), m.group(2)
        others.append(other)
    if text.startswith("[") and text.endswith(("]", "].")):  # MEDLINE's mark of a translated title
        text = text[1:].rstrip(".").rstrip("]")
    halves = text.split("; ")
    if len(halves) == 2 and all(len(h.split()) >= 4 for h in halves):
        others.extend(halves)
    key = _fold(text)
    alts = frozenset(k for k in map(_fold, others) if k and k != key) if others else _NONE
    return key, alts or _NONE


#: Small words that say a title's language (folded to ASCII); a word two languages share says neither.
_LANGUAGE_WORDS = {
    "en": "the of and in with for on from by an to is are versus",
    "de": "der die das und mit von fur bei zur zum im ein eine einer des dem den uber",
    "fr": "le la les et des du avec pour chez dans une sur au aux",
    "es": "el los las y del con para en por una sobre al",
    "pt": "os as e do da dos das com para em por uma sobre no na",
    "it": "il lo gli e della delle dei con per nel nella una sul",
}
_LANGUAGE_OF: dict[str, str] = {}
for _lang, _words in _LANGUAGE_WORDS.items():
    for _w in _words.split():
        _LANGUAGE_OF[_w] = "" if _LANGUAGE_OF.get(_w, _lang) != _lang else _lang


def language_of(words: Iterable[str]) -> str:
    """The language most of a title's small words say (``en``, ``de``, ``fr``, ``es``, ``pt``, ``it``), or ``""``
    when they say none or two as often."""
    votes: dict[str, int] = {}
    for w in words:
        if lang := _LANGUAGE_OF.get(w):
            votes[lang] = votes.get(lang, 0) + 1
    if not votes:
        return ""
    ranked = sorted(votes.values(), reverse=True)
    return max(votes, key=votes.__getitem__) if len(ranked) == 1 or ranked[0] > ranked[1] else ""


def title_words(key: str) -> list[str]:
    """The words of a title key that say something (no stop words)."""
    return [w for w in key.split() if w not in _STOP]


def author_alternative(rec: Record) -> str:
    """The first author's given name's first word, folded: the family name when an export swapped the two
    (``Andrea, C.`` for Carignani Andrea, ``Xiaoguang, Wang``)."""
    for n in rec.authors[:1]:
        words = _fold(n.given or "").split()
        return words[0] if words and len(words[0]) > 1 else ""
    return ""


def author_key(rec: Record) -> tuple[str, str]:
    """The first author's family name (folded, no spaces) and first initial; a corporate name's first word."""
    for n in rec.authors[:1]:
        if n.family:
            given = _fold(n.given or "")
            return _fold_unknown(n.family).replace(" ", ""), given[:1]
        if n.literal:
            words = _fold(n.literal).split()
            return (words[0] if words else ""), ""
    return "", ""


def second_author_key(rec: Record) -> str:
    """The second author's family name, folded, without spaces (interned: names recur); "" without one."""
    for n in rec.authors[1:2]:
        if n.family:
            return sys.intern(_fold(n.family).replace(" ", ""))
    return ""


def notice_kind(rec: Record, title: str | None = None) -> str:
    """``registration`` (a trial registry's record), ``erratum``, ``retraction``, ``comment``, ``protocol``,
    ``abstract`` (a conference abstract), or ``""``. ``title``: the record's :func:`title_key`, when known."""
    if is_registration(rec):
        return "registration"  # a registration is never the paper that reports its trial: a report of its study
    key = title_key(rec) if title is None else title
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


def journal_keys(rec: Record) -> tuple[str, ...]:
    """The journal as ISSNs (digits only) and folded titles: an abbreviation, a full title and an ISSN agree
    once the normalizer has looked the journal up. Each key once; one tuple for every record of a journal."""
    issns = rec.get("ISSN") or ()
    return _journal_keys(tuple(i for i in issns if isinstance(i, str)) if isinstance(issns, list) else (),
                         rec.get("container-title"), rec.get("container-title-short"))  # fmt: skip


@lru_cache(maxsize=1 << 14)  # a search's journals are few and recur
def _journal_keys(issns: tuple[str, ...], *titles: Any) -> tuple[str, ...]:
    keys = {_NOT_ISSN.sub("", i.upper())[:8] for i in issns}
    for value in titles:
        if isinstance(value, str) and value.strip():
            for part in value.split(" = "):  # MEDLINE's "Ai Zheng = Aizheng = Chinese Journal of Cancer"
                keys.add(_fold_unknown(_JOURNAL_AFTER.sub("", part)))
                main = _fold_unknown(_JOURNAL_SUBTITLE.split(part, 1)[0])  # "JAMA: Journal of the American ..."
                if main not in _GENERIC_JOURNAL:
                    keys.add(main)
    return tuple(sorted(sys.intern(k) for k in keys if k))


_NOT_ISSN = re.compile(r"[^0-9X]")


#: What separates a journal's name from its subtitle: "JAMA: ...", "Der Chirurg; Zeitschrift ...", "Acta
#: Paediatrica, International Journal ...", "JAMA - Journal ...".
_JOURNAL_SUBTITLE = re.compile(r"\s*[:;,]\s+|\s+-\s+|\s*\(")
#: Names that are no journal's name alone ("Proceedings: ...").
_GENERIC_JOURNAL = frozenset({"", "proceedings", "journal", "conference", "transactions", "annals", "bulletin",
                              "review", "letters", "communications", "the journal", "acta", "archives"})


#: What follows a journal's name and is not its name: a subtitle after " : ", a place or edition in brackets.
_JOURNAL_AFTER = re.compile(r"\s*(?:\s:\s.*|\([^)]*\)\s*)$")
_JOURNAL_NOISE = frozenset("the of and for de der des du la le et und fur y e".split())


@lru_cache(maxsize=16384)
def journal_squash(key: str) -> str:
    """A journal key without its small words and spaces: ``jthoraccardiovascsurg`` for both the journal's
    squashed abbreviation and its full title's start letters to compare by :func:`journals_agree`."""
    return "".join(w for w in key.split() if w not in _JOURNAL_NOISE)


def journals_agree(a: Collection[str], b: Collection[str]) -> bool:
    """Two records' journal keys name one journal: a key in common, or a title and its abbreviation (each word
    of the shorter, in order, starts a word of the longer; or squashed, the shorter's letters in order in the
    longer's, from the same first letter)."""
    if not set(a).isdisjoint(b):
        return True
    if not {journal_squash(x) for x in a}.isdisjoint([journal_squash(y) for y in b]):
        return True  # "Zhonghua Wei Chang Wai Ke Za Zhi" and "Zhonghua Weichang Waike Zazhi"
    for x in a:
        if x.isdigit() or len(x) == 8 and x[:7].isdigit():
            continue  # an ISSN
        for y in b:
            if y.isdigit() or len(y) == 8 and y[:7].isdigit():
                continue
            if _abbreviates(x, y) or _abbreviates(y, x):
                return True
    if any("?" in x for x in a) or any("?" in y for y in b):  # "Revista espa?ola de ...", a letter lost
        return any(wild_equal(x, y) for x in a for y in b)
    return False


@lru_cache(maxsize=16384)
def _abbreviates(short: str, long_: str) -> bool:
    """``short`` is ``long_`` abbreviated: its words (stop words aside) start the long one's, one for one
    (``ann intern med``), or ``long_`` holds it as a run of three words or more; one squashed word
    (``jthoraccardiovascsurg``) is a start of each long word in turn."""
    sw = [w for w in short.split() if w not in _JOURNAL_NOISE]
    lw = [w for w in long_.split() if w not in _JOURNAL_NOISE]
    if not sw or len(sw) > len(lw):
        return False
    if len(sw) == len(lw) and len(sw) > 1:
        return all(w.startswith(s) for s, w in zip(sw, lw, strict=True))
    if len(sw) >= 3:
        return any(lw[i : i + len(sw)] == sw for i in range(len(lw) - len(sw) + 1))
    if len(sw) == 1 and len(lw) >= 3 and sw[0] == "".join(w[0] for w in lw if w not in _ACRONYM_SKIP):
        return True  # an acronym: "icis", "international conference on information systems"
    return len(sw) == 1 and len(lw) > 1 and len(sw[0]) >= 6 and _starts_each(sw[0], tuple(lw))


#: Small words an acronym leaves out, besides the journal noise words.
_ACRONYM_SKIP = frozenset("on in at to a an".split())


def _starts_each(text: str, words: tuple[str, ...]) -> bool:
    """``text`` is a non-empty start of each of ``words`` in turn, run together."""
    if not words:
        return not text
    first, rest = words[0], words[1:]
    return any(text[:n] == first[:n] and _starts_each(text[n:], rest)
               for n in range(min(len(first), len(text) - len(rest)), 0, -1))  # fmt: skip
