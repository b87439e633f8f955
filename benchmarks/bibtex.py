"""Reading BibTeX and converting RIS to BibTeX: msccite against bibtexparser v2, pybtex and pandoc.

    python benchmarks/bibtex.py --records 5000

Generates the corpus of ``_common.py`` as RIS and as BibTeX, then times each job in a fresh process
(best of --repeat; ``_common.measure``). Prints a Markdown table; the ratio column is the job's time
divided by msccite's reading time (> 1: msccite is faster). ``compare.py`` is the full benchmark.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import best_of, make_bibtex, make_corpus, markdown_table, python_cmd  # noqa: E402

# Each job gets the BibTeX file as argv[1] and the RIS file as argv[2].
JOBS = {
    "msccite read .bib": "import sys, msccite\nn = sum(1 for _ in msccite.iter_records(sys.argv[1]))",
    "bibtexparser v2 parse_file": "import sys, bibtexparser\nn = len(bibtexparser.parse_file(sys.argv[1]).entries)",
    "pybtex parse_file": "import sys\nfrom pybtex.database import parse_file\nn = len(parse_file(sys.argv[1]).entries)",
    "pandoc bibtex -> csljson": (
        "import sys, pypandoc, subprocess\nsubprocess.run([pypandoc.get_pandoc_path(), '-f', 'bibtex', '-t', "
        "'csljson', sys.argv[1], '-o', sys.argv[1] + '.json'], check=True)"
    ),
    "msccite RIS -> BibTeX": (
        "import sys\nfrom msccite.cli import main\n"
        "main(['convert', sys.argv[2], '-t', 'bibtex', '--raw', '-o', sys.argv[2] + '.bib'])"
    ),
}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ris, bib = Path(tmp) / "corpus.ris", Path(tmp) / "corpus.bib"
        make_corpus(ris, args.records)
        make_bibtex(bib, args.records)
        size = bib.stat().st_size / 1e6
        results = {job: best_of([*python_cmd(code), str(bib), str(ris)], args.repeat) for job, code in JOBS.items()}
    print(f"{args.records} records, {size:.1f} MB of BibTeX, best of {args.repeat}\n")
    ours = results["msccite read .bib"][0]
    rows = [[job, f"{secs:.2f}", f"{args.records / secs:,.0f}", f"{peak:.0f}", f"{secs / ours:.2f}"]
            for job, (secs, peak) in results.items()]  # fmt: skip
    print(markdown_table(["job", "wall s", "records/s", "peak RSS MB", "this time / msccite read time"], rows))


if __name__ == "__main__":
    main()
