"""RefWorks tagged format: the writer (``docs/formats/refworks.md``).

What RefWorks and Zotero write: ``RT`` first, then the tags in the order of RefWorks' tag legend, one person an
``A1``/``A2`` ... line as ``Family, Given``, ``SP``/``OP`` for a page range, ``YR`` + ``FD`` for a date, one blank
line between records. A record read from RefWorks keeps its own tags (a file's ``WT`` or ``JF`` stays) and its
extras (``SR``, ``AD``, ``CL`` ...). What the format cannot hold travels in ``NO`` notes the reader turns back into
data (``[csl:VAR] value``, ``[csl:VAR=json] <json>``, ``[format:key] value``), so ``read(write(r)) == r`` with
``lossless=True``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

from ...context import WriteContext
from ...model import Date, Extra, Name, Record
from ..carriers import CARRIER, carrier_key, custom_what, exact_date, format_date, json_carrier, parse_date
from ..tagged import MONTH_NAMES, write_records
from .map import CSL_TO_TYPE, FONT_MARKER, FONT_MARKS, KNOWN_TAGS, LIST_TAGS, NAME_TAGS, SINGLE_TAGS, TAG_ORDER
from .read import (
    NAME,
    canonical_tag,
    date_of,
    is_isbn,
    pages_of,
    parse_name,
    read_date_text,
    slot,
    tag_of,
    type_of,
    unmark,
)

_RANK = {tag: i for i, tag in enumerate(TAG_ORDER)}
_VAR_TAG: dict[str, str] = {var: tag for tag, var in NAME_TAGS.items()}
_VAR_TAG.update({"keyword": "K1", "URL": "UL", "note": "NO", "ISSN": "SN", "ISBN": "SN"})
#: Single-valued variables the writer puts in a tag, in the order it looks at them.
_SINGLE_VARS = tuple(dict.fromkeys(SINGLE_TAGS.values()))
_MARK_TAG = re.compile(r"<(/?)(b|i|sup|sub)>")
_MARK_NUMBER = {tag: i for i, tag in enumerate(FONT_MARKS) if tag}
_PAGE_SPLIT = re.compile(r"([^-]+)-(.+)")


def _mark(text: str) -> str:
    """CSL's ``<i>``, ``<b>``, ``<sup>``, ``<sub>`` as RefWorks' font markers (the reader turns them back)."""
    if "<" not in text:
        return text
    return _MARK_TAG.sub(lambda m: f"{'1' if m.group(1) else '0'}{FONT_MARKER}{_MARK_NUMBER[m.group(2)]}", text)


def laid_out(value: str) -> bool:
    """A value the reader gives back as is from a tag line and its continuation lines (blank lines inside are
    kept, a continuation line must not look like a tag)."""
    if not value or value != value.strip() or "\r" in value or "\x00" in value or "\n\ufeff" in value:
        return False  # a carriage return ends a line; NUL bytes and a line's leading BOM are not read as data
    lines = value.split("\n")
    return all(ln == ln.rstrip() for ln in lines) and not any(tag_of(ln) is not None for ln in lines[1:] if ln)


def text_for(value: Any, one_line: bool = False) -> str | None:
    """The text a tag holds for a value (rich-text marks as font markers), or None when the reader would not give
    the value back from it."""
    if not isinstance(value, str) or FONT_MARKER in value:
        return None
    text = _mark(value)
    if not laid_out(text) or one_line and "\n" in text:
        return None
    return text


def render_name(name: Name) -> str:
    """``Family, Given[, Suffix]``; a body's name as written."""
    return name.literal if name.literal else name.inverted()


class _Writer:
    """The lines of one record."""

    def __init__(self, rec: Record, ctx: WriteContext) -> None:
        self.rec, self.ctx = rec, ctx
        self.entries: list[tuple[str, str]] = []  # (tag, value) of the variables, sorted by tag at the end
        self.written: dict[str, str] = {}  # tag -> the first value written under it
        self.carriers: list[str] = []

    # -- helpers ---------------------------------------------------------------------------------
    def add(self, tag: str, value: str) -> None:
        self.entries.append((tag, value))
        self.written.setdefault(tag, value)

    def carry(self, what: str, text: str, own: bool = False) -> None:
        if self.ctx.carry(what, "NO notes", own=own):
            self.carriers.append(text)

    def carry_var(self, var: str, value: Any) -> None:
        self.carry(f"CSL {var}", carrier_text("csl", var, value))

    # -- the record ------------------------------------------------------------------------------
    def lines(self) -> list[str]:
        rec = self.rec
        ty = CSL_TO_TYPE.get(rec.type, "Generic")
        hint = rec.keys.get("type", "")
        if hint.startswith(NAME + ":"):
            own = hint[len(NAME) + 1 :]
            if type_of(own) == rec.type and text_for(own, one_line=True) == own:
                ty = own
        if type_of(ty) != rec.type:
            self.carry_var("type", rec.type)
        if rec.id is not None:
            text = text_for(rec.id, one_line=True)
            if text is not None:
                self.add("ID", text)
            else:
                self.carry_var("id", rec.id)
        done = {"page", "number-of-pages", "issued", "accessed", "note"}
        for var in NAME_TAGS.values():
            if var in rec:
                done.add(var)
                self.names(var, _VAR_TAG[var], rec[var])
        for var in _SINGLE_VARS:
            if var in rec:
                done.add(var)
                self.single(var, rec[var])
        if "issued" in rec:
            self.issued(rec["issued"])
        if "accessed" in rec:
            self.accessed(rec["accessed"])
        if "page" in rec or "number-of-pages" in rec:
            self.pages()
        for var in ("keyword", "URL", "ISSN", "ISBN"):
            if var in rec:
                done.add(var)
                self.listed(var, rec[var])
        if "note" in rec:
            self.notes(rec["note"])
        for var, value in rec.items():
            if var not in done:
                self.carry_var(var, value)
        if rec.custom:
            note = "[csl:custom] " + json.dumps(rec.custom, ensure_ascii=False, sort_keys=True)
            self.carry(custom_what(rec.custom), note)
        inline, late = self.extras()
        body = sorted(self.entries + inline, key=lambda e: _RANK.get(e[0], len(_RANK)))
        out = [f"RT {ty}"]
        out += [_line(tag, value) for tag, value in body + late]
        out += [_line("NO", c) for c in self.carriers]
        return out

    # -- variables -------------------------------------------------------------------------------
    def names(self, var: str, tag: str, names: list[Name]) -> None:
        exact = True
        for name in names:  # what RefWorks can show; when one is not exact, the names come back from a note
            text = text_for(render_name(name), one_line=True)
            if text is not None and parse_name(unmark(text)) == name:
                self.add(tag, text)
            else:
                exact = False
        if not exact:
            self.carry_var(var, names)

    def tag_for(self, var: str) -> str | None:
        """The tag of a single-valued variable: the file's own (``rec.keys``) where the reader takes it back."""
        rec = self.rec
        hint = rec.keys.get(var, "")
        if hint.startswith(NAME + ":") and slot(hint[len(NAME) + 1 :], rec.type) == var:
            return hint[len(NAME) + 1 :]
        return canonical_tag(var, rec.type)

    def single(self, var: str, value: Any) -> None:
        tag = self.tag_for(var)
        text = text_for(str(value) if type(value) in (int, float) else value)
        if tag is not None and text is not None and tag not in self.written:
            self.add(tag, text)
            if unmark(text) == value:
                return
        self.carry_var(var, value)  # replaces what the tag says, if it was written

    def issued(self, d: Any) -> None:
        pair = date_lines(d) if isinstance(d, Date) else None
        if pair is None:
            year = d.parts[0][0] if isinstance(d, Date) and d.parts and d.parts[0] else None
            if isinstance(year, int) and 0 <= year <= 9999:  # RefWorks still gets the year; the date is in a note
                self.add("YR", f"{year:04d}")
            self.carry_var("issued", d)
            return
        self.add("YR", pair[0])
        if pair[1] is not None:
            self.add("FD", pair[1])

    def accessed(self, d: Any) -> None:
        text = format_date(d) if isinstance(d, Date) and exact_date(d) else None
        if text is not None and text_for(text, one_line=True) == text and rd_date(text) == d:
            self.add("RD", text)
        else:
            self.carry_var("accessed", d)

    def pages(self) -> None:
        rec = self.rec
        page, count = rec.get("page"), rec.get("number-of-pages")
        sp = op = None
        if page is not None:
            text = text_for(page, one_line=True)
            m = _PAGE_SPLIT.fullmatch(text) if text is not None else None
            if m and pages_of(m.group(1), m.group(2), rec.type) == ("page", page, True):
                sp, op = m.group(1), m.group(2)
            elif text is not None and pages_of(text, None, rec.type)[:2] == ("page", page):
                sp = text
            else:
                self.carry_var("page", page)
        if count is not None:
            text = text_for(count, one_line=True)
            if sp is None and text is not None and pages_of(text, None, rec.type)[:2] == ("number-of-pages", count):
                sp = text
            else:
                self.carry_var("number-of-pages", count)
        if sp is not None:
            self.add("SP", sp)
        if op is not None:
            self.add("OP", op)

    def listed(self, var: str, values: list[Any]) -> None:
        tag = "LK" if var == "URL" and self.rec.keys.get("URL") == f"{NAME}:LK" else _VAR_TAG[var]
        texts = [text_for(v, one_line=True) for v in values]
        good = all(t is not None for t in texts)
        if good and var == "keyword":
            good = not any(";" in str(t) for t in texts)
        if good and var in ("ISSN", "ISBN"):
            good = all(is_isbn(str(t)) == (var == "ISBN") for t in texts)
        if good:
            for t in texts:
                self.add(tag, str(t))
        else:
            self.carry_var(var, values)

    def notes(self, values: list[Any]) -> None:
        texts = [text_for(v) for v in values]
        if all(t is not None and not CARRIER.fullmatch(t) for t in texts):
            for t in texts:
                self.add("NO", str(t))
        else:
            self.carry_var("note", values)

    # -- extras ----------------------------------------------------------------------------------
    def extras(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """``(inline, late)``: the record's own extras to put in their places among the tags (when each is under a
        tag the reader maps to nothing, in RefWorks' order already, and before any extra of another format), else
        after the tags, in order: once one has to be carried in a note, the later ones are too, so that their
        order is kept. Extras of other formats are carried."""
        extras = self.rec.extra
        k = next((i for i, e in enumerate(extras) if e.format != NAME), len(extras))
        ranks = [_RANK.get(e.key, len(_RANK)) for e in extras[:k]]
        if k and ranks == sorted(ranks) and all(_is_plain_extra(e) for e in extras[:k]):
            for e in extras[k:]:
                self.carry(f"{e.format} {e.key}", extra_text(e), own=e.format == NAME)
            return [(e.key, e.value) for e in extras[:k]], []
        late: list[tuple[str, str]] = []
        seen = dict(self.written)
        carrying = False
        for e in extras:
            if not carrying and e.format == NAME and self.fits(e, seen):
                late.append((e.key, e.value))
                seen.setdefault(e.key, e.value)
                continue
            carrying = True
            self.carry(f"{e.format} {e.key}", extra_text(e), own=e.format == NAME)
        return [], late

    def fits(self, e: Extra, seen: dict[str, str]) -> bool:
        """Does this extra of the format go back under its tag, after the tags, and come back as this extra?"""
        tag, value = e.key, e.value
        if not isinstance(value, str) or not _tag_shaped(tag):
            return False
        if value == "":
            return tag in KNOWN_TAGS
        if not laid_out(value) or tag in NAME_TAGS or tag in LIST_TAGS:
            return False
        if tag in ("ID", "YR", "SP", "RD"):
            return tag in seen
        if tag == "FD":
            return "FD" in seen or not date_of(seen.get("YR"), value)[1]
        if tag == "OP":
            return "OP" in seen or "SP" not in seen or "-" in seen["SP"]
        var = slot(tag, self.rec.type)
        if var is not None:
            return any(slot(t, self.rec.type) == var for t in seen)
        return True


def _tag_shaped(tag: str) -> bool:
    return tag != "RT" and tag_of(f"{tag} x") == (tag, "x")


def _is_plain_extra(e: Extra) -> bool:
    """An extra under a tag the reader maps to nothing, whose value reads back as written."""
    if not isinstance(e.value, str) or not _tag_shaped(e.key) or e.key in _MAPPED:
        return False
    return e.key in KNOWN_TAGS if e.value == "" else laid_out(e.value)


_MAPPED = frozenset(NAME_TAGS) | frozenset(LIST_TAGS) | frozenset(SINGLE_TAGS) | {"ID", "YR", "FD", "SP", "OP", "RD"}


def _line(tag: str, value: str) -> str:
    return f"{tag} {value}" if value else tag


def rd_date(text: str) -> Date:
    """``RD`` as the reader reads it."""
    d = parse_date(text)
    return d if d.parts else read_date_text(text)


def date_lines(d: Date) -> tuple[str, str | None] | None:
    """``YR`` and ``FD`` for a date they hold exactly, else None."""
    if d.season is not None or d.circa is not None or d.literal or len(d.parts) > 1:
        return None
    if not d.parts:
        pair: tuple[str, str | None] = (d.raw, None)
    elif d.raw:
        return None
    else:
        nums = [p for p in d.parts[0] if isinstance(p, int)]
        if len(nums) != len(d.parts[0]) or not nums:
            return None
        y, *md = nums
        text = f"{y:04d}"
        if md and 1 <= md[0] <= 12:
            pair = (text, MONTH_NAMES[md[0] - 1][:3] + (f" {md[1]}" if len(md) > 1 else ""))
        elif md:
            return None
        else:
            pair = (text, None)
    if not all(text_for(t, one_line=True) == t for t in pair if t is not None):
        return None
    return pair if date_of(*pair) == (d, pair[1] is not None) else None


def carrier_text(ns: str, key: str, value: Any) -> str:
    """``[ns:key] value``, or ``[ns:key=json] <json>`` for what is not one line of text."""
    if isinstance(value, str) and value and laid_out(value) and "\n" not in value:
        return f"[{ns}:{key}] {value}"
    return json_carrier(ns, key, value)


def extra_text(e: Extra) -> str:
    """The note that carries an extra: ``[format:key] value``; ``[csl:extra=json] [format, key, value]`` when the
    format or the key cannot be written in a carrier's brackets."""
    return carrier_text(*carrier_key(e))


def write(records: Iterable[Record], out: TextIO, ctx: WriteContext) -> None:
    """Write records as RefWorks tagged text, one blank line between records."""
    write_records(records, out, ctx, lambda rec, ctx: "\n".join(_Writer(rec, ctx).lines()))
