"""The public functions: read, loads, iter_records, dumps, write, detect, formats, normalize.

Shaped like :mod:`json`: ``load``-style functions take a path or a file, ``loads`` a string;
``dumps`` returns text and ``write`` writes a file (a regular file atomically: a temporary file, then a rename,
so a failed run never leaves half a file; see :mod:`msccite.outputs`).
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from . import registry
from .context import ERROR_MODES, ReadContext, WriteContext
from .errors import MscciteError, ParseError, UnknownFormatError
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


#: Records in a row with no value at all after which an input is no citation file (an endless stream of ``TY  - JOUR``
#: lines): reading stops with an error instead of growing. No export has more than a few empty records.
MAX_EMPTY_RUN = 10_000


def _records_from(inp: Input, format: str | None, normalize_: bool | dict[str, Any], errors: str,  # noqa: A002
                  on_error: Callable[[ParseError], None] | None,
                  problems: list[ParseError] | None = None,
                  options: dict[str, Any] | None = None, first_line: int = 1,
                  counted: Callable[[int], None] | None = None) -> Iterator[Record]:  # fmt: skip
    """The records of an input, read and (when asked) normalized; ``counted`` is given the number of records read
    (those skipped too) once the input is read.

    Each record is built inside the reader's per-record error boundary (:meth:`ReadContext.build`), and
    normalized inside this function's: an exception there costs that record only, reported as an error of the
    file, its line and its number. An exception of the reader between records (a bug) ends the input there,
    reported the same way; the records read before it are kept.
    """
    try:
        fmt = registry.get(format) if format else registry.get(registry.detect_name(inp.sample, inp.name))
        if not fmt.can_read:
            raise UnknownFormatError(f"format {fmt.name!r} cannot be read")
        ctx = ReadContext(fmt.name, inp.name, errors=errors, on_error=on_error, problems=problems, options=options,
                          first_line=first_line)  # fmt: skip
    except BaseException:
        inp.close()
        raise
    norm_options = normalize_ if isinstance(normalize_, dict) else {}  # True, or normalize()'s options
    reason = not_text(inp.sample) if format else None  # detection has refused these already
    if reason is not None:
        inp.close()
        ctx.problem(None, f"not a citation file: {reason}")
        return
    line: int | None = None  # the line of the last record given out
    number = 0
    empty = 0  # records in a row with no value at all
    try:
        records = fmt.module.read(inp.lines(ctx.warn, ctx.problem, pieces=getattr(fmt.module, "LINE_PIECES", False)),
                                  ctx)  # fmt: skip
        while True:
            try:
                rec = next(records)
            except StopIteration:
                break
            except UnicodeDecodeError as exc:
                ctx.problem(None, f"cannot decode the input as {inp.encoding} ({exc.reason}); "
                                  "name the encoding with --encoding")  # fmt: skip
                break
            except MscciteError:
                raise
            except Exception as exc:  # noqa: BLE001 - a reader's failure between records: keep what was read
                where = f" after record {number} (line {line})" if number else ""
                ctx.problem(None, f"reading stopped{where} ({type(exc).__name__}: {str(exc)[:200]}); "
                                  "the records before are kept", record=number or None)  # fmt: skip
                break
            number = ctx.handed()
            line = rec.source.line if rec.source is not None else None
            if rec.fields or rec.extra or rec.id:
                empty = 0
            else:
                empty += 1
                if empty >= MAX_EMPTY_RUN:  # an endless stream (`yes "TY  - JOUR"`): fail early, not grow
                    ctx.problem(line, f"{MAX_EMPTY_RUN:,} records in a row with nothing in them: not a citation "
                                      "file; reading stopped")  # fmt: skip
                    break
            if normalize_:
                try:
                    rec = normalize(rec, **norm_options)
                except MscciteError:
                    raise
                except Exception as exc:  # noqa: BLE001 - the per-record boundary of normalization
                    ctx.failed(line, number, "cannot be normalized", exc)
                    continue
            yield rec
    finally:
        inp.close()
    _report_input(inp, ctx)
    if counted is not None:
        counted(ctx.read_count())


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
    if inp.surrogate_lines:
        first, n = inp.surrogate_lines[0], len(inp.surrogate_lines)
        ctx.warn(first, f"lone surrogate(s) (half of a UTF-16 pair, which no file can hold) replaced with U+FFFD "
                        f"on {n} line(s), the first at line {first}")  # fmt: skip
    if inp.damage is not None:
        ctx.problem(None, f"{inp.damage}; the records before that are kept")


def _reader_options() -> frozenset[str]:
    """The keyword options some reader takes (``crossref``, ``validate``): each format lists its own."""
    return frozenset(opt for f in registry.all_formats() for opt in getattr(f.module, "READ_OPTIONS", ()))


def _check_arguments(function: str, format: Any, normalize: Any, errors: Any, on_error: Any,  # noqa: A002
                     fix_mojibake: Any, options: dict[str, Any]) -> None:  # fmt: skip
    """Raise a clear TypeError (ValueError for an unknown ``errors`` mode) for arguments of the wrong kind,
    before anything is read."""
    if format is not None and not isinstance(format, str):
        raise TypeError(f"{function}(): format must be a format name (str) or None, not {type(format).__name__}")
    if isinstance(normalize, dict):
        from .normalization import OPTIONS

        unknown = [k for k in normalize if k not in OPTIONS]
        if unknown:
            raise TypeError(f"{function}(): unknown normalize option {unknown[0]!r} (options: {', '.join(OPTIONS)})")
    elif not isinstance(normalize, bool):
        raise TypeError(f"{function}(): normalize must be True, False or a dict of normalize options, "
                        f"not {type(normalize).__name__}")  # fmt: skip
    if not isinstance(errors, str):
        raise TypeError(f"{function}(): errors must be one of {ERROR_MODES}, not {type(errors).__name__}")
    if errors not in ERROR_MODES:
        raise ValueError(f"errors must be one of {ERROR_MODES}, not {errors!r}")
    if on_error is not None and not callable(on_error):
        raise TypeError(f"{function}(): on_error must be a function taking a ParseError, not {type(on_error).__name__}")
    if not isinstance(fix_mojibake, bool):
        raise TypeError(f"{function}(): fix_mojibake must be True or False, not {type(fix_mojibake).__name__}")
    unknown = [k for k in options if k not in _reader_options()]
    if unknown:
        known = ", ".join(sorted(_reader_options()))
        raise TypeError(f"{function}() got an unexpected keyword argument {unknown[0]!r} (reader options: {known})")


def _check_source(function: str, source: Any) -> None:
    if isinstance(source, (str, os.PathLike)) or callable(getattr(source, "read", None)):
        return
    hint = " (data in memory: msccite.loads(text), or read(io.BytesIO(data)))" if isinstance(source, bytes) else ""
    raise TypeError(f"{function}(): source must be a file name (str or os.PathLike), '-' or a file object, "
                    f"not {type(source).__name__}{hint}")  # fmt: skip


def _open(function: str, source: PathOrFile, encoding: str | None, fix_mojibake: bool, errors: str,
          on_error: Callable[[ParseError], None] | None,
          problems: list[ParseError] | None) -> Input | None:  # fmt: skip
    """The input opened; None when it cannot be (cut gzip, undecodable start) and ``errors="collect"`` took that."""
    _check_source(function, source)
    try:
        return open_input(source, encoding, fix_mojibake)
    except ParseError as exc:
        if errors == "strict":
            raise
        if problems is not None:
            problems.append(exc)
        if on_error is not None:
            on_error(exc)
        return None


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
    an entry's missing fields from the entry its ``crossref`` names; CSL-JSON: ``validate=False``);
    an unknown one is a TypeError.
    Problems raise :class:`ParseError` (``errors="strict"``) or are passed to ``on_error`` and
    skipped (``errors="collect"``); a record that cannot be read or normalized is one such problem, and
    the records after it are read. ``fix_mojibake=True`` repairs text that was decoded with the
    wrong encoding once (``Ã©`` for ``é``), line by line, before the reader (needs ftfy:
    ``pip install 'msccite[mojibake]'``); ``encoding`` overrides the detected encoding.
    A file object handed in is not closed.
    """
    _check_arguments("iter_records", format, normalize, errors, on_error, fix_mojibake, options)
    _check_source("iter_records", source)
    return _iter_records(source, format, normalize, errors, on_error, encoding, fix_mojibake, opened, options)


def _iter_records(source: PathOrFile, format: str | None, normalize: bool | dict[str, Any], errors: str,  # noqa: A002
                  on_error: Callable[[ParseError], None] | None, encoding: str | None, fix_mojibake: bool,
                  opened: Callable[[Input], None] | None, options: dict[str, Any]) -> Iterator[Record]:  # fmt: skip
    inp = _open("iter_records", source, encoding, fix_mojibake, errors, on_error, None)
    if inp is None:
        return
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
    """All records of a file, as a :class:`Records` list (``.problems`` holds what was reported).

    Arguments as for :func:`iter_records`; a file object handed in is not closed."""
    _check_arguments("read", format, normalize, errors, on_error, fix_mojibake, options)
    problems: list[ParseError] = []
    inp = _open("read", source, encoding, fix_mojibake, errors, on_error, problems)
    if inp is None:
        return Records((), problems, registry.get(format).name if format else None)
    return _read_all(inp, format, normalize, errors, on_error, problems, options)


def _read_all(inp: Input, format: str | None, normalize: bool | dict[str, Any], errors: str,  # noqa: A002
              on_error: Callable[[ParseError], None] | None, problems: list[ParseError],
              options: dict[str, Any]) -> Records:  # fmt: skip
    try:
        fmt_name = registry.get(format).name if format else registry.detect_name(inp.sample, inp.name)
    except BaseException:
        inp.close()
        raise
    records = list(_records_from(inp, fmt_name, normalize, errors, on_error, problems, options))
    return Records(records, problems, fmt_name)


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
    """All records in a string; arguments as for :func:`iter_records` (``source`` names the text in problems)."""
    if not isinstance(text, str):
        hint = " (decode it first, or read(io.BytesIO(data)) to have the encoding detected)" \
            if isinstance(text, (bytes, bytearray)) else ""  # fmt: skip
        raise TypeError(f"loads(): text must be a str, not {type(text).__name__}{hint}")
    if source is not None and not isinstance(source, str):
        raise TypeError(f"loads(): source must be a name (str) or None, not {type(source).__name__}")
    _check_arguments("loads", format, normalize, errors, on_error, fix_mojibake, options)
    inp = text_input(text, source or "<string>", fix_mojibake)
    return _read_all(inp, format, normalize, errors, on_error, [], options)


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


#: Formats whose extras a writer writes as its own fields (BibTeX and BibLaTeX share theirs; TSV and XLSX write CSV's).
_FAMILIES = {"bibtex": frozenset({"bibtex", "biblatex"}), "biblatex": frozenset({"bibtex", "biblatex"}),
             "tsv": frozenset({"csv", "tsv"}), "xlsx": frozenset({"csv", "xlsx"})}  # fmt: skip


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
        if rec.source is not None and rec.source.format in _FAMILIES.get(ctx.format, (ctx.format,)):
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
    buf = _Pieces()
    dump(records, buf, format, **options)
    return "".join(buf.pieces)


class _Pieces(io.TextIOBase):
    """A text stream that keeps what is written as a list of strings, joined once: a ``StringIO`` of non-ASCII
    text costs a fifth of a BibTeX conversion in ``getvalue`` alone."""

    def __init__(self) -> None:
        super().__init__()
        self.pieces: list[str] = []

    def writable(self) -> bool:
        return True

    def write(self, s: str) -> int:
        if not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        self.pieces.append(s)
        return len(s)


def write(
    records: Iterable[Record],
    path: str | os.PathLike[str],
    format: str | None = None,  # noqa: A002
    **options: Any,
) -> WriteContext:
    """Write records to a file; the format comes from the extension when not given; ``"-"`` is standard output.

    The file is written as :mod:`msccite.outputs` says: a regular file is replaced only once complete (a failed
    run leaves it as it was), keeping its mode, its owner and its hard links, and through its symbolic links;
    a device or FIFO (``/dev/null``) is written in place. A failure to write raises
    :class:`~msccite.outputs.OutputError` (an :class:`OSError` naming ``path``).
    Options as for :func:`dump` (``lossless=True`` keeps everything the target has no field for)."""
    fmt_name = format or registry.for_path(path, writable=True).name
    with atomic_writer(path) as out:
        return dump(records, out, fmt_name, **options)


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str]) -> Iterator[IO[str]]:
    """A text stream (UTF-8, line ends as written) that becomes the file ``path`` only when the block ends
    without an exception (see :func:`msccite.outputs.open_output`)."""
    from .outputs import open_output

    with open_output(path, text=True) as out:
        yield out


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """:func:`atomic_writer` for bytes."""
    from .outputs import open_output

    with open_output(path) as out:
        yield out
