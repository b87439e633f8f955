"""The RIS reader on inputs far larger than one read: lines, line numbers and values do not depend
on where the reads of the file end (the reader splits the decoded text into lines in bulk)."""

from __future__ import annotations

import time

import pytest

import msccite


def _records(n: int) -> list[str]:
    out = []
    for i in range(n):
        out += ["TY  - JOUR", f"TI  - Title {i} ünïcode", f"AU  - Doe{i}, Jane", "AB  - first line",
                "  second line of the abstract", "", f"KW  - k{i}", "ER  - ",
                "", "text between the records"]  # fmt: skip
    return out


def _state(records: msccite.Records) -> list[tuple]:
    return [(r.source.line, r.fields, r.extra) for r in records]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_file_of_many_reads_reads_as_the_same_text_in_memory(tmp_path, newline):
    lines = _records(3000)  # about 300 KB: past the detection sample and many 8 KiB reads
    lines[20006] = "KW  - a NUL\x00 byte far in"
    text = newline.join(lines)
    path = tmp_path / "big.ris"
    path.write_bytes(text.encode("utf-8"))
    from_file = msccite.read(path, "ris", errors="collect")
    from_text = msccite.loads(text, "ris", errors="collect")
    assert len(from_file) == len(from_text) == 3000
    assert _state(from_file) == _state(from_text)
    problems = [(p.line, p.message) for p in from_file.problems]
    assert problems == [(p.line, p.message) for p in from_text.problems]
    assert (20007, "NUL byte(s) removed from the line") in problems
    strays = [line for line, message in problems if message.startswith("text outside a record")]
    assert strays == [i + 1 for i, line in enumerate(lines) if line == "text between the records"]
    assert from_file[2999].source.line == 29991
    assert from_file[5]["abstract"] == "first line\n  second line of the abstract"
    assert from_file[2000]["keyword"] == ["a NUL byte far in"]


def test_a_value_on_one_very_long_line_reads_in_linear_time(tmp_path):
    path = tmp_path / "long.ris"
    path.write_text("TY  - JOUR\nAB  - " + "word " * 2_000_000 + "\nER  - \n", encoding="utf-8")
    t = time.perf_counter()
    (rec,) = msccite.read(path, "ris")
    assert len(rec["abstract"]) == 10_000_000 - 1
    assert time.perf_counter() - t < 10  # quadratic joining of 8 KiB reads would take minutes
