"""Tables: msccite reading a 100,000-row Scopus CSV, beside pandas.read_csv plus a per-row mapping to dicts.

    python benchmarks/tables.py --rows 100000

The table is the real Scopus exports in ``../shared/corpus/exports/scopus_csv/`` (their rows, real abstracts,
author lists and cited references), repeated with a row number in each title and DOI until it has ``--rows``
rows. The pandas job is what a script does without msccite: ``pandas.read_csv`` and, for each row, a dict of
the fields (title, authors split, year, journal, volume, issue, pages, DOI, PMID, abstract, keywords split).
msccite's job reads every row into a :class:`msccite.Record` (no normalization). Each job runs in a fresh
process (``_common.measure``); ratio > 1 means msccite is faster than pandas.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import best_of, markdown_table, python_cmd  # noqa: E402

SCOPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "exports" / "scopus_csv"
#: The columns of the 2017 Scopus export, which every Scopus CSV since 2016 has.
COLUMNS = ["Authors", "Title", "Year", "Source title", "Volume", "Issue", "Art. No.", "Page start", "Page end",
           "Page count", "Cited by", "DOI", "Link", "Affiliations", "Authors with affiliations", "Abstract",
           "Author Keywords", "Index Keywords", "Correspondence Address", "Editors", "Publisher", "ISSN", "ISBN",
           "CODEN", "PubMed ID", "Language of Original Document", "Abbreviated Source Title", "Document Type",
           "Source", "EID"]  # fmt: skip

JOBS = {
    "pandas.read_csv + dict per row": """
import sys, pandas
df = pandas.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
def split(cell, sep):
    return [p.strip() for p in cell.split(sep) if p.strip()]
out = [{"title": r["Title"], "author": split(r["Authors"], ","), "issued": r["Year"], "container-title": r["Source title"],
        "volume": r["Volume"], "issue": r["Issue"], "page": f"{r['Page start']}-{r['Page end']}", "DOI": r["DOI"],
        "PMID": r["PubMed ID"], "abstract": r["Abstract"], "keyword": split(r["Author Keywords"], ";")}
       for r in df.to_dict("records")]
assert len(out) == int(sys.argv[2])
""",
    "msccite.read (records)": """
import sys, msccite
n = sum(1 for _ in msccite.iter_records(sys.argv[1]))
assert n == int(sys.argv[2]), n
""",
    "msccite convert -> RIS": """
import sys
from msccite.cli import main
main(['convert', sys.argv[1], '-t', 'ris', '--raw', '-q', '-o', sys.argv[1] + '.ris'])
""",
}


def make_table(path: Path, rows: int) -> None:
    """``rows`` rows of the real Scopus exports' columns in :data:`COLUMNS`, numbered."""
    source: list[dict[str, str]] = []
    for f in sorted(SCOPUS.glob("*.csv")):
        with f.open(encoding="utf-8-sig", newline="") as fh:
            source.extend(row for row in csv.DictReader(fh) if row.get("Title"))
    with path.open("w", encoding="utf-8", newline="") as out:
        w = csv.writer(out)
        w.writerow(COLUMNS)
        for i in range(rows):
            row = source[i % len(source)]
            cells = [row.get(c, "") for c in COLUMNS]
            cells[1] = f"{cells[1]} ({i})"
            cells[11] = f"10.9999/bench.{i}"
            w.writerow(cells)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scopus.csv"
        make_table(path, args.rows)
        size = path.stat().st_size / 1e6
        results = {job: best_of([*python_cmd(code), str(path), str(args.rows)], args.repeat)
                   for job, code in JOBS.items()}  # fmt: skip
    print(f"{args.rows:,} rows, {size:.0f} MB of Scopus CSV, best of {args.repeat}\n")
    base = results["pandas.read_csv + dict per row"][0]
    rows = [[job, f"{secs:.2f}", f"{args.rows / secs:,.0f}", f"{peak:.0f}", f"{base / secs:.2f}"]
            for job, (secs, peak) in results.items()]  # fmt: skip
    print(markdown_table(["job", "wall s", "rows/s", "peak RSS MB", "pandas time / this time"], rows))


if __name__ == "__main__":
    main()
