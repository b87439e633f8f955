"""The registry's lazy tables (``msccite.formats``) agree with the format modules themselves, and lazy detection
says what detection over every format says."""

from __future__ import annotations

import subprocess
import sys

import pytest

import msccite
from msccite import registry
from msccite.formats import DEFAULT_BOUND, DETECT_BOUND, EXTENSION_OF, MODULE_OF, MODULES
from paths import CORPUS, EXPORTS, SEED_FILES


def _full_detect(sample: str) -> str | None:
    best, score = None, 0.0
    for fmt in registry.all_formats():
        if fmt.can_read and (s := fmt.detect(sample)) > score:
            best, score = fmt.name, s
    return best


SAMPLES = [*SEED_FILES, *sorted(CORPUS.glob("*.ris")), *sorted(p for p in EXPORTS.glob("*/*") if p.suffix != ".md")]


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_lazy_detection_says_what_full_detection_says(path):
    with msccite.api.open_input(path) as inp:
        sample = inp.sample
    full = _full_detect(sample)
    if full is None:
        with pytest.raises(msccite.UnknownFormatError):
            registry.detect_name(sample)
    else:
        assert registry.detect_name(sample) == full


def test_no_detect_scores_above_its_bound():
    for path in SAMPLES:
        with msccite.api.open_input(path) as inp:
            sample = inp.sample
        for modname in MODULES:
            fmt = registry._load(modname)
            if fmt.can_read:
                assert fmt.detect(sample) <= DETECT_BOUND.get(modname, DEFAULT_BOUND), (modname, path.name)


def test_every_name_and_alias_finds_its_format():
    for fmt in registry.all_formats():
        for name in (fmt.name, *fmt.aliases, fmt.name.upper()):
            assert registry.get(name) is fmt
    assert set(MODULE_OF.values()) <= set(MODULES)
    for name, modname in MODULE_OF.items():
        assert registry._load(modname).name == name


def _full_for_path(name: str) -> str:
    """The format the longest matching extension of any format names (the first such format in registry order)."""
    best, best_len = None, 0
    for fmt in registry.all_formats():
        for ext in fmt.extensions:
            if name.endswith(ext) and len(ext) > best_len:
                best, best_len = fmt.name, len(ext)
    assert best is not None
    return best


def test_the_extension_table_agrees_with_the_formats():
    for ext, modname in EXTENSION_OF.items():
        assert ext in registry._load(modname).extensions
        names = ["refs" + ext] + ["refs" + e for f in registry.all_formats() for e in f.extensions if e.endswith(ext)]
        for name in names:
            assert registry.for_path(name).name == _full_for_path(name), name


def test_a_ris_conversion_imports_few_formats(tmp_path):
    code = ("import sys\nfrom msccite.cli import main\n"
            "main(['convert', sys.argv[1], '-o', sys.argv[2], '-q'])\n"
            "print(sorted(m for m in sys.modules if m.startswith('msccite.formats.') and m.count('.') == 2))")  # fmt: skip
    seed = CORPUS / "_baseline_zotero.ris"  # a RIS file as the spec has it (certain at once: no format after can beat it)
    out = subprocess.run([sys.executable, "-c", code, str(seed), str(tmp_path / "out.bib")], capture_output=True,
                         text=True, check=False)  # fmt: skip
    loaded = eval(out.stdout.strip().splitlines()[-1]) if out.stdout.strip() else None  # noqa: S307 - our own print
    assert loaded is not None, out.stderr
    # csl_json, ris, medline (which may score higher) and their maps, the writer (bibtex), carriers: not all 30
    assert len(loaded) <= 8, loaded
