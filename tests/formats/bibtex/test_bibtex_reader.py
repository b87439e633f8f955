"""The BibTeX reader: values, macros, LaTeX, names, dates, extras, blocks kept in order, bad input."""

from __future__ import annotations

import pytest

import msccite
from msccite import Date, Extra, Name, ParseError
from paths import ROOT

DATA = ROOT / "tests" / "data" / "bibtex"


def one(text: str, **options):
    recs = msccite.loads(text, "bibtex", errors="collect", **options)
    assert len(recs) == 1, recs.problems
    return recs[0]


def test_braced_quoted_numbers_macros_and_concatenation():
    rec = one('@string{ct = {Cyto}}\n@article{k, journal = ct # "therapy", volume = 26, title = "A {B} c",\n'
              'note = "x" # {y} # 3}')  # fmt: skip
    assert rec["container-title"] == "Cytotherapy"
    assert rec["volume"] == "26"
    assert rec["title"] == 'A <span class="nocase">B</span> c'  # the braces protect B's case
    assert rec["note"] == ["xy3"]


def test_parenthesised_entries_and_nested_braces():
    rec = one("@article(k,\n  title = {Outer {inner {deep}} text},\n  year = {2001})\n")
    assert rec.id == "k"
    assert rec["title"] == 'Outer <span class="nocase">inner deep</span> text'  # the group protects case
    assert rec["issued"] == Date.of(2001)


def test_latex_is_decoded_into_unicode_and_pages_use_a_hyphen():
    rec = one(r"""@article{k, author = {M{\"u}ller, J{\"o}rg and Rodr{\'\i}guez, Clara I.},
      title = {{MSC} in {\"U}ber \& Stra\ss e -- 50\% \textit{in vivo}}, pages = {1579--86}}""")
    assert rec.authors == [Name("Müller", "Jörg"), Name("Rodríguez", "Clara I.")]
    assert rec["title"] == '<span class="nocase">MSC</span> in Über & Straße – 50% <i>in vivo</i>'
    assert rec["page"] == "1579-86"


def test_names_by_bibtex_rules():
    rec = one("@book{k, author = {Ludwig van Beethoven and de la Fontaine, Jr., Jean and Blanc, Katarina Le and "
              "{WHO Collaborating Group on Cell Therapy} and Le Blanc, Katarina and others}}")  # fmt: skip
    assert rec.authors == [
        Name("Beethoven", "Ludwig", non_dropping_particle="van"),
        Name("Fontaine", "Jean", non_dropping_particle="de la", suffix="Jr."),
        Name("Blanc", "Katarina Le"),  # faithful: the source's own mangling; normalization repairs it
        Name(literal="WHO Collaborating Group on Cell Therapy"),
        Name("Le Blanc", "Katarina"),
    ]
    assert rec.custom["truncated"] == ["author"]


def test_month_macros_and_dates():
    assert one("@misc{k, year = 2019, month = dec}")["issued"] == Date.of(2019, 12)
    assert one("@misc{k, year = {2019}, month = {December}}")["issued"] == Date.of(2019, 12)
    assert one('@misc{k, year = 2019, month = jun # "~5"}')["issued"] == Date.of(2019, 6, 5)
    assert one("@misc{k, date = {2019-12-02}}")["issued"] == Date.of(2019, 12, 2)
    assert one("@misc{k, date = {2019-12/2020-01}}")["issued"] == Date(parts=((2019, 12), (2020, 1)))
    assert one("@misc{k, year = {in press}}")["issued"] == Date(raw="in press")


def test_a_month_that_contradicts_the_date_is_kept_and_reported():
    recs = msccite.loads("@misc{k, date = {2019-12-02}, month = mar}", "bibtex", errors="collect")
    assert recs[0]["issued"] == Date.of(2019, 12, 2)
    assert recs[0].extras("bibtex") == [Extra("bibtex", "month", "March")]
    assert "does not fit the date" in recs.problems[0].message


def test_fields_without_a_variable_are_kept_in_order():
    rec = one("@article{k, title = {T}, mendeley-tags = {a,b}, file = {:a_b.pdf:PDF}, owner = {me}, "
              "timestamp = {2020.01.01}, groups = {MSC}}")  # fmt: skip
    assert [(e.key, e.value) for e in rec.extra] == [
        ("mendeley-tags", "a,b"), ("file", ":a_b.pdf:PDF"), ("owner", "me"), ("timestamp", "2020.01.01"),
        ("groups", "MSC"),
    ]  # fmt: skip


def test_types_map_to_csl():
    text = "\n".join(f"@{t}{{k{i}, title = {{T}}}}" for i, t in enumerate(
        ["article", "inproceedings", "incollection", "book", "phdthesis", "mastersthesis", "techreport", "online",
         "misc", "unpublished", "dataset", "software", "Article"]))  # fmt: skip
    types = [r.type for r in msccite.loads(text, "bibtex")]
    assert types == ["article-journal", "paper-conference", "chapter", "book", "thesis", "thesis", "report",
                     "webpage", "document", "manuscript", "dataset", "software", "article-journal"]  # fmt: skip


def test_number_is_the_issue_of_an_article_and_the_number_of_a_report():
    assert one("@article{k, number = {3}}")["issue"] == "3"
    assert one("@techreport{k, number = {TR-7}}")["number"] == "TR-7"
    rec = one("@article{k, issue = {Suppl 1}, number = {3}}")
    assert (rec["issue"], rec["number"]) == ("Suppl 1", "3")


def test_keywords_issn_and_urls_are_lists():
    rec = one("@article{k, keywords = {MSC; GvHD}, issn = {1234-5678, 8765-4321}, url = {https://a.org/x}}")
    assert rec["keyword"] == ["MSC", "GvHD"]
    assert rec["ISSN"] == ["1234-5678", "8765-4321"]
    assert rec["URL"] == ["https://a.org/x"]


def test_verbatim_fields_are_not_decoded():
    rec = one(r"@article{k, doi = {10.1002/(SICI)1097_4636}, url = {https://x.org/a_b%20c~d}}")
    assert rec["DOI"] == "10.1002/(SICI)1097_4636"
    assert rec["URL"] == ["https://x.org/a_b%20c~d"]


def test_preamble_strings_comments_and_text_are_kept_in_order():
    recs = msccite.read(DATA / "macros.bib")
    assert [e.key for e in recs[0].extra] == ["@preamble", "@string", "@string"]
    jabref = msccite.read(DATA / "jabref.bib")
    assert jabref[0].extra[0] == Extra("bibtex", "@text", "% Encoding: UTF-8")
    assert [e.key for e in jabref[-1].extra if e.key.startswith("@")] == ["@end", "@end"]
    assert jabref[-1].extra[-1].value.startswith("@Comment{jabref-meta: grouping:")


def test_crossref_is_resolved_on_request_only():
    plain = msccite.read(DATA / "macros.bib")
    assert "container-title" not in plain[1]
    resolved = msccite.read(DATA / "macros.bib", crossref=True)
    child = resolved[1]
    assert child["container-title"] == "Proceedings of the Cell Therapy Conference"
    assert child["editor"] == [Name("Roe", "Richard")]
    assert child["issued"] == Date.of(2020)
    assert child["publisher"] == "Springer"


def test_broken_entry_is_reported_and_the_rest_is_read():
    recs = msccite.read(DATA / "broken.bib", errors="collect")
    assert [r.id for r in recs] == ["good1", "good2", "good1"]
    messages = [(p.line, p.severity, p.message) for p in recs.problems]
    assert messages[0][:2] == (7, "error") and "not closed: expected '}'" in messages[0][2]
    assert messages[1][:2] == (15, "warning") and "duplicate field 'title'" in messages[1][2]
    assert messages[2][:2] == (19, "warning") and "duplicate key 'good1' (first at line 1)" in messages[2][2]
    assert recs[1].extras("bibtex") == [Extra("bibtex", "title", "Third again")]


def test_strict_mode_raises_with_file_and_line():
    with pytest.raises(ParseError) as info:
        msccite.read(DATA / "broken.bib")
    assert str(info.value).startswith(f"{DATA / 'broken.bib'}:7: the entry is not closed")


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("@article{k,\n  title = {T},\n  year 2020\n}", 3, "expected a field name and '='"),
        ("@article{k,\n  title = {T} year = {2020}\n}", 2, "expected ',' or the end of the entry"),
        ('@article{k,\n  title = "open\n}', 2, "quoted value is not closed"),
    ],
)  # fmt: skip
def test_syntax_errors_name_the_line_and_what_was_expected(text, line, expected):
    recs = msccite.loads(text, "bibtex", errors="collect")
    assert list(recs) == []
    assert recs.problems[0].line == line, recs.problems[0]
    assert expected in recs.problems[0].message


def test_undefined_macro_is_reported_and_kept_by_name():
    recs = msccite.loads("@article{k, journal = nosuch}", "bibtex", errors="collect")
    assert recs[0]["container-title"] == "nosuch"
    assert "undefined macro 'nosuch'" in recs.problems[0].message


def test_zotero_export():
    recs = msccite.read(DATA / "zotero.bib")
    assert recs.format == "bibtex"
    art, book = recs
    assert art.authors[-1] == Name("De Salvo", "Andrea")
    assert art["title"].startswith('A phase <span class="nocase">I</span> study of autologous')  # Zotero's {I}
    assert art["issued"] == Date.of(2023, 9)
    assert art["accessed"] == Date.of(2024, 5, 2)
    assert art["page"] == "e169424"
    assert art["abstract"] == "Mesenchymal stromal cells (MSC) are multipotent cells."
    assert art.extras("bibtex")[0].key == "file"
    assert book.authors == [Name(literal="World Health Organization")]
    assert book["ISBN"] == ["978-92-4-003423-2"]


def test_a_type_without_its_brace_followed_by_a_blank_line_is_reported_not_a_crash():
    recs = msccite.loads("@A\n\nTY  - JOUR", "bibtex", errors="collect")
    assert list(recs) == [] and recs.problems and recs.problems[0].line == 1


# -- what real exports get wrong, read rather than skipped ---------------------------------------
NBSP = "\u00a0"


def _problems(recs) -> list[tuple[int, str, str]]:
    return [(p.line, p.severity, p.message) for p in recs.problems]


def test_scopus_export_with_funding_fields_is_read_whole():
    """Scopus writes ``funding_text 1`` with a no-break space in the name: every entry is read, the
    funding text kept as an extra under ``funding_text_1``, one warning per entry with its line."""
    path = DATA / "scopus_funding.bib"
    assert NBSP + "1 = {" in path.read_text(encoding="utf-8")
    recs = msccite.read(path, errors="collect")
    assert [r["DOI"] for r in recs] == ["10.5555/j.jcyt.2023.05.011", "10.5555/s13287-022-01043-7",
                                        "10.5555/ecco-jcc/jjad145"]  # fmt: skip
    assert [r.title.split(":")[0] for r in recs] == [
        "Umbilical cord-derived mesenchymal stromal cells for steroid-refractory acute graft-versus-host disease",
        "Bone marrow mesenchymal stromal cells in knee osteoarthritis",
        "Adipose-derived mesenchymal stromal cells for Crohn's perianal fistula",
    ]
    assert [r.source.line for r in recs] == [4, 31, 57]
    first = {e.key: e.value for e in recs[0].extras("bibtex")}
    assert first["funding_details"] == "Vetenskapsrådet, VR, 2019-01847"
    assert first["funding_text_1"].startswith("This work was supported by the Swedish Research Council")
    assert first["funding_text_2"].startswith("M.L. received a clinical research fellowship")
    assert [e.key for e in recs[1].extras("bibtex") if e.key.startswith("funding")] == \
        ["funding_details", "funding_text_1"]  # fmt: skip
    assert recs[0]["note"] == ["Cited by: 3"]
    assert _problems(recs) == [
        (18, "warning", "field names 'funding_text 1', 'funding_text 2' read as 'funding_text_1', 'funding_text_2'"),
        (45, "warning", "field name 'funding_text 1' read as 'funding_text_1'"),
        (71, "warning", "field names 'funding_text 1', 'funding_text 2' read as 'funding_text_1', 'funding_text_2'"),
    ]


def test_scopus_fixture_has_as_many_entries_for_bibtexparser():
    """Differential check (bibtexparser reads U+00A0 in names too, keeping the name as written)."""
    bibtexparser = pytest.importorskip("bibtexparser")
    lib = bibtexparser.parse_file(str(DATA / "scopus_funding.bib"))
    assert lib.failed_blocks == []
    assert [e.key for e in lib.entries] == [r.id for r in msccite.read(DATA / "scopus_funding.bib", errors="collect")]
    assert "funding_text" + NBSP + "1" in lib.entries[0].fields_dict


MISSING_COMMA = "@article{key,\n  title = {A title}\n  author = {Doe, Jane},\n  year = {2020}\n}"
SPACED = "@article{k,\n  title = {T},\n  funding_text" + NBSP + "1 = {Funded},\n  year = {2020}\n}\n"


@pytest.mark.parametrize(
    "text",
    [
        SPACED,
        SPACED.replace("{k,", "(k,").replace("\n}\n", "\n)\n"),  # parenthesised: the general parser only
        SPACED.replace("{T}", '"T" # {}'),  # a concatenation: the general parser only
        SPACED.replace(NBSP, " "),
        SPACED.replace(NBSP, NBSP + "\t "),  # a run of white space: one "_"
    ],
)  # fmt: skip
def test_a_field_name_with_white_space_is_read_normalized_whatever_the_path(text):
    recs = msccite.loads(text + "@misc{after, title = nosuch}\n", "bibtex", errors="collect")
    assert [r.id for r in recs] == ["k", "after"]
    rec = recs[0]
    assert (rec["title"], rec["issued"]) == ("T", Date.of(2020))
    assert rec.extras("bibtex") == [Extra("bibtex", "funding_text_1", "Funded")]
    assert recs[1].source.line == 6
    assert _problems(recs) == [
        (3, "warning", "field name 'funding_text 1' read as 'funding_text_1'"),
        (6, "warning", "undefined macro 'nosuch' in field 'title': its name is kept as the value"),
    ]


def test_the_fast_path_defers_to_the_general_parser_for_recovered_entries():
    from msccite.formats.bibtex.parse import _fast_entry, _parse

    spaced, missing = SPACED.rstrip(), MISSING_COMMA
    assert _fast_entry(spaced, 1) is None and _fast_entry(missing, 1) is None
    block = _parse(spaced, 1)
    assert (block.kind, block.spaced_names, block.warnings) == ("entry", True, [])
    assert [(f.name, f.line) for f in block.fields] == [("title", 2), ("funding_text" + NBSP + "1", 3), ("year", 4)]
    block = _parse(missing, 1)
    assert (block.kind, block.spaced_names) == ("entry", False)
    assert [(f.name, f.line) for f in block.fields] == [("title", 2), ("author", 3), ("year", 4)]
    assert block.warnings == [(2, "expected ',' between the fields 'title' and 'author'; read as if it were there")]


def test_a_field_name_with_white_space_is_written_back_normalized():
    recs = msccite.loads(SPACED, "bibtex", errors="collect")
    out = msccite.dumps(recs, "bibtex")
    assert "funding_text_1 = {Funded}" in out and NBSP not in out
    assert msccite.loads(out, "bibtex").problems == []


def test_warnings_do_not_stop_strict_mode():
    with pytest.warns(msccite.MscciteWarning, match="read as 'funding_text_1'"):
        recs = msccite.loads(SPACED, "bibtex")
    assert [r.id for r in recs] == ["k"]


def test_a_missing_comma_before_a_field_on_a_new_line_is_read_as_if_it_were_there():
    text = MISSING_COMMA + "\n@article{next,\n  title = {B},\n  journal = nosuch\n}\n"
    recs = msccite.loads(text, "bibtex", errors="collect")
    assert [r.id for r in recs] == ["key", "next"]
    rec = recs[0]
    assert (rec["title"], rec.authors, rec["issued"]) == ("A title", [Name("Doe", "Jane")], Date.of(2020))
    assert recs[1].source.line == 6
    assert _problems(recs) == [
        (2, "warning", "expected ',' between the fields 'title' and 'author'; read as if it were there"),
        (8, "warning", "undefined macro 'nosuch' in field 'journal': its name is kept as the value"),
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("@article(key,\n  title = {A}\n  year = 2020\n)", 2),  # parenthesised, a number
        ('@article{key, title = "A" # {B}\n\n  year = {2020}}', 1),  # a concatenation, a blank line
        ("@article{key,\n  journal = jcm\n  funding_text" + NBSP + "1 = {F},\n  year = {2020}\n}", 2),  # a macro
    ],
)  # fmt: skip
def test_a_missing_comma_is_recovered_whatever_the_value(text, line):
    recs = msccite.loads("@string{jcm = {J Clin Med}}\n" + text, "bibtex", errors="collect")
    assert [r.id for r in recs] == ["key"]
    assert recs[0]["issued"] == Date.of(2020)
    assert (recs.problems[0].line, recs.problems[0].severity) == (line + 1, "warning")
    assert "expected ',' between the fields" in recs.problems[0].message


def test_a_value_followed_by_text_on_its_line_is_still_an_error():
    recs = msccite.loads("@article{k,\n  title = {T} junk\n  year = {2020}\n}\n@misc{m, title = {M}}", "bibtex",
                         errors="collect")  # fmt: skip
    assert [r.id for r in recs] == ["m"]
    assert _problems(recs)[0][:2] == (2, "error")
    assert "expected ',' or the end of the entry after the field 'title'" in recs.problems[0].message


def test_a_field_whose_name_cannot_be_read_is_skipped_and_the_entry_is_kept():
    text = ('@article{k,\n  title = {T},\n  "quoted" = {a,\n    b = {c}},\n  year = {2020},\n'
            '  year 2021,\n  author = {Doe, Jane}\n}\n@misc{m, title = nosuch}\n')  # fmt: skip
    recs = msccite.loads(text, "bibtex", errors="collect")
    assert [r.id for r in recs] == ["k", "m"]
    assert (recs[0]["title"], recs[0]["issued"], recs[0].authors) == ("T", Date.of(2020), [Name("Doe", "Jane")])
    assert recs[1].source.line == 9
    assert _problems(recs) == [
        (3, "warning", "expected a field name and '=' at '\"quoted\" = {a,'; the field is skipped (lines 3-4)"),
        (6, "warning", "expected a field name and '=' at 'year 2021,'; the field is skipped (line 6)"),
        (9, "warning", "undefined macro 'nosuch' in field 'title': its name is kept as the value"),
    ]


def test_a_field_name_that_cannot_be_read_without_a_next_field_skips_the_entry():
    recs = msccite.loads('@article{k,\n  title = {T},\n  "quoted" = {a}, year = {2020}\n}\n@misc{m, title = {M}}',
                         "bibtex", errors="collect")  # fmt: skip
    assert [r.id for r in recs] == ["m"]
    assert _problems(recs)[0][:2] == (3, "error")
    assert "expected a field name and '='" in recs.problems[0].message
    assert recs.problems[0].message.endswith("(in the entry at line 1); the entry is skipped")


def test_lines_after_an_entry_that_closes_on_the_line_of_another_are_exact():
    recs = msccite.loads("\n\n@misc(a, title = {x}) @misc{b, title = {y}, journal = nosuch\n", "bibtex",
                         errors="collect")  # fmt: skip
    assert [(r.id, r.source.line) for r in recs] == [("a", 3), ("b", 3)]
    assert {p.line for p in recs.problems} == {3}


def test_recovered_problems_of_an_entry_come_in_line_order():
    text = ("@article{k,\n  funding_text" + NBSP + "1 = {F},\n  title = {T}\n  author = {Doe, Jane},\n"
            "  journal = {J}\n  funding_text" + NBSP + "2 = {G}\n}")  # fmt: skip
    recs = msccite.loads(text, "bibtex", errors="collect")
    assert [(e.key, e.value) for e in recs[0].extras("bibtex")] == [("funding_text_1", "F"), ("funding_text_2", "G")]
    assert _problems(recs) == [
        (2, "warning", "field names 'funding_text 1', 'funding_text 2' read as 'funding_text_1', 'funding_text_2'"),
        (3, "warning", "expected ',' between the fields 'title' and 'author'; read as if it were there"),
        (5, "warning", "expected ',' between the fields 'journal' and 'funding_text 2'; read as if it were there"),
    ]


@pytest.mark.parametrize("field", ["abstract", "note", "annote", "booktitle", "journal", "volume", "pages", "doi"])
def test_an_empty_field_costs_nothing_else(field):
    """``abstract = {}`` made the whole record unreadable (an index past the end of the empty text)."""
    text = f"@article{{a,\n  title = {{Cells}},\n  year = {{2020}},\n  {field} = {{}}\n}}\n"
    problems: list[msccite.ParseError] = []
    recs = msccite.loads(text, "bibtex", errors="collect", on_error=problems.append)
    assert problems == [] and len(recs) == 1
    assert recs[0].year == 2020 and recs[0]["title"] == "Cells"
    assert msccite.loads(msccite.dumps(recs, "bibtex"), "bibtex") == recs  # written back as read
