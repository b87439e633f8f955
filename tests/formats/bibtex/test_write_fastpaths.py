"""The BibTeX writer's fast paths give what the general code gives (they skip work, never change output).

Several lean on what ``latex.encode`` leaves alone and on how name lists split: if either changes,
these fail before any output does.
"""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st

import msccite
from msccite import Date, Name, Record
from msccite.formats.bibtex.fields import _guard, _plain_ascii, _render_pages, _render_title, format_iso
from msccite.formats.bibtex.names import format_names, parse_names
from msccite.formats.bibtex.write import _items, _names_text
from msccite.latex import encode, protect
from strategies import names, records

_NASTY = "aZ09 -–—,;.\n\t{}\\$&%#_~^<>/é中\u00a0"
_nasty = st.text(_NASTY, max_size=40)
_ascii = st.text("abcXYZ019 -,;.:()/'\"{}\\$&%#_~^<>@=", max_size=120)


@given(st.one_of(_ascii, _nasty), st.booleans())
def test_plain_ascii_text_is_left_alone_by_encode(text: str, ascii: bool) -> None:
    if _plain_ascii(text):
        assert encode(text, ascii=ascii) == text


@given(st.one_of(_ascii, _nasty), st.booleans())
def test_pages_fast_path_matches_encode(text: str, ascii: bool) -> None:
    if _plain_ascii(text):
        assert text.replace("-", "--") == encode(text.replace("-", "–"), ascii=ascii)
    assert _render_pages(text, ascii) == "{" + _guard(encode(text.replace("-", "–"), ascii=ascii), "pages") + "}"


@given(st.one_of(_ascii, _nasty), st.booleans())
def test_title_fast_path_matches_protect(text: str, ascii: bool) -> None:
    encoded = encode(text, ascii=ascii)
    assert _render_title(text, ascii) == "{" + _guard(protect(encoded), "title") + "}"


_odd_parts = st.sampled_from(["", "and", "others", "x and y", " Smith", "Smith ", "{X}", "van", "a, b", "Łukasz",
                              "de la", "AND", "Jr.", "~", "}", "{"])  # fmt: skip


@st.composite
def _odd_names(draw: st.DrawFn) -> Name:
    if draw(st.booleans()):
        return draw(names())
    literal = draw(st.sampled_from(["", "", "", "and", "MSC Group"]))
    return Name(family=draw(_odd_parts), given=draw(_odd_parts), non_dropping_particle=draw(_odd_parts),
                suffix=draw(st.sampled_from(["", "", "Jr.", "and"])), literal=literal)  # fmt: skip


@given(st.lists(_odd_names(), max_size=5), st.booleans())
def test_names_text_matches_the_full_check(people: list[Name], ascii: bool) -> None:
    text = format_names(people, ascii=ascii)
    assert _names_text(people, ascii) == (text, parse_names(text)[0] == people)


def test_names_text_catches_a_name_read_as_and_others() -> None:
    people = [Name("Smith", "J"), Name(family="others")]
    assert _names_text(people, False) == ("Smith, J and others", False)


_part = st.one_of(st.integers(-3, 10001), st.just(0), st.just(9999))


@given(st.lists(_part, min_size=1, max_size=3).map(tuple))
def test_iso_fast_path_matches_the_round_trip(part: tuple[int, ...]) -> None:
    # a part given as a list takes the general path
    assert format_iso(Date(parts=(part,))) == format_iso(Date(parts=(list(part),)))  # type: ignore[arg-type]


@given(records())
def test_items_in_record_order(rec: Record) -> None:
    rec["zz-unknown"] = "x"
    rec["aa-unknown"] = "y"
    assert _items(rec) == list(rec.items())
    del rec["zz-unknown"], rec["aa-unknown"]
    assert _items(rec) == list(rec.items())


def test_repeated_values_write_the_same() -> None:
    rec = Record("article-journal", title="A", author=[Name("Smith", "J")], volume="3", page="1-2")
    once = msccite.dumps([rec], "bibtex")
    out = io.StringIO()
    msccite.dump([rec, rec.copy()], out, "bibtex")
    assert out.getvalue().startswith(once)
