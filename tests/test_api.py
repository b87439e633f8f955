"""The public API: names, modes, atomic writes."""

from __future__ import annotations

import os

import pytest

import msccite
from paths import SEEDS

SEED = SEEDS / "003_98c53ee05b756194.txt"


def test_public_names():
    for name in ["read", "loads", "iter_records", "dumps", "write", "detect", "formats", "normalize", "Record",
                 "MscciteError", "ParseError", "UnknownFormatError"]:  # fmt: skip
        assert name in msccite.__all__ and hasattr(msccite, name)
    assert issubclass(msccite.ParseError, msccite.MscciteError) and issubclass(msccite.ParseError, ValueError)
    assert issubclass(msccite.UnknownFormatError, msccite.MscciteError)


def test_iter_records_is_a_generator_of_records():
    gen = msccite.iter_records(SEED)
    assert hasattr(gen, "__next__")
    assert next(gen).to_csl()["title"].startswith("A phase I study")


def test_write_takes_the_format_from_the_extension_and_is_atomic(tmp_path):
    records = msccite.read(SEED)
    out = tmp_path / "out.json"
    msccite.write(records, out, lossless=True)
    assert msccite.read(out).format == "csl-json" and msccite.read(out)[0] == records[0]
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left behind


def test_a_failed_write_leaves_the_old_file_untouched(tmp_path):
    out = tmp_path / "out.ris"
    out.write_text("old content", encoding="utf-8")

    def broken():
        yield msccite.read(SEED)[0]
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        msccite.write(broken(), out)
    assert out.read_text(encoding="utf-8") == "old content"
    assert sorted(os.listdir(tmp_path)) == ["out.ris"]


def test_unknown_format_names_and_extensions():
    with pytest.raises(msccite.UnknownFormatError, match="unknown format 'nope'"):
        msccite.dumps([], "nope")
    with pytest.raises(msccite.UnknownFormatError, match="cannot tell the format"):
        msccite.write([], "out.xyz")


def test_read_with_normalize_tidies_white_space():
    rec = msccite.loads("TY  - JOUR\nTI  - Two  spaces\u00a0here \nER  - \n", "ris", normalize=True)[0]
    assert rec.title == "Two spaces here"


def test_errors_mode_is_checked():
    with pytest.raises(ValueError, match="errors must be one of"):
        msccite.loads("TY  - JOUR\nER  - \n", "ris", errors="ignore")


def test_on_error_callback_sees_every_problem():
    seen = []
    msccite.loads("junk\nTY  - JOUR\nER  - \nAU  - x\n", "ris", errors="collect", on_error=seen.append)
    assert [(p.line, p.severity) for p in seen] == [(1, "warning"), (4, "error")]


@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csl-json", "medline"])
def test_dumps_gives_what_dump_writes_to_a_stream(fmt):
    import io

    records = [*msccite.read(SEED), msccite.Record("article-journal", title="Zürich – Ωmega\u00a0cells", note="ü")]
    stream = io.StringIO()
    msccite.dump(records, stream, fmt)
    text = msccite.dumps(records, fmt)
    assert text == stream.getvalue() and len(text) > 500
    assert msccite.loads(text, fmt)[0] == msccite.loads(stream.getvalue(), fmt)[0]
