"""MEDLINE files as other exporters write them: ERIC's "Family, Given" AU, translated titles (TI + TT), e-pages."""

from __future__ import annotations

import pytest

import msccite
from msccite import Date, Extra, Name, Record
from msccite.formats.carriers import parse_name
from msccite.formats.medline.fields import is_translated_title
from paths import CORPUS, ROOT

DATA = ROOT / "tests" / "data" / "medline"
ERIC = DATA / "eric.nbib"
TRANSLATED = DATA / "translated_epages.nbib"
PUBMED = CORPUS / "_baseline_pubmed.ris"


@pytest.fixture(scope="module")
def eric():
    recs = msccite.read(ERIC)
    assert recs.format == "medline" and recs.problems == []
    return recs


@pytest.fixture(scope="module")
def translated():
    recs = msccite.read(TRANSLATED)
    assert recs.format == "medline" and recs.problems == []
    return recs


def values(rec, key):
    return [e.value for e in rec.extras("medline") if e.key == key]


# -- ERIC: AU "Family, Given", no FAU ----------------------------------------------------------------
def test_eric_file_is_detected_and_read_record_by_record(eric):
    text = ERIC.read_text(encoding="utf-8")
    assert msccite.detect(text) == "medline"
    assert len(eric) == text.count("OWN - ERIC") == 3
    assert [r.source.line for r in eric] == [2, 28, 52]  # the OWN line: the file opens with a blank line
    assert all(r.type == "article-journal" for r in eric)


def test_eric_au_with_a_comma_is_family_then_given(eric):
    assert eric[0].authors == [Name("van Dijk", "Anneke M."), Name("de Vries", "Pieter J. H."),
                               Name("Okafor", "Chinedu")]  # fmt: skip
    assert eric[1].authors == [Name("Mwangi", "Grace W."), Name("Jones", "Robert L.", suffix="Jr."),
                               Name("Della Rocca", "Giulia")]  # fmt: skip
    assert eric[2].authors == [Name("San Martin", "Lucia"), Name("Nguyen", "Thi Thu"), Name("ter Horst", "Jan")]
    assert not [e for e in eric[0].extra if e.key.startswith("AU")]  # nothing kept twice


def test_eric_names_read_as_ris_reads_family_given():
    """The particle stays in the family name, as the RIS reader (and the FAU line) keep it."""
    for text in ("van Dijk, Anneke M.", "Jones, Robert L., Jr.", "ter Horst, Jan"):
        ris = msccite.loads(f"TY  - JOUR\nAU  - {text}\nER  - \n", "ris")[0]
        nbib = msccite.loads(f"OWN - ERIC\nAU  - {text}\nTI  - x\nDP  - 2020\n", "medline")[0]
        fau = msccite.loads(f"PMID- 1\nFAU - {text}\n", "medline")[0]
        assert nbib.authors == ris.authors == fau.authors == [parse_name(text)]


def test_eric_fields(eric):
    rec = eric[0]
    assert rec.title == ("Feedback Loops in Digital Formative Assessment: A Design Study in Secondary Mathematics "
                         "Classrooms")  # fmt: skip
    assert rec["container-title"] == "Journal of Educational Measurement Practice"
    assert (rec["volume"], rec["issue"], rec["page"]) == ("14", "2", "101-123")
    assert rec["issued"] == Date.of(2021) and rec["language"] == "English"
    assert rec["keyword"][:2] == ["Formative Evaluation", "Feedback (Response)"] and len(rec["keyword"]) == 6
    assert rec["abstract"].startswith("Digital formative assessment") and rec["abstract"].endswith("used them.")
    # ERIC's own lines are kept as they were written
    assert values(rec, "OWN") == ["ERIC"] and values(rec, "OID") == ["EJ1298765"]
    assert values(rec, "SO") == ["v14 n2 p101-123 2021"]
    assert values(rec, "AID") == ["http://dx.doi.org/10.1234/jemp.2021.0142"]
    assert values(rec, "LID") == ["http://eric.ed.gov/?id=EJ1298765"]
    assert values(rec, "ISSN") == ["EISSN-2375-1188"]
    assert values(rec, "PT") == ["Journal Articles", "Reports - Research"]
    assert eric[1]["issued"] == Date(raw="Article 22 2020") and "page" not in eric[1]  # no e-page from a URL LID


def test_eric_written_back_keeps_au_as_family_given(eric):
    text = msccite.dumps(eric, "medline")
    assert "AU  - van Dijk, Anneke M.\nAU  - de Vries, Pieter J. H.\nAU  - Okafor, Chinedu\n" in text
    assert "AU  - Jones, Robert L., Jr.\n" in text and "FAU" not in text
    assert msccite.detect(text) == "medline"
    assert list(msccite.loads(text, "medline")) == list(eric)


def test_au_alone_with_and_without_comma_in_one_record_comes_back_as_written():
    text = "PMID- 1\nTI  - x\nAU  - Prockop DJ\nAU  - van Groen, Maaike M.\n\n"
    (rec,) = msccite.loads(text, "medline")
    assert rec.authors == [Name("Prockop", "DJ"), Name("van Groen", "Maaike M.")]
    assert rec.extra == [Extra("medline", "AU@2", "van Groen, Maaike M.")]  # the exact line, for the writer
    out = msccite.dumps([rec], "medline")
    assert "AU  - Prockop DJ\nAU  - van Groen, Maaike M.\n" in out and "FAU" not in out
    assert msccite.loads(out, "medline")[0] == rec


def test_au_with_a_comma_after_another_persons_fau_comes_back_as_written():
    text = "PMID- 1\nTI  - x\nFAU - Griffin, Darren K\nAU  - Griffin DK\nAU  - van Groen, Maaike M.\n\n"
    (rec,) = msccite.loads(text, "medline")
    assert rec.authors == [Name("Griffin", "Darren K"), Name("van Groen", "Maaike M.")]
    out = msccite.dumps([rec], "medline")
    assert "AU  - van Groen, Maaike M.\n" in out
    assert msccite.loads(out, "medline")[0] == rec


def test_editor_ed_with_a_comma():
    (rec,) = msccite.loads("PMID- 1\nBTI - A book\nED  - van Dam, Els\nPT  - Book\n\n", "medline")
    assert rec["editor"] == [Name("van Dam", "Els")]
    out = msccite.dumps([rec], "medline")
    assert "ED  - van Dam, Els\n" in out and "FED" not in out
    assert msccite.loads(out, "medline")[0] == rec


def test_medline_au_without_a_comma_is_unchanged():
    (rec,) = msccite.loads("PMID- 1\nAU  - van Groen MM\nAU  - Smith J Jr\n\n", "medline")
    assert rec.authors == [Name("van Groen", "MM"), Name("Smith", "J", suffix="Jr")]


# -- translated titles: TI in brackets (or empty) beside TT --------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[Mesenchymal stem cells in orthopaedics: where do we stand?].", True),
        ("[Stromal niches in the ageing bone marrow]", True),
        ("[A title with [nested] brackets].", True),
        ("[Part one] and [part two].", False),
        ("Stem cells [review].", False),
        ("[Unclosed title.", False),
        ("", False),
    ],
)
def test_is_translated_title(text, expected):
    assert is_translated_title(text) is expected


def test_bracketed_ti_with_tt_gives_the_title_from_tt(translated):
    rec = translated[0]
    assert rec.title == "Mesenchymale Stammzellen in der Orthopädie: Wo stehen wir?"
    assert values(rec, "TI") == ["[Mesenchymal stem cells in orthopaedics: where do we stand?]."]  # the translation
    assert "original-title" not in rec and not values(rec, "TT")
    assert rec.keys["title"] == "medline:TT"
    assert translated[4].title == "Nichos estromales en la médula ósea envejecida."
    assert values(translated[4], "TI") == ["[Stromal niches in the ageing bone marrow]."]


def test_bracketed_ti_without_tt_is_still_the_title(translated):
    rec = translated[3]
    assert rec.title == "[Cell therapy for heart failure: a second look]." and not values(rec, "TI")


def test_empty_ti_with_tt_gives_the_title_from_tt():
    (rec,) = msccite.loads("PMID- 1\nTI  - \nTT  - Titre en français.\n\n", "medline")
    assert rec.title == "Titre en français." and values(rec, "TI") == [""]
    assert msccite.loads(msccite.dumps([rec], "medline"), "medline")[0] == rec


def test_tt_beside_an_english_ti_stays_the_original_title():
    (rec,) = msccite.loads("PMID- 1\nTI  - Stem cells.\nTT  - Cellules souches.\n\n", "medline")
    assert rec.title == "Stem cells." and rec["original-title"] == "Cellules souches."
    (rec,) = msccite.loads("PMID- 1\nTT  - Cellules souches.\n\n", "medline")  # no TI at all: as before
    assert "title" not in rec and rec["original-title"] == "Cellules souches."


def test_translated_title_is_written_back_as_ti_then_tt_without_the_hint(translated):
    rec = translated[0]
    bare = rec.copy()
    bare.keys.clear()  # as after a trip through RIS, which keeps no hints
    text = msccite.dumps([bare], "medline")
    assert ("TI  - [Mesenchymal stem cells in orthopaedics: where do we stand?].\n"
            "TT  - Mesenchymale Stammzellen in der Orthopädie: Wo stehen wir?\n") in text  # fmt: skip
    assert msccite.loads(text, "medline")[0] == rec


# -- e-pages: an LID that is the article number, when there is no PG -----------------------------------
def test_lid_article_number_is_the_page_when_there_is_no_pg(translated):
    rec = translated[1]
    assert rec["page"] == "e42692" and rec.keys["page"] == "medline:LID"
    assert values(rec, "LID") == ["e42692 [pii]"] and values(rec, "AID") == ["e42692 [pii]"]  # still kept
    assert rec["DOI"] == "10.1038/s41598-020-42692-1"
    elife = translated[4]  # PubMed's own form: LID unmarked, an AID [pii] that is not the article number
    assert elife["page"] == "e81234" and values(elife, "LID") == ["e81234"] and values(elife, "AID") == ["81234 [pii]"]


def test_pg_wins_over_the_lid(translated):
    rec = translated[2]
    assert rec["page"] == "e0257112" and "page" not in rec.keys and values(rec, "LID") == ["e0257112"]


def test_a_pii_that_is_not_an_article_number_is_no_page(translated):
    rec = translated[3]
    assert "page" not in rec and values(rec, "LID") == ["S0140-6736(20)30000-1 [pii]"]


def test_pubmeds_elife_records_get_their_article_number_as_page():
    recs = msccite.read(PUBMED)
    pages = {r["PMID"]: r["page"] for r in recs if r.keys.get("page") == "medline:LID"}
    assert pages == {"36448670": "e80092", "35289749": "e75248", "36537069": "e82190", "31223116": "e48493"}


def test_file_with_translated_titles_and_e_pages_comes_back_byte_for_byte(translated):
    text = TRANSLATED.read_text(encoding="utf-8")
    assert msccite.dumps(translated, "medline") == text


def test_a_page_from_elsewhere_is_written_as_pg():
    rec = Record("article-journal", title="x", page="e42692", extra=[Extra("medline", "LID", "e42692 [pii]")])
    assert "PG  - e42692\n" in msccite.dumps([rec], "medline")  # no hint that the LID gave it
    rec.keys["page"] = "medline:LID"
    rec.extra = []  # the hint, but no LID line to carry the page: PG it is
    assert "PG  - e42692\n" in msccite.dumps([rec], "medline")


# -- every fixture through RIS, BibTeX and CSL-JSON ------------------------------------------------------
@pytest.mark.parametrize("path", [ERIC, TRANSLATED], ids=["eric", "translated"])
@pytest.mark.parametrize("fmt", ["ris", "bibtex", "csl-json", "medline"])
def test_fixture_records_survive_a_lossless_trip(path, fmt):
    recs = msccite.read(path)
    back = msccite.loads(msccite.dumps(recs, fmt, lossless=True), fmt)
    for r in back:
        r.id = None  # BibTeX and CSL-JSON give each record a key
    assert list(back) == list(recs)
