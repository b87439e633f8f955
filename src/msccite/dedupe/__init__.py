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

__all__ = ["dedupe", "cluster", "merged_cluster", "Result", "Cluster", "Pair", "SAME", "UNSURE"]


@dataclass(frozen=True, slots=True)  # a run holds one for every duplicate
class Pair:
    """Two input records (indices), the score and the reason."""

    i: int
    j: int
    score: float
    reason: str


@dataclass
class Cluster:
    """The input records of one work (indices, the most complete first), how each joined, and the merged record
    (None in ``msccite dedupe``'s streamed run, which writes it and lets it go)."""

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
    #: Per cluster, when its merged record is not kept (``msccite dedupe``): ``report.report_row`` of it.
    reports: list[tuple[str, str, str, Any]] = field(default_factory=list)

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
    """Union-find over records, keeping each set's identifiers so that two different DOIs never join (a set's
    identifiers are its first record's until another joins it: a run holds few sets of its own)."""

    def __init__(self, keys: list[Keys]) -> None:
        self.parent = list(range(len(keys)))
        self.keys = keys
        self.ids: dict[int, dict[str, set[str]]] = {}  # root -> the identifiers of its set, once it has two records

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def _ids(self, root: int) -> dict[str, set[str]]:
        ids = self.ids.get(root)
        return ids if ids is not None else {var: {value} for var, value in self.keys[root].ids.items()}

    def join(self, i: int, j: int) -> bool:
        a, b = self.find(i), self.find(j)
        if a == b:
            return True
        ia, ib = self._ids(a), self._ids(b)
        if any(var in ia and var in ib and ia[var] != ib[var] for var in IDENTIFIERS):
            return False
        self.parent[b] = a
        for var, values in ib.items():
            ia.setdefault(var, set()).update(values)
        self.ids[a] = ia
        self.ids.pop(b, None)
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


def cluster(keys: list[Keys]) -> tuple[list[list[int]], dict[int, Pair], list[Pair]]:
    """The records' clusters (each its members in input order, the clusters in order of their first member), the
    pair that joined each record that was joined, and the pairs left to the reviewer."""
    found: dict[tuple[int, int], Pair] = {}  # only the pairs that score: a run's memory stays near-linear
    for i, j in candidates(keys):
        if (i, j) not in found:
            s, why = score(keys[i], keys[j], UNSURE)
            if s >= UNSURE:
                found[i, j] = Pair(i, j, s, why)
    pairs = _ambiguous_cuts(list(found.values()), keys)
    del found
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
    for i in range(len(keys)):
        groups.setdefault(sets.find(i), []).append(i)
    uncertain = [p for p in uncertain if sets.find(p.i) != sets.find(p.j)]
    return sorted(groups.values(), key=lambda m: m[0]), joined, uncertain


def merged_cluster(members: list[int], records: list[Record], sources: Sequence[dict[str, Any]],
                   joined: dict[int, Pair]) -> Cluster:  # fmt: skip
    """The cluster of ``members`` (``records``: theirs, in the same order), the most complete first, merged."""
    order = sorted(range(len(members)), key=lambda n: (tuple(-x for x in completeness(records[n])), members[n]))
    ranked = [members[n] for n in order]
    merged = merge([records[n] for n in order], [sources[i] for i in ranked])
    return Cluster(ranked, merged, {i: joined[i] for i in ranked if i in joined})


def dedupe(records: Iterable[Record], sources: Sequence[dict[str, Any]] | None = None) -> Result:
    """Cluster ``records`` (normalized ones match best) into works, and merge each cluster.

    ``sources``: per record, where it came from (``{"file": ..., "record": n, "format": ...}``), kept in
    the merged record's ``custom["sources"]``; by default its position in the input. (``msccite dedupe`` keeps
    no record in memory: :mod:`msccite.dedupe.stream`.)
    """
    recs = list(records)
    srcs = list(sources) if sources is not None else [{"file": "", "record": n + 1, "format": ""}
                                                         for n in range(len(recs))]  # fmt: skip
    keys = [keys_of(r) for r in recs]
    registrations = [k.kind == "registration" for k in keys]
    groups, joined, uncertain = cluster(keys)
    clusters = [merged_cluster(members, [recs[i] for i in members], srcs, joined) for members in groups]
    studies = link([c.merged for c in clusters])
    return Result(clusters, uncertain, srcs, registrations, studies)
