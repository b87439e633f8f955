"""The AbleSci page reader and detection (the format's surface is the package, :mod:`msccite.formats.ablesci`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ...context import ReadContext
from ...model import Date, Extra, Name, Record
from ...names import parse_name
from .map import ABSTRACT, AUTHORS, CONTAINER_TYPES, HEADINGS, LABELS, SOURCE, TAIL_START

NAME = "ablesci"
EXTENSIONS: tuple[str, ...] = ()  # copied page text has no extension of its own; detection reads the content
DESCRIPTION = "AbleSci (科研通) paper pages copied as text"

_LABEL = re.compile(r"([^:：]{1,12})[:：]\s*(.*)")
_VOLUME = re.compile(r"\s*([^\s(:：]+)?\s*(?:\(\s*([^)]*?)\s*\))?\s*(?:[:：]\s*(.+?))?\s*")
_CONTAINER = re.compile(r"(.*?)\s*\[([^\[\]]+)\]\s*")
_CJK = re.compile(r"[\u3400-\u9fff]")
_NAME_SEP = re.compile(r"\s*[,，;；]\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


def _clean(raw: str) -> str:
    return raw.replace("\xa0", " ").replace("\ufeff", "").strip()


def _subject_terms(line: str) -> bool:
    """The line of subject terms: several short Chinese words separated by spaces."""
    words = line.split()
    return len(words) >= 2 and all(_CJK.search(w) and len(w) <= 12 for w in words)


# -- detection ------------------------------------------------------------------------------------
def detect(sample: str) -> float:
    """The ``作者`` and ``摘要`` headings on lines of their own, with AbleSci's labels or name."""
    lines = {_clean(raw) for raw in sample.splitlines()[:400]}
    if AUTHORS not in lines or not (ABSTRACT in lines or SOURCE in lines):
        return 0.0
    if any(ln.startswith(("卷期号:", "卷期号：", "期刊:", "期刊：")) for ln in lines) or "AbleSci" in sample \
            or "科研通" in sample:  # fmt: skip
        return 0.9
    return 0.5


# -- reading --------------------------------------------------------------------------------------
def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    page = [(n, _clean(raw)) for n, raw in enumerate(lines, 1)]
    text = [(n, t) for n, t in page if t]
    heads = [i for i, (_, t) in enumerate(text) if t == AUTHORS]
    if not heads:
        if text:
            ctx.problem(text[0][0], f"no {AUTHORS} (authors) heading: not an AbleSci paper page", severity="warning")
        return
    starts = [_title_index(text, h, heads[k - 1] if k else -1) for k, h in enumerate(heads)]
    if starts[0] > 0:
        _report(text[: starts[0]], ctx)
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(text)
        if (rec := ctx.build(text[start][0], _build, text[start:end], heads[k] - start, k + 1, ctx)) is not None:
            yield rec


def _title_index(text: list[tuple[int, str]], head: int, prev_head: int) -> int:
    """Where the record whose ``作者`` heading is at ``head`` starts: its title line."""
    i = head - 1
    if i > prev_head + 1 and _subject_terms(text[i][1]):
        i -= 1
    return max(i, prev_head + 1, 0)


def _report(lines: list[tuple[int, str]], ctx: ReadContext) -> None:
    """Report lines that are neither the paper's nor furniture this reader knows; the furniture apart."""
    ctx.skipped([n for n, t in lines if TAIL_START.search(t)], "the site's own text skipped")
    lines = [(n, t) for n, t in lines if not TAIL_START.search(t)]
    if lines:
        first, last = lines[0][0], lines[-1][0]
        span = f"lines {first}-{last}" if last != first else f"line {first}"
        ctx.warn(first, f"{span}: text outside the paper's fields skipped")


def _build(lines: list[tuple[int, str]], head: int, number: int, ctx: ReadContext) -> Record:
    rec = Record("document", source=ctx.where(lines[0][0]))
    extras: list[Extra] = []
    before = lines[:head]
    if before and not _subject_terms(before[0][1]):
        rec["title"] = before[0][1]
        before = before[1:]
    else:
        ctx.problem(lines[0][0], f"no title in record {number} (no line before its {AUTHORS} heading)",
                    severity="warning")  # fmt: skip
    for n, t in before:
        if _subject_terms(t):
            for word in t.split():
                rec.add("keyword", word)
        else:
            extras.append(Extra(NAME, "text", t))
            ctx.warn(n, f"line {n}: text between the title and the {AUTHORS} heading kept as an extra")
    section = ""
    abstract: list[str] = []
    tail: list[tuple[int, str]] = []
    for n, t in lines[head:]:
        if tail or TAIL_START.search(t):
            tail.append((n, t))
            continue
        if t in HEADINGS:
            section = t
            continue
        if section == ABSTRACT:
            abstract.append(t)
        elif section in ("关键词", "关键字"):
            for word in _NAME_SEP.split(t):
                rec.add("keyword", word)  # add() ignores an empty part
        elif section == AUTHORS:
            for name in _NAME_SEP.split(t):
                if name:
                    rec.add("author", _person(name))
        elif not _read_label(rec, t, extras, n, ctx):
            extras.append(Extra(NAME, "text", t))
            ctx.warn(n, f"line {n}: text under the {section or '?'} heading that is not label:value, kept as an extra")
    if abstract:
        rec["abstract"] = _once("\n".join(abstract))
    rec.extra = extras
    ctx.skipped([n for n, _ in tail], "the site's own text skipped (after the paper: download box, live feed, "
                                      "other requests, footer)")  # fmt: skip
    return rec


def _read_label(rec: Record, line: str, extras: list[Extra], n: int, ctx: ReadContext) -> bool:
    m = _LABEL.fullmatch(line)
    if m is None:
        return False
    label, value = m.group(1).strip(), m.group(2).strip()
    var = LABELS.get(label) or LABELS.get(label.upper())
    if not value:
        return True
    if var == "container":
        c = _CONTAINER.fullmatch(value)
        rec["container-title"] = c.group(1) if c else value
        if c:
            rec["publisher"] = c.group(2)
        rec.type = CONTAINER_TYPES.get(label, rec.type)
    elif var == "volume":
        v = _VOLUME.fullmatch(value)
        if v is None or not any(v.groups()):
            extras.append(Extra(NAME, label, value))
            ctx.warn(n, f"{label}: {value!r} is not 'volume (issue): pages'; kept as an extra")
        else:
            rec["volume"], rec["issue"], rec["page"] = v.group(1), v.group(2), v.group(3)
    elif var == "issued":
        y = re.match(r"(\d{4})(?:\D+(\d{1,2})(?:\D+(\d{1,2}))?)?", value)
        rec["issued"] = Date(parts=(tuple(int(g) for g in y.groups() if g),)) if y else Date(raw=value)
    elif var in ("ISSN", "ISBN", "keyword"):
        for part in _NAME_SEP.split(value):
            rec.add(var, part)
    elif var:
        rec[var] = value
    else:
        extras.append(Extra(NAME, label, value))
    return True


def _once(text: str) -> str:
    """The abstract without the copy of itself the page appends (its sentences all said before)."""
    norm = " ".join(text.split())
    if len(norm) > 40_000:  # no abstract is that long: not worth the quadratic search
        return text
    starts = [m.end() for m in _SENTENCE_END.finditer(norm)]
    for pos in starts:  # the earliest cut whose tail is all repetition: the longest copy
        head, tail = norm[:pos], norm[pos:]
        if len(tail) < 80 or len(head) < len(tail) or _SENTENCE_END.split(tail, 1)[0] not in head:
            continue
        sentences = [s for s in _SENTENCE_END.split(tail) if len(s) > 15]
        if len(sentences) >= 2 and all(s in head for s in sentences):
            return head.rstrip()
    return text


def _person(text: str) -> Name:
    """One ``Given Family`` name as the page writes it."""
    return parse_name(text, "given-first")
