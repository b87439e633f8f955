"""Patterns compiled on first use, and from the cache on disk (msccite.lazyre), answer as the compiled pattern does."""

from __future__ import annotations

import marshal
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from msccite import lazyre
from msccite.lazyre import lazy
from paths import SEED_FILES

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


def test_a_pattern_built_by_a_function_is_built_on_first_use_once():
    calls = []

    def build() -> str:
        calls.append(1)
        return "|".join(["RESULTS", "METHODS"])

    deferred = lazy(build)
    assert calls == []  # nothing built at import
    assert deferred.match("METHODS and").group(0) == "METHODS"
    assert deferred.pattern == "RESULTS|METHODS" and deferred.findall("RESULTS, METHODS") == ["RESULTS", "METHODS"]
    assert calls == [1]


def test_a_bad_pattern_fails_at_its_first_use():
    bad = lazy(r"(unclosed")
    try:
        bad.search("x")
    except re.error as exc:
        assert "missing )" in str(exc)
    else:
        raise AssertionError("no error")


# -- the cache of compiled patterns on disk --------------------------------------------------------------------------


SEED = next(p for p in SEED_FILES if p.name.startswith("003"))  # RIS
needs_cache = pytest.mark.skipif(sys.version_info < (3, 11) or sys.implementation.name != "cpython",
                                 reason="the cache is for CPython 3.11 and later")  # fmt: skip


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache in ``tmp_path``, for this process (its state as on start-up) and the processes it starts."""
    monkeypatch.setenv("MSCCITE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(lazyre, "_entries", None)
    monkeypatch.setattr(lazyre, "_added", False)
    return tmp_path


def _convert_seed(tmp_path: Path) -> str:
    out = tmp_path / "out.bib"
    subprocess.run([sys.executable, "-m", "msccite", "convert", "-q", str(SEED), "-o", str(out)], check=True)
    return out.read_text(encoding="utf-8")


@needs_cache
def test_a_built_pattern_is_kept_in_the_cache_and_built_again_when_its_module_changes(cache, tmp_path, monkeypatch):
    import types

    module = types.ModuleType("built_here")
    module.__file__ = str(tmp_path / "built_here.py")
    Path(module.__file__).write_text("# version 1\n", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "built_here", module)
    calls = []

    def build() -> str:
        calls.append(1)
        return "RESULTS|METHODS"

    build.__module__ = "built_here"
    assert lazy(build).match("METHODS").group(0) == "METHODS" and calls == [1]
    lazyre.save()  # what the process does at exit
    monkeypatch.setattr(lazyre, "_entries", None)  # the next run: the cache read from the file
    assert lazy(build).match("RESULTS").group(0) == "RESULTS" and calls == [1]  # not built again
    Path(module.__file__).write_text("# version 2, edited\n", encoding="utf-8")
    assert lazy(build).pattern == "RESULTS|METHODS" and calls == [1, 1]  # the module changed: built again


@needs_cache
def test_a_run_writes_the_patterns_it_compiled_and_the_next_run_reads_them(cache):
    first = _convert_seed(cache)
    files = list(cache.glob("patterns-*.bin"))
    assert len(files) == 1
    entries = lazyre._read(str(files[0]))
    assert len(entries) > 20  # the patterns of a RIS -> BibTeX conversion
    built = {key: text for (key, flags), text in entries.items() if flags == lazyre.BUILT}
    assert any(key.startswith("msccite.normalization.abstracts._glued:") for key in built)  # the seed's abstract
    from msccite.normalization.abstracts import _glued

    assert built[next(k for k in built if k.startswith("msccite.normalization.abstracts._glued:"))] == _glued()
    for (pattern, flags), entry in entries.items():
        if flags == lazyre.BUILT:
            continue
        assert entry == lazyre._entry(pattern, flags)  # what the compiler makes of it today
        compiled, fresh = lazyre._sre_compile(pattern, entry), re.compile(pattern, flags)
        assert (compiled.pattern, compiled.flags, compiled.groups, compiled.groupindex) == (
            fresh.pattern, fresh.flags, fresh.groups, fresh.groupindex)  # fmt: skip
    before = files[0].stat().st_mtime_ns
    assert _convert_seed(cache) == first  # the same output from the cached patterns
    assert files[0].stat().st_mtime_ns == before  # nothing new to write


@needs_cache
@given(st.data())
def test_property_a_pattern_from_the_cache_matches_as_the_compiled_one(data):
    pattern = data.draw(st.sampled_from(REAL_PATTERNS))
    entry = lazyre._entry(pattern, 0)
    from_cache = lazyre._sre_compile(pattern, marshal.loads(marshal.dumps(entry)))
    text = data.draw(st.text("aA1 -.:/()[]NCTdoi10éß\n\t") | st.sampled_from(SAMPLES))
    compiled = re.compile(pattern)
    assert [m.group(0, *range(1, compiled.groups + 1)) for m in from_cache.finditer(text)] == [
        m.group(0, *range(1, compiled.groups + 1)) for m in compiled.finditer(text)]  # fmt: skip


REAL_PATTERNS = [
    r"(?<![A-Za-z0-9])(?=[NnIiCcAaDdJjUuEe12])(?:(?P<nct>NCT)[ #:\-]?(?P<nct_n>\d{8})|ISRCTN ?(\d{8}))",
    r"^([A-Z][A-Z0-9])  ?- ?(.*)$",
    r"(?:doi\s*[:=]\s*|doi\.org/)(10\.\d{1,9}(?:\.\d{1,9})?/[^\s\"]+)",
    r"[\s\-–—/:]+",
    r"(?<![0-9Xx\-])(\d{4})[\-\u2010-\u2015 ]?(\d{3}[\dXx])(?![0-9Xx])",
    r"(?i)\b(?:background|methods?|results?|conclusions?)\s*:",
]
SAMPLES = ["TY  - JOUR", "doi: 10.1016/j.jcyt.2019.01.002", "NCT01234567, ISRCTN12345678", "ISSN 1234-567X",
           "Background: x. Methods: y.", "A - B / C: D"]  # fmt: skip


@needs_cache
def test_a_damaged_cache_is_not_used(cache):
    path = Path(lazyre.cache_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    entry = lazyre._entry(r"a+", 0)
    payload = marshal.dumps({(r"b+", 0): entry})  # the code of "a+" under the key of "b+"...
    path.write_bytes(b"\0" * lazyre._DIGEST + payload)  # ...in a file whose digest is wrong
    assert lazyre.compile_cached(r"b+").findall("aabb") == ["bb"]
    path.write_bytes(b"not a cache")
    lazyre._entries = None
    assert lazyre.compile_cached(r"c+").findall("cc") == ["cc"]


@needs_cache
def test_an_entry_the_engine_refuses_is_compiled_again(cache):
    lazyre._entries = {(r"x(y)", 0): (32, [99999], 0, {}, (None, None))}  # code _sre does not accept
    assert lazyre.compile_cached(r"x(y)").match("xy").group(1) == "y"


def test_an_empty_cache_dir_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv("MSCCITE_CACHE_DIR", "")
    monkeypatch.setattr(lazyre, "_entries", None)
    assert lazyre.cache_path() is None
    assert lazyre.compile_cached(r"(\d+)").match("42").group(1) == "42"
    assert lazyre._entries is None


def test_a_bad_pattern_is_an_error_with_or_without_the_cache(cache):
    with pytest.raises(re.error, match="missing \\)"):
        lazyre.compile_cached(r"(unclosed")


@needs_cache
def test_a_cache_that_cannot_be_written_is_no_error(cache, monkeypatch):
    blocker = cache / "file"
    blocker.write_text("x")
    monkeypatch.setenv("MSCCITE_CACHE_DIR", str(blocker / "sub"))  # a directory under a file: cannot exist
    assert lazyre.compile_cached(r"q(r)").match("qr").group(1) == "r"
    lazyre.save()  # no exception
    assert not (blocker / "sub").exists()
