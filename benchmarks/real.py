"""Speed on records of real shape (issue 27): msccite against its peers, CPU and wall time, one process, one run.

    python benchmarks/real.py                      # the figures of docs/performance.md (about 4 minutes)
    python benchmarks/real.py --shaped 3000 --exports 2000 --repeat 1   # a quick look

Two inputs, both built here (not by msccite), from the real exports of ``../shared/corpus/citation-file-formatting``
(the same records exported by about twenty tools) and the shared seeds:

- **real exports, repeated**: every RIS export of the corpus and the RIS seed, as the tools wrote them (their own
  tags, URLs, notes, vendor fields), concatenated and repeated to ``--exports`` records;
- **real shape**: ``--shaped`` records whose values are drawn from those exports: real author lists (their number
  and their names), real titles (words reordered, so that no two are the same), abstracts made of real sentences up
  to a real abstract's length, real journals, keywords and URLs, one DOI each; as RIS and as BibTeX (special
  characters escaped, accents in UTF-8).

Every job runs in a fresh process (``_common.measure_cpu``: CPU time is user + system of that process, wall time
includes start-up); the best of ``--repeat`` runs is kept, msccite's and its peer's runs taking turns. ``ratio`` =
the peer's time / msccite's time (above 1: msccite is faster). msccite runs with ``--jobs 1``: one process, as the
peers. The normalization row is measured inside one process (``process_time``), reading and normalizing the same
real records. msccite's cache of compiled patterns (``MSCCITE_CACHE_DIR``) is a directory of the run's, filled by a
first conversion; the first-run row turns it off.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BIBTEXPARSER, PYBTEX, RISPY_BIBTEXPARSER, SEED, markdown_table, measure_cpu, python_cmd  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "citation-file-formatting"
SEED_RIS = SHARED / "seeds" / "003_98c53ee05b756194.txt"

# reading and normalizing the same records, in one process: CPU seconds of each, printed as JSON
READ_VS_NORMALIZE = """import json, sys, time
import msccite
from msccite.normalization import normalize
t = time.process_time(); records = msccite.read(sys.argv[1], normalize=False); read = time.process_time() - t
t = time.process_time(); out = [normalize(r) for r in records]; norm = time.process_time() - t
print(json.dumps({"records": len(records), "read": read, "normalize": norm}))
"""

_TAG = re.compile(r"^([A-Z][A-Z0-9])  ?- ?(.*)$")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_BIBTEX_SPECIAL = {"%": r"\%", "&": r"\&", "#": r"\#", "_": r"\_", "$": r"\$", "{": "", "}": "", "~": " ", "^": " ",
                   "\\": " "}  # fmt: skip


def ris_files() -> list[Path]:
    """The RIS exports of the corpus, and the RIS seed (files that start with a TY line)."""
    found = []
    for path in [*sorted(CORPUS.glob("*.ris")), SEED_RIS]:
        head = path.read_text(encoding="utf-8-sig", errors="replace").lstrip()[:10]
        if _TAG.match(head.split("\n")[0]) and head.startswith("TY"):
            found.append(path)
    return found


def _ris_records(text: str) -> list[list[tuple[str, str]]]:
    records, current = [], []
    for line in text.replace("\r\n", "\n").split("\n"):
        m = _TAG.match(line)
        if m is None:
            if current and line.strip():
                current[-1] = (current[-1][0], current[-1][1] + " " + line.strip())
            continue
        tag, value = m.group(1), m.group(2).strip()
        if tag == "ER":
            if current:
                records.append(current)
            current = []
        else:
            current.append((tag, value))
    return records


def make_exports(path: Path, n: int) -> int:
    """The real exports concatenated and repeated to at least ``n`` records; the number written."""
    texts = [p.read_text(encoding="utf-8-sig", errors="replace").replace("\r\n", "\n").rstrip("\n") + "\n\n"
             for p in ris_files()]  # fmt: skip
    one = "".join(texts)
    per_copy = sum(len(_ris_records(t)) for t in texts)
    copies = -(-n // per_copy)
    path.write_text(one * copies, encoding="utf-8")
    return per_copy * copies


def _pools() -> dict[str, list]:
    pools: dict[str, list] = {k: [] for k in ("authors", "titles", "abstract_lengths", "sentences", "journals",
                                              "keywords", "urls")}  # fmt: skip
    for path in ris_files():
        for rec in _ris_records(path.read_text(encoding="utf-8-sig", errors="replace")):
            get = {}
            for tag, value in rec:
                get.setdefault(tag, []).append(value)
            authors = get.get("AU") or get.get("A1") or []
            if authors:
                pools["authors"].append(authors)
            title = (get.get("TI") or get.get("T1") or [""])[0]
            if title:
                pools["titles"].append(title)
            abstract = (get.get("AB") or get.get("N2") or [""])[0]
            if abstract:
                pools["abstract_lengths"].append(len(abstract))
                pools["sentences"] += _SENTENCE.split(abstract)
            journal = (get.get("T2") or get.get("JO") or get.get("JF") or [""])[0]
            if journal:
                pools["journals"].append((journal, (get.get("J2") or get.get("JA") or [""])[0],
                                          (get.get("SN") or [""])[0]))  # fmt: skip
            pools["keywords"].append(get.get("KW", []))
            pools["urls"].append(get.get("UR", []) + get.get("L2", []))
    return pools


def shaped(n: int, seed: int = SEED) -> list[dict]:
    """``n`` records of real shape (see the module's docstring), the same ones for the same seed."""
    pools = _pools()
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        words = rnd.choice(pools["titles"]).split()
        rnd.shuffle(words)
        length = rnd.choice(pools["abstract_lengths"])
        sentences: list[str] = []
        while sum(len(s) + 1 for s in sentences) < length:
            sentences.append(rnd.choice(pools["sentences"]))
        journal, abbrev, issn = rnd.choice(pools["journals"])
        first = rnd.randint(1, 2000)
        out.append({"i": i, "title": " ".join(words).capitalize(), "authors": rnd.choice(pools["authors"]),
                    "abstract": " ".join(sentences), "journal": journal, "abbrev": abbrev, "issn": issn,
                    "year": rnd.randint(1995, 2025), "volume": rnd.randint(1, 400), "issue": rnd.randint(1, 12),
                    "pages": (first, first + rnd.randint(0, 20)), "doi": f"10.{rnd.randint(1000, 9999)}/bench.{i}",
                    "keywords": rnd.choice(pools["keywords"]), "urls": rnd.choice(pools["urls"])})  # fmt: skip
    return out


def write_shaped_ris(path: Path, records: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for r in records:
            lines = ["TY  - JOUR", f"TI  - {r['title']}", *[f"AU  - {a}" for a in r["authors"]],
                     f"PY  - {r['year']}", f"T2  - {r['journal']}"]  # fmt: skip
            lines += [f"J2  - {r['abbrev']}"] if r["abbrev"] else []
            lines += [f"VL  - {r['volume']}", f"IS  - {r['issue']}", f"SP  - {r['pages'][0]}",
                      f"EP  - {r['pages'][1]}"]  # fmt: skip
            lines += [f"SN  - {r['issn']}"] if r["issn"] else []
            lines += [f"DO  - {r['doi']}", f"AB  - {r['abstract']}", *[f"KW  - {k}" for k in r["keywords"]],
                      *[f"UR  - {u}" for u in r["urls"]]]  # fmt: skip
            out.write("\n".join(lines) + "\nER  - \n\n")


def _bib(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in text)


def write_shaped_bibtex(path: Path, records: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for r in records:
            fields = [("author", " and ".join(_bib(a) for a in r["authors"])), ("title", _bib(r["title"])),
                      ("journal", _bib(r["journal"])), ("year", str(r["year"])), ("volume", str(r["volume"])),
                      ("number", str(r["issue"])), ("pages", f"{r['pages'][0]}--{r['pages'][1]}"),
                      ("doi", r["doi"]), ("abstract", _bib(r["abstract"]))]  # fmt: skip
            fields += [("issn", r["issn"])] if r["issn"] else []
            fields += [("keywords", _bib(", ".join(r["keywords"])))] if r["keywords"] else []
            fields += [("url", r["urls"][0])] if r["urls"] and "{" not in r["urls"][0] else []
            body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
            out.write(f"@article{{bench{r['i']},\n{body}\n}}\n\n")


def _best(cmds: list[list[str]], repeat: int) -> list[tuple[float, float, float]]:
    """For each command, the best wall and CPU time of ``repeat`` runs and the largest peak RSS (MB); the commands
    take turns (A B A B ...), so that a machine that slows down for a while slows both."""
    runs: list[list[tuple[float, float, float]]] = [[] for _ in cmds]
    for _ in range(max(1, repeat)):
        for i, cmd in enumerate(cmds):
            runs[i].append(measure_cpu(cmd))
    return [(min(r[0] for r in rs), min(r[1] for r in rs), max(r[2] for r in rs)) for rs in runs]


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shaped", type=int, default=30_000, help="records of real shape (default 30,000)")
    parser.add_argument("--exports", type=int, default=20_000, help="records of the real exports, repeated")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each job; the best is kept (default 3)")
    args = parser.parse_args(argv)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # start-up as installed: compiled modules, not sources each run
    msccite = [sys.executable, "-m", "msccite"]
    subprocess.run([*msccite, "--help"], capture_output=True, check=True)  # writes the compiled modules once
    cache = tempfile.TemporaryDirectory()  # msccite's cache of compiled patterns (lazyre): filled by a first run
    os.environ["MSCCITE_CACHE_DIR"] = cache.name
    subprocess.run([*msccite, "convert", "-q", str(SEED_RIS), "-t", "bibtex"], capture_output=True, check=True)
    print(f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, msccite {_version('msccite')}, "
          f"rispy {_version('rispy')}, bibtexparser {_version('bibtexparser')}, pybtex {_version('pybtex')}; "
          f"best of {args.repeat} runs, one process each")  # fmt: skip
    rows, ratios = [], []
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        records = shaped(args.shaped)
        write_shaped_ris(d / "shaped.ris", records)
        write_shaped_bibtex(d / "shaped.bib", records)
        n_exports = make_exports(d / "exports.ris", args.exports)
        sizes = {k: (d / k).stat().st_size / 1e6 for k in ("shaped.ris", "shaped.bib", "exports.ris")}

        def pair(task: str, ours: list[str], peer_name: str, peer: list[str], n: int, repeat: int) -> None:
            (wall, cpu, rss), (p_wall, p_cpu, p_rss) = _best([ours, peer], repeat)
            rows.append([task, "msccite", f"{cpu:.2f}", f"{wall:.2f}", f"{n / cpu:,.0f}" if n > 1 else "",
                         f"{rss:.0f}"])  # fmt: skip
            rows.append([task, peer_name, f"{p_cpu:.2f}", f"{p_wall:.2f}", f"{n / p_cpu:,.0f}" if n > 1 else "",
                         f"{p_rss:.0f}"])  # fmt: skip
            ratios.append([task, peer_name, f"**{p_cpu / cpu:.2f}**", f"{p_wall / wall:.2f}"])

        pair(f"RIS -> BibTeX, normalized, {args.shaped:,} records of real shape ({sizes['shaped.ris']:.0f} MB)",
             [*msccite, "convert", "--jobs", "1", "-q", str(d / "shaped.ris"), "-o", str(d / "o1.bib")],
             "rispy + bibtexparser", python_cmd(RISPY_BIBTEXPARSER) + [str(d / "shaped.ris"), str(d / "p1.bib")],
             args.shaped, args.repeat)  # fmt: skip
        pair(f"BibTeX -> CSL-JSON, normalized, the same records ({sizes['shaped.bib']:.0f} MB)",
             [*msccite, "convert", "--jobs", "1", "-q", str(d / "shaped.bib"), "-o", str(d / "o2.json")],
             "bibtexparser parse alone", python_cmd(BIBTEXPARSER) + [str(d / "shaped.bib")], args.shaped,
             args.repeat)  # fmt: skip
        pair(f"BibTeX -> CSL-JSON, normalized, the same records ({sizes['shaped.bib']:.0f} MB)",
             [*msccite, "convert", "--jobs", "1", "-q", str(d / "shaped.bib"), "-o", str(d / "o2.json")],
             "pybtex parse alone", python_cmd(PYBTEX) + [str(d / "shaped.bib")], args.shaped, 1)  # fmt: skip
        pair(f"RIS -> BibTeX, normalized, the real exports repeated to {n_exports:,} records "
             f"({sizes['exports.ris']:.0f} MB)",
             [*msccite, "convert", "--jobs", "1", "-q", str(d / "exports.ris"), "-o", str(d / "o3.bib")],
             "rispy + bibtexparser", python_cmd(RISPY_BIBTEXPARSER) + [str(d / "exports.ris"), str(d / "p3.bib")],
             n_exports, args.repeat)  # fmt: skip
        pair("one record: seed 003 -> BibTeX, start-up included",
             [*msccite, "convert", "-q", str(SEED_RIS), "-o", str(d / "o4.bib")], "rispy + bibtexparser",
             python_cmd(RISPY_BIBTEXPARSER) + [str(SEED_RIS), str(d / "p4.bib")], 1, max(7, args.repeat))  # fmt: skip
        os.environ["MSCCITE_CACHE_DIR"] = ""  # a first run: every pattern compiled
        pair("one record, the first run (no cache of compiled patterns)",
             [*msccite, "convert", "-q", str(SEED_RIS), "-o", str(d / "o5.bib")], "rispy + bibtexparser",
             python_cmd(RISPY_BIBTEXPARSER) + [str(SEED_RIS), str(d / "p5.bib")], 1, max(7, args.repeat))  # fmt: skip
        os.environ["MSCCITE_CACHE_DIR"] = cache.name
        runs = []
        for _ in range(max(1, args.repeat)):
            done = subprocess.run(python_cmd(READ_VS_NORMALIZE) + [str(d / "exports.ris")], capture_output=True,
                                  text=True, check=True)  # fmt: skip
            runs.append(json.loads(done.stdout))
        read = min(r["read"] for r in runs) / runs[0]["records"] * 1e6
        norm = min(r["normalize"] for r in runs) / runs[0]["records"] * 1e6
        rows.append(["normalization vs reading, the real exports (in one process)", "msccite read",
                     f"{read:.0f} µs a record", "", "", ""])  # fmt: skip
        rows.append(["", "msccite normalize", f"{norm:.0f} µs a record", "", "", ""])
        ratios.append(["normalization vs reading", "reading", f"**{read / norm:.2f}**", ""])
    print()
    print(markdown_table(["task", "job", "CPU s", "wall s", "records/CPU s", "peak RSS MB"], rows))
    print()
    print(markdown_table(["task", "peer", "ratio, CPU time", "ratio, wall time"], ratios))
    cache.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
