"""The EPPI-Reviewer JSON reader: the real export, then one quirk per test on small inputs."""

from __future__ import annotations

import json

import pytest

import msccite
from msccite import Date, Extra, Name, ParseError
from msccite.formats import csl_json, eppi
from paths import EXPORTS

SAMPLE = EXPORTS / "eppi_json" / "infoqualitylab_eppi_export_162.json"
RECORDS = 162  # PROVENANCE.md: "162 References, 1 CodeSet"


@pytest.fixture(scope="module")
def sample():
    return msccite.read(SAMPLE, errors="collect")


def export(*references: dict, codesets: list | None = None) -> str:
    return json.dumps({"CodeSets": codesets or [], "References": list(references)}, indent=1)


# -- the real export ------------------------------------------------------------------------------
def test_the_export_is_detected_and_not_taken_for_csl_json():
    text = SAMPLE.read_text(encoding="utf-8-sig")[: 64 * 1024]
    assert msccite.detect(text) == "eppi"
    assert eppi.detect(text) == 0.95
    assert csl_json.detect(text) == 0.0


def test_every_reference_is_read(sample):
    assert sample.format == "eppi"
    assert len(sample) == RECORDS
    # the one problem: codes of a code set the export does not hold (no name to give them)
    assert [p.severity for p in sample.problems] == ["warning"]
    assert "not named in CodeSets" in sample.problems[0].message
    assert all(r.title and r.authors and r.year for r in sample)


def test_the_first_reference(sample):
    rec = sample[0]
    assert rec.type == "article-journal" and rec.keys["type"] == "eppi:Journal, Article"
    assert rec.title == "Correction and retraction practices in library and information science journals"
    assert rec.authors == [Name(family="Ajiferuke", given="Isola"), Name(family="Adekannbi", given="Janet O")]
    assert rec["issued"] == Date.of(2020, 3)  # Year "2020", Month "March"
    assert rec["container-title"] == "Journal of Librarianship and Information Science"
    assert (rec["volume"], rec["issue"], rec["page"]) == ("52", "1", "169-183")
    assert rec["DOI"] == "10.1177/0961000618785408"
    assert rec.source.line == 4818  # the line of the reference's "{"
    extras = rec.extras("eppi")
    assert Extra("eppi", "ItemId", "46656814") in extras
    assert Extra("eppi", "ShortTitle", "Ajiferuke (2020)") in extras
    assert Extra("eppi", "StandardNumber", "WOS:000511663100014 ER") in extras  # an import's leftover: kept as is
    assert Extra("eppi", "Code", "Data Extraction > Database source > Web of Science (5822506)") in extras
    quote = next(e.value for e in extras if e.key == "CodeQuote@5822506")
    assert quote.startswith("Ajiferuke-2020-Correction and retraction pract.pdf: Page 4:")
    keys = [e.key for e in extras]
    assert keys.index("ItemId") < keys.index("Code")  # in source order


def test_more_references(sample):
    rec = sample[1]
    assert rec.title == "Publication misconduct and plagiarism retractions: a Latin American perspective"
    assert rec.authors[0] == Name(family="Alfaro-Toloza", given="P")
    assert rec.authors[2] == Name(family="Rodriguez-Morales", given="A J")
    assert rec["issued"] == Date.of(2013, 2)
    assert rec["container-title"] == "Current Medical Research and Opinion"
    assert rec["DOI"] == "10.1185/03007995.2012.755504"
    last = sample[-1]
    assert last.title.startswith("The impact of misconduct on the published medical and non-medical literature")
    assert last.authors[0] == Name(family="Zhang", given="M")
    assert (last.year, last["container-title"], last["DOI"]) == (2013, "Scientometrics", "10.1007/s11192-012-0920-5")


def test_standard_numbers_by_shape(sample):
    by_item = {next(e.value for e in r.extra if e.key == "ItemId"): r for r in sample}
    assert by_item["46656798"]["PMID"] == "32240014"  # "MEDLINE:32240014"
    assert by_item["36681058"]["ISSN"] == ["0276-3869 (Linking)"]


def test_item_types(sample):
    by_item = {next(e.value for e in r.extra if e.key == "ItemId"): r for r in sample}
    assert by_item["46660998"].type == "paper-conference"
    assert by_item["46660998"]["container-title"] == "Future of Information and Communication Conference, FICC 2018"
    assert by_item["46660492"].type == "chapter"
    thesis = by_item["37275786"]
    assert thesis.type == "thesis" and thesis["publisher"] == "College Park, MD, USA"  # the Institution
    assert thesis.authors == [Name(family="Wright", given="Nancy Daniel")]


# -- small inputs ---------------------------------------------------------------------------------
def test_a_reference_with_no_authors():
    records = msccite.loads(export({"ItemId": 1, "Title": "Anonymous work", "Authors": "", "ParentAuthors": "",
                                    "Year": "2001", "TypeName": "Report"}))  # fmt: skip
    assert records.format == "eppi" and records.problems == []
    rec = records[0]
    assert rec.title == "Anonymous work" and rec.authors == [] and "author" not in rec
    assert rec.type == "report" and rec.year == 2001
    assert rec.extra == [Extra("eppi", "ItemId", "1")]


def test_malformed_json_is_an_error_naming_its_line():
    text = '{\n"CodeSets": [],\n"References": [\n{"ItemId": 1, "Title": "A"},\n{"ItemId": 2, "Title": "B" "x"}\n]}\n'
    with pytest.raises(ParseError) as info:
        msccite.loads(text)
    assert info.value.line == 5 and "not valid JSON" in info.value.message
    records = msccite.loads(text, errors="collect")
    assert [r.title for r in records] == ["A"]  # the reference before the damage is kept
    assert records.problems[0].line == 5 and "1 complete reference(s) before it are kept" in records.problems[0].message


def test_a_cut_export_keeps_the_complete_references():
    full = export({"ItemId": 1, "Title": "A"}, {"ItemId": 2, "Title": "B"})
    records = msccite.loads(full[: full.rindex('"B"')], "eppi", errors="collect")
    assert [r.title for r in records] == ["A"]
    assert len(records.problems) == 1 and records.problems[0].severity == "error"


def test_not_an_export_object():
    records = msccite.loads('[{"ItemId": 1}]', "eppi", errors="collect")
    assert len(records) == 0 and "expected an EPPI-Reviewer export" in records.problems[0].message
    records = msccite.loads('{"CodeSets": []}', "eppi", errors="collect")
    assert len(records) == 0 and 'without "References"' in records.problems[0].message


def test_codes_are_named_from_the_code_sets():
    codesets = [{"SetName": "Screening", "SetId": 1, "Attributes": {"AttributesList": [
        {"AttributeId": 10, "AttributeName": "Include", "Attributes": {"AttributesList": [
            {"AttributeId": 11, "AttributeName": "RCT"}]}}]}}]  # fmt: skip
    ref = {"ItemId": 7, "Title": "T", "Codes": [
        {"AttributeId": 11, "AdditionalText": "randomised", "ArmId": 0, "ArmTitle": "",
         "ItemAttributeFullTextDetails": [{"ItemDocumentId": 3, "TextFrom": 0, "TextTo": 0, "Text": "We randomised",
                                           "IsFromPDF": True, "DocTitle": "paper.pdf", "ItemArm": ""}]},
        {"AttributeId": 99, "AdditionalText": "", "ArmId": 0, "ArmTitle": ""}]}  # fmt: skip
    records = msccite.loads(export(ref, codesets=codesets), errors="collect")
    assert records[0].extra == [
        Extra("eppi", "ItemId", "7"),
        Extra("eppi", "Code", "Screening > Include > RCT (11)"),
        Extra("eppi", "CodeText@11", "randomised"),
        Extra("eppi", "CodeQuote@11", "paper.pdf: We randomised"),
        Extra("eppi", "Code", "[not in CodeSets] (99)"),
    ]
    assert [(p.severity, "99" in p.message) for p in records.problems] == [("warning", True)]


def test_keywords_months_and_standard_numbers():
    rec = msccite.loads(export({"Title": "T", "Keywords": "Ethics\r\nIntegrity\rRetraction\nPlagiarism",
                                "Year": "2019", "Month": "Dec", "StandardNumber": "978-0-12-345678-9",
                                "Comments": "Export Date: 21 April 2020\r\rCS conference paper",
                                "TypeName": "Book, Whole"}))[0]  # fmt: skip
    assert rec["keyword"] == ["Ethics", "Integrity", "Retraction", "Plagiarism"]
    assert rec["issued"] == Date.of(2019, 12)
    assert rec["ISBN"] == ["978-0-12-345678-9"]
    assert rec["note"] == ["Export Date: 21 April 2020\n\nCS conference paper"]
    assert rec.type == "book"


@pytest.mark.parametrize(
    ("year", "month", "issued"),
    [
        ("2020", "", Date.of(2020)),
        ("2020", "3", Date.of(2020, 3)),
        ("2020", "Sept", Date.of(2020, 9)),
        ("2020", "Mar 15", Date.of(2020, 3, 15)),
        ("2020", "Spring", Date(parts=((2020,),), season=1)),
        ("2020", "Mar-Apr", Date(parts=((2020,),), raw="Mar-Apr 2020")),
        ("in press", "", Date(raw="in press")),
    ],
)
def test_year_and_month(year, month, issued):
    rec = msccite.loads(export({"Title": "T", "Year": year, "Month": month}))[0]
    assert rec["issued"] == issued


def test_other_top_level_keys_are_reported():
    text = json.dumps({"ReviewId": 5, "CodeSets": [], "References": [{"Title": "T"}]})
    records = msccite.loads(text, errors="collect")
    assert records.format == "eppi" and [r.title for r in records] == ["T"]
    assert [(p.severity, "ReviewId" in p.message) for p in records.problems] == [("warning", True)]


def test_an_unknown_type_is_a_document_and_its_name_kept():
    rec = msccite.loads(export({"Title": "T", "TypeName": "Podcast"}))[0]
    assert rec.type == "document" and rec.extra == [Extra("eppi", "TypeName", "Podcast")]


def test_detection():
    assert eppi.detect('{\r\n"CodeSets": [\r\n{') == 0.95
    assert eppi.detect('\ufeff{"References": [{"ItemId": 1, "Title": "T"}]}') == 0.95
    assert eppi.detect('{"ReviewId": 5, "CodeSets": [{"SetName": "Screening"}]}') == 0.95
    assert eppi.detect('{"References": []}') == 0.5
    assert eppi.detect('[{"id": "a", "type": "book"}]') == 0.0
    assert eppi.detect('{"id": "a", "type": "book"}') == 0.0
    assert csl_json.detect('{\r\n"CodeSets": [],\r\n"References": [{"ItemId": 1}]}') == 0.0
