"""ICTRP's element and column names -> the facts of a registration record, as data; and the one record builder.

The XML export names its elements ``Public_title``, ``Recruitment_Status``, ``web_address``; the CSV download names
its columns the same with spaces (``Public title``, ``Recruitment Status``, ``web address``); the full data export's
field list writes ``public_title``, ``Recruitment_status``, ``url``, ``SecondaryIDs``. A name is looked up by its
:func:`name_key` (case folded, nothing but letters and digits), so one table serves all of them.

Every value is cleaned of ICTRP's HTML fragments first (:func:`plain`): ``<br>`` (literal, or escaped as ``&lt;br&gt;``
in the XML) and ``&#x0D;`` become line breaks, other HTML tags are dropped, entities decoded.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

from ...context import ReadContext
from ...model import Extra, Record
from ...normalization.identifiers import TRIALS_KEY, find_trial_ids
from ..tables.parse import NO_VALUE
from ..trials import iso_date, registration_record

__all__ = ["FORMAT", "FIELDS", "KNOWN", "REGISTER_FALLBACK", "name_key", "fact_of", "plain", "phases", "unprefixed",
           "make_record"]  # fmt: skip

#: The format name the extras are kept under.
FORMAT = "ictrp"
#: ``publisher`` when a trial names no source register.
REGISTER_FALLBACK = "WHO ICTRP"

#: fact -> the names ICTRP gives it: XML element, CSV column, full-export field (any spelling of one name is found).
FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("TrialID", "Trial ID"),
    "title": ("Scientific_title", "Scientific title"),
    "short_title": ("Public_title", "Public title"),
    "sponsor": ("Primary_sponsor", "Primary sponsor"),
    "collaborators": ("Secondary_Sponsor", "Secondary Sponsor", "Secondary_Sponsors", "Secondary sponsors"),
    "registered": ("Date_registration", "Date registration"),
    "registered_compact": ("Date_registration3", "Date registration3"),
    "register": ("Source_Register", "Source Register"),
    "url": ("web_address", "web address", "url"),
    "status": ("Recruitment_Status", "Recruitment Status"),
    "phase": ("Phase",),
    "conditions": ("Condition", "Conditions"),
    "interventions": ("Intervention", "Interventions"),
    "enrollment": ("Target_size", "Target size"),
    "start": ("Date_enrollement", "Date enrollement", "Date_enrollment", "Date enrollment"),
    "completion": ("results_date_completed", "results date completed"),
    "secondary_ids": ("Secondary_ID", "Secondary ID", "Secondary_IDs", "Secondary IDs", "SecondaryIDs"),
}

#: Facts that hold a list (a list fact given twice, by a repeated element, gathers both).
LIST_FACTS = frozenset({"collaborators", "phase", "conditions", "interventions", "secondary_ids"})
#: Facts whose value is also kept as an extra, as written: only the registration numbers among the secondary IDs reach
#: the record (``custom["trial-registrations"]``), the sponsor's protocol numbers would be lost.
KEEP_AS_EXTRA = frozenset({"secondary_ids"})


def name_key(name: str) -> str:
    """A name's lookup key: ``Public_title``, ``Public title`` and ``public_title`` are ``publictitle``."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())


#: name key -> fact
_BY_KEY: dict[str, str] = {name_key(n): fact for fact, names in FIELDS.items() for n in names}
#: The name keys of ICTRP's other elements and columns (kept as extras), for detection and for telling an ICTRP
#: header from some other table's.
KNOWN = frozenset(_BY_KEY) | frozenset(name_key(n) for n in (
    "Export_date", "Internal_Number", "Last_Refreshed_on", "Acronym", "Retrospective_flag", "Prospective_registration",
    "other_records", "Inclusion_agemin", "Inclusion_agemax", "Inclusion_gender", "Study_type", "Study_design",
    "Countries", "Contact_Firstname", "Contact_Lastname", "Contact_Address", "Contact_Email", "Contact_Tel",
    "Contact_Affiliation", "Inclusion_Criteria", "Exclusion_Criteria", "Primary_outcome", "Secondary_outcome",
    "Source_Support", "Source Name", "results_date_posted", "results_url_link", "results_yes_no",
    "Bridging flag truefalse", "Bridged type", "Ethics_review_status", "Ethics Status",
))  # fmt: skip


def fact_of(name: str) -> str | None:
    """The fact an element or column name gives, None for one kept as an extra."""
    return _BY_KEY.get(name_key(name))


# -- values -----------------------------------------------------------------------------------------
_BREAK = re.compile(r"\r?\n?[ \t]*<\s*br\s*/?\s*>", re.I)
_BLOCK_TAG = re.compile(r"<\s*/?\s*(?:p|div|li|ul|ol|tr|table|h[1-6])(?:\s[^<>]*)?/?\s*>", re.I)
_INLINE_TAG = re.compile(
    r"<\s*/?\s*(?:b|i|u|em|strong|sup|sub|span|font|a|td|th|tbody|thead|small|big|strike|s|hr)(?:\s[^<>]*)?/?\s*>",
    re.I,
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_NL = re.compile(r"\r\n?")
_BLANK_RUNS = re.compile(r"\n{3,}")


def _entities(text: str) -> str:
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text) if "&" in text else text


def plain(text: str) -> str:
    """A value as plain text: HTML line breaks (``<br>``, ``&lt;br&gt;``, ``&#x0D;``) as line breaks, other HTML
    tags dropped, entities decoded, each line trimmed, no more than one blank line in a row.

    Only ``&name;`` entities with their semicolon are decoded (``AT&T`` and ``&copy`` stay), and only HTML tags
    are dropped: ``eGFR <45`` and ``<ULN>`` stay as written.
    """
    if "&" in text:
        text = _entities(text)
        if "&" in text:  # escaped twice (``&amp;lt;br&amp;gt;``)
            text = _entities(text)
    if "<" in text:
        text = _BREAK.sub("\n", text)
        text = _BLOCK_TAG.sub("\n", text)
        text = _INLINE_TAG.sub("", text)
    text = _NL.sub("\n", text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")


def _line(text: str) -> str:
    """A value that is one line (a title, a name, an ID, a date): its white space collapsed."""
    return " ".join(text.split())


def _items(text: str, breaks: bool) -> list[str]:
    """A list value's items (``text`` plain already): split on ``;`` (and on line breaks when ``breaks``, else
    kept inside an item), trimmed, no empty ones, no repeats."""
    parts = re.split(r"[;\n]" if breaks else ";", text)
    out = (_line(p) if breaks else p.strip() for p in parts)
    return list(dict.fromkeys(p for p in out if p and p not in NO_VALUE))


_NO_PHASE = frozenset({"n/a", "na", "not applicable", "not available", "none", "-"})
_EU_PHASE = re.compile(r"\(\s*(Phase\s+[IV]+)\s*\)\s*:\s*(yes|no)\b", re.I)
_SPLIT_PHASES = re.compile(r"\s*/\s*(?=phase\b)", re.I)


def phases(text: str) -> list[str]:
    """ICTRP's phase (plain text) as a list: the phases the EU register's block marks ``yes`` (``Human pharmacology
    (Phase I): no Therapeutic exploratory (Phase II): yes ...`` -> ``["Phase II"]``), ClinicalTrials.gov's
    ``Phase 2/Phase 3`` as two, anything else as written (``Phase 3``, ``3``, ``2-3``, ``Retrospective study``);
    ``N/A`` and ``Not applicable`` are none."""
    marks = _EU_PHASE.findall(text)
    if marks:
        return [_line(name) for name, answer in marks if answer.lower() == "yes"]
    out: list[str] = []
    for item in _items(text, breaks=True):
        out.extend(p for p in _SPLIT_PHASES.split(item) if p)
    return [p for p in dict.fromkeys(out) if p.casefold() not in _NO_PHASE]


def enrollment(text: str) -> int | str:
    """``Target_size``: a number as an int; group sizes (ChiCTR's ``Experimental group:30;Control group:30;``) as
    written, without the last ``;``."""
    value = _line(text).rstrip(";").strip()
    return int(value) if value.isdecimal() and len(value) <= 9 else value


def iso(text: str) -> str:
    """A date as ISO text (``April 25, 2024`` -> ``2024-04-25``, ``16/04/2024`` -> ``2024-04-16``); as written when it
    is no date."""
    value = _line(text)
    date = iso_date(value)
    return str(date) if date is not None else value


def _compact_date(text: str) -> str:
    """``Date_registration3`` (``20240408``) as ``2024-04-08``; as written when it is not eight digits."""
    value = _line(text)
    if len(value) == 8 and value.isdecimal():
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return value


#: ICTRP writes the EU registers' numbers with a prefix of its own glued on (``EUCTR2021-000037-14-ES``,
#: ``CTIS2023-507385-11-00``), which hides them from ``find_trial_ids``: the number after it is the registration number.
_GLUED_PREFIX = re.compile(r"^(?:EUCTR|CTIS)(?=(?:19|20)\d{2}-\d{6}-\d{2})", re.I)


def unprefixed(ident: str) -> str:
    """A registration number without ICTRP's prefix: ``EUCTR2021-000037-14-ES`` -> ``2021-000037-14-ES``."""
    return _GLUED_PREFIX.sub("", ident.strip())


# -- the record -------------------------------------------------------------------------------------
def make_record(pairs: Iterable[tuple[str, str]], line: int | None, ctx: ReadContext) -> Record:
    """The record of one trial from its ``(name, value)`` pairs in file order (XML elements, or a CSV row's header
    names and cells). Values that are empty (or ``NA``/``N/A``) are no values."""
    single: dict[str, str] = {}  # fact -> plain text
    names: dict[str, str] = {}  # fact -> the name it came under
    lists: dict[str, list[str]] = {}
    extras: list[tuple[str, str]] = []
    for name, value in pairs:
        text = plain(value)
        if not text or text in NO_VALUE:
            continue
        name = name.strip()
        fact = fact_of(name)
        if fact is None:
            extras.append((name, text))
        elif fact in LIST_FACTS:
            lists.setdefault(fact, []).append(text)
            if fact in KEEP_AS_EXTRA:
                extras.append((name, text))
        elif fact in single:  # given twice: the first one counts, the other is kept
            extras.append((name, text))
        else:
            single[fact] = text
            names[fact] = name

    registered, compact = _line(single.get("registered", "")), _compact_date(single.get("registered_compact", ""))
    if compact and (not registered or iso_date(registered) is None and iso_date(compact) is not None):
        if registered:  # no date: the text is kept
            extras.append((names["registered"], registered))
        registered = compact
    elif compact and (iso_date(compact) is None or iso_date(compact) != iso_date(registered)):  # disagrees: kept
        extras.append((names["registered_compact"], single["registered_compact"]))

    facts: dict[str, Any] = {}
    if "status" in single:
        facts["status"] = _line(single["status"])
    if "phase" in lists:
        facts["phase"] = list(dict.fromkeys(p for v in lists["phase"] for p in phases(v)))
    if "conditions" in lists:
        facts["conditions"] = list(dict.fromkeys(c for v in lists["conditions"] for c in _items(v, breaks=True)))
    if "interventions" in lists:
        facts["interventions"] = list(dict.fromkeys(i for v in lists["interventions"] for i in _items(v, False)))
    if "enrollment" in single:
        facts["enrollment"] = enrollment(single["enrollment"])
    if "start" in single:
        facts["start"] = iso(single["start"])
    if "completion" in single:
        facts["completion"] = iso(single["completion"])

    trial_id = _line(single.get("id", ""))
    secondary = [s for v in lists.get("secondary_ids", ()) for s in _items(v, breaks=True)]
    rec = registration_record(
        register=_line(single.get("register", "")) or REGISTER_FALLBACK,
        trial_id=trial_id,
        title=_line(single.get("title", "")),
        short_title=_line(single.get("short_title", "")),
        sponsor=_line(single.get("sponsor", "")),
        collaborators=[c for v in lists.get("collaborators", ()) for c in _items(v, breaks=True)],
        registered=registered,
        url=_line(single.get("url", "")),
        secondary_ids=[unprefixed(s) for s in [trial_id, *secondary]],
        facts=facts,
        source=ctx.where(line),
    )
    regs: list[str] = rec.custom.get(TRIALS_KEY) or []
    glued = regs[:1] == [trial_id] and not find_trial_ids(trial_id) and bool(find_trial_ids(unprefixed(trial_id)))
    if glued and len(regs) > 1:  # the TrialID's own number, in canonical form, comes next: it is the one
        del regs[0]
    rec.extra.extend(Extra(FORMAT, key or "(unnamed column)", value) for key, value in extras)
    return rec
