"""Pages: one dash style, complete ranges, article numbers left alone."""

from __future__ import annotations

import pytest

from msccite import Record
from msccite.normalization.pages import normalize_page, normalize_pages

PAGES = [
    ("1023-9", "1023-1029"), ("1023-1029", "1023-1029"), ("1023\u20131029", "1023-1029"), ("1023 -- 1029", "1023-1029"),
    ("1023 - 1029", "1023-1029"), ("1023\u2014 1029", "1023-1029"), ("123-45", "123-145"), ("99-101", "99-101"),
    ("i92-i92", "i92"), ("508-508", "508"), ("S45-S46", "S45-S46"), ("S45-6", "S45-S46"), ("e123-e125", "e123-e125"),
    ("00773-2020", "00773-2020"), ("e0245432", "e0245432"), ("pp. 24-30", "24-30"), ("p. 508", "508"),
    ("Pages", "Pages"), ("Page(s)", "Page(s)"), ("Pages 12-19", "12-19"), ("p. S45-S46", "S45-S46"),  # words stay
    ("1-5, 7-9", "1-5, 7-9"), ("1-5,7-9", "1-5, 7-9"), ("508", "508"), ("xii-xiv", "xii-xiv"), ("1-13", "1-13"),
    ('"233-8, 230-235, 246-51"', "233-238, 230-235, 246-251"), ("\u201c12-9\u201d", "12-19"),  # quoted twice
    ('"5" and "6"', '"5" and "6"'), ('""', '""'),  # quotes inside, or nothing inside: as written
    ("742-8; discussion 748-9", "742-748; discussion 748-9"), ("1-5 ;7-9", "1-5; 7-9"),  # MEDLINE's ";" too
    ("2243-5; author reply 2243-5", "2243-2245; author reply 2243-5"),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "expected"), PAGES)
def test_page_rules(raw, expected):
    assert normalize_page(raw) == expected
    assert normalize_page(expected) == expected


def test_record_page_and_nothing_else():
    rec = Record("article-journal", page="1023-9", volume="10-12")
    normalize_pages(rec)
    assert rec["page"] == "1023-1029" and rec["volume"] == "10-12"
