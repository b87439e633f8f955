"""Encodings and line ends: what the readers receive, whatever the bytes were."""

from __future__ import annotations

import codecs
import io
import os
import subprocess
import sys

import pytest

import msccite
from msccite.textio import iter_lines, open_input, sniff_encoding
from paths import ROOT

RIS = "TY  - JOUR\nTI  - Törnqvist Andrén – ß\nER  - \n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (RIS.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + RIS.encode("utf-8"), "utf-8-sig"),
        (RIS.encode("utf-16"), "utf-16"),  # with BOM
        (RIS.encode("utf-16-le"), "utf-16-le"),  # EndNote on Windows: no BOM
        (RIS.encode("utf-16-be"), "utf-16-be"),
        (RIS.encode("utf-32"), "utf-32"),
    ],
)
def test_encodings_are_detected_and_read(data, encoding):
    assert sniff_encoding(data) == encoding
    rec = msccite.read(io.BytesIO(data))[0]
    assert rec.title == "Törnqvist Andrén – ß"


def test_invalid_utf8_bytes_fall_back_to_cp1252_and_are_reported():
    data = "TY  - JOUR\nTI  - caf\u00e9 \u201cq\u201d\nER  - \n".encode("cp1252")
    records = msccite.read(io.BytesIO(data), errors="collect")
    assert records[0].title == "café “q”"
    assert [p.message for p in records.problems] == ["3 byte(s) were not valid UTF-8 and were read as cp1252"]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_ends(newline):
    data = RIS.replace("\n", newline).encode("utf-8")
    with open_input(io.BytesIO(data)) as inp:
        assert list(inp.lines()) == ["TY  - JOUR", "TI  - Törnqvist Andrén – ß", "ER  - "]


def test_iter_lines_splits_only_on_real_line_ends():
    assert list(iter_lines("a\u2028b\r\nc\rd\n")) == ["a\u2028b", "c", "d"]


def test_a_long_input_streams_past_the_detection_sample(tmp_path):
    path = tmp_path / "big.ris"
    path.write_text("".join(f"TY  - JOUR\nTI  - Title {i}\nER  - \n" for i in range(5000)), encoding="utf-8")
    titles = [r.title for r in msccite.iter_records(path)]
    assert len(titles) == 5000 and titles[-1] == "Title 4999"


def test_bytes_that_only_look_like_utf16_give_a_clear_error_not_a_decode_traceback(tmp_path):
    with pytest.raises(msccite.ParseError, match=r"bad.ris: cannot decode the input as utf-16-be .*--encoding"):
        (tmp_path / "bad.ris").write_bytes(b"\x00\x01\xdc\x01")
        msccite.read(tmp_path / "bad.ris")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    command = [sys.executable, "-m", "msccite", "convert", str(tmp_path / "bad.ris"), "-t", "ris"]
    proc = subprocess.run(command, capture_output=True, text=True, env=env)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and "cannot decode" in proc.stderr
