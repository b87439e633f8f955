"""The EndNote tagged writer: canonical output, carriers, round trips (same format, from RIS)."""

from __future__ import annotations

import io
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import msccite
from msccite import Date, Extra, Name, Record
from msccite.context import ReadContext, WriteContext
from msccite.formats import endnote
from msccite.model import CSL_TYPES
from msccite.textio import iter_lines
from paths import RIS_CORPUS, ROOT, SEEDS
from strategies import CSL_TYPES_COMMON, records

EXPORT = ROOT / "tests" / "data" / "endnote" / "export.enw"
# tags the reader keeps as extras (no CSL variable): what an EndNote record carries besides its data
ENDNOTE_EXTRA_TAGS = ["%M", "%F", "%+", "%1", "%2", "%3", "%4", "%W", "%>", "%H", "%Q", "%#", "%$", "%]", "%^", "%<"]


def dumps(recs: list[Record], ctx: WriteContext | None = None) -> str:
    buf = io.StringIO()
    endnote.write(recs, buf, ctx or WriteContext("endnote", lossless=True))
    return buf.getvalue()


def loads(text: str) -> tuple[list[Record], list]:
    ctx = ReadContext("endnote", errors="collect")
    return list(endnote.read(iter_lines(text), ctx)), ctx.problems


CANONICAL = """\
%0 Journal Article
%A Vivarelli, Marina
%A van Gogh, Vincent
%A WHO Group,
%T A phase I study of autologous mesenchymal stromal cells
%J JCI Insight
%O JCI Insight
%V 8
%N 18
%P 1-13
%@ 2379-3708
%D 2023
%8 Sep 22
%R 10.1172/jci.insight.169424
%U https://example.org/a
%K nephrotic syndrome
%K MSC
%X First paragraph.
Second line.
%G en
%M 38773066
%Z a note

%0 Book
%T A book
%E Smith, Ann
%@ 978-3-16-148410-0
%D 2020
%I Elsevier
"""


def test_canonical_text_comes_back_byte_for_byte():
    recs, problems = loads(CANONICAL)
    assert problems == []
    assert dumps(recs) == CANONICAL


def test_the_fixture_comes_back_as_the_same_records():
    recs, _ = loads(EXPORT.read_text(encoding="utf-8"))
    again, problems = loads(dumps(recs))
    assert problems == [] and again == recs
    assert dumps(again) == dumps(recs)


def test_writer_puts_percent_zero_first_and_one_name_per_line():
    rec = Record("article-journal", title="T", author=[Name("Doe", "Jane"), Name("Roe", "R.", suffix="Jr.")])
    assert dumps([rec]) == "%0 Journal Article\n%A Doe, Jane\n%A Roe, R., Jr.\n%T T\n"


def test_corporate_names_get_endnotes_trailing_comma():
    rec = Record("report", author=[Name(literal="World Health Organization"), Name(literal="Apple Computer, Inc.")])
    text = dumps([rec])
    assert "%A World Health Organization,\n%A Apple Computer,, Inc.,\n" in text
    assert loads(text)[0] == [rec]


def test_container_title_tag_follows_the_type():
    assert "%J Nature\n" in dumps([Record("article-journal", container_title="Nature")])
    assert "%B Proceedings of X\n" in dumps([Record("paper-conference", container_title="Proceedings of X")])


def test_values_endnote_has_no_tag_for_travel_in_notes():
    rec = Record("article-journal", title="x", PMCID="PMC7805402", custom={"trials": ["NCT01234567"]},
                 extra=[Extra("bibtex", "owner", "jdoe")], id="doe2020", number="e12", medium="CD")  # fmt: skip
    ctx = WriteContext("endnote", lossless=True)
    text = dumps([rec], ctx)
    assert "%2 PMC7805402\n" in text  # Custom 2, where EndNote's PubMed import puts the PMCID
    assert "%Z [csl:medium] CD\n" in text
    assert "%Z [csl:id] doe2020\n" in text
    assert "%Z [csl:number] e12\n" in text  # %N of a journal article is its issue
    assert '%Z [csl:custom] {"trials": ["NCT01234567"]}\n' in text
    assert "%Z [bibtex:owner] jdoe\n" in text
    assert ctx.carried_counts[("CSL medium", "%Z notes")] == 1 and ctx.dropped_counts == {}
    assert loads(text)[0] == [rec]


def test_types_without_an_endnote_type_are_generic_with_a_carrier():
    text = dumps([Record("review", title="x")])
    assert text.startswith("%0 Generic\n") and "%Z [csl:type] review\n" in text


def test_every_csl_type_survives_a_round_trip():
    for csl_type in sorted(CSL_TYPES):
        rec = Record(csl_type, title="x")
        assert loads(dumps([rec]))[0] == [rec], csl_type


def test_a_value_with_a_line_that_looks_like_a_tag_travels_as_json():
    rec = Record("article-journal", abstract="Results:\n%A of patients improved")
    text = dumps([rec])
    assert "%X" not in text and '%Z [csl:abstract=json] "Results:\\n%A of patients improved"\n' in text
    assert loads(text)[0] == [rec]


def test_names_endnote_cannot_tell_apart_are_written_and_carried_exactly():
    names = [Name("Gogh", "Vincent", non_dropping_particle="van"), Name(family="Plato")]
    rec = Record("book", author=names)
    text = dumps([rec])
    assert "%A van Gogh, Vincent\n%A Plato\n" in text  # what EndNote shows
    carried = re.search(r"%Z \[csl:author=json\] (.*)\n", text)
    assert carried and [Name.from_csl(d) for d in json.loads(carried.group(1))] == names
    assert loads(text)[0] == [rec]


def test_dates_endnote_cannot_hold_travel_as_json():
    for date in (Date(parts=((2019, 1), (2019, 2))), Date(parts=((2019,),), season=1),
                 Date(parts=((2019, 5),), raw="May 2019 (online)")):  # fmt: skip
        rec = Record("article-journal", issued=date)
        text = dumps([rec])
        assert "%D" not in text and "[csl:issued=json]" in text
        assert loads(text)[0] == [rec]
    assert "%D 2019\n%8 Dec 2\n" in dumps([Record("article-journal", issued=Date.of(2019, 12, 2))])
    assert "%D in press\n" in dumps([Record("article-journal", issued=Date(raw="in press"))])


def test_extras_that_would_read_back_as_data_are_carried_and_order_is_kept():
    rec = Record("article-journal", extra=[Extra("endnote", "%K", "not a keyword"), Extra("endnote", "%M", "1"),
                                           Extra("endnote", "%T", "second title")])  # fmt: skip
    text = dumps([rec])
    assert "\n%K" not in text and "%Z [endnote:%K] not a keyword\n%Z [endnote:%M] 1\n" in text
    assert loads(text)[0] == [rec]
    rec = Record("article-journal", title="T", extra=[Extra("endnote", "%T", "second title")])
    assert "%T T\n%T second title\n" in dumps([rec]) and loads(dumps([rec]))[0] == [rec]


def test_output_is_what_endnote_imports():
    recs = msccite.read(RIS_CORPUS[0])
    text = dumps(list(recs))
    blocks = text.split("\n\n")
    assert len(blocks) == len(recs)
    for block in blocks:
        lines = block.strip("\n").split("\n")
        assert re.fullmatch(r"%0 [A-Z][A-Za-z ]+", lines[0])
        assert sum(ln.startswith("%0") for ln in lines) == 1
        assert all(ln.strip() for ln in lines)  # no blank line inside a record


@pytest.mark.parametrize("path", RIS_CORPUS + [SEEDS / "003_98c53ee05b756194.txt"], ids=lambda p: p.name)
def test_ris_corpus_through_endnote_gives_the_same_records(path):
    original = list(msccite.read(path, "ris"))
    text = dumps(original)
    back, problems = loads(text)
    assert problems == []
    assert [r.title for r in back] == [r.title for r in original]
    assert [r.authors for r in back] == [r.authors for r in original]
    assert [r.get("DOI") for r in back] == [r.get("DOI") for r in original]
    assert back == original  # everything else too: RIS extras travel as [ris:TAG] notes
    assert endnote.detect(text) == 0.95


@given(records(extra_format="endnote", extra_tags=ENDNOTE_EXTRA_TAGS,
               types=CSL_TYPES_COMMON + ["report", "article-magazine", "patent", "software", "post"]))  # fmt: skip
def test_property_endnote_round_trip(rec):
    # Every option of the strategy is on: particles, corporate names, ids, any type. What EndNote cannot
    # express (a particle, a family-only name) is written in %A for EndNote and carried exactly in %Z.
    text = dumps([rec])
    back, problems = loads(text)
    assert problems == []
    assert back == [rec]
    assert endnote.detect(text) == 0.95


@given(st.lists(records(with_id=True), min_size=2, max_size=4))
def test_property_several_records_round_trip(recs):
    back, problems = loads(dumps(recs))
    assert problems == [] and back == recs


@given(records(extra_format="bibtex", extra_tags=["owner", "timestamp", "file"]))
def test_property_extras_of_other_formats_travel(rec):
    assert loads(dumps([rec]))[0] == [rec]
