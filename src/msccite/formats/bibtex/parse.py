"""The BibTeX tokenizer: lines in, blocks out (entries, ``@string``, ``@preamble``, ``@comment``, free text).

Streaming: an entry is collected line by line until its braces balance (``str.count`` per
line, a character scan only on the line where it closes), then parsed with a few regular
expressions. A line that starts a new ``@entry{`` while the previous one is still open means
that one is broken: it is reported with its line and reading goes on from the new entry.

Inside an entry, what real exports get wrong is read rather than refused, with a warning in
``Block.warnings``: a comma missing between two fields when the next one starts a new line
(``title = {A}`` / ``author = {B}``, as Zotero and JabRef read it), and a field whose name cannot
be read, which is skipped up to the next ``,`` + new line + ``name =``. Field names with white
space inside (Scopus' ``funding_text 1``, with a no-break space) are read as written
(``Block.spaced_names``); the reader decides what to call them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ...context import line_list
from ...lazyre import compile_cached

__all__ = ["Block", "Field", "blocks", "parse_value", "evaluate", "MONTHS", "BibSyntaxError"]

#: BibTeX's predefined month macros, expanded as BibTeX's standard styles do.
MONTHS = {m[:3].lower(): m for m in ("January February March April May June July August September "
                                     "October November December").split()}  # fmt: skip

_START = compile_cached(r"[ \t]*@[ \t]*([A-Za-z][\w:-]*)[ \t]*([{(])?")
_KEY = compile_cached(r"\s*([^\s,={}()\"#%']*)\s*(,|[})]|$)?")
# a field name; words separated by spaces on one line (Scopus' "funding_text 1") are one name
_NAME = compile_cached(r"\s*([^\s\"#%'(),={}]++(?:[^\S\n]++[^\s\"#%'(),={}]++)*+)\s*=\s*")
_NAME_SPACE = compile_cached(r"\s")
_RESUME = compile_cached(r"[{}]|,[^\S\n]*\n")  # after a field that cannot be read: "," + new line at depth 0
_PIECE = compile_cached(r"\s*(?:(\{)|(\")|(\d+)\b|([^\s\"#%'(),={}]+))")
_HASH = compile_cached(r"\s*#")
_SEP = compile_cached(r"\s*(,?)\s*")
_BRACES = compile_cached(r"[{}]")
_QUOTE_END = compile_cached(r'[{}"]')


class BibSyntaxError(ValueError):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


class Field:
    """A field as written: ``name`` (case kept), its value's ``pieces`` (``("{", text)`` braced, ``('"', text)``
    quoted, ``("#", digits)``, ``("@", macro)``), the ``line`` it starts on, and the value expression as written."""

    __slots__ = ("name", "pieces", "line", "raw")

    def __init__(self, name: str, pieces: list[tuple[str, str]], line: int, raw: str) -> None:
        self.name, self.pieces, self.line, self.raw = name, pieces, line, raw

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Field:
            return NotImplemented
        return (self.name, self.pieces, self.line, self.raw) == (other.name, other.pieces, other.line, other.raw)  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"Field(name={self.name!r}, pieces={self.pieces!r}, line={self.line!r}, raw={self.raw!r})"

    @property
    def simple(self) -> bool:
        return len(self.pieces) == 1 and self.pieces[0][0] in '{"#'


class Block:
    """One block of a file: ``kind`` ("entry", "string", "preamble", "comment", "text", "broken"), its first
    ``line``, its ``text`` as written, the entry ``type`` as written, its ``key`` and ``fields``; a broken block's
    ``error`` and ``error_line`` (where it went wrong; 0: at its first line); ``warnings``, (line, message) pairs of
    what was read despite errors; ``spaced_names``: a field name holds white space ("funding_text 1")."""

    __slots__ = ("kind", "line", "text", "type", "key", "fields", "error", "error_line", "warnings", "spaced_names")

    def __init__(self, kind: str, line: int, text: str, type: str = "", key: str = "",  # noqa: A002
                 fields: list[Field] | None = None, error: str = "", error_line: int = 0,
                 warnings: list[tuple[int, str]] | None = None, spaced_names: bool = False) -> None:  # fmt: skip
        self.kind, self.line, self.text, self.type, self.key = kind, line, text, type, key
        self.fields = [] if fields is None else fields
        self.error, self.error_line, self.spaced_names = error, error_line, spaced_names
        self.warnings = [] if warnings is None else warnings

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Block:
            return NotImplemented
        return all(getattr(self, k) == getattr(other, k) for k in self.__slots__)

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"Block(kind={self.kind!r}, line={self.line!r}, type={self.type!r}, key={self.key!r})"


def blocks(lines: Iterable[str], first_line: int = 1) -> Iterator[Block]:
    """The blocks of a BibTeX file, in order (lines numbered from ``first_line``); a broken entry comes as
    ``kind="broken"`` with ``error``."""
    buf: list[str] = []
    start = 0
    depth = 0
    opener = ""
    text: list[str] = []
    text_start = 0
    n = 0
    for n, line in enumerate(lines, first_line):
        line = line.rstrip("\r\n") + "\n"
        if not buf:
            m = _START.match(line)
            if m is None:
                if line.strip() or text:
                    if not text:
                        text_start = n
                    text.append(line)
                continue
            if text:
                yield from _text_block(text, text_start)
                text = []
            buf, start, opener = [line], n, m.group(2) or ""
            depth = 1 + _delta(line[m.end() :], opener) if opener else 0
            if opener and depth <= 0:
                yield from _close(buf, start, opener)
                buf = []
            elif not opener:
                pass  # "@type" with its brace on a later line: keep collecting
            continue
        m = _START.match(line) if "@" in line else None  # inside an entry: most lines hold no "@"
        if m is not None and m.group(2) and depth > 0 and _looks_like_entry(line):
            yield Block("broken", start, "".join(buf), error=f"the entry is not closed: expected '{_closer(opener)}' "
                        f"before the next entry at line {n}")  # fmt: skip
            buf, start, opener = [line], n, m.group(2)
            depth = 1 + _delta(line[m.end() :], opener)
            if depth <= 0:
                yield from _close(buf, start, opener)
                buf = []
            continue
        buf.append(line)
        if not opener:
            stripped = line.lstrip()
            if stripped[:1] in ("{", "("):  # not `in "{("`: an empty line would match
                opener = stripped[0]
                depth = 1 + _delta(stripped[1:], opener)
                if depth <= 0:
                    yield from _close(buf, start, opener)
                    buf = []
            continue
        depth += line.count("{") - line.count("}") if opener == "{" else _delta(line, opener)
        if depth <= 0:
            yield from _close(buf, start, opener)
            buf = []
    if buf:
        # a truncated file: the last entry is kept when closing what is open makes it whole
        kept = _parse("".join(buf).rstrip() + _closer(opener) * depth, start) if opener and depth > 0 else None
        if kept is not None and kept.kind == "entry" and (kept.key or kept.fields):
            kept.error = f"the entry is not closed: expected '{_closer(opener)}' before the end of the file; it is kept"
            yield kept
        else:
            yield Block(
                "broken",
                start,
                "".join(buf),
                error=f"the entry is not closed: expected '{_closer(opener or '{')}' before the end of the file",
            )
    if text:
        yield from _text_block(text, text_start)


# "@type{key," alone on its line. Possessive quantifiers: with an empty key, "\s*[^\s,={}]*\s*,?\s*$" had three
# runs of white space in a row to share out, and a long run not followed by the end of the line was tried every
# way (cubic: 1,000 spaces took 3 s, issue 30.9). Each part's characters differ from the next part's, so giving
# some back never makes a match: the lines that match are the same.
_ENTRY_LINE = compile_cached(r"\s*+@\s*+[A-Za-z]++\s*+[{(]\s*+[^\s,={}]*+\s*+,?\s*+$")
_SPECIAL_LINE = compile_cached(r"\s*+@\s*+(string|preamble|comment)\s*+[{(]", re.I)


def _looks_like_entry(line: str) -> bool:
    return _ENTRY_LINE.match(line) is not None or _SPECIAL_LINE.match(line) is not None


def _closer(opener: str) -> str:
    return ")" if opener == "(" else "}"


def _delta(text: str, opener: str) -> int:
    if opener == "(":
        return text.count("(") - text.count(")") if "{" not in text else _paren_delta(text)
    return text.count("{") - text.count("}")


def _paren_delta(text: str) -> int:
    delta = brace = 0
    for ch in text:
        if ch == "{":
            brace += 1
        elif ch == "}":
            brace -= 1
        elif brace == 0 and ch in "()":
            delta += 1 if ch == "(" else -1
    return delta


def _text_block(text: list[str], start: int) -> Iterator[Block]:
    while text and not text[-1].strip():
        text.pop()
    if text:
        yield Block("text", start, "".join(text))


def _close(buf: list[str], start: int, opener: str) -> Iterator[Block]:
    """Parse a complete block; what follows its closing delimiter on the same line is parsed too."""
    joined = "".join(buf)
    fast = _fast_entry(joined, start) if opener == "{" else None
    if fast is not None:
        block, end = fast
        body = block.text
    else:
        end = _end_of(joined, opener)
        body = joined[: end + 1]
        block = _parse(body, start)
    yield block
    # more entries closed on the same line: one after another here, not by recursion (a minified file)
    more = _START.match(joined, end + 1)
    while more is not None and more.group(2) and _closes(joined, more.end() - 1, more.group(2)):
        start += body.count("\n")
        end = _end_of(joined, more.group(2), more.end() - 1)
        body = joined[more.start() : end + 1]
        yield _parse(body.lstrip(" \t"), start)
        more = _START.match(joined, end + 1)
    rest = joined[end + 1 :]
    rest_stripped = rest.strip()
    if rest_stripped:
        line = start + body.count("\n")
        if _START.match(rest):
            yield from _close_rest(rest, line)
        else:
            yield Block("text", line, rest.strip(" \t") if rest.endswith("\n") else rest)


def _close_rest(rest: str, line: int) -> Iterator[Block]:
    lines = rest.splitlines(keepends=True)
    for b in blocks(lines):
        b.line += line - 1
        if b.error_line:
            b.error_line += line - 1
        for f in b.fields:
            f.line += line - 1
        b.warnings = [(n + line - 1, message) for n, message in b.warnings]
        yield b


def _closes(text: str, pos: int, opener: str) -> bool:
    """Whether the block opened at ``pos`` closes within ``text``."""
    end = _end_of(text, opener, pos)
    return text[end] == _closer(opener) and end != pos


def _end_of(text: str, opener: str, pos: int = 0) -> int:
    """Index of the delimiter closing the block that starts in ``text`` (at or after ``pos``)."""
    first = text.index(opener, pos)
    if opener == "{":
        end = _matching(text, first)
        return end if end >= 0 else len(text) - 1
    closer = _closer(opener)
    depth = 0
    brace = 0
    for i in range(first, len(text)):
        ch = text[i]
        if opener == "{":
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    return i
        else:
            if ch == "{":
                brace += 1
            elif ch == "}":
                brace -= 1
            elif brace == 0 and ch == "(":
                depth += 1
            elif brace == 0 and ch == closer:
                depth -= 1
                if depth == 0:
                    return i
    return len(text) - 1


# A field of the common shape: ``name = {value}`` (braces nested at most twice inside), ``"value"``
# without braces, a number or a macro, then a comma or not. The name and value classes are those
# of _NAME and _PIECE; possessive quantifiers make a field of another shape fail at once.
_GROUP1 = r"[^{}]*+(?:\{[^{}]*+\}[^{}]*+)*+"
_GROUP2 = r"[^{}]*+(?:\{" + _GROUP1 + r"\}[^{}]*+)*+"
_FAST_FIELD = compile_cached(r"\s*([^\s\"#%'(),={}]+)\s*=\s*"
                         r"(\{(" + _GROUP2 + r")\}|\"([^\"{}]*+)\"|(\d+)\b|([^\s\"#%'(),={}]+))"
                         r"\s*+(,?)\s*+")  # fmt: skip
_FAST_KEY = compile_cached(r"\s*([^\s,={}()\"#%']*)\s*,\s*+(?:,\s*+)?")  # a second comma: as _fields allows


def _fast_entry(text: str, line: int) -> tuple[Block, int] | None:
    """An entry whose fields all have the common shape, parsed in one pass, and the index of its
    closing brace; None when anything else comes up (``_end_of`` and ``_parse`` then decide).

    The result is what ``_parse`` gives: every brace before the closing one is inside a balanced
    value, so the closing brace found here is the one ``_end_of`` finds.
    """
    m = _START.match(text)
    if m is None or m.group(2) != "{" or m.group(1).lower() in ("comment", "preamble", "string"):
        return None
    km = _FAST_KEY.match(text, m.end())
    if km is None:
        return None
    fields: list[Field] = []
    pos, counted, at = km.end(), m.end(), line
    match = _FAST_FIELD.match
    while (f := match(text, pos)) is not None:
        at += text.count("\n", counted, f.start(1))
        counted = f.start(1)
        name, raw, braced, quoted, digits, macro, comma = f.groups()
        if braced is not None:
            piece = ("{", braced)
        elif quoted is not None:
            piece = ('"', quoted)
        elif digits is not None:
            piece = ("#", digits)
        else:
            piece = ("@", macro)
        fields.append(Field(name, [piece], at, raw))
        pos = f.end()
        if not comma:
            break
    if not text.startswith("}", pos):
        return None  # a concatenation ("#"), another shape or an error: the general parser handles them
    return Block("entry", line, text[: pos + 1], type=m.group(1), key=km.group(1), fields=fields), pos


def _parse(body: str, line: int) -> Block:
    m = _START.match(body)
    assert m is not None
    kind = m.group(1).lower()
    opened = compile_cached(r"[{(]").search(body, m.end() - 1)
    assert opened is not None
    inner_start = opened.end()
    inner = body[inner_start:-1]
    if kind == "comment":
        return Block("comment", line, body, type=m.group(1))
    if kind == "preamble":
        return Block("preamble", line, body, type=m.group(1))
    warnings: list[tuple[int, str]] = []
    try:
        if kind == "string":
            fields = _fields(inner, 0, line + body[:inner_start].count("\n"), warnings)
            return Block("string", line, body, type=m.group(1), fields=fields, warnings=warnings,
                         spaced_names=_any_spaced(fields))  # fmt: skip
        km = _KEY.match(inner)
        assert km is not None
        key = km.group(1)
        if km.group(2) != "," and inner[km.end() :].strip():
            raise BibSyntaxError(f"expected ',' after the key {key!r}", line)
        fields = _fields(inner, km.end(), line + body[:inner_start].count("\n"), warnings)
    except BibSyntaxError as exc:
        return Block("broken", line, body, error=str(exc), error_line=exc.line, type=m.group(1))
    return Block("entry", line, body, type=m.group(1), key=key, fields=fields, warnings=warnings,
                 spaced_names=_any_spaced(fields))  # fmt: skip


def _any_spaced(fields: list[Field]) -> bool:
    return any(_NAME_SPACE.search(f.name) for f in fields)


def _fields(inner: str, pos: int, line: int, warnings: list[tuple[int, str]]) -> list[Field]:
    """The fields from ``pos`` on; what is read despite an error is reported in ``warnings``."""
    out: list[Field] = []
    n = len(inner)
    counted = 0  # line numbers: newlines are counted from here on, not from the start for every field
    while True:
        sep = _SEP.match(inner, pos)
        assert sep is not None
        pos = sep.end()
        if pos >= n:
            return out
        m = _NAME.match(inner, pos)
        if m is None:
            at = line + inner.count("\n", counted, pos)
            snippet = inner[pos : pos + 20].partition("\n")[0].strip()  # up to the end of its line
            error = f"expected a field name and '=' at {snippet!r}"
            resume = _next_field(inner, pos)
            if resume is None:
                raise BibSyntaxError(error, at)
            last = at + inner.count("\n", pos, resume) - 1  # the line of the "," before the next field
            warnings.append((at, f"{error}; the field is skipped ({line_list(list(range(at, last + 1)))})"))
            pos = resume
            continue
        name = m.group(1)
        line += inner.count("\n", counted, m.start(1))
        counted = m.start(1)
        at = line
        pieces, end = parse_value(inner, m.end(), at)
        out.append(Field(name, pieces, at, inner[m.end() : end].strip()))
        pos = end
        after = _SEP.match(inner, pos)
        assert after is not None
        if not after.group(1) and after.end() < n:
            following = _NAME.match(inner, after.end()) if "\n" in inner[pos : after.end()] else None
            if following is None:
                raise BibSyntaxError(f"expected ',' or the end of the entry after the field {name!r}",
                                     line + inner.count("\n", counted, pos))  # fmt: skip
            # the next field starts a new line: the comma is missing (as Zotero and JabRef read it)
            names = [" ".join(n.split()) for n in (name, following.group(1))]  # a no-break space shown as a space
            warnings.append((line + inner.count("\n", counted, pos), f"expected ',' between the fields {names[0]!r} "
                             f"and {names[1]!r}; read as if it were there"))  # fmt: skip


def _next_field(text: str, pos: int) -> int | None:
    """Where the next field starts after an unreadable one at ``pos``: after the first ``,`` + new line
    outside braces that a ``name =`` follows; None when there is none before the block closes."""
    depth = 0
    for m in _RESUME.finditer(text, pos):
        mark = m.group(0)
        if mark == "{":
            depth += 1
        elif mark == "}":
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0 and _NAME.match(text, m.end()):
            return m.end()
    return None


def parse_value(text: str, pos: int, line: int = 0) -> tuple[list[tuple[str, str]], int]:
    """The pieces of one value expression starting at ``pos`` (``{..} # macro # "..."``), and where it ends."""
    pieces: list[tuple[str, str]] = []
    while True:
        m = _PIECE.match(text, pos)
        if m is None:
            raise BibSyntaxError(f"expected a value ({{...}}, \"...\", a number or a macro) at "
                                 f"{text[pos:pos + 20].strip()!r}", line)  # fmt: skip
        if m.group(1):
            end = _matching(text, m.end() - 1)
            if end < 0:
                raise BibSyntaxError("unbalanced braces in a value", line)
            pieces.append(("{", text[m.end() : end]))
            pos = end + 1
        elif m.group(2):
            end = _quote_end(text, m.end())
            if end < 0:
                raise BibSyntaxError("a quoted value is not closed: expected '\"'", line)
            pieces.append(('"', text[m.end() : end]))
            pos = end + 1
        elif m.group(3):
            pieces.append(("#", m.group(3)))
            pos = m.end()
        else:
            pieces.append(("@", m.group(4)))
            pos = m.end()
        h = _HASH.match(text, pos)
        if h is None:
            return pieces, pos
        pos = h.end()


def _matching(text: str, pos: int) -> int:
    close = text.find("}", pos + 1)
    if text.startswith("{", pos) and close >= 0 and text.find("{", pos + 1, close) < 0:
        return close  # no group inside (most values): the first "}" closes it
    depth = 0
    for m in _BRACES.finditer(text, pos):
        if m.group(0) == "{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return m.start()
    return -1


def _quote_end(text: str, pos: int) -> int:
    depth = 0
    for m in _QUOTE_END.finditer(text, pos):
        ch = m.group(0)
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif depth == 0:
            return m.start()
    return -1


def evaluate(pieces: list[tuple[str, str]], macros: dict[str, str]) -> tuple[str, list[str]]:
    """The value of a parsed expression (macros expanded) and the macros it used that are undefined."""
    out: list[str] = []
    missing: list[str] = []
    for kind, text in pieces:
        if kind == "@":
            key = text.lower()
            if key in macros:
                out.append(macros[key])
            elif key in MONTHS:
                out.append(MONTHS[key])
            else:
                missing.append(text)
                out.append(text)
        else:
            out.append(text)
    return "".join(out), missing
