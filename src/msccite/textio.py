"""Bytes in, lines out: encoding sniffing and streaming line iteration.

Every reader gets an iterator of lines without their line ends, whatever the input used
(LF, CRLF or CR), and detection gets a decoded sample of the start. Files are never decoded
with the locale's default: a BOM decides (UTF-8, UTF-16, UTF-32); else NUL bytes in every
other position say UTF-16 without BOM (EndNote on Windows); else UTF-8, where a byte that is not
valid UTF-8 is read as cp1252 (so a stray Windows character costs one letter, not the file) and
counted in :attr:`Input.fallback_bytes`.

Only LF, CRLF and CR end a line. U+2028 and U+2029 (and NEL, VT, FF) are characters of the
line they are on: a value that contains one keeps it, and no tag line is ever split at one
(no exporter uses them as line ends, and splitting there would cut a value in two).

NUL bytes are removed from each line, with a warning naming the line (they are never part of
a citation, and a stray one would end up in a title); mojibake (``Ã©`` for ``é``) is repaired
line by line with ftfy when asked (``fix_mojibake=True``, the optional extra ``msccite[mojibake]``).
A BOM at the start of any line goes (files concatenated, each with its BOM), and in a string handed
in (``loads``) a lone surrogate becomes U+FFFD, reported (no encoder can write one).

Hostile input stays bounded:

- a line is at most :data:`MAX_LINE_CHARS` characters (64 Mi): the rest of a longer one is skipped, an
  error-level problem says so (``line 3 longer than 64 MiB: the rest of the line skipped``), and reading
  goes on at the next line; a reader of a format whose lines mean nothing (XML, JSON: an EndNote XML
  export is one line) asks for ``pieces`` instead, and gets a long line in pieces of about
  :data:`PIECE_CHARS` (each a :class:`LinePiece`, continued by the next item without a line end);
- gzip input is read through (several members too); a cut or damaged one gives the text decoded before
  the damage, and :attr:`Input.damage` says what happened (``truncated gzip``); output beyond
  :data:`GZIP_RATIO` times the compressed bytes read, once past :data:`GZIP_RATIO_AFTER` bytes, stops
  there too (a decompression bomb: real exports compress 3 to 20 times, zeros about 1,030 times).
"""

from __future__ import annotations

import codecs
import io
import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, BinaryIO

from .errors import MscciteError, ParseError
from .lazyre import compile_cached

__all__ = [
    "Input", "open_input", "text_input", "iter_lines", "not_text", "join_lines", "has_surrogates", "replace_surrogates",
    "LinePiece",
    "SAMPLE_BYTES", "MAX_LINE_CHARS", "PIECE_CHARS", "GZIP_RATIO", "GZIP_RATIO_AFTER",
]  # fmt: skip

#: How much of the start of an input detection looks at.
SAMPLE_BYTES = 64 * 1024
#: The longest line a reader is given (characters; 64 Mi): the rest of a longer line is skipped and reported.
MAX_LINE_CHARS = 64 * 1024 * 1024
#: About how long the pieces of a long line are, for a reader that takes pieces (XML, JSON).
PIECE_CHARS = 1024 * 1024
#: Decompressed bytes allowed per compressed byte read (gzip), once :data:`GZIP_RATIO_AFTER` bytes are out.
GZIP_RATIO = 1000
GZIP_RATIO_AFTER = 10 * 1024 * 1024

_LINE_END = compile_cached(r"\r\n|\r|\n")
_FALLBACK = "msccite-cp1252"
_CP1252_HOLES = {0x81, 0x8D, 0x8F, 0x90, 0x9D}  # bytes cp1252 leaves undefined: read as Latin-1
_NUL_WARNINGS = 10  # lines with NUL bytes warned about one by one; the rest are counted
_CHUNK_BYTES = 8192  # what io.TextIOWrapper reads at a time (its _CHUNK_SIZE)
_CHUNK_CHARS = 64 * 1024
_GZIP_READ = 8192  # compressed bytes read at a time (small: the ratio is checked on what was really used)
_MIB = 1024 * 1024


class LinePiece(str):
    """A piece of a long line, for a reader that asked for ``pieces``: the next item continues the same line
    (no line end between them); the last part of the line is a plain ``str``."""

    __slots__ = ()


def join_lines(lines: Iterable[str]) -> str:
    """``"\\n".join(lines)``, pieces of a long line (:class:`LinePiece`) joined without a line end."""
    out = list(lines)
    if not any(type(x) is LinePiece for x in out):
        return "\n".join(out)
    parts: list[str] = []
    for x in out:
        parts.append(x)
        if type(x) is not LinePiece:
            parts.append("\n")
    if parts and parts[-1] == "\n" and type(out[-1]) is not LinePiece:
        parts.pop()
    return "".join(parts)


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a surrogate (fast: an ASCII string never does, and the UTF-8 encoder is C)."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def replace_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (half of a UTF-16 pair, which no encoder writes) as U+FFFD; a pair of
    halves becomes the character they make."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


class _FallbackCounter:
    """Counts bytes the UTF-8 decoder had to read as cp1252 (per process; Input takes a delta)."""

    count = 0


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    _FallbackCounter.count += len(bad)
    chars = "".join(chr(b) if b in _CP1252_HOLES else bytes([b]).decode("cp1252") for b in bad)
    return chars, err.end


codecs.register_error(_FALLBACK, _cp1252_fallback)


def iter_lines(text: str) -> Iterator[str]:
    """Split text on LF, CRLF and CR only (not on U+2028 and the other breaks ``splitlines`` knows)."""
    pos = 0
    for m in _LINE_END.finditer(text):
        yield text[pos : m.start()]
        pos = m.end()
    if pos < len(text):
        yield text[pos:]


def sniff_encoding(head: bytes) -> str:
    """The encoding to read a byte stream with, from its first bytes."""
    if head.startswith(codecs.BOM_UTF32_LE) or head.startswith(codecs.BOM_UTF32_BE):
        return "utf-32"
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    probe = head[:4096]
    utf32 = _utf32_without_bom(probe)
    if utf32 is not None:
        return utf32
    if len(probe) >= 4:
        even_nuls = probe[0::2].count(0)
        odd_nuls = probe[1::2].count(0)
        half = len(probe) // 2
        if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
            return "utf-16-le"
        if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
            return "utf-16-be"
    declared = _xml_declared(probe)
    return declared or "utf-8"


_XML_ENCODING = compile_cached(rb"<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z][A-Za-z0-9._-]{0,40})[\"']")


def _xml_declared(probe: bytes) -> str | None:
    """The 8-bit encoding an XML declaration names (``<?xml version="1.0" encoding="ISO-8859-1"?>``: MODS from
    bibutils, old catalogue exports), when it is one Python knows and not UTF-8 (UTF-8 keeps the cp1252 fallback for
    bytes that are not UTF-8; a UTF-16 declaration in bytes that read as ASCII is wrong, and is not followed)."""
    m = _XML_ENCODING.match(probe.lstrip()) if probe.lstrip()[:5] == b"<?xml" else None
    if m is None:
        return None
    try:
        info = codecs.lookup(m.group(1).decode("ascii"))
    except LookupError:
        return None
    if info.name in ("utf-8", "utf-8-sig") or info.name.startswith(("utf-16", "utf-32")) \
            or not getattr(info, "_is_text_encoding", True):  # fmt: skip
        return None
    return info.name


def _utf32_without_bom(probe: bytes) -> str | None:
    """``utf-32-le`` or ``utf-32-be`` when the NUL bytes fall as UTF-32 puts them (text below U+10000 has two
    NUL bytes in each four, at the high end), else None."""
    quads = len(probe) // 4
    if quads < 2:
        return None
    probe = probe[: quads * 4]
    nuls = [probe[k::4].count(0) / quads for k in range(4)]
    if nuls[3] > 0.95 and nuls[2] > 0.9 and nuls[0] < 0.05:
        enc = "utf-32-le"
    elif nuls[0] > 0.95 and nuls[1] > 0.9 and nuls[3] < 0.05:
        enc = "utf-32-be"
    else:
        return None
    try:
        probe.decode(enc)
    except UnicodeDecodeError:
        return None
    return enc


def not_text(sample: str) -> str | None:
    """Why a sample cannot be a citation file whatever its format (empty, binary), or None."""
    if not sample.strip():
        return "the input is empty"
    head = sample[:4096]
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in head)
    if printable < 0.9 * len(head):
        return "the input looks like binary data"
    return None


def _mojibake_fixer() -> Callable[[str], str]:
    """ftfy's encoding repair, or a clear error when the optional dependency is missing."""
    try:
        import ftfy
    except ImportError:
        raise MscciteError(
            "repairing mojibake needs ftfy, an optional dependency: pip install 'msccite[mojibake]'"
        ) from None
    return ftfy.fix_encoding  # only the mojibake repair: quotes, ligatures and widths are left alone


class _Replay(io.RawIOBase):
    """A raw stream that gives back bytes already read, then the rest of the underlying stream.

    Closing it closes that stream only when ``close_rest`` (a file object the caller handed in, or standard
    input, is the caller's to close)."""

    def __init__(self, head: bytes, rest: BinaryIO, close_rest: bool = True) -> None:
        self._head = memoryview(head)
        self._rest = rest
        self._close_rest = close_rest

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:  # type: ignore[no-untyped-def]
        if self._head:
            n = min(len(buf), len(self._head))
            buf[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buf))
        n = len(data)
        buf[:n] = data
        return n

    def close(self) -> None:
        try:
            if self._close_rest:
                self._rest.close()
        finally:
            super().close()


#: The first bytes of a gzip file.
GZIP_MAGIC = b"\x1f\x8b"


class _Gunzip(io.RawIOBase):
    """The decompressed bytes of a gzip stream (members one after another, NUL padding between them, as
    gzip allows), which never raises on damage: a cut, a bad checksum, bytes that are not gzip, or output
    beyond :data:`GZIP_RATIO` times the input (past :data:`GZIP_RATIO_AFTER`) end the bytes there, and
    :attr:`damage` says why. Closing it closes the compressed stream."""

    def __init__(self, stream: BinaryIO, name: str | None = None) -> None:
        self._stream = stream
        self.name = name
        self._z: Any = zlib.decompressobj(31)  # None between members
        self._input = b""  # compressed bytes read and not yet used
        self._end = False
        #: Compressed bytes used so far, and decompressed bytes given out.
        self.used = 0
        self.given = 0
        #: Why the bytes ended early, as a problem says it (None: they did not); and the bare reason.
        self.damage: str | None = None
        self.reason = ""

    def readable(self) -> bool:
        return True

    def _fail(self, why: str, bomb: bool = False) -> None:
        self.reason = why
        self.damage = why if bomb else f"the compressed input is cut or damaged ({why})"
        self._end = True

    def readinto(self, buf) -> int:  # type: ignore[no-untyped-def]
        while not self._end:
            if not self._input:
                self._input = self._stream.read(_GZIP_READ)
                if not self._input:
                    if self._z is None:
                        self._end = True
                        break
                    out = self._z.decompress(b"", len(buf))  # output held back by the last call, if any
                    if out:
                        return self._give(buf, out)
                    self._fail(f"truncated gzip: the data ends inside the compressed stream, "
                               f"{self.given:,} bytes decompressed")  # fmt: skip
                    break
            if self._z is None:  # between members: another member, NUL padding, or bytes that are not gzip
                data = self._input.lstrip(b"\0")
                self.used += len(self._input) - len(data)
                self._input = data
                if not data:
                    continue
                if data[:2] != GZIP_MAGIC and data != GZIP_MAGIC[:1]:
                    self._fail(f"not gzip data after the end of the compressed stream (at byte {self.used:,})")
                    break
                self._z = zlib.decompressobj(31)
            try:
                out = self._z.decompress(self._input, len(buf))
            except zlib.error as exc:
                self._fail(f"damaged gzip data: {exc}")
                break
            if self._z.eof:
                rest = self._z.unused_data
                self._z = None
            else:
                rest = self._z.unconsumed_tail
            self.used += len(self._input) - len(rest)
            self._input = rest
            if out:
                return self._give(buf, out)
        return 0

    def _give(self, buf: Any, out: bytes) -> int:
        n = len(out)
        buf[:n] = out
        self.given += n
        if self.given > GZIP_RATIO_AFTER and self.given > GZIP_RATIO * max(self.used, 1):
            self._fail(f"the compressed input expands more than {GZIP_RATIO}:1 ({self.given // _MIB} MiB from "
                       f"{self.used:,} bytes): refused as a decompression bomb", bomb=True)  # fmt: skip
        return n

    def close(self) -> None:
        try:
            self._stream.close()
        finally:
            super().close()


class Input:
    """One input opened for reading: its name, a decoded sample, and its lines.

    ``lines()`` may be called once; it streams, so a file of any size reads in constant memory.
    """

    def __init__(self, name: str | None, sample: str, chunks: Iterator[str], encoding: str,
                 closer: IO | None = None, fix_mojibake: bool = False, *, gunzip: _Gunzip | None = None,
                 surrogates: bool = False) -> None:  # fmt: skip
        self.name = name
        self.sample = sample.replace("\x00", "") if "\x00" in sample else sample
        self.encoding = encoding
        self._chunks = chunks  # the text, line ends already LF, in pieces that may end inside a line
        self._closer = closer
        self._gunzip = gunzip
        self._surrogates = surrogates  # text handed in as a string may hold lone surrogates; decoded bytes never do
        self._fallback_start = _FallbackCounter.count
        self._fix = _mojibake_fixer() if fix_mojibake else None
        #: Lines with NUL bytes removed, and lines whose mojibake was repaired (line numbers).
        self.nul_lines: list[int] = []
        self.repaired_lines: list[int] = []
        #: Lines where lone surrogates were replaced with U+FFFD (line numbers).
        self.surrogate_lines: list[int] = []
        #: The input is an Excel workbook, read as its first sheet's CSV text.
        self.workbook = False

    @property
    def fallback_bytes(self) -> int:
        """Bytes that were not valid UTF-8 and were read as cp1252 so far."""
        return _FallbackCounter.count - self._fallback_start

    @property
    def damage(self) -> str | None:
        """Why compressed input ended early (``the compressed input is cut or damaged (truncated gzip ...)``), or
        None."""
        return self._gunzip.damage if self._gunzip is not None else None

    @property
    def bytes_read(self) -> int:
        """Bytes taken from the file so far (read-ahead included), for a progress display; 0 when unknown."""
        if self._gunzip is not None:
            return self._gunzip.used
        replay = getattr(self._closer, "raw", None)
        if not isinstance(replay, _Replay):
            return 0
        try:
            if replay._rest.closed:  # read to the end (the line iterator closes it there)
                return os.path.getsize(replay._rest.name)  # type: ignore[attr-defined]
            return int(replay._rest.tell())
        except (OSError, ValueError, AttributeError, TypeError):  # a pipe, or no file name
            return 0

    def lines(self, warn: Callable[[int, str], None] | None = None, error: Callable[[int, str], None] | None = None,
              *, pieces: bool = False) -> Iterator[str]:  # fmt: skip
        """The lines, without line ends and NUL bytes, mojibake repaired if asked.

        ``warn(line, message)`` hears of each of the first lines that had NUL bytes removed; the
        rest are only counted in :attr:`nul_lines` (a caller reports them at the end). ``error(line, message)``
        hears of a line longer than :data:`MAX_LINE_CHARS`, whose rest is skipped; with ``pieces`` no line is
        cut: a long one comes in pieces instead (:class:`LinePiece`).
        """
        n = 0
        pending: list[str] = []  # the start of a line that a later chunk ends (joined once: a long line stays linear)
        size = 0  # characters in pending
        over = False  # the line being read is longer than the limit: the rest of it is skipped
        continued = False  # pieces of the line being read were given out already
        limit = MAX_LINE_CHARS
        plain = self._fix is None
        surrogates = has_surrogates if self._surrogates else None
        for chunk in self._chunks:
            nl = chunk.find("\n")
            if nl < 0:
                if pieces:
                    pending.append(chunk)
                    size += len(chunk)
                    if size >= PIECE_CHARS:
                        yield LinePiece(self._clean(n + 1, "".join(pending), warn, not continued))
                        pending, size, continued = [], 0, True
                elif size + len(chunk) <= limit:
                    pending.append(chunk)
                    size += len(chunk)
                elif not over:
                    pending.append(chunk[: limit - size])
                    size, over = limit, True
                    self._too_long(n + 1, error)
                continue
            if size + nl > limit and not pieces:
                if not over:
                    self._too_long(n + 1, error)
                chunk = chunk[: max(limit - size, 0)] + chunk[nl:]
            over = False
            if pending:
                pending.append(chunk)
                chunk = "".join(pending)
            batch = chunk.split("\n")
            last = batch.pop()
            pending = [last] if last else []
            size = len(last)
            # the common case: the lines as they are
            if plain and "\x00" not in chunk and "\ufeff" not in chunk and not (surrogates and surrogates(chunk)):
                n += len(batch)
                yield from batch
            else:
                for i, line in enumerate(batch):
                    n += 1
                    yield self._clean(n, line, warn, i > 0 or not continued)
            continued = False
        rest = "".join(pending)
        if rest:
            yield self._clean(n + 1, rest, warn, not continued)

    def _too_long(self, n: int, error: Callable[[int, str], None] | None) -> None:
        if error is not None:
            error(n, f"line {n} longer than {MAX_LINE_CHARS // _MIB} MiB: the rest of the line skipped")

    def _clean(self, n: int, line: str, warn: Callable[[int, str], None] | None, at_start: bool = True) -> str:
        """Line ``n`` without its NUL bytes and a BOM at its start, mojibake repaired if asked."""
        if "\x00" in line:
            line = line.replace("\x00", "")
            if not self.nul_lines or self.nul_lines[-1] != n:
                self.nul_lines.append(n)
                if warn is not None and len(self.nul_lines) <= _NUL_WARNINGS:
                    warn(n, "NUL byte(s) removed from the line")
        if at_start and line.startswith("\ufeff"):  # files concatenated, each with its BOM
            line = line.lstrip("\ufeff")
        if self._surrogates and has_surrogates(line):
            line = replace_surrogates(line)
            if not self.surrogate_lines or self.surrogate_lines[-1] != n:
                self.surrogate_lines.append(n)
        if self._fix is not None and not line.isascii():
            fixed = self._fix(line)
            if fixed != line:
                if not self.repaired_lines or self.repaired_lines[-1] != n:
                    self.repaired_lines.append(n)
                line = fixed
        return line

    def close(self) -> None:
        if self._closer is not None:
            self._closer.close()

    def __enter__(self) -> Input:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def text_input(text: str, name: str | None = None, fix_mojibake: bool = False) -> Input:
    """An :class:`Input` over a string already in memory."""
    if not isinstance(text, str):
        raise TypeError(f"expected the text as a str, not {type(text).__name__}")
    if text.startswith("\ufeff"):
        text = text[1:]
    sample = text[:SAMPLE_BYTES]
    if has_surrogates(sample):
        sample = replace_surrogates(sample)
    return Input(name, sample, _text_chunks(text), "str", fix_mojibake=fix_mojibake, surrogates=True)


def _text_chunks(text: str) -> Iterator[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for pos in range(0, len(text), _CHUNK_CHARS):
        yield text[pos : pos + _CHUNK_CHARS]


def _stream_chunks(buffer: io.BufferedIOBase, decoder: codecs.IncrementalDecoder) -> Iterator[str]:
    """The decoded text, LF line ends, read as ``io.TextIOWrapper(newline=None)`` reads it.

    The same reads (``read1`` of 8 KiB) and the same newline decoder, so a decoding error stops
    the lines at the same place as a text stream would; splitting lines in bulk saves a call per line.
    """
    newlines = io.IncrementalNewlineDecoder(decoder, translate=True)
    try:
        while True:
            data = buffer.read1(_CHUNK_BYTES)
            text = newlines.decode(data, final=not data)
            if text:
                yield text
            if not data:
                return
    finally:
        buffer.close()


def _check_encoding(encoding: Any) -> None:
    if not isinstance(encoding, str):
        raise TypeError(f"encoding must be a str (e.g. 'utf-8') or None, not {type(encoding).__name__}")
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise MscciteError(f"unknown encoding {encoding!r} (e.g. utf-8, utf-16, cp1252, latin-1)") from None
    if not getattr(info, "_is_text_encoding", True):  # base64, rot13, zlib ...: not bytes to text
        raise MscciteError(f"{encoding!r} is not a text encoding (e.g. utf-8, utf-16, cp1252, latin-1)")


def open_input(source: str | os.PathLike[str] | IO, encoding: str | None = None,
               fix_mojibake: bool = False) -> Input:  # fmt: skip
    """Open a path, ``-`` (standard input) or a file object for reading as lines.

    A file object handed in is read from where it stands and never closed (its owner closes it); a binary one
    is decoded as a file would be, a text one is read whole.
    """
    import sys

    if fix_mojibake:
        _mojibake_fixer()  # fail before opening anything
    if encoding is not None:
        _check_encoding(encoding)
    name: str | None
    if isinstance(source, (str, os.PathLike)):
        name = os.fspath(source)
        if not isinstance(name, str):  # a bytes path
            raise TypeError(f"expected a file name as str or os.PathLike[str], not {type(name).__name__}")
        if name == "-":
            raw: BinaryIO = sys.stdin.buffer
            name = "<stdin>"
            own = False
        else:
            raw = open(name, "rb")  # noqa: SIM115 - closed by the line iterator or Input.close
            own = True
    else:
        if not callable(getattr(source, "read", None)):
            raise TypeError(f"expected a file name (str or os.PathLike), '-' or a file object with read(), "
                            f"not {type(source).__name__}")  # fmt: skip
        attr = getattr(source, "name", None)
        name = attr if isinstance(attr, str) else None
        if isinstance(source, io.TextIOBase):
            text = source.read()
            return text_input(text, name, fix_mojibake)
        raw = source  # type: ignore[assignment]
        own = False
    try:
        head = raw.read(SAMPLE_BYTES)
    except BaseException:
        if own:
            raw.close()
        raise
    if isinstance(head, str):  # a file object that reads text without being an io.TextIOBase
        return text_input(head + raw.read(), name, fix_mojibake)  # type: ignore[operator]
    if not isinstance(head, (bytes, bytearray)):
        if own:
            raw.close()
        raise TypeError(f"the file object's read() gave {type(head).__name__}, not bytes or str")
    gunzip = None
    if head[:2] == GZIP_MAGIC:  # a gzip file (PubMed's baseline, a compressed export): read through it
        gunzip = _Gunzip(io.BufferedReader(_Replay(head, raw, close_rest=own)), name)
        raw, own = io.BufferedReader(gunzip), True  # type: ignore[assignment]
        head = raw.read(SAMPLE_BYTES)
        if gunzip.damage is not None and not head:
            raw.close()
            raise ParseError(f"cannot decompress the input ({gunzip.reason})", source=name)
    if head[:4] == b"PK\x03\x04" or head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # an Excel workbook (or a zip)
        return _workbook_input(head, raw, own, name, fix_mojibake)
    enc = encoding or sniff_encoding(head)
    errors = _FALLBACK if enc in ("utf-8", "utf-8-sig") and encoding is None else "strict"
    decoder = codecs.getincrementaldecoder(enc)(errors=errors)
    try:
        sample = decoder.decode(head, final=False)
    except UnicodeDecodeError as exc:  # e.g. bytes that looked like UTF-16 and are not
        if own:
            raw.close()
        raise ParseError(f"cannot decode the input as {enc} ({exc.reason}); name the encoding with --encoding",
                         source=name) from None  # fmt: skip
    if sample.startswith("\ufeff"):
        sample = sample[1:]
    buffer = io.BufferedReader(_Replay(head, raw, close_rest=own))
    stream_decoder = codecs.getincrementaldecoder(enc)(errors=errors)
    return Input(name, sample, _stream_chunks(buffer, stream_decoder), enc, closer=buffer, fix_mojibake=fix_mojibake,
                 gunzip=gunzip)  # fmt: skip


def _workbook_input(head: bytes, raw: Any, own: bool, name: str | None, fix_mojibake: bool) -> Input:
    """An Excel workbook (.xlsx, .xls) opened as its first sheet's CSV text (:mod:`msccite.formats.tables.workbook`):
    the table reader reads it, and detection sees its header as it would a CSV's."""
    from .formats.tables.workbook import workbook_text

    try:
        data = head + raw.read()
    finally:
        if own:
            raw.close()
    try:
        text = workbook_text(data)
    except MscciteError as exc:
        raise ParseError(str(exc), source=name) from None
    inp = text_input(text, name, fix_mojibake)
    inp.workbook = True
    return inp
