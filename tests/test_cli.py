"""The command line, run as a user runs it: a real process, real files, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import msccite
from paths import RIS_CORPUS, ROOT, SEEDS

SEED = str(SEEDS / "003_98c53ee05b756194.txt")


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    # The checkout's own sources, whatever copy of msccite is installed (worktrees, clean clones).
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "msccite", *args], input=stdin, capture_output=True, text=True,
                          timeout=120, env=env)  # fmt: skip


def test_convert_to_stdout():
    proc = run("convert", SEED, "-t", "csl-json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data[0]["title"].startswith("A phase I study")  # as the RIS had it: no nocase span of ours
    assert len(data[0]["author"]) == 19


def test_convert_from_stdin_to_stdout():
    with open(SEED, encoding="utf-8") as handle:
        proc = run("convert", "-", "-f", "ris", "-t", "ris", stdin=handle.read())
    assert proc.returncode == 0 and proc.stdout.startswith("TY  - JOUR\nT1  - A phase I study")


def test_convert_to_a_file_takes_the_format_from_its_extension(tmp_path):
    out = tmp_path / "out.json"
    proc = run("convert", SEED, str(RIS_CORPUS[0]), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 101  # several inputs are concatenated


def test_detect_prints_path_format_and_count():
    proc = run("detect", SEED, str(RIS_CORPUS[0]))
    assert proc.returncode == 0
    assert proc.stdout.splitlines() == [f"{SEED}\tris\t1 record", f"{RIS_CORPUS[0]}\tris\t100 records"]


def test_formats_lists_ris_and_csl_json():
    out = run("formats").stdout
    assert any(line.startswith("ris ") and "read/write" in line for line in out.splitlines())
    assert any(line.startswith("csl-json ") for line in out.splitlines())


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["convert", SEED], 2, "name the output format with -t/--to"),
        (["convert", SEED, "-t", "nope"], 2, "unknown format 'nope'"),
        (["convert", "missing.ris", "-t", "ris"], 1, "missing.ris: cannot read: No such file or directory"),
        ([], 2, "usage: msccite"),
    ],
)
def test_usage_and_input_errors_are_one_clear_line(args, code, message):
    proc = run(*args)
    assert proc.returncode == code
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_bad_input_prints_file_line_message_and_still_writes_the_good_records(tmp_path):
    bad = tmp_path / "bad.ris"
    bad.write_text("AU  - Doe, J.\nTY  - JOUR\nTI  - Good\nER  - \n", encoding="utf-8")
    proc = run("convert", str(bad), "-t", "ris")
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[0] == f"{bad}:1: AU before TY: lines up to the next TY skipped"
    assert "TI  - Good" in proc.stdout and "Traceback" not in proc.stderr


def test_binary_garbage_and_empty_files(tmp_path):
    empty = tmp_path / "empty.ris"
    empty.write_bytes(b"")
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(bytes(range(256)) * 8)
    for path, what in ((empty, "the input is empty"), (garbage, "the input looks like binary data")):
        proc = run("convert", str(path), "-t", "ris")
        assert proc.returncode == 1 and f"not a citation file: {what}" in proc.stderr
        assert "Traceback" not in proc.stderr


def test_strict_stops_at_the_first_problem(tmp_path):
    bad = tmp_path / "bad.ris"
    bad.write_text("TY  - JOUR\nTI  - A\nER  - \nAU  - x\nTY  - JOUR\nTI  - B\nER  - \n", encoding="utf-8")
    proc = run("convert", str(bad), "-t", "ris", "--strict", "-o", str(tmp_path / "out.ris"))
    assert proc.returncode == 1 and ":4: AU before TY" in proc.stderr
    assert not (tmp_path / "out.ris").exists()  # atomic: no half file


def test_output_may_name_the_input_with_in_place(tmp_path):
    path = tmp_path / "refs.ris"
    path.write_bytes(Path(SEED).read_bytes())
    proc = run("convert", str(path), "-t", "ris", "--raw", "-o", str(path))
    assert proc.returncode == 2 and "--in-place" in proc.stderr  # refused: the input would be overwritten
    assert path.read_bytes() == Path(SEED).read_bytes()
    proc = run("convert", str(path), "-t", "ris", "--raw", "-o", str(path), "--in-place")
    assert proc.returncode == 0
    assert path.read_text(encoding="utf-8").count("AU  - ") == 19


def test_convert_ris_seed_to_bibtex_as_the_readme_says():
    proc = run("convert", SEED, "-t", "bibtex")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("@article{")
    rec = msccite.loads(proc.stdout, "bibtex")[0]
    assert rec["DOI"] == msccite.read(SEED)[0]["DOI"]


def test_convert_to_bibtex_ascii_and_crossref(tmp_path):
    out = tmp_path / "out.bib"
    src = ROOT / "tests" / "data" / "bibtex" / "macros.bib"
    proc = run("convert", str(src), "--crossref", "--ascii", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    assert text.isascii()
    assert "booktitle = {Proceedings of the Cell Therapy Conference}" in text or \
        "journal = {Proceedings of the Cell Therapy Conference}" in text  # fmt: skip


def test_broken_bibtex_names_file_and_line_without_traceback():
    proc = run("convert", str(ROOT / "tests" / "data" / "bibtex" / "broken.bib"), "-t", "csl-json")
    assert proc.returncode == 1
    assert "broken.bib:7: the entry is not closed" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(json.loads(proc.stdout)) == 3


def test_convert_catalogue_seed_leaves_out_the_index_fields_and_says_so_unless_lossless():
    seed = str(ROOT / "seeds" / "001_504c54339216dac7.txt")
    full = run("convert", seed, "-t", "bibtex", "--lossless")
    lean = run("convert", seed, "-t", "bibtex")
    alias = run("convert", seed, "-t", "bibtex", "--drop-extras")  # the old flag: the default now
    assert full.returncode == lean.returncode == alias.returncode == 0, lean.stderr
    assert alias.stdout == lean.stdout
    assert "x-kv-spelling" in full.stdout and "x-kv-" not in lean.stdout and "csl-" not in lean.stdout
    report = [line for line in lean.stderr.splitlines() if line.endswith(": left out")]
    assert report == ["msccite:   1 record: CSL URL list: left out",  # BibTeX's url holds one URL
                      "msccite:   1 record: kv collection, format, id, index fields, institution, record_format: "
                      "left out"], lean.stderr  # fmt: skip
    assert lean.stderr.splitlines()[-1].startswith("msccite:   (--lossless")
    rec = msccite.loads(lean.stdout, "bibtex")[0]
    assert len(rec.authors) == 9 and rec["PMID"] == "31810187" and rec.extra == []
