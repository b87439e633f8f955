"""Every registered reader, on arbitrary input: nothing but MscciteError ever escapes.

The tests walk the registry, so a format added later is fuzzed without touching this file.
"""

from __future__ import annotations

import contextlib
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import msccite
from msccite import registry

READERS = [f.name for f in registry.all_formats() if f.can_read]

# Text that looks like citation files: tag-ish lines, braces, JSON and XML punctuation, labels.
_PIECES = st.sampled_from([
    "TY  - JOUR", "ER  - ", "AU  - Doe, J.", "TI  - x", "PMID- 1", "AU  - Doe J", "FAU - Doe, Jane", "      cont",
    "@article{k,", "title = {a {b} c},", "}", "@string{x = \"y\"}", "{", "[", "]", '{"id": "a", "type": "book"}',
    "%0 Journal Article", "%A Doe, J.", "FN Clarivate", "VR 1.0", "PT J", "EF", "<xml>", "<record>", "</record>",
    "title | Foo |", "---|---|", "Autores principales: Doe, J.", "Author(s): ", "◽", "作者", "DOI:10.1/x", "",
])  # fmt: skip
LIKE_FILES = st.lists(st.one_of(_PIECES, st.text(max_size=30)), max_size=30).map("\n".join)


@pytest.mark.parametrize("fmt", READERS)
@settings(max_examples=120)
@given(text=st.one_of(LIKE_FILES, st.text(max_size=300)))
def test_any_text_gives_records_or_parse_errors_only(fmt, text):
    try:
        records = msccite.loads(text, fmt, errors="collect")
    except msccite.MscciteError:
        return
    for rec in records:
        rec.to_csl()  # every record read is a valid model object


@pytest.mark.filterwarnings("ignore::msccite.MscciteWarning")
@pytest.mark.parametrize("fmt", READERS)
@settings(max_examples=60)
@given(text=LIKE_FILES)
def test_strict_mode_raises_only_parse_errors(fmt, text):
    with contextlib.suppress(msccite.MscciteError):
        msccite.loads(text, fmt)


@settings(max_examples=150)
@given(data=st.binary(max_size=400))
def test_any_bytes_are_detected_or_refused_cleanly(data):
    try:
        records = msccite.read(io.BytesIO(data), errors="collect")
    except msccite.MscciteError:
        return
    if records.format is None:  # an input that cannot be opened (a gzip header alone): collected, not raised
        assert records.problems and not list(records)
        return
    assert records.format in READERS


@pytest.mark.parametrize("fmt", READERS)
@settings(max_examples=60)
@given(data=st.binary(max_size=400))
def test_any_bytes_with_a_named_format_give_records_or_parse_errors_only(fmt, data):
    """Bytes through the whole input path (BOM and UTF-16 sniffing, cp1252 fallback, NUL removal)."""
    try:
        records = msccite.read(io.BytesIO(data), fmt, errors="collect")
    except msccite.MscciteError:
        return
    for rec in records:
        rec.to_csl()


@settings(max_examples=100)
@given(text=st.one_of(LIKE_FILES, st.text(max_size=300)))
def test_mojibake_repair_never_raises(text):
    pytest.importorskip("ftfy")
    with contextlib.suppress(msccite.MscciteError):
        msccite.loads(text, "ris", errors="collect", fix_mojibake=True)


FIXTURES = sorted((__import__("paths").ROOT / "tests" / "data" / "fuzz").glob("*--*.txt"))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_regression_fixtures(path):
    fmt = path.name.split("--")[0]
    records = msccite.loads(path.read_text(encoding="utf-8"), fmt, errors="collect")
    for rec in records:
        rec.to_csl()
    if "entries-on-one-line" in path.name:
        assert len(records) == path.read_text(encoding="utf-8").count("@misc")
    if "nested" in path.name:
        assert len(records) == 1 and len(records[0].title or "") >= 5000  # kept as written, not lost


def _hostile_seeds() -> list[tuple[str, int, bytes]]:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_corpus", __import__("paths").ROOT / "fuzz" / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [(fmt, n, data) for fmt, shapes in module.hostile_seeds().items() for n, data in enumerate(shapes)]


@pytest.mark.parametrize(("fmt", "n", "data"), _hostile_seeds(), ids=lambda v: v if isinstance(v, str) else None)
def test_the_fuzz_corpus_hostile_seeds_give_records_or_parse_errors_only(fmt, n, data):
    """The small forms of issue 30's shapes the fuzzer starts from: read as text and as bytes, in both modes."""
    for source in (data.decode("utf-8", "surrogatepass"), io.BytesIO(data)):
        records = msccite.read(source, fmt, errors="collect") if not isinstance(source, str) else \
            msccite.loads(source, fmt, errors="collect")  # fmt: skip
        for rec in records:
            rec.to_csl()
        with contextlib.suppress(msccite.MscciteError):
            msccite.dumps(list(records), "bibtex")
