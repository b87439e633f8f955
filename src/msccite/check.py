"""``msccite check``: what a reviewer should fix in a set of records, one finding per line.

:func:`check` looks at (normalized) records and returns :class:`Finding` values: a missing title,
authors, year or journal; an invalid DOI, or an ISSN or ISBN whose check digit is wrong; an ISSN of
another journal than the one the record names; a truncated author list; a suspicious name; values
a reader could not map to a field; likely duplicates in the input, found by ``msccite dedupe``'s matcher
(:mod:`msccite.dedupe`: identifiers decide, a notice is not its work, else a score on title, year, first
author, journal, volume and pages), and the pairs it could not decide (``info``). Severities:
``error`` (the record is wrong or unusable as a citation), ``warning`` (worth a look), ``info``
(for the record). The rules are listed in ``docs/check.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass

from .model import NAME_VARIABLES, Name, Record
from .names import is_corporate, is_particle

__all__ = ["Finding", "check", "SEVERITIES"]

SEVERITIES = ("error", "warning", "info")
_JOURNAL_TYPES = frozenset({"article-journal", "article", "review"})
_PER_PERSON = re.compile(r"@\d+$")  # AD@1, AD@2: one kind


@dataclass(frozen=True)
class Finding:
    """One thing to fix: where (file, line, the record's position and id), how bad, and what."""

    severity: str
    message: str
    file: str | None = None
    line: int | None = None
    record: int | None = None  # 1-based position in its file
    id: str | None = None  # noqa: A003 - the record's citation key

    def __str__(self) -> str:
        where = f"{self.file or '<input>'}{'' if self.line is None else f':{self.line}'}"
        rec = "" if self.record is None else f" [{self.record}]"
        return f"{where}:{rec} {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _identifier_findings(rec: Record) -> Iterator[tuple[str, str]]:
    from .normalization import identifiers

    doi = rec.get("DOI")
    if isinstance(doi, str):
        problem = identifiers.doi_problem(doi)
        if problem:
            yield "error", f"DOI {doi!r}: {problem}"
    for issn in rec.get("ISSN") or []:
        clean = identifiers.clean_issn(issn)
        if clean is None or not identifiers.issn_ok(clean):
            yield "error", f"ISSN {issn!r}: the check digit is wrong or it is not an ISSN"
    for isbn in rec.get("ISBN") or []:
        clean = identifiers.clean_isbn(isbn)
        if clean is None or not identifiers.isbn_ok(clean):
            yield "error", f"ISBN {isbn!r}: the check digit is wrong or it is not an ISBN"


def _journal_findings(rec: Record) -> Iterator[tuple[str, str]]:
    from .normalization import journals

    conflict = journals.journal_conflict(rec)
    if conflict:
        issn, issn_journal, named = conflict
        yield "warning", (f"ISSN {issn} is {journals.citable_title(issn_journal)}'s, but the record names "
                          f"{journals.citable_title(named)}")  # fmt: skip


def _name_problem(name: Name) -> str | None:
    if name.literal:
        if not is_corporate(name.literal) and len(name.literal.split()) > 1:
            return f"name {name.literal!r} could not be split into family and given names"
        return None
    family = name.family
    if not family:
        return f"name {str(name)!r} has no family name"
    if any(c.isdigit() for c in family + name.given):
        return f"name {str(name)!r} contains digits"
    if all(is_particle(w) for w in family.split()):
        return f"name {str(name)!r}: the family name is only a particle"
    if family.isupper() and len(family) > 3:
        return f"name {str(name)!r} is in capitals"
    if family[:1].islower() and not name.non_dropping_particle:
        return f"name {str(name)!r} starts in lower case"
    return None


def _record_findings(rec: Record) -> Iterator[tuple[str, str]]:
    if not rec.get("title"):
        yield "error", "missing title"
    names = [n for var in NAME_VARIABLES for n in rec.get(var) or []]
    if not names and rec.type not in ("webpage", "dataset", "software", "legislation", "bill"):
        yield "warning", "missing authors"
    if rec.year is None:
        yield "warning", "missing year"
    if rec.type in _JOURNAL_TYPES and not rec.get("container-title") and not rec.get("container-title-short"):
        yield "warning", "missing journal"
    yield from _journal_findings(rec)
    for var in ("volume", "issue"):
        value = rec.get(var)
        if isinstance(value, str) and (len(value) > 30 or value.count(" ") > 3):
            shown = value[:40] + ("..." if len(value) > 40 else "")
            yield "warning", f"{var} {shown!r} does not look like {'an' if var == 'issue' else 'a'} {var}"
    yield from _identifier_findings(rec)
    for var in rec.custom.get("truncated", []):
        yield "warning", f"the {var} list is truncated (et al.): the full list is not in the source"
    for n in rec.authors:
        problem = _name_problem(n)
        if problem:
            yield "warning", problem
    if rec.extra:
        kinds = sorted({f"{e.format}:{_PER_PERSON.sub('', str(e.key))}" for e in rec.extra})
        shown = ", ".join(kinds[:8]) + (f" and {len(kinds) - 8} more" if len(kinds) > 8 else "")
        yield "info", f"{len(rec.extra)} value(s) not mapped to a field (kept as extras): {shown}"


def _duplicates(records: list[Record]) -> Iterator[tuple[int, str, int, str]]:
    """(later, severity, earlier, why) from ``msccite dedupe``'s matcher, run once on the whole set.

    Each record of a cluster after its first (in input order) is a ``warning``, reported against the earlier
    record whose match joined it (with the match's reason) or else the cluster's first record; a pair the
    score could not decide is an ``info`` on its later record, for the reviewer.
    """
    from .dedupe import dedupe

    result = dedupe(records)
    for cluster in result.clusters:
        first = min(cluster.members)
        for i in sorted(cluster.members)[1:]:
            join = cluster.joins.get(i)  # the pair that joined i, with the earlier record: (join.i, i)
            if join is not None:
                why = join.reason
                value = records[i].get(why[5:]) if why in ("same DOI", "same PMID", "same PMCID") else None
                yield i, "warning", join.i, f"{why} {value}" if isinstance(value, str) else why
            else:  # i joined a later record of the cluster, not an earlier one
                yield i, "warning", first, "matched through another record of the same work"
    for p in result.uncertain:
        yield p.j, "info", p.i, f"score {p.score:.2f}: {p.reason}"


def check(records: Iterable[Record]) -> list[Finding]:
    """The findings for ``records``, in input order (duplicates reported on the later record).

    The duplicates are ``msccite dedupe``'s: it runs once on the whole list (blocking keeps it near-linear).
    """
    recs = list(records)
    out: list[tuple[int, Finding]] = []
    position: list[int] = []  # each record's number in its own file
    per_file: dict[str | None, int] = {}
    for rec in recs:
        file = rec.source.file if rec.source else None
        per_file[file] = per_file.get(file, 0) + 1
        position.append(per_file[file])

    def place(i: int, severity: str, message: str) -> tuple[int, Finding]:
        src = recs[i].source
        return i, Finding(severity, message, src.file if src else None, src.line if src else None, position[i],
                          recs[i].id)  # fmt: skip

    for i, rec in enumerate(recs):
        out.extend(place(i, sev, msg) for sev, msg in _record_findings(rec))
    for i, severity, j, why in _duplicates(recs):
        src = recs[j].source
        where = f" ({src.file}:{src.line})" if src and src.file and src.line else ""
        what = "likely duplicate" if severity == "warning" else "possible duplicate"
        tail = "" if severity == "warning" else ", for a reviewer"
        out.append(place(i, severity, f"{what} of record {position[j]}{where}{tail} ({why})"))
    out.sort(key=lambda x: x[0])
    return [f for _, f in out]
