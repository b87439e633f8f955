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
import io
import os
import re
import secrets
import tempfile
from collections import deque
from collections.abc import Callable, Generator, Iterable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, BinaryIO

from . import registry
from .citekey import KeyMaker, make_key
from .context import WriteContext
from .errors import ParseError
from .formats.bibtex.read import duplicate_key
from .model import Record

__all__ = ["Task", "Part", "Conversion", "plan", "run", "convert_parts", "convert_many", "default_jobs"]

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
#: Inputs smaller than this are converted in one process by default: they make one part (two parts of 1.6 MB
#: already convert 1.2x faster on two processes than on one, worker start-up included).
PARALLEL_FROM = 2 * MIN_PART


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


@dataclass
class Part:
    """What a worker made of a task: the text as UTF-8 (encoded by the worker; empty when it wrote a file),
    its key requests, problems, report."""

    text: bytes
    records: int
    keys: list[tuple[bool, str]]  # (generated?, key or base) in the order the writer asked
    problems: list[tuple[str, str | None, int | None, str | None, str]]
    report: dict[str, Any]
    size: int
    #: A cut BibTeX file: each entry's key, line, and where among the problems a duplicate's warning goes.
    ids: list[tuple[str, int, int]] = field(default_factory=list)
    spilled: str | None = None  # the temporary file that holds the text (Task.spill), for the caller to remove


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
    records = _records_from(inp, task.source_format, task.normalize, "collect", found.append, None, read_options,
                            task.first_line)  # fmt: skip
    keys: KeyMaker = _DeferredKeys(task.token) if task.output is None else KeyMaker()
    if task.output is not None:  # one output per input: the worker writes it, keys are this file's own
        from .api import atomic_writer

        with atomic_writer(task.output) as out:
            ctx = dump(records, out, task.target, keys=keys, **task.write_options)
        text = b""
    elif task.spill:  # a whole input's text can be large: on disk, not in memory twice
        fd, spilled = tempfile.mkstemp(prefix="msccite-part-", suffix=".tmp")
        try:
            with open(fd, "w", encoding="utf-8", newline="") as out:
                ctx = dump(records, out, task.target, keys=keys, **task.write_options)
        except BaseException:
            os.unlink(spilled)
            raise
        text = b""
    else:
        buf = io.StringIO()
        ctx = dump(records, buf, task.target, keys=keys, **task.write_options)
        text = buf.getvalue().encode("utf-8")
    report = {name: getattr(ctx, name) for name in ("carried_counts", "dropped_counts", "omitted_counts",
                                                    "record_counts")}  # fmt: skip
    problems = [(e.message, e.source, e.line, e.format, e.severity) for e in found]
    asked = keys.asked if isinstance(keys, _DeferredKeys) else []
    size = os.path.getsize(task.path) if whole else (task.end or os.path.getsize(task.path)) - task.start
    return Part(text, ctx.records, asked, problems, report, size, ids, spilled if task.spill else None)



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


def _cuts(path: str, fmt: str, part_size: int) -> list[int]:
    """Offsets where a record starts, about ``part_size`` bytes apart (the first is 0)."""
    size = os.path.getsize(path)
    pattern = RECORD_START[fmt]
    cuts = [0]
    with open(path, "rb") as f:
        pos = part_size
        while pos < size:
            f.seek(pos - 1)
            window = f.read(1 << 16)
            m = next((m for m in pattern.finditer(window) if m.start() > 0 and window[m.start() - 1] == 10
                      and _clean_cut(fmt, window, m.start())), None)  # fmt: skip
            if m is None:
                pos += (1 << 16) - 1  # a long record: look further
                continue
            cut = pos - 1 + m.start()
            cuts.append(cut)
            pos = cut + part_size
    return cuts


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


def _clean_cut(fmt: str, window: bytes, at: int) -> bool:
    """BibTeX: an ``@`` line only after a line that closes an entry or a blank one (not inside a value)."""
    if fmt not in ("bibtex", "biblatex"):
        return True
    before = window[:at].rstrip(b" \t\r\n")
    last = before[before.rfind(b"\n") + 1 :].strip()
    return at == 0 or not last or last.endswith((b"}", b")")) or window[:at].endswith((b"\n\n", b"\r\n\r\n"))


def plan(paths: Sequence[str], target: str, *, source_format: str | None = None, jobs: int = 1,
         normalize: bool | dict[str, Any] = True, write_options: dict[str, Any] | None = None,
         read_options: dict[str, Any] | None = None, encoding: str | None = None, cut: bool = True,
         part_size: int | None = None) -> list[Task]:  # fmt: skip
    """The tasks that convert ``paths`` to ``target``: each file's parts, in order.

    A file is cut (``cut=True``) when its format allows it, into about eight parts per job (never under
    :data:`MIN_PART`, or ``part_size`` bytes when given)."""
    from .textio import open_input

    token = secrets.token_hex(4)
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
            cuts = _cuts(path, fmt, size)
            ends: list[int | None] = [*cuts[1:], None]
            firsts = _line_numbers(path, cuts)
            tasks += [replace(whole, start=a, end=b, first_line=n) for a, b, n in zip(cuts, ends, firsts, strict=True)]
        else:
            tasks.append(whole)
    return tasks


def default_jobs(paths: Sequence[str]) -> int:
    """One process for small inputs; for larger ones, one per core (at most 8)."""
    try:
        total = sum(os.path.getsize(p) for p in paths)
    except OSError:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 1 if total < PARALLEL_FROM else max(1, min(cores, 8))


@dataclass
class Conversion:
    """What a parallel conversion did: records written, the problems (lines in the whole files), the report."""

    records: int = 0
    problems: list[ParseError] = field(default_factory=list)
    report: WriteContext | None = None
    text: str = ""  # convert_many without output or out_dir: the joined text


def _parts(tasks: list[Task], executor: Executor | None, jobs: int) -> Generator[Part, None, None]:
    if executor is not None:
        yield from _in_order(executor, tasks, 4 * jobs)
        return
    if jobs <= 1 or len(tasks) == 1:
        yield from map(run, tasks)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from _in_order(pool, tasks, jobs + 1)  # a part waiting for each worker, and the one being joined


def _in_order(executor: Executor, tasks: list[Task], ahead: int) -> Generator[Part, None, None]:
    """The parts in task order, with at most ``ahead`` tasks submitted and not yet taken: memory stays bounded
    however many parts a large input has."""
    pending: deque[Future[Part]] = deque()
    todo = iter(tasks)
    for task in todo:
        pending.append(executor.submit(run, task))
        if len(pending) >= ahead:
            break
    try:
        while pending:
            part = pending.popleft().result()
            try:
                nxt = next(todo, None)
                if nxt is not None:
                    pending.append(executor.submit(run, nxt))
            except BaseException:  # the pool broke: the part taken is not joined
                _discard(part)
                raise
            yield part
    finally:  # stopped early (an error, ^C): what is still in flight leaves no temporary file behind
        for future in pending:
            if not future.cancel() and future.exception() is None:
                _discard(future.result())


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
    if executor is None:  # workers on this machine: a large whole input's text comes through a temporary file
        tasks = [replace(t, spill=True) if t.start == 0 and t.end is None and t.output is None
                 and os.path.getsize(t.path) > MAX_PART else t for t in tasks]  # fmt: skip
    if isinstance(out, (io.BufferedIOBase, io.RawIOBase)):
        write = out.write
    else:  # a text stream: decoded in order, as a piece of a spilled text may end inside a character
        decoder = codecs.getincrementaldecoder("utf-8")()
        write = lambda data: out.write(decoder.decode(data))  # noqa: E731
    joiner = _Joiner(target, write, result, on_error, on_part)
    with contextlib.closing(_parts(tasks, executor, jobs)) as parts:
        for task, part in zip(tasks, parts, strict=True):
            try:
                joiner.take(task, part)
            finally:
                _discard(part)
    joiner.finish()
    return result


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

    def take(self, task: Task, part: Part) -> None:
        problems = [ParseError(message, source=source, line=line, format=fmt, severity=severity)
                    for message, source, line, fmt, severity in part.problems]  # fmt: skip
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
    worker that converted it (the executor's workers must see that directory). Neither: the joined text is
    returned in :attr:`Conversion.text`. ``write_options`` as for :func:`msccite.write` (``lossless=True``).
    """
    names = [os.fspath(p) for p in paths]
    jobs = jobs or (os.cpu_count() or 1)
    ext = registry.get(to).extensions[0] if registry.get(to).extensions else "." + to
    tasks = plan(names, to, source_format=source_format, jobs=jobs, normalize=normalize,
                 write_options=write_options, encoding=encoding, cut=out_dir is None)  # fmt: skip
    if out_dir is not None:
        os.makedirs(out_dir, exist_ok=True)
        tasks = [replace(t, output=os.path.join(os.fspath(out_dir), _stem(t.path) + ext)) for t in tasks]
    if output is not None:
        from .api import atomic_file

        with atomic_file(output) as out:
            return convert_parts(tasks, out, executor=executor, jobs=jobs)
    buf = io.BytesIO()
    result = convert_parts(tasks, buf, executor=executor, jobs=jobs)
    result.text = buf.getvalue().decode("utf-8") if out_dir is None else ""
    return result


def _stem(path: str) -> str:
    name = os.path.basename(path)
    return name.split(".")[0] if not name.startswith(".") else name
