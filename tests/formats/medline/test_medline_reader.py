"""The MEDLINE reader: PubMed's own files and every quirk the format has."""

from __future__ import annotations

import re

import pytest

import msccite
from msccite import Date, Extra, Name, ParseError
from msccite.formats.medline.fields import format_dp, parse_dp, parse_short_name, short_name
from paths import CORPUS, ROOT

QUIRKS = ROOT / "tests" / "data" / "medline" / "quirks.nbib"
PUBMED = CORPUS / "_baseline_pubmed.ris"


@pytest.fixture(scope="module")
def quirks():
    return msccite.read(QUIRKS)


def test_pubmeds_ris_download_reads_as_medline_with_all_its_records():
    recs = msccite.read(PUBMED)
    assert recs.format == "medline" and recs.problems == []
    text = PUBMED.read_text(encoding="utf-8")
    assert len(recs) == text.count("\nPMID- ") + 1 == 50
    assert [r["PMID"] for r in recs] == re.findall(r"^PMID- (\d+)$", text, re.M)
    assert all(r.title and r.get("container-title") and r.get("issued") for r in recs)
    # every FAU line is an author
    assert sum(len(r.authors) for r in recs) == text.count("\nFAU - ")


def test_wrapped_lines_join_at_the_space_pubmed_keeps(quirks):
    rec = quirks[0]
    assert rec.title == ("Short and Long Term Clinical and Immunologic Follow up after Bone Marrow Mesenchymal "
                         "Stromal Cell Therapy in Progressive Multiple Sclerosis-A Phase I Study.")  # fmt: skip
    assert "\n" not in rec["abstract"] and rec["abstract"].endswith("Multiple Sclerosis (MS).")


def test_names_fau_preferred_cn_collective_ad_and_auid_per_person(quirks):
    rec = quirks[0]
    assert rec.authors == [Name("Iacobaeus", "Ellen"), Name("Le Blanc", "Katarina"),
                           Name(literal="MSC Consortium for Multiple Sclerosis")]  # fmt: skip
    people = [(e.key, e.value) for e in rec.extras("medline") if "@" in e.key]
    ki = "Karolinska Institutet"
    assert people == [
        ("AUID@1", "ORCID: 0000-0002-1125-7811"),
        ("AD@1", f"Department of Clinical Neuroscience, {ki}, 171 76 Stockholm, Sweden."),
        ("AD@1", "Department of Neurology, Karolinska University Hospital, 171 76 Stockholm, Sweden."),
        ("AD@2", f"Department of Laboratory Medicine, {ki}, 141 86 Stockholm, Sweden."),
    ]
    assert not any(e.key.startswith("AU") and not e.key.startswith("AUID") for e in rec.extra)  # AU derived


def test_identifiers_journal_and_dates(quirks):
    rec = quirks[0]
    assert (rec["PMID"], rec["PMCID"], rec["DOI"]) == ("31810187", "PMC6947442", "10.3390/jcm8122102")
    assert rec["ISSN"] == ["2077-0383 (Print)", "2077-0383 (Linking)"]
    assert (rec["container-title"], rec["container-title-short"]) == ("Journal of clinical medicine", "J Clin Med")
    assert rec["issued"] == Date.of(2019, 12, 2) and rec["available-date"] == Date.of(2019, 12, 2)
    assert (rec["volume"], rec["issue"], rec["language"], rec["publisher-place"]) == ("8", "12", "eng", "Switzerland")
    assert rec["keyword"] == ["EDSS", "mesenchymal stromal cells"]
    assert ("medline", "LID", "2102") in rec.extra and ("medline", "AID", "jcm8122102 [pii]") in rec.extra
    assert not any("[doi]" in str(e.value) for e in rec.extra)  # the DOI lines became the DOI


def test_publication_types_decide_the_type_and_are_kept(quirks):
    trial, old, chapter = quirks
    assert trial.type == "article-journal"
    assert [e.value for e in trial.extras("medline") if e.key == "PT"] == ["Journal Article", "Clinical Trial, Phase I"]
    assert old.type == "article-journal" and not [e for e in old.extra if e.key == "PT"]  # just the derived one
    assert chapter.type == "chapter"


def test_old_record_with_au_alone_season_and_page_as_read(quirks):
    rec = quirks[1]
    assert rec.authors == [Name("Prockop", "DJ"), Name("Smith", "J", suffix="Jr")]
    assert rec["issued"] == Date(parts=((1998,),), season="Spring")
    assert rec["page"] == "1579-86"
    assert rec["keyword"] == ["Animals", "*Bone Marrow Cells/cytology", "Stromal Cells/*physiology"]
    assert Extra("medline", "AD", "Department of Medicine, University of Pennsylvania, Philadelphia, PA 19104, USA.") \
        in rec.extra  # before any author: the record's own  # fmt: skip


def test_book_chapter(quirks):
    rec = quirks[2]
    assert (rec.title, rec["container-title"]) == ("Mesenchymal Stromal Cells", "StatPearls")
    assert rec["editor"] == [Name("Lopez", "Ana")] and rec.authors == [Name("Kim", "Jin-Woo")]
    assert (rec["publisher"], rec["ISBN"]) == ("StatPearls Publishing", ["978-0-12-345678-9"])
    assert rec["issued"] == Date(parts=((2019, 12), (2020, 1)))


@pytest.mark.parametrize(
    ("text", "parts", "season"),
    [
        ("2019", ((2019,),), None),
        ("2019 Dec", ((2019, 12),), None),
        ("2019 Dec 2", ((2019, 12, 2),), None),
        ("2019 Dec-2020 Jan", ((2019, 12), (2020, 1)), None),
        ("2019 Jan-Feb", ((2019, 1), (2019, 2)), None),
        ("2019 Dec 2-15", ((2019, 12, 2), (2019, 12, 15)), None),
        ("2019 Dec 30-2020 Jan 5", ((2019, 12, 30), (2020, 1, 5)), None),
        ("2019 Spring", ((2019,),), "Spring"),
        ("1998 Fall", ((1998,),), "Fall"),
    ],
)
def test_dp_dates(text, parts, season):
    d = parse_dp(text)
    assert d == Date(parts=parts, season=season)
    assert format_dp(d) == text


@pytest.mark.parametrize("text", ["in press", "2019 Dec 45", "Dec 2019", "2019 Foo", "2019 Spring-Summer"])
def test_dp_that_cannot_be_decoded_stays_raw(text):
    assert parse_dp(text) is None
    rec = msccite.loads(f"PMID- 1\nDP  - {text}\nTI  - x\n", "medline")[0]
    assert rec["issued"] == Date(raw=text)


def test_short_names():
    assert short_name(Name("Griffin", "Darren K")) == "Griffin DK"
    assert short_name(Name("Álvarez-Parra", "Jean-Paul", suffix="Jr")) == "Álvarez-Parra JP Jr"
    assert parse_short_name("O'Connor RE") == Name("O'Connor", "RE")
    assert parse_short_name("Smith J Jr") == Name("Smith", "J", suffix="Jr")
    assert parse_short_name("Cher") == Name("Cher")


def test_an_au_that_is_not_the_derived_one_is_kept():
    rec = msccite.loads("PMID- 1\nFAU - van der Berg, Anna\nAU  - Berg AV\n", "medline")[0]
    assert rec.authors == [Name("van der Berg", "Anna")]
    assert rec.extra == [Extra("medline", "AU@1", "Berg AV")]


def test_a_stray_line_is_an_error_with_its_line_and_the_rest_is_read():
    text = "PMID- 1\nTI  - One\nthis line has no tag\n\nPMID- 2\nTI  - Two\n"
    with pytest.raises(ParseError, match=r"x.nbib:3: expected a 'TAG - value' line"):
        msccite.loads(text, "medline", source="x.nbib")
    recs = msccite.loads(text, "medline", errors="collect")
    assert [r.title for r in recs] == ["One", "Two"] and recs.problems[0].line == 3


def test_records_without_a_blank_line_between_them_are_split_with_a_warning():
    recs = msccite.loads("PMID- 1\nTI  - One\nPMID- 2\nTI  - Two\n", "medline", errors="collect")
    assert [r["PMID"] for r in recs] == ["1", "2"]
    assert "without the blank line" in recs.problems[0].message and recs.problems[0].severity == "warning"


def test_crlf_and_bom():
    text = "\ufeffPMID- 7\r\nTI  - A long title that \r\n      goes on\r\n\r\n"
    recs = msccite.loads(text)
    assert recs.format == "medline" and recs[0].title == "A long title that goes on"
