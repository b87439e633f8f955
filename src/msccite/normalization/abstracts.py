"""Abstracts: plain text, once (rules in ``docs/normalization.md``).

- markup is removed: HTML and JATS tags (``<p>``, ``<jats:p>``, ``<jats:title>``, ``<i>``, ``<sup>``
  ...); a paragraph or section end becomes a line break; HTML entities (``&amp;``, ``&lt;``,
  ``&#8211;``) are decoded;
- an abstract that is its own text twice (page copies, ``AB`` and ``N2`` glued together) keeps one copy;
- structured-abstract headings an exporter glued to their text are split again: ``BACKGROUNDSevere forms``
  → ``BACKGROUND: Severe forms``, ``effects.METHODSWe`` → ``effects. METHODS: We`` (:func:`split_glued_headings`).

``<`` in text that is not a tag (``p < 0.05``) is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..lazyre import compile_cached, lazy
from ..model import Record
from .text import tidy_block

__all__ = ["ABSTRACT_HEADINGS", "plain_abstract", "normalize_abstract", "split_glued_headings"]

_BLOCK_TAG = lazy(r"</?(?:jats:)?(?:p|sec|title|div|br|li|ul|ol|h[1-6])\b[^<>]{0,200}>", re.IGNORECASE)
_TAG = lazy(r"</?(?:[a-z][a-z0-9]*:)?[a-z][a-z0-9-]*(?:\s[^<>]{0,500})?/?>", re.IGNORECASE)
_HAS_MARKUP = compile_cached(r"</?[a-zA-Z]|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def _once(text: str) -> str:
    """The text (tidied by :func:`tidy_block`) once: its first copy while it is the same text twice (white space
    aside); so a text four times is once too, and ``_once`` of its result is that result."""
    while (first := _first_copy(text)) is not text:
        text = first
    return text


def _first_copy(text: str) -> str:
    """The first copy of the text when it is the same text twice (white space aside), else ``text`` itself."""
    flat = " ".join(text.split()) if "\n" in text else text  # a line tidy_block gives is tidy: flat already
    half = (len(flat) - 1) // 2
    if len(flat) < 40 or flat[half] != " " or flat[:half] != flat[half + 1 :]:
        return text
    lines = text.split("\n")
    for cut in range(1, len(lines)):  # keep the line breaks of the first copy where the copies split at one
        if " ".join(" ".join(lines[:cut]).split()) == flat[:half]:
            return "\n".join(lines[:cut]).strip()
    return flat[:half]


#: Structured-abstract headings (the NLM labels and the combined ones journals use) that
#: :func:`split_glued_headings` splits from text an exporter glued them to. Capitals, words separated by one space.
ABSTRACT_HEADINGS: tuple[str, ...] = (
    "AIM", "AIMS", "AIMS AND OBJECTIVES", "BACKGROUND", "BACKGROUND AND AIMS", "BACKGROUND AND OBJECTIVES",
    "BACKGROUND AND PURPOSE", "CASE DESCRIPTION", "CASE PRESENTATION", "CASE REPORT", "CLINICAL RELEVANCE",
    "CLINICAL TRIAL REGISTRATION", "CONCLUSION", "CONCLUSIONS", "CONCLUSIONS AND RELEVANCE", "CONTEXT",
    "DATA COLLECTION AND ANALYSIS", "DATA EXTRACTION", "DATA SOURCES", "DATA SYNTHESIS", "DESIGN",
    "DESIGN AND SETTING", "DESIGN, SETTING, AND PARTICIPANTS", "DISCUSSION", "ELIGIBILITY CRITERIA",
    "ETHICS AND DISSEMINATION", "EVIDENCE ACQUISITION", "EVIDENCE SYNTHESIS", "EXPOSURE", "EXPOSURES", "FINDINGS",
    "FUNDING", "GOAL", "GOALS", "HYPOTHESIS", "IMPLICATIONS", "IMPORTANCE", "INTERPRETATION", "INTERVENTION",
    "INTERVENTIONS", "INTRODUCTION", "LEVEL OF EVIDENCE", "LIMITATIONS", "MAIN OUTCOME MEASURE",
    "MAIN OUTCOME MEASURES", "MAIN OUTCOMES AND MEASURES", "MAIN RESULTS", "MATERIAL AND METHODS",
    "MATERIALS AND METHODS", "MEASUREMENTS", "MEASUREMENTS AND MAIN RESULTS", "METHOD", "METHODOLOGY", "METHODS",
    "METHODS AND FINDINGS", "METHODS AND RESULTS", "OBJECTIVE", "OBJECTIVES", "OUTCOMES", "PARTICIPANTS",
    "PATIENTS", "PATIENTS AND METHODS", "PURPOSE", "RATIONALE", "REGISTRATION", "RESULTS", "RESULTS AND DISCUSSION",
    "SEARCH METHODS", "SELECTION CRITERIA", "SETTING", "SETTINGS", "SIGNIFICANCE", "STUDY DESIGN", "STUDY SELECTION",
    "SUBJECTS", "SUBJECTS AND METHODS", "SUMMARY", "TRIAL REGISTRATION", "TRIAL REGISTRATION NUMBER",
)  # fmt: skip

#: What a run of capitals glued to a heading may not be for the pair to split: a word written in capitals
#: (``RESULTSAND``, ``CONCLUSIONTHE``) or a word's ending (``DESIGNED``, ``CONTEXTUAL``, ``METHODOLOGY``).
_NOT_ACRONYM_WORDS = ("A", "AN", "AND", "ARE", "AS", "AT", "BY", "FOR", "FROM", "IN", "IS", "NOT", "OF", "ON", "OR",
                      "THE", "THIS", "TO", "WAS", "WE", "WERE", "WITH")  # fmt: skip
_NOT_ACRONYM_ENDINGS = ("ABLE", "AL", "ALLY", "ATE", "ATED", "ATION", "ED", "ER", "FUL", "IC", "ICAL", "ING", "IST",
                        "ITY", "IVE", "LESS", "LY", "MENT", "NESS", "OLOGY", "OLOGIES", "OUS", "UAL")  # fmt: skip

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_SHORT = 5  # a heading shorter than this (AIM, AIMS, GOAL) is split only from a mixed-case word: AIM2, AIMSTAT


def _alternatives(words: Iterable[str]) -> str:
    """A pattern matching any of ``words``, the longest it can first, as a tree of their common beginnings (so
    that the regex engine tries one or two branches at a place, not every word: ``RESULTS(?: AND DISCUSSION)?``)."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in node.items() if char]
        if not branches:
            return ""
        if "" in node:  # a shorter word ends here: the longer ones first
            return "(?:" + "|".join(branches) + ")?" if len(branches) > 1 else "(?:" + branches[0] + ")?"
        return "(?:" + "|".join(branches) + ")" if len(branches) > 1 else branches[0]

    return pattern(tree)


_MIXED_WORD = rf"[{_UPPER}][{_LOWER}]|[AI](?=[ ,;])"  # Severe, We, EudraCT, IgA; the words A and I


def _glued() -> str:
    """The pattern of a known heading glued to its text: the longest that the text after it lets split
    (CONCLUSIONSThe, CONCLUSIONSuch). Built on first use: the trees of words cost 2 ms, at every start."""
    acronym = (
        rf"(?![{_UPPER}]*(?:{_alternatives(_NOT_ACRONYM_ENDINGS)})S?(?!\w))"
        rf"(?!(?:{_alternatives(_NOT_ACRONYM_WORDS)})(?!\w))"
        rf"[{_UPPER}]{{2}}[{_UPPER}0-9]*s?(?!\w)"  # AIFA, CD19, COVID-19, MSCs
    )
    return (
        rf"(?:{_alternatives(h for h in ABSTRACT_HEADINGS if len(h) >= _SHORT)})(?={_MIXED_WORD}|\d|{acronym})"
        rf"|(?:{_alternatives(h for h in ABSTRACT_HEADINGS if len(h) < _SHORT)})(?={_MIXED_WORD})"
    )


_GLUED = lazy(_glued)


@lru_cache(maxsize=None)
def _longer(heading: str) -> tuple[str, ...]:
    """The headings that start with this one and are longer (CONCLUSION: CONCLUSIONS, CONCLUSIONS AND RELEVANCE)."""
    return tuple(g for g in ABSTRACT_HEADINGS if g != heading and g.startswith(heading))

# The quick test. Every glued heading makes four capitals in a row (the first word of each heading has four letters
# or more, or it is AIM, glued to a capital): ``text.encode("latin-1", "replace")`` (a byte a character) translated
# to ``U`` for a capital, ``l`` for a lowercase letter, ``d`` for a digit, `` `` for a space and ``.`` for anything
# else is searched for ``UUUU``, a literal the regex engine finds fast: some times faster than any regex over the
# text, and most abstracts stop there. Then only the runs of capitals that may be at a boundary are looked at: not
# those after a capital (inside a run) or after a word and a space (a word in a sentence, the commonest by far).
_CLASSES = bytes(
    ord("U") if chr(i).isupper() and chr(i).isalpha() else ord("l") if chr(i).islower() else
    ord("d") if chr(i).isdigit() else ord(" ") if i == 32 else ord(".")
    for i in range(256)
)  # fmt: skip
_CAPITAL_RUN = compile_cached(rb"UUUU(?<!UUUUU)(?<![Uld] UUUU)U*")
_SENTENCE_END = ".?!"
_CLOSERS = ")]\"'\u2019\u201d\u00bb"
_GLUED_AFTER = ")]%"  # besides a lowercase letter: text that cannot end a capitalised word


def _space_before(text: str, at: int) -> str | None:
    """What goes before a heading at ``at``: ``""`` at the start of the text or of a line or after a sentence end
    and white space, ``" "`` after a sentence end, a lowercase letter, ``)``, ``]`` or ``%`` glued to it; ``None``:
    the heading is not at a boundary (after a capital, a digit, a comma, a space in a sentence) and stays as it is."""
    if at == 0:
        return ""
    before = text[at - 1]
    space = ""
    if before in " \n":
        start = at - 1
        while start > 0 and text[start - 1] in " \n":  # a tidy text has one space or a line break or two
            start -= 1
        if start == 0 or "\n" in text[start:at]:
            return ""
        before, at, space = text[start - 1], start, " "
    elif before.islower() or before in _GLUED_AFTER:
        return " "
    if before in _CLOSERS and at >= 2:
        before = text[at - 2]
    if before in _SENTENCE_END:
        return "" if space else " "
    return None


def split_glued_headings(text: str) -> str:
    """``text`` with the known :data:`ABSTRACT_HEADINGS` an exporter glued to their text split from it
    (``BACKGROUNDSevere`` → ``BACKGROUND: Severe``); ``text`` itself when there are none. Rules in
    ``docs/normalization.md``: a heading in capitals at the start of the text or of a line, after a sentence end,
    or glued to a lowercase word; the text after it a mixed-case word, a digit, or (after a heading of five letters
    or more) an acronym. Text mostly in capitals is left as it is."""
    classes = text.encode("latin-1", "replace").translate(_CLASSES)
    if b"UUUU" not in classes:
        return text
    glued: list[tuple[str, re.Match[str]]] = []
    done = 0
    for run in _CAPITAL_RUN.finditer(classes):  # a heading starts a run of capitals
        at = run.start()
        if at < done or (match := _GLUED.match(text, at)) is None or (space := _space_before(text, at)) is None:
            continue
        # before capitals, only the longest heading there: CONCLUSIONSTHE is not CONCLUSION and STHE
        if text[match.end() + 1 : match.end() + 2].isupper() and text.startswith(_longer(match[0]), at):
            continue
        glued.append((space, match))
        done = match.end()
    if not glued or classes.count(b"U") - sum(sum(map(str.isupper, m[0])) for _, m in glued) > classes.count(b"l"):
        return text  # mostly capitals (the headings aside): RESULTSAND, BACKGROUNDS ARE are words, not glued headings
    out: list[str] = []
    done = 0
    for space, match in glued:
        out += (text[done : match.start()], space, match[0], ": ")
        done = match.end()
    out.append(text[done:])
    return "".join(out)


def plain_abstract(text: str, tidied: bool = False) -> str:
    """The abstract as plain text, once, its glued headings split. ``tidied=True``: ``text`` is already what
    :func:`tidy_block` gives."""
    if ("<" in text or "&" in text) and _HAS_MARKUP.search(text):  # `in` is much faster than the search
        text = _BLOCK_TAG.sub("\n", text)
        import html  # here: html.entities is a large table, and most abstracts have no markup

        text = html.unescape(_TAG.sub("", text))
        tidied = False
    text = _once(text if tidied else tidy_block(text))
    split = split_glued_headings(text)
    # once again: two copies that differed only in whether their headings were glued are the same text now
    return text if split is text else _once(split)


def normalize_abstract(rec: Record, tidied: bool = False) -> None:
    """``tidied=True``: the white-space step has run (as in :func:`~msccite.normalization.normalize`), so the
    abstract need not be tidied again unless markup is taken out."""
    value = rec.fields.get("abstract")
    if isinstance(value, str):
        new = plain_abstract(value, tidied)
        if new != value:
            rec["abstract"] = new
