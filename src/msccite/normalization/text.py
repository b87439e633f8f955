"""Whitespace rules shared by every normalizer."""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import LIST_VARIABLES, NAME_VARIABLES, Name, Record

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_BLOCK_VARIABLES = frozenset({"abstract", "note", "annote"})


def tidy(text: str) -> str:
    """One line: every run of white space (no-break and other Unicode spaces too) becomes one space."""
    # fast path: no Unicode space, tab or line break is printable, so a printable string without a
    # double space and without space at either end is already tidy
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return _SPACES.sub(" ", text).strip()


def tidy_block(text: str) -> str:
    """Several lines (abstracts, notes): each line tidied, runs of blank lines reduced to one."""
    if "\n" not in text and "\r" not in text:
        return tidy(text)
    lines = [tidy(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


@lru_cache(maxsize=32768)  # names repeat across a file's records
def tidy_name(name: Name) -> Name:
    return Name(
        family=tidy(name.family),
        given=tidy(name.given),
        non_dropping_particle=tidy(name.non_dropping_particle),
        dropping_particle=tidy(name.dropping_particle),
        suffix=tidy(name.suffix),
        literal=tidy(name.literal),
    )


_EMPTY = Name()


def _strings_tidy(rec: Record) -> bool:
    """Whether no string value (lists of strings too) needs tidying: one test over all of them joined,
    not a call per value. ``|`` joins them, so a value with a space or nothing at either end shows."""
    parts: list[str] = []
    for key, value in rec.fields.items():
        if isinstance(value, str):
            parts.append(value)
        elif key in LIST_VARIABLES:
            parts += value
    joined = "|".join(parts)
    return (
        joined.isprintable()
        and "  " not in joined
        and " |" not in joined
        and "| " not in joined
        and "||" not in joined
        and joined[:1] not in (" ", "|")
        and joined[-1:] not in (" ", "|")
    )


def normalize_whitespace(rec: Record) -> None:
    """Tidy the white space of every string variable, in place (only changed values are set again)."""
    if _strings_tidy(rec):  # the common case: only the names are left to tidy
        for key in NAME_VARIABLES:
            if key in rec.fields:
                rec[key] = [n for n in map(tidy_name, rec.fields[key]) if n != _EMPTY]
        return
    for key, value in list(rec.fields.items()):
        if isinstance(value, str):
            new = tidy_block(value) if key in _BLOCK_VARIABLES else tidy(value)
            if new != value:
                rec[key] = new
        elif key in NAME_VARIABLES:
            rec[key] = [n for n in map(tidy_name, value) if n != _EMPTY]
        elif key in LIST_VARIABLES:
            clean = tidy_block if key in _BLOCK_VARIABLES else tidy
            rec[key] = [v for v in map(clean, value) if v]
