"""Titles: the final period, and sentence case for ALL-CAPS titles on request."""

from __future__ import annotations

import pytest

import msccite
from msccite import Record
from msccite.normalization.titles import drop_final_period, sentence_case


@pytest.mark.parametrize(("raw", "expected"), [
    ("A phase I study.", "A phase I study"), ("A phase I study", "A phase I study"), ("Wait...", "Wait..."),
    ("Results from Smith et al.", "Results from Smith et al."), ("Made in U.S.", "Made in U.S."),
    ("Is it safe?", "Is it safe?"), ("MSC therapy. ", "MSC therapy. "),
])  # fmt: skip
def test_final_period(raw, expected):
    assert drop_final_period(raw) == expected


SEED_004 = ("ALLOGENEIC UMBILICAL-CORD DERIVED MESENCHYMAL STROMAL CELLS MSC(UC) AS TREATMENT FOR SYSTEMIC LUPUS "
            "ERYTHEMATOSUS (SLE): SAFETY AND EARLY CLINICAL/BIOLOGICAL RESULTS FROM A PHASE I-II PROOF-OF-CONCEPT "
            "CLINICAL STUDY")  # fmt: skip


def test_sentence_case_keeps_acronyms_codes_and_roman_numerals():
    assert sentence_case(SEED_004) == (
        "Allogeneic umbilical-cord derived mesenchymal stromal cells MSC(UC) as treatment for systemic lupus "
        "erythematosus (SLE): Safety and early clinical/biological results from a phase I-II proof-of-concept "
        "clinical study")  # fmt: skip
    assert sentence_case("UC-MSCS IN COVID-19 ARDS. A CD34+ TRIAL") == "UC-MSCs in COVID-19 ARDS. A CD34+ trial"


@pytest.mark.parametrize("title", ["A Phase I Study of MSCs", "mixed CASE title", "SHORT", "A phase I study"])
def test_sentence_case_leaves_titles_that_are_not_all_caps(title):
    assert sentence_case(title) == title


def test_sentence_case_is_off_by_default_and_an_option_of_normalize():
    rec = Record("article-journal", title=SEED_004 + ".", **{"container-title": "CYTOTHERAPY JOURNAL"})
    assert msccite.normalize(rec).title == SEED_004
    out = msccite.normalize(rec, sentence_case=True)
    assert out.title.startswith("Allogeneic umbilical-cord")
    assert out["container-title"] == "CYTOTHERAPY JOURNAL"  # journal titles are the journal step's business
    assert msccite.normalize(out, sentence_case=True) == out
