"""The RefWorks tagged reader and writer: the RefWorks exports among Zotero's test cases (read line by line here, to
check what the reader makes of them), one quirk per hand-written input, and the writer's output read back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given

import msccite
from msccite import Date, Extra, Name, Record
from msccite.context import ReadContext
from msccite.formats import refworks
from msccite.formats.refworks.map import TAG_ORDER, TYPE_TO_CSL
from msccite.formats.refworks.read import slot
from msccite.textio import iter_lines
from paths import ROOT
from strategies import records

SAMPLES = sorted((ROOT / "tests" / "data" / "zotero" / "refworks").glob("*.txt"))
TAG = re.compile(r"([A-Z][A-Z0-9]) (.*)")


def read(text: str, errors: str = "collect") -> tuple[list[Record], list]:
    ctx = ReadContext("refworks", "<test>", errors=errors)
    return list(refworks.read(iter_lines(text), ctx)), ctx.problems


def one(text: str) -> Record:
    recs, problems = read(text)
    assert len(recs) == 1, problems
    return recs[0]


def tags_of(path: Path) -> list[tuple[str, str]]:
    """The tag lines of a file from its first RT on, as a plain reading of the text gives them."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("RT "))
    return [(m.group(1), m.group(2)) for line in lines[start:] if (m := TAG.fullmatch(line))]


# -- the samples ------------------------------------------------------------------------------------
def test_there_are_samples():
    assert len(SAMPLES) == 4


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_is_detected_and_read_whole(path):
    text = path.read_text(encoding="utf-8")
    assert msccite.detect(text) == "refworks"
    recs, problems = read(text)
    assert not [p for p in problems if p.severity == "error"]
    assert len(recs) == sum(1 for tag, _ in tags_of(path) if tag == "RT")


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_the_values_of_every_sample(path):
    tags = tags_of(path)
    (rec,) = read(path.read_text(encoding="utf-8"))[0]
    first = dict(reversed(tags))  # tag -> its first value
    assert rec.type == TYPE_TO_CSL[first["RT"]]
    assert rec.id == first["ID"]
    assert rec.title == first["T1"]
    names = [v for t, v in tags if t == "A1"]
    assert [f"{n.family},{n.given}" for n in rec.authors] == [v.replace(", ", ",") for v in names]
    assert rec.year == int(first["YR"])
    assert rec.get("keyword", []) == [v for t, v in tags if t == "K1"]
    assert rec.get("note", []) == [v for t, v in tags if t == "NO"]
    if "OP" in first:
        assert rec["page"] == f"{first['SP']}-{first['OP']}"
    for tag in ("VO", "IS", "JF", "PB", "PP", "LA", "AB", "AN"):
        if tag in first:
            var = slot(tag, rec.type)
            assert rec[var] == first[tag], tag
    mapped = {"RT", "ID", "A1", "A2", "T1", "T2", "YR", "FD", "SP", "OP", "K1", "NO", "SN", "LK", "VO", "IS", "JF",
              "PB", "PP", "LA", "AB", "AN"}  # fmt: skip
    assert [(e.key, e.value) for e in rec.extra] == [(t, v) for t, v in tags if t not in mapped]


def test_a_book_section_with_its_editor_and_book():
    rec = one(SAMPLES[0].read_text(encoding="utf-8"))
    assert rec.type == "chapter"
    assert rec.authors == [Name("Stansfeld", "Stephen"), Name("Fuhrer", "Rebecca")]  # "Stansfeld,Stephen"
    assert rec["editor"] == [Name("Gulford", "C.T.")]
    assert rec["container-title"] == "Stress and the heart: Psychosocial pathways to coronary heart disease"
    assert rec["ISBN"] == ["0727912771 (paperback)"]
    assert rec["page"] == "101-123"


def test_a_dissertation_s_lone_start_page_is_its_number_of_pages():
    rec = one(SAMPLES[1].read_text(encoding="utf-8"))
    assert rec.type == "thesis" and rec["number-of-pages"] == "141" and "page" not in rec


def test_the_free_form_date_joins_the_year():
    assert one(SAMPLES[2].read_text(encoding="utf-8"))["issued"] == Date.of(2002, 2)  # YR 2002, FD Feb
    assert one(SAMPLES[3].read_text(encoding="utf-8"))["issued"] == Date.of(2003, 1, 1)  # YR 2003, FD 01/01


def test_refworks_header_and_tag_legend_are_skipped_without_a_word():
    recs, problems = read(SAMPLES[3].read_text(encoding="utf-8"))
    assert len(recs) == 1 and not problems


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_written_and_read_back_is_the_same(path):
    recs = msccite.read(path)
    text = msccite.dumps(recs, "refworks")
    assert msccite.loads(text, "refworks") == recs
    assert msccite.loads(msccite.dumps(recs, "refworks", lossless=True), "refworks") == recs


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_the_writer_keeps_refworks_own_tags_and_order(path):
    recs = msccite.read(path)
    written = [line[:2] for line in msccite.dumps(recs, "refworks").splitlines() if line]
    original = [t for t, _ in tags_of(path)]
    assert written[0] == "RT" and sorted(written) == sorted(original)
    rank = {t: i for i, t in enumerate(TAG_ORDER)}
    assert [rank[t] for t in written] == sorted(rank[t] for t in written)  # the tag legend's order


# -- quirks -----------------------------------------------------------------------------------------
def test_continuation_lines_and_blank_lines_inside_a_value():
    rec = one("RT Journal Article\nT1 A title\nAB First line\nsecond line\n\nnext paragraph\nK1 a\nb\n")
    assert rec["abstract"] == "First line\nsecond line\n\nnext paragraph"
    assert rec["keyword"] == ["a", "b"]  # K1 continuation lines are further keywords


def test_keywords_separated_by_semicolons():
    assert one("RT Journal Article\nK1 Anger; Status;; Self Report\n")["keyword"] == ["Anger", "Status", "Self Report"]


def test_records_separated_by_blank_lines_or_not():
    recs, _ = read("RT Journal Article\nT1 a\nRT Book, Whole\nT1 b\n\n\nRT Web Page\nT1 c\n")
    assert [(r.type, r.title) for r in recs] == [("article-journal", "a"), ("book", "b"), ("webpage", "c")]


def test_crlf_bom_and_a_bare_tag():
    rec = one("\ufeffRT Journal Article\r\nT1 t\r\nAD\r\nVO 3\r\n")
    assert rec.title == "t" and rec["volume"] == "3" and rec.extra == [Extra("refworks", "AD", "")]


def test_reference_types_by_every_name_refworks_and_zotero_use():
    for rt, csl in [("Dissertation/Thesis", "thesis"), ("Dissertation", "thesis"), ("Bills/Resolutions", "bill"),
                    ("Book, Edited", "book"), ("Journal, Electronic", "article-journal"),
                    ("Video/DVD", "motion_picture"), ("journal article", "article-journal"),
                    ("Preprint", "document")]:  # fmt: skip
        rec = one(f"RT {rt}\nT1 t\n")
        assert rec.type == csl, rt
        assert msccite.dumps([rec], "refworks").startswith(f"RT {rt}\n")  # the file's own name is kept


def test_a_name_without_a_comma_is_a_body_and_a_suffix_is_kept():
    rec = one("RT Journal Article\nA1 World Health Organization\nA1 King, Martin Luther, Jr.\n")
    assert rec.authors == [Name(literal="World Health Organization"), Name("King", "Martin Luther", suffix="Jr.")]


def test_start_page_with_other_pages_and_alone():
    assert one("RT Journal Article\nSP e0245432\n")["page"] == "e0245432"
    assert one("RT Journal Article\nSP 5\nOP 9\n")["page"] == "5-9"
    rec = one("RT Journal Article\nOP 9\n")  # other pages without a start page: kept as written
    assert "page" not in rec and rec.extra == [Extra("refworks", "OP", "9")]
    assert one("RT Book, Whole\nSP 300\n")["number-of-pages"] == "300"


@pytest.mark.parametrize(("yr", "fd", "date"), [
    ("2019", "Dec 2", Date.of(2019, 12, 2)), ("2019", "December", Date.of(2019, 12)),
    ("2019", "2 Dec", Date.of(2019, 12, 2)), ("2019", "12/02", Date.of(2019, 12, 2)),
    ("2019", "2019/12/02", Date.of(2019, 12, 2)), (None, "Dec 2, 2019", Date.of(2019, 12, 2)),
    ("2019", None, Date.of(2019)), ("in press", None, Date(raw="in press")),
])  # fmt: skip
def test_dates(yr, fd, date):
    text = "RT Journal Article\n" + (f"YR {yr}\n" if yr else "") + (f"FD {fd}\n" if fd else "")
    assert one(text)["issued"] == date


def test_a_free_form_date_that_says_no_month_stays_as_written():
    rec = one("RT Journal Article\nYR 2019\nFD Spring\n")
    assert rec["issued"] == Date.of(2019) and rec.extra == [Extra("refworks", "FD", "Spring")]


def test_font_markers_are_rich_text_and_come_back():
    text = "RT Journal Article\nT1 0RW1S34RfeSDcfkexd09rT2In vivo1RW1S34RfeSDcfkexd09rT2 CO0RW1S34RfeSDcfkexd09rT42" \
           "1RW1S34RfeSDcfkexd09rT4\n"  # fmt: skip
    rec = one(text)
    assert rec.title == "<i>In vivo</i> CO<sub>2</sub>"
    assert msccite.dumps([rec], "refworks") == text  # a record read from RefWorks keeps its marks
    assert msccite.loads(msccite.dumps([rec], "ris"), "ris")[0].title == "In vivo CO₂"


def test_underline_has_no_mark_in_csl_the_words_stay():
    recs, problems = read("RT Journal Article\nT1 0RW1S34RfeSDcfkexd09rT1Under1RW1S34RfeSDcfkexd09rT1 line\n")
    assert recs[0].title == "Under line" and "underline" in problems[0].message


def test_links_are_urls_and_stay_links():
    rec = one("RT Journal Article\nLK http://a.org/x\nLK http://a.org/y\n")
    assert rec["URL"] == ["http://a.org/x", "http://a.org/y"]
    assert "LK http://a.org/y" in msccite.dumps([rec], "refworks")


def test_a_file_s_other_tag_for_a_title_is_kept():
    rec = one("RT Web Page\nT1 Page\nWT The Site\n")
    assert rec["container-title"] == "The Site" and "WT The Site" in msccite.dumps([rec], "refworks")
    rec = one("RT Book, Whole\nT1 B\nT2 Series\nJF Journal\n")
    assert rec["collection-title"] == "Series" and rec["container-title"] == "Journal"


def test_text_before_the_first_record_is_reported():
    recs, problems = read("Some export\nof records\n\nRT Journal Article\nT1 t\n")
    assert len(recs) == 1 and problems[0].severity == "warning" and "lines 1-2" in problems[0].message


def test_detection():
    assert refworks.detect("RT Journal Article\nA1 Doe, J.\n") == 0.95
    assert refworks.detect("RT Preprint\nT1 x\n") == 0.95  # an unknown type, then a tag
    assert refworks.detect("RT @someone: great paper\nRT @other: yes\n") == 0.0  # tweets
    assert refworks.detect("TY  - JOUR\nRT x\n") == 0.0
    assert refworks.detect("Refworks Export Tagged Format\n\nTag legend\nRT=Reference Type\n\nRT Book, Whole\n") == 0.95


# -- the writer -------------------------------------------------------------------------------------
def test_the_writer_writes_what_refworks_and_zotero_write():
    rec = Record("article-journal", "k1", title="T", author=[Name("Doe", "Jane"), Name(literal="WHO")],
                 editor=[Name("Roe", "R.")], issued=Date.of(2020, 5, 17), container_title="J", volume="3", issue="4",
                 page="10-19", DOI="10.1/x", ISSN=["1234-5678"], keyword=["a", "b"], URL=["https://x.org"],
                 abstract="Line one\nline two", note=["n"])  # fmt: skip
    assert msccite.dumps([rec, rec], "refworks").split("\n") == [
        "RT Journal Article", "ID k1", "A1 Doe, Jane", "A1 WHO", "T1 T", "JF J", "YR 2020", "FD May 17", "VO 3", "IS 4",
        "SP 10", "OP 19", "K1 a", "K1 b", "AB Line one", "line two", "NO n", "A2 Roe, R.", "SN 1234-5678", "DO 10.1/x",
        "UL https://x.org", "",
        "RT Journal Article", "ID k1", "A1 Doe, Jane", "A1 WHO", "T1 T", "JF J", "YR 2020", "FD May 17", "VO 3", "IS 4",
        "SP 10", "OP 19", "K1 a", "K1 b", "AB Line one", "line two", "NO n", "A2 Roe, R.", "SN 1234-5678", "DO 10.1/x",
        "UL https://x.org", "",
    ]  # fmt: skip


def test_what_refworks_cannot_hold_is_carried_in_notes_only_when_asked():
    rec = Record("dataset", title="T", PMID="1", author=[Name("Gogh", "Vincent", non_dropping_particle="van")],
                 extra=[Extra("ris", "C5", "x")])  # fmt: skip
    plain = msccite.dumps([rec], "refworks")
    assert "[" not in plain and plain.startswith("RT Generic\n")
    lossless = msccite.dumps([rec], "refworks", lossless=True)
    assert "NO [csl:type] dataset" in lossless and "NO [ris:C5] x" in lossless
    assert msccite.loads(lossless, "refworks")[0] == rec


def test_a_value_whose_line_would_look_like_a_tag_is_carried():
    rec = Record("article-journal", title="T", abstract="First\nAB not a tag")
    back = msccite.loads(msccite.dumps([rec], "refworks", lossless=True), "refworks")[0]
    assert back["abstract"] == rec["abstract"]


@given(records(extra_format="refworks", extra_tags=["SR", "AD", "CL", "OL", "U1", "T1", "FD", "OP", "SP", "JF", "YR"]))
def test_property_lossless_round_trip_with_refworks_own_tags(rec):
    back = msccite.loads(msccite.dumps([rec], "refworks", lossless=True), "refworks")[0]
    if rec.id is None:
        back.id = None
    assert back == rec
    again = msccite.loads(msccite.dumps([back], "refworks"), "refworks")[0]  # the default keeps the own tags
    assert again.extras("refworks") == back.extras("refworks")
