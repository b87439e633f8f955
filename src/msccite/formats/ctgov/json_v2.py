"""One study of ClinicalTrials.gov's API v2 (and the modern website's JSON download) as a record.

``{"protocolSection": {"identificationModule": {...}, "statusModule": {...}, ...}, "derivedSection": ...}``:
camelCase module names, numbers as numbers, dates ISO (``2019-12-20``, ``2019-12``), enumerations upper case
(``COMPLETED``, ``PHASE2``, ``DRUG``). The long texts are CommonMark: ``\\<``, ``\\>``, ``\\*`` are escapes, read
as the character they escape.

The extras are read module by module in the order the study gives its modules (:data:`_MODULES`); the values as
v2 writes them (``INTERVENTIONAL``, ``FEMALE``), dates ISO.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ...context import ReadContext
from ...model import Record
from . import map as vocab
from .study import Study, iso, items, keep, keep_id, location, make_record, masking, official, reference, text

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
        extras=extras(ps),
        keywords=[
            *(text(k) for k in items(_get(ps, "conditionsModule", "keywords"))),
            *(text(_get(m, "term")) for m in items(_get(data, "derivedSection", "conditionBrowseModule", "meshes"))),
        ],
    )


# -- the extras, module by module ---------------------------------------------------------------------
Extras = list[tuple[str, str]]


def _text(value: Any) -> str:
    return unescape(text(value))


def _identification(m: dict[str, Any], out: Extras) -> None:
    keep_id(out, "org_study_id", text(_get(m, "orgStudyIdInfo", "id")))
    for s in items(m.get("secondaryIdInfos")):
        keep_id(out, "secondary_id", text(_get(s, "id")))
    keep(out, "acronym", _text(m.get("acronym")))


def _status(m: dict[str, Any], out: Extras) -> None:
    if last := text(m.get("lastKnownStatus")):
        keep(out, "last_known_status", vocab.status(last))
    keep(out, "why_stopped", _text(m.get("whyStopped")))
    keep(out, "primary_completion", iso(text(_get(m, "primaryCompletionDateStruct", "date"))))
    keep(out, "last_update", iso(text(_get(m, "lastUpdatePostDateStruct", "date"))))


def _sponsors(m: dict[str, Any], out: Extras) -> None:
    keep(out, "sponsor_class", text(_get(m, "leadSponsor", "class")))


def _design(m: dict[str, Any], out: Extras) -> None:
    keep(out, "study_type", text(m.get("studyType")))
    info = m.get("designInfo")
    if not isinstance(info, dict):
        return
    for name, fact in (("allocation", "allocation"), ("interventionModel", "intervention_model"),
                       ("primaryPurpose", "primary_purpose"), ("observationalModel", "observational_model"),
                       ("timePerspective", "time_perspective")):  # fmt: skip
        keep(out, fact, text(info.get(name)))
    masked = info.get("maskingInfo")
    if isinstance(masked, dict):
        keep(out, "masking", masking(text(masked.get("masking")), [text(w) for w in items(masked.get("whoMasked"))]))


def _arms(m: dict[str, Any], out: Extras) -> None:
    for arm in items(m.get("armGroups")):
        keep(out, "arm_group", _text(_get(arm, "label")))


def _outcomes(m: dict[str, Any], out: Extras) -> None:
    for name, fact in (("primaryOutcomes", "primary_outcome"), ("secondaryOutcomes", "secondary_outcome"),
                       ("otherOutcomes", "other_outcome")):  # fmt: skip
        for outcome in items(m.get(name)):
            keep(out, fact, _text(_get(outcome, "measure")))


def _eligibility(m: dict[str, Any], out: Extras) -> None:
    keep(out, "criteria", _text(m.get("eligibilityCriteria")))
    healthy = m.get("healthyVolunteers")
    keep(out, "healthy_volunteers", ("Yes" if healthy else "No") if isinstance(healthy, bool) else text(healthy))
    keep(out, "sex", text(m.get("sex")))
    keep(out, "minimum_age", text(m.get("minimumAge")))
    keep(out, "maximum_age", text(m.get("maximumAge")))


def _contacts(m: dict[str, Any], out: Extras) -> None:
    for o in items(m.get("overallOfficials")):
        keep(out, "official", official(text(_get(o, "name")), text(_get(o, "role")), text(_get(o, "affiliation"))))
    for loc in items(m.get("locations")):
        keep(out, "location", location(text(_get(loc, "facility")), text(_get(loc, "city")),
                                       text(_get(loc, "country"))))  # fmt: skip


def _references(m: dict[str, Any], out: Extras) -> None:
    for ref in items(m.get("references")):
        keep(out, "reference", reference(_text(_get(ref, "citation")), text(_get(ref, "pmid"))))


#: The modules of ``protocolSection`` the extras come from, and what reads each.
_MODULES: dict[str, Callable[[dict[str, Any], Extras], None]] = {
    "identificationModule": _identification,
    "statusModule": _status,
    "sponsorCollaboratorsModule": _sponsors,
    "designModule": _design,
    "armsInterventionsModule": _arms,
    "outcomesModule": _outcomes,
    "eligibilityModule": _eligibility,
    "contactsLocationsModule": _contacts,
    "referencesModule": _references,
}


def extras(ps: Any) -> Extras:
    """The extras of a ``protocolSection``, in the order of its modules."""
    out: Extras = []
    if isinstance(ps, dict):
        for name, module in ps.items():
            if (read := _MODULES.get(name)) is not None and isinstance(module, dict):
                read(module, out)
    return out
