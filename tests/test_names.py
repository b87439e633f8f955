"""msccite.names: one name as text to a Name, table-driven (like pybtex's parse_name tests)."""

from __future__ import annotations

import pytest

from msccite import Name
from msccite.names import initials, is_corporate, is_initials, parse_name

PARSE = [
    # (text, order, family, given, non-dropping particle, suffix)
    ("Vivarelli, M.", "auto", "Vivarelli", "M.", "", ""),
    ("Vivarelli M", "auto", "Vivarelli", "M", "", ""),
    ("Vivarelli MC", "auto", "Vivarelli", "MC", "", ""),
    ("Törnqvist Andrén A", "auto", "Törnqvist Andrén", "A", "", ""),
    ("F. M. Smith", "auto", "Smith", "F. M.", "", ""),
    ("O. V. Knyazev", "given-first", "Knyazev", "O. V.", "", ""),
    ("Enrique Gómez-Barrena", "given-first", "Gómez-Barrena", "Enrique", "", ""),
    ("Nicoladrea Del Piccolo", "given-first", "Del Piccolo", "Nicoladrea", "", ""),
    ("Katarina Le Blanc", "given-first", "Le Blanc", "Katarina", "", ""),
    ("Ludwig van Beethoven", "auto", "Beethoven", "Ludwig", "van", ""),
    ("Jan van der Berg", "given-first", "Berg", "Jan", "van der", ""),
    ("Maria De La Cruz", "given-first", "De La Cruz", "Maria", "", ""),
    ("van Gogh, Vincent", "auto", "Gogh", "Vincent", "van", ""),
    ("De Salvo, A.", "auto", "De Salvo", "A.", "", ""),
    ("Smith, John, Jr.", "auto", "Smith", "John", "", "Jr."),
    ("John Smith Jr.", "auto", "Smith", "John", "", "Jr."),
    ("Smith, Jr.", "auto", "Smith", "", "", "Jr."),
    ("John Smith III", "given-first", "Smith", "John", "", "III"),
    ("Cher", "auto", "Cher", "", "", ""),
    ("  Infante,   Arantza ", "auto", "Infante", "Arantza", "", ""),
    ("Anne\u2010Sophie Chong", "given-first", "Chong", "Anne\u2010Sophie", "", ""),  # kept as written
    ("Smith John", "family-first", "Smith", "John", "", ""),
    ("Smith J 3rd", "auto", "Smith", "J", "", "3rd"),  # MEDLINE AU with PubMed's suffix
    ("Smith JA Jr", "auto", "Smith", "JA", "", "Jr"),
    ("Petrov IV", "auto", "Petrov", "IV", "", ""),  # initials I. V., not the fourth
    ("Ivanov I V", "auto", "Ivanov", "I V", "", ""),
]


@pytest.mark.parametrize(("text", "order", "family", "given", "particle", "suffix"), PARSE)
def test_parse_name(text, order, family, given, particle, suffix):
    assert parse_name(text, order) == Name(family=family, given=given, non_dropping_particle=particle, suffix=suffix)


@pytest.mark.parametrize("text", ["MSC Study Group", "World Health Organization", "EBMT Cellular Therapy Committee",
                                  "The TERCELOI Investigators", "Johnson & Johnson", "Council of Europe Task Force",
                                  "Karolinska Institutet Consortium"])  # fmt: skip
def test_corporate_names_stay_whole(text):
    assert is_corporate(text)
    assert parse_name(text) == Name(literal=text)


@pytest.mark.parametrize("text", ["Katarina Le Blanc", "Vivarelli M", "Anton Törnqvist Andrén", "Gómez-Barrena, E."])
def test_personal_names_are_not_corporate(text):
    assert not is_corporate(text)


def test_empty_and_punctuation_only_give_an_empty_name():
    assert parse_name("") == Name() == parse_name(" , ; ")


INITIALS = [("SA", "S. A."), ("S.A.", "S. A."), ("S A", "S. A."), ("S. A.", "S. A."), ("J.-L.", "J.-L."),
            ("J-L", "J.-L."), ("John A", "John A."), ("M.C.", "M. C."), ("Jean-Luc", "Jean-Luc"), ("Li", "Li"),
            ("Clara I.", "Clara I."), ("É", "É.")]  # fmt: skip


@pytest.mark.parametrize(("given", "styled"), INITIALS)
def test_initials_one_style_and_idempotent(given, styled):
    assert initials(given) == styled
    assert initials(styled) == styled


@pytest.mark.parametrize(("given", "expected"), [("SA", True), ("S. A.", True), ("J.-L.", True), ("Li", False),
                                                 ("John A.", False), ("", False)])  # fmt: skip
def test_is_initials(given, expected):
    assert is_initials(given) is expected
