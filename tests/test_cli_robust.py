"""The command line on bad input: one clear line per problem, no traceback, output written atomically.

Each case runs ``python -m msccite`` in a real process, as a user would (see tests/test_cli.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import msccite
from msccite import registry
from paths import ROOT, SEEDS

READERS = [f.name for f in registry.all_formats() if f.can_read]
SEED = SEEDS / "003_98c53ee05b756194.txt"
DATA = ROOT / "tests" / "data"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "msccite", *args], input=stdin, capture_output=True, text=True,
                          timeout=120, env=env)  # fmt: skip


def run_code(code: str) -> subprocess.CompletedProcess:
    """Python code in a fresh process (to break a writer or a reader on purpose before calling the CLI)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)


# -- empty files and binary garbage ----------------------------------------------------------------
EMPTY_AND_BINARY = [(b"", "the input is empty"), (b" \n\t\r\n", "the input is empty"),
                    (bytes(range(256)) * 8, "the input looks like binary data"),
                    (b"\x7fELF\x02\x01\x01" + bytes(500), "the input looks like binary data")]  # fmt: skip


@pytest.mark.parametrize(("data", "what"), EMPTY_AND_BINARY, ids=["empty", "blank", "bytes", "elf"])
@pytest.mark.parametrize("fmt", [None, "ris", "bibtex", "csl-json", "endnote-xml"])
def test_empty_and_binary_files_give_one_line_and_exit_1(tmp_path, data, what, fmt):
    path = tmp_path / "in.ris"
    path.write_bytes(data)
    proc = run("convert", str(path), "-t", "ris", *(["-f", fmt] if fmt else []))
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [f"{path}: not a citation file: {what}"]
    assert proc.stdout == ""


@pytest.mark.parametrize(("data", "what"), EMPTY_AND_BINARY, ids=["empty", "blank", "bytes", "elf"])
@pytest.mark.parametrize("fmt", READERS)
def test_every_reader_refuses_empty_and_binary_input_when_named(tmp_path, fmt, data, what):
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    records = msccite.read(path, fmt, errors="collect")
    assert list(records) == []
    assert [str(p) for p in records.problems] == [f"{path}: not a citation file: {what}"]
    with pytest.raises(msccite.ParseError, match="not a citation file"):
        msccite.read(path, fmt)


def test_detect_says_unknown_for_empty_and_binary(tmp_path):
    (tmp_path / "e.txt").write_bytes(b"")
    (tmp_path / "b.bin").write_bytes(bytes(range(256)) * 4)
    proc = run("detect", str(tmp_path / "e.txt"), str(tmp_path / "b.bin"))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stdout.splitlines() == [f"{tmp_path / 'e.txt'}\tunknown\tnot a citation file: the input is empty",
                                        f"{tmp_path / 'b.bin'}\tunknown\tnot a citation file: the input looks like "
                                        "binary data"]  # fmt: skip


# -- truncated files: the last record is kept and the damage reported --------------------------------
TRUNCATED = {
    # fmt: (text, number of records kept, the line reported, exit status)
    "ris": ("TY  - JOUR\nTI  - one\nER  - \nTY  - JOUR\nTI  - two\nAU  - Doe, J.", 2, 6, 0),
    "bibtex": ("@article{a,\n title = {one}\n}\n@article{b,\n title = {two},\n author = {Doe, J.", 2, 4, 1),
    "wos": ("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI one\nER\n\nPT J\nTI two\nAU Doe, J", 2, 9, 0),
    "csl-json": ('[{"id": "a", "type": "book", "title": "one"},\n {"id": "b", "type": "book", "title": "two"},\n'
                 ' {"id": "c", "type": "bo', 2, 3, 1),
    "endnote-xml": ((DATA / "endnote_xml" / "endnote20.xml").read_text(encoding="utf-8")[:-300], 4, None, 1),
    "pubmed-xml": ((DATA / "pubmed_xml" / "efetch.xml").read_text(encoding="utf-8")[:-300], 3, None, 1),
    # no end marker in these formats: a cut record is just a shorter one, and nothing is reported
    "medline": ("PMID- 1\nTI  - one\n\nPMID- 2\nTI  - two\nAB  - cut he", 2, None, 0),
    "endnote": ("%0 Journal Article\n%T one\n\n%0 Journal Article\n%T two\n%A Doe,", 2, None, 0),
}  # fmt: skip


@pytest.mark.parametrize("fmt", sorted(TRUNCATED))
def test_a_truncated_file_keeps_the_last_record_and_reports_it(tmp_path, fmt):
    text, kept, line, status = TRUNCATED[fmt]
    path = tmp_path / "cut.txt"
    path.write_text(text, encoding="utf-8")
    proc = run("convert", str(path), "-f", fmt, "-t", "csl-json")
    assert proc.returncode == status, proc.stderr
    assert "Traceback" not in proc.stderr
    items = json.loads(proc.stdout)
    assert len(items) == kept
    if fmt in ("ris", "bibtex", "wos", "medline", "endnote"):
        assert items[-1]["title"] == "two"  # the cut record itself
    if line is not None:
        assert proc.stderr.startswith(f"{path}:{line}: ")
    elif status:
        assert proc.stderr.startswith(f"{path}:")


def test_bibtex_entry_cut_inside_a_quoted_value_is_reported_not_kept():
    records = msccite.loads('@article{a, title = {one}}\n@article{b,\n title = "tw', "bibtex", errors="collect")
    assert [r.id for r in records] == ["a"]
    assert [p.line for p in records.problems] == [2] and "skipped" in records.problems[0].message


def test_csl_json_garbage_after_good_items_keeps_them():
    text = '[{"id": "a", "type": "book"},\n {"id": "b", "type": "book"},\n garbage, {"id": "c", "type": "book"}]'
    records = msccite.loads(text, "csl-json", errors="collect")
    assert [r.id for r in records] == ["a", "b"]
    assert [(p.line, p.message.split(":")[0]) for p in records.problems] == [(3, "not valid JSON")]
    assert records.problems[0].message.endswith("the 2 complete item(s) before it are kept")


# -- broken records: every problem as file:line, the good records still written ----------------------
BROKEN = {
    "ris": "TY  - JOUR\nTI  - one\nER  - \ngarbage line\nTY  - JOUR\nTI  - two\nER  - \nAU  - x\n"
           "TY  - JOUR\nTI  - three\nER  - \n",
    "medline": "PMID- 1\nTI  - one\ngarbage one\n\nPMID- 2\nTI  - two\ngarbage two\n\nPMID- 3\nTI  - three\n",
    "bibtex": "@article{a,\n title = {one}\n}\n@article{b,\n title = {two\n\n@article{c,\n title = {three}\n}\n"
              "@article{d,\n title = {four},\n = x\n}\n@article{e, title = {five}}\n",
    "wos": "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI one\nER\ngarbage\nPT J\nTI two\nER\n"
           "more garbage\nPT J\nTI three\nER\nEF\n",
    "kv": "title | one |\n---|---|\nauthor | Doe, J. |\nformat | Article |\nlanguage | English |\nid | 1 |\n"
          "garbage\ntopic | x |\nstray text\n",
}  # fmt: skip


@pytest.mark.parametrize("fmt", sorted(BROKEN))
def test_each_problem_is_one_file_line_message_and_strict_stops_at_the_first(tmp_path, fmt):
    path = tmp_path / "broken.txt"
    path.write_text(BROKEN[fmt], encoding="utf-8")
    out = tmp_path / "out.json"
    proc = run("convert", str(path), "-f", fmt, "-o", str(out))
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if not line.startswith("msccite: ")]  # not the report
    assert len(lines) >= 2 and all(line.startswith(f"{path}:") for line in lines), lines
    where = [int(line.split(":")[1]) for line in lines]
    assert where == sorted(where)  # in file order
    kept = json.loads(out.read_text(encoding="utf-8"))
    assert len(kept) >= (1 if fmt == "kv" else 3)
    strict = run("convert", str(path), "-f", fmt, "-o", str(tmp_path / "strict.json"), "--strict")
    errors = [line for line in lines if ": warning: " not in line]
    if errors:  # --strict stops at the first error: one line, no output file
        assert strict.returncode == 1 and strict.stderr.splitlines()[-1] == errors[0]
        assert not (tmp_path / "strict.json").exists()
    else:
        assert strict.returncode == 0


# -- internal errors: one line and a hint, --debug for the traceback ----------------------------------
BREAK_READER = """
import importlib, sys
ris = importlib.import_module("msccite.formats.ris")  # msccite.formats is also the name of a function
def read(lines, ctx):
    raise RuntimeError("boom")
ris.read = read
from msccite.cli import main
sys.exit(main({args!r}))
"""


def test_an_internal_error_is_one_line_with_a_hint_and_exit_3():
    proc = run_code(BREAK_READER.format(args=["convert", str(SEED), "-t", "ris"]))
    assert proc.returncode == 3
    assert proc.stderr.splitlines() == ["msccite: internal error: RuntimeError: boom (this is a bug: please report it; "
                                        "--debug shows the traceback)"]  # fmt: skip


def test_debug_shows_the_traceback_of_an_internal_error():
    proc = run_code(BREAK_READER.format(args=["--debug", "convert", str(SEED), "-t", "ris"]))
    assert proc.returncode == 1  # the exception escapes main: Python's own exit status
    assert "Traceback (most recent call last)" in proc.stderr and "RuntimeError: boom" in proc.stderr
    assert 'ris.py' not in proc.stderr.splitlines()[-1]


@pytest.mark.parametrize(
    "path",
    sorted(p for p in DATA.glob("*/*") if p.is_file() and p.parent.name not in ("corpus", "fuzz"))
    + sorted(SEEDS.glob("*.txt")),
    ids=lambda p: p.name,
)
def test_no_traceback_for_damaged_real_files(tmp_path, path):
    """Each fixture cut in half and with a stretch of bytes flipped: problems are lines, never a traceback."""
    data = path.read_bytes()
    half = data[: len(data) // 2]
    middle = len(half) // 2
    damaged = half[:middle] + bytes(b ^ 0x5A for b in half[middle : middle + 64]) + half[middle + 64 :]
    target = tmp_path / path.name
    target.write_bytes(damaged)
    proc = run("convert", str(target), "-t", "csl-json", "-o", str(tmp_path / "out.json"))
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    assert all(line.startswith((str(target), "msccite: ")) for line in proc.stderr.splitlines()), proc.stderr


# -- atomic output, and -o naming the input -------------------------------------------------------------
def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith(".msccite-"))


def test_output_naming_the_input_is_rewritten_correctly(tmp_path):
    path = tmp_path / "refs.ris"
    path.write_bytes(SEED.read_bytes())
    expected = run("convert", str(SEED), "-t", "ris").stdout
    proc = run("convert", str(path), "-o", str(path), "--in-place")
    assert proc.returncode == 0, proc.stderr
    assert path.read_text(encoding="utf-8") == expected
    assert msccite.read(path)[0].title == msccite.read(SEED)[0].title
    assert _leftovers(tmp_path) == []


def test_strict_failure_leaves_the_input_named_as_output_unchanged(tmp_path):
    path = tmp_path / "refs.ris"
    original = "TY  - JOUR\nTI  - A\nER  - \nAU  - stray\nTY  - JOUR\nTI  - B\nER  - \n"
    path.write_text(original, encoding="utf-8")
    proc = run("convert", str(path), "-o", str(path), "--in-place", "--strict")
    assert proc.returncode == 1 and f"{path}:4: AU before TY" in proc.stderr
    assert path.read_text(encoding="utf-8") == original
    assert _leftovers(tmp_path) == []


BREAK_WRITER = """
import importlib, sys
ris = importlib.import_module("msccite.formats.ris")
def write(records, out, ctx):
    out.write("TY  - JOUR\\nTI  - half a fi")
    out.flush()
    raise {error}
ris.write = write
from msccite.cli import main
sys.exit(main({args!r}))
"""


@pytest.mark.parametrize(("error", "status"), [("RuntimeError('disk on fire')", 3), ("KeyboardInterrupt()", 130),
                                               ("OSError(28, 'No space left on device')", 1)])  # fmt: skip
def test_a_writer_failing_half_way_leaves_the_input_unchanged(tmp_path, error, status):
    path = tmp_path / "refs.ris"
    path.write_bytes(SEED.read_bytes())
    args = ["convert", str(path), "-o", str(path), "--in-place", "-t", "ris"]
    proc = run_code(BREAK_WRITER.format(error=error, args=args))
    assert proc.returncode == status, proc.stderr
    assert "Traceback" not in proc.stderr
    assert path.read_bytes() == SEED.read_bytes()
    assert _leftovers(tmp_path) == []


def test_a_damaged_gzip_input_is_reported_and_the_others_are_converted(tmp_path):
    bad = tmp_path / "bad.ris.gz"
    bad.write_bytes(b"\x1f\x8b" + b"not gzip at all" * 10)
    good = ROOT / "tests" / "data" / "medline" / "eric.nbib"
    out = subprocess.run([sys.executable, "-m", "msccite", "convert", str(bad), str(good), "-t", "ris"],
                         capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "src")})  # fmt: skip
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert f"{bad}: cannot decompress the input" in out.stderr
    assert out.stdout.count("TY  - ") == len(msccite.read(good))
