"""The registry's lazy tables (``msccite.formats``) agree with the format modules themselves, and lazy detection
says what detection over every format says."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import msccite
from msccite import registry
from msccite.errors import MscciteError
from msccite.formats import DEFAULT_BOUND, DETECT_BOUND, EXTENSION_OF, MODULE_OF, MODULES, SNIFF
from msccite.formats.ctgov.map import CSV_DISTINCTIVE
from msccite.formats.medline.read import _MEDLINE_ONLY
from msccite.formats.pubmed_xml.map import ROOTS
from msccite.formats.vufind.map import FIELD_LABELS
from msccite.formats.vufind.read import _STRONG
from paths import CORPUS, EXPORTS, ROOT, SEED_FILES


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


# -- sniffs: a format whose sniff is not in the sample is not imported, and that changes no answer --------------------

SHARED = ROOT.parent / "shared"
SNIFF_FILES = sorted(p for root in (ROOT / "tests" / "data", SHARED / "corpus", SHARED / "seeds")
                     for p in root.rglob("*") if p.is_file())  # fmt: skip (not resolved: ../shared may be a link)
_SNIFFS = {modname: re.compile(pattern) for modname, pattern in SNIFF.items()}


def _samples(path) -> list[str]:
    """What detection sees of a file: the sample the API makes of it (decoded, a BOM off, a gzip file or a workbook
    opened), and the start of its bytes read as UTF-8 with replacement characters (a BOM kept)."""
    out = []
    try:
        with msccite.api.open_input(path) as inp:
            out.append(inp.sample)
    except (MscciteError, OSError):  # undecodable, a damaged gzip or workbook: the bytes as text below
        pass
    out.append(path.read_bytes()[: 64 * 1024].decode("utf-8", errors="replace"))
    return out


def _sniff_misses(sample: str) -> list[str]:
    """The modules whose detect scores the sample above 0 while their sniff is not in it (there must be none)."""
    return [m for m, sniff in _SNIFFS.items()
            if registry._load(m).module.detect(sample) > 0 and sniff.search(sample) is None]  # fmt: skip


def _detect_without_sniffs(sample: str) -> str | None:
    """Every module's detect in registry order: the highest score wins, a tie goes to the earlier; None if all say 0."""
    best, best_score = None, 0.0
    for modname in MODULES:
        fmt = registry._load(modname)
        if fmt.can_read and (score := fmt.detect(sample)) > best_score:
            best, best_score = fmt.name, score
    return best


def test_the_sniffs_are_of_registered_modules_and_compile():
    assert set(SNIFF) <= set(MODULES)
    assert {"ris", "csl_json", "tables", "ctgov", "mods", "word_xml", "vufind"} <= set(SNIFF)
    for modname in SNIFF:
        assert registry._sniff(modname) is not None
    assert all(registry._sniff(m) is None for m in MODULES if m not in SNIFF)


@pytest.mark.parametrize("path", SNIFF_FILES, ids=lambda p: os.path.relpath(p, ROOT.parent))
def test_a_format_detected_in_a_file_has_its_sniff_there(path):
    for sample in _samples(path):
        assert _sniff_misses(sample) == []


@pytest.mark.parametrize("path", SNIFF_FILES, ids=lambda p: os.path.relpath(p, ROOT.parent))
def test_detection_with_sniffs_says_what_detection_without_them_says(path):
    for sample in _samples(path):
        expected = _detect_without_sniffs(sample)
        if expected is None:
            with pytest.raises(msccite.UnknownFormatError):
                registry.detect_name(sample)
        else:
            assert registry.detect_name(sample) == expected


#: Samples each format detects (checked below), for the subtle parts of the sniffs: every label of VuFind's that makes a
#: record page, every column that makes a ClinicalTrials.gov header (one a quote splits too), ICTRP's TrialID as its
#: name key reads it ...
POSITIVES = [
    ("csl_json", '[{"id": "a", "type": "book"}]'), ("csl_json", '{"id": "a"}'), ("csl_json", "[ ]"),
    ("ris", "TY  - JOUR\nTI  - A\nER  - \n"), ("ris", "TY - JOUR\nER -"),
    ("medline", "PMID- 1\nTI  - A\n"),
    ("medline", "TI  - A title\nFAU - Doe, Jane\nAU  - Doe J\nDP  - 2019 Dec\nTA  - J Clin Med\n"),
    ("medline", "TI  - A\nOWN - NLM\nSTAT- MEDLINE\nLID - 10.1/x [doi]\nMH  - Humans\nJT  - J\nPHST- 2020\n"),
    ("kv", "".join(f"field_{i} | value {i} |\n" for i in range(8))),
    ("kv", "key | value |\n--- | --- |\n" + "".join(f"f{i} | v |\n" for i in range(5))),
    ("wos", "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Doe, J\nER\n"),
    ("wos", "PT J\nAU Doe, J\nTI A title\nSO J\nER\n"),
    ("endnote", "%0 Journal Article\n%A Doe, Jane\n%T A title\n"), ("endnote", "%A Doe, Jane\n%T A title\n%D 2020\n"),
    ("endnote_xml", '<?xml version="1.0"?><xml><records><record></record></records></xml>'),
    ("pubmed_xml", '<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet PUBLIC "x" "y">\n<PubmedArticleSet>'),
    ("pubmed_xml", "<PubmedBookArticle><BookDocument>"),
    ("biblatex", "@online{k,\n  title = {T},\n}\n"),
    ("bibtex", "@article{k,\n  title = {T},\n}\n"), ("bibtex", "% comment\n@Book(k, author = {A})"),
    ("sciencegate", "2020 ◽\nVol 3 ◽\npp. 1-2 ◽\nAuthor(s): A B\n"),
    ("ablesci", "A title\n作者\nA B\n摘要\nText\n"),
    ("ctgov", '{"protocolSection": {"identificationModule": {}}}'),
    ("ctgov", '{"FullStudiesResponse": {"FullStudies": []}}'), ("ctgov", '{"studies": [], "nextPageToken": "x"}'),
    ("ctgov", '<?xml version="1.0"?>\n<clinical_study>\n<nct_id>NCT1</nct_id>'),
    ("ctgov", "NCT Number\nNCT0001\n"), ("ctgov", "Rank,Title,Conditions,Interventions\n1,a,b,c\n"),
    ("ictrp", '<?xml version="1.0" encoding="UTF-8"?>\n<Trials_downloaded_from_ICTRP>\n<Trial>'),
    ("ictrp", "<Trial><TrialID>NCT1</TrialID>"), ("ictrp", "TrialID,Last Refreshed on,Public title\nNCT1,x,y\n"),
    ("ictrp", '"TR\u0130AL ID";"Scientific_title"\n'), ("ictrp", "\n\n  T-r-i-a-l_I-D\tpublic title\n"),
    ("ictrp", "\u1e97ri\u1e9alID,Public title\n"),
    ("cochrane", "Record #1 of 2\nID: CD000001\nAU: Doe J\nTI: A\n"),
    ("cochrane", "ID: CN-01234567\nAU: Doe J\nTI: A\n"),
    ("eppi", '{"CodeSets": [], "References": []}'), ("eppi", '{"References": [{"ItemId": 1}]}'),
    ("eppi", '{ "References" : 1}'),
    ("mods", '<?xml version="1.0"?>\n<modsCollection xmlns="http://www.loc.gov/mods/v3"><mods>'),
    ("mods", "<m:mods xmlns:m='x'>"),
    ("word_xml", '<b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography">'),
    ("word_xml", "<Sources><Source>"),
    ("refworks", "RT Journal Article\nA1 Doe, Jane\nT1 A title\n"),
    ("refworks", "RefWorks export\nRT Journal\nA1 Doe\n"),
    ("ovid", "<1>\nVN  - Ovid Technologies\nDB  - Embase\n"), ("ovid", "1.\nDB  - x\nAN  - 1\nAU  - A\nTI  - t\n"),
    ("ovid", "Record 1 of 2\nDB  - x\nAN  - 1\nAU  - A\n"),
    ("ovid", "<1>\nAuthors\n  Doe J\nTitle\n  A\nSource\n  J\n"),
    ("ovid", "Authors\n  Doe J\nTitle\n  A\nSource\n  J\nAbstract\n  X\nLanguage\n  English\n"),
    ("csl_yaml", "references:\n- id: a\n  type: book\n"), ("csl_yaml", "---\nreferences: []\n---\n"),
    ("csl_yaml", "- id: a\n  type: book\n  title: T\n"),
    ("citavi", '<?xml version="1.0"?><CitaviExchangeData Version="6"><References>'),
    ("tables", "Title,Authors,Year,DOI\nA,B,2020,10.1/x\n"), ("tables", "TITLE,A title\nAUTHOR NAMES,X\n"),
]  # fmt: skip
POSITIVES += [("vufind", f"{label}: x\nBibliographic Details\nFormat: Book\nLanguage: English\n")
              for key in sorted(_STRONG) for label in FIELD_LABELS[key]]  # fmt: skip
POSITIVES += [("medline", f"TI  - A\n{tag} x\n{tag} y\n") for tag in _MEDLINE_ONLY]
POSITIVES += [("pubmed_xml", f"<!DOCTYPE {root}>") for root in sorted(ROOTS)]
POSITIVES += [("ctgov", f'"{column[:k]}"{column[k:]},Sex,Age\nx,y,z\n' if k else f"{column},Sex,Age\nx,y,z\n")
              for column in sorted(CSV_DISTINCTIVE | {"NCT Number", "Conditions", "Interventions"})
              for k in range(len(column))]  # fmt: skip


def _variants(sample: str) -> list[str]:
    """The sample as files have it too: a BOM, blank lines first, other line ends, other cases, BOMs everywhere."""
    return [sample, "\ufeff" + sample, "\n \n\t\n" + sample, sample.replace("\n", "\n\ufeff"),
            *(sample.replace("\n", eol) for eol in ("\r\n", "\r", "\u2028", "\x85", "\x0c", "\x1e")),
            sample.upper(), sample.lower(), sample.swapcase(), "\ufeff".join(sample), sample.replace(" ", "\xa0"),
            sample.replace(" ", "\u3000"), sample.replace("ss", "\u00df"), sample.replace("s", "\u017f")]  # fmt: skip


@pytest.mark.parametrize(("modname", "sample"), POSITIVES, ids=lambda v: v[:30] if isinstance(v, str) else v)
def test_the_sniff_is_found_where_the_format_is_detected(modname, sample):
    assert registry._load(modname).module.detect(sample) > 0  # a sample of the format indeed
    for variant in _variants(sample):
        assert _sniff_misses(variant) == [], repr(variant)


#: Pieces of the formats' syntax (and of what tells them apart), for samples made of them.
PIECES = [
    "TY  - ", "TY - ", "JOUR", "ER  - ", "AU  - ", "AB  - ", "PMID- ", "FAU - ", "OWN - ", "STAT- ", "DP  - ",
    "TA  - ", "JT  - ", "LID - ", "MH  - ", "PHST- ", "      ", "%0 ", "%A ", "%T ", "%%", "@article{", "@book(",
    "@online{", " title = {T},", "journaltitle = ", "<xml>", "<records>", "<record>", "<?xml version=\"1.0\"?>",
    "<!DOCTYPE PubmedArticleSet>", "<PubmedArticleSet>", "<!-- c -->", "<mods>", "<modsCollection>", "<b:Sources>",
    "<Source>", "<CitaviExchangeData>", "<clinical_study>", "<nct_id>", "<Trials_downloaded_from_ICTRP>", "<Trial>",
    "<TrialID>", "[", "{", "]", "}", "[{", '"id"', '"type"', ": ", ", ", "key | value |", "field_1 | v |",
    "--- | --- |", " | ", "|", "FN ", "VR ", "PT ", "AU ", "TI ", "ER", "RT ", "A1 ", "T1 ", "RefWorks", "Journal",
    "VN  - Ovid Technologies", "<1>", "1.", "Record 1 of 2", "Record #1 of 2", "ID: CD000001", "ID: CN-0123456",
    "AU: ", "TI: ", "Authors", "Title", "  Doe J", "references:", "- id: a", "  type: book", "cff-version: 1",
    '"CodeSets": [', '"References": [', '"ItemId"', '"protocolSection": {', '"nextPageToken"', '{"studies": [',
    "NCT Number", "Study Title", "Conditions", "Sex", "TrialID", "Public title", "TRIAL_ID", "T\u0130", "\u1e97",
    "Title", "Authors", "Year", "DOI", "TITLE", "Main Author", "Autores principales", "Published", "Summary",
    "Bibliographic Details", "Format", "Language", "Sumario", "Zusammenfassung", "Ver\u00f6ffentlicht", "Gaia",
    "2020 \u25fd", "\u25fd", "Author(s): ", "pp. 1-2", "\u4f5c\u8005", "\u6458\u8981", "\u51fa\u5904", "AbleSci", ",",
    ";", "\t", '"', "\ufeff", "\n", "\r\n", "\r", "\u2028", "\x85", "\x0c", "\n\n", " ", "\xa0", "\u3000", "x",
    "Doe, Jane", "2020", "<", ">", "@", "%",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=40).map("".join))
@example("TY - JOUR\nAU - Smith, J\nAB - a <b> @c %d | e, f\nER - ")
@example("1.\u2028DB  - x\u2028AN  - 1\u2028AU  - A\u2028TI  - t")
def test_a_format_detected_in_a_generated_sample_has_its_sniff_there(sample):
    assert _sniff_misses(sample) == []
    assert _sniff_misses("\ufeff" + sample.replace("\n", "\r\n")) == []


@pytest.mark.parametrize("text", [" " * 65536, "\n" * 65536, "\r\n \t" * 16384, "\ufeff\n" * 32768, "1.\n" * 21845,
                                  "\n \n " * 16384, "tr\u0130" * 21845, "<" * 65536, '"' * 65536, "@ {" * 21845,
                                  "Main Author" * 5957, "a | " * 16384])  # fmt: skip
def test_the_sniffs_take_linear_time(text):
    """A 64 KiB sample of runs that would make a careless pattern backtrack: every sniff in well under a second."""
    start = time.perf_counter()
    for sniff in _SNIFFS.values():
        sniff.search(text)
        sniff.search("x" + text + "x")
    assert time.perf_counter() - start < 1.0


def test_detecting_the_ris_seed_imports_no_other_format():
    """The RIS seed (``TY - JOUR``: one space, a score of 0.8, so every later format is asked): only RIS is imported."""
    seed = SHARED / "seeds" / "003_98c53ee05b756194.txt"
    code = (
        "import json, sys\nimport msccite\n"
        "name = msccite.detect(open(sys.argv[1], encoding='utf-8').read())\n"
        "print(json.dumps([name, sorted(m for m in sys.modules if m.startswith('msccite.formats.'))]))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(seed)], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    name, loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert name == "ris"
    for modname in ("word_xml", "tables", "mods", "ctgov", "ictrp", "vufind", "ovid", "bibtex", "kv", "medline"):
        assert f"msccite.formats.{modname}" not in loaded, loaded
    formats_loaded = {m.split(".")[2] for m in loaded} & {m.split(".")[0] for m in MODULES}
    assert formats_loaded == {"ris"}, loaded
