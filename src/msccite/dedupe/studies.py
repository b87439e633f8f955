"""Studies and their reports (PRISMA 2020): records linked by the trial registrations they name.

A trial registration (``formats/trials.py``) and the papers that cite its registration ID are reports of one study:
different documents, never merged, linked. After de-duplication each record (a cluster's merged record) belongs to
one study:

- a registration links its own ID and the secondary IDs it lists from other registers (the EudraCT number of an EU
  CTR record, the NCT number of a WHO ICTRP record), so that one trial's records in several registers are one study;
  another ID of its own register (an NCT record listing another NCT number: a parent or extension study) is a
  different study, and links nothing;
- a paper links the registration IDs it names (abstract, MEDLINE's ``SI`` databank field, PubMed XML's
  ``DataBankList``, a secondary ID: collected by the normalizer into ``custom["trial-registrations"]``), unless it
  names two of one register (two NCT numbers: a pooled analysis or a review reports no one trial alone) or more than
  :data:`MAX_IDS_OF_A_REPORT`;
- a record that names no registration is a study of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Record
from ..normalization.identifiers import TRIALS_KEY
from .keys import is_registration, registration_key

__all__ = ["MAX_IDS_OF_A_REPORT", "registrations", "register_of", "linkable", "link", "link_ids"]

#: A paper naming more registration IDs than this is linked to no study (a review citing the trials it reviews).
MAX_IDS_OF_A_REPORT = 3
_EUDRACT = re.compile(r"(?:19|20)\d{2}-\d{6}-\d{2}")
_CTIS = re.compile(r"20\d{2}-5\d{5}-\d{2}-\d{2}")
_PREFIX = re.compile(r"[A-Za-z]+/?")


def register_of(reg: str) -> str:
    """The register a registration ID belongs to: ``NCT``, ``ISRCTN``, ``ChiCTR``, ``EudraCT``, ``CTIS`` ... (the
    letters it starts with; ``""`` when it has none that say)."""
    if _CTIS.fullmatch(reg):
        return "CTIS"
    if _EUDRACT.fullmatch(reg):
        return "EudraCT"
    m = _PREFIX.match(reg)
    return m.group(0).upper() if m else ""


def linkable(rec: Record) -> list[str]:
    """The IDs a record links by (see the module's docstring)."""
    ids = registrations(rec)
    if is_registration(rec):
        own = register_of(ids[0]) if ids else ""
        return ids[:1] + [i for i in ids[1:] if not own or register_of(i) != own]
    registers = [register_of(i) for i in ids]
    if len(ids) > MAX_IDS_OF_A_REPORT or len(set(registers)) < len(registers):
        return []
    return ids


def registrations(rec: Record) -> list[str]:
    """The registration IDs a record names (its own first, for a registration), canonical, without repeats."""
    ids = [str(x) for x in rec.custom.get(TRIALS_KEY) or []]
    if is_registration(rec) and isinstance(rec.get("number"), str):
        ids.insert(0, rec["number"])
    return list(dict.fromkeys(registration_key(i) for i in ids if i.strip()))


def link(records: Sequence[Record]) -> list[int]:
    """The study of each record (1, 2, ... numbered in order of their first record)."""
    return link_ids([linkable(rec) for rec in records])


def link_ids(ids: Sequence[list[str]]) -> list[int]:
    """:func:`link` from each record's :func:`linkable` IDs."""
    parent = list(range(len(ids)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}  # registration ID -> a record that names it
    for i, regs in enumerate(ids):
        for reg in regs:
            j = owner.setdefault(reg, i)
            a, b = find(i), find(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    numbers: dict[int, int] = {}
    return [numbers.setdefault(find(i), len(numbers) + 1) for i in range(len(ids))]
