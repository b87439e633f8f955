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
    print(f"{written} seeds in {out}")


if __name__ == "__main__":
    main()
