"""Agreement with Zotero: msccite's readers against Zotero's own import translators on the same input.

    python benchmarks/zotero_agreement.py              # the table
    python benchmarks/zotero_agreement.py --verbose    # and every disagreement

The fixtures in ``tests/data/zotero/<format>/`` are the import test cases that Zotero publishes with its
translators (see that folder's README): ``NN.<ext>`` is the input, ``NN.expected.json`` the items Zotero
produces from it, cut down to the fields compared here. Each input is read with ``msccite.loads`` (format
detected from the text), twice: as read (``raw``) and normalized (``normalized``). Records are paired with
Zotero's items in order; a Zotero item with no record opposite compares against nothing.

Fields compared, each only where Zotero has a value: title; year (the first 4-digit run of Zotero's
``date`` against the year of ``issued``; ``0000``, Zotero's mark for a date without a year, is no value);
journal (``publicationTitle`` against ``container-title`` or ``container-title-short``: Zotero keeps the one
name the file gives, full or abbreviated, where msccite's normalizer holds both; compared without case,
punctuation, a leading "The" or ``&`` for "and": ``J.Neurosurg.`` = ``J Neurosurg``); volume; issue; pages (hyphens, en and
em dashes taken as the same character, spaces after commas set aside, ``82-82`` = ``82``); DOI;
authors (Zotero's primary creators, as the list of family names each with the first letter of the given
name, against ``author``, or the CSL variable of that creator type when the record has no ``author``).
Text is compared after Unicode NFC, white space collapsed and HTML tags stripped; titles, journals, names
and DOIs without regard to case, and titles and journals without a final period (how a title is cased and
ended is the citation style's business, and both sides change it: Zotero drops PubMed's final period and
title-cases its journals, msccite's normalizer drops final periods). Agreement is equal / compared.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import msccite

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import markdown_table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent / "tests" / "data" / "zotero"
#: Cases that are no export of real records: an EndNote and a ProCite export of every reference type with each
#: field's label as its value (``M1  - Issue``, ``VL  - Volume ID``). They test where a tag goes; msccite reads
#: a type-dependent tag as a number only when its value looks like one, so a label stays an extra there.
LABEL_DUMPS = frozenset({"ris/03.ris", "ris/05.ris"})
#: The folders read first, in this order; any other folder under ROOT (a format added later) follows, by name.
FORMATS = ("ris", "bibtex", "pubmed-xml", "medline", "endnote-xml", "wos", "endnote")
FIELDS = ("title", "year", "journal", "volume", "issue", "pages", "DOI", "authors")
MODES = ("raw", "normalized")

#: Zotero's primary creator type of an item type (every other type: ``author``), and the CSL variable
#: msccite may hold those creators in when a record has no ``author``.
PRIMARY = {"artwork": "artist", "audioRecording": "performer", "bill": "sponsor", "computerProgram": "programmer",
           "film": "director", "interview": "interviewee", "map": "cartographer", "patent": "inventor",
           "podcast": "podcaster", "presentation": "presenter", "radioBroadcast": "director",
           "tvBroadcast": "director", "videoRecording": "director"}  # fmt: skip
CSL_OF = {"director": "director", "performer": "performer", "composer": "composer", "interviewee": "author"}

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_YEAR = re.compile(r"\d{4}")
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"})


def clean(value: Any) -> str:
    """Text as compared: NFC, HTML tags stripped, white space collapsed and trimmed."""
    text = unicodedata.normalize("NFC", str(value))
    return _SPACE.sub(" ", _TAG.sub("", text)).strip()


def _name_key(family: str, given: str) -> str:
    family, given = clean(family), clean(given)
    return f"{family} {given[:1]}".strip()


def zotero_fields(item: dict[str, Any]) -> dict[str, Any]:
    """The compared values of one Zotero item; a field Zotero has no value for is left out."""
    out: dict[str, Any] = {}
    for key, field in (("title", "title"), ("publicationTitle", "journal"), ("volume", "volume"),
                       ("issue", "issue"), ("pages", "pages"), ("DOI", "DOI")):  # fmt: skip
        if clean(item.get(key) or ""):
            out[field] = clean(item[key])
    year = _YEAR.search(item.get("date") or "")
    if year and year.group() != "0000":
        out["year"] = year.group()
    primary = PRIMARY.get(item.get("itemType", ""), "author")
    names = [_name_key(c["name"], "") if "name" in c else _name_key(c.get("lastName", ""), c.get("firstName", ""))
             for c in item.get("creators", []) if c.get("creatorType", "author") == primary]  # fmt: skip
    if names:
        out["authors"] = names
    return out


def msccite_fields(rec: msccite.model.Record | None, item_type: str) -> dict[str, Any]:
    """The same values read from an msccite record (``None``: no record opposite the item)."""
    if rec is None:
        return {}
    out: dict[str, Any] = {}
    for key, field in (("title", "title"), ("container-title", "journal"), ("volume", "volume"),
                       ("issue", "issue"), ("page", "pages"), ("DOI", "DOI")):  # fmt: skip
        value = rec.get(key)
        if field == "journal":
            names = [clean(v) for v in (value, rec.get("container-title-short")) if v not in (None, "")]
            if names:
                out[field] = names
            continue
        if value not in (None, "", []):
            out[field] = clean(value)
    if rec.year is not None:
        out["year"] = f"{rec.year:04d}"
    names = rec.get("author") or []
    if not names:
        csl = CSL_OF.get(PRIMARY.get(item_type, "author"))
        names = rec.get(csl) if csl else []
    keys = []
    for n in names or []:
        if n.literal:
            keys.append(_name_key(n.literal, ""))
        else:
            family = " ".join(p for p in (n.dropping_particle, n.non_dropping_particle, n.family) if p)
            keys.append(_name_key(family, n.given))
    if keys:
        out["authors"] = keys
    return out


def _same(field: str, zotero: Any, ours: Any) -> bool:
    if ours is None:
        return False
    if field == "pages":
        return _pages_key(zotero) == _pages_key(ours)
    if field == "journal":
        return any(_journal_key(zotero) == _journal_key(name) for name in ours)
    if field == "title":
        return zotero.rstrip(".").casefold() == ours.rstrip(".").casefold()
    if field in ("DOI", "authors"):
        return str(zotero).casefold() == str(ours).casefold()
    return zotero == ours


def _journal_key(name: str) -> str:
    """A journal's name without case, punctuation or a leading "The", ``&`` read as ``and``: ``J.Neurosurg.`` =
    ``J Neurosurg``, ``Personality & Individual Differences`` = ``Personality and Individual Differences``."""
    words = re.sub(r"[^\w]+", " ", name.casefold().replace("&", " and ")).split()
    return " ".join(words[1:] if len(words) > 1 and words[0] == "the" else words)


def _pages_key(pages: str) -> str:
    """Pages with one dash, no space after a comma, and a range that ends where it starts as that page."""
    parts = pages.translate(_DASHES).replace(", ", ",").split(",")
    return ",".join(p.split("-")[0] if p.count("-") == 1 and len(set(p.split("-"))) == 1 else p for p in parts)


def _read(text: str, source: str, normalize: bool) -> tuple[list[Any], str | None, str | None]:
    """The records msccite reads from ``text``, the detected format, and the error if reading failed."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            recs = msccite.loads(text, source=source, normalize=normalize, errors="collect")
        except Exception as exc:  # a reader that fails reads nothing: every Zotero field then disagrees
            return [], None, f"{type(exc).__name__}: {exc}"
    return list(recs), recs.format, None


def fixtures(root: Path) -> Iterable[tuple[str, Path, Path]]:
    """``(format, input, expected)`` for every fixture under ``root``, in order."""
    others = sorted(d.name for d in root.iterdir() if d.is_dir() and d.name not in FORMATS) if root.is_dir() else []
    for fmt in (*FORMATS, *others):
        folder = root / fmt
        if not folder.is_dir():
            continue
        for expected in sorted(folder.glob("*.expected.json")):
            stem = expected.name[: -len(".expected.json")]
            inputs = [p for p in folder.glob(stem + ".*") if p != expected]
            if inputs:
                yield fmt, inputs[0], expected


def _tally() -> dict[str, Any]:
    return {"cases": 0, "items_zotero": 0, "items_msccite": 0, "compared": 0, "equal": 0}


def _ratio(t: dict[str, Any]) -> None:
    t["agreement"] = round(100 * t["equal"] / t["compared"], 1) if t["compared"] else None


def agreement(root: str | Path = ROOT) -> dict[str, Any]:
    """Compare every fixture under ``root``; per mode (``raw``, ``normalized``): totals, per format, per field,
    the disagreements (file, item, field, zotero, msccite) and the problems: inputs msccite failed to read,
    detected as another format, or read into another number of records than Zotero's items."""
    root = Path(root)
    result: dict[str, Any] = {}
    for mode in MODES:
        total, per_format, real = _tally(), {}, _tally()
        per_field = {f: {"compared": 0, "equal": 0} for f in FIELDS}
        disagreements: list[dict[str, Any]] = []
        problems: list[dict[str, Any]] = []
        for fmt, path, expected in fixtures(root):
            items = json.loads(expected.read_text(encoding="utf-8"))
            with path.open(encoding="utf-8", newline="") as f:
                text = f.read()
            recs, detected, error = _read(text, path.name, mode == "normalized")
            name = f"{fmt}/{path.name}"
            if error or detected != fmt and not (fmt == "bibtex" and detected == "biblatex"):
                problems.append({"file": name, "detected": detected, "error": error})
            elif len(recs) != len(items):
                counts = f"{len(recs)} records, Zotero {len(items)} items"
                problems.append({"file": name, "detected": detected, "error": counts})
            t = per_format.setdefault(fmt, _tally())
            tallies = (t, total) if name in LABEL_DUMPS else (t, total, real)
            for tally in tallies:
                tally["cases"] += 1
                tally["items_zotero"] += len(items)
                tally["items_msccite"] += len(recs)
            for i, item in enumerate(items):
                rec = recs[i] if i < len(recs) else None
                zf, mf = zotero_fields(item), msccite_fields(rec, item.get("itemType", ""))
                for field in FIELDS:
                    if field not in zf:
                        continue
                    ok = _same(field, zf[field], mf.get(field))
                    for tally in (*tallies, per_field[field]):
                        tally["compared"] += 1
                        tally["equal"] += ok
                    if not ok:
                        ours = mf.get(field) if rec is not None else "(no record)"
                        disagreements.append({"file": name, "item": i + 1, "field": field, "zotero": zf[field],
                                              "msccite": ours})  # fmt: skip
        for tally in (total, real, *per_format.values(), *per_field.values()):
            _ratio(tally)
        result[mode] = {"total": total, "real exports": real, "formats": per_format, "fields": per_field,
                        "disagreements": disagreements, "problems": problems}  # fmt: skip
    return result


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def report(result: dict[str, Any], verbose: bool = False) -> str:
    raw, norm = result["raw"], result["normalized"]
    rows = []
    for fmt, t in raw["formats"].items():
        n = norm["formats"][fmt]
        rows.append([fmt, str(t["cases"]), f"{t['items_zotero']}/{t['items_msccite']}", str(t["compared"]),
                     _pct(t["agreement"]), _pct(n["agreement"])])  # fmt: skip
    for label, key in (("**total**", "total"), ("**real exports** (without the label dumps)", "real exports")):
        t, n = raw[key], norm[key]
        rows.append([label, str(t["cases"]), f"{t['items_zotero']}/{t['items_msccite']}", str(t["compared"]),
                     _pct(t["agreement"]), _pct(n["agreement"])])  # fmt: skip
    header = ["format", "cases", "items (zotero/msccite)", "fields compared", "agreement % (raw)",
              "agreement % (normalized)"]  # fmt: skip
    out = [markdown_table(header, rows), ""]
    frows = [[f, str(raw["fields"][f]["compared"]), _pct(raw["fields"][f]["agreement"]),
              _pct(norm["fields"][f]["agreement"])] for f in FIELDS]  # fmt: skip
    out += [markdown_table(["field", "compared", "agreement % (raw)", "agreement % (normalized)"], frows), ""]
    for mode in MODES:
        for p in result[mode]["problems"]:
            out.append(f"{mode}: {p['file']}: " + (p["error"] or f"detected as {p['detected']}"))
    if verbose:
        for mode in MODES:
            out += ["", f"## Disagreements ({mode}): {len(result[mode]['disagreements'])}", ""]
            for d in result[mode]["disagreements"]:
                out.append(f"{d['file']} #{d['item']} {d['field']}: zotero {d['zotero']!r} | msccite {d['msccite']!r}")
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="folder of the fixtures (default: tests/data/zotero)")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every disagreement")
    parser.add_argument("--json", action="store_true", help="print the result of agreement() as JSON")
    args = parser.parse_args(argv)
    result = agreement(args.root)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        sys.stdout.write(report(result, args.verbose))


if __name__ == "__main__":
    main()
