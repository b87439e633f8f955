"""key | value dumps: the catalogue seed, name splitting, the writer, round trips from every other format."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

import msccite
from msccite import Date, Extra, Name, ParseError, Record
from msccite.formats.kv.read import fold, split_joined_names
from paths import CORPUS, RIS_CORPUS, ROOT, SEEDS
from strategies import records

SEED = SEEDS / "001_504c54339216dac7.txt"


@pytest.fixture(scope="module")
def seed():
    return msccite.read(SEED, errors="collect")


def test_the_seed_is_detected_and_read_into_one_record(seed):
    assert msccite.detect(SEED.read_text(encoding="utf-8")) == "kv"
    assert seed.format == "kv" and len(seed) == 1


def test_the_seed_has_its_nine_authors_split_by_the_work_keys(seed):
    assert seed[0].authors == [
        Name("Iacobaeus", "Ellen"), Name("Kadri", "Nadir"), Name("Lefsihane", "Katia"), Name("Boberg", "Erik"),
        Name("Gavin", "Caroline"), Name("Törnqvist Andrén", "Anton"), Name("Lilja", "Anders"),
        Name("Brundin", "Lou"), Name("Blanc", "Katarina Le"),  # the source's mangling, kept faithfully
    ]  # fmt: skip


def test_the_seed_identifiers_journal_and_date(seed):
    rec = seed[0]
    assert (rec["PMID"], rec["PMCID"], rec["DOI"]) == ("31810187", "PMC6947442", "10.3390/jcm8122102")
    assert rec["container-title-short"] == "J Clin Med"
    assert rec["issued"] == Date.of(2019, 12, 2)
    assert (rec["publisher"], rec["language"], rec.type) == ("MDPI", "English", "article-journal")
    assert rec.title.endswith("Progressive Multiple Sclerosis—A Phase I Study")
    assert rec["abstract"].endswith("possible transient beneficial clinical and peripheral immunotolerogenic effects.")
    assert len(rec["URL"]) == 3


def test_the_seed_keeps_every_other_field_and_reports_the_page_around_the_dump(seed):
    rec = seed[0]
    kept = [e.key for e in rec.extras("kv")]
    assert kept[:3] == ["_version_", "author_facet", "author_sort"]
    assert {"spelling", "work_keys_str_mv", "title_sort", "id", "format", "record_format"} <= set(kept)
    assert [(p.line, p.severity) for p in seed.problems] == [(1, "warning"), (4, "warning")]
    assert "lines 1-3: page text" in seed.problems[0].message
    assert "lines 4-13: the page's display table" in seed.problems[1].message


def test_split_with_keys_and_without():
    text = "Doe, Jane Ann Roe, Rich van Berg, Anna"
    keys = [fold("Doe, Jane Ann"), fold("Roe, Rich"), fold("van Berg, Anna")]
    assert split_joined_names(text, keys, None) == (["Doe, Jane Ann", "Roe, Rich", "van Berg, Anna"], True)
    names, sure = split_joined_names("Doe, Jane A. Roe, Rich Smith, Al", [], "Doe, Jane A.")
    assert (names, sure) == (["Doe, Jane A.", "Roe, Rich", "Smith, Al"], False)
    assert fold("Törnqvist Andrén, Anton") == "tornqvistandrenanton"


def test_joined_names_without_keys_are_split_with_a_warning():
    text = "title | T |\n---|---|\nauthor | Doe, Jane Roe, Rich |\nformat | Article |\n"
    recs = msccite.loads(text, "kv", errors="collect")
    assert recs[0].authors == [Name("Doe", "Jane"), Name("Roe", "Rich")]
    assert recs.problems[0].line == 3 and "no work keys" in recs.problems[0].message


def test_one_person_with_a_suffix_is_not_split():
    rec = msccite.loads("title | T |\n---|---|\nauthor | Roe, Rich, Jr. |\n", "kv")[0]
    assert rec.authors == [Name("Roe", "Rich", suffix="Jr.")]


def test_a_value_over_several_lines_and_one_without_its_closing_bar():
    text = "title | T |\n---|---|\ndescription |\nFirst paragraph.\nSecond one.\n|\npublisher | MDPI |\n"
    rec = msccite.loads(text, "kv")[0]
    assert rec["abstract"] == "First paragraph.\nSecond one." and rec["publisher"] == "MDPI"
    with pytest.raises(ParseError, match=r"d.txt:3: the value of 'description' has no closing"):
        msccite.loads("title | T |\n---|---|\ndescription |\nrunaway\n", "kv", source="d.txt")


def test_writer_one_line_per_value():
    rec = Record("article-journal", title="T", author=[Name("Doe", "Jane"), Name(literal="WHO")],
                 issued=Date.of(2019, 12), URL=["https://example.org/a"], keyword=["MSC", "GVHD"],
                 extra=[Extra("kv", "format", "Online Article Text"), Extra("ris", "C5", "1")])  # fmt: skip
    assert msccite.dumps([rec], "kv", lossless=True) == (
        "title | T |\n---|---|\nauthor | Doe, Jane |\nauthor | WHO |\npublishDate | 2019-12 |\n"
        "url | https://example.org/a |\ntopic | MSC |\ntopic | GVHD |\nformat | Online Article Text |\n"
        "ris:C5 | 1 |\n"
    )


def test_values_no_field_holds_travel_under_csl_keys():
    rec = Record("webpage", "k1", title="T", author=[Name("Gogh", "Vincent", non_dropping_particle="van")],
                 abstract="one\n\nthree", accessed=Date.of(2024, 1, 2), custom={"a": [1]})  # fmt: skip
    text = msccite.dumps([rec], "kv", lossless=True)
    assert "csl:type | webpage |" in text and "csl:id | k1 |" in text
    assert 'csl:author=json | [{"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van"}] |' in text
    assert 'description=json | "one\\n\\nthree" |' in text
    assert msccite.loads(text, "kv")[0] == rec


@pytest.mark.parametrize(
    "path",
    [SEED, CORPUS / "_baseline_pubmed.ris", ROOT / "tests" / "data" / "medline" / "quirks.nbib",
     *sorted((ROOT / "tests" / "data" / "bibtex").glob("*.bib")), *RIS_CORPUS],  # fmt: skip
    ids=lambda p: p.name,
)
def test_every_format_round_trips_through_kv(path):
    recs = msccite.read(path, errors="collect")
    back = msccite.loads(msccite.dumps(recs, "kv", lossless=True), "kv")
    assert list(back) == list(recs) and back.problems == []


@settings(max_examples=150, deadline=None)
@given(records(extra_format="kv", extra_tags=["_version_", "collection", "institution", "record_format", "ctrlnum"]))
def test_round_trip(rec):
    assert msccite.loads(msccite.dumps([rec], "kv", lossless=True), "kv")[0] == rec


def test_kv_seed_to_bibtex_has_the_people_and_identifiers():
    bib = msccite.dumps(msccite.read(SEED, errors="collect"), "bibtex")
    assert "Törnqvist Andrén, Anton and Lilja, Anders" in bib or "T{\\\"o}rnqvist" in bib
    assert "doi = {10.3390/jcm8122102}" in bib and "year = {2019}" in bib


def test_the_seed_through_bibtex_and_ris_comes_back_whole(seed):
    for fmt in ("bibtex", "ris", "medline"):
        there = msccite.loads(msccite.dumps(seed, fmt, lossless=True), fmt)
        back = msccite.loads(msccite.dumps(there, "kv", lossless=True), "kv")
        back[0].id = None if fmt == "bibtex" else back[0].id
        assert back[0] == seed[0], fmt
