"""One study of ClinicalTrials.gov's API v2 (and the modern website's JSON download) as a record.

``{"protocolSection": {"identificationModule": {...}, "statusModule": {...}, ...}, "derivedSection": ...}``:
camelCase module names, numbers as numbers, dates ISO (``2019-12-20``, ``2019-12``), enumerations upper case
(``COMPLETED``, ``PHASE2``, ``DRUG``). The long texts are CommonMark: ``\\<``, ``\\>``, ``\\*`` are escapes, read
as the character they escape.
"""

from __future__ import annotations

import re
from typing import Any

from ...context import ReadContext
from ...model import Record
from . import map as vocab
from .study import Study, items, make_record, text

__all__ = ["record", "study"]

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash before ASCII punctuation (CommonMark)


def record(data: dict[str, Any], line: int | None, ctx: ReadContext) -> Record:
    return make_record(study(data), line, ctx)


def _module(section: Any, name: str) -> dict[str, Any]:
    value = section.get(name) if isinstance(section, dict) else None
    return value if isinstance(value, dict) else {}


def _get(obj: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def unescape(value: str) -> str:
    return _ESCAPE.sub(r"\1", value) if "\\" in value else value


def study(data: dict[str, Any]) -> Study:
    ps = data.get("protocolSection")
    ident = _module(ps, "identificationModule")
    status = _module(ps, "statusModule")
    sponsors = _module(ps, "sponsorCollaboratorsModule")
    design = _module(ps, "designModule")
    arms = _module(ps, "armsInterventionsModule")
    secondary = [text(_get(s, "id")) for s in items(ident.get("secondaryIdInfos"))]
    aliases = [text(a) for a in items(ident.get("nctIdAliases"))]
    return Study(
        nct=text(ident.get("nctId")),
        title=text(ident.get("officialTitle")),
        short_title=text(ident.get("briefTitle")),
        sponsor=text(_get(sponsors, "leadSponsor", "name")),
        collaborators=[text(_get(c, "name")) for c in items(sponsors.get("collaborators"))],
        registered=text(_get(status, "studyFirstPostDateStruct", "date")) or text(status.get("studyFirstSubmitDate")),
        summary=unescape(text(_get(ps, "descriptionModule", "briefSummary"))),
        secondary_ids=[text(_get(ident, "orgStudyIdInfo", "id")), *secondary, *aliases],
        status=text(status.get("overallStatus")),
        phases=[text(p) for p in items(design.get("phases"))],
        conditions=[text(c) for c in items(_get(ps, "conditionsModule", "conditions"))],
        interventions=[
            vocab.intervention(text(_get(i, "type")), text(_get(i, "name"))) for i in items(arms.get("interventions"))
        ],
        enrollment=text(_get(design, "enrollmentInfo", "count")),
        start=text(_get(status, "startDateStruct", "date")),
        completion=text(_get(status, "completionDateStruct", "date")),
    )
