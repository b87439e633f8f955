"""What the tests of the normalization steps share."""

from __future__ import annotations

from collections.abc import Callable

from msccite import Record


def assert_idempotent(step: Callable[[Record], None], rec: Record) -> Record:
    """Run an in-place step on a copy, then again on a copy of the result: the second run changes nothing."""
    once = rec.copy()
    step(once)
    twice = once.copy()
    step(twice)
    assert twice == once
    return once
