"""Citation keys for records that have none: deterministic, ASCII, unique within one output.

The scheme (documented in ``docs/model.md``): first author's family name (or the first word of
a corporate name, or ``anon``), the year (or ``nd``), the first title word that is not a
stop word, all folded to lower-case ASCII letters and digits: ``vivarelli2023phase``.
A second record with the same key in the same output gets ``a``, ``b`` ... appended
(``vivarelli2023phasea``), so the same input always gives the same keys.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from array import array
from bisect import bisect_left
from functools import lru_cache
from hashlib import blake2b
from typing import TYPE_CHECKING

from .richtext import plain

if TYPE_CHECKING:
    from .model import Record

__all__ = ["make_key", "KeyMaker", "ascii_fold"]

_STOP = frozenset(
    "a an the on of in for and or to with from by at as is are be into its via de la le el los las der die "
    "das und du des et".split()
)
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
                          "đ": "d", "Đ": "D", "þ": "th", "Þ": "Th", "œ": "oe", "Œ": "OE", "ı": "i"})  # fmt: skip
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_TITLE_SPLIT = re.compile(r"[\s\-–—/:]+")


def ascii_fold(text: str) -> str:
    """``Törnqvist Andrén`` -> ``Tornqvist Andren``: accents removed, a few letters spelled out."""
    if text.isascii():  # nothing to fold: NFKD leaves ASCII as it is
        return text
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii")


@lru_cache(maxsize=16384)  # names and title words repeat across a file
def _word(text: str) -> str:
    return _NON_ALNUM.sub("", ascii_fold(text).lower())


def make_key(record: Record) -> str:
    """The key the scheme gives one record, before any uniqueness suffix."""
    fields = record.fields
    names = fields.get("author") or fields.get("editor") or []
    who = ""
    if names:
        first = names[0]
        who = _word(first.family or (first.literal.split() or [""])[0])
    year = record.year
    title_word = ""
    title = str(fields.get("title") or "")
    for word in _TITLE_SPLIT.split(plain(title) if "<" in title else title):
        folded = _word(word)
        if folded and folded not in _STOP:
            title_word = folded
            break
    return f"{who or 'anon'}{year if year is not None else 'nd'}{title_word}"


def _digest(key: str) -> int:
    """A key as a 64-bit number, the same in every process (``hash()`` of a str is not)."""
    return int.from_bytes(blake2b(key.encode(), digest_size=8).digest(), "little")


class _Digests:
    """A set of 64-bit digests in 8 bytes each (a million keys: 8 MB, where a set of the keys takes 104 MB): the
    recent ones in a small set, merged in order into one sorted array when it fills up."""

    __slots__ = ("_sorted", "_recent")

    _RECENT = 1 << 16

    def __init__(self) -> None:
        self._sorted = array("Q")
        self._recent: set[int] = set()

    def __contains__(self, digest: int) -> bool:
        if digest in self._recent:
            return True
        a = self._sorted
        i = bisect_left(a, digest)
        return i < len(a) and a[i] == digest

    def add(self, digest: int) -> None:
        self._recent.add(digest)
        if len(self._recent) >= self._RECENT:
            self._sorted = array("Q", heapq.merge(self._sorted, sorted(self._recent)))
            self._recent = set()


class KeyMaker:
    """Hands out keys unique within one output, keeping the keys records already have.

    The keys given out are remembered as 64-bit digests. Two keys with one digest (about one chance in 30 million for a
    million keys) would only make the second get a suffix it did not need: the keys stay unique, and the same
    input always gives the same keys."""

    def __init__(self) -> None:
        self._used = _Digests()

    def reserve(self, key: str) -> None:
        self._used.add(_digest(key))

    def key_for(self, record: Record) -> str:
        if record.id:
            self.reserve(record.id)
            return record.id
        return self.generate(make_key(record))

    def generate(self, base: str) -> str:
        """``base``, or ``base`` with the first suffix (a, b ... z, aa ...) no earlier key has."""
        key, n = base, 0
        digest = _digest(key)
        while digest in self._used:
            key = base + _suffix(n)
            digest = _digest(key)
            n += 1
        self._used.add(digest)
        return key


def _suffix(n: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa ..."""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(97 + r) + out
    return out
