"""Normalization: a pure, idempotent step that makes records from different sources agree.

Readers are faithful to their input; this package tidies what they read:
``normalize(normalize(r)) == normalize(r)`` for every record. The rules are documented in
``docs/normalization.md``. For now it tidies whitespace; names, identifiers, journals, pages,
dates, titles, keywords, language and abstracts follow (see the normalization issue).
"""

from __future__ import annotations

from typing import Any

from ..model import DATE_VARIABLES, LIST_VARIABLES, NAME_VARIABLES, Name, Record
from .text import tidy, tidy_block

__all__ = ["normalize"]

_BLOCK_VARIABLES = frozenset({"abstract", "note", "annote"})


def normalize(record: Record, **options: Any) -> Record:
    """A normalized copy of ``record``; the input is not changed."""
    out = record.copy()
    for key, value in list(out.fields.items()):
        if key in NAME_VARIABLES:
            out[key] = [_tidy_name(n) for n in value]
        elif key in DATE_VARIABLES:
            continue
        elif key in LIST_VARIABLES:
            clean = (tidy_block if key in _BLOCK_VARIABLES else tidy)
            out[key] = [v for v in (clean(x) for x in value) if v]
        elif isinstance(value, str):
            out[key] = tidy_block(value) if key in _BLOCK_VARIABLES else tidy(value)
    return out


def _tidy_name(name: Name) -> Name:
    return Name(
        family=tidy(name.family),
        given=tidy(name.given),
        non_dropping_particle=tidy(name.non_dropping_particle),
        dropping_particle=tidy(name.dropping_particle),
        suffix=tidy(name.suffix),
        literal=tidy(name.literal),
    )
