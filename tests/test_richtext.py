"""Rich text: plain words for formats without marks, nocase spans in CSL-JSON, braces in BibTeX."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import msccite
from msccite.richtext import plain


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


def test_a_title_gets_the_case_protection_its_source_had_no_more():
    """RIS has no case marks: its title reaches CSL-JSON without spans; BibTeX braces become spans. The words
    agree, and comparisons (dedupe, check) use them."""
    (from_ris,) = msccite.loads("TY  - JOUR\nTI  - MSC therapy in phase I\nER  - \n")
    (from_bib,) = msccite.loads("@article{k, title = {{MSC} therapy in phase {I}}}")
    assert from_ris["title"] == "MSC therapy in phase I"
    assert from_bib["title"] == '<span class="nocase">MSC</span> therapy in phase <span class="nocase">I</span>'
    assert json.loads(msccite.dumps([from_ris], "csl-json"))[0]["title"] == "MSC therapy in phase I"
    assert plain(from_ris["title"]) == plain(from_bib["title"])


_UNMARKED_FORMATS = ["ris", "medline", "endnote", "kv", "endnote-xml"]
_TITLE_WORDS = ["MSC", "mRNA", "Phase", "III", "I", "D", "the", "of", "a", "A", "(GvHD)", "iPSCs,", "Über", "x",
                "ALLOGENEIC", "UMBILICAL-CORD", "Sclerosis-A", "Marrow-Derived", "COVID-19", "T-cell"]  # fmt: skip


@pytest.mark.parametrize("fmt", _UNMARKED_FORMATS)
@given(words=st.lists(st.sampled_from(_TITLE_WORDS), min_size=1, max_size=12), normalize=st.booleans())
def test_records_from_formats_without_case_marks_give_csl_json_without_nocase_spans(fmt, words, normalize):
    title = " ".join(words)
    text = msccite.dumps([msccite.Record("article-journal", title=title)], fmt)
    recs = msccite.loads(text, fmt, normalize=normalize)
    item = json.loads(msccite.dumps(recs, "csl-json"))[0]
    assert "nocase" not in item["title"]
    assert plain(item["title"]).split() == item["title"].split()


def _corpus_and_seed_titles():
    from paths import RIS_CORPUS, SEED_FILES

    for path in [*SEED_FILES, *RIS_CORPUS]:
        for normalize in (False, True):
            recs = msccite.read(path, errors="collect", normalize=normalize)
            yield path.name, normalize, recs


def test_seeds_and_ris_corpus_reach_csl_json_with_titles_as_in_their_source():
    """847 of 4,364 titles used to get spans their source never had (per-word spans on ALL-CAPS titles)."""
    count = 0
    for name, normalize, recs in _corpus_and_seed_titles():
        for item in json.loads(msccite.dumps(recs, "csl-json")):
            assert "nocase" not in item.get("title", ""), (name, normalize, item.get("title"))
            count += 1
    assert count > 800


def test_csl_json_titles_are_kept_byte_for_byte(tmp_path):
    items = [{"id": "a", "type": "article-journal", "title": 'The <span class="nocase">iPSC</span> of MSC'},
             {"id": "b", "type": "article-journal", "title": "ALLOGENEIC UMBILICAL-CORD MSC FOR SLE"},
             {"id": "c", "type": "article-journal", "title": "<i>In vivo</i> CO<sub>2</sub>, phase I, vitamin D"}]
    text = json.dumps(items)
    for normalize in (False, True):
        back = json.loads(msccite.dumps(msccite.loads(text, "csl-json", normalize=normalize), "csl-json"))
        assert [i["title"] for i in back] == [i["title"] for i in items]


def test_bibtex_to_csl_json_to_bibtex_gives_the_braces_back():
    bib = "@article{k, title = {{Bayesian} analysis of {Phase III} {MSC} trials in {T}he Netherlands}}"
    (rec,) = msccite.loads(bib)
    item = json.loads(msccite.dumps([rec], "csl-json"))[0]
    assert item["title"] == ('<span class="nocase">Bayesian</span> analysis of <span class="nocase">Phase III</span>'
                             ' <span class="nocase">MSC</span> trials in <span class="nocase">T</span>he Netherlands')
    (back,) = msccite.loads(json.dumps([item]), "csl-json")
    assert "title = {{Bayesian} analysis of {Phase III} {MSC} trials in {T}he Netherlands}" in msccite.dumps(
        [back], "bibtex")
