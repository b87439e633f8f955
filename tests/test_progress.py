"""The progress line: shown on a terminal only, at most every ``interval`` seconds, erased at the end."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys

import pytest

import msccite.cli
import msccite.parallel
from msccite.cli import main
from msccite.progress import Progress, progress_for
from msccite.textio import open_input, text_input
from paths import ROOT


class FakeTTY(io.StringIO):
    """A stream that says it is a terminal and keeps what is written to it."""

    def isatty(self) -> bool:
        if self.closed:
            raise ValueError("I/O operation on closed file")  # as a real file does
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Source:
    def __init__(self, n: int) -> None:
        self.bytes_read = n


def ris(n: int) -> str:
    return "".join(f"TY  - JOUR\nTI  - Trial {i}\nAU  - Kadri, Anton\nPY  - 2020\nER  - \n\n" for i in range(n))


def test_shown_only_on_a_terminal_and_not_when_quiet():
    assert isinstance(progress_for(False, FakeTTY()), Progress)
    assert progress_for(True, FakeTTY()) is None
    assert progress_for(False, io.StringIO()) is None  # a pipe or a file: isatty() is False
    closed = FakeTTY()
    closed.close()
    assert progress_for(False, closed) is None


def test_redrawn_at_most_once_per_interval_with_rate_and_bytes_then_erased():
    stream, clock = FakeTTY(), Clock()
    bar = Progress(stream, interval=0.5, clock=clock)
    bar.watch(Source(3_000_000))
    seen = []
    for i, rec in enumerate(bar.wrap(range(50))):
        seen.append(rec)
        clock.now += 0.125  # 8 records a second: a redraw every 4 records, not one per record
        if i == 9:
            assert stream.getvalue().count("\r") == 2  # at the 5th and the 9th record
            assert stream.getvalue().rstrip().endswith("\rmsccite: 9 records, 9 records/s, 3.0 MB read")
    assert seen == list(range(50))
    out = stream.getvalue()
    assert out.count("msccite:") == 12  # records 5, 9, ... 49
    assert out.endswith("\r") and out.rsplit("\r", 2)[-2].strip() == ""  # the last write erases the line


def test_bytes_of_finished_inputs_add_up():
    bar = Progress(FakeTTY(), clock=Clock())
    bar.watch(Source(1000))
    bar.watch(Source(500))
    assert bar.bytes_read() == 1500


def on_a_terminal(tmp_path, monkeypatch, n: int) -> tuple:
    """An n-record RIS file, the output path, and stderr as a terminal that sees every redraw."""
    path, out = tmp_path / "a.ris", tmp_path / "out.bib"
    path.write_text(ris(n), encoding="utf-8")
    stream = FakeTTY()
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.setattr(msccite.cli, "progress_for", lambda quiet: progress_for(quiet, interval=0.0))
    return path, out, stream


def test_convert_with_jobs_counts_the_records_of_every_worker(tmp_path, monkeypatch):
    path, out, stream = on_a_terminal(tmp_path, monkeypatch, 3000)
    monkeypatch.setattr(msccite.parallel, "MIN_PART", 20_000)  # parts of a small file, for the test
    assert main(["convert", str(path), "-o", str(out), "--jobs", "2"]) == 0
    counts = [int(m) for m in re.findall(r"msccite: ([0-9,]+) records", stream.getvalue().replace(",", ""))]
    assert len(counts) > 2 and counts == sorted(counts) and counts[-1] == 3000  # every part's records, in order
    assert stream.getvalue().endswith("\r") and out.read_text(encoding="utf-8").count("@article{") == 3000


def test_a_problem_message_starts_on_a_clean_line():
    stream, clock = FakeTTY(), Clock()
    bar = Progress(stream, interval=0.0, clock=clock)
    heard = []
    report = bar.before(lambda err: heard.append(stream.getvalue()))
    for _ in bar.wrap(range(3)):
        clock.now += 1
    bar.draw()
    report("boom")
    assert heard and heard[0].endswith("\r")  # erased before the message is printed
    assert bar.records == 3


def test_input_counts_the_bytes_it_has_read(tmp_path):
    path = tmp_path / "a.ris"
    path.write_text(ris(3000), encoding="utf-8")
    inp = open_input(path)
    try:
        first = inp.bytes_read
        assert sum(1 for _ in inp.lines()) == 3000 * 6
        assert 0 < first <= inp.bytes_read == path.stat().st_size
    finally:
        inp.close()
    assert text_input("TY  - JOUR\n").bytes_read == 0  # a string: nothing read from a file


def test_convert_shows_the_line_on_a_terminal_and_erases_it(tmp_path, monkeypatch):
    path, out, stream = on_a_terminal(tmp_path, monkeypatch, 200)
    assert main(["convert", str(path), "-o", str(out)]) == 0
    text = stream.getvalue()
    assert "msccite: 199 records" in text and "records/s" in text and " MB read" in text
    last = text.rsplit("\r", 2)
    assert last[-1] == "" and last[-2].strip() == ""  # erased before the report (none for clean records)
    assert out.read_text(encoding="utf-8").count("@article{") == 200

    quiet = FakeTTY()
    monkeypatch.setattr(sys, "stderr", quiet)
    assert main(["convert", str(path), "-o", str(out), "--quiet"]) == 0
    assert "records/s" not in quiet.getvalue()


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_on_a_real_terminal_the_screen_is_left_clean(tmp_path):
    import pty

    path = tmp_path / "a.ris"
    path.write_text(ris(3000), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    for extra, bar_allowed in (([], True), (["--quiet"], False)):
        leader, follower = pty.openpty()
        proc = subprocess.Popen([sys.executable, "-m", "msccite", "convert", str(path), "-o", str(tmp_path / "o.bib"),
                                 *extra], stderr=follower, stdout=subprocess.DEVNULL, env=env)  # fmt: skip
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        os.close(leader)
        assert proc.wait(timeout=120) == 0
        text = b"".join(chunks).decode("utf-8")
        assert ("records/s" in text) <= bar_allowed
        assert text.rsplit("\r", 1)[-1].strip() == ""  # nothing of the line is left on the screen
