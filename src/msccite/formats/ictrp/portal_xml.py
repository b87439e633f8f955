"""The Search Portal's "Export results to XML": ``<Trials_downloaded_from_ICTRP>`` with one ``<Trial>`` per trial.

Every child of a ``<Trial>`` is a leaf holding text (``<TrialID>NCT06360289\n    </TrialID>``, an empty one written
``<Acronym/>``); the trials are streamed one at a time (:func:`msccite.formats.xmlsafe.iter_elements`: no entity
expanded, no DTD or network), so an export of any size is read in constant memory. A syntax error is reported with
its line and reading stops there, the trials before it kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ...context import ReadContext
from ...model import Record
from ..xmlsafe import iter_elements, leading_tags, text_of
from .map import KNOWN, fact_of, make_record, name_key

__all__ = ["ROOT", "RECORD_TAGS", "detect", "read"]

ROOT = "Trials_downloaded_from_ICTRP"
RECORD_TAGS = ("Trial",)


def detect(sample: str) -> float:
    """0.95 for a document whose root is ``<Trials_downloaded_from_ICTRP>``; 0.8 for one ``<Trial>`` on its own whose
    first child is an ICTRP element."""
    tags = leading_tags(sample, 2)
    if not tags:
        return 0.0
    root = tags[0].removeprefix("!DOCTYPE ")
    if root == ROOT:
        return 0.95
    if root == "Trial" and len(tags) > 1 and name_key(tags[1]) in KNOWN:
        return 0.8
    return 0.0


def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    for elem, line in iter_elements(lines, RECORD_TAGS, ctx):
        pairs = _pairs(elem)
        if not any(fact_of(name) == "id" and value.strip() for name, value in pairs):
            ctx.warn(line, "a <Trial> without a <TrialID>: read all the same, with no registration number")
        if (rec := ctx.build(line, make_record, pairs, line, ctx)) is not None:
            yield rec


def _pairs(elem: Any) -> list[tuple[str, str]]:
    """``(element name, text)`` of each child element, in order (comments and processing instructions left out; a
    namespace, which ICTRP never writes, dropped from the name)."""
    out = []
    for child in elem:
        tag = child.tag
        if isinstance(tag, str):
            out.append((tag.rpartition("}")[2], text_of(child)))
    return out
