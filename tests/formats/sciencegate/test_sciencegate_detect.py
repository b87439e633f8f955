"""ScienceGate listing detection: the seed and the fixtures are detected with no hint; nothing else is taken."""

from __future__ import annotations

from pathlib import Path

import pytest

import msccite
from msccite.formats import sciencegate
from paths import RIS_CORPUS, ROOT, SEEDS

DATA = ROOT / "tests" / "data"
OWN = sorted((DATA / "sciencegate").glob("*.txt"))
OTHERS = sorted(p for p in DATA.glob("*/*") if p.is_file() and p.parent.name not in ("sciencegate", "fuzz"))
PROSE = [
    "Dear colleague,\nplease find attached the list.\nSummary: we met on Monday.\nLanguage: English\n",
    "Minutes\nPublished: 2019\nFormat: PDF\nLanguage: English\nSubjects: budget, travel\n",
    "The format of the meeting: open.\nLoading the van took an hour.\nDescription\nOther authors agreed.\n",
    "Shopping list \u25fd\nMilk \u25fd\nBread \u25fd\nAuthor(s): me\n2019 was a good year\n",
]


@pytest.mark.parametrize("path", [SEEDS / "002_0bf7467666d23d09.txt", *OWN], ids=lambda p: p.name)
def test_own_files_are_detected_with_no_hint(path: Path):
    text = path.read_text(encoding="utf-8")
    assert msccite.detect(text) == "sciencegate"
    assert msccite.read(path, errors="collect").format == "sciencegate"


@pytest.mark.parametrize("path", RIS_CORPUS + OTHERS + [p for p in sorted(SEEDS.glob("*.txt")) if "002_" not in p.name],
                         ids=lambda p: p.name)  # fmt: skip
def test_other_formats_are_not_sciencegate(path: Path):
    assert sciencegate.detect(path.read_text(encoding="utf-8-sig", errors="replace")) == 0.0


@pytest.mark.parametrize("text", PROSE)
def test_prose_is_not_sciencegate(text: str):
    assert sciencegate.detect(text) == 0.0


def test_a_kv_dump_and_the_vufind_seed_are_not_this_format():
    dump = msccite.dumps(msccite.read(SEEDS / "003_98c53ee05b756194.txt"), "kv")
    assert sciencegate.detect(dump) == 0.0
    assert msccite.detect((SEEDS / "001_504c54339216dac7.txt").read_text(encoding="utf-8")) == "kv"
    assert sciencegate.detect((ROOT / "tests" / "data" / "vufind" / "english.txt").read_text(encoding="utf-8")) == 0.0
