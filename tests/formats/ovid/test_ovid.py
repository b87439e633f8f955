"""Ovid's text export (``msccite.formats.ovid``): Zotero's import cases, real labelled exports (JabRef's test files),
detection against RIS and MEDLINE, names, sources and dates."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import pytest

import msccite
from msccite import Date, Name, registry
from msccite.formats.ovid.read import clean_name, parse_date
from paths import CORPUS, ROOT

ZOTERO = ROOT / "tests" / "data" / "zotero" / "ovid"
REAL = ROOT / "tests" / "data" / "ovid"
ovid = importlib.import_module("msccite.formats.ovid")

sys.path.insert(0, str(ROOT / "benchmarks"))
import zotero_agreement  # noqa: E402

MEDLINE_LABELLED = """Database: Ovid MEDLINE(R) ALL <1946 to May 24, 2023>
Search Strategy:
--------------------------------------------------------------------------------
1     exp Mesenchymal Stem Cells/ (45678)
2     graft vs host disease.mp. (12345)
3     1 and 2 (321)

***************************

<1>
Unique Identifier
  18468541
Status
  MEDLINE
Authors
  Le Blanc K
  Frassoni F
Authors Full Name
  Le Blanc, Katarina
  Frassoni, Francesco
Title
  Mesenchymal stem cells for treatment of steroid-resistant, severe, acute graft-versus-host disease: a phase II study.
Source
  Lancet. 371(9624):1579-86, 2008 May 10.
Abbreviated Source
  Lancet. 371(9624):1579-86, 2008 May 10.
MeSH Subject Headings
  Adolescent
  *Graft vs Host Disease/th [Therapy]
ISSN Print
  0140-6736
Digital Object Identifier
  https://dx.doi.org/10.1016/S0140-6736(08)60690-X
Publication Type
  Clinical Trial, Phase II
  Journal Article
Year of Publication
  2008
Link to the Ovid Full Text or citation:
  https://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D=medl&AN=18468541

<2>
Unique Identifier
  29617908
Authors Full Name
  Smith, John
Title
  Travel and stem cells.
Source
  Journal of Travel Medicine. 25(1), 2018 01 01.
Year of Publication
  2018
"""

EMBASE_TAGGED = """<1>
VN  - Ovid Technologies
DB  - Embase
AN  - 621234567
TI  - Travel-related illness in returning travellers.
AU  - Smith J.A.
AU  - O'Brien C.
SO  - Journal of Travel Medicine. 25 (1) (no pagination), 2018. Article Number: tay018. Date of Publication: 2018.
PT  - Journal: Article
PM  - 29617908
DO  - http://dx.doi.org/10.1093/jtm/tay018
YR  - 2018
XL  - http://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D=emexb&AN=621234567

<2>
VN  - Ovid Technologies
DB  - Embase
AN  - 621234568
TI  - Mesenchymal stromal cells in GvHD.
AU  - Rossi M.
SO  - Bone Marrow Transplantation. 54 (Supplement 1) (pp 12-13), 2019. Date of Publication: July 2019.
PT  - Journal: Conference Abstract
YR  - 2019
"""

# MEDLINE on Ovid, tagged, without the <n> record numbers: MEDLINE's own reader would take it (DP, MH) and misread it
MEDLINE_TAGGED = """VN  - Ovid Technologies
DB  - Ovid MEDLINE(R) ALL
UI  - 18468541
TI  - Mesenchymal stem cells for treatment of steroid-resistant, severe, acute graft-versus-host disease.
FA  - Le Blanc, Katarina
AU  - Le Blanc K
FA  - Frassoni, Francesco
AU  - Frassoni F
SO  - Lancet. 371(9624):1579-86, 2008 May 10.
MH  - Adolescent
MH  - *Graft vs Host Disease/th [Therapy]
DP  - 2008 May 10
LG  - English
YR  - 2008

VN  - Ovid Technologies
DB  - Ovid MEDLINE(R) ALL
UI  - 29617908
TI  - Travel and stem cells.
FA  - Smith, John
SO  - Journal of Travel Medicine. 25(1), 2018 01 01.
DP  - 2018 01 01
YR  - 2018
"""


def read(text: str, **kw: object) -> msccite.Records:
    return msccite.loads(text, "ovid", errors="collect", **kw)


# -- Zotero's import cases ------------------------------------------------------------------------
@pytest.mark.parametrize("path", sorted(ZOTERO.glob("*.txt")), ids=lambda p: p.name)
def test_zotero_cases_are_detected_and_give_zoteros_items(path: Path):
    text = path.read_text(encoding="utf-8")
    items = json.loads(path.with_suffix("").with_suffix(".expected.json").read_text(encoding="utf-8"))
    records = msccite.loads(text, errors="collect")
    assert records.format == "ovid"
    assert len(records) == len(items)
    assert not [p for p in records.problems if p.severity == "error"]
    for rec, item in zip(records, items, strict=True):
        assert rec.title.rstrip(".").casefold() == item["title"].rstrip(".").casefold()


def test_agreement_with_zotero_and_where_zotero_is_wrong(tmp_path):
    """97.3% of the compared fields agree; the three that do not are Zotero's mistakes (docs/formats/ovid.md)."""
    (tmp_path / "ovid").symlink_to(ZOTERO)
    result = zotero_agreement.agreement(tmp_path)["raw"]
    assert result["problems"] == []
    assert result["total"]["compared"] == 111 and result["total"]["equal"] == 108
    wrong = {(d["file"], d["item"], d["field"], str(d["zotero"]), str(d["msccite"])) for d in result["disagreements"]}
    assert wrong == {
        # "Journal of Political Studies 12, Winter 2007: 7-14.": 12 is the volume (Zotero's OpenURL link says so too)
        ("ovid/02.txt", 1, "journal", "Journal of Political Studies 12", "['Journal of Political Studies']"),
        # "... 2002: 1-234. Chapter pagination: 214-218.": 1-234 are the book's pages, the chapter's are 214-218
        ("ovid/05.txt", 1, "pages", "1-234", "214-218"),
        # "Shedko, MB": MB are the initials, which Zotero takes for a degree (Bachelor of Medicine) and drops
        (
            "ovid/05.txt",
            1,
            "authors",
            "['Shedko', 'Vinogradov S', 'Shedko S']",
            "['Shedko M', 'Vinogradov S', 'Shedko S']",
        ),
    }


def test_a_biosis_record_in_detail():
    (patent, article, chapter, _) = msccite.loads((ZOTERO / "01.txt").read_text(encoding="utf-8"), errors="collect")
    assert patent.type == "patent" and patent["number"] == "US 6818228"
    assert patent.authors == [Name("Walsdorf", "Neill B."), Name("Wabner", "Cindy L."), Name("Alexandrides", "George")]
    assert patent.extras("ovid")[2:4] == [
        msccite.Extra("ovid", "AN", "PREV200400474164"),
        msccite.Extra("ovid", "RO", "Copyright Thomson 2004."),
    ]
    assert ("AU@1", "Walsdorf, Neill B. [Inventor, Reprint Author]") in [(e.key, e.value) for e in patent.extra]
    assert article["container-title"] == "Forest Ecology & Management"
    assert (article["volume"], article["issue"], article["page"]) == ("201", "2-3", "327-334")
    assert article["issued"] == Date.of(2004, 11, 15)
    assert article["ISSN"] == ["0378-1127 (ISSN print)"] and article["source"] == "BIOSIS Previews"
    assert chapter.type == "chapter" and chapter["container-title"] == "Methods in proteome and protein analysis"
    assert chapter["editor"][2] == Name("Choli-Papadopoulou", "Theodora")
    assert chapter["collection-title"] == "Principles and Practice" and chapter["page"] == "371-397"


def test_psycinfo_records_indented_by_a_space():
    first, second = msccite.loads((ZOTERO / "06.txt").read_text(encoding="utf-8"), errors="collect")
    assert first["DOI"] == "10.1017/S1352465814000277" and first["PMID"] == "24892981"
    assert first["issued"] == Date.of(2015, 9) and (first["volume"], first["issue"]) == ("43", "5")
    assert first["publisher"] == "Cambridge University Press" and first["publisher-place"] == "United Kingdom"
    assert first["ISSN"] == ["1352-4658", "1469-1833"]
    assert "Help Seeking Behavior" in first["keyword"] and "cognitive model" in first["keyword"]
    institution = next(e.value for e in first.extra if e.key == "IN")  # paragraphs of a value kept apart
    assert institution.split("\n")[0] == "Kobori, Osamu: Chiba University, Chiba, Japan" and "\n\n" in institution
    assert second.authors[3] == Name("Cartwright-Hatton", "Sam")


def test_a_thesis_and_a_psycinfo_chapter():
    thesis, chapter = msccite.loads((ZOTERO / "07.txt").read_text(encoding="utf-8"), errors="collect")
    assert thesis.type == "thesis" and thesis["publisher"] == "St. John's U. (New York), US"
    assert "page" not in thesis  # "No Pagination Specified"
    assert chapter.type == "chapter" and chapter["editor"] == [Name("Neenan", "Michael"), Name("Palmer", "Stephen")]
    assert chapter["container-title"] == "Cognitive behavioural coaching in practice: An evidence based approach"
    assert chapter["ISBN"] == ["978-0-415-47263-0 (Paperback)", "978-0-415-47262-3 (Hardcover)",
                               "978-0-203-14440-4 (PDF)"]  # fmt: skip


def test_journals_at_ovid_titles_names_and_sources():
    recs = msccite.loads((ZOTERO / "03.txt").read_text(encoding="utf-8"), errors="collect")
    assert recs[0].title == "Take Ten: Need-to-Know Facts About Breast Cancer."  # "[Miscellaneous]" taken off
    assert recs[0]["issued"] == Date(parts=((2010, 1), (2010, 2)))  # January/February 2010
    assert recs[0].authors == [Name("Peterson", "James A.")]  # "Ph.D., FACSM" taken off
    assert [a.family for a in recs[1].authors][:2] == ["Zhang", "Ding"]  # "1,2,+" taken off
    assert recs[3].authors == [Name("Gazic", "Barbara"), Name("Pizem", "Joze")]
    assert recs[1]["keyword"] == ["BCRP", "PI3K/AKT/NF-[kappa]B", "chemoresistance"]
    (quoted,) = msccite.loads((ZOTERO / "08.txt").read_text(encoding="utf-8"), errors="collect")
    assert quoted.title == "Injury, Illness, and Work Restriction in Merchant Seafarers"


# -- the labelled layout: real exports (JabRef's test files) ---------------------------------------
def test_a_labelled_journals_at_ovid_record():
    (rec,) = msccite.read(REAL / "jabref-OvidImporterTest4.txt", errors="collect")
    assert rec.authors == [Name("Kohler", "Lars"), Name("Leuschner", "Christoph"), Name("Hauck", "Markus"),
                           Name("Hertel", "Dietrich")]  # fmt: skip
    assert rec.title.startswith("Cloud water interception") and rec.title.endswith("Germany.")
    assert (rec["container-title"], rec["volume"], rec["issue"], rec["page"]) == ("Ecohydrology", "8", "6",
                                                                                  "1048-1064")  # fmt: skip
    assert rec["issued"] == Date.of(2015, 9) and rec["DOI"] == "10.1002/eco.1563" and rec["ISSN"] == ["1936-0584"]
    assert rec["keyword"][0] == "alpine treeline" and rec["keyword"][-1] == "throughfall"
    refs = next(e.value for e in rec.extra if e.key == "References")
    assert refs.count("\n\n") > 100  # one paragraph a cited reference, kept as read
    assert rec.keys["author"] == "ovid:Author" and rec.keys["keyword"] == "ovid:Author Keywords"


def test_labelled_records_without_record_numbers():
    first, second = msccite.read(REAL / "jabref-OvidImporterTest2Invalid.txt", errors="collect")
    assert first.authors[2] == Name("Vugt", "Arie", non_dropping_particle="van")  # "van Vugt, Arie MD, PhD +"
    assert first["container-title"] == "Journal of Orthopaedic Trauma" and "issued" not in first  # ahead of print
    assert [e.value for e in first.extra if e.key == "Institution"] == [
        "From the (*)Department of Surgery, Radboud University Medical Center, Nijmegen, The Netherlands;\n"
        "(+)Department of Surgery, Medical Spectrum Twente, Enschede, The Netherlands."
    ]
    assert second.extra[0] == msccite.Extra("ovid", "Score", "*****")  # each record opens with its Score
    assert second["abstract"].endswith("state assessment.\n(C) 2015 by the American Psychological Association")
    assert second["URL"] == ["http://ovidsp.ovid.com/ovidweb.cgi?T=JS&CSC=Y&NEWS=N&PAGE=fulltext&D=ppvovftq"
                             "&AN=00012097-900000000-99899"]  # fmt: skip


def test_medline_on_ovid_labelled_with_a_search_strategy_before():
    records = read(MEDLINE_LABELLED)
    first, second = records
    assert first.authors == [Name("Le Blanc", "Katarina"), Name("Frassoni", "Francesco")]  # the full names
    assert [e.value for e in first.extra if e.key.startswith("Authors@")] == ["Le Blanc K", "Frassoni F"]
    assert first["PMID"] == "18468541" and first["DOI"] == "10.1016/S0140-6736(08)60690-X"
    assert (first["container-title"], first["container-title-short"]) == ("Lancet", "Lancet")
    assert first["issued"] == Date.of(2008, 5, 10) and first["page"] == "1579-86"
    assert first["keyword"] == ["Adolescent", "*Graft vs Host Disease/th [Therapy]"]
    assert second["issued"] == Date.of(2018, 1, 1) and second.authors == [Name("Smith", "John")]
    (skipped,) = [p for p in records.problems if "outside any Ovid record" in p.message]
    assert skipped.line == 1 and "lines 1-6, 8:" in skipped.message


def test_embase_tagged_article_number_and_conference_abstract():
    article, abstract = read(EMBASE_TAGGED)
    assert article.authors == [Name("Smith", "J.A."), Name("O'Brien", "C.")]
    assert (article["volume"], article["issue"], article["page"]) == ("25", "1", "tay018")
    assert article["DOI"] == "10.1093/jtm/tay018" and article["PMID"] == "29617908"
    assert "PMID" not in abstract and abstract.type == "paper-conference"
    assert abstract["container-title"] == "Bone Marrow Transplantation" and abstract["page"] == "12-13"
    assert article.type == "article-journal" and article["source"] == "Embase"


# -- detection ------------------------------------------------------------------------------------
def test_ovid_tagged_without_record_numbers_is_ovid_not_medline():
    assert registry.get("medline").detect(MEDLINE_TAGGED) > 0  # MEDLINE would take it ...
    assert registry.detect_name(MEDLINE_TAGGED) == "ovid"  # ... Ovid's VN header wins
    first, second = msccite.loads(MEDLINE_TAGGED, errors="collect")
    assert first["PMID"] == "18468541" and first.authors[1] == Name("Frassoni", "Francesco")
    assert second["issued"] == Date.of(2018, 1, 1)


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.ris")), ids=lambda p: p.name)
def test_the_ris_corpus_stays_ris(path: Path):
    text = path.read_text(encoding="utf-8", errors="replace")[:65536]
    assert ovid.detect(text) == 0.0
    assert registry.detect_name(text) != "ovid"


@pytest.mark.parametrize("folder", ["ris", "medline", "wos", "endnote"])
def test_zoteros_cases_of_other_formats_are_not_ovid(folder: str):
    for path in sorted((ROOT / "tests" / "data" / "zotero" / folder).glob("[0-9][0-9].*")):
        if path.suffix != ".json":
            assert ovid.detect(path.read_text(encoding="utf-8")[:65536]) == 0.0, path.name


@pytest.mark.parametrize("text", [
    "6. \nTY  - JOUR\nDB  - ERIC\nT1  - Title\nER  - \n",  # Ovid's own RIS export is RIS
    "PMID- 1\nOWN - NLM\nTI  - t\nDP  - 2019\n",
    "RT Journal Article\nSR Print(0)\nA1 Doe, J.\nT1 A title\nYR 2019\n",  # RefWorks tagged
    "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Doe, J\nER\n",
    "Title\n\nSome text that is no export.\n",
])  # fmt: skip
def test_other_files_are_not_ovid(text: str):
    assert ovid.detect(text) == 0.0


def test_detection_of_the_labelled_layout():
    assert ovid.detect(MEDLINE_LABELLED) == 0.95
    assert ovid.detect((REAL / "jabref-OvidImporterTest2Invalid.txt").read_text(encoding="utf-8")) == 0.9


# -- pieces -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "name", "changed"), [
    ("Walsdorf, Neill B. [Inventor, Reprint Author]", Name("Walsdorf", "Neill B."), True),
    ("Zhang, Weijia 1,2,+", Name("Zhang", "Weijia"), True),
    ("Gazic, Barbara MD, PhD *", Name("Gazic", "Barbara"), True),
    ("Peterson, James A. Ph.D., FACSM", Name("Peterson", "James A."), True),
    ("Lefkowitz, Rafael Y. MD, MPH 1", Name("Lefkowitz", "Rafael Y."), True),
    ("Shedko, MB", Name("Shedko", "MB"), False),  # initials, not a degree
    ("Le Blanc K", Name("Le Blanc", "K"), False),
    ("Smith J.A.", Name("Smith", "J.A."), False),
    ("Benz, George W [E-mail: gbenz@mtsu.edu]", Name("Benz", "George W"), True),
])  # fmt: skip
def test_names_lose_what_is_not_the_name(text: str, name: Name, changed: bool):
    assert clean_name(text) == (name, changed)


@pytest.mark.parametrize(("text", "date"), [
    ("2018 01 01", Date.of(2018, 1, 1)), ("2019 Jan 01", Date.of(2019, 1, 1)),
    ("November 15, 2004", Date.of(2004, 11, 15)), ("Nov. 16, 2004", Date.of(2004, 11, 16)),
    ("2007 15 June", Date.of(2007, 6, 15)), ("15 June 2007", Date.of(2007, 6, 15)),
    ("Sep 2015", Date.of(2015, 9)), ("January/February 2010", Date(parts=((2010, 1), (2010, 2)))),
    ("Winter 2007", Date(parts=((2007,),), season="Winter")), ("20180301", Date.of(2018, 3, 1)),
    ("2004", Date.of(2004)),
    ("in press", None), ("2004 2005", None), ("Sept 2015", Date.of(2015, 9)), ("Mayo 2015", None),
])  # fmt: skip
def test_dates(text: str, date: Date | None):
    assert parse_date(text) == date


def test_a_record_number_without_fields_and_a_value_before_any_field():
    records = read("<1>\n\n<2>\nVN  - Ovid Technologies\nTI  - t\n")
    assert [r.title for r in records] == ["t"]
    assert any("record 1 has no fields" in p.message for p in records.problems)


def test_long_and_odd_values_finish_quickly():
    names = "; ".join(f"Doe{i}, J. [x; y] 1,2" for i in range(20_000))
    records = read(f"<1>\nVN  - Ovid Technologies\nAU  - {names}\nSO  - {'. 2004; ' * 20_000}\nTI  - t\n")
    assert len(records[0].authors) == 20_000
