"""The CSL-JSON msccite hands to the CSL processor, and what it reads of a style to prepare it.

The references come from msccite's own CSL-JSON writer (``msccite.dumps(records, "csl-json")``). A few things in
them are read differently by pandoc's citeproc and citeproc-js, the reference processor (Zotero, citation-js);
where one reading is the right one, the copy handed to the processor says it so that both read it that way
(docs/format.md lists each change and the engine differences that remain):

- every item has an id, and no two the same (a suffix ``-2``, ``-3`` ... on a repeated one);
- a particle left at the end of a hyphenated given name goes back to the family name (``Roo``, ``Tineke Coenen-de``
  → ``Coenen-de Roo``, ``Tineke``): citeproc-js reads ``de`` as a dropping particle (``Roo TC de``), pandoc drops it;
- for styles that initialize every name with ``initialize-with-hyphen="false"`` (NLM, AMA), hyphenated given names
  are given unhyphenated (``N.-E.`` → ``N. E.``, ``Cheng-ming`` → ``Cheng Ming``): pandoc keeps the hyphen of given
  initials (``N-E``), citeproc-js leaves a lower-case part out of the initials (``C ming``); both print ``NE``, ``CM``;
- for styles that print given names in full but reformat the initials a given name is made of (``initialize="false"``
  with ``initialize-with``: Chicago), hyphenated initials are given spaced (``N.-E.`` → ``N. E.``), as citeproc-js
  prints them (pandoc keeps ``N.-E.``, as the CSL specification has it; Zotero's users see ``N. E.``);
- a volume or issue that is a range of numbers gets an en dash (``1-2`` → ``1–2``), as citeproc-js prints it; an
  issue with its month (``1 January``, as Embase exports it) is given without it (pandoc prints ``nos. 1 January``,
  citeproc-js ``no. 1 January``);
- for styles that title-case something: the prepositions, and Latin ``et``, that citeproc-js keeps lower case in
  title case and pandoc's citeproc capitalizes (``between``, ``after``, ``during`` ... as the Chicago Manual
  wants), are marked ``<span class="nocase">`` where they are lower case and neither the first word, nor the first
  after a colon or a full stop, nor the last.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

__all__ = ["StyleInfo", "style_info", "prepare", "NAME_VARIABLES", "TITLE_CASE_LOWER"]

CSL_NS = "{http://purl.org/net/xbiblio/csl}"

#: CSL's name variables (CSL 1.0.2 and the 1.1 additions).
NAME_VARIABLES = (
    "author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor", "curator",
    "director", "editor", "editorial-director", "editor-translator", "executive-producer", "guest", "host",
    "illustrator", "interviewer", "narrator", "organizer", "original-author", "performer", "producer", "recipient",
    "reviewed-author", "script-writer", "series-creator", "translator",
)  # fmt: skip

#: Words kept lower case inside a title-cased title: the prepositions (and Latin ones) that citeproc-js keeps lower
#: case and pandoc's citeproc capitalizes; the commonest (of, in, by, with ...) pandoc keeps lower case itself.
#: tests/test_format.py checks each against citeproc-js.
TITLE_CASE_LOWER = frozenset(
    "above across after against along alongside amid amidst among amongst around atop before behind below beneath "
    "beside besides between beyond circa despite during except inside like near next off out per plus since than "
    "through throughout toward towards under underneath until unto upon versus vs within without et al sans qua "
    "pro".split()
)

_PARTICLES = frozenset("da das de del della den der des di do dos du la le les van von ter ten zu".split())
_RANGE = re.compile(r"^\s*(\d+)\s*[-\u2010\u2011\u2012\u2013]\s*(\d+)\s*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?"
    "|nov(?:ember)?|dec(?:ember)?"
)
_ISSUE_MONTH = re.compile(rf"^\s*(\d+)\s+(?:{_MONTHS})\.?\s*$", re.IGNORECASE)
_INITIALS = re.compile(r"^[^\W\d_a-z]\.?(?:(?:-|\s+)[^\W\d_a-z]\.?)+$")


@dataclass(frozen=True)
class StyleInfo:
    """What msccite reads of a CSL style."""

    title: str
    """The style's ``<info><title>``."""
    has_bibliography: bool
    title_case: bool
    """Some ``text-case="title"``."""
    joined_initials: bool
    """Every name initialized (``initialize-with``, no ``initialize="false"``), ``initialize-with-hyphen="false"``."""
    spaced_initials: bool
    """Given names mostly in full (more ``<name initialize="false">`` than others) with an ``initialize-with``."""
    sorted: bool
    """The bibliography has a ``<sort>`` (else its order is the references')."""


_cache: dict[tuple[str, int, int], StyleInfo] = {}


class NotAStyle(ValueError):
    """The file is not a CSL style (its message says why)."""


def style_info(path: str | os.PathLike[str]) -> StyleInfo:
    """Read ``path``'s style (cached while the file is unchanged). :class:`NotAStyle` when it is not one."""
    st = os.stat(path)
    key = (os.fspath(path), st.st_mtime_ns, st.st_size)
    if key in _cache:
        return _cache[key]
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise NotAStyle(f"not well-formed XML ({exc})") from None
    if root.tag != f"{CSL_NS}style":
        raise NotAStyle(f"not a CSL style (its root element is <{root.tag.rsplit('}', 1)[-1]}>, not <style>)")
    title = (root.findtext(f"{CSL_NS}info/{CSL_NS}title") or "").strip()
    bib = root.find(f"{CSL_NS}bibliography")
    elements = list(root.iter())
    attrs = [el.attrib for el in elements]
    initialize_with = any("initialize-with" in a for a in attrs)
    names = [el.attrib.get("initialize") for el in elements if el.tag == f"{CSL_NS}name"]
    in_full = sum(value == "false" for value in names)
    initializes = initialize_with and not in_full
    info = StyleInfo(
        title=title or os.path.basename(os.fspath(path)),
        has_bibliography=bib is not None,
        title_case=any(a.get("text-case") == "title" for a in attrs),
        joined_initials=initializes and any(a.get("initialize-with-hyphen") == "false" for a in attrs),
        spaced_initials=initialize_with and in_full > len(names) - in_full,
        sorted=bib is not None and bib.find(f"{CSL_NS}sort") is not None,
    )
    _cache[key] = info
    return info


def prepare(items: list[dict[str, Any]], info: StyleInfo) -> list[dict[str, Any]]:
    """``items`` (CSL-JSON, as msccite writes it) made ready for the processor and ``info``'s style: see the
    module's docstring. The items are changed in place and returned."""
    seen: dict[str, int] = {}
    for n, item in enumerate(items, 1):
        item["id"] = _unique(item.get("id"), n, seen)
        for var in NAME_VARIABLES:
            names = item.get(var)
            if isinstance(names, list):
                for name in names:
                    if isinstance(name, dict):
                        _name(name, info)
        for var in ("volume", "issue"):
            value = item.get(var)
            if isinstance(value, str):
                m = _RANGE.match(value)
                if m:
                    item[var] = f"{m.group(1)}\u2013{m.group(2)}"
                elif var == "issue":
                    m = _ISSUE_MONTH.match(value)
                    if m:
                        item[var] = m.group(1)
        if info.title_case:
            for key, value in item.items():
                if "title" in key and isinstance(value, str):
                    item[key] = keep_lower(value)
    return items


def _unique(value: Any, n: int, seen: dict[str, int]) -> str:
    ident = _CONTROL.sub("", str(value)).strip() if value not in (None, "") else ""
    ident = ident or f"item-{n}"
    if ident in seen:
        seen[ident] += 1
        k = seen[ident]
        while f"{ident}-{k}" in seen:
            k += 1
        seen[ident] = k
        ident = f"{ident}-{k}"
    seen[ident] = 1
    return ident


def _name(name: dict[str, Any], info: StyleInfo) -> None:
    given, family = name.get("given"), name.get("family")
    if not isinstance(given, str) or not isinstance(family, str):
        return
    words = given.split()
    # "Tineke Coenen-de" + "Roo": the family name's first part, and its particle, were read as the given name's end
    if len(words) > 1 and "-" in words[-1]:
        head, _, particle = words[-1].rpartition("-")
        if particle in _PARTICLES and head[:1].isupper() and "." not in head:
            name["family"] = f"{words[-1]} {family}"
            name["given"] = given = " ".join(words[:-1])
    if "-" not in given:
        return
    if info.joined_initials:
        name["given"] = re.sub(r"(?<=[^\W\d_]|\.)-([^\W\d_])", lambda m: " " + m.group(1).upper(), given)
    elif info.spaced_initials and _INITIALS.match(given):
        name["given"] = re.sub(r"\s*-\s*", " ", given)


_TAG = re.compile(r"(<[^<>]*>)")  # split: the odd parts are tags
_WORD = re.compile(r"(?<![\w'’\-.])([^\W\d_]+\.?)(?![\w'’\-])")
_SENTENCE_END = re.compile(r"[:.?!;—]")


def keep_lower(title: str) -> str:
    """``title`` with the lower-case words of :data:`TITLE_CASE_LOWER` marked ``<span class="nocase">``, save the
    first word, the first after a colon, full stop, question or exclamation mark, and the last."""
    if not any(w in title for w in TITLE_CASE_LOWER):  # quick: most titles have none
        return title
    parts = _TAG.split(title)
    words: list[tuple[int, int, int, str, str, bool]] = []  # part, start, end, word, text since the last, kept
    gap = ""
    spans: list[bool] = []  # the open <span>s: nocase or not
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            if part.startswith("<span"):
                spans.append("nocase" in part)
            elif part.startswith("</span") and spans:
                spans.pop()
            continue
        pos = 0
        for m in _WORD.finditer(part):
            words.append((i, m.start(1), m.end(1), m.group(1), gap + part[pos : m.start()], any(spans)))
            gap, pos = "", m.end()
        gap += part[pos:]
    marked: dict[int, list[tuple[int, int]]] = {}
    for k in range(1, len(words) - 1):
        i, start, end, word, before, kept = words[k]
        if kept or word not in TITLE_CASE_LOWER:
            continue
        if not words[k - 1][3].endswith(".") and not _SENTENCE_END.search(before):
            marked.setdefault(i, []).append((start, end))
    for i, places in marked.items():
        text = parts[i]
        for start, end in reversed(places):
            text = f'{text[:start]}<span class="nocase">{text[start:end]}</span>{text[end:]}'
        parts[i] = text
    return "".join(parts)
