"""Reading BibTeX and converting RIS to BibTeX: msccite against bibtexparser v2, pybtex and pandoc.

    python benchmarks/bibtex.py --records 5000

Builds the deterministic RIS corpus of ``ris_read.py``, writes it once as BibTeX with msccite, then
times each job in a fresh process (best of --repeat; peak RSS from VmHWM). Prints a Markdown table;
the ratio column is the peer's time divided by msccite's reading time (> 1: msccite is faster).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from ris_read import WRAPPER, make_corpus  # noqa: E402

JOBS = {
    "msccite read .bib": "import msccite\nn = sum(1 for _ in msccite.iter_records(B))",
    "bibtexparser v2 parse_file": "import bibtexparser\nn = len(bibtexparser.parse_file(B).entries)",
    "pybtex parse_file": "from pybtex.database import parse_file\nn = len(parse_file(B).entries)",
    "pandoc bibtex -> csljson": (
        "import pypandoc, subprocess\n"
        "subprocess.run([pypandoc.get_pandoc_path(), '-f', 'bibtex', '-t', 'csljson', B, '-o', B + '.json'], check=True)"
    ),
    "msccite RIS -> BibTeX": (
        "from msccite.cli import main\nmain(['convert', P, '-t', 'bibtex', '--raw', '-o', P + '.bib'])"
    ),
}  # fmt: skip


def run(job: str, ris: Path, bib: Path, repeat: int) -> tuple[float, int]:
    best, peak = float("inf"), 0
    for _ in range(repeat):
        body = f"B = {str(bib)!r}\n" + JOBS[job]
        code = WRAPPER.format(path=str(ris), body=body)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        best, peak = min(best, float(out[0])), max(peak, int(out[1]))
    return best, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    import msccite

    with tempfile.TemporaryDirectory() as tmp:
        ris, bib = Path(tmp) / "corpus.ris", Path(tmp) / "corpus.bib"
        make_corpus(ris, args.records)
        msccite.write(msccite.iter_records(ris), bib, "bibtex")
        size = bib.stat().st_size / 1e6
        results = {job: run(job, ris, bib, args.repeat) for job in JOBS}
    print(f"{args.records} records, {size:.1f} MB of BibTeX, best of {args.repeat}\n")
    print("| job | wall s | records/s | peak RSS MB | this time / msccite read time |")
    print("|---|---|---|---|---|")
    ours = results["msccite read .bib"][0]
    for job, (secs, peak) in results.items():
        print(f"| {job} | {secs:.2f} | {args.records / secs:,.0f} | {peak} | {secs / ours:.2f} |")


if __name__ == "__main__":
    main()
