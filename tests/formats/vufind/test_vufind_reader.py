"""VuFind record pages: the Spanish seed, English, Catalan and French pages, several pages in one file, CRLF."""

from __future__ import annotations

import pytest

import msccite
from msccite import Date, Extra, Name
from pages import assert_no_chrome, furniture_lines, real_problems, record_texts
from paths import ROOT, SEEDS

SEED = SEEDS / "000_93d63967208e8cbe.txt"
DATA = ROOT / "tests" / "data" / "vufind"
CHROME = ("Cargando", "Loading", "Descripción completa", "Full description", "Detalles Bibliográficos",
          "Bibliographic Details", "Similar Items", "No Tags", "Add Tag", "Carregant", "Dades bibliogràfiques",
          "Chargement", "Affichage Marc")  # fmt: skip


def _no_chrome(rec: msccite.Record) -> None:
    assert_no_chrome(rec, CHROME)


@pytest.fixture(scope="module")
def seed():
    return msccite.read(SEED, errors="collect")


def test_the_seed_is_detected_with_no_hint_and_gives_one_record(seed):
    assert msccite.detect(SEED.read_text(encoding="utf-8")) == "vufind"
    assert seed.format == "vufind" and len(seed) == 1
    assert real_problems(seed) == []
    assert furniture_lines(seed) == "lines 1, 7, 9, 18"  # Cargando…, Descripción completa, Detalles ..., Descripción
    assert seed[0].source.line == 1


def test_the_seed_title_type_year_publisher_language(seed):
    rec = seed[0]
    assert rec.title == ("Reiterative infusions of MSCs improve pediatric osteogenesis imperfecta eliciting a "
                         "pro\u2010osteogenic paracrine response: TERCELOI clinical trial")  # fmt: skip
    assert rec.type == "article-journal"  # Formato: Online Artículo Texto
    assert rec["issued"] == Date.of(2021)
    assert rec["publisher"] == "John Wiley and Sons Inc."
    assert rec["language"] == "English"  # as the page says; normalization makes it "en"
    assert rec.extras("vufind") == [Extra("vufind", "Format", "Online Artículo Texto")]


def test_the_seed_has_its_fourteen_authors_as_family_given_pairs(seed):
    authors = seed[0].authors
    assert len(authors) == 14
    assert authors[0] == Name("Infante", "Arantza") and authors[-1] == Name("Rodríguez", "Clara I.")
    assert Name("Bueno", "Ana Maria") in authors and Name("Araúzo\u2010Bravo", "Marcos J") in authors
    assert [a.family for a in authors[1:4]] == ["Gener", "Vázquez", "Olivares"]


def test_the_seed_identifiers_come_from_the_urls(seed):
    rec = seed[0]
    assert (rec["DOI"], rec["PMID"], rec["PMCID"]) == ("10.1002/ctm2.265", "33463067", "PMC7805402")
    assert rec["URL"] == [
        "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7805402/",
        "https://www.ncbi.nlm.nih.gov/pubmed/33463067",
        "http://dx.doi.org/10.1002/ctm2.265",
    ]


def test_the_seed_abstract_is_the_full_summary_not_the_teaser(seed):
    text = SEED.read_text(encoding="utf-8")
    summary = next(ln for ln in text.splitlines() if ln.startswith("Sumario:"))[len("Sumario:") :]
    abstract = seed[0]["abstract"]
    assert abstract == summary
    assert not abstract.endswith("...") and abstract.endswith("consequence of MSCs treatment.")
    assert "teaser" not in [e.key for e in seed[0].extra]  # the teaser is the summary's start: dropped
    _no_chrome(seed[0])


def test_the_seed_converted_has_language_en():
    rec = msccite.read(SEED, normalize=True)[0]
    assert rec["language"] == "en"
    assert len(rec.authors) == 14


@pytest.fixture(scope="module")
def english():
    return msccite.read(DATA / "english.txt", errors="collect")


def test_an_english_page(english):
    assert english.format == "vufind" and len(english) == 1
    rec = english[0]
    assert rec.title == (
        "Umbilical cord mesenchymal stromal cells for knee osteoarthritis: a randomized controlled trial"
    )
    assert rec.authors == [Name("Matas", "Jose"), Name("Orrego", "Mario"), Name("Amenabar", "Diego"),
                           Name(literal="MSC Knee Trial Group")]  # fmt: skip
    assert rec["editor"] == [Name("van der Berg", "Anna")]  # "(Editor)" decides the variable
    assert (rec["publisher"], rec["publisher-place"], rec["issued"]) == ("Wiley", "Hoboken, NJ", Date.of(2019))
    assert rec["container-title"] == "Stem Cells Translational Medicine"
    assert rec["keyword"] == ["Mesenchymal Stem Cells", "Osteoarthritis, Knee", "Randomized Controlled Trials as Topic"]
    assert (rec["DOI"], rec["PMID"], rec["PMCID"]) == ("10.1002/sctm.18-0053", "30592390", "PMC6392367")
    assert rec["ISSN"] == ["2157-6564", "2157-6580"]
    assert rec["abstract"].startswith("Background: Knee osteoarthritis") and rec["abstract"].count("\n") == 1
    assert rec.extras("vufind") == [Extra("vufind", "Format", "Online Article Text"),
                                    Extra("vufind", "Physical Description", "1 online resource (9 p.)")]  # fmt: skip
    _no_chrome(rec)


def test_the_similar_items_list_is_reported_not_read(english):
    assert [(p.line, p.severity) for p in real_problems(english)] == [(34, "warning")]
    assert "similar items" in real_problems(english)[0].message
    assert "Doe" not in " ".join(record_texts(english[0]))


def test_crlf_gives_the_same_records(tmp_path, english):
    for name in ("english.txt", "catalan.txt"):
        text = (DATA / name).read_text(encoding="utf-8")
        path = tmp_path / name
        path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
        crlf = msccite.read(path, errors="collect")
        assert crlf.format == "vufind"
        assert list(crlf) == list(msccite.read(DATA / name, errors="collect"))


def test_a_catalan_page():
    recs = msccite.read(DATA / "catalan.txt", errors="collect")
    assert recs.format == "vufind" and real_problems(recs) == []
    rec = recs[0]
    assert rec.type == "book"  # Format: Llibre
    assert rec.title == "Teràpia cel·lular amb cèl·lules mare mesenquimals : manual per a clínics"
    assert rec.authors == [Name("Puig i Ferrer", "Marta")]
    assert rec["editor"] == [Name("Soler", "Joan")]  # "Soler, Joan, editor."
    assert (rec["publisher-place"], rec["publisher"]) == ("Barcelona", "Edicions de la Universitat de Barcelona")
    assert (rec["issued"], rec["edition"], rec["collection-title"]) == (Date.of(2018), "2a ed.",
                                                                        "Col·lecció Manuals ; 12")  # fmt: skip
    assert rec["keyword"] == ["Cèl·lules mare", "Medicina regenerativa"]
    assert rec["ISBN"] == ["9788491681234"] and rec["language"] == "Català"
    assert rec["abstract"].startswith("Manual sobre l’ús clínic")
    assert Extra("vufind", "Physical Description", "250 p. : il. ; 24 cm") in rec.extra
    _no_chrome(rec)


def test_a_french_thesis_page():
    rec = msccite.read(DATA / "french.txt")[0]
    assert rec.type == "thesis"
    assert rec.authors == [Name("Dupont", "Marie"), Name("Le Goff", "Yann")]
    assert (rec["publisher"], rec["issued"], rec["language"]) == ("Université de Nantes", Date.of(2017), "Français")
    assert rec["note"] == ["Thèse de doctorat : Médecine : Nantes : 2017"]
    assert rec["URL"] == ["https://theses.example.fr/2017NANT1234"]
    _no_chrome(rec)


def test_several_pages_and_one_without_a_title():
    recs = msccite.read(DATA / "two_pages.txt", errors="collect")
    assert len(recs) == 2
    first, second = recs
    assert first.title == "A first record" and first.authors == [Name("Roe", "Jane", suffix="Jr.")]
    assert (first.type, first["issued"]) == ("book", Date.of(2001))
    assert second.title is None and second.source.line == 10  # partial record, nothing invented
    assert (second.authors, second["publisher"]) == ([Name("Doe", "John")], "Springer")
    assert second["abstract"] == "A book with a short summary."
    problems = real_problems(recs)
    assert [(p.line, p.severity) for p in problems] == [(9, "warning"), (10, "warning")]
    assert "neither a field" in problems[0].message and "no title in record 2" in problems[1].message


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("MDPI 2019", {"publisher": "MDPI", "issued": Date.of(2019)}),
        (
            "New York : Springer, c2019.",
            {"publisher-place": "New York", "publisher": "Springer", "issued": Date.of(2019)},
        ),
        ("Publisher Inc, 2020", {"publisher": "Publisher Inc", "issued": Date.of(2020)}),
        ("[2015]", {"issued": Date.of(2015)}),
        ("Oxford University Press", {"publisher": "Oxford University Press"}),
    ],
)
def test_published_gives_place_publisher_year(published, expected):
    rec = msccite.loads(f"Title\nBibliographic Details\nMain Author: Doe, J.\nPublished: {published}\n", "vufind")[0]
    got = {k: rec.get(k) for k in ("publisher", "publisher-place", "issued") if k in rec}
    assert got == expected


def test_a_truncated_teaser_without_summary_is_an_extra_not_the_abstract():
    page = "A title\n\nThe start of a summary...\n\nBibliographic Details\nMain Author: Doe, Jane\nFormat: Book\n"
    recs = msccite.loads(page, "vufind", errors="collect")
    rec = recs[0]
    assert "abstract" not in rec
    assert Extra("vufind", "teaser", "The start of a summary...") in rec.extra
    assert real_problems(recs)[0].line == 3 and "only the start of the summary" in real_problems(recs)[0].message
    whole = msccite.loads(page.replace("summary...", "summary."), "vufind")[0]
    assert whole["abstract"] == "The start of a summary."


def test_a_name_list_with_an_odd_part_is_reported():
    recs = msccite.loads("T\nBibliographic Details\nMain Authors: Doe, Jane, Roe\n", "vufind", errors="collect")
    assert recs[0].authors == [Name("Doe", "Jane"), Name(literal="Roe")]
    assert "no given name" in real_problems(recs)[0].message


def test_junk_gives_no_crash_and_no_record():
    assert list(msccite.loads("\n\n  \n", "vufind", errors="collect")) == []
