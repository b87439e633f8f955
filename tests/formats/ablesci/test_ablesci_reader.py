"""AbleSci (科研通) paper pages: the seed, another page with header text, two pages in one file, CRLF."""

from __future__ import annotations

import pytest

import msccite
from msccite import Date, Name
from msccite.formats.ablesci.read import _once
from pages import assert_no_chrome, furniture_lines, real_problems
from paths import ROOT, SEEDS

SEED = SEEDS / "004_7ad02130e3716cb1.txt"
DATA = ROOT / "tests" / "data" / "ablesci"
CHROME = ("实时播报", "科研通", "AbleSci", "最长约", "完成签到", "高分求助", "作者", "出处", "标识", "摘要", "卷期号")


def _no_chrome(rec: msccite.Record) -> None:
    assert_no_chrome(rec, CHROME)


@pytest.fixture(scope="module")
def seed():
    return msccite.read(SEED, errors="collect")


def test_the_seed_is_detected_and_gives_one_record(seed):
    assert msccite.detect(SEED.read_text(encoding="utf-8")) == "ablesci"
    assert seed.format == "ablesci" and len(seed) == 1 and real_problems(seed) == []
    assert furniture_lines(seed) == "lines 14, 16-19, 21-110"  # the site's tail: reported, not dropped in silence
    assert seed[0].source.line == 1
    _no_chrome(seed[0])


def test_the_seed_title_journal_publisher_volume_issue_pages_doi(seed):
    rec = seed[0]
    assert rec.title.startswith("ALLOGENEIC UMBILICAL-CORD DERIVED MESENCHYMAL STROMAL CELLS MSC(UC) AS TREATMENT")
    assert rec.title.endswith("FROM A PHASE I-II PROOF-OF-CONCEPT CLINICAL STUDY")
    assert (rec.type, rec["container-title"], rec["publisher"]) == ("article-journal", "Cytotherapy", "Elsevier")
    assert (rec["volume"], rec["issue"], rec["page"]) == ("26", "6", "S45-S46")
    assert rec["DOI"] == "10.1016/j.jcyt.2024.03.076"
    assert "issued" not in rec  # the page gives no year: none is invented


def test_the_seed_has_seventeen_given_family_authors(seed):
    authors = seed[0].authors
    assert len(authors) == 17
    assert authors[0] == Name("Farge", "Dominique") and authors[-1] == Name("Tarte", "Karin")
    assert Name("Korganow", "Anne\u2010Sophie") in authors  # kept as written; normalization makes the hyphen plain
    assert Name("Taupin", "Jean\u2010Luc") in authors and Name("Weil", "B.") in authors


def test_the_seed_subject_terms_are_keywords(seed):
    terms = "间充质干细胞 脐带 医学 临床终点 不利影响 强的松 内科学 临床试验 免疫学 胃肠病学 病理".split()
    assert seed[0]["keyword"] == terms


def test_the_seed_abstract_once(seed):
    abstract = seed[0]["abstract"]
    assert abstract.startswith("Background & Aim: Background Preclinical studies show")
    assert abstract.endswith("explore the role of B-cell modifications in clinical benefit.")
    assert abstract.count("Preclinical studies show Mesenchymal Stromal Cells") == 1
    assert abstract.count("post-infusion.") == 1


def test_the_seed_normalized_has_plain_hyphens():
    rec = msccite.read(SEED, normalize=True)[0]
    assert Name("Korganow", "Anne-Sophie") in rec.authors and Name("Taupin", "Jean-Luc") in rec.authors


def test_another_page_with_text_before_the_title():
    recs = msccite.read(DATA / "second.txt", errors="collect")
    assert recs.format == "ablesci" and len(recs) == 1
    rec = recs[0]
    assert rec.title == "Umbilical cord MSC for refractory lupus nephritis: a multicentre study"
    assert rec.source.line == 2
    assert rec.authors == [
        Name("Sun", "Lingyun"),
        Name("Zhang", "Huayong"),
        Name("Feng", "Xuebing"),
        Name("Berg", "Ludwig", non_dropping_particle="van der"),
    ]  # "，" separates them
    assert (rec["container-title"], rec["publisher"]) == ("Stem Cell Research & Therapy", "BioMed Central")
    assert (rec["volume"], rec.get("issue"), rec["page"], rec["issued"]) == ("11", None, "45-52", Date.of(2020))
    assert (rec["DOI"], rec["PMID"]) == ("10.1186/s13287-020-01570-0", "32000000")
    assert rec["abstract"].endswith("after one year.")
    assert rec["keyword"] == ["间充质干细胞", "狼疮性肾炎", "医学", "内科学"]
    assert [(p.line, p.severity) for p in real_problems(recs)] == [(1, "warning")]  # 文献求助: not the paper's
    _no_chrome(rec)


def test_two_pages_in_one_file():
    recs = msccite.read(DATA / "two_pages.txt", errors="collect")
    assert len(recs) == 2 and real_problems(recs) == []
    assert recs[0].title.startswith("ALLOGENEIC") and recs[1].title.startswith("Umbilical cord MSC")
    assert (len(recs[0].authors), len(recs[1].authors)) == (17, 4)
    assert recs[0]["abstract"] == msccite.read(SEED)[0]["abstract"]  # the first page's tail is not read
    for rec in recs:
        _no_chrome(rec)


def test_crlf_gives_the_same_records(tmp_path):
    for path in (SEED, DATA / "second.txt"):
        crlf = tmp_path / path.name
        crlf.write_bytes(path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
        assert list(msccite.read(crlf, errors="collect")) == list(msccite.read(path, errors="collect"))


def test_a_page_without_title_or_authors_heading():
    recs = msccite.loads("作者\nA. Roe\n摘要\nShort.\n", "ablesci", errors="collect")
    assert recs[0].authors == [Name("Roe", "A.")] and recs[0].title is None
    assert "no title in record 1" in real_problems(recs)[0].message
    none = msccite.loads("摘要\nText\n", "ablesci", errors="collect")
    assert list(none) == [] and "no 作者" in real_problems(none)[0].message


def test_an_abstract_that_does_not_repeat_is_kept_whole():
    text = ("Stem cells were given to ten patients. Nine of them improved. Patients were followed for one year. "
            "Stem cells were given safely.")  # fmt: skip
    assert _once(text) == text
    copy = "First finding here, it is long enough. Second finding, also long enough to count."
    once = f"Intro. {copy} More detail follows in this part."
    assert _once(f"{once} {copy}") == once


def test_a_keywords_heading_and_other_labels():
    page = "A title\n作者\nA. Roe\n关键词\nstem cells; lupus，nephritis\n出处\n会议:MSC Congress 2021\n版本:2\n"
    page += "摘要\nText.\n"
    recs = msccite.loads(page, "ablesci", errors="collect")
    rec = recs[0]
    assert rec["keyword"] == ["stem cells", "lupus", "nephritis"]
    assert (rec.type, rec["container-title"]) == ("paper-conference", "MSC Congress 2021")
    assert rec.extra == [msccite.Extra("ablesci", "版本", "2")] and real_problems(recs) == []
