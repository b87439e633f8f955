"""The EPPI-Reviewer JSON reader (see ``docs/formats/eppi.md``).

The export is one object, ``{"CodeSets": [...], "References": [...]}``. The reader walks it with the standard
library's decoder one value at a time: each reference is decoded on its own, so its line is known (problems and
``Record.source`` name it) and a damaged or cut file keeps the references before the damage. The code sets are
read first when they come first (they do) and name the codes of each reference; when they come after the
references, the references wait for them.

Quirks handled:

- ``Authors`` is one string, ``"Dal-Ré Rafael ; Ayuso C ; "``: ``;``-separated, family name first without a comma,
  a trailing separator; read with :func:`msccite.names.family_first_words`;
- ``Keywords`` is one keyword a line (CR LF, LF or CR); CR LF and CR in any text become LF;
- ``StandardNumber`` holds an ISSN, an ISBN, or what an import left (``WOS:000511663100014 ER``);
- ``Year`` + ``Month`` (``"March"``, ``"Mar"``, ``"3"``) are ``issued``; a month that is not one stays raw;
- ``Codes`` are the reviewers' codes: one extra each, named from the code sets.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ...context import ReadContext
from ...model import Date, Extra, Record, small_int
from ...names import family_first_words as family_first
from ...normalization.identifiers import clean_isbn, clean_issn
from ...textio import join_lines
from ..carriers import LONE_ESCAPE, json_decoder, without_surrogates
from .map import (
    CODE_ID,
    CODE_NAME,
    CODE_QUOTES,
    CODE_TEXT,
    CODES,
    COUNTRY,
    DEFAULT_TYPE,
    INSTITUTION,
    INSTITUTION_TYPES,
    LINE_LIST_FIELDS,
    LIST_FIELDS,
    MONTH,
    MONTHS,
    NAME_FIELDS,
    SEASONS,
    STANDARD_NUMBER,
    TEXT_FIELDS,
    TYPE_NAME,
    TYPES,
    YEAR,
)

NAME = "eppi"
ALIASES = ("eppi-reviewer", "eppi-json")
EXTENSIONS: tuple[str, ...] = ()  # .json is CSL-JSON's; the content tells them apart
DESCRIPTION = 'EPPI-Reviewer JSON export ({"CodeSets": [...], "References": [...]}), with the reviewers\' codes'
WHOLE_FILE = True
LINE_PIECES = True  # lines mean nothing in JSON: a long one comes in pieces, never cut

_SPACE = re.compile(r"[ \t\r\n]*")
_LINE_ENDS = re.compile(r"\r\n?")
_KEYWORD_SPLIT = re.compile(r"\r\n|\r|\n")
_PMID_NUMBER = re.compile(r"(?:MEDLINE|PUBMED|PMID)\s*:\s*(\d{1,9})", re.IGNORECASE)
_FIRST_KEY = re.compile(r"\{\s*\"References\"\s*:")
_CODESETS = re.compile(r"\"CodeSets\"\s*:\s*\[")
_REFERENCES = re.compile(r"\"References\"\s*:\s*\[")


# -- detection ------------------------------------------------------------------------------------
def detect(sample: str) -> float:
    """An object with a ``"CodeSets": [`` key near its start, or ``"References": [`` with an ``"ItemId"`` in the
    sample: 0.95 (the code sets may fill the whole sample); ``"References"`` alone first: 0.5."""
    text = sample.lstrip("\ufeff \t\r\n")
    if not text.startswith("{"):
        return 0.0
    if _CODESETS.search(text, 0, 4096) or (_REFERENCES.search(text) and '"ItemId"' in text):
        return 0.95
    return 0.5 if _FIRST_KEY.match(text) else 0.0


# -- walking the JSON -----------------------------------------------------------------------------
class _Damage(Exception):
    """The JSON stops being what it should be at ``pos``."""

    def __init__(self, pos: int, message: str) -> None:
        super().__init__(message)
        self.pos = pos
        self.message = message


class _Export:
    """What the walk found: the code sets, the references with the offset each starts at, other top-level keys."""

    def __init__(self) -> None:
        self.codesets: Any = None
        self.references: list[tuple[Any, int]] = []
        self.has_references = False
        self.other: list[tuple[str, Any]] = []


def _space(text: str, pos: int) -> int:
    return _SPACE.match(text, pos).end()  # type: ignore[union-attr]


def _walk(text: str, decoder: json.JSONDecoder, out: _Export) -> None:
    """Fill ``out`` from the top-level object; raises :class:`_Damage` or :class:`json.JSONDecodeError` where the
    JSON goes wrong (``out`` keeps what came before)."""
    pos = _space(text, 0)
    if not text.startswith("{", pos):
        what = (
            "an array" if text.startswith("[", pos) else "nothing" if pos >= len(text) else repr(text[pos : pos + 20])
        )
        raise _Damage(pos, f"expected an EPPI-Reviewer export, an object {{\"CodeSets\": ..., \"References\": [...]}}, "
                           f"found {what}")  # fmt: skip
    pos = _space(text, pos + 1)
    if text.startswith("}", pos):
        return
    while True:
        if not text.startswith('"', pos):
            raise _Damage(pos, "expected a key in double quotes")
        key, pos = decoder.raw_decode(text, pos)
        pos = _space(text, pos)
        if not text.startswith(":", pos):
            raise _Damage(pos, "expected ':' after the key")
        pos = _space(text, pos + 1)
        if key == "References" and text.startswith("[", pos):
            out.has_references = True
            pos = _references(text, pos, decoder, out)
        else:
            value, pos = decoder.raw_decode(text, pos)
            if key == "CodeSets":
                out.codesets = value
            elif key == "References":
                raise _Damage(pos, f"References is not an array but {type(value).__name__}")
            else:
                out.other.append((key, value))
        pos = _space(text, pos)
        if text.startswith(",", pos):
            pos = _space(text, pos + 1)
            continue
        if text.startswith("}", pos):
            pos = _space(text, pos + 1)
            break
        raise _Damage(pos, "expected ',' or '}' after a value")
    if pos < len(text):
        raise _Damage(pos, "extra data after the export object")


def _references(text: str, pos: int, decoder: json.JSONDecoder, out: _Export) -> int:
    pos = _space(text, pos + 1)
    if text.startswith("]", pos):
        return pos + 1
    while True:
        start = pos
        item, pos = decoder.raw_decode(text, pos)
        out.references.append((item, start))
        pos = _space(text, pos)
        if text.startswith(",", pos):
            pos = _space(text, pos + 1)
            continue
        if text.startswith("]", pos):
            return pos + 1
        raise _Damage(pos, "expected ',' or ']' after a reference")


class _Lines:
    """Line numbers of offsets in increasing order (one pass over the text in all)."""

    def __init__(self, text: str, first: int) -> None:
        self.text, self.pos, self.line = text, 0, first

    def at(self, pos: int) -> int:
        if pos < self.pos:  # not in order: counted from the start
            self.pos, self.line = 0, self.line - self.text.count("\n", 0, self.pos)
        self.line += self.text.count("\n", self.pos, pos)
        self.pos = pos
        return self.line


# -- reading --------------------------------------------------------------------------------------
def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    text = join_lines(lines)
    decoder = json_decoder(lambda name: name)  # NaN, Infinity: no field holds a number; kept as their text
    out = _Export()
    where = _Lines(text, ctx.first_line)
    try:
        _walk(text, decoder, out)
    except json.JSONDecodeError as exc:
        line = ctx.first_line + exc.lineno - 1
        ctx.problem(line, f"not valid JSON: {exc.msg} (column {exc.colno}){_kept(out)}")
    except _Damage as exc:
        line = ctx.first_line + text.count("\n", 0, exc.pos)
        column = exc.pos - (text.rfind("\n", 0, exc.pos) + 1) + 1
        ctx.problem(line, f"not an EPPI-Reviewer export: {exc.message} (column {column}){_kept(out)}")
    except RecursionError:
        ctx.problem(ctx.first_line, "JSON nested too deeply to be an EPPI-Reviewer export")
        return
    else:
        if not out.has_references:
            ctx.problem(ctx.first_line, 'an object without "References": not an EPPI-Reviewer export, no records')
    if out.other:
        keys = ", ".join(k for k, _ in out.other[:5]) + (" ..." if len(out.other) > 5 else "")
        ctx.warn(ctx.first_line, f"top-level key(s) beside CodeSets and References, of no reference: {keys}; not read")
    surrogates = LONE_ESCAPE.search(text) is not None
    lines_of = [where.at(start) for _, start in out.references]
    del text, where
    codes = _Codes(out.codesets, ctx)
    for i, ((item, _start), line) in enumerate(zip(out.references, lines_of, strict=True), 1):
        if not isinstance(item, dict):
            ctx.problem(line, f"reference {i}: expected an object, found {type(item).__name__}; skipped")
            continue
        if surrogates:
            item, n = without_surrogates(item)
            if n:
                ctx.warn(line, f"reference {i}: {n} string(s) with a lone surrogate (an escape such as \\ud800 that "
                               "is half of a character): replaced with U+FFFD")  # fmt: skip
        if (rec := ctx.build(line, _record, item, line, codes, ctx)) is not None:
            yield rec
    codes.report(ctx)


def _kept(out: _Export) -> str:
    n = len(out.references)
    return f"; the {n} complete reference(s) before it are kept" if n else ""


# -- codes ----------------------------------------------------------------------------------------
class _Codes:
    """The code sets as ``AttributeId -> "Set > Parent > Name"``, and the ids no code set names."""

    def __init__(self, codesets: Any, ctx: ReadContext) -> None:
        self.names: dict[str, str] = {}
        self.unknown: dict[str, int] = {}  # id -> line of the first reference with it
        if codesets is None:
            return
        if not isinstance(codesets, list):
            ctx.warn(ctx.first_line, f"CodeSets is not an array but {type(codesets).__name__}; codes are not named")
            return
        for cs in codesets:
            if isinstance(cs, dict):
                set_name = _text(cs.get("SetName"))
                self._walk(cs.get("Attributes"), [set_name] if set_name else [])

    def _walk(self, attributes: Any, path: list[str]) -> None:
        items = attributes.get("AttributesList") if isinstance(attributes, dict) else attributes
        if not isinstance(items, list):
            return
        for a in items:
            if not isinstance(a, dict):
                continue
            name = _text(a.get(CODE_NAME))
            here = [*path, name] if name else path
            if a.get(CODE_ID) is not None:
                self.names.setdefault(_text(a.get(CODE_ID)), " > ".join(here))
            self._walk(a.get("Attributes"), here)

    def label(self, code: dict[str, Any], line: int | None) -> str:
        aid = _text(code.get(CODE_ID))
        name = self.names.get(aid) or _text(code.get(CODE_NAME))
        if not name:
            self.unknown.setdefault(aid, line or 0)
            return f"[not in CodeSets] ({aid})"
        return f"{name} ({aid})" if aid else name

    def report(self, ctx: ReadContext) -> None:
        if self.unknown:
            ids = sorted(self.unknown, key=self.unknown.__getitem__)
            shown = ", ".join(ids[:5]) + (f" and {len(ids) - 5} more" if len(ids) > 5 else "")
            line = self.unknown[ids[0]] or None
            ctx.warn(line, f"{len(ids)} code(s) not named in CodeSets, kept by their AttributeId: {shown}")


# -- one reference --------------------------------------------------------------------------------
def _text(value: Any) -> str:
    """A JSON value as text: strings with their line ends as LF, numbers as written, objects as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _LINE_ENDS.sub("\n", value) if "\r" in value else value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {} or (isinstance(value, str) and not value.strip())


def _record(item: dict[str, Any], line: int | None, codes: _Codes, ctx: ReadContext) -> Record:
    type_name = _text(item.get(TYPE_NAME)).strip()
    rec = Record(TYPES.get(type_name, DEFAULT_TYPE), source=ctx.where(line))
    if type_name:
        rec.keys["type"] = f"{NAME}:{type_name}"
    extras: list[Extra] = []
    for key, raw in item.items():
        if _empty(raw):
            continue
        if key == CODES:
            _codes(raw, line, codes, extras)
            continue
        value = _text(raw).strip()
        if key in TEXT_FIELDS:
            rec[TEXT_FIELDS[key]] = value
        elif key in NAME_FIELDS:
            for part in value.split(";"):
                if part.strip():
                    rec.add(NAME_FIELDS[key], family_first(part))
        elif key in LINE_LIST_FIELDS:
            for part in _KEYWORD_SPLIT.split(value):
                rec.add(LINE_LIST_FIELDS[key], part.strip())
        elif key in LIST_FIELDS:
            rec.add(LIST_FIELDS[key], value)
        elif key == STANDARD_NUMBER:
            _standard_number(rec, value, extras)
        elif key in (YEAR, MONTH):
            continue  # read together below
        elif key == TYPE_NAME:
            if type_name not in TYPES:
                extras.append(Extra(NAME, key, value))
        elif key == INSTITUTION and rec.type in INSTITUTION_TYPES and not _text(item.get("Publisher")).strip():
            rec["publisher"] = value
            rec.keys["publisher"] = f"{NAME}:{INSTITUTION}"
        elif key == COUNTRY and not _text(item.get("City")).strip():
            rec["publisher-place"] = value
            rec.keys["publisher-place"] = f"{NAME}:{COUNTRY}"
        else:
            extras.append(Extra(NAME, key, value))
    _issued(rec, _text(item.get(YEAR)).strip(), _text(item.get(MONTH)).strip(), extras)
    rec.extra = extras
    return rec


def _standard_number(rec: Record, value: str, extras: list[Extra]) -> None:
    for part in (p.strip() for p in value.split(";")):
        if not part:
            continue
        m = _PMID_NUMBER.fullmatch(part)
        if clean_issn(part) is not None:
            rec.add("ISSN", part)  # kept with its "(Linking)", "(ISSN)": normalization reads them
        elif clean_isbn(part) is not None and len(re.sub(r"[^0-9Xx]", "", part)) in (10, 13):
            rec.add("ISBN", part)
        elif m is not None and "PMID" not in rec:
            rec["PMID"] = m.group(1)
            rec.keys["PMID"] = f"{NAME}:{STANDARD_NUMBER}"
        else:
            extras.append(Extra(NAME, STANDARD_NUMBER, part))


def _issued(rec: Record, year_text: str, month_text: str, extras: list[Extra]) -> None:
    if not year_text:
        if month_text:
            extras.append(Extra(NAME, MONTH, month_text))
        return
    year = small_int(year_text, 4) if len(year_text) == 4 else None
    if year is None:
        rec["issued"] = Date(raw=f"{month_text} {year_text}".strip())
        return
    if not month_text:
        rec["issued"] = Date.of(year)
        return
    words = month_text.replace(".", " ").replace(",", " ").split()
    first = words[0].lower() if words else ""
    number = small_int(first, 2)
    month = MONTHS.get(first) or (number if number is not None and 1 <= number <= 12 else None)
    day = small_int(words[1], 2) if len(words) == 2 else None
    if month is not None and len(words) == 1:
        rec["issued"] = Date.of(year, month)
    elif month is not None and day is not None and 1 <= day <= 31:
        rec["issued"] = Date.of(year, month, day)
    elif first in SEASONS and len(words) == 1:
        rec["issued"] = Date(parts=((year,),), season=SEASONS[first])
    else:
        rec["issued"] = Date(parts=((year,),), raw=f"{month_text} {year_text}")


def _codes(raw: Any, line: int | None, codes: _Codes, extras: list[Extra]) -> None:
    if not isinstance(raw, list):
        extras.append(Extra(NAME, CODES, _text(raw)))
        return
    for code in raw:
        if not isinstance(code, dict):
            extras.append(Extra(NAME, "Code", _text(code)))
            continue
        aid = _text(code.get(CODE_ID))
        extras.append(Extra(NAME, "Code", codes.label(code, line)))
        for key, value in code.items():
            if key in (CODE_ID, CODE_NAME) or _empty(value) or value == 0:
                continue
            if key == CODE_QUOTES and isinstance(value, list):
                for q in value:
                    extras.append(Extra(NAME, f"CodeQuote@{aid}", _quote(q)))
            else:
                extras.append(Extra(NAME, f"{CODE_TEXT.get(key, 'Code' + key)}@{aid}", _text(value).strip()))


def _quote(q: Any) -> str:
    if not isinstance(q, dict):
        return _text(q)
    text = _text(q.get("Text")).strip()
    doc = _text(q.get("DocTitle")).strip()
    arm = _text(q.get("ItemArm")).strip()
    out = f"{doc}: {text}" if doc else text
    return f"{out} [{arm}]" if arm else out
