"""A table row to a :class:`Record`, by a source's map (``maps/``).

Field specs (the values of a map's ``COLUMNS``):

- a CSL variable: the cell is its value; a name variable (``author``) is split by the map's ``NAMES`` and each
  name read in the map's ``ORDER`` (family first by default: ``Kodali S.``, ``Ramkissoon LA``: ``LA`` is initials);
  a date variable (``issued``) is a year or a date; ``keyword``, ``ISSN``, ``ISBN``, ``URL`` are lists;
- ``type``: the source's document type, through the map's ``TYPES`` (kept as an extra when unknown);
- ``page-first``, ``page-last``, ``article-number``: joined into ``page`` (an article number is the page when
  there is no page range, as for MEDLINE);
- ``citation``: a packed citation string (``citation.parse_citation``): volume, issue, pages, year, DOI, journal
  where no column of their own gave them;
- ``trial-registrations``: registration numbers, into ``custom["trial-registrations"]``;
- ``trial:<fact>``: a fact of a registration (``custom["trial"]``, msccite's own columns);
- ``id``: the citation key; anything else (``-...`` specs, and columns no map names) is kept as an extra of the
  ``csv`` format under its header, in column order, and written back by the table writers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from types import ModuleType
from typing import Any

from ...context import ReadContext
from ...model import CSL_ORDER, CSL_TYPES, DATE_SET, NAME_SET, Date, Extra, Name, Record
from ...names import SUFFIXES, family_first_words, is_initials, parse_name
from ...normalization.identifiers import TRIALS_KEY, find_trial_ids
from ..carriers import parse_date, read_carrier
from ..trials import TRIAL_KEY
from .citation import parse_citation
from .maps import key
from .parse import FORMULA_START, NO_VALUE, cell_value

__all__ = ["EXTRA_FORMAT", "CARRIED_COLUMN", "Columns", "build", "split_names"]

#: The format name of a table's extras (its columns no map names): what the csv, tsv and xlsx writers write back.
EXTRA_FORMAT = "csv"
#: msccite's column for what a table has no column for, written with ``--lossless``: one ``[ns:key] value`` a line.
CARRIED_COLUMN = "msccite:carried"
_CSL_NAMES = {v.casefold(): v for v in CSL_ORDER}
_LISTS = {"keyword", "ISSN", "ISBN", "URL", "note"}
_LIST_FACTS = {"phase", "conditions", "interventions"}
_SUFFIXES_LOWER = frozenset(x.rstrip(".").lower() for x in SUFFIXES)
_ISO_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}")
_SCOPUS_ID = re.compile(r"\s*\(\d+\)$")
_ID_SPLIT = re.compile(r"[;,|\n]")
_PMID = re.compile(r"\d{1,9}")
_ISSN_SPLIT = re.compile(r"[,;|]")
_NUMBER_ID = re.compile(r"[\dXx-]{8,17}")
_URL_SPLIT = re.compile(r"\s*[;|]\s*|\s+(?=https?://)")
_VANCOUVER = re.compile(r"\S.*\s[A-Z][A-Za-z.\-]{0,7}\.?")  # "Kodali S.", "Phillips J.C.", "Karelis AD."


class Columns:
    """A table's header read once: each column's field spec, by a map."""

    def __init__(self, headers: list[str], source: ModuleType) -> None:
        self.headers = [h.strip().lstrip("\ufeff").strip() for h in headers]
        self.source = source
        table = {key(h): spec for h, spec in source.COLUMNS.items()}
        self.specs: list[str] = []
        generic = source.NAME == "generic"
        for h in self.headers:
            self.specs.append(generic_spec(h) if generic else table.get(key(h), "-"))
        #: Each column's kind (one of the ``_PLAIN`` ... constants) and the key of its extras.
        self.kinds = [_kind(spec) for spec in self.specs]
        self.extra_keys = [h[4:] if h.startswith("csv:") else h for h in self.headers]
        #: ``(index, key)`` of the columns kept as extras; ``(index, kind, spec, key)`` of the others.
        self.extra_columns = [(i, k) for i, (kind, k) in enumerate(zip(self.kinds, self.extra_keys, strict=True))
                              if kind is _EXTRA]  # fmt: skip
        self.field_columns = [(i, kind, spec, k) for i, (kind, spec, k)
                              in enumerate(zip(self.kinds, self.specs, self.extra_keys, strict=True))
                              if kind is not _EXTRA]  # fmt: skip
        #: The cells that hold no value: :data:`NO_VALUE` and the source's own (CoLRev's ``UNKNOWN``).
        self.no_value = NO_VALUE | frozenset(getattr(source, "NO_VALUE", ()))
        self.no_value_len = max(map(len, self.no_value)) + 1
        self.names = getattr(source, "NAMES", "auto")
        #: What ends a names cell and is no part of the last name (PubMed's full stop).
        self.list_end = getattr(source, "NAMES_END", "")
        self.order = getattr(source, "ORDER", "family-first")
        self.list_sep = getattr(source, "LIST_SEP", ";")
        self.types = {k.casefold(): v for k, v in getattr(source, "TYPES", {}).items()}
        self.default_type = getattr(source, "DEFAULT_TYPE", "article-journal")
        repeated = {key(h) for h in getattr(source, "REPEATED", ())}
        #: The column the source repeats in its rows but names once in its header (Scopus's Funding Text 1).
        self.repeat_at = next((i for i, h in enumerate(self.headers) if key(h) in repeated), None)


# The kinds of columns, by what a cell of them becomes (compared by identity in build's loop).
_PLAIN, _EXTRA, _NAMES, _LIST, _DATE, _TYPE, _PAGES, _ID, _CITATION, _TRIALS, _FACT, _CARRIED, _FULL_NAMES = (
    "plain", "extra", "names", "list", "date", "type", "pages", "id", "citation", "trials", "fact", "carried",
    "full-names")  # fmt: skip
_UNQUOTE = ("'", *FORMULA_START)
new_extra = tuple.__new__  # Extra(...) without the namedtuple's Python-level __new__: a table has many extras


def _kind(spec: str) -> str:
    if spec.startswith("-"):
        return _EXTRA
    simple = {"id": _ID, "type": _TYPE, "page-first": _PAGES, "page-last": _PAGES, "article-number": _PAGES,
              "citation": _CITATION, "trial-registrations": _TRIALS, "carried": _CARRIED,
              "author-full": _FULL_NAMES}  # fmt: skip
    if spec in simple:
        return simple[spec]
    if spec.startswith("trial:"):
        return _FACT
    if spec in NAME_SET:
        return _NAMES
    if spec in DATE_SET:
        return _DATE
    return _LIST if spec in _LISTS else _PLAIN


@lru_cache(maxsize=1024)
def generic_spec(header: str) -> str:
    """What the generic map reads a column as: its table, a CSL variable's name, ``trial <fact>``, msccite's
    carried column, or ``-`` (an extra; also any ``csv:<name>`` column, msccite's mark of a table's own column)."""
    if header.startswith("csv:"):
        return "-"
    if header.startswith("csl:") and header[4:] in _CSL_NAMES.values():
        return header[4:]
    if header == CARRIED_COLUMN:
        return "carried"
    k = key(header)
    from .maps import generic

    spec = generic.COLUMNS.get(k) or _CSL_NAMES.get(k)
    if spec is None and k.startswith("trial "):
        spec = "trial-registrations" if k == "trial registrations" else f"trial:{k[6:]}"
    return spec or "-"


def json_list(cell: str) -> list[str] | None:
    """The items of a cell msccite wrote as a JSON list (``["a; b", "c"]``: an item held ``;``), else None."""
    if cell.startswith('["') and cell.endswith("]"):
        try:
            items = json.loads(cell)
        except ValueError:
            return None
        if isinstance(items, list) and all(isinstance(i, str) for i in items):
            return items
    return None


def split_names(cell: str, how: str) -> list[str]:
    """The names in a cell: split on ``how`` (``;``, ``|``, a line end), or with ``auto`` on ``;`` when there is
    one, else on ``,`` when every part is ``Family Initials`` (Scopus's and PubMed's ``Kodali S., Phillips J.C.``),
    else one name (``Phillips, John``). A JSON list (msccite's own, for names that hold ``;``) is its items."""
    if (items := json_list(cell)) is not None:
        return items
    if how == "bibtex":
        from ..bibtex.names import split_names as split_bibtex

        return split_bibtex(cell)[0]
    if how != "auto":
        return [p.strip() for p in cell.split(how) if p.strip()]
    if ";" in cell:
        return [p.strip() for p in cell.split(";") if p.strip()]
    if "\n" in cell:
        return [p.strip() for p in cell.split("\n") if p.strip()]
    if " and " in cell:
        parts = cell.split(" and ")
        if all("," in p for p in parts):
            return [p.strip() for p in parts]  # BibTeX's "Zhai, Q. J. and Yue, X. Y."
    parts = [p.strip() for p in cell.split(",")] if "," in cell else [cell.strip()]
    if len(parts) > 1:
        merged: list[str] = []
        for p in parts:  # "Oliveira A., Jr.": a suffix is the name before it's
            if merged and p.rstrip(".").lower() in _SUFFIXES_LOWER:
                merged[-1] = f"{merged[-1]} {p}"
            elif p:
                merged.append(p)
        if len(merged) > 1 and all(_vancouver(p) for p in merged):
            return merged
    return [cell.strip()]


@lru_cache(maxsize=65536)
def _vancouver(part: str) -> bool:
    """``Kodali S.``, ``Phillips J.C.``, ``Oliveira A. Jr.``: a family name, then initials (and a suffix)."""
    words = part.split()
    if len(words) > 2 and words[-1].rstrip(".").lower() in _SUFFIXES_LOWER:
        words = words[:-1]
    return len(words) > 1 and (is_initials(words[-1]) or is_initials(words[-1].rstrip(".")))  # PubMed's "Karelis AD."


@lru_cache(maxsize=65536)
def read_name(text: str, order: str = "family-first") -> Name:
    """One name of a names cell. msccite's own marks: ``{Body}`` a body (a literal name), ``{de Sousa Junior},
    Rafael`` a family name kept whole (no particle split off)."""
    if text.startswith("{") and text.endswith("}") and text.count("{") == 1:
        return Name(literal=text[1:-1].strip())
    if text.startswith("{") and "}," in text:  # (cached: a name recurs across a search's records; Name is frozen)
        family, _, rest = text[1:].partition("},")
        given, _, suffix = (p.strip() for p in rest.partition(","))
        return Name(family=family.strip(), given=given, suffix=suffix)
    if order == "family-words":
        return family_first_words(text)
    return parse_name(text, order)


def read_names(cell: str, how: str, order: str) -> list[Name]:
    """The names of a cell (see :func:`split_names`); msccite's JSON list of CSL names (``[{"family": ...}]``,
    for names no text form holds) is read as such."""
    if cell.startswith("[{") and cell.endswith("}]"):
        try:
            items = json.loads(cell)
        except ValueError:
            items = None
        if isinstance(items, list) and all(isinstance(i, dict) for i in items):
            return [Name.from_csl(i) for i in items]
    if how == "bibtex":
        from ..bibtex.names import parse_names

        return parse_names(cell)[0]
    return [read_name(text, order) for text in split_names(cell, how)]


def _date(text: str) -> Date:
    if text.startswith("{") and text.endswith("}"):  # msccite's own: a CSL-JSON date (a range, a season)
        try:
            return Date.from_csl(json.loads(text))
        except (ValueError, TypeError, AttributeError):
            return Date(raw=text)
    m = _ISO_TIME.match(text)  # Zotero's "2021-09-09 23:45:29": the day
    d = parse_date(m.group(1) if m else text)
    return d if d.parts else Date(raw=text)


def _precision(d: Date) -> int:
    return len(d.parts[0]) if d.parts else 0


def _same_year(a: Date, b: Date) -> bool:
    return a.year is not None and a.year == b.year


def build(cols: Columns, cells: list[str], line: int, ctx: ReadContext, repeats: list[str] = ()) -> Record:  # type: ignore[assignment]
    """The record of one row (``cells``), which starts at ``line``; ``repeats``: the further values of the map's
    repeated column (``Funding Text 2``, ``3`` ...), kept as extras after it."""
    rec = Record(cols.default_type, source=ctx.where(line))
    fields = rec.fields
    pages: dict[str, str] = {}
    packed: dict[str, str] = {}
    doc_type = ""
    type_at = -1
    full: list[Name] = []
    full_at: tuple[int, Extra] | None = None
    author_cell: tuple[int, Extra] | None = None
    n = len(cells)
    no_value, no_value_len = cols.no_value, cols.no_value_len
    # the columns kept as extras, in one pass (most of a table's columns); cell_value() inlined
    kept = [
        (i, new_extra(Extra, (EXTRA_FORMAT, key, v if v[0] != "'" else cell_value(v))))
        for i, key in cols.extra_columns
        if i < n and (v := cells[i].strip()) and not (len(v) < no_value_len and v in no_value)
    ]
    late: list[tuple[int, Extra]] = []  # the other columns' extras (a type, a citation): put in column order below
    for i, kind, spec, key in cols.field_columns:
        if i >= n:
            break
        value = cells[i].strip()  # cell_value(), inlined
        if not value or len(value) < no_value_len and value in no_value:
            continue
        if value[0] == "'":
            value = cell_value(value)
        if kind is _PLAIN:
            if spec in fields:
                late.append((i, Extra(EXTRA_FORMAT, key, value)))
            else:
                fields[spec] = _identifier(spec, value) if spec == "PMID" else value
        elif kind is _NAMES:
            if cols.list_end and value.endswith(cols.list_end):  # PubMed's "Doe J, Roe AB.": the list's full stop
                value = value[: -len(cols.list_end)]
            fields.setdefault(spec, []).extend(read_names(value, cols.names, cols.order))
            if spec == "author":
                author_cell = (i, Extra(EXTRA_FORMAT, key, value))
        elif kind is _FULL_NAMES:
            full = [read_name(_SCOPUS_ID.sub("", t).strip(), cols.order) for t in split_names(value, ";")]
            full_at = (i, Extra(EXTRA_FORMAT, key, value))
        elif kind is _LIST:
            fields.setdefault(spec, []).extend(_list(spec, value, cols.list_sep))
        elif kind is _DATE:
            d, before = _date(value), fields.get(spec)
            if before is None or _same_year(d, before) and _precision(d) >= _precision(before):
                fields[spec] = d  # a year column, then a date column of that year: the date
            elif d != before:
                late.append((i, Extra(EXTRA_FORMAT, key, value)))
        elif kind is _TYPE:
            if not doc_type:
                doc_type, type_at = value, len(late)
            late.append((i, Extra(EXTRA_FORMAT, key, value)))  # taken off again when it is the CSL type itself
        elif kind is _PAGES:
            pages[spec] = value
        elif kind is _ID:
            rec.id = value
        elif kind is _CITATION:
            packed = parse_citation(value)
            late.append((i, Extra(EXTRA_FORMAT, key, value)))
        elif kind is _TRIALS:
            parts = json_list(value) or [v.strip() for v in _ID_SPLIT.split(value) if v.strip()]
            ids = [t for part in parts for t in (find_trial_ids(part) or [part])]
            rec.custom[TRIALS_KEY] = list(dict.fromkeys([*rec.custom.get(TRIALS_KEY, []), *ids]))
        elif kind is _FACT:
            fact = spec[6:]
            facts = rec.custom.setdefault(TRIAL_KEY, {})
            if fact in _LIST_FACTS:
                facts[fact] = json_list(value) or [v.strip() for v in value.split("; ") if v.strip()]
            else:
                facts[fact] = value
        else:  # _CARRIED
            other: list[tuple[int, Extra]] = []
            for note in json_list(value) or value.split("\n"):
                if note.strip() and not read_carrier(rec, note, line, ctx, other):
                    other.append((line, Extra(EXTRA_FORMAT, key, note)))
            late.extend((i, e) for _, e in other)
    if full:  # Scopus's "Author full names" ("Kodali, Sunil (57191234567)"): the authors, when they are the same
        _use_full_names(rec, full, full_at, author_cell, late)
    if doc_type:
        _finish_type(rec, doc_type, late, type_at, cols)
    if late:  # the extras in column order (a source's word for the type sits where its column is)
        kept.extend(late)
        kept.sort(key=_first)
    extras = [e for _, e in kept]
    for i in range(len(cols.kinds), n):  # a row longer than the header: its surplus cells, kept
        if value := cell_value(cells[i]):
            extras.append(Extra(EXTRA_FORMAT, f"column {i + 1}", value))
    if repeats:
        _add_repeats(extras, cols, repeats)
    if pages or packed:
        _finish_pages(rec, pages, packed)
        _fill_from_citation(rec, packed)
    for var in [v for v, x in fields.items() if not x]:  # a names or list cell of separators only
        del fields[var]
    rec.extra = extras
    return rec


def _use_full_names(rec: Record, full: list[Name], full_at: tuple[int, Extra] | None,
                    author_cell: tuple[int, Extra] | None, late: list[tuple[int, Extra]]) -> None:  # fmt: skip
    """The full names for the authors when they are as many and have the same family names (the short names' cell
    is then kept as its column's extra); else the full names stay an extra."""
    short = rec.fields.get("author", [])
    if not short or len(short) == len(full) and all(a.family == b.family for a, b in zip(short, full, strict=True)):
        rec.fields["author"] = full
        if author_cell is not None:
            late.append(author_cell)
    elif full_at is not None:
        late.append(full_at)


def _first(pair: tuple[int, Extra]) -> int:
    return pair[0]


def _add_repeats(extras: list[Extra], cols: Columns, repeats: list[str]) -> None:
    """``Funding Text 2``, ``Funding Text 3`` ... after the extra of ``Funding Text 1`` (or at the end)."""
    header = cols.headers[cols.repeat_at]  # type: ignore[index]
    stem, _, number = header.rpartition(" ")
    first = int(number) if number.isdecimal() else 1
    new = [Extra(EXTRA_FORMAT, f"{stem or header} {first + k}", v) for k, raw in enumerate(repeats, 1)
           if (v := cell_value(raw))]  # fmt: skip
    at = next((i + 1 for i, e in enumerate(extras) if e.key == header), len(extras))
    extras[at:at] = new


def _list(var: str, value: str, sep: str) -> Iterable[str]:
    if (items := json_list(value)) is not None:
        return items
    if var == "note":
        return [value]
    if var in ("ISSN", "ISBN"):  # "0167-739X; 1872-7115", "0167739X 18727115"; "1353-3452 (Linking)" is one
        out = []
        for part in _ISSN_SPLIT.split(value):
            words = part.split()
            out.extend(words if len(words) > 1 and all(_NUMBER_ID.fullmatch(w) for w in words) else [part.strip()])
        return [v for v in out if v]
    if var == "URL":
        if ";" not in value and "|" not in value and " " not in value:
            return [value]
        return [v for v in _URL_SPLIT.split(value) if v]
    parts = value.split(sep) if sep != ";" or ";" in value else [value]
    return [p for p in map(str.strip, parts) if p]


def _identifier(var: str, value: str) -> Any:
    if var == "PMID" and (m := _PMID.match(value)) is not None and m.end() < len(value):
        return m.group(0)  # Ovid's "29635641 [http://www.ncbi.nlm.nih.gov/pubmed/?term=29635641]"
    return value


@lru_cache(maxsize=256)
def _csl_type(name: str) -> str | None:
    return name if name in CSL_TYPES else None


def _finish_type(rec: Record, doc_type: str, late: list[tuple[int, Extra]], at: int, cols: Columns) -> None:
    """The CSL type of the source's document type; the source's own word (Scopus's ``Review``) stays an extra,
    unless it is the CSL type itself (msccite's own ``type`` column)."""
    csl = cols.types.get(doc_type.casefold()) or _csl_type(doc_type)
    if csl is not None:
        rec.type = csl
    if csl == doc_type:
        del late[at]


def _finish_pages(rec: Record, pages: dict[str, str], packed: dict[str, str]) -> None:
    first, last = pages.get("page-first", ""), pages.get("page-last", "")
    number = pages.get("article-number") or packed.get("number", "")
    if "page" in rec.fields:
        return
    if first:
        rec["page"] = f"{first}-{last}" if last and last != first else first
    elif packed.get("pages"):
        rec["page"] = packed["pages"]
    elif number:
        rec["page"] = number


def _fill_from_citation(rec: Record, packed: dict[str, str]) -> None:
    for part, var in (("volume", "volume"), ("issue", "issue"), ("doi", "DOI")):
        if packed.get(part) and var not in rec.fields:
            rec[var] = packed[part]
    if packed.get("journal") and "container-title" not in rec.fields:
        rec["container-title"] = packed["journal"]
    if "issued" not in rec.fields and packed.get("year"):
        rec["issued"] = Date.of(int(packed["year"]))
