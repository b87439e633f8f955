"""Word's bibliography XML: the samples in the shared corpus (read here with lxml, to check what the reader makes of
them), one quirk per hand-written input, and the writer: what Word writes, read back."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from lxml import etree

import msccite
from msccite import Date, Extra, Name, Record
from msccite.context import ReadContext
from msccite.formats import word_xml
from msccite.formats.word_xml.map import NS, ORDER, SOURCE_TYPES
from msccite.formats.word_xml.read import generated_guid
from msccite.textio import iter_lines
from paths import EXPORTS
from strategies import records

FOLDER = EXPORTS / "word2007_xml"
SAMPLES = sorted(FOLDER.glob("*.xml")) if FOLDER.is_dir() else []
B = f"{{{NS}}}"
GUID = re.compile(r"\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}")  # Word's, and the writer's
HEAD = f'<b:Sources xmlns:b="{NS}" xmlns="{NS}">'


def read(text: str, errors: str = "collect") -> tuple[list[Record], list]:
    ctx = ReadContext("word-xml", "Sources.xml", errors=errors)
    return list(word_xml.read(iter_lines(text), ctx)), ctx.problems


def one(source: str) -> Record:
    """The record of one ``b:Source`` (tagged ``k`` when it has no tag)."""
    tag = "" if "<b:Tag>" in source else "<b:Tag>k</b:Tag>"
    recs, problems = read(f"{HEAD}<b:Source>{tag}{source}</b:Source></b:Sources>")
    assert len(recs) == 1, problems
    return recs[0]


def provenance_counts() -> dict[str, int]:
    """File name -> the number of sources PROVENANCE.md gives it (the first number of its table's last cell)."""
    counts: dict[str, int] = {}
    path = FOLDER / "PROVENANCE.md"
    for line in path.read_text(encoding="utf-8").splitlines() if path.is_file() else []:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) > 2 and cells[0].startswith("`") and (m := re.search(r"\d+", cells[-1])):
            counts[cells[0].strip("`")] = int(m.group(0))
    return counts


def sources(path_or_text: Path | str) -> list:
    """The ``b:Source`` elements of a file, parsed with lxml."""
    data = path_or_text.read_bytes() if isinstance(path_or_text, Path) else path_or_text.encode()
    return etree.fromstring(data).findall(f"{B}Source")


def text(el, name: str) -> str | None:
    found = el.find(B + name)
    return found.text if found is not None else None


def names(el) -> list[str]:
    return [c.tag.rpartition("}")[2] for c in el if isinstance(c.tag, str)]


# -- the samples ------------------------------------------------------------------------------------
def test_there_are_samples():
    assert SAMPLES, FOLDER


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_is_detected_and_read_whole(path):
    sample = path.read_text(encoding="utf-8")
    assert msccite.detect(sample) == "word-xml"
    recs, problems = read(sample)
    assert not [p for p in problems if p.severity == "error"]
    assert len(recs) == len(sources(path)) == provenance_counts().get(path.name, len(recs))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_the_values_of_every_sample(path):
    recs, _ = read(path.read_text(encoding="utf-8"))
    for rec, el in zip(recs, sources(path), strict=True):
        assert rec.id == text(el, "Tag")
        assert rec.title == text(el, "Title")
        source_type = text(el, "SourceType")
        assert rec.type == SOURCE_TYPES.get(source_type, "document") or rec.type == "thesis" and source_type == "Report"
        people = el.findall(f"{B}Author/{B}Author/{B}NameList/{B}Person")
        corporate = el.findall(f"{B}Author/{B}Author/{B}Corporate")
        expected = [Name(p.findtext(B + "Last") or "", " ".join(t for t in (p.findtext(B + "First"),
                                                                            p.findtext(B + "Middle")) if t))
                    for p in people] + [Name(literal=c.text) for c in corporate]  # fmt: skip
        assert rec.authors == expected
        if text(el, "Year") and text(el, "Year").isdigit():
            assert rec.year == int(text(el, "Year"))
        for name, var in (("Volume", "volume"), ("Issue", "issue"), ("Pages", "page"), ("DOI", "DOI"),
                          ("City", "publisher-place")):  # fmt: skip
            assert rec.get(var) == (text(el, name) or None), name
        guid = text(el, "Guid")
        if guid is not None:
            assert re.fullmatch(GUID.pattern, guid, re.I) and Extra("word-xml", "Guid", guid) in rec.extra  # kept


def test_the_jabref_sample():
    (rec,) = msccite.read(FOLDER / "jabref_MsBibImporterTest7.xml")
    assert rec.type == "article-journal" and rec.id == "Orlowski;2011"
    assert rec["issued"] == Date.of(2011, 3) and rec["container-title"].startswith("Information Systems Architecture")
    assert rec["publisher"] == "Oficyna Wydawnicza Politechniki Wrocławskiej"
    # JabRef's own element, and a StandardNumber that is no ISSN or ISBN: kept as they are
    assert rec.extra == [Extra("word-xml", "BIBTEX_Entry", "article"),
                         Extra("word-xml", "StandardNumber", " DOI: 10.13140/2.1.3259.2169")]  # fmt: skip


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_written_and_read_back_is_the_same(path):
    recs = msccite.read(path)
    assert msccite.loads(msccite.dumps(recs, "word-xml"), "word-xml") == recs
    assert msccite.loads(msccite.dumps(recs, "word-xml", lossless=True), "word-xml") == recs


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_the_writer_writes_the_sample_s_elements_as_word_does(path):
    written = sources(msccite.dumps(msccite.read(path), "word-xml"))
    original = sources(path)
    assert len(written) == len(original)
    for new, old in zip(written, original, strict=True):
        elements = names(new)
        assert elements[:3] == ["Tag", "SourceType", "Guid"]  # as Word writes every source
        assert GUID.fullmatch(text(new, "Guid"))  # in braces, upper case, as in Word's files
        added = Counter(elements) - Counter(names(old))
        assert set(added) <= {"Tag", "Guid"} and not Counter(names(old)) - Counter(elements)  # nothing lost
        if text(old, "Guid"):
            assert text(new, "Guid") == text(old, "Guid")
    tags = [text(s, "Tag") for s in written]
    assert len(set(tags)) == len(tags)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_the_writer_puts_the_fields_in_word_s_order(path):
    recs = msccite.read(path)
    for rec in recs:
        rec.extra = []  # the elements of the sample's own stay after the rest, in their order
    for el in sources(msccite.dumps(recs, "word-xml")):
        elements = names(el)
        assert elements == sorted(elements, key=ORDER.index)


# -- quirks -----------------------------------------------------------------------------------------
def test_word_for_mac_indents_with_tabs_and_no_prefix_works_too():
    lines = ["<b:Source>", "\t<b:Tag>Smi05</b:Tag>", "\t<b:SourceType>Book</b:SourceType>", "\t<b:Author>",
             "\t\t<b:Author>", "\t\t\t<b:NameList>", "\t\t\t\t<b:Person>", "\t\t\t\t\t<b:Last>Smith</b:Last>",
             "\t\t\t\t\t<b:First>John</b:First>", "\t\t\t\t</b:Person>", "\t\t\t</b:NameList>", "\t\t</b:Author>",
             "\t</b:Author>", "\t<b:Title>A Book</b:Title>", "</b:Source>"]  # fmt: skip
    mac = f'<?xml version="1.0"?>\n<b:Sources {HEAD[11:-1]} SelectedStyle="">\n' + "".join(
        f"\t{line}\n" for line in lines) + "</b:Sources>\n"  # fmt: skip
    plain = f'<Sources xmlns="{NS}"><Source><Tag>Smi05</Tag><SourceType>Book</SourceType><Author><Author><NameList>' \
            "<Person><Last>Smith</Last><First>John</First></Person></NameList></Author></Author>" \
            "<Title>A Book</Title></Source></Sources>"  # fmt: skip
    legacy = plain.replace(NS, "http://schemas.microsoft.com/office/word/2004/10/bibliography")
    for sample in (mac, plain, legacy):
        assert msccite.detect(sample) == "word-xml"
        (rec,) = read(sample)[0]
        assert (rec.type, rec.id, rec.title, rec.authors) == ("book", "Smi05", "A Book", [Name("Smith", "John")])


def test_names_roles_and_corporate_authors():
    rec = one("<b:Author><b:Author><b:Corporate>World Health Organization</b:Corporate></b:Author>"
              "<b:Editor><b:NameList><b:Person><b:Last>Roe</b:Last><b:First>Ann</b:First><b:Middle>B.</b:Middle>"
              "</b:Person></b:NameList></b:Editor><b:Translator><b:NameList><b:Person><b:Last>Tee</b:Last></b:Person>"
              "</b:NameList></b:Translator><b:BookAuthor><b:NameList><b:Person><b:Last>Bo</b:Last></b:Person>"
              "</b:NameList></b:BookAuthor><b:Conductor><b:NameList><b:Person><b:Last>Baton</b:Last></b:Person>"
              "</b:NameList></b:Conductor></b:Author>")  # fmt: skip
    assert rec.authors == [Name(literal="World Health Organization")]
    assert rec["editor"] == [Name("Roe", "Ann B.")] and rec["translator"] == [Name("Tee")]
    assert rec["container-author"] == [Name("Bo")]
    assert rec.extra == [Extra("word-xml", "Author/Conductor", {"NameList": {"Person": {"Last": "Baton"}}})]
    out = msccite.dumps([rec], "word-xml")
    assert "<b:Conductor><b:NameList><b:Person><b:Last>Baton</b:Last>" in out
    assert "<b:Middle>B.</b:Middle>" in out and msccite.loads(out, "word-xml")[0] == rec


def test_a_patent_s_inventors_are_its_authors_and_stay_inventors():
    rec = one("<b:SourceType>Patent</b:SourceType><b:Author><b:Inventor><b:NameList><b:Person><b:Last>Edison</b:Last>"
              "</b:Person></b:NameList></b:Inventor></b:Author><b:PatentNumber>US223898</b:PatentNumber>")  # fmt: skip
    assert rec.type == "patent" and rec.authors == [Name("Edison")] and rec["number"] == "US223898"
    assert "<b:Inventor>" in msccite.dumps([rec], "word-xml")
    new = Record("patent", title="Lamp", author=[Name("Swan", "Joseph")])  # Word's dialog: a patent's inventor
    assert "<b:Author><b:Inventor><b:NameList><b:Person><b:Last>Swan</b:Last>" in msccite.dumps([new], "word-xml")


@pytest.mark.parametrize(("parts", "date", "left"), [
    ("<b:Year>2019</b:Year><b:Month>March</b:Month><b:Day>3</b:Day>", Date.of(2019, 3, 3), []),
    ("<b:Year>2019</b:Year><b:Month>03</b:Month>", Date.of(2019, 3), []),
    ("<b:Year>2019</b:Year><b:Month>Sept.</b:Month>", Date.of(2019, 9), []),
    ("<b:Year>2020</b:Year><b:Month>апрель</b:Month><b:Day>25-26</b:Day>", Date.of(2020),
     [("Month", "апрель"), ("Day", "25-26")]),
    ("<b:Year>2019</b:Year><b:Month>May</b:Month><b:Day>2020</b:Day>", Date.of(2019, 5), [("Day", "2020")]),
    ("<b:Year>n.d.</b:Year>", Date(raw="n.d."), []),
    ("<b:Month>May</b:Month>", None, [("Month", "May")]),
])  # fmt: skip
def test_dates(parts, date, left):
    rec = one(parts)
    assert rec.get("issued") == date and [(e.key, e.value) for e in rec.extra] == left
    assert msccite.loads(msccite.dumps([rec], "word-xml"), "word-xml")[0] == rec  # what Word had comes back


def test_accessed_dates_and_web_pages():
    rec = one(
        "<b:SourceType>DocumentFromInternetSite</b:SourceType><b:Title>Page</b:Title>"
        "<b:InternetSiteTitle>Site</b:InternetSiteTitle><b:YearAccessed>2019</b:YearAccessed>"
        "<b:MonthAccessed>09</b:MonthAccessed><b:DayAccessed>08</b:DayAccessed><b:URL>https://x.org</b:URL>"
    )
    assert (rec.type, rec["container-title"], rec["URL"]) == ("webpage", "Site", ["https://x.org"])
    assert rec["accessed"] == Date.of(2019, 9, 8)
    assert "<b:SourceType>DocumentFromInternetSite</b:SourceType>" in msccite.dumps([rec], "word-xml")


def test_a_report_whose_type_says_thesis_is_a_thesis():
    rec = one(
        "<b:SourceType>Report</b:SourceType><b:ThesisType>PhD thesis</b:ThesisType><b:Institution>MIT</b:Institution>"
    )
    assert (rec.type, rec["genre"], rec["publisher"]) == ("thesis", "PhD thesis", "MIT")
    out = msccite.dumps([rec], "word-xml")
    assert "<b:Institution>MIT</b:Institution>" in out and msccite.loads(out, "word-xml")[0] == rec
    assert one("<b:SourceType>Report</b:SourceType><b:ThesisType>Technical report</b:ThesisType>").type == "report"


def test_standard_numbers_languages_and_their_look_alikes():
    assert one("<b:StandardNumber>0028-0836</b:StandardNumber>")["ISSN"] == ["0028-0836"]
    assert one("<b:StandardNumber>978-0-262-03561-3</b:StandardNumber>")["ISBN"] == ["978-0-262-03561-3"]
    rec = one("<b:LCID>1049</b:LCID><b:LCID>9999</b:LCID>")
    assert rec["language"] == "ru-RU" and rec.extra == [Extra("word-xml", "LCID", "9999")]
    assert "<b:LCID>2057</b:LCID>" in msccite.dumps([Record("book", language="en-GB")], "word-xml")


def test_comments_hold_notes_and_carriers():
    rec = one("<b:Comments>First note\nsecond line\n\nOther note\n[csl:abstract] An abstract\n"
              "[ris:C5] x</b:Comments>")  # fmt: skip
    assert rec["note"] == ["First note\nsecond line", "Other note"] and rec["abstract"] == "An abstract"
    assert rec.extra == [Extra("ris", "C5", "x")]


def test_a_generated_guid_is_not_kept_and_a_real_one_is():
    out = msccite.dumps([Record("book", "k", title="T")], "word-xml")
    assert f"<b:Guid>{generated_guid('k')}</b:Guid>" in out
    assert msccite.loads(out, "word-xml")[0].extra == []
    guid = "{623C0B9A-F12C-498C-8DDE-C35D5F06976C}"
    assert one(f"<b:Tag>k</b:Tag><b:Guid>{guid}</b:Guid>").extra == [Extra("word-xml", "Guid", guid)]


def test_tags_are_unique_and_made_as_word_makes_them():
    recs = [Record("book", title="Alpha", author=[Name("Smith", "J.")], issued=Date.of(2018)),
            Record("book", title="Beta", author=[Name("Smith", "K.")], issued=Date.of(2018)),
            Record("book", "dup", title="Gamma"), Record("book", "dup", title="Delta"),
            Record("book", title="Zeta")]  # fmt: skip
    tags = [text(s, "Tag") for s in sources(msccite.dumps(recs, "word-xml"))]
    assert tags == ["Smi18", "Smi18a", "dup", "dupa", "Zet"]


def test_markup_characters_are_escaped_and_what_xml_cannot_hold_travels_in_the_comments():
    rec = Record("book", "k", title="a & b < c\r\nnew line", publisher="Bell\x07")
    out = msccite.dumps([rec], "word-xml", lossless=True)
    assert "<b:Title>a &amp; b &lt; c&#13;\nnew line</b:Title>" in out
    assert '[csl:publisher=json] "Bell\\u0007"' in out and msccite.loads(out, "word-xml")[0] == rec


def test_broken_xml_is_an_error_with_its_line_and_entities_are_never_expanded():
    recs, problems = read(f"{HEAD}\n<b:Source><b:Tag>a</b:Tag></b:Source>\n<b:Source><b:Tag>b</b:Tag>\n</b:Sources>")
    assert [r.id for r in recs] == ["a"] and problems[0].severity == "error" and problems[0].line == 4
    bomb = f'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n{HEAD}' \
           "<b:Source><b:Title>&e;</b:Title></b:Source></b:Sources>"  # fmt: skip
    recs, _ = read(bomb)
    assert "root:" not in (recs[0].title or "") if recs else True


def test_detection():
    assert word_xml.detect(f'<?xml version="1.0"?>\n<b:Sources SelectedStyle="" xmlns:b="{NS}"></b:Sources>') == 0.95
    assert word_xml.detect("<xml><records><record/></records></xml>") == 0.0
    assert word_xml.detect("<Sources><Source><Tag>x</Tag></Source></Sources>") == 0.5  # no namespace: less sure
    assert (
        msccite.registry.for_path("C:/Users/me/AppData/Roaming/Microsoft/Bibliography/Sources.xml").name == "word-xml"
    )


# -- the writer -------------------------------------------------------------------------------------
def test_the_writer_writes_what_word_writes():
    rec = Record("article-journal", "Doe20", title="T", author=[Name("Doe", "Jane Q.")], editor=[Name("Roe", "R.")],
                 issued=Date.of(2020, 5, 17), container_title="J", volume="3", issue="4", page="10-19",
                 DOI="10.1/x", ISSN=["1234-5678"], URL=["https://x.org"], language="en-US", note=["n"])  # fmt: skip
    out = msccite.dumps([rec], "word-xml")
    assert out.startswith(
        f'<?xml version="1.0"?>\n<b:Sources SelectedStyle="" xmlns:b="{NS}" xmlns="{NS}">\n'
        "<b:Source><b:Tag>Doe20</b:Tag><b:SourceType>JournalArticle</b:SourceType><b:Guid>{"
    )
    (el,) = sources(out)
    assert names(el) == ["Tag", "SourceType", "Guid", "LCID", "Author", "Title", "JournalName", "Year", "Month", "Day",
                         "Pages", "Volume", "Issue", "StandardNumber", "Comments", "DOI", "URL"]  # fmt: skip
    assert names(el.find(B + "Author")) == ["Author", "Editor"]
    assert (text(el, "Month"), text(el, "Day")) == ("May", "17")
    assert msccite.loads(out, "word-xml")[0] == rec


def test_what_word_cannot_hold_is_carried_in_the_comments_only_when_asked():
    rec = Record("dataset", "k", title="T", abstract="A\nB", keyword=["x", "y"],
                 author=[Name("Gogh", "Vincent", non_dropping_particle="van"), Name(literal="WHO")],
                 extra=[Extra("ris", "C5", "x")])  # fmt: skip
    plain = msccite.dumps([rec], "word-xml")
    assert "[" not in plain and "<b:SourceType>Misc</b:SourceType>" in plain
    lossless = msccite.dumps([rec], "word-xml", lossless=True)
    assert "[csl:type] dataset" in lossless and "[ris:C5] x" in lossless
    assert msccite.loads(lossless, "word-xml")[0] == rec


@given(
    records(
        extra_format="word-xml",
        extra_tags=[
            "RefOrder",
            "StateProvince",
            "Title",
            "JournalName",
            "Month",
            "Year",
            "Guid",
            "StandardNumber",
            "URL",
            "LCID",
            "Author/Conductor",
        ],
    )
)
def test_property_lossless_round_trip_with_word_s_own_elements(rec):
    back = msccite.loads(msccite.dumps([rec], "word-xml", lossless=True), "word-xml")[0]
    if rec.id is None:
        back.id = None
    assert back == rec
    again = msccite.loads(msccite.dumps([back], "word-xml"), "word-xml")[0]  # the default keeps Word's own elements
    assert again.extras("word-xml") == back.extras("word-xml")


@pytest.mark.parametrize("source_type", sorted(SOURCE_TYPES))
def test_every_source_type_is_read_and_written_back(source_type):
    rec = one(f"<b:SourceType>{source_type}</b:SourceType><b:Title>T</b:Title>")
    assert rec.type == SOURCE_TYPES[source_type]
    (el,) = sources(msccite.dumps([rec], "word-xml"))
    assert text(el, "SourceType") == source_type
