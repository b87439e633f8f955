"""The VuFind record page reader and detection (the format's surface is the package,
:mod:`msccite.formats.vufind`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ...context import ReadContext
from ...model import Date, Extra, Name, Record
from ..carriers import parse_name
from ..kv.read import identifiers_from_urls
from .map import CHROME, FIELD_KIND, FIELD_LABELS, FORMAT_TYPES, ROLES, SECTION_CHROME

NAME = "vufind"
EXTENSIONS: tuple[str, ...] = ()  # copied page text has no extension of its own; detection reads the content
DESCRIPTION = "VuFind catalogue record pages copied as text (labels in en, es, ca, eu, pt, fr, de, it)"

_LABEL = re.compile(r"([^:：|]{1,60}?)\s*[:：]\s*(.*)")
_YEAR_END = re.compile(r"(?:^|(?<=[\s,;]))(?:[c©p]|\[)?(\d{4})\]?\s*\.?$")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_ELLIPSIS = ("...", "…")
_SUFFIX = re.compile(r"(?:Jr|Sr|II|III|IV|2nd|3rd)\.?", re.I)
_ROLE_IN_PARENS = re.compile(r"\s*\(([^()]{1,40})\)\s*$")


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


_LABELS: dict[str, str] = {_fold(lab): key for key, labels in FIELD_LABELS.items() for lab in labels}
_CHROME: dict[str, str] = {_fold(t): key for key, texts in CHROME.items() for t in texts}
#: Labels that only a record page has: one of them is needed before detection trusts the rest.
_STRONG = frozenset({"Main Author", "Main Authors", "Other Authors", "Corporate Author", "Corporate Authors",
                     "Published", "Online Access", "Summary"})  # fmt: skip
_HEADINGS = frozenset({"Bibliographic Details", "Full description", "Loading", "Description"})
_LIST_KINDS = frozenset({"urls", "keyword", "ISBN", "ISSN", "names", "corporate", "note"})


def _clean(raw: str) -> str:
    return raw.replace("\xa0", " ").replace("\ufeff", "").strip()


def chrome_of(line: str) -> str | None:
    """The English message of a line of page furniture (``Cargando…`` -> ``Loading``), else None."""
    text = line.strip()
    while text.endswith(_ELLIPSIS):
        text = text[:-3] if text.endswith("...") else text[:-1]
    return _CHROME.get(_fold(text.rstrip("!")))


def label_of(line: str) -> tuple[str, str] | None:
    """``(English label, value)`` for a field line (``Lenguaje:English`` -> ``("Language", "English")``)."""
    m = _LABEL.fullmatch(line)
    if m is None:
        return None
    key = _LABELS.get(_fold(m.group(1)))
    return (key, m.group(2).strip()) if key else None


# -- detection ------------------------------------------------------------------------------------
def detect(sample: str) -> float:
    """Record-page labels (one of them one only a record page has) and the page's headings."""
    labels: set[str] = set()
    chrome: set[str] = set()
    for raw in sample.splitlines()[:400]:
        line = _clean(raw)
        if not line or "|" in line:  # a kv dump's "Formato: | ... |" rows are the kv format's
            continue
        found = label_of(line)
        if found:
            labels.add(found[0])
            continue
        key = chrome_of(line)
        if key:
            chrome.add(key)
    strong = labels & _STRONG
    if len(labels) >= 3 and strong and chrome & _HEADINGS:
        return 0.85
    if len(labels) >= 4 and len(strong) >= 2:
        return 0.6
    return 0.0


# -- reading --------------------------------------------------------------------------------------
@dataclass
class _Field:
    key: str
    line: int
    values: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Page:
    start: int
    pre: list[tuple[int, str]] = field(default_factory=list)  # title and teaser lines
    fields: list[_Field] = field(default_factory=list)
    current: _Field | None = None
    skipped: list[int] = field(default_factory=list)  # lines neither field nor furniture
    section: list[int] = field(default_factory=list)  # lines of a "Similar Items" list
    furniture: list[int] = field(default_factory=list)  # the catalogue's own lines (Loading..., headings, tags)


def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    page: _Page | None = None
    count = 0
    for n, raw in enumerate(lines, 1):
        line = _clean(raw)
        if not line:
            continue
        if page is None:
            page = _Page(n)
        found = label_of(line)
        chrome = None if found else chrome_of(line)
        if chrome == "Loading" and page.fields:  # the next page copied after this one
            count += 1
            if (rec := ctx.build(page.start, _build, page, count, ctx)) is not None:
                yield rec
            page = _Page(n)
            page.furniture.append(n)
            continue
        if found and page.section and any(f.key == found[0] for f in page.fields):
            found = None  # "Published: (2018)" of a similar item, not a field of this record
        if found:
            _end_section(page, ctx)
            page.current = _Field(found[0], n, [(n, found[1])] if found[1] else [])
            page.fields.append(page.current)
        elif chrome:
            page.furniture.append(n)
            page.current = None
            if chrome in SECTION_CHROME:
                _end_section(page, ctx)
                page.section.append(n)
        elif page.section:
            page.section.append(n)
        elif not page.fields:
            page.pre.append((n, line))
        elif page.current is not None and _continues(page.current, line):
            page.current.values.append((n, line))
        else:
            page.skipped.append(n)
    if page is None or not (page.fields or page.pre):
        return
    if (rec := ctx.build(page.start, _build, page, count + 1, ctx)) is not None:
        yield rec


def _continues(f: _Field, line: str) -> bool:
    """Whether a line after a field's label line is more of that field (rather than stray text)."""
    kind = FIELD_KIND.get(f.key, "")
    if kind == "urls":
        return bool(_URL.match(line))
    if kind in ("ISBN", "ISSN"):
        return bool(re.fullmatch(r"[\dXx -]{8,20}(?:\s*\(.*\))?", line))
    if kind == "names":
        return "," in line and len(line) < 200
    return True


def _end_section(page: _Page, ctx: ReadContext) -> None:
    if len(page.section) > 1:
        first, last = page.section[1], page.section[-1]
        ctx.warn(first, f"lines {first}-{last}: the page's list of similar items skipped (not this record)")
    page.section = []


def _report_skipped(page: _Page, ctx: ReadContext) -> None:
    runs: list[list[int]] = []
    for n in page.skipped:
        if runs and n - runs[-1][-1] <= 2:
            runs[-1].append(n)
        else:
            runs.append([n])
    for run in runs:
        span = f"lines {run[0]}-{run[-1]}" if len(run) > 1 else f"line {run[0]}"
        ctx.warn(run[0], f"{span}: text that is neither a field of the record nor page furniture skipped")


def _build(page: _Page, number: int, ctx: ReadContext) -> Record:
    _end_section(page, ctx)
    _report_skipped(page, ctx)
    ctx.skipped(page.furniture, "the catalogue's own text skipped (loading notice, headings, tags, holdings)")
    rec = Record("document", source=ctx.where(page.start))
    extras: list[tuple[int, Extra]] = []
    if page.pre:
        rec["title"] = page.pre[0][1]
    else:
        ctx.problem(page.start, f"no title in record {number} (no text before its fields)", severity="warning")
    seen: dict[str, list[str]] = {}
    for f in page.fields:
        values = [v for _, v in f.values]
        if not values:
            continue
        if seen.get(f.key) == values:  # the Description tab repeats Published, Format ...
            continue
        first = f.key not in seen
        seen.setdefault(f.key, values)
        _read_field(rec, f, values, first, extras, ctx)
    _teaser(rec, page.pre[1:], extras, ctx)
    identifiers_from_urls(rec)
    extras.sort(key=lambda x: x[0])
    rec.extra = [e for _, e in extras]
    return rec


def _read_field(rec: Record, f: _Field, values: list[str], first: bool,
                extras: list[tuple[int, Extra]], ctx: ReadContext) -> None:  # fmt: skip
    kind = FIELD_KIND.get(f.key)

    def keep(value: str) -> None:
        extras.append((f.line, Extra(NAME, f.key, value)))

    if kind is None or (not first and kind not in _LIST_KINDS):
        keep("\n".join(values))
    elif kind == "names":
        for value in values:
            _read_names(rec, value, f.line, ctx)
    elif kind == "corporate":
        for value in values:
            rec.add("author", Name(literal=value))
    elif kind == "format":
        keep(" ".join(values))
        words = " ".join(values).casefold()
        for names, csl in FORMAT_TYPES:
            if any(re.search(rf"(?<!\w){re.escape(w.casefold())}(?!\w)", words) for w in names):
                rec.type = csl
                break
    elif kind == "published":
        _read_published(rec, values[0])
        for value in values[1:]:
            keep(value)
    elif kind == "urls":
        for value in values:
            for url in value.split():
                rec.add("URL", url)
    elif kind in ("keyword", "note", "ISBN", "ISSN"):
        for value in values:
            rec.add(kind, value)
    elif kind == "tags":
        tags: list[str] = []
        buttons: list[int] = []  # lines holding the page's "Add Tag" / "No Tags" buttons
        for n, v in f.values:
            parts = [t.strip() for t in v.split(",") if t.strip()]
            real = [t for t in parts if not chrome_of(t)]
            if len(real) < len(parts):
                buttons.append(n)
            tags += real
        if tags:
            keep(", ".join(tags))
        ctx.skipped(buttons, "the catalogue's own text skipped (its Add Tag / No Tags buttons)")
    elif kind == "abstract":
        rec["abstract"] = "\n".join(values)
    elif kind == "DOI":
        rec["DOI"] = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", values[0], flags=re.I)
        for value in values[1:]:
            keep(value)
    else:  # one value: language, edition, container-title, collection-title, genre
        rec[kind] = values[0]
        for value in values[1:]:
            keep(value)


def _read_names(rec: Record, value: str, line: int, ctx: ReadContext) -> None:
    """``Family, Given`` names; several in one comma list are paired two by two."""
    parts = [p.strip() for p in value.split(",")]
    parts = [p for p in parts if p]
    i = 0
    while i < len(parts):
        family = parts[i]
        if i + 1 >= len(parts):
            ctx.warn(line, f"the name {family!r} has no given name after it; kept whole")
            var, text = _role(family)
            rec.add(var, Name(literal=text))
            break
        given = parts[i + 1]
        i += 2
        suffix = ""
        if i < len(parts) and _SUFFIX.fullmatch(parts[i]):
            suffix, i = parts[i], i + 1
        var, given = _role(given)
        if i < len(parts) and _fold(parts[i].rstrip(".")) in ROLES:  # "Roe, Jane, editor."
            var, i = ROLES[_fold(parts[i].rstrip("."))], i + 1
        rec.add(var, parse_name(", ".join(p for p in (family, given, suffix) if p)))


def _role(text: str) -> tuple[str, str]:
    """(CSL name variable, text without the role) for ``Given (Editor)``; ``author`` when no role is given."""
    m = _ROLE_IN_PARENS.search(text)
    if m and _fold(m.group(1).rstrip(".")) in ROLES:
        return ROLES[_fold(m.group(1).rstrip("."))], text[: m.start()].strip()
    return "author", text


def _read_published(rec: Record, value: str) -> None:
    """``Place : Publisher, 2019`` / ``John Wiley and Sons Inc. 2021`` / ``2019``."""
    text = value.strip()
    m = _YEAR_END.search(text)
    if m:
        rec["issued"] = Date.of(int(m.group(1)))
        text = text[: m.start()].rstrip(" ,;")
    if not text:
        return
    place, sep, publisher = text.partition(" : ")
    if sep and place and publisher:
        rec["publisher-place"] = place.strip()
        rec["publisher"] = publisher.strip()
    else:
        rec["publisher"] = text


def _teaser(rec: Record, pre: list[tuple[int, str]], extras: list[tuple[int, Extra]], ctx: ReadContext) -> None:
    """The summary teaser under the title: dropped when the full summary starts with it."""
    if not pre:
        return
    line, text = pre[0][0], "\n".join(t for _, t in pre)
    cut = text.rstrip()
    truncated = cut.endswith(_ELLIPSIS)
    while cut.endswith(_ELLIPSIS):
        cut = cut[:-3] if cut.endswith("...") else cut[:-1]
    abstract = rec.get("abstract")
    if abstract is not None:
        if " ".join(abstract.split()).startswith(" ".join(cut.split())):
            return
        extras.append((line, Extra(NAME, "teaser", text)))
    elif truncated:
        extras.append((line, Extra(NAME, "teaser", text)))
        ctx.warn(line, "the page shows only the start of the summary (it ends with '...'): kept as an extra, "
                       "not as the abstract")  # fmt: skip
    else:
        rec["abstract"] = text
