"""Coverage-guided fuzzing of every msccite reader with atheris (``pip install atheris``).

Run (seed the corpus from the test fixtures, then fuzz for ten minutes, keeping what is interesting):

    python fuzz/make_corpus.py
    python fuzz/fuzz_readers.py fuzz/corpus -max_total_time=600

Each input is split: its first byte picks the format (all registered readers, in order) and the
path in: below 128 the rest is decoded as UTF-8 (errors replaced) and given to ``loads``; from 128
on the rest goes in as bytes through ``read``, so encoding sniffing and decoding are fuzzed too.
Both read in collect mode. Anything but MscciteError escaping is a
crash: atheris stops and writes the input to ``crash-*``; fix the bug and keep the input as a
regression fixture ``tests/data/fuzz/<format>--<what>.txt`` (``tests/test_fuzz.py`` reads them all).

To find more than the first crash in one run, set ``MSCCITE_FUZZ_CRASHES`` to a folder: each
crash is then written there, one file per distinct place (exception type, file and line, the
shortest input kept), and fuzzing goes on.
"""

from __future__ import annotations

import io
import os
import sys
import traceback

import atheris

with atheris.instrument_imports():
    import msccite
    from msccite import registry

    # the format modules are imported here, inside the block, so that they are instrumented too
    READERS = [f.name for f in registry.all_formats() if f.can_read]


def one_input(data: bytes) -> None:
    if not data:
        return
    fmt = READERS[(data[0] & 0x7F) % len(READERS)]
    try:
        if data[0] & 0x80:
            records = msccite.read(io.BytesIO(data[1:]), fmt, errors="collect")
        else:
            records = msccite.loads(data[1:].decode("utf-8", "replace"), fmt, errors="collect")
        for rec in records:
            rec.to_csl()
    except msccite.MscciteError:
        pass
    except Exception as exc:
        if not CRASHES:
            raise
        _keep(data, exc)


CRASHES = os.environ.get("MSCCITE_FUZZ_CRASHES")


def _keep(data: bytes, exc: Exception) -> None:
    """Write the input under a name for the place it crashed, keeping the shortest one."""
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    place = f"{type(exc).__name__}-{os.path.basename(frame.filename)}-{frame.lineno}"
    path = os.path.join(CRASHES, place)  # type: ignore[arg-type]
    if not os.path.exists(path) or os.path.getsize(path) > len(data):
        with open(path, "wb") as out:
            out.write(data)


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
