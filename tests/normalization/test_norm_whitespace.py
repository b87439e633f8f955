"""The white-space step, and the properties every normalization step keeps."""

from __future__ import annotations

from hypothesis import given

import msccite
from msccite import Name, Record
from strategies import records


def test_whitespace_rules():
    rec = Record("article-journal", title=" Two  spaces\u00a0here\u2009", abstract="line  one \n\n\n line two ",
                 author=[Name(" Le  Blanc", "Katarina "), Name()], keyword=["a ", " ", "b"])  # fmt: skip
    out = msccite.normalize(rec)
    assert out.title == "Two spaces here"
    assert out["abstract"] == "line one\n\nline two"
    assert out.authors == [Name("Le Blanc", "Katarina")]
    assert out["keyword"] == ["a", "b"]
    assert rec.title == " Two  spaces\u00a0here\u2009"  # pure: the input is unchanged


@given(records())
def test_property_normalize_is_idempotent(rec):
    once = msccite.normalize(rec)
    assert msccite.normalize(once) == once


def test_the_public_normalize_stays_a_function_after_the_package_is_imported():
    import msccite.normalization  # noqa: F401 - importing it must not shadow msccite.normalize

    assert callable(msccite.normalize)
