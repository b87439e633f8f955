"""Web of Science: e-mail addresses on author names, the article number as the page, and the round trip
of such records through every writable format.

The fixture ``tests/data/wos/author_emails_article_numbers.txt`` is in the shape of a real export: an
article with no ``BP``/``EP`` (``AR e0245432``) whose ``AU`` and ``AF`` names carry addresses (one, two in
one parenthesis, none), and an article with ``BP``/``EP`` and ``AR``, an address on an ``AU`` name only
and a group author.
"""

from __future__ import annotations

import pytest

import msccite
from msccite import Extra, Name
from msccite.context import ReadContext
from msccite.formats import wos
from msccite.formats.wos.read import split_emails
from msccite.textio import iter_lines
from paths import ROOT

FIXTURE = ROOT / "tests" / "data" / "wos" / "author_emails_article_numbers.txt"
HEADER = "FN Clarivate Analytics Web of Science\nVR 1.0\n"
ROUND_TRIP_FORMATS = ("ris", "csl-json", "bibtex", "medline", "endnote", "endnote-xml", "kv")


def read(text: str) -> tuple[list, list]:
    ctx = ReadContext("wos", errors="collect")
    return list(wos.read(iter_lines(text), ctx)), ctx.problems


def one(body: str) -> msccite.Record:
    records, problems = read(HEADER + body + "ER\n\nEF\n")
    assert len(records) == 1 and problems == [], problems
    return records[0]


def fixture() -> list[msccite.Record]:
    records, problems = read(FIXTURE.read_text(encoding="utf-8"))
    assert problems == []
    return records


def emails(rec: msccite.Record) -> list[tuple[str, str]]:
    return [(e.key, e.value) for e in rec.extra if e.key.startswith("EM@")]


# -- e-mail addresses on names ---------------------------------------------------------------------
def test_fixture_names_carry_no_address():
    first, second = fixture()
    assert first.authors == [Name("Alvarez-Viejo", "Maria"), Name("Ortiz", "Jose Ramon"),
                             Name("Medvedeff", "Cassandra A"), Name("Nguyen", "Thanh")]  # fmt: skip
    assert second.authors == [Name("Kim", "Soo"), Name("Park", "Hyun"), Name(literal="Korean MSC Consortium")]
    assert "@" not in repr(first.authors) + repr(second.authors)


def test_fixture_addresses_are_per_author_extras():
    first, second = fixture()
    # n is the author's 1-based position in rec["author"]; the address on both AU and AF is kept once
    assert emails(first) == [("EM@2", "jrortiz@ucm.es"), ("EM@2", "jr.ortiz@hotmail.com"),
                             ("EM@3", "medvedeff22@ufl.edu")]  # fmt: skip
    assert first.authors[2] == Name("Medvedeff", "Cassandra A")
    # an address on the abbreviated AU name only still goes to the author the AF line beside it gave
    assert emails(second) == [("EM@1", "sookim@snu.ac.kr")]
    # the abbreviated names are kept without their addresses; the record's EM tag stays as it was
    assert [e.value for e in first.extra if e.key == "AU"] == ["Alvarez-Viejo, M", "Ortiz, JR", "Medvedeff, CA",
                                                               "Nguyen, T"]  # fmt: skip
    assert Extra("wos", "EM", "jrortiz@ucm.es; medvedeff22@ufl.edu") in first.extra
    assert first.custom == {} and second.custom == {}


def test_af_name_with_one_address():
    rec = one("PT J\nAU Medvedeff, CA (medvedeff22@ufl.edu)\nAF Medvedeff, Cassandra A (medvedeff22@ufl.edu)\n"
              "TI T\n")  # fmt: skip
    assert rec.authors == [Name("Medvedeff", "Cassandra A")]
    assert rec.extra == [Extra("wos", "AU", "Medvedeff, CA"), Extra("wos", "EM@1", "medvedeff22@ufl.edu")]


def test_au_alone_with_addresses():
    rec = one("PT J\nAU Smith, JA\n   Medvedeff, CA (medvedeff22@ufl.edu)\n   Roe, R (r.roe@x.org;rroe@y.edu)\nTI T\n")
    assert rec.authors == [Name("Smith", "JA"), Name("Medvedeff", "CA"), Name("Roe", "R")]
    assert rec.extra == [Extra("wos", "EM@2", "medvedeff22@ufl.edu"), Extra("wos", "EM@3", "r.roe@x.org"),
                         Extra("wos", "EM@3", "rroe@y.edu")]  # fmt: skip


def test_addresses_of_au_and_af_are_merged_in_file_order():
    rec = one("PT J\nAU Doe, J (jd@x.org; jdoe@y.edu)\nAF Doe, Jane (jd@x.org; jane@z.net)\nTI T\n")
    assert rec.authors == [Name("Doe", "Jane")]
    assert emails(rec) == [("EM@1", "jd@x.org"), ("EM@1", "jdoe@y.edu"), ("EM@1", "jane@z.net")]
    assert [e.value for e in rec.extra if e.key == "AU"] == ["Doe, J"]


@pytest.mark.parametrize(
    "order", ["CA Study Grp\nAF Doe, Jane (jd@x.org)\n", "AF Doe, Jane (jd@x.org)\nCA Study Grp\n"]
)
def test_position_is_the_place_in_author_group_authors_included(order):
    rec = one(f"PT J\nAU Doe, J\n{order}TI T\n")
    ((key, value),) = emails(rec)
    assert value == "jd@x.org" and rec.authors[int(key.removeprefix("EM@")) - 1] == Name("Doe", "Jane")
    assert len(rec.authors) == 2


@pytest.mark.parametrize(
    ("af", "expected"),
    [
        ("Smith, John (Ed.)", Name("Smith", "John (Ed.)")),  # not an address: as today
        ("Smith, John (jsmith@x.org; see also)", Name("Smith", "John (jsmith@x.org; see also)")),  # not all addresses
        ("Smith, John (at x.org)", Name("Smith", "John (at x.org)")),
        ("(jsmith@x.org)", Name(literal="(jsmith@x.org)")),  # nothing left for a name: kept whole
        ("Smith, John", Name("Smith", "John")),
    ],
)
def test_a_parenthesis_that_is_not_addresses_is_left_in_the_name(af, expected):
    rec = one(f"PT J\nAF {af}\nTI T\n")
    assert rec.authors == [expected]
    assert emails(rec) == []


def test_au_address_without_an_af_line_to_go_with_stays_in_the_au_extra():
    rec = one("PT J\nAU Doe, J\n   Roe, R (rr@x.org)\nAF Doe, Jane\nTI T\n")
    assert rec.authors == [Name("Doe", "Jane")]
    assert [e.value for e in rec.extra if e.key == "AU"] == ["Doe, J", "Roe, R (rr@x.org)"]
    assert emails(rec) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Medvedeff, Cassandra A (medvedeff22@ufl.edu)", ("Medvedeff, Cassandra A", ["medvedeff22@ufl.edu"])),
        ("Ortiz, JR (jrortiz@ucm.es; jr.ortiz@hotmail.com)", ("Ortiz, JR", ["jrortiz@ucm.es", "jr.ortiz@hotmail.com"])),
        ("Ortiz, JR ( a.b@c.org , d@e.co.uk )", ("Ortiz, JR", ["a.b@c.org", "d@e.co.uk"])),
        ("Smith, J (Ed.)", ("Smith, J (Ed.)", [])),
        ("Smith, J", ("Smith, J", [])),
        ("Smith, J (x@y)", ("Smith, J (x@y)", [])),  # no domain dot: not an address
    ],
)
def test_split_emails(text, expected):
    assert split_emails(text) == expected


# -- article numbers -------------------------------------------------------------------------------
def test_article_number_is_the_page_when_there_is_no_bp_or_ep():
    first, second = fixture()
    assert first["page"] == "e0245432" and "number" not in first  # the locator, once
    assert first.keys["page"] == "wos:AR"
    assert (second["page"], second["number"]) == ("1-12", "98")  # BP/EP give the page; AR is the number


def test_article_number_beside_pages():
    assert (lambda r: (r["page"], r["number"]))(one("PT J\nAR 2102\nBP 1\nEP 14\n")) == ("1-14", "2102")
    rec = one("PT J\nAR 2102\nBP e12\n")
    assert (rec["page"], rec["number"]) == ("e12", "2102")
    rec = one("PT J\nAR 2102\nEP 14\n")  # a lone EP stays an extra; BP/EP are not absent, AR is the number only
    assert "page" not in rec and rec["number"] == "2102" and rec.extra == [Extra("wos", "EP", "14")]
    rec = one("PT J\nTI T\n")
    assert "page" not in rec and "number" not in rec


def test_empty_and_repeated_article_numbers():
    rec = one("PT J\nAR \nAR e7\nAR e8\n")
    assert (rec["page"], rec.get("number")) == ("e7", None)
    assert rec.extra == [Extra("wos", "AR", ""), Extra("wos", "AR", "e8")]


# -- the round trip --------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ROUND_TRIP_FORMATS)
def test_lossless_round_trip_through_every_writable_format(fmt):
    records = fixture()
    back = list(msccite.loads(msccite.dumps(records, fmt, lossless=True), fmt))
    for rec in back:  # BibTeX and CSL-JSON must give a record a key: the only thing a trip may add
        rec.id = None
    assert len(back) == len(records)
    for want, got in zip(records, back, strict=True):
        assert got.type == want.type
        assert dict(got.items()) == dict(want.items())
        assert got.extra == want.extra
        assert got.custom == want.custom
        assert got == want


def test_book_group_author_and_page_span():
    """GP is the body a book is by: for a paper in it (there are AU), the book's author, not the paper's; PS, the
    page span of older exports, is the page when nothing else gives one."""
    text = ("FN Clarivate Analytics Web of Science\nVR 1.0\n"
            "PT B\nAU Chen, L\nGP IEEE\nTI A protocol\n"
            "DT Proceedings Paper\nPY 2005\nBP 532\nEP 537\nPS 6\nER\n\nPT J\nAU Smith, L. J.\nTI Dogs\n"
            "SO Veterinary Surgery\nPS 170\nPY 1998\nER\n\n"
            "PT B\nGP WHO Group\nTI A book\nPY 2001\nER\nEF\n")  # fmt: skip
    paper, article, book = msccite.loads(text, "wos")
    assert [n.family for n in paper.authors] == ["Chen"] and paper["container-author"] == [Name(literal="IEEE")]
    assert paper["page"] == "532-537" and ("PS", "6") in [(e.key, e.value) for e in paper.extra]
    assert article["page"] == "170"
    assert book["author"] == [Name(literal="WHO Group")] and "container-author" not in book
