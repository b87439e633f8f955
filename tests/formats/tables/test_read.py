"""The tables reader and writers (csv, tsv, xlsx).

- the real exports of the shared corpus (and the Lens baseline): detected, read whole, and checked value by value
  against the file read independently with Python's :mod:`csv` module through each source's own columns;
- one quirk per hand-written input;
- the writers: formula-looking cells, XLSX through openpyxl and back, a workbook openpyxl wrote, a zip that is none;
- round trips: Hypothesis records through csv, tsv and xlsx with ``lossless=True``; the real samples through csv.

Each bug these tests found has its test, named for what it pins.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

import msccite
from msccite import Date, Name, Record
from msccite.errors import ParseError
from paths import CORPUS, EXPORTS
from strategies import records

# -- the real exports ---------------------------------------------------------------------------------
#: folder of the shared corpus -> the source whose own columns the test reads
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
#: What the test itself takes as no value (R's NA, Scopus's placeholders), independently of msccite's list.
NO_VALUE = {"", "NA", "N/A", "[No author name available]", "[No abstract available]", "[No title available]"}
DOI_PREFIX = re.compile(r"^https?://(?:dx\.)?doi\.org/", re.I)
PUBMED_PREFIX = "https://pubmed.ncbi.nlm.nih.gov/"


def source_of(path: Path) -> str:
    return "lens" if path == LENS else FOLDERS[path.parent.name]


def provenance_counts(folder: Path) -> dict[str, int]:
    """file name -> records, from the folder's PROVENANCE.md table: the first number of the row's last cell
    (``| `litstudy_scopus.csv` | ... | 58 (45) |``)."""
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


def _cp1252_bytes(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    return err.object[err.start : err.end].decode("cp1252", errors="replace"), err.end


codecs.register_error("tables-test-cp1252", _cp1252_bytes)


def file_text(path: Path) -> str:
    """The file as text: UTF-8 (a BOM dropped), a byte that is not UTF-8 read as Windows-1252 (Ovid's exports)."""
    return path.read_bytes().decode("utf-8-sig", errors="tables-test-cp1252")


def file_rows(path: Path) -> list[dict[str, str]]:
    """The file's records as the csv module reads them, each a dict header -> cell (Embase's rows layout: each
    block's ``FIELD NAME`` -> its values joined by ``, ``)."""
    text = file_text(path)
    if source_of(path) == "wos":  # tab-delimited, no quoting: a quote is a quote
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE))
    else:
        first = text.split("\n", 1)[0]
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if rows and rows[0] and rows[0][0].strip() == "TITLE":  # Embase's fields in rows, a blank line between records
        blocks: list[dict[str, str]] = []
        block: dict[str, str] = {}
        for row in [*rows, []]:
            if not any(c.strip() for c in row):
                if block:
                    blocks.append(block)
                block = {}
            else:
                block[row[0].strip()] = ", ".join(c for c in row[1:] if c.strip())
        return blocks
    header = [h.strip() for h in rows[0]]
    return [dict(zip(header, row, strict=False)) for row in rows[1:] if any(c.strip() for c in row)]


def _first(cell: str, seps: str) -> str:
    return re.split(f"[{re.escape(seps)}]", cell, maxsplit=1)[0].strip() if cell else ""


def _before_initials(name: str) -> str:
    """``Phillips J.C.`` -> ``Phillips`` (Vancouver: the words before the initials)."""
    words = name.split()
    return " ".join(words[:-1]) if len(words) > 1 else name


def _last_word(name: str) -> str:
    """``Björn A. Blomberg`` -> ``Blomberg`` (given first)."""
    return name.split()[-1] if name.split() else ""


def _first_word(name: str) -> str:
    """``de Vasconcelos Sonia Maria Ramos`` -> ``de Vasconcelos`` (family first, no comma: the first word and the
    lower-case particles before it)."""
    words = name.split()
    i = 0
    while i < len(words) - 1 and words[i].islower():
        i += 1
    return " ".join(words[: i + 1])


def _before_comma(name: str) -> str:
    return name.split(",")[0].strip()


def expected(source: str, row: dict[str, str]) -> dict[str, str | tuple[str, ...]]:
    """What the record of ``row`` must hold, from the source's own columns: ``title``, ``family`` (the forms of the
    first author's family name accepted), ``year``, ``doi``, ``pmid``; each only where the source has the column and
    the row a value."""

    def c(*names: str) -> str:
        for name in names:
            value = (row.get(name) or "").strip()
            if value not in NO_VALUE:
                return value
        return ""

    if source == "scopus":
        out = {"title": c("Title"), "family": _before_initials(_first(c("Authors"), ",;")), "year": c("Year"),
               "doi": c("DOI"), "pmid": c("PubMed ID")}  # fmt: skip
    elif source == "wos":
        # msccite reads WoS's full names (AF) where it has them: AU's short form and AF's form are both the family;
        # an AF name without a comma ("Dong Bo") is kept whole.
        out = {"title": c("TI"), "family": (_before_comma(_first(c("AU"), ";")), _before_comma(_first(c("AF"), ";"))),
               "year": c("PY"), "doi": c("DI"), "pmid": c("PM")}  # fmt: skip
    elif source == "pubmed":
        out = {"title": c("Title"), "family": _before_initials(_first(c("Authors"), ",")),
               "year": c("Publication Year"), "doi": c("DOI"), "pmid": c("PMID")}  # fmt: skip
    elif source == "embase":
        out = {"title": c("Title", "TITLE"), "family": _before_initials(_first(c("Author Names", "AUTHOR NAMES"), ",")),
               "year": c("Publication Year", "PUBLICATION YEAR"), "doi": c("DOI"),
               "pmid": c("Medline PMID", "MEDLINE PMID")}  # fmt: skip
    elif source == "ovid":
        out = {"title": c("TI"), "family": _before_initials(_first(c("AU"), "\n")), "year": c("YR"), "doi": c("DO"),
               "pmid": c("PM")}  # fmt: skip
    elif source == "openalex":
        out = {"title": c("display_name"), "family": _last_word(_first(c("authorships.author.display_name"), "|")),
               "year": c("publication_year"), "doi": c("doi"), "pmid": c("ids.pmid")}  # fmt: skip
    elif source == "zotero":
        # "Surname, Given"; a name without a comma is "Surname Given M" (this library's single-field names)
        first = _first(c("Author"), ";")
        out = {"title": c("Title"), "family": _before_comma(first) if "," in first else _first_word(first),
               "year": c("Publication Year", "Date"), "doi": c("DOI")}  # fmt: skip
    elif source == "lens":
        out = {"title": c("Title"), "family": _last_word(_first(c("Author/s"), ";")), "year": c("Publication Year"),
               "doi": c("DOI"), "pmid": c("PMID")}  # fmt: skip
    else:
        raise AssertionError(source)
    if out.get("year"):
        out["year"] = m.group(0) if (m := re.search(r"\d{4}", out["year"])) else ""
    if out.get("pmid"):
        out["pmid"] = m.group(0) if (m := re.search(r"\d+", out["pmid"].replace(PUBMED_PREFIX, ""))) else ""
    if out.get("doi"):
        out["doi"] = DOI_PREFIX.sub("", out["doi"]).casefold()
    if isinstance(out["family"], str):
        out["family"] = (out["family"],)
    out["family"] = tuple(" ".join(f.split()).casefold() for f in out["family"] if f)
    return {k: v if isinstance(v, tuple) else " ".join(v.split()) for k, v in out.items() if v}


def _family_forms(name: Name) -> set[str]:
    """The forms of a name's family the test accepts: the family, with its particles, a literal name whole."""
    forms = {name.family or "", " ".join(p for p in (name.non_dropping_particle, name.family) if p),
             " ".join(p for p in (name.dropping_particle, name.non_dropping_particle, name.family) if p),
             name.literal or ""}  # fmt: skip
    # a name written without a comma ("Teixeira da Silva Jaime A", "Van der Walt Wynand") gives its first word as the
    # test's expectation; the reader rightly keeps the whole family
    forms.add(" ".join(p for p in (name.non_dropping_particle, name.family) if p).split(" ")[0])
    return {" ".join(f.split()).casefold() for f in forms if f}


def found(rec: Record, field: str) -> object:
    """The record's value of one checked field, in the form :func:`expected` gives."""
    if field == "title":
        return " ".join((rec.get("title") or "").split())
    if field == "family":
        authors = rec.get("author") or []
        return _family_forms(authors[0]) if authors else set()
    if field == "year":
        issued = rec.get("issued")
        return str(issued.year) if issued is not None and issued.year is not None else None
    if field == "doi":
        doi = rec.get("DOI")
        return DOI_PREFIX.sub("", doi).casefold() if doi else None  # the record may keep OpenAlex's URL form
    if field == "pmid":
        m = re.search(r"\d+", (rec.get("PMID") or "").replace(PUBMED_PREFIX, ""))
        return m.group(0) if m else None
    raise AssertionError(field)


def agreement(path: Path) -> tuple[dict[str, list[str]], dict[str, int]]:
    """Per field checked: the rows whose record disagrees with the file (as messages), and the rows checked."""
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
            ok = any(f in got for f in want) if field == "family" else got == want  # type: ignore[operator]
            if not ok:
                shown = rec.get("author", [])[:1] if field == "family" else got
                misses.setdefault(field, []).append(f"row {n} (line {rec.source.line}): {want!r} != {shown!r}")
    return misses, checked


def test_the_samples_are_present():
    assert SAMPLES, f"no table exports under {EXPORTS}"
    assert {source_of(p) for p in SAMPLES} >= {"scopus", "wos", "lens"}


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_is_detected_and_read_whole(path):
    recs = msccite.read(path, errors="collect")
    assert recs.format == "csv"
    assert len(recs) == expected_count(path)
    assert [str(p) for p in recs.problems if p.severity == "error"] == []
    assert msccite.detect(file_text(path)) == "csv"


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_every_sample_agrees_with_its_own_columns(path):
    """Title, first author's family name, year, DOI, PMID (where the source has them): at least 99% of the rows
    agree with the file, field by field."""
    misses, checked = agreement(path)
    assert {"title", "family"} <= set(checked), checked
    bad = {f: m for f, m in misses.items() if len(m) > 0.01 * checked[f]}
    assert not bad, "\n".join(f"{f}: {len(m)} of {checked[f]} rows disagree:\n  " + "\n  ".join(m[:40])
                              for f, m in bad.items())  # fmt: skip


# -- hand-written inputs ------------------------------------------------------------------------------
def load(text: str) -> msccite.Records:
    return msccite.loads(text, errors="collect")


def one(text: str) -> tuple[Record, list[ParseError]]:
    recs = load(text)
    assert len(recs) == 1, recs
    return recs[0], recs.problems


def extras(rec: Record) -> list[tuple[str, str]]:
    return [(e.key, e.value) for e in rec.extra]


def test_a_row_with_more_cells_than_the_header_keeps_the_rest_as_column_n():
    recs = load('title,authors,year\nFirst,"Smith, J",2001\nSecond,"Doe, A",2002,surplus\nThird,"Roe, B",2003\n')
    assert [r["title"] for r in recs] == ["First", "Second", "Third"]
    second = recs[1]
    assert second["author"] == [Name("Doe", "A")] and second["issued"] == Date.of(2002)  # not shifted
    assert extras(second) == [("column 4", "surplus")]
    assert recs[2]["issued"] == Date.of(2003) and recs[2].extra == []
    assert [(p.severity, p.line) for p in recs.problems] == [("warning", 3)]
    assert "column N" in recs.problems[0].message


def test_a_row_with_empty_surplus_cells_is_read_without_a_warning():
    rec, problems = one("title,year\nFirst,2001,,\n")
    assert rec["issued"] == Date.of(2001) and rec.extra == [] and problems == []


SCOPUS_HEADER = "Authors,Title,Year,Source title,Funding Text 1,DOI,Abstract,EID\n"


def test_scopus_repeated_funding_text_keeps_the_later_columns_in_place():
    recs = load(SCOPUS_HEADER
                + "Kodali S.,T one,2017,J,fund one,fund two,10.1/x,An abstract,2-s2.0-1\n"
                + "Phillips J.C.,T two,2018,J,,10.1/y,Another,2-s2.0-2\n")  # fmt: skip
    assert recs.problems == []
    first, second = recs
    assert first["DOI"] == "10.1/x" and first["abstract"] == "An abstract"
    assert extras(first) == [("Funding Text 1", "fund one"), ("Funding Text 2", "fund two"), ("EID", "2-s2.0-1")]
    assert second["DOI"] == "10.1/y" and extras(second) == [("EID", "2-s2.0-2")]


def test_scopus_repeated_funding_text_with_an_empty_last_column():
    rec, problems = one(SCOPUS_HEADER + "Kodali S.,T one,2017,J,fund one,fund two,10.1/x,An abstract,\n")
    assert rec["DOI"] == "10.1/x" and rec["abstract"] == "An abstract"
    assert extras(rec) == [("Funding Text 1", "fund one"), ("Funding Text 2", "fund two")]


def test_na_and_empty_cells_are_no_value():
    rec, problems = one("title,authors,year,doi,journal,abstract\nA title,NA,,NA,N/A,[No abstract available]\n")
    assert rec.fields == {"title": "A title"} and rec.extra == [] and problems == []
    (rec,) = msccite.loads("title,Cited by,EID\nA title,NA,\n", "csv")  # too few known columns to be detected
    assert rec.extra == []  # a column no map names: no extra for NA either


def test_a_quoted_cell_with_a_line_break_and_a_doubled_quote():
    recs = load('title,abstract,year\n"A ""quoted"" title","Line one\nLine two",2020\nSecond,x,2021\n')
    assert recs[0]["title"] == 'A "quoted" title'
    assert recs[0]["abstract"] == "Line one\nLine two"
    assert recs[0]["issued"] == Date.of(2020)
    assert recs[1]["title"] == "Second" and recs[1].source.line == 4  # the line it starts on


def test_a_semicolon_delimited_table():
    text = "title;authors;year;doi\nA, title;Smith, John;2020;10.1/abc\n"
    assert msccite.detect(text) == "csv"
    rec, problems = one(text)
    assert rec["title"] == "A, title" and rec["author"] == [Name("Smith", "John")]
    assert rec["issued"] == Date.of(2020) and rec["DOI"] == "10.1/abc" and problems == []


def test_a_tsv():
    text = "title\tauthors\tyear\tdoi\nA, title; with a semicolon\tSmith J; Doe A\t2020\t10.1/abc\n"
    assert msccite.detect(text) == "csv"
    rec, problems = one(text)
    assert rec["title"] == "A, title; with a semicolon"
    assert rec["author"] == [Name("Smith", "J"), Name("Doe", "A")]
    assert rec["DOI"] == "10.1/abc" and problems == []
    assert msccite.loads(text, "tsv") == [rec]


WOS_HEADER = "PT\tAU\tAF\tTI\tSO\tC1\tPY\tDI\tUT\n"


def test_wos_tab_delimited_a_quote_is_a_quote():
    text = WOS_HEADER + ('J\tDoe, J; Roe, R\tDoe, John; Roe, Rita\t"Smart" gateways for the "IoT\tJ COMP\t\t2017\t'
                         "10.1/x\tWOS:000001\n"
                         "J\tPoe, E\t\tSecond title\tJ COMP\t\t2018\t\tWOS:000002\n")  # fmt: skip
    assert msccite.detect(text) == "csv"
    recs = load(text)
    assert recs.problems == []
    assert [r["title"] for r in recs] == ['"Smart" gateways for the "IoT', "Second title"]
    assert recs[0]["author"] == [Name("Doe", "John"), Name("Roe", "Rita")]
    assert recs[0]["DOI"] == "10.1/x" and recs[0]["issued"] == Date.of(2017)
    assert recs[1]["author"] == [Name("Poe", "E")] and recs[1].source.line == 3


def test_wos_tab_delimited_addresses_are_not_split_inside_their_brackets():
    rec, _ = one(WOS_HEADER + "J\tDoe, J; Roe, R\tDoe, John; Roe, Rita\tA title\tJ COMP\t"
                              "[Doe, John; Roe, Rita] Univ A, Town, Country; [Poe, Edgar] Univ B, City, Country\t2017\t"
                              "\tWOS:000001\n")  # fmt: skip
    assert [v for k, v in extras(rec) if k == "C1"] == ["[Doe, John; Roe, Rita] Univ A, Town, Country",
                                                         "[Poe, Edgar] Univ B, City, Country"]  # fmt: skip


def test_embase_fields_in_rows_layout():
    text = ('"TITLE","A title"\n"AUTHOR NAMES","Wang Y.","Guo D."\n"PUBLICATION YEAR","2024"\n'
            '"SOURCE","Medicine in Drug Discovery (2024) 21 Article Number: 100172. Date of Publication: 1 Feb 2024"\n'
            '\n'
            '"TITLE","Second title"\n"AUTHOR NAMES","Li X."\n')  # fmt: skip
    assert msccite.detect(text) == "csv"
    recs = load(text)
    assert recs.problems == []
    assert [r["title"] for r in recs] == ["A title", "Second title"]
    assert [n.family for n in recs[0]["author"]] == ["Wang", "Guo"]
    assert recs[0]["issued"].year == 2024
    assert recs[0]["volume"] == "21" and recs[0]["page"] == "100172"
    assert recs[1]["author"] == [Name("Li", "X.")] and recs[1].source.line == 6


PUBMED_HEADER = ("PMID,Title,Authors,Citation,First Author,Journal/Book,Publication Year,Create Date,PMCID,NIHMS ID,"
                 "DOI\n")  # fmt: skip


def test_pubmed_citation_gives_volume_issue_and_pages():
    rec, problems = one(PUBMED_HEADER + '35108106,"A Longitudinal Study of Fitbit Usage","Wang C, Lizardo O, '
                        'Ramkissoon LA.","Cyberpsychol Behav Soc Netw. 2022 Mar;25(3):181-188. doi: '
                        '10.1089/cyber.2021.0047. Epub 2022 Feb 1.","Wang C","Cyberpsychol Behav Soc Netw","2022",'
                        '"2022/02/02","","",""\n')  # fmt: skip
    assert problems == []
    assert (rec["volume"], rec["issue"], rec["page"]) == ("25", "3", "181-188")
    assert rec["DOI"] == "10.1089/cyber.2021.0047"  # from the citation: the DOI column is empty
    assert rec["PMID"] == "35108106" and rec["issued"].year == 2022
    assert rec["container-title"] == "Cyberpsychol Behav Soc Netw"
    assert [n.family for n in rec["author"]] == ["Wang", "Lizardo", "Ramkissoon"]
    assert rec["author"][2] == Name("Ramkissoon", "LA")  # LA: initials, not a particle


def test_embase_source_gives_journal_volume_issue_pages_and_year():
    rec, problems = one('Title,Author Names,Source\nDuplication cysts,"Liu R., Adler D.G.",'
                        '"Endoscopic Ultrasound (2014) 3:3 (152-160). Date of Publication: 2014"\n')  # fmt: skip
    assert problems == []
    assert rec["container-title"] == "Endoscopic Ultrasound"
    assert (rec["volume"], rec["issue"], rec["page"]) == ("3", "3", "152-160")
    assert rec["issued"].year == 2014
    assert [n.family for n in rec["author"]] == ["Liu", "Adler"]


def test_vancouver_names_are_read_family_first():
    rec, _ = one('Authors,Title,Year,Source title\n"Kodali S., Phillips J.C.",A title,2017,J\n')  # Scopus 2017
    assert [(n.family, n.given.rstrip(".")) for n in rec["author"]] == [("Kodali", "S"), ("Phillips", "J.C")]
    rec, _ = one("title,authors\nA title,Ramkissoon LA\n")
    assert rec["author"] == [Name("Ramkissoon", "LA")]
    rec, _ = one('title,authors\nA title,"Ramkissoon LA, Phillips JC"\n')
    assert rec["author"] == [Name("Ramkissoon", "LA"), Name("Phillips", "JC")]


def test_scopus_names_with_a_jr_part_are_split():
    rec, _ = one('Authors,Title,Year,Source title\n"Amah T.E., Kamat M., Oliveira A., Jr.",A title,2017,J\n')
    assert [n.family for n in rec["author"]] == ["Amah", "Kamat", "Oliveira"]


def test_scopus_names_with_non_ascii_initials_are_split():
    rec, _ = one('Authors,Title,Year,Source title\n"Vulpe A., Arseni Ş.-C., Marcu I.",A title,2017,J\n')
    assert [n.family for n in rec["author"]] == ["Vulpe", "Arseni", "Marcu"]


def test_zotero_names_without_a_comma_keep_the_given_name_out_of_the_family():
    rec, _ = one("Key,Item Type,Publication Year,Author,Title\nABC,journalArticle,2016,"
                 "Ioannidis John PA; Dal-Ré Rafael,A title\n")  # fmt: skip
    first = rec["author"][0]
    assert first.family == "Ioannidis" or first.literal == "Ioannidis John PA"  # split right, or kept whole


def test_the_last_name_keeps_the_period_of_its_initials():
    rec, _ = one('Title,Author Names,Source\nA title,"Liu R., Adler D.G.",J (2014) 3:3 (1-2)\n')
    assert [n.given for n in rec["author"]] == ["R.", "D.G."]


def test_a_header_alone_gives_no_records_and_no_error():
    for text in ("title,authors,year\n", "Authors,Title,Year,Source title,DOI,EID\n", WOS_HEADER, PUBMED_HEADER):
        recs = msccite.loads(text, errors="collect")
        assert list(recs) == [] and [p for p in recs.problems if p.severity == "error"] == []


def test_an_unclosed_quote_at_the_end_keeps_the_records_before():
    recs = msccite.loads('title,year\nFirst,2001\nSecond,2002\n"Third, unclosed,2003\n')  # strict: no error
    assert [r["title"] for r in recs[:2]] == ["First", "Second"]
    assert [r["issued"] for r in recs[:2]] == [Date.of(2001), Date.of(2002)]


def test_a_date_with_a_month_name_keeps_its_month_and_day():
    rec, _ = one("title,date\nA title,2019 Dec 2\n")
    assert rec["issued"] == Date.of(2019, 12, 2) or rec["issued"] == Date(raw="2019 Dec 2")
    raw = titled("A title")[0]
    raw["issued"] = Date(raw="2019 Dec 2")
    assert msccite.loads(msccite.dumps([raw], "csv", lossless=True)) == [raw]


# -- writing ------------------------------------------------------------------------------------------
FORMULA_TITLES = ['=HYPERLINK("http://evil.example/","Click")', "-5", "+1", "@x"]


def titled(*titles: str) -> list[Record]:
    out = []
    for title in titles:
        rec = Record("article-journal")
        rec["title"] = title
        out.append(rec)
    return out


def test_formula_like_cells_get_a_quote_and_read_back_exactly():
    recs = titled(*FORMULA_TITLES, "'=x", "'plain")
    text = msccite.dumps(recs, "csv")
    cells = [row[1] for row in csv.reader(io.StringIO(text))][1:]
    assert cells == ["'" + t for t in FORMULA_TITLES] + ["''=x", "'plain"]
    back = msccite.loads(text)
    assert [r["title"] for r in back] == [*FORMULA_TITLES, "'=x", "'plain"]
    assert back == recs
    assert msccite.loads(msccite.dumps(recs, "tsv"), "tsv") == recs


def test_xlsx_is_read_by_openpyxl_with_text_cells(tmp_path):
    recs = titled(*FORMULA_TITLES, "'=x", "A plain title")
    for year, rec in enumerate(recs, 2001):
        rec["issued"] = Date.of(year)
    path = tmp_path / "o.xlsx"
    msccite.write(recs, path)
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows())
    header = [c.value for c in rows[0]]
    assert "title" in header and "year" in header
    column = header.index("title")
    assert [row[column].value for row in rows[1:]] == [*FORMULA_TITLES, "'=x", "A plain title"]
    formula = rows[1][column]
    assert formula.value.startswith("=HYPERLINK(") and formula.data_type == "s"
    assert all(row[column].data_type == "s" for row in rows[1:])


def test_xlsx_written_by_msccite_is_read_back_the_same(tmp_path):
    recs = titled(*FORMULA_TITLES, "A plain title")
    recs[-1]["author"] = [Name("Kodali", "S."), Name(literal="MSC Study Group")]
    recs[-1]["DOI"] = "10.1000/xyz"
    recs[-1]["issued"] = Date.of(2019, 5, 3)
    path = tmp_path / "o.xlsx"
    msccite.write(recs, path)
    back = msccite.read(path)
    assert back.format == "csv" and back.problems == []
    assert back == recs


def test_xlsx_keeps_a_title_that_starts_with_a_quote(tmp_path):
    recs = titled("'=x")
    msccite.write(recs, tmp_path / "o.xlsx")
    assert [r["title"] for r in msccite.read(tmp_path / "o.xlsx")] == ["'=x"]


def test_a_workbook_openpyxl_wrote_is_read(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["title", "authors", "year", "doi"])
    sheet.append(["First title", "Smith, John; Doe, Jane", 2019, "10.1000/abc"])
    sheet.append(["Second title", "Kodali S.", 2020, "10.1000/def"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    recs = msccite.read(path, errors="collect")
    assert recs.format == "csv" and recs.problems == []
    assert [r["title"] for r in recs] == ["First title", "Second title"]
    assert recs[0]["author"] == [Name("Smith", "John"), Name("Doe", "Jane")]
    assert recs[1]["author"] == [Name("Kodali", "S.")]
    assert [r["issued"] for r in recs] == [Date.of(2019), Date.of(2020)]  # numbers, not "2019.0"
    assert [r["DOI"] for r in recs] == ["10.1000/abc", "10.1000/def"]


def test_a_zip_that_is_no_workbook_is_a_parse_error_naming_the_file(tmp_path):
    path = tmp_path / "not-a-book.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(ParseError) as info:
        msccite.read(path)
    assert str(path) in str(info.value)
    assert "workbook" in str(info.value)


def test_a_repeated_column_survives_a_csv_round_trip():
    recs = msccite.loads("title,year,Note X,Note X\nA title,2020,first,second\n", "csv")
    assert extras(recs[0]) == [("Note X", "first"), ("Note X", "second")]
    assert msccite.loads(msccite.dumps(recs, "csv")) == recs
    assert msccite.loads(msccite.dumps(recs, "csv", lossless=True)) == recs


def test_a_value_spelled_like_no_value_survives_lossless():
    recs = titled("NA")
    assert msccite.loads(msccite.dumps(recs, "csv", lossless=True)) == recs


# -- round trips --------------------------------------------------------------------------------------
EXTRA_TAGS = ["Cited by", "EID", "Affiliations", "Source", "References", "Document Type"]


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rec=records(extra_format="csv", extra_tags=EXTRA_TAGS))
def test_lossless_round_trip(fmt, rec):
    assert msccite.loads(msccite.dumps([rec], fmt, lossless=True), fmt) == [rec]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rec=records(extra_format="csv", extra_tags=EXTRA_TAGS))
def test_lossless_round_trip_xlsx(tmp_path_factory, rec):
    path = tmp_path_factory.mktemp("xlsx") / "o.xlsx"
    msccite.write([rec], path, lossless=True)
    assert msccite.read(path) == [rec]


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_notes_survive_lossless(fmt):
    """Found by the property: several notes were joined by a line end and read back as one."""
    for notes in (["one", "two"], ["one\ntwo"], ["a; b", "c"], ['["x"]']):
        rec = titled("A title")[0]
        rec["note"] = notes
        assert msccite.loads(msccite.dumps([rec], fmt, lossless=True), fmt) == [rec], notes


def test_a_lone_name_whose_inverted_form_looks_like_two_vancouver_names():
    """Found by the property: ``van A, A A`` alone in the authors cell was read as two Vancouver names."""
    rec = titled("A title")[0]
    rec["author"] = [Name(family="A", given="A A", non_dropping_particle="van")]
    assert msccite.loads(msccite.dumps([rec], "csv", lossless=True)) == [rec]


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_every_sample_round_trips_through_csv(path):
    recs = msccite.read(path, errors="collect")
    back = msccite.loads(msccite.dumps(recs, "csv"), "csv", errors="collect")
    assert back.problems == []
    diffs = [(n, a, b) for n, (a, b) in enumerate(zip(recs, back, strict=True), 1) if a != b]
    assert not diffs, f"{len(diffs)} of {len(recs)} records differ; the first: " + difference(*diffs[0])


def difference(n: int, a: Record, b: Record) -> str:
    """What differs between record ``n`` as read and as read back (fields, extras, type, id, custom)."""
    fields = {k: (a.fields.get(k), b.fields.get(k)) for k in {*a.fields, *b.fields}
              if a.fields.get(k) != b.fields.get(k)}  # fmt: skip
    lost, gained = [e for e in a.extra if e not in b.extra], [e for e in b.extra if e not in a.extra]
    other = {k: (getattr(a, k), getattr(b, k)) for k in ("type", "id", "custom") if getattr(a, k) != getattr(b, k)}
    return f"record {n}: fields {fields}, extras lost {lost[:5]} gained {gained[:5]}, {other}"


def test_scopus_full_names_are_the_authors_when_they_match():
    text = (
        '"Authors","Author full names","Author(s) ID","Title","Year","Source title","EID"\n'
        '"Kodali S.; Phillips J.C.","Kodali, Sunil (57191234567); Phillips, James C. (7401234567)","1;2","T","2023",'
        '"J","2-s2.0-1"\n'
        '"Kodali S.; Phillips J.C.","Kodali, Sunil (57191234567)","1;2","T2","2023","J","2-s2.0-2"\n'
    )
    full, partial = msccite.loads(text)
    assert full["author"] == [Name("Kodali", "Sunil"), Name("Phillips", "James C.")]
    assert ("csv", "Authors", "Kodali S.; Phillips J.C.") in full.extra  # the short names kept, as their column
    assert [e.key for e in full.extra][:2] == ["Authors", "Author(s) ID"]
    # a full-names cell that does not match the authors (one name of two) stays an extra, the short names read
    assert partial["author"] == [Name("Kodali", "S."), Name("Phillips", "J.C.")]
    assert ("csv", "Author full names", "Kodali, Sunil (57191234567)") in partial.extra
    assert msccite.loads(msccite.dumps([full, partial], "csv")) == [full, partial]


def test_the_cli_converts_to_xlsx_and_detects_it(tmp_path, capsys):
    from msccite.cli import main

    out = tmp_path / "screening.xlsx"
    assert main(["convert", str(EXPORTS / "pubmed_csv" / "colrev_pubmed_2023.csv"), "-o", str(out), "-q"]) == 0
    assert out.read_bytes()[:4] == b"PK\x03\x04"
    capsys.readouterr()
    assert main(["detect", str(out)]) == 0
    assert capsys.readouterr().out == f"{out}\txlsx\t10 records\n"
    bad = tmp_path / "notes.zip"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("notes.txt", "hello")
    assert main(["convert", str(bad), "-t", "ris", "-q"]) == 1
    assert "notes.zip: a ZIP archive, not an .xlsx workbook" in capsys.readouterr().err


def _xls(path: Path, rows: list[list[str]]) -> None:
    """An old binary Excel file (.xls), as Web of Science's "Excel" export is, written by xlwt."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("savedrecs")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(path))


def test_an_xls_workbook_is_read_through_xlrd(tmp_path):
    path = tmp_path / "savedrecs.xls"
    _xls(path, [["PT", "AU", "TI", "SO", "PY", "DI"],
                ["J", "Kodali, S; Ramkissoon, LA", "Mesenchymal stromal cells", "STEM CELLS", "2020", "10.1/x"]])  # fmt: skip
    [rec] = msccite.read(path)
    assert rec.title == "Mesenchymal stromal cells" and rec["DOI"] == "10.1/x" and rec.year == 2020
    assert [n.family for n in rec.authors] == ["Kodali", "Ramkissoon"]


def test_an_xls_without_xlrd_says_what_to_install(tmp_path, monkeypatch):
    path = tmp_path / "savedrecs.xls"
    _xls(path, [["title", "year"], ["A title", "2020"]])
    monkeypatch.setitem(sys.modules, "xlrd", None)  # import xlrd fails
    with pytest.raises(msccite.ParseError, match=r"savedrecs\.xls: .*needs xlrd \(pip install 'msccite\[excel\]'\)"):
        msccite.read(path)


def test_a_utf16_wos_tab_delimited_file_is_read(tmp_path):
    text = (EXPORTS / "wos_tab" / "scientopy_2017_wos.txt").read_text(encoding="utf-8-sig")
    path = tmp_path / "savedrecs.txt"
    path.write_text(text, encoding="utf-16")  # with its BOM, as WoS's "UTF-16" option writes it
    recs = msccite.read(path)
    assert len(recs) == 125 and recs == msccite.read(EXPORTS / "wos_tab" / "scientopy_2017_wos.txt")


def test_the_embase_rows_layout_may_start_with_any_field():
    text = (
        '"AUTHOR NAMES","Wang Y.","Guo D."\n"TITLE","Mesenchymal stromal cells in GvHD"\n'
        '"SOURCE","Medicine in Drug Discovery (2024) 21 Article Number: 100172. Date of Publication: 1 Feb 2024"\n'
        '"PUI","2028123"\n\n"AUTHOR NAMES","Li X."\n"TITLE","Second"\n"PUBLICATION YEAR","2023"\n'
    )
    assert msccite.detect(text) == "csv"
    first, second = msccite.loads(text)
    assert [n.family for n in first.authors] == ["Wang", "Guo"] and first["page"] == "100172"
    assert (first["container-title"], first["volume"], first.year) == ("Medicine in Drug Discovery", "21", 2024)
    assert ("csv", "PUI", "2028123") in first.extra
    assert (second.title, second.year, second.source.line) == ("Second", 2023, 6)


def test_a_table_of_bibtex_columns():
    """CoLRev's and bib-dedupe's tables (and the labelled de-duplication sets): BibTeX's fields as columns."""
    text = ('"ID","ENTRYTYPE","journal","title","year","volume","number","pages","author","doi","booktitle"\n'
            '"id_1","article","Problems of Economy","A title",2017,"UNKNOWN",4,"376 -- 383",'
            '"Zhai, Q. J. and {World Health Organization} and van der Berg, Jan","10.1/X",\n'
            '"id_2","inproceedings",,"A paper",2015,,,"1-14","Hong, Yili and Zheng, Alvin Zuyin",,'
            '"Americas Conference on Information Systems"\n')  # fmt: skip
    first, second = msccite.loads(text, "csv")
    assert (first.id, first.type, first.title, first["container-title"]) == ("id_1", "article-journal", "A title",
                                                                              "Problems of Economy")  # fmt: skip
    assert first.authors == [Name("Zhai", "Q. J."), Name(literal="World Health Organization"),
                             Name("Berg", "Jan", non_dropping_particle="van der")]  # fmt: skip
    assert "volume" not in first.fields and first["issue"] == "4" and first["DOI"] == "10.1/X"  # UNKNOWN: no value
    assert (second.type, second["container-title"]) == ("paper-conference", "Americas Conference on Information Systems")
    assert second.authors == [Name("Hong", "Yili"), Name("Zheng", "Alvin Zuyin")]


def test_bibtex_style_names_in_any_table():
    """A names cell joined with " and " (each name "Family, Given") is split there in any table."""
    (rec,) = msccite.loads('title,authors\nT,"Smith, John and Doe, J. K."\n', "csv")
    assert rec.authors == [Name("Smith", "John"), Name("Doe", "J. K.")]
    (rec,) = msccite.loads('title,authors\nT,"Department of Health and Social Care"\n', "csv")
    assert len(rec.authors) == 1
