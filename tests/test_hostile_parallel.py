"""Hostile inputs and signals for the conversion in parts (issue 30, items 5 and 6).

- BibTeX is cut only where one process starts a record afresh: not at an ``@article{x,`` line after a blank line
  inside a braced value (``--jobs 2`` dropped years, cut abstracts and made empty records there).
- SIGTERM of ``msccite convert --jobs 2`` stops it as ^C does (no temporary file left, workers gone), SIGKILL of the
  parent takes its workers with it (no hung ``| tee``), and same-named inputs of ``convert_many(out_dir=...)`` get
  distinct outputs.

Every test here uses its own temporary directory (``TMPDIR`` of the subprocesses, ``tempfile.tempdir`` in this
one), so that other runs sharing the machine do not disturb the checks for leftover files.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import msccite
from msccite import parallel
from msccite.api import dump, iter_records
from paths import RIS_CORPUS, ROOT


@pytest.fixture(autouse=True)
def own_tempdir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This process's temporary files (and its workers', forked from it) go to a directory of this test."""
    spill = tmp_path_factory.mktemp("spill")
    monkeypatch.setattr(tempfile, "tempdir", str(spill))
    return spill


def one_process(path: Path, target: str) -> tuple[str, list[str], list[str]]:
    problems: list[msccite.ParseError] = []
    buf = io.StringIO()
    ctx = dump(iter_records(path, None, normalize=True, errors="collect", on_error=problems.append), buf, target)
    return buf.getvalue(), [str(p) for p in problems], ctx.summary()


def in_parts(path: Path, target: str, part_size: int, jobs: int = 1) -> tuple[str, list[str], list[str], int]:
    tasks = parallel.plan([str(path)], target, part_size=part_size, jobs=jobs)
    buf = io.StringIO()
    result = parallel.convert_parts(tasks, buf, jobs=jobs)
    assert result.report is not None
    return buf.getvalue(), [str(p) for p in result.problems], result.report.summary(), len(tasks)


def every_cut(path: Path) -> dict[tuple[int, ...], int]:
    """Every way the file is cut, whatever the part size: the cuts, and the first part size that gives them."""
    found: dict[tuple[int, ...], int] = {}
    for size in range(1, path.stat().st_size + 1):
        found.setdefault(tuple(parallel._cuts(str(path), "bibtex", size)), size)
    return found


def assert_every_cut_reads_as_one_process(path: Path, target: str) -> int:
    expected = one_process(path, target)
    ways = every_cut(path)
    for cuts, size in ways.items():
        got = in_parts(path, target, size)
        assert got[3] == len(cuts)
        assert got[:3] == expected, (cuts, path.read_bytes())
    return max(len(c) for c in ways)


def entry(key: str, abstract: str, year: str = "2020") -> str:
    return f"@article{{{key},\n  title = {{Title {key}}},\n  abstract = {{{abstract}}},\n  year = {{{year}}},\n}}\n\n"


def test_an_entry_line_after_a_blank_line_in_a_value_is_no_cut(tmp_path):
    """The reproducer of issue 30.6: an abstract whose paragraphs include ``@article{x,`` and ``@misc{...}`` lines
    after blank lines. One process reads them as the tokenizer does (the first breaks the entry off); cut there,
    the parts gave other records (a year dropped, an abstract cut, a record that one process has not)."""
    path = tmp_path / "hostile.bib"
    path.write_text(entry("a", "Plain.") + entry("b", "First paragraph.\n\n@article{x,\nSecond paragraph.")
                    + entry("c", "One.\n\n@misc{y, note = {z}}\n\nTwo.", "2021") + entry("d", "D.") + entry("e", "E."),
                    encoding="utf-8")  # fmt: skip
    for target in ("ris", "bibtex"):
        parts = assert_every_cut_reads_as_one_process(path, target)
        assert parts >= 3  # the file is still cut, elsewhere
    cuts = set().union(*every_cut(path))
    text = path.read_bytes()
    assert text.index(b"@article{x,") not in cuts and text.index(b"@misc{y") not in cuts
    years = one_process(path, "ris")[0].count("PY  - ")
    assert all(in_parts(path, "ris", size)[0].count("PY  - ") == years for size in range(1, len(text)))


# -- random BibTeX with hostile values --------------------------------------------------------------------------

_WORDS = st.sampled_from(["cells", "Bone", "marrow", "trial", "T{\\\"o}rnqvist", "na\u00efve", "50\\%", "x"])
#: Lines of a braced value: words, blank lines, lines that look like entries, braces (escaped or not), quotes.
_VALUE_LINES = st.one_of(
    st.lists(_WORDS, min_size=1, max_size=4).map(" ".join),
    st.just(""),
    st.sampled_from(["@article{x,", "@misc{y, title = {z}}", "@misc{", "  @book{k,", "@comment{c}", "@preamble{p}",
                     "@article", "}", "{", "\\{", "\\}", "} {", '"', '"quoted {a}"', "@article{x, year = {1999}}",
                     "@ARTICLE(w,", ")", "% @article{x,", "\u00a0@article{x,", "@m\u00fcller{x,"]),
)
_PLAIN = st.lists(_WORDS, min_size=1, max_size=4).map(" ".join)
#: A value: mostly plain, else with hostile lines (after a blank line, as a new paragraph, or anywhere).
_VALUE = st.one_of(_PLAIN, _PLAIN, _PLAIN, _PLAIN, st.lists(_VALUE_LINES, min_size=1, max_size=8).map("\n".join),
                   st.tuples(_PLAIN, _VALUE_LINES, _PLAIN).map(lambda t: f"{t[0]}\n\n{t[1]}\n{t[2]}"))
_BETWEEN = st.sampled_from(["\n\n", "\n\n", "\n", "\n\n\n", "\n% a comment line\n\n",
                            "\n@comment{jabref-meta: x}\n\n", "\ntext between entries\n\n", "\n \t\n"])


@st.composite
def hostile_entry(draw: st.DrawFn) -> str:
    key = draw(st.sampled_from(["a", "b", "smith2020", "x", "y", ""]))
    opener, closer = draw(st.sampled_from([("{", "}")] * 3 + [("(", ")")]))
    fields = [f"  title = {{{draw(_VALUE)}}}"]
    if draw(st.booleans()):
        fields.append(f"  abstract = {{{draw(_VALUE)}}}")
    if draw(st.booleans()):
        fields.append('  note = "' + draw(_VALUE).replace('"', "") + '"')
    fields.append(f"  year = {draw(st.sampled_from(['{2020}', '2021', '{1999}']))}")
    return f"@{draw(st.sampled_from(['article', 'misc', 'Book']))}{opener}{key},\n" + ",\n".join(fields) + \
        f"\n{closer}" + draw(_BETWEEN)  # fmt: skip


def test_a_record_that_fails_is_numbered_in_the_whole_file_in_every_part(tmp_path, monkeypatch):
    """A record that cannot be read or normalized is named by its number in the file, as one process names it,
    whichever part of the file it is in (a part's reader counts from 1)."""
    import importlib

    from msccite import api

    bibtex_read = importlib.import_module("msccite.formats.bibtex.read")  # the module (the package names its read())
    path = tmp_path / "six.bib"
    path.write_text("".join(f"@article{{k{i},\n  title = {{T{i}}},\n  year = {{2020}}\n}}\n\n" for i in range(6)))
    build, normalize = bibtex_read._record, api.normalize

    def failing_build(block, *args):
        if block.key == "k2":
            raise ValueError("cannot build")
        return build(block, *args)

    def failing_normalize(rec, **options):
        if rec.get("title") == "T4":
            raise ValueError("cannot normalize")
        return normalize(rec, **options)

    monkeypatch.setattr(bibtex_read, "_record", failing_build)
    monkeypatch.setattr(api, "normalize", failing_normalize)
    expected = one_process(path, "ris")
    assert [p.split(": ", 1)[1].split(" (")[0] for p in expected[1]] == ["record 3 cannot be read",
                                                                        "record 5 cannot be normalized"]
    assert assert_every_cut_reads_as_one_process(path, "ris") >= 3  # cut before and between the two


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])  # fmt: skip
@given(entries=st.lists(hostile_entry(), min_size=1, max_size=8), target=st.sampled_from(["ris", "bibtex", "csl-json"]),
       newline=st.sampled_from(["\n", "\n", "\r\n", "\r"]),
       scan=st.sampled_from([(0, 0), (0, 0), (16, 8), (61, 30), (0, 8)]))  # fmt: skip
@example(entries=["@article{a,\n  title = {A},\n  abstract = {One.\n\n@article{x,\nTwo.},\n  year = {2020}\n}\n\n",
                  "@article{b,\n  title = {B},\n  year = {2021}\n}\n"], target="ris", newline="\n", scan=(0, 0))
def test_hostile_values_any_cut(tmp_path, entries, target, newline, scan):
    """Entries whose braced values hold blank lines followed by ``@article{x,`` lines (and braces, escapes, quotes,
    ``@comment``, a ``@type`` line without its brace): every part size gives the bytes, problems and report of one
    process (also when the scan reads the file, and looks back for a fresh start, a few bytes at a time)."""
    text = "".join(entries)
    path = tmp_path / "hostile.bib"
    path.write_bytes(text.replace("\n", newline).encode())
    with pytest.MonkeyPatch.context() as patch:
        if scan[0]:
            patch.setattr(parallel, "_SCAN_BLOCK", scan[0])
        if scan[1]:
            patch.setattr(parallel, "_SCAN_WINDOW", scan[1])
        assert_every_cut_reads_as_one_process(path, target)


# -- signals --------------------------------------------------------------------------------------------------------


def big_ris(directory: Path, size: int = 20_000_000) -> Path:
    """About ``size`` bytes of real RIS exports, one after another (cut into parts by ``--jobs 2``)."""
    corpus = b"\n".join(p.read_bytes().rstrip(b"\n") + b"\n" for p in RIS_CORPUS)
    path = directory / "big.ris"
    path.write_bytes(b"\n".join([corpus] * (size // len(corpus) + 1)))
    return path


def big_json(directory: Path, names: tuple[str, ...] = ("one.json", "two.json")) -> list[Path]:
    """CSL-JSON inputs over MAX_PART: never cut, each converted whole by a worker, its text spilled to a file."""
    records = [r for p in RIS_CORPUS for r in iter_records(p, errors="collect")]
    text = msccite.dumps(records * 12, "csl-json")  # about 12 MB
    paths = []
    for name in names:
        (directory / name).write_text(text, encoding="utf-8")
        paths.append(directory / name)
    assert all(p.stat().st_size > parallel.MAX_PART for p in paths)
    return paths


#: The conversions a test started (and the directory each runs in), and their workers: none outlives the test.
_STARTED: list[tuple[subprocess.Popen, Path]] = []
_WORKERS: list[int] = []


@pytest.fixture(autouse=True)
def no_process_left() -> Iterator[None]:
    yield
    for proc, cwd in _STARTED:
        workers = list(_WORKERS)
        if proc.poll() is None:
            with contextlib.suppress(Exception):
                workers += children(proc.pid)
            proc.kill()
            proc.wait()
        for pid in workers:  # only a process of this test (pids are used again): one that runs in its directory
            with contextlib.suppress(OSError):
                if Path(f"/proc/{pid}/cwd").resolve() == cwd.resolve() and not gone(pid):
                    os.kill(pid, signal.SIGKILL)
    _STARTED.clear()
    _WORKERS.clear()


def start(tmp_path: Path, *args: str, stdout: int | None = subprocess.DEVNULL) -> tuple[subprocess.Popen, Path]:
    """``python -m msccite convert ...`` with a temporary directory of its own."""
    tmpdir = tmp_path / "tmpdir"
    tmpdir.mkdir(exist_ok=True)
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TMPDIR": str(tmpdir)}
    proc = subprocess.Popen([sys.executable, "-m", "msccite", "convert", *args], cwd=tmp_path, env=env,
                            stdout=stdout, stderr=subprocess.PIPE)  # fmt: skip
    _STARTED.append((proc, tmp_path))
    return proc, tmpdir


def wait_for(condition: Callable[[], bool], proc: subprocess.Popen, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert proc.poll() is None, f"the conversion ended first: {proc.returncode}"
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def children(pid: int) -> list[int]:
    """The worker processes of a conversion (psutil when installed, else /proc)."""
    try:
        import psutil
    except ImportError:
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(stat.parent.name))
    else:
        found = [c.pid for c in psutil.Process(pid).children()]
    _WORKERS.extend(found)
    return found


def gone(pid: int) -> bool:
    """Whether the process has ended (a zombie nobody has reaped yet has)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


def assert_gone_soon(pids: list[int], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not all(gone(pid) for pid in pids):
        assert time.monotonic() < deadline, f"workers still running: {[p for p in pids if not gone(p)]}"
        time.sleep(0.05)


def leftovers(directory: Path, pattern: str) -> list[str]:
    return sorted(p.name for p in directory.glob(pattern))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigterm_stops_as_ctrl_c_does(tmp_path):
    """SIGTERM during ``convert big.ris -o out.bib --jobs 2``: the output's temporary file is removed, the workers
    end, no temporary file is left, the exit status is 143 (128 + SIGTERM). It used to leave ``.msccite-*.tmp``
    (up to the output's size) and the workers running."""
    big_ris(tmp_path)
    proc, tmpdir = start(tmp_path, "big.ris", "-o", "out/out.bib", "--jobs", "2")
    (tmp_path / "out").mkdir()
    wait_for(lambda: any(p.stat().st_size > 0 for p in (tmp_path / "out").glob(".msccite-*.tmp")), proc)
    workers = children(proc.pid)
    assert len(workers) >= 2
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert_gone_soon(workers)
    assert leftovers(tmp_path / "out", "*") == []
    assert leftovers(tmpdir, "*") == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigterm_while_texts_are_spilled(tmp_path):
    """Two large inputs that are not cut: each worker writes its text to ``msccite-part-*.tmp`` in the temporary
    directory. SIGTERM while one is being written: none is left, nor the output's temporary file."""
    big_json(tmp_path)
    proc, tmpdir = start(tmp_path, "one.json", "two.json", "-o", "out.bib", "--jobs", "2")
    wait_for(lambda: leftovers(tmpdir, "msccite-part-*.tmp") != [], proc)
    assert all(name.startswith(f"msccite-part-{proc.pid}-") for name in leftovers(tmpdir, "msccite-part-*"))
    workers = children(proc.pid)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert_gone_soon(workers)
    assert leftovers(tmp_path, ".msccite-*") == [] and not (tmp_path / "out.bib").exists()
    assert leftovers(tmpdir, "*") == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigkill_of_the_parent_ends_its_workers(tmp_path):
    """SIGKILL of the parent alone (``msccite convert ... --jobs 2 | tee``): its workers end within seconds, the
    pipe reaches its end (nothing holds it open), and they remove the texts they spilled, which nobody would read.
    They used to wait for work forever, holding the pipe."""
    big_json(tmp_path)
    proc, tmpdir = start(tmp_path, "one.json", "two.json", "-t", "bibtex", "--jobs", "2", stdout=subprocess.PIPE)
    wait_for(lambda: leftovers(tmpdir, "msccite-part-*.tmp") != [], proc)
    workers = children(proc.pid)
    assert len(workers) >= 2
    proc.kill()
    assert_gone_soon(workers)
    proc.communicate(timeout=10)  # the end of the pipe: no worker holds it
    assert proc.returncode == -signal.SIGKILL
    assert leftovers(tmpdir, "*") == []


def test_convert_many_same_named_inputs_get_distinct_outputs(tmp_path):
    """``a/refs.ris`` and ``b/refs.ris`` into one directory: ``refs.bib`` and ``refs-2.bib`` (in input order), not
    one overwriting the other; an input named ``refs-2`` keeps its own name."""
    inputs = []
    for folder, source in (("a", RIS_CORPUS[0]), ("b", RIS_CORPUS[1]), ("c", RIS_CORPUS[2])):
        (tmp_path / folder).mkdir()
        inputs.append(tmp_path / folder / ("refs-2.ris" if folder == "c" else "refs.ris"))
        inputs[-1].write_bytes(source.read_bytes())
    out = tmp_path / "out"
    done = parallel.convert_many(inputs, "bibtex", out_dir=out, jobs=2)
    assert [Path(p).name for p in done.outputs] == ["refs.bib", "refs-3.bib", "refs-2.bib"]
    assert sorted(p.name for p in out.iterdir()) == ["refs-2.bib", "refs-3.bib", "refs.bib"]
    for source, output in zip(inputs, done.outputs, strict=True):
        alone = io.StringIO()
        dump(iter_records(source, normalize=True, errors="collect"), alone, "bibtex")
        assert Path(output).read_text(encoding="utf-8") == alone.getvalue()
