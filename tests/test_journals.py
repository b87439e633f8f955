"""The bundled journal table and its lookup API (msccite.journals), and the script that builds it."""

from __future__ import annotations

import gzip
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from msccite import journal_index, journals
from msccite.journals import Journal, issn_key, key, lookup
from paths import ROOT

SCRIPT = ROOT / "scripts" / "build_journals.py"
SHARED = ROOT.parent / "shared" / "data" / "journals"
TABLE = ROOT / "src" / "msccite" / "data" / "journals.tsv.gz"
INDEX = ROOT / "src" / "msccite" / "data" / "journals.idx"


def _build_module():
    spec = importlib.util.spec_from_file_location("build_journals", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _build_module()


# -- the seeds' journals, by every key ----------------------------------------------------------
J_CLIN_MED = ("Journal of Clinical Medicine", "J Clin Med", "", "2077-0383", "101606588")
JCI_INSIGHT = ("JCI Insight", "JCI Insight", "", "2379-3708", "101676073")
CYTOTHERAPY = ("Cytotherapy", "Cytotherapy", "1465-3249", "1477-2566", "100895309")


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"abbrev": "J Clin Med"}, J_CLIN_MED),
        ({"abbrev": "J. Clin. Med."}, J_CLIN_MED),
        ({"abbrev": "j clin med"}, J_CLIN_MED),
        ({"title": "Journal of clinical medicine"}, J_CLIN_MED),
        ({"title": "JOURNAL OF CLINICAL MEDICINE"}, J_CLIN_MED),
        ({"title": "Journal of Clinical Medicine."}, J_CLIN_MED),
        ({"issn": "2077-0383"}, J_CLIN_MED),
        ({"issn": "20770383"}, J_CLIN_MED),
        ({"issn": "2077-0383 (Electronic)"}, J_CLIN_MED),
        ({"issn": ["0000-0000", "2077-0383"]}, J_CLIN_MED),
        ({"title": "JCI insight"}, JCI_INSIGHT),
        ({"abbrev": "JCI Insight"}, JCI_INSIGHT),
        ({"issn": "2379-3708"}, JCI_INSIGHT),
        ({"title": "Cytotherapy"}, CYTOTHERAPY),
        ({"issn": "1465-3249"}, CYTOTHERAPY),
        ({"issn": "1477-2566"}, CYTOTHERAPY),
        ({"issn": "1465-3249 (Print)", "title": "Cytotherapy"}, CYTOTHERAPY),
    ],
)
def test_lookup_the_seeds_journals_by_each_key(query, expected):
    found = lookup(**query)
    assert found is not None
    assert (found.title, found.abbrev, found.issn_print, found.issn_electronic, found.nlm_id) == expected
    assert found.source == "nlm"


def test_ampersand_and_and_are_one_key():
    assert lookup(title="Stem Cell Research and Therapy") == lookup(title="Stem cell research & therapy")
    found = lookup(title="stem cell research and therapy")
    assert found is not None and found.title == "Stem Cell Research & Therapy" and found.issns == ["1757-6512"]


def test_a_lower_case_x_check_digit_finds_the_issn():
    found = lookup(issn="2050-084x")
    assert found is not None and found.title == "eLife" and found.issn_electronic == "2050-084X"


def test_nlm_qualifiers_and_subtitles_are_other_names_of_the_title():
    fasEB = lookup(title="FASEB Journal")
    assert fasEB is not None and fasEB.abbrev == "FASEB J" and fasEB.title.startswith("FASEB Journal : Official")
    bmj = lookup(issn="0959-8138")
    assert bmj is not None and bmj.title == "BMJ (Clinical Research Ed.)" and bmj.abbrev == "BMJ"


def test_a_jabref_title_with_an_nlm_abbreviation_is_another_name_of_that_journal():
    found = lookup(title="Readers Digest")  # JabRef's title; NLM's is "The Reader's digest", both "Read Dig"
    assert found is not None and found.source == "nlm" and found.title == "The Reader's Digest"
    assert found.issn_print == "0034-0375"


def test_jabref_fills_a_journal_nlm_lacks():
    lancet = lookup(title="The Lancet")
    assert lancet is not None
    assert lancet.source.startswith("jabref:") and lancet.abbrev == "Lancet" and lancet.issns == []
    assert lookup(title="Lancet") == lancet  # a leading "The" is not part of the key


def test_jabref_dotted_abbreviations_give_a_dotless_abbrev_and_keep_the_iso_form():
    found = [j for j in journals.journals() if j.source == "jabref:lifescience" and j.iso_abbrev.count(".") > 1]
    assert found
    assert all("." not in j.abbrev for j in found)
    # the abbreviation is the ISO one without dots, unless a MEDLINE-style list (entrez) gives its own
    same = [j for j in found if key(j.abbrev) == key(j.iso_abbrev)]
    assert len(same) > 0.95 * len(found)
    assert all(lookup(abbrev=j.iso_abbrev) == lookup(abbrev=build.undotted(j.iso_abbrev)) for j in found)
    # found by its own abbreviation, unless NLM (which wins) or another JabRef title shares it
    itself = [j for j in found if lookup(abbrev=j.iso_abbrev) == j]
    assert len(itself) > len(found) // 2


# -- ambiguity: never a wrong answer ------------------------------------------------------------
def test_a_title_several_journals_share_gives_none():
    medicinas = [j for j in journals.journals() if key(j.title) == "medicina"]
    assert len(medicinas) >= 2  # NLM has several journals called Medicina
    assert lookup(title="Medicina") is None


def test_an_issn_tells_apart_journals_that_share_a_title():
    medicinas = [j for j in journals.journals() if key(j.title) == "medicina" and j.issns]
    for journal in medicinas:
        assert lookup(title="Medicina", issn=journal.issns[0]) == journal


def test_science_is_ambiguous_as_a_title_but_not_as_an_abbreviation():
    assert lookup(title="Science") is None  # "Science" (1979-) and "Science (New York, N.Y.)"
    found = lookup(abbrev="Science")
    assert found is not None and found.issn_print == "0036-8075"


def test_title_and_abbreviation_that_name_two_journals_give_none():
    assert lookup(title="Journal of Clinical Medicine", abbrev="JCI Insight") is None


def test_the_issn_decides_over_a_title():
    found = lookup(issn="2379-3708", title="Journal of Clinical Medicine")
    assert found is not None and found.title == "JCI Insight"


@pytest.mark.parametrize(
    "query",
    [{}, {"title": "Journal of Things Nobody Publishes"}, {"title": "..."}, {"abbrev": ""}, {"issn": "1234"},
     {"issn": "not an issn"}, {"issn": "0000-0000"}],
)  # fmt: skip
def test_unknown_or_empty_keys_give_none(query):
    assert lookup(**query) is None


# -- keys -----------------------------------------------------------------------------------------
def test_key_ignores_case_dots_punctuation_accents_and_a_leading_the():
    assert key("J. Clin. Med.") == key("J Clin Med") == key("j  clin med") == "j clin med"
    assert key("Actas Dermo-Sifiliográficas") == "actas dermo sifiliograficas"
    assert key("Brain & Development") == key("Brain and development") == "brain and development"
    assert key("The Lancet") == key("Lancet") == "lancet"
    assert key("The") == "the"  # a title that is only "The" keeps it
    assert key("...") == ""


def test_issn_key_reads_the_forms_records_use():
    assert issn_key("2077-0383") == issn_key("20770383") == issn_key("2077-0383 (Electronic)") == "20770383"
    assert issn_key("ISSN 2050-084x") == "2050084X"
    assert issn_key("2050\u2013084X") == "2050084X"
    assert issn_key("123-4567") is None
    assert issn_key("") is None


def test_journal_is_a_frozen_record():
    found = lookup(issn="2077-0383")
    assert isinstance(found, Journal)
    with pytest.raises(AttributeError):
        found.title = "x"  # type: ignore[misc]


# -- the table is loaded lazily ---------------------------------------------------------------
def test_importing_msccite_does_not_open_the_index():
    code = (
        "import msccite, msccite.journals as j, msccite.normalization.journals\n"
        "print(j._index.cache_info().currsize)\n"
        "j.lookup(issn='2077-0383')\n"
        "print(j._index.cache_info().currsize)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "0"  # imported, nothing opened
    assert out[1] == "1"  # the first lookup opens the index


def test_the_bundled_index_is_the_index_of_the_bundled_table():
    rows = journals.read_table(TABLE.read_bytes())
    assert INDEX.read_bytes() == journals.build_index(rows)  # no compression: the same rows give the same bytes


def test_the_installed_index_is_mapped_not_read():
    import mmap

    journals._index.cache_clear()
    try:
        assert isinstance(journals._index()["rows"].buf, mmap.mmap)  # the file beside the module, not its bytes
    finally:
        journals._index.cache_clear()


def test_the_index_finds_every_key_of_every_row():
    rows = journals.read_table(TABLE.read_bytes())
    keys = journals.index_keys(rows)
    index = journal_index.open_index(INDEX)
    assert index["rows"].count == len(rows) > 30_000
    assert [index["rows"].line(i).decode() for i in (0, len(rows) // 2, len(rows) - 1)] == \
        [rows[0], rows[len(rows) // 2], rows[-1]]  # fmt: skip
    for name, section in keys.items():
        assert index[name].count == len(section)
        for k, ids in list(section.items())[::97]:  # every 97th key of each section, and the keys around them
            assert index[name].rows_of(k) == ids
            assert index[name].rows_of(k + "\0") == [] and index[name].rows_of(k[:-1] + "\uffff") == []


def test_an_index_of_a_few_rows_searches_like_a_dictionary():
    rows = ["B Journal\tB J\t\t1234-5678\t\t1\tnlm\tBee", "A Journal\tA J\tA. J.\t\t8765-4321\t2\tnlm\t",
            "Ä Journal\tA J\t\t\t\t3\tnlm\t"]
    index = journal_index.open_index(data=journals.build_index(rows))
    assert index["title"].rows_of("b journal") == [0] and index["title"].rows_of("bee") == [0]
    assert index["title"].rows_of("a journal") == [1, 2]  # accents dropped: one key, two rows in row order
    assert index["abbrev"].rows_of("a j") == [1, 2] and index["issn"].rows_of("87654321") == [1]
    assert index["title"].rows_of("c journal") == [] and index["issn"].rows_of("") == []
    with pytest.raises(ValueError, match="not a journal index"):
        journal_index.open_index(data=b"x" * 100)


# -- title case (the build step) -----------------------------------------------------------------
TITLE_CASE = [
    # (NLM title, MEDLINE abbreviation, title case)
    ("Journal of clinical medicine", "J Clin Med", "Journal of Clinical Medicine"),
    ("JCI insight", "JCI Insight", "JCI Insight"),
    ("Stem cell research & therapy", "Stem Cell Res Ther", "Stem Cell Research & Therapy"),
    ("Cytotherapy", "Cytotherapy", "Cytotherapy"),
    ("The lancet. HIV", "Lancet HIV", "The Lancet. HIV"),
    ("The lancet. Diabetes & endocrinology", "Lancet Diabetes Endocrinol", "The Lancet. Diabetes & Endocrinology"),
    ("mBio", "mBio", "mBio"),
    ("eLife", "Elife", "eLife"),
    ("PloS one", "PLoS One", "PLoS One"),
    ("BMJ (Clinical research ed.)", "BMJ", "BMJ (Clinical Research Ed.)"),
    ("Science (New York, N.Y.)", "Science", "Science (New York, N.Y.)"),
    ("In vivo (Athens, Greece)", "In Vivo", "In Vivo (Athens, Greece)"),
    ("Bone marrow transplantation", "Bone Marrow Transplant", "Bone Marrow Transplantation"),
    ("Blood", "Blood", "Blood"),
    ("The New England journal of medicine", "N Engl J Med", "The New England Journal of Medicine"),
    ("Biology of blood and marrow transplantation : journal of the American Society for Blood and Marrow "
     "Transplantation", "Biol Blood Marrow Transplant",
     "Biology of Blood and Marrow Transplantation : Journal of the American Society for Blood and Marrow "
     "Transplantation"),
    ("Annales d'endocrinologie", "Ann Endocrinol (Paris)", "Annales d'Endocrinologie"),
    ("Actas dermo-sifiliograficas", "Actas Dermosifiliogr", "Actas Dermo-Sifiliograficas"),
    ("Zeitschrift fur Kinderheilkunde", "Z Kinderheilkd", "Zeitschrift fur Kinderheilkunde"),
    ("Revista de la Sociedad Odontologica de La Plata", "Rev Soc Odontol La Plata",
     "Revista de la Sociedad Odontologica de La Plata"),
    ("Bulletin of the Los Angeles Dental Society", "Bull Los Angel Dent Soc",
     "Bulletin of the Los Angeles Dental Society"),
    ("Bulletin Of The Contra Costa Dental Society", "Bull Contra Costa Dent Soc",
     "Bulletin of the Contra Costa Dental Society"),
    ("Zhonghua yi xue za zhi", "Zhonghua Yi Xue Za Zhi", "Zhonghua Yi Xue Za Zhi"),
    ("Zhongguo yao li xue bao = Acta pharmacologica Sinica", "Zhongguo Yao Li Xue Bao",
     "Zhongguo Yao Li Xue Bao = Acta Pharmacologica Sinica"),
    ("Acta chemica Scandinavica. Series A: Physical and inorganic chemistry", "Acta Chem Scand A",
     "Acta Chemica Scandinavica. Series A: Physical and Inorganic Chemistry"),
    ("Carcinogenesis; a comprehensive survey", "Carcinog Compr Surv", "Carcinogenesis; A Comprehensive Survey"),
    ("Bulletin of the 8th District Dental Society", "Bull 8th Dist Dent Soc",
     "Bulletin of the 8th District Dental Society"),
    ("Allergie- und Asthmaforschung", "Allerg Asthmaforsch", "Allergie- und Asthmaforschung"),
    ("Obstetrica si ginecologia", "Obstet Ginecol (Buchar)", "Obstetrica si Ginecologia"),
    ("Focus On Aacn", "Focus AACN", "Focus on AACN"),
    ("Journal of applied physiology (Bethesda, Md. : 1985)", "J Appl Physiol (1985)",
     "Journal of Applied Physiology (Bethesda, Md. : 1985)"),
    ("Child abuse & neglect", "Child Abuse Negl", "Child Abuse & Neglect"),
    ("Omics : a journal of integrative biology", "OMICS", "OMICS : A Journal of Integrative Biology"),
    ("HRMagazine : on human resource management", "HRMAGAZINE", "HRMagazine : On Human Resource Management"),
]  # fmt: skip


def test_title_case_takes_casing_from_jabref_titles_but_not_from_titles_in_capitals():
    assert build.title_case("Scha journal", titles=["SCHA Journal"]) == "SCHA Journal"
    assert build.title_case("Cell biology", titles=["CELL BIOLOGY"]) == "Cell Biology"


@pytest.mark.parametrize("nlm_title, abbrev, expected", TITLE_CASE)
def test_title_case(nlm_title, abbrev, expected):
    assert build.title_case(nlm_title, [abbrev]) == expected


def test_title_case_is_idempotent_on_the_table():
    assert len(TITLE_CASE) >= 25
    for _, abbrev, expected in TITLE_CASE:
        assert build.title_case(expected, [abbrev]) == expected


@pytest.mark.parametrize("issn, expected", [("2077-0383", "Journal of Clinical Medicine"), ("2379-3708", "JCI Insight"),
                                            ("1757-6512", "Stem Cell Research & Therapy"), ("1932-6203", "PLoS One"),
                                            ("0959-8138", "BMJ (Clinical Research Ed.)"),
                                            ("2215-0366", "The Lancet. Psychiatry")])  # fmt: skip
def test_the_bundled_table_holds_title_case(issn, expected):
    found = lookup(issn=issn)
    assert found is not None and found.title == expected


# -- the table itself ------------------------------------------------------------------------------
def _table_text() -> str:
    return gzip.decompress(TABLE.read_bytes()).decode("utf-8")


def test_the_table_is_sorted_compact_and_names_its_columns():
    data = TABLE.read_bytes()
    assert len(data) < 1_400_000
    assert data[4:8] == b"\0\0\0\0"  # gzip mtime 0: the same sources give the same bytes
    lines = _table_text().split("\n")
    assert lines[0] == "#" + "\t".join(journals.COLUMNS)
    assert lines[-1] == ""
    rows = [line.split("\t") for line in lines[1:-1]]
    assert all(len(r) == len(journals.COLUMNS) for r in rows)
    assert [key(r[0]) for r in rows] == sorted(key(r[0]) for r in rows)
    nlm = [r for r in rows if r[6] == "nlm"]
    assert len(nlm) > 30_000 and all(r[5] for r in nlm)
    assert all(r[6].startswith("jabref:") and not r[3] and not r[4] for r in rows if r[6] != "nlm")


def test_render_is_deterministic():
    rows = [("B Journal", "B J", "", "", "", "", "nlm", ""), ("A Journal", "A J", "A. J.", "", "", "", "jabref:x", "")]
    assert build.render(rows) == build.render(rows)
    assert gzip.decompress(build.render(rows)).decode().split("\n")[1] == "B Journal\tB J\t\t\t\t\tnlm\t"


def test_undotted():
    assert build.undotted("J. Clin. Med. Res.") == "J Clin Med Res"
    assert build.undotted("Ann. N.Y. Acad. Sci.") == "Ann N Y Acad Sci"


@pytest.mark.skipif(not (SHARED / "nlm" / "J_Medline.csv").exists(), reason="../shared/data/journals is not here")
def test_the_bundled_table_is_what_the_build_script_makes(tmp_path: Path):
    out = tmp_path / "journals.tsv.gz"
    assert build.main([str(SHARED), "-o", str(out)]) == 0
    # compare the text, not the bytes: another zlib may compress the same text differently
    assert gzip.decompress(out.read_bytes()).decode("utf-8") == _table_text()
    assert (tmp_path / "journals.idx").read_bytes() == INDEX.read_bytes()  # and its index beside it
