"""Conversions between every pair of writable formats: lossless on request, clean and accounted for by default.

- ``lossless=True``: A -> B -> A gives back the records A gives, whatever B can hold (what B has no field
  for travels in B's notes or fields of msccite's own).
- the default: A -> B -> A keeps every value both A and B have a field for, and every value left out is in
  the report of one of the two conversions.
"""

from __future__ import annotations

import io
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings

import msccite
from msccite import Record, registry
from msccite.richtext import plain
from strategies import records

WRITABLE = sorted(f.name for f in msccite.formats() if f.can_write and not f.binary)  # XLSX: tests/formats/tables
PAIRS = [(a, b) for a in WRITABLE for b in WRITABLE if a != b]
# 56 pairs, two properties: a few examples each, every run (MSCCITE_PAIR_EXAMPLES=500 for a long hunt)
_SETTINGS = settings(max_examples=int(os.environ.get("MSCCITE_PAIR_EXAMPLES", "20")), deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])


BRACING = {"bibtex", "biblatex"}
_NOCASE = re.compile(r'<span class="nocase">([^<>]*)</span>')


def without_nocase(text: str | None) -> str | None:
    """The text without its nocase spans (the other marks kept)."""
    return _NOCASE.sub(r"\1", text) if text else text


def native(rec: Record, fmt: str) -> Record:
    """The record as format ``fmt`` gives it back: what an A -> B -> A trip starts from."""
    (out,) = msccite.loads(msccite.dumps([rec], fmt, lossless=True), fmt)
    return out


def through(rec: Record, a: str, b: str, **options: object) -> tuple[Record, set[str]]:
    """``rec`` written as ``b``, read, written as ``a``, read; and what the two conversions left out."""
    there, back_again = io.StringIO(), io.StringIO()
    ctx = msccite.dump([rec], there, b, **options)
    (mid,) = msccite.loads(there.getvalue(), b)
    ctx2 = msccite.dump([mid], back_again, a, **options)
    (back,) = msccite.loads(back_again.getvalue(), a)
    if rec.id is None:  # BibTeX and CSL-JSON must give a record a key: the only thing a trip may add
        back.id = None
    left = set(ctx.omitted_counts) | set(ctx.dropped_counts) | set(ctx2.omitted_counts) | set(ctx2.dropped_counts)
    return back, left


def test_every_writable_format_is_in_the_pairs():
    assert {"bibtex", "biblatex", "csl-json", "endnote", "endnote-xml", "kv", "medline", "ris"} <= set(WRITABLE)


@pytest.mark.parametrize(("a", "b"), PAIRS, ids=[f"{a}-{b}" for a, b in PAIRS])
@_SETTINGS
@given(rec=records(particles=False, literals=False))
def test_lossless_a_to_b_to_a_gives_the_same_records(a, b, rec):
    start = native(rec, a)
    back, _ = through(start, a, b, lossless=True)
    assert back == start


@pytest.mark.parametrize(("a", "b"), PAIRS, ids=[f"{a}-{b}" for a, b in PAIRS])
@_SETTINGS
@given(rec=records(particles=False, literals=False))
def test_by_default_a_to_b_to_a_keeps_what_b_holds_and_reports_the_rest(a, b, rec):
    start = native(rec, a)
    back, left = through(start, a, b)
    for var, value in start.items():
        if f"CSL {var}" in left or any(k.startswith(f"CSL {var} (") for k in left):  # left out, with a reason
            continue
        if f"CSL {var} marks" in left and isinstance(value, str):  # the words, without italics, nocase ...
            assert plain(back.get(var)) == plain(value), var
            continue
        if {a, b} & BRACING and isinstance(value, str):  # BibTeX braces capitals, read back as nocase spans
            assert without_nocase(back.get(var)) == without_nocase(value), var
            continue
        if f"CSL {var} list" in left:  # the target holds the text, not the exact list
            assert back.get(var), var
            continue
        assert back.get(var) == value, (var, sorted(left))
    if not any(kind.startswith("CSL custom") for kind in left):
        assert back.custom == start.custom, sorted(left)
    kept = list(back.extra)
    for e in start.extra:
        if e in kept:
            kept.remove(e)
        else:
            assert f"{e.format} {e.key}" in left or f"{e.format} index fields" in left, (e, sorted(left))


@pytest.mark.parametrize("b", [f for f in WRITABLE if not registry.get(f).rich_text])
def test_rich_text_marks_are_words_in_formats_without_marks(b):
    """A title's italics, sub/superscripts and nocase spans: plain words (sub/superscripts in Unicode where every
    character has a form) in RIS, MEDLINE, EndNote and key | value, counted; kept as written with lossless."""
    rec = Record("article-journal", title='<i>In vivo</i> CO<sub>2</sub> and <span class="nocase">Phase III</span> '
                                          "x<sup>abc</sup>")  # fmt: skip
    out = io.StringIO()
    ctx = msccite.dump([rec], out, b)
    (back,) = msccite.loads(out.getvalue(), b)
    assert back["title"] == "In vivo CO₂ and Phase III xabc"
    assert ctx.omitted_counts["CSL title marks"] == 1
    (again,) = msccite.loads(msccite.dumps([rec], b, lossless=True), b)
    assert again["title"] == rec["title"]
