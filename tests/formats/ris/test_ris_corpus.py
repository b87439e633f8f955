"""Every RIS file of the corpus (real exports of ~20 tools) against independent truths.

- record counts against a plain count of TY lines;
- the Lens baseline (``_baseline.csv``) for the two files that hold its 100 records;
- rispy, read on the same files, as a differential oracle for titles, authors and DOIs.
"""

from __future__ import annotations

import csv
import re

import pytest
import rispy

import msccite
from paths import CORPUS, RIS_CORPUS

with open(CORPUS / "_baseline.csv", encoding="utf-8") as _handle:
    BASELINE = {row["DOI"].lower(): row for row in csv.DictReader(_handle)}


def _ty_lines(path) -> int:
    text = path.read_text(encoding="utf-8-sig")
    return len(re.findall(r"^TY  ?-", text, flags=re.M))


@pytest.mark.parametrize("path", RIS_CORPUS, ids=lambda p: p.name)
def test_every_corpus_file_is_detected_and_read_whole(path):
    records = msccite.read(path)
    assert records.format == "ris"
    assert len(records) == _ty_lines(path) > 0
    assert [str(p) for p in records.problems] == []
    assert all(r.title for r in records)
    assert all(r.source.line is not None for r in records)


@pytest.mark.parametrize("name", ["_baseline.ris", "_baseline_citavi.ris"])
def test_records_match_the_lens_baseline(name):
    records = msccite.read(CORPUS / name)
    assert len(records) == len(BASELINE) == 100
    seen = set()
    for rec in records:
        row = BASELINE[rec["DOI"].lower()]
        seen.add(rec["DOI"].lower())
        assert rec.title.rstrip(".") == row["Title"].rstrip(".")
        assert str(rec.year) == row["Publication Year"]
        assert rec.get("volume", "") == row["Volume"]
        assert rec.get("issue", "") == row["Issue Number"]
        assert rec.get("page", "").split("-")[0] == row["Start Page"]
        authors = [a for a in row["Author/s"].split("; ") if a]
        assert len(rec.authors) == len(authors)
        if authors:  # Lens writes "Given van Family": our family (with its particle) ends it
            assert authors[0].endswith(rec.authors[0].family.split()[-1])
    assert len(seen) == 100


def _rispy_records(path):
    with open(path, encoding="utf-8-sig") as handle:
        return rispy.load(handle)


RISPY_READABLE = [p for p in RIS_CORPUS if p.name not in {"_baseline_cochrane_endnote.ris",
                  "_baseline_cochrane_procite.ris", "_baseline_cochrane_refman.ris"}]  # fmt: skip


@pytest.mark.parametrize("path", RISPY_READABLE, ids=lambda p: p.name)
def test_rispy_agrees_on_titles_authors_and_dois(path):
    ours = msccite.read(path)
    theirs = _rispy_records(path)
    assert len(ours) == len(theirs)
    for rec, entry in zip(ours, theirs, strict=True):
        title = entry.get("title") or entry.get("primary_title")
        assert rec.title == title.strip()
        names = entry.get("authors") or entry.get("first_authors") or []
        assert [n.inverted() for n in rec.authors] == [n.strip() for n in names]
        if entry.get("doi"):  # rispy leaves Rayyan's run-on "DO  - x     LK  - y" in one value; we split it
            assert rec["DOI"] == entry["doi"].split("     LK  - ")[0].strip()


def test_rispy_cannot_read_the_seed_we_read():
    """The seed's exporter writes one space before the dash: rispy fails, msccite reads it."""
    from paths import SEEDS

    path = SEEDS / "003_98c53ee05b756194.txt"
    with pytest.raises(Exception):  # noqa: B017 - whatever rispy raises, it does not read the file
        entries = _rispy_records(path)
        assert entries and entries[0].get("authors")
    assert len(msccite.read(path)[0].authors) == 19
