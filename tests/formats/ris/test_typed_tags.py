"""Tags whose meaning depends on the reference type (M1, M2, M3, C1-C8, VL, IS, SE, NV, SP), read and written by
the type's table of the RIS specification (``ris.map.TYPE_TABLE``, ``docs/formats/ris.md``).

Each reading test is a record in the shape a real exporter writes it (EndNote, Zotero, Scopus, Web of Science,
MDPI ...); each writing test writes a record of that type and reads it back. citation-js, which carries the
specification's tables as data, reads what we write as an independent check.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

import msccite
from citationjs import citation_js, needs_citation_js
from msccite import Date, Extra, Name, Record
from msccite.formats.ris.map import (
    CSL_TO_TYPE,
    TYPE_ALSO_READ,
    TYPE_READ_WITH,
    TYPE_ROWS,
    TYPE_TABLE,
    TYPE_TO_CSL,
    WRITE_ORDER,
)
from msccite.model import CSL_ORDER, DATE_VARIABLES

DOCS = Path(__file__).resolve().parents[3] / "docs" / "formats" / "ris.md"


def one(text: str) -> Record:
    records = msccite.loads(text, "ris")
    assert records.problems == [] and len(records) == 1
    return records[0]


def ris(ty: str, *lines: str) -> str:
    return "\n".join([f"TY  - {ty}", "TI  - A title", *lines, "ER  - ", ""])


# -- reading: what exporters write ----------------------------------------------------------------
READ = [
    pytest.param(  # EndNote, journal article: issue in IS, start page in SE, PMCID, NIHMSID, article number
        ris("JOUR", "T2  - JCI Insight", "VL  - 8", "IS  - 18", "SP  - e169424", "SE  - e169424",
            "C1  - Free full text", "C2  - PMC10561712", "C6  - NIHMS1934567", "C7  - e169424",
            "M3  - Journal Article", "AN  - 37561585"),
        {"container-title": "JCI Insight", "volume": "8", "issue": "18", "page": "e169424", "page-first": "e169424",
         "PMCID": "PMC10561712", "number": "e169424", "genre": "Journal Article", "PMID": "37561585"},
        [("C1", "Free full text"), ("C6", "NIHMS1934567")], id="JOUR-endnote"),
    pytest.param(  # databases that put other things in these tags: they stay extras
        ris("JOUR", "VL  - 24", "IS  - 1", "C2  - 38580657", "C7  - 2864",
            "M1  - (Aureliano T.) Department of Zoology, Regional University of Cariri (URCA), Crato, Brazil",
            "M2  - Zeitrag, Claudia: Department of Philosophy, Lund University", "C3  - University of Utah",
            "M3  - Article"),
        {"volume": "24", "issue": "1", "number": "2864", "genre": "Article"},
        [("C2", "38580657"),
         ("M1", "(Aureliano T.) Department of Zoology, Regional University of Cariri (URCA), Crato, Brazil"),
         ("M2", "Zeitrag, Claudia: Department of Philosophy, Lund University"), ("C3", "University of Utah")],
        id="JOUR-databases"),
    pytest.param(  # the start page in M2, as citation-js reads the specification; a text SE is no start page
        ris("JOUR", "M2  - 113", "SE  - Research Articles"), {"page-first": "113"}, [("SE", "Research Articles")],
        id="JOUR-m2"),
    pytest.param(  # EndNote, electronic article: issue in M1, PMCID in C3, issue title in C5
        ris("EJOUR", "T2  - Energies", "VL  - 3", "M1  - 5", "C3  - PMC2345678", "C5  - Energy economics",
            "C7  - 940", "SP  - 940-942", "SE  - 2010/05/12", "M3  - Article"),
        {"container-title": "Energies", "volume": "3", "issue": "5", "PMCID": "PMC2345678",
         "volume-title": "Energy economics", "number": "940", "page": "940-942", "genre": "Article"},
        [("SE", "2010/05/12")], id="EJOUR-endnote"),
    pytest.param(  # MDPI: electronic articles with the issue in IS
        ris("EJOUR", "T2  - Geosciences", "VL  - 2", "IS  - 3", "SP  - 157", "EP  - 177"),
        {"container-title": "Geosciences", "volume": "2", "issue": "3", "page": "157-177"}, [], id="EJOUR-mdpi"),
    pytest.param(  # Zotero and EndNote, book: series number in M1, number of pages in SP
        ris("BOOK", "T3  - Series in Computer Science", "M1  - 42", "NV  - 4", "VL  - 1", "SP  - 672", "ET  - 3",
            "PB  - Addison-Wesley", "CY  - Reading, MA"),
        {"collection-title": "Series in Computer Science", "collection-number": "42", "number-of-volumes": "4",
         "volume": "1", "number-of-pages": "672", "edition": "3", "publisher": "Addison-Wesley",
         "publisher-place": "Reading, MA"}, [], id="BOOK"),
    pytest.param(  # EndNote, book: its pages (cited) in SE, beside the number of pages
        ris("BOOK", "SE  - 12-40", "SP  - 352"), {"page": "12-40", "number-of-pages": "352"}, [], id="BOOK-pages"),
    pytest.param(  # exporters that ignore the tables: SP and EP of a book are still its pages
        ris("BOOK", "SP  - 1", "EP  - 300"), {"page": "1-300"}, [], id="BOOK-sp-ep"),
    pytest.param(  # Zotero and EndNote, book section: number of volumes in IS, chapter in SE, section in C1
        ris("CHAP", "T2  - Cell therapy", "A2  - Roe, Richard", "VL  - 1", "IS  - 2", "SE  - 7", "C1  - Part II",
            "SP  - 97", "EP  - 105"),
        {"editor": [Name("Roe", "Richard")], "container-title": "Cell therapy", "volume": "1", "number-of-volumes": "2",
         "chapter-number": "7",
         "section": "Part II", "page": "97-105"}, [], id="CHAP"),
    pytest.param(  # EndNote, thesis: thesis type in M3, number of pages in SP, document number in M1
        ris("THES", "PB  - University of Milan", "M3  - PhD thesis", "SP  - 214", "M1  - 28123456"),
        {"publisher": "University of Milan", "genre": "PhD thesis", "number-of-pages": "214", "number": "28123456"},
        [], id="THES"),
    pytest.param(  # EndNote, report: document number in M1, issue in C6, series volume in NV, pages in SP
        ris("RPRT", "PB  - WHO", "M3  - Technical report", "M1  - WHO/HIS/2020.1", "C6  - 3", "NV  - 12",
            "SP  - 1-48"),
        {"publisher": "WHO", "genre": "Technical report", "number": "WHO/HIS/2020.1", "issue": "3",
         "collection-number": "12", "page": "1-48"}, [], id="RPRT"),
    pytest.param(  # Zotero, conference paper: place published in C1; CY (the conference location) kept
        ris("CPAPER", "T2  - Proceedings of the Digital Libraries Conference", "C1  - New York",
            "CY  - Vienna, Austria", "SP  - 11", "EP  - 20"),
        {"container-title": "Proceedings of the Digital Libraries Conference", "publisher-place": "New York",
         "page": "11-20"}, [("CY", "Vienna, Austria")], id="CPAPER"),
    pytest.param(  # EndNote, conference proceedings: proceedings title in C3, issue in M1
        ris("CONF", "C3  - Proceedings of JCDL 2022", "M1  - 4", "C1  - New York", "NV  - 2"),
        {"container-title": "Proceedings of JCDL 2022", "issue": "4", "publisher-place": "New York",
         "number-of-volumes": "2"}, [], id="CONF"),
    pytest.param(  # EndNote, web page: access date in M1, medium in M3, VL the access year
        ris("ELEC", "M3  - HTML", "VL  - 2024", "M1  - 2024/03/05"),
        {"medium": "HTML", "accessed": Date.of(2024, 3, 5)}, [("VL", "2024")], id="ELEC"),
    pytest.param(  # Zotero, web page: access date in Y2; an M1 that is no date stays an extra
        ris("ELEC", "Y2  - 2024/03/05/", "M1  - Online"), {"accessed": Date.of(2024, 3, 5)}, [("M1", "Online")],
        id="ELEC-zotero"),
    pytest.param(  # a type the specification does not list: every tag keeps its usual meaning
        ris("XYZ", "VL  - 3", "IS  - 4", "M1  - 5", "SE  - Sport"),
        {"volume": "3", "issue": "4", "section": "Sport"}, [("M1", "5")], id="unknown-type"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected", "extras"), READ)
def test_typed_tags_are_read_by_the_record_s_type(text, expected, extras):
    rec = one(text)
    got = {k: v for k, v in rec.items() if k != "title"}
    assert got == expected
    assert [(e.key, e.value) for e in rec.extra] == extras


@pytest.mark.parametrize(("text", "expected", "extras"), READ)
def test_what_exporters_write_comes_back_from_our_ris(text, expected, extras):
    rec = one(text)
    again = msccite.dumps([rec], "ris")
    assert list(msccite.loads(again, "ris")) == [rec]
    assert msccite.dumps(msccite.loads(again, "ris"), "ris") == again


def test_a_tag_the_type_gives_one_variable_and_another_tag_agree_or_the_other_stays_an_extra():
    rec = one(ris("EJOUR", "IS  - 5", "M1  - 5"))  # the same issue in both: one variable, both tags kept
    assert rec["issue"] == "5" and rec.extra == [] and rec.keys["issue"] == "ris:IS,M1"
    assert "IS  - 5\nM1  - 5\n" in msccite.dumps([rec], "ris")
    rec = one(ris("EJOUR", "IS  - 5", "M1  - 6"))  # the type's own tag wins, the other stays an extra
    assert rec["issue"] == "6" and rec.extra == [Extra("ris", "IS", "5")]


# -- writing: each variable in the tag its type gives it ----------------------------------------
WRITE = [
    pytest.param("JOUR", {"volume": "8", "issue": "18", "page-first": "1", "PMCID": "PMC10561712", "number": "e1"},
                 ["VL  - 8", "IS  - 18", "SE  - 1", "C2  - PMC10561712", "C7  - e1"], id="JOUR"),
    pytest.param("EJOUR", {"volume": "3", "issue": "5", "PMCID": "PMC2345678", "volume-title": "Energy", "number": "9"},
                 ["VL  - 3", "M1  - 5", "C5  - Energy", "C3  - PMC2345678", "C7  - 9"], id="EJOUR"),
    pytest.param("BOOK", {"page": "12-40", "number-of-pages": "352", "collection-number": "42",
                          "number-of-volumes": "4"},
                 ["SE  - 12-40", "SP  - 352", "NV  - 4", "M1  - 42"], id="BOOK"),
    pytest.param("CHAP", {"page": "97-105", "number-of-volumes": "2", "chapter-number": "7", "section": "Part II"},
                 ["SP  - 97", "EP  - 105", "C1  - Part II", "SE  - 7", "IS  - 2"], id="CHAP"),
    pytest.param("THES", {"number-of-pages": "214", "genre": "PhD thesis", "number": "28123456"},
                 ["SP  - 214", "M3  - PhD thesis", "M1  - 28123456"], id="THES"),
    pytest.param("RPRT", {"issue": "3", "page": "1-48", "collection-number": "12", "number": "WHO/HIS/2020.1"},
                 ["C6  - 3", "SP  - 1", "EP  - 48", "NV  - 12", "M1  - WHO/HIS/2020.1"], id="RPRT"),
    pytest.param("CPAPER", {"publisher-place": "New York", "container-title": "Proc. JCDL",
                            "event-title": "JCDL 2022"},
                 ["C3  - Proc. JCDL", "T2  - JCDL 2022", "C1  - New York"], id="CPAPER"),
    pytest.param("CONF", {"publisher-place": "New York", "issue": "4", "container-title": "Proc. JCDL"},
                 ["C3  - Proc. JCDL", "M1  - 4", "C1  - New York"], id="CONF"),
    pytest.param("ELEC", {"medium": "HTML", "accessed": Date.of(2024, 3, 5)}, ["M3  - HTML", "M1  - 2024/03/05/"],
                 id="ELEC"),
    pytest.param("DATA", {"number": "v2", "original-date": Date.of(2019, 5)}, ["NV  - v2", "SE  - 2019/05//"],
                 id="DATA"),
    pytest.param("CASE", {"page-first": "113", "submitted": Date.of(1972, 1, 3)}, ["SP  - 113", "SE  - 1972/01/03/"],
                 id="CASE"),
]  # fmt: skip


@pytest.mark.parametrize(("ty", "fields", "lines"), WRITE)
def test_each_variable_is_written_in_the_tag_its_type_gives_it_and_read_back(ty, fields, lines):
    rec = Record(TYPE_TO_CSL[ty], title="x", **fields)
    if CSL_TO_TYPE[rec.type] != ty:
        rec.keys["type"] = "ris:" + ty
    out = io.StringIO()
    ctx = msccite.dump([rec], out, "ris")
    text = out.getvalue()
    assert text.splitlines()[2:-1] == lines
    assert ctx.omitted_counts == {} and ctx.dropped_counts == {}
    assert list(msccite.loads(text, "ris")) == [rec]


@pytest.mark.parametrize(("ty", "fields"), [
    ("CHAP", {"issue": "3"}),  # a chapter's IS is its number of volumes
    ("THES", {"page": "1-20"}),  # a thesis's SP is its number of pages
    ("ELEC", {"volume": "7"}),  # a web page's VL is the year it was cited
    ("BOOK", {"PMCID": "PMC6947442", "number": "7"}),  # C2, C7 mean other things for BOOK
    ("JOUR", {"medium": "CD-ROM", "number-of-pages": "12", "section": "Letters"}),  # a journal's SE: its start page
    ("FIGURE", {"page": "12"}),  # a figure's SP is its description
])  # fmt: skip
def test_a_value_no_tag_of_the_type_holds_is_carried_with_lossless_and_reported_otherwise(ty, fields):
    rec = Record(TYPE_TO_CSL[ty], title="x", **fields)
    out = io.StringIO()
    ctx = msccite.dump([rec], out, "ris")
    assert out.getvalue() == f"TY  - {ty}\nTI  - x\nER  - \n"
    assert set(ctx.omitted_counts) == {f"CSL {var}" for var in fields}
    text = msccite.dumps([rec], "ris", lossless=True)
    notes = sorted(line for line in text.splitlines() if line.startswith("N1"))
    assert notes == sorted(f"N1  - [csl:{k}] {v}" for k, v in fields.items())
    assert list(msccite.loads(text, "ris")) == [rec]


def test_a_value_that_does_not_fit_the_type_s_tag_goes_to_the_usual_one_or_a_note():
    rec = Record("article-journal", title="x", issue="Spring", keys={"type": "ris:EJOUR"})
    assert "IS  - Spring\n" in msccite.dumps([rec], "ris")  # M1 holds a number; IS any issue
    assert msccite.loads(msccite.dumps([rec], "ris"), "ris")[0] == rec
    rec = Record("article-journal", title="x", **{"page-first": "first page"})
    text = msccite.dumps([rec], "ris", lossless=True)
    assert "SE" not in text and "M2" not in text and "N1  - [csl:page-first] first page\n" in text


def test_a_book_s_pages_read_from_sp_and_ep_are_written_there_again():
    rec = one(ris("BOOK", "SP  - 1", "EP  - 300"))
    assert msccite.dumps([rec], "ris").endswith("SP  - 1\nEP  - 300\nER  - \n")
    rec = one(ris("BOOK", "SP  - 1-20", "EP  - 300"))
    assert rec["page"] == "1-20" and rec.extra == [Extra("ris", "EP", "300")]
    assert list(msccite.loads(msccite.dumps([rec], "ris"), "ris")) == [rec]


@pytest.mark.parametrize(("ty", "extra"), [
    ("BOOK", Extra("ris", "M1", "12")),  # BOOK reads M1 as the series number
    ("CHAP", Extra("ris", "C1", "Part II")),  # CHAP reads C1 as the section
    ("BOOK", Extra("ris", "SP", "352")),  # BOOK reads SP as the number of pages
    ("JOUR", Extra("ris", "SP", "5")),
])  # fmt: skip
def test_an_extra_the_type_would_read_as_a_variable_is_written_as_a_note_in_its_place(ty, extra):
    rec = Record(TYPE_TO_CSL[ty], title="x", extra=[Extra("ris", "U1", "a"), extra, Extra("ris", "U2", "b")])
    text = msccite.dumps([rec], "ris")
    assert f"U1  - a\nN1  - [ris:{extra.key}] {extra.value}\nU2  - b\n" in text
    assert list(msccite.loads(text, "ris")) == [rec]


def test_an_extra_under_a_typed_tag_the_variable_already_holds_is_written_as_it_was():
    rec = one(ris("BOOK", "M1  - 12", "M1  - 13"))  # two series numbers: the second stays an extra
    assert rec["collection-number"] == "12" and rec.extra == [Extra("ris", "M1", "13")]
    assert msccite.dumps([rec], "ris").endswith("M1  - 12\nM1  - 13\nER  - \n")


# -- the table itself -----------------------------------------------------------------------------
def test_the_table_names_known_types_csl_variables_and_every_variable_is_written():
    variables = {var for row in TYPE_TABLE.values() for var in row.values() if var}
    variables |= {var for row in TYPE_ALSO_READ.values() for var in row.values()}
    assert set(TYPE_TABLE) | set(TYPE_ALSO_READ) <= set(TYPE_TO_CSL)
    assert variables <= set(CSL_ORDER)
    assert variables <= set(WRITE_ORDER)
    assert {tag for row in TYPE_TABLE.values() for tag in row} <= {"M1", "M2", "M3", "VL", "IS", "SE", "NV", "SP",
                                                                   *(f"C{n}" for n in range(1, 9))}  # fmt: skip


def test_every_type_reads_back_every_variable_its_table_gives_a_tag():
    values = {"page": "12-40"} | {var: Date.of(2020, 1, 2) for var in DATE_VARIABLES}
    for ty, row in TYPE_TABLE.items():
        rec = Record(TYPE_TO_CSL[ty], title="x", keys={"type": "ris:" + ty})
        for var in {v for v in row.values() if v}:
            rec[var] = values.get(var, "PMC123" if var == "PMCID" else "7")
        text = msccite.dumps([rec], "ris")
        assert "N1" not in text, (ty, text)
        assert list(msccite.loads(text, "ris")) == [rec], ty


def test_the_docs_table_is_the_data():
    lines = DOCS.read_text(encoding="utf-8").split("## Tags whose meaning depends on the type", 1)[1].splitlines()
    documented = set()
    for line in lines:
        m = re.fullmatch(r"\| ((?:`[A-Z]+`(?:, )?)+) \| `(\w\w)` \| (`[\w-]+`|none: [a-z ,]+)(.*)\|", line)
        if m:
            var = m.group(3).strip("`") if m.group(3).startswith("`") else None
            with_ = re.match(r", when a `(\w\w)` holds a value too", m.group(4))
            kind = "also" if "read after the usual tags" in m.group(4) else "with " + with_[1] if with_ else "row"
            documented |= {(ty, m.group(2), var, kind) for ty in re.findall(r"`([A-Z]+)`", m.group(1))}
    data = {(ty, tag, var, "row") for ty, row in TYPE_TABLE.items() for tag, var in row.items()}
    data |= {(ty, tag, var, "also") for ty, row in TYPE_ALSO_READ.items() for tag, var in row.items()}
    data |= {(ty, tag, var, "with " + other) for ty, row in TYPE_READ_WITH.items()
             for tag, (var, other) in row.items()}  # fmt: skip
    assert documented == data
    assert len(TYPE_ROWS) < len(TYPE_TABLE)


# -- citation-js, which has the specification's tables as data, reads what we write -----------------
@needs_citation_js
def test_citation_js_reads_the_typed_tags_we_write_as_we_do():
    records = []
    for ty, fields, _ in (p.values for p in WRITE):
        rec = Record(TYPE_TO_CSL[ty], title="x", **fields)
        if CSL_TO_TYPE[rec.type] != ty:
            rec.keys["type"] = "ris:" + ty
        records.append(rec)
    items = citation_js(msccite.dumps(records, "ris"), "ris")
    assert len(items) == len(records)
    for rec, item in zip(records, items, strict=True):
        theirs = Record.from_csl(item)
        for var, value in rec.items():
            if var == "container-title" and rec.type == "paper-conference" and rec.keys.get("type") != "ris:CONF":
                continue  # citation-js reads the C3 proceedings title of CONF, not of CPAPER (Zotero reads both)
            if var == "page-first" and rec.type == "article-journal":
                continue  # EndNote writes a journal article's start page in SE, citation-js reads M2 (we read both)
            assert theirs.get(var) == value, (rec.type, var, item)
