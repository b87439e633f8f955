"""CSL rich text in the model's strings: ``<i>``, ``<b>``, ``<sup>``, ``<sub>``, small caps and nocase spans.

The model keeps a title's marks as CSL-JSON does, and the case protection its source had, no more. Formats
without marks (RIS, MEDLINE, EndNote, key | value) get :func:`plain` text; comparisons use it too
(``docs/model.md``, "Rich text").
"""

from __future__ import annotations

import re

from .latex import SUBSCRIPTS, SUPERSCRIPTS
from .lazyre import compile_cached

__all__ = ["plain", "has_marks"]

#: An innermost mark: no other mark inside it.
_MARK = compile_cached(r'<(i|b|sup|sub)>([^<>]*)</\1>|<span (?:class="nocase"|style="font-variant:small-caps;")>'
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
