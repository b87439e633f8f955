"""Abstracts: plain text, once (rules in ``docs/normalization.md``).

- markup is removed: HTML and JATS tags (``<p>``, ``<jats:p>``, ``<jats:title>``, ``<i>``, ``<sup>``
  ...); a paragraph or section end becomes a line break; HTML entities (``&amp;``, ``&lt;``,
  ``&#8211;``) are decoded;
- an abstract that is its own text twice (page copies, ``AB`` and ``N2`` glued together) keeps one copy.

``<`` in text that is not a tag (``p < 0.05``) is kept.
"""

from __future__ import annotations

import html
import re

from ..model import Record
from .text import tidy, tidy_block

__all__ = ["plain_abstract", "normalize_abstract"]

_BLOCK_TAG = re.compile(r"</?(?:jats:)?(?:p|sec|title|div|br|li|ul|ol|h[1-6])\b[^<>]{0,200}>", re.IGNORECASE)
_TAG = re.compile(r"</?(?:[a-z][a-z0-9]*:)?[a-z][a-z0-9-]*(?:\s[^<>]{0,500})?/?>", re.IGNORECASE)
_HAS_MARKUP = re.compile(r"</?[a-zA-Z]|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def _once(text: str) -> str:
    """The text, or its first copy when it is the same text twice (white space aside)."""
    flat = text if "\n" not in text and tidy(text) == text else " ".join(text.split())  # a tidy line is flat
    half = (len(flat) - 1) // 2
    if len(flat) < 40 or flat[half] != " " or flat[:half] != flat[half + 1 :]:
        return text
    lines = text.split("\n")
    for cut in range(1, len(lines)):  # keep the line breaks of the first copy where the copies split at one
        if " ".join(" ".join(lines[:cut]).split()) == flat[:half]:
            return "\n".join(lines[:cut]).strip()
    return flat[:half]


def plain_abstract(text: str) -> str:
    if ("<" in text or "&" in text) and _HAS_MARKUP.search(text):  # `in` is much faster than the search
        text = _BLOCK_TAG.sub("\n", text)
        text = html.unescape(_TAG.sub("", text))
    return _once(tidy_block(text))


def normalize_abstract(rec: Record) -> None:
    value = rec.get("abstract")
    if isinstance(value, str):
        rec["abstract"] = plain_abstract(value)
