"""The benchmark runs (at 1,000 records, msccite alone) and prints the rows docs/performance.md shows.

Not a timed test: it checks that every job ran and gave numbers, not how fast they were.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from paths import ROOT

EXPECTED = [
    *[("RIS -> BibTeX", f"msccite convert {o}") for o in ("--jobs 1", "--jobs 2", "--raw --jobs 1", "--raw --jobs 2")],
    *[("BibTeX -> CSL-JSON", f"msccite convert {o}") for o in ("--jobs 1", "--jobs 2", "--raw --jobs 1",
                                                               "--raw --jobs 2")],
    ("read RIS", "msccite iter_records"),
    ("start-up", "msccite --help"),
    ("start-up", "msccite convert (1 record)"),
]


def test_quick_benchmark_prints_a_row_per_msccite_job():
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "compare.py"), "--quick", "--only", "msccite"],
                          capture_output=True, text=True, timeout=120, env=env)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "## 1,000 records" in proc.stdout
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in proc.stdout.splitlines()
            if line.startswith("| ") and not line.startswith("| task")]  # fmt: skip
    assert [(r[0], r[1]) for r in rows] == EXPECTED  # peers were left out by --only
    for task, job, wall, rate, peak, ratio in rows:
        assert float(wall) > 0 and float(peak) > 0, (task, job)
        if task == "start-up":
            assert rate == "" and ratio == ""
        else:
            assert int(rate.replace(",", "")) > 0 and float(ratio) > 0
            if job in ("msccite convert --jobs 1", "msccite iter_records"):
                assert float(ratio) == 1.0  # the row the others are measured against


def test_the_floor_scripts_convert_every_record_of_the_corpus(tmp_path):
    """The floor jobs the ratios are read against really do the job's minimum: every record out."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import floor
        from _common import make_bibtex, make_corpus
    finally:
        sys.path.pop(0)
    make_corpus(tmp_path / "c.ris", 50)
    make_bibtex(tmp_path / "c.bib", 50)
    assert floor.ris_bibtex(str(tmp_path / "c.ris"), str(tmp_path / "o.bib")) == 50
    assert floor.bibtex_json(str(tmp_path / "c.bib"), str(tmp_path / "o.json")) == 50
    bib = (tmp_path / "o.bib").read_text(encoding="utf-8")
    assert bib.count("@article{") == 50 and "  DO = {10.3390/jcm0000049}" in bib
    items = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    assert [i["doi"] for i in items] == [f"10.3390/jcm{i:07d}" for i in range(50)]


def test_the_real_shape_benchmark_runs_every_job_against_its_peer():
    """benchmarks/real.py (issue 27) at a few records: every row measured, every ratio a number."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "real.py"), "--shaped", "40", "--exports", "30",
                           "--repeat", "1"], capture_output=True, text=True, timeout=300, env=env)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    tables = proc.stdout.split("\n\n")
    ratios = [[c.strip() for c in line.strip("|").split("|")] for line in tables[-1].splitlines()
              if line.startswith("| ") and not line.startswith("| task")]  # fmt: skip
    assert [r[1] for r in ratios] == ["rispy + bibtexparser", "bibtexparser parse alone", "pybtex parse alone",
                                      "rispy + bibtexparser", "rispy + bibtexparser", "rispy + bibtexparser",
                                      "reading"]  # fmt: skip
    assert all(float(r[2].strip("*")) > 0 for r in ratios)


def test_records_of_real_shape_take_their_values_from_the_real_exports():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import real
    finally:
        sys.path.pop(0)
    records = real.shaped(300)
    pools = real._pools()
    assert len({r["title"] for r in records}) > 290  # titles reordered: (nearly) no two the same
    assert all(r["authors"] in pools["authors"] for r in records)  # real author lists
    lengths = sorted(len(r["abstract"]) for r in records)
    real_lengths = sorted(pools["abstract_lengths"])
    assert abs(lengths[len(lengths) // 2] - real_lengths[len(real_lengths) // 2]) < 400  # medians of real length
    assert {r["journal"] for r in records} <= {j for j, _, _ in pools["journals"]}
    assert len(real.ris_files()) >= 20  # the exports of ~20 tools, and the RIS seed
