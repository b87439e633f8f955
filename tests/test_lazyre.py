"""Patterns compiled on first use (msccite.lazyre) answer as the compiled pattern does."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from msccite.lazyre import lazy

PATTERNS = [r"\d{6}", r"(?i)nct ?(\d{8})", r"[A-Z][a-z]+", r"(a)(b)?", r"\s+", r"^(?:pp?\.|pages?)\s*"]


@given(st.sampled_from(PATTERNS), st.sampled_from([0, re.IGNORECASE]), st.text("aAbB 0123456789NnCcTt.p\n"))
def test_property_a_lazy_pattern_answers_as_the_compiled_one(pattern, flags, text):
    compiled, deferred = re.compile(pattern, flags), lazy(pattern, flags)
    assert [m.span() for m in deferred.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert deferred.sub("-", text) == compiled.sub("-", text)
    assert deferred.split(text) == compiled.split(text)
    found = deferred.search(text)
    assert (found and found.group(0)) == ((m := compiled.search(text)) and m.group(0))
    assert deferred.groups == compiled.groups and deferred.pattern == pattern


def test_nothing_is_compiled_before_the_first_use_and_once_after():
    deferred = lazy(r"x(y)")
    assert "search" not in vars(deferred)  # not compiled yet
    assert deferred.match("xy").group(1) == "y"
    first = vars(deferred)["search"]
    deferred.fullmatch("xy")
    assert vars(deferred)["search"] is first  # the compiled pattern's methods, kept
    assert lazy(rb"a+").findall(b"caab") == [b"aa"]  # bytes patterns too


def test_a_bad_pattern_fails_at_its_first_use():
    bad = lazy(r"(unclosed")
    try:
        bad.search("x")
    except re.error as exc:
        assert "missing )" in str(exc)
    else:
        raise AssertionError("no error")
