"""msccite against its peers, side by side in one run: wall time, records/s, peak RSS and the ratio to msccite.

    python benchmarks/compare.py --sizes 10000,100000     # the figures of docs/performance.md
    python benchmarks/compare.py --quick --only msccite   # 1,000 records, msccite alone (CI smoke run)

Generates the corpus of ``_common.py`` (seeded: the same bytes on every machine) as RIS and BibTeX for
each size, then runs every job in a fresh process (``_common.measure``: wall time including start-up,
peak RSS of that process) and prints one Markdown table per size, grouped by task:

- RIS -> BibTeX: ``msccite convert X.ris -o out.bib`` (normalization on, the default) against rispy
  ``load`` + bibtexparser v2 ``write_file`` and pandoc ``-f ris -t bibtex``;
- BibTeX -> CSL-JSON: ``msccite convert X.bib -o out.json`` against bibtexparser v2 ``parse_file`` alone,
  pybtex ``parse_file`` and pandoc ``-f bibtex -t csljson``;
- read RIS: ``msccite.iter_records`` against rispy ``load``;
- start-up: ``msccite --help`` and a one-record conversion (best of 5).

``ratio`` is the job's time divided by msccite's time for the same task (> 1: msccite is faster).
With two sizes or more, a last table gives the linearity ratio t(largest) / t(smallest) per job.
Peers that are not installed are skipped with a note; pandoc (slow) runs once per size, and only up to
--pandoc-max records.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (  # noqa: E402
    BIBTEXPARSER,
    PYBTEX,
    RISPY_BIBTEXPARSER,
    JobFailed,
    best_of,
    make_bibtex,
    make_corpus,
    markdown_table,
    python_cmd,
)

MSCCITE = [sys.executable, "-m", "msccite"]
FLOOR = [sys.executable, str(Path(__file__).resolve().parent / "floor.py")]

RISPY = "import sys, rispy\nwith open(sys.argv[1], encoding='utf-8') as f: n = len(rispy.load(f))"
ITER = "import sys, msccite\nn = sum(1 for _ in msccite.iter_records(sys.argv[1]))"


@dataclass
class Files:
    ris: Path
    bib: Path
    one: Path  # a one-record RIS file, for start-up
    out: Path  # a folder for outputs


@dataclass
class Job:
    task: str
    name: str
    command: Callable[[Files], list[str]]
    ours: bool = False
    needs: str = ""  # a module (or "pandoc") that must be installed
    repeat: int = 0  # 0: --repeat
    per_record: bool = True  # records/s makes sense (not for start-up)


def _pandoc() -> str | None:
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        return shutil.which("pandoc")


def _convert_jobs(task: str, source: Callable[[Files], Path], ext: str) -> list[Job]:
    """``msccite convert`` of the task's input with --jobs 1 (the row the ratios are read against) and 2,
    normalized and --raw."""
    out = []
    for raw in (False, True):
        for n in (1, 2):
            flags = (["--raw"] if raw else []) + ["--jobs", str(n)]
            name = f"out{'r' if raw else ''}{n}.{ext}"
            out.append(Job(task, "msccite convert " + " ".join(flags),
                           lambda f, flags=flags, name=name: [*MSCCITE, "convert", str(source(f)), "-o",
                                                              str(f.out / name), *flags],
                           ours=not raw and n == 1))  # fmt: skip
    return out


def jobs() -> list[Job]:
    pandoc = _pandoc() or "pandoc"
    out = [
        *_convert_jobs("RIS -> BibTeX", lambda f: f.ris, "bib"),
        Job("RIS -> BibTeX", "rispy load + bibtexparser v2 write",
            lambda f: [*python_cmd(RISPY_BIBTEXPARSER), str(f.ris), str(f.out / "b.bib")], needs="rispy+bibtexparser"),
        Job("RIS -> BibTeX", "pandoc -f ris -t bibtex",
            lambda f: [pandoc, "-f", "ris", "-t", "bibtex", str(f.ris), "-o", str(f.out / "c.bib")],
            needs="pandoc", repeat=1),
        Job("RIS -> BibTeX", "pure-Python floor (copies values, no escaping)",
            lambda f: [*FLOOR, "ris-bibtex", str(f.ris), str(f.out / "d.bib")]),
        *_convert_jobs("BibTeX -> CSL-JSON", lambda f: f.bib, "json"),
        Job("BibTeX -> CSL-JSON", "bibtexparser v2 parse_file (read only)",
            lambda f: [*python_cmd(BIBTEXPARSER), str(f.bib)], needs="bibtexparser"),
        Job("BibTeX -> CSL-JSON", "pybtex parse_file (read only)", lambda f: [*python_cmd(PYBTEX), str(f.bib)],
            needs="pybtex"),
        Job("BibTeX -> CSL-JSON", "pandoc -f bibtex -t csljson",
            lambda f: [pandoc, "-f", "bibtex", "-t", "csljson", str(f.bib), "-o", str(f.out / "c.json")],
            needs="pandoc", repeat=1),
        Job("BibTeX -> CSL-JSON", "pure-Python floor (two regexes + json.dumps)",
            lambda f: [*FLOOR, "bibtex-json", str(f.bib), str(f.out / "d.json")]),
        Job("read RIS", "msccite iter_records", lambda f: [*python_cmd(ITER), str(f.ris)], ours=True),
        Job("read RIS", "rispy load", lambda f: [*python_cmd(RISPY), str(f.ris)], needs="rispy"),
        Job("start-up", "msccite --help", lambda f: [*MSCCITE, "--help"], repeat=5, per_record=False),
        Job("start-up", "msccite convert (1 record)",
            lambda f: [*MSCCITE, "convert", str(f.one), "-o", str(f.out / "one.bib")], repeat=5, per_record=False),
        Job("start-up", "python -c pass (reference)", lambda f: [sys.executable, "-c", "pass"], repeat=5,
            per_record=False),
    ]  # fmt: skip
    return out


def installed(needs: str) -> bool:
    if not needs:
        return True
    if needs == "pandoc":
        return _pandoc() is not None
    return all(importlib.util.find_spec(m) is not None for m in needs.split("+"))


def version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def machine() -> str:
    """One line: cores, Python, peer versions, date and load, for the docs."""
    pandoc = _pandoc()
    pv = "not installed"
    if pandoc:
        first = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.split("\n", 1)[0]
        pv = first.split()[-1] if first else "?"
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    peers = ", ".join(f"{d} {version(d)}" for d in ("msccite", "rispy", "bibtexparser", "pybtex"))
    return (f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, {peers}, pandoc {pv}; "
            f"{datetime.date.today().isoformat()}; load average before the run {load}")  # fmt: skip


def run_size(n: int, selected: list[Job], repeat: int, pandoc_max: int, tmp: Path,
             startup: bool) -> dict[str, tuple[float, float]]:  # fmt: skip
    files = Files(tmp / f"corpus{n}.ris", tmp / f"corpus{n}.bib", tmp / "one.ris", tmp / f"out{n}")
    files.out.mkdir(exist_ok=True)
    make_corpus(files.ris, n)
    make_bibtex(files.bib, n)
    make_corpus(files.one, 1)
    sizes = f"RIS {files.ris.stat().st_size / 1e6:.1f} MB, BibTeX {files.bib.stat().st_size / 1e6:.1f} MB"
    results: dict[str, tuple[float, float]] = {}
    notes: list[str] = []
    for job in selected:
        key = f"{job.task}: {job.name}"
        if job.task == "start-up" and not startup:
            continue  # start-up does not depend on the size: measured once, with the largest corpus
        if job.needs == "pandoc" and n > pandoc_max:
            notes.append(f"{job.name}: not run above {pandoc_max:,} records (--pandoc-max)")
            continue
        try:
            results[key] = best_of(job.command(files), job.repeat or repeat)
        except JobFailed as exc:
            notes.append(f"{job.name}: failed ({exc})")
    print(f"\n## {n:,} records ({sizes}), best of {repeat} (start-up: best of 5; pandoc: one run)\n")
    rows = []
    for job in selected:
        key = f"{job.task}: {job.name}"
        if key not in results:
            continue
        secs, peak = results[key]
        ours = next((results.get(f"{j.task}: {j.name}") for j in selected if j.ours and j.task == job.task), None)
        ratio = f"{secs / ours[0]:.2f}" if ours else ""
        rate = f"{n / secs:,.0f}" if job.per_record else ""
        rows.append([job.task, job.name, f"{secs:.2f}", rate, f"{peak:.0f}", ratio])
    print(markdown_table(["task", "job", "wall s", "records/s", "peak RSS MB", "ratio (time / msccite time)"], rows))
    for note in notes:
        print(f"\n- {note}")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated record counts")
    parser.add_argument("--quick", action="store_true", help="1,000 records, one run each (CI smoke use)")
    parser.add_argument("--only", help="run only jobs whose name contains this text (e.g. msccite)")
    parser.add_argument("--repeat", type=int, help="runs per job, the best kept (default: 3 up to 10k records, else 1)")
    parser.add_argument("--pandoc-max", type=int, default=10_000, help="largest size pandoc runs at")
    args = parser.parse_args(argv)
    sizes = [1000] if args.quick else [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    selected = [j for j in jobs() if not args.only or args.only.lower() in j.name.lower()]
    skipped = [j for j in selected if not installed(j.needs)]
    selected = [j for j in selected if installed(j.needs)]
    print(f"# msccite benchmark\n\n{machine()}")
    for j in skipped:
        print(f"\n- skipped (not installed: {j.needs}): {j.name}")
    all_results: dict[int, dict[str, tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="msccite-bench-") as tmp:
        for n in sizes:
            repeat = args.repeat or (1 if args.quick or n > 10_000 else 3)
            all_results[n] = run_size(n, selected, repeat, args.pandoc_max, Path(tmp), n == max(sizes))
    if len(sizes) > 1:
        small, large = min(sizes), max(sizes)
        rows = [[key, f"{all_results[small][key][0]:.2f}", f"{all_results[large][key][0]:.2f}",
                 f"{all_results[large][key][0] / all_results[small][key][0]:.1f}"]
                for key in all_results[small] if key in all_results[large]]  # fmt: skip
        print(f"\n## Linearity: {large // small}x the records\n")
        print(markdown_table(["job", f"t({small:,}) s", f"t({large:,}) s", "t(large) / t(small)"], rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
