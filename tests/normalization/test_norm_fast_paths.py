"""The fast paths of normalization (issue 18) give what the general code gives: they only skip work."""

from __future__ import annotations

import re
import string
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from msccite.model import Extra, Name, Record
from msccite.names import parse_name
from msccite.normalization import abstracts, identifiers, keywords, names, pages, text

_ANY_TEXT = st.text(string.printable + "\u00a0\u200b\u2009\u3000\x00\x7f\x85éü中٣\ud800\U0001f600\u0378")


@given(_ANY_TEXT)
def test_property_printable_is_isprintable(s):
    assert text.printable(s) == s.isprintable()


def test_the_white_space_tidy_knows_is_all_there_is():
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace() and c != 0x20]
    assert list(text.WHITE_SPACE) == spaces + ["\u200b"]


@given(st.text(string.printable + "\u00a0\u200b\u2009\u3000\u2028\x1c\x85\u180e\ufeffé中 ", max_size=600))
def test_property_tidy_is_the_white_space_rule(s):
    # the rule as written in docs/normalization: every run of white space (\s, no-break and the other Unicode spaces,
    # the zero-width space) is one space, none at either end
    assert text.tidy(s) == re.sub(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+", " ", s).strip()
    long = s * (300 // max(1, len(s)) + 1)  # an abstract's length: tidied a kind of space at a time
    assert text.tidy(long) == re.sub(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+", " ", long).strip()


_TRIAL_PIECES = st.sampled_from(["NCT", "nct ", "ISRCTN", "ChiCTR", "ChiCTR-IPR-", "ChiCTR-ABCDE-", "ACTRN", "DRKS",
                                  "CTRI/2020/05/", "CTRI/2020/005/", "jRCT", "jRCTs", "UMIN", "EUCTR", "CTIS", "2016-",
                                  "2023-5", "-77", "-45-00", "-", "/", " ", "\n", "a", "é", "٣", "012345", "0123",
                                  "01234567", "0123456789", "00012345678901"])


def _full_scan(text):  # the pattern tried at every position: what the windows must give
    out = []
    for m in identifiers._TRIAL.finditer(text):
        ident = m.group("eu") or m.group("ctis")
        if not ident:
            base = next(k for k in identifiers._CANONICAL if m.group(k))
            number = m.group(f"{base}_n")
            number = number.upper() if base == "chictr" else number.lower() if base == "jrct" else number
            ident = identifiers._CANONICAL[base] + number
        out.append(ident)
    return list(dict.fromkeys(out))


@given(st.lists(_TRIAL_PIECES, max_size=14).map("".join))
def test_property_trial_ids_found_in_windows_are_the_full_scan(s):
    assert identifiers.find_trial_ids(s) == _full_scan(s)


_ID_PIECES = st.sampled_from(["PMID: 31810187", "PubMed ID 12", "PUBMED 38407106,EMBASE 643589775", "pmid#7",
                              "https://pubmed.ncbi.nlm.nih.gov/31810187/", "https://www.ncbi.nlm.nih.gov/pubmed/123",
                              "https://europepmc.org/article/MED/555", "https://europepmc.org/article/PMC/PMC6947442",
                              "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC6947442/", "PMCID: PMC123", "PMC 44",
                              "https://pmc.ncbi.nlm.nih.gov/articles/PMC77/", "http://example.org/x", "note", " ", "1",
                              "PubMed", "PMC", "pmc", "10.1/x"])  # fmt: skip


@given(st.lists(_ID_PIECES, max_size=3), st.lists(_ID_PIECES, max_size=3), st.lists(_ID_PIECES, max_size=3),
       st.sampled_from(["", "PubMed", "Scopus"]), st.sampled_from(["", "31810187"]))
def test_property_a_pmid_or_pmcid_is_looked_for_only_where_its_word_is(urls, notes, extras, source, accession):
    rec = Record("article-journal", URL=urls, note=notes, source=source, archive_location=accession)
    rec.extra = [Extra("ris", "M2", v) for v in extras]
    texts = identifiers._Texts(rec)
    if identifiers._first(identifiers._pmid_candidates(rec, texts)) is not None:
        assert texts.name(*identifiers._PMID_WORDS)
    if identifiers._first(identifiers._pmcid_candidates(rec, texts)) is not None:
        assert texts.name("pmc")


@given(st.text("aZ09+.-:/ é\tHhTtPpSs", max_size=24))
def test_property_a_url_key_drops_the_scheme_as_the_rule_says(url):
    rest = re.sub(r"^[A-Za-z][A-Za-z0-9+.\-]*://", "", url.strip())  # the rule: a scheme, then "://"
    host, slash, path = rest.partition("/")
    assert identifiers._url_key(url) == (host.lower() + slash + path).rstrip("/")


_DOI_CHARS = string.ascii_letters + string.digits + "./-_;:()[]<>%\"' ,!?}#"


@given(st.from_regex(r"10\.[0-9]{1,10}(\.[0-9]{1,3})?/", fullmatch=True),
       st.text(string.ascii_lowercase + string.digits + "./-_;()", max_size=12), st.text(_DOI_CHARS, max_size=2))
def test_property_a_doi_the_fast_path_keeps_is_clean(prefix, body, end):
    doi = prefix + body + end  # mostly clean, what the fast path keeps; the end may be what it must not
    rec = Record("article-journal", DOI=doi)
    identifiers._normalize_doi(rec, identifiers._Texts(rec))
    found, clean = identifiers.find_dois(doi), identifiers.clean_doi(doi)
    expected = clean if clean is not None and identifiers.doi_problem(clean) is None and len(found) <= 1 else doi
    assert rec["DOI"] == expected


@given(st.from_regex(r"[0-9]{1,6}-[0-9]{1,6}", fullmatch=True))
def test_property_pages_the_fast_path_keeps_are_normal(page):
    rec = Record("article-journal", page=page)
    pages.normalize_pages(rec)
    assert rec["page"] == pages.normalize_page(page)


@given(st.lists(st.text(" ;aAbB\u00a0\t", max_size=6), min_size=1, max_size=6))
def test_property_keywords_without_splitting_or_tidying_are_the_general_case(entries):
    general = [" ".join(kw.split()) for entry in entries for kw in entry.split(";")]
    assert keywords._split(entries) == general


_PART = st.text(" a|\u00a0\t", max_size=3)


@given(st.builds(Name, _PART, _PART, _PART, _PART, _PART, _PART))
def test_property_tidy_name_is_the_name_itself_when_tidy(name):
    tidied = Name(*(text.tidy(getattr(name, f)) for f in Name.__slots__))
    out = text.tidy_name(name)
    assert out == tidied
    assert (out is name) == (tidied == name and tidied != Name())


@pytest.mark.parametrize("text_name", ["Smith, John", "van Gogh, Vincent", "De, Salvo A.", "Blanc, Katarina Le",
                                       "SMITH, JOHN", "Vivarelli MC", "Study Group"])
def test_normalize_name_gives_a_normal_name_back_itself(text_name):
    once = names.normalize_name.__wrapped__(parse_name(text_name))
    assert names.normalize_name.__wrapped__(once) is once


@given(st.text(string.ascii_letters + " \n\t\u00a0<>/&;p", max_size=120))
def test_property_abstract_after_the_whitespace_step_needs_no_second_tidying(abstract):
    rec = Record("article-journal", abstract=abstract)
    text.normalize_whitespace(rec)
    general, fast = rec.copy(), rec.copy()
    abstracts.normalize_abstract(general)
    abstracts.normalize_abstract(fast, tidied=True)
    assert fast == general
