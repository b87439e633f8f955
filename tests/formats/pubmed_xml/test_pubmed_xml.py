"""The PubMed XML reader on efetch output: mapping, quirks, detection, problems and streaming memory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from msccite import Date, Extra, Name
from msccite.context import ReadContext
from msccite.formats import pubmed_xml
from paths import ROOT

DATA = ROOT / "tests" / "data" / "pubmed_xml"
EFETCH = DATA / "efetch.xml"


def read_text(text: str, errors: str = "collect") -> tuple[list, ReadContext]:
    ctx = ReadContext("pubmed-xml", "x.xml", errors=errors)
    return list(pubmed_xml.read(iter(text.split("\n")), ctx)), ctx


def read_path(path: Path) -> tuple[list, ReadContext]:
    return read_text(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def efetch():
    records, ctx = read_path(EFETCH)
    assert ctx.problems == []
    assert len(records) == 4
    return records


def extras(rec, key):
    return [e.value for e in rec.extra if e.key == key]


# -- the first article: a complete record -----------------------------------------------------------
def test_article_core_fields(efetch):
    rec = efetch[0]
    assert rec.type == "article-journal"
    assert rec.source.line == 4  # the <PubmedArticle> line
    assert rec.title == ("Short and Long Term Clinical and Immunologic Follow up after Bone Marrow Mesenchymal "
                         "Stromal Cell Therapy in Progressive Multiple Sclerosis-A Phase I Study.")  # fmt: skip
    assert rec["PMID"] == "31810187"
    assert rec["PMCID"] == "PMC6947600"
    assert rec["DOI"] == "10.3390/jcm8122102"
    assert rec["container-title"] == "Journal of clinical medicine"
    assert rec["container-title-short"] == "J Clin Med"
    assert (rec["volume"], rec["issue"], rec["page"]) == ("8", "12", "2102")
    assert rec["issued"] == Date.of(2019, 12, 2)
    assert rec["available-date"] == Date.of(2019, 12, 2)
    assert rec["ISSN"] == ["2077-0383 (Print)"]
    assert rec["language"] == "eng"
    assert rec["keyword"] == ["MSC", "multiple sclerosis"]


def test_structured_abstract_keeps_labels_and_inline_text(efetch):
    assert efetch[0]["abstract"] == (
        "BACKGROUND: Mesenchymal stromal cells (MSC) have shown in vitro immunomodulatory properties.\n"
        "METHODS: Seven patients received 1-2 \u00d7 106 MSC/kg.\n"
        "CONCLUSIONS: MSC therapy was safe & feasible."
    )
    assert extras(efetch[0], "CopyrightInformation") == ["\u00a9 2019 by the authors."]


def test_authors_with_suffix_and_their_affiliations_and_orcid(efetch):
    rec = efetch[0]
    assert rec.authors == [Name("Iacobaeus", "Ellen"), Name("Kadri", "Nadir"),
                           Name("Le Blanc", "Katarina", suffix="Jr")]  # fmt: skip
    assert extras(rec, "ORCID@1") == ["0000-0002-4217-2457"]
    assert extras(rec, "affiliation@1") == ["Department of Clinical Neuroscience, Karolinska Institutet, Stockholm, "
                                            "Sweden."]  # fmt: skip
    assert extras(rec, "affiliation@2") == [
        "Department of Laboratory Medicine, Karolinska Institutet, Huddinge, Sweden.",
        "Center for Hematology and Regenerative Medicine, Karolinska Institutet, Stockholm, Sweden.",
    ]
    assert extras(rec, "affiliation@3") == []
    # initials that follow from the fore name are not repeated as extras
    assert not [e for e in rec.extra if e.key.startswith("Initials@")]


def test_everything_else_is_kept_as_extras_in_file_order(efetch):
    rec = efetch[0]
    keys = [e.key for e in rec.extra]
    assert keys == [
        "MedlineCitation@Status", "MedlineCitation@Owner", "DateRevised", "Article@PubModel",
        "JournalIssue@CitedMedium", "StartPage", "ELocationID/pii", "CopyrightInformation", "ORCID@1",
        "affiliation@1", "affiliation@2", "affiliation@2", "GrantList", "PublicationType", "Country",
        "NlmUniqueID", "ISSNLinking", "CoiStatement", "History", "PublicationStatus", "ArticleId/pii",
    ]  # fmt: skip
    assert rec.extra[0] == Extra("pubmed-xml", "MedlineCitation@Status", "PubMed-not-MEDLINE")
    assert extras(rec, "GrantList") == [[{"GrantID": "2016-02364", "Agency": "Vetenskapsr\u00e5det", "Country": ""}]]
    assert extras(rec, "History") == [{"received": "2019-10-30", "entrez": "2019-12-08 06:00"}]
    assert extras(rec, "PublicationStatus") == ["epublish"]
    assert extras(rec, "ArticleId/pii") == ["jcm8122102"]
    assert extras(rec, "Country") == ["Switzerland"]
    assert extras(rec, "MedlineTA") == []  # same as the ISO abbreviation


# -- the second article: collective author, MedlineDate, MeSH ---------------------------------------
def test_collective_author_is_a_literal(efetch):
    rec = efetch[1]
    assert rec.authors == [Name(literal="International Society for Cellular Therapy MSC Committee"),
                           Name("Dominici", "Massimo")]  # fmt: skip
    assert extras(rec, "AuthorList@CompleteYN") == ["N"]


def test_medline_date_range_is_decoded(efetch):
    assert efetch[1]["issued"] == Date(parts=((2019, 12), (2020, 1)))


def test_title_with_inline_markup_is_plain_text(efetch):
    assert efetch[1].title == "Consensus statement on ex vivo expanded MSC: the CO2 question."


def test_mesh_headings_are_keywords_written_like_medline_mh(efetch):
    assert efetch[1]["keyword"] == ["Aged", "*Stem Cells/cytology", "Mesenchymal Stem Cells/*metabolism/pathology"]


def test_print_and_electronic_issn_and_pages(efetch):
    rec = efetch[1]
    assert rec["ISSN"] == ["0036-8075 (Print)", "1095-9203 (Electronic)"]
    assert rec["page"] == "97-105"
    assert extras(rec, "StartPage") == ["97"] and extras(rec, "EndPage") == ["105"]
    assert "DOI" not in rec


def test_lists_become_json_values(efetch):
    rec = efetch[1]
    assert extras(rec, "PublicationType") == ["Journal Article", "Review", "Consensus Development Conference"]
    assert extras(rec, "ChemicalList") == [
        [{"RegistryNumber": "142M471B3J", "NameOfSubstance": {"@UI": "D002245", "#text": "Carbon Dioxide"}}]
    ]
    assert extras(rec, "CommentsCorrectionsList") == [
        [
            {
                "@RefType": "CommentIn",
                "RefSource": "Cytotherapy. 2006;8(4):315-7",
                "PMID": {"@Version": "1", "#text": "16923606"},
            }
        ]
    ]
    assert extras(rec, "CitationSubset") == ["IM"]
    assert extras(rec, "DateCompleted") == ["2002-04-12"]


# -- the third article: a preprint, a season, a DOI only in ELocationID ------------------------------
def test_preprint_type_season_and_elocation_doi(efetch):
    rec = efetch[2]
    assert rec.type == "article"
    assert rec["issued"] == Date(parts=((2023,),), season="Spring")
    assert rec["DOI"] == "10.1101/2023.03.01.530000"
    assert rec["PMCID"] == "PMC10000001"
    assert rec.authors == [Name("Zhang", "Jean-Luc")]
    assert extras(rec, "EqualContrib@1") == ["Y"]


# -- the book chapter --------------------------------------------------------------------------------
def test_book_article_is_a_chapter_with_editors_and_publisher(efetch):
    rec = efetch[3]
    assert rec.type == "chapter"
    assert rec.title == "COL1A1/2 Osteogenesis Imperfecta"
    assert rec["container-title"] == "GeneReviews\u00ae"
    assert rec.authors == [Name("Steiner", "Robert D")]
    assert rec["editor"] == [Name("Adam", "Margaret P"), Name("Feldman", "Jerry")]
    assert rec["publisher"] == "University of Washington, Seattle"
    assert rec["publisher-place"] == "Seattle (WA)"
    assert rec["issued"] == Date.of(1993)
    assert rec["PMID"] == "20301331"
    assert rec["medium"] == "Internet"
    assert rec["abstract"] == (
        "CLINICAL CHARACTERISTICS: COL1A1/2 osteogenesis imperfecta is characterized by fractures."
    )
    assert extras(rec, "ArticleId/bookaccession") == ["NBK1152"]
    assert extras(rec, "LocationLabel/chapter") == ["Osteogenesis Imperfecta"]
    assert extras(rec, "affiliation@1") == ["University of Wisconsin, Madison, Wisconsin"]
    assert extras(rec, "BookTitle@book") == ["gene"]
    assert extras(rec, "ArticleTitle@part") == ["oi"]


def test_book_without_article_title_is_a_book():
    text = EFETCH.read_text(encoding="utf-8")
    start = text.index("<PubmedBookArticle>")
    book = text[start : text.index("</PubmedBookArticle>") + len("</PubmedBookArticle>")]
    book = book.replace('<LocationLabel Type="chapter">Osteogenesis Imperfecta</LocationLabel>', "")
    book = book.replace('<ArticleTitle book="gene" part="oi">COL1A1/2 Osteogenesis Imperfecta</ArticleTitle>', "")
    (rec,), ctx = read_text(f"<PubmedArticleSet>\n{book}\n</PubmedArticleSet>")
    assert rec.type == "book"
    assert rec.title == "GeneReviews\u00ae"
    assert rec["editor"][0] == Name("Adam", "Margaret P")


# -- dates ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019 Dec-2020 Jan", Date(parts=((2019, 12), (2020, 1)))),
        ("2003 Jul-Aug", Date(parts=((2003, 7), (2003, 8)))),
        ("2012 Oct 1-15", Date(parts=((2012, 10, 1), (2012, 10, 15)))),
        ("1975-1976", Date(parts=((1975,), (1976,)))),
        ("2000 Spring", Date(parts=((2000,),), season="Spring")),
        ("2001 Summer-Fall", Date(raw="2001 Summer-Fall")),
        ("2019 Dec-2020", Date(raw="2019 Dec-2020")),
        ("Winter 1999-2000", Date(raw="Winter 1999-2000")),
        ("1998", Date.of(1998)),
    ],
)
def test_medline_dates(text, expected):
    assert pubmed_xml.parse_medline_date(text) == expected


def test_numeric_month_and_unknown_month_in_pubdate():
    def one(pubdate: str) -> Date:
        xml = f"<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><Journal><JournalIssue>" \
              f"<PubDate>{pubdate}</PubDate></JournalIssue></Journal></Article></MedlineCitation></PubmedArticle>" \
              f"</PubmedArticleSet>"  # fmt: skip
        (rec,), _ = read_text(xml)
        return rec["issued"]

    assert one("<Year>2020</Year><Month>03</Month>") == Date.of(2020, 3)
    assert one("<Year>2020</Year><Month>Mar</Month><Day>5</Day>") == Date.of(2020, 3, 5)
    assert one("<Year>2020</Year><Month>Smarch</Month>") == Date(raw="2020 Smarch")


# -- types -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("types", "csl"), [
    (["Journal Article"], "article-journal"), (["Journal Article", "Preprint"], "article"),
    (["Dataset"], "dataset"), (["Congress"], "paper-conference"), (["Book"], "book"), ([], "article-journal"),
])  # fmt: skip
def test_publication_types(types, csl):
    pts = "".join(f"<PublicationType>{t}</PublicationType>" for t in types)
    xml = ("<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><PublicationTypeList>"
           f"{pts}</PublicationTypeList></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>")  # fmt: skip
    (rec,), _ = read_text(xml)
    assert rec.type == csl
    assert extras(rec, "PublicationType") == types


def test_different_doi_in_elocation_is_kept_and_medline_ta_differs():
    xml = """<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>
<Journal><ISOAbbreviation>J A</ISOAbbreviation></Journal>
<ELocationID EIdType="doi" ValidYN="Y">10.1/other</ELocationID></Article>
<MedlineJournalInfo><MedlineTA>J-A</MedlineTA></MedlineJournalInfo></MedlineCitation>
<PubmedData><ArticleIdList><ArticleId IdType="doi">10.1/main</ArticleId></ArticleIdList></PubmedData>
</PubmedArticle></PubmedArticleSet>"""
    (rec,), _ = read_text(xml)
    assert rec["DOI"] == "10.1/main"
    assert extras(rec, "ELocationID/doi") == ["10.1/other"]
    assert extras(rec, "MedlineTA") == ["J-A"]


# -- detection ---------------------------------------------------------------------------------------
def test_detect_efetch_output():
    assert pubmed_xml.detect(EFETCH.read_text(encoding="utf-8")[:4000]) == 0.95
    assert pubmed_xml.detect("<PubmedArticleSet><PubmedArticle>") == 0.95
    assert pubmed_xml.detect('\ufeff<?xml version="1.0"?>\n<PubmedArticleSet>\n') == 0.95


@pytest.mark.parametrize("sample", [
    "TY  - JOUR\nTI  - <PubmedArticleSet> in a title\nER  - \n",
    "<!DOCTYPE html><html><body><PubmedArticleSet></body></html>",
    '<?xml version="1.0"?><rss version="2.0"><channel><title>PubmedArticleSet</title></channel></rss>',
    '<?xml version="1.0" encoding="UTF-8" ?><xml><records><record><ref-type name="Journal Article">17</ref-type>',
    "PMID- 31810187\nTI  - x\n",
    "",
])  # fmt: skip
def test_detect_other_inputs_score_zero(sample):
    assert pubmed_xml.detect(sample) == 0.0


# -- problems ----------------------------------------------------------------------------------------
def test_broken_xml_is_reported_with_its_line_and_earlier_records_stay():
    text = EFETCH.read_text(encoding="utf-8")
    lines = text.split("\n")
    broken_at = lines.index("  <PubmedBookArticle>") + 3  # inside the book article
    lines[broken_at - 1] = lines[broken_at - 1].replace("</PMID>", "</PMIX>")
    records, ctx = read_text("\n".join(lines))
    assert [r["PMID"] for r in records] == ["31810187", "11856789", "38012345"]
    assert len(ctx.problems) == 1
    assert ctx.problems[0].line == broken_at
    assert "expected" in str(ctx.problems[0])


def test_strict_mode_raises_after_the_good_records():
    from msccite import ParseError

    got = []
    ctx = ReadContext("pubmed-xml", "x.xml")
    with pytest.raises(ParseError):
        for rec in pubmed_xml.read(
            iter(
                [
                    "<PubmedArticleSet>",
                    "<PubmedArticle><MedlineCitation><PMID>7</PMID></MedlineCitation></PubmedArticle>",
                    "<PubmedArticle>",
                    "",
                ]
            ),
            ctx,
        ):
            got.append(rec)  # fmt: skip
    assert [r["PMID"] for r in got] == ["7"]


def test_other_top_level_elements_are_reported():
    records, ctx = read_text("<PubmedArticleSet>\n<DeleteCitation><PMID>5</PMID></DeleteCitation>\n"
                             "<PubmedArticle><MedlineCitation><PMID>7</PMID></MedlineCitation></PubmedArticle>\n"
                             "</PubmedArticleSet>")  # fmt: skip
    assert [r["PMID"] for r in records] == ["7"]
    assert [(p.line, p.severity) for p in ctx.problems] == [(2, "warning")]
    assert "DeleteCitation" in str(ctx.problems[0])


def test_empty_input_gives_nothing():
    for text in ("", "\n\n", "\ufeff"):
        records, ctx = read_text(text)
        assert records == [] and ctx.problems == []


# -- streaming ---------------------------------------------------------------------------------------
def _write_big_file(path: Path, n: int) -> None:
    text = EFETCH.read_text(encoding="utf-8")
    start = text.index("  <PubmedArticle>")
    article = text[start : text.index("  </PubmedArticle>") + len("  </PubmedArticle>")]
    head = text[:start]
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        for i in range(n):
            out.write(article.replace("31810187", str(40000000 + i)) + "\n")
        out.write("</PubmedArticleSet>\n")


def test_thirty_thousand_articles_stream_in_flat_memory(tmp_path):
    """A baseline-sized file (30,000 articles) read one article at a time: peak RSS stays far below its size."""
    path = tmp_path / "big.xml"
    _write_big_file(path, 30_000)
    # VmHWM of a fresh process (tracemalloc would triple the time); msccite.iter_records detects the format
    code = (
        "import msccite\n"
        f"recs = msccite.iter_records({str(path)!r})\n"
        "n, last = 0, None\n"
        "for last in recs: n += 1\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "print(n, last['PMID'], int(hwm) // 1024)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    count, last_pmid, peak_mb = out.split()
    assert (int(count), last_pmid) == (30_000, str(40000000 + 29_999))
    size_mb = path.stat().st_size // (1024 * 1024)
    assert int(peak_mb) < 100 < size_mb * 4, f"peak RSS {peak_mb} MB while streaming a {size_mb} MB file"
