"""CSL rich text <-> the pandoc Markdown that CSL YAML holds.

pandoc reads every text value of a CSL YAML item as Markdown (``title: "*In vivo* CO~2~"``) and writes it to
CSL-JSON with CSL's HTML-like marks (``<i>In vivo</i> CO<sub>2</sub>``). So the writer turns the marks into
Markdown (``<i>`` ``*``, ``<b>`` ``**``, ``<sup>`` ``^``, ``<sub>`` ``~``, small caps ``[..]{.smallcaps}``, nocase
``[..]{.nocase}``) and escapes with a backslash every character pandoc would read as something else: ``\\`` ``*``
`````` ``^`` ``~`` ``[`` ``]`` ``<`` ``$`` always; ``'`` and ``"`` (pandoc would curl them), ``--`` and ``...``
(dashes, ellipsis), ``_`` at a word's edge, ``@`` at a word's start (a citation), ``&`` before an entity name, and
what starts a block at a line's start (``#``, ``>``, ``- ``, ``1.`` ...). A line break is a hard break (``\\`` at
the end of the line). The reader undoes exactly that: any ASCII punctuation after a backslash is itself.

:func:`to_markdown` checks its result with :func:`from_markdown`: marks whose Markdown would read back otherwise
(``<i><b>x</b></i>`` and ``<b><i>x</i></b>`` are both ``***x***``; an empty mark) are written as escaped text,
so what the writer writes the reader always gives back.
"""

from __future__ import annotations

import re
import string

__all__ = ["to_markdown", "from_markdown"]

_PUNCT = frozenset(string.punctuation)
#: CSL's marks, as they open and close in a string (``richtext`` knows the same ones).
_OPEN = {"<i>": "i", "<b>": "b", "<sup>": "sup", "<sub>": "sub",
         '<span style="font-variant:small-caps;">': "sc", '<span class="nocase">': "nc"}  # fmt: skip
_CLOSE = {"i": "</i>", "b": "</b>", "sup": "</sup>", "sub": "</sub>", "sc": "</span>", "nc": "</span>"}
_TAG = re.compile(r'</?(?:i|b|sup|sub)>|<span (?:style="font-variant:small-caps;"|class="nocase")>|</span>')
_MD = {"i": ("*", "*"), "b": ("**", "**"), "sup": ("^", "^"), "sub": ("~", "~"), "sc": ("[", "]{.smallcaps}"),
       "nc": ("[", "]{.nocase}")}  # fmt: skip
#: The characters escaped: the always-special ones; ``_`` unless inside a word (``a_b``); ``@`` at a word's start;
#: ``&`` before an entity name (``&amp;``); ``--`` and ``...`` (pandoc's dashes and ellipsis); the period of a short
#: word before a space (``e.g. by``, ``et al. (2012)``, ``Ltd. 530``: pandoc would take it for an abbreviation and
#: put a no-break space after it). (``[^\W_]``: a letter or a digit; ``[^\W\d_]``: a letter.)
_SPECIAL = re.compile(
    r"[\\*`^~\[\]<$'\"]|(?<![^\W_])_|_(?![^\W_])|(?<![^\W_])@|&(?=#?[A-Za-z0-9]+;)"
    r"|-(?=-)|(?<=-)-|\.(?=\.)|(?<=\.)\.|(?<![^\W\d_]{6})(?<=[^\W\d_])\.(?=[ \t\n])"
)
#: What opens a block when it starts a line: a heading, a quote, a list item (``-``, ``+``, ``1.``, ``a)``,
#: ``(i)``), a table or line block, a definition, a setext underline.
_BLOCK_START = re.compile(r"[ ]{0,3}(?:[#>|:=+-]|\(?(?:\d{1,9}|[A-Za-z]|[ivxlcdm]{1,9}|[IVXLCDM]{1,9})[.)](?=\s|$))")
_LONGEST = 1_000_000  # a longer value is written as escaped text, without the check (which would double its cost)


# -- writing --------------------------------------------------------------------------------------
def to_markdown(text: str) -> str:
    """``text`` (CSL rich text) as pandoc Markdown that :func:`from_markdown` reads back as ``text``."""
    if not text:
        return text
    if len(text) > _LONGEST or "<" not in text:
        return _lines(_escape(text))
    md = _lines(_marked(text))
    if from_markdown(md) == text:
        return md
    return _lines(_escape(text))  # marks whose Markdown is ambiguous: kept as the text they are


def _marked(text: str) -> str:
    """The marks as Markdown, the text between them escaped; a tag that is not part of a well-nested mark is text."""
    tokens: list[tuple[str, str]] = []  # ("t", text) | ("o", kind) | ("c", kind)
    stack: list[tuple[str, int]] = []
    pos = 0
    for m in _TAG.finditer(text):
        if m.start() > pos:
            tokens.append(("t", text[pos : m.start()]))
        tag = m.group()
        if tag in _OPEN:
            stack.append((_OPEN[tag], len(tokens)))
            tokens.append(("o", _OPEN[tag]))
        elif stack and _CLOSE[stack[-1][0]] == tag and len(tokens) > stack[-1][1] + 1:
            kind, _ = stack.pop()
            tokens.append(("c", kind))
        else:
            tokens.append(("t", tag))
        pos = m.end()
    if pos < len(text):
        tokens.append(("t", text[pos:]))
    for kind, at in stack:  # opened, never closed: text
        tokens[at] = ("t", next(k for k, v in _OPEN.items() if v == kind))
    out: list[str] = []
    inside: list[str] = []
    for what, value in tokens:
        if what == "o":
            out.append(_MD[value][0])
            inside.append(value)
        elif what == "c":
            out.append(_MD[value][1])
            inside.pop()
        else:
            piece = _escape(value)
            if inside and inside[-1] in ("sup", "sub"):
                piece = piece.replace(" ", "\\ ")  # pandoc's super/subscripts hold escaped spaces only
            out.append(piece)
    return "".join(out)


def _escape(text: str) -> str:
    """Plain text as Markdown that stays that text (a backslash before each character pandoc would read otherwise)."""
    return _SPECIAL.sub(r"\\\g<0>", text)


def _lines(md: str) -> str:
    """Each line break a hard break (a backslash ends the line); a line that would open a block escaped."""
    lines = md.split("\n")
    for k, line in enumerate(lines):
        m = _BLOCK_START.match(line)
        if m is not None:
            start = m.start() + len(m.group()) - len(m.group().lstrip(" "))
            # escape the marker's punctuation: the first character, or the "." / ")" after "1" or "a"
            at = start if line[start] in _PUNCT else start + len(m.group().lstrip(" ")) - 1
            if line[at] in _PUNCT and not (at and line[at - 1] == "\\"):
                lines[k] = line[:at] + "\\" + line[at:]
    return "\\\n".join(lines)


# -- reading --------------------------------------------------------------------------------------
_DELIMS = frozenset("*^~[]")
_ACTIVE = _DELIMS | frozenset("\\'\"")
_DEEPEST = 64  # marks inside marks deeper than this are text (no source nests them; a hostile one would cost time)


def from_markdown(md: str) -> str:
    """pandoc Markdown (of a CSL YAML value) as CSL rich text: emphasis, strong, super- and subscripts, small caps
    and nocase spans as marks; a backslash before ASCII punctuation, a line end or a space gives that character;
    pandoc's typography for what is not escaped (``--`` en dash, ``---`` em dash, ``...`` ellipsis, straight quotes
    curled: what pandoc's own writer relies on); anything else is the text it is. What is not a well-formed mark
    stays text."""
    if not md or not (set(md) & _ACTIVE or "--" in md or "..." in md):
        return md
    out: list[str] = []  # pieces; an open delimiter is a piece of its own until closed
    opens: list[tuple[str, int]] = []  # (delimiter, index in out)
    i, n = 0, len(md)
    while i < n:
        ch = md[i]
        if ch == "\\" and i + 1 < n:
            nxt = md[i + 1]
            if nxt in _PUNCT:
                out.append(nxt)
            elif nxt == "\n":
                out.append("\n")
            elif nxt == " ":
                out.append(" ")
            else:
                out.append("\\" + nxt)
            i += 2
            continue
        if ch == "*":
            j = i
            while j < n and md[j] == "*":
                j += 1
            run = j - i
            i = j
            if run > 3:
                out.append("*" * run)
                continue
            for d in _star_order(run, opens):
                if opens and opens[-1][0] == d:
                    _close(out, opens, d)
                elif len(opens) < _DEEPEST:
                    opens.append((d, len(out)))
                    out.append(d)
                else:
                    out.append(d)
            continue
        if ch in "^~":
            if opens and opens[-1][0] == ch:
                _close(out, opens, ch)
            elif len(opens) < _DEEPEST:
                opens.append((ch, len(out)))
                out.append(ch)
            else:
                out.append(ch)
            i += 1
            continue
        if ch == "[":
            if len(opens) < _DEEPEST:
                opens.append(("[", len(out)))
            out.append("[")
            i += 1
            continue
        if ch == "]":
            attr = next((a for a in ("{.smallcaps}", "{.nocase}") if md.startswith(a, i + 1)), None)
            if attr is not None and opens and opens[-1][0] == "[":
                _close(out, opens, "[", attr)
                i += 1 + len(attr)
                continue
            if opens and opens[-1][0] == "[":
                opens.pop()  # brackets that are no span: text
            out.append("]")
            i += 1
            continue
        if ch == "-" and md.startswith("--", i):
            if md.startswith("---", i):
                out.append("\u2014")
                i += 3
            else:
                out.append("\u2013")
                i += 2
            continue
        if ch == "." and md.startswith("...", i):
            out.append("\u2026")
            i += 3
            continue
        if ch in "'\"":
            out.append(_curled(ch, md[i - 1] if i else "", md[i + 1] if i + 1 < n else ""))
            i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _curled(quote: str, before: str, after: str) -> str:
    """pandoc's smart quote, near enough: an apostrophe or a closing quote after a word (or before a space), an
    opening one before a word."""
    opening = (not before or before.isspace() or before in "([{\u2014\u2013-/") and bool(after) and not after.isspace()
    if quote == "'":
        return "\u2018" if opening else "\u2019"
    return "\u201c" if opening else "\u201d"


def _star_order(run: int, opens: list[tuple[str, int]]) -> list[str]:
    """The delimiters a run of ``*`` stands for, in order: closing what is open first."""
    top = opens[-1][0] if opens else ""
    if run == 1:
        return ["*"]
    if run == 2:
        if top == "*" and not any(d == "**" for d, _ in opens):
            return ["*", "*"]  # "*a**b*": one emphasis closed, the next opened
        return ["**"]
    if top == "*":
        return ["*", "**"]
    if top == "**":
        return ["**", "*"]
    return ["**", "*"]


_HTML = {"*": ("<i>", "</i>"), "**": ("<b>", "</b>"), "^": ("<sup>", "</sup>"), "~": ("<sub>", "</sub>"),
         "{.smallcaps}": ('<span style="font-variant:small-caps;">', "</span>"),
         "{.nocase}": ('<span class="nocase">', "</span>")}  # fmt: skip


def _close(out: list[str], opens: list[tuple[str, int]], delim: str, attr: str = "") -> None:
    """Close the innermost open ``delim``: the pieces since it become one marked piece."""
    _, at = opens.pop()
    inner = "".join(out[at + 1 :])
    if not inner:  # an empty mark is no mark: the delimiters are text
        del out[at:]
        out.append(delim + (("]" + attr) if delim == "[" else delim))
        return
    start, end = _HTML[attr or delim]
    del out[at:]
    out.append(start + inner + end)
