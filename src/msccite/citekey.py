"""Citation keys for records that have none: deterministic, ASCII, unique within one output.

The scheme (documented in ``docs/model.md``): first author's family name (or the first word of
a corporate name, or ``anon``), the year (or ``nd``), the first title word that is not a
stop word, all folded to lower-case ASCII letters and digits: ``vivarelli2023phase``.
A second record with the same key in the same output gets ``a``, ``b`` ... appended
(``vivarelli2023phasea``), so the same input always gives the same keys.
"""

from __future__ import annotations

import heapq
import unicodedata
from array import array
from bisect import bisect_left
from functools import lru_cache
from typing import TYPE_CHECKING

from .lazyre import compile_cached
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
_NON_ALNUM = compile_cached(r"[^a-z0-9]+")
_TITLE_SPLIT = compile_cached(r"[\s\-–—/:]+")


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
    try:  # hashlib's blake2b is this one; importing hashlib also loads OpenSSL (5 ms), which keys never need
        from _blake2 import blake2b
    except ImportError:  # an interpreter without the module
        from hashlib import blake2b

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


#: How many renamed keys :class:`KeyMaker` keeps to show (the report shows five).
RENAMES_KEPT = 5


class KeyMaker:
    """Hands out keys unique within one output, keeping the keys records already have.

    A record's own key that an earlier record of the output has (its own or one handed out) gets the first
    free suffix too (``vivarelli2023phase`` -> ``vivarelli2023phasea``); :attr:`renamed` lists those changes.
    Suffixes come from a counter a base (the next one to try), so a thousand records with one base cost a
    thousand steps, not half a million.

    The keys given out are remembered as 64-bit digests. Two keys with one digest (about one chance in 30 million for a
    million keys) would only make the second get a suffix it did not need: the keys stay unique, and the same
    input always gives the same keys."""

    def __init__(self) -> None:
        self._used = _Digests()
        self._next: dict[str, int] = {}  # base -> the suffix to try next, for bases that needed one
        #: ``(own key, key written)`` for the first :data:`RENAMES_KEPT` records whose own key an earlier record had
        #: (what the report shows), and :attr:`renames` counts them all: a million records exported twice rename half
        #: a million keys, which a list of them all held in memory (70 MB).
        self.renamed: list[tuple[str, str]] = []
        self.renames = 0
        self._last_rename: tuple[str, str] | None = None

    def reserve(self, key: str) -> None:
        self._used.add(_digest(key))

    def own(self, key: str) -> str:
        """A record's own key, or, when an earlier record has it, the key with the first free suffix."""
        digest = _digest(key)
        if digest not in self._used:
            self._used.add(digest)
            return key
        new = self.generate(key)
        self.renames += 1
        self._last_rename = (key, new)
        if len(self.renamed) < RENAMES_KEPT:
            self.renamed.append(self._last_rename)
        return new

    def stands_for(self, key: str, own: str) -> bool:
        """Whether ``key``, just handed out for a record whose own key is ``own``, is that key or its rename
        (the rename is reported in :attr:`renamed`, the same with ``--jobs``)."""
        return key == own or self._last_rename == (own, key)

    def key_for(self, record: Record) -> str:
        if record.id:
            return self.own(record.id)
        return self.generate(make_key(record))

    def generate(self, base: str) -> str:
        """``base``, or ``base`` with the first suffix (a, b ... z, aa ...) no earlier key has."""
        n = self._next.get(base)
        if n is None:
            digest = _digest(base)
            if digest not in self._used:
                self._used.add(digest)
                return base
            n = 0
        while True:
            key = base + _suffix(n)
            digest = _digest(key)
            n += 1
            if digest not in self._used:
                break
        self._next[base] = n
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
