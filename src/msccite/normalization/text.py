"""Whitespace rules shared by every normalizer."""

from __future__ import annotations

import operator
from typing import Any

from ..lazyre import compile_cached
from ..model import LIST_VARIABLES, NAME_VARIABLES, Name, Record

_BLANK_LINES = compile_cached(r"\n\s*\n+")
_BLOCK_VARIABLES = frozenset({"abstract", "note", "annote"})


_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))


def printable(text: str) -> bool:
    """``text.isprintable()``, three times faster: deleting its printable ASCII bytes leaves what to test (nothing,
    for ASCII text; for other text, its non-ASCII characters, whole, since UTF-8 never puts an ASCII byte inside a
    character's bytes)."""
    if text.isascii():
        return not text.encode("ascii").translate(None, _PRINTABLE_ASCII)
    rest = text.encode("utf-8", "surrogatepass").translate(None, _PRINTABLE_ASCII)
    return rest.decode("utf-8", "surrogatepass").isprintable()


#: What tidy() counts as white space besides " ": what "\s" matches (str.isspace: tabs, line breaks, no-break and other
#: spaces; a test checks the list), and the zero-width space.
WHITE_SPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
               "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\u200b")


def tidy(text: str) -> str:
    """One line: every run of white space (no-break and other Unicode spaces too) becomes one space."""
    if not printable(text):  # no Unicode space, tab or line break is printable
        if len(text) < 256:
            # str.split() splits at exactly "\s"; the zero-width space is the one more we count
            return " ".join((text.replace("\u200b", " ") if "\u200b" in text else text).split())
        for ch in WHITE_SPACE:  # a long text (an abstract): a pass of C a kind of space, not a string a word
            if ch in text:
                text = text.replace(ch, " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text.strip(" ") if text[:1] == " " or text[-1:] == " " else text


def tidy_block(text: str) -> str:
    """Several lines (abstracts, notes): each line tidied, runs of blank lines reduced to one."""
    if "\n" not in text and "\r" not in text:
        return tidy(text)
    lines = [tidy(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


_EMPTY = Name()
_NAME_SET = frozenset(NAME_VARIABLES)


def tidy_name(name: Name) -> Name:
    """The name with each part tidied: ``name`` itself when it is already tidy, the empty name when nothing is left."""
    parts = (name.family, name.given, name.non_dropping_particle, name.dropping_particle, name.suffix, name.literal)
    joined = "|".join(parts)  # one test of the six parts (tidy's own): no other white space than single inner spaces
    if printable(joined) and "  " not in joined and " |" not in joined and "| " not in joined \
            and joined[:1] != " " and joined[-1:] != " ":  # fmt: skip
        return _EMPTY if joined == "|||||" else name
    tidied = tuple(map(tidy, parts))
    if tidied == parts:
        return _EMPTY if not any(parts) else name
    return Name(*tidied) if any(tidied) else _EMPTY


def _tidy_names(names: list[Name]) -> list[Name] | None:
    """The names tidied, empty ones left out; ``None`` when that is the list as it is."""
    out = [n for n in map(tidy_name, names) if n is not _EMPTY]
    if len(out) == len(names) and all(map(operator.is_, out, names)):
        return None
    return out


def _strings_tidy(rec: Record) -> bool:
    """Whether no string value (lists of strings too) but the blocks (abstracts, notes) needs tidying: one test of the
    characters of all of them joined (no white space but single spaces), not a call per value, then one of the
    values' ends. (A block of several lines never passes the test: it is tidied on its own.)"""
    parts: list[str] = []
    for key, value in rec.fields.items():
        if key in _BLOCK_VARIABLES:
            continue
        if isinstance(value, str):
            parts.append(value)
        elif key in LIST_VARIABLES:
            parts += value
    joined = "|".join(parts)
    # a printable value's only white space is " ": unchanged by strip() (then the same object), it has none at its ends
    return printable(joined) and "  " not in joined and all(parts) and list(map(str.strip, parts)) == parts


def _tidy_value(rec: Record, key: str, value: Any) -> None:
    if isinstance(value, str):
        new = tidy_block(value) if key in _BLOCK_VARIABLES else tidy(value)
        if new != value:
            rec[key] = new
    elif key in LIST_VARIABLES:
        clean = tidy_block if key in _BLOCK_VARIABLES else tidy
        rec[key] = [v for v in map(clean, value) if v]


def normalize_whitespace(rec: Record) -> None:
    """Tidy the white space of every string variable, in place (only changed values are set again)."""
    fields = rec.fields
    if not _strings_tidy(rec):
        for key, value in list(fields.items()):
            if key not in _BLOCK_VARIABLES:
                _tidy_value(rec, key, value)
    for key in _BLOCK_VARIABLES.intersection(fields):
        _tidy_value(rec, key, fields[key])
    for key in _NAME_SET.intersection(fields):  # the common case: only the names are left to tidy
        names = _tidy_names(fields[key])
        if names is not None:
            rec[key] = names
