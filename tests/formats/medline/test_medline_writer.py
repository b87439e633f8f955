"""The MEDLINE writer: PubMed's own text back byte for byte, wrapping, carriers, round trips."""

from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import given, settings

import msccite
from msccite import Date, Extra, Name, Record
from msccite.formats.csl_json import schema
from msccite.formats.medline.map import PT_TO_TYPE, TYPE_TO_PT
from msccite.formats.medline.write import WIDTH, wrap
from paths import CORPUS, ROOT
from strategies import records

PUBMED = CORPUS / "_baseline_pubmed.ris"
QUIRKS = ROOT / "tests" / "data" / "medline" / "quirks.nbib"
# tags the reader keeps as extras (none of them belongs to a person or decides a value)
EXTRA_TAGS = ["OWN", "STAT", "DCOM", "LR", "CI", "GR", "JID", "SB", "EDAT", "PHST", "PST", "SO", "RN", "XYZ"]


def test_pubmeds_file_comes_back_byte_for_byte():
    text = PUBMED.read_text(encoding="utf-8")
    assert msccite.dumps(msccite.loads(text, "medline"), "medline") == text


def test_quirks_come_back_as_the_same_records():
    recs = msccite.read(QUIRKS)
    again = msccite.loads(msccite.dumps(recs, "medline"), "medline")
    assert list(again) == list(recs)


def test_a_record_from_elsewhere_is_written_as_pubmed_writes_it():
    rec = Record(
        "article-journal",
        title="Mesenchymal stromal cells for steroid-refractory acute graft-versus-host disease: a phase II "
        "multicentre trial with a long follow-up",
        author=[Name("Le Blanc", "Katarina"), Name(literal="MSC Group")],
        issued=Date.of(2008, 5, 10),
        volume="371", issue="9624", page="1579-86", DOI="10.1016/S0140-6736(08)60690-X", PMID="18468541",
        ISSN=["0140-6736"], keyword=["MSC", "GVHD"],
        **{"container-title": "Lancet", "container-title-short": "Lancet"},
    )  # fmt: skip
    assert msccite.dumps([rec], "medline") == (
        "PMID- 18468541\n"
        "IS  - 0140-6736\n"
        "VI  - 371\n"
        "IP  - 9624\n"
        "DP  - 2008 May 10\n"
        "TI  - Mesenchymal stromal cells for steroid-refractory acute graft-versus-host disease: \n"
        "      a phase II multicentre trial with a long follow-up\n"
        "PG  - 1579-86\n"
        "LID - 10.1016/S0140-6736(08)60690-X [doi]\n"
        "FAU - Le Blanc, Katarina\n"
        "AU  - Le Blanc K\n"
        "CN  - MSC Group\n"
        "PT  - Journal Article\n"
        "TA  - Lancet\n"
        "JT  - Lancet\n"
        "OT  - MSC\n"
        "OT  - GVHD\n"
        "AID - 10.1016/S0140-6736(08)60690-X [doi]\n"
        "\n"
    )


def test_wrap_keeps_the_space_at_each_break_and_never_passes_the_width():
    value = " ".join(["mesenchymal"] * 30)
    lines = wrap("AB", value)
    assert all(len(line.rstrip()) <= WIDTH for line in lines)
    assert all(line.endswith(" ") for line in lines[:-1]) and not lines[-1].endswith(" ")
    assert all(line.startswith("      ") for line in lines[1:])
    assert wrap("AB", "first line\nsecond line") == ["AB  - first line", "      second line"]


def test_values_medline_has_no_tag_for_travel_in_gn_notes_and_come_back():
    rec = Record("webpage", "smith2020", title="A page", URL=["https://example.org/a"], note=["seen twice"],
                 accessed=Date.of(2024, 1, 2), custom={"trial": "NCT01"},
                 extra=[Extra("ris", "C5", "38773066"), Extra("bibtex", "owner", {"a": 1})])  # fmt: skip
    text = msccite.dumps([rec], "medline", lossless=True)
    assert "GN  - seen twice\n" in text
    assert "GN  - [csl:type] webpage\n" in text and "GN  - [csl:id] smith2020\n" in text
    assert "GN  - [csl:URL] https://example.org/a\n" in text and "GN  - [ris:C5] 38773066\n" in text
    assert 'GN  - [bibtex:owner=json] {"a": 1}\n' in text
    assert msccite.loads(text, "medline")[0] == rec


def test_every_publication_type_the_writer_gives_reads_back_as_its_type():
    for csl_type, pt in TYPE_TO_PT.items():
        assert PT_TO_TYPE.get(pt, "article-journal") == csl_type
        rec = Record(csl_type, title="x")
        assert msccite.loads(msccite.dumps([rec], "medline"), "medline")[0] == rec


def test_people_keep_their_affiliations_orcid_and_odd_au():
    rec = Record("article-journal", title="x", author=[Name("Doe", "Jane"), Name("Roe", "Rich")],
                 editor=[Name(literal="WHO")],
                 extra=[Extra("medline", "AD@2", "Karolinska"), Extra("medline", "AUID@2", "ORCID: 1"),
                        Extra("medline", "AU@1", "Doe JA"), Extra("medline", "AD@7", "nobody's")])  # fmt: skip
    text = msccite.dumps([rec], "medline")
    assert "FAU - Doe, Jane\nAU  - Doe JA\nFAU - Roe, Rich\nAU  - Roe R\nAD  - Karolinska\nAUID- ORCID: 1\n" in text
    assert "FED - WHO\n" in text and "GN  - [medline:AD@7] nobody's\n" in text
    back = msccite.loads(text, "medline")[0]
    assert back.authors == rec.authors and back["editor"] == rec["editor"]
    assert sorted(back.extra) == sorted(rec.extra)


@settings(max_examples=150, deadline=None)
@given(records(particles=False, extra_format="medline", extra_tags=EXTRA_TAGS))
def test_round_trip(rec):
    assert msccite.loads(msccite.dumps([rec], "medline", lossless=True), "medline")[0] == rec


@settings(max_examples=60, deadline=None)
@given(records(particles=False, extra_format="medline", extra_tags=EXTRA_TAGS))
def test_round_trip_through_csl_json(rec):
    back = msccite.loads(msccite.dumps([rec], "csl-json", lossless=True), "csl-json")[0]
    assert msccite.loads(msccite.dumps([back], "medline", lossless=True), "medline")[0] == rec


def test_nbib_to_ris_to_csl_json_to_nbib_gives_back_every_value():
    original = msccite.read(PUBMED)
    ris = msccite.loads(msccite.dumps(original, "ris", lossless=True), "ris")
    csl = msccite.loads(msccite.dumps(ris, "csl-json", lossless=True), "csl-json")
    final = msccite.loads(msccite.dumps(csl, "medline", lossless=True), "medline")
    assert list(final) == list(original)


def test_nbib_as_csl_json_is_valid_against_the_official_schema():
    data = json.loads(msccite.dumps(msccite.read(PUBMED), "csl-json"))
    validator = jsonschema.Draft7Validator(schema())
    assert [e.message for e in validator.iter_errors(data)] == []
    assert data[0]["available-date"] == {"date-parts": [[2019, 3, 25]]}


def test_nbib_to_bibtex_carries_the_journal_identifiers_and_people():
    bib = msccite.dumps(msccite.read(QUIRKS)[:1], "bibtex")
    assert "doi = {10.3390/jcm8122102}" in bib and "pmid = {31810187}" in bib
    assert "author = {Iacobaeus, Ellen and Le Blanc, Katarina and {MSC Consortium for Multiple Sclerosis}}" in bib


@pytest.mark.parametrize("name", ["quirks.nbib"])
def test_writer_output_is_detected_as_medline(name):
    text = msccite.dumps(msccite.read(ROOT / "tests" / "data" / "medline" / name), "medline")
    assert msccite.detect(text) == "medline"


def test_nbib_through_bibtex_comes_back_whole_but_for_the_key_bibtex_must_add():
    original = msccite.read(PUBMED)
    bib = msccite.loads(msccite.dumps(original, "bibtex", lossless=True), "bibtex")
    back = msccite.loads(msccite.dumps(bib, "medline", lossless=True), "medline")
    assert all(r.id for r in back)  # BibTeX gave each a key, which travels on as [csl:id]
    for r in back:
        r.id = None
    assert list(back) == list(original)
