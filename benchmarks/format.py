"""Formatting: ``msccite.format`` against pandoc's citeproc alone, on the same references.

    python benchmarks/format.py                      # 1,000 Vancouver references, best of 3
    python benchmarks/format.py --records 3000 --style apa --repeat 1

The references are the seeds (``seeds/*.txt``) and the RIS corpus (``tests/data/corpus/*.ris``), read once with
``normalize=True`` (not timed), repeated until there are ``--records`` of them (msccite's CSL-JSON writer gives the
repeats ids of their own). Two things are timed, best of ``--repeat``:

- ``msccite.format(records, style)``: the CSL-JSON written (``msccite.dumps``), prepared for the processor, one
  pandoc run (citeproc, the Lua filter that marks the entries), the output cut into entries and joined;
- pandoc's citeproc alone: ``pandoc --citeproc --csl STYLE --bibliography refs.json -t plain`` on a document with
  ``nocite: "@*"``, the CSL-JSON written beforehand (``msccite.dumps(records, "csl-json")``, not timed).

Times are CPU time: this process's and its children's (pandoc's), from ``os.times``, so that other processes on the
machine count less; the wall time is printed too. Prints both and the ratio of the CPU times; the goal is
``msccite.format`` in at most twice pandoc's time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import msccite
from msccite.styles import engine, resolve

ROOT = Path(__file__).resolve().parent.parent
GOAL = 2.0


def corpus(n: int) -> list[msccite.Record]:
    """``n`` records: the seeds and the RIS corpus, normalized, repeated."""
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "corpus").glob("*.ris"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        base = [rec for path in files for rec in msccite.read(path, errors="collect", normalize=True)]
    return [base[i % len(base)] for i in range(n)]


def cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def best(run, repeat: int) -> tuple[float, float, object]:
    """The least CPU time and the least wall time of ``repeat`` runs, and the last result."""
    cpus, walls, result = [], [], None
    for _ in range(repeat):
        start, wall = cpu(), time.perf_counter()
        result = run()
        walls.append(time.perf_counter() - wall)
        cpus.append(cpu() - start)
    return min(cpus), min(walls), result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=1000)
    ap.add_argument("--style", default="vancouver")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    records = corpus(args.records)
    style = resolve(args.style)
    pandoc = engine.pandoc_path()
    ours, ours_wall, text = best(lambda: msccite.format(records, style), args.repeat)
    with tempfile.TemporaryDirectory(prefix="msccite-bench-format-") as tmp:
        refs, doc = Path(tmp, "refs.json"), Path(tmp, "doc.md")
        refs.write_text(msccite.dumps(records, "csl-json"), encoding="utf-8")
        doc.write_text('---\nnocite: "@*"\n---\n', encoding="utf-8")
        cmd = [pandoc, str(doc), "--citeproc", "--csl", str(style), "--bibliography", str(refs), "-t", "plain",
               "--wrap=none"]  # fmt: skip
        alone, alone_wall, proc = best(lambda: subprocess.run(cmd, capture_output=True, check=True), args.repeat)
    entries = str(text).count("\n\n") + 1
    pandoc_entries = proc.stdout.decode().count("\n\n") + 1  # type: ignore[attr-defined]
    ratio = ours / alone
    print(f"{args.records} references, {style.stem}: {entries} entries by msccite.format, {pandoc_entries} by pandoc")
    print("                          CPU s   wall s")
    print(f"msccite.format            {ours:5.2f}   {ours_wall:6.2f}")
    print(f"pandoc's citeproc alone   {alone:5.2f}   {alone_wall:6.2f}")
    print(f"ratio                     {ratio:5.2f}   {ours_wall / alone_wall:6.2f}   (goal: CPU at most {GOAL:.0f})")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
