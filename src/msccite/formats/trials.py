"""One record shape for a trial registration, whatever register or export it comes from.

ClinicalTrials.gov (``formats/ctgov``) and the WHO ICTRP (``formats/ictrp``) build their records here, in the
shape Zotero's ClinicalTrials.gov translator gives them, so that ``dedupe`` and every writer see one shape:

- CSL type ``report``, ``genre`` "Clinical trial registration", ``publisher`` the register;
- ``title`` the official (scientific) title, ``title-short`` the brief (public) title;
- ``author`` the sponsor, a body (one literal name); collaborators are ``contributor``;
- ``number`` the registration ID, ``URL`` the record's page, ``issued`` the registration (first posted) date;
- ``abstract`` the brief summary;
- ``custom["trial"]``: ``status``, ``phase``, ``conditions``, ``interventions``, ``enrollment``, ``start``,
  ``completion`` (only those the source gives; lists are lists, dates ISO strings as the source wrote them);
- ``custom["trial-registrations"]``: the registration ID, then every secondary ID that is a registration number
  (EudraCT, ISRCTN, ChiCTR ..., in the canonical form of ``normalization.identifiers.find_trial_ids``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..model import Date, Name, Record, Source, small_int
from ..normalization.identifiers import TRIALS_KEY, find_trial_ids

__all__ = ["GENRE", "TRIAL_KEY", "TRIAL_FIELDS", "registration_record", "iso_date"]

GENRE = "Clinical trial registration"
#: ``rec.custom`` key of the registration's facts.
TRIAL_KEY = "trial"
#: The facts kept in ``custom["trial"]``, in this order.
TRIAL_FIELDS: tuple[str, ...] = ("status", "phase", "conditions", "interventions", "enrollment", "start",
                                 "completion")  # fmt: skip

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}  # fmt: skip


def iso_date(text: str) -> Date | None:
    """A registry's date as a :class:`Date`: ``2019-12-20``, ``2019-12``, ``20/12/2019`` (ICTRP, day first),
    ``December 20, 2019`` / ``December 2019`` (ClinicalTrials.gov's classic formats); None when it is none of them
    (the caller keeps the text)."""
    text = " ".join(text.split()).strip()
    if not text:
        return None
    parts = text.replace("/", "-").split("-")
    if all(p.isdecimal() for p in parts) and 1 <= len(parts) <= 3:
        nums = [int(p) for p in parts]
        if len(parts[0]) == 4:  # year first
            year, rest = nums[0], nums[1:]
        elif len(parts) == 3 and len(parts[2]) == 4:  # day/month/year
            year, rest = nums[2], [nums[1], nums[0]]
        else:
            return None
        if rest and not 1 <= rest[0] <= 12 or len(rest) > 1 and not 1 <= rest[1] <= 31:
            return None
        return Date.of(year, *rest)
    words = text.replace(",", " ").split()
    month = _MONTHS.get(words[0].lower()) if words else None
    if month is not None and len(words) in (2, 3) and (year := small_int(words[-1], 4)) is not None:
        day = small_int(words[1], 2) if len(words) == 3 else None
        if len(words) == 3 and day is None:
            return None
        return Date.of(year, month, day) if day else Date.of(year, month)
    return None


def registration_record(
    *,
    register: str,
    trial_id: str,
    title: str = "",
    short_title: str = "",
    sponsor: str = "",
    collaborators: Iterable[str] = (),
    registered: str = "",
    url: str = "",
    summary: str = "",
    secondary_ids: Iterable[str] = (),
    facts: dict[str, Any] | None = None,
    source: Source | None = None,
) -> Record:
    """A registration as a :class:`Record` (see the module's docstring). Empty values are left out; ``title``
    falls back to ``short_title`` when the register gives only one; ``registered`` that is no date is kept as
    the date's raw text."""
    title, short_title = title.strip(), short_title.strip()
    rec = Record("report", source=source)
    rec["title"] = title or short_title
    if short_title and short_title != rec.get("title"):
        rec["title-short"] = short_title
    if sponsor.strip():
        rec.add("author", Name(literal=sponsor.strip()))
    for name in collaborators:
        if name.strip():
            rec.add("contributor", Name(literal=name.strip()))
    if registered.strip():
        rec["issued"] = iso_date(registered) or Date(raw=registered.strip())
    rec["genre"] = GENRE
    rec["publisher"] = register
    rec["number"] = trial_id.strip()
    if url.strip():
        rec["URL"] = [url.strip()]
    if summary.strip():
        rec["abstract"] = summary.strip()
    kept = {k: v if isinstance(v, (str, list)) else str(v)
            for k in TRIAL_FIELDS if (v := (facts or {}).get(k)) not in (None, "", [])}  # fmt: skip
    if kept:
        rec.custom[TRIAL_KEY] = kept
    ids = find_trial_ids(trial_id) or ([trial_id.strip()] if trial_id.strip() else [])
    for other in secondary_ids:
        ids.extend(find_trial_ids(other))
    if ids:
        rec.custom[TRIALS_KEY] = list(dict.fromkeys(ids))
    return rec
