"""What ``msccite dedupe`` writes besides the merged records: the clusters, the uncertain pairs, PRISMA's counts."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import IO, Any

from ..formats.tables.parse import safe_cell
from ..model import Record
from . import Result
from .keys import is_registration
from .studies import registrations

__all__ = ["write_clusters", "write_uncertain", "write_studies", "report_row", "summary", "safe_cell"]

class _SafeWriter:
    """A CSV writer (quoting and escaping by the csv module) whose cells are made safe for spreadsheets."""

    def __init__(self, out: IO[str]) -> None:
        self._w = csv.writer(out, lineterminator="\n")

    def writerow(self, row: Iterable[Any]) -> None:
        self._w.writerow([safe_cell(v) for v in row])


def write_clusters(result: Result, out: IO[str]) -> None:
    """One row per input record: ``cluster,file,record,format,kept,score,reason`` (``kept``: the record the
    merged one was built on; ``score``/``reason``: the match that joined it to its cluster)."""
    w = _SafeWriter(out)
    w.writerow(["cluster", "file", "record", "format", "kept", "score", "reason"])
    rows = []
    for n, cluster in enumerate(result.clusters, 1):
        for pos, i in enumerate(cluster.members):
            src = result.sources[i]
            join = cluster.joins.get(i)
            rows.append((i, [n, src["file"], src["record"], src["format"], "yes" if pos == 0 else "no",
                             f"{join.score:.3f}" if join else "", join.reason if join else ""]))  # fmt: skip
    for _, row in sorted(rows, key=lambda r: r[0]):  # in input order
        w.writerow(row)


def write_uncertain(result: Result, records: Sequence[Record], out: IO[str]) -> None:
    """The pairs the score could not decide, for the reviewer: both records' place, title and year."""
    w = _SafeWriter(out)
    w.writerow(["score", "reason", "file_1", "record_1", "title_1", "year_1",
                "file_2", "record_2", "title_2", "year_2"])  # fmt: skip
    for p in result.uncertain:
        a, b = result.sources[p.i], result.sources[p.j]
        w.writerow([f"{p.score:.3f}", p.reason,
                    a["file"], a["record"], records[p.i].get("title", ""), records[p.i].year or "",
                    b["file"], b["record"], records[p.j].get("title", ""), records[p.j].year or ""])  # fmt: skip


def write_studies(result: Result, out: IO[str]) -> None:
    """One row per output record (a report: a paper, or a registration), in output order:
    ``study,file,record,type,registrations,title,year`` (``file``/``record``: where its kept record was read;
    ``registrations``: the registration IDs it names, ``; `` between them)."""
    w = _SafeWriter(out)
    w.writerow(["study", "file", "record", "type", "registrations", "title", "year"])
    rows = result.reports or [report_row(c.merged) for c in result.clusters]
    for cluster, study, row in zip(result.clusters, result.studies, rows, strict=True):
        src = result.sources[cluster.members[0]]
        w.writerow([study, src["file"], src["record"], *row])


def report_row(rec: Record) -> tuple[str, str, str, Any]:
    """What the studies table says of a merged record: ``registration`` or ``report``, its registration IDs,
    its title and year."""
    kind = "registration" if is_registration(rec) else "report"
    return kind, "; ".join(registrations(rec)), rec.get("title", ""), rec.year or ""


def summary(result: Result) -> list[str]:
    """PRISMA 2020's identification numbers, one line each."""
    c = result.counts()
    lines = [f"records identified: {c['identified']}"]
    if c["from_registers"]:
        lines += [f"  from databases: {c['from_databases']}", f"  from registers: {c['from_registers']}"]
    lines += [f"  {name}: {n}" for name, n in c["per_file"].items()]
    lines += [f"duplicates removed: {c['duplicates_removed']}", f"unique records: {c['unique']}"]
    if c["studies"] != c["reports"]:
        lines.append(f"studies: {c['studies']} (reports of one trial linked by its registration IDs)")
    if c["uncertain_pairs"]:
        lines.append(f"uncertain pairs (not merged, for the reviewer): {c['uncertain_pairs']}")
    return lines
