"""ClinicalTrials.gov's vocabularies and the columns of its CSV downloads, as data.

The record's facts (``custom["trial"]``) use the API v2 enumerations, the vocabulary of today's API and of the
website's CSV download: ``COMPLETED``, ``ACTIVE_NOT_RECRUITING``, ``PHASE2``, ``EARLY_PHASE1``. The legacy XML, the
classic API and the classic ``SearchResults.csv`` wrote the same values as words (``Completed``, ``Active, not
recruiting``, ``Phase 1/Phase 2``); the tables below turn those into the enumerations, so that one study reads the
same from every variant. Intervention types go the other way, into the words the registry prints before an
intervention's name (``Drug: placebo``), which v2 itself uses in its ``interventionNames``.
"""

from __future__ import annotations

import re

__all__ = [
    "STATUS", "PHASE", "NO_PHASE", "INTERVENTION_TYPE", "CSV_COLUMNS", "CSV_DISTINCTIVE",
    "status", "phases", "intervention", "enum_key",
]  # fmt: skip

#: Overall recruitment status as words (legacy XML, classic API, SearchResults.csv) -> the v2 enumeration. Keys are
#: :func:`enum_key` forms; a v2 value is its own key.
STATUS: dict[str, str] = {
    "ACTIVE_NOT_RECRUITING": "ACTIVE_NOT_RECRUITING",
    "COMPLETED": "COMPLETED",
    "ENROLLING_BY_INVITATION": "ENROLLING_BY_INVITATION",
    "NOT_YET_RECRUITING": "NOT_YET_RECRUITING",
    "RECRUITING": "RECRUITING",
    "SUSPENDED": "SUSPENDED",
    "TERMINATED": "TERMINATED",
    "WITHDRAWN": "WITHDRAWN",
    "AVAILABLE": "AVAILABLE",  # expanded access
    "NO_LONGER_AVAILABLE": "NO_LONGER_AVAILABLE",
    "TEMPORARILY_NOT_AVAILABLE": "TEMPORARILY_NOT_AVAILABLE",
    "APPROVED_FOR_MARKETING": "APPROVED_FOR_MARKETING",
    "WITHHELD": "WITHHELD",
    "UNKNOWN": "UNKNOWN",
    "UNKNOWN_STATUS": "UNKNOWN",  # legacy "Unknown status"
}

#: Phase as words -> the v2 enumeration (``None``: not applicable, no phase).
PHASE: dict[str, str | None] = {
    "EARLY_PHASE1": "EARLY_PHASE1",
    "EARLY_PHASE_1": "EARLY_PHASE1",
    "PHASE0": "EARLY_PHASE1",  # before 2017 "Phase 0" was the name of Early Phase 1
    "PHASE_0": "EARLY_PHASE1",
    "PHASE1": "PHASE1",
    "PHASE_1": "PHASE1",
    "PHASE2": "PHASE2",
    "PHASE_2": "PHASE2",
    "PHASE3": "PHASE3",
    "PHASE_3": "PHASE3",
    "PHASE4": "PHASE4",
    "PHASE_4": "PHASE4",
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
#: place for). The website's ``ctg-studies.csv`` (2023-) and the classic site's ``SearchResults.csv`` (to 2024;
#: before 2017 with "First Received", "Last Updated", "Results First Received") share no column name but
#: "NCT Number", "Acronym", "Conditions", "Interventions", "Age" and the dates.
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

_NOT_WORD = re.compile(r"[^A-Za-z0-9]+")


def enum_key(text: str) -> str:
    """``Active, not recruiting`` -> ``ACTIVE_NOT_RECRUITING``: words upper-cased, joined with ``_``."""
    return _NOT_WORD.sub("_", text.strip()).strip("_").upper()


def status(text: str) -> str:
    """The v2 enumeration of a recruitment status; one no table knows is kept as written."""
    text = text.strip()
    return STATUS.get(enum_key(text), text)


def phases(values: list[str]) -> list[str]:
    """The v2 enumerations of a study's phases, in order, no repeats: ``Phase 1/Phase 2`` is two;
    ``N/A``/``Not Applicable``/``NA`` are none; one no table knows is kept as written."""
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
