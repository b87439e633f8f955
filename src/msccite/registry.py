"""The registry of formats: find one by name, alias or file extension, or detect it from content.

Each format is one module in :mod:`msccite.formats` with the same small surface:

``NAME`` (str), ``ALIASES`` (tuple, optional), ``EXTENSIONS`` (tuple), ``DESCRIPTION`` (str),
``detect(sample: str) -> float`` (0 = not this format, 1 = certain),
``read(lines, ctx) -> Iterator[Record]``, and, where the format is writable,
``write(records, out, ctx) -> None``. ``WHOLE_FILE = True`` marks a reader that must see the
whole input at once (CSL-JSON); ``BINARY = True`` a writer of bytes (XLSX), which writes to ``out.buffer``.

Adding a format is one new module and one line in :data:`msccite.formats.MODULES`.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType
from typing import Any

from .errors import UnknownFormatError
from .formats import MODULES
from .textio import not_text

__all__ = ["Format", "all_formats", "get", "for_path", "detect_name"]


@dataclass(frozen=True)
class Format:
    """A registered format: what ``msccite.formats()`` lists."""

    name: str
    extensions: tuple[str, ...]
    description: str
    can_read: bool
    can_write: bool
    aliases: tuple[str, ...]
    module: ModuleType

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


@lru_cache(maxsize=1)
def all_formats() -> tuple[Format, ...]:
    """Every registered format, in detection order."""
    out = []
    for modname in MODULES:
        mod = importlib.import_module(f"msccite.formats.{modname}")
        out.append(
            Format(
                name=mod.NAME,
                extensions=tuple(mod.EXTENSIONS),
                description=mod.DESCRIPTION,
                can_read=hasattr(mod, "read"),
                can_write=hasattr(mod, "write"),
                aliases=tuple(getattr(mod, "ALIASES", ())),
                module=mod,
            )
        )
    return tuple(out)


def is_index_field(extra: Any) -> bool:
    """An extra that only indexes its record in the source (a Solr catalogue's ``title_sort``): not data.

    A format says which of its keys are such with an ``is_index_field(key)`` function."""
    for fmt in all_formats():
        if fmt.name == extra.format:
            test = getattr(fmt.module, "is_index_field", None)
            return bool(test is not None and test(extra.key))
    return False


def get(name: str) -> Format:
    """The format called ``name`` (or one of its aliases), case-insensitive."""
    wanted = name.strip().lower()
    for fmt in all_formats():
        if wanted == fmt.name or wanted in fmt.aliases:
            return fmt
    known = ", ".join(f.name for f in all_formats())
    raise UnknownFormatError(f"unknown format {name!r}; known formats: {known}")


def for_path(path: str | os.PathLike[str], *, writable: bool = False) -> Format:
    """The format a file name's extension stands for (``out.bib`` -> bibtex)."""
    lower = os.fspath(path).lower()
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


def detect_name(sample: str, source: str | None = None) -> str:
    """The name of the format the sample is in: the highest score, ties going to registry order."""
    best, best_score = None, 0.0
    for fmt in all_formats():
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
