"""The RIS writer: canonical output, round trips (same format and through CSL-JSON), real clients."""

from __future__ import annotations

import io
import re

import pytest
import rispy
from hypothesis import given

import msccite
from msccite import Date, Extra, Name, Record
from paths import RIS_CORPUS, SEEDS
from strategies import records

CANONICAL = """\
TY  - JOUR
TI  - A phase I study of autologous mesenchymal stromal cells
AU  - Vivarelli, Marina
AU  - van Gogh, Vincent
AU  - WHO Group
T2  - JCI Insight
J2  - JCI Insight
PY  - 2023
DA  - 2023/09/22/
VL  - 8
IS  - 18
SP  - 1
EP  - 13
SN  - 2379-3708
DO  - 10.1172/jci.insight.169424
UR  - https://example.org/a
AB  - First paragraph.
Second line.
KW  - nephrotic syndrome
KW  - MSC
LA  - en
N1  - a note
C5  - 38773066
ER  - 

TY  - BOOK
ID  - smith2020
TI  - A book
A2  - Smith, Ann
PY  - 2020
PB  - Elsevier
SN  - 978-3-16-148410-0
ER  - 
"""


def test_canonical_text_comes_back_byte_for_byte():
    assert msccite.dumps(msccite.loads(CANONICAL, "ris"), "ris") == CANONICAL


def test_writer_puts_ty_first_er_last_and_one_au_per_person():
    rec = Record("article-journal", title="T", author=[Name("Doe", "Jane"), Name("Roe", "R.", suffix="Jr.")])
    assert msccite.dumps([rec], "ris") == "TY  - JOUR\nTI  - T\nAU  - Doe, Jane\nAU  - Roe, R., Jr.\nER  - \n"


def test_every_csl_type_survives_a_round_trip():
    from msccite.model import CSL_TYPES

    for csl_type in sorted(CSL_TYPES):
        rec = Record(csl_type, title="x")
        back = msccite.loads(msccite.dumps([rec], "ris", lossless=True), "ris")[0]
        assert back.type == csl_type


def test_values_ris_has_no_tag_for_travel_in_notes_when_lossless():
    rec = Record("article-journal", title="x", medium="CD-ROM", custom={"trials": ["NCT01234567"]},
                 extra=[Extra("bibtex", "owner", "jdoe")])  # fmt: skip
    text = msccite.dumps([rec], "ris", lossless=True)
    assert "N1  - [csl:medium] CD-ROM\n" in text
    assert "N1  - [bibtex:owner] jdoe\n" in text
    assert msccite.loads(text, "ris")[0] == rec


def test_by_default_what_ris_cannot_hold_is_left_out_and_reported():
    rec = Record("article-journal", title="x", medium="CD-ROM", custom={"trials": ["NCT01234567"]},
                 extra=[Extra("bibtex", "owner", "jdoe")])  # fmt: skip
    out = io.StringIO()
    ctx = msccite.dump([rec], out, "ris")
    assert out.getvalue() == "TY  - JOUR\nTI  - x\nER  - \n"
    assert ctx.summary() == [
        "1 record: CSL custom (trials), medium: left out",
        "1 record: bibtex owner: left out",
        "(--lossless, or lossless=True, keeps what was left out, in notes or fields of msccite's own)",
    ]


@pytest.mark.parametrize(("ty", "fields", "lines"), [
    ("article-journal", {"PMID": "31810187", "PMCID": "PMC6947442", "number": "e42692"},
     ["AN  - 31810187", "C2  - PMC6947442", "C7  - e42692"]),
    ("article-journal", {"accessed": Date.of(2024, 3, 5)}, ["Y2  - 2024/03/05/"]),
    ("article-journal", {"archive_location": "WOS:000123", "PMID": "123"}, ["AN  - WOS:000123"]),  # AN taken
    ("book", {"PMCID": "PMC6947442", "number": "7"}, []),  # C2, C7 mean other things for BOOK
    ("article-journal", {"archive_location": "4242"}, []),  # would read back as a PMID
])  # fmt: skip
def test_the_specification_s_typed_tags_hold_identifiers_by_type(ty, fields, lines):
    rec = Record(ty, title="x", **fields)
    text = msccite.dumps([rec], "ris")
    assert [line for line in text.splitlines() if line[:2] in ("AN", "C2", "C7", "Y2")] == lines
    back = msccite.loads(text, "ris")[0]
    assert {k: back.get(k) for k in fields} == {k: (v if f"  - {v}" in text or k == "accessed" and lines else None)
                                                for k, v in fields.items()}  # fmt: skip
    assert msccite.loads(msccite.dumps([rec], "ris", lossless=True), "ris")[0] == rec


def test_an_accession_number_is_a_pmid_only_when_it_looks_like_one():
    text = "TY  - JOUR\nAN  - 31810187\nER  - \n\nTY  - JOUR\nAN  - CN-01234567\nER  - \n"
    first, second = msccite.loads(text, "ris")
    assert (first.get("PMID"), first.get("archive_location")) == ("31810187", None)
    assert (second.get("PMID"), second.get("archive_location")) == (None, "CN-01234567")


@pytest.mark.parametrize("path", RIS_CORPUS + [SEEDS / "003_98c53ee05b756194.txt"], ids=lambda p: p.name)
def test_corpus_round_trips_through_ris(path):
    original = msccite.read(path)
    again = msccite.loads(msccite.dumps(original, "ris"), "ris")
    assert list(again) == list(original)
    assert msccite.dumps(again, "ris") == msccite.dumps(original, "ris")


def _tags(text: str) -> list[str]:
    return sorted(m.group(1) for m in re.finditer(r"^([A-Z][A-Z0-9])  ?-", text, flags=re.M))


@pytest.mark.parametrize("path", RIS_CORPUS + [SEEDS / "003_98c53ee05b756194.txt"], ids=lambda p: p.name)
def test_ris_to_csl_json_to_ris_gives_back_every_tag(path):
    original = msccite.read(path)
    via_csl = msccite.loads(msccite.dumps(original, "csl-json", lossless=True), "csl-json")
    assert list(via_csl) == list(original)
    back = msccite.dumps(via_csl, "ris", lossless=True)
    assert back == msccite.dumps(original, "ris", lossless=True)
    # every tag of the source file is there again, at least as often (more where EndNote put several
    # KW/SN/UR values on one tag's continuation lines: we write one tag per value)
    source_tags = _tags(path.read_text(encoding="utf-8-sig"))
    back_tags = _tags(back)
    for tag in set(source_tags):
        assert back_tags.count(tag) >= source_tags.count(tag), tag


def test_rispy_reads_our_ris_to_the_same_values():
    recs = msccite.read(SEEDS / "003_98c53ee05b756194.txt")
    entries = rispy.loads(msccite.dumps(recs, "ris"))
    assert len(entries) == 1
    e = entries[0]
    assert e["type_of_reference"] == "JOUR"
    assert e["primary_title"] == recs[0].title
    assert len(e["authors"]) == 19 and e["authors"][14] == "De, Salvo A."
    assert e["doi"] == "10.1172/jci.insight.169424"
    assert e["start_page"] == "1" and e["end_page"] == "13"


RIS_EXTRA_TAGS = ["C5", "U2", "DB2", "M1", "L1", "AD", "C1", "U1"]  # tags RIS maps to no variable


@given(records(particles=False, literals=False, extra_format="ris", extra_tags=[t for t in RIS_EXTRA_TAGS
               if len(t) == 2]))  # fmt: skip
def test_property_ris_round_trip(rec):
    text = msccite.dumps([rec], "ris", lossless=True)
    back = msccite.loads(text, "ris")
    assert back.problems == []
    assert list(back) == [rec]
    assert msccite.detect(text) == "ris"


@given(records())
def test_property_any_record_is_stable_after_one_ris_write(rec):
    once = msccite.loads(msccite.dumps([rec], "ris"), "ris")
    twice = msccite.loads(msccite.dumps(once, "ris"), "ris")
    assert list(twice) == list(once)
    assert once[0].title == rec.title and len(once[0].authors) == len(rec.authors)


def test_dates_write_year_in_py_and_the_full_date_in_da():
    rec = Record("article-journal", issued=Date.of(2019, 12, 2))
    assert "PY  - 2019\nDA  - 2019/12/02/\n" in msccite.dumps([rec], "ris")
