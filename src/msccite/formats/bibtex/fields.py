"""One BibTeX field's text to a value and back, shared by the reader and the writers.

Every field has a kind (names, pages, month, verbatim, title, multi-line or plain text);
``read_field(name, text)`` gives the value BibTeX means and ``render_field(name, value)`` the
canonical value expression the writer puts after ``name =``. The reader compares that with what
the file held and remembers the original expression when they differ, so that a file is written
back byte for byte (``docs/formats/bibtex.md``, "Round trips").
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from ...latex import balanced, decode, encode, protect
from ...lazyre import compile_cached
from ...model import NAME_VARIABLES, Date, small_int
from .map import MULTILINE, NAME_FIELDS, TITLE_FIELDS, VERBATIM
from .names import format_names, parse_names
from .parse import MONTHS

__all__ = ["kind_of", "read_field", "render_field", "parse_month", "MONTH_MACROS", "parse_iso", "format_iso",
           "oneline", "braced", "split_list"]  # fmt: skip

MONTH_MACROS = tuple(MONTHS)  # jan ... dec
_MONTH_NAMES = {name.lower(): i for i, name in enumerate(MONTHS.values(), 1)}
_MONTH_NAMES.update({m: i for i, m in enumerate(MONTH_MACROS, 1)})
_MONTH_NAMES.update({"sept": 9})
# White space with a line break in it. The lookbehind lets a match start only where a run of white space starts:
# "\s*\n" tried at every position of a long run of spaces scanned the rest of the run each time (quadratic,
# issue 30.9). The matches are the same: "\s*" takes the whole run, up to its last line break and after it.
_SPACES = compile_cached(r"(?<!\s)\s*\n\s*")
_ISO = compile_cached(r"(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_ISSN_SEP = compile_cached(r"[,;\s]+")
_LIST_SEP = compile_cached(r"[,;]")
_CSL_NAME_FIELDS = frozenset("csl-" + v.lower() for v in NAME_VARIABLES)


@lru_cache(maxsize=4096)  # field names: few, asked for every field of every entry
def kind_of(name: str) -> str:
    lname = name.lower()
    if lname in NAME_FIELDS or lname in _CSL_NAME_FIELDS:
        return "names"
    if lname == "pages":
        return "pages"
    if lname == "month":
        return "month"
    if lname in VERBATIM:
        return "verbatim"
    if lname in TITLE_FIELDS:
        return "title"
    if lname in MULTILINE:
        return "multiline"
    if lname in LITERAL_LISTS:
        return "literals"
    return "text"


#: Fields biblatex (and biber, pandoc, citation-js) read as lists split at " and ": a publisher called
#: "John Wiley and Sons" is written "John Wiley {and} Sons", which BibTeX prints the same.
LITERAL_LISTS = frozenset({"publisher", "address", "location", "institution", "organization", "school"})
_AND = compile_cached(r"(?<=\s)and(?=\s)")


def _trim_lines(text: str) -> str:
    """The spaces and tabs around each line break removed, and a carriage return before it: what
    ``re.sub(r"[ \\t]*\\r?\\n[ \\t]*", "\\n", text)`` gives, line by line (that pattern, tried at every position
    of a long run of spaces, scanned the rest of the run each time: quadratic, issue 30.9)."""
    lines = text.split("\n")
    last = len(lines) - 1
    for i, line in enumerate(lines):
        if i:
            line = line.lstrip(" \t")
        if i < last:
            line = line[:-1].rstrip(" \t") if line.endswith("\r") else line.rstrip(" \t")
        lines[i] = line
    return "\n".join(lines)


def oneline(text: str) -> str:
    return _SPACES.sub(" ", text).strip() if "\n" in text else text.strip()


def parse_month(text: str) -> int | None:
    t = text.strip().rstrip(".").lower()
    if t.isdigit():
        n = small_int(t)
        return n if n is not None and 1 <= n <= 12 else None
    return _MONTH_NAMES.get(t)


def read_field(name: str, text: str) -> Any:
    """What a field says, in isolation: names -> (names, others), month -> int (or text), else text."""
    kind = kind_of(name)
    if kind == "names":
        return parse_names(oneline(text))
    if kind == "verbatim":
        return oneline(text)
    if kind == "multiline":
        return decode((_trim_lines(text) if "\n" in text else text).strip())
    if kind == "month":
        month = parse_month(decode(oneline(text)))
        return month if month is not None else decode(oneline(text))
    value = decode(oneline(text), nocase=kind == "title")
    return value.replace("–", "-") if kind == "pages" else value


def split_list(var: str, text: str) -> list[str]:
    """The items of a list field's text: notes one per line, URLs by white space, keywords by ``,``
    (or ``;`` when there is no comma), ISSNs by commas, semicolons or spaces, ISBNs by ``,`` or ``;``."""
    if var == "note":
        return [v for v in text.split("\n") if v.strip()]
    if var == "URL":
        return text.split()
    if var == "keyword":
        sep = "," if "," in text else ";"
        return [v.strip() for v in text.split(sep) if v.strip()]
    return [v.strip() for v in (_ISSN_SEP if var == "ISSN" else _LIST_SEP).split(text) if v.strip()]


def braced(text: str) -> str:
    return "{" + text + "}"


def render_field(name: str, value: Any, *, ascii: bool = False) -> str:
    """The value expression written for ``value`` (as :func:`read_field` returns it)."""
    return RENDERERS[kind_of(name)](value, ascii)


def _render_names(value: Any, ascii: bool) -> str:
    names, others = value
    return "{" + format_names(names, others=others, ascii=ascii) + "}"


def _render_month(value: Any, ascii: bool) -> str:
    if isinstance(value, int):
        return MONTH_MACROS[value - 1]
    return _render_text(value, ascii)


def _render_verbatim(value: Any, ascii: bool) -> str:
    if "\\" not in value and ("{" not in value and "}" not in value or balanced(value)):
        return "{" + value + "}"
    return braced(encode(value, ascii=ascii))


def _render_pages(value: Any, ascii: bool) -> str:
    text = str(value)
    if _plain_ascii(text):  # encode() would write each "–" (from a single hyphen) as "--", and change nothing else
        return braced(_guard(text.replace("-", "--"), "pages"))
    return braced(_guard(encode(text.replace("-", "–"), ascii=ascii), "pages"))


def _render_title(value: Any, ascii: bool) -> str:
    text = _encode(str(value), ascii)
    rest = text[1:]
    if not (text.isascii() and rest == rest.lower()):  # else no capital to protect (a quicker test than protect's)
        text = protect(text)
    return braced(_guard(text, "title"))


def _render_multiline(value: Any, ascii: bool) -> str:
    return braced(_guard(_encode(str(value), ascii), "multiline"))


def _render_text(value: Any, ascii: bool) -> str:
    text = _encode(value if type(value) is str else str(value), ascii)
    if "\n" in text or text[:1].isspace() or text[-1:].isspace():
        text = _guard(text, "text")
    return "{" + text + "}"


def _render_literals(value: Any, ascii: bool) -> str:
    text = _render_text(value, ascii)
    return _AND.sub("{and}", text) if " and" in text else text


#: What may make latex.encode change an ASCII text (with "--"): the LaTeX specials, and "<" of rich-text marks.
_LATEX_CHARS = "&%$#_{}~^\\<"


def _plain_ascii(text: str) -> bool:
    """Whether ``text`` is ASCII without anything :func:`latex.encode` changes (a single hyphen stays itself)."""
    return text.isascii() and not _holds_any(text, _LATEX_CHARS) and ("-" not in text or "--" not in text)


def _holds_any(text: str, chars: str) -> bool:
    """Whether an ASCII ``text`` holds one of ``chars`` (ASCII): a short text's bytes less those characters are as
    many (two calls of C), a long one is searched for each (a memchr each, quicker than one regex scan)."""
    if len(text) < 200:
        data = text.encode("ascii")
        return len(data.translate(None, chars.encode("ascii"))) != len(data)
    return any(c in text for c in chars)


#: What makes a value other than plain (with "--"): what :func:`latex.decode` or :func:`latex.encode` acts on,
#: and a line break; in ASCII text, and (a regex, slower) in any text.
_NOT_PLAIN_ASCII = _LATEX_CHARS + "\n"
_NOT_PLAIN = compile_cached(r"[&%$#_{}~^\\<\n\u00a0–—]|--")
#: The kinds :func:`plain` answers for (names, months and pages have their own forms).
PLAIN_KINDS = frozenset({"text", "multiline", "verbatim", "title", "literals"})


def plain(kind: str, text: str) -> bool:
    """Whether a ``{text}`` value of this kind (one of :data:`PLAIN_KINDS`) reads as ``text`` itself and
    :func:`render_field` writes it back as ``{text}``: no LaTeX, no line break, no white space at its edges,
    no ``and`` in a literal list, and in a title no capital that :func:`latex.protect` would brace. Most values
    are plain, and this one scan is much quicker than reading and rendering them."""
    if not text or text[0].isspace() or text[-1].isspace():
        return False
    if text.isascii():
        if _holds_any(text, _NOT_PLAIN_ASCII) or "-" in text and "--" in text:
            return False
    elif kind == "title" or _not_plain_unicode(text):
        return False
    if kind == "title":
        rest = text[1:]
        return rest == rest.lower()
    return kind != "literals" or " and" not in text


_NOT_PLAIN_BYTES = _NOT_PLAIN_ASCII.encode("ascii")


def _not_plain_unicode(text: str) -> bool:
    """``_NOT_PLAIN.search(text)`` for a text that is not ASCII, quicker on a long one: its UTF-8 bytes lose none
    of the ASCII specials (no ASCII byte is part of another character there), and the other three are searched."""
    if len(text) < 200:
        return _NOT_PLAIN.search(text) is not None
    data = text.encode("utf-8", "surrogatepass")
    return (len(data.translate(None, _NOT_PLAIN_BYTES)) != len(data) or "--" in text or "\u00a0" in text
            or "–" in text or "—" in text)  # fmt: skip


def _encode(text: str, ascii: bool) -> str:
    """``latex.encode(text)``; a long plain ASCII text is returned at once (a few ``in`` tests beat its regex scan
    there, which matters for abstracts)."""
    if len(text) > 64 and _plain_ascii(text):
        return text
    return encode(text, ascii=ascii)


#: kind -> renderer ``(value, ascii) -> expression``, for callers that know a field's kind already.
RENDERERS: dict[str, Callable[[Any, bool], str]] = {
    "names": _render_names, "month": _render_month, "verbatim": _render_verbatim, "pages": _render_pages,
    "title": _render_title, "multiline": _render_multiline, "text": _render_text, "literals": _render_literals,
}  # fmt: skip


def _guard(text: str, kind: str) -> str:
    """Keep what the reader would otherwise fold: a line break in a one-line field (as ``\\\\``),
    white space at the edges of the value or of its lines (behind an empty group ``{}``)."""
    if "\n" in text:
        if kind == "multiline":
            text = "\n".join(("{}" if i and ln[:1] in " \t" else "") + ln + ("{}" if ln[-1:] in (" ", "\t") else "")
                             for i, ln in enumerate(text.split("\n")))  # fmt: skip
        else:
            text = text.replace("\n", "\\\\")
    if text[:1].isspace():
        text = "{}" + text
    if text[-1:].isspace():
        text += "{}"
    return text


# -- dates ----------------------------------------------------------------------------------------
def parse_iso(text: str) -> Date | None:
    """``2019``, ``2019-12``, ``2019-12-02`` and ranges ``2019-12/2020-01`` (EDTF level 0), else None."""
    parts = []
    for piece in text.strip().split("/"):
        m = _ISO.fullmatch(piece.strip())
        if m is None:
            return None
        y, mo, d = m.groups()
        part: tuple[int, ...] = (int(y),)
        if mo:
            if not 1 <= int(mo) <= 12:
                return None
            part += (int(mo),)
            if d:
                if not 1 <= int(d) <= days_in_month(max(int(y), 1), int(mo)):
                    return None
                part += (int(d),)
        parts.append(part)
    return Date(parts=tuple(parts)) if 1 <= len(parts) <= 2 else None


def format_iso(d: Date) -> str | None:
    """The ISO/EDTF text of a date made of parts only (the reverse of :func:`parse_iso`), else None."""
    if not d.parts or d.season is not None or d.circa is not None or d.literal or d.raw:
        return None
    if len(d.parts) == 1:
        fast = _iso_part(d.parts[0])
        if fast is not None:
            return fast
    out = []
    for part in d.parts:
        if not part or not all(isinstance(x, int) for x in part) or len(part) > 3:
            return None
        y, *md = part
        if not 0 <= int(y) <= 9999:
            return None
        out.append("-".join([f"{y:04d}"] + [f"{int(x):02d}" for x in md]))
    text = "/".join(out)
    return text if parse_iso(text) == Date(parts=tuple(tuple(p) for p in d.parts)) else None


def days_in_month(year: int, month: int) -> int:
    """The days of a month of the (proleptic) Gregorian calendar."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _iso_part(part: Any) -> str | None:
    """The ISO text of one valid ``(year[, month[, day]])`` tuple of plain ints, else None (not decided:
    :func:`format_iso` then checks the long way). The common case, without the round trip through text."""
    if type(part) is not tuple or not 1 <= len(part) <= 3 or any(type(x) is not int for x in part):
        return None
    y = part[0]
    if not 0 <= y <= 9999:
        return None
    if len(part) == 1:
        return f"{y:04d}"
    m = part[1]
    if not 1 <= m <= 12:
        return None
    if len(part) == 2:
        return f"{y:04d}-{m:02d}"
    if not 1 <= part[2] <= days_in_month(max(y, 1), m):
        return None
    return f"{y:04d}-{m:02d}-{part[2]:02d}"
