"""The EndNote tagged writer (the format's surface is the package, :mod:`msccite.formats.endnote`)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

from ...context import WriteContext
from ...model import DATE_SET, LIST_VARIABLES, NAME_SET, Date, Extra, Name, Record
from ..carriers import CARRIER as _CARRIER
from ..carriers import custom_what, json_carrier
from ..tagged import MONTH_NAMES, is_isbn, write_records
from .map import (
    CSL_TO_TYPE,
    DATE_TAGS,
    LIST_TAGS,
    NAME_TAGS,
    NUMBER_TYPES,
    SINGLE_TAGS,
    TYPE_TO_CSL,
    VALUE_TAGS,
    WRITE_ORDER,
)
from .read import _TAG, NAME, _container_tag, _date_of, _iso_date, _slot, _value_slot, parse_name


# -- dates ----------------------------------------------------------------------------------------
def _date_lines(d: Date) -> tuple[str, str | None] | None:
    """``%D`` and ``%8`` text for a date, or None when they would not read back as the same date."""
    if d.season is not None or d.circa is not None or d.literal or len(d.parts) > 1:
        return None
    if not d.parts:
        pair: tuple[str, str | None] = (d.raw, None)
    elif d.raw:
        pair = (str(d.parts[0][0]), d.raw) if len(d.parts[0]) == 1 else ("", None)
    else:
        y, *md = d.parts[0]
        if md and isinstance(md[0], int) and 1 <= md[0] <= 12:
            pair = (str(y), MONTH_NAMES[md[0] - 1][:3] + (f" {md[1]}" if len(md) > 1 else ""))
        else:
            pair = (str(y), None)
    if not all(_safe(t) and "\n" not in t for t in pair if t is not None):
        return None
    return pair if _date_of(*pair) == (d, pair[1] is not None) else None


def _iso(d: Date) -> str | None:
    if len(d.parts) == 1 and not (d.raw or d.literal or d.season is not None or d.circa is not None):
        p = d.parts[0]
        text = "-".join(f"{x:02d}" if i else str(x) for i, x in enumerate(p) if isinstance(x, int))
        if _iso_date(text) == d:
            return text
    return None


# -- writing --------------------------------------------------------------------------------------
def _safe(value: str) -> bool:
    """A value the reader gives back as is from a tag line and its continuation lines."""
    if not value or value != value.strip() or "\r" in value:
        return False
    lines = value.split("\n")
    return all(ln.strip() and ln == ln.rstrip() for ln in lines) and not any(_TAG.match(ln) for ln in lines[1:])


def render_name(name: Name) -> str:
    """A name as EndNote writes it: ``Family, Given[, Suffix]``, a corporate name as ``Name,``."""
    if name.literal:
        return name.literal.replace(",", ",,") + ","
    return name.inverted()


class _Writer:
    """The lines of one record."""

    def __init__(self, rec: Record, ctx: WriteContext) -> None:
        self.rec, self.ctx = rec, ctx
        self.out: list[str] = []
        self.tags: set[str] = set()
        self.carriers: list[str] = []

    def line(self, tag: str, value: str) -> None:
        self.out.append(f"{tag} {value}" if value else tag)
        self.tags.add(tag)

    def carry(self, what: str, text: str, own: bool = False) -> None:
        if self.ctx.carry(what, "%Z notes", own=own):
            self.carriers.append(text)

    def carry_var(self, var: str, value: Any) -> None:
        self.carry(f"CSL {var}", _carrier_text("csl", var, value))

    def lines(self) -> list[str]:
        rec = self.rec
        hint = rec.keys.get("type", "")
        ty = CSL_TO_TYPE.get(rec.type, "Generic")
        if hint.startswith("endnote:") and TYPE_TO_CSL.get(hint[8:], "document") == rec.type and _safe(hint[8:]):
            ty = hint[8:]
        self.line("%0", ty)
        if rec.type not in CSL_TO_TYPE and TYPE_TO_CSL.get(ty, "document") != rec.type:
            self.carry_var("type", rec.type)
        if rec.id is not None:
            self.carry_var("id", rec.id)
        done = set()
        for var in WRITE_ORDER:
            if var in rec:
                done.add(var)
                self.variable(var, rec[var])
        for var, value in rec.items():
            if var not in done:
                self.unmapped(var, value)
        if rec.custom:
            note = "[csl:custom] " + json.dumps(rec.custom, ensure_ascii=False, sort_keys=True)
            self.carry(custom_what(rec.custom), note)
        self.extras()
        for text in self.carriers:
            self.line("%Z", text)
        return self.out

    def tag_of(self, var: str) -> str | None:
        if var == "container-title":
            return _container_tag(self.rec)
        if var in ("PMID", "PMCID", "archive_location"):
            value = str(self.rec.get(var))
            tag = "%2" if var == "PMCID" else "%M"
            if var == "PMID" and "archive_location" in self.rec:
                return None  # %M holds the archive location
            return tag if _value_slot(tag, value) == var else None
        if var in ("issue", "number"):
            return "%N" if (var == "number") == (self.rec.type in NUMBER_TYPES) else None
        return _TAG_OF.get(var)

    def variable(self, var: str, value: Any) -> None:
        tag = self.tag_of(var)
        if tag is None:
            self.unmapped(var, value)
        elif var in NAME_SET:
            self.names(var, tag, value)
        elif var == "issued":
            pair = _date_lines(value) if isinstance(value, Date) else None
            if pair is None:
                self.carry_var(var, value)
                return
            self.line("%D", pair[0])
            if pair[1] is not None:
                self.line("%8", pair[1])
        elif var in ("ISSN", "ISBN"):
            if all(isinstance(v, str) and _safe(v) and "\n" not in v and is_isbn(v) == (var == "ISBN")
                   for v in value):  # fmt: skip
                for v in value:
                    self.line("%@", v)
            else:
                self.carry_var(var, value)
        elif var == "note":
            if all(isinstance(v, str) and _safe(v) and not _CARRIER.fullmatch(v) for v in value):
                for v in value:
                    self.line("%Z", v)
            else:
                self.carry_var(var, value)
        elif var in LIST_VARIABLES:
            if all(isinstance(v, str) and _safe(v) and "\n" not in v for v in value):
                for v in value:
                    self.line(tag, v)
            else:
                self.carry_var(var, value)
        else:
            text = value if isinstance(value, str) else str(value) if isinstance(value, int | float) else None
            if text is not None and _safe(text):
                self.line(tag, text)
            if text is None or text != value or not _safe(text):
                self.carry_var(var, value)  # replaces what the tag says, if it was written

    def names(self, var: str, tag: str, names: list[Name]) -> None:
        exact = True
        for name in names:
            text = render_name(name)
            if _safe(text) and "\n" not in text:
                self.line(tag, text)
                exact = exact and parse_name(text) == name
            else:
                exact = False
        if not exact:  # the tags hold what EndNote can show; the exact names come back from the note
            self.carry_var(var, names)

    def unmapped(self, var: str, value: Any) -> None:
        if var in NAME_SET:
            texts = [render_name(n) for n in value]
            if all(_safe(t) and "\n" not in t and parse_name(t) == n for t, n in zip(texts, value, strict=True)):
                for t in texts:
                    self.carry(f"CSL {var}", f"[csl:{var}] {t}")
                return
        elif var in DATE_SET:
            text = _iso(value) if isinstance(value, Date) else None
            if text is not None:
                self.carry(f"CSL {var}", f"[csl:{var}] {text}")
                return
        elif var in LIST_VARIABLES and all(isinstance(v, str) and _safe(v) and "\n" not in v for v in value):
            for v in value:
                self.carry(f"CSL {var}", f"[csl:{var}] {v}")
            return
        self.carry_var(var, value)

    def extras(self) -> None:
        carrying = False  # once one extra is carried, the later ones are too: their order is kept
        for e in self.rec.extra:
            if not carrying and e.format == NAME and self.fits(e):
                self.line(e.key, e.value)
                continue
            carrying = True
            own = e.format == NAME
            if re.fullmatch(r"[a-z][a-z0-9-]*", e.format) and re.fullmatch(r"[^\]\s=]+", e.key):
                self.carry(f"{e.format} {e.key}", _carrier_text(e.format, e.key, e.value), own)
            else:
                self.carry(f"{e.format} {e.key}", _carrier_text("csl", "extra", list(e)), own)

    def fits(self, e: Extra) -> bool:
        """An extra of this format goes back under its tag when the reader will read it as an extra again."""
        tag, value = e.key, e.value
        if not (isinstance(value, str) and len(tag) == 2 and _TAG.fullmatch(tag) and tag != "%0"):
            return False
        if value == "":
            return True
        if not _safe(value):
            return False
        if tag in NAME_TAGS or tag in LIST_TAGS:
            return False
        if tag in VALUE_TAGS:  # read into a variable, unless the value is not of its shape or one came first
            slot = _value_slot(tag, value)
            return slot is None or (slot in self.rec and self.tag_of(slot) == tag)
        if tag in SINGLE_TAGS:  # the reader fills a variable from the first such tag only
            if _slot(tag, self.rec.type) == "container-title":
                return bool({"%J", "%B"} & self.tags)
            return tag in self.tags
        if tag in DATE_TAGS:
            return tag in self.tags
        return True


_TAG_OF: dict[str, str] = {var: tag for tag, var in reversed(list(SINGLE_TAGS.items()))}
_TAG_OF.update({var: tag for tag, var in NAME_TAGS.items()})
_TAG_OF.update({"keyword": "%K", "URL": "%U", "note": "%Z", "ISSN": "%@", "ISBN": "%@", "issued": "%D"})


def _carrier_text(ns: str, key: str, value: Any) -> str:
    if isinstance(value, str) and _safe(value) and "\n" not in value:
        return f"[{ns}:{key}] {value}"
    return json_carrier(ns, key, value)


def write(records: Iterable[Record], out: TextIO, ctx: WriteContext) -> None:
    """Write records as EndNote tagged text, one blank line between records."""
    write_records(records, out, ctx, lambda rec, ctx: "\n".join(_Writer(rec, ctx).lines()))
