"""EndNote XML: the reader on EndNote and Mendeley exports, the writer, round trips, detection, problems."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from lxml import etree

import msccite
from msccite import Date, Extra, Name, Record
from msccite.context import ReadContext, WriteContext
from msccite.formats import endnote_xml
from msccite.formats.endnote_xml.map import RECORD_ORDER
from paths import RIS_CORPUS, ROOT
from strategies import records

DATA = ROOT / "tests" / "data" / "endnote_xml"
STYLE = '<style face="normal" font="default" size="100%">'


def read_text(text: str, errors: str = "collect") -> tuple[list[Record], ReadContext]:
    ctx = ReadContext("endnote-xml", "x.xml", errors=errors)
    return list(endnote_xml.read(iter(text.split("\n")), ctx)), ctx


def write_text(recs: list[Record]) -> tuple[str, WriteContext]:
    buf = io.StringIO()
    ctx = WriteContext("endnote-xml", lossless=True)
    endnote_xml.write(recs, buf, ctx)
    return buf.getvalue(), ctx


def extras(rec: Record, key: str) -> list:
    return [e.value for e in rec.extra if e.key == key]


@pytest.fixture(scope="module")
def endnote():
    recs, ctx = read_text((DATA / "endnote20.xml").read_text(encoding="utf-8"))
    assert ctx.problems == []
    assert len(recs) == 5
    return recs


@pytest.fixture(scope="module")
def mendeley():
    recs, ctx = read_text((DATA / "mendeley.xml").read_text(encoding="utf-8"))
    assert ctx.problems == []
    assert len(recs) == 2
    return recs


# -- reading EndNote's export ------------------------------------------------------------------------
def test_journal_article_from_pubmed(endnote):
    rec = endnote[0]
    assert rec.type == "article-journal"
    assert rec.title.startswith("Short and Long Term Clinical and Immunologic Follow up")
    assert rec.authors[0] == Name("Iacobaeus", "E.")
    assert rec.authors[5] == Name("T\u00f6rnqvist Andr\u00e9n", "A.")
    assert len(rec.authors) == 9
    assert rec["container-title"] == "J Clin Med"
    assert rec["container-title-short"] == "Journal of clinical medicine"
    assert (rec["volume"], rec["issue"]) == ("8", "12")
    assert rec["issued"] == Date.of(2019, 12, 2)
    assert rec["ISSN"] == ["2077-0383 (Print)", "2077-0383 (Linking)"]
    assert rec["DOI"] == "10.3390/jcm8122102"
    assert rec["PMID"] == "31810187"  # a number, and remote-database-provider says NLM
    assert rec["PMCID"] == "PMC6947600"  # custom2, where EndNote's PubMed import puts it
    assert rec["URL"] == ["https://www.ncbi.nlm.nih.gov/pubmed/31810187"]
    assert rec["keyword"] == ["Msc", "Multiple sclerosis", "immunomodulation"]
    assert rec["language"] == "eng"
    assert rec["source"] == "PubMed-not-MEDLINE"
    assert rec["edition"] == "2019/12/06"
    assert rec.source.line == 1  # EndNote writes the whole file on one line


def test_carriage_returns_become_line_breaks(endnote):
    rec = endnote[0]
    assert rec["abstract"] == ("Mesenchymal stromal cells (MSC) have shown immunomodulatory properties.\n"
                               "Seven patients were treated; no serious adverse events were seen.")  # fmt: skip
    assert rec["note"] == ["2077-0383\nIacobaeus, Ellen\nJournal Article"]
    assert extras(rec, "auth-address") == ["Department of Clinical Neuroscience, Karolinska Institutet, 17177 "
                                           "Stockholm, Sweden.\nDepartment of Laboratory Medicine, Karolinska "
                                           "Institutet, 14186 Huddinge, Sweden."]  # fmt: skip


def test_library_data_is_kept_as_extras_in_file_order(endnote):
    rec = endnote[0]
    # remote-database-provider NLM is said by the PMID read from the accession number: no extra of its own
    assert [e.key for e in rec.extra] == ["database", "source-app", "rec-number", "foreign-keys", "auth-address",
                                          "urls/pdf-urls"]  # fmt: skip
    assert rec["PMID"] == "31810187"
    assert rec.extra[0] == Extra("endnote-xml", "database", {"@name": "MSC trials.enl",
                                                             "@path": "C:\\Users\\lab\\Documents\\MSC trials.enl",
                                                             "#text": "MSC trials.enl"})  # fmt: skip
    assert extras(rec, "source-app") == [{"@name": "EndNote", "@version": "20.6", "#text": "EndNote"}]
    assert extras(rec, "rec-number") == ["12"]
    assert extras(rec, "foreign-keys")[0]["key"]["@db-id"] == "x0dx5fzw2vsd2ue5xpbxwz0rtfs9d5z2wd0s"
    assert extras(rec, "urls/pdf-urls") == ["internal-pdf://0958286051/Iacobaeus-2019-Short and Long Term Clinical.pdf"]


def test_book_section_styles_corporate_author_editors(endnote):
    rec = endnote[1]
    assert rec.type == "chapter"
    assert rec.title == "Culture of ex vivo expanded MSC: the CO2 question"  # five <style> runs joined
    assert rec.authors == [Name(literal="International Society for Cellular Therapy"), Name("Dominici", "Massimo")]
    assert rec["editor"] == [Name("Lanza", "Robert"), Name("Atala", "Anthony")]
    assert rec["collection-editor"] == [Name("Gearhart", "John D.")]
    assert rec["container-title"] == "Essentials of Stem Cell Biology"
    assert rec["collection-title"] == "Stem Cell Science Series"
    assert rec["title-short"] == "Culture of ex vivo expanded MSC"
    assert (rec["page"], rec["volume"], rec["edition"], rec["section"]) == ("97-105", "2", "3rd", "7")
    assert (rec["publisher"], rec["publisher-place"]) == ("Academic Press", "San Diego")
    assert rec["ISBN"] == ["978-0-12-409503-8"] and "ISSN" not in rec
    assert rec["annote"] == "Good overview of release criteria."
    assert rec["URL"] == ["https://www.sciencedirect.com/book/9780124095038"]
    assert rec.keys["URL"] == "endnote-xml:web-urls"
    assert extras(rec, "label") == ["MSC-review"] and extras(rec, "custom3") == ["screened: include"]


def test_conference_proceedings_keeps_its_type_number(endnote):
    rec = endnote[2]
    assert rec.type == "paper-conference"
    assert rec.keys["type"] == "endnote-xml:10:Conference Proceedings"
    assert rec.authors[1] == Name("Sens\u00e9b\u00e9", "Luc", suffix="Jr.")
    assert rec["translator"] == [Name("Weiss", "Daniel")]
    assert rec["issued"] == Date.of(2018, 5, 2)  # 2018/05/02
    assert rec["accessed"] == Date.of(2019, 11, 30)
    assert rec["archive_location"] == "WOS:000432134500012"  # not a PubMed record: not a PMID
    assert "PMID" not in rec
    assert (rec["call-number"], rec["genre"]) == ("QH588.S83", "Plenary lecture")
    text, _ = write_text([rec])
    assert '<ref-type name="Conference Proceedings">10</ref-type>' in text


def test_thesis_raw_year_and_custom_fields(endnote):
    rec = endnote[3]
    assert rec.type == "thesis"
    assert rec["issued"] == Date(raw="in press")
    assert rec["editor"] == [Name("Le Blanc", "Katarina")]
    assert rec["number-of-volumes"] == "1"
    assert extras(rec, "custom1") == ["Series 12"]
    assert extras(rec, "custom2") == ["not a PMCID"] and "PMCID" not in rec


def test_unknown_type_and_ambiguous_date_are_kept(endnote):
    rec = endnote[4]
    assert rec.type == "document"
    assert rec.keys["type"] == "endnote-xml:62:Podcast"
    assert rec["issued"] == Date.of(2020)
    assert extras(rec, "dates/pub-dates") == ["03/04/2020"]  # March 4 or 3 April: not guessed
    text, _ = write_text([rec])
    assert '<ref-type name="Podcast">62</ref-type>' in text
    assert f"<pub-dates><date>{STYLE}03/04/2020</style></date></pub-dates>" in text


# -- reading Mendeley's export -----------------------------------------------------------------------
def test_mendeley_bare_text_issue_and_web_urls(mendeley):
    rec = mendeley[0]
    assert rec.type == "article-journal"
    assert rec.authors == [Name("Vivarelli", "Marina"), Name("Colucci", "Manuela"), Name("Locatelli", "Franco")]
    assert rec["issue"] == "18" and rec.keys["issue"] == "endnote-xml:issue"
    assert rec["page"] == "e169424"
    assert rec["URL"] == ["https://insight.jci.org/articles/view/169424", "https://doi.org/10.1172/jci.insight.169424"]
    assert rec["abstract"] == ("BACKGROUND Severe forms of steroid-dependent nephrotic syndrome need drugs.\n"
                               "METHODS A phase I study.")  # fmt: skip
    assert rec["note"] == ["Read 2023-10-02"]
    assert "type" not in rec.keys  # <ref-type> without its name attribute is fine
    text, _ = write_text([rec])
    assert f"<issue>{STYLE}18</style></issue>" in text and "<web-urls>" in text


def test_mendeley_corporate_author_without_comma_and_isbn(mendeley):
    rec = mendeley[1]
    assert rec.type == "book"
    assert rec.authors == [Name(literal="World Health Organization")]
    assert rec["ISBN"] == ["9789240030381"]


# -- dates and names -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("year", "dates", "issued", "unused"), [
    ("2019", ["Dec 2"], Date.of(2019, 12, 2), []),
    ("2019", ["Dec"], Date.of(2019, 12), []),
    ("2019", ["December 2, 2019"], Date.of(2019, 12, 2), []),
    ("2019", ["2 Dec"], Date.of(2019, 12, 2), []),
    ("2019", ["2019/12/02"], Date.of(2019, 12, 2), []),
    ("2019", ["12/25/2019"], Date.of(2019, 12, 25), []),
    ("2019", ["25/12/2019"], Date.of(2019, 12, 25), []),
    ("2019", ["03/04/2019"], Date.of(2019), ["03/04/2019"]),
    ("2019", ["2018/12/02"], Date.of(2019), ["2018/12/02"]),
    ("2019", ["Spring"], Date.of(2019), ["Spring"]),
    (None, ["2019-12-02"], Date.of(2019, 12, 2), []),
    (None, ["Dec 2"], Date(raw="Dec 2"), []),  # no year at all: a date kept as written
    ("", ["Dec 2"], None, ["Dec 2"]),
    (None, ["Spring"], Date(raw="Spring"), []),
    ("in press", ["Dec"], Date(raw="in press"), ["Dec"]),
    ("2019", [], Date.of(2019), []),
])  # fmt: skip
def test_issued_from_year_and_pub_dates(year, dates, issued, unused):
    assert endnote_xml.issued_from(year, dates) == (issued, unused)


@pytest.mark.parametrize(("text", "name"), [
    ("Doe, Jane", Name("Doe", "Jane")),
    ("Roe, R., Jr.", Name("Roe", "R.", suffix="Jr.")),
    ("World Health Organization,", Name(literal="World Health Organization")),
    ("Smith, Jones & Co,", Name(literal="Smith, Jones & Co")),
    ("Plato", Name(literal="Plato")),
])  # fmt: skip
def test_names(text, name):
    assert endnote_xml.parse_name(text) == name
    assert endnote_xml.parse_name(endnote_xml.name_text(name)) == name


# -- writing -----------------------------------------------------------------------------------------
CANONICAL = (
    '<?xml version="1.0" encoding="UTF-8" ?>\n<xml><records>\n'
    '<record><ref-type name="Journal Article">17</ref-type><contributors><authors>'
    f"<author>{STYLE}Vivarelli, Marina</style></author><author>{STYLE}WHO Group,</style></author></authors>"
    f"</contributors><titles><title>{STYLE}A phase I study</style></title>"
    f"<secondary-title>{STYLE}JCI Insight</style></secondary-title></titles>"
    f"<periodical><full-title>{STYLE}JCI Insight</style></full-title></periodical>"
    f"<pages>{STYLE}1-13</style></pages><volume>{STYLE}8</style></volume><number>{STYLE}18</style></number>"
    f"<keywords><keyword>{STYLE}MSC</style></keyword></keywords>"
    f"<dates><year>{STYLE}2023</style></year><pub-dates><date>{STYLE}Sep 22</style></date></pub-dates></dates>"
    f"<isbn>{STYLE}2379-3708</style></isbn><abstract>{STYLE}First line.&#13;Second line.</style></abstract>"
    f"<notes>{STYLE}a note&#13;&#13;[csl:PMCID] 7805402</style></notes>"
    f"<urls><related-urls><url>{STYLE}https://example.org/a</style></url></related-urls></urls>"
    f"<custom3>{STYLE}include</style></custom3>"
    f"<electronic-resource-num>{STYLE}10.1172/jci.insight.169424</style></electronic-resource-num>"
    f"<language>{STYLE}en</style></language></record>\n"
    "</records></xml>\n"
)


def _canonical_record() -> Record:
    return Record("article-journal", title="A phase I study", author=[Name("Vivarelli", "Marina"),
                  Name(literal="WHO Group")], issued=Date.of(2023, 9, 22), page="1-13", volume="8", issue="18",
                  DOI="10.1172/jci.insight.169424", ISSN=["2379-3708"], abstract="First line.\nSecond line.",
                  keyword=["MSC"], language="en", note=["a note"], URL=["https://example.org/a"],
                  container_title="JCI Insight", PMCID="7805402",
                  extra=[Extra("endnote-xml", "custom3", "include")])  # fmt: skip


def test_writer_output_is_endnote_shaped():
    text, ctx = write_text([_canonical_record()])
    assert text == CANONICAL
    assert ctx.records == 1
    assert ctx.summary() == ["1 record: CSL PMCID: carried in <notes>"]  # not PMC...: no custom2 for it
    back, rctx = read_text(text)
    assert back == [_canonical_record()] and rctx.problems == []


def test_rewriting_endnote_export_keeps_every_value_and_the_element_order(endnote):
    text, ctx = write_text(endnote)
    assert ctx.summary() == []  # nothing had to travel in the notes
    back, rctx = read_text(text)
    assert rctx.problems == []
    assert back == endnote
    assert write_text(back)[0] == text
    # the elements of the first record come in EndNote's order (alt-periodical repeated periodical: merged)
    original = etree.fromstring((DATA / "endnote20.xml").read_bytes())[0][0]
    rewritten = etree.fromstring(text.encode())[0][0]
    assert [c.tag for c in rewritten] == [c.tag for c in original if c.tag != "alt-periodical"]
    index = {t: i for i, t in enumerate(RECORD_ORDER)}
    for rec_el in etree.fromstring(text.encode())[0]:
        tags = [c.tag for c in rec_el]
        assert tags == sorted(tags, key=index.__getitem__)


def test_rewriting_mendeley_export(mendeley):
    text, _ = write_text(mendeley)
    back, _ = read_text(text)
    assert back == mendeley


def test_values_without_an_element_travel_in_notes():
    rec = Record("review", "smith2020", title="x", medium="CD", number="7", contributor=[Name("Doe", "J")],
                 issued=Date(parts=((2019, 1), (2019, 3))), custom={"trials": ["NCT01234567"]},
                 extra=[Extra("bibtex", "owner", "jdoe"), Extra("ris", "C5", {"a": [1]})])  # fmt: skip
    text, ctx = write_text([rec])
    assert '<ref-type name="Generic">13</ref-type>' in text
    assert f"<dates><year>{STYLE}2019</style></year></dates>" in text  # EndNote still gets the year
    for line in (
        "[csl:type] review",
        "[csl:id] smith2020",
        "[csl:medium] CD",
        "[csl:number] 7",
        "[csl:contributor] Doe, J",
        '[csl:issued=json] {"date-parts": [[2019, 1], [2019, 3]]}',
        '[csl:custom] {"trials": ["NCT01234567"]}',
        "[bibtex:owner] jdoe",
        '[ris:C5=json] {"a": [1]}',
    ):
        assert line in text, line  # fmt: skip
    assert ("CSL medium", "<notes>") in ctx.carried_counts
    back, _ = read_text(text)
    assert back == [rec]


def test_pmid_goes_to_accession_number_with_nlm_as_provider_as_endnote_s_pubmed_import_does():
    pubmed = Record("article-journal", title="x", PMID="31810187", PMCID="PMC6947600")
    text, ctx = write_text([pubmed])
    assert f"<accession-num>{STYLE}31810187</style></accession-num>" in text
    assert f"<remote-database-provider>{STYLE}NLM</style></remote-database-provider>" in text
    assert f"<custom2>{STYLE}PMC6947600</style></custom2>" in text
    assert ctx.summary() == []
    assert read_text(text)[0] == [pubmed]


def test_a_pmid_of_a_record_from_another_provider_is_not_its_accession_number():
    ovid = Record("article-journal", title="x", PMID="31810187",
                  extra=[Extra("endnote-xml", "remote-database-provider", "Ovid Technologies")])  # fmt: skip
    text, ctx = write_text([ovid])
    assert "<accession-num>" not in text and "[csl:PMID] 31810187" in text  # write_text is lossless
    assert read_text(text)[0] == [ovid]


def test_every_csl_type_survives():
    from msccite.model import CSL_TYPES

    for csl_type in sorted(CSL_TYPES):
        rec = Record(csl_type, title="x")
        assert read_text(write_text([rec])[0])[0] == [rec], csl_type


def test_control_characters_are_dropped_and_counted():
    text, ctx = write_text([Record("article-journal", title="a\x0bb")])
    assert f"<title>{STYLE}ab</style></title>" in text
    assert ctx.dropped_counts["characters XML cannot hold"] == 1


def test_written_file_is_detected_and_well_formed(endnote):
    text, _ = write_text(endnote)
    etree.fromstring(text.encode())  # well-formed
    assert endnote_xml.detect(text) == 0.95


# EndNote XML fixes the order of a record's elements, so extras of different elements come back in
# EndNote's element order, whatever order they had: the property sorts them that way first. Particles:
# "van Gogh, Vincent" cannot tell a particle from the family name (as in RIS).
ENDNOTE_EXTRA_TAGS = ["custom1", "custom3", "custom4", "custom5", "custom6", "custom7", "label", "caption", "orig-pub",
                      "reprint-edition", "auth-address", "misc1", "rec-number", "remote-database-provider"]  # fmt: skip


@given(records(particles=False, extra_format="endnote-xml", extra_tags=ENDNOTE_EXTRA_TAGS))
def test_property_endnote_xml_round_trip(rec):
    order = {t: i for i, t in enumerate(RECORD_ORDER)}
    rec.extra.sort(key=lambda e: order[e.key])
    text, _ = write_text([rec])
    back, ctx = read_text(text)
    assert ctx.problems == []
    assert back == [rec]
    assert endnote_xml.detect(text) == 0.95


@given(records(extra_format="ris", extra_tags=["C5", "U2", "AD", "M1"]))
def test_property_any_record_is_stable_after_one_write(rec):
    once, _ = read_text(write_text([rec])[0])
    twice, _ = read_text(write_text(once)[0])
    assert twice == once
    assert once[0].title == rec.title and len(once[0].authors) == len(rec.authors)
    assert once[0].extra == rec.extra  # another format's extras travel in the notes


# -- cross-format --------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", RIS_CORPUS, ids=lambda p: p.name)
def test_ris_corpus_through_endnote_xml(path):
    original = msccite.read(path, "ris")
    back, ctx = read_text(write_text(list(original))[0])
    assert ctx.problems == []
    assert [r.title for r in back] == [r.title for r in original]
    assert [r.authors for r in back] == [r.authors for r in original]
    assert [r.get("DOI") for r in back] == [r.get("DOI") for r in original]
    assert back == list(original)  # and everything else, through elements or notes


# -- detection ---------------------------------------------------------------------------------------
def test_detect_endnote_and_mendeley_exports():
    assert endnote_xml.detect((DATA / "endnote20.xml").read_text(encoding="utf-8")[:2000]) == 0.95
    assert endnote_xml.detect((DATA / "mendeley.xml").read_text(encoding="utf-8")[:2000]) == 0.95
    assert endnote_xml.detect("<xml>\n  <records>\n    <record>") == 0.95


@pytest.mark.parametrize("sample", [
    "TY  - JOUR\nTI  - <xml><records><record>\nER  - \n",
    "<!DOCTYPE html><html><head><title>xml records</title></head></html>",
    '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
    '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet>\n<PubmedArticleSet><PubmedArticle>',
    "<xml><data/></xml>",
    "",
])  # fmt: skip
def test_detect_other_inputs_score_zero(sample):
    assert endnote_xml.detect(sample) == 0.0


# -- problems and safety -------------------------------------------------------------------------------
def test_broken_record_is_reported_with_its_line_and_earlier_records_stay():
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<xml><records>\n'
            "<record><ref-type>17</ref-type><titles><title>One</title></titles></record>\n"
            "<record><titles><title>Two</titles></record>\n"
            "<record><titles><title>Three</title></titles></record>\n</records></xml>")  # fmt: skip
    recs, ctx = read_text(text)
    assert [r.title for r in recs] == ["One"]
    assert len(ctx.problems) == 1 and ctx.problems[0].line == 4
    with pytest.raises(msccite.ParseError):
        read_text(text, errors="strict")


def test_external_entity_is_not_read():
    text = ('<?xml version="1.0"?>\n<!DOCTYPE xml [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'
            "<xml><records><record><titles><title>a &xxe; b</title></titles></record></records></xml>")  # fmt: skip
    recs, ctx = read_text(text)
    assert recs[0].title == "a &xxe; b"
    assert "root:" not in repr(recs)
    assert [p.severity for p in ctx.problems] == ["warning"]


def test_pretty_printed_file_reads_like_a_one_line_one():
    text = """<?xml version="1.0" encoding="UTF-8"?>
<xml>
  <records>
    <record>
      <ref-type name="Journal Article">17</ref-type>
      <contributors>
        <authors>
          <author>
            <style face="normal" font="default" size="100%">Doe, Jane</style>
          </author>
        </authors>
      </contributors>
      <titles>
        <title><style face="normal" font="default" size="100%">A title</style></title>
      </titles>
    </record>
  </records>
</xml>"""
    (rec,), ctx = read_text(text)
    assert rec.title == "A title" and rec.authors == [Name("Doe", "Jane")]
    assert rec.source.line == 4 and ctx.problems == []
