"""One study, whatever variant it was read from, as plain values; and its record (``trials.registration_record``).

Each variant's reader fills a :class:`Study` from its own shape; :func:`make_record` reports what is missing or
odd (no NCT ID, an ID not of the form ``NCT`` + 8 digits) and builds the record in the one shape of
:mod:`msccite.formats.trials`, then appends what that shape has no place for: the study's other facts as extras
``Extra("ctgov", key, value)`` in the order the source gave them (:attr:`Study.extras`), its keywords and
condition MeSH terms as ``keyword``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...context import ReadContext
from ...model import Extra, Record
from ...normalization.identifiers import find_trial_ids
from ..trials import iso_date, registration_record
from . import map as vocab

__all__ = [
    "REGISTER", "Study", "make_record", "study_url", "iso", "text", "items", "nct_in", "unwrap", "keep", "keep_id",
    "location", "official", "reference", "masking",
]  # fmt: skip

REGISTER = "ClinicalTrials.gov"
_NCT = re.compile(r"NCT\d{8}")
_NCT_IN = re.compile(r"NCT\d{8}", re.IGNORECASE)


@dataclass
class Study:
    """What the record is made of, as the variant's reader found it."""

    nct: str = ""
    title: str = ""  # the official title
    short_title: str = ""  # the brief title
    sponsor: str = ""
    collaborators: list[str] = field(default_factory=list)
    registered: str = ""  # first posted (else first submitted / received)
    summary: str = ""
    secondary_ids: list[str] = field(default_factory=list)  # org study ID, secondary IDs, NCT aliases
    status: str = ""
    phases: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    interventions: list[str] = field(default_factory=list)
    enrollment: str = ""
    start: str = ""
    completion: str = ""
    url: str = ""  # the source's own link, used only when there is no NCT ID
    #: ``(key, value)``: what the record has no place for, in source order (kept as extras; see :func:`keep`)
    extras: list[tuple[str, str]] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)  # keywords, then condition MeSH terms


def study_url(nct: str) -> str:
    return f"https://clinicaltrials.gov/study/{nct}"


def make_record(study: Study, line: int | None, ctx: ReadContext) -> Record:
    """The study's record; a study without an NCT ID is still one (with a warning)."""
    nct = study.nct.strip()
    url = ""
    if not nct:
        found = nct_in(study.url)
        if found:
            nct = found
        else:
            label = study.short_title or study.title
            ctx.warn(line, f"study {ctx.records} has no NCT ID" + (f" ({label[:60]!r})" if label else "")
                     + ": read without one")  # fmt: skip
            url = study.url
    if nct and not _NCT.fullmatch(nct):
        if _NCT.fullmatch(nct.upper().replace(" ", "")):
            nct = nct.upper().replace(" ", "")
        else:
            ctx.warn(line, f"NCT ID {nct!r} is not 'NCT' and 8 digits: kept as written")
    if nct and _NCT.fullmatch(nct):
        url = study_url(nct)
    facts: dict[str, Any] = {
        "status": vocab.status(study.status) if study.status.strip() else "",
        "phase": vocab.phases(study.phases),
        "conditions": _unique(study.conditions),
        "interventions": _unique(study.interventions),
        "enrollment": study.enrollment.strip(),
        "start": iso(study.start),
        "completion": iso(study.completion),
    }
    rec = registration_record(
        register=REGISTER,
        trial_id=nct,
        title=study.title,
        short_title=study.short_title,
        sponsor=study.sponsor,
        collaborators=_unique(study.collaborators),
        registered=study.registered,
        url=url,
        summary=study.summary,
        secondary_ids=[s for s in study.secondary_ids if s.strip()],
        facts=facts,
        source=ctx.where(line),
    )
    rec.extra.extend(Extra(vocab.FORMAT, key, value) for key, value in study.extras)
    seen: set[str] = set()
    for term in study.keywords:
        term = " ".join(term.split())
        if term and term.casefold() not in seen:
            seen.add(term.casefold())
            rec.add("keyword", term)
    return rec


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in values if v and v.strip()))


# -- small helpers the variants share --------------------------------------------------------------
def keep(extras: list[tuple[str, str]], fact: str, value: str) -> None:
    """Keep ``value`` (when it is not empty) as the extra of ``fact``, under its key in ``map.EXTRA_KEYS``."""
    value = value.strip()
    if value:
        extras.append((vocab.EXTRA_KEYS[fact], value))


def keep_id(extras: list[tuple[str, str]], fact: str, value: str) -> None:
    """Keep an org study ID or secondary ID that is no registration number (those are the record's
    ``custom["trial-registrations"]``)."""
    if value.strip() and not find_trial_ids(value):
        keep(extras, fact, value)


def location(facility: str, city: str, country: str) -> str:
    """``facility, city, country``, the parts that are given."""
    return ", ".join(p.strip() for p in (facility, city, country) if p.strip())


def official(name: str, role: str, affiliation: str) -> str:
    """``role: name, affiliation``, the parts that are given."""
    who = ", ".join(p.strip() for p in (name, affiliation) if p.strip())
    role = role.strip()
    return f"{role}: {who}" if role and who else role or who


def reference(citation: str, pmid: str) -> str:
    """The citation, then ``PMID: n``."""
    return " ".join(p for p in (citation.strip(), f"PMID: {pmid.strip()}" if pmid.strip() else "") if p)


def masking(value: str, who: list[str]) -> str:
    """The masking and who is masked: ``DOUBLE (PARTICIPANT, INVESTIGATOR)`` (as the CSV and XML write it)."""
    who_text = ", ".join(w.strip() for w in who if w.strip())
    value = value.strip()
    return f"{value} ({who_text})" if value and who_text else value or who_text


def iso(value: str) -> str:
    """A registry date as an ISO string (``July 2001`` -> ``2001-07``); one that is no date kept as written."""
    value = " ".join(value.split())
    date = iso_date(value) if value else None
    return str(date) if date is not None else value


def text(value: Any) -> str:
    """A scalar JSON value as text (the classic API writes every number as a string, v2 does not); anything
    else (an object, a list, null) is no text."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        return str(value)
    return ""


def items(value: Any) -> list[Any]:
    """A JSON list; one value alone is a list of one; null is none."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def nct_in(value: str) -> str:
    """The NCT ID in a text (a study's URL), upper-cased; "" when there is none."""
    m = _NCT_IN.search(value or "")
    return m.group(0).upper() if m else ""


_LIST_ITEM = re.compile(r"(?:[-*+\u2022\u00b7]|\d{1,3}[.)]|[a-z]\)|\((?:\d{1,2}|[a-z]|[ivx]{1,4})\))\s")


def unwrap(block: str) -> str:
    """The text of a legacy XML ``<textblock>``: indentation and hard line wraps taken out.

    Paragraphs (separated by blank lines) are kept, joined by a blank line; inside one, wrapped lines are joined
    with a space, except that a line starting a list item (``-``, ``*``, ``•``, ``1.``, ``a)``, ``(ii)``) starts a new
    line."""
    paragraphs = []
    for para in re.split(r"\n[ \t]*\n", block.strip()):
        lines: list[str] = []
        for raw in para.splitlines():
            line = raw.strip()
            if not line:
                continue
            if lines and not _LIST_ITEM.match(line):
                lines[-1] += " " + line
            else:
                lines.append(line)
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)
