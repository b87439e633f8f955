"""Conversion in parts (``--jobs N``, ``convert_many``): the same bytes, problems and report as one process."""

from __future__ import annotations

import concurrent.futures
import importlib.util
import io
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import msccite
from msccite import parallel
from msccite.api import dump, iter_records
from paths import CORPUS, RIS_CORPUS, ROOT
from strategies import records as records_strategy

DATA = ROOT / "tests" / "data"
#: Real exports per input format that can be cut, several files one after another.
INPUTS = {
    "ris": RIS_CORPUS,
    "medline": sorted((DATA / "medline").glob("*.nbib")) + [CORPUS / "_baseline_pubmed.ris"],
    "endnote": sorted((DATA / "endnote").glob("*.enw")) * 4,
    "wos": [DATA / "wos" / "savedrecs.txt"] * 3,
    "bibtex": [DATA / "bibtex" / n for n in ("jabref.bib", "zotero.bib", "scopus_funding.bib", "broken.bib")],
}
TARGETS = ["bibtex", "csl-json", "ris", "medline", "endnote", "endnote-xml", "kv", "biblatex"]


def joined(tmp_path: Path, name: str, files: list[Path]) -> Path:
    path = tmp_path / name
    path.write_bytes(b"\n".join(p.read_bytes().rstrip(b"\n") + b"\n" for p in files))
    return path


def one_process(path: Path, target: str, fmt: str | None = None, **options) -> tuple[str, list[str], list[str]]:
    problems: list[msccite.ParseError] = []
    buf = io.StringIO()
    records = iter_records(path, fmt, normalize=True, errors="collect", on_error=problems.append)
    ctx = dump(records, buf, target, **options)
    return buf.getvalue(), [str(p) for p in problems], ctx.summary()


def in_parts(path: Path, target: str, fmt: str | None = None, *, part_size: int = 1500, jobs: int = 1,
             executor=None, **options) -> tuple[str, list[str], list[str], int]:  # fmt: skip
    tasks = parallel.plan([str(path)], target, source_format=fmt, part_size=part_size, jobs=jobs,
                          write_options=options)  # fmt: skip
    buf = io.StringIO()
    result = parallel.convert_parts(tasks, buf, jobs=jobs, executor=executor)
    assert result.report is not None
    return buf.getvalue(), [str(p) for p in result.problems], result.report.summary(), len(tasks)


@pytest.mark.parametrize("fmt", sorted(INPUTS))
@pytest.mark.parametrize("target", TARGETS)
def test_parts_give_the_same_bytes_problems_and_report(tmp_path, fmt, target):
    path = joined(tmp_path, f"in.{fmt}", INPUTS[fmt])
    text, problems, report = one_process(path, target, fmt)
    got, got_problems, got_report, parts = in_parts(path, target, fmt)
    assert parts >= 3  # the input was really cut
    assert got == text
    assert got_problems == problems
    assert got_report == report


def test_worker_processes_and_lossless_options(tmp_path):
    path = joined(tmp_path, "in.ris", RIS_CORPUS)
    for options in ({}, {"lossless": True}, {"ascii": True}):
        text, problems, report = one_process(path, "bibtex", **options)
        got, got_problems, got_report, parts = in_parts(path, "bibtex", part_size=20_000, jobs=2, **options)
        assert parts >= 4 and (got, got_problems, got_report) == (text, problems, report)


def test_generated_keys_are_handed_out_in_order_across_parts(tmp_path):
    """Records without keys that get the same key (smith2020stromal) are suffixed a, b, c in input order,
    whichever part they are in; an id a record already has is kept."""
    rec = "TY  - JOUR\nAU  - Smith, Ann\nTI  - Stromal cells\nPY  - 2020\nER  - \n"
    with_id = "TY  - JOUR\nID  - Smith2020own\nAU  - Smith, Ann\nTI  - Stromal cells\nPY  - 2020\nER  - \n"
    path = tmp_path / "same.ris"
    path.write_text("\n".join([rec, rec, with_id, rec, rec]), encoding="utf-8")
    for target in ("bibtex", "csl-json"):
        text, _, _ = one_process(path, target)
        got, _, _, parts = in_parts(path, target, part_size=60)
        assert parts == 5 and got == text
    bib = in_parts(path, "bibtex", part_size=60)[0]
    assert [line for line in bib.splitlines() if line.startswith("@")] == [
        "@article{smith2020stromal,", "@article{smith2020stromala,", "@article{Smith2020own,",
        "@article{smith2020stromalb,", "@article{smith2020stromalc,",
    ]  # fmt: skip


def test_own_keys_an_earlier_part_has_are_renamed_as_in_one_process(tmp_path):
    """A record whose own ID equals a key generated (or an ID held) in an earlier part gets the same rename as in
    one process, and the same report line."""
    rec = "TY  - JOUR\nAU  - Smith, Ann\nTI  - Stromal cells\nPY  - 2020\nER  - \n"
    same = "TY  - JOUR\nID  - smith2020stromal\nAU  - Smith, Ann\nTI  - Stromal cells\nPY  - 2020\nER  - \n"
    twin = "TY  - JOUR\nID  - dup\nTI  - Two\nER  - \n"
    path = tmp_path / "same.ris"
    path.write_text("\n".join([rec, same, twin, rec, twin]), encoding="utf-8")
    for target in ("bibtex", "csl-json", "biblatex"):
        for options in ({}, {"lossless": True}):
            text, _, report = one_process(path, target, **options)
            got, _, got_report, parts = in_parts(path, target, part_size=60, **options)
            assert parts >= 4 and got == text and got_report == report
            assert any("smith2020stromal -> smith2020stromala, dup -> dupa" in line for line in report), report
    bib = in_parts(path, "bibtex", part_size=60)[0]
    assert [line for line in bib.splitlines() if line.startswith("@")] == [
        "@article{smith2020stromal,", "@article{smith2020stromala,", "@article{dup,", "@article{smith2020stromalb,",
        "@article{dupa,",
    ]  # fmt: skip


def test_problems_name_the_line_in_the_whole_file(tmp_path):
    good = (DATA / "bibtex" / "zotero.bib").read_text(encoding="utf-8")
    bad = "@article{x,\n  title = {A}\n  author = {B},\n}\n\n@article{y, title = {never closed\n\n"
    path = tmp_path / "bad.bib"
    path.write_text(good * 4 + bad + good * 4, encoding="utf-8")
    text, problems, _ = one_process(path, "ris")
    got, got_problems, _, parts = in_parts(path, "ris", part_size=2000)
    assert parts > 3 and got == text and got_problems == problems
    first_bad = (good * 4).count("\n") + 1
    assert any(p.startswith(f"{path}:{first_bad + 1}: expected ','") for p in got_problems)
    assert any(f"{path}:{first_bad + 5}: the entry is not closed" in p for p in got_problems)


def test_inputs_that_are_not_cut(tmp_path):
    """CSL-JSON, XML and pages are one part each; BibTeX with @string macros too (every part needs them)."""
    macros = joined(tmp_path, "macros.bib", [DATA / "bibtex" / "macros.bib"] * 40)
    assert len(parallel.plan([str(macros)], "ris", part_size=200)) == 1
    xml = DATA / "pubmed_xml"
    some = sorted(xml.glob("*.xml"))[:2]
    assert some and len(parallel.plan([str(p) for p in some], "ris", part_size=200)) == 2
    utf16 = tmp_path / "utf16.ris"
    utf16.write_text((CORPUS / "_baseline_zotero.ris").read_text(encoding="utf-8") * 3, encoding="utf-16")
    assert len(parallel.plan([str(utf16)], "ris", part_size=200)) == 1
    text, problems, _ = one_process(utf16, "bibtex")
    assert in_parts(utf16, "bibtex", part_size=200)[:2] == (text, problems)


def test_many_files_in_order_on_any_executor(tmp_path):
    paths = [str(p) for p in RIS_CORPUS[:6]]
    expected = io.StringIO()
    dump((r for p in paths for r in iter_records(p, normalize=True, errors="collect")), expected, "csl-json")
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        result = parallel.convert_many(paths, "csl-json", executor=pool)
    assert result.text == expected.getvalue()
    out = tmp_path / "all.json"
    result = parallel.convert_many(paths, "csl-json", output=out, jobs=2)
    assert out.read_text(encoding="utf-8") == expected.getvalue() and result.records == expected.getvalue().count(
        '"id"')
    outdir = tmp_path / "each"
    parallel.convert_many(paths, "bibtex", out_dir=outdir, jobs=2)
    for p in paths:
        alone = io.StringIO()
        dump(iter_records(p, normalize=True, errors="collect"), alone, "bibtex")
        assert (outdir / (Path(p).name.split(".")[0] + ".bib")).read_text(encoding="utf-8") == alone.getvalue()


@pytest.mark.skipif(importlib.util.find_spec("distributed") is None, reason="msccite[dask] not installed")
def test_convert_many_on_a_local_dask_cluster(tmp_path):
    from distributed import Client, LocalCluster

    paths = [str(p) for p in RIS_CORPUS[:4]]
    expected = io.StringIO()
    dump((r for p in paths for r in iter_records(p, normalize=True, errors="collect")), expected, "bibtex")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:  # fmt: skip
        result = parallel.convert_many(paths, "bibtex", executor=client.get_executor())
    assert result.text == expected.getvalue() and result.records > 40


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(recs=st.lists(records_strategy(), min_size=1, max_size=12), target=st.sampled_from(TARGETS),
       size=st.integers(1, 4000))  # fmt: skip
def test_any_records_any_cut(tmp_path, recs, target, size):
    path = tmp_path / "any.ris"
    path.write_text(msccite.dumps(recs, "ris", lossless=True), encoding="utf-8")
    text, problems, report = one_process(path, target)
    assert in_parts(path, target, part_size=size)[:3] == (text, problems, report)


def own_tempdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Temporary files of this process and its workers in a directory of the test: other runs on the machine do
    not come and go there while the test looks for files left behind."""
    import tempfile

    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "msccite", *args], capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})  # fmt: skip


def test_cli_jobs_gives_the_same_output_and_messages(tmp_path):
    path = joined(tmp_path, "in.bib", INPUTS["bibtex"] * 30)
    one = run_cli("convert", str(path), "-o", str(tmp_path / "one.ris"), "--jobs", "1")
    two = run_cli("convert", str(path), "-o", str(tmp_path / "two.ris"), "--jobs", "2")
    assert one.returncode == two.returncode == 1  # broken.bib has errors
    assert (tmp_path / "one.ris").read_bytes() == (tmp_path / "two.ris").read_bytes()
    assert one.stderr == two.stderr and "broken" not in one.stderr and f"{path}:" in one.stderr
    bad = run_cli("convert", str(path), "-t", "ris", "--jobs", "0")
    assert bad.returncode == 2 and "expected a number of processes" in bad.stderr


def test_default_jobs_from_size(tmp_path):
    small = tmp_path / "small.ris"
    small.write_text("TY  - JOUR\nER  - \n", encoding="utf-8")
    assert parallel.default_jobs([str(small)]) == 1
    big = tmp_path / "big.ris"
    big.write_bytes(b"x" * (parallel.PARALLEL_FROM + 1))
    assert parallel.default_jobs([str(big)]) == min(8, len(__import__("os").sched_getaffinity(0)))


@pytest.mark.parametrize("block_size", [3, 7, 64, 1 << 24])
def test_string_macros_found_across_blocks(block_size):
    """A file is cut only when no line starts with ``@string`` (in any case, spaced), wherever the reading
    blocks end."""
    found = {
        b"@article{a, title = {x}}\n@String{j = {J}}\n": True,
        b"@article{a, title = {x}}\n  @ STRING {j = {J}}\n": True,
        b"@string{j = {J}}\n": True,
        b"@article{a, note = {see @string in the manual}}\n": False,
        b"@article{a, title = {x}}\n@strings{j = {J}}\n": False,
        b"@article{a, title = {x}}\n": False,
        b"@" + b"\t" * 60 + b"string{j = {J}}\n": True,  # many tabs: cut by any block size
        b"x\r@string{j = {J}}\n": False,  # a lone \r starts no line here (nor for the cut points)
    }
    for data, expected in found.items():
        assert parallel._defines_macros(io.BytesIO(data), block_size) is expected, data


_MACRO_LINE = re.compile(rb"^[ \t]*@[ \t]*string\b", re.M | re.I)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([b"@string", b"@STRING", b"@ \tString", b"@", b"string", b" ", b"\t", b"\n",
                                 b"\r\n", b"x", b"{", b"@stringx", b"str", b"ing", b"\r", b"\t" * 60]),
                max_size=12), st.integers(1, 16))  # fmt: skip
def test_string_macros_found_wherever_blocks_end(atoms, block_size):
    data = b"".join(atoms)
    assert parallel._defines_macros(io.BytesIO(data), block_size) is (_MACRO_LINE.search(data) is not None)


def test_line_numbers_with_a_crlf_cut_between_two_blocks(tmp_path):
    path = tmp_path / "crlf.bib"
    path.write_bytes(b"x" * ((1 << 20) - 1) + b"\r\n@book{a,}\n")  # the reader's blocks are 1 MB: \r | \n
    assert parallel._line_numbers(str(path), [0, (1 << 20) + 1]) == [1, 2]


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"])
def test_cli_jobs_to_standard_output(tmp_path, encoding):
    """Standard output gets the workers' UTF-8 bytes as they are, whatever the locale's encoding (citation
    files are UTF-8), the same bytes as one process writes."""
    path = joined(tmp_path, "in.ris", RIS_CORPUS[:6] * 3)
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": encoding}
    outs = [subprocess.run([sys.executable, "-m", "msccite", "convert", str(path), "-t", "bibtex", "--jobs", jobs],
                           capture_output=True, timeout=300, env=env).stdout for jobs in ("1", "2")]  # fmt: skip
    assert outs[0] == outs[1] and outs[0].count(b"@article{") > 40
    assert not outs[0].decode("utf-8").isascii()


@pytest.mark.parametrize("piece", [70, 97, 256, 1000])
@pytest.mark.parametrize("target", ["bibtex", "csl-json", "ris", "endnote-xml"])
@pytest.mark.parametrize("stream", [io.BytesIO, io.StringIO])
def test_large_whole_inputs_come_through_a_temporary_file(tmp_path, monkeypatch, piece, target, stream):
    """A whole input over MAX_PART is written by its worker to a temporary file, read back in pieces with the keys
    filled (a placeholder never cut in two, the frame taken off): the same bytes, and no file left behind."""
    import tempfile

    own_tempdir(tmp_path, monkeypatch)
    monkeypatch.setattr(parallel, "MAX_PART", 2000)
    monkeypatch.setattr(parallel, "_SPILL_PIECE", piece)
    paths = [str(joined(tmp_path, "big.ris", RIS_CORPUS[:5] * 4)), str(RIS_CORPUS[0]),
             str(joined(tmp_path, "b2.ris", RIS_CORPUS[:3]))]
    expected = io.StringIO()
    dump((r for p in paths for r in iter_records(p, normalize=True, errors="collect")), expected, target)
    before = set(Path(tempfile.gettempdir()).glob("msccite-part-*"))
    tasks = parallel.plan(paths, target, cut=False)
    assert os.path.getsize(paths[0]) > 8 * piece and len(tasks) == 3
    spills: list[str] = []
    real_mkstemp = tempfile.mkstemp

    def mkstemp(**kwargs: str) -> tuple[int, str]:
        made = real_mkstemp(**kwargs)
        spills.append(made[1])
        return made

    monkeypatch.setattr(parallel.tempfile, "mkstemp", mkstemp)
    for jobs in (1, 2):
        buf = stream()  # a text stream: a piece may end inside a character
        result = parallel.convert_parts(tasks, buf, jobs=jobs)
        got = buf.getvalue()
        assert (got.decode("utf-8") if isinstance(got, bytes) else got) == expected.getvalue()
        assert result.records == sum(1 for p in paths for _ in iter_records(p, errors="collect"))
    large = sum(os.path.getsize(p) > parallel.MAX_PART for p in paths)
    assert len(spills) == large >= 2  # in this process (jobs=1); the workers' are not counted here
    assert set(Path(tempfile.gettempdir()).glob("msccite-part-*")) == before


def test_cli_one_input_that_is_not_cut_runs_in_one_process(tmp_path, monkeypatch, capsys):
    """Nothing to share among processes: the input streams through this one (no parts, no temporary file)."""
    from msccite import cli

    path = tmp_path / "in.json"  # CSL-JSON: never cut, whatever its size
    path.write_text(msccite.dumps(list(iter_records(RIS_CORPUS[0])) * 20, "csl-json"), encoding="utf-8")
    assert len(parallel.plan([str(path)], "ris", jobs=2, part_size=1000)) == 1
    assert cli.main(["convert", str(path), "-t", "ris", "--jobs", "1"]) == 0
    one = capsys.readouterr().out

    def no_parts(*args: object, **kwargs: object) -> None:
        raise AssertionError("convert_parts was called")

    monkeypatch.setattr(parallel, "convert_parts", no_parts)
    assert cli.main(["convert", str(path), "-t", "ris", "--jobs", "2"]) == 0
    assert capsys.readouterr().out == one and one.count("TY  - ") >= 20
    two = tmp_path / "two.ris"
    assert cli.main(["convert", str(path), str(RIS_CORPUS[0]), "-o", str(two), "--jobs", "2"]) != 0  # parts: refused


@pytest.mark.parametrize("jobs", [1, 2])
def test_stopped_early_no_temporary_file_is_left(tmp_path, monkeypatch, jobs):
    """An error while joining (here from the progress callback) stops the conversion; the temporary files of the
    parts in flight are removed."""
    import tempfile

    own_tempdir(tmp_path, monkeypatch)
    monkeypatch.setattr(parallel, "MAX_PART", 2000)
    paths = [str(joined(tmp_path, f"in{i}.ris", RIS_CORPUS[:4])) for i in range(5)]
    before = set(Path(tempfile.gettempdir()).glob("msccite-part-*"))
    seen: list[int] = []

    def stop(part: parallel.Part) -> None:
        seen.append(part.records)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        parallel.convert_parts(parallel.plan(paths, "bibtex", cut=False), io.BytesIO(), jobs=jobs, on_part=stop)
    assert len(seen) == 1 and seen[0] > 0
    assert set(Path(tempfile.gettempdir()).glob("msccite-part-*")) == before


def test_a_broken_pool_leaves_no_temporary_file(tmp_path, monkeypatch):
    """The executor fails when the next part is submitted (a worker died): the part already taken is removed."""
    import tempfile

    own_tempdir(tmp_path, monkeypatch)
    monkeypatch.setattr(parallel, "MAX_PART", 2000)
    paths = [str(joined(tmp_path, f"in{i}.ris", RIS_CORPUS[:4])) for i in range(4)]
    tasks = [replace(t, spill=True) for t in parallel.plan(paths, "bibtex", cut=False)]

    class Breaks(concurrent.futures.Executor):
        calls = 0

        def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
            Breaks.calls += 1
            if Breaks.calls == 3:
                raise concurrent.futures.BrokenExecutor("a worker died")
            done: concurrent.futures.Future = concurrent.futures.Future()
            done.set_result(fn(*args))
            return done

    before = set(Path(tempfile.gettempdir()).glob("msccite-part-*"))
    taken = []
    with pytest.raises(concurrent.futures.BrokenExecutor):
        for part in parallel._in_order(Breaks(), tasks, 2):
            taken.append(part.spilled)
            parallel._discard(part)
    assert taken == [] and Breaks.calls == 3  # the first part was taken, then the third could not be submitted
    assert set(Path(tempfile.gettempdir()).glob("msccite-part-*")) == before
