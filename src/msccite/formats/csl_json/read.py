"""The CSL-JSON reader and detection, and the schema check (the format's surface is the package,
:mod:`msccite.formats.csl_json`)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

from ...context import ReadContext
from ...model import Record
from ...textio import join_lines
from ..carriers import LONE_ESCAPE, NotANumber, json_decoder, without_surrogates

NAME = "csl-json"
ALIASES = ("csl", "csljson", "json")
EXTENSIONS = (".json", ".csl.json", ".csljson")
DESCRIPTION = "CSL-JSON (Zotero, pandoc, citeproc)"
RICH_TEXT = True  # CSL's HTML-like marks in strings
WHOLE_FILE = True
LINE_PIECES = True  # lines mean nothing in JSON: a long one (a minified export) comes in pieces, never cut
#: The keyword options of the reader: ``validate=False`` skips the schema check of each item.
READ_OPTIONS = ("validate",)


def detect(sample: str) -> float:
    text = sample.lstrip("\ufeff \t\r\n")
    if text.startswith("["):
        rest = text[1:].lstrip()
        if rest.startswith("{"):
            return 0.9 if '"type"' in sample or '"id"' in sample else 0.5
        return 0.6 if rest.startswith("]") else 0.0
    if text.startswith("{") and ('"type"' in sample or '"id"' in sample):
        return 0.8
    return 0.0


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The official CSL-JSON input schema (v1.0, draft-07) shipped with msccite."""
    text = resources.files("msccite").joinpath("data/csl-data.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _item_validator() -> Any:
    import jsonschema

    full = schema()
    item_schema = dict(full["items"], definitions=full["definitions"])
    return jsonschema.Draft7Validator(item_schema)


def validation_errors(item: Any) -> list[str]:
    """What is wrong with one item against the schema: ``field: message`` each."""
    out = []
    for err in sorted(_item_validator().iter_errors(item), key=lambda e: list(e.absolute_path)):
        path = "/".join(str(p) for p in err.absolute_path) or "(item)"
        if err.validator == "enum":  # the message would list all 45 item types
            out.append(f"{path}: {err.instance!r} is not a CSL {'item type' if path == 'type' else 'value'}")
        else:
            out.append(f"{path}: {err.message}")
    return out


def _item_lines(text: str) -> list[int]:
    """The line on which each element of a top-level array starts (one linear scan)."""
    lines: list[int] = []
    depth = 0
    line = 1
    in_str = esc = False
    expect = False
    for ch in text:
        if ch == "\n":
            line += 1
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
            continue
        if expect and not ch.isspace() and ch not in ",]":
            lines.append(line)
            expect = False
        if ch == '"':
            in_str = True
        elif ch in "[{":
            depth += 1
            if depth == 1 and ch == "[":
                expect = True
        elif ch in "]}":
            depth -= 1
        elif ch == "," and depth == 1:
            expect = True
    return lines


_SPACE = re.compile(r"[ \t\r\n]*")


def _complete_items(text: str, decoder: json.JSONDecoder) -> list[Any]:
    """The elements of a top-level array that parse, up to the first that does not (linear)."""
    pos = _SPACE.match(text).end()  # type: ignore[union-attr]
    if not text.startswith("[", pos):
        return []
    items: list[Any] = []
    pos += 1
    while True:
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        try:
            item, pos = decoder.raw_decode(text, pos)
        except (json.JSONDecodeError, RecursionError):
            return items
        items.append(item)
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if not text.startswith(",", pos):
            return items
        pos += 1


def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    text = join_lines(lines)
    constants: list[str] = []  # NaN, Infinity: Python's json reads them, JSON has no such numbers

    def constant(name: str) -> NotANumber:
        constants.append(name)
        return NotANumber(name)

    decoder = json_decoder(constant)  # numbers too long to be numbers are read as their text
    try:
        data = decoder.decode(text)
    except json.JSONDecodeError as exc:
        data = _complete_items(text, decoder)  # a truncated array: the items before the damage are kept
        kept = f"; the {len(data)} complete item(s) before it are kept" if data else ""
        ctx.problem(exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno}){kept}")
        if not data:
            return
    except RecursionError:
        ctx.problem(1, "JSON nested too deeply to be CSL-JSON")
        return
    if isinstance(data, dict):
        items, starts = [data], [1]
    elif isinstance(data, list):
        items, starts = data, _item_lines(text)
    else:
        found = "NaN or Infinity" if isinstance(data, NotANumber) else type(data).__name__
        ctx.problem(1, f"expected an array of CSL items or one item, found {found}")
        return
    check = _Checks(bool(constants), LONE_ESCAPE.search(text) is not None, ctx.options.get("validate", True))
    del text
    for i, item in enumerate(items):
        line = starts[i] if i < len(starts) else None
        label = f"item {i + 1}" + (f" (id {item.get('id')!r})" if isinstance(item, dict) and "id" in item else "")
        if not isinstance(item, dict):
            found = "NaN or Infinity" if isinstance(item, NotANumber) else type(item).__name__
            ctx.problem(line, f"{label}: expected an object, found {found}; skipped")
            continue
        if (rec := ctx.build(line, _record, item, label, line, check, ctx)) is not None:
            yield rec


class _Checks:
    """What each item needs: NaN/Infinity taken out (when the input has any), lone surrogates replaced (when
    the input escapes a surrogate), the schema check (the ``validate`` option)."""

    __slots__ = ("constants", "surrogates", "validate")

    def __init__(self, constants: bool, surrogates: bool, validate: bool) -> None:
        self.constants = constants
        self.surrogates = surrogates
        self.validate = validate


def _record(item: dict[str, Any], label: str, line: int | None, check: _Checks, ctx: ReadContext) -> Record:
    if check.constants:
        item = _without_constants(item, label, line, ctx)
    if check.surrogates:
        item, n = without_surrogates(item)
        if n:
            ctx.warn(line, f"{label}: {n} string(s) with a lone surrogate (an escape such as \\ud800 that is half of "
                           "a character): replaced with U+FFFD")  # fmt: skip
    if check.validate:
        errors = validation_errors(item)
        if errors:
            ctx.problem(line, f"{label}: not valid CSL-JSON: " + "; ".join(errors[:5]))
    return Record.from_csl(item, source=ctx.where(line))


def _constants(value: Any) -> list[str]:
    """The NaN and Infinity in a parsed value, as written."""
    if isinstance(value, NotANumber):
        return [value.text]
    if isinstance(value, list):
        return [c for v in value for c in _constants(v)]
    if isinstance(value, dict):
        return [c for v in value.values() for c in _constants(v)]
    return []


def _without_constants(item: dict[str, Any], label: str, line: int | None, ctx: ReadContext) -> dict[str, Any]:
    """The item without the variables that hold NaN or Infinity, each reported (an error: the value is lost)."""
    out = item
    for key, value in item.items():
        found = _constants(value)
        if found:
            out = {k: v for k, v in out.items() if k != key}
            ctx.problem(line, f"{label}: {key} holds {', '.join(dict.fromkeys(found))}, not a JSON number; "
                              "the value is left out")  # fmt: skip
    return out
