"""The reader's fast paths give what the general code gives (the entry tokenizer, the name splitter, plain values)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msccite.formats.bibtex import names as bibtex_names
from msccite.formats.bibtex.fields import kind_of, plain, read_field, render_field
from msccite.formats.bibtex.parse import _end_of, _fast_entry, _parse

ENTRIES = [
    '@article{k,\n  author = {T{\\"o}rnqvist, J. and {\\L}ukasiewicz, F.},\n  title = {A {B}ig {\\"{o}}ne},\n'
    '  year = 2001,\n  month = jun,\n  journal = "J",\n}',
    "@book{k, title = {x}}",
    "@book{k,, title = {x},}",
    "@book{k,}",
    "@Misc{, note = {a\n\n b}, url = {http://x}\n}",
    '@article{k, title = "a" # {b}}',  # a concatenation: not the fast path
    '@article{k, title = "a {b} c"}',  # braces in quotes: not the fast path
    "@article{k, title = {a {b {c {d}}}}}",  # nested deeper than the fast pattern
    "@article{k, title = {x} year = {1}}",  # a missing comma: an error
    "@article{k, year = 2001a, pages = 1--2}",
    "@article{k title = {x}}",
    "@article(k, title = {x})",
    "@string{a = {b}}",
]


def _mutations(seed: int, count: int) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(count):
        s = list(rnd.choice(ENTRIES))
        for _ in range(rnd.randint(1, 3)):
            j = rnd.randrange(len(s))
            if rnd.random() < 0.5:
                del s[j]
            else:
                s.insert(j, rnd.choice('{}",=#@ \n(),a1\\'))
        out.append("".join(s))
    return out


@pytest.mark.parametrize("text", ENTRIES + _mutations(7, 2000))
def test_fast_entry_is_the_general_parse(text: str) -> None:
    fast = _fast_entry(text, 5)
    if fast is None:
        return
    block, end = fast
    assert end == _end_of(text, "{")
    assert block == _parse(text[: end + 1], 5)


def test_fast_entry_takes_the_common_shapes() -> None:
    assert _fast_entry(ENTRIES[0], 1) is not None
    assert _fast_entry(ENTRIES[5], 1) is None
    assert _fast_entry(ENTRIES[6], 1) is None


def test_split_depth0_fast_path() -> None:
    rnd = random.Random(3)
    pieces = ["{", "}", " ", "a", "B", ",", "~", " and ", '\\"', "AND", " and{", "x"]
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 12)))
        for pattern in (bibtex_names._AND, bibtex_names._COMMA, bibtex_names._SPACE):
            assert bibtex_names._split_depth0(text, pattern) == bibtex_names._split_scanned(text, pattern)


#: One field of each kind that :func:`fields.plain` answers for.
PLAIN_FIELDS = {"text": "journal", "multiline": "abstract", "verbatim": "doi", "title": "title",
                "literals": "publisher"}


@settings(max_examples=3000, deadline=None)
@given(st.sampled_from(sorted(PLAIN_FIELDS)),
       st.text(alphabet=st.sampled_from(list("aB -–—\u00a0\n\t,.{}\\$~&%#_^<>and'\"é1")), max_size=14))  # fmt: skip
def test_a_plain_value_reads_and_renders_as_itself(kind: str, text: str) -> None:
    name = PLAIN_FIELDS[kind]
    assert kind_of(name) == kind
    if plain(kind, text):  # the reader's shortcut: what read_field and render_field would give
        assert read_field(name, text) == text
        assert render_field(name, text) == "{" + text + "}"


@pytest.mark.parametrize(("kind", "text", "expected"), [
    ("title", "Nephrotic syndrome in trials", True),
    ("title", "Mesenchymal MSC trials", False),  # the writer braces {MSC}
    ("title", "Vitamin D", False),
    ("title", "Über", False),  # not ASCII: the general code decides
    ("multiline", "Cellules souches médullaires", True),
    ("multiline", "Cells – and more", False),  # the writer writes "--"
    ("multiline", "a--b", False),
    ("text", "  padded", False),
    ("literals", "Wiley and Sons", False),
    ("verbatim", "10.1000/x_y", False),
    ("text", "", False),
])  # fmt: skip
def test_plain_values(kind: str, text: str, expected: bool) -> None:
    assert plain(kind, text) is expected


@given(st.text(alphabet="ab -&%$#_{}~^\\<\n", max_size=400), st.sampled_from(["&%$#_{}~^\\<", "&%$#_{}~^\\<\n", "-"]))
def test_property_holds_any_is_any_character_in_the_text(text, chars):
    from msccite.formats.bibtex.fields import _holds_any

    assert _holds_any(text, chars) == any(c in text for c in chars)
    long = text * (200 // max(1, len(text)) + 1)  # an abstract's length: the other way
    assert _holds_any(long, chars) == any(c in long for c in chars)


@given(st.lists(st.sampled_from(["50", "\\%", "\\&", "\\#", "\\_", "\\$", "R", "D", " ", "a", "é", "-", "--", "\\",
                                 "{", "}", "\\textit{x}", "~", "<i>", "</i>", "<sub>", "<span", "<", ">", "–", "—",
                                 "MSC", "\n", "%", "p < 0.05", "\u00a0", "A", "\t", "  "]), min_size=1, max_size=12),
       st.sampled_from(["abstract", "note", "title", "journal", "url", "publisher"]))
def test_property_a_value_plain_but_for_escapes_reads_as_the_general_path_reads_it(pieces, name):
    from msccite.formats.bibtex.parse import Field
    from msccite.formats.bibtex.read import _read_single

    text = "".join(pieces)
    f = Field(name, [("{", text)], 1, "{" + text + "}")
    value = read_field(name, text)
    assert _read_single(name, f, text) == (value, f.raw != render_field(name, value))


@given(st.lists(st.sampled_from(["1", "23", "S", "e", "-", "--", "–", " ", "+", "x", "123456789", "ABCD", "\\"]),
                min_size=1, max_size=6))
def test_property_pages_read_as_the_general_path_reads_them(pieces):
    from msccite.formats.bibtex.parse import Field
    from msccite.formats.bibtex.read import _read_single

    text = "".join(pieces)
    f = Field("pages", [("{", text)], 1, "{" + text + "}")
    value = read_field("pages", text)
    assert _read_single("pages", f, text) == (value, f.raw != render_field("pages", value))


@given(st.lists(st.sampled_from(["a", "é", "中", " ", "-", "--", "–", "—", "\u00a0", "&", "%", "$", "#", "_", "{", "}",
                                 "~", "^", "\\", "<", "\n", "\ud800"]), max_size=80).map("".join))
def test_property_the_unicode_plain_test_is_the_regex(text):
    from msccite.formats.bibtex.fields import _NOT_PLAIN, _not_plain_unicode

    long = text * (200 // max(1, len(text)) + 1)
    assert _not_plain_unicode(text) == (_NOT_PLAIN.search(text) is not None)
    assert _not_plain_unicode(long) == (_NOT_PLAIN.search(long) is not None)
