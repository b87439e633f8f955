"""Coverage-guided fuzzing of every msccite reader with atheris (``pip install atheris``).

Run (for five minutes, keeping the corpus of interesting inputs):

    python fuzz/fuzz_readers.py fuzz/corpus -max_total_time=300

Each input is split: its first byte picks the format (all registered readers, in order), the rest is
decoded as UTF-8 (errors replaced) and read in collect mode. Anything but MscciteError escaping is a
crash: atheris stops and writes the input to ``crash-*``; fix the bug and keep the input as a
regression fixture ``tests/data/fuzz/<format>--<what>.txt`` (``tests/test_fuzz.py`` reads them all).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import msccite
    from msccite import registry

READERS = [f.name for f in registry.all_formats() if f.can_read]


def one_input(data: bytes) -> None:
    if not data:
        return
    fmt = READERS[data[0] % len(READERS)]
    text = data[1:].decode("utf-8", "replace")
    try:
        for rec in msccite.loads(text, fmt, errors="collect"):
            rec.to_csl()
    except msccite.MscciteError:
        pass


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
