"""The name step: particles, mangled exporters' forms, capitals, hyphens, initials, truncation marks."""

from __future__ import annotations

import pytest
from hypothesis import assume, given

import msccite
from msccite import Name, Record, Source
from msccite.names import is_particle
from msccite.normalization.names import normalize_name, normalize_names
from steps import assert_idempotent
from strategies import messy_records, names

N = Name
CASES = [
    (N("Blanc", "Katarina Le"), N("Le Blanc", "Katarina")),  # seed 001's mangling
    (N("De", "Salvo A."), N("De Salvo", "A.")),  # seed 003's mangling
    (N("Gogh", "Vincent van"), N("Gogh", "Vincent", "van")),
    (N("van Gogh", "Vincent"), N("Gogh", "Vincent", "van")),
    (N("van der Berg", "Jan"), N("Berg", "Jan", "van der")),
    (N("Del Piccolo", "Nicoladrea"), N("Del Piccolo", "Nicoladrea")),  # capitalised particles stay in the family
    (N("SMITH", "JOHN"), N("Smith", "John")),
    (N("GARCÍA-LÓPEZ", "MARÍA JOSÉ"), N("García-López", "María José")),
    (N("O'BRIEN", "JA"), N("O'Brien", "J. A.")),
    (N("Araúzo\u2010Bravo", "Marcos J"), N("Araúzo-Bravo", "Marcos J.")),
    (N("Chong", "Anne\u2011Sophie"), N("Chong", "Anne-Sophie")),
    (N("Le\u00a0Blanc", "K"), N("Le Blanc", "K.")),
    (N("Smith", "John Jr."), N("Smith", "John", suffix="Jr.")),
    (N("Nunamaker Jr.", "J.F."), N("Nunamaker", "J. F.", suffix="Jr.")),  # Scopus, EndNote: the suffix in the family
    (N("Lynch Jr", "T. J."), N("Lynch", "T. J.", suffix="Jr")),
    (N("Lynch", "Jr.", suffix="T. J."), N("Lynch", "T. J.", suffix="Jr.")),  # "Lynch, T. J., Jr." read by BibTeX
    (N("Smith", "Jr.", suffix="III"), N("Smith", "Jr.", suffix="III")),  # two suffixes: nothing to swap
    (N("Petrov IV", ""), N("Petrov IV", "")),  # no given names: maybe MEDLINE's initials, left
    (N("Vivarelli", "MC"), N("Vivarelli", "M. C.")),
    (N("Locatelli", "Franco"), N("Locatelli", "Franco")),
    (N(literal="Vivarelli M"), N("Vivarelli", "M.")),
    (N(literal="Arantza Infante"), N(literal="Arantza Infante")),  # may be a body ("Lab Talks"): not guessed
    (N(literal="Lab Talks"), N(literal="Lab Talks")),
    (N(literal="Smith J 3rd"), N("Smith", "J.", suffix="3rd")),
    (N("Department of Health", "Victoria"), N(literal="Department of Health, Victoria")),
    (N(literal="MSC Study Group"), N(literal="MSC Study Group")),
    (N(literal="World Health Organization"), N(literal="World Health Organization")),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_name_rules(raw, expected):
    assert normalize_name(raw) == expected
    assert normalize_name(expected) == expected  # idempotent


def test_literal_names_of_formats_that_brace_bodies_on_purpose_stay_literal():
    rec = Record("article-journal", author=[N(literal="Obama B")], source=Source("bibtex"))
    normalize_names(rec)
    assert rec.authors == [N(literal="Obama B")]
    rec = Record("article-journal", author=[N(literal="Obama B")], source=Source("ris"))
    normalize_names(rec)
    assert rec.authors == [N("Obama", "B.")]


@pytest.mark.parametrize("mark", ["...", "…", "et al.", "et al", "and others", "Others"])
def test_a_truncation_mark_is_removed_and_the_list_marked_truncated(mark):
    rec = Record("article-journal", author=[N("Gómez-Barrena", "Enrique"), N(literal=mark)],
                 editor=[N("Rosset", "Philippe")])  # fmt: skip
    out = msccite.normalize(rec)
    assert out.authors == [N("Gómez-Barrena", "Enrique")]
    assert out.custom["truncated"] == ["author"]
    assert "truncated" not in rec.custom  # pure


def test_truncated_already_marked_by_the_reader_is_not_repeated():
    rec = Record("article-journal", author=[N("A", "B"), N(literal="et al.")], custom={"truncated": ["author"]})
    assert msccite.normalize(rec).custom["truncated"] == ["author"]
    assert rec.custom["truncated"] == ["author"]


def test_the_original_spelling_stays_reachable():
    rec = Record("article-journal", author=[N("Blanc", "Katarina Le")])
    out = msccite.normalize(rec)
    assert out.authors == [N("Le Blanc", "Katarina")]
    assert out.original is rec and out.original.authors == [N("Blanc", "Katarina Le")]
    assert msccite.normalize(out).original is rec


@given(names())
def test_property_well_formed_names_come_through_unchanged_but_for_initials(name):
    # a drawn word may happen to be a particle ("De", "Le"): then the repairs rightly apply
    assume(not any(is_particle(w) for w in (name.family + " " + name.given).replace("-", " ").split()))
    out = normalize_name(name)
    assert (out.family, out.non_dropping_particle, out.suffix, out.literal) == (
        name.family, name.non_dropping_particle, name.suffix, name.literal)  # fmt: skip
    assert out.given.replace(" ", "").replace(".", "") == name.given.replace(" ", "").replace(".", "")


@given(messy_records())
def test_property_names_step_is_idempotent(rec):
    assert_idempotent(normalize_names, rec)
