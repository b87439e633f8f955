"""Bytes in, lines out: encoding sniffing and streaming line iteration.

Every reader gets an iterator of lines without their line ends, whatever the input used
(LF, CRLF or CR), and detection gets a decoded sample of the start. Files are never decoded
with the locale's default: a BOM decides (UTF-8, UTF-16, UTF-32); else NUL bytes in every
other position say UTF-16 without BOM (EndNote on Windows); else UTF-8, where a byte that is not
valid UTF-8 is read as cp1252 (so a stray Windows character costs one letter, not the file) and
counted in :attr:`Input.fallback_bytes`.
"""

from __future__ import annotations

import codecs
import io
import os
import re
from collections.abc import Iterator
from typing import IO, BinaryIO

from .errors import ParseError

__all__ = ["Input", "open_input", "text_input", "iter_lines", "SAMPLE_BYTES"]

#: How much of the start of an input detection looks at.
SAMPLE_BYTES = 64 * 1024

_LINE_END = re.compile(r"\r\n|\r|\n")
_FALLBACK = "msccite-cp1252"
_CP1252_HOLES = {0x81, 0x8D, 0x8F, 0x90, 0x9D}  # bytes cp1252 leaves undefined: read as Latin-1


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


class Input:
    """One input opened for reading: its name, a decoded sample, and its lines.

    ``lines()`` may be called once; it streams, so a file of any size reads in constant memory.
    """

    def __init__(self, name: str | None, sample: str, lines: Iterator[str], encoding: str,
                 closer: IO | None = None) -> None:  # fmt: skip
        self.name = name
        self.sample = sample
        self.encoding = encoding
        self._lines = lines
        self._closer = closer
        self._fallback_start = _FallbackCounter.count

    @property
    def fallback_bytes(self) -> int:
        """Bytes that were not valid UTF-8 and were read as cp1252 so far."""
        return _FallbackCounter.count - self._fallback_start

    def lines(self) -> Iterator[str]:
        return self._lines

    def close(self) -> None:
        if self._closer is not None:
            self._closer.close()

    def __enter__(self) -> Input:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def text_input(text: str, name: str | None = None) -> Input:
    """An :class:`Input` over a string already in memory."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return Input(name, text[:SAMPLE_BYTES], iter_lines(text), "str")


def _stream_lines(text_stream: io.TextIOWrapper) -> Iterator[str]:
    try:
        for line in text_stream:
            yield line[:-1] if line.endswith("\n") else line
    finally:
        text_stream.close()


def open_input(source: str | os.PathLike[str] | IO, encoding: str | None = None) -> Input:
    """Open a path, ``-`` (standard input) or a file object for reading as lines."""
    import sys

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
            return text_input(text, name)
        raw = source  # type: ignore[assignment]
    head = raw.read(SAMPLE_BYTES)
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
    stream = io.TextIOWrapper(io.BufferedReader(_Replay(head, raw)), encoding=enc, errors=errors, newline=None)
    return Input(name, sample, _stream_lines(stream), enc, closer=stream)
