"""The EndNote tagged / Refer reader on what EndNote, Google Scholar and publishers export, one quirk per test."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import msccite
from msccite import Date, Extra, Name, Source
from msccite.context import ReadContext
from msccite.formats import endnote, ris, wos
from msccite.textio import iter_lines
from paths import CORPUS, ROOT

DATA = ROOT / "tests" / "data" / "endnote"
EXPORT = DATA / "export.enw"
SCHOLAR = DATA / "scholar.enw"


def read(text: str, name: str = "<string>") -> tuple[list, list]:
    ctx = ReadContext("endnote", name, errors="collect")
    records = list(endnote.read(iter_lines(text), ctx))
    return records, ctx.problems


def one(text: str):
    records, problems = read(text)
    assert len(records) == 1, (records, problems)
    return records[0]


def export() -> list:
    records, problems = read(EXPORT.read_text(encoding="utf-8"), str(EXPORT))
    assert problems == []
    return records


# -- the EndNote export fixture ---------------------------------------------------------------------
def test_export_reads_three_records_with_their_types_and_sources():
    records = export()
    assert [r.type for r in records] == ["article-journal", "chapter", "report"]
    assert [r.source.line for r in records] == [1, 32, 51]
    assert records[0].source == Source("endnote", str(EXPORT), 1)


def test_journal_article():
    rec = export()[0]
    assert rec.title.startswith("Short and Long Term Clinical") and rec.title.endswith("A Phase I Study")
    assert rec.authors[0] == Name("Iacobaeus", "Ellen") and rec.authors[4] == Name("Le Blanc", "Katarina")
    assert len(rec.authors) == 5
    assert rec["container-title"] == "Journal of Clinical Medicine"
    assert rec["container-title-short"] == "J Clin Med"
    assert rec["title-short"] == "Follow up after BM-MSC therapy in MS"
    assert (rec["volume"], rec["issue"], rec["page"]) == ("8", "12", "2102")
    assert rec["ISSN"] == ["2077-0383"] and "ISBN" not in rec
    assert rec["issued"] == Date.of(2019, 12, 2)
    assert rec["DOI"] == "10.3390/jcm8122102"
    assert rec["URL"] == ["https://www.mdpi.com/2077-0383/8/12/2102"]
    assert rec["keyword"] == ["mesenchymal stromal cells", "multiple sclerosis", "cell therapy"]
    assert rec["abstract"].endswith("inconclusive.\nWe conducted a phase I clinical study assessing safety and "
                                    "clinical and peripheral immunologic responses following autologous BM-MSC "
                                    "therapy in progressive MS.")  # fmt: skip
    assert (rec["publisher"], rec["publisher-place"], rec["language"]) == ("MDPI", "Basel", "eng")
    assert rec["note"] == ["a note"] and rec["genre"] == "Journal Article"
    assert rec["PMID"] == "31810187"  # %M, the Accession Number, where EndNote's PubMed import puts it
    assert rec.extra == [
        Extra("endnote", "%+", "Department of Clinical Neuroscience, Karolinska Institutet, 17176 Stockholm, Sweden."),
    ]


def test_book_section_with_editors_series_edition_and_isbn():
    rec = export()[1]
    assert rec.authors == [Name("Galipeau", "Jacques")]
    assert rec["editor"] == [Name("Viswanathan", "Sowmya"), Name("Hematti", "Peiman")]
    assert rec["container-title"] == "Mesenchymal Stromal Cells: Translational Pathways to Clinical Adoption"
    assert rec["collection-title"] == "Translational Medicine Series"
    assert rec["edition"] == "1st" and rec["page"] == "133-150"
    assert rec["ISBN"] == ["978-0-12-802826-1"] and "ISSN" not in rec
    assert rec["source"] == "ScienceDirect"
    assert rec.extra == [Extra("endnote", "%>", "internal-pdf://0123456789/Galipeau-2017.pdf"),
                         Extra("endnote", "%W", "Elsevier")]  # fmt: skip
    assert rec.keys == {}  # %B is the canonical container tag of a book section


def test_report_with_corporate_authors_and_values_on_continuation_lines():
    rec = export()[2]
    assert rec.authors == [Name(literal="World Health Organization"),
                           Name(literal="Department of Health, Education and Welfare")]  # fmt: skip
    assert rec["number"] == "WHO/HIS/2021.3" and "issue" not in rec  # %N of a report is its number
    assert rec["issued"] == Date.of(2021, 3, 15)
    assert rec["URL"] == ["https://www.who.int/publications/i/item/msc-2021",
                          "https://apps.who.int/iris/handle/10665/340000"]  # fmt: skip
    assert rec["keyword"] == ["cell therapy", "regulation", "advanced therapy medicinal products"]
    assert rec["note"] == ["Retrieved from the WHO IRIS repository.\nSecond line of the note."]
    assert rec["call-number"] == "WHO-2021-MSC"
    assert rec.extra == [Extra("endnote", "%F", "WHO2021"), Extra("endnote", "%1", "reviewed")]


def test_google_scholar_enw():
    records, problems = read(SCHOLAR.read_text(encoding="utf-8"))
    assert problems == [] and len(records) == 1
    rec = records[0]
    assert rec.type == "article-journal" and len(rec.authors) == 6
    assert rec["container-title"] == "Journal of clinical medicine" and rec["issued"] == Date.of(2019)


# -- file shapes -------------------------------------------------------------------------------------
def test_crlf_and_bom_read_the_same():
    text = EXPORT.read_text(encoding="utf-8")
    assert read("\ufeff" + text.replace("\n", "\r\n"))[0] == read(text)[0]
    lines = text.split("\n")
    ctx = ReadContext("endnote", errors="collect")
    assert list(endnote.read(iter(["\ufeff" + lines[0]] + lines[1:]), ctx)) == export()
    assert ctx.problems == []


def test_records_are_separated_by_blank_lines_or_by_a_new_percent_zero():
    records, problems = read("%0 Book\n%T A\n%0 Book\n%T B\n\n\n\n%0 Book\n%T C")
    assert [r.title for r in records] == ["A", "B", "C"] and problems == []


def test_blank_line_inside_a_value_is_kept_when_text_follows():
    rec = one("%0 Journal Article\n%X First paragraph.\n\nSecond paragraph.\n%G eng\n")
    assert rec["abstract"] == "First paragraph.\n\nSecond paragraph." and rec["language"] == "eng"


def test_refer_records_without_percent_zero_are_read_with_a_guessed_type():
    records, problems = read("%A Lesk, M. E.\n%T Lex\n%J Comp. Sci. Tech. Rep.\n%D 1975\n\n%A Kernighan, B.\n%T Eqn\n"
                             "%I Bell Labs\n")  # fmt: skip
    assert [r.type for r in records] == ["article-journal", "book"]
    assert records[0].authors == [Name("Lesk", "M. E.")]
    assert [(p.line, p.severity) for p in problems] == [(1, "warning"), (6, "warning")]


def test_text_outside_a_record_is_reported():
    records, problems = read("Exported from EndNote\n\n%0 Book\n%T A\n")
    assert records[0].title == "A"
    assert problems[0].line == 1 and "Exported from EndNote" in problems[0].message


def test_names():
    assert endnote.parse_name("Smith, John, Jr.") == Name("Smith", "John", suffix="Jr.")
    assert endnote.parse_name("World Health Organization,") == Name(literal="World Health Organization")
    assert endnote.parse_name("Apple Computer,, Inc.,") == Name(literal="Apple Computer, Inc.")
    assert endnote.parse_name("Apple Computer,, Inc.") == Name(literal="Apple Computer, Inc.")
    assert endnote.parse_name("John Smith") == Name(literal="John Smith")
    rec = one("%0 Book\n%A Doe, Jane\nRoe, Rita\n%Y Series, Ed\n%? Trans, Lator\n")
    assert rec.authors == [Name("Doe", "Jane"), Name("Roe", "Rita")]
    assert rec["collection-editor"] == [Name("Series", "Ed")] and rec["translator"] == [Name("Trans", "Lator")]


@pytest.mark.parametrize(
    ("d", "e", "expected"),
    [
        ("2019", None, Date.of(2019)),
        ("2019", "Dec 2", Date.of(2019, 12, 2)),
        ("2019", "December 2, 2019", Date.of(2019, 12, 2)),
        ("2019", "2 Dec 2019", Date.of(2019, 12, 2)),
        ("2019", "2019 Dec 2", Date.of(2019, 12, 2)),
        ("2019", "2019-12-02", Date.of(2019, 12, 2)),
        ("2019", "Dec.", Date.of(2019, 12)),
        ("2019", "Spring", Date(parts=((2019,),), raw="Spring")),
        ("2019", "Dec 2, 2018", Date(parts=((2019,),), raw="Dec 2, 2018")),
        (None, "2020/03/04", Date.of(2020, 3, 4)),
        ("2021-05-06", None, Date.of(2021, 5, 6)),
        ("in press", None, Date(raw="in press")),
    ],
)
def test_dates(d, e, expected):
    text = "%0 Journal Article\n" + (f"%D {d}\n" if d else "") + (f"%8 {e}\n" if e else "")
    assert one(text)["issued"] == expected


def test_a_date_beside_an_undecodable_year_is_kept_as_extra():
    rec = one("%0 Journal Article\n%D in press\n%8 Dec 2\n")
    assert rec["issued"] == Date(raw="in press") and rec.extra == [Extra("endnote", "%8", "Dec 2")]


def test_issn_and_isbn_by_shape_and_pubmed_style_suffixes():
    rec = one("%0 Journal Article\n%@ 1932-6203 (Electronic)\n1932-6203 (Linking)\n%@ 0-19-852663-6\n")
    assert rec["ISSN"] == ["1932-6203 (Electronic)", "1932-6203 (Linking)"] and rec["ISBN"] == ["0-19-852663-6"]


def test_repeated_single_tags_and_empty_tags_are_extras_in_order():
    rec = one("%0 Journal Article\n%T First\n%J Journal\n%B Book title\n%T Second\n%V\n")
    assert rec.title == "First" and rec["container-title"] == "Journal"
    assert rec.extra == [Extra("endnote", "%B", "Book title"), Extra("endnote", "%T", "Second"),
                         Extra("endnote", "%V", "")]  # fmt: skip


def test_the_container_tag_of_the_file_is_kept_as_a_hint():
    rec = one("%0 Journal Article\n%B Journal in B\n")
    assert rec["container-title"] == "Journal in B" and rec.keys == {"container-title": "endnote:%B"}


def test_unknown_reference_types_are_documents_with_the_name_kept():
    rec = one("%0 Preprint\n%T x\n")
    assert rec.type == "document" and rec.keys == {"type": "endnote:Preprint"}
    assert one("%0 Edited Book\n").keys == {"type": "endnote:Edited Book"}


def test_carrier_notes_become_data_again():
    rec = one("%0 Journal Article\n%Z [csl:PMCID] PMC7805402\n%Z [csl:type] review\n%Z [csl:id] doe2020\n"
              '%Z [csl:custom] {"trial": "NCT01"}\n%Z [bibtex:owner] jdoe\n%Z [csl:accessed] 2024-01-02\n'
              '%Z [csl:volume=json] 8\n%Z [csl:composer] Bach, Johann Sebastian\n')  # fmt: skip
    assert rec.type == "review" and rec.id == "doe2020"
    assert rec["PMCID"] == "PMC7805402" and rec["accessed"] == Date.of(2024, 1, 2) and rec["volume"] == 8
    assert rec["composer"] == [Name("Bach", "Johann Sebastian")]
    assert rec.custom == {"trial": "NCT01"} and rec.extra == [Extra("bibtex", "owner", "jdoe")]
    assert "note" not in rec


def test_a_broken_json_carrier_is_kept_as_a_note_with_a_warning():
    records, problems = read("%0 Journal Article\n%Z [csl:author=json] [{broken\n")
    assert records[0]["note"] == ["[csl:author=json] [{broken"]
    assert problems[0].severity == "warning" and problems[0].line == 2


# -- detection -------------------------------------------------------------------------------------
def test_detection():
    assert endnote.detect(EXPORT.read_text(encoding="utf-8")) == 0.95
    assert endnote.detect("\ufeff\r\n%0 Journal Article\r\n%A Doe, J\r\n") == 0.95
    assert endnote.detect("%A Lesk, M. E.\n%T Lex\n%D 1975\n") == 0.6


@pytest.mark.parametrize(
    "text",
    [
        "TY  - JOUR\nAU  - Doe, J\nER  - \n",
        "PMID- 31810187\nTI  - T\n",
        "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\n",
        "% Encoding: UTF-8\n\n@article{x, title={T}}\n",
        "%% a LaTeX comment\n%% another\n%% and more\n",
        "",
    ],
)
def test_detection_does_not_fire_on_other_formats(text):
    assert endnote.detect(text) == 0.0


def test_ris_and_wos_do_not_claim_the_fixture():
    text = EXPORT.read_text(encoding="utf-8")
    assert ris.detect(text) == 0.0 and wos.detect(text) == 0.0


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.ris")), ids=lambda p: p.name)
def test_detection_does_not_fire_on_the_ris_corpus(path):
    assert endnote.detect(path.read_text(encoding="utf-8-sig")) == 0.0


_PIECES = ["%0 Journal Article", "%A Doe, J", "%A X,", "%D 2019", "%8 Dec 2", "%Z [csl:author=json] [1]",
           "%Z [csl:issued=json] 5", "%Z [csl:custom] []", "%Z [csl:extra=json] 3", "%K a", "cont", "", "%",
           "%X"]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=12), max_size=25))
def test_property_reader_never_raises_and_reports_with_lines(lines):
    ctx = ReadContext("endnote", errors="collect")
    records = list(endnote.read(iter(lines), ctx))
    assert all(r.source.line for r in records)
    assert all(p.line for p in ctx.problems)


@pytest.mark.parametrize(("lines", "want"), [
    ("%M 31810187\n%2 PMC6947442", {"PMID": "31810187", "PMCID": "PMC6947442"}),
    ("%M WOS:000123456700001", {"archive_location": "WOS:000123456700001"}),
    ("%2 12 copies", {}),  # Custom 2 that is no PMCID stays an extra
])  # fmt: skip
def test_accession_number_and_custom_2_by_their_value(lines, want):
    (rec,), problems = read("%0 Journal Article\n%T T\n" + lines + "\n")
    assert problems == []
    assert {k: rec.get(k) for k in ("PMID", "PMCID", "archive_location") if rec.get(k)} == want
    back = msccite.loads(msccite.dumps([rec], "endnote"), "endnote")[0]
    assert back == rec
