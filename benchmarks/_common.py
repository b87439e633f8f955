"""What the benchmarks share: the generated corpus (RIS and BibTeX) and a job runner that measures a child process.

The corpus is MSC-trial-like journal articles (~1.6 KB of RIS each): 1-12 authors with accents and
particles, a ~1 KB abstract, 3-8 keywords. It is generated from a fixed seed, so every run (and every
machine) measures the same bytes. The BibTeX copy is written here, not by msccite, so that the input
does not depend on the code being measured; half its entries spell accents as LaTeX (``T{\\"o}rnqvist``),
half as UTF-8, as group files mixing JabRef and Zotero exports do.

:func:`measure` runs one command in a fresh process and returns its wall time (start-up included)
and its peak RSS, read from ``os.wait4`` (``ru_maxrss`` of that child) in a small launcher process, so
Python jobs and pandoc are measured the same way.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "SEED",
    "articles",
    "make_corpus",
    "make_bibtex",
    "measure",
    "measure_cpu",
    "best_of",
    "python_cmd",
    "JobFailed",
    "RISPY_BIBTEXPARSER",
    "BIBTEXPARSER",
    "PYBTEX",
    "markdown_table",
]

SEED = 20261122
FAMILIES = ["Törnqvist Andrén", "van der Berg", "De Salvo", "Le Blanc", "Gómez-Barrena", "Vivarelli", "Iacobaeus",
            "Kadri", "Müller", "O'Brien", "Nuñez", "Łukasiewicz", "Farge", "Tarte", "Ruggenenti"]  # fmt: skip
GIVEN = ["Katarina", "Anton", "M.", "Enrique", "Zoë", "Jean-Luc", "S. A.", "Franco", "Ellen", "Dominique"]
WORDS = (
    "mesenchymal stromal cells bone marrow infusion phase trial safety efficacy graft versus host disease "
    "osteogenesis imperfecta multiple sclerosis nephrotic syndrome lupus umbilical cord adipose"
).split()
_LATEX = {"ö": '{\\"o}', "é": "{\\'e}", "ó": "{\\'o}", "ü": '{\\"u}', "ñ": "{\\~n}", "Ł": "{\\L}", "ë": '{\\"e}'}


def articles(n: int, seed: int = SEED) -> Iterator[dict[str, Any]]:
    """``n`` journal articles as plain dicts, the same ones for the same seed."""
    rnd = random.Random(seed)
    for i in range(n):
        title = " ".join(rnd.choice(WORDS) for _ in range(12)).capitalize()
        authors = [(rnd.choice(FAMILIES), rnd.choice(GIVEN)) for _ in range(rnd.randint(1, 12))]
        year, volume, issue = rnd.randint(2000, 2025), rnd.randint(1, 40), rnd.randint(1, 12)
        first, last = rnd.randint(1, 900), rnd.randint(901, 999)
        abstract = " ".join(rnd.choice(WORDS) for _ in range(140))
        keywords = [rnd.choice(WORDS) for _ in range(rnd.randint(3, 8))]
        yield {"i": i, "title": title, "authors": authors, "year": year, "volume": volume, "issue": issue,
               "first": first, "last": last, "doi": f"10.3390/jcm{i:07d}", "abstract": abstract,
               "keywords": keywords}  # fmt: skip


def make_corpus(path: Path, n: int, seed: int = SEED) -> None:
    """The corpus as RIS (the bytes ``ris_read.py`` has always measured)."""
    with open(path, "w", encoding="utf-8") as out:
        for a in articles(n, seed):
            lines = ["TY  - JOUR", f"TI  - {a['title']}"]
            lines += [f"AU  - {family}, {given}" for family, given in a["authors"]]
            lines += [f"PY  - {a['year']}", "T2  - Journal of Clinical Medicine", "J2  - J Clin Med",
                      f"VL  - {a['volume']}", f"IS  - {a['issue']}", f"SP  - {a['first']}", f"EP  - {a['last']}",
                      "SN  - 2077-0383", f"DO  - {a['doi']}", "AB  - " + a["abstract"]]  # fmt: skip
            lines += [f"KW  - {k}" for k in a["keywords"]]
            out.write("\n".join(lines) + "\nER  - \n\n")


def _latex(text: str) -> str:
    return "".join(_LATEX.get(ch, ch) for ch in text)


def make_bibtex(path: Path, n: int, seed: int = SEED) -> None:
    """The same corpus as BibTeX ``@article`` entries; even entries spell accents in LaTeX."""
    with open(path, "w", encoding="utf-8") as out:
        for a in articles(n, seed):
            spell = _latex if a["i"] % 2 == 0 else str
            names = " and ".join(spell(f"{family}, {given}") for family, given in a["authors"])
            key = f"jcm{a['i']:07d}"
            fields = [("author", names), ("title", a["title"]), ("journal", "Journal of Clinical Medicine"),
                      ("year", str(a["year"])), ("volume", str(a["volume"])), ("number", str(a["issue"])),
                      ("pages", f"{a['first']}--{a['last']}"), ("issn", "2077-0383"), ("doi", a["doi"]),
                      ("abstract", a["abstract"]), ("keywords", ", ".join(a["keywords"]))]  # fmt: skip
            body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
            out.write(f"@article{{{key},\n{body}\n}}\n\n")


#: The peers' jobs, each a script for ``python -c`` (``python_cmd``): RIS -> BibTeX with rispy and bibtexparser v2, and
#: the read-only parses of bibtexparser v2 and pybtex.
RISPY_BIBTEXPARSER = """import sys, rispy, bibtexparser
from bibtexparser.model import Entry, Field
with open(sys.argv[1], encoding="utf-8") as f:
    recs = rispy.load(f)
def text(key, value):
    if isinstance(value, list):
        return (" and " if key.endswith("authors") else ", ").join(value)
    return str(value)
entries = [Entry("article", f"r{i}", [Field(k, text(k, v)) for k, v in r.items()]) for i, r in enumerate(recs)]
bibtexparser.write_file(sys.argv[2], bibtexparser.Library(entries))
"""
BIBTEXPARSER = "import sys, bibtexparser\nn = len(bibtexparser.parse_file(sys.argv[1]).entries)"
PYBTEX = "import sys\nfrom pybtex.database import parse_file\nn = len(parse_file(sys.argv[1]).entries)"


class JobFailed(RuntimeError):
    """A measured command exited with an error (its stderr's end is in the message)."""


def python_cmd(code: str) -> list[str]:
    """A command running ``code`` in a fresh interpreter."""
    return [sys.executable, "-c", code]


# A small launcher between us and the measured process: a child's peak RSS starts from the memory of
# the process it was forked from (Linux copies the high-water mark on fork and exec), so the command is
# forked from this ~10 MB launcher rather than from the benchmark, which holds corpora.
_LAUNCHER = """import os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
wall = time.perf_counter() - start
proc.returncode = os.waitstatus_to_exitcode(status)
print(wall, usage.ru_maxrss, proc.returncode, usage.ru_utime + usage.ru_stime)
"""


def measure(cmd: Sequence[str], cwd: str | None = None) -> tuple[float, float]:
    """Run ``cmd`` once in a fresh process: (wall seconds, peak RSS in MB of that process)."""
    wall, _, rss = measure_cpu(cmd, cwd)
    return wall, rss


def measure_cpu(cmd: Sequence[str], cwd: str | None = None) -> tuple[float, float, float]:
    """Run ``cmd`` once in a fresh process: (wall seconds, CPU seconds (user + system, its children's included), peak
    RSS in MB of that process)."""
    with tempfile.TemporaryFile() as err:
        done = subprocess.run([sys.executable, "-c", _LAUNCHER, *cmd], stdout=subprocess.PIPE, stderr=err, cwd=cwd,
                              text=True, check=False)  # fmt: skip
        fields = done.stdout.split()
        if len(fields) != 4 or fields[2] != "0":
            err.seek(0)
            tail = err.read().decode("utf-8", "replace")[-600:]
            raise JobFailed(f"{' '.join(cmd)[:200]} failed ({done.stdout.strip() or done.returncode}): {tail}")
    return float(fields[0]), float(fields[3]), int(fields[1]) / 1024  # Linux: ru_maxrss is in KiB


def best_of(cmd: Sequence[str], repeat: int) -> tuple[float, float]:
    """The fastest of ``repeat`` runs, and the largest peak RSS seen."""
    runs = [measure(cmd) for _ in range(max(1, repeat))]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
