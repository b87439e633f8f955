"""De-duplication accuracy on labelled data, and speed.

    python benchmarks/dedupe.py                 # the corpus: precision, recall, clusters vs the truth
    python benchmarks/dedupe.py --speed 36000   # time and memory for N synthetic records (and their conversion)

Labelled data: ``tests/data/corpus/`` (CC0) holds ~100 records exported by two tools and labelled in
``_baseline.csv``, and the exports of ~20 databases and managers of searches of their own (10 records each, that
overlap: the same papers found in Scopus, Web of Science, Embase ...). A record is labelled with its row of
``_baseline.csv`` (by DOI, PMID or folded title), else with the DOI or PMID its export carries, else its folded
title, so the true clusters are known.
The run is made three times: as exported; with the DOIs, PMIDs and PMCIDs removed from every second file (the
exports that lack them), so that matching without identifiers is measured; and with those files' records also
messed up as other databases do (every third title in capitals, every fifth cut at 50 characters with "...",
given names cut to initials). Figures: pairwise precision and recall (a pair
of input records in one cluster), the number of clusters against the true number of unique records, and the
false merges (clusters holding two true records).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import msccite  # noqa: E402
from msccite.dedupe import dedupe  # noqa: E402
from msccite.dedupe.keys import _fold, notice_kind  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "corpus"


def truth_table() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    by_doi, by_pmid, by_title = {}, {}, {}
    with open(CORPUS / "_baseline.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            lens = row["Lens ID"]
            if row["DOI"]:
                by_doi[row["DOI"].strip().casefold()] = lens
            if row["PMID"]:
                by_pmid[row["PMID"].strip()] = lens
            by_title[_fold(row["Title"])] = lens
    return by_doi, by_pmid, by_title


def label(rec: msccite.Record, tables: tuple[dict[str, str], ...]) -> str | None:
    by_doi, by_pmid, by_title = tables
    doi = str(rec.get("DOI") or "").casefold()
    if doi in by_doi:
        return by_doi[doi]
    pmid = str(rec.get("PMID") or "")
    if pmid in by_pmid:
        return by_pmid[pmid]
    found = by_title.get(_fold(str(rec.get("title") or "")))
    if found:
        return found
    # the other exports (searches of their own, e.g. the dinosaur records found in Scopus, WoS and Embase):
    # labelled by the identifiers the exports carry, else by the folded title
    for var in ("DOI", "PMID"):
        value = str(rec.get(var) or "").casefold()
        if value:
            return f"{var}:{value}"
    title = _fold(str(rec.get("title") or ""))
    return f"title:{title}" if title else None


def _mess(rec: msccite.Record, k: int) -> msccite.Record:
    """What other databases do to a record: ALL-CAPS or truncated titles, initials only."""
    rec = rec.copy()
    title = str(rec.get("title") or "")
    if k % 3 == 0 and title:
        rec["title"] = title.upper()
    elif k % 5 == 1 and len(title) > 60:
        rec["title"] = title[:50] + "..."
    if k % 2 and rec.authors:
        rec["author"] = [msccite.Name(n.family, (n.given or "")[:1] + ".") if n.family else n for n in rec.authors]
    return rec


#: Look-alikes: other works that share a work's title words, authors, journal or year, as a review's searches
#: find them next to it (title, what changes, the label suffix). Each is a work of its own.
LOOKALIKES = (
    ("Erratum: {t}", {"genre": "Erratum"}, "erratum"),
    ("Comment on: {t}", {"author": [msccite.Name("Okafor", "Chidi")]}, "comment"),
    ("{t}: study protocol for a randomised controlled trial", {"issued": -2}, "protocol"),
    ("{t}", {"genre": "Conference Abstract", "container-title": "Cytotherapy", "issued": -1}, "abstract"),
    ("{t}: five-year follow-up of the cohort", {"issued": 5}, "follow-up"),
)


def lookalikes(recs: list[msccite.Record], labels: list[str | None]) -> tuple[list[msccite.Record], list[str]]:
    """For every second work (not itself a notice), one look-alike of each kind in ``LOOKALIKES``, without
    identifiers."""
    firsts: dict[str, msccite.Record] = {}
    for rec, lab in zip(recs, labels, strict=True):
        if lab is not None and rec.get("title") and lab not in firsts:
            firsts[lab] = rec
    out, out_labels = [], []
    works = [(lab, rec) for lab, rec in sorted(firsts.items()) if not notice_kind(rec)]  # errata have no errata
    for n, (lab, rec) in enumerate(works):
        if n % 2:
            continue
        for title, changes, kind in LOOKALIKES:
            new = rec.copy()
            for var in ("DOI", "PMID", "PMCID", "URL", "page", "abstract"):
                new.fields.pop(var, None)
            new["title"] = title.format(t=str(rec["title"]).rstrip("."))
            for var, value in changes.items():
                if var == "issued":
                    if rec.year is not None:
                        new["issued"] = msccite.Date.of(rec.year + int(value))  # type: ignore[call-overload]
                else:
                    new[var] = value
            out.append(new)
            out_labels.append(f"{lab}:{kind}")
    return out, out_labels


def corpus(drop_dois: bool, messy: bool = False) -> tuple[list[msccite.Record], list[dict], list[str | None]]:
    tables = truth_table()
    recs, sources, labels = [], [], []
    files = sorted(p for p in CORPUS.glob("_baseline*.ris"))
    for n, path in enumerate(files):
        read = msccite.read(path, errors="collect", normalize=True)
        for pos, rec in enumerate(read, 1):
            labels.append(label(rec, tables))  # the truth comes from the record as exported
            if drop_dois and n % 2:
                rec = rec.copy()
                for var in ("DOI", "PMID", "PMCID"):
                    rec.fields.pop(var, None)
                rec["URL"] = [u for u in rec.get("URL", []) if "doi" not in u and "pubmed" not in u
                              and "pmc" not in u]  # fmt: skip
            if messy and n % 2:
                rec = _mess(rec, pos)
            recs.append(rec)
            sources.append({"file": path.name, "record": pos, "format": read.format})
    return recs, sources, labels


def evaluate(drop_dois: bool, messy: bool = False, looks: bool = False) -> dict[str, float]:
    recs, sources, labels = corpus(drop_dois, messy)
    if looks:
        more, more_labels = lookalikes(recs, labels)
        recs += more
        labels += more_labels
        sources += [{"file": "look-alikes", "record": n + 1, "format": ""} for n in range(len(more))]
    t0 = time.perf_counter()
    result = dedupe(recs, sources)
    seconds = time.perf_counter() - t0
    cluster_of = {}
    for c, cluster in enumerate(result.clusters):
        for i in cluster.members:
            cluster_of[i] = c
    labelled = [i for i, lab in enumerate(labels) if lab is not None]
    tp = fp = fn = 0
    for i, j in itertools.combinations(labelled, 2):
        same_truth = labels[i] == labels[j]
        same_found = cluster_of[i] == cluster_of[j]
        tp += same_truth and same_found
        fp += same_found and not same_truth
        fn += same_truth and not same_found
    false_merges = sum(1 for c in result.clusters if len({labels[i] for i in c.members if labels[i]}) > 1)
    return {
        "records": len(recs), "labelled": len(labelled), "true unique": len({labels[i] for i in labelled}),
        "clusters": len(result.clusters), "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0, "false merges": false_merges,
        "uncertain pairs": len(result.uncertain), "seconds": seconds,
    }  # fmt: skip


SETS = ROOT.parent / "shared" / "data" / "dedupe"
#: The published figures on the same sets (representative-free scoring; ``SETS/README.md``): recall, false merges.
#: Labelled sets run again without some variables (no published figures: a check that the other evidence holds).
STRESS = {"colrev_digital_work": ("DOI",)}
PUBLISHED = {"sra_respiratory": ((0.915, 0), (0.936, 0)), "sra_stroke": ((0.962, 0), (0.994, 0)),
             "colrev_digital_work": ((0.832, 20), (0.997, 0))}  # fmt: skip


def labelled_set(set_dir: Path, without: tuple[str, ...] = ()) -> dict:
    """One labelled review search: its records read (a table of BibTeX columns) and normalized, de-duplicated as
    ``msccite dedupe`` does, and scored by the set's own scorer (``score.py``). ``without``: variables removed from
    every record first (a search whose exports lack them)."""
    import json
    import subprocess
    import tempfile

    records = msccite.read(set_dir / "records_pre_merged.csv", normalize=True)
    for rec in records:
        for var in without:
            rec.fields.pop(var, None)
    t0 = time.perf_counter()
    result = dedupe(records)
    seconds = time.perf_counter() - t0
    with tempfile.NamedTemporaryFile("w", suffix=".csv", newline="", delete=False) as f:
        out = csv.writer(f)
        out.writerow(["record_id", "pred_cluster"])
        for c, cluster in enumerate(result.clusters):
            out.writerows([records[i].id, f"p{c}"] for i in cluster.members)
    try:
        score = subprocess.run([sys.executable, str(SETS / "score.py"), str(set_dir), f.name], capture_output=True,
                               text=True, check=True)  # fmt: skip
    finally:
        Path(f.name).unlink()
    return {**json.loads(score.stdout), "seconds": seconds, "uncertain": len(result.uncertain)}


def labelled_sets() -> None:
    """The table of the issue: each labelled set's recall and false merges, beside ASySD's and bib-dedupe's."""
    print("| set | msccite recall, false merges | uncertain pairs | ASySD | bib-dedupe (tuned on these sets) |")
    print("|---|---|---|---|---|")
    for name, (asysd, bib) in PUBLISHED.items():
        if not (SETS / name).is_dir():
            print(f"| {name} | (not found in {SETS}) | | | |")
            continue
        m = labelled_set(SETS / name)
        print(f"| {name} ({m['records']:,} records) | {m['dup_recall']:.3f}, **{m['false_merges']}** | "
              f"{m['uncertain']} | {asysd[0]:.3f}, {asysd[1]} | {bib[0]:.3f}, {bib[1]} |")
    # the same search as exports without DOIs would give it: what the titles, authors and places decide alone
    for name, without in STRESS.items():
        if (SETS / name).is_dir():
            m = labelled_set(SETS / name, without)
            print(f"| {name} without {', '.join(without)} | {m['dup_recall']:.3f}, **{m['false_merges']}** | "
                  f"{m['uncertain']} | | |")


def block_cost() -> None:
    """What one block costs: the labelled sets' blocks (two records or more), the pairs they give, and the time to
    score them, per block (what a partition of a distributed run would cost; docs/dedupe.md)."""
    from msccite.dedupe.match import blocks_of, candidates, keys_of, score

    for name in PUBLISHED:
        if not (SETS / name).is_dir():
            continue
        keys = [keys_of(r) for r in msccite.read(SETS / name / "records_pre_merged.csv", normalize=True)]
        blocks: dict[tuple[str, ...], int] = {}
        for k in keys:
            for b in blocks_of(k):
                blocks[b] = blocks.get(b, 0) + 1
        shared = sum(1 for n in blocks.values() if n > 1)
        t0 = time.process_time()
        pairs = set(candidates(keys))
        for i, j in pairs:
            score(keys[i], keys[j])
        cpu = time.process_time() - t0
        print(f"{name}: {len(keys):,} records, {len(blocks):,} blocks ({shared:,} of two records or more), "
              f"{len(pairs):,} pairs scored in {cpu:.2f} s CPU: {cpu / shared * 1e6:.0f} µs a block, "
              f"{cpu / len(pairs) * 1e6:.1f} µs a pair")


def speed(n: int) -> None:
    """``n`` records in two files, the second a copy of the first (every record found twice): the time and peak
    memory of ``msccite dedupe`` against ``msccite convert --jobs 1`` of the same files, in fresh processes."""
    import tempfile

    from _common import make_corpus, measure

    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "a.ris", Path(tmp) / "b.ris"
        make_corpus(a, n // 2)
        b.write_bytes(a.read_bytes())
        exe = [sys.executable, "-m", "msccite"]
        # one process each: dedupe reads in one process, so the conversion it is held against does too
        conv = measure([*exe, "convert", str(a), str(b), "-o", str(Path(tmp) / "c.ris"), "-q", "--jobs", "1"])
        dedup = measure([*exe, "dedupe", str(a), str(b), "-o", str(Path(tmp) / "d.ris")])
        print(f"{n} records: convert {conv[0]:.2f} s, {conv[1]:.0f} MB; dedupe {dedup[0]:.2f} s, {dedup[1]:.0f} MB; "
              f"dedupe / convert = {dedup[0] / conv[0]:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--speed", type=int, metavar="N", help="measure N records instead (half of them twice)")
    parser.add_argument("--blocks", action="store_true", help="the cost of a block on the labelled sets")
    args = parser.parse_args(argv)
    if args.blocks:
        block_cost()
        return 0
    if args.speed:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        speed(args.speed)
        return 0
    runs = {"as exported": (False, False, False), "DOIs removed from every second file": (True, False, False),
            "and those files' titles in capitals or truncated, first names as initials": (True, True, False),
            "and look-alikes of every second work (erratum, comment, protocol, conference abstract, follow-up)":
                (True, True, True)}  # fmt: skip
    labelled_sets()
    for name, (drop, messy, looks) in runs.items():
        m = evaluate(drop, messy, looks)
        print(f"{name}: " + ", ".join(f"{k} {v:.4f}" if isinstance(v, float) else f"{k} {v}" for k, v in m.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
