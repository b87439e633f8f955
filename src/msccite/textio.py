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
"""

from __future__ import annotations

import codecs
import gzip
import io
import os
import re
from collections.abc import Callable, Iterator
from typing import IO, BinaryIO

from .errors import MscciteError, ParseError

__all__ = ["Input", "open_input", "text_input", "iter_lines", "not_text", "SAMPLE_BYTES"]

#: How much of the start of an input detection looks at.
SAMPLE_BYTES = 64 * 1024

_LINE_END = re.compile(r"\r\n|\r|\n")
_FALLBACK = "msccite-cp1252"
_CP1252_HOLES = {0x81, 0x8D, 0x8F, 0x90, 0x9D}  # bytes cp1252 leaves undefined: read as Latin-1
_NUL_WARNINGS = 10  # lines with NUL bytes warned about one by one; the rest are counted
_CHUNK_BYTES = 8192  # what io.TextIOWrapper reads at a time (its _CHUNK_SIZE)
_CHUNK_CHARS = 64 * 1024


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
    if len(probe) >= 4:
        even_nuls = probe[0::2].count(0)
        odd_nuls = probe[1::2].count(0)
        half = len(probe) // 2
        if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
            return "utf-16-le"
        if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
            return "utf-16-be"
    return "utf-8"


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
    """A raw stream that gives back bytes already read, then the rest of the underlying stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

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
            self._rest.close()
        finally:
            super().close()


#: The first bytes of a gzip file.
GZIP_MAGIC = b"\x1f\x8b"


class _Gunzip(gzip.GzipFile):
    """The decompressed bytes of a gzip stream; closing it closes that stream too."""

    def __init__(self, stream: BinaryIO) -> None:
        super().__init__(fileobj=stream, mode="rb")
        self._stream = stream

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._stream.close()


class Input:
    """One input opened for reading: its name, a decoded sample, and its lines.

    ``lines()`` may be called once; it streams, so a file of any size reads in constant memory.
    """

    def __init__(self, name: str | None, sample: str, chunks: Iterator[str], encoding: str,
                 closer: IO | None = None, fix_mojibake: bool = False) -> None:  # fmt: skip
        self.name = name
        self.sample = sample.replace("\x00", "") if "\x00" in sample else sample
        self.encoding = encoding
        self._chunks = chunks  # the text, line ends already LF, in pieces that may end inside a line
        self._closer = closer
        self._fallback_start = _FallbackCounter.count
        self._fix = _mojibake_fixer() if fix_mojibake else None
        #: Lines with NUL bytes removed, and lines whose mojibake was repaired (line numbers).
        self.nul_lines: list[int] = []
        self.repaired_lines: list[int] = []

    @property
    def fallback_bytes(self) -> int:
        """Bytes that were not valid UTF-8 and were read as cp1252 so far."""
        return _FallbackCounter.count - self._fallback_start

    @property
    def bytes_read(self) -> int:
        """Bytes taken from the file so far (read-ahead included), for a progress display; 0 when unknown."""
        replay = getattr(self._closer, "raw", None)
        if not isinstance(replay, _Replay):
            return 0
        try:
            if replay._rest.closed:  # read to the end (the line iterator closes it there)
                return os.path.getsize(replay._rest.name)  # type: ignore[attr-defined]
            return int(replay._rest.tell())
        except (OSError, ValueError, AttributeError, TypeError):  # a pipe, or no file name
            return 0

    def lines(self, warn: Callable[[int, str], None] | None = None) -> Iterator[str]:
        """The lines, without line ends and NUL bytes, mojibake repaired if asked.

        ``warn(line, message)`` hears of each of the first lines that had NUL bytes removed; the
        rest are only counted in :attr:`nul_lines` (a caller reports them at the end).
        """
        n = 0
        pending: list[str] = []  # the start of a line that a later chunk ends (joined once: a long line stays linear)
        for chunk in self._chunks:
            if "\n" not in chunk:
                pending.append(chunk)
                continue
            if pending:
                pending.append(chunk)
                chunk = "".join(pending)
            batch = chunk.split("\n")
            last = batch.pop()
            pending = [last] if last else []
            if self._fix is None and "\x00" not in chunk:  # the common case: the lines as they are
                n += len(batch)
                yield from batch
                continue
            for line in batch:
                n += 1
                yield self._clean(n, line, warn)
        rest = "".join(pending)
        if rest:
            yield self._clean(n + 1, rest, warn)

    def _clean(self, n: int, line: str, warn: Callable[[int, str], None] | None) -> str:
        """Line ``n`` without its NUL bytes, mojibake repaired if asked."""
        if "\x00" in line:
            line = line.replace("\x00", "")
            self.nul_lines.append(n)
            if warn is not None and len(self.nul_lines) <= _NUL_WARNINGS:
                warn(n, "NUL byte(s) removed from the line")
        if self._fix is not None and not line.isascii():
            fixed = self._fix(line)
            if fixed != line:
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
    if text.startswith("\ufeff"):
        text = text[1:]
    return Input(name, text[:SAMPLE_BYTES], _text_chunks(text), "str", fix_mojibake=fix_mojibake)


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


def open_input(source: str | os.PathLike[str] | IO, encoding: str | None = None,
               fix_mojibake: bool = False) -> Input:  # fmt: skip
    """Open a path, ``-`` (standard input) or a file object for reading as lines."""
    import sys

    if fix_mojibake:
        _mojibake_fixer()  # fail before opening anything
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise MscciteError(f"unknown encoding {encoding!r} (e.g. utf-8, utf-16, cp1252, latin-1)") from None
    name: str | None
    if isinstance(source, (str, os.PathLike)):
        name = os.fspath(source)
        if name == "-":
            raw: BinaryIO = sys.stdin.buffer
            name = "<stdin>"
        else:
            raw = open(name, "rb")  # noqa: SIM115 - closed by the line iterator or Input.close
    else:
        attr = getattr(source, "name", None)
        name = attr if isinstance(attr, str) else None
        if isinstance(source, io.TextIOBase):
            text = source.read()
            return text_input(text, name, fix_mojibake)
        raw = source  # type: ignore[assignment]
    head = raw.read(SAMPLE_BYTES)
    if head[:2] == GZIP_MAGIC:  # a gzip file (PubMed's baseline, a compressed export): read through it
        raw = _Gunzip(io.BufferedReader(_Replay(head, raw)))  # type: ignore[assignment]
        try:
            head = raw.read(SAMPLE_BYTES)
        except (EOFError, OSError) as exc:
            raw.close()
            raise ParseError(f"cannot decompress the input ({exc})", source=name) from None
    enc = encoding or sniff_encoding(head)
    errors = _FALLBACK if enc in ("utf-8", "utf-8-sig") and encoding is None else "strict"
    decoder = codecs.getincrementaldecoder(enc)(errors=errors)
    try:
        sample = decoder.decode(head, final=False)
    except UnicodeDecodeError as exc:  # e.g. bytes that looked like UTF-16 and are not
        if raw is not source and raw is not sys.stdin.buffer:
            raw.close()
        raise ParseError(f"cannot decode the input as {enc} ({exc.reason}); name the encoding with --encoding",
                         source=name) from None  # fmt: skip
    if sample.startswith("\ufeff"):
        sample = sample[1:]
    buffer = io.BufferedReader(_Replay(head, raw))
    stream_decoder = codecs.getincrementaldecoder(enc)(errors=errors)
    return Input(name, sample, _stream_chunks(buffer, stream_decoder), enc, closer=buffer, fix_mojibake=fix_mojibake)
