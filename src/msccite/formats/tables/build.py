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
from ...model import CSL_ORDER, CSL_TYPES, DATE_VARIABLES, NAME_VARIABLES, Date, Extra, Name, Record
from ...names import is_initials, parse_name
from ...normalization.identifiers import TRIALS_KEY, find_trial_ids
from ..carriers import parse_date, read_carrier
from ..trials import TRIAL_KEY
from .citation import parse_citation
from .maps import key
from .parse import cell_value

__all__ = ["EXTRA_FORMAT", "CARRIED_COLUMN", "Columns", "build", "split_names"]

#: The format name of a table's extras (its columns no map names): what the csv, tsv and xlsx writers write back.
EXTRA_FORMAT = "csv"
#: msccite's column for what a table has no column for, written with ``--lossless``: one ``[ns:key] value`` a line.
CARRIED_COLUMN = "msccite:carried"
_CSL_NAMES = {v.casefold(): v for v in CSL_ORDER}
_LISTS = {"keyword", "ISSN", "ISBN", "URL", "note"}
_LIST_FACTS = {"phase", "conditions", "interventions"}
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
        self.names = getattr(source, "NAMES", "auto")
        self.order = getattr(source, "ORDER", "family-first")
        self.list_sep = getattr(source, "LIST_SEP", ";")
        self.types = {k.casefold(): v for k, v in getattr(source, "TYPES", {}).items()}
        self.default_type = getattr(source, "DEFAULT_TYPE", "article-journal")
        repeated = {key(h) for h in getattr(source, "REPEATED", ())}
        #: The column the source repeats in its rows but names once in its header (Scopus's Funding Text 1).
        self.repeat_at = next((i for i, h in enumerate(self.headers) if key(h) in repeated), None)


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
    if how != "auto":
        return [p.strip() for p in cell.split(how) if p.strip()]
    if ";" in cell:
        return [p.strip() for p in cell.split(";") if p.strip()]
    if "\n" in cell:
        return [p.strip() for p in cell.split("\n") if p.strip()]
    parts = [p.strip() for p in cell.rstrip(".").split(",")] if "," in cell else [cell.strip()]
    if len(parts) > 1 and all(_vancouver(p) for p in parts if p):
        return [p for p in parts if p]
    return [cell.strip()]


def _vancouver(part: str) -> bool:
    words = part.split()
    return len(words) > 1 and is_initials(words[-1])


def read_name(text: str, order: str = "family-first") -> Name:
    """One name of a names cell. msccite's own marks: ``{Body}`` a body (a literal name), ``{de Sousa Junior},
    Rafael`` a family name kept whole (no particle split off)."""
    if text.startswith("{") and text.endswith("}") and text.count("{") == 1:
        return Name(literal=text[1:-1].strip())
    if text.startswith("{") and "}," in text:
        family, _, rest = text[1:].partition("},")
        given, _, suffix = (p.strip() for p in rest.partition(","))
        return Name(family=family.strip(), given=given, suffix=suffix)
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
    return [read_name(text, order) for text in split_names(cell, how)]


def _date(text: str) -> Date:
    if text.startswith("{") and text.endswith("}"):  # msccite's own: a CSL-JSON date (a range, a season)
        try:
            return Date.from_csl(json.loads(text))
        except (ValueError, TypeError, AttributeError):
            return Date(raw=text)
    d = parse_date(text.replace(" ", "T", 1).split("T")[0] if text[:4].isdigit() else text)
    return d if d.parts else Date(raw=text)


def _precision(d: Date) -> int:
    return len(d.parts[0]) if d.parts else 0


def _same_year(a: Date, b: Date) -> bool:
    return a.year is not None and a.year == b.year


def build(cols: Columns, cells: list[str], line: int, ctx: ReadContext, repeats: list[str] = ()) -> Record:  # type: ignore[assignment]
    """The record of one row (``cells``), which starts at ``line``; ``repeats``: the further values of the map's
    repeated column (``Funding Text 2``, ``3`` ...), kept as extras after it."""
    rec = Record(cols.default_type, source=ctx.where(line))
    extras: list[Extra] = []
    pages: dict[str, str] = {}
    packed: dict[str, str] = {}
    doc_type = ""
    type_at = -1
    width = len(cols.headers)
    for i, raw in enumerate(cells):
        value = cell_value(raw)
        if not value:
            continue
        if i >= width:
            extras.append(Extra(EXTRA_FORMAT, f"column {i + 1}", value))
            continue
        spec, header = cols.specs[i], cols.headers[i]
        if spec.startswith("-"):
            extras.append(Extra(EXTRA_FORMAT, header[4:] if header.startswith("csv:") else header, value))
        elif spec == "id":
            rec.id = value
        elif spec == "type":
            if not doc_type:
                doc_type, type_at = value, len(extras)
            extras.append(Extra(EXTRA_FORMAT, header, value))  # taken off again when it is the CSL type itself
        elif spec in ("page-first", "page-last", "article-number"):
            pages[spec] = value
        elif spec == "citation":
            packed = parse_citation(value)
            extras.append(Extra(EXTRA_FORMAT, header, value))
        elif spec == "trial-registrations":
            parts = json_list(value) or [v.strip() for v in _ID_SPLIT.split(value) if v.strip()]
            ids = [i for part in parts for i in (find_trial_ids(part) or [part])]
            rec.custom[TRIALS_KEY] = list(dict.fromkeys([*rec.custom.get(TRIALS_KEY, []), *ids]))
        elif spec.startswith("trial:"):
            fact = spec[6:]
            facts = rec.custom.setdefault(TRIAL_KEY, {})
            if fact in _LIST_FACTS:
                facts[fact] = json_list(value) or [v.strip() for v in value.split("; ") if v.strip()]
            else:
                facts[fact] = value
        elif spec == "carried":
            other: list[tuple[int, Extra]] = []
            for note in json_list(value) or value.split("\n"):
                if note.strip() and not read_carrier(rec, note, line, ctx, other):
                    other.append((line, Extra(EXTRA_FORMAT, header, note)))
            extras.extend(e for _, e in other)
        elif spec in NAME_VARIABLES:
            for name in read_names(value, cols.names, cols.order):
                rec.add(spec, name)
        elif spec in DATE_VARIABLES:
            d, before = _date(value), rec.fields.get(spec)
            if before is None or _same_year(d, before) and _precision(d) >= _precision(before):
                rec[spec] = d  # a year column, then a date column of that year: the date
            elif d != before:
                extras.append(Extra(EXTRA_FORMAT, header, value))
        elif spec in _LISTS:
            for item in _list(spec, value, cols.list_sep):
                rec.add(spec, item)
        elif spec in rec.fields:
            extras.append(Extra(EXTRA_FORMAT, header, value))
        else:
            rec[spec] = _identifier(spec, value)
    if repeats:
        _add_repeats(extras, cols, repeats)
    if doc_type:
        _finish_type(rec, doc_type, type_at, cols, extras)
    _finish_pages(rec, pages, packed)
    _fill_from_citation(rec, packed)
    rec.extra = extras
    return rec


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
        return [v for v in _URL_SPLIT.split(value) if v]
    parts = value.split(sep) if sep != ";" or ";" in value else [value]
    return [p.strip() for p in parts if p.strip()]


def _identifier(var: str, value: str) -> Any:
    if var == "PMID" and (m := _PMID.match(value)) is not None and m.end() < len(value):
        return m.group(0)  # Ovid's "29635641 [http://www.ncbi.nlm.nih.gov/pubmed/?term=29635641]"
    return value


@lru_cache(maxsize=256)
def _csl_type(name: str) -> str | None:
    return name if name in CSL_TYPES else None


def _finish_type(rec: Record, doc_type: str, at: int, cols: Columns, extras: list[Extra]) -> None:
    """The CSL type of the source's document type; the source's own word (Scopus's ``Review``) stays an extra,
    unless it is the CSL type itself (msccite's own ``type`` column)."""
    csl = cols.types.get(doc_type.casefold()) or _csl_type(doc_type)
    if csl is not None:
        rec.type = csl
    if csl == doc_type:
        del extras[at]


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
