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
from .text import tidy_block

__all__ = ["plain_abstract", "normalize_abstract"]

_BLOCK_TAG = re.compile(r"</?(?:jats:)?(?:p|sec|title|div|br|li|ul|ol|h[1-6])\b[^<>]{0,200}>", re.IGNORECASE)
_TAG = re.compile(r"</?(?:[a-z][a-z0-9]*:)?[a-z][a-z0-9-]*(?:\s[^<>]{0,500})?/?>", re.IGNORECASE)
_HAS_MARKUP = re.compile(r"</?[a-zA-Z]|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def _once(text: str) -> str:
    """The text (tidied by :func:`tidy_block`), or its first copy when it is the same text twice (white space aside)."""
    flat = " ".join(text.split()) if "\n" in text else text  # a line tidy_block gives is tidy: flat already
    half = (len(flat) - 1) // 2
    if len(flat) < 40 or flat[half] != " " or flat[:half] != flat[half + 1 :]:
        return text
    lines = text.split("\n")
    for cut in range(1, len(lines)):  # keep the line breaks of the first copy where the copies split at one
        if " ".join(" ".join(lines[:cut]).split()) == flat[:half]:
            return "\n".join(lines[:cut]).strip()
    return flat[:half]


def plain_abstract(text: str, tidied: bool = False) -> str:
    """The abstract as plain text, once. ``tidied=True``: ``text`` is already what :func:`tidy_block` gives."""
    if ("<" in text or "&" in text) and _HAS_MARKUP.search(text):  # `in` is much faster than the search
        text = _BLOCK_TAG.sub("\n", text)
        text = html.unescape(_TAG.sub("", text))
        tidied = False
    return _once(text if tidied else tidy_block(text))


def normalize_abstract(rec: Record, tidied: bool = False) -> None:
    """``tidied=True``: the white-space step has run (as in :func:`~msccite.normalization.normalize`), so the
    abstract need not be tidied again unless markup is taken out."""
    value = rec.fields.get("abstract")
    if isinstance(value, str):
        new = plain_abstract(value, tidied)
        if new != value:
            rec["abstract"] = new
