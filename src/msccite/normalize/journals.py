"""Normalization step: journals (to be filled in by the normalization issue; see docs/normalization.md)."""

from __future__ import annotations

from typing import Any

from ..model import Record


def normalize_journal(rec: Record, **options: Any) -> None:
    """Normalize the record's journals in place (idempotent)."""
