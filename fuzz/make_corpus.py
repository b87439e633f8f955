"""Write the seed inputs of the fuzz corpus: a few KB of each test fixture, tagged with its format's byte.

    python fuzz/make_corpus.py            # writes fuzz/corpus/seed-<format>-<file>
    python fuzz/fuzz_readers.py fuzz/corpus -max_total_time=600

The harness reads the first byte of an input as the format (its index among the registered
readers; +128 for the bytes path), so each seed starts with that byte. Run again after a format
is added: the indexes follow the registry. libFuzzer adds what it finds to the same folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from msccite import registry  # noqa: E402

SEED_BYTES = 4096  # small seeds mutate fast; the start of a file holds its structure


def seed_files() -> list[Path]:
    data = ROOT / "tests" / "data"
    files = [p for p in sorted(data.glob("*/*")) if p.is_file() and p.parent.name != "fuzz"]
    files += sorted((ROOT / "seeds").glob("*.txt"))
    return [p for p in files if not p.name.startswith(("README", "LICENSE", "ORIGIN"))]


def hostile_seeds() -> dict[str, list[bytes]]:
    """Small forms of the hostile shapes of issue 30 (tests/test_hostile_*.py hold the large ones), by format:
    a number past Python's 4,300-digit int limit, a lone surrogate and NaN in JSON, a BOM in the middle of a file,
    long white-space runs in names and identifiers, many case-protecting groups, a blank line and an ``@`` inside a
    braced BibTeX value, NULs after a header."""
    big = "9" * 4400
    spaces = " " * 3000
    ris = "TY  - JOUR\nTI  - {t}\nSP  - {p}\nPY  - {y}\nDO  - {d}\nER  - \n"
    return {
        "ris": [
            ris.format(t="A", p=big, y="2020", d="10.1/x").encode(),
            ris.format(t="A", p="1", y=big, d="10.1/x").encode(),
            ris.format(t="A", p="1", y="2020", d="10.1/" + spaces + "x").encode(),
            (ris.format(t="A", p="1", y="2020", d="10.1/x") + "\ufeff" + ris.format(t="B", p="2", y="2021", d="10.1/y"))
            .encode(),
            b"TY  - JOUR\nTI  - " + b"\0" * 3000,
        ],
        "bibtex": [
            ("@article{a, title = {" + "{A}" * 1300 + "}, year = 2020}").encode(),
            ("@article{a, author = {Doe, J." + spaces + "and" + spaces + "Roe, K.}, month = " + big + "}").encode(),
            b"@article{a, abstract = {one\n\n@article{b, title = {inside}}\n}, year = 2020}\n@article{c, year = 2021}",
        ],
        "csl-json": [
            b'[{"id": "a", "type": "book", "title": "\\ud800"}, {"id": "b", "type": "book"}]',
            b'[{"id": "a", "type": "book", "issued": {"date-parts": [[2020, NaN]]}}]',
            ('[{"id": "a", "type": "book", "page": ' + big + "}]").encode(),
        ],
        "medline": [("PMID- 1\nTI  - A\nDP  - " + big + "\n").encode()],
    }


def main() -> None:
    readers = [f.name for f in registry.all_formats() if f.can_read]
    out = ROOT / "fuzz" / "corpus"
    out.mkdir(exist_ok=True)
    written = 0
    for path in seed_files():
        head = path.read_bytes()[:SEED_BYTES]
        try:
            fmt = registry.detect_name(head.decode("utf-8", "replace"))
        except Exception:  # noqa: BLE001 - a page no reader knows yet: seed every text reader with it
            fmt = None
        for index, name in enumerate(readers):
            if fmt is not None and name != fmt:
                continue
            (out / f"seed-{name}-{path.name}").write_bytes(bytes([index]) + head)
            (out / f"seed-{name}-{path.name}.bytes").write_bytes(bytes([index + 128]) + head)
            written += 2
    index_of = {name: i for i, name in enumerate(readers)}
    for name, shapes in hostile_seeds().items():
        for n, data in enumerate(shapes):
            (out / f"hostile-{name}-{n}").write_bytes(bytes([index_of[name]]) + data)
            (out / f"hostile-{name}-{n}.bytes").write_bytes(bytes([index_of[name] + 128]) + data)
            written += 2
    print(f"{written} seeds in {out}")


if __name__ == "__main__":
    main()
