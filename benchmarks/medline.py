"""MEDLINE (nbib): msccite reading and writing PubMed's format, beside rispy reading the same records as RIS.

    python benchmarks/medline.py --copies 200      # 200 x the 50 PubMed records = 10,000 records

No peer of the design card reads MEDLINE, so the reference is the fastest tagged-format reader we have:
rispy reading the same records as RIS (written by msccite). Each job runs in a fresh process; peak RSS
is VmHWM. Prints a Markdown table; ratio > 1 means msccite is faster than rispy on the RIS copy.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import msccite

PUBMED = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus" / "_baseline_pubmed.ris"

JOBS = {
    "rispy load (same records as RIS)": "import rispy\nwith open(R, encoding='utf-8') as f: n = len(rispy.load(f))",
    "msccite read MEDLINE": "import msccite\nn = sum(1 for _ in msccite.iter_records(P, 'medline'))",
    "msccite MEDLINE -> RIS": "from msccite.cli import main\nmain(['convert', P, '-t', 'ris', '--raw', '-q', '-o', "
                              "P + '.out.ris'])",
    "msccite MEDLINE -> MEDLINE": "from msccite.cli import main\nmain(['convert', P, '-t', 'medline', '--raw', '-q', "
                                  "'-o', P + '.out.nbib'])",
}  # fmt: skip

WRAPPER = (
    "import time\nP = {path!r}\nR = {ris!r}\nt = time.perf_counter()\n{body}\n"
    "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
    "print(time.perf_counter() - t, int(hwm) // 1024)\n"
)


def run(job: str, path: Path, ris: Path, repeat: int) -> tuple[float, int]:
    best, peak = float("inf"), 0
    for _ in range(repeat):
        code = WRAPPER.format(path=str(path), ris=str(ris), body=JOBS[job])
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        best, peak = min(best, float(out[-2])), max(peak, int(out[-1]))
    return best, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    text = PUBMED.read_text(encoding="utf-8")
    n = args.copies * len(msccite.loads(text, "medline"))
    with tempfile.TemporaryDirectory() as tmp:
        path, ris = Path(tmp) / "big.nbib", Path(tmp) / "big.ris"
        path.write_text(text * args.copies, encoding="utf-8")
        ris.write_text(msccite.dumps(msccite.loads(text, "medline"), "ris") * args.copies, encoding="utf-8")
        size = path.stat().st_size / 1e6
        results = {job: run(job, path, ris, args.repeat) for job in JOBS}
    print(f"{n} records, {size:.1f} MB of MEDLINE, best of {args.repeat}\n")
    print("| job | wall s | records/s | peak RSS MB | rispy time / this time |")
    print("|---|---|---|---|---|")
    base = results["rispy load (same records as RIS)"][0]
    for job, (secs, peak) in results.items():
        print(f"| {job} | {secs:.2f} | {n / secs:,.0f} | {peak} | {base / secs:.2f} |")


if __name__ == "__main__":
    main()
