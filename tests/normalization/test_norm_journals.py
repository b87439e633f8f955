"""The journal step: normalize_journal fills the journal from the bundled table, or leaves the record alone."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import msccite
from msccite import Record
from msccite.journals import issn_key
from msccite.normalization.journals import normalize_journal, split_publisher
from paths import SEEDS
from strategies import records

JOURNAL_VARIABLES = ("container-title", "container-title-short", "ISSN", "publisher")


def _normalized(rec: Record) -> Record:
    out = rec.copy()
    normalize_journal(out)
    return out


def _journal(rec: Record) -> dict[str, object]:
    return {k: rec.get(k) for k in JOURNAL_VARIABLES}


# -- the seeds ------------------------------------------------------------------------------------
def test_seed_001_j_clin_med_gets_its_full_title_and_issn():
    (rec,) = msccite.read(SEEDS / "001_504c54339216dac7.txt", errors="collect")
    assert rec.get("container-title-short") == "J Clin Med"  # what the reader gives: the abbreviation only
    out = _normalized(rec)
    assert _journal(out) == {"container-title": "Journal of Clinical Medicine", "container-title-short": "J Clin Med",
                             "ISSN": ["2077-0383"], "publisher": "MDPI"}  # fmt: skip
    assert {k: v for k, v in out.items() if k not in JOURNAL_VARIABLES} == {
        k: v for k, v in rec.items() if k not in JOURNAL_VARIABLES
    }  # nothing else is touched


def test_seed_003_jci_insight_gets_title_case_and_its_abbreviation():
    (rec,) = msccite.read(SEEDS / "003_98c53ee05b756194.txt", errors="collect")
    assert rec.get("container-title") == "JCI insight"
    out = _normalized(rec)
    assert out["container-title"] == "JCI Insight"
    assert out["container-title-short"] == "JCI Insight"
    assert out["ISSN"] == ["2379-3708"]


def test_seed_004_cytotherapy_with_its_publisher_in_brackets():
    # the AbleSci page writes "期刊:Cytotherapy [Elsevier]"
    rec = Record("article-journal", title="Allogeneic MSC", container_title="Cytotherapy [Elsevier]")
    out = _normalized(rec)
    assert _journal(out) == {"container-title": "Cytotherapy", "container-title-short": "Cytotherapy",
                             "ISSN": ["1465-3249", "1477-2566"], "publisher": "Elsevier"}  # fmt: skip


def test_a_bracketed_publisher_does_not_replace_the_records_own():
    rec = Record("article-journal", container_title="Cytotherapy [Elsevier]", publisher="Elsevier Inc.")
    out = _normalized(rec)
    assert out["container-title"] == "Cytotherapy"
    assert out["publisher"] == "Elsevier Inc."


def test_a_bracket_that_is_part_of_an_nlm_title_is_not_a_publisher():
    rec = Record("article-journal", container_title="Arerugi = [Allergy]")
    out = _normalized(rec)
    assert out["container-title"] == "Arerugi = [Allergy]"
    assert out["container-title-short"] == "Arerugi"
    assert "publisher" not in out


def test_split_publisher():
    assert split_publisher("Cytotherapy [Elsevier]") == ("Cytotherapy", "Elsevier")
    assert split_publisher("Stem Cell Research & Therapy [BioMed Central]") == ("Stem Cell Research & Therapy",
                                                                               "BioMed Central")  # fmt: skip
    assert split_publisher("Cytotherapy") == ("Cytotherapy", None)
    assert split_publisher("[Elsevier]") == ("[Elsevier]", None)


# -- which key finds the journal ------------------------------------------------------------------
def test_an_abbreviation_in_container_title_becomes_the_short_title():
    out = _normalized(Record("article-journal", container_title="J. Clin. Med."))
    assert out["container-title"] == "Journal of Clinical Medicine"
    assert out["container-title-short"] == "J Clin Med"


def test_journal_abbreviation_is_read_as_the_abbreviation():
    rec = Record("article-journal", fields={"journalAbbreviation": "Stem Cell Res Ther"})
    out = _normalized(rec)
    assert out["container-title"] == "Stem Cell Research & Therapy"
    assert out["container-title-short"] == "Stem Cell Res Ther"
    assert out["journalAbbreviation"] == "Stem Cell Res Ther"  # kept as the source wrote it


def test_an_issn_alone_finds_the_journal():
    out = _normalized(Record("article-journal", ISSN=["1477-2566"]))
    assert _journal(out) == {"container-title": "Cytotherapy", "container-title-short": "Cytotherapy",
                             "ISSN": ["1465-3249", "1477-2566"], "publisher": None}  # fmt: skip


def test_own_issns_are_kept_as_written_once_each_print_first():
    rec = Record("article-journal", container_title="Cytotherapy",
                 ISSN=["1477-2566 (Electronic)", "14653249", "1465-3249", "9999-9999"])  # fmt: skip
    out = _normalized(rec)
    assert out["ISSN"] == ["14653249", "1477-2566 (Electronic)", "9999-9999"]


def test_a_title_several_journals_share_is_left_alone_unless_an_issn_decides():
    rec = Record("article-journal", container_title="Medicina")
    assert _normalized(rec) == rec
    with_issn = Record("article-journal", container_title="Medicina", ISSN=["1648-9144"])
    out = _normalized(with_issn)
    assert out["container-title"] == "Medicina (Kaunas, Lithuania)"
    assert out["container-title-short"] == "Medicina (Kaunas)"


def test_title_and_short_title_of_two_journals_leave_the_record_alone():
    rec = Record("article-journal", container_title="Journal of Clinical Medicine", container_title_short="JCI Insight")
    assert _normalized(rec) == rec


# -- what is left alone ---------------------------------------------------------------------------
def test_an_unmatched_journal_is_left_exactly_as_it_was():
    rec = Record("article-journal", container_title="Journal of Things Nobody Publishes [Foo Press]",
                 container_title_short="J Things", ISSN=["1234-5678 (Print)"], publisher="")  # fmt: skip
    out = _normalized(rec)
    assert out == rec
    assert out.fields == rec.fields


def test_a_book_with_an_isbn_only_is_not_a_journal():
    rec = Record("chapter", container_title="Cytotherapy", ISBN=["978-3-16-148410-0"])
    assert _normalized(rec) == rec
    rec = Record("book", container_title="Journal of Clinical Medicine")
    assert _normalized(rec) == rec


def test_a_chapter_with_an_isbn_and_a_series_issn_is_left_alone():
    # Methods in Molecular Biology has an ISSN; a chapter's container-title is its book, not the series
    rec = Record("chapter", container_title="Mesenchymal Stem Cells", ISSN=["1064-3745"], ISBN=["978-1-0716-3076-5"])
    assert _normalized(rec) == rec


def test_a_conference_paper_in_a_journal_is_looked_up_by_its_issn():
    out = _normalized(Record("paper-conference", ISSN=["2077-0383"]))
    assert out["container-title"] == "Journal of Clinical Medicine"


def test_an_article_with_an_issn_and_an_isbn_is_looked_up():
    out = _normalized(Record("article-journal", ISSN=["2077-0383"], ISBN=["978-3-16-148410-0"]))
    assert out["container-title"] == "Journal of Clinical Medicine"


def test_a_record_without_a_journal_is_left_alone():
    rec = Record("article-journal", title="Only a title")
    assert _normalized(rec) == rec


# -- properties ------------------------------------------------------------------------------------
NAMES = ["Journal of clinical medicine", "J Clin Med", "JCI insight", "Cytotherapy [Elsevier]",
         "Stem cell research & therapy", "Medicina", "Science", "The Lancet", "Blood", "PloS one"]  # fmt: skip
REAL = st.sampled_from(NAMES)
REAL_ISSNS = st.lists(st.sampled_from(["2077-0383", "23793708", "1465-3249", "1477-2566 (Electronic)", "1648-9144",
                                       "0036-8075", "0006-4971"]), max_size=3)  # fmt: skip


@st.composite
def journal_records(draw: st.DrawFn) -> Record:
    """Records of the common strategy, often with a real journal name or ISSN, so that matches happen."""
    rec = draw(records())
    if draw(st.booleans()):
        rec["container-title"] = draw(REAL)
    if draw(st.booleans()):
        rec["container-title-short"] = draw(REAL)
    if draw(st.booleans()):
        rec["ISSN"] = draw(REAL_ISSNS)
    return rec


@given(records())
def test_property_normalize_journal_twice_is_once(rec):
    once = _normalized(rec)
    assert _normalized(once) == once


@given(journal_records())
def test_property_normalize_journal_twice_is_once_on_real_journals(rec):
    once = _normalized(rec)
    assert _normalized(once) == once


@given(journal_records())
def test_property_only_journal_variables_change(rec):
    out = _normalized(rec)
    assert {k: v for k, v in out.items() if k not in JOURNAL_VARIABLES} == {
        k: v for k, v in rec.items() if k not in JOURNAL_VARIABLES
    }
    own = {issn_key(i) or i for i in rec.get("ISSN", [])}
    assert own <= {issn_key(i) or i for i in out.get("ISSN", [])}  # the record's own ISSNs stay
    if out != rec:
        assert out.get("container-title") and out.get("container-title-short")
