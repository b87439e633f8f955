"""One study of ClinicalTrials.gov's classic API (v1, ``query/full_studies?fmt=JSON``, retired 2024) as a record.

``{"Rank": 1, "Study": {"ProtocolSection": {"IdentificationModule": {...}, ...}}}``: PascalCase module names,
every scalar a string, each list inside an object named for it (``"ConditionList": {"Condition": [...]}``),
dates in words (``April 9, 2003``, ``July 2001``), statuses and phases in words (``Completed``, ``Phase 1``).
"""

from __future__ import annotations

from typing import Any

from ...context import ReadContext
from ...model import Record
from . import map as vocab
from .study import Study, items, make_record, text

__all__ = ["record", "study"]


def record(data: dict[str, Any], line: int | None, ctx: ReadContext) -> Record:
    return make_record(study(data), line, ctx)


def _get(obj: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def _list(obj: Any, *path: str) -> list[Any]:
    """The items of a ``...List`` object: ``_list(module, "ConditionList", "Condition")``."""
    return items(_get(obj, *path))


def study(data: dict[str, Any]) -> Study:
    ps = data.get("ProtocolSection")
    ident = _get(ps, "IdentificationModule")
    status = _get(ps, "StatusModule")
    sponsors = _get(ps, "SponsorCollaboratorsModule")
    design = _get(ps, "DesignModule")
    return Study(
        nct=text(_get(ident, "NCTId")),
        title=text(_get(ident, "OfficialTitle")),
        short_title=text(_get(ident, "BriefTitle")),
        sponsor=text(_get(sponsors, "LeadSponsor", "LeadSponsorName")),
        collaborators=[text(_get(c, "CollaboratorName")) for c in _list(sponsors, "CollaboratorList", "Collaborator")],
        registered=(
            text(_get(status, "StudyFirstPostDateStruct", "StudyFirstPostDate"))
            or text(_get(status, "StudyFirstSubmitDate"))
        ),
        summary=text(_get(ps, "DescriptionModule", "BriefSummary")),
        secondary_ids=[
            text(_get(ident, "OrgStudyIdInfo", "OrgStudyId")),
            *(text(_get(s, "SecondaryId")) for s in _list(ident, "SecondaryIdInfoList", "SecondaryIdInfo")),
            *(text(a) for a in _list(ident, "NCTIdAliasList", "NCTIdAlias")),
        ],
        status=text(_get(status, "OverallStatus")),
        phases=[text(p) for p in _list(design, "PhaseList", "Phase")],
        conditions=[text(c) for c in _list(ps, "ConditionsModule", "ConditionList", "Condition")],
        interventions=[
            vocab.intervention(text(_get(i, "InterventionType")), text(_get(i, "InterventionName")))
            for i in _list(ps, "ArmsInterventionsModule", "InterventionList", "Intervention")
        ],
        enrollment=text(_get(design, "EnrollmentInfo", "EnrollmentCount")),
        start=text(_get(status, "StartDateStruct", "StartDate")),
        completion=text(_get(status, "CompletionDateStruct", "CompletionDate")),
    )
