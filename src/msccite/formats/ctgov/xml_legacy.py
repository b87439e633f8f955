"""The legacy XML of ClinicalTrials.gov (``<clinical_study>``, ``public.xsd``): one study a file from the classic
site's "Download XML" / ``?displayxml=true``, or several inside a wrapper element (the bulk download's files put
together, a tool's dump). Streamed one ``<clinical_study>`` at a time (``xmlsafe.iter_elements``).

Dates in words (``May 11, 2018``, ``June 2016``); statuses and phases in words (``Active, not recruiting``,
``Phase 1/Phase 2``, ``N/A``); long texts in ``<textblock>`` elements, indented and hard-wrapped.

The extras are read from the study's elements in document order (:func:`extras`), the values as the XML writes
them (``Interventional``, ``Female``), dates as ISO strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ...context import ReadContext
from ...model import Record
from ..xmlsafe import iter_elements, text_of
from . import map as vocab
from .study import Study, iso, keep, keep_id, location, make_record, official, reference, unwrap

__all__ = ["RECORD_TAG", "read", "record", "study"]

RECORD_TAG = "clinical_study"


def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    found = 0
    before = len(ctx.problems)
    for elem, line in iter_elements(lines, (RECORD_TAG,), ctx):
        found += 1
        if (rec := ctx.build(line, record, elem, line, ctx)) is not None:
            yield rec
    if not found and len(ctx.problems) == before:
        ctx.warn(1, f"no <{RECORD_TAG}> element: not ClinicalTrials.gov XML, nothing read")


def record(elem: Any, line: int | None, ctx: ReadContext) -> Record:
    return make_record(study(elem), line, ctx)


def _text(elem: Any, path: str) -> str:
    found = elem.find(path)
    return text_of(found).strip() if found is not None else ""


def _all(elem: Any, path: str) -> list[str]:
    return [text_of(e).strip() for e in elem.findall(path)]


def study(elem: Any) -> Study:
    summary = elem.find("brief_summary/textblock")
    if summary is None:
        summary = elem.find("brief_summary")
    return Study(
        nct=_text(elem, "id_info/nct_id"),
        title=_text(elem, "official_title"),
        short_title=_text(elem, "brief_title"),
        sponsor=_text(elem, "sponsors/lead_sponsor/agency"),
        collaborators=_all(elem, "sponsors/collaborator/agency"),
        # before 2017 there was no first-posted date: the date the registry first received the study
        registered=(
            _text(elem, "study_first_posted")
            or _text(elem, "firstreceived_date")
            or _text(elem, "study_first_submitted")
        ),
        summary=unwrap(text_of(summary)) if summary is not None else "",
        secondary_ids=[
            *_all(elem, "id_info/org_study_id"),
            *_all(elem, "id_info/secondary_id"),
            *_all(elem, "id_info/nct_alias"),
        ],
        status=_text(elem, "overall_status"),
        phases=_all(elem, "phase"),
        conditions=_all(elem, "condition"),
        interventions=[
            vocab.intervention(_text(i, "intervention_type"), _text(i, "intervention_name"))
            for i in elem.findall("intervention")
        ],
        enrollment=_text(elem, "enrollment"),
        start=_text(elem, "start_date"),
        completion=_text(elem, "completion_date"),
        url=_text(elem, "required_header/url"),
        extras=extras(elem),
        keywords=[*_all(elem, "keyword"), *_all(elem, "condition_browse/mesh_term")],
    )


# -- the extras, element by element -------------------------------------------------------------------
_DESIGN = {"allocation": "allocation", "intervention_model": "intervention_model", "primary_purpose":
           "primary_purpose", "observational_model": "observational_model", "time_perspective": "time_perspective",
           "masking": "masking"}  # fmt: skip
_OUTCOMES = {"primary_outcome": "primary_outcome", "secondary_outcome": "secondary_outcome",
             "other_outcome": "other_outcome"}  # fmt: skip
_LAST_UPDATE = vocab.EXTRA_KEYS["last_update"]
_ELIGIBILITY = {"gender": "sex", "minimum_age": "minimum_age", "maximum_age": "maximum_age",
                "healthy_volunteers": "healthy_volunteers"}  # fmt: skip


def _kids(elem: Any) -> Iterator[tuple[str, Any]]:
    """The child elements, with their tags (comments and processing instructions left out)."""
    for child in elem:
        if isinstance(child.tag, str):
            yield child.tag, child


def _block(elem: Any) -> str:
    """The text of an element holding a ``<textblock>`` (or the text itself), unwrapped."""
    block = elem.find("textblock")
    return unwrap(text_of(block if block is not None else elem))


def extras(elem: Any) -> list[tuple[str, str]]:
    """The extras of a ``<clinical_study>``, in the order of its elements."""
    out: list[tuple[str, str]] = []
    for tag, child in _kids(elem):
        if tag == "id_info":
            for t, c in _kids(child):
                if t in ("org_study_id", "secondary_id"):
                    keep_id(out, t, text_of(c))
        elif tag == "acronym":
            keep(out, "acronym", text_of(child))
        elif tag == "sponsors":
            keep(out, "sponsor_class", _text(child, "lead_sponsor/agency_class"))
        elif tag == "last_known_status":
            keep(out, "last_known_status", vocab.status(text_of(child)) if text_of(child).strip() else "")
        elif tag == "why_stopped":
            keep(out, "why_stopped", text_of(child))
        elif tag == "primary_completion_date":
            keep(out, "primary_completion", iso(text_of(child)))
        elif tag == "study_type":
            keep(out, "study_type", text_of(child))
        elif tag == "study_design":  # before 2017: "Allocation: Randomized, ..., Primary Purpose: Treatment"
            keep(out, "study_design", text_of(child))
        elif tag == "study_design_info":
            for t, c in _kids(child):
                if t in _DESIGN:
                    keep(out, _DESIGN[t], text_of(c))
        elif tag in _OUTCOMES:
            keep(out, _OUTCOMES[tag], _text(child, "measure"))
        elif tag == "arm_group":
            keep(out, "arm_group", _text(child, "arm_group_label"))
        elif tag == "eligibility":
            for t, c in _kids(child):
                if t == "criteria":
                    keep(out, "criteria", _block(c))
                elif t in _ELIGIBILITY:
                    keep(out, _ELIGIBILITY[t], text_of(c))
        elif tag == "overall_official":
            keep(out, "official", official(_text(child, "last_name"), _text(child, "role"),
                                           _text(child, "affiliation")))  # fmt: skip
        elif tag == "location":
            keep(out, "location", location(_text(child, "facility/name"), _text(child, "facility/address/city"),
                                           _text(child, "facility/address/country")))  # fmt: skip
        elif tag in ("reference", "results_reference"):
            keep(out, "reference", reference(_text(child, "citation"), _text(child, "PMID")))
        elif tag in ("last_update_posted", "lastchanged_date") and not any(k == _LAST_UPDATE for k, _ in out):
            keep(out, "last_update", iso(text_of(child)))  # (lastchanged_date: its name before 2017)
    return out
