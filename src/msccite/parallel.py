"""Conversion on every core (``msccite convert --jobs N``) and on any executor (:func:`convert_many`).

An input is cut at record boundaries into parts (a file of a line-based format: RIS, MEDLINE, EndNote
tagged, Web of Science, BibTeX without ``@string``; other inputs are one part each). Each part is read,
normalized and written as text by a worker (:func:`run`, a plain function of a picklable :class:`Task`,
so that any :class:`concurrent.futures.Executor` runs it: a process pool, a ``dask.distributed`` client's
``get_executor()``, Ray's). The parts are joined in input order into the same bytes one process writes:
citation keys are handed out again in order (a worker writes a placeholder for each key it would have
made), problems get their line numbers in the whole file, and the conversion reports are added up.
"""

from __future__ import annotations

import codecs
import contextlib
import glob
import io
import os
import re
import signal
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, BinaryIO

from . import registry
from .citekey import KeyMaker, make_key
from .context import WriteContext
from .errors import ParseError
from .formats.bibtex.parse import _START, _delta, _looks_like_entry, blocks
from .formats.bibtex.read import duplicate_key
from .jobs import PARALLEL_FROM, Terminated, default_jobs, sigterm_stops, stop_on_sigterm  # noqa: F401 (the API)
from .model import Record
from .textio import _FALLBACK, iter_lines

if TYPE_CHECKING:  # concurrent.futures (and multiprocessing under it) is imported when a pool is made: start-up
    from concurrent.futures import Executor, Future, ProcessPoolExecutor

__all__ = ["Task", "Part", "Conversion", "plan", "run", "convert_parts", "convert_many", "default_jobs", "Terminated",
           "stop_on_sigterm"]

#: A line that starts a record, per input format that can be cut (bytes: the file is cut before decoding).
RECORD_START: dict[str, re.Pattern[bytes]] = {
    "ris": re.compile(rb"^[ \t]*TY {1,2}- ", re.M),
    "medline": re.compile(rb"^PMID- ", re.M),
    "endnote": re.compile(rb"^%0 ", re.M),
    "wos": re.compile(rb"^PT ", re.M),
    "bibtex": re.compile(rb"^@[A-Za-z]+[ \t]*[{(]", re.M),
    "biblatex": re.compile(rb"^@[A-Za-z]+[ \t]*[{(]", re.M),
}
#: ``@string`` (any case; a literal "@" first makes the scan a memchr): a line that starts with it defines a macro.
_BIBTEX_STRING = re.compile(rb"@[ \t]*[sS][tT][rR][iI][nN][gG]\b")
#: The start of one at the end of a block (``@``, spaces, the beginning of the word).
_BIBTEX_STRING_CUT = re.compile(rb"@[ \t]*((?:[sS](?:[tT](?:[rR](?:[iI](?:[nN][gG]?)?)?)?)?)?)\Z")
#: Encodings in which a record's first line is the same bytes as in ASCII (a cut there is a cut in the text).
_ASCII_SAFE = re.compile(r"utf-?8(-sig)?|ascii|latin-?1|iso-?8859-\d+|cp125\d|windows-125\d|mac-?roman", re.I)
#: A part smaller than this is not worth a worker's time; a larger one than MAX_PART costs a worker memory.
MIN_PART = 1 << 20
MAX_PART = 4 << 20


@dataclass(frozen=True)
class Task:
    """One part of one input, and what to do with it."""

    path: str
    source_format: str | None
    target: str
    start: int = 0
    end: int | None = None  # None: to the end of the file
    first_line: int = 1  # the number of the part's first line in the file
    normalize: bool | dict[str, Any] = True
    write_options: dict[str, Any] = field(default_factory=dict)
    read_options: dict[str, Any] = field(default_factory=dict)
    encoding: str | None = None
    token: str = ""  # the placeholder keys' mark
    output: str | None = None  # write the text to this file (one output per input) instead of returning it
    spill: bool = False  # a whole input: write the text to a temporary file the caller reads (same machine)
    spill_to: str = ""  # that file's directory and the start of its name (default: msccite-part- in the temp dir)


@dataclass
class Part:
    """What a worker made of a task: the text as UTF-8 (encoded by the worker; empty when it wrote a file),
    its key requests, problems, report."""

    text: bytes
    records: int
    keys: list[tuple[bool, str]]  # (generated?, key or base) in the order the writer asked
    problems: list[tuple[str, str | None, int | None, str | None, str, int | None]]
    report: dict[str, Any]
    size: int
    #: A cut BibTeX file: each entry's key, line, and where among the problems a duplicate's warning goes.
    ids: list[tuple[str, int, int]] = field(default_factory=list)
    spilled: str | None = None  # the temporary file that holds the text (Task.spill), for the caller to remove
    read: int = 0  # the records read, those skipped too: the parts after this one of its file number theirs after


class _DeferredKeys(KeyMaker):
    """Records the keys a writer asks for; generated ones are written as placeholders, which
    :func:`convert_parts` fills in."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token
        self.asked: list[tuple[bool, str]] = []

    def reserve(self, key: str) -> None:
        self.asked.append((False, key))

    def own(self, key: str) -> str:
        """A placeholder: an earlier part may have the key, and then the parent renames it."""
        self.asked.append((False, key))
        return f"msccitekey{self.token}n{len(self.asked) - 1}x"

    def stands_for(self, key: str, own: str) -> bool:
        if key == own:
            return True
        n = key[len(f"msccitekey{self.token}n") : -1]  # the placeholder of own (renamed or not by the parent)
        return n.isdigit() and int(n) < len(self.asked) and self.asked[int(n)] == (False, own)

    def key_for(self, record: Record) -> str:
        if record.id:
            return self.own(record.id)
        self.asked.append((True, make_key(record)))
        return f"msccitekey{self.token}n{len(self.asked) - 1}x"


def run(task: Task) -> Part:
    """Read, normalize and write one part (in a worker process, or anywhere an executor runs it)."""
    from .api import _records_from, dump
    from .textio import open_input

    whole = task.start == 0 and task.end is None
    source: Any = task.path  # a whole input streams from its file
    if not whole:
        with open(task.path, "rb") as f:
            f.seek(task.start)
            source = io.BytesIO(f.read() if task.end is None else f.read(task.end - task.start))
        source.name = task.path
    found: list[ParseError] = []
    read_options = dict(task.read_options)
    fix = bool(read_options.pop("fix_mojibake", False))
    ids: list[tuple[str, int, int]] = []
    if task.source_format in ("bibtex", "biblatex") and not whole:  # a cut file
        read_options["note_key"] = lambda key, line: ids.append((key, line, len(found)))
    inp = open_input(source, task.encoding, fix)
    read: list[int] = []
    records = _records_from(inp, task.source_format, task.normalize, "collect", found.append, None, read_options,
                            task.first_line, read.append)  # fmt: skip
    keys: KeyMaker = _DeferredKeys(task.token) if task.output is None else KeyMaker()
    if task.output is not None:  # one output per input: the worker writes it, keys are this file's own
        from .api import atomic_writer

        with atomic_writer(task.output) as out:
            ctx = dump(records, out, task.target, keys=keys, **task.write_options)
        text = b""
    elif task.spill:  # a whole input's text can be large: on disk, not in memory twice
        directory, prefix = os.path.split(task.spill_to) if task.spill_to else (None, "msccite-part-")
        fd, spilled = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=directory or None)
        try:
            with open(fd, "w", encoding="utf-8", newline="") as out:
                ctx = dump(records, out, task.target, keys=keys, **task.write_options)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(spilled)
            raise
        text = b""
    else:
        buf = io.StringIO()
        ctx = dump(records, buf, task.target, keys=keys, **task.write_options)
        text = buf.getvalue().encode("utf-8")
    report = {name: getattr(ctx, name) for name in ("carried_counts", "dropped_counts", "omitted_counts",
                                                    "record_counts")}  # fmt: skip
    problems = [(e.message, e.source, e.line, e.format, e.severity, e.record) for e in found]
    asked = keys.asked if isinstance(keys, _DeferredKeys) else []
    size = os.path.getsize(task.path) if whole else (task.end or os.path.getsize(task.path)) - task.start
    return Part(text, ctx.records, asked, problems, report, size, ids, spilled if task.spill else None,
                read[0] if read else 0)



def _empty(target: str) -> bytes:
    """What the writer writes for no record (CSL-JSON ``[]``, EndNote XML's frame, nothing for RIS)."""
    from .api import dumps

    return dumps([], target).encode("utf-8")


#: Per target: (what comes before the first record, between two records, after the last).
_FRAME: dict[str, tuple[bytes, bytes, bytes]] = {
    "csl-json": (b"[\n  ", b",\n  ", b"\n]\n"),
    "endnote-xml": (b'<?xml version="1.0" encoding="UTF-8" ?>\n<xml><records>\n', b"", b"</records></xml>\n"),
    "medline": (b"", b"", b""),
}


def _splittable(path: str, fmt: str, encoding: str | None, read_options: dict[str, Any]) -> bool:
    if fmt not in RECORD_START or read_options.get("crossref"):
        return False
    if encoding is not None and not _ASCII_SAFE.fullmatch(encoding):
        return False
    from .textio import GZIP_MAGIC, sniff_encoding

    with open(path, "rb") as f:
        head = f.read(1 << 16)
        if head[:2] == GZIP_MAGIC or encoding is None and sniff_encoding(head) not in ("utf-8", "utf-8-sig"):
            return False
        if fmt in ("bibtex", "biblatex"):  # @string macros are the file's, every part needs them
            f.seek(0)
            return not _defines_macros(f)
    return True


def _defines_macros(f: BinaryIO, block_size: int = 1 << 24) -> bool:
    """Whether a line of the file starts with ``@string`` (read in blocks; one cut by a block's end is found
    in the next, however many spaces it has after its ``@``)."""
    tail = b""
    while True:
        block = f.read(block_size)
        data = tail + block
        for m in _BIBTEX_STRING.finditer(data):
            # at the end of a block, the word may go on in the next ("@strings"): decided there
            if (not block or m.end() < len(data)) and _at_line_start(data, m.start()):
                return True
        if not block:
            return False
        # kept for the next block: whether its text starts a line, or an "@string" begun here and the word so far
        last = data.rfind(b"@")  # the one "@" that can begin it: no other "@" may come after
        cut = _BIBTEX_STRING_CUT.match(data, last) if last >= 0 else None
        at = len(data) if cut is None else cut.start()
        tail = (b"\n" if _at_line_start(data, at) else b"x") + (b"" if cut is None else b"@" + cut.group(1))


def _at_line_start(data: bytes, pos: int) -> bool:
    """Whether only spaces and tabs come before ``pos`` on its line."""
    return not data[data.rfind(b"\n", 0, pos) + 1 : pos].strip(b" \t")


def _cuts(path: str, fmt: str, part_size: int, encoding: str | None = None) -> list[int]:
    """Offsets where a record starts, about ``part_size`` bytes apart (the first is 0)."""
    if fmt in ("bibtex", "biblatex"):
        return _bibtex_cuts(path, part_size, encoding)
    size = os.path.getsize(path)
    pattern = RECORD_START[fmt]
    cuts = [0]
    with open(path, "rb") as f:
        pos = part_size
        while pos < size:
            f.seek(pos - 1)
            window = f.read(1 << 16)
            m = next((m for m in pattern.finditer(window) if m.start() > 0 and window[m.start() - 1] == 10), None)
            if m is None:
                pos += (1 << 16) - 1  # a long record: look further
                continue
            cut = pos - 1 + m.start()
            cuts.append(cut)
            pos = cut + part_size
    return cuts


#: The tokenizer's ``_START`` for bytes: the same match on ASCII (a non-ASCII byte after the type word is decided
#: on the decoded line, where ``\w`` is Unicode).
_START_BYTES = re.compile(rb"[ \t]*@[ \t]*([A-Za-z][\w:-]*)[ \t]*([{(])?")
#: An "@" and a word that no "{" or "(" follows: at the start of a line, the tokenizer waits there for a block's
#: "{" on a later line (whatever the lines in between look like).
_NO_OPENER = re.compile(rb"@[ \t]*+[A-Za-z][\w:-]*+[ \t]*+(?![{(])")
#: The most the scan reads at once (it starts with _SCAN_WINDOW, the size of the windows it looks back in for a
#: line that looks like an entry); a line longer than _LONGEST_LINE (no line end in sight) stops it: the file is
#: one part (the reader skips the rest of a line of 64 Mi characters, and that rest is not counted here).
_SCAN_BLOCK = 1 << 23
_SCAN_WINDOW = 1 << 16
_LONGEST_LINE = 1 << 25
_NOT_ENTRIES = {"comment", "preamble", "string"}


def _bibtex_cuts(path: str, part_size: int, encoding: str | None) -> list[int]:
    """Where a BibTeX file can be cut (:class:`_BibtexScan`); ``[0]`` (one part) when in doubt."""
    with open(path, "rb") as f:
        try:
            return _BibtexScan(f, part_size, encoding).run()
        except (UnicodeDecodeError, _NoCut):
            return [0]


class _NoCut(Exception):
    """The file is not cut (a NUL byte, which the reader removes; a line too long to scan)."""


class _BibtexScan:
    """Where to cut a BibTeX file so that each part reads as that stretch of the whole file does.

    The scan follows the state of the tokenizer (:func:`blocks`) line by line as it reads: outside any block, in
    a block (its opening delimiter and depth, counted per line as the tokenizer counts: every ``{`` and ``}``,
    escaped or not, quoted or not) or in a block whose ``{`` is still to come. A block closes at the end of a
    line where its depth falls to 0; a line that looks like an entry (``@article{key,``) while a block is open
    breaks that block off and starts a new one. So a ``@article{x,`` line after a blank line inside a braced
    value is not where a record starts: one process reads it as part of the open entry, or breaks the entry there.

    A cut is made before a line that starts an entry outside any block, at least ``part_size`` bytes after the
    previous cut, when the tokenizer itself, run on those bytes, finds the block before it to be one entry
    followed by blank lines only (no text, ``@comment`` or broken entry that the reader would carry over to the
    next record) and the block it starts to be an entry (every part has a record).

    Fast: a line that looks like an entry starts a block afresh whatever the state before it, unless a line
    ``@type`` without its ``{`` came before (then the tokenizer waits for the ``{``); in a file without such a
    line (one regular-expression pass, as a C loop) the scan starts at the last such line before each cut's
    target and reads on to the cut, a few kilobytes per part. Between two lines that start with "@" the depth
    is updated with ``bytes.count``; the lines are read one by one in Python only where it matters (a depth
    that falls and rises again, ``(`` blocks, a ``{`` still to come). Otherwise the whole file is scanned so.
    """

    def __init__(self, f: BinaryIO, part_size: int, encoding: str | None) -> None:
        self.fd = f.fileno()
        self.size = os.fstat(self.fd).st_size
        self.part_size = part_size
        self.encoding = encoding or "utf-8"
        self.errors = _FALLBACK if encoding is None else "strict"
        self.bom = self.encoding.lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig", "u8")  # U+FEFF
        self.open = False  # in a block
        self.opener = ""  # its opening delimiter ("" until it comes)
        self.depth = 0
        self.start = -1  # where the last block began
        self.candidate = -1  # a cut that waits for its block to end (to check that it is an entry)
        self.cuts = [0]
        self.target = part_size

    def run(self) -> list[int]:
        first = 3 if self.bom and os.pread(self.fd, 3, 0) == b"\xef\xbb\xbf" else 0
        jumps = self._restarts_hold(first)
        pos = first  # the start of a line, with the tokenizer's state before it
        while pos < self.size:
            if jumps:
                fresh = self._fresh_start(pos, self.target)
                if fresh > pos:
                    pos, self.open, self.opener, self.depth = fresh, False, "", 0
            pos = self._scan(pos)
        if self.candidate >= 0:
            self._check_candidate(self.size)
        return self.cuts

    def _blocks(self, start: int) -> Generator[tuple[bytes, int, int], None, None]:
        """The file from ``start`` (a line start) in blocks of whole lines, growing: (bytes, their offset, how
        many are whole lines)."""
        size, carry, base = min(_SCAN_WINDOW, _SCAN_BLOCK), b"", start
        while True:
            block = os.pread(self.fd, size, base + len(carry))
            buf = carry + block
            end = buf.rfind(b"\n") + 1 if block else len(buf)  # whole lines (a \r\n is never split)
            if end == 0 and block:
                if len(buf) > _LONGEST_LINE:
                    raise _NoCut  # (the reader cuts a line of 64 Mi characters: one part is read as one process)
                carry = buf
                continue
            _check_bytes(buf, len(buf), self.bom)
            yield buf, base, end
            if not block:
                return
            carry, base, size = buf[end:], base + end, min(2 * size, _SCAN_BLOCK)

    def _restarts_hold(self, first: int) -> bool:
        """Whether no line starts ``@type`` without its ``{`` or ``(`` (then a line that looks like an entry starts
        a block afresh, whatever the state before it). One pass over the file, in a buffer used again; a NUL byte or
        a byte order mark after the start (the reader removes them) stops the scan: the file is one part."""
        buf = bytearray(max(1, min(_SCAN_BLOCK, self.size + 1)))
        view = memoryview(buf)
        kept, pos = 0, first  # kept: the start of a line, carried over to the start of the buffer
        hold = True
        while True:
            n = _pread_into(self.fd, view[kept:], pos)
            filled = kept + n
            end = buf.rfind(b"\n", 0, filled) + 1 if n else filled  # whole lines
            if end == 0 and n:
                return False  # a line longer than the buffer: no jumps (the scan of every line checks the bytes)
            _check_bytes(buf, filled, self.bom)
            if hold:
                hold = not any(_line_start(buf, m.start()) >= 0 for m in _NO_OPENER.finditer(buf, 0, end))
            if not n:
                return hold
            buf[: filled - end] = buf[end:filled]
            kept, pos = filled - end, pos + n

    def _fresh_start(self, lo: int, hi: int) -> int:
        """The start of the last line in [lo, hi) that looks like an entry (-1 if none is found)."""
        end = min(hi, self.size)
        floor = max(lo, end - 4 * _SCAN_WINDOW)  # further back, reading on from ``lo`` costs about as much
        while end > floor:
            begin = max(floor, end - _SCAN_WINDOW)
            window = os.pread(self.fd, min(self.size, end + _SCAN_WINDOW) - begin, begin)  # the last line whole
            at = window.rfind(b"@", 0, end - begin)
            while at >= 0:
                ls = _line_start(window, at)
                line_end = _line_end(window, at)
                if (ls > 0 or ls == 0 and begin == lo) and line_end >= 0:  # (begin == lo: a line start)
                    line = window[ls:line_end].decode(self.encoding, self.errors) + "\n"
                    m = _START.match(line)
                    if m is not None and m.group(2) and _looks_like_entry(line):
                        return begin + ls
                at = window.rfind(b"@", 0, at)
            if begin == floor:
                break
            # the next window ends after this one's first line end: a line cut by this window's start is whole there
            first = window.find(b"\n", 0, end - begin) + 1
            end = begin + first if 0 < first < end - begin else begin
        return -1

    def _scan(self, pos: int) -> int:
        """Reads on from ``pos`` until a cut is made (it returns the cut, with the state before that line) or to the
        end of the file."""
        for buf, base, end in self._blocks(pos):
            events = _at_lines(buf, end)
            self._lines(buf, 0, events[0] if events else end, base)
            for i, at in enumerate(events):
                if self._event(buf, at, events[i + 1] if i + 1 < len(events) else end, base):
                    return base + at
        return self.size

    def _lines(self, buf: bytes, at: int, end: int, base: int, line_start: int = -1) -> None:
        """Lines that do not start with "@" (from ``at`` to ``end``): outside a block they are text; in one, they
        change its depth. ``line_start``: ``at`` is in the line that starts there, which began the block."""
        if not self.open or at == end:
            return
        if self.opener == "{":
            depth = self.depth + buf.count(b"{", at, end) - buf.count(b"}", at, end)
            if depth <= 0:
                self.open = False  # closed at the end of one of these lines (what follows it is text)
                return
            if buf.find(b"}", at, end) < 0:
                self.depth = depth  # never fell
                return
        if line_start >= 0:  # line by line from the start of the block's first line
            self.open, self.opener, self.depth = False, "", 0
            self._walk(buf, line_start, end)  # its first line again: it starts the block
        else:
            self._walk(buf, at, end)

    def _event(self, buf: bytes, at: int, end: int, base: int) -> bool:
        """The line at ``at`` (it starts with "@" after spaces and tabs), then the other lines up to ``end``;
        True when a cut is made before it (nothing is read then)."""
        if not self.open and self.candidate >= 0 and self._check_candidate(base + at):
            return True  # the block of the cut in waiting is over, and it was an entry
        m = _START_BYTES.match(buf, at, end)
        if m is not None and m.group(2) is None and m.end(1) < end and buf[m.end(1)] >= 0x80:
            m = None  # the type word may go on (Unicode): on the decoded text
        elif self.open and self.opener == "{" and (m is None or m.group(2) is None):
            self._lines(buf, at, end, base)  # not a restart: a line of the block
            return False
        elif not self.open and m is not None:
            opener = m.group(2)
            if opener is not None and base + at >= self.target and m.group(1).lower() not in _NOT_ENTRIES \
                    and (buf[at - 1] == 10 if at else base > 0) and self._after_an_entry(base + at):  # fmt: skip
                self.candidate = base + at
            self.start = base + at
            if opener == b"{":
                self.open, self.opener, self.depth = True, "{", 1
                self._lines(buf, m.end(), end, base, at)  # the rest of the line counts as the tokenizer counts
                return False
        elif not self.open:
            return False  # a text line, and text after it
        was, start = self.open, self.start  # the rest exactly, line by line
        if self._step(buf[at : _line_end(buf, at, end)].decode(self.encoding, self.errors) + "\n"):
            if was and start == self.candidate:
                self.candidate = -1  # its block was broken off by this one
            self.start = base + at
        self._walk(buf, _next_line(buf, at, end), end)
        return False

    def _walk(self, buf: bytes, at: int, end: int) -> None:
        """The lines from ``at`` to ``end`` one by one, as the tokenizer reads them (none starts with "@")."""
        for line in iter_lines(buf[at:end].decode(self.encoding, self.errors)):
            self._step(line + "\n")

    def _step(self, line: str) -> bool:
        """The tokenizer's state after ``line`` (as :func:`blocks` reads it); whether it started a block."""
        if not self.open:
            m = _START.match(line)
            if m is None:
                return False
            self.open, self.opener = True, m.group(2) or ""
            self.depth = 1 + _delta(line[m.end() :], self.opener) if self.opener else 0
            if self.opener and self.depth <= 0:
                self.open = False
            return True
        m = _START.match(line) if "@" in line else None
        if m is not None and m.group(2) and self.depth > 0 and _looks_like_entry(line):
            self.opener = m.group(2)
            self.depth = 1 + _delta(line[m.end() :], self.opener)
            self.open = self.depth > 0
            return True
        if not self.opener:
            stripped = line.lstrip()
            if stripped[:1] in ("{", "("):
                self.opener = stripped[0]
                self.depth = 1 + _delta(stripped[1:], self.opener)
                self.open = self.depth > 0
            return False
        self.depth += line.count("{") - line.count("}") if self.opener == "{" else _delta(line, self.opener)
        self.open = self.depth > 0
        return False

    def _read(self, start: int, end: int) -> str:
        return os.pread(self.fd, end - start, start).decode(self.encoding, self.errors)

    def _after_an_entry(self, at: int) -> bool:
        """Whether the block before ``at`` is one entry followed by blank lines only (nothing that the reader
        would carry over to the next record)."""
        if self.start < 0 or self.start >= at:
            return False
        n = min(at - self.start, 1 << 12)
        if not os.pread(self.fd, n, at - n).rstrip().endswith((b"}", b")")):
            return False  # the quick test: something after the closing delimiter
        found = list(blocks(iter_lines(self._read(self.start, at))))
        return len(found) == 1 and found[0].kind == "entry"

    def _check_candidate(self, end: int) -> bool:
        """The block of the cut in waiting has ended before ``end``: the cut is made if that block is an entry."""
        cut, self.candidate = self.candidate, -1
        first = next(blocks(iter_lines(self._read(cut, end))), None)
        if first is None or first.kind != "entry":
            return False
        self.cuts.append(cut)
        self.target = cut + self.part_size
        return True


def _at_lines(buf: bytes, end: int) -> list[int]:
    """The starts of the lines (before ``end``; ``buf`` starts a line) whose first character after spaces and tabs
    is "@": the only lines where the BibTeX tokenizer (:func:`blocks`) starts a block, or breaks one off."""
    out = []
    at = buf.find(b"@", 0, end)  # (a memchr: quicker than a pattern that starts with a line end)
    while at >= 0:
        start = _line_start(buf, at)
        if start >= 0:
            out.append(start)
        at = buf.find(b"@", at + 1, end)
    return out


def _check_bytes(buf: bytes | bytearray, end: int, bom: bool) -> None:
    """:class:`_NoCut` when the reader removes bytes that the scan would have to skip: NUL bytes (a line may start
    after one), byte order marks (at the start of a line: files joined)."""
    if buf.find(b"\x00", 0, end) >= 0:
        raise _NoCut
    if bom and buf.find(b"\xef", 0, end) >= 0 and buf.find(b"\xef\xbb\xbf", 0, end) >= 0:  # (memchr first)
        raise _NoCut


def _pread_into(fd: int, view: memoryview, offset: int) -> int:
    """Read into ``view`` from ``offset`` (up to its size; less at the end of the file): how many bytes."""
    if hasattr(os, "preadv"):
        return os.preadv(fd, [view], offset)
    data = os.pread(fd, len(view), offset)
    view[: len(data)] = data
    return len(data)


def _line_start(data: bytes | bytearray, at: int) -> int:
    """The start of the line of ``at`` if only spaces and tabs come before ``at`` on it (0 also when the data
    starts there), else -1."""
    k = at - 1
    while k >= 0 and data[k] in (32, 9):
        k -= 1
    return k + 1 if k < 0 or data[k] in (10, 13) else -1


def _line_end(data: bytes, at: int, end: int | None = None) -> int:
    """Where the line of ``at`` ends (its \r or \n); ``end`` (or -1 without it) when it ends later."""
    stop = len(data) if end is None else end
    n, r = data.find(b"\n", at, stop), data.find(b"\r", at, stop)
    found = min(n, r) if n >= 0 and r >= 0 else max(n, r)
    return found if found >= 0 else (-1 if end is None else end)


def _next_line(data: bytes, at: int, end: int) -> int:
    """The start of the line after the one of ``at`` (``end`` at the most)."""
    e = _line_end(data, at, end)
    return min(end, e + (2 if data[e : e + 2] == b"\r\n" else 1)) if e < end else end


def _line_numbers(path: str, offsets: list[int]) -> list[int]:
    """The number of the line that starts at each of ``offsets`` (ascending), counting line ends as the reader
    does: ``\n``, ``\r\n`` and a lone ``\r``."""
    out = []
    lines, pos = 1, 0
    last = b""
    with open(path, "rb") as f:
        for offset in offsets:
            while pos < offset:
                block = f.read(min(1 << 20, offset - pos))
                if not block:
                    break
                lines += block.count(b"\n")
                if b"\r" in block:  # one scan (a memchr) saves two counts in most files
                    lines += block.count(b"\r") - block.count(b"\r\n")
                if last == b"\r" and block[:1] == b"\n":  # a \r\n cut between two blocks: one line end
                    lines -= 1
                last = block[-1:]
                pos += len(block)
            out.append(lines)
    return out


def plan(paths: Sequence[str], target: str, *, source_format: str | None = None, jobs: int = 1,
         normalize: bool | dict[str, Any] = True, write_options: dict[str, Any] | None = None,
         read_options: dict[str, Any] | None = None, encoding: str | None = None, cut: bool = True,
         part_size: int | None = None) -> list[Task]:  # fmt: skip
    """The tasks that convert ``paths`` to ``target``: each file's parts, in order.

    A file is cut (``cut=True``) when its format allows it, into about eight parts per job (never under
    :data:`MIN_PART`, or ``part_size`` bytes when given)."""
    from .textio import open_input

    token = os.urandom(4).hex()
    total = sum(os.path.getsize(p) for p in paths)
    size = part_size or min(MAX_PART, max(MIN_PART, total // max(1, 8 * jobs)))  # no worker waits long at the end
    tasks = []
    for path in paths:
        fmt = source_format
        if fmt is None:
            with open_input(path, encoding) as inp:
                fmt = registry.detect_name(inp.sample, inp.name)
        fmt = registry.get(fmt).name
        whole = Task(path, fmt, target, normalize=normalize, write_options=dict(write_options or {}),
                     read_options=dict(read_options or {}), encoding=encoding, token=token)  # fmt: skip
        if cut and os.path.getsize(path) > size and _splittable(path, fmt, encoding, whole.read_options):
            cuts = _cuts(path, fmt, size, encoding)
            ends: list[int | None] = [*cuts[1:], None]
            firsts = _line_numbers(path, cuts)
            tasks += [replace(whole, start=a, end=b, first_line=n) for a, b, n in zip(cuts, ends, firsts, strict=True)]
        else:
            tasks.append(whole)
    return tasks


@dataclass
class Conversion:
    """What a parallel conversion did: records written, the problems (lines in the whole files), the report."""

    records: int = 0
    problems: list[ParseError] = field(default_factory=list)
    report: WriteContext | None = None
    text: str = ""  # convert_many without output or out_dir: the joined text
    outputs: list[str] = field(default_factory=list)  # convert_many with out_dir: the file of each input, in order


def _parts(tasks: list[Task], executor: Executor | None, jobs: int) -> Generator[Part, None, None]:
    if executor is not None:
        yield from _in_order(executor, tasks, 4 * jobs)
        return
    if jobs <= 1 or len(tasks) == 1:
        yield from map(run, tasks)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs, initializer=_worker_started,
                             initargs=(os.getpid(), tempfile.gettempdir())) as pool:  # fmt: skip
        # a part waiting for each worker, and the one being joined; stopped early, the workers are stopped at once
        yield from _in_order(pool, tasks, jobs + 1, fn=_in_worker, stop=lambda: _stop_workers(pool))


def _in_order(executor: Executor, tasks: list[Task], ahead: int, *, fn: Callable[[Task], Part] = run,
              stop: Callable[[], None] | None = None) -> Generator[Part, None, None]:  # fmt: skip
    """The parts in task order (``fn`` of each task on ``executor``), with at most ``ahead`` tasks submitted and not
    yet taken: memory stays bounded however many parts a large input has. Stopped early, ``stop`` is called
    before the parts in flight are waited for."""
    pending: deque[Future[Part]] = deque()
    todo = iter(tasks)
    for task in todo:
        pending.append(executor.submit(fn, task))
        if len(pending) >= ahead:
            break
    done = False
    try:
        while pending:
            part = pending.popleft().result()
            try:
                nxt = next(todo, None)
                if nxt is not None:
                    pending.append(executor.submit(fn, nxt))
            except BaseException:  # the pool broke: the part taken is not joined
                _discard(part)
                raise
            yield part
        done = True
    finally:  # stopped early (an error, ^C, SIGTERM): what is still in flight leaves no temporary file behind
        if not done and stop is not None:
            stop()
        for future in pending:
            if not future.cancel() and future.exception() is None:
                _discard(future.result())


# -- stopping: SIGTERM, and workers whose parent is gone ------------------------------------------------------------


def _stop_workers(pool: ProcessPoolExecutor, wait: float = 5.0) -> None:
    """SIGTERM to the pool's workers (each removes the temporary file it was writing and exits); the ones still
    there after ``wait`` seconds are killed."""
    from multiprocessing.connection import wait as ready

    processes = list((getattr(pool, "_processes", None) or {}).values())  # (3.14 has pool.terminate_workers())
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    left = {}
    for process in processes:
        with contextlib.suppress(ValueError):  # (a process object closed already)
            if process.exitcode is None:
                left[process.sentinel] = process
    deadline = time.monotonic() + wait
    while left and time.monotonic() < deadline:
        for sentinel in ready(list(left), timeout=max(0.0, deadline - time.monotonic())):
            left.pop(sentinel)  # type: ignore[call-overload]
    for process in left.values():
        with contextlib.suppress(Exception):
            process.kill()


def _spill_prefix(token: str) -> str:
    """Where this process's workers write the spilled texts of one conversion: ``msccite-part-<pid>-<token>-``
    in the temporary directory (a run's files are known by its pid, one conversion's by its token)."""
    return os.path.join(tempfile.gettempdir(), f"msccite-part-{os.getpid()}-{token}-")


def _sweep(prefix: str) -> None:
    """Remove the spilled texts whose path starts with ``prefix`` (once no worker writes any)."""
    for path in glob.glob(glob.escape(prefix) + "*.tmp"):
        with contextlib.suppress(OSError):
            os.unlink(path)


#: In a worker of this module's pool: its parent's pid, the parent's temporary directory, the pid of the process
#: it started under (the parent, or a fork server), and whether it is converting.
_worker: dict[str, Any] = {}


class _Stop(SystemExit):
    """SIGTERM in a worker while it converts: unwinds the conversion (its temporary file removed), then exits."""


def _worker_started(parent: int, spill_dir: str) -> None:
    """The initializer of the pool's workers: they stop (temporary files removed) on SIGTERM and when their parent
    dies, leave ^C to the parent, and do not hold the parent's standard output (``msccite ... | tee``)."""
    _worker.update(parent=parent, spill_dir=spill_dir, ppid=os.getppid(), busy=False)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ^C reaches the whole process group: the parent stops the workers
    signal.signal(signal.SIGTERM, _worker_stop)
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)  # a worker writes nothing there; an orphan would keep a pipe open
        os.close(devnull)
    if not _die_with_parent():
        threading.Thread(target=_watch_parent, name="msccite-parent-watch", daemon=True).start()
    if _orphan():  # the parent died before the watch began
        os.kill(os.getpid(), signal.SIGTERM)


def _die_with_parent() -> bool:
    """Linux: a SIGTERM when the parent process ends (``prctl(PR_SET_PDEATHSIG)``); False where there is none."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        return int(ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM, 0, 0, 0)) == 0  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return False


def _watch_parent() -> None:
    """Elsewhere: a thread that looks twice a second whether the parent is gone (the worker's parent pid changes)."""
    while not _orphan():
        time.sleep(0.5)
    os.kill(os.getpid(), signal.SIGTERM)


def _orphan() -> bool:
    return os.getppid() != _worker["ppid"]


def _worker_stop(signum: int, frame: object) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once
    code = 128 + signum
    timer = threading.Timer(5.0, os._exit, (code,))  # whatever happens while unwinding, the worker ends
    timer.daemon = True
    timer.start()
    if _worker["busy"]:
        raise _Stop(code)  # unwound in run(): the spilled text or the output being written is removed
    _worker_exit(code)


def _worker_exit(code: int) -> None:
    if _orphan():  # nobody will read this run's spilled texts any more
        _sweep(os.path.join(_worker["spill_dir"], f"msccite-part-{_worker['parent']}-"))
    os._exit(code)


def _in_worker(task: Task) -> Part:
    """:func:`run` in a worker of the pool."""
    _worker["busy"] = True
    try:
        return run(task)
    except _Stop as stop:
        _worker_exit(int(stop.code or 1))
        raise  # not reached
    finally:
        _worker["busy"] = False


def _discard(part: Part) -> None:
    """Remove the temporary file of a part's text, if it has one."""
    if part.spilled is not None:
        with contextlib.suppress(OSError):
            os.unlink(part.spilled)


def convert_parts(tasks: list[Task], out: io.TextIOBase | Any, *, executor: Executor | None = None, jobs: int = 1,
                  on_error: Callable[[ParseError], None] | None = None,
                  on_part: Callable[[Part], None] | None = None) -> Conversion:  # fmt: skip
    """Run ``tasks`` and write their joined text to ``out`` in order, as the parts arrive. ``out`` is a text
    stream, or a binary one that takes the UTF-8 bytes as the workers made them (the quicker)."""
    if not tasks:
        return Conversion(report=WriteContext("ris"))
    target = tasks[0].target
    result = Conversion(report=WriteContext(target, **tasks[0].write_options))
    spill_to = _spill_prefix(os.urandom(4).hex())
    if executor is None:  # workers on this machine: a large whole input's text comes through a temporary file
        tasks = [replace(t, spill=True, spill_to=spill_to) if t.start == 0 and t.end is None and t.output is None
                 and os.path.getsize(t.path) > MAX_PART else t for t in tasks]  # fmt: skip
    if isinstance(out, (io.BufferedIOBase, io.RawIOBase)):
        write = out.write
    else:  # a text stream: decoded in order, as a piece of a spilled text may end inside a character
        decoder = codecs.getincrementaldecoder("utf-8")()
        write = lambda data: out.write(decoder.decode(data))  # noqa: E731
    joiner = _Joiner(target, write, result, on_error, on_part)
    with sigterm_stops():
        try:
            with contextlib.closing(_parts(tasks, executor, jobs)) as parts:
                for task, part in zip(tasks, parts, strict=True):
                    try:
                        joiner.take(task, part)
                    finally:
                        _discard(part)
        except BaseException:  # the workers are gone: a text spilled and not yet taken is removed too
            _sweep(spill_to)
            raise
        joiner.finish()
    return result


def _renumbered(message: str, record: int | None, before: int) -> str:
    """A problem's message with the number of the record it names counted in the whole file, not in its part."""
    if record is None or not before:
        return message
    return message.replace(f"record {record}", f"record {record + before}", 1)


class _Joiner:
    """Joins the parts in order: their texts (keys filled, one frame around all), problems and reports."""

    def __init__(self, target: str, write: Callable[[bytes | memoryview], Any], result: Conversion,
                 on_error: Callable[[ParseError], None] | None,
                 on_part: Callable[[Part], None] | None) -> None:  # fmt: skip
        self.head, self.sep, self.tail = _FRAME.get(target, (b"", b"\n", b""))
        self.empty = _empty(target)
        self.write, self.result, self.on_error, self.on_part = write, result, on_error, on_part
        assert result.report is not None
        self.maker = result.report.keys  # its renames are the report's
        self.written = 0  # parts with records written
        self.first_key: dict[tuple[str, str], int] = {}  # (file, BibTeX key) -> the line of its first entry
        self.read: dict[str, int] = {}  # file -> the records its parts taken so far read

    def take(self, task: Task, part: Part) -> None:
        before = self.read.get(task.path, 0)  # the records of the file's parts before this one
        self.read[task.path] = before + part.read
        problems = [ParseError(_renumbered(message, record, before), source=source, line=line, format=fmt,
                               severity=severity, record=record + before if record is not None else None)
                    for message, source, line, fmt, severity, record in part.problems]  # fmt: skip
        for key, line, at in reversed(_duplicates(part.ids, self.first_key, task.path)):
            problems.insert(at, ParseError(duplicate_key(key, self.first_key[task.path, key]), source=task.path,
                                           line=line, format=task.source_format, severity="warning"))  # fmt: skip
        for err in problems:
            self.result.problems.append(err)
            if self.on_error is not None:
                self.on_error(err)
        assert self.result.report is not None
        _add_report(self.result.report, part)
        self.result.records += part.records
        if self.on_part is not None:
            self.on_part(part)
        final = _final_keys(part, self.maker)
        before = self.head if self.written == 0 else self.sep
        if part.spilled is not None:
            self.written += _copy_spilled(part.spilled, final, task.token, self.write, before, len(self.head),
                                          len(self.tail), self.empty)  # fmt: skip
        elif task.output is None and part.text != self.empty:
            text = _filled(part.text, final, task.token)
            self.write(before)
            self.write(memoryview(text)[len(self.head) : len(text) - len(self.tail)])  # no copy of the part
            self.written += 1

    def finish(self) -> None:
        self.write(self.tail if self.written else self.empty)


def _duplicates(ids: list[tuple[str, int, int]], first_key: dict[tuple[str, str], int],
                path: str) -> list[tuple[str, int, int]]:  # fmt: skip
    """The entries whose key an earlier entry of the file has (``first_key`` learns this part's keys)."""
    out = []
    for key, line, at in ids:
        if first_key.setdefault((path, key), line) != line:
            out.append((key, line, at))
    return out


def _final_keys(part: Part, maker: KeyMaker) -> list[str] | None:
    """The keys the part asked for, in order, made unique across the output; None when it generated none."""
    if not part.keys:
        return None
    return [maker.generate(key) if generated else maker.own(key) for generated, key in part.keys]


def _filled(text: bytes, final: list[str] | None, token: str) -> bytes:
    """The text with each placeholder key replaced by its final key."""
    if final is None:
        return text
    pieces = text.split(f"msccitekey{token}n".encode())  # each piece after the first starts "<n>x"
    out = [pieces[0]]
    for piece in pieces[1:]:
        n, _, rest = piece.partition(b"x")
        out.append(final[int(n)].encode("utf-8"))
        out.append(rest)
    return b"".join(out)


#: Reading a spilled text: the size of a piece, and room for a placeholder key at its end.
_SPILL_PIECE = 1 << 20
_PLACEHOLDER_ROOM = 64


def _copy_spilled(path: str, final: list[str] | None, token: str, write: Callable[[bytes | memoryview], Any],
                  before: bytes, head: int, tail: int, empty: bytes) -> int:  # fmt: skip
    """Write a spilled part's text (``before`` it, without its frame of ``head`` and ``tail`` bytes) in pieces,
    keys filled; 1 if it held records, else 0."""
    if os.path.getsize(path) <= 8 * _SPILL_PIECE:  # small: as a text that came in memory
        with open(path, "rb") as f:
            text = f.read()
        if text == empty:
            return 0
        text = _filled(text, final, token)
        write(before)
        write(memoryview(text)[head : len(text) - tail])
        return 1
    write(before)
    marker = f"msccitekey{token}n".encode()
    carry = b""
    skip = head
    with open(path, "rb") as f:
        while chunk := f.read(_SPILL_PIECE):
            data = carry + chunk
            cut = len(data) - _PLACEHOLDER_ROOM  # more than a placeholder is kept back for the next piece...
            start = data.rfind(marker, 0, cut + len(marker))
            if 0 <= start < cut and not 0 <= data.find(b"x", start + len(marker)) < cut:
                cut = start  # ... and a placeholder is never cut in two
            piece = _filled(data[:cut], final, token)
            write(memoryview(piece)[skip:])
            carry, skip = data[cut:], max(0, skip - len(piece))
    rest = _filled(carry, final, token)
    write(memoryview(rest)[: len(rest) - tail])
    return 1


def _add_report(report: WriteContext, part: Part) -> None:
    for name, counts in part.report.items():
        getattr(report, name).update(counts)
    report.records += part.records


def convert_many(paths: Iterable[str | os.PathLike[str]], to: str, *, output: str | os.PathLike[str] | None = None,
                 out_dir: str | os.PathLike[str] | None = None, executor: Executor | None = None,
                 jobs: int | None = None, source_format: str | None = None, normalize: bool | dict[str, Any] = True,
                 encoding: str | None = None, **write_options: Any) -> Conversion:  # fmt: skip
    """Convert many files to ``to`` on several processes, or on ``executor`` (any ``concurrent.futures``
    executor: a process pool, ``dask.distributed.Client(...).get_executor()``, Ray's).

    ``output``: one file holding every record, in input order (each input cut into parts where its format
    allows); ``out_dir``: one file per input, named after it with the target's extension, written by the
    worker that converted it (the executor's workers must see that directory); inputs of the same name
    (``a/refs.ris``, ``b/refs.ris``) get ``refs.bib``, ``refs-2.bib``, ... in input order (:attr:`Conversion.outputs`
    lists them). Neither: the joined text is returned in :attr:`Conversion.text`. ``write_options`` as for
    :func:`msccite.write` (``lossless=True``).
    """
    names = [os.fspath(p) for p in paths]
    jobs = jobs or (os.cpu_count() or 1)
    ext = registry.get(to).extensions[0] if registry.get(to).extensions else "." + to
    tasks = plan(names, to, source_format=source_format, jobs=jobs, normalize=normalize,
                 write_options=write_options, encoding=encoding, cut=out_dir is None)  # fmt: skip
    outputs: list[str] = []
    if out_dir is not None:
        os.makedirs(out_dir, exist_ok=True)
        outputs = _output_names(names, os.fspath(out_dir), ext)
        tasks = [replace(t, output=name) for t, name in zip(tasks, outputs, strict=True)]  # one task per input
    if output is not None:
        from .api import atomic_file

        with atomic_file(output) as out:
            result = convert_parts(tasks, out, executor=executor, jobs=jobs)
        result.outputs = outputs
        return result
    buf = io.BytesIO()
    result = convert_parts(tasks, buf, executor=executor, jobs=jobs)
    result.text = buf.getvalue().decode("utf-8") if out_dir is None else ""
    result.outputs = outputs
    return result


def _output_names(paths: list[str], out_dir: str, ext: str) -> list[str]:
    """The output of each input in ``out_dir``: its name with ``ext``; the first input of a name keeps it, the
    next ones get ``-2``, ``-3``, ... (never a name another input has; names compared as a case-insensitive file
    system does)."""
    stems = [_stem(p) for p in paths]
    names: list[str | None] = [None] * len(paths)
    taken: set[str] = set()
    for i, stem in enumerate(stems):
        if (stem + ext).casefold() not in taken:
            taken.add((stem + ext).casefold())
            names[i] = stem + ext
    for i, stem in enumerate(stems):
        n = 2
        while names[i] is None:
            if f"{stem}-{n}{ext}".casefold() not in taken:
                names[i] = f"{stem}-{n}{ext}"
                taken.add(f"{stem}-{n}{ext}".casefold())
            n += 1
    return [os.path.join(out_dir, name) for name in names if name is not None]


def _stem(path: str) -> str:
    name = os.path.basename(path)
    return name.split(".")[0] if not name.startswith(".") else name
