"""Normalization alone: µs per record, in total and per step, on the benchmark corpus, and a digest of the result.

    python benchmarks/normalize.py                   # 10,000 records, best of 3
    python benchmarks/normalize.py --records 2000 --profile

Generates the corpus of ``_common.py`` as RIS, reads it once with msccite (not timed), then times
:func:`msccite.normalization.normalize` over all records (the copy of each record included), and each
step function of the pipeline over the same records as the pipeline gives them to it (the records after
the steps before it; the copies each run needs are made outside the timing). Every run starts with the
bounded memo caches (``lru_cache`` with a ``maxsize``) of msccite empty, as in a fresh ``msccite convert``;
the journal table and its indexes (unbounded caches: loaded once per process) are loaded by a warm-up run.
Times are the process's CPU time (``time.process_time``), so that other processes on the machine count less.

The digest is the sha256 of the normalized records' CSL-JSON (``json.dumps(..., sort_keys=True)``): a
change that makes normalization faster must leave it as it was.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import hashlib
import json
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import make_corpus  # noqa: E402

import msccite  # noqa: E402
from msccite.model import Record  # noqa: E402
from msccite.normalization import (  # noqa: E402
    abstracts,
    dates,
    identifiers,
    journals,
    keywords,
    language,
    names,
    normalize,
    pages,
    text,
    titles,
)


def _copy(rec: Record) -> None:
    """What normalize() does before its steps (here only to time it: the copy is thrown away)."""
    out = rec.copy()
    out.original = rec.original or rec


#: The pipeline of normalize(), in its order (sentence_case off, the default).
STEPS: list[tuple[str, Callable[[Record], None]]] = [
    ("copy", _copy),
    ("whitespace", text.normalize_whitespace),
    ("names", names.normalize_names),
    ("identifiers", identifiers.normalize_identifiers),
    ("journals", journals.normalize_journal),
    ("pages", pages.normalize_pages),
    ("dates", dates.normalize_dates),
    ("titles", titles.normalize_titles),
    ("keywords", keywords.normalize_keywords),
    ("language", language.normalize_language),
    ("abstracts", functools.partial(abstracts.normalize_abstract, tidied=True)),
]


def clear_memo_caches() -> None:
    """Empty every bounded ``lru_cache`` of msccite's modules (the unbounded ones hold the journal table)."""
    for name, module in list(sys.modules.items()):
        if not (name == "msccite" or name.startswith("msccite.")):
            continue
        for obj in list(vars(module).values()):
            if hasattr(obj, "cache_clear") and hasattr(obj, "cache_info") and obj.cache_info().maxsize is not None:
                obj.cache_clear()


def timed(fn: Callable[[Record], object], records: list[Record]) -> float:
    clear_memo_caches()
    start = time.process_time()
    for rec in records:
        fn(rec)
    return time.process_time() - start


def digest(normalized: list[Record]) -> str:
    items = [r.to_csl() for r in normalized]
    return hashlib.sha256(json.dumps(items, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", "-n", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing, the best kept")
    parser.add_argument("--profile", action="store_true", help="also run cProfile, print the top 25 by cumulative")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="msccite-norm-") as tmp:
        path = Path(tmp) / "corpus.ris"
        make_corpus(path, args.records)
        records = list(msccite.read(path))
    n = len(records)
    for rec in records[:50]:
        normalize(rec)  # warm-up: the journal table and its indexes are loaded once per process

    total = min(timed(normalize, records) for _ in range(args.repeat))
    per_step: list[tuple[str, float]] = []
    state = records
    for name, step in STEPS:
        best = float("inf")
        work = state
        for _ in range(args.repeat):
            work = [r.copy() for r in state] if name != "copy" else state  # fresh inputs, made outside the timing
            best = min(best, timed(step, work))
        per_step.append((name, best))
        state = work  # the records as the next step receives them

    print(f"{n:,} records, best of {args.repeat}, memo caches emptied before each run\n")
    print(f"{'normalize (total)':<20} {total / n * 1e6:8.1f} µs/record")
    for name, secs in per_step:
        print(f"  {name:<18} {secs / n * 1e6:8.1f} µs/record")
    print(f"  {'(sum of steps)':<18} {sum(s for _, s in per_step) / n * 1e6:8.1f} µs/record")
    result = digest([normalize(r) for r in records])
    if digest(state) != result:  # the steps timed one by one must be the pipeline normalize() runs
        raise SystemExit("the steps one by one do not give what normalize() gives: update STEPS")
    print(f"\ndigest {result}")

    if args.profile:
        clear_memo_caches()
        profiler = cProfile.Profile()
        profiler.enable()
        for rec in records:
            normalize(rec)
        profiler.disable()
        print()
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
