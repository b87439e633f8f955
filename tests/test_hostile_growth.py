"""Hostile input that took quadratic (or worse) time (issue 30.9): the results on large inputs, and the work done.

No test here measures time. Each input is large enough that the code before the fix took minutes on it (or
raised a RecursionError), so that such a change shows as a test that hangs or fails, while the linear code takes
a fraction of a second; where the work can be counted deterministically (the characters a pattern is run over,
the calls of a callback, the length of what difflib compares), it is. The rewritten patterns are also checked to
match exactly what the old ones matched, on many small random strings. ``benchmarks/growth.py`` times the same
shapes at growing sizes.
"""

from __future__ import annotations

import difflib
import random
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from msccite import Name, Record, latex
from msccite.dedupe import match
from msccite.formats.bibtex import fields, names, parse
from msccite.normalization import identifiers

SPAN = latex.NOCASE_OPEN + "A" + latex.NOCASE_CLOSE


class Counting:
    """A compiled pattern that counts what it is run over: the characters handed to ``sub``, the calls of the
    replacement function, the matches ``finditer`` yields, and the calls of each method."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.chars = 0
        self.replaced = 0
        self.tokens = 0
        self.calls: dict[str, int] = {}

    def _called(self, name: str) -> None:
        self.calls[name] = self.calls.get(name, 0) + 1

    def sub(self, repl: Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        self._called("sub")
        self.chars += len(string)

        def counted(m: re.Match[str]) -> str:
            self.replaced += 1
            return repl(m)

        return self.pattern.sub(counted, string, count)

    def finditer(self, string: str, *args: Any) -> Iterator[re.Match[str]]:
        self._called("finditer")
        for m in self.pattern.finditer(string, *args):
            self.tokens += 1
            yield m

    def __getattr__(self, name: str) -> Any:
        return getattr(self.pattern, name)


# -- a title of many brace groups (10^4 groups took 6-8 s, 10^5 more than 300 s) -------------------------------


def test_a_title_of_10000_groups_decodes_to_10000_spans():
    n = 10_000  # "{A} " groups: about 7 minutes before the fix (one substitution a pass over the whole title)
    assert latex.decode("{A} " * n, nocase=True) == (SPAN + " ") * n
    assert fields.read_field("title", "{A}" * n) == SPAN * n


def test_the_groups_of_a_title_are_replaced_in_one_pass(monkeypatch):
    n = 1_000
    counting = Counting(latex._GROUP)
    monkeypatch.setattr(latex, "_GROUP", counting)
    text = "{A}{2} " * n
    assert latex.decode(text, nocase=True) == (SPAN + "2 ") * n  # a group without letters protects nothing
    assert counting.replaced == 2 * n  # the per-group callback: once a group
    assert counting.chars <= 2 * len(text)  # the text is gone over once, not once a group


def test_a_title_with_many_groups_through_the_reader():
    import msccite

    n = 5_000
    records = msccite.loads("@article{k,\n  title = {" + "{A} " * n + "}\n}\n", "bibtex")
    assert records[0]["title"] == ((SPAN + " ") * n).strip()


# -- long runs of white space in names and values (10^5 spaces: 89 s in an author field) ----------------------


def test_an_author_field_with_100000_spaces_gives_the_right_names():
    gap = " " * 100_000  # about 1.5 minutes before the fix (\s+and\s+ tried at every space)
    assert names.split_names("Doe, Jane" + gap + "and Roe, Richard") == (["Doe, Jane", "Roe, Richard"], False)
    assert names.split_names("Jane" + gap + "Doe") == (["Jane" + gap + "Doe"], False)
    # a line break too: oneline() folds the white space around it (\s*\n\s* was quadratic as well)
    got, others = fields.read_field("author", "Doe, Jane" + gap + "X.\nand Roe, Richard and others")
    assert got == [Name("Doe", "Jane X."), Name("Roe", "Richard")] and others
    assert fields.read_field("author", "Jane" + gap + "Doe") == ([Name("Doe", "Jane")], False)


def test_an_abstract_with_100000_spaces_before_a_line_break_keeps_its_text():
    gap = " " * 100_000  # about 2.5 minutes before the fix
    assert fields.read_field("abstract", "a" + gap + "b \t\r\n \tc") == "a" + gap + "b\nc"
    assert fields.oneline("a" + gap + "b \n c" + gap) == "a" + gap + "b c"


def test_a_value_with_200000_spaces_gives_no_doi():
    value = "a" + " " * 200_000 + "b"  # about 2 minutes before the fix (\s*\[doi\]\s*$ tried at every space)
    assert identifiers.clean_doi(value) is None
    assert identifiers.find_dois(value) == []
    assert identifiers._single_token_doi(value) is None
    rec = Record("article-journal", DOI=value, note=[value], extra=[("ris", "U2", value)])
    identifiers.normalize_identifiers(rec)
    assert rec["DOI"] == value  # no DOI in it: kept as written
    marked = "10.1234/ABC" + " " * 200_000 + "[doi]"
    assert identifiers.clean_doi(marked) == "10.1234/abc"
    assert identifiers._single_token_doi(marked) == "10.1234/abc"


def test_a_line_that_starts_like_an_entry_with_10000_spaces_is_read_inside_its_value():
    # "@a{" + spaces + "x y": whether it is an entry of its own was asked with three runs of white space in a
    # row to share out, cubic (1,000 spaces: 3 s; 10,000: about 50 minutes)
    gap = " " * 10_000
    lines = ["@article{k,\n", "  note = {see\n", "@a{" + gap + "x y} here},\n", "  title = {T}\n", "}\n"]
    (block,) = parse.blocks(lines)
    assert block.kind == "entry" and [f.name for f in block.fields] == ["note", "title"]
    assert block.fields[0].pieces == [("{", "see\n@a{" + gap + "x y} here")]


# -- LaTeX: group ends, math, declarations, escapes ------------------------------------------------------------


def test_accents_whose_group_ends_after_a_line_break_command(monkeypatch):
    # \'{\\}: the "}" after "\\" was taken for an escaped brace, and each accent scanned to the end of the value
    # for its group's end (15,000 accents: about 2 minutes before the fix)
    n = 15_000
    assert latex.decode(("\\'{" + "\\\\}") * n) == "\n\u0301" * n
    counting = Counting(latex._GROUPING)
    monkeypatch.setattr(latex, "_GROUPING", counting)
    text = ("\\'{" + "\\\\}") * 2_000
    latex.decode(text)
    assert counting.tokens <= 2 * len(text)  # each brace and escape looked at a bounded number of times


def test_many_accents_are_read_in_linear_work(monkeypatch):
    n = 30_000
    assert latex.decode("\\'{e}" * n) == "é" * n
    assert latex.decode("\\foo" + "{a}" * n) == "\\foo" + "{a}" * n  # an unknown command, kept as written
    counting = Counting(latex._GROUPING)
    monkeypatch.setattr(latex, "_GROUPING", counting)
    text = "\\'{e}" * 2_000
    assert latex.decode(text) == "é" * 2_000
    assert counting.tokens <= 2 * len(text)


def test_closing_braces_with_nothing_open_do_not_hide_deep_nesting():
    # "}" * n first let n unclosed accent groups pass as shallow: each then scanned to the end (quadratic; n =
    # 20,000: about 2 minutes), and "}" * n + "{" * n was a RecursionError
    n = 20_000
    text = "}" * n + "\\'{" * n
    assert latex.decode(text) == text  # nested deeper than any LaTeX: kept as written
    assert latex.decode("}" * n + "{" * n) == "}" * n + "{" * n
    deep = "}" * 200 + "{a" * 150 + "}" * 150
    assert latex.decode(deep) == deep


def test_escapes_do_not_count_as_braces_for_the_depth():
    text = "{\\'e" * 101 + "}" * 101  # 101 groups, one in the other: too deep, kept as written
    assert latex.decode(text) == text
    assert latex.decode("\\{" * 300 + "x" + "\\}" * 300) == "{" * 300 + "x" + "}" * 300


def test_an_accent_on_an_escaped_brace_is_not_a_group():
    # \'\{ read the accent on "\" and then "{" as a group _too_deep had not counted: a RecursionError
    n = 5_000
    assert latex.decode("\\'\\{" * n + "\\}" * n) == "{\u0301" * n + "}" * n


def test_math_with_many_declarations():
    # \rm\rm\rm...: one recursion a declaration, a RecursionError from about a thousand on
    assert latex.decode("$" + "\\rm " * 5_000 + "x^2$") == "x²"
    assert latex.decode("$" + "\\mathit{a} \\bf " * 3 + "x$") == "<i>a</i><b><i>a</i><b><i>a</i><b>x</b></b></b>"
    assert latex.decode("${\\rm CO}_2$") == "CO₂"


def test_a_group_with_many_declarations():
    n = 100_000  # the closing marks were prepended to a string, one declaration at a time
    assert latex.decode("{" + "\\em " * n + "x}") == "<i>" * n + "x" + "</i>" * n
    assert latex.decode("{\\bf a {\\em b} c}") == "<b>a <i>b</i> c</b>"


def test_math_opened_before_many_escaped_dollars():
    n = 100_000  # each "\$" copied the text from the "$" on again, looking for a line break
    assert latex.decode("$" + "\\$" * n) == "$" * (n + 1)
    assert latex.decode("$x^2\n$") == "$x^2\n$"


def test_protect_finds_the_first_word_once():
    n = 50_000  # the text before each word was copied to tell whether it was the first
    assert latex.protect("x MSC " * n) == "x {MSC} " * n
    assert latex.protect("  I think vitamin D") == "  I think vitamin {D}"  # the first word: no lone capital


def test_encode_finds_the_marks_once(monkeypatch):
    n = 20_000
    text = "$\\frac{a}{b}$ " * n  # math it does not understand: kept as written
    assert latex.encode(text) == text
    counting = Counting(latex._MARKED)
    monkeypatch.setattr(latex, "_MARKED", counting)
    small = "<i>$\\frac{a}{b}$</i> " + "$\\frac{a}{b}$ " * 500
    assert latex.encode(small) == "\\textit{\\$\\textbackslash{}frac\\textbraceleft{}a\\textbraceright{}" \
        "\\textbraceleft{}b\\textbraceright{}\\$} " + "$\\frac{a}{b}$ " * 500  # fmt: skip
    assert counting.calls.get("finditer", 0) <= 2  # the marks are found once for all the math, not once each


# -- dedupe: long similar titles (two 20,000-character titles took 26 s) ----------------------------------------


def _similar(n: int) -> tuple[str, str]:
    rnd = random.Random(n)
    words = ["".join(rnd.choice("abcdefghij") for _ in range(rnd.randint(2, 9))) for _ in range(n // 6)]
    return " ".join(words), " ".join(w if i % 10 else w[::-1] for i, w in enumerate(words))


def test_two_long_similar_titles_are_compared_on_their_start(monkeypatch):
    a, b = _similar(20_000)
    seen: list[tuple[int, int]] = []
    ratio = match._ratio

    def recording(x: str, y: str, floor: float = 0.0) -> float:
        seen.append((len(x), len(y)))
        return ratio(x, y, floor)

    monkeypatch.setattr(match, "_ratio", recording)
    s = match.title_similarity(a, b)
    assert 0.75 <= s < 1.0
    assert seen and all(max(lengths) <= match._MAX_TITLE for lengths in seen)


def test_real_titles_score_as_before():
    pairs = [
        ("mesenchymal stromal cells for steroid refractory acute graft versus host disease a phase ii trial",
         "mesenchymal stem cells for treatment of steroid resistant severe acute graft versus host disease"),
        ("a" * 999 + "b", "a" * 998 + "cb"),
    ]  # fmt: skip
    for a, b in pairs:
        assert match.title_similarity(a, b) == difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


# -- the rewritten patterns match what the old ones matched -------------------------------------------------------

OLD_AND = re.compile(r"\s+and\s+", re.I)
OLD_SPACES = re.compile(r"\s*\n\s*")
OLD_NEWLINE = re.compile(r"[ \t]*\r?\n[ \t]*")
OLD_DOI_MARK = re.compile(r"\s*\[doi\]\s*$", re.IGNORECASE)
OLD_ENTRY = re.compile(r"\s*@\s*[A-Za-z]+\s*[{(]\s*[^\s,={}]*\s*,?\s*$")
OLD_SPECIAL = re.compile(r"\s*@\s*(string|preamble|comment)\s*[{(]", re.I)
WHITE = [" ", "  ", "\t", "\n", "\r", "\r\n", "\u00a0", "\u2003"]


def _strings(alphabet: list[str], count: int = 4000, longest: int = 12) -> Iterator[str]:
    rnd = random.Random(30_9)
    for _ in range(count):
        yield "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, longest)))


def test_the_name_separator_splits_as_before(monkeypatch):
    alphabet = [*WHITE, "and", "AND", "And", "a", "n", "d", "x", "{", "}", "{and}", ","]
    for s in _strings(alphabet):
        assert [m.span() for m in names._AND.finditer(s)] == [m.span() for m in OLD_AND.finditer(s)], repr(s)
    new = [names.split_names(s) for s in _strings(alphabet)]
    monkeypatch.setattr(names, "_AND", OLD_AND)
    assert new == [names.split_names(s) for s in _strings(alphabet)]


def test_line_breaks_fold_as_before():
    alphabet = [*WHITE, "a", "b", "\r\r", "\n\n"]
    for s in _strings(alphabet):
        assert fields._SPACES.sub(" ", s) == OLD_SPACES.sub(" ", s), repr(s)
        assert fields._trim_lines(s) == OLD_NEWLINE.sub("\n", s), repr(s)


def test_the_doi_mark_is_removed_as_before():
    alphabet = [*WHITE, "[doi]", "[DOI]", "[doi", "]", "a", "10.1/x"]
    for s in _strings(alphabet):
        assert identifiers._DOI_MARK.sub("", s) == OLD_DOI_MARK.sub("", s), repr(s)


def test_lines_that_look_like_an_entry_are_the_same():
    alphabet = [*WHITE, "@", "a", "Z", "9", "{", "(", ",", ",,", "=", "}", "x", "string", "Comment", "-", ":"]
    for s in _strings(alphabet, longest=10):
        old = OLD_ENTRY.match(s) is not None or OLD_SPECIAL.match(s) is not None
        assert parse._looks_like_entry(s) == old, repr(s)


@pytest.mark.parametrize("line", ["@article{key,\n", "  @ARTICLE { key , \n", "@string{", "@misc(k)\n"])
def test_entry_lines(line):
    assert parse._looks_like_entry(line) == (OLD_ENTRY.match(line) is not None or OLD_SPECIAL.match(line) is not None)
