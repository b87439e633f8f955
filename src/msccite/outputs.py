"""How msccite writes a file: one policy for ``convert -o``, ``dedupe -o/--clusters/--uncertain`` and
:func:`msccite.write`.

- ``-`` is standard output.
- A regular file, or a path that does not exist yet, is written to a temporary file in the same directory that
  replaces it only once complete (a failed run leaves the old file as it was). A symbolic link is written through:
  its target is replaced, the link stays. An existing file keeps its mode (and owner, where permitted); a new file
  gets ``0666 & ~umask``, as any program's. A file with other hard links is written in place once the data is
  complete (the complete text is copied into it), so that the links keep sharing it.
- Anything else (a character device such as ``/dev/null``, a FIFO, a socket, ``/dev/stdout``) is opened and
  written in place: it is never replaced by a regular file.
- Errors name the file the user named, never the temporary file: :class:`OutputError`
  (``cannot write out.bib: No space left on device``).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from typing import IO, Any

from .errors import MscciteError

__all__ = ["OutputError", "STDOUT", "open_output", "same_file", "clashes"]

STDOUT = "-"
TEMP_PREFIX = ".msccite-"  # the temporary files' names: .msccite-<random>.tmp, next to the target
_IN_PLACE_PATHS = ("/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/")  # links to open files: never replaced


class OutputError(MscciteError, OSError):
    """A file msccite writes could not be written. ``filename`` is the file the user named (never a temporary
    file); ``str()`` reads ``cannot write out.bib: No space left on device``."""

    def __str__(self) -> str:
        where = "standard output" if self.filename == STDOUT else self.filename
        return f"cannot write {where}: {self.strerror or 'error'}"


def _error(exc: OSError, name: str) -> OutputError:
    return OutputError(exc.errno or errno.EIO, exc.strerror or str(exc), name)


class _Guarded(io.BufferedIOBase):
    """A binary stream over ``inner`` whose write errors are :class:`OutputError` naming ``name`` (a broken pipe
    on standard output stays a :class:`BrokenPipeError`, which the command treats as the reader going away)."""

    def __init__(self, inner: IO[bytes], name: str, close_inner: bool = True) -> None:
        super().__init__()
        self._inner = inner
        self._name = name
        self._close_inner = close_inner
        self.failed = False

    def _mapped(self, exc: OSError) -> BaseException:
        self.failed = True
        if isinstance(exc, (OutputError, BrokenPipeError)):
            return exc
        return _error(exc, self._name)

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.failed:
            raise OutputError(errno.EIO, "an earlier write failed", self._name)
        try:
            return self._inner.write(data)
        except OSError as exc:
            raise self._mapped(exc) from None

    def flush(self) -> None:
        if self.failed or self._inner.closed:
            return
        try:
            self._inner.flush()
        except OSError as exc:
            raise self._mapped(exc) from None

    def close(self) -> None:
        if self.closed:
            return
        try:
            self.flush()
        finally:
            super().close()
            if self._close_inner:
                self.discard()

    def discard(self) -> None:
        """Close the file under this stream without raising (after a failure: nothing more is written)."""
        self.failed = True
        if self._close_inner:
            with contextlib.suppress(OSError, ValueError):
                self._inner.close()  # closes the descriptor even when the last flush fails
        super().close()  # a text layer left over sees a closed stream: nothing to flush when it is collected


@contextlib.contextmanager
def open_output(path: str | os.PathLike[str], *, text: bool = False) -> Iterator[Any]:
    """The output ``path`` under the policy of this module, as a binary stream, or with ``text=True`` a UTF-8 text
    stream that writes line ends as they are given (``newline=""``). The file is complete, and replaces what was
    there, when the block ends without an exception; an exception leaves a replaced file as it was."""
    name = os.fspath(path)
    if name == STDOUT:
        with _stdout(text) as out:
            yield out
        return
    try:
        st: os.stat_result | None = os.stat(name)  # through symbolic links
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _error(exc, name) from None
    if st is not None and (not stat.S_ISREG(st.st_mode) or os.path.abspath(name).startswith(_IN_PLACE_PATHS)):
        opener: Any = _in_place
    elif st is not None and st.st_nlink > 1:
        opener = _copied_in
    else:
        opener = _replaced
    with opener(name, st) as raw, _layer(raw, text) as out:
        yield out


@contextlib.contextmanager
def _layer(raw: _Guarded, text: bool) -> Iterator[Any]:
    """``raw`` itself or a UTF-8 text stream over it; flushed at the end of the block, or discarded on a failure."""
    out: Any = io.TextIOWrapper(raw, encoding="utf-8", newline="", write_through=False) if text else raw
    try:
        yield out
        out.flush()
    except BaseException:
        if not raw.failed:  # what was written goes out (to a device, standard output; a temporary file is removed)
            with contextlib.suppress(Exception):
                out.flush()
        if text:
            with contextlib.suppress(Exception):
                out.detach()  # nothing left in the text layer to be flushed when it is collected
        raise
    if text:
        out.detach()


@contextlib.contextmanager
def _stdout(text: bool) -> Iterator[Any]:
    stream = sys.stdout
    try:
        fd: int | None = stream.fileno()
    except (AttributeError, OSError, ValueError):  # a stream of Python's own (a test's capture, StringIO)
        fd = None
    if fd is None:
        if text or getattr(stream, "buffer", None) is None:
            yield stream
        else:
            stream.flush()
            yield stream.buffer
        return
    stream.flush()  # what was printed before comes first
    raw = _Guarded(open(fd, "wb", closefd=False), STDOUT)  # noqa: SIM115 - closed below
    try:
        with _layer(raw, text) as out:
            yield out
    except BaseException:
        raw.discard()
        raise
    raw.close()


@contextlib.contextmanager
def _in_place(name: str, _st: os.stat_result | None) -> Iterator[_Guarded]:
    """A device, FIFO or socket (or a link to an open file): opened and written as it is."""
    try:
        inner = open(name, "wb")  # noqa: SIM115 - closed by the guard
    except OSError as exc:
        raise _error(exc, name) from None
    raw = _Guarded(inner, name)
    try:
        yield raw
    except BaseException:
        raw.discard()
        raise
    raw.close()


def _temp_in(directory: str, st: os.stat_result | None) -> tuple[int, str]:
    """A new file in ``directory`` with the mode (and owner, where permitted) of ``st``, or the umask's mode."""
    mode = 0o666 if st is None else stat.S_IMODE(st.st_mode) | 0o600
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        tmp = os.path.join(directory, f"{TEMP_PREFIX}{os.urandom(6).hex()}.tmp")
        try:
            fd = os.open(tmp, flags, mode)  # a new file: 0666 & ~umask, as the kernel makes it
        except FileExistsError:
            continue
        break
    else:  # pragma: no cover - a hundred names taken
        raise FileExistsError(errno.EEXIST, "no free temporary file name", directory)
    if st is not None:
        try:
            if hasattr(os, "fchown") and (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
                try:
                    os.fchown(fd, st.st_uid, st.st_gid)
                except PermissionError:
                    with contextlib.suppress(OSError):
                        os.fchown(fd, -1, st.st_gid)  # the group at least, when the user is in it
            if hasattr(os, "fchmod"):
                os.fchmod(fd, stat.S_IMODE(st.st_mode))  # after chown, which clears set-id bits
            else:  # pragma: no cover - Windows before Python 3.13
                os.chmod(tmp, stat.S_IMODE(st.st_mode))
        except BaseException:
            os.close(fd)
            os.unlink(tmp)
            raise
    return fd, tmp


@contextlib.contextmanager
def _replaced(name: str, st: os.stat_result | None) -> Iterator[_Guarded]:
    """A regular file (through its symbolic links) or a new one: a temporary file, then a rename."""
    real = os.path.realpath(name)
    try:
        fd, tmp = _temp_in(os.path.dirname(real), st)
    except PermissionError:
        if st is None:
            raise _error(PermissionError(errno.EACCES, os.strerror(errno.EACCES)), name) from None
        with _copied_in(name, st) as raw:  # a writable file in a directory that is not: written in place
            yield raw
        return
    except OSError as exc:
        raise _error(exc, name) from None
    raw = _Guarded(open(fd, "wb"), name)  # noqa: SIM115 - closed by the guard
    try:
        yield raw
        raw.close()
        try:
            os.replace(tmp, real)
        except OSError as exc:
            if exc.errno not in (errno.EBUSY, errno.EXDEV) or st is None:
                raise _error(exc, name) from None
            with open(tmp, "rb") as done:  # a bind-mounted file cannot be replaced: copied into it
                _copy_into(done, real, name)
            os.unlink(tmp)
    except BaseException:
        raw.discard()
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _copied_in(name: str, st: os.stat_result | None) -> Iterator[_Guarded]:
    """A file with other hard links (or in a directory msccite cannot write): the text goes to an unnamed temporary
    file first, and is copied into the file once complete, so that its links (and inode) stay."""
    real = os.path.realpath(name)
    try:
        spool = tempfile.TemporaryFile(dir=os.path.dirname(real))  # noqa: SIM115 - closed by the guard
    except OSError:
        try:
            spool = tempfile.TemporaryFile()  # noqa: SIM115
        except OSError as exc:
            raise _error(exc, name) from None
    raw = _Guarded(spool, name, close_inner=False)
    try:
        yield raw
        raw.close()
        spool.seek(0)
        _copy_into(spool, real, name)
    except BaseException:
        raw.discard()
        raise
    finally:
        spool.close()


def _copy_into(source: IO[bytes], real: str, name: str) -> None:
    try:
        with open(os.open(real, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0)), "wb") as target:  # not truncated yet
            shutil.copyfileobj(source, target, 1 << 20)
            target.truncate()
    except OSError as exc:
        raise _error(exc, name) from None


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name the same file: the same inode (hard and symbolic links included) when both exist,
    else the same path once links are resolved."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def clashes(output: str | os.PathLike[str], other: str | os.PathLike[str]) -> bool:
    """Whether writing ``output`` would overwrite the file ``other`` (an input, another output). Standard output
    clashes only with itself; a device or FIFO (``/dev/null``) with nothing."""
    out, oth = os.fspath(output), os.fspath(other)
    if STDOUT in (out, oth):
        return out == oth
    try:
        if not stat.S_ISREG(os.stat(out).st_mode):
            return False
    except OSError:
        pass
    return same_file(out, oth)
