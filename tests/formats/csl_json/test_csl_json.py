"""CSL-JSON: schema validation of what we write, reader errors, exact round trips, pandoc as a client."""

from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import given

import msccite
from msccite import Extra, Name, ParseError, Record
from msccite.formats.csl_json import schema
from paths import RIS_CORPUS, SEEDS
from strategies import records

VALIDATOR = jsonschema.Draft7Validator(schema())


@pytest.mark.parametrize("path", RIS_CORPUS + [SEEDS / "003_98c53ee05b756194.txt"], ids=lambda p: p.name)
def test_our_csl_json_is_valid_against_the_official_schema(path):
    text = msccite.dumps(msccite.read(path), "csl-json")
    data = json.loads(text)
    assert [e.message for e in VALIDATOR.iter_errors(data)] == []
    assert len({item["id"] for item in data}) == len(data)  # ids unique in the file


def test_writer_is_utf8_with_stable_key_order():
    rec = Record("article-journal", title="Törnqvist Andrén", author=[Name("Le Blanc", "Katarina")])
    text = msccite.dumps([rec], "csl-json", lossless=True)
    assert "Törnqvist Andrén" in text and "\\u00f6" not in text
    item = json.loads(text)[0]
    assert list(item) == ["id", "type", "title", "author", "custom"]
    assert item["id"] == "leblanc" + "nd" + "tornqvist"


def test_single_item_and_array_both_read():
    item = {"id": "a", "type": "book", "title": "T"}
    assert msccite.loads(json.dumps(item), "csl-json")[0].title == "T"
    assert msccite.loads(json.dumps([item, item]), "csl-json")[1].id == "a"


def test_invalid_item_names_item_and_field_with_its_line():
    text = '[\n  {"id": "ok", "type": "book"},\n  {"id": "bad", "type": "nonsense",\n   "volume": [1]}\n]'
    with pytest.raises(ParseError) as info:
        msccite.loads(text, "csl-json", source="refs.json")
    msg = str(info.value)
    assert msg.startswith("refs.json:3: item 2 (id 'bad'): not valid CSL-JSON: ")
    assert msg.endswith("type: 'nonsense' is not a CSL item type; volume: [1] is not of type 'string', 'number'")


def test_broken_json_reports_its_line():
    with pytest.raises(ParseError) as info:
        msccite.loads('[\n{"id": "a", "type": "book"},\n{"id": }\n]', "csl-json")
    assert info.value.line == 3 and "not valid JSON" in info.value.message


def test_collect_mode_keeps_going_past_a_non_object():
    records = msccite.loads('[1, {"id": "a", "type": "book"}]', "csl-json", errors="collect")
    assert [r.id for r in records] == ["a"]
    assert records.problems[0].message == "item 1: expected an object, found int; skipped"


def test_round_trip_is_exact_including_custom_and_unknown_keys():
    item = {"id": "x1", "type": "article-journal", "title": "T", "volume": 8,
            "issued": {"date-parts": [["2019", 12, 2]]}, "custom": {"reviewer": {"stars": 3}}}  # fmt: skip
    rec = msccite.loads(json.dumps([item]), "csl-json")[0]
    assert rec["volume"] == 8 and rec.custom == {"reviewer": {"stars": 3}}
    assert json.loads(msccite.dumps([rec], "csl-json")) == [item]


def test_list_variables_flatten_and_come_back():
    rec = Record("article-journal", id="k", ISSN=["1234-5678", "8765-4321"], URL=["https://a", "https://b"],
                 keyword=["MSC, bone marrow", "GvHD"])  # fmt: skip
    item = json.loads(msccite.dumps([rec], "csl-json", lossless=True))[0]
    assert item["ISSN"] == "1234-5678, 8765-4321" and item["URL"] == "https://a"
    assert item["custom"]["lists"] == {"URL": ["https://a", "https://b"], "keyword": ["MSC, bone marrow", "GvHD"]}
    assert msccite.loads(json.dumps([item]), "csl-json")[0] == rec


@given(records(extra_format="ris", extra_tags=["C5", "U2", "DB"]))
def test_property_csl_json_round_trip(rec):
    text = msccite.dumps([rec], "csl-json", lossless=True)
    back = msccite.loads(text, "csl-json")
    assert back.problems == []
    assert list(back) == [rec]
    assert msccite.detect(text) == "csl-json"
    assert msccite.dumps(back, "csl-json", lossless=True) == text


def test_pandoc_reads_our_csl_json_to_the_same_titles_names_and_dois():
    pypandoc = pytest.importorskip("pypandoc")
    recs = msccite.read(SEEDS / "003_98c53ee05b756194.txt") + msccite.read(RIS_CORPUS[0])[:20]
    ours = msccite.dumps(recs, "csl-json")
    theirs = json.loads(pypandoc.convert_text(ours, "csljson", format="csljson"))
    assert len(theirs) == len(recs)
    for rec, item in zip(recs, theirs, strict=True):
        assert item["title"] == rec.title
        # pandoc makes straight apostrophes typographic (L'Erario -> L’Erario) and splits particles off
        families = [" ".join(filter(None, (a.get("non-dropping-particle"), a.get("family", "")))).replace("\u2019", "'")
                    for a in item.get("author", [])]  # fmt: skip
        assert families == [a.family for a in rec.authors]
        assert item.get("DOI") == rec.get("DOI")


def test_extras_travel_in_custom():
    rec = Record("book", id="b", extra=[Extra("ris", "C5", "1"), Extra("bibtex", "owner", "me")])
    item = json.loads(msccite.dumps([rec], "csl-json", lossless=True))[0]
    assert item["custom"]["extra"] == [["ris", "C5", "1"], ["bibtex", "owner", "me"]]
