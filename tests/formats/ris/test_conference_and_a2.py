"""Issue 24: a conference paper's proceedings title (``C3``) and conference name (``T2``) as the RIS specification,
EndNote and Zotero's RIS translator have them; and the ``A2`` line of Ovid's PsycInfo export that holds the
authors of every cited reference, which is no editor (``docs/formats/ris.md``)."""

from __future__ import annotations

import json

import pytest
from test_typed_tags import one, ris

import msccite
from msccite import Extra, Name, Record
from paths import CORPUS

PROCEEDINGS = "Proceedings of the 22nd ACM/IEEE Joint Conference on Digital Libraries"
CONFERENCE = "JCDL '22: The ACM/IEEE Joint Conference on Digital Libraries in 2022"
PSYCINFO = CORPUS / "_baseline_psychInfo_ovid.ris"


# -- (1) the writer: proceedings title in C3, conference name in T2 ------------------------------------
def test_a_conference_paper_is_written_with_its_proceedings_in_c3_and_its_conference_in_t2():
    rec = Record("paper-conference", title="A title", **{"container-title": PROCEEDINGS, "event-title": CONFERENCE})
    text = msccite.dumps([rec], "ris")
    assert f"C3  - {PROCEEDINGS}\n" in text
    assert f"T2  - {CONFERENCE}\n" in text
    back = one(text)
    assert back["container-title"] == PROCEEDINGS and back["event-title"] == CONFERENCE
    assert back == rec and back.extra == []
    # a conference name without a proceedings title is not written where it would read back as the container
    rec = Record("paper-conference", title="A title", **{"event-title": CONFERENCE})
    assert "T2  - " not in msccite.dumps([rec], "ris")
    text = msccite.dumps([rec], "ris", lossless=True)
    assert f"N1  - [csl:event-title] {CONFERENCE}\n" in text
    assert one(text) == rec


def test_a_bibtex_inproceedings_written_as_ris_keeps_its_booktitle_as_the_proceedings():
    bib = f"@inproceedings{{k, title = {{A title}}, booktitle = {{{PROCEEDINGS}}}, eventtitle = {{{CONFERENCE}}}}}"
    (rec,) = msccite.loads(bib, "bibtex")
    text = msccite.dumps([rec], "ris")
    assert f"C3  - {PROCEEDINGS}\n" in text and f"T2  - {CONFERENCE}\n" in text
    back = one(text)
    assert back["container-title"] == PROCEEDINGS and back["event-title"] == CONFERENCE
    # with no conference name, the proceedings title alone is C3, and reads back so
    (rec,) = msccite.loads(f"@inproceedings{{k, title = {{A title}}, booktitle = {{{PROCEEDINGS}}}}}", "bibtex")
    text = msccite.dumps([rec], "ris")
    assert f"C3  - {PROCEEDINGS}\n" in text and "T2  - " not in text
    assert one(text)["container-title"] == PROCEEDINGS


# -- (2) the reader: CONF and CPAPER with T2 and C3, or T2 alone ------------------------------------------
@pytest.mark.parametrize("ty", ["CONF", "CPAPER"])
def test_a_conference_reads_c3_as_the_proceedings_and_t2_as_the_conference_and_t2_alone_as_the_container(ty):
    text = "\n".join([
        ris(ty, f"T2  - {CONFERENCE}", f"C3  - {PROCEEDINGS}", "PB  - ACM", "SP  - 11", "EP  - 20"),
        ris(ty, f"T2  - {PROCEEDINGS}", "SP  - 11", "EP  - 20"),  # many exporters' T2: the proceedings or journal
        ris(ty, f"T2  - {PROCEEDINGS}", "C3  - "),  # an empty C3 changes nothing
    ])  # fmt: skip
    records = msccite.loads(text, "ris")
    assert records.problems == [] and len(records) == 3
    both, alone, empty = records
    assert both["container-title"] == PROCEEDINGS and both["event-title"] == CONFERENCE
    assert both["publisher"] == "ACM" and both["page"] == "11-20" and both.extra == []
    assert alone["container-title"] == PROCEEDINGS and "event-title" not in alone and alone.extra == []
    assert empty["container-title"] == PROCEEDINGS and "event-title" not in empty
    assert empty.extra == [Extra("ris", "C3", "")]
    again = msccite.dumps(records, "ris")  # RIS -> RIS keeps both, and T2 alone is written back under T2
    first, second, _ = again.split("\n\n")
    assert f"C3  - {PROCEEDINGS}\n" in first and f"T2  - {CONFERENCE}\n" in first
    assert f"T2  - {PROCEEDINGS}\n" in second and "C3  - " not in second
    assert list(msccite.loads(again, "ris")) == list(records)


# -- (3) Ovid PsycInfo: one A2 line holds the authors of the cited references ---------------------
def _first_a2_line(path) -> str:
    record = path.read_text(encoding="utf-8-sig").split("\nER  -", 1)[0]
    return next(line for line in record.splitlines() if line.startswith("A2  - "))


def test_psycinfo_s_list_of_cited_authors_in_a2_is_no_editor_and_is_written_back():
    records = msccite.read(PSYCINFO, errors="collect")
    assert len(records) == 10
    assert max(len(rec.get("editor", [])) for rec in records) <= 20
    assert all("editor" not in rec for rec in records)
    a2 = _first_a2_line(PSYCINFO)
    assert a2.count(",") > 100
    assert Extra("ris", "A2", a2[6:].strip()) in records[0].extra
    text = msccite.dumps(records, "ris")  # RIS -> RIS: the line comes back as it was
    assert a2.rstrip() + "\n" in text
    assert [rec.extra for rec in msccite.loads(text, "ris")] == [rec.extra for rec in records]


def test_psycinfo_s_list_of_cited_authors_reaches_no_editor_field_of_bibtex_or_csl_json():
    records = msccite.read(PSYCINFO, errors="collect")
    bib = msccite.dumps(records, "bibtex")
    assert "editor" not in bib.lower() and "Achenbach" not in bib
    items = json.loads(msccite.dumps(records, "csl-json"))
    assert len(items) == 10 and all("editor" not in item for item in items)


NAME_LIST = "Beck, S. R., Robinson, E. J., Carroll, D. J., Apperly, I. A., Beck, Bonawitz, E. B."


@pytest.mark.parametrize("tag", ["A2", "ED", "A3"])
def test_a_long_comma_list_of_names_in_one_name_line_is_kept_as_an_extra(tag):
    rec = one(ris("JOUR", "AU  - Keefer, Amy", f"{tag}  - {NAME_LIST}"))
    assert "editor" not in rec and "collection-editor" not in rec
    assert rec.extra == [Extra("ris", tag, NAME_LIST)]
    assert f"{tag}  - {NAME_LIST}\n" in msccite.dumps([rec], "ris")


# -- (4) one person's name in A2 is still an editor ----------------------------------------------
@pytest.mark.parametrize(("lines", "names"), [
    (["A2  - Smith, John"], [Name("Smith", "John")]),
    (["A2  - Smith, John, Jr."], [Name("Smith", "John", suffix="Jr.")]),
    (["A2  - World Health Organization"], [Name(literal="World Health Organization")]),
    (["ED  - García-López, María José"], [Name("García-López", "María José")]),
    (["A2  - Smith, John", "A2  - Doe, Jane", "A2  - Roe, R.", "A2  - Poe, E. A."],
     [Name("Smith", "John"), Name("Doe", "Jane"), Name("Roe", "R."), Name("Poe", "E. A.")]),
])  # fmt: skip
def test_one_person_s_name_in_a2_is_an_editor_beside_a_list_of_names(lines, names):
    rec = one(ris("CHAP", "AU  - Roe, Richard", *lines, f"A2  - {NAME_LIST}", "T2  - Cell therapy"))
    assert rec["editor"] == names
    assert rec.extra == [Extra("ris", "A2", NAME_LIST)]
    assert one(msccite.dumps([rec], "ris")) == rec
