"""Regular expressions compiled on their first use, not at import: a run pays only for the patterns it needs.

Compiling a pattern costs from 0.1 to 4 ms (a heading list, a class of many characters); at import, msccite's
modules compiled some two hundred of them before the first record was read. :func:`lazy` gives an object with
the methods of the compiled pattern: the first call compiles it and puts its methods on the object, so every
later ``PATTERN.search(text)`` costs what it costs on the compiled pattern. Only for patterns used through their
methods (not handed to ``re.sub(pattern, ...)``).
"""

from __future__ import annotations

import re
from typing import Any, AnyStr, cast

__all__ = ["lazy"]

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "pattern", "flags",
            "groups", "groupindex")  # fmt: skip


class _Lazy:
    def __init__(self, pattern: str | bytes, flags: int) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str) -> Any:  # only for what the object does not have yet: the first use
        compiled = re.compile(*self._args)
        for attr in _METHODS:
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._args[0]!r}, {self._args[1]})"


def lazy(pattern: AnyStr, flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, done when the pattern is first used."""
    return cast("re.Pattern[AnyStr]", _Lazy(pattern, int(flags)))
