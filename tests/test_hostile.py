"""Hostile and huge input: bounded time, no RecursionError, constant memory while streaming.

Time limits here are loose sanity bounds (a hang or quadratic blow-up takes minutes, not seconds),
not benchmarks.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

import msccite
from paths import ROOT

MB = 1024 * 1024


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [
        ("a 20 MB single line", "TY  - JOUR\nAB  - " + "x" * (20 * MB) + "\nER  - \n", "ris"),
        ("a 300,000-name author line", "TY  - JOUR\nAU  - " + "Doe, J. and " * 300_000 + "\nER  - \n", "ris"),
        ("a line of separators", "TY  - JOUR\n" + "-" * MB + "\nER  - \n", "ris"),
        ("spaces then a tag", "TY  - JOUR\nUR  - a" + " " * MB + "XX  - b\nER  - \n", "ris"),
        ("100,000 records", "TY  - JOUR\nTI  - t\nER  - \n" * 100_000, "ris"),
        ("200,000 MEDLINE continuation lines", "PMID- 1\nAB  - a\n" + "      word word\n" * 200_000, "medline"),
        ("a 20 MB MEDLINE line", "PMID- 1\nAB  - " + "x " * (10 * MB) + "\n", "medline"),
        ("200,000 kv value lines", "title | t |\n---|---|\ndescription |\n" + "line\n" * 200_000 + "|\n", "kv"),
        ("a kv line of 1 MB of bars", "title | t |\n---|---|\nx | " + "|" * MB + "\n", "kv"),
        ("200,000 escaped quotes", '[{"id": "a", "type": "book", "title": "' + '\\"' * 200_000 + '"}]', "csl-json"),
        ("100,000 nested arrays", "[" * 100_000 + "]" * 100_000, "csl-json"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 60 else "",
)
def test_hostile_input_finishes_in_seconds(name, text, fmt):
    def go():
        try:
            return len(msccite.loads(text, fmt, errors="collect"))
        except msccite.MscciteError:
            return -1

    _, seconds = timed(go)
    assert seconds < 20, f"{name} took {seconds:.1f} s"


def test_streaming_memory_stays_flat(tmp_path):
    """Reading 200,000 records one at a time keeps peak memory far below the file's size in records."""
    path = tmp_path / "big.ris"
    with open(path, "w", encoding="utf-8") as out:
        for i in range(200_000):
            out.write(f"TY  - JOUR\nTI  - Title number {i}\nAU  - Doe, J.\nAB  - {'abstract text ' * 40}\nER  - \n")
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec from the (large) pytest parent
    code = (
        "import msccite\n"
        f"n = sum(1 for _ in msccite.iter_records({str(path)!r}))\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
        "print(n, int(hwm) // 1024)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    out = proc.stdout.split()
    count, peak_mb = int(out[0]), int(out[1])
    assert count == 200_000
    assert peak_mb < 120, f"peak RSS {peak_mb} MB while streaming a {path.stat().st_size // MB} MB file"
