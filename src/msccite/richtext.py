"""CSL rich text in the model's strings: ``<i>``, ``<b>``, ``<sup>``, ``<sub>``, small caps and nocase spans.

The model keeps a title's marks as CSL-JSON does. Formats without marks (RIS, MEDLINE, EndNote, key | value)
get :func:`plain` text; CSL-JSON gets the words a BibTeX writer would brace as nocase spans
(:func:`mark_nocase`), which its reader takes off again (:func:`unmark_nocase`), so that a title reads the
same from every source (``docs/model.md``, "Rich text").
"""

from __future__ import annotations

import re

from .latex import NOCASE_CLOSE, NOCASE_OPEN, SUBSCRIPTS, SUPERSCRIPTS, protected

__all__ = ["plain", "has_marks", "mark_nocase", "unmark_nocase", "TITLE_VARIABLES"]

#: CSL variables whose words a BibTeX writer protects (``title``, ``shorttitle``, ``series`` ...).
TITLE_VARIABLES = ("title", "title-short", "collection-title", "original-title", "event-title")

#: An innermost mark: no other mark inside it.
_MARK = re.compile(r'<(i|b|sup|sub)>([^<>]*)</\1>|<span (?:class="nocase"|style="font-variant:small-caps;")>'
                   r"([^<>]*)</span>")  # fmt: skip
_UNICODE_SUP = {k: v for k, v in SUPERSCRIPTS.items() if k.isascii()}
_UNICODE_SUB = dict(SUBSCRIPTS)


def has_marks(text: str) -> bool:
    """Whether ``text`` holds a CSL rich-text mark."""
    return "<" in text and _MARK.search(text) is not None


def plain(text: str) -> str:
    """``text`` without its marks: the words kept, a superscript or subscript in Unicode where every character
    has a form there (``CO<sub>2</sub>`` -> ``CO₂``, ``10<sup>-3</sup>`` -> ``10⁻³``), else as it is."""
    if "<" not in text:
        return text
    while True:
        new = _MARK.sub(_unmark, text)
        if new == text:
            return new
        text = new


def _unmark(m: re.Match[str]) -> str:
    tag, inner = m.group(1), m.group(2) if m.group(1) else m.group(3)
    table = _UNICODE_SUP if tag == "sup" else _UNICODE_SUB if tag == "sub" else None
    if table and inner and all(c in table for c in inner):
        return "".join(table[c] for c in inner)
    return inner


_WORD = re.compile(r"\S+")
_TAGGED = re.compile(r"(<[^<>]+>)")


def mark_nocase(text: str) -> str:
    """The words of a title a BibTeX style would lowercase but must not (``MSC``, ``mRNA``, ``phase I``), each
    in a nocase span, as pandoc writes a BibTeX title's braces; text inside other marks is left as it is."""
    if not any(map(str.isupper, text[1:])):
        return text  # no capital after the first letter: nothing to mark (most titles)
    pieces = _TAGGED.split(text) if "<" in text else [text]
    depth = 0
    seen_words = False
    out = []
    for piece in pieces:
        if piece.startswith("<") and piece.endswith(">") and _TAGGED.fullmatch(piece):
            depth += -1 if piece.startswith("</") else 1
            out.append(piece)
            continue
        if depth:
            out.append(piece)
            seen_words = seen_words or bool(piece.strip())
            continue
        start = 0
        marked = []
        for m in _WORD.finditer(piece):
            word = m.group(0)
            first = not seen_words and not piece[: m.start()].strip()
            seen_words = True
            core = word.strip(".,:;!?()[]'\"")
            if core and "<" not in core and ">" not in core and protected(core, first):  # (a span could not hold it)
                at = m.start() + word.index(core)
                marked.append(piece[start:at] + NOCASE_OPEN + core + NOCASE_CLOSE)
                start = at + len(core)
        marked.append(piece[start:])
        out.append("".join(marked))
    return "".join(out)


_NOCASE = re.compile(r'(\S*)<span class="nocase">([^<>\s]+)</span>(\S*)')


def unmark_nocase(text: str) -> str:
    """``text`` without the nocase spans :func:`mark_nocase` would put back (the other spans stay)."""
    if NOCASE_OPEN not in text:
        return text

    def unwrap(m: re.Match[str]) -> str:
        before, inner, after = m.groups()
        word = _TAGGED.sub("", before + inner + after)
        first = not _TAGGED.sub("", text[: m.start()]).strip()
        return before + inner + after if protected(word, first) else m.group(0)

    return _NOCASE.sub(unwrap, text)
