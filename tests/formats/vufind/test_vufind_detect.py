"""VuFind page detection: the seed and the fixtures are detected with no hint; nothing else is taken for a page."""

from __future__ import annotations

from pathlib import Path

import pytest

import msccite
from msccite.formats import vufind
from paths import RIS_CORPUS, ROOT, SEEDS

DATA = ROOT / "tests" / "data"
OWN = sorted((DATA / "vufind").glob("*.txt"))
OTHERS = sorted(p for p in DATA.glob("*/*") if p.is_file() and p.parent.name not in ("vufind", "fuzz"))
PROSE = [
    "Dear colleague,\nplease find attached the list.\nSummary: we met on Monday.\nLanguage: English\n",
    "Minutes\nPublished: 2019\nFormat: PDF\nLanguage: English\nSubjects: budget, travel\n",
    "The format of the meeting: open.\nLoading the van took an hour.\nDescription\nOther authors agreed.\n",
]


@pytest.mark.parametrize("path", [SEEDS / "000_93d63967208e8cbe.txt", *OWN], ids=lambda p: p.name)
def test_pages_are_detected_with_no_hint(path: Path):
    text = path.read_text(encoding="utf-8")
    assert msccite.detect(text) == "vufind"
    assert msccite.read(path, errors="collect").format == "vufind"


@pytest.mark.parametrize("path", RIS_CORPUS + OTHERS + [p for p in sorted(SEEDS.glob("*.txt")) if "000_" not in p.name],
                         ids=lambda p: p.name)  # fmt: skip
def test_other_formats_are_not_pages(path: Path):
    assert vufind.detect(path.read_text(encoding="utf-8-sig", errors="replace")) == 0.0


@pytest.mark.parametrize("text", PROSE)
def test_prose_is_not_a_page(text: str):
    assert vufind.detect(text) == 0.0


def test_a_kv_dump_stays_kv():
    dump = msccite.dumps(msccite.read(SEEDS / "003_98c53ee05b756194.txt"), "kv")
    assert vufind.detect(dump) == 0.0
    assert msccite.detect((SEEDS / "001_504c54339216dac7.txt").read_text(encoding="utf-8")) == "kv"


def test_the_kv_format_no_longer_answers_to_vufind():
    assert msccite.registry.get("vufind").name == "vufind"
    assert msccite.registry.get("solr").name == "kv"
