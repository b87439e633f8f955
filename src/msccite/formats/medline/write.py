"""The MEDLINE writer: what PubMed writes (tag order, lines wrapped as PubMed wraps them), with ``GN`` carriers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, TextIO

from ...context import WriteContext
from ...model import Extra, Record, small_int
from ..carriers import carried, extra_note
from .fields import (
    _DOI_MARK,
    _PII_MARK,
    INDENT,
    _derived_pts,
    _format_dep,
    format_dp,
    full_name,
    is_translated_title,
    short_name,
    type_of,
)
from .map import ORDER_INDEX, PERSON_TAGS, UNKNOWN_RANK, VARIABLE_TAG
from .read import NAME

WIDTH = 87  # PubMed's line width: a word that would pass it starts the next line
_TAG_KEY = re.compile(r"[A-Z][A-Z0-9]{1,3}")


def _keyword_tags(rec: Record, count: int) -> list[str]:
    hint = rec.keys.get("keyword", "")
    if hint.startswith(NAME + ":"):
        tags: list[str] = []
        for run in hint[len(NAME) + 1 :].split(","):
            tag, _, k = run.partition("*")
            tags.extend([tag] * (small_int(k) or 1))
        if len(tags) == count:
            return tags
    return ["OT"] * count


def wrap(tag: str, value: str) -> list[str]:
    """The lines of one value as PubMed writes them: wrapped at word boundaries, each wrapped line
    keeping its space; a line break in the value starts a continuation line of its own."""
    cur = f"{tag:<4}- "
    if len(cur) + len(value) <= WIDTH and "\n" not in value:
        return [cur + value]  # most lines: no wrapping
    out: list[str] = []
    for k, hard in enumerate(value.split("\n")):
        if k:
            out.append(cur)
            cur = INDENT
        first = True
        for word in hard.split(" "):
            if not first and len(cur) + 1 + len(word) > WIDTH:
                out.append(cur + " ")
                cur = INDENT + word
            else:
                cur = cur + word if first else cur + " " + word
            first = False
    out.append(cur)
    return out


class _Lines:
    """The (rank, order, tag, value) lines a record maps to, before extras are merged in."""

    def __init__(self) -> None:
        self.items: list[tuple[float, int, str, str]] = []

    def put(self, tag: str, value: Any, sub: int = 1, rank_tag: str | None = None) -> None:
        self.items.append((_rank(rank_tag or tag), sub, tag, str(value)))


def _rank(tag: str) -> float:
    return ORDER_INDEX.get(tag, UNKNOWN_RANK)


def _extra_rank(e: Extra) -> tuple[float, int]:
    if e.key in PERSON_TAGS:  # an address of no one in particular: before the first person, as it was read
        return _rank("FAU") - 0.5, 0
    sub = 0 if e.key in ("LID", "AID") and str(e.value).endswith("[pii]") else 2
    return _rank(e.key), sub


def _people(rec: Record, var: str, persons: dict[str, list[Extra]], out: _Lines) -> None:
    full, short = ("FAU", "AU") if var == "author" else ("FED", "ED")
    hint = rec.keys.get(var)
    short_only = hint in (f"{NAME}:{short}", f"{NAME}:{short}=full")
    full_form = hint == f"{NAME}:{short}=full"  # AU alone, as "Family, Given" (ERIC)
    prefix = "ed" if var == "editor" else ""
    for i, name in enumerate(rec[var], 1):
        mine = persons.pop(f"{prefix}{i}", [])
        if name.literal:
            out.put(full if var == "editor" else "CN", name.literal, rank_tag=full)  # FED without comma: literal
        else:
            if not short_only:
                out.put(full, full_name(name), rank_tag=full)
            given = [e.value for e in mine if e.key.startswith(short + "@")]
            au = given[0] if given else full_name(name) if full_form else short_name(name)
            out.put(short, au, rank_tag=full)
        for e in mine:
            if not e.key.startswith(short + "@"):
                out.put(e.key.partition("@")[0], e.value, rank_tag=full)


def _record_lines(rec: Record, ctx: WriteContext) -> list[str]:
    out = _Lines()
    written: set[str] = set()
    own: list[Extra] = []  # this format's extras under a tag: merged into the tag order
    persons: dict[str, list[Extra]] = {}  # AD@n, AUID@n, AU@n: written with person n
    odd: list[Extra] = []  # this format's extras no tag line can hold: carried in GN notes
    for e in rec.extra:
        if e.format != NAME:
            continue
        tag, at, who = e.key.partition("@")
        if not isinstance(e.value, str) or not _TAG_KEY.fullmatch(tag) or (at and not who):
            odd.append(e)
        elif at:
            persons.setdefault(who, []).append(e)
        else:
            own.append(e)
    for var in ("author", "editor"):
        if var in rec:
            written.add(var)
            _people(rec, var, persons, out)
    odd.extend(e for group in persons.values() for e in group)  # about people the record does not have
    _fields(rec, out, written)
    pts = [e.value for e in own if e.key == "PT"]
    if not pts:
        pts = _derived_pts(rec.type)
        for pt in pts:
            out.put("PT", pt)
    lines = _merge(sorted(out.items, key=lambda x: (x[0], x[1])), own)
    type_written = type_of(pts) == rec.type
    carriers = list(carried(rec, written.__contains__, NAME, ctx, "GN notes", type_written=type_written,
                            id_written=False))  # fmt: skip
    for e in odd:  # the format's own values: carried whatever the mode, as a same-format round trip must
        if ctx.carry(f"{NAME} {e.key}", "GN notes", own=True):
            carriers.append(extra_note(e))
    text: list[str] = []
    for tag, value in lines:
        text.extend(wrap(tag, value))
    for note in carriers:
        text.extend(wrap("GN", note))
    return text


def _fields(rec: Record, out: _Lines, written: set[str]) -> None:
    for var, value in rec.items():
        tag = _tag_for(rec, var)
        if tag is None:
            continue
        written.add(var)
        if var == "issued":
            out.put("DP", format_dp(value))
        elif var == "available-date":
            out.put("DEP", _format_dep(value))
        elif var == "page" and _page_in_lid(rec, value):
            continue  # read from the LID line (an e-page), which is written back as it was
        elif var == "DOI":
            hint = rec.keys.get("DOI", "")
            tags = hint[len(NAME) + 1 :].split(",") if hint.startswith(NAME + ":") else ["LID", "AID"]
            for t in tags:
                out.put(t, f"{value}{_DOI_MARK}")
        elif var == "keyword":
            for t, v in zip(_keyword_tags(rec, len(value)), value, strict=True):
                out.put(t, v)
        elif isinstance(value, list):
            for v in value:
                out.put(tag, v)
        else:
            out.put(tag, value)


def _page_in_lid(rec: Record, page: Any) -> bool:
    """The page was read from an LID line the record still carries (no PG was written)."""
    if rec.keys.get("page") != f"{NAME}:LID":
        return False
    return any(e.format == NAME and e.key == "LID" and e.value in (page, f"{page}{_PII_MARK}") for e in rec.extra)


def _title_in_tt(rec: Record) -> bool:
    """The title was TT's, the TI beside it a translation (an extra): write the title as TT again."""
    if "original-title" in rec:
        return False
    if rec.keys.get("title") == f"{NAME}:TT":
        return True
    ti = next((e.value for e in rec.extra if e.format == NAME and e.key == "TI"), None)
    return isinstance(ti, str) and is_translated_title(ti)


def _tag_for(rec: Record, var: str) -> str | None:
    if var in ("issued", "available-date", "DOI", "keyword"):
        return var
    if var == "title" and _title_in_tt(rec):
        return "TT"
    if var == "title" and rec.type == "book" and "container-title" not in rec:
        return "BTI"
    if var == "container-title" and rec.type == "chapter":
        return "BTI"
    if var in ("ISSN", "ISBN", "note"):
        return {"ISSN": "IS", "ISBN": "ISBN", "note": "GN"}[var]
    return VARIABLE_TAG.get(var)


def _merge(mapped: list[tuple[float, int, str, str]], own: list[Extra]) -> list[tuple[str, str]]:
    """Mapped lines in PubMed's order with the record's own extras merged in, keeping their order."""
    out: list[tuple[str, str]] = []
    i = j = 0
    while i < len(mapped) or j < len(own):
        if j < len(own) and (i >= len(mapped) or _extra_rank(own[j]) <= mapped[i][:2]):
            out.append((own[j].key, own[j].value))
            j += 1
        else:
            out.append((mapped[i][2], mapped[i][3]))
            i += 1
    return out


def write(records: Iterable[Record], out: TextIO, ctx: WriteContext) -> None:
    """Write records as PubMed does: each record followed by a blank line."""
    for rec in records:
        ctx.records += 1
        out.write("\n".join(_record_lines(rec, ctx)).replace("\r", "") + "\n\n")
