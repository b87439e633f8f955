"""``msccite dedupe`` without the records in memory: a review's whole search in little more than its keys.

Each record, as it is read, leaves its matching keys (:class:`~msccite.dedupe.match.Keys`) in memory and the
record itself in a temporary file (:class:`Spill`: its state pickled, given back whole). The clusters are found
from the keys alone; then each cluster's records are read back, merged and handed to the writer one at a time
(:meth:`Streamed.records`). The clusters, the merged records and their order are those of
:func:`msccite.dedupe.dedupe`.
"""

from __future__ import annotations

import pickle
import tempfile
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..model import Date, Name, Record, Source
from . import Cluster, Pair, Result, cluster, merged_cluster
from .match import keys_of
from .studies import link_ids, linkable

__all__ = ["Spill", "Sources", "Streamed", "dedupe_stream"]


class Spill:
    """Records kept in a temporary file (deleted when closed), read back by their number.

    A record is kept as its own state (type, id, variables, extras, custom, source and source keys), names and
    dates as tuples of their fields, pickled: what :meth:`Record.to_csl` would give back, at a third of the cost of
    CSL-JSON (whose reading rebuilds every value). The record it was normalized from (``original``) is not kept."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115  # closed by close()
        self._offsets = array("q")

    def add(self, rec: Record) -> None:
        self._offsets.append(self._file.tell())
        fields = []
        for key, value in rec.fields.items():
            if value.__class__ is list and value and value[0].__class__ is Name:
                fields.append((key, _NAMES, [n._values() for n in value]))
            elif value.__class__ is Date:
                fields.append((key, _DATE, value._values()))
            else:
                fields.append((key, _AS_IS, value))
        state = (rec.type, rec.id, fields, [tuple(e) for e in rec.extra], rec.custom,
                 None if rec.source is None else tuple(rec.source), rec.keys)  # fmt: skip
        self._file.write(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))

    def __len__(self) -> int:
        return len(self._offsets)

    def __getitem__(self, i: int) -> Record:
        self._file.seek(self._offsets[i])
        kind, ident, fields, extra, custom, source, keys = pickle.load(self._file)
        rec = Record(kind, ident, extra=extra, custom=custom, source=None if source is None else Source(*source),
                     keys=keys)  # fmt: skip
        values = rec.fields
        for key, how, value in fields:
            values[key] = value if how == _AS_IS else [Name(*n) for n in value] if how == _NAMES else Date(*value)
        return rec

    def close(self) -> None:
        self._file.close()


_AS_IS, _NAMES, _DATE = 0, 1, 2


class Sources(Sequence[dict[str, Any]]):
    """Where each record was read (``{"file", "record", "format"}``), held as three arrays of numbers: a search's
    records are many, its files and formats few."""

    def __init__(self) -> None:
        self._names: dict[str, int] = {}
        self._name_list: list[str] = []
        self._file, self._record, self._format = array("l"), array("q"), array("l")

    def _index(self, name: str) -> int:
        n = self._names.get(name)
        if n is None:
            n = self._names[name] = len(self._name_list)
            self._name_list.append(name)
        return n

    def append(self, src: dict[str, Any]) -> None:
        self._file.append(self._index(str(src["file"])))
        self._record.append(int(src["record"]))
        self._format.append(self._index(str(src["format"])))

    def __len__(self) -> int:
        return len(self._record)

    def __getitem__(self, i: int) -> dict[str, Any]:  # type: ignore[override]
        names = self._name_list
        return {"file": names[self._file[i]], "record": self._record[i], "format": names[self._format[i]]}

    def __iter__(self) -> Iterator[dict[str, Any]]:  # one loop, not a method call and an IndexError test a record
        names = self._name_list
        for f, r, fmt in zip(self._file, self._record, self._format, strict=True):
            yield {"file": names[f], "record": r, "format": names[fmt]}


class Streamed:
    """The clusters of a streamed run; :meth:`records` merges them (one at a time), :meth:`result` then gives
    what :func:`~msccite.dedupe.dedupe` gives, the clusters' merged records left out (``merged`` is None)."""

    def __init__(self, groups: list[list[int]], joined: dict[int, Pair], uncertain: list[Pair],
                 sources: Sources, registrations: list[bool], spill: Spill) -> None:  # fmt: skip
        self.groups, self.joined, self.uncertain = groups, joined, uncertain
        self.sources, self.registrations, self.spill = sources, registrations, spill
        self.clusters: list[Cluster] = []
        self.reports: list[tuple[str, str, str, Any]] = []  # per cluster: what write_studies needs
        self._links: list[list[str]] = []

    def records(self) -> Iterator[Record]:
        """The merged record of each cluster, in the order of their first record (read back from the spill)."""
        from .report import report_row

        for members in self.groups:
            c = merged_cluster(members, [self.spill[i] for i in members], self.sources, self.joined)
            self._links.append(linkable(c.merged))
            self.reports.append(report_row(c.merged))
            self.clusters.append(Cluster(c.members, None, c.joins))  # type: ignore[arg-type]
            yield c.merged

    def result(self) -> Result:
        """The run's result, once :meth:`records` has been read through."""
        result = Result(self.clusters, self.uncertain, self.sources, self.registrations,  # type: ignore[arg-type]
                        link_ids(self._links))
        result.reports = self.reports
        return result


def dedupe_stream(records: Iterable[tuple[Record, dict[str, Any]]]) -> Streamed:
    """Read ``(record, source)`` pairs through (``source``: ``{"file", "record", "format"}``), keeping only their
    keys and spilling the records, and find the clusters."""
    spill = Spill()
    keys, sources = [], Sources()
    for rec, src in records:
        keys.append(keys_of(rec))
        sources.append(src)
        spill.add(rec)
    registrations = [k.kind == "registration" for k in keys]
    groups, joined, uncertain = cluster(keys)
    del keys
    return Streamed(groups, joined, uncertain, sources, registrations, spill)
