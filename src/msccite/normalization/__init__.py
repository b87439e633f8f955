"""Normalization: a pure, idempotent step that makes records from different sources agree.

Readers are faithful to their input; this package tidies what they read, in a fixed order of
steps, each in its own module and each idempotent, so ``normalize(normalize(r)) == normalize(r)``
for every record. The rules are documented in ``docs/normalization.md``.

Steps so far: white space (:mod:`.text`). Names, identifiers, journals, pages, dates, titles,
keywords, language and abstracts come with the normalization issue, one module each.
"""

from __future__ import annotations

from typing import Any

from ..model import Record
from . import text

__all__ = ["normalize"]


def normalize(record: Record, **options: Any) -> Record:
    """A normalized copy of ``record``; the input is not changed.

    ``options`` are reserved for the later steps (none is used yet).
    """
    out = record.copy()
    text.normalize_whitespace(out)
    return out
