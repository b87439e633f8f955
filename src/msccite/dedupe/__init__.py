"""De-duplication of a review's exports: ``msccite dedupe`` and :func:`dedupe`.

Records from several databases are compared (``match``: identifiers, blocking, a pairwise score), joined
into clusters of the same work (never two different DOIs, PMIDs or PMCIDs in one cluster), and each
cluster becomes one merged record (``merge``). Pairs the score cannot decide go to the reviewer, not into
a cluster. The counts are PRISMA's: records identified per source, duplicates removed, records kept.
The rules and the measured accuracy are in ``docs/dedupe.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Record
from .match import IDENTIFIERS, SAME, UNSURE, Keys, candidates, keys_of, score
from .merge import completeness, merge
from .studies import link

__all__ = ["dedupe", "Result", "Cluster", "Pair", "SAME", "UNSURE"]


@dataclass(frozen=True)
class Pair:
    """Two input records (indices), the score and the reason."""

    i: int
    j: int
    score: float
    reason: str


@dataclass
class Cluster:
    """The input records of one work (indices, the most complete first), how each joined, and the merged record."""

    members: list[int]
    merged: Record
    joins: dict[int, Pair] = field(default_factory=dict)  # member -> the pair that joined it


@dataclass
class Result:
    clusters: list[Cluster]
    uncertain: list[Pair]
    sources: list[dict[str, Any]]  # per input record: file, record (1-based in its file), format
    #: Per input record: a trial registration (a register's record), not a database's.
    registrations: list[bool] = field(default_factory=list)
    #: Per cluster: its study (``studies.link``: reports of one trial share a number).
    studies: list[int] = field(default_factory=list)

    @property
    def records(self) -> list[Record]:
        """One merged record per work, in input order of their first record."""
        return [c.merged for c in self.clusters]

    def counts(self) -> dict[str, Any]:
        """PRISMA 2020's numbers: records identified (in all, per file, from databases and from registers),
        duplicates removed, records kept (``unique``, the reports), studies, and the pairs left to the reviewer."""
        per_file: dict[str, int] = {}
        for s in self.sources:
            per_file[s["file"]] = per_file.get(s["file"], 0) + 1
        total = len(self.sources)
        registers = sum(self.registrations)
        return {"identified": total, "per_file": per_file, "from_databases": total - registers,
                "from_registers": registers, "duplicates_removed": total - len(self.clusters),
                "unique": len(self.clusters), "reports": len(self.clusters),
                "studies": len(set(self.studies)), "uncertain_pairs": len(self.uncertain)}  # fmt: skip


class _Sets:
    """Union-find over records, keeping each set's identifiers so that two different DOIs never join."""

    def __init__(self, keys: list[Keys]) -> None:
        self.parent = list(range(len(keys)))
        self.ids = [{var: {value} for var, value in k.ids.items()} for k in keys]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> bool:
        a, b = self.find(i), self.find(j)
        if a == b:
            return True
        ia, ib = self.ids[a], self.ids[b]
        if any(var in ia and var in ib and ia[var] != ib[var] for var in IDENTIFIERS):
            return False
        self.parent[b] = a
        for var, values in ib.items():
            ia.setdefault(var, set()).update(values)
        return True


def _ambiguous_cuts(pairs: list[Pair], keys: list[Keys]) -> list[Pair]:
    """A cut title (``Stem cells in knee repair: a trial of...``) that starts several different full titles
    could be any of those works: its pairs go to the reviewer instead of joining all of them into one."""
    fits: dict[int, set[str]] = {}
    for p in pairs:
        if p.score >= SAME and p.reason.startswith("truncated title"):
            cut, full = (p.i, p.j) if len(keys[p.i].title) <= len(keys[p.j].title) else (p.j, p.i)
            if not keys[full].cut:
                fits.setdefault(cut, set()).add(keys[full].title)
    ambiguous = {i for i, titles in fits.items() if len(titles) > 1}
    if not ambiguous:
        return pairs
    return [Pair(p.i, p.j, min(p.score, SAME - 0.01), p.reason + "; the cut title starts several titles")
            if p.reason.startswith("truncated title") and (p.i in ambiguous or p.j in ambiguous) else p
            for p in pairs]  # fmt: skip


def dedupe(records: Iterable[Record], sources: Sequence[dict[str, Any]] | None = None) -> Result:
    """Cluster ``records`` (normalized ones match best) into works, and merge each cluster.

    ``sources``: per record, where it came from (``{"file": ..., "record": n, "format": ...}``), kept in
    the merged record's ``custom["sources"]``; by default its position in the input.
    """
    recs = list(records)
    srcs = list(sources) if sources is not None else [{"file": "", "record": n + 1, "format": ""}
                                                         for n in range(len(recs))]  # fmt: skip
    keys = [keys_of(r) for r in recs]
    found: dict[tuple[int, int], Pair] = {}  # only the pairs that score: a run's memory stays near-linear
    for i, j in candidates(keys):
        if (i, j) not in found:
            s, why = score(keys[i], keys[j])
            if s >= UNSURE:
                found[i, j] = Pair(i, j, s, why)
    pairs = _ambiguous_cuts(list(found.values()), keys)
    pairs.sort(key=lambda p: (-p.score, p.i, p.j))
    sets = _Sets(keys)
    joined: dict[int, Pair] = {}
    uncertain = []
    for p in pairs:
        if p.score >= SAME and sets.join(p.i, p.j):
            joined.setdefault(p.j, p)
        elif sets.find(p.i) != sets.find(p.j):
            uncertain.append(p if p.score < SAME else Pair(p.i, p.j, p.score, p.reason + "; would join two "
                                                                           "different identifiers"))  # fmt: skip
    groups: dict[int, list[int]] = {}
    for i in range(len(recs)):
        groups.setdefault(sets.find(i), []).append(i)
    clusters = []
    for members in sorted(groups.values(), key=lambda m: m[0]):
        members.sort(key=lambda i: (tuple(-x for x in completeness(recs[i])), i))
        merged = merge([recs[i] for i in members], [srcs[i] for i in members])
        clusters.append(Cluster(members, merged, {i: joined[i] for i in members if i in joined}))
    uncertain = [p for p in uncertain if sets.find(p.i) != sets.find(p.j)]
    studies = link([c.merged for c in clusters])
    return Result(clusters, uncertain, srcs, [k.kind == "registration" for k in keys], studies)
