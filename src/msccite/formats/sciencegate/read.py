"""The ScienceGate listing reader and detection (the format's surface is the package,
:mod:`msccite.formats.sciencegate`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ...context import ReadContext
from ...model import Date, Extra, Name, Record
from ...names import parse_name
from .map import CHROME, DOC_TYPES

NAME = "sciencegate"
EXTENSIONS: tuple[str, ...] = ()  # copied page text has no extension of its own; detection reads the content
DESCRIPTION = "ScienceGate search-result listings copied as text (several records, ◽-separated facts)"

MARK = "\u25fd"  # ◽, the separator after each fact
_YEAR = re.compile(r"(\d{4})")
_VOL = re.compile(r"Vol\.?\s*([^\s(]+)(?:\s*\((.+)\))?", re.I)
_PAGES = re.compile(r"pp?\.\s*(.+)", re.I)
_AUTHORS = re.compile(r"Author\(s\)\s*:\s*(.*)", re.I)
_KEYWORDS = re.compile(r"Keyword\(s\)\s*:\s*(.*)", re.I)
_LABELLED = re.compile(r"([A-Za-z][\w ()/.-]{0,40}?)\s*:\s*(.*)")
_ELLIPSIS = frozenset({"...", "…", "[...]"})


def _clean(raw: str) -> str:
    return raw.replace("\xa0", " ").replace("\ufeff", "").strip()


def _fact(line: str) -> str:
    """A facts-block line without its ``◽`` mark."""
    return line.rstrip(MARK + " ").strip()


def _starts_block(line: str) -> bool:
    text = _fact(line)
    if _YEAR.fullmatch(text) or _VOL.fullmatch(text):  # the last fact before Author(s) has no mark
        return True
    return bool(_AUTHORS.fullmatch(text) or (_PAGES.fullmatch(text) and len(text) < 40))


# -- detection ------------------------------------------------------------------------------------
def detect(sample: str) -> float:
    """``◽``-marked facts and ``Author(s):`` lines."""
    marked = authors = years = 0
    for raw in sample.splitlines()[:600]:
        line = _clean(raw)
        if line.endswith(MARK):
            marked += 1
            if _YEAR.fullmatch(_fact(line)):
                years += 1
        if _AUTHORS.fullmatch(line):
            authors += 1
    if authors and years and marked >= 3:
        return 0.9
    if years and marked >= 4:
        return 0.6
    return 0.0


# -- reading --------------------------------------------------------------------------------------
@dataclass
class _Result:
    start: int
    facts: list[tuple[int, str]] = field(default_factory=list)
    title: tuple[int, str] | None = None
    abstract: list[tuple[int, str]] = field(default_factory=list)


def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    results: list[_Result] = []  # the result being read, and the ones not yet given out
    paragraphs: list[list[tuple[int, str]]] = []  # text since the last facts block
    in_block = False
    count = 0
    furniture: list[int] = []  # the site's own lines (Sign in, Export Citation ...): reported once at the end
    for n, raw in enumerate(lines, 1):
        line = _clean(raw)
        if not line:
            in_block = False
            if paragraphs and paragraphs[-1]:
                paragraphs.append([])
            continue
        if line.casefold() in CHROME:
            furniture.append(n)
            if paragraphs and paragraphs[-1]:
                paragraphs.append([])
            continue
        if in_block:
            results[-1].facts.append((n, line))
            continue
        if _starts_block(line):
            prev = results[-1] if results else None
            result = _Result(n)
            _share(paragraphs, prev, result, ctx)
            paragraphs = []
            if prev is not None:
                count += 1
                if (rec := ctx.build(prev.start, _build, prev, count, ctx)) is not None:
                    yield rec
            results = [result]
            result.facts.append((n, line))
            in_block = True
            continue
        if not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append((n, line))
    prev = results[-1] if results else None
    _share(paragraphs, prev, None, ctx)
    if prev is not None and (rec := ctx.build(prev.start, _build, prev, count + 1, ctx)) is not None:
        yield rec
    ctx.skipped(furniture, "the site's own text skipped (sign-in, export and share links)")


def _share(paragraphs: list[list[tuple[int, str]]], prev: _Result | None, nxt: _Result | None,
           ctx: ReadContext) -> None:  # fmt: skip
    """Give the text between two facts blocks out: the abstract of the one before, the title of the one after."""
    paras = [p for p in paragraphs if p]
    if paras and prev is not None and not _doc_type(paras[0][0][1]):
        prev.abstract = paras.pop(0)
    if paras and nxt is not None:
        last = paras.pop()
        nxt.title = (last[0][0], " ".join(t for _, t in last))
        nxt.start = last[0][0]
    for para in paras:
        first, end = para[0][0], para[-1][0]
        span = f"lines {first}-{end}" if end != first else f"line {first}"
        ctx.warn(first, f"{span}: text that is neither a result's title nor its abstract skipped")


def _doc_type(text: str) -> str | None:
    low = text.casefold()
    return next((t for t in DOC_TYPES if low.startswith(t + " ")), None)


def _build(res: _Result, number: int, ctx: ReadContext) -> Record:
    rec = Record("document", source=ctx.where(res.start))
    extras: list[Extra] = []
    if res.title is not None:
        title = res.title[1]
        kind = _doc_type(title)
        if kind:
            extras.append(Extra(NAME, "document-type", title[: len(kind)]))
            rec.type = DOC_TYPES[kind]
            title = title[len(kind) :].strip()
        rec["title"] = title
    else:
        ctx.problem(res.start, f"no title in record {number} (the page shows none before its facts)",
                    severity="warning")  # fmt: skip
    mode = ""
    for n, line in res.facts:
        text = _fact(line)
        if mode == "authors" and not _starts_fact(text):
            if text in _ELLIPSIS:
                rec.custom.setdefault("truncated", []).append("author")
            else:
                rec.add("author", _person(text))
            continue
        if mode == "keywords" and not _starts_fact(text):
            rec.add("keyword", text)
            continue
        mode = _read_fact(rec, text, n, extras, ctx)
    if rec.type == "document" and "volume" in rec:
        rec.type = "article-journal"  # only journals have volumes in these listings
    if res.abstract:
        rec["abstract"] = "\n".join(t for _, t in res.abstract)
    rec.extra = extras
    return rec


def _starts_fact(text: str) -> bool:
    return bool(_AUTHORS.fullmatch(text) or _KEYWORDS.fullmatch(text))


def _read_fact(rec: Record, text: str, line: int, extras: list[Extra], ctx: ReadContext) -> str:
    """Read one fact; the mode for the lines after it (``authors``, ``keywords`` or ``""``)."""
    m = _AUTHORS.fullmatch(text)
    if m:
        if m.group(1) and m.group(1) not in _ELLIPSIS:
            rec.add("author", _person(m.group(1)))
        return "authors"
    m = _KEYWORDS.fullmatch(text)
    if m:
        if m.group(1):
            rec.add("keyword", m.group(1))
        return "keywords"
    if _YEAR.fullmatch(text) and "issued" not in rec:
        rec["issued"] = Date.of(int(text))
        return ""
    m = _VOL.fullmatch(text)
    if m and "volume" not in rec:
        rec["volume"] = m.group(1)
        rec["issue"] = m.group(2)
        return ""
    m = _PAGES.fullmatch(text)
    if m and "page" not in rec and "number" not in rec:
        var, value = _pages(m.group(1).strip())
        rec[var] = value
        return ""
    m = _LABELLED.fullmatch(text)
    if m:
        extras.append(Extra(NAME, m.group(1), m.group(2)))
    else:
        extras.append(Extra(NAME, "fact", text))
        ctx.warn(line, f"a fact this reader does not know, kept as an extra: {text[:60]!r}")
    return ""


def _pages(text: str) -> tuple[str, str]:
    """``("page", "24-30")``, ``("page", "i92")`` for ``i92-i92``, ``("number", "00773-2020")``."""
    first, sep, last = text.replace("\u2013", "-").partition("-")
    if sep and first == last:
        return "page", first
    if first.isdigit() and (first.startswith("0") and len(first) > 1
                            or sep and len(first) >= 5 and re.fullmatch(r"(?:19|20)\d\d", last)):  # fmt: skip
        return "number", text
    return "page", text


def _person(text: str) -> Name:
    """One ``Given Family`` name as the listing writes it."""
    return parse_name(text, "given-first")
