"""Reading RIS: msccite against rispy on the same generated file (wall time, peak memory, ratio).

    python benchmarks/ris_read.py --records 10000

Runs, each in a fresh process (``_common.measure``): rispy ``load``; msccite ``iter_records``;
msccite RIS -> CSL-JSON (``msccite convert -t csl-json --raw``). Prints a Markdown table; ratio > 1
means msccite is faster. ``compare.py`` is the full benchmark (BibTeX, pandoc, pybtex, start-up).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import best_of, make_corpus, markdown_table, python_cmd  # noqa: E402

JOBS = {
    "rispy load": "import sys, rispy\nwith open(sys.argv[1], encoding='utf-8') as f: n = len(rispy.load(f))",
    "msccite iter_records": "import sys, msccite\nn = sum(1 for _ in msccite.iter_records(sys.argv[1]))",
    "msccite RIS -> CSL-JSON": "import sys\nfrom msccite.cli import main\n"
                               "main(['convert', sys.argv[1], '-t', 'csl-json', '--raw', '-o', sys.argv[1] + '.json'])",
}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.ris"
        make_corpus(path, args.records)
        size = path.stat().st_size / 1e6
        results = {job: best_of([*python_cmd(code), str(path)], args.repeat) for job, code in JOBS.items()}
    print(f"{args.records} records, {size:.1f} MB, best of {args.repeat}\n")
    base = results["rispy load"][0]
    rows = [[job, f"{secs:.2f}", f"{args.records / secs:,.0f}", f"{peak:.0f}", f"{base / secs:.2f}"]
            for job, (secs, peak) in results.items()]  # fmt: skip
    print(markdown_table(["job", "wall s", "records/s", "peak RSS MB", "rispy time / this time"], rows))


if __name__ == "__main__":
    main()
