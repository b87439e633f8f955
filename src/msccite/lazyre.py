"""Regular expressions that cost little at start-up: compiled on first use, and compiled once per interpreter.

Compiling a pattern costs from 0.1 to 5 ms (a heading list, a class of many characters); a one-record conversion
uses about a hundred of ours, a third of its time. Two remedies, for the patterns of msccite's own modules:

- :func:`lazy` gives an object with the methods of the compiled pattern: the first call compiles it and puts the
  compiled pattern's methods on the object, so every later ``PATTERN.search(text)`` costs what it costs on the
  compiled pattern. Only for patterns used through their methods (not handed to ``re.sub(pattern, ...)``).
- :func:`compile_cached` is ``re.compile`` with a cache on disk: what the compiler makes of a pattern (the
  ``_sre`` code, its groups) is kept in one file per interpreter, ``patterns-<interpreter tag>.bin`` in
  ``$MSCCITE_CACHE_DIR`` (default ``$XDG_CACHE_HOME/msccite``, ``~/.cache/msccite``; an empty value turns the
  cache off), written at exit when a run compiled a pattern the file did not hold. A pattern built from the file
  costs some 10 µs. The file carries a digest of its content; a file that is damaged, or written by another
  interpreter, is not used, and the pattern is compiled as ``re.compile`` does. The cache is for CPython 3.11
  and later (whose compiler it calls); elsewhere :func:`compile_cached` is ``re.compile``. The same file keeps
  the text of a pattern :func:`lazy` builds with a function (flags :data:`BUILT`), under the function's name and
  its module file's size and modification time.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from typing import Any, AnyStr, cast

__all__ = ["lazy", "compile_cached"]

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "pattern", "flags",
            "groups", "groupindex")  # fmt: skip


class _Lazy:
    def __init__(self, pattern: str | bytes | Callable[[], str | bytes], flags: int) -> None:
        self._args: tuple[Any, int] = (pattern, flags)

    def __getattr__(self, name: str) -> Any:  # only for what the object does not have yet: the first use
        pattern, flags = self._args
        if callable(pattern):  # a pattern that costs something to build (a tree of words): built on first use too
            pattern = _built(pattern)
            self._args = (pattern, flags)
        compiled = compile_cached(pattern, flags)
        for attr in _METHODS:
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._args[0]!r}, {self._args[1]})"


def lazy(pattern: AnyStr | Callable[[], AnyStr], flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, done when the pattern is first used; ``pattern`` may be a function that
    returns it, then called on that first use."""
    return cast("re.Pattern[AnyStr]", _Lazy(pattern, int(flags)))


# -- the cache on disk -----------------------------------------------------------------------------------------------

#: An entry: what ``_sre.compile`` takes after the pattern (flags, code, groups - 1, groupindex, indexgroup).
Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
#: More patterns than this are never kept: the cache holds the patterns of msccite's modules, a few hundred.
MAX_ENTRIES = 2000
_DIGEST = 16

_entries: dict[tuple[str | bytes, int], Entry] | None = None  # loaded on the first compile_cached
_added = False


def compile_cached(pattern: AnyStr, flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, from the cache on disk when it holds the pattern (see the module's text)."""
    flags = int(flags)
    entries = _load()
    if entries is None:
        return re.compile(pattern, flags)
    entry = entries.get((pattern, flags))
    if entry is not None:
        try:
            return cast("re.Pattern[AnyStr]", _sre_compile(pattern, entry))
        except Exception:  # noqa: BLE001  # an entry _sre refuses (it checks the code): compiled again below
            pass
    try:
        entry = _entry(pattern, flags)
        compiled = _sre_compile(pattern, entry)
    except re.error:
        raise
    except Exception:  # noqa: BLE001  # a compiler unlike the one this was written for: no cache
        return re.compile(pattern, flags)
    if len(entries) < MAX_ENTRIES:
        _remember(entries, (pattern, flags), entry)
    return cast("re.Pattern[AnyStr]", compiled)


#: The flags of a cache entry that holds a built pattern (its text), not a compiled one.
BUILT = -1


def _built(build: Callable[[], AnyStr]) -> AnyStr:
    """What ``build()`` returns, kept in the cache file beside the compiled patterns (a tree of a hundred headings
    costs 2 ms to build), under the function's name and its module file's size and time: an edited or upgraded
    module builds it again."""
    entries = _load()
    module = sys.modules.get(build.__module__)
    try:
        stat = os.stat(module.__file__)  # type: ignore[arg-type, union-attr]
    except (AttributeError, TypeError, OSError):  # a module without a file: built every time
        return build()
    key = f"{build.__module__}.{build.__qualname__}:{stat.st_size}:{stat.st_mtime_ns}"
    if entries is not None:
        text = entries.get((key, BUILT))
        if isinstance(text, (str, bytes)):
            return cast("AnyStr", text)
    text = build()
    if entries is not None and len(entries) < MAX_ENTRIES:
        _remember(entries, (key, BUILT), text)  # type: ignore[arg-type]
    return text


def _sre_compile(pattern: str | bytes, entry: Entry) -> re.Pattern[Any]:
    import _sre

    return _sre.compile(pattern, *entry)  # type: ignore[no-any-return]


def _entry(pattern: str | bytes, flags: int) -> Entry:
    """What ``re.compile`` hands to ``_sre.compile`` for the pattern (CPython's ``re._compiler.compile``)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    state = parsed.state
    groupindex = dict(state.groupdict)
    indexgroup: list[str | None] = [None] * state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    # ints, not the compiler's named constants: marshal writes plain values only
    return (int(flags | state.flags), [int(c) for c in code], state.groups - 1, groupindex, tuple(indexgroup))


def cache_path() -> str | None:
    """The file of the cache for this interpreter; None when the cache is off (``MSCCITE_CACHE_DIR=""``, an
    interpreter other than CPython 3.11+)."""
    if sys.implementation.name != "cpython" or sys.version_info < (3, 11):
        return None
    where = os.environ.get("MSCCITE_CACHE_DIR")
    if where is None:
        base = os.environ.get("XDG_CACHE_HOME") or (
            os.environ.get("LOCALAPPDATA") if os.name == "nt" else None) or os.path.join(
            os.path.expanduser("~"), ".cache")  # fmt: skip
        where = os.path.join(base, "msccite")
    if not where:
        return None
    import _sre

    tag = f"{sys.implementation.cache_tag}-{sys.version_info.micro}-{_sre.MAGIC}-{_sre.CODESIZE}"
    return os.path.join(where, f"patterns-{tag}.bin")


def _load() -> dict[tuple[str | bytes, int], Entry] | None:
    global _entries
    if _entries is None:
        path = cache_path()
        if path is None:
            return None
        _entries = _read(path)
    return _entries


def _digest(payload: bytes) -> bytes:
    try:
        from _blake2 import blake2b
    except ImportError:  # an interpreter without the module
        from hashlib import blake2b
    return blake2b(payload, digest_size=_DIGEST).digest()


def _read(path: str) -> dict[tuple[str | bytes, int], Entry]:
    """The entries of the cache file; none when there is no file or it is not one this interpreter wrote."""
    import marshal

    try:
        with open(path, "rb") as f:
            data = f.read()
        payload = data[_DIGEST:]
        if data[:_DIGEST] != _digest(payload):
            return {}
        entries = marshal.loads(payload)
    except Exception:  # noqa: BLE001  # no file, unreadable, damaged: compiled as re.compile does
        return {}
    return entries if isinstance(entries, dict) else {}


def _remember(entries: dict[tuple[str | bytes, int], Entry], key: tuple[str | bytes, int], entry: Entry) -> None:
    global _added
    entries[key] = entry
    if not _added:
        _added = True
        import atexit

        atexit.register(save)


def save() -> None:
    """Write the cache file when this process compiled a pattern it did not hold (at exit; once is enough): the
    entries of the file as it is now and this process's, to a temporary file renamed over it, so that processes
    writing at once leave a whole file. A cache that cannot be written is no error."""
    global _added
    path = cache_path()
    if not _added or path is None or _entries is None:
        return
    _added = False
    import marshal
    import tempfile

    merged = {**_read(path), **_entries}
    if len(merged) > MAX_ENTRIES:
        merged = dict(_entries)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        payload = marshal.dumps(merged)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".patterns-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(_digest(payload) + payload)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:  # noqa: BLE001  # a read-only home, a full disk: the next run compiles again
        pass
