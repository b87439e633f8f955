"""Detection of the web-page formats: each seed and fixture is detected with no hint; nothing else is taken for
a page (the RIS corpus, every other format's fixtures, the other seeds, prose, a kv dump)."""

from __future__ import annotations

from pathlib import Path

import pytest

import msccite
from msccite import registry
from paths import RIS_CORPUS, ROOT, SEEDS

DATA = ROOT / "tests" / "data"
PAGES = {"vufind": "000_", "sciencegate": "002_", "ablesci": "004_"}  # format: its seed
PROSE = [
    "Dear colleague,\nplease find attached the list.\nSummary: we met on Monday.\nLanguage: English\n",
    "Minutes\nPublished: 2019\nFormat: PDF\nLanguage: English\nSubjects: budget, travel\n",
    "The format of the meeting: open.\nLoading the van took an hour.\nDescription\nOther authors agreed.\n",
    "这篇文章的作者是张三，摘要在下面。\n作者：张三\n摘要：本文研究了干细胞。\n",
    "Shopping list \u25fd\nMilk \u25fd\nBread \u25fd\nAuthor(s): me\n2019 was a good year\n",
]


def _own(fmt: str) -> list[Path]:
    return [next(SEEDS.glob(PAGES[fmt] + "*.txt")), *sorted((DATA / fmt).glob("*.txt"))]


def _others(fmt: str) -> list[Path]:
    fixtures = sorted(p for p in DATA.glob("*/*") if p.is_file() and p.parent.name not in (fmt, "fuzz"))
    seeds = [p for p in sorted(SEEDS.glob("*.txt")) if not p.name.startswith(PAGES[fmt])]
    return RIS_CORPUS + fixtures + seeds


def _id(x: object) -> str:
    return str(getattr(x, "name", x))


@pytest.mark.parametrize(("fmt", "path"), [(f, p) for f in PAGES for p in _own(f)], ids=_id)
def test_own_files_are_detected_with_no_hint(fmt: str, path: Path):
    assert msccite.detect(path.read_text(encoding="utf-8")) == fmt
    assert msccite.read(path, errors="collect").format == fmt


@pytest.mark.parametrize(("fmt", "path"), [(f, p) for f in PAGES for p in _others(f)], ids=_id)
def test_other_files_are_not_taken_for_a_page(fmt: str, path: Path):
    assert registry.get(fmt).detect(path.read_text(encoding="utf-8-sig", errors="replace")) == 0.0


@pytest.mark.parametrize("fmt", PAGES)
@pytest.mark.parametrize("text", PROSE)
def test_prose_is_not_a_page(fmt: str, text: str):
    assert registry.get(fmt).detect(text) == 0.0


@pytest.mark.parametrize("fmt", PAGES)
def test_a_kv_dump_is_not_a_page_and_the_kv_seed_stays_kv(fmt: str):
    dump = msccite.dumps(msccite.read(SEEDS / "003_98c53ee05b756194.txt"), "kv")
    assert registry.get(fmt).detect(dump) == 0.0
    assert msccite.detect((SEEDS / "001_504c54339216dac7.txt").read_text(encoding="utf-8")) == "kv"


def test_the_kv_format_no_longer_answers_to_vufind():
    assert registry.get("vufind").name == "vufind"
    assert registry.get("solr").name == "kv"
