"""Whitespace rules shared by every normalizer."""

from __future__ import annotations

import re

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def tidy(text: str) -> str:
    """One line: every run of white space (no-break and other Unicode spaces too) becomes one space."""
    return _SPACES.sub(" ", text).strip()


def tidy_block(text: str) -> str:
    """Several lines (abstracts, notes): each line tidied, runs of blank lines reduced to one."""
    lines = [tidy(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
