"""The studies of a ClinicalTrials.gov JSON file, each with the line it starts on.

The shapes: one study (``{"protocolSection": ...}``, API v2 ``/studies/{nctId}``), a list of them (the website's
"Download → JSON", one study a line), a page of the v2 API (``{"studies": [...], "nextPageToken": ...}``), the
classic API's ``{"FullStudiesResponse": {"FullStudies": [{"Rank": 1, "Study": {"ProtocolSection": ...}}]}}``, and
several of these one after another (JSON Lines, pages saved into one file). A list or an object holding one of the
keys of :data:`CONTAINER_KEYS` is walked into; any other object is an entry (a study, or what stands in its place).

The file is parsed with the standard library's C decoder, value by value (``raw_decode``), so each entry's
position is known; a syntax error stops the walk there, with the entries before it kept.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["CONTAINER_KEYS", "Entry", "entries"]

#: Keys whose value holds studies, not study data.
CONTAINER_KEYS = frozenset({"studies", "FullStudiesResponse", "FullStudies"})
_MAX_DEPTH = 8  # containers in containers: deeper values are decoded whole (as entries)
_SPACE = re.compile(r"[ \t\r\n]*")
_DECODER = json.JSONDecoder()

#: ``(value, line)``: one entry of the file and the line it starts on.
Entry = tuple[Any, int]


class _Walk:
    def __init__(self, text: str) -> None:
        self.text = text
        self.found: list[tuple[Any, int]] = []  # (value, position)

    def ws(self, pos: int) -> int:
        return _SPACE.match(self.text, pos).end()  # type: ignore[union-attr]

    def expect(self, pos: int, what: str, msg: str) -> int:
        if not self.text.startswith(what, pos):
            raise json.JSONDecodeError(msg, self.text, pos)
        return pos + 1

    def value(self, pos: int, depth: int) -> int:
        """Walk the value at ``pos`` (white space skipped); its end."""
        ch = self.text[pos : pos + 1]
        if depth < _MAX_DEPTH and ch == "[":
            return self.array(pos, depth)
        if depth < _MAX_DEPTH and ch == "{":
            return self.obj(pos, depth)
        value, end = _DECODER.raw_decode(self.text, pos)
        self.found.append((value, pos))
        return end

    def array(self, pos: int, depth: int) -> int:
        pos = self.ws(pos + 1)
        if self.text.startswith("]", pos):
            return pos + 1
        while True:
            pos = self.ws(self.value(pos, depth + 1))
            if self.text.startswith("]", pos):
                return pos + 1
            pos = self.ws(self.expect(pos, ",", "Expecting ',' delimiter"))

    def obj(self, start: int, depth: int) -> int:
        """An object: a container (its studies go to :attr:`found`) or an entry (itself)."""
        pairs: dict[str, Any] = {}
        container = False
        mark = len(self.found)
        pos = self.ws(start + 1)
        if not self.text.startswith("}", pos):
            while True:
                if not self.text.startswith('"', pos):
                    raise json.JSONDecodeError("Expecting property name enclosed in double quotes", self.text, pos)
                key, pos = _DECODER.raw_decode(self.text, pos)
                pos = self.ws(self.expect(self.ws(pos), ":", "Expecting ':' delimiter"))
                if key in CONTAINER_KEYS and self.text[pos : pos + 1] in ("[", "{"):
                    container = True
                    pos = self.value(pos, depth + 1)
                else:
                    pairs[key], pos = _DECODER.raw_decode(self.text, pos)
                    container = container or key in CONTAINER_KEYS
                pos = self.ws(pos)
                if self.text.startswith("}", pos):
                    break
                pos = self.ws(self.expect(pos, ",", "Expecting ',' delimiter"))
        if not container:
            del self.found[mark:]
            self.found.append((pairs, start))
        return pos + 1


def entries(text: str) -> tuple[list[Entry], json.JSONDecodeError | RecursionError | None]:
    """Every entry of the file with its line, and the error that stopped the walk (None: the whole file read).

    An error is a :class:`json.JSONDecodeError` (with ``lineno``) or a :class:`RecursionError` (a value nested
    too deeply for the decoder)."""
    walk = _Walk(text)
    error: json.JSONDecodeError | RecursionError | None = None
    pos = walk.ws(0)
    try:
        while pos < len(text):
            pos = walk.ws(walk.value(pos, 0))
    except (json.JSONDecodeError, RecursionError) as exc:
        error = exc
    out: list[Entry] = []
    line, last = 1, 0
    for value, at in walk.found:
        line += text.count("\n", last, at)
        last = at
        out.append((value, line))
    return out, error
