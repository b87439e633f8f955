"""BibTeX names: ``A and B and others``, each ``First von Last``, ``von Last, First`` or ``von Last, Jr, First``.

The rules are BibTeX's own (as ``bibtex.web`` and "Tame the BeaST" describe them): a word is
lower case when its first letter at brace depth 0 is (``{\\"u}ber`` counts as lower case too: a
brace group that starts with a command is a "special character" and has the case of its letter;
any other brace group has no case); the von part is the run of words from the first lower-case
word to the last lower-case word before the last word; a name that is one brace group
(``{WHO Collaborating Group}``) is a body, kept whole as a literal name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...latex import decode, encode
from ...lazyre import compile_cached
from ...model import Name

__all__ = ["split_names", "parse_name", "parse_names", "format_name", "format_names"]

# " and " between names. The lookbehind lets a match start only where a run of white space starts: "\s+and" tried
# at every position of a long run scanned the rest of the run each time (quadratic: 10^5 spaces took 89 s, issue
# 30.9). The matches are the same: a match inside a run would start at the run's start, and after a match (its
# last "\s+" takes the whole run) the next character is not white space.
_AND = compile_cached(r"(?<!\s)\s+and\s+", re.I)
_SPACE = compile_cached(r"[\s~]+")
_COMMA = compile_cached(r",")
_BRACE = compile_cached(r"[{}]")
_FLAT = compile_cached(r"[^{}]*+(?:\{[^{}]*+\}[^{}]*+)*+")  # balanced, groups not nested: {\"o}, {WHO}
_SPECIAL_CHAR = compile_cached(r"\{\\([A-Za-z]+|.)\s*\{?([A-Za-z])?")
#: Names repeat across a file (the same authors, the same groups): parsing and formatting are cached,
#: bounded so that memory stays constant. Both functions are pure and ``Name`` is immutable.
_CACHE_SIZE = 16384


def _depth0(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` at brace depth 0 (outside any group)."""
    spans, depth, start = [], 0, 0
    for m in _BRACE.finditer(text):
        i = m.start()
        if m.group() == "{":
            if depth == 0:
                spans.append((start, i))
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                start = i + 1
    if depth == 0:
        spans.append((start, len(text)))
    return spans


def _split_depth0(text: str, pattern: re.Pattern[str]) -> list[str]:
    """Split where ``pattern`` matches at brace depth 0."""
    if "{" not in text:
        return pattern.split(text)
    parts = pattern.split(text)
    if all(_FLAT.fullmatch(p) for p in parts):
        return parts  # every piece is balanced: no cut is inside a group
    return _split_scanned(text, pattern)


def _split_scanned(text: str, pattern: re.Pattern[str]) -> list[str]:
    """:func:`_split_depth0` the general way: the depth-0 spans found first, then the matches inside them."""
    cuts: list[tuple[int, int]] = []
    for a, b in _depth0(text):
        cuts.extend((m.start(), m.end()) for m in pattern.finditer(text, a, b) if m.end() <= b)
    out, pos = [], 0
    for a, b in cuts:
        out.append(text[pos:a])
        pos = b
    out.append(text[pos:])
    return out


def split_names(text: str) -> tuple[list[str], bool]:
    """The names of a name field (raw LaTeX), and whether it ended with ``and others``."""
    text = text.strip()
    if not text:
        return [], False
    parts = [p.strip() for p in _split_depth0(" " + text + " ", _AND)]
    parts = [p for p in parts if p]
    others = bool(parts) and parts[-1].lower() == "others"
    if others:
        parts.pop()
    return parts, others


def _case(word: str) -> str:
    """'l' (lower), 'u' (upper) or '' (no letter decides) for one name word, by BibTeX's rules."""
    depth = 0
    i = 0
    while i < len(word):
        ch = word[i]
        if ch == "{":
            if depth == 0 and word.startswith("{\\", i):  # a special character: its letter decides
                m = _SPECIAL_CHAR.match(word, i)
                if m:
                    cmd, letter = m.group(1), m.group(2)
                    if cmd.isalpha() and len(cmd) > 1 and cmd not in ("ss", "aa", "AA", "ae", "AE", "oe", "OE"):
                        return "u" if cmd[0].isupper() else "l"
                    if cmd in ("ss", "aa", "ae", "oe", "o", "l", "i", "j"):
                        return "l"
                    if cmd in ("AA", "AE", "OE", "O", "L"):
                        return "u"
                    if letter:
                        return "l" if letter.islower() else "u"
                return ""
            depth += 1
        elif ch == "}":
            depth = max(0, depth - 1)
        elif depth == 0 and ch.isalpha():
            return "l" if ch.islower() else "u"
        i += 1
    return ""


def _words(text: str) -> list[str]:
    return [w for w in _split_depth0(text.strip(), _SPACE) if w]


def _join(words: list[str]) -> str:
    return decode(" ".join(words)).replace("\u00a0", " ").strip()


@lru_cache(maxsize=_CACHE_SIZE)
def parse_name(text: str) -> Name:
    """One BibTeX name (raw LaTeX) into a :class:`Name`."""
    text = text.strip().rstrip(",").strip()
    if text.startswith("{") and text.endswith("}") and len(_depth0(text)) == 2 and _depth0(text)[1][0] == len(text):
        inner = text[1:-1]
        if not inner.startswith("\\"):
            return Name(literal=_join([inner]))
    parts = [p.strip() for p in _split_depth0(text, _COMMA)]
    if len(parts) == 1:
        words = _words(parts[0])
        if not words:
            return Name()
        if len(words) == 1:
            return Name(family=_join(words))
        body = words[:-1]
        lower = [i for i, w in enumerate(body) if _case(w) == "l"]
        if lower:
            first, von, last = words[: lower[0]], words[lower[0] : lower[-1] + 1], words[lower[-1] + 1 :]
        else:
            first, von, last = words[:-1], [], words[-1:]
        return Name(family=_join(last), given=_join(first), non_dropping_particle=_join(von))
    von_last = _words(parts[0])
    if len(parts) == 2:
        suffix, given = "", parts[1]
    else:
        suffix, given = parts[1], ", ".join(parts[2:])
    body = von_last[:-1]
    lower = [i for i, w in enumerate(body) if _case(w) == "l"]
    cut = lower[-1] + 1 if lower else 0
    return Name(family=_join(von_last[cut:]), given=_join(_words(given)), non_dropping_particle=_join(von_last[:cut]),
                suffix=_join(_words(suffix)))  # fmt: skip


def parse_names(text: str) -> tuple[list[Name], bool]:
    names, others = split_names(text)
    return [parse_name(n) for n in names], others


# -- writing --------------------------------------------------------------------------------------
def _part(text: str, ascii: bool) -> str:
    out = encode(text, ascii=ascii).replace("\u00a0", " ")
    if "," in out or _AND.search(f" {out} "):
        return "{" + out + "}"
    return out


@lru_cache(maxsize=_CACHE_SIZE)
def format_name(name: Name, *, ascii: bool = False) -> str:
    """A name as BibTeX reads it back to the same parts: ``von Last, Jr, First``; bodies braced."""
    if name.literal:
        return "{" + encode(name.literal, ascii=ascii) + "}"
    family = _part(name.family, ascii)
    words = _words(family)
    # a family name BibTeX would split into von and Last (or an empty one) is braced whole
    if not words or any(_case(w) == "l" for w in words[:-1]):
        family = "{" + family + "}"
    von = _part(name.non_dropping_particle, ascii)
    last = f"{von} {family}" if von else family
    given = _part(name.full_given, ascii)
    if name.suffix:
        return f"{last}, {_part(name.suffix, ascii)}, {given}"
    return f"{last}, {given}" if given else last


def format_names(names: list[Name], *, others: bool = False, ascii: bool = False) -> str:
    text = " and ".join(format_name(n, ascii=ascii) for n in names)
    return f"{text} and others" if others else text
