"""The journal table's prebuilt index (``data/journals.idx``): its rows and sorted keys, searched in place.

Building the ISSN, title and abbreviation dictionaries from the table cost about 180 ms on the first lookup, and
loading them pickled or marshalled still about 80 ms: a one-record conversion paid more for it than for
everything else. The index is built once, with the table (``scripts/build_journals.py``), and opened with
``mmap``: the first lookup costs a fraction of a millisecond and only the pages a search touches are read.

Layout, little-endian: the magic ``MSCJIDX1``, then one ``(start, count)`` pair of unsigned 64-bit integers per
section (:data:`SECTIONS`). A section is ``count + 1`` unsigned 32-bit offsets into its text, then the text: ``count``
lines, each ending ``\\n``. The rows section holds the table's rows in table order; a key section holds
``key<TAB>row,row`` lines sorted by the key's UTF-8 bytes, one line a key.
"""

from __future__ import annotations

import mmap
import os
import struct
import sys
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

__all__ = ["MAGIC", "SECTIONS", "Section", "pack", "open_index"]

MAGIC = b"MSCJIDX1"
SECTIONS = ("rows", "issn", "title", "abbrev")
_HEADER = struct.Struct("<8s" + "QQ" * len(SECTIONS))


class Section:
    """One section of the index: its lines by number, and a binary search of a key section."""

    def __init__(self, buf: Any, start: int, count: int) -> None:
        self.buf = buf
        self.count = count
        size = (count + 1) * 4
        offsets = array("I")
        offsets.frombytes(buf[start : start + size])
        if sys.byteorder != "little":
            offsets.byteswap()
        self.offsets = offsets
        self.base = start + size  # where the text starts

    def line(self, i: int) -> bytes:
        """Line ``i`` without its newline."""
        off = self.offsets
        return bytes(self.buf[self.base + off[i] : self.base + off[i + 1] - 1])

    def text(self) -> bytes:
        """All the lines, each ending ``\\n``."""
        return bytes(self.buf[self.base : self.base + self.offsets[self.count]])

    def rows_of(self, key: str) -> list[int]:
        """The row numbers a key section gives ``key``; ``[]`` when it is not there."""
        wanted = key.encode("utf-8")
        buf, base, off = self.buf, self.base, self.offsets
        lo, hi = 0, self.count
        while lo < hi:
            mid = (lo + hi) // 2
            start = base + off[mid]
            tab = buf.find(b"\t", start)
            found = buf[start:tab]
            if found < wanted:
                lo = mid + 1
            elif found > wanted:
                hi = mid
            else:
                return [int(x) for x in bytes(buf[tab + 1 : base + off[mid + 1] - 1]).split(b",")]
        return []


def _section(lines: Iterable[bytes]) -> bytes:
    offsets = array("I", [0])
    text = bytearray()
    for line in lines:
        text += line + b"\n"
        offsets.append(len(text))
    if sys.byteorder != "little":
        offsets.byteswap()
    return offsets.tobytes() + bytes(text)


def pack(rows: Sequence[str], keys: Mapping[str, Mapping[str, Sequence[int]]]) -> bytes:
    """The index of ``rows`` (the table's lines) and of ``keys`` (section name -> key -> row numbers)."""
    parts = [_section(row.encode("utf-8") for row in rows)]
    counts = [len(rows)]
    for name in SECTIONS[1:]:
        items = sorted((k.encode("utf-8"), ids) for k, ids in keys[name].items())
        parts.append(_section(k + b"\t" + ",".join(map(str, ids)).encode() for k, ids in items))
        counts.append(len(items))
    header: list[int] = []
    at = _HEADER.size
    for part, count in zip(parts, counts, strict=True):
        header += [at, count]
        at += len(part)
    return _HEADER.pack(MAGIC, *header) + b"".join(parts)


def open_index(path: str | os.PathLike[str] | None = None, data: bytes | None = None) -> dict[str, Section]:
    """The sections of an index file (mapped, not read) or of its bytes."""
    buf: Any = data
    if buf is None:
        assert path is not None
        with open(path, "rb") as f:
            try:
                buf = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
            except (OSError, ValueError):  # a file system without mmap: read it
                buf = f.read()
    magic, *header = _HEADER.unpack(buf[: _HEADER.size])
    if magic != MAGIC:
        raise ValueError(f"{path or 'data'}: not a journal index (no {MAGIC!r} at its start)")
    return {name: Section(buf, header[2 * i], header[2 * i + 1]) for i, name in enumerate(SECTIONS)}


def iter_rows(section: Section) -> Iterator[str]:
    """The rows of the rows section, in order, as text."""
    for i in range(section.count):
        yield section.line(i).decode("utf-8")
