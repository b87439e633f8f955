"""Carriers: values a tagged format has no field for, written as ``[namespace:key] value`` note lines.

RIS (``N1``), MEDLINE (``GN``), EndNote tagged (``%Z``) and the key|value dump carry what their
fields cannot hold the same way, so that reading a written file gives back the same record:

- ``[csl:VARIABLE] value`` for a CSL variable (names as ``Family, Given``, dates as ``YYYY/MM/DD/``),
  ``[csl:type] webpage`` for a type, ``[csl:custom] {json}`` for the record's ``custom``;
- ``[format:key] value`` for an extra of another format, ``[format:key=json] <json>`` when its
  value is not a string.

This module also holds the text forms of names and dates these carriers (and RIS) use.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from ..context import ReadContext, WriteContext
from ..lazyre import compile_cached
from ..model import DATE_SET, LIST_VARIABLES, NAME_SET, Date, Extra, Name, Record, small_int
from ..textio import has_surrogates, replace_surrogates

if TYPE_CHECKING:
    import json

__all__ = [
    "CARRIER",
    "parse_name",
    "parse_date",
    "format_date",
    "exact_date",
    "date_carrier",
    "extra_note",
    "read_carrier",
    "apply_carrier",
    "add_note",
    "read_notes",
    "carried",
    "carrier_key",
    "json_carrier",
    "jsonable",
    "custom_what",
    "load_json",
    "json_decoder",
    "without_surrogates",
    "NotANumber",
    "JSON_NUMBER_DIGITS",
]

#: A JSON number of more digits than this is read as its text: no field holds such a number (and Python's
#: int() refuses more than 4,300 digits: ``ValueError``).
JSON_NUMBER_DIGITS = 100
#: A surrogate written as a JSON escape (``\ud800``): perhaps half of a pair, perhaps alone.
LONE_ESCAPE = compile_cached(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


class NotANumber:
    """What ``NaN``, ``Infinity`` and ``-Infinity`` are read as by :func:`json_decoder`'s caller: Python's json
    takes them, JSON has no such numbers (and no JSON writer can write one back)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _json_int(text: str) -> int | str:
    return int(text) if len(text) <= JSON_NUMBER_DIGITS else text


def _json_float(text: str) -> float | str:
    value = float(text)
    return value if math.isfinite(value) else text  # 1e999: beyond a float, kept as written


def json_decoder(constant: Callable[[str], Any]) -> json.JSONDecoder:
    """A JSON decoder for input: a number of more than :data:`JSON_NUMBER_DIGITS` digits, or beyond a float, is
    read as its text; ``NaN`` and ``Infinity`` go to ``constant(name)``."""
    import json  # here and below: a conversion that carries nothing in JSON never imports json (start-up)

    return json.JSONDecoder(parse_int=_json_int, parse_float=_json_float, parse_constant=constant)


def _refuse(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


@cache
def _decoder() -> json.JSONDecoder:
    return json_decoder(_refuse)


def load_json(text: str) -> Any:
    """``json.loads`` for a JSON value read from input: ``NaN`` and ``Infinity`` are refused (``ValueError``, as
    for any text that is not JSON), a number too long to be one is read as its text, and a lone surrogate
    (``"\\ud800"``, which no encoder writes) as U+FFFD."""
    value = _decoder().decode(text)
    if LONE_ESCAPE.search(text):
        value = without_surrogates(value)[0]
    return value


def without_surrogates(value: Any) -> tuple[Any, int]:
    """Parsed JSON with each lone surrogate in its strings (keys too) as U+FFFD, and how many strings had one."""
    count = 0

    def fix(v: Any) -> Any:
        nonlocal count
        if isinstance(v, str):
            if has_surrogates(v):
                count += 1
                return replace_surrogates(v)
            return v
        if isinstance(v, list):
            return [fix(x) for x in v]
        if isinstance(v, dict):
            return {fix(k): fix(x) for k, x in v.items()}
        return v

    return fix(value), count


# [format:key] value; the key may hold inner spaces (a catalogue's "Physical Description"), not "]", "=" or a line end
CARRIER = compile_cached(r"\[([a-z][a-z0-9-]*):([^\]\s=](?:[^\]\s=]|[ \t](?=[^\]\s=]))*)(=json)?\] ?(.*)", re.S)
_DATE = compile_cached(r"(\d{4})(?:[/-](\d{0,2})(?:[/-](\d{0,2})(?:/(.*))?)?)?/?")


def parse_name(text: str) -> Name:
    """``Family, Given[, Suffix]``; a name without a comma is kept whole (literal)."""
    if "," not in text:
        return Name(literal=text)
    family, _, rest = text.partition(",")
    given, _, suffix = rest.partition(",")
    return Name(family=family.strip(), given=given.strip(), suffix=suffix.strip())


def parse_date(text: str) -> Date:
    """``YYYY/MM/DD/other`` (and ``YYYY-MM-DD``) into a :class:`Date`; anything else kept raw."""
    m = _DATE.fullmatch(text.strip())
    if m is None:
        return Date(raw=text)
    year, month, day, other = m.groups()
    parts: tuple[int, ...] = (int(year),)
    if month:
        if not 1 <= int(month) <= 12:
            return Date(raw=text)
        parts += (int(month),)
        if day:
            if not 1 <= int(day) <= 31:
                return Date(raw=text)
            parts += (int(day),)
    elif day:
        return Date(raw=text)
    return Date(parts=(parts,), raw=text if other else "")


def format_date(d: Date, full: bool = True) -> str:
    """The ``YYYY/MM/DD/`` form (``full``) or the year alone; a raw date as it was read."""
    if not d.parts:
        return d.raw or d.literal
    if d.raw and parse_date(d.raw) == d:
        return d.raw
    y, *md = (list(d.parts[0]) + [None, None])[:3]
    if not full or not md[0]:
        return str(y) if not full or not d.parts[0][1:] else f"{y}///"
    month, day = _number(md[0]), None if md[1] is None else _number(md[1])
    if month is None or (md[1] is not None and day is None):  # "spring", or digits no month has (CSL-JSON strings)
        return "/".join(str(x) for x in d.parts[0])  # not a YYYY/MM/DD/ date: exact_date() says so
    return f"{y}/{month:02d}/{'' if day is None else f'{day:02d}'}/"


def _number(part: Any) -> int | None:
    """A date part as a number: an int, or a string of a few digits (CSL-JSON allows ``"12"``)."""
    if isinstance(part, int):
        return part
    return small_int(part) if isinstance(part, str) else None


def exact_date(d: Date) -> bool:
    """The ``YYYY/MM/DD/`` form holds this date exactly (no range, season, circa or literal)."""
    return parse_date(format_date(d)) == d


def date_carrier(var: str, d: Date) -> str:
    """The note that carries a date exactly: ``[csl:issued=json] {"date-parts": ...}``."""
    return json_carrier("csl", var, d)


def json_carrier(ns: str, key: str, value: Any) -> str:
    """``[ns:key=json] <json>``: the note that carries a value exactly (names and dates as CSL-JSON)."""
    import json

    return f"[{ns}:{key}=json] " + json.dumps(jsonable(value), ensure_ascii=False)


def jsonable(value: Any) -> Any:
    """A value as JSON holds it: names and dates as CSL-JSON, lists of them too."""
    if isinstance(value, Date | Name):
        return value.to_csl()
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def read_carrier(rec: Record, text: str, line: int | None, ctx: ReadContext,
                 extras: list[tuple[int, Extra]] | None = None) -> bool:  # fmt: skip
    """Apply a carrier note to ``rec``; False when ``text`` is not one (an ordinary note).

    Extras of other formats go to ``extras`` as ``(line, extra)`` when given (the caller sorts
    them into file order), else straight to ``rec.extra``.
    """
    m = CARRIER.fullmatch(text)
    if m is None:
        return False
    ns, key, is_json, body = m.group(1), m.group(2), bool(m.group(3)), m.group(4)
    try:
        value: Any = load_json(body) if is_json or (ns == "csl" and key == "custom") else body
    except ValueError:
        ctx.problem(line, f"the note [{ns}:{key}] should hold JSON; kept as text")
        value = body
    if ns != "csl":
        if extras is None:
            rec.extra.append(Extra(ns, key, value))
        else:
            extras.append((line or 0, Extra(ns, key, value)))
    elif key == "type":
        rec.type = body
        rec.keys.pop("type", None)
    elif key == "id":
        rec.id = body
    elif key == "custom" and isinstance(value, dict):
        rec.custom.update(value)
    elif key in NAME_SET:
        if is_json and isinstance(value, list):
            rec[key] = [Name.from_csl(n) for n in value]
        else:
            rec.add(key, parse_name(body))
    elif key in DATE_SET:
        rec[key] = Date.from_csl(value) if is_json and isinstance(value, dict) else parse_date(body)
    elif key in LIST_VARIABLES:
        rec.add(key, value)
    else:
        rec[key] = value
    return True


def apply_carrier(rec: Record, m: re.Match[str], line: int, ctx: ReadContext, where: str,
                  extras: list[tuple[int, Extra]], name: Callable[[str], Name] = parse_name,
                  date: Callable[[str], Date] = parse_date) -> None:  # fmt: skip
    """Apply a carrier line (a match of :data:`CARRIER`) as EndNote tagged, RefWorks and Word read theirs: a CSL
    variable (``[csl:VAR=json]`` replaces what the fields said; a name read by ``name``, a date by ``date``), the type,
    id or custom, or an extra, to ``extras`` as ``(line, extra)``. A value not of its variable's shape is warned of
    (``where`` names the field: ``%Z``) and kept as a note."""
    ns, key, is_json, text = m.group(1), m.group(2), bool(m.group(3)), m.group(4)
    try:
        value: Any = load_json(text) if is_json or (ns == "csl" and key == "custom") else text
        if ns != "csl":
            extras.append((line, Extra(ns, key, value)))
        elif key == "type":
            rec.type = str(value)
            rec.keys.pop("type", None)
        elif key == "id":
            rec.id = str(value)
        elif key == "custom":
            rec.custom.update(value)
        elif key == "extra":
            extras.append((line, Extra(*value)))
        elif key in NAME_SET:
            if is_json:
                rec[key] = [Name.from_csl(d) for d in value]
            else:
                rec.add(key, name(text))
        elif key in DATE_SET:
            rec[key] = Date.from_csl(value) if is_json else date(text)
        elif key in LIST_VARIABLES and not is_json:
            rec.add(key, text)
        else:
            rec[key] = value
    except (ValueError, TypeError, AttributeError) as exc:
        ctx.warn(line, f"{where} [{ns}:{key}] could not be read ({exc}); kept as a note")
        rec.add("note", m.group(0))


def add_note(rec: Record, value: str, line: int, carriers: list[tuple[int, re.Match[str]]]) -> None:
    """A note field's value: a carrier line, kept in ``carriers`` to be applied once the fields are read (see
    :func:`apply_carrier`); else a note."""
    m = CARRIER.fullmatch(value)
    if m:
        carriers.append((line, m))
    else:
        rec.add("note", value)


def read_notes(rec: Record, text: str, carrier: Callable[[re.Match[str]], None]) -> None:
    """A notes field of notes (paragraphs, separated by blank lines) and carrier lines, in order: each paragraph a
    note, each carrier line to ``carrier``."""
    paragraph: list[str] = []
    for line in text.split("\n"):
        m = CARRIER.fullmatch(line)
        if m:
            carrier(m)
        elif line.strip():
            paragraph.append(line)
        elif paragraph:
            rec.add("note", "\n".join(paragraph))
            paragraph = []
    if paragraph:
        rec.add("note", "\n".join(paragraph))


def carried(rec: Record, written: Callable[[str], bool], own: str, ctx: WriteContext,
            where: str, *, type_written: bool = True, id_written: bool = True) -> Iterator[str]:  # fmt: skip
    """The carrier notes for what a writer did not write: variables for which ``written(var)``
    is false, the type and id when the format could not hold them, custom, and extras of formats
    other than ``own``. Each is counted in ``ctx``: carried in ``where`` when the conversion is
    lossless, else left out (and no note is made)."""
    if not type_written and ctx.carry("CSL type", where):
        yield f"[csl:type] {rec.type}"
    if not id_written and rec.id is not None and ctx.carry("CSL id", where):
        yield f"[csl:id] {rec.id}"
    for var, value in rec.items():
        if written(var) or not ctx.carry(f"CSL {var}", where):
            continue
        if var in NAME_SET:
            yield from (f"[csl:{var}] {n.inverted()}" for n in value)
        elif var in DATE_SET:
            yield f"[csl:{var}] {format_date(value)}" if exact_date(value) else date_carrier(var, value)
        elif var in LIST_VARIABLES:
            yield from (f"[csl:{var}] {v}" for v in value)
        else:
            yield f"[csl:{var}] {value}"
    if rec.custom and ctx.carry(custom_what(rec.custom), where):
        import json

        yield "[csl:custom] " + json.dumps(rec.custom, ensure_ascii=False, sort_keys=True)
    for e in rec.extra:
        if e.format != own and ctx.carry(f"{e.format} {e.key}", where):
            yield extra_note(e)


def custom_what(custom: dict[str, Any]) -> str:
    """How the report names a record's ``custom``: ``CSL custom (issn-type, trial-registrations)``."""
    return "CSL custom (" + ", ".join(sorted(custom)) + ")"


def carrier_key(e: Extra) -> tuple[str, str, Any]:
    """``(namespace, key, value)`` of the note that carries an extra: its format, key and value; ``csl``, ``extra``
    and ``[format, key, value]`` when the format or the key cannot stand in a carrier's brackets."""
    m = CARRIER.fullmatch(f"[{e.format}:{e.key}] x")
    if m is not None and m.group(1) == e.format and m.group(2) == e.key:
        return e.format, e.key, e.value
    return "csl", "extra", list(e)


def extra_note(e: Extra) -> str:
    """The note that carries one extra: ``[format:key] text``, or ``[format:key=json] <json>``."""
    if isinstance(e.value, str):
        return f"[{e.format}:{e.key}] {e.value}"
    import json

    return f"[{e.format}:{e.key}=json] " + json.dumps(e.value, ensure_ascii=False)
