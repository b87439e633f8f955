"""The Web of Science reader on the plain-text export, one quirk per test."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from msccite import Date, Extra, Name, Source
from msccite.context import ReadContext
from msccite.formats import endnote, ris, wos
from msccite.formats.wos.read import parse_pd
from msccite.textio import iter_lines
from paths import CORPUS, ROOT

DATA = ROOT / "tests" / "data" / "wos"
SAVEDRECS = DATA / "savedrecs.txt"


def read(text: str, name: str = "<string>") -> tuple[list, list]:
    ctx = ReadContext("wos", name, errors="collect")
    records = list(wos.read(iter_lines(text), ctx))
    return records, ctx.problems


def one(text: str) -> object:
    records, problems = read(text)
    assert len(records) == 1, problems
    return records[0]


def fixture() -> str:
    return SAVEDRECS.read_text(encoding="utf-8")


# -- the fixture: a real-shaped export with three records ------------------------------------------
def test_fixture_reads_three_records_without_problems():
    records, problems = read(fixture(), str(SAVEDRECS))
    assert problems == []
    assert [r.type for r in records] == ["article-journal", "chapter", "article-journal"]
    assert records[0].source == Source("wos", str(SAVEDRECS), 3)


def test_journal_article_maps_every_bibliographic_tag():
    rec = read(fixture())[0][0]
    assert rec.title == ("Short and Long Term Clinical and Immunologic Follow up after Bone Marrow Mesenchymal "
                         "Stromal Cell Therapy in Progressive Multiple Sclerosis-A Phase I Study")  # fmt: skip
    assert rec.authors[0] == Name("Iacobaeus", "Ellen")
    assert rec.authors[4] == Name("Le Blanc", "Katarina")
    assert len(rec.authors) == 5
    assert rec["container-title"] == "JOURNAL OF CLINICAL MEDICINE"  # as written: normalization comes later
    assert rec["container-title-short"] == "J. Clin. Med."
    assert rec["issued"] == Date.of(2019, 12, 2)
    assert (rec["volume"], rec["issue"], rec["page"], rec["number"]) == ("8", "12", "1-14", "2102")
    assert rec["DOI"] == "10.3390/jcm8122102"
    assert rec["PMID"] == "31810187"
    assert rec["ISSN"] == ["2077-0383"]
    assert (rec["publisher"], rec["publisher-place"]) == ("MDPI", "BASEL")
    assert rec["language"] == "English" and rec["genre"] == "Article"
    assert rec["number-of-pages"] == "14"
    assert rec["keyword"] == ["mesenchymal stromal cells", "multiple sclerosis", "cell therapy", "immune monitoring"]
    assert rec["abstract"].startswith("Bone marrow derived mesenchymal stromal cells (BM-MSCs)")
    assert "inconclusive.\nWe conducted a phase I" in rec["abstract"]  # a paragraph per continuation line
    assert rec.keys["type"] == "wos:J"


def test_abbreviated_names_and_unmapped_tags_are_extras_in_file_order():
    rec = read(fixture())[0][0]
    keys = [e.key for e in rec.extra]
    assert keys[:5] == ["AU"] * 5
    assert rec.extra[4] == Extra("wos", "AU", "Le Blanc, K")
    assert Extra("wos", "UT", "WOS:000506637300023") in rec.extra
    assert Extra("wos", "ID", "MARROW STROMAL CELLS; AUTOLOGOUS HEMATOPOIETIC STEM; DISABILITY") in rec.extra
    assert Extra("wos", "PA", "ST ALBAN-ANLAGE 66, CH-4052 BASEL, SWITZERLAND") in rec.extra
    assert Extra("wos", "J9", "J CLIN MED") in rec.extra  # JI is the short title, J9 stays
    assert Extra("wos", "EI", "2077-0383") in rec.extra  # the same ISSN as SN: kept, not repeated
    # each continuation line of C1, C3, CR is a value of its own
    assert [e.value for e in rec.extra if e.key == "C3"] == ["Karolinska Institutet", "Karolinska University Hospital"]
    crs = [e.value for e in rec.extra if e.key == "CR"]
    assert len(crs) == 3 and crs[2].startswith("Le Blanc K, 2004, LANCET")
    assert keys.index("C1") < keys.index("CR") < keys.index("UT") < keys.index("DA")


def test_nothing_is_lost_every_value_line_is_somewhere_in_the_record():
    rec = read(fixture())[0][0]
    dump = repr(rec)
    for line in fixture().splitlines()[2:]:
        if line.strip() in ("", "ER", "EF"):
            break
        if line[:2] in ("PT", "PD", "PY", "BP", "EP"):  # decoded: checked by the tests above
            continue
        value = line[3:].strip()
        words = value.replace("'", "").split()[:2]
        assert all(w in dump for w in words), line


def test_book_chapter_with_editors_series_and_isbn():
    rec = read(fixture())[0][1]
    assert rec.type == "chapter" and rec.keys["type"] == "wos:B"
    assert rec.authors == [Name("Galipeau", "Jacques")]
    assert rec["editor"] == [Name("Viswanathan", "S"), Name("Hematti", "P")]
    assert rec["container-title"] == "MESENCHYMAL STROMAL CELLS: TRANSLATIONAL PATHWAYS TO CLINICAL ADOPTION"
    assert rec["collection-title"] == "Translational Medicine Series"
    assert rec["ISBN"] == ["978-0-12-802826-1"]
    assert rec["page"] == "133-150" and rec["issued"] == Date.of(2017)


def test_meeting_abstract_with_group_author_conference_and_two_issns():
    rec = read(fixture())[0][2]
    assert rec.type == "article-journal" and rec["genre"] == "Meeting Abstract"
    assert rec.authors[-1] == Name(literal="MSC-SLE Study Grp")
    assert rec["event-title"] == "Annual European Congress of Rheumatology (EULAR)"
    assert rec["event-place"] == "Copenhagen, DENMARK"
    assert rec["event-date"] == Date(parts=((2022, 6, 1), (2022, 6, 4)))
    assert rec["ISSN"] == ["0003-4967", "1468-2060"]
    assert rec["supplement"] == "1" and rec["issued"] == Date.of(2022, 6)
    assert rec.title == ("ALLOGENEIC UMBILICAL-CORD DERIVED MESENCHYMAL STROMAL CELLS AS TREATMENT FOR SYSTEMIC "
                         "LUPUS ERYTHEMATOSUS")  # fmt: skip


# -- file shapes -------------------------------------------------------------------------------------
def test_crlf_and_bom_read_the_same():
    text = fixture()
    assert text.startswith("\ufeffFN ")
    crlf = text.replace("\n", "\r\n")
    assert read(crlf)[0] == read(text)[0]
    # lines handed over without terminators, the BOM still on the first one
    ctx = ReadContext("wos", errors="collect")
    records = list(wos.read(iter(text.lstrip("\ufeff").split("\n")), ctx))
    bom_lines = ["\ufeff" + text.lstrip("\ufeff").split("\n")[0]] + text.lstrip("\ufeff").split("\n")[1:]
    assert list(wos.read(iter(bom_lines), ReadContext("wos", errors="collect"))) == records


def test_no_header_still_reads_with_a_warning():
    records, problems = read("PT J\nAU Doe, J\nTI A title\nPY 2020\nER\n")
    assert records[0].title == "A title" and records[0].authors == [Name("Doe", "J")]
    assert [p.severity for p in problems] == ["warning"] and "no FN/VR header" in problems[0].message


def test_last_record_without_er_is_kept_with_a_warning():
    records, problems = read("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI Unfinished\nPY 2021")
    assert records[0].title == "Unfinished" and records[0]["issued"] == Date.of(2021)
    assert problems[0].line == 5 and "no ER" in problems[0].message


def test_pt_before_er_closes_the_previous_record():
    records, problems = read("FN x\nVR 1.0\nPT J\nTI One\nPT J\nTI Two\nER\nEF\n")
    assert [r.title for r in records] == ["One", "Two"]
    assert problems[0].line == 5


def test_text_outside_records_is_reported():
    records, problems = read("FN x\nVR 1.0\nsome stray text\nPT J\nTI One\nER\n")
    assert records[0].title == "One"
    assert problems[0].line == 3 and "stray text" in problems[0].message


def test_repeated_and_empty_single_tags_stay_extras():
    rec = one("PT J\nTI First\nTI Second\nVL \nER\n")
    assert rec.title == "First"
    assert rec.extra == [Extra("wos", "TI", "Second"), Extra("wos", "VL", "")]


def test_au_fills_authors_when_there_is_no_af():
    rec = one("PT J\nAU Smith, JA\n   [Anonymous]\nER\n")
    assert rec.authors == [Name("Smith", "JA"), Name(literal="[Anonymous]")]
    assert rec.extra == []


def test_whole_book_authors_from_bf_and_ba_kept():
    rec = one("PT B\nBA Smith, J\nBF Smith, John\nTI A Book\nDT Book\nER\n")
    assert rec.type == "book" and rec.authors == [Name("Smith", "John")]
    assert rec.extra == [Extra("wos", "BA", "Smith, J")]
    rec = one("PT B\nAU Roe, R\nAF Roe, Rita\nBF Smith, John\nTI A chapter\nDT Book Chapter\nER\n")
    assert rec.authors == [Name("Roe", "Rita")] and rec["container-author"] == [Name("Smith", "John")]


def test_lone_ep_is_kept_and_lone_bp_is_the_page():
    assert one("PT J\nBP e1002\nER\n")["page"] == "e1002"
    assert one("PT J\nEP 15\nER\n").extra == [Extra("wos", "EP", "15")]


@pytest.mark.parametrize(
    ("pd", "py", "expected"),
    [
        ("DEC", "2019", Date.of(2019, 12)),
        ("DEC 2", "2019", Date.of(2019, 12, 2)),
        ("2019 DEC 2", "2019", Date.of(2019, 12, 2)),
        ("DEC 2019", "2019", Date.of(2019, 12)),
        ("JAN-FEB", "2020", Date(parts=((2020, 1), (2020, 2)))),
        ("SEP 30-OCT 2", "2018", Date(parts=((2018, 9, 30), (2018, 10, 2)))),
        ("JAN 5-9", "2018", Date(parts=((2018, 1, 5), (2018, 1, 9)))),
        ("SPR", "2019", Date(parts=((2019,),), season=1)),
        ("WIN", "2019", Date(parts=((2019,),), season=4)),
        ("", "2019", Date.of(2019)),
        ("1ST QUART", "2019", Date(parts=((2019,),), raw="1ST QUART 2019")),
        ("DEC 2018", "2019", Date(parts=((2019,),), raw="DEC 2018 2019")),
        ("DEC 45", "2019", Date(parts=((2019,),), raw="DEC 45 2019")),
        ("DEC", "in press", Date(raw="DEC in press")),
    ],
)
def test_publication_dates(pd, py, expected):
    assert parse_pd(pd, py) == expected


def test_pd_without_py_and_early_access():
    rec = one("PT J\nPD MAR 2021\nEA JAN 2021\nER\n")
    assert rec["issued"] == Date.of(2021, 3) and rec["available-date"] == Date.of(2021, 1)
    rec = one("PT J\nPD MAR 3\nER\n")
    assert "issued" not in rec and rec.extra == [Extra("wos", "PD", "MAR 3")]


@pytest.mark.parametrize(
    ("pt", "dt", "csl"),
    [
        ("J", "Article", "article-journal"),
        ("J", "Review", "article-journal"),
        ("J", "Article; Proceedings Paper", "paper-conference"),
        ("S", "Proceedings Paper", "paper-conference"),
        ("S", "Article", "chapter"),
        ("B", "Book", "book"),
        ("B", "Editorial Material; Book Chapter", "chapter"),
        ("J", "Book Review", "review-book"),
        ("P", "Patent", "patent"),
        ("C", "", "paper-conference"),
        ("X", "", "document"),
    ],
)
def test_types(pt, dt, csl):
    assert one(f"PT {pt}\nDT {dt}\nER\n" if dt else f"PT {pt}\nER\n").type == csl


# -- detection -------------------------------------------------------------------------------------
def test_detection():
    assert wos.detect(fixture()) == 0.95
    assert wos.detect(fixture().lstrip("\ufeff").replace("\n", "\r\n")) == 0.95
    assert wos.detect("PT J\nAU Doe, J\nAF Doe, Jane\nTI T\nER\n") == 0.8
    assert wos.detect("") == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "TY  - JOUR\nAU  - Doe, J\nTI  - T\nER  - \n",
        "PMID- 31810187\nOWN - NLM\nTI  - T\nAU  - Doe J\n",
        "%0 Journal Article\n%A Doe, J\n%T T\n",
        "@article{x, title={T}}\n",
        "PT is a word\nthat starts a letter\n",
    ],
)
def test_detection_does_not_fire_on_other_tagged_formats(text):
    assert wos.detect(text) == 0.0


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.ris")), ids=lambda p: p.name)
def test_detection_does_not_fire_on_the_ris_corpus(path: Path):
    assert wos.detect(path.read_text(encoding="utf-8-sig")) == 0.0


def test_other_tagged_readers_do_not_claim_the_fixture():
    assert ris.detect(fixture()) == 0.0
    assert endnote.detect(fixture()) == 0.0


_PIECES = ["PT J", "AU Doe, J", "AF Doe, Jane", "   x", "ER", "EF", "FN x", "VR 1.0", "PD DEC 2", "PY 2019", "TI t",
           "PD JAN-", "PD SPR-SUM", "CY JUN 01-04, 2022", "EA MAR", "BP 1", "EP 2", "BF A, B", "", "junk",
           "\ufeffPT B"]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=12), max_size=25))
def test_property_reader_never_raises_and_reports_with_lines(lines):
    ctx = ReadContext("wos", errors="collect")
    records = list(wos.read(iter(lines), ctx))
    assert all(r.source.line for r in records)
    assert all(p.line for p in ctx.problems)
