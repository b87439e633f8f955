"""LaTeX <-> Unicode: the examples of the BibTeX issue, and decode(encode(s)) == s for any text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from msccite.latex import decode, encode, protect
from msccite.richtext import plain


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
        (r"The $\alpha$-cells and $x^2$", "The α-cells and x²"),
        (r"\cite{x} stays", r"\cite{x} stays"),
        (r"\textendash{} \textquoteright", "– ’"),
        ("plain text", "plain text"),
    ],
)
def test_decode(latex, text):
    assert decode(latex) == text


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        # Greek letters and symbols
        (r"$\alpha$-SMA", "α-SMA"),
        (r"TGF-$\beta$1 and IFN-$\gamma$", "TGF-β1 and IFN-γ"),
        (r"$\Delta$ $\Omega$ $\varepsilon$ $\epsilon$ $\varphi$ $\vartheta$ $\varsigma$", "Δ Ω ε ε φ ϑ ς"),
        (r"$\pm$ $\times$ $\le$ $\geq$ $\approx$ $\sim$ $\infty$", "± × ≤ ≥ ≈ ∼ ∞"),
        (r"$\cdot$ $\circ$ $\to$ $\rightarrow$ $\prime$ $\leq$ $\ge$", "· ∘ → → ′ ≤ ≥"),
        (r"5$\,\mu$m, 37$^\circ$C, 4 $^{\circ}$C, $\degree$", "5\u2009μm, 37°C, 4 °C, °"),
        (r"$50\%$ of $\alpha$", "50% of α"),
        # ^ and _: Unicode when every character has a form, else <sup>/<sub>
        (r"$\Sigma^{0}$", "Σ⁰"),
        (r"H$_2$O and CO$_{2}$", "H₂O and CO₂"),
        (r"10$^{-3}$ M", "10⁻³ M"),
        (r"$x^{n+1}$", "xⁿ⁺¹"),
        (r"$^{14}$C", "¹⁴C"),
        (r"$C_{max}$", "Cₘₐₓ"),
        (r"$\beta_{cat}$", "β<sub>cat</sub>"),
        (r"$x^{abc}$", "x<sup>abc</sup>"),
        (r"$x^\alpha$", "x<sup>α</sup>"),
        (r"CD$4^+$", "CD4⁺"),
        # \textrm, \mathrm, \text, \mathit, \mathbf, {\rm ...}
        (r"DNA$_{\textrm{2}}$", "DNA₂"),
        (r"$t_{\mathrm{max}}$", "tₘₐₓ"),
        (r"${\rm CO}_2$", "CO₂"),
        (r"$\mathit{in vivo}$ and $\mathbf{x}^2$", "<i>invivo</i> and <b>x</b>²"),
        (r"$\text{in vivo}^2$, $\mbox{a b}$", "in vivo², a b"),
        # spaces in math are dropped, as TeX does
        (r"$p \leq 0.05$", "p≤0.05"),
        (r"$5 \times 10^{-3}$", "5×10⁻³"),
        # math with anything not understood is kept as written
        (r"$\frac{a}{b}$", r"$\frac{a}{b}$"),
        (r"$\sqrt{2}$ and $\alpha$", r"$\sqrt{2}$ and α"),
        (r"$\unknown^2$", r"$\unknown^2$"),
        (r"$\text{\cite{x}}^2$", r"$\text{\cite{x}}^2$"),
        (r"$x^$", r"$x^$"),
        (r"$a & b^2$", r"$a & b^2$"),
        # not math (no command, ^ or _): kept
        (r"$5 and $6", r"$5 and $6"),
        # an accent with an empty argument is the character itself
        (r"\~{}user", "~user"),
        (r"x\^{}2", "x^2"),
    ],
)  # fmt: skip
def test_decode_math_and_accents(latex, text):
    assert decode(latex) == text


@pytest.mark.parametrize(
    ("text", "utf8", "ascii"),
    [
        ("Müller & Co 50%", r"Müller \& Co 50\%", r"M{\"u}ller \& Co 50\%"),
        ("1579–86", "1579--86", "1579--86"),
        ("a--b", "a{-}{-}b", "a{-}{-}b"),
        ("costs $5", r"costs \$5", r"costs \$5"),
        # "$x^2$" that is text, not math, is escaped: decode() would give "x²"
        ("$x^2$ growth", r"\$x\textasciicircum{}2\$ growth", r"\$x\textasciicircum{}2\$ growth"),
        (r"$\frac{a}{b}$ growth", r"$\frac{a}{b}$ growth", r"$\frac{a}{b}$ growth"),
        ("x² H₂O 10⁻³ Tₘₐₓ", "x² H₂O 10⁻³ Tₘₐₓ", "x$^{2}$ H$_{2}$O 10$^{-3}$ T$_{max}$"),
        ("θ ≤ μ ′", "θ ≤ μ ′", r"$\theta$ $\leq$ $\mu$ $\prime$"),
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


def test_protect_braces_words_with_inner_capitals_and_lone_capitals_after_the_first_word():
    assert protect("Phase I trial of MSC in COVID-19, mRNA and iPSCs.") == (
        "Phase {I} trial of {MSC} in {COVID-19}, {mRNA} and {iPSCs}."
    )
    assert protect("A study of vitamin D: A trial") == "A study of vitamin {D}: {A} trial"
    assert protect(r"A \textit{MSC} study") == r"A \textit{MSC} study"


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ("{MSC} therapy", '<span class="nocase">MSC</span> therapy'),  # the source's protection, kept
        ("MSC therapy", "MSC therapy"),  # none in the source: none in the record
        ("{MSC}s and {mRNA}", '<span class="nocase">MSC</span>s and <span class="nocase">mRNA</span>'),
        ("A phase {I} study", 'A phase <span class="nocase">I</span> study'),
        ("{Phase III} trial", '<span class="nocase">Phase III</span> trial'),
        ("{T}he {Parkinson}'s case", '<span class="nocase">T</span>he <span class="nocase">Parkinson</span>\'s case'),
        ("{A} study", '<span class="nocase">A</span> study'),
        ("{Whole Title in Braces}", '<span class="nocase">Whole Title in Braces</span>'),
        (r"{\'E}cole and {\"U}ber", "École and Über"),  # braces around an accent are not a protection
        (r"\textit{{E. coli}} in {1999}", "<i>E. coli</i> in 1999"),  # a group without letters protects nothing
    ],
)
def test_title_groups_that_protect_case_become_nocase_spans(latex, text):
    decoded = decode(latex, nocase=True)
    assert decoded == text
    assert decode(encode(decoded), nocase=True) == decoded  # written back (without new braces), read again


def test_an_all_capitals_title_is_protected_as_one_group():
    assert protect("ALLOGENEIC UMBILICAL-CORD MSC FOR SLE") == "{ALLOGENEIC UMBILICAL-CORD MSC FOR SLE}"
    whole = '<span class="nocase">ALLOGENEIC MSC FOR SLE</span>'
    assert decode(protect("ALLOGENEIC MSC FOR SLE"), nocase=True) == whole
    assert protect("MSC") == "{MSC}"  # one word


@given(st.lists(st.sampled_from(["MSC", "mRNA", "Phase", "III", "I", "D", "the", "of", "{Stem Cells}", "{T}he",
                                 "{MSC}", "a", "{x}", "Über", "{\\'E}cole", "--"]), min_size=1, max_size=8))
def test_a_title_written_with_its_capitals_protected_is_a_fixed_point(words):
    """Read, written (capitals protected), read again: the words are the same, and once protected, a title
    written and read again does not change."""
    once = decode(" ".join(words), nocase=True)
    twice = decode(protect(encode(once)), nocase=True)
    assert plain(twice) == plain(once)
    assert decode(protect(encode(twice)), nocase=True) == twice


@given(st.lists(st.sampled_from(["0", "A", "I", "D:", "MSC", "(MSC)", "mRNA", "iPSCs", "the", "Phase", "Über", "x-Y",
                                 "B.", "&"]), min_size=1, max_size=8).map(" ".join))
def test_a_plain_title_written_read_and_written_again_is_the_same_text(title):
    """The braces protect() adds are read back as nocase spans; writing those spans gives the same braces (a
    span of several words is one group: no braces inside it)."""
    written = protect(encode(title))
    assert protect(encode(decode(written, nocase=True))) == written


def test_words_inside_a_group_are_not_braced_again():
    assert protect("{0 A 0}") == "{0 A 0}"
    assert protect("x {Phase I} of A") == "x {Phase I} of {A}"
    assert protect("{0 A 0}\tB of A") == "{0 A 0}\t{B} of {A}"  # (white space other than spaces)
    assert protect(r"a \{ A \} B") == r"a \{ {A} \} {B}"  # escaped braces open no group


@given(st.text())
def test_decode_inverts_encode(s):
    assert decode(encode(s)) == s


@given(st.text())
def test_decode_inverts_ascii_encode(s):
    encoded = encode(s, ascii=True)
    assert decode(encoded) == s


_MATHY = st.sampled_from(
    [*"$^_{}\\2x -'~²₂θμ≤\n", r"\alpha", r"\frac", r"\text{", r"\mathrm{", r"\rm ", r"\~{}", "<i>", "</i>"]
)


@given(st.lists(_MATHY, max_size=20).map("".join), st.booleans())
def test_decode_inverts_encode_of_math_like_text(s, ascii):
    assert decode(encode(s, ascii=ascii)) == s


_EUROPEAN = "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿßøØæÆœŒłŁšŠžŽčČřŘőűğİşąęńśźżĆć–—"


@given(st.text(alphabet=st.sampled_from(_EUROPEAN + "abc XYZ-&%$#_{}~^\\")))
def test_ascii_encode_of_european_letters_is_pure_ascii(s):
    assert encode(s, ascii=True).isascii()


@given(st.text())
def test_protected_text_decodes_the_same(s):
    assert decode(protect(encode(s))) == s


def _protect_every_word(encoded: str) -> str:  # the rule applied to every word (what the shortcut must give)
    import re

    from msccite.latex import protected

    lead = len(encoded) - len(encoded.lstrip())

    def one(m):
        word = m.group(0)
        core = word.strip(".,:;!?()[]'\"")
        if "\\" in word or "$" in word or "{" in word or "}" in word or not core or not protected(core, m.start() == lead):
            return word
        start = word.index(core)
        return word[:start] + "{" + core + "}" + word[start + len(core) :]

    return re.sub(r"[^\s]+", one, encoded)


@given(st.lists(st.sampled_from(["MSC", "mRNA", "I", "A", "a", "(I)", "D:", "iPSCs", "Trial", "of", "x", "É", "ǅ",
                                 "ϒ", "1", "(a", "\\textit{B}", "ÉA", "é"]), max_size=8).map(" ".join))  # fmt: skip
def test_property_protect_is_the_rule_applied_to_every_word(title):
    if title and title == title.upper() and " " in title.strip():
        return  # ALL CAPITALS: one group (tested above)
    assert protect(title) == _protect_every_word(title)


@given(st.lists(st.tuples(st.sampled_from(["MSC", "mRNA", "I", "a", "(I)", "iPSCs", "Trial", "of", "É", "ǅ", "", "x"]),
                          st.sampled_from([" ", "  ", "\n", "\t", " \n "])), max_size=8))
def test_property_protect_splits_words_at_any_white_space(pieces):
    title = "".join(word + sep for word, sep in pieces)
    if title and title == title.upper() and " " in title.strip():
        return  # ALL CAPITALS: one group (tested above)
    assert protect(title) == _protect_every_word(title)


def _encode_by_alternatives(text: str) -> str:  # the escapes and dash runs found as alternatives (the rule)
    import re

    from msccite.latex import _encode_char

    return re.sub(r"[&%$#_{}~^\\\u00a0]|-[-–—]+|[–—][-–—]*", lambda m: _encode_char(m.group(0), False), text)


@given(st.text(alphabet="ab &%$#_{}~^\\\u00a0-–—é", max_size=30))
def test_property_plain_text_escapes_are_the_rule(text):
    from msccite.latex import _encode_plain

    assert _encode_plain(text, False) == _encode_by_alternatives(text)
