"""Citavi XML (``msccite.formats.citavi``): relations resolved into records, page ranges, dates, parents,
attachments, and what is not a Citavi export."""

from __future__ import annotations

import pytest

import msccite
from msccite import Date, Extra, Name, registry
from msccite.formats.citavi.read import is_index_field, page_text, parse_date
from paths import CORPUS, ROOT, SEED_FILES

DATA = ROOT / "tests" / "data" / "citavi" / "exports"


@pytest.fixture(scope="module")
def project() -> msccite.Records:
    return msccite.read(DATA / "constructed-project.ctv6", errors="collect")


def test_detected_and_read(project):
    assert project.format == "citavi" and len(project) == 6
    assert [p.message for p in project.problems] == ["lines 4-5: project settings and lists that hold no reference "
                                                     "data skipped"]  # fmt: skip


def test_a_journal_article(project):
    rec = project[0]
    assert rec.type == "article-journal" and rec.id == "LeBlanc.2008"
    assert rec.title.endswith("graft-versus-host disease: a phase II study")  # title and subtitle
    assert rec.authors == [
        Name("Le Blanc", "Katarina"),
        Name("Frassoni", "Francesco M."),
        Name("Gogh", "Vincent", non_dropping_particle="van", suffix="Jr."),
        Name(literal="EBMT Developmental Committee"),
    ]  # in the order of the OnetoN line
    assert (rec["container-title"], rec["container-title-short"]) == ("The Lancet", "Lancet")
    assert rec["ISSN"] == ["0140-6736"]
    assert (rec["volume"], rec["issue"], rec["page"]) == ("371", "9624", "1579-86")
    assert rec["issued"] == Date.of(2008, 5, 10)
    assert (rec["DOI"], rec["PMID"]) == ("10.1016/S0140-6736(08)60690-X", "18468541")
    assert rec["keyword"] == ["mesenchymal stromal cells", "graft-versus-host disease"]
    assert rec["categories"] == ["Clinical trials"] and rec["note"] == ["Read for the review."]
    assert rec["URL"] == ["https://www.thelancet.com/journals/lancet/article/PIIS0140-6736(08)60690-X/fulltext"]
    keys = [e.key for e in rec.extra]
    assert keys[:3] == ["id", "ReferenceType", "Subtitle"] and "Group" in keys and "KnowledgeItem" in keys
    quote = next(e.value for e in rec.extra if e.key == "KnowledgeItem")
    assert quote["CoreStatement"] == "Response in 30 of 55 patients" and quote["id"] == "ki-0001"


def test_a_contribution_takes_its_book_from_the_parent(project):
    book, chapter = project[1], project[2]
    assert book.type == "book" and book["editor"] == [Name("Keating", "Armand"), Name("Prockop", "Darwin")]
    assert book["number-of-pages"] == "512" and book["publisher"] == "Springer"
    assert book["collection-title"] == "Stem Cell Biology and Regenerative Medicine"
    assert chapter.type == "chapter" and chapter.authors == [Name("Prockop", "Darwin")]
    assert chapter["container-title"] == "Mesenchymal Stromal Cells: Biology and Clinical Applications"
    assert chapter["editor"] == book["editor"] and chapter["page"] == "355-380"
    assert (chapter["publisher"], chapter["publisher-place"], chapter["ISBN"]) == ("Springer", "New York, NY",
                                                                                     ["978-1-4614-5710-7"])  # fmt: skip
    assert chapter["issued"] == Date.of(2013) and Extra("citavi", "ParentReference", "r-0002") in chapter.extra
    assert (
        Extra(
            "citavi",
            "Location",
            {"id": "l-0003", "CallNumber": "QU 325 M578", "LibraryID": "c1a6b8d0-0000-4000-8000-000000000003"},
        )
        in book.extra
    )


def test_a_contribution_in_proceedings_is_a_conference_paper(project):
    paper = project[4]
    assert paper.type == "paper-conference"
    assert paper["container-title"] == "Proceedings of the 45th EBMT Annual Meeting"
    assert paper["issued"] == Date.of(2019) and paper["publisher-place"] == "Frankfurt"


def test_a_web_page(project):
    page = project[5]
    assert page.type == "webpage" and page["accessed"] == Date.of(2024, 3, 1) and page["issued"] == Date.of(2023)


def test_a_citavi_6_library_of_an_importers_tests():
    """biblatex-csl-converter's fixture (synthetic data in Citavi 6's shape, bookkeeping fields and all)."""
    records = msccite.read(DATA / "fiduswriter-library.ctv6", errors="collect")
    article, book = records
    assert article.id == "TestArticle2024" and article.authors == [Name("Anderson", "Alice"), Name("Baker", "Bob")]
    assert article["keyword"] == ["Synthetic Testing", "Research Data"] and article["issued"] == Date.of(2024)
    assert book["publisher"] == "Test Publishers Inc" and book["publisher-place"] == "London"
    assert book["ISBN"] == ["978-3-16-148410-0"]
    bookkeeping = [e for e in article.extra if is_index_field(e.key)]
    assert {e.key for e in bookkeeping} >= {"CreatedOn", "ModifiedBy", "DateForSorting", "PageRangeNumber"}
    assert Extra("citavi", "ShortTitle", "Anderson, Baker 2024 – Test Article") in article.extra


def test_index_fields_are_left_out_of_other_formats_and_counted():
    records = msccite.read(DATA / "fiduswriter-library.ctv6", errors="collect")
    out = msccite.dumps(records, "ris")
    assert "CreatedOn" not in out and "A Synthetic Test Article" in out


@pytest.mark.parametrize(("value", "text"), [
    ("<sp><n>1</n><in>true</in><os>1</os><ps>1</ps></sp><ep><n>10</n><in>true</in><os>10</os><ps>10</ps></ep>"
     "<os>1-10</os>", "1-10"),
    ("<sp><n>355</n><os>355</os></sp><ep><n>380</n><os>380</os></ep>", "355-380"),
    ("<sp>\n  <n>5</n>\n  <os>5</os>\n</sp>\n<os>5</os>", "5"),
    ("<c>273</c><in>true</in><os>273</os><ps>273 S.</ps>", "273"),
    ("S12-S13", "S12-S13"), ("12 - 14", "12 - 14"),
])  # fmt: skip
def test_page_ranges(value: str, text: str):
    assert page_text(value) == text


@pytest.mark.parametrize(("text", "date"), [
    ("2023-06-10", Date.of(2023, 6, 10)), ("2023-06-10T00:00:00", Date.of(2023, 6, 10)),
    ("01.03.2025", Date.of(2025, 3, 1)), ("2010", Date.of(2010)), ("2010a", Date(parts=((2010,),), raw="2010a")),
    ("o. J.", None), ("31.02.2020", None), ("32.01.2020", None),
])  # fmt: skip
def test_dates(text: str, date: Date | None):
    assert parse_date(text) == date


def test_unknown_ids_and_odd_shapes():
    text = (
        '<?xml version="1.0"?>\n<CitaviExchangeData Version="5.7.1.0">\n<Persons><Person id="p1"><FirstName>Ada'
        '</FirstName><LastName>Lovelace</LastName></Person></Persons>\n<References>\n<Reference id="r1">'
        "<ReferenceType>Book</ReferenceType><Title>T</Title><Year>1843</Year><Unknown>kept</Unknown></Reference>\n"
        "</References>\n<ReferenceAuthors><OnetoN>r1;p1;p9</OnetoN></ReferenceAuthors>\n</CitaviExchangeData>\n"
    )
    records = msccite.loads(text, errors="collect")
    (rec,) = records
    assert rec.authors == [Name("Lovelace", "Ada")] and Extra("citavi", "Unknown", "kept") in rec.extra
    assert any("'p9', which is no person" in p.message for p in records.problems)


def test_not_citavi_and_broken_xml():
    wrong = msccite.loads("<?xml version='1.0'?><xml><records/></xml>", "citavi", errors="collect")
    assert not wrong and "expected a Citavi export" in wrong.problems[0].message
    cut = msccite.loads('<CitaviExchangeData Version="6">\n<References>\n<Reference id="r1"><Title>T</Title>'
                        "</Reference>\n<Reference id=\"r2\"><Title>", "citavi", errors="collect")  # fmt: skip
    assert [r.title for r in cut] == ["T"] and "well-formed XML expected" in cut.problems[0].message


def test_an_export_on_one_line():
    text = (DATA / "constructed-project.ctv6").read_text(encoding="utf-8").replace("\n", "")
    assert len(msccite.loads(text, errors="collect")) == 6


def test_detection():
    assert registry.detect_name((DATA / "fiduswriter-library.ctv6").read_text(encoding="utf-8")) == "citavi"
    citavi = registry.get("citavi")
    for path in [*SEED_FILES, *sorted(CORPUS.glob("*.ris"))]:
        assert citavi.detect(path.read_text(encoding="utf-8", errors="replace")[:65536]) == 0.0
    assert citavi.detect('<?xml version="1.0"?>\n<xml><records><record/></records></xml>') == 0.0
    head = "\ufeff<?xml version='1.0' encoding='utf-8'?>\n<CitaviExchangeData Version='7.4.0.23'>"
    assert citavi.detect(head) == 0.95
