"""Nothing is dropped in silence: every input line ends up in a record, in a recognized header or
separator, or in a reported problem.

For every corpus file, every fixture in ``tests/data/*/`` and every seed (the folders are walked,
so a new reader's fixtures are included without touching this file), the file is read with
``errors="collect"`` and each non-blank line is accounted for:

1. its value (the line without its tag or label) is in a record: every word of it appears in the
   words of the record's text, i.e. every string and number of its CSL-JSON dump, extras and
   custom fields included (LaTeX decoded first for BibTeX). Words, not the whole string, because
   readers split values into parts (``Doe, J.`` -> family and given; ``2023 Jan 15`` -> date parts);
2. or it is structure: nothing but tags, labels, braces or markup is left once they are taken off
   (``ER  -``, ``@comment``, ``}``, ``</record>``, ``FN``/``VR``/``EF`` headers);
3. or a reported problem covers it: the problem's line, the ``lines A-B`` it names, and the lines
   after it up to the next line accounted for otherwise (a reader reports a skipped block by its
   first line).
"""

from __future__ import annotations

import html
import importlib
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import msccite
from msccite.latex import decode as latex_decode
from paths import CORPUS, ROOT, SEEDS

DATA = ROOT / "tests" / "data"
NOT_CITATIONS = {"README.md", "LICENSE", "ORIGIN-README.md", "_baseline.csv"}  # docs; CSV is no format of ours
WEB_PAGES = {"vufind", "sciencegate", "ablesci"}  # readers of copied web pages (page chrome is the hard part)


def _inputs() -> list[Path]:
    files = [p for p in sorted(DATA.glob("*/*")) if p.is_file() and p.parent.name != "fuzz"]
    files += sorted(SEEDS.glob("*.txt"))
    return [p for p in files if p.name not in NOT_CITATIONS]


WORD = re.compile(r"\w+")
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]  # fmt: skip


def words(text: str) -> set[str]:
    """The words of a text, case-folded; numbers without leading zeros (``09`` and ``9`` are one word)."""
    out = set()
    for w in WORD.findall(unicodedata.normalize("NFKC", text).casefold()):
        out.add(w.lstrip("0") or "0" if w.isdigit() else w)
    return out


def date_words(parts: list[Any]) -> set[str]:
    """What a date's parts were written as: month names (``Jan``, ``sep``) and compact ``20190325``."""
    out: set[str] = set()
    nums = [p for p in parts if isinstance(p, int)]
    if len(nums) >= 2 and 1 <= nums[1] <= 12:
        name = MONTHS[nums[1] - 1]
        out |= {name, name[:3], name[:4]}  # "sept"
    out.add("".join(f"{p:02d}" for p in nums))
    return words(" ".join(out))


def _leaves(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for parts in value.get("date-parts", []) if isinstance(value.get("date-parts"), list) else []:
            yield " ".join(date_words(parts))
        for v in value.values():
            yield from _leaves(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _leaves(v)
    elif value is not None:
        yield str(value)


# -- what a line holds once its tag or label is taken off, per family of formats ----------------
_TAGGED = re.compile(r"^\s*(?:[A-Z][A-Z0-9]{1,3}\s*-(?:\s|$)|[A-Z][A-Z0-9](?:\s|$)|%\S(?:\s|$))")
_BIBTEX_FIELD = re.compile(r"^\s*[\w:.+-]+\s*=")
_BIBTEX_START = re.compile(r"^\s*@\s*\w+\s*[{(]")
_JSON_KEY = re.compile(r'^\s*"(?:[^"\\]|\\.)*"\s*:')
_XML_MARKUP = re.compile(r"<[^>]*>|&(?:lt|gt|amp|quot|apos);")
# PubMed XML: <Initials> repeats the first letters of <ForeName>, which the reader reads instead;
# EndNote XML: <ref-type> is the record's type, as a number (a type line, like RIS TY).
_DERIVED_XML = re.compile(r"<Initials>[^<]*</Initials>|<ref-type[^>]*>[^<]*</ref-type>")
# inline markup inside a value (CO<sub>2</sub>): taken off without a space, so the word stays whole
_INLINE_XML = re.compile(r"</?(?:i|b|u|sub|sup|em|strong|style[^>]*)>")
# web pages: "Label: value" (VuFind "Autores principales:", AbleSci "期刊:"); the label is the page's
_WEB_LABEL = re.compile(r"^[^:\t]{1,40}(?::|\t)\s*")
_SCIENCEGATE_FACT = re.compile(r"^\s*(?:Vol\.?|pp?\.)\s*", re.IGNORECASE)


def value_of(line: str, fmt: str) -> str:
    """The part of a line that must reach a record (the tag, field name or key taken off)."""
    if fmt in ("ris", "medline", "wos", "endnote"):
        return _TAGGED.sub("", line, count=1)
    if fmt in ("bibtex", "biblatex"):
        line = _BIBTEX_START.sub("", _BIBTEX_FIELD.sub("", line, count=1), count=1)
        return latex_decode(line)
    if fmt == "csl-json":
        return _JSON_KEY.sub("", line, count=1).replace("\\n", " ")
    if fmt in ("endnote-xml", "pubmed-xml"):
        return html.unescape(_XML_MARKUP.sub(" ", _INLINE_XML.sub("", _DERIVED_XML.sub(" ", line))))
    if fmt == "kv":
        key, bar, rest = line.partition("|")
        return rest if bar else line
    if fmt == "sciencegate":  # a result's facts: "Vol 10 (3) ◽", "pp. 508 ◽"
        line = _SCIENCEGATE_FACT.sub("", line.replace("\u25fd", " "), count=1)
    if fmt in WEB_PAGES:
        return _WEB_LABEL.sub("", line, count=1)
    return line


# -- the lines a reader rightly turns into structure, not text -----------------------------------
# Record type lines: the type becomes the record's CSL type (RIS TY, MEDLINE/WoS PT, EndNote %0,
# BibTeX @type), so the exporter's own word for it (JOUR, Journal Article) is not in the text.
_TYPE_LINE = re.compile(r"^\s*(?:TY\s*-|PT\s*-|PT |%0 |DT )")
# WoS file header and trailer, MEDLINE/kv table separators, XML declarations and doctypes.
_HEADER = re.compile(r"^\s*(?:FN |VR |EF\s*$|ER\s*(?:-\s*)?$|-{3}[-|\s]*$|\|?[-|\s]+\|\s*$|<\?xml|<!DOCTYPE)")


# RIS: record numbers and export headers between records (Ovid "47.", Cochrane "Provider: ..."), which
# the RIS reader knows as separators.
_RIS_SEPARATOR = re.compile(r"\s*(?:\d+\.\s*|Record #\d+ of \d+\s*|(?:Provider|Content): .*)$")


def _module(fmt: str) -> Any:
    return msccite.registry.get(fmt).module


def is_structure(line: str, fmt: str) -> bool:
    if fmt == "ris" and _RIS_SEPARATOR.match(line):
        return True
    if fmt in WEB_PAGES and line.strip() in getattr(_module(fmt), "HEADINGS", ()):
        return True  # a heading on a line of its own (AbleSci's 作者, 摘要): its value is on the lines after it
    return bool(_TYPE_LINE.match(line) or _HEADER.match(line)) or not words(value_of(line, fmt))


# Words that separate values rather than carry them: BibTeX's "and" between names, "others" for et al.
_NAME_LIST = re.compile(r"^\s*(?:author|editor|translator|bookauthor|afterword|foreword)\s*=", re.I)
# MEDLINE AU / WoS AU: the short form of the full name (FAU / AF) read instead: "Griffin DK" for
# "Griffin, Darren K"; its initials are the first letters of the given names.
_SHORT_NAME = re.compile(r"^(?:AU  - |AU |   )(.+)$")


def missing_words(line: str, fmt: str, found: set[str]) -> set[str]:
    """The words of the line's value that are in no record."""
    value = words(value_of(line, fmt))
    if fmt in ("bibtex", "biblatex") and _NAME_LIST.match(line):
        value -= {"and", "others"}
    if fmt == "vufind":  # "Roe, Jane, editor.": the role decides the name variable; "c2019" is the year 2019
        roles = {w for r in _module(fmt).ROLES for w in words(r)}
        value = {w for w in value if w not in roles and not (w[:1] == "c" and w[1:].isdigit() and w[1:] in found)}
    lost = value - found
    short = _SHORT_NAME.match(line) if fmt in ("medline", "wos") else None
    if lost and short:
        initials = {w[:1] for w in found}
        lost = {w for w in lost if not (len(w) <= 4 and set(w) <= initials)}
    return lost


_LINES = re.compile(r"\blines? (\d+(?:\s*[-–]\s*\d+)?(?:, \d+(?:\s*[-–]\s*\d+)?)*)")
_RANGE = re.compile(r"(\d+)(?:\s*[-–]\s*(\d+))?")


def problem_lines(problems: list[msccite.ParseError]) -> set[int]:
    """The lines problems name: their own, and those of ``lines 4-6`` / ``lines 1, 7, 9-12`` in the message."""
    covered: set[int] = set()
    for p in problems:
        if p.line is not None:
            covered.add(p.line)
        for listed in _LINES.findall(p.message):
            for a, b in _RANGE.findall(listed):
                covered.update(range(int(a), int(b or a) + 1))
    return covered


def unaccounted(path: Path) -> tuple[str, list[tuple[int, str, set[str]]]]:
    """The format, and the (line number, line, words not found) of each line found nowhere."""
    records = msccite.read(path, errors="collect")
    fmt = records.format or ""
    found: set[str] = set()
    for rec in records:
        for leaf in _leaves(rec.to_csl()):
            found |= words(leaf)
            if fmt in ("bibtex", "biblatex"):
                found |= words(latex_decode(leaf))
    covered = problem_lines(records.problems)
    lines = path.read_bytes().decode("utf-8", "replace").lstrip("\ufeff").splitlines()
    missing: list[tuple[int, str, set[str]]] = []
    in_problem = False
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if n in covered:
            in_problem = True
            continue
        lost = set() if is_structure(line, fmt) else missing_words(line, fmt, found)
        if not lost:
            in_problem = False
            continue
        if not in_problem:
            missing.append((n, line, lost))
    return fmt, missing


def _params() -> list[Any]:
    """The inputs: every fixture, corpus file and seed."""
    return [pytest.param(path, id=f"{path.parent.name}/{path.name}") for path in _inputs()]


@pytest.mark.parametrize("path", _params())
def test_every_line_ends_up_somewhere(path):
    fmt, missing = unaccounted(path)
    report = "\n".join(f"  {path.name}:{n}: {line[:80]!r} (not found: {' '.join(sorted(lost)[:5])})"
                       for n, line, lost in missing[:15])  # fmt: skip
    assert not missing, f"{len(missing)} line(s) of this {fmt} file are in no record and no problem:\n{report}"


def test_the_check_can_fail(tmp_path, monkeypatch):
    """A reader that drops a line without a word is caught; one that reports it is not."""
    path = tmp_path / "a.ris"
    path.write_text("TY  - JOUR\nTI  - kept\nAU  - Zebrowski, Q.\nER  - \n", encoding="utf-8")
    assert unaccounted(path)[1] == []
    ris = importlib.import_module("msccite.formats.ris")
    real_read = ris.read

    def dropping(lines, ctx):
        return real_read((line for line in lines if not line.startswith("AU")), ctx)

    monkeypatch.setattr(ris, "read", dropping)
    assert unaccounted(path)[1] == [(3, "AU  - Zebrowski, Q.", {"zebrowski", "q"})]

    def reporting(lines, ctx):
        ctx.warn(3, "AU skipped")
        return dropping(lines, ctx)

    monkeypatch.setattr(ris, "read", reporting)
    assert unaccounted(path)[1] == []
    assert words(value_of("TI  - Zebra crossing", "ris")) == {"zebra", "crossing"}
    assert not is_structure("AU  - Doe, J.", "ris") and is_structure("ER  - ", "ris")
    assert problem_lines([msccite.ParseError("lines 3-5: page text skipped", line=3)]) == {3, 4, 5}


def test_corpus_is_included():
    assert len([p for p in _inputs() if p.parent == CORPUS]) >= 20
