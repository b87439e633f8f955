"""LaTeX <-> Unicode: the examples of the BibTeX issue, and decode(encode(s)) == s for any text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from msccite.latex import decode, encode, protect


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"M{\"u}ller", "Müller"),
        (r"M\"uller", "Müller"),
        (r"M\"{u}ller", "Müller"),
        (r"{\'\i}", "í"),
        (r"Garc\'{\i}a", "García"),
        (r"Stra\ss e", "Straße"),
        (r"{\ss}", "ß"),
        (r"\c{c}a va", "ça va"),
        (r"\v{S}koda", "Škoda"),
        (r"{\o}ster {\AA}se", "øster Åse"),
        (r"Ł{\'o}d{\'z}", "Łódź"),
        (r"1579--86", "1579–86"),
        (r"a---b", "a—b"),
        (r"A \& B, 5\%, \$3, \#1, a\_b", "A & B, 5%, $3, #1, a_b"),
        ("Le~Blanc", "Le\u00a0Blanc"),
        (r"{MSC} and {Phase III}", "MSC and Phase III"),
        (r"\textit{in vivo} and \emph{ex vivo}", "<i>in vivo</i> and <i>ex vivo</i>"),
        (r"{\em in vitro}", "<i>in vitro</i>"),
        (r"\textbf{bold} CD34\textsuperscript{+}", "<b>bold</b> CD34<sup>+</sup>"),
        (r"The $\alpha$-cells and $x^2$", r"The $\alpha$-cells and $x^2$"),
        (r"\cite{x} stays", r"\cite{x} stays"),
        (r"\textendash{} \textquoteright", "– ’"),
        ("plain text", "plain text"),
    ],
)
def test_decode(latex, text):
    assert decode(latex) == text


@pytest.mark.parametrize(
    ("text", "utf8", "ascii"),
    [
        ("Müller & Co 50%", r"Müller \& Co 50\%", r"M{\"u}ller \& Co 50\%"),
        ("1579–86", "1579--86", "1579--86"),
        ("a--b", "a{-}{-}b", "a{-}{-}b"),
        ("costs $5", r"costs \$5", r"costs \$5"),
        (r"$x^2$ growth", r"$x^2$ growth", r"$x^2$ growth"),
        ("{x} ~ ^ \\", r"\textbraceleft{}x\textbraceright{} \textasciitilde{} \textasciicircum{} \textbackslash{}",
         r"\textbraceleft{}x\textbraceright{} \textasciitilde{} \textasciicircum{} \textbackslash{}"),
        ("<i>in vivo</i>", r"\textit{in vivo}", r"\textit{in vivo}"),
        ("Rodríguez ß ç", "Rodríguez ß ç", r"Rodr{\'\i}guez {\ss} {\c{c}}"),
        ("α-SMA", "α-SMA", r"{\textalpha}-SMA"),
        ("中文", "中文", "中文"),
    ],
)  # fmt: skip
def test_encode(text, utf8, ascii):
    assert encode(text) == utf8
    assert encode(text, ascii=True) == ascii
    assert decode(utf8) == text
    assert decode(ascii) == text


def test_protect_braces_words_with_inner_capitals_only():
    assert protect("Phase I trial of MSC in COVID-19, mRNA and iPSCs.") == (
        "Phase I trial of {MSC} in {COVID-19}, {mRNA} and {iPSCs}."
    )
    assert protect(r"A \textit{MSC} study") == r"A \textit{MSC} study"


@given(st.text())
def test_decode_inverts_encode(s):
    assert decode(encode(s)) == s


@given(st.text())
def test_decode_inverts_ascii_encode(s):
    encoded = encode(s, ascii=True)
    assert decode(encoded) == s


_EUROPEAN = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿßøØæÆœŒłŁšŠžŽčČřŘőűğİşąęńśźżĆć–—"


@given(st.text(alphabet=st.sampled_from(_EUROPEAN + "abc XYZ-&%$#_{}~^\\")))
def test_ascii_encode_of_european_letters_is_pure_ascii(s):
    assert encode(s, ascii=True).isascii()


@given(st.text())
def test_protected_text_decodes_the_same(s):
    assert decode(protect(encode(s))) == s
