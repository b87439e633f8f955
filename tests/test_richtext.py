"""Rich text: plain words for formats without marks, nocase spans in CSL-JSON, braces in BibTeX."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import msccite
from msccite.richtext import mark_nocase, plain, unmark_nocase


@pytest.mark.parametrize(
    ("marked", "text"),
    [
        ("<i>In vivo</i> study", "In vivo study"),
        ("CO<sub>2</sub> and 10<sup>-3</sup>", "CO₂ and 10⁻³"),
        ("x<sup>abc</sup> and <b>bold</b>", "xabc and bold"),
        ('<span class="nocase">Phase III</span> <span style="font-variant:small-caps;">Sc</span>', "Phase III Sc"),
        ('<i>E. <span class="nocase">coli</span></i>', "E. coli"),  # nested marks
        ("a < b and c > d, <i>unclosed", "a < b and c > d, <i>unclosed"),  # not marks: kept
    ],
)
def test_plain(marked, text):
    assert plain(marked) == text


@pytest.mark.parametrize(
    ("title", "marked"),
    [
        ("MSC therapy in GvHD", '<span class="nocase">MSC</span> therapy in <span class="nocase">GvHD</span>'),
        ("A phase I trial (vitamin D).", 'A phase <span class="nocase">I</span> trial (vitamin <span class="nocase">D'
                                         '</span>).'),  # fmt: skip
        ("Plain words only", "Plain words only"),
        ("<i>MSCs</i> in mice", "<i>MSCs</i> in mice"),  # inside another mark: left alone
        ('<span class="nocase">Stem Cells</span> of mRNA', '<span class="nocase">Stem Cells</span> of '
                                                           '<span class="nocase">mRNA</span>'),  # fmt: skip
    ],
)
def test_mark_nocase_and_back(title, marked):
    assert mark_nocase(title) == marked
    assert unmark_nocase(marked) == title


_WORDS = ["MSC", "mRNA", "Phase", "III", "I", "D", "the", "of", "a", "A", "(GvHD)", "iPSCs,", "Über", "x",
          '<span class="nocase">Stem Cells</span>', '<span class="nocase">T</span>he', "<i>in vivo</i>"]  # fmt: skip


@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=10))
def test_unmark_inverts_mark(words):
    title = unmark_nocase(" ".join(words))  # a title as the model keeps it: no span the writer puts back
    assert unmark_nocase(mark_nocase(title)) == title
    assert plain(mark_nocase(title)) == plain(title)


def test_bibtex_braces_become_nocase_spans_in_csl_json_and_come_back():
    bib = "@article{k, title = {{MSC} for {Phase III} {GvHD} trials in {T}he {Netherlands}}, year = 2020}"
    (rec,) = msccite.loads(bib)
    item = json.loads(msccite.dumps([rec], "csl-json"))[0]
    assert item["title"] == ('<span class="nocase">MSC</span> for <span class="nocase">Phase III</span> '
                             '<span class="nocase">GvHD</span> trials in <span class="nocase">T</span>he '
                             '<span class="nocase">Netherlands</span>')  # fmt: skip
    (via_csl,) = msccite.loads(json.dumps([item]), "csl-json")
    assert via_csl["title"] == rec["title"]
    again = msccite.dumps([via_csl], "bibtex")
    assert "title = {{MSC} for {Phase III} {GvHD} trials in {T}he {Netherlands}}" in again
    ris = msccite.dumps([rec], "ris")
    assert "TI  - MSC for Phase III GvHD trials in The Netherlands\n" in ris


def test_ris_title_gets_the_same_csl_json_as_the_bibtex_one():
    """Records from different sources agree: the title RIS gives and the title BibTeX gives are one CSL title."""
    (from_ris,) = msccite.loads("TY  - JOUR\nTI  - MSC therapy in phase I\nER  - \n")
    (from_bib,) = msccite.loads("@article{k, title = {{MSC} therapy in phase {I}}}")
    assert from_ris["title"] == from_bib["title"] == "MSC therapy in phase I"
    assert json.loads(msccite.dumps([from_ris], "csl-json"))[0]["title"] == json.loads(
        msccite.dumps([from_bib], "csl-json"))[0]["title"]  # fmt: skip
