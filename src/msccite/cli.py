"""The ``msccite`` command: convert, detect, check, dedupe, format, formats.

Exit status: 0 success (warnings may be printed), 1 the input has error-level problems or
cannot be read, 2 usage error, 3 internal error (a bug: one line and a hint, ``--debug`` for
the traceback). No traceback reaches the user for bad input.
"""

from __future__ import annotations

import argparse
import codecs
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from . import __version__, registry
from .errors import MscciteError, ParseError, UnknownFormatError
from .progress import progress_for

if TYPE_CHECKING:
    from .model import Record

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class _Usage(Exception):
    """A usage error found after argument parsing (exit 2)."""


class _Problems:
    """Prints each problem as ``file:line: message`` on stderr, and counts the errors."""

    def __init__(self, quiet: bool = False) -> None:
        self.errors = 0
        self.warnings = 0
        self.quiet = quiet

    def __call__(self, err: ParseError) -> None:
        if err.severity == "error":
            self.errors += 1
        else:
            self.warnings += 1
        if not self.quiet or err.severity == "error":
            label = "" if err.severity == "error" else "warning: "
            print(f"{label}{err}" if not label else f"{err.source or '<input>'}"
                  f"{'' if err.line is None else f':{err.line}'}: {label}{err.message}", file=sys.stderr)  # fmt: skip


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``command``, that command's alone (building all six costs a one-record
    conversion 5 ms)."""
    p = argparse.ArgumentParser(
        prog="msccite",
        description="Read, convert and normalize bibliographic citations (RIS, BibTeX, CSL-JSON, MEDLINE ...).",
    )
    p.add_argument("--version", action="version", version=f"msccite {__version__}")
    p.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name, add in _SUBCOMMANDS.items():
        if command is None or name == command:
            add(sub)
    return p


def _command_of(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names (its first argument that is not an option), if it is one."""
    for arg in argv:
        if not arg.startswith("-"):
            return arg if arg in _SUBCOMMANDS else None
        if arg == "--":
            return None
    return None


def _add_convert(sub: Any) -> None:
    c = sub.add_parser("convert", help="convert citation files from one format to another")
    c.add_argument("inputs", nargs="+", metavar="INPUT", help="files to read ('-' for standard input)")
    c.add_argument("-f", "--from", dest="source_format", metavar="FROM", help="input format (default: detected)")
    c.add_argument(
        "-t", "--to", dest="target_format", metavar="TO", help="output format (default: from -o's extension)"
    )
    c.add_argument("-o", "--output", metavar="OUT",
                   help="output file ('-' or default: standard output); a regular file is replaced only once "
                        "complete, a device or FIFO written in place")  # fmt: skip
    c.add_argument("--in-place", action="store_true",
                   help="let -o name an input: the inputs are read whole before the output replaces it")  # fmt: skip
    c.add_argument("--raw", action="store_true", help="do not normalize (readers' output as read)")
    c.add_argument("--sentence-case", action="store_true", help="normalize ALL-CAPS titles to sentence case")
    c.add_argument("--strict", action="store_true", help="stop at the first problem")
    c.add_argument("--quiet", "-q", action="store_true", help="print only errors, no warnings or report")
    c.add_argument("--encoding", help="input encoding (default: detected: BOM, UTF-16, UTF-8, cp1252)")
    c.add_argument("--fix-mojibake", action="store_true",
                   help="repair mojibake: text once decoded with the wrong encoding (needs ftfy)")  # fmt: skip
    c.add_argument("--ascii", action="store_true", help="escape non-ASCII characters where the format can (BibTeX)")
    c.add_argument("--lossless", action="store_true",
                   help="keep what the target format has no field for, in notes or fields of msccite's own "
                        "([ris:C5] notes, x-/csl- BibTeX fields, CSL-JSON custom), so that converting back "
                        "gives the same records (default: leave it out and report it)")  # fmt: skip
    c.add_argument("--drop-extras", action="store_true",
                   help="the default now (what the target has no field for is left out); "
                        "kept for old scripts")  # fmt: skip
    c.add_argument(
        "--crossref", action="store_true", help="BibTeX input: fill entries from the entry their crossref names"
    )
    c.add_argument("--jobs", "-j", type=_jobs, metavar="N",
                   help="worker processes (default: 1 for inputs under 2 MB, else one per core); the output is "
                        "the same bytes whatever N")  # fmt: skip


def _add_format(sub: Any) -> None:
    r = sub.add_parser("format", help="a formatted reference list: Vancouver, APA, AMA ... or any CSL style",
                       description="Format the records as a reference list with pandoc's citeproc (pip install "
                                   "'msccite[format]'). Styles: the Citation Style Language's, https://citationstyles.org/"
                                   " (CC BY-SA 3.0).")  # fmt: skip
    r.add_argument("inputs", nargs="+", metavar="INPUT", help="files to read ('-' for standard input)")
    r.add_argument("-s", "--style", default="vancouver", metavar="STYLE",
                   help="vancouver (default), nlm, apa, ama, nature, harvard, ieee, chicago, chicago-notes, or a "
                        "path to a .csl file")  # fmt: skip
    r.add_argument("-t", "--to", dest="target_format", metavar="TO",
                   help="text, markdown, html, docx, odt or rtf (default: from -o's extension, else text)")  # fmt: skip
    r.add_argument("-o", "--output", metavar="OUT",
                   help="output file ('-' or default: standard output; docx and odt not on a terminal)")  # fmt: skip
    r.add_argument("--in-place", action="store_true", help="let -o name an input (read whole before it is replaced)")
    r.add_argument("-f", "--from", dest="source_format", metavar="FROM", help="input format (default: detected)")
    r.add_argument("--raw", action="store_true", help="do not normalize (readers' output as read)")
    r.add_argument("--sentence-case", action="store_true", help="normalize ALL-CAPS titles to sentence case")
    r.add_argument("--quiet", "-q", action="store_true", help="print only errors, no warnings")
    r.add_argument("--encoding", help="input encoding (default: detected: BOM, UTF-16, UTF-8, cp1252)")


def _add_detect(sub: Any) -> None:
    d = sub.add_parser("detect", help="say which format each file is in, and how many records it holds")
    d.add_argument("inputs", nargs="+", metavar="FILE")
    d.add_argument("--encoding", help="input encoding (default: detected)")


def _add_check(sub: Any) -> None:
    k = sub.add_parser("check", help="report what a reviewer should fix in each record (exit 1 on errors)")
    k.add_argument("inputs", nargs="+", metavar="FILE", help="files to check ('-' for standard input)")
    k.add_argument("-f", "--from", dest="source_format", metavar="FROM", help="input format (default: detected)")
    k.add_argument("--json", action="store_true", help="the findings as a JSON list, for machines")
    k.add_argument("--raw", action="store_true", help="check the records as read, not normalized")
    k.add_argument("--encoding", help="input encoding (default: detected)")
    k.add_argument("--all", action="store_true",
                   help="also list the info findings (values kept as extras, not mapped to a field)")  # fmt: skip


def _add_dedupe(sub: Any) -> None:
    u = sub.add_parser("dedupe", help="merge a review's exports into one set without duplicates (PRISMA counts)")
    u.add_argument("inputs", nargs="+", metavar="INPUT", help="exports of the searches ('-' for standard input)")
    u.add_argument("-o", "--output", metavar="OUT", required=True,
                   help="the merged records (format from the extension; '-' for standard output)")  # fmt: skip
    u.add_argument("--in-place", action="store_true", help="let -o name an input (read whole before it is replaced)")
    u.add_argument("-t", "--to", dest="target_format", metavar="TO", help="output format (default: from -o)")
    u.add_argument("-f", "--from", dest="source_format", metavar="FROM", help="input format (default: detected)")
    u.add_argument("--clusters", metavar="CSV", help="one row per input record: its cluster, file, position, match")
    u.add_argument("--uncertain", metavar="CSV", help="the pairs left for the reviewer to decide")
    u.add_argument("--studies", metavar="CSV", help="one row per output record: its study (reports of one trial "
                                                      "linked by registration IDs), file, registrations")  # fmt: skip
    u.add_argument("--lossless", action="store_true", help="keep what the output format has no field for")
    u.add_argument("--encoding", help="input encoding (default: detected)")


def _add_formats(sub: Any) -> None:
    sub.add_parser("formats", help="list the formats msccite reads and writes")


#: Each command and what adds its parser, in the order ``--help`` lists them.
_SUBCOMMANDS: dict[str, Callable[[Any], None]] = {
    "convert": _add_convert, "format": _add_format, "detect": _add_detect, "check": _add_check,
    "dedupe": _add_dedupe, "formats": _add_formats,
}  # fmt: skip


def _records(inputs: Sequence[str], fmt: str | None, normalize: bool | dict[str, Any], errors: str,
             on_error: Callable[[ParseError], None],
             encoding: str | None, **options: Any) -> Iterator:  # fmt: skip
    from .api import iter_records

    for path in inputs:
        try:
            yield from iter_records(path, fmt, normalize=normalize, errors=errors, on_error=on_error,
                                    encoding=encoding, **options)  # fmt: skip
        except UnknownFormatError as exc:
            on_error(ParseError(str(exc).split(": ", 1)[-1], source=_label(path), line=None))
        except OSError as exc:
            on_error(ParseError(f"cannot read: {exc.strerror or exc}", source=_label(path)))
        except (ParseError, UnicodeError) as exc:  # an input that cannot be opened as text (a damaged gzip ...)
            err = exc if isinstance(exc, ParseError) else _undecodable(path, encoding, exc)
            if errors == "strict":
                raise err from None
            on_error(err)


def _undecodable(path: str, encoding: str | None, exc: UnicodeError) -> ParseError:
    """A codec's own refusal (UTF-16 without a byte order mark ...) as a problem of the input."""
    return ParseError(f"cannot decode the input as {encoding or 'detected encoding'} ({exc}); "
                      "name the encoding with --encoding", source=_label(path))  # fmt: skip


def _label(path: str) -> str:
    return "<stdin>" if path == "-" else path


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a number of processes (1 or more), got {text!r}")
    return n


class _NothingRead(Exception):
    """No record could be read and an input had errors: the output is left as it was."""


def _counted(records: Iterable[Any], seen: list[int]) -> Iterator[Any]:
    for rec in records:
        seen[0] += 1
        yield rec


def _nothing_written(output: str) -> int:
    print(f"msccite: no record could be read: nothing written, {output} unchanged", file=sys.stderr)
    return EXIT_PROBLEMS


def _convert(args: argparse.Namespace) -> int:
    from .api import dump
    from .jobs import stop_on_sigterm
    from .outputs import STDOUT, open_output

    stop_on_sigterm()  # SIGTERM stops as ^C does: no temporary file left behind

    target = args.target_format
    if target is None:
        if not args.output:
            raise _Usage("name the output format with -t/--to (or give -o with a known extension)")
        target = registry.for_path(args.output, writable=True).name
    fmt = registry.get(target)  # unknown names: a usage error
    if not fmt.can_write:
        raise _Usage(f"format {fmt.name!r} cannot be written")
    if args.source_format:
        registry.get(args.source_format)
    problems = _Problems(args.quiet)
    normalize: bool | dict[str, Any] = False if args.raw else {"sentence_case": args.sentence_case}
    bar = progress_for(args.quiet)  # a progress line on stderr, when it is a terminal
    options = {k: True for k, on in (("ascii", args.ascii), ("lossless", args.lossless)) if on}
    jobs = _parallel_jobs(args)
    if jobs > 1:
        try:
            ctx = _convert_parallel(args, fmt.name, normalize, options, jobs,
                                    bar.before(problems) if bar else problems, bar)  # fmt: skip
        except _NothingRead:
            return _nothing_written(args.output)
        if ctx is not None:
            return _report(args, ctx, fmt.name, problems)
    records = _records(args.inputs, args.source_format, normalize, "strict" if args.strict else "collect",
                       bar.before(problems) if bar else problems, args.encoding,
                       **{k: True for k in ("crossref", "fix_mojibake") if getattr(args, k)},
                       **({"opened": bar.watch} if bar else {}))  # fmt: skip
    records = bar.wrap(records) if bar else records
    seen = [0]
    records = _counted(records, seen)
    output = args.output or STDOUT
    try:
        if args.in_place:
            records = iter(list(records))  # every input read whole before the output replaces one of them
        with open_output(output, text=True) as out:
            ctx = dump(records, out, fmt.name, **options)
            if not seen[0] and problems.errors and output != STDOUT:
                raise _NothingRead
    except ParseError as exc:  # --strict
        problems(exc)
        return EXIT_PROBLEMS
    except _NothingRead:
        return _nothing_written(output)
    return _report(args, ctx, fmt.name, problems)


def _parallel_jobs(args: argparse.Namespace) -> int:
    """How many processes: 1 for --strict (stop at the first problem) and standard input, else --jobs or
    the default for the inputs' size."""
    from .jobs import default_jobs

    if args.strict or args.in_place or "-" in args.inputs:
        return 1
    return args.jobs if args.jobs is not None else default_jobs(args.inputs)


def _convert_parallel(args: argparse.Namespace, target: str, normalize: bool | dict[str, Any],
                      options: dict[str, Any], jobs: int, on_error: Callable[[ParseError], None],
                      bar: Any) -> Any:  # fmt: skip
    """Convert on ``jobs`` processes; the report, or None when there is nothing to share among them (one input
    that is not cut), which the caller converts in this process."""
    from .outputs import open_output
    from .parallel import convert_parts, plan

    paths = []
    for path in args.inputs:  # what the serial path reports per input, before any work starts
        try:
            plan([path], target, source_format=args.source_format, cut=False, encoding=args.encoding)
            paths.append(path)
        except UnknownFormatError as exc:
            on_error(ParseError(str(exc).split(": ", 1)[-1], source=_label(path), line=None))
        except OSError as exc:
            on_error(ParseError(f"cannot read: {exc.strerror or exc}", source=_label(path)))
        except ParseError as exc:
            on_error(exc)
        except UnicodeError as exc:
            on_error(_undecodable(path, args.encoding, exc))
    read_options = {k: True for k in ("crossref", "fix_mojibake") if getattr(args, k)}
    tasks = plan(paths, target, source_format=args.source_format, jobs=jobs, normalize=normalize,
                 write_options=options, read_options=read_options, encoding=args.encoding)  # fmt: skip
    if len(tasks) == 1 and len(paths) == len(args.inputs):
        return None  # one input that is not cut: streamed in this process, nothing to share
    on_part = bar.add if bar else None
    try:
        if args.output and args.output != "-":
            with open_output(args.output) as out:
                result = convert_parts(tasks, out, jobs=jobs, on_error=on_error, on_part=on_part)
                failed = len(paths) < len(args.inputs) or any(e.severity == "error" for e in result.problems)
                if not result.records and failed:  # no record could be read: the output stays as it was
                    raise _NothingRead
        elif _utf8_bytes(sys.stdout) is sys.stdout:  # text line ends to translate, or not UTF-8
            result = convert_parts(tasks, sys.stdout, jobs=jobs, on_error=on_error, on_part=on_part)
            sys.stdout.flush()
        else:  # the workers' bytes as they are
            with open_output("-") as out:
                result = convert_parts(tasks, out, jobs=jobs, on_error=on_error, on_part=on_part)
    finally:
        if bar:
            bar.clear()
    return result.report


def _utf8_bytes(stream: Any) -> Any:
    """The binary stream under a UTF-8 text stream that writes line ends as they are (standard output on
    POSIX): the workers' bytes go there as they are; else the text stream itself."""
    buffer = getattr(stream, "buffer", None)
    try:
        utf8 = codecs.lookup(getattr(stream, "encoding", None) or "").name == "utf-8"
    except LookupError:
        utf8 = False
    if buffer is None or os.linesep != "\n" or not utf8:
        return stream
    stream.flush()  # what was written as text comes first
    return buffer


def _report(args: argparse.Namespace, ctx: Any, target: str, problems: _Problems) -> int:
    fmt_name = target
    if not args.quiet:
        summary = ctx.summary()
        if summary:
            print(f"msccite: {ctx.records} record{'s' if ctx.records != 1 else ''} written as {fmt_name}; "
                  f"what {fmt_name} has no field for:", file=sys.stderr)  # fmt: skip
        for line in summary:
            print(f"msccite:   {line}", file=sys.stderr)
    return EXIT_PROBLEMS if problems.errors else EXIT_OK


_FORMAT_EXTENSIONS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
                      ".html": "html", ".htm": "html", ".docx": "docx", ".odt": "odt", ".rtf": "rtf"}  # fmt: skip


def _format(args: argparse.Namespace) -> int:
    from . import styles
    from .outputs import STDOUT, open_output

    to = args.target_format
    if to is None:
        to = _FORMAT_EXTENSIONS.get(os.path.splitext(args.output or "")[1].lower(), "text")
    if to not in styles.OUTPUTS:
        raise _Usage(f"unknown output {to!r} for format: one of {', '.join(styles.OUTPUTS)}")
    try:
        style = styles.resolve(args.style)
    except styles.StyleError as exc:
        raise _Usage(str(exc)) from None
    if args.source_format:
        registry.get(args.source_format)
    output = args.output or STDOUT
    if styles.is_binary(to) and output == STDOUT and sys.stdout.isatty():
        raise _Usage(f"{to} is a binary document: name a file with -o (or redirect standard output)")
    problems = _Problems(args.quiet)
    normalize: bool | dict[str, Any] = False if args.raw else {"sentence_case": args.sentence_case}
    records = list(_records(args.inputs, args.source_format, normalize, "collect", problems, args.encoding))
    if not records and problems.errors:
        return _nothing_written(output) if output != STDOUT else EXIT_PROBLEMS
    try:
        result = styles.format(records, style, to)
    except styles.StyleError as exc:  # a file that is no CSL style
        raise _Usage(str(exc)) from None
    with open_output(output, text=isinstance(result, str)) as out:
        out.write(result)
    return EXIT_PROBLEMS if problems.errors else EXIT_OK


def _detect(args: argparse.Namespace) -> int:
    from .api import iter_records
    from .textio import open_input

    status = EXIT_OK
    for path in args.inputs:
        try:
            with open_input(path, args.encoding) as inp:
                name = registry.detect_name(inp.sample, inp.name)
                shown = "xlsx" if inp.workbook and name == "csv" else name  # a workbook of a table is an xlsx
            problems = _Problems(quiet=True)
            count = sum(1 for _ in iter_records(path, name, errors="collect", on_error=problems,
                                                encoding=args.encoding))  # fmt: skip
            extra = f"\t{problems.errors} problem(s)" if problems.errors else ""
            print(f"{path}\t{shown}\t{count} record{'s' if count != 1 else ''}{extra}")
        except (UnknownFormatError, OSError, ParseError, UnicodeError) as exc:
            if isinstance(exc, OSError):
                reason = str(exc.strerror or exc)
            elif isinstance(exc, UnicodeError):
                reason = _undecodable(path, args.encoding, exc).message
            else:
                reason = exc.message if isinstance(exc, ParseError) else str(exc).split(": ", 1)[-1]
            print(f"{path}\tunknown\t{reason}")
            status = EXIT_PROBLEMS
    return status


def _formats(_: argparse.Namespace) -> int:
    rows = [(f.name, ("read" if f.can_read else "") + ("/write" if f.can_write else ""), " ".join(f.extensions),
             f.description) for f in registry.all_formats()]  # fmt: skip
    width = max(len(r[0]) for r in rows)
    for name, mode, exts, desc in rows:
        print(f"{name:<{width}}  {mode.strip('/'):<10}  {exts:<18}  {desc}")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    import json

    from .check import Finding, check

    found: list[Finding] = []

    def reader_problem(err: ParseError) -> None:  # the readers' problems are findings too
        found.append(Finding(err.severity, err.message, err.source, err.line))

    records = list(_records(args.inputs, args.source_format, not args.raw, "collect", reader_problem, args.encoding))
    found += check(records)
    shown = [f for f in found if args.all or f.severity != "info"]
    if args.json:
        json.dump([f.as_dict() for f in shown], sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for f in shown:
            print(f)
        errors = sum(f.severity == "error" for f in found)
        warns = sum(f.severity == "warning" for f in found)
        print(f"msccite: {len(records)} record{'s' if len(records) != 1 else ''} checked: "
              f"{errors} error(s), {warns} warning(s)", file=sys.stderr)  # fmt: skip
    return EXIT_PROBLEMS if any(f.severity == "error" for f in found) else EXIT_OK


def _dedupe(args: argparse.Namespace) -> int:
    from .api import write
    from .dedupe.report import summary, write_clusters, write_studies, write_uncertain
    from .dedupe.stream import dedupe_stream
    from .outputs import open_output

    fmt = registry.get(args.target_format) if args.target_format else registry.for_path(args.output, writable=True)
    problems = _Problems(quiet=False)
    positions: dict[str, int] = {}

    def read() -> Iterator[tuple[Record, dict[str, Any]]]:
        for rec in _records(args.inputs, args.source_format, True, "collect", problems, args.encoding):
            name = rec.source.file if rec.source and rec.source.file else "<stdin>"
            positions[name] = positions.get(name, 0) + 1
            yield rec, {"file": name, "record": positions[name], "format": rec.source.format if rec.source else ""}

    streamed = dedupe_stream(read())  # the keys in memory, the records in a temporary file
    try:
        if not streamed.sources and problems.errors:  # nothing read: the outputs stay as they were
            return _nothing_written(", ".join(p for p in (args.output, args.clusters, args.uncertain, args.studies)
                                              if p))  # fmt: skip
        ctx = write(streamed.records(), args.output, fmt.name, lossless=args.lossless)
        result = streamed.result()
        if args.clusters:
            with open_output(args.clusters, text=True) as out:
                write_clusters(result, out)
        if args.uncertain:
            with open_output(args.uncertain, text=True) as out:
                write_uncertain(result, streamed.spill, out)  # type: ignore[arg-type]
    finally:
        streamed.spill.close()
    if args.studies:
        with open_output(args.studies, text=True) as out:
            write_studies(result, out)
    for line in summary(result):
        print(f"msccite: {line}", file=sys.stderr)
    report = ctx.summary()
    if report:
        print(f"msccite: what {fmt.name} has no field for:", file=sys.stderr)
    for line in report:
        print(f"msccite:   {line}", file=sys.stderr)
    return EXIT_PROBLEMS if problems.errors else EXIT_OK


def _check_arguments(args: argparse.Namespace) -> None:
    """Usage errors the parser cannot see: standard input named twice, an encoding that is not one, an output
    that would overwrite an input or another output."""
    from .outputs import clashes

    inputs: list[str] = list(getattr(args, "inputs", None) or [])
    if inputs.count("-") > 1:
        raise _Usage("standard input ('-') can be read only once")
    encoding = getattr(args, "encoding", None)
    if encoding is not None:
        try:
            text = getattr(codecs.lookup(encoding), "_is_text_encoding", True)  # not rot13, base64 ...
        except LookupError:
            text = False
        if not text:
            raise _Usage(f"unknown text encoding {encoding!r} (e.g. utf-8, utf-16, cp1252, latin-1)")
    outputs = [(flag, path) for flag, path in (("-o", getattr(args, "output", None)),
                                                ("--clusters", getattr(args, "clusters", None)),
                                                ("--uncertain", getattr(args, "uncertain", None)),
                                                ("--studies", getattr(args, "studies", None))) if path]  # fmt: skip
    for n, (flag, path) in enumerate(outputs):
        for other_flag, other in outputs[:n]:
            if clashes(path, other):
                raise _Usage(f"{flag} {path} names the same file as {other_flag} {other}")
        for inp in inputs:
            if inp != "-" and clashes(path, inp):
                if flag == "-o" and getattr(args, "in_place", False):
                    continue
                hint = "; give --in-place to replace it" if flag == "-o" else ""
                raise _Usage(f"{flag} {path} names the input {inp}: it would be overwritten{hint}")


_COMMANDS = {"convert": _convert, "detect": _detect, "check": _check, "dedupe": _dedupe, "formats": _formats,
             "format": _format}  # fmt: skip


def main(argv: Iterable[str] | None = None) -> int:
    arguments = list(argv) if argv is not None else sys.argv[1:]
    parser = _parser(_command_of(arguments))
    args = parser.parse_args(arguments)
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    if hasattr(sys.stdout, "reconfigure") and (sys.stdout.encoding or "").lower().replace("-", "") != "utf8":
        sys.stdout.reconfigure(encoding="utf-8")  # citation files are UTF-8 whatever the locale (LC_ALL=C)
    try:
        _check_arguments(args)
        return _COMMANDS[args.command](args)
    except (_Usage, UnknownFormatError) as exc:
        parser.exit(EXIT_USAGE, f"msccite {args.command}: error: {exc}\n")
    except MscciteError as exc:
        print(f"msccite: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return EXIT_OK
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"msccite: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the one place that turns a bug into one line
        if args.debug:
            raise
        print(f"msccite: internal error: {type(exc).__name__}: {exc} "
              "(this is a bug: please report it; --debug shows the traceback)", file=sys.stderr)  # fmt: skip
        return EXIT_INTERNAL
    return EXIT_OK  # pragma: no cover


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
