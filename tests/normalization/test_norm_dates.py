"""Dates: raw text a reader kept, into CSL date-parts."""

from __future__ import annotations

import pytest

from msccite import Date, Record
from msccite.normalization.dates import normalize_dates, parse_date_text

DATES = [
    ("2019/12/02/", ((2019, 12, 2),), None), ("2019-12-02", ((2019, 12, 2),), None),
    ("2019.12.02", ((2019, 12, 2),), None), ("2019 Dec 2", ((2019, 12, 2),), None),
    ("2 Dec 2019", ((2019, 12, 2),), None), ("December 2, 2019", ((2019, 12, 2),), None),
    ("Dec 2019", ((2019, 12),), None), ("2019 Dec", ((2019, 12),), None), ("2019/12", ((2019, 12),), None),
    ("2019 Spring", ((2019,),), 1), ("Autumn 2019", ((2019,),), 3), ("Winter 2020", ((2020,),), 4),
    ("2019 Dec-2020 Jan", ((2019, 12), (2020, 1)), None), ("2019-2020", ((2019,), (2020,)), None),
    ("2019 Jan-Mar", ((2019, 1), (2019, 3)), None), ("2019 diciembre 2", ((2019, 12, 2),), None),
    ("2019", ((2019,),), None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "parts", "season"), DATES)
def test_free_form_dates(text, parts, season):
    d = parse_date_text(text)
    assert d is not None and d.parts == parts and d.season == season


@pytest.mark.parametrize("text", ["in press", "2019 Dec 32", "2019-13-01", "Dec", "12/2019/5", "2020-2019", ""])
def test_what_is_not_a_date_stays_unread(text):
    assert parse_date_text(text) is None


def test_a_raw_date_becomes_parts_and_a_decoded_one_is_left_alone():
    rec = Record("article-journal", issued=Date(raw="2019 Dec 2"), accessed=Date(raw="in press"),
                 submitted=Date(parts=((2018, 5),), raw="2018 May online"))  # fmt: skip
    normalize_dates(rec)
    assert rec["issued"] == Date.of(2019, 12, 2)
    assert rec["accessed"] == Date(raw="in press")
    assert rec["submitted"] == Date(parts=((2018, 5),), raw="2018 May online")


def test_a_season_by_name_becomes_its_csl_number():
    rec = Record("article-journal", issued=Date(parts=((2019,),), season="Spring"),
                 accessed=Date(parts=((2020,),), season="Fall"), submitted=Date(parts=((2021,),), season="Monsoon"))
    normalize_dates(rec)
    assert rec["issued"].season == 1 and rec["accessed"].season == 3
    assert rec["submitted"].season == "Monsoon"  # not a season we know: as it was


@pytest.mark.parametrize(("raw", "year"), [("Article 10 2019", 2019), ("Published online 2021; corrected", 2021),
                                           ("Vol 3 2019 and 2020", None), ("no year here", None), ("12345", None)])
def test_a_raw_date_with_one_year_dates_the_record_and_keeps_its_text(raw, year):
    rec = Record("article-journal", issued=Date(raw=raw))
    normalize_dates(rec)
    assert rec["issued"].year == year and rec["issued"].raw == raw
    again = rec.copy()
    normalize_dates(again)
    assert again == rec  # idempotent
