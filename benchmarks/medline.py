"""MEDLINE (nbib): msccite reading and writing PubMed's format, beside rispy reading the same records as RIS.

    python benchmarks/medline.py --copies 200      # 200 x the 50 PubMed records = 10,000 records

No peer of the design card reads MEDLINE, so the reference is the fastest tagged-format reader we have:
rispy reading the same records as RIS (written by msccite). Each job runs in a fresh process; peak RSS
is that process's (``_common.measure``). Prints a Markdown table; ratio > 1 means msccite is faster than
rispy on the RIS copy.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import msccite

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import best_of, markdown_table, python_cmd  # noqa: E402

PUBMED = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus" / "_baseline_pubmed.ris"

# Each job gets the MEDLINE file as argv[1] and the same records as RIS as argv[2].
JOBS = {
    "rispy load (same records as RIS)": "import sys, rispy\nwith open(sys.argv[2], encoding='utf-8') as f: "
                                        "n = len(rispy.load(f))",
    "msccite read MEDLINE": "import sys, msccite\nn = sum(1 for _ in msccite.iter_records(sys.argv[1], 'medline'))",
    "msccite MEDLINE -> RIS": "import sys\nfrom msccite.cli import main\nmain(['convert', sys.argv[1], '-t', 'ris', "
                              "'--raw', '-q', '-o', sys.argv[1] + '.out.ris'])",
    "msccite MEDLINE -> MEDLINE": "import sys\nfrom msccite.cli import main\nmain(['convert', sys.argv[1], '-t', "
                                  "'medline', '--raw', '-q', '-o', sys.argv[1] + '.out.nbib'])",
}  # fmt: skip


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
        results = {job: best_of([*python_cmd(code), str(path), str(ris)], args.repeat) for job, code in JOBS.items()}
    print(f"{n} records, {size:.1f} MB of MEDLINE, best of {args.repeat}\n")
    base = results["rispy load (same records as RIS)"][0]
    rows = [[job, f"{secs:.2f}", f"{n / secs:,.0f}", f"{peak:.0f}", f"{base / secs:.2f}"]
            for job, (secs, peak) in results.items()]  # fmt: skip
    print(markdown_table(["job", "wall s", "records/s", "peak RSS MB", "rispy time / this time"], rows))


if __name__ == "__main__":
    main()
