"""PubMed XML: translated titles beside a <VernacularTitle>, and <ELocationID> article numbers as pages."""

from __future__ import annotations

import pytest

import msccite
from msccite.context import ReadContext
from msccite.formats import pubmed_xml
from paths import ROOT

FIXTURE = ROOT / "tests" / "data" / "pubmed_xml" / "vernacular_elocation.xml"


def read_text(text: str) -> list:
    ctx = ReadContext("pubmed-xml", "x.xml", errors="collect")
    recs = list(pubmed_xml.read(iter(text.split("\n")), ctx))
    assert ctx.problems == []
    return recs


@pytest.fixture(scope="module")
def recs():
    out = msccite.read(FIXTURE, format="pubmed-xml")
    assert out.problems == [] and len(out) == 5
    return out


def extras(rec, key):
    return [e.value for e in rec.extra if e.key == key]


def article(title: str, body: str = "", vernacular: str | None = None) -> str:
    """One <PubmedArticle> in efetch's shape, with the elements under <Article> that matter here."""
    vern = "" if vernacular is None else f"<VernacularTitle>{vernacular}</VernacularTitle>"
    return (
        '<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID Version="1">1</PMID>'
        f"<Article><Journal><Title>J</Title></Journal>{title}{body}<Language>fre</Language>{vern}</Article>"
        "</MedlineCitation></PubmedArticle></PubmedArticleSet>"
    )


def test_records_and_lines(recs):
    assert [r.source.line for r in recs] == [4, 61, 115, 164, 217]
    assert [r["PMID"] for r in recs] == ["36000002", "32101234", "32000001", "33012345", "35128459"]


# -- titles ----------------------------------------------------------------------------------------
def test_bracketed_article_title_beside_a_vernacular_title(recs):
    rec = recs[0]
    assert rec.title == "Nichos estromales en la médula ósea envejecida."
    assert extras(rec, "ArticleTitle") == ["[Stromal niches in the ageing bone marrow]."]  # the translation
    assert extras(rec, "VernacularTitle") == []  # it is the title: not kept twice


def test_empty_article_title_beside_a_vernacular_title(recs):
    rec = recs[1]
    assert rec.title == "Mesenchymale Stammzellen in der Orthopädie: Wo stehen wir?"  # inline markup as text
    assert extras(rec, "ArticleTitle") == [""] and extras(rec, "VernacularTitle") == []


def test_empty_article_title_without_vernacular_title_is_as_before(recs):
    rec = recs[2]
    assert "title" not in rec and extras(rec, "ArticleTitle") == [""]


def test_bracketed_article_title_without_vernacular_title_is_the_title(recs):
    assert recs[4].title == "[Cell therapy for heart failure: a second look]."
    assert extras(recs[4], "ArticleTitle") == []


def test_an_english_title_keeps_its_vernacular_title_as_an_extra():
    (rec,) = read_text(article("<ArticleTitle>Stem cells.</ArticleTitle>", vernacular="Cellules souches."))
    assert rec.title == "Stem cells." and extras(rec, "VernacularTitle") == ["Cellules souches."]


def test_an_empty_vernacular_title_is_not_used():
    (rec,) = read_text(article("<ArticleTitle>[Stem cells].</ArticleTitle>", vernacular=""))
    assert rec.title == "[Stem cells]." and extras(rec, "VernacularTitle") == [""]


# -- pages from ELocationID --------------------------------------------------------------------------
def test_pii_article_number_is_the_page_without_pagination(recs):
    rec = recs[0]
    assert rec["page"] == "e81234"
    assert extras(rec, "ELocationID/pii") == ["e81234"]  # kept as before
    assert rec["DOI"] == "10.7554/eLife.81234" and extras(rec, "ArticleId/pii") == ["81234"]
    assert recs[4]["page"] == "1042" and extras(recs[4], "ELocationID/pii") == ["1042"]  # digits alone


def test_medline_pgn_wins_over_the_pii(recs):
    assert recs[1]["page"] == "215-221" and extras(recs[1], "ELocationID/pii") == ["S0030-5588(20)03878-2"]
    rec = recs[3]  # an e-page in MedlinePgn
    assert rec["page"] == "e42692" and extras(rec, "ELocationID/pii") == ["e42692"]
    assert extras(rec, "StartPage") == ["e42692"]


def test_a_pii_that_is_not_an_article_number_is_no_page(recs):
    rec = recs[2]
    assert "page" not in rec and extras(rec, "ELocationID/pii") == ["S0140-6736(20)30000-1"]
    assert rec["DOI"] == "10.1016/S0140-6736(20)30000-1"


def test_start_page_without_medline_pgn_wins_over_the_pii():
    body = ("<Pagination><StartPage>12</StartPage><EndPage>19</EndPage></Pagination>"
            '<ELocationID EIdType="pii" ValidYN="Y">e42692</ELocationID>')  # fmt: skip
    (rec,) = read_text(article("<ArticleTitle>x</ArticleTitle>", body))
    assert rec["page"] == "12-19" and extras(rec, "ELocationID/pii") == ["e42692"]


@pytest.mark.parametrize(("pii", "page"), [("EWLS", "EWLS"), ("D4CZ", "D4CZ"), ("ABCDE", None), ("ewls", None)])
def test_a_four_character_pii_is_the_page(pii, page):
    """Läkartidningen numbers its articles with four characters (``Lakartidningen. 2017;114:EWLS``)."""
    body = f'<ELocationID EIdType="pii" ValidYN="Y">{pii}</ELocationID>'
    (rec,) = read_text(article("<ArticleTitle>x</ArticleTitle>", body))
    assert rec.get("page") == page and extras(rec, "ELocationID/pii") == [pii]


def test_an_invalid_pii_and_a_doi_are_no_page():
    body = ('<ELocationID EIdType="pii" ValidYN="N">e42692</ELocationID>'
            '<ELocationID EIdType="doi" ValidYN="Y">10.1/123456</ELocationID>')  # fmt: skip
    (rec,) = read_text(article("<ArticleTitle>x</ArticleTitle>", body))
    assert "page" not in rec and rec["DOI"] == "10.1/123456"
    assert extras(rec, "ELocationID/pii") == ["e42692"] and extras(rec, "ELocationID/pii@ValidYN") == ["N"]


# -- through RIS, BibTeX and CSL-JSON ------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["ris", "bibtex", "csl-json"])
def test_fixture_records_survive_a_lossless_trip(recs, fmt):
    back = msccite.loads(msccite.dumps(recs, fmt, lossless=True), fmt)
    for r in back:
        r.id = None  # BibTeX and CSL-JSON give each record a key
    assert list(back) == list(recs)
