"""Structured-abstract headings glued to their text (``BACKGROUNDSevere``) are split again (issue 24, item 4)."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import msccite
from msccite.normalization.abstracts import ABSTRACT_HEADINGS, plain_abstract, split_glued_headings
from paths import SEEDS

# a sentence in mixed case, so that the abstracts below are not mostly capitals
_TEXT = "Mesenchymal stromal cells were given to the children in the trial."


def test_the_seed_abstract_glued_by_the_exporter_is_split():
    # RIS from Scopus via a repository: AB and N2 both hold the abstract with its headings glued to the text
    abstract = msccite.read(SEEDS / "003_98c53ee05b756194.txt", normalize=True)[0]["abstract"]
    for split in ("BACKGROUND: Severe forms", "METHODS: We performed", "RESULTS: Sixteen", "CONCLUSION: Treatment",
                  "TRIAL REGISTRATION: EudraCT", "FUNDING: AIFA"):  # fmt: skip
        assert split in abstract
    assert abstract.startswith("BACKGROUND: Severe forms of idiopathic nephrotic syndrome")
    assert "side effects. METHODS: We performed" in abstract  # a space after the sentence end
    assert "BM-MSC infusion CONCLUSION: Treatment" in abstract  # glued to the last word: the source had no stop
    assert "BACKGROUNDSevere" not in abstract and "FUNDINGAIFA" not in abstract
    assert abstract.count("BACKGROUND") == 1  # still once (AB and N2 are the same text)
    assert plain_abstract(abstract, tidied=True) == abstract


@pytest.mark.parametrize(("glued", "split"), [
    ("BACKGROUNDSevere forms need care.", "BACKGROUND: Severe forms need care."),
    (_TEXT + "METHODSWe did it.", _TEXT + " METHODS: We did it."),
    (_TEXT + " METHODSWe did it.", _TEXT + " METHODS: We did it."),
    (_TEXT + "\nMETHODSWe did it.", _TEXT + "\nMETHODS: We did it."),  # the line break is kept
    (_TEXT + "\n\nMETHODSWe did it.", _TEXT + "\n\nMETHODS: We did it."),
    (_TEXT + ")RESULTSSixteen were.", _TEXT + ") RESULTS: Sixteen were."),
    (_TEXT + '"RESULTSSixteen were.', _TEXT + '" RESULTS: Sixteen were.'),  # a quote closing the sentence
    ("Children were treated for a yearCONCLUSIONTreatment helps.",
     "Children were treated for a year CONCLUSION: Treatment helps."),  # no full stop in the source
    (_TEXT + " RESULTS12 of them relapsed.", _TEXT + " RESULTS: 12 of them relapsed."),
    (_TEXT + " RESULTSA total of twelve relapsed.", _TEXT + " RESULTS: A total of twelve relapsed."),
    (_TEXT + " TRIAL REGISTRATIONEudraCT 2016-004804-77.", _TEXT + " TRIAL REGISTRATION: EudraCT 2016-004804-77."),
    (_TEXT + " CLINICAL TRIAL REGISTRATIONNCT01234567.", _TEXT + " CLINICAL TRIAL REGISTRATION: NCT01234567."),
    (_TEXT + " FUNDINGAIFA Ricerca Indipendente.", _TEXT + " FUNDING: AIFA Ricerca Indipendente."),
    (_TEXT + " FUNDINGNIH.", _TEXT + " FUNDING: NIH."),
    ("BACKGROUNDCOVID-19 changed trials in children.", "BACKGROUND: COVID-19 changed trials in children."),
    ("BACKGROUNDMSCs are given to children in trials.", "BACKGROUND: MSCs are given to children in trials."),
    ("BACKGROUNDÉtudes sur les cellules.", "BACKGROUND: Études sur les cellules."),
    # the longest heading there
    (_TEXT + " MATERIALS AND METHODSWe did it.", _TEXT + " MATERIALS AND METHODS: We did it."),
    (_TEXT + " CONCLUSIONSThe cells work.", _TEXT + " CONCLUSIONS: The cells work."),
    (_TEXT + " CONCLUSIONSuch cells work.", _TEXT + " CONCLUSION: Such cells work."),  # CONCLUSIONS + "uch": no
    (_TEXT + " CONCLUSIONS AND RELEVANCEThe cells work.", _TEXT + " CONCLUSIONS AND RELEVANCE: The cells work."),
    ("DESIGN, SETTING, AND PARTICIPANTSThis trial of children.", "DESIGN, SETTING, AND PARTICIPANTS: This trial of "
                                                                  "children."),
    ("AIMTo test the cells in children.", "AIM: To test the cells in children."),
])  # fmt: skip
def test_glued_headings_are_split(glued, split):
    assert plain_abstract(glued) == split
    assert plain_abstract(split) == split


def test_every_heading_of_the_list_is_split():
    for heading in ABSTRACT_HEADINGS:
        assert plain_abstract(f"{_TEXT} {heading}We did it.") == f"{_TEXT} {heading}: We did it.", heading


def test_every_heading_starts_with_a_word_of_four_letters_or_is_one_word():
    # what the quick test (four capitals in a row) relies on
    for heading in ABSTRACT_HEADINGS:
        assert heading == heading.upper() and "  " not in heading and heading.strip() == heading
        assert len(heading.split()[0].rstrip(",")) >= 4 or " " not in heading, heading


@pytest.mark.parametrize("text", [
    "Mesenchymal stromal cells reduce relapses. No serious adverse event was seen in any of the 16 patients.",
    "BACKGROUND: Severe forms need care. METHODS: We did it. RESULTS: x. CONCLUSIONS: It works.",
    "BACKGROUND Severe forms need care.\nMETHODS\nWe did it.",  # followed by white space: as it is
    "BackgroundSevere forms need care.",  # not in capitals
    # an abstract in capitals: the headings cannot be told from words
    "BACKGROUNDS ARE HARD TO TELL. RESULTSAND DISCUSSIONS FOLLOW. METHODSOLOGY IS NOT A WORD.",
    "BACKGROUNDSevere FORMS OF NEPHROTIC SYNDROME NEED CARE. METHODSWe TREATED CHILDREN.",
    # in a sentence, after a capital, a digit or a comma: not at a boundary
    "The METHODSWe used were new.", "In the XRESULTSWe saw it.", "In 2019RESULTSWe saw it.", "Here,RESULTSWe saw.",
    "The score (TRIAL REGISTRATIONS) was used in all of them.",
])  # fmt: skip
def test_nothing_to_split(text):
    assert split_glued_headings(text) is text
    assert plain_abstract(text) == text


@pytest.mark.parametrize("word", [
    # a word that merely starts with a heading: no split. A single capital after it is a plural (BACKGROUNDS); the
    # capitals after it are a word (AND, THE, WE) or end as a word does (-OLOGY, -ED, -ER, -AL, -ING), or, with a
    # shorter heading, hide a longer one (CONCLUSIONSTHE is not CONCLUSION + STHE)
    "BACKGROUNDS", "DISCUSSIONS", "METHODSOLOGY", "METHODOLOGYS", "RESULTSAND", "CONCLUSIONSTHE", "OBJECTIVESTO",
    "METHODSWE", "DESIGNED", "DESIGNER", "CONTEXTUAL", "PURPOSEFUL", "SETTINGING", "INTERVENTIONAL",
    # a heading shorter than five letters only before a word in mixed case: gene and program names
    "AIM2", "AIMSTAT", "AIMSUN",
])  # fmt: skip
def test_a_capitalised_word_that_starts_with_a_heading_is_not_split(word):
    for text in (f"{word} was used in all of the children in this trial.",
                 f"{_TEXT} {word} was used in all of the children.",
                 f"{_TEXT}\n{word}, then the children."):  # fmt: skip
        assert split_glued_headings(text) is text, text


def test_a_repeated_copy_is_found_once_its_headings_are_split():
    one = "BACKGROUND: Severe forms need care. METHODS: We treated sixteen children. RESULTS: Fewer relapses."
    glued = one.replace(": ", "").replace(". ", ".")
    assert plain_abstract(glued + " " + one) == one  # the copies differed in their glued headings only
    assert plain_abstract(glued + " " + glued) == one
    assert plain_abstract(" ".join([one] * 4)) == one  # four times is once too: _once gives a text once


_WORDS = ["BACKGROUND", "METHODS", "METHOD", "RESULTS", "CONCLUSION", "CONCLUSIONS", "TRIAL REGISTRATION", "FUNDING",
          "MATERIALS AND METHODS", "AIM", "AIMS", "AIFA", "AND", "THE", "OLOGY", "We", "Severe", "the", "cells", "A",
          "S", "E", "x", "12", ". ", ".", " ", "\n", "?", ")", ":", ",", "-", "É", "é"]  # fmt: skip


@settings(max_examples=600)
@given(st.lists(st.sampled_from(_WORDS) | st.text("ABCDEMNORSTUWabcdeos .\n", max_size=6), max_size=40).map("".join))
@example("BACKGROUNDSevere x. BACKGROUND: Severe x.")
@example("RESULTSAAAAAAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAAAAAA AAAAAAAAAAAAAAAAAAAA")
def test_property_plain_abstract_is_idempotent(text):
    once = plain_abstract(text)
    assert plain_abstract(once) == once
    assert plain_abstract(once, tidied=True) == once
    assert split_glued_headings(once) == once


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_WORDS), max_size=30).map("".join))
def test_property_splitting_only_adds_spaces_and_colons(text):
    split = split_glued_headings(text)
    assert [c for c in split if c not in " :"] == [c for c in text if c not in " :"]
    assert split.count(":") - text.count(":") == split.count(": ") - text.count(": ")  # each split adds ": "
