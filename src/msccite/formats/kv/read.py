"""The key | value reader (the format's surface is the package, :mod:`msccite.formats.kv`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from ...context import ReadContext
from ...model import DATE_SET, LIST_VARIABLES, NAME_SET, Date, Extra, Name, Record
from ..carriers import load_json, parse_name, read_carrier
from .map import FIELDS, FORMAT_TYPES

NAME = "kv"
ALIASES = ("solr",)  # "vufind" is the record page reader (formats/vufind/)
EXTENSIONS = (".kv",)
DESCRIPTION = "key | value dumps of catalogue records (VuFind/Solr staff view)"

_SEPARATOR = re.compile(r"\s*:?-{3,}:?\s*\|\s*:?-{3,}:?\s*\|?\s*")
# a Solr field (``=json``: its value is JSON), a carrier (``csl:title-short``, ``ris:C5``) or a page label
_KEY = re.compile(
    r"[A-Za-z_][A-Za-z0-9_.@-]*(?:=json)?|[a-z][a-z0-9-]*:[^\s|\]](?:[^\s|\]]|[ \t](?=[^\s|\]]))*|[^|]{1,60}:"
)
_CARRIER_KEY = re.compile(r"[a-z][a-z0-9-]*:[^\s|\]](?:[^\s|\]]|[ \t](?=[^\s|\]]))*")  # inner spaces, as CARRIER
_INITIAL = re.compile(r"(?:[A-Z]\.?-?)+")
_SOLR_ROW = re.compile(r"[A-Za-z_][A-Za-z0-9_]* \| .*\|\s*")
_WORK_KEY = re.compile(r"(?:^|\s)AT (\S+)")
_ISO = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")
_PMID_URL = re.compile(r"/pubmed/(\d+)")
_PMC_URL = re.compile(r"/pmc/articles/(PMC\d+)")
_DOI_URL = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.\S+)$")


# -- detection ------------------------------------------------------------------------------------
def detect(sample: str) -> float:
    """A kv dump when Solr-shaped ``key | value |`` lines make up a table."""
    rows = separators = 0
    for line in sample.splitlines()[:400]:
        if _SOLR_ROW.fullmatch(line):
            rows += 1
        elif _SEPARATOR.fullmatch(line):
            separators += 1
    if rows >= 5 and separators:
        return 0.9
    return 0.6 if rows >= 8 else 0.0


# -- reading --------------------------------------------------------------------------------------
class _Table:
    def __init__(self) -> None:
        self.rows: list[list[Any]] = []  # [key, value, line]


def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    table = _Table()
    text_lines: list[int] = []  # lines of page text not yet reported
    open_row: list[Any] | None = None
    open_parts: list[str] = []
    n = 0
    for n, line in enumerate(lines, 1):
        if open_row is not None:  # a value running over lines, up to a line ending in "|"
            stripped = line.rstrip()
            if not stripped.endswith("|"):
                open_parts.append(line)
                continue
            if stripped[:-1].rstrip():
                open_parts.append(stripped[:-1].rstrip())
            open_row[1] = "\n".join(open_parts)
            open_row = None
            continue
        if _SEPARATOR.fullmatch(line):
            if len(table.rows) > 1:  # the row before this line heads a new table
                head = table.rows.pop()
                yield from _finish(table, ctx)
                table = _Table()
                table.rows.append(head)
            continue
        row = _row(line, n)
        if row is not None:
            _report_text(text_lines, ctx)
            table.rows.append(row)
            if row[3]:
                open_row, open_parts = row, []
            continue
        if not line.strip():
            yield from _finish(table, ctx)
            table = _Table()
            continue
        yield from _finish(table, ctx)
        table = _Table()
        text_lines.append(n)
    if open_row is not None:
        open_row[1] = "\n".join(open_parts)
        ctx.problem(open_row[2], f"the value of {open_row[0]!r} has no closing '|'; it runs to the end of the input")
    _report_text(text_lines, ctx)
    yield from _finish(table, ctx)


def _row(line: str, n: int) -> list[Any] | None:
    """``[key, value, line, open]`` for a table line (open: the value goes on over lines), else None."""
    key, bar, rest = line.partition("|")
    key = key.strip()
    if not bar or not _KEY.fullmatch(key):
        return None
    rest = rest.rstrip()
    if rest.endswith("|"):
        return [key, rest[:-1].strip(), n, False]
    if rest.strip():
        return None  # "a | b" without the closing bar: text, not a row
    return [key, "", n, True]


def _report_text(text_lines: list[int], ctx: ReadContext) -> None:
    if text_lines:
        span = f"{text_lines[0]}-{text_lines[-1]}" if len(text_lines) > 1 else str(text_lines[0])
        ctx.warn(text_lines[0], f"lines {span}: page text outside the key | value table skipped")
        text_lines.clear()


def _finish(table: _Table, ctx: ReadContext) -> Iterator[Record]:
    rows = table.rows
    if not rows:
        return
    if all(r[0].endswith(":") for r in rows):
        first, last = rows[0][2], rows[-1][2]
        ctx.warn(first, f"lines {first}-{last}: the page's display table (labels ending in ':') skipped; "
                        "the key | value dump carries the record")  # fmt: skip
        return
    if (rec := ctx.build(rows[0][2], _build, rows, ctx)) is not None:
        yield rec


def fold(text: str) -> str:
    """What VuFind's work keys keep of a name: lower-case ASCII letters and digits."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed.lower() if c.isascii() and c.isalnum())


def split_joined_names(text: str, keys: list[str], first: str | None) -> tuple[list[str], bool]:
    """Split ``Iacobaeus, Ellen Kadri, Nadir ...`` into names; True when the split is certain.

    ``keys`` are the people's folded ``familygiven`` keys (from ``work_keys_str_mv``), in order:
    a name ends where its words fold to the next key. Without keys, ``first`` (``author_sort``)
    fixes the first name and each following name is taken as one given word after a family.
    """
    words = text.split()
    names: list[str] = []
    i = 0
    for key in keys:
        j, acc = i, ""
        while j < len(words) and len(acc) < len(key):
            acc += fold(words[j])
            j += 1
        if acc != key:
            break
        names.append(" ".join(words[i:j]))
        i = j
    if i == len(words) and names:
        return names, True
    return _guess_names(words, first), False


def _guess_names(words: list[str], first: str | None) -> list[str]:
    """Family words up to a comma, then one given name and any initials; the first name as ``first`` says."""
    names: list[str] = []
    i = 0
    if first and " ".join(words[: len(first.split())]) == first:
        names.append(first)
        i = len(first.split())
    while i < len(words):
        j = i
        while j < len(words) and not words[j].endswith(","):
            j += 1
        if j == len(words):  # no family left: these words end the last given name
            if names:
                names[-1] += " " + " ".join(words[i:])
            else:
                names.append(" ".join(words[i:]))
            break
        k = j + 2
        while k < len(words) and _INITIAL.fullmatch(words[k]) and not words[k].endswith(","):
            k += 1
        names.append(" ".join(words[i:k]))
        i = k
    return names


class _Read:
    def __init__(self, rec: Record, rows: list[list[Any]]) -> None:
        self.rec = rec
        self.extras: list[tuple[int, Extra]] = []
        self.counts: dict[str, int] = {}
        for key, *_ in rows:
            self.counts[key] = self.counts.get(key, 0) + 1
        self.values = {r[0]: r[1] for r in reversed(rows)}  # key -> first value
        self.last_author = next((r[1] for r in reversed(rows) if r[0] == "author"), "")

    def keep(self, line: int, key: str, value: Any) -> None:
        self.extras.append((line, Extra(NAME, key, value)))


def _build(rows: list[list[Any]], ctx: ReadContext) -> Record:
    rec = Record("", source=ctx.where(rows[0][2]))
    r = _Read(rec, rows)
    for key, value, line, *_ in rows:
        if _CARRIER_KEY.fullmatch(key) and read_carrier(rec, f"[{key}] {value}", line, ctx, r.extras):
            continue
        if key.endswith("=json"):  # a value that is not one line of text
            try:
                key, value = key[: -len("=json")], load_json(value)
            except ValueError:
                ctx.problem(line, f"the value of {key!r} should be JSON; kept as text")
            if not isinstance(value, str):
                r.keep(line, key, value)
                continue
        var = FIELDS.get(key)
        if var is None or not value or not _read_field(r, key, var, value, line, ctx):
            r.keep(line, key, value)
    identifiers_from_urls(rec)
    _from_spelling(r)
    if not rec.type:
        fmt = " ".join(str(e.value) for _, e in r.extras if e.key == "format")
        rec.type = next((t for word, t in FORMAT_TYPES if word in fmt), "document")
    r.extras.sort(key=lambda x: x[0])
    rec.extra = [e for _, e in r.extras] + rec.extra
    return rec


def _read_field(r: _Read, key: str, var: str, value: str, line: int, ctx: ReadContext) -> bool:
    rec = r.rec
    if var in NAME_SET:
        if key == "author_corporate":
            rec.add(var, Name(literal=value))
        elif r.counts[key] == 1 and _joined(value):  # several people joined with spaces
            keys = _WORK_KEY.findall(r.values.get("work_keys_str_mv", ""))
            names, sure = split_joined_names(value, keys if var == "author" else [], r.values.get("author_sort"))
            if not sure:
                ctx.warn(line, f"{key}: the names are joined with spaces and no work keys tell them apart; "
                               f"split as {names!r}")  # fmt: skip
            for name in names:
                rec.add(var, parse_name(name))
        else:
            rec.add(var, parse_name(value))
        return True
    if var in LIST_VARIABLES:
        values = value.split() if var in ("URL", "ISSN") and r.counts[key] == 1 else [value]
        for v in values:
            rec.add(var, v)
        return True
    if var in rec or var == "title-short" and value == r.values.get("title"):
        return False  # a second value, or VuFind's short title that is the title itself: kept as an extra
    if var in DATE_SET:
        m = _ISO.fullmatch(value)
        parts = tuple(int(g) for g in m.groups() if g) if m else ()
        valid = bool(parts) and (len(parts) < 2 or 1 <= parts[1] <= 12) and (len(parts) < 3 or 1 <= parts[2] <= 31)
        rec[var] = Date(parts=(parts,)) if valid else Date(raw=value)
        return True
    rec[var] = value
    return True


def _joined(value: str) -> bool:
    """More than one ``Family, Given`` in one value: each comma but the first follows a given name and
    precedes the next family (``Iacobaeus, Ellen Kadri, Nadir``); ``Roe, R., Jr.`` is one person."""
    parts = value.split(",")
    return len(parts) > 2 and all(len(p.split()) >= 2 for p in parts[1:-1])


def identifiers_from_urls(rec: Record) -> None:
    """PMID, PMCID and DOI from a record's URLs (``/pubmed/31810187``, ``/pmc/articles/PMC6947442/``,
    ``doi.org/10...``) unless the record has them already; the VuFind record page reader uses it too."""
    for url in rec.get("URL", []):
        for var, pattern in (("PMID", _PMID_URL), ("PMCID", _PMC_URL), ("DOI", _DOI_URL)):
            m = pattern.search(url)
            if m and var not in rec:
                rec[var] = m.group(1)


def _from_spelling(r: _Read) -> None:
    """The journal abbreviation and the full date from VuFind's ``spelling`` (the MEDLINE record's text)."""
    rec, spelling = r.rec, r.values.get("spelling", "")
    authors, description = r.last_author, r.values.get("description", "")
    if not spelling:
        return
    if authors and description and "container-title-short" not in rec:
        start = spelling.find(authors)
        end = spelling.find(description[:40], start + len(authors)) if start >= 0 else -1
        if start >= 0 and end > 0:
            between = spelling[start + len(authors) : end].strip()
            topic = r.values.get("topic", "")
            if topic and between.endswith(" " + topic):
                between = between[: -len(topic) - 1].strip()
            if between and len(between) <= 120:
                rec["container-title-short"] = between
    issued = rec.get("issued")
    publisher = r.values.get("publisher", "")
    m = re.search(re.escape(publisher) + r" (\d{4})-(\d\d)-(\d\d)\b", spelling) if publisher else None
    if m and isinstance(issued, Date) and issued.parts and len(issued.parts[0]) == 1 and issued.year == int(m[1]):
        rec["issued"] = Date.of(int(m[1]), int(m[2]), int(m[3]))
