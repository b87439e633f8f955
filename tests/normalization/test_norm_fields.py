"""Keywords, language and abstracts."""

from __future__ import annotations

import pytest

from msccite import Record
from msccite.normalization.abstracts import plain_abstract
from msccite.normalization.keywords import normalize_keywords
from msccite.normalization.language import language_code, normalize_language


def test_keywords_split_on_semicolons_and_deduplicated_in_order():
    keywords = ["Stem cells; GVHD;MSC", "msc", "Clinical  Trials", "GVHD", "clinical trials"]
    rec = Record("article-journal", keyword=keywords)
    normalize_keywords(rec)
    assert rec["keyword"] == ["Stem cells", "GVHD", "MSC", "Clinical Trials"]


def test_keywords_with_commas_are_not_split():
    rec = Record("article-journal", keyword=["Cells, Cultured", "Humans"])
    normalize_keywords(rec)
    assert rec["keyword"] == ["Cells, Cultured", "Humans"]


@pytest.mark.parametrize(("text", "code"), [
    ("English", "en"), ("eng", "en"), ("EN", "en"), ("Inglés", "en"), ("英文", "en"), ("English.", "en"),
    ("Spanish", "es"), ("spa", "es"), ("Español", "es"), ("Castellano", "es"), ("fre", "fr"), ("Français", "fr"),
    ("ger", "de"), ("Deutsch", "de"), ("chi", "zh"), ("中文", "zh"), ("Japanese", "ja"), ("Català", "ca"),
    ("eus", "eu"), ("Portuguese", "pt"), ("en-us", "en-US"), ("zh-hans", "zh-Hans"), ("pt_BR", "pt-BR"),
])  # fmt: skip
def test_language_codes(text, code):
    assert language_code(text) == code
    assert language_code(code) == code


@pytest.mark.parametrize("text", ["Spanish; English", "Lenguaje", "Klingon", "xx-yy"])
def test_unknown_or_several_languages_are_left_as_they_were(text):
    rec = Record("article-journal", language=text)
    normalize_language(rec)
    assert rec["language"] == text


@pytest.mark.parametrize(("raw", "plain"), [
    ("<jats:p>Stem <i>cells</i> work.</jats:p><jats:p>Second paragraph here.</jats:p>",
     "Stem cells work.\n\nSecond paragraph here."),
    ("<p>A &amp; B &lt; C, &#8211; done</p>", "A & B < C, \u2013 done"),
    ("p < 0.05 and q > 1 in all groups", "p < 0.05 and q > 1 in all groups"),
    ("<jats:title>Background</jats:title><jats:p>Text.</jats:p>", "Background\n\nText."),
])  # fmt: skip
def test_abstract_markup_removed(raw, plain):
    assert plain_abstract(raw) == plain
    assert plain_abstract(plain) == plain


def test_a_repeated_second_copy_of_the_abstract_is_dropped():
    one = "BACKGROUND: Mesenchymal stromal cells were infused.\nRESULTS: No adverse event was seen."
    assert plain_abstract(one + "\n" + one) == one
    assert plain_abstract(one + " " + one) == " ".join(one.split())
    assert plain_abstract(one + "\n" + one + " Extra.") == one + "\n" + one + " Extra."  # not a copy
    short = "Yes. Yes."
    assert plain_abstract(short) == short
