"""Reading RIS: msccite against rispy on the same generated file (wall time, peak memory, ratio).

    python benchmarks/ris_read.py --records 10000

Generates a deterministic corpus of MSC-trial-like journal articles (~1.4 KB each), then runs, each in
a fresh process so peak RSS (VmHWM) is per job: rispy ``load``; msccite ``iter_records``; msccite
RIS -> CSL-JSON (``msccite convert -t csl-json --raw``). Prints a Markdown table; ratio > 1 means
msccite is faster. A fuller benchmark (BibTeX, pandoc, pybtex) comes with the performance issue.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

FAMILIES = ["Törnqvist Andrén", "van der Berg", "De Salvo", "Le Blanc", "Gómez-Barrena", "Vivarelli", "Iacobaeus",
            "Kadri", "Müller", "O'Brien", "Nuñez", "Łukasiewicz", "Farge", "Tarte", "Ruggenenti"]  # fmt: skip
GIVEN = ["Katarina", "Anton", "M.", "Enrique", "Zoë", "Jean-Luc", "S. A.", "Franco", "Ellen", "Dominique"]
WORDS = (
    "mesenchymal stromal cells bone marrow infusion phase trial safety efficacy graft versus host disease "
    "osteogenesis imperfecta multiple sclerosis nephrotic syndrome lupus umbilical cord adipose"
).split()


def make_corpus(path: Path, n: int, seed: int = 20261122) -> None:
    rnd = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            title = " ".join(rnd.choice(WORDS) for _ in range(12)).capitalize()
            lines = ["TY  - JOUR", f"TI  - {title}"]
            lines += [f"AU  - {rnd.choice(FAMILIES)}, {rnd.choice(GIVEN)}" for _ in range(rnd.randint(1, 12))]
            lines += [f"PY  - {rnd.randint(2000, 2025)}", "T2  - Journal of Clinical Medicine", "J2  - J Clin Med",
                      f"VL  - {rnd.randint(1, 40)}", f"IS  - {rnd.randint(1, 12)}", f"SP  - {rnd.randint(1, 900)}",
                      f"EP  - {rnd.randint(901, 999)}", "SN  - 2077-0383", f"DO  - 10.3390/jcm{i:07d}",
                      "AB  - " + " ".join(rnd.choice(WORDS) for _ in range(140))]  # fmt: skip
            lines += [f"KW  - {rnd.choice(WORDS)}" for _ in range(rnd.randint(3, 8))]
            out.write("\n".join(lines) + "\nER  - \n\n")


JOBS = {
    "rispy load": "import rispy\nwith open(P, encoding='utf-8') as f: n = len(rispy.load(f))",
    "msccite iter_records": "import msccite\nn = sum(1 for _ in msccite.iter_records(P))",
    "msccite RIS -> CSL-JSON": (
        "from msccite.cli import main\nmain(['convert', P, '-t', 'csl-json', '--raw', '-o', P + '.json'])\nn = 0"
    ),
}  # fmt: skip

WRAPPER = (
    "import time\nP = {path!r}\nt = time.perf_counter()\n{body}\n"
    "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
    "print(time.perf_counter() - t, int(hwm) // 1024)\n"
)


def run(job: str, path: Path, repeat: int) -> tuple[float, int]:
    best, peak = float("inf"), 0
    for _ in range(repeat):
        code = WRAPPER.format(path=str(path), body=JOBS[job])
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        best, peak = min(best, float(out[0])), max(peak, int(out[1]))
    return best, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.ris"
        make_corpus(path, args.records)
        size = path.stat().st_size / 1e6
        results = {job: run(job, path, args.repeat) for job in JOBS}
    print(f"{args.records} records, {size:.1f} MB, best of {args.repeat}\n")
    print("| job | wall s | records/s | peak RSS MB | rispy time / this time |")
    print("|---|---|---|---|---|")
    for job, (secs, peak) in results.items():
        ratio = results["rispy load"][0] / secs
        print(f"| {job} | {secs:.2f} | {args.records / secs:,.0f} | {peak} | {ratio:.2f} |")


if __name__ == "__main__":
    main()
