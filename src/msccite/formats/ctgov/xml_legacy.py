"""The legacy XML of ClinicalTrials.gov (``<clinical_study>``, ``public.xsd``): one study a file from the classic
site's "Download XML" / ``?displayxml=true``, or several inside a wrapper element (the bulk download's files put
together, a tool's dump). Streamed one ``<clinical_study>`` at a time (``xmlsafe.iter_elements``).

Dates in words (``May 11, 2018``, ``June 2016``); statuses and phases in words (``Active, not recruiting``,
``Phase 1/Phase 2``, ``N/A``); long texts in ``<textblock>`` elements, indented and hard-wrapped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ...context import ReadContext
from ...model import Record
from ..xmlsafe import iter_elements, text_of
from . import map as vocab
from .study import Study, make_record, unwrap

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
    )
