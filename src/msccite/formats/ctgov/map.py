"""ClinicalTrials.gov's vocabularies, the columns of its CSV downloads and the keys of the extras, as data.

The record's facts (``custom["trial"]``) use the words ClinicalTrials.gov's website shows (and the classic
``SearchResults.csv``, the legacy XML and the classic API wrote): ``Completed``, ``Active, not recruiting``,
``Unknown status``, ``Phase 2``, ``Early Phase 1``, the vocabulary the ICTRP reader keeps too. API v2 and the
website's ``ctg-studies.csv`` write the same values as enumerations (``COMPLETED``, ``ACTIVE_NOT_RECRUITING``,
``PHASE2``, ``EARLY_PHASE1``); the tables below turn both forms into the words, so that one study reads the same
from every variant. Intervention types go the same way, into the words the registry prints before an
intervention's name (``Drug: placebo``), which v2 itself uses in its ``interventionNames``.

What the registration record has no place for is kept as extras ``Extra("ctgov", key, value)``: a CSV cell under
its column's header, a fact of the JSON and XML variants under one of the keys of :data:`EXTRA_KEYS`.
"""

from __future__ import annotations

import re

__all__ = [
    "FORMAT", "STATUS", "PHASE", "NO_PHASE", "INTERVENTION_TYPE", "CSV_COLUMNS", "CSV_DISTINCTIVE", "EXTRA_KEYS",
    "status", "phases", "intervention", "enum_key",
]  # fmt: skip

#: The format of the extras (``Extra(FORMAT, key, value)``).
FORMAT = "ctgov"

#: Overall recruitment status -> the website's words. Keys are :func:`enum_key` forms: a v2 enumeration
#: (``ACTIVE_NOT_RECRUITING``) is its own key, and so are the words (``Active, not recruiting``).
STATUS: dict[str, str] = {
    "ACTIVE_NOT_RECRUITING": "Active, not recruiting",
    "COMPLETED": "Completed",
    "ENROLLING_BY_INVITATION": "Enrolling by invitation",
    "NOT_YET_RECRUITING": "Not yet recruiting",
    "RECRUITING": "Recruiting",
    "SUSPENDED": "Suspended",
    "TERMINATED": "Terminated",
    "WITHDRAWN": "Withdrawn",
    "AVAILABLE": "Available",  # expanded access
    "NO_LONGER_AVAILABLE": "No longer available",
    "TEMPORARILY_NOT_AVAILABLE": "Temporarily not available",
    "APPROVED_FOR_MARKETING": "Approved for marketing",
    "WITHHELD": "Withheld",
    "UNKNOWN": "Unknown status",  # v2
    "UNKNOWN_STATUS": "Unknown status",  # the website, legacy XML, classic API
}

#: Phase -> the website's words (``None``: not applicable, no phase). Keys as in :data:`STATUS`.
PHASE: dict[str, str | None] = {
    "EARLY_PHASE1": "Early Phase 1",
    "EARLY_PHASE_1": "Early Phase 1",
    "PHASE0": "Early Phase 1",  # before 2017 "Phase 0" was the name of Early Phase 1
    "PHASE_0": "Early Phase 1",
    "PHASE1": "Phase 1",
    "PHASE_1": "Phase 1",
    "PHASE2": "Phase 2",
    "PHASE_2": "Phase 2",
    "PHASE3": "Phase 3",
    "PHASE_3": "Phase 3",
    "PHASE4": "Phase 4",
    "PHASE_4": "Phase 4",
    "NA": None,
    "N_A": None,
    "NOT_APPLICABLE": None,
}
#: Written in the phase list of a study that has none (left out of the facts).
NO_PHASE = frozenset(k for k, v in PHASE.items() if v is None)

#: Intervention type (v2 enumeration or words) -> the words printed before the intervention's name.
INTERVENTION_TYPE: dict[str, str] = {
    "DRUG": "Drug",
    "DEVICE": "Device",
    "BIOLOGICAL": "Biological",
    "PROCEDURE": "Procedure",
    "RADIATION": "Radiation",
    "BEHAVIORAL": "Behavioral",
    "GENETIC": "Genetic",
    "DIETARY_SUPPLEMENT": "Dietary Supplement",
    "COMBINATION_PRODUCT": "Combination Product",
    "DIAGNOSTIC_TEST": "Diagnostic Test",
    "OTHER": "Other",
}

#: The columns of the CSV downloads -> the value each gives (``None``: a column the registration record has no
#: place for, its cells kept as extras under the header, as written). The website's ``ctg-studies.csv`` (2023-) and
#: the classic site's ``SearchResults.csv`` (to 2024; before 2017 with "First Received", "Last Updated", "Results
#: First Received") share no column name but "NCT Number", "Acronym", "Conditions", "Interventions", "Age" and the
#: dates.
CSV_COLUMNS: dict[str, str | None] = {
    # ctg-studies.csv
    "NCT Number": "nct",
    "Study Title": "short_title",  # the brief title
    "Study URL": "url",
    "Acronym": None,
    "Study Status": "status",
    "Brief Summary": "summary",
    "Study Results": None,
    "Conditions": "conditions",
    "Interventions": "interventions",
    "Primary Outcome Measures": None,
    "Secondary Outcome Measures": None,
    "Other Outcome Measures": None,
    "Sponsor": "sponsor",
    "Collaborators": "collaborators",
    "Sex": None,
    "Age": None,
    "Phases": "phases",
    "Enrollment": "enrollment",
    "Funder Type": None,
    "Study Type": None,
    "Study Design": None,
    "Other IDs": "other_ids",
    "Start Date": "start",
    "Primary Completion Date": None,
    "Completion Date": "completion",
    "First Posted": "registered",
    "Results First Posted": None,
    "Last Update Posted": None,
    "Locations": None,
    "Study Documents": None,
    # SearchResults.csv (classic site)
    "Rank": None,
    "Title": "short_title",  # the brief title
    "Status": "status",
    "Outcome Measures": None,
    "Sponsor/Collaborators": "sponsor_collaborators",  # the lead sponsor first
    "Gender": None,
    "Funded Bys": None,
    "Study Designs": None,
    "First Received": "registered_fallback",  # before 2017: the date the registry received the study
    "Last Updated": None,
    "Results First Received": None,
    "URL": "url",
}
#: Column names no other export uses: a header made only of known columns names one of these to be ours.
CSV_DISTINCTIVE = frozenset(CSV_COLUMNS) - {
    "Rank", "Title", "Acronym", "Status", "Conditions", "Interventions", "Sponsor", "Collaborators", "Sex", "Gender",
    "Age", "Enrollment", "Start Date", "Completion Date", "Locations", "URL",
}  # fmt: skip

#: The keys of the extras of the JSON and XML variants: what each fact is -> the key it is kept under. The values
#: are kept as the source writes them (v2 ``INTERVENTIONAL``, XML ``Interventional``); dates as ISO strings; a
#: location as "facility, city, country", an official as "role: name, affiliation", a reference as its citation
#: then ``PMID: n``. (A CSV cell is kept under its column's header instead.)
EXTRA_KEYS: dict[str, str] = {
    "org_study_id": "Org Study ID",  # when it is no registration number
    "secondary_id": "Secondary ID",  # the same
    "acronym": "Acronym",
    "last_known_status": "Last Known Status",  # of a study whose status is unknown (in the words of STATUS)
    "why_stopped": "Why Stopped",
    "primary_completion": "Primary Completion Date",
    "last_update": "Last Update Posted",
    "sponsor_class": "Sponsor Class",
    "study_type": "Study Type",
    "study_design": "Study Design",  # the legacy XML before 2017: the design in one text
    "allocation": "Allocation",
    "intervention_model": "Intervention Model",
    "observational_model": "Observational Model",
    "time_perspective": "Time Perspective",
    "primary_purpose": "Primary Purpose",
    "masking": "Masking",
    "primary_outcome": "Primary Outcome",  # the measure's title, one extra each
    "secondary_outcome": "Secondary Outcome",
    "other_outcome": "Other Outcome",
    "arm_group": "Arm Group",  # the label, one extra each
    "criteria": "Eligibility Criteria",
    "sex": "Sex",
    "minimum_age": "Minimum Age",
    "maximum_age": "Maximum Age",
    "healthy_volunteers": "Healthy Volunteers",
    "official": "Overall Official",
    "location": "Location",
    "reference": "Reference",
}

_NOT_WORD = re.compile(r"[^A-Za-z0-9]+")


def enum_key(text: str) -> str:
    """``Active, not recruiting`` -> ``ACTIVE_NOT_RECRUITING``: words upper-cased, joined with ``_``."""
    return _NOT_WORD.sub("_", text.strip()).strip("_").upper()


def status(text: str) -> str:
    """The website's words for a recruitment status (``COMPLETED``, ``Completed`` -> ``Completed``); one no table
    knows is kept as written."""
    text = text.strip()
    return STATUS.get(enum_key(text), text)


def phases(values: list[str]) -> list[str]:
    """The website's words for a study's phases, in order, no repeats: ``PHASE2`` -> ``Phase 2``;
    ``Phase 1/Phase 2`` is two; ``N/A``/``Not Applicable``/``NA`` are none; one no table knows is kept as written."""
    out: list[str] = []
    for value in values:
        value = value.strip()
        key = enum_key(value)
        if key in NO_PHASE:
            continue
        parts = [value] if key in PHASE else [p for p in re.split(r"[/|]", value) if p.strip()]
        for part in parts:
            key = enum_key(part)
            if key in NO_PHASE:
                continue
            phase = PHASE.get(key, part.strip())
            if phase and phase not in out:
                out.append(phase)
    return out


def intervention(kind: str, name: str) -> str:
    """``Drug: placebo``: the type in the registry's words, then the name; the name alone when there is no type."""
    kind, name = kind.strip(), name.strip()
    if not kind:
        return name
    words = INTERVENTION_TYPE.get(enum_key(kind), kind)
    return f"{words}: {name}" if name else words
