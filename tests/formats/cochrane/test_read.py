"""The Cochrane Library plain-text reader: the real export, then one quirk per test on small inputs."""

from __future__ import annotations

import pytest

import msccite
from msccite import Date, Extra, Name
from msccite.context import ReadContext
from msccite.formats import cochrane
from msccite.names import family_first_words
from msccite.textio import iter_lines
from paths import CORPUS, EXPORTS

SAMPLE = EXPORTS / "cochrane_library_txt" / "andrewjt71_citation-export.txt"
RECORDS = 271  # PROVENANCE.md: "271 (`Record #1 of 271` ...)"


def read(text: str) -> tuple[list, list]:
    ctx = ReadContext("cochrane", "<string>", errors="collect")
    records = list(cochrane.read(iter_lines(text), ctx))
    return records, ctx.problems


def one(text: str):
    records, problems = read(text)
    assert len(records) == 1, problems
    return records[0]


# -- the real export ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample():
    return msccite.read(SAMPLE)


def test_the_export_is_detected():
    assert SAMPLE.read_bytes().count(b"\r") and not SAMPLE.read_bytes().count(b"\n")  # bare CR, as PROVENANCE says
    assert msccite.detect(SAMPLE.read_text(encoding="utf-8-sig")) == "cochrane"


def test_every_record_is_read_without_a_problem(sample):
    assert sample.format == "cochrane"
    assert len(sample) == RECORDS
    assert sample.problems == []
    assert all(r.title and r.authors and r.year and r.get("DOI") for r in sample)


def test_the_first_record(sample):
    rec = sample[0]
    assert rec.type == "article-journal"
    assert rec.title == "Different types of dietary advice for women with gestational diabetes mellitus"
    assert rec.authors[0] == Name(family="Han", given="Shanshan")
    assert rec.authors[3] == Name(family="Van Ryswyk", given="Emer")
    assert rec.authors[4] == Name(family="Crowther", given="Caroline A")
    assert len(rec.authors) == 5
    assert rec["issued"] == Date.of(2017)
    assert rec["container-title"] == "Cochrane Database of Systematic Reviews"
    assert rec["issue"] == "2"
    assert rec["number"] == "CD009275"  # the review's article number
    assert rec["publisher"] == "John Wiley & Sons, Ltd"
    assert rec["DOI"] == "10.1002/14651858.CD009275.pub3"
    assert rec["URL"] == ["http://onlinelibrary.wiley.com/doi/10.1002/14651858.CD009275.pub3/abstract"]
    assert rec["abstract"].startswith("Background: Dietary advice is the main strategy")
    assert rec["keyword"][:2] == ["Caloric Restriction", "Diabetes, Gestational [diet therapy]"]
    assert rec["keyword"][-1] == "Pregnancy[checkword]" and len(rec["keyword"]) == 11
    assert rec.source.line == 1


def test_the_review_group_code_is_an_extra(sample):
    rec = sample[1]
    assert rec["number"] == "CD001903"
    assert rec.authors[0] == Name(family="Martin", given="Kirsty")
    assert rec.extra == [Extra("cochrane", "CC", "EPILEPSY")]


def test_the_record_after_the_bom_of_the_second_export(sample):
    rec = sample[200]
    assert rec.source.line == 3665  # the "\ufeffRecord #201 of 271" line
    assert rec.title.startswith("Self-monitoring of blood glucose in patients with type 2 diabetes mellitus")
    assert rec.authors[0] == Name(family="Malanda", given="Uriëll L")
    assert rec.authors[1] == Name(family="Welschen", given="Laura MC")
    assert rec.year == 2012
    assert rec["DOI"] == "10.1002/14651858.CD005060.pub3"


def test_the_last_record(sample):
    rec = sample[-1]
    assert rec.title.startswith("Therapeutic exercises for affecting post-treatment swallowing")
    assert rec.authors[0] == Name(family="Perry", given="Alison")
    assert rec.authors[1] == Name(family="Lee", given="Siew Hwa")
    assert rec.year == 2016 and rec["issue"] == "8"
    assert rec["DOI"] == "10.1002/14651858.CD011112.pub2"


def test_ris_with_cochranes_header_is_not_this_format():
    """Cochrane's RIS download also starts ``Record #3 of 18``, then ``Provider:`` lines and ``TY  -``."""
    text = (CORPUS / "_baseline_cochrane_refman.ris").read_text(encoding="utf-8-sig")
    assert cochrane.detect(text) == 0.0
    assert msccite.detect(text) == "ris"


# -- names ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Han Shanshan", Name(family="Han", given="Shanshan")),
        ("Crowther Caroline A", Name(family="Crowther", given="Caroline A")),
        ("Buchleitner Ana Maria", Name(family="Buchleitner", given="Ana Maria")),
        ("Van Ryswyk Emer", Name(family="Van Ryswyk", given="Emer")),
        ("Del Mar Chris", Name(family="Del Mar", given="Chris")),
        ("van de Wetering Marianne D", Name(family="Wetering", given="Marianne D", non_dropping_particle="van de")),
        ("Roqué i Figuls Marta", Name(family="Roqué i Figuls", given="Marta")),
        ("Le Thi Hong", Name(family="Le", given="Thi Hong")),
        ("Smith J", Name(family="Smith", given="J")),
        ("Bywater, T", Name(family="Bywater", given="T")),
        ("Abrizah", Name(family="Abrizah")),
        ("Cochrane Airways Group", Name(literal="Cochrane Airways Group")),
    ],
)
def test_family_first_names(text, name):
    assert family_first_words(text) == name


# -- small inputs ---------------------------------------------------------------------------------
CENTRAL = """Record #1 of 1
ID: CN-00778158
AU: Bywater T; Hutchings J
TI: The Incredible Years Therapeutic Dinosaur Programme: study protocol for a randomised controlled trial
SO: Trials
YR: 2011
VL: 12
NO: 1
PG: 39
XR: EMBASE 2011123456
PM: PUBMED 21314913
PT: Journal: Article
KY: Child; Conduct Disorder [*prevention & control]
DOI: 10.1186/1745-6215-12-39
CC: Common Mental Disorders
EM: 2011-05-01
UP: 2011-06-01
ZZ: a tag no one knows
US: https://www.cochranelibrary.com/central/doi/10.1002/central/CN-00778158/full
"""


def test_a_central_trial_record():
    rec = one(CENTRAL)
    assert rec.type == "article-journal"
    assert rec.authors == [Name(family="Bywater", given="T"), Name(family="Hutchings", given="J")]
    assert rec["container-title"] == "Trials"
    assert (rec.year, rec["volume"], rec["issue"], rec["page"]) == (2011, "12", "1", "39")
    assert rec["PMID"] == "21314913"  # "PUBMED 21314913"
    assert rec["DOI"] == "10.1186/1745-6215-12-39"
    assert rec["keyword"] == ["Child", "Conduct Disorder [*prevention & control]"]
    assert rec["URL"] == ["https://www.cochranelibrary.com/central/doi/10.1002/central/CN-00778158/full"]
    assert "number" not in rec  # a CENTRAL accession is no article number
    assert rec.extra == [
        Extra("cochrane", "ID", "CN-00778158"),
        Extra("cochrane", "XR", "EMBASE 2011123456"),
        Extra("cochrane", "PT", "Journal: Article"),
        Extra("cochrane", "CC", "Common Mental Disorders"),
        Extra("cochrane", "EM", "2011-05-01"),
        Extra("cochrane", "UP", "2011-06-01"),
        Extra("cochrane", "ZZ", "a tag no one knows"),
    ]


def test_the_pubmed_cross_reference_is_the_pmid_when_there_is_no_pm():
    rec = one("Record #1 of 1\nID: CN-02677909\nTI: T\nXR: PUBMED 38407106,EMBASE 643589775\n")
    assert rec["PMID"] == "38407106"
    assert rec.extra == [
        Extra("cochrane", "ID", "CN-02677909"),
        Extra("cochrane", "XR", "PUBMED 38407106,EMBASE 643589775"),
    ]


def test_a_conference_abstract_is_a_paper_conference():
    rec = one("Record #1 of 1\nID: CN-1\nTI: T\nPT: Journal: Conference Abstract\n")
    assert rec.type == "paper-conference"
    assert Extra("cochrane", "PT", "Journal: Conference Abstract") in rec.extra


def test_a_record_missing_its_title():
    records, problems = read(
        "Record #1 of 2\nID: CD000001\nAU: Doe Jane\nYR: 2020\n\nRecord #2 of 2\nID: CD000002\nTI: Second\nYR: 2021\n"
    )
    assert problems == []
    assert [r.title for r in records] == [None, "Second"]
    assert records[0].authors == [Name(family="Doe", given="Jane")]
    assert records[0]["number"] == "CD000001" and records[0].year == 2020


def test_cr_line_ends_and_a_bom_in_the_middle_pass_through_loads():
    text = (
        "\ufeffRecord #1 of 2\rID: CD000001\rAU: Doe Jane\rTI: First\rSO: Cochrane Database of Systematic Reviews\r"
        "YR: 2019\r\r\r\ufeffRecord #2 of 2\rID: CD000002\rAU: Roe Richard\rTI: Second\rYR: 2020\r\r"
    )
    records = msccite.loads(text)
    assert records.format == "cochrane"
    assert records.problems == []
    assert [(r.title, r.year, r.authors[0].family) for r in records] == [
        ("First", 2019, "Doe"),
        ("Second", 2020, "Roe"),
    ]
    assert [r.source.line for r in records] == [1, 9]


def test_a_repeated_or_empty_tag_is_kept_as_an_extra():
    rec = one("Record #1 of 1\nTI: First\nTI: Second\nVL:\n")
    assert rec.title == "First"
    assert rec.extra == [Extra("cochrane", "TI", "Second"), Extra("cochrane", "VL", "")]


def test_a_year_that_is_not_one_is_kept_raw():
    assert one("Record #1 of 1\nTI: T\nYR: in press\n")["issued"] == Date(raw="in press")


def test_a_line_that_is_not_tagged_continues_the_value_before_it():
    records, problems = read("Record #1 of 1\nTI: T\nAB: First paragraph.\nSecond paragraph.\n")
    assert records[0]["abstract"] == "First paragraph.\nSecond paragraph."
    assert [p.severity for p in problems] == ["warning"] and problems[0].line == 4


def test_records_without_the_record_line_are_read_with_a_warning():
    records, problems = read("ID: CD000001\nTI: First\n\nID: CD000002\nTI: Second\n")
    assert [r.title for r in records] == ["First", "Second"]
    assert len(problems) == 1 and problems[0].severity == "warning" and "Record #" in problems[0].message


def test_text_outside_a_record_is_skipped_with_a_warning():
    records, problems = read("Search results\n\nRecord #1 of 1\nTI: T\n")
    assert [r.title for r in records] == ["T"]
    assert [(p.line, p.severity) for p in problems] == [(1, "warning")]


def test_detection():
    assert cochrane.detect("Record #1 of 3\nID: CD000001\nAU: Doe Jane\nTI: T\n") == 0.95
    assert cochrane.detect("\ufeffRecord #1 of 3\r\rID: CD000001\rAU: Doe Jane\r") == 0.95
    assert cochrane.detect("Record #4 of 9\nID: CN-01234567\nTI: T\n") == 0.9
    assert cochrane.detect("ID: CN-01234567\nAU: Doe J\nTI: T\n") == 0.8
    assert cochrane.detect("Record #1 of 3\nProvider: John Wiley & Sons, Ltd.\nTY  - JOUR\n") == 0.0
    assert cochrane.detect("TY  - JOUR\nTI  - T\nER  - \n") == 0.0
    assert cochrane.detect("") == 0.0
