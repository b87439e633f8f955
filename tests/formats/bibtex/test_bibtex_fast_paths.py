"""The reader's fast paths give what the general code gives (the entry tokenizer, the name splitter)."""

from __future__ import annotations

import random

import pytest

from msccite.formats.bibtex import names as bibtex_names
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
