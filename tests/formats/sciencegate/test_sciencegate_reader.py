"""ScienceGate listings: the seed's six results, a listing where every result has a title, untyped titles, CRLF."""

from __future__ import annotations

import pytest

import msccite
from msccite import Date, Extra, Name
from msccite.formats.sciencegate.read import _pages
from pages import assert_no_chrome, furniture_lines, real_problems
from paths import ROOT, SEEDS

SEED = SEEDS / "002_0bf7467666d23d09.txt"
DATA = ROOT / "tests" / "data" / "sciencegate"
CHROME = ("\u25fd", "Author(s)", "Sign in", "Sign up", "Export Citation", "Share Document", "scholarly journals")


def _no_chrome(rec: msccite.Record) -> None:
    assert_no_chrome(rec, CHROME, skip_extras=("document-type",))  # the type is data, kept as an extra


@pytest.fixture(scope="module")
def seed():
    return msccite.read(SEED, errors="collect")


def test_the_seed_is_detected_and_gives_six_records_in_page_order(seed):
    assert msccite.detect(SEED.read_text(encoding="utf-8")) == "sciencegate"
    assert seed.format == "sciencegate" and len(seed) == 6
    assert [r.year for r in seed] == [2021, 2016, 2021, 2019, 2016, 2020]
    assert [r.source.line for r in seed] == [1, 16, 29, 42, 55, 65]
    for rec in seed:
        _no_chrome(rec)


def test_the_first_result(seed):
    rec = seed[0]
    assert rec.title == ("Osteonecrosis of the Femoral Head Safely Healed with Autologous, Expanded, Bone "
                         "Marrow-Derived Mesenchymal Stromal Cells in a Multicentric Trial with Minimum 5 Years "
                         "Follow-Up")  # fmt: skip
    assert (rec.type, rec["issued"], rec["volume"], rec["issue"], rec["page"]) == (
        "article-journal",
        Date.of(2021),
        "10",
        "3",
        "508",
    )
    assert rec.authors == [
        Name("Gómez-Barrena", "Enrique"),
        Name("Padilla-Eguiluz", "Norma"),
        Name("Rosset", "Philippe"),
        Name("Hernigou", "Philippe"),
        Name("Baldini", "Nicola"),
    ]
    assert rec.custom["truncated"] == ["author"]  # the "..." line, marked as BibTeX's "and others" is
    assert rec["abstract"].startswith("Background: Osteonecrosis (ON)")
    assert rec["abstract"].endswith("all in the first year.")
    assert rec.extra == [Extra("sciencegate", "document-type", "scholarly journals")]


def test_results_without_a_title_are_records_with_a_warning_each(seed):
    assert [r.title for r in seed[1:]] == [None] * 5
    assert [(p.line, p.severity) for p in real_problems(seed)] == [(16, "warning"), (29, "warning"), (42, "warning"),
                                                             (55, "warning"), (65, "warning")]  # fmt: skip
    assert furniture_lines(seed) == "lines 79, 81, 83"  # Sign in / Sign up, Export Citation Format, Share Document
    assert "no title in record 3" in real_problems(seed)[1].message
    second = seed[1]
    assert (second["page"], second.authors[0], second["abstract"][:5]) == ("24-30", Name("Knyazev", "O. V."), "AIMS.")


def test_supplements_article_numbers_and_one_page_ranges(seed):
    assert (seed[2].get("number"), seed[2].get("page")) == ("00773-2020", None)
    assert (seed[4]["volume"], seed[4]["issue"], seed[4]["page"]) == ("31", "suppl_1", "i92")
    assert (seed[5]["volume"], seed[5]["issue"], seed[5]["page"]) == ("30", "2_suppl", "3-12")
    assert (seed[3]["volume"], seed[3]["issue"], "page" in seed[3]) == ("9", "1", False)


def test_particles_and_an_uncut_author_list(seed):
    assert seed[5].authors[1].family == "Del Piccolo" and seed[5].authors[1].given == "Nicoladrea"
    fifth = seed[4]
    assert len(fifth.authors) == 5 and "truncated" not in fifth.custom and "abstract" not in fifth
    assert fifth.authors[3] == Name("Hosseini", "Seyedeh Esmat")


def test_a_listing_where_every_result_has_a_title():
    recs = msccite.read(DATA / "titled.txt", errors="collect")
    assert recs.format == "sciencegate" and real_problems(recs) == []
    assert [r.title for r in recs] == ["Mesenchymal stromal cells in knee osteoarthritis: a phase II trial",
                                       "Safety of repeated MSC infusions in children",
                                       "Cell therapy manufacturing under GMP"]  # fmt: skip
    assert [r.type for r in recs] == ["article-journal", "paper-conference", "chapter"]
    first, second, third = recs
    assert first.authors == [Name("Berg", "Anna", non_dropping_particle="von"),
                             Name("Meer", "Jan", non_dropping_particle="van der"),
                             Name("Cruz", "Ludwig", non_dropping_particle="de la")]  # fmt: skip
    assert (first["page"], first["volume"], first["issue"]) == ("101-110", "15", "2")
    assert second.custom == {"truncated": ["author"]} and second["page"] == "e1234"
    assert second.authors[1] == Name("Dubois", "Jean-Pierre", suffix="Jr.")
    assert third["keyword"] == ["GMP", "Cell therapy"] and third.authors == [Name("Zhang", "Wei")]
    assert [r.source.line for r in recs] == [1, 13, 24]
    for rec in recs:
        _no_chrome(rec)


def test_titles_without_a_document_type_and_stray_text():
    recs = msccite.read(DATA / "untyped.txt", errors="collect")
    assert [r.title for r in recs] == ["Intravenous MSC for ARDS", "Bone marrow MSC in stroke"]
    assert recs[0]["abstract"] == "Abstract of the first result, about ARDS and MSC."
    assert (recs[0]["number"], recs[1]["issue"], recs[1]["page"]) == ("00512-2021", "Suppl 1", "A12")
    assert [(p.line, p.severity) for p in real_problems(recs)] == [(21, "warning")]  # "Recommended for you"


def test_crlf_gives_the_same_records(tmp_path):
    for path in (SEED, DATA / "titled.txt"):
        crlf = tmp_path / path.name
        crlf.write_bytes(path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
        assert list(msccite.read(crlf, errors="collect")) == list(msccite.read(path, errors="collect"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("508", ("page", "508")), ("24-30", ("page", "24-30")), ("i92-i92", ("page", "i92")),
     ("00773-2020", ("number", "00773-2020")), ("12345-2019", ("number", "12345-2019")),
     ("1234-1250", ("page", "1234-1250")), ("e1234", ("page", "e1234")), ("S45\u2013S46", ("page", "S45\u2013S46"))],
)  # fmt: skip
def test_pages_or_article_number(text, expected):
    assert _pages(text) == expected


def test_an_unknown_fact_is_kept_and_reported():
    text = "2020 \u25fd\nPublisher: Elsevier \u25fd\nOpen Access \u25fd\nAuthor(s):\nAl Roe\n"
    recs = msccite.loads(text, "sciencegate", errors="collect")
    assert recs[0].extra == [Extra("sciencegate", "Publisher", "Elsevier"), Extra("sciencegate", "fact", "Open Access")]
    assert [p.line for p in real_problems(recs)] == [1, 3]  # no title; the fact it does not know


def test_a_year_without_its_mark_still_starts_a_result():
    recs = msccite.loads("A title\n\n2019\nAuthor(s):\nAl Roe\n\nThe abstract.\n", "sciencegate", errors="collect")
    assert len(recs) == 1 and real_problems(recs) == []
    assert (recs[0].title, recs[0].year, recs[0].authors, recs[0]["abstract"]) == (
        "A title",
        2019,
        [Name("Roe", "Al")],
        "The abstract.",
    )
