"""CSL YAML (``msccite.formats.csl_yaml``): the forms pandoc, Quarto and R Markdown read, dates, YAML's traps, the
Markdown of text values, round trips, and pandoc itself as a client."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import msccite
from msccite import Date, Extra, Name, Record, registry
from msccite.formats.csl_yaml.markdown import from_markdown, to_markdown
from msccite.formats.csl_yaml.read import edtf
from paths import RIS_CORPUS, SEED_FILES

pypandoc = pytest.importorskip("pypandoc")

DOC = """---
references:
- id: doe2019
  type: article-journal
  title: "*In vivo* CO~2~ uptake"
  author:
  - family: Doe
    given: John
  - literal: MSC Study Group
  issued: 2019-05-03
  container-title: Journal of Tests
  volume: 12
  page: 1-10
  PMID: 31810187
- id: roe2020
  type: book
  title: A book
  issued:
    date-parts: [[2020, 2]]
...
"""


def read(text: str, **kw: Any) -> msccite.Records:
    return msccite.loads(text, "csl-yaml", errors="collect", **kw)


# -- reading --------------------------------------------------------------------------------------
def test_a_references_document():
    records = read(DOC)
    first, second = records
    assert not records.problems
    assert first.id == "doe2019" and first.title == "<i>In vivo</i> CO<sub>2</sub> uptake"
    assert first.authors == [Name("Doe", "John"), Name(literal="MSC Study Group")]
    assert first["issued"] == Date.of(2019, 5, 3)  # the EDTF string pandoc writes
    assert first["volume"] == 12 and first["PMID"] == "31810187"  # a number where CSL holds text is its text
    assert second["issued"] == Date.of(2020, 2) and second.type == "book"
    assert records.format == "csl-yaml" and registry.detect_name(DOC) == "csl-yaml"


def test_a_bare_list_and_one_item():
    (rec,) = read("- id: a\n  type: book\n  title: T\n")
    assert rec.title == "T"
    (one,) = read("id: b\ntype: book\ntitle: U\n")
    assert one.id == "b"


def test_a_markdown_file_with_front_matter():
    text = "---\ntitle: My paper\nbibliography: []\nreferences:\n- id: a\n  type: book\n  title: Cited\n---\n\n" \
           "# Introduction\n\nAs [@a] shows: - not YAML [x](y).\n"  # fmt: skip
    (rec,) = read(text)
    assert rec.title == "Cited" and rec.source.line == 5


def test_a_metadata_block_in_the_middle_of_a_markdown_file():
    text = "# Title\n\nSome text.\n\n---\nreferences:\n- id: a\n  type: book\n  title: Later\n...\n\nMore text.\n"
    (rec,) = read(text)
    assert rec.title == "Later" and rec.source.line == 7


@pytest.mark.parametrize(("text", "expected"), [
    ("2019", {"date-parts": [[2019]]}), ("2019-05", {"date-parts": [[2019, 5]]}),
    ("2019-05-03", {"date-parts": [[2019, 5, 3]]}), ("2019-05/2019-06", {"date-parts": [[2019, 5], [2019, 6]]}),
    ("2019~", {"date-parts": [[2019]], "circa": True}), ("2019-21", {"date-parts": [[2019]], "season": 1}),
    ("in press", {"raw": "in press"}), ("2019-13", {"raw": "2019-13"}), ("2019-02-31/x", {"raw": "2019-02-31/x"}),
])  # fmt: skip
def test_edtf_dates(text: str, expected: dict[str, Any]):
    assert edtf(text) == expected


def test_dates_in_every_form_pandoc_knows():
    text = """- id: a
  type: book
  issued: {date-parts: [["2019", "5"]]}
  accessed: [{year: 2020, month: 1, day: 2}]
  original-date: {literal: Spring 2019}
  submitted: 2019
  event-date: {year: 2021}
"""
    (rec,) = read(text)
    assert rec["issued"] == Date(parts=(("2019", "5"),))
    assert rec["accessed"] == Date.of(2020, 1, 2) and rec["submitted"] == Date.of(2019)
    assert rec["original-date"] == Date(literal="Spring 2019") and rec["event-date"] == Date.of(2021)


def test_yaml_11_traps_are_text():
    """yes/no/on/off, leading zeros, sexagesimal numbers, underscores, timestamps: the text they are."""
    text = "- id: a\n  type: book\n  title: No\n  volume: 0123\n  page: 1:30\n  issue: 1_000\n  edition: on\n" \
           "  note: 2019-05-03\n  number: 1.10\n"  # fmt: skip
    (rec,) = read(text)
    assert (rec.title, rec["volume"], rec["page"]) == ("No", "0123", "1:30")
    assert (rec["issue"], rec["edition"]) == ("1_000", "on")
    assert rec["note"] == ["2019-05-03"] and rec["number"] == 1.1  # a YAML 1.2 number stays a number


def test_problems_are_reported_with_their_lines():
    records = read("---\nreferences:\n- id: a\n  type: book\n- just text\n- id: c\n  type: nosuchtype\n  "
                   "author: Doe, J.\n")  # fmt: skip
    messages = [(p.line, p.message) for p in records.problems]
    assert (5, "item 2: expected a mapping (a CSL item), found text; skipped") in messages
    assert any(line == 6 and "not a CSL item type" in m for line, m in messages)
    assert any(line == 6 and "read as a literal" in m for line, m in messages)
    assert [r.id for r in records] == ["a", "c"]
    bad = read("references:\n- id: a\n  title: [unclosed\n")
    assert bad.problems[0].line == 4 and "not valid YAML" in bad.problems[0].message


def test_aliases_are_refused_and_deep_nesting_is_bounded():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nreferences:\n- id: a\n" \
           "  type: book\n  note: [*b, *b, *b, *b]\n"  # fmt: skip
    records = read(bomb)
    assert not records and "aliases" in records.problems[0].message
    assert "nested too deeply" in read("[" * 50_000).problems[0].message
    assert "nested too deeply" in read("- " * 50_000 + "x").problems[0].message


def test_no_references():
    records = read("title: Just a document\n")
    assert not records and "no references" in records.problems[0].message


# -- writing --------------------------------------------------------------------------------------
def test_the_written_document():
    rec = Record("article-journal", "doe2019", title="<i>In vivo</i> O'Brien -- 50% *not* marked",
                 author=[Name("Doe", "John")], issued=Date.of(2019, 5, 3), volume="12", ISSN=["08912963"],
                 keyword=["a", "b"], note=["line 1", "line 2"])  # fmt: skip
    text = msccite.dumps([rec], "csl-yaml")
    assert text.startswith("---\nreferences:\n- id: doe2019\n  type: article-journal\n") and text.endswith("\n...\n")
    assert "title: '*In vivo* O\\''Brien \\-\\- 50% \\*not\\* marked'" in text
    assert "issued:\n    date-parts: [[2019, 5, 3]]" in text
    assert "volume: '12'" in text and "ISSN: '08912963'" in text  # strings a YAML 1.2 reader would take for numbers
    assert read(text)[0] == rec
    assert msccite.dumps([], "csl-yaml") == "---\nreferences: []\n...\n" and not read("---\nreferences: []\n...\n")


def test_lossless_round_trip_keeps_everything():
    rec = Record("chapter", None, title='A <span class="nocase">NoCase</span> x<sup>2 3</sup> and [brackets]',
                 author=[Name("Gogh", "Vincent", non_dropping_particle="van", suffix="Jr.")],
                 issued=Date(parts=((2019, 5), (2020, 1))), accessed=Date(raw="in press"), page="e0245432",
                 abstract="p1\n\np3 with \\ backslash", categories=["x"], custom={"k": [1, 2.5, None, True]},
                 extra=[Extra("ris", "C5", "x"), Extra("kv", "n", {"a": 1})])  # fmt: skip
    (back,) = msccite.loads(msccite.dumps([rec], "csl-yaml", lossless=True), "csl-yaml")
    assert back == rec


def test_surrogates_are_written_and_read_as_csl_json_does():
    records = read(msccite.dumps([Record("book", "k", title="x\ud800y")], "csl-yaml"))
    assert records[0].title == "x\ufffdy" and "lone surrogate" in records.problems[0].message


_TEXT = st.text(st.characters(blacklist_categories=["Cs"]), max_size=40)
_PIECES = st.sampled_from(["<i>", "</i>", "<b>", "</b>", "<sup>", "</sup>", "<sub>", "</sub>", "</span>",
                           '<span class="nocase">', '<span style="font-variant:small-caps;">', "*", "**", "^", "~",
                           "[", "]", "{.nocase}", "\\", "\n", " ", "--", "...", "'", '"', "_", "@", "&amp;", "#",
                           "1. ", "- ", "e.g. "])  # fmt: skip


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.one_of(_PIECES, _TEXT), max_size=12).map("".join))
def test_property_markdown_of_any_text_reads_back_as_that_text(text: str):
    assert from_markdown(to_markdown(text)) == text


@pytest.mark.parametrize(("text", "markdown"), [
    ("<i>In vivo</i> CO<sub>2</sub>", "*In vivo* CO~2~"), ("x<sup>a b</sup>", "x^a\\ b^"),
    ('<span style="font-variant:small-caps;">Sc</span>', "[Sc]{.smallcaps}"),
    ('<span class="nocase">DNA</span>', "[DNA]{.nocase}"), ("<b><i>x</i></b>", "***x***"),
    ("<i><b>x</b></i>", "\\<i>\\<b>x\\</b>\\</i>"),  # reads back ambiguously as Markdown: kept as text
    ("1. Introduction", "1\\. Introduction"), ("# 1", "\\# 1"), ("e.g. this", "e.g\\. this"),
    ("a_b _c_", "a_b \\_c\\_"),
    ("x@y.org @key", "x@y.org \\@key"), ("&amp; &", "\\&amp; &"), ("$x$", "\\$x\\$"), ("l1\nl2", "l1\\\nl2"),
])  # fmt: skip
def test_markdown(text: str, markdown: str):
    assert to_markdown(text) == markdown
    assert from_markdown(markdown) == text


def test_pandoc_typography_when_not_escaped():
    assert from_markdown('O\'Brien "q" -- --- ...') == "O\u2019Brien \u201cq\u201d \u2013 \u2014 \u2026"


# -- detection ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "references:\n- id: a\n  type: book\n", "---\ntitle: x\nreferences:\n  - id: a\n    title: t\n---\n# Body\n",
    "references: []\n", "- id: a\n  type: book\n  title: t\n",
])  # fmt: skip
def test_detected(text: str):
    assert registry.detect_name(text) == "csl-yaml"


@pytest.mark.parametrize("path", list(SEED_FILES) + list(RIS_CORPUS), ids=lambda p: p.name)
def test_other_files_are_not_csl_yaml(path):
    assert registry.get("csl-yaml").detect(path.read_text(encoding="utf-8", errors="replace")[:65536]) == 0.0


# -- pandoc as the client -------------------------------------------------------------------------
def pandoc_csl(yaml_text: str) -> list[dict[str, Any]]:
    """The CSL-JSON pandoc makes of our YAML, read as a Markdown document's metadata (what it cannot hold, a
    ``custom`` map or a ``categories`` list, it writes as an empty string: left out here)."""
    items = json.loads(pypandoc.convert_text(yaml_text, "csljson", format="markdown"))
    return [{k: v for k, v in i.items() if not (k in ("custom", "categories") and v == "")} for i in items]


_NOCASE = re.compile(r'<span class="nocase">(.*?)</span>')


def as_pandoc_keeps_it(item: dict[str, Any]) -> dict[str, Any]:
    """Our CSL-JSON item as pandoc gives it back (docs/formats/csl-yaml.md, "What pandoc changes"): no ``custom``
    and no ``categories``, numbers as text, nocase spans as their words, a date's ``raw`` left out."""
    out = {}
    for key, value in item.items():
        if key in ("custom", "categories"):
            continue
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        elif isinstance(value, str):
            value = _NOCASE.sub(r"\1", value)
        elif isinstance(value, dict) and "raw" in value:
            value = {k: v for k, v in value.items() if k != "raw"}
        out[key] = value
    return out


def by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {i["id"]: i for i in items}


@pytest.mark.parametrize("path", list(SEED_FILES) + list(RIS_CORPUS), ids=lambda p: p.name)
def test_pandoc_reads_our_yaml_into_our_csl_json(path):
    """The seeds and the RIS corpus, normalized as ``msccite convert`` does: pandoc reads the YAML we write into
    the CSL-JSON our CSL-JSON writer writes, but for what pandoc does not keep (``custom``)."""
    records = msccite.read(path, errors="collect", normalize=True)
    ours = json.loads(msccite.dumps(records, "csl-json"))
    theirs = pandoc_csl(msccite.dumps(records, "csl-yaml"))
    assert len(theirs) == len(ours)
    assert by_id(theirs) == {k: as_pandoc_keeps_it(v) for k, v in by_id(ours).items()}


_SPACES = re.compile(r"[ \t]+")


def as_pandoc_spaces_it(value: Any) -> Any:
    """Text as pandoc's Markdown gives it: runs of spaces as one, none at a line's ends."""
    if isinstance(value, str):
        return "\n".join(_SPACES.sub(" ", line).strip() for line in value.split("\n"))
    if isinstance(value, list):
        return [as_pandoc_spaces_it(v) for v in value]
    if isinstance(value, dict):
        return {k: as_pandoc_spaces_it(v) for k, v in value.items()}
    return value


def joined_particles(item: dict[str, Any]) -> dict[str, Any]:
    """Names with their particles put back in the family and given names (pandoc takes them out)."""
    out = dict(item)
    for var, names in item.items():
        if isinstance(names, list) and names and isinstance(names[0], dict) and var not in ("categories",):
            fixed = []
            for n in names:
                n = dict(n)
                if "non-dropping-particle" in n:
                    n["family"] = f"{n.pop('non-dropping-particle')} {n.get('family', '')}".strip()
                if "dropping-particle" in n:
                    n["given"] = f"{n.get('given', '')} {n.pop('dropping-particle')}".strip()
                fixed.append(n)
            out[var] = fixed
    return out


@pytest.mark.parametrize("path", list(SEED_FILES) + list(RIS_CORPUS), ids=lambda p: p.name)
def test_pandoc_reads_our_yaml_of_records_as_read(path):
    """Records as their readers give them (not normalized): pandoc also collapses runs of spaces and takes the
    particles off family and given names ("de Bree" -> non-dropping-particle "de", family "Bree")."""
    records = msccite.read(path, errors="collect")
    ours = json.loads(msccite.dumps(records, "csl-json"))
    theirs = pandoc_csl(msccite.dumps(records, "csl-yaml"))
    expected = {k: joined_particles(as_pandoc_spaces_it(as_pandoc_keeps_it(v))) for k, v in by_id(ours).items()}
    assert {k: joined_particles(v) for k, v in by_id(theirs).items()} == expected


def test_pandoc_reads_the_marks_and_the_characters_markdown_would_change():
    rec = Record("article-journal", "k", title='<i>In vivo</i> CO<sub>2</sub> x<sup>2</sup> <b>bold</b> '
                 '<span style="font-variant:small-caps;">Sc</span> <span class="nocase">DNA</span>',
                 abstract="O'Brien \"quoted\" 1--2 a... e.g. this, et al. (2012); *star* _under_ [x](y) @key $x$ "
                          "&amp; <tag> \\ back\n1. not a list\n# not a heading",
                 note=["- not an item", "+ nor this"])  # fmt: skip
    (item,) = pandoc_csl(msccite.dumps([rec], "csl-yaml"))
    ours = json.loads(msccite.dumps([rec], "csl-json"))[0]
    assert item == as_pandoc_keeps_it(ours)
    assert item["title"].endswith("Sc</span> DNA")  # pandoc writes no nocase span


def test_we_read_what_pandoc_writes():
    """pandoc's own CSL YAML (``pandoc -f csljson -t markdown -s``) reads back into the items it came from, but for
    what pandoc's writer changes: numbers written as numbers, ``custom`` left out."""
    for path in list(SEED_FILES)[:3]:
        records = msccite.read(path, errors="collect", normalize=True)
        js = msccite.dumps(records, "csl-json")
        markdown = pypandoc.convert_text(js, "markdown", format="csljson", extra_args=["-s"])
        back = read(markdown)
        assert not back.problems, back.problems
        theirs = by_id(json.loads(msccite.dumps(back, "csl-json")))
        for key, item in by_id(json.loads(js)).items():
            assert as_pandoc_keeps_it(theirs[key]) == as_pandoc_keeps_it(item)
