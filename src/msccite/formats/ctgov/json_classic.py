"""One study of ClinicalTrials.gov's classic API (v1, ``query/full_studies?fmt=JSON``, retired 2024) as a record.

``{"Rank": 1, "Study": {"ProtocolSection": {"IdentificationModule": {...}, ...}}}``: PascalCase module names,
every scalar a string, each list inside an object named for it (``"ConditionList": {"Condition": [...]}``),
dates in words (``April 9, 2003``, ``July 2001``), statuses and phases in words (``Completed``, ``Phase 1``).

The extras are read module by module in the order the study gives its modules (:data:`_MODULES`), the values as
the API wrote them (``Interventional``, ``Female``), dates as ISO strings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...context import ReadContext
from ...model import Record
from . import map as vocab
from .study import Study, iso, items, keep, keep_id, location, make_record, masking, official, reference, text

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
    derived = _get(data, "DerivedSection", "ConditionBrowseModule")
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
        extras=extras(ps),
        keywords=[
            *(text(k) for k in _list(ps, "ConditionsModule", "KeywordList", "Keyword")),
            *(text(_get(m, "ConditionMeshTerm")) for m in _list(derived, "ConditionMeshList", "ConditionMesh")),
        ],
    )


# -- the extras, module by module ---------------------------------------------------------------------
Extras = list[tuple[str, str]]


def _texts(obj: Any, *path: str) -> list[str]:
    return [t for v in _list(obj, *path) if (t := text(v).strip())]


def _identification(m: dict[str, Any], out: Extras) -> None:
    keep_id(out, "org_study_id", text(_get(m, "OrgStudyIdInfo", "OrgStudyId")))
    for s in _list(m, "SecondaryIdInfoList", "SecondaryIdInfo"):
        keep_id(out, "secondary_id", text(_get(s, "SecondaryId")))
    keep(out, "acronym", text(m.get("Acronym")))


def _status(m: dict[str, Any], out: Extras) -> None:
    if last := text(m.get("LastKnownStatus")):
        keep(out, "last_known_status", vocab.status(last))
    keep(out, "why_stopped", text(m.get("WhyStopped")))
    keep(out, "primary_completion", iso(text(_get(m, "PrimaryCompletionDateStruct", "PrimaryCompletionDate"))))
    keep(out, "last_update", iso(text(_get(m, "LastUpdatePostDateStruct", "LastUpdatePostDate"))))


def _sponsors(m: dict[str, Any], out: Extras) -> None:
    keep(out, "sponsor_class", text(_get(m, "LeadSponsor", "LeadSponsorClass")))


def _design(m: dict[str, Any], out: Extras) -> None:
    keep(out, "study_type", text(m.get("StudyType")))
    info = m.get("DesignInfo")
    if not isinstance(info, dict):
        return
    keep(out, "allocation", text(info.get("DesignAllocation")))
    keep(out, "intervention_model", text(info.get("DesignInterventionModel")))
    keep(out, "primary_purpose", text(info.get("DesignPrimaryPurpose")))
    keep(out, "observational_model", ", ".join(_texts(info, "DesignObservationalModelList",
                                                       "DesignObservationalModel")))  # fmt: skip
    keep(out, "time_perspective", ", ".join(_texts(info, "DesignTimePerspectiveList", "DesignTimePerspective")))
    masked = info.get("DesignMaskingInfo")
    if isinstance(masked, dict):
        keep(out, "masking", masking(text(masked.get("DesignMasking")),
                                     _texts(masked, "DesignWhoMaskedList", "DesignWhoMasked")))  # fmt: skip


def _arms(m: dict[str, Any], out: Extras) -> None:
    for arm in _list(m, "ArmGroupList", "ArmGroup"):
        keep(out, "arm_group", text(_get(arm, "ArmGroupLabel")))


def _outcomes(m: dict[str, Any], out: Extras) -> None:
    for kind, fact in (("Primary", "primary_outcome"), ("Secondary", "secondary_outcome"), ("Other", "other_outcome")):
        for outcome in _list(m, f"{kind}OutcomeList", f"{kind}Outcome"):
            keep(out, fact, text(_get(outcome, f"{kind}OutcomeMeasure")))


def _eligibility(m: dict[str, Any], out: Extras) -> None:
    keep(out, "criteria", text(m.get("EligibilityCriteria")))
    keep(out, "healthy_volunteers", text(m.get("HealthyVolunteers")))
    keep(out, "sex", text(m.get("Gender")))
    keep(out, "minimum_age", text(m.get("MinimumAge")))
    keep(out, "maximum_age", text(m.get("MaximumAge")))


def _contacts(m: dict[str, Any], out: Extras) -> None:
    for o in _list(m, "OverallOfficialList", "OverallOfficial"):
        keep(out, "official", official(text(_get(o, "OverallOfficialName")), text(_get(o, "OverallOfficialRole")),
                                       text(_get(o, "OverallOfficialAffiliation"))))  # fmt: skip
    for loc in _list(m, "LocationList", "Location"):
        keep(out, "location", location(text(_get(loc, "LocationFacility")), text(_get(loc, "LocationCity")),
                                       text(_get(loc, "LocationCountry"))))  # fmt: skip


def _references(m: dict[str, Any], out: Extras) -> None:
    for ref in _list(m, "ReferenceList", "Reference"):
        keep(out, "reference", reference(text(_get(ref, "ReferenceCitation")), text(_get(ref, "ReferencePMID"))))


#: The modules of ``ProtocolSection`` the extras come from, and what reads each.
_MODULES: dict[str, Callable[[dict[str, Any], Extras], None]] = {
    "IdentificationModule": _identification,
    "StatusModule": _status,
    "SponsorCollaboratorsModule": _sponsors,
    "DesignModule": _design,
    "ArmsInterventionsModule": _arms,
    "OutcomesModule": _outcomes,
    "EligibilityModule": _eligibility,
    "ContactsLocationsModule": _contacts,
    "ReferencesModule": _references,
}


def extras(ps: Any) -> Extras:
    """The extras of a ``ProtocolSection``, in the order of its modules."""
    out: Extras = []
    if isinstance(ps, dict):
        for name, module in ps.items():
            if (read := _MODULES.get(name)) is not None and isinstance(module, dict):
                read(module, out)
    return out
