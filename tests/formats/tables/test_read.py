"""The tables reader and writer (csv, tsv, xlsx): the real exports in the shared corpus checked against the files
read independently (Python's csv module, each source's own columns), then one quirk per hand-written input, the
writers, and round trips."""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import msccite
from msccite import Date, Name
from msccite.errors import ParseError
from paths import CORPUS, EXPORTS
from strategies import records

# -- the real exports ---------------------------------------------------------------------------------
#: folder -> the source whose columns the test reads itself
FOLDERS = {
    "scopus_csv": "scopus",
    "wos_tab": "wos",
    "pubmed_csv": "pubmed",
    "embase_csv": "embase",
    "embase_csv_ovid": "ovid",
    "openalex_csv": "openalex",
    "zotero_csv": "zotero",
}
LENS = CORPUS / "_baseline.csv"
LENS_RECORDS = 100  # tests/data/corpus/README.md: the Lens export of the corpus's 100 baseline records
SAMPLES = sorted(p for folder in FOLDERS if (EXPORTS / folder).is_dir() for p in (EXPORTS / folder).iterdir()
                 if p.name != "PROVENANCE.md") + ([LENS] if LENS.exists() else [])  # fmt: skip
NO_VALUE = {"", "NA", "N/A", "[No author name available]", "[No abstract available]", "[No title available]"}


def source_of(path: Path) -> str:
    return "lens" if path == LENS else FOLDERS[path.parent.name]


def provenance_counts(folder: Path) -> dict[str, int]:
    """file name -> records, from the folder's PROVENANCE.md table: the last cell's first number
    (``| `x.csv` | ... | 220 (41) |``)."""
    text = (folder / "PROVENANCE.md").read_text(encoding="utf-8")
    counts: dict[str, int] = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.lstrip().startswith("|") and len(cells) > 2 and cells[0].startswith("`"):
            number = re.search(r"\d[\d,]*", cells[-1])
            if number:
                counts[cells[0].strip("`")] = int(number.group(0).replace(",", ""))
    return counts


def expected_count(path: Path) -> int:
    if path == LENS:
        return LENS_RECORDS
    counts = provenance_counts(path.parent)
    assert path.name in counts, f"{path.name} is not listed in its PROVENANCE.md"
    return counts[path.name]


def _cp1252_bytes(err: UnicodeDecodeError) -> tuple[str, int]:
    return err.object[err.start : err.end].decode("cp1252", errors="replace"), err.end


codecs.register_error("tables-test-cp1252", _cp1252_bytes)


def file_text(path: Path) -> str:
    """The file as text: UTF-8 (a BOM dropped), a byte that is not UTF-8 read as Windows-1252 (Ovid's exports)."""
    return path.read_bytes().decode("utf-8-sig", errors="tables-test-cp1252")


def file_rows(path: Path) -> list[dict[str, str]]:
    """The file's records as the csv module reads them, each a dict header -> cell (the Embase rows layout: each
    block's ``FIELD NAME`` -> its values joined by ``, ``)."""
    text = file_text(path)
    if source_of(path) == "wos":  # tab-delimited, no quoting: a quote is a quote
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE))
        header = [h.strip() for h in rows[0]]
        return [dict(zip(header, row)) for row in rows[1:] if any(c.strip() for c in row)]
    delimiter = "\t" if text.split("\n", 1)[0].count("\t") > text.split("\n", 1)[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if rows and rows[0] and rows[0][0].strip() == "TITLE":  # Embase's fields in rows, a blank line between records
        blocks: list[dict[str, str]] = []
        block: dict[str, str] = {}
        for row in rows + [[]]:
            if not any(c.strip() for c in row):
                if block:
                    blocks.append(block)
                block = {}
                continue
            block[row[0].strip()] = ", ".join(c for c in row[1:] if c.strip())
        return blocks
    header = [h.strip() for h in rows[0]]
    return [dict(zip(header, row)) for row in rows[1:] if any(c.strip() for c in row)]


def _cell(row: dict[str, str], *names: str) -> str:
    for name in names:
        value = (row.get(name) or "").strip()
        if value not in NO_VALUE:
            return value
    return ""


def _first(cell: str, seps: str) -> str:
    return re.split(f"[{re.escape(seps)}]", cell, maxsplit=1)[0].strip() if cell else ""


def _family_first_initials(name: str) -> str:
    """``Phillips J.C.`` -> ``Phillips``: the words before the initials."""
    words = name.split()
    return " ".join(words[:-1]) if len(words) > 1 else name


def _given_first(name: str) -> str:
    """``Björn A. Blomberg`` -> ``Blomberg``."""
    return name.split()[-1] if name else ""


def _family_zotero(name: str) -> str:
    """Zotero: ``Surname, Given``; this library's single-field ``Surname Given M`` -> ``Surname``."""
    return name.split(",")[0].strip() if "," in name else (name.split()[0] if name else "")


def expected(source: str, row: dict[str, str]) -> dict[str, str]:
    """What the record of ``row`` must hold: title, the first author's family name, year, DOI, PMID, each where the
    source has the column and the row a value, taken from the source's own columns."""
    c = lambda *names: _cell(row, *names)  # noqa: E731
    if source == "scopus":
        out = {"title": c("Title"), "family": _family_first_initials(_first(c("Authors"), ",;")), "year": c("Year"),
               "doi": c("DOI"), "pmid": c("PubMed ID")}  # fmt: skip
    elif source == "wos":
        out = {"title": c("TI"), "family": _first(c("AU"), ";").split(",")[0].strip(), "year": c("PY"),
               "doi": c("DI"), "pmid": c("PM")}  # fmt: skip
    elif source == "pubmed":
        out = {"title": c("Title"), "family": _family_first_initials(_first(c("Authors"), ",")),
               "year": c("Publication Year"), "doi": c("DOI"), "pmid": c("PMID")}  # fmt: skip
    elif source == "embase":
        out = {"title": c("Title", "TITLE"), "family": _family_first_initials(_first(c("Author Names", "AUTHOR NAMES"),
                                                                                     ",")),
               "year": c("Publication Year", "PUBLICATION YEAR"), "doi": c("DOI"), "pmid": c("Medline PMID",
                                                                                            "MEDLINE PMID")}  # fmt: skip
    elif source == "ovid":
        out = {"title": c("TI"), "family": _family_first_initials(_first(c("AU"), "\n")), "year": c("YR"),
               "doi": c("DO"), "pmid": c("PM")}  # fmt: skip
    elif source == "openalex":
        out = {"title": c("display_name"), "family": _given_first(_first(c("authorships.author.display_name"), "|")),
               "year": c("publication_year"), "doi": c("doi"), "pmid": c("ids.pmid")}  # fmt: skip
    elif source == "zotero":
        out = {"title": c("Title"), "family": _family_zotero(_first(c("Author"), ";")),
               "year": c("Publication Year", "Date"), "doi": c("DOI")}  # fmt: skip
    elif source == "lens":
        out = {"title": c("Title"), "family": _given_first(_first(c("Author/s"), ";")), "year": c("Publication Year"),
               "doi": c("DOI"), "pmid": c("PMID")}  # fmt: skip
    else:
        raise AssertionError(source)
    if out.get("year"):
        m = re.search(r"\d{4}", out["year"])
        out["year"] = m.group(0) if m else ""
    if out.get("pmid"):
        m = re.search(r"\d+", out["pmid"].replace("https://pubmed.ncbi.nlm.nih.gov/", ""))
        out["pmid"] = m.group(0) if m else ""
    if out.get("doi"):
        out["doi"] = re.sub(r"^https?://(dx\.)?doi\.org/", "", out["doi"]).casefold()
    return {k: " ".join(v.split()) for k, v in out.items() if v}


def _families(name: Name) -> set[str]:
    """The forms of a name's family the test accepts: the family, with its particle, a body's literal name."""
    out = {name.family or "", " ".join(p for p in (name.non_dropping_particle, name.family) if p),
           " ".join(p for p in (name.dropping_particle, name.non_dropping_particle, name.family) if p),
           name.literal or ""}  # fmt: skip
    return {" ".join(f.split()).casefold() for f in out if f}


def found(rec, field: str) -> object:
    """The record's value of one checked field, in the form :func:`expected` gives."""
    if field == "title":
        return " ".join((rec.get("title") or "").split())
    if field == "family":
        authors = rec.get("author") or []
        return _families(authors[0]) if authors else set()
    if field == "year":
        issued = rec.get("issued")
        return str(issued.year) if issued is not None and issued.year is not None else None
    if field == "doi":
        doi = rec.get("DOI")
        return re.sub(r"^https?://(dx\.)?doi\.org/", "", doi).casefold() if doi else None
    if field == "pmid":
        pmid = rec.get("PMID") or ""
        m = re.search(r"\d+", pmid.replace("https://pubmed.ncbi.nlm.nih.gov/", ""))
        return m.group(0) if m else None
    raise AssertionError(field)


def agreement(path: Path) -> tuple[dict[str, list[str]], dict[str, int]]:
    """Per checked field: the rows whose record disagrees with the file (as messages), and the rows checked."""
    recs = msccite.read(path, errors="collect")
    rows = file_rows(path)
    assert len(recs) == len(rows), (len(recs), len(rows))
    source = source_of(path)
    misses: dict[str, list[str]] = {}
    checked: dict[str, int] = {}
    for n, (rec, row) in enumerate(zip(recs, rows, strict=True), 1):
        for field, want in expected(source, row).items():
            checked[field] = checked.get(field, 0) + 1
            got = found(rec, field)
            ok = want.casefold() in got if field == "family" else got == want
            if not ok:
                misses.setdefault(field, []).append(f"row {n} (line {rec.source.line}): {field} {want!r} != {got!r}")
    return misses, checked


def test_samples_are_present():
    assert SAMPLES, f"no table exports found under {EXPORTS}"
    assert {source_of(p) for p in SAMPLES} >= {"scopus", "wos", "lens"}


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_is_detected_and_read_whole(path):
    recs = msccite.read(path, errors="collect")
    assert recs.format == "csv"
    assert len(recs) == expected_count(path)
    assert [str(p) for p in recs.problems if p.severity == "error"] == []
    assert msccite.detect(file_text(path)) == "csv"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_agrees_with_its_own_columns(path):
    """Title, first author's family name, year, DOI, PMID: at least 99% of the rows agree, field by field."""
    misses, checked = agreement(path)
    assert {"title", "family"} <= set(checked), checked
    bad = {f: m for f, m in misses.items() if len(m) > 0.01 * checked[f]}
    assert not bad, "\n".join(f"{f}: {len(m)} of {checked[f]} rows disagree:\n  " + "\n  ".join(m[:30])
                              for f, m in bad.items())  # fmt: skip
