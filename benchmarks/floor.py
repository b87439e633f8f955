"""The pure-Python floor: the least work any converter written in Python does for the benchmark's jobs.

    python benchmarks/floor.py ris-bibtex IN.ris OUT.bib
    python benchmarks/floor.py bibtex-json IN.bib OUT.json

``ris-bibtex`` splits the lines, groups the values of each record by tag and writes one BibTeX entry
per record with every value copied as it is: no LaTeX escaping, no names, no normalization, no line
numbers, no report. ``bibtex-json`` finds entries and brace-delimited fields with two regular
expressions (the C regex engine does the scanning) and hands the dicts to ``json.dumps``: no LaTeX
decoding, no names, no macros or quotes. Neither is a correct converter; they show how fast a
correct one written in Python could at best be, so that the benchmark's ratios can be read against it.
"""

from __future__ import annotations

import json
import re
import sys

ENTRY = re.compile(r"@(\w+)\s*\{\s*([^,\s]+)\s*,(.*?)\n\}", re.S)
FIELD = re.compile(r"(\w+)\s*=\s*\{((?:[^{}]++|\{[^{}]*\})*+)\}")


def ris_bibtex(src: str, dst: str) -> int:
    records: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] = {}
    with open(src, encoding="utf-8") as f:
        for line in f:
            tag = line[:2]
            if tag == "ER":
                records.append(current)
                current = {}
            elif line[2:6] == "  - ":
                current.setdefault(tag, []).append(line[6:].rstrip("\n"))
    with open(dst, "w", encoding="utf-8") as out:
        for i, rec in enumerate(records):
            fields = ",\n".join(f"  {tag} = {{{' and '.join(values)}}}" for tag, values in rec.items())
            out.write(f"@article{{r{i},\n{fields}\n}}\n\n")
    return len(records)


def bibtex_json(src: str, dst: str) -> int:
    with open(src, encoding="utf-8") as f:
        text = f.read()
    items = [{"id": m.group(2), "type": m.group(1), **dict(FIELD.findall(m.group(3)))} for m in ENTRY.finditer(text)]
    with open(dst, "w", encoding="utf-8") as out:
        out.write(json.dumps(items, ensure_ascii=False))
    return len(items)


if __name__ == "__main__":
    job, src, dst = sys.argv[1:4]
    n = {"ris-bibtex": ris_bibtex, "bibtex-json": bibtex_json}[job](src, dst)
    print(n, "records", file=sys.stderr)
