"""The public functions: read, loads, iter_records, dumps, write, detect, formats, normalize.

Shaped like :mod:`json`: ``load``-style functions take a path or a file, ``loads`` a string;
``dumps`` returns text and ``write`` writes a file (atomically: a temporary file, then a rename,
so a failed run never leaves half a file nor damages an input named as the output).
"""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from . import registry
from .context import ReadContext, WriteContext
from .errors import ParseError, UnknownFormatError
from .model import Record
from .textio import Input, not_text, open_input, text_input

__all__ = [
    "read",
    "loads",
    "iter_records",
    "dumps",
    "write",
    "dump",
    "detect",
    "formats",
    "normalize",
    "Records",
]

PathOrFile = str | os.PathLike[str] | IO[Any]


class Records(list[Record]):
    """A list of records, with the problems the reader reported on the way (``.problems``)."""

    def __init__(self, records: Iterable[Record] = (), problems: Iterable[ParseError] = (),
                 format: str | None = None) -> None:  # fmt: skip  # noqa: A002
        super().__init__(records)
        self.problems: list[ParseError] = list(problems)
        self.format = format


def normalize(record: Record, **options: Any) -> Record:
    """A normalized copy of ``record`` (pure and idempotent; see ``docs/normalization.md``)."""
    from .normalization import normalize as _normalize

    return _normalize(record, **options)


def detect(text: str) -> str:
    """The name of the format ``text`` is in, judged from its start alone."""
    sample = text[: 64 * 1024]
    return registry.detect_name(sample[1:] if sample.startswith("\ufeff") else sample)


def formats() -> list[registry.Format]:
    """The registered formats: ``name``, ``extensions``, ``can_read``, ``can_write``, ``description``."""
    return list(registry.all_formats())


def _records_from(inp: Input, format: str | None, normalize_: bool | dict[str, Any], errors: str,  # noqa: A002
                  on_error: Callable[[ParseError], None] | None,
                  problems: list[ParseError] | None = None,
                  options: dict[str, Any] | None = None, first_line: int = 1) -> Iterator[Record]:  # fmt: skip
    fmt = registry.get(format) if format else registry.get(registry.detect_name(inp.sample, inp.name))
    if not fmt.can_read:
        raise UnknownFormatError(f"format {fmt.name!r} cannot be read")
    ctx = ReadContext(fmt.name, inp.name, errors=errors, on_error=on_error, problems=problems, options=options,
                      first_line=first_line)  # fmt: skip
    norm_options = normalize_ if isinstance(normalize_, dict) else {}  # True, or normalize()'s options
    reason = not_text(inp.sample) if format else None  # detection has refused these already
    if reason is not None:
        inp.close()
        ctx.problem(None, f"not a citation file: {reason}")
        return
    try:
        for rec in fmt.module.read(inp.lines(ctx.warn), ctx):
            yield normalize(rec, **norm_options) if normalize_ else rec
    except UnicodeDecodeError as exc:
        ctx.problem(
            None, f"cannot decode the input as {inp.encoding} ({exc.reason}); name the encoding with --encoding"
        )
    except (EOFError, gzip.BadGzipFile) as exc:  # a gzip file cut short or damaged
        ctx.problem(None, f"the compressed input is cut or damaged ({exc}); the records before that are kept")
    finally:
        inp.close()
    _report_input(inp, ctx)


def _report_input(inp: Input, ctx: ReadContext) -> None:
    """Warnings about the bytes themselves, once the whole input has been read."""
    if inp.fallback_bytes:
        ctx.warn(None, f"{inp.fallback_bytes} byte(s) were not valid UTF-8 and were read as cp1252")
    more = inp.nul_lines[10:]
    if more:
        ctx.warn(more[0], f"NUL byte(s) removed from {len(more)} more line(s)")
    if inp.repaired_lines:
        first, n = inp.repaired_lines[0], len(inp.repaired_lines)
        ctx.warn(first, f"mojibake repaired on {n} line(s) (fix_mojibake), the first at line {first}")


def iter_records(
    source: PathOrFile,
    format: str | None = None,  # noqa: A002
    *,
    normalize: bool | dict[str, Any] = False,
    errors: str = "strict",
    on_error: Callable[[ParseError], None] | None = None,
    encoding: str | None = None,
    fix_mojibake: bool = False,
    opened: Callable[[Input], None] | None = None,
    **options: Any,
) -> Iterator[Record]:
    """Yield the records of a file (a path, ``"-"`` for standard input, or an open file) one at a time.

    The input is streamed: memory stays constant however large the file (CSL-JSON, which must
    be parsed whole, is the exception). ``format`` is detected from the content when not given.
    Other keyword arguments are options of the format's reader (BibTeX: ``crossref=True`` fills
    an entry's missing fields from the entry its ``crossref`` names).
    Problems raise :class:`ParseError` (``errors="strict"``) or are passed to ``on_error`` and
    skipped (``errors="collect"``). ``fix_mojibake=True`` repairs text that was decoded with the
    wrong encoding once (``Ã©`` for ``é``), line by line, before the reader (needs ftfy:
    ``pip install 'msccite[mojibake]'``); ``encoding`` overrides the detected encoding.
    """
    inp = open_input(source, encoding, fix_mojibake)
    if opened is not None:  # told of the open input (the CLI's progress line reads its bytes_read)
        opened(inp)
    yield from _records_from(inp, format, normalize, errors, on_error, None, options)


def read(
    source: PathOrFile,
    format: str | None = None,  # noqa: A002
    *,
    normalize: bool | dict[str, Any] = False,
    errors: str = "strict",
    on_error: Callable[[ParseError], None] | None = None,
    encoding: str | None = None,
    fix_mojibake: bool = False,
    **options: Any,
) -> Records:
    """All records of a file, as a :class:`Records` list (``.problems`` holds what was reported)."""
    problems: list[ParseError] = []
    inp = open_input(source, encoding, fix_mojibake)
    fmt_name = format or registry.detect_name(inp.sample, inp.name)
    records = list(_records_from(inp, fmt_name, normalize, errors, on_error, problems, options))
    return Records(records, problems, registry.get(fmt_name).name)


def loads(
    text: str,
    format: str | None = None,  # noqa: A002
    *,
    normalize: bool | dict[str, Any] = False,
    errors: str = "strict",
    on_error: Callable[[ParseError], None] | None = None,
    source: str | None = None,
    fix_mojibake: bool = False,
    **options: Any,
) -> Records:
    """All records in a string."""
    problems: list[ParseError] = []
    inp = text_input(text, source or "<string>", fix_mojibake)
    fmt_name = format or registry.detect_name(inp.sample, inp.name)
    records = list(_records_from(inp, fmt_name, normalize, errors, on_error, problems, options))
    return Records(records, problems, registry.get(fmt_name).name)


def dump(records: Iterable[Record], out: IO[str], format: str, *, lossless: bool = False,  # noqa: A002
         **options: Any) -> WriteContext:  # fmt: skip
    """Write records to an open text stream; returns the context with the conversion report.

    The output holds the target format's own fields, as Zotero or a careful person would write
    them; what the target has no field for (the fields only the source knew, CSL variables
    without a tag) is left out and counted in the report. ``lossless=True`` carries it instead
    (``[ns:key]`` notes, ``csl-*``/``x-*`` BibTeX fields, CSL-JSON ``custom``), so that any
    A -> B -> A conversion gives back the same records. A record written in the format it was
    read from keeps everything either way. Other options go to the writer (``ascii=True`` for
    BibTeX); ``drop_extras`` is accepted and ignored (leaving out is the default).
    """
    fmt = registry.get(format)
    if not fmt.can_write:
        writable = ", ".join(f.name for f in registry.all_formats() if f.can_write)
        raise UnknownFormatError(f"format {fmt.name!r} cannot be written; writable formats: {writable}")
    options.pop("drop_extras", None)
    ctx = WriteContext(fmt.name, lossless=lossless, **options)
    if not lossless:
        records = _without_extras(records, ctx)
        if not fmt.rich_text:
            records = _plain_text(records, ctx)
    fmt.module.write(records, out, ctx)
    return ctx


#: Formats whose extras a writer writes as its own fields (BibTeX and BibLaTeX share theirs).
_FAMILIES = {"bibtex": frozenset({"bibtex", "biblatex"}), "biblatex": frozenset({"bibtex", "biblatex"})}


def _without_extras(records: Iterable[Record], ctx: WriteContext) -> Iterator[Record]:
    """The records without the extras of other formats (what only their source knew), each counted;
    a source's index fields (a catalogue's ``title_sort``) are counted as one kind."""
    own = _FAMILIES.get(ctx.format, frozenset({ctx.format}))
    for rec in records:
        if rec.extra and any(e.format not in own for e in rec.extra):
            rec = rec.copy()
            kept = []
            for e in rec.extra:
                if e.format in own:
                    kept.append(e)
                else:
                    ctx.omitted(f"{e.format} index fields" if registry.is_index_field(e) else f"{e.format} {e.key}")
            rec.extra = kept
        yield rec


def _plain_text(records: Iterable[Record], ctx: WriteContext) -> Iterator[Record]:
    """The records with their rich-text marks taken off (``<i>``, ``<sup>``, nocase spans ...), for a format
    that has none: the words stay, the marks are counted as left out (``lossless=True`` keeps them as written,
    and so does a record read from this format: a Web of Science RIS title with ``<i>`` is the exporter's text)."""
    from .richtext import has_marks, plain

    for rec in records:
        if rec.source is not None and rec.source.format == ctx.format:
            yield rec
            continue
        marked = [var for var, value in rec.fields.items() if type(value) is str and "<" in value and has_marks(value)]
        if marked:
            rec = rec.copy()
            for var in marked:
                rec[var] = plain(rec[var])
                ctx.omitted(f"CSL {var} marks")
        yield rec


def dumps(records: Iterable[Record], format: str, **options: Any) -> str:  # noqa: A002
    """The records as text in ``format``; options as for :func:`dump` (``lossless=True``)."""
    if isinstance(records, Record):
        records = [records]
    buf = io.StringIO()
    dump(records, buf, format, **options)
    return buf.getvalue()


def write(
    records: Iterable[Record],
    path: str | os.PathLike[str],
    format: str | None = None,  # noqa: A002
    **options: Any,
) -> WriteContext:
    """Write records to a file, atomically; the format comes from the extension when not given.

    Options as for :func:`dump` (``lossless=True`` keeps everything the target has no field for)."""
    fmt_name = format or registry.for_path(path, writable=True).name
    with atomic_writer(path) as out:
        return dump(records, out, fmt_name, **options)


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str]) -> Iterator[IO[str]]:
    """A text stream (UTF-8, line ends as written) that becomes the file ``path`` only when the block ends
    without an exception: a temporary file in the same directory, then a rename."""
    with atomic_file(path) as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as out:
        yield out


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """:func:`atomic_writer` for bytes."""
    target = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(target))
    fd, tmp = tempfile.mkstemp(prefix=".msccite-", suffix=".tmp", dir=directory)
    try:
        with open(fd, "wb") as out:
            yield out
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
