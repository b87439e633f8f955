"""The journal step: normalize_journal fills the journal from the bundled table, or leaves the record alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import msccite
from msccite import Record, journals
from msccite.journals import issn_key, lookup, title_matches
from msccite.normalization.journals import citable_title, journal_conflict, normalize_journal, split_publisher
from paths import SEEDS
from strategies import records

JOURNAL_VARIABLES = ("container-title", "container-title-short", "ISSN", "publisher")


def _normalized(rec: Record) -> Record:
    out = rec.copy()
    normalize_journal(out)
    return out


def _journal(rec: Record) -> dict[str, object]:
    return {k: rec.get(k) for k in JOURNAL_VARIABLES}


def _record(fields: dict[str, object]) -> Record:
    rec = Record("article-journal", title="Mesenchymal stromal cells for GVHD")
    for k, v in fields.items():
        rec[k] = v
    return rec


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
    assert out["container-title"] == "Medicina"  # NLM's "Medicina (Kaunas, Lithuania)" without its place
    assert out["container-title-short"] == "Medicina (Kaunas)"  # the abbreviation keeps it: it tells the six apart
    assert out["ISSN"] == ["1010-660X", "1648-9144"]


def test_title_and_short_title_of_two_journals_leave_the_record_alone():
    rec = Record("article-journal", container_title="Journal of Clinical Medicine", container_title_short="JCI Insight")
    assert _normalized(rec) == rec


# -- the ISSN does not replace the journal the record names ---------------------------------------
SCTM = "2157-6564"  # Stem Cells Translational Medicine's print ISSN (its electronic one is 2157-6580)
JCM = {"container-title": "Journal of Clinical Medicine", "container-title-short": "J Clin Med", "publisher": None}
STEM_CELLS_TM = {"container-title": "Stem Cells Translational Medicine",
                 "container-title-short": "Stem Cells Transl Med", "ISSN": ["2157-6564", "2157-6580"],
                 "publisher": None}  # fmt: skip
ISSN_AND_NAMES = [
    # (what the record says, its journal variables once normalized; None: left exactly as it was)
    # the names are another journal's than the ISSN: the names decide, the ISSN stays as written, none is added
    ({"container-title": "J Clin Med", "ISSN": [SCTM]}, {**JCM, "ISSN": [SCTM]}),
    ({"container-title": "Journal of Clinical Medicine", "ISSN": [SCTM]}, {**JCM, "ISSN": [SCTM]}),
    ({"container-title-short": "J Clin Med", "ISSN": [SCTM]}, {**JCM, "ISSN": [SCTM]}),
    ({"journalAbbreviation": "J. Clin. Med.", "ISSN": [SCTM]}, {**JCM, "ISSN": [SCTM]}),
    # the rule that made this record JCI Insight ("an ISSN decides first") is gone
    ({"container-title": "Journal of Clinical Medicine", "ISSN": ["2379-3708"]}, {**JCM, "ISSN": ["2379-3708"]}),
    ({"container-title": "Cytotherapy [Elsevier]", "ISSN": [SCTM]},
     {"container-title": "Cytotherapy", "container-title-short": "Cytotherapy", "ISSN": [SCTM],
      "publisher": "Elsevier"}),
    # the ISSN decides: the record names no journal, or the ISSN's own, or the names narrow several ISSN matches
    ({"ISSN": [SCTM]}, STEM_CELLS_TM),
    ({"container-title": "Stem cells translational medicine", "ISSN": [SCTM]}, STEM_CELLS_TM),
    ({"container-title": "Stem Cells Transl Med", "ISSN": [SCTM]}, STEM_CELLS_TM),
    ({"container-title-short": "J Clin Med", "ISSN": ["2157-6564 (Print)", "2077-0383"]},
     {**JCM, "ISSN": ["2077-0383", "2157-6564 (Print)"]}),
    # Embase (tests/data/corpus): "Anat. Rec." is NLM's "Anat Rec (Hoboken)" without its qualifier, as well as the
    # abbreviation of The Anatomical Record (1906-): a name of the ISSN's journal, so the ISSN decides
    ({"container-title": "Anatomical Record", "container-title-short": "Anat. Rec.", "ISSN": ["1932-8494"]},
     {"container-title": "Anatomical Record", "container-title-short": "Anat Rec (Hoboken)",
      "ISSN": ["1932-8486", "1932-8494"], "publisher": None}),
    # PsycInfo (tests/data/corpus): the journal's English title since 2011, with the print ISSN of its Spanish title
    ({"container-title": "Psychosocial Intervention", "ISSN": ["1132-0559"]},
     {"container-title": "Psychosocial Intervention", "container-title-short": "Psychosoc Interv",
      "ISSN": ["1132-0559"], "publisher": None}),
    # left alone: names of no journal of the table, of several but not the ISSN's, of two journals between them
    ({"container-title": "Journal of Things Nobody Publishes", "ISSN": [SCTM]}, None),
    ({"container-title": "Biological Reviews", "ISSN": ["1469-185X"]}, None),  # Google Scholar: not a name NLM has
    ({"container-title": "Medicina", "ISSN": [SCTM]}, None),
    ({"container-title": "Journal of Clinical Medicine", "container-title-short": "Stem Cells Transl Med",
      "ISSN": [SCTM]}, None),
]  # fmt: skip


@pytest.mark.parametrize("fields, expected", ISSN_AND_NAMES)
def test_an_issn_never_replaces_the_journal_the_record_names(fields, expected):
    rec = _record(fields)
    out = _normalized(rec)
    if expected is None:
        assert out == rec
        assert out.fields == rec.fields
    else:
        assert _journal(out) == expected
        assert out["title"] == "Mesenchymal stromal cells for GVHD"  # nothing else changes
    assert _normalized(out) == out  # idempotent


CONFLICTS = [
    # (what the record says, journal_conflict: (ISSN, the ISSN's journal, the named journal) as NLM titles)
    ({"container-title": "J Clin Med", "ISSN": [SCTM]},
     ("2157-6564", "Stem Cells Translational Medicine", "Journal of Clinical Medicine")),
    ({"container-title": "Journal of Clinical Medicine", "ISSN": ["23793708 (Electronic)"]},
     ("2379-3708", "JCI Insight", "Journal of Clinical Medicine")),
    ({"container-title": "Journal of Clinical Medicine", "container-title-short": "Stem Cells Transl Med",
      "ISSN": [SCTM]}, ("2157-6564", "Stem Cells Translational Medicine", "Journal of Clinical Medicine")),
    ({"container-title": "Arthritis & rheumatology (Hoboken, N.J.)", "ISSN": ["0959-8138"]},
     ("0959-8138", "BMJ (Clinical Research Ed.)", "Arthritis & Rheumatology (Hoboken, N.J.)")),
    ({"container-title": "Psychosocial Intervention", "ISSN": ["1132-0559"]},
     ("1132-0559", "Intervencion Psicosocial", "Psychosocial Intervention")),
    ({"container-title": "Stem cells translational medicine", "ISSN": [SCTM]}, None),
    ({"container-title": "Veterinary Surgery", "ISSN": ["0161-3499"]}, None),  # NLM's "Veterinary Surgery : VS"
    ({"container-title": "Anatomical Record", "container-title-short": "Anat. Rec.", "ISSN": ["1932-8494"]}, None),
    ({"ISSN": [SCTM]}, None),
    ({"container-title": "J Clin Med"}, None),
    ({"container-title": "Journal of Things Nobody Publishes", "ISSN": [SCTM]}, None),
    ({"container-title": "Medicina", "ISSN": [SCTM]}, None),  # six journals: which one is not known
    ({"container-title-short": "J Clin Med", "ISSN": [SCTM, "2077-0383"]}, None),  # one of its ISSNs is JCM's
]  # fmt: skip


@pytest.mark.parametrize("fields, expected", CONFLICTS)
def test_journal_conflict(fields, expected):
    rec = _record(fields)
    for r in (rec, _normalized(rec)):  # msccite check sees normalized records: the conflict is still there
        found = journal_conflict(r)
        if expected is None:
            assert found is None
        else:
            assert found is not None and (found[0], found[1].title, found[2].title) == expected


def test_a_chapter_with_a_series_issn_has_no_conflict():
    rec = Record("chapter", container_title="Mesenchymal Stem Cells", ISSN=["1064-3745"], ISBN=["978-1-0716-3076-5"])
    assert journal_conflict(rec) is None


# -- the citable title -------------------------------------------------------------------------------
CITABLE = [
    # (ISSN, NLM's title as the table keeps it, the container-title a record gets, its container-title-short)
    # a place, a date, or both
    ("2326-5191", "Arthritis & Rheumatology (Hoboken, N.J.)", "Arthritis & Rheumatology", "Arthritis Rheumatol"),
    ("0743-4618", "Augmentative and Alternative Communication (Baltimore, Md. : 1985)",
     "Augmentative and Alternative Communication", "Augment Altern Commun"),
    ("0036-8075", "Science (New York, N.Y.)", "Science", "Science"),
    ("1066-5099", "Stem Cells (Dayton, Ohio)", "Stem Cells", "Stem Cells"),
    ("1420-3049", "Molecules (Basel, Switzerland)", "Molecules", "Molecules"),
    ("1648-9144", "Medicina (Kaunas, Lithuania)", "Medicina", "Medicina (Kaunas)"),
    ("0277-9536", "Social Science & Medicine (1982)", "Social Science & Medicine", "Soc Sci Med"),
    ("2366-004X", "Abdominal Radiology (New York)", "Abdominal Radiology", "Abdom Radiol (NY)"),  # New York, N.Y.
    ("2078-2489", "Information (Basel)", "Information", "Information (Basel)"),  # Basel, Switzerland
    # an edition, publisher or body the MEDLINE abbreviation drops
    ("0959-8138", "BMJ (Clinical Research Ed.)", "BMJ", "BMJ"),
    ("0278-2715", "Health Affairs (Project Hope)", "Health Affairs", "Health Aff (Millwood)"),
    # an acronym that repeats the title
    ("0161-3499", "Veterinary Surgery : VS", "Veterinary Surgery", "Vet Surg"),
    ("0960-9822", "Current Biology : CB", "Current Biology", "Curr Biol"),
    ("1555-9041", "Clinical Journal of the American Society of Nephrology : CJASN",
     "Clinical Journal of the American Society of Nephrology", "Clin J Am Soc Nephrol"),
    ("1940-087X", "Journal of Visualized Experiments : JoVE", "Journal of Visualized Experiments", "J Vis Exp"),
    ("1738-5997", "Electrolyte & Blood Pressure : E & BP", "Electrolyte & Blood Pressure", "Electrolyte Blood Press"),
    ("1525-2027", "Geochemistry, Geophysics, Geosystems : G(3)", "Geochemistry, Geophysics, Geosystems",
     "Geochem Geophys Geosyst"),
    ("0266-7061", "Computer Applications in the Biosciences : CABIOS", "Computer Applications in the Biosciences",
     "Comput Appl Biosci"),
    # kept: an edition or publisher the abbreviation keeps (another journal), a subtitle, a former title
    ("2768-6701", "Frontiers in Bioscience (Landmark Edition)", "Frontiers in Bioscience (Landmark Edition)",
     "Front Biosci (Landmark Ed)"),
    ("1433-7851", "Angewandte Chemie (International ed. In English)",
     "Angewandte Chemie (International ed. In English)", "Angew Chem Int Ed Engl"),
    ("1885-5857", "Revista Espanola de Cardiologia (English Ed.)", "Revista Espanola de Cardiologia (English Ed.)",
     "Rev Esp Cardiol (Engl Ed)"),
    ("2504-3900", "Proceedings (MDPI)", "Proceedings (MDPI)", "Proceedings (MDPI)"),
    ("2167-0501", "Biochemistry & Pharmacology : Open Access", "Biochemistry & Pharmacology : Open Access",
     "Biochem Pharmacol (Los Angel)"),
    ("1178-7007", "Diabetes, Metabolic Syndrome and Obesity : Targets and Therapy",
     "Diabetes, Metabolic Syndrome and Obesity : Targets and Therapy", "Diabetes Metab Syndr Obes"),
    ("1091-255X", "Journal of Gastrointestinal Surgery : Official Journal of the Society for Surgery of the Alimentary "
     "Tract", "Journal of Gastrointestinal Surgery : Official Journal of the Society for Surgery of the Alimentary "
     "Tract", "J Gastrointest Surg"),
    ("0910-5050", "Japanese Journal of Cancer Research : Gann", "Japanese Journal of Cancer Research : Gann",
     "Jpn J Cancer Res"),
]  # fmt: skip


@pytest.mark.parametrize("issn, nlm_title, citable, abbrev", CITABLE)
def test_the_container_title_is_nlms_title_without_its_cataloguing_qualifier(issn, nlm_title, citable, abbrev):
    journal = lookup(issn=issn)
    assert journal is not None and journal.title == nlm_title  # the table keeps NLM's own form
    assert citable_title(journal) == citable
    for rec in (Record("article-journal", ISSN=[issn]), Record("article-journal", container_title=nlm_title),
                Record("article-journal", container_title=nlm_title, ISSN=[issn])):  # fmt: skip
        out = _normalized(rec)
        assert (out["container-title"], out["container-title-short"]) == (citable, abbrev)
        assert _normalized(out) == out
        assert journal_conflict(out) is None
    assert journal in title_matches(nlm_title) and journal in title_matches(citable)  # both still find it


def test_every_citable_title_finds_its_journal():
    changed = 0
    for journal in journals.journals():
        citable = citable_title(journal)
        if citable != journal.title:
            changed += 1
            assert journal in title_matches(citable), (journal.title, citable)
    assert 2800 < changed < 3000  # of 35,092 NLM titles (2,892 when written)


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
         "Stem cell research & therapy", "Medicina", "Science", "The Lancet", "Blood", "PloS one",
         "Stem Cells Translational Medicine", "Science (New York, N.Y.)", "Veterinary surgery : VS", "Vet Surg",
         "Medicina (Kaunas, Lithuania)", "Arthritis & Rheumatology", "Journal of Things Nobody Publishes"]  # fmt: skip
REAL = st.sampled_from(NAMES)
REAL_ISSNS = st.lists(st.sampled_from(["2077-0383", "23793708", "1465-3249", "1477-2566 (Electronic)", "1648-9144",
                                       "0036-8075", "0006-4971", "2157-6564", "0161-3499", "2326-5191"]),
                      max_size=3)  # fmt: skip


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


@pytest.mark.parametrize("placeholder", ["Journal", "Proceedings", "Review", "journal."])
def test_a_generic_word_names_no_journal(placeholder):
    """``T2  - Journal`` (an export's label, in Zotero's RIS test data) is not "The Journal" of NLM's list."""
    rec = msccite.normalize(Record("article-journal", **{"container-title": placeholder}))
    assert rec["container-title"] == placeholder.rstrip(".")
    assert "ISSN" not in rec and "container-title-short" not in rec
