"""The RIS reader on the dialects real exporters write, one quirk per test."""

from __future__ import annotations

import pytest

import msccite
from msccite import Date, Extra, Name, ParseError
from paths import SEEDS


def one(text: str, **kw) -> msccite.Record:
    records = msccite.loads(text, "ris", **kw)
    assert len(records) == 1
    return records[0]


def test_seed_003_reads_into_one_complete_record():
    records = msccite.read(SEEDS / "003_98c53ee05b756194.txt")
    assert records.format == "ris" and records.problems == []
    rec = records[0]
    assert rec.type == "article-journal"
    assert rec.title.startswith("A phase I study of autologous mesenchymal stromal cells")
    assert len(rec.authors) == 19
    assert rec.authors[0] == Name(family="Vivarelli", given="M.")
    assert rec.authors[14] == Name(family="De", given="Salvo A.")  # as the exporter wrote it
    assert rec.authors[16] == Name(family="Locatelli", given="Franco")
    assert rec["issued"] == Date.of(2023)
    assert rec["container-title"] == "JCI insight"
    assert (rec["volume"], rec["issue"], rec["page"]) == ("8", "18", "1-13")
    assert rec["DOI"] == "10.1172/jci.insight.169424"
    assert rec["ISSN"] == ["2379-3708"]
    assert len(rec["URL"]) == 3
    assert rec["keyword"] == ["Clinical Trials", "Immunotherapy", "Nephrology"] * 2
    assert rec["abstract"].startswith("BACKGROUNDSevere forms") and rec["abstract"].endswith("2016-02364623.")
    assert rec["genre"] == "Article"
    assert rec.extra == [Extra("ris", "U2", "10.1172/jci.insight.169424")]
    assert rec.source == msccite.Source("ris", str(SEEDS / "003_98c53ee05b756194.txt"), 1)


def test_one_space_before_dash_and_no_final_newline():
    rec = one("TY - JOUR\nTI - Title\nAU - Doe, J.\nER -")
    assert rec.title == "Title" and rec.authors == [Name("Doe", "J.")]


def test_one_space_tag_inside_a_two_space_record_is_text():
    rec = one("TY  - JOUR\nAB  - first line\nCD - Crohn's disease is\nER  - \n")
    assert rec["abstract"] == "first line\nCD - Crohn's disease is"


@pytest.mark.parametrize("end", ["ER  - ", "ER  -", "ER -", "ER  -  "])
def test_er_variants_close_the_record(end):
    records = msccite.loads(f"TY  - JOUR\nTI  - A\n{end}\nTY  - JOUR\nTI  - B\n{end}\n", "ris")
    assert [r.title for r in records] == ["A", "B"]
    assert records.problems == []


def test_crlf_and_bom():
    rec = one("\ufeffTY  - JOUR\r\nTI  - Title\r\nER  - \r\n")
    assert rec.title == "Title"


def test_continuation_lines_join_with_newlines_and_keep_blank_lines_inside():
    rec = one("TY  - JOUR\nAB  - para one\ncontinued\n\npara two\n\nKW  - x\nER  - \n")
    assert rec["abstract"] == "para one\ncontinued\n\npara two"
    assert rec["keyword"] == ["x"]


def test_endnote_multi_line_keywords_and_issns_are_several_values():
    rec = one("TY  - JOUR\nKW  - article\nbiostratigraphy\nColorado\nSN  - 1932-8494\n1932-8486\nER  - \n")
    assert rec["keyword"] == ["article", "biostratigraphy", "Colorado"]
    assert rec["ISSN"] == ["1932-8494", "1932-8486"]


def test_repeated_tags_are_all_kept_in_order():
    rec = one("TY  - JOUR\nSN  - 1234-5678\nSN  - 8765-4321\nN1  - one\nN1  - two\nUR  - http://a\nUR  - http://b\n"
              "ER  - \n")  # fmt: skip
    assert rec["ISSN"] == ["1234-5678", "8765-4321"]
    assert rec["note"] == ["one", "two"]
    assert rec["URL"] == ["http://a", "http://b"]


def test_isbn_is_told_from_issn_by_its_shape():
    rec = one("TY  - BOOK\nSN  - 978-3-16-148410-0\nSN  - 0937-4477\nER  - \n")
    assert rec["ISBN"] == ["978-3-16-148410-0"] and rec["ISSN"] == ["0937-4477"]


def test_unknown_and_empty_tags_are_kept_in_order():
    rec = one("TY  - JOUR\nC5  - 38773066\nTI  - T\nPD  - \nDB  - Embase\nDB  - Medline\nER  - \n")
    assert rec.extra == [Extra("ris", "C5", "38773066"), Extra("ris", "PD", ""), Extra("ris", "DB", "Medline")]
    assert rec["source"] == "Embase"


def test_synonyms_with_the_same_value_fill_one_variable_and_keep_their_tags():
    rec = one("TY  - JOUR\nN2  - Same.\nAB  - Same.\nPY  - 2023\nY1  - 2023\nER  - \n")
    assert rec["abstract"] == "Same." and rec.extra == []
    assert rec.keys == {"abstract": "ris:N2,AB", "issued": "ris:PY,Y1"}
    assert "N2  - Same.\nAB  - Same." in msccite.dumps([rec], "ris")


def test_synonyms_that_disagree_keep_the_other_value_as_extra():
    rec = one("TY  - JOUR\nAB  - First.\nN2  - Second.\nER  - \n")
    assert rec["abstract"] == "First." and rec.extra == [Extra("ris", "N2", "Second.")]


def test_the_most_precise_date_wins_and_disagreeing_dates_are_kept():
    rec = one("TY  - JOUR\nPY  - 2024\nDA  - 2024/04/03/\nY1  - 2023///\nER  - \n")
    assert rec["issued"] == Date.of(2024, 4, 3)
    assert rec.extra == [Extra("ris", "Y1", "2023///")]


def test_iso_dates_and_other_info():
    assert one("TY  - JOUR\nDA  - 2024-02-01\nER  - \n")["issued"] == Date.of(2024, 2, 1)
    d = one("TY  - JOUR\nPY  - 2019/12//Winter\nER  - \n")["issued"]
    assert d.parts == ((2019, 12),) and d.raw == "2019/12//Winter"
    assert one("TY  - JOUR\nPY  - in press\nER  - \n")["issued"] == Date(raw="in press")


def test_journal_name_tags():
    rec = one("TY  - JOUR\nJF  - Nature Communications\nJO  - Nat. Commun.\nER  - \n")
    assert rec["container-title"] == "Nature Communications"
    assert rec["container-title-short"] == "Nat. Commun."
    rec = one("TY  - JOUR\nJO  - PLoS ONE\nER  - \n")
    assert rec["container-title"] == "PLoS ONE" and "container-title-short" not in rec


def test_pages():
    assert one("TY  - JOUR\nSP  - 97\nEP  - 105\nER  - \n")["page"] == "97-105"
    assert one("TY  - JOUR\nSP  - e0245432\nER  - \n")["page"] == "e0245432"
    assert one("TY  - JOUR\nSP  - 1-22\nER  - \n")["page"] == "1-22"


def test_names_without_comma_are_kept_whole():
    rec = one("TY  - JOUR\nA1  - Brownstein C D\nAU  - Smith, John, Jr.\nER  - \n")
    assert rec.authors == [Name(literal="Brownstein C D"), Name("Smith", "John", suffix="Jr.")]


def test_rayyan_runs_two_tags_together_on_one_line():
    rec = one("TY  - JOUR\nUR  - https://www.embase.com/x?id=L1&from=export     U2  - L2029880245\nER  - \n")
    assert rec["URL"] == ["https://www.embase.com/x?id=L1&from=export"]
    assert rec.extra == [Extra("ris", "U2", "L2029880245")]


def test_record_numbers_and_headers_between_records_are_separators():
    text = "Record #3 of 18\nProvider: Wiley\nContent: text/plain\n\nTY  -  JOUR\nTI  -  Cochrane\nER  -  \n\n 47. \n"
    records = msccite.loads(text, "ris")
    assert [r.title for r in records] == ["Cochrane"] and records.problems == []


def test_text_outside_records_is_reported_not_silently_dropped():
    records = msccite.loads("Some junk line\nTY  - JOUR\nTI  - T\nER  - \n", "ris", errors="collect")
    assert [r.title for r in records] == ["T"]
    assert [str(p) for p in records.problems] == ["<string>:1: text outside a record skipped: 'Some junk line'"]


def test_tag_before_ty_is_an_error_with_its_line():
    with pytest.raises(ParseError) as info:
        msccite.loads("TY  - JOUR\nTI  - A\nER  - \nAU  - Doe, J.\nTY  - JOUR\nER  - \n", "ris", source="export.ris")
    assert str(info.value) == "export.ris:4: AU before TY: lines up to the next TY skipped"
    assert info.value.line == 4 and info.value.source == "export.ris" and isinstance(info.value, ValueError)


def test_collect_mode_reads_the_records_after_a_problem():
    records = msccite.loads("AU  - Doe, J.\nTI  - x\nTY  - JOUR\nTI  - B\nER  - \n", "ris", errors="collect")
    assert [r.title for r in records] == ["B"]
    assert [(p.line, p.severity) for p in records.problems] == [(1, "error")]


def test_missing_final_er_keeps_the_record_and_reports_it():
    records = msccite.loads("TY  - JOUR\nTI  - A\nER  - \nTY  - JOUR\nTI  - Last\n", "ris", errors="collect")
    assert [r.title for r in records] == ["A", "Last"]
    assert [(p.line, p.severity, p.message) for p in records.problems] == [
        (5, "warning", "the last record (line 4) has no ER line; it is kept")
    ]


def test_missing_final_er_in_strict_mode_warns_and_keeps_the_record():
    with pytest.warns(msccite.MscciteWarning, match="has no ER line"):
        records = msccite.loads("TY  - JOUR\nTI  - Last\n", "ris")
    assert [r.title for r in records] == ["Last"]


def test_ty_without_er_starts_a_new_record():
    records = msccite.loads("TY  - JOUR\nTI  - A\nTY  - BOOK\nTI  - B\nER  - \n", "ris", errors="collect")
    assert [(r.type, r.title) for r in records] == [("article-journal", "A"), ("book", "B")]
    assert records.problems[0].line == 3


def test_types_map_to_csl_and_keep_their_own_tag():
    rec = one("TY  - EJOUR\nTI  - x\nER  - \n")
    assert rec.type == "article-journal" and rec.keys["type"] == "ris:EJOUR"
    assert msccite.dumps([rec], "ris").startswith("TY  - EJOUR\n")
    assert one("TY  - XYZ\nER  - \n").type == "document"
    assert msccite.dumps([one("TY  - XYZ\nER  - \n")], "ris").startswith("TY  - XYZ\n")
