"""The registry of formats: find one by name, alias or file extension, or detect it from content.

Each format is one module in :mod:`msccite.formats` with the same small surface:

``NAME`` (str), ``ALIASES`` (tuple, optional), ``EXTENSIONS`` (tuple), ``DESCRIPTION`` (str),
``detect(sample: str) -> float`` (0 = not this format, 1 = certain),
``read(lines, ctx) -> Iterator[Record]``, and, where the format is writable,
``write(records, out, ctx) -> None``. ``WHOLE_FILE = True`` marks a reader that must see the
whole input at once (CSL-JSON); ``BINARY = True`` a writer of bytes (XLSX), which writes to ``out.buffer``.

Adding a format is one new module and one line in :data:`msccite.formats.MODULES`. Modules are imported when
first needed: ``get`` finds a format's module from its name, detection stops once no later format can score higher
(each detect scores at most :data:`msccite.formats.DEFAULT_BOUND` unless ``DETECT_BOUND`` says otherwise), and the
common output extensions are in ``EXTENSION_OF``; a format whose sniff (``SNIFF``: a necessary condition of its
``detect`` scoring above 0) is not in the sample is passed over without importing its module.
``tests/test_registry.py`` checks these tables against the modules.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from functools import cache, lru_cache
from types import ModuleType
from typing import Any

from .errors import UnknownFormatError
from .formats import DEFAULT_BOUND, DETECT_BOUND, EXTENSION_OF, MODULE_OF, MODULES, SNIFF
from .lazyre import compile_cached
from .textio import not_text

__all__ = ["Format", "all_formats", "get", "for_path", "detect_name"]

#: The highest score the formats from position i of :data:`MODULES` on can give: detection stops once one format
#: scored that much, so a RIS file imports the first few format modules, not all of them.
_BOUND_AFTER = [max([DETECT_BOUND.get(m, DEFAULT_BOUND) for m in MODULES[i:]], default=0.0)
                for i in range(len(MODULES))]  # fmt: skip


class Format:
    """A registered format: what ``msccite.formats()`` lists (one object a format)."""

    __slots__ = ("name", "extensions", "description", "can_read", "can_write", "aliases", "module")

    def __init__(self, *, name: str, extensions: tuple[str, ...], description: str, can_read: bool, can_write: bool,
                 aliases: tuple[str, ...], module: ModuleType) -> None:  # fmt: skip
        self.name, self.extensions, self.description = name, extensions, description
        self.can_read, self.can_write, self.aliases, self.module = can_read, can_write, aliases, module

    def detect(self, sample: str) -> float:
        return float(self.module.detect(sample))

    @property
    def rich_text(self) -> bool:
        """Whether the format holds CSL's rich-text marks (italics, sub/superscripts, nocase): CSL-JSON in
        its strings, BibTeX in LaTeX. Others get plain text."""
        return bool(getattr(self.module, "RICH_TEXT", False))

    @property
    def binary(self) -> bool:
        """Whether the format is bytes, not text (XLSX): written to a file or a binary stream, never by ``dumps``."""
        return bool(getattr(self.module, "BINARY", False))

    @property
    def whole_file(self) -> bool:
        return bool(getattr(self.module, "WHOLE_FILE", False))

    def __repr__(self) -> str:
        mode = ("r" if self.can_read else "") + ("w" if self.can_write else "")
        return f"<Format {self.name} {mode} {' '.join(self.extensions)}>"

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "extensions": list(self.extensions),
            "can_read": self.can_read,
            "can_write": self.can_write,
            "description": self.description,
        }


@cache
def _load(modname: str) -> Format:
    """The format of one module of :data:`MODULES`, imported on first use (a one-record conversion imports only
    the formats it needs: start-up time)."""
    mod = importlib.import_module(f"msccite.formats.{modname}")
    return Format(
        name=mod.NAME,
        extensions=tuple(mod.EXTENSIONS),
        description=mod.DESCRIPTION,
        can_read=hasattr(mod, "read"),
        can_write=hasattr(mod, "write"),
        aliases=tuple(getattr(mod, "ALIASES", ())),
        module=mod,
    )


@lru_cache(maxsize=1)
def all_formats() -> tuple[Format, ...]:
    """Every registered format, in detection order."""
    return tuple(_load(modname) for modname in MODULES)


def is_index_field(extra: Any) -> bool:
    """An extra that only indexes its record in the source (a Solr catalogue's ``title_sort``): not data.

    A format says which of its keys are such with an ``is_index_field(key)`` function."""
    return _is_index_field(extra.format, extra.key)


@lru_cache(maxsize=4096)  # asked for every extra a writer leaves out: the same few keys, record after record
def _is_index_field(format: str, key: str) -> bool:
    try:
        fmt = get(format)
    except UnknownFormatError:
        return False
    test = getattr(fmt.module, "is_index_field", None)
    return bool(test is not None and test(key))


def get(name: str) -> Format:
    """The format called ``name`` (or one of its aliases), case-insensitive."""
    wanted = name.strip().lower()
    guess = MODULE_OF.get(wanted, wanted.replace("-", "_"))  # the module a name is in, mostly its own name
    if guess in MODULES:
        fmt = _load(guess)
        if wanted == fmt.name or wanted in fmt.aliases:
            return fmt
    for fmt in all_formats():
        if wanted == fmt.name or wanted in fmt.aliases:
            return fmt
    known = ", ".join(f.name for f in all_formats())
    raise UnknownFormatError(f"unknown format {name!r}; known formats: {known}")


def for_path(path: str | os.PathLike[str], *, writable: bool = False) -> Format:
    """The format a file name's extension stands for (``out.bib`` -> bibtex)."""
    lower = os.fspath(path).lower()
    ext = os.path.splitext(lower)[1]
    if ext in EXTENSION_OF:  # the common ones, without importing every format
        fmt = _load(EXTENSION_OF[ext])
        if not writable or fmt.can_write:
            return fmt
    best: Format | None = None
    best_len = 0
    for fmt in all_formats():
        if writable and not fmt.can_write:
            continue
        for ext in fmt.extensions:
            if lower.endswith(ext) and len(ext) > best_len:
                best, best_len = fmt, len(ext)
    if best is None:
        raise UnknownFormatError(f"cannot tell the format from the file name {os.fspath(path)!r}; name it with -t/--to")
    return best


@cache
def _sniff(modname: str) -> re.Pattern[str] | None:
    """The sniff of a module of :data:`MODULES` (:data:`msccite.formats.SNIFF`), compiled on first use; None for a
    module that has none."""
    pattern = SNIFF.get(modname)
    return None if pattern is None else compile_cached(pattern)


def detect_name(sample: str, source: str | None = None) -> str:
    """The name of the format the sample is in: the highest score, ties going to registry order.

    A format whose sniff is not in the sample (a necessary condition of its ``detect`` scoring above 0) is passed
    over without importing its module."""
    best, best_score = None, 0.0
    for i, modname in enumerate(MODULES):
        if best_score >= _BOUND_AFTER[i]:  # no format left can score higher (a tie goes to the earlier): done
            break
        if f"msccite.formats.{modname}" not in sys.modules:  # (an imported module's detect costs what its sniff does)
            sniff = _sniff(modname)
            if sniff is not None and sniff.search(sample) is None:  # its detect would say 0: not even imported
                continue
        fmt = _load(modname)
        if not fmt.can_read:
            continue
        score = fmt.detect(sample)
        if score > best_score:
            best, best_score = fmt, score
    if best is None:
        raise UnknownFormatError(_describe_unknown(sample, source))
    return best.name


def _describe_unknown(sample: str, source: str | None) -> str:
    where = f"{source}: " if source else ""
    reason = not_text(sample)
    if reason is not None:
        return f"{where}not a citation file: {reason}"
    first = sample.strip().splitlines()[0][:60]
    return (
        f"{where}not a citation file in any known format (it starts {first!r}); "
        "expected e.g. RIS ('TY  - '), BibTeX ('@article{'), CSL-JSON ('[{'), MEDLINE ('PMID- ')"
    )
