"""msccite check: findings per record, duplicates, the command's output and exit status."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import msccite
from msccite import Date, Name, Record, Source
from msccite.check import Finding, check
from msccite.journals import issn_key
from paths import CORPUS, ROOT, SEEDS


def _complete(**over) -> Record:
    fields = dict(title="Mesenchymal stromal cells for GVHD", author=[Name("Le Blanc", "Katarina")],
                  issued=Date.of(2019), DOI="10.3390/jcm8122102")  # fmt: skip
    fields.update(over)
    rec = Record("article-journal", source=Source("ris", "x.ris", 7), **{"container-title": "J Clin Med"})
    for k, v in fields.items():
        rec[k] = v
    return rec


def _messages(findings: list[Finding]) -> list[str]:
    return [f"{f.severity}: {f.message}" for f in findings]


def test_a_complete_record_has_no_finding():
    assert check([_complete()]) == []


def test_missing_title_authors_year_and_journal():
    rec = Record("article-journal", source=Source("ris", "x.ris", 3))
    found = check([rec])
    assert _messages(found) == ["error: missing title", "warning: missing authors", "warning: missing year",
                                "warning: missing journal"]  # fmt: skip
    assert str(found[0]) == "x.ris:3: [1] error: missing title"


def test_invalid_doi_issn_and_isbn_are_errors():
    rec = _complete(DOI="10.abc/x", ISSN=["2077-0384", "2077-0383"], ISBN=["978-3-16-148410-1"])
    msgs = _messages(check([rec]))
    assert any(m.startswith("error: DOI '10.abc/x': ") for m in msgs), msgs
    assert any("ISSN '2077-0384'" in m for m in msgs) and not any("'2077-0383'" in m for m in msgs)
    assert any("ISBN '978-3-16-148410-1'" in m for m in msgs)


def test_truncated_lists_and_suspicious_names_are_warnings():
    rec = _complete(author=[Name("De", "Salvo A."), Name("SMITH", "J."), Name(literal="Arantza Infante")])
    rec.custom["truncated"] = ["author"]
    msgs = _messages(check([rec]))
    assert "warning: the author list is truncated (et al.): the full list is not in the source" in msgs
    assert any("only a particle" in m for m in msgs)
    assert any("capitals" in m for m in msgs)
    assert any("could not be split" in m for m in msgs)


def test_a_volume_or_issue_that_is_really_other_text_is_a_warning():
    # Covidence's EndNote export puts Embase's affiliations into IS (tests/data/corpus/_baseline_covidence_endnote.ris)
    rec = _complete(volume="15", issue="(Boisvert C.) Brigham Young University, Provo, UT, United States")
    assert _messages(check([rec])) == [
        "warning: issue '(Boisvert C.) Brigham Young University, ...' does not look like an issue"]
    assert check([_complete(volume="31", issue="suppl_1")]) == []


SCTM = "ISSN 2157-6564 is Stem Cells Translational Medicine's, but the record names Journal of Clinical Medicine"
JOURNAL_CONFLICTS = [
    # (container-title, container-title-short, ISSN, the finding; None: none)
    ("J Clin Med", None, ["2157-6564"], SCTM),
    ("Journal of Clinical Medicine", None, ["2157-6564 (Print)"], SCTM),
    ("Journal of Clinical Medicine", None, ["2379-3708"],
     "ISSN 2379-3708 is JCI Insight's, but the record names Journal of Clinical Medicine"),
    ("Journal of Clinical Medicine", "Stem Cells Transl Med", ["2157-6564"], SCTM),  # left alone, still reported
    ("Arthritis & rheumatology (Hoboken, N.J.)", None, ["0959-8138"],
     "ISSN 0959-8138 is BMJ's, but the record names Arthritis & Rheumatology"),  # the journals' citable titles
    ("Stem cells translational medicine", None, ["2157-6564"], None),
    ("J Clin Med", None, ["2077-0383"], None),
    ("Veterinary Surgery", "Vet Surg", ["0161-3499"], None),
    ("Journal of Things Nobody Publishes", None, ["2157-6564"], None),  # unknown: nothing to compare
    ("Medicina", None, ["2157-6564"], None),  # six journals: which one is not known
    ("J Clin Med", None, None, None),
]  # fmt: skip


@pytest.mark.parametrize("title, short, issn, finding", JOURNAL_CONFLICTS)
def test_an_issn_of_another_journal_than_the_one_named_is_a_warning(title, short, issn, finding):
    rec = _complete(**{"container-title": title, "container-title-short": short, "ISSN": issn})
    expected = [] if finding is None else [f"warning: {finding}"]
    assert _messages(check([rec])) == expected
    normalized = msccite.normalize(rec)  # msccite check normalizes first
    assert _messages(check([normalized])) == expected
    if finding is not None:  # the normalizer keeps the named journal, and the ISSN as it is
        assert normalized["container-title"] == finding.rsplit(" names ", 1)[1]
        assert [issn_key(i) for i in normalized["ISSN"]] == [issn_key(i) for i in issn]


def test_the_journal_conflict_finding_has_its_place():
    rec = _complete(**{"container-title": "J Clin Med", "ISSN": ["2157-6564"]})
    (found,) = check([rec])
    assert (found.severity, found.file, found.line, found.record) == ("warning", "x.ris", 7, 1)
    assert str(found) == f"x.ris:7: [1] warning: {SCTM}"


def test_extras_are_info():
    rec = _complete()
    rec.extra = [msccite.Extra("medline", "AD@1", "Karolinska"), msccite.Extra("medline", "AD@2", "Solna")]
    assert _messages(check([rec])) == ["info: 2 value(s) not mapped to a field (kept as extras): medline:AD"]


def _duplicates(records: list[Record]) -> list[tuple[int | None, str]]:
    return [(x.record, f"{x.severity}: {x.message}") for x in check(records) if "duplicate" in x.message]


def test_duplicates_by_doi_pmid_and_near_identical_title():
    # msccite dedupe's matcher: identifiers decide, else the title, year, first author, journal score
    a = _complete()
    b = _complete(title="Mesenchymal Stromal Cells for GVHD.", DOI=None)  # same title, year, first author
    c = _complete(title="Mesenchymal stromal cells for GVHD: a review", DOI="10.3390/JCM8122102")  # DOI, other case
    d = _complete(title="Bone marrow stromal cells in knee osteoarthritis", author=[Name("Vega", "Aurelio")],
                  DOI=None, PMID="25581740")  # fmt: skip
    e = _complete(title="BONE MARROW STROMAL CELLS IN KNEE OSTEOARTHRITIS", author=[Name("Vega", "A.")],
                  DOI=None, PMID="25581740")  # fmt: skip
    f = _complete(title="Mesenchymal stromal cells for GVHD", issued=Date.of(2015), DOI=None)  # years apart
    assert _duplicates([a, b, c, d, e, f]) == [
        (2, "warning: likely duplicate of record 1 (x.ris:7) (same title)"),
        (3, "warning: likely duplicate of record 1 (x.ris:7) (same DOI 10.3390/JCM8122102)"),
        (5, "warning: likely duplicate of record 4 (x.ris:7) (same PMID 25581740)"),
    ]


def test_a_year_apart_is_the_same_work_online_and_in_print():
    a = _complete()
    b = _complete(title="Mesenchymal stromal cells for GVHD.", issued=Date.of(2020), DOI=None)
    assert _duplicates([a, b]) == [(2, "warning: likely duplicate of record 1 (x.ris:7) (same title, years 2019/2020)")]


def test_a_notice_is_not_a_duplicate_of_its_work():
    a = _complete()
    b = _complete(title="Erratum: Mesenchymal stromal cells for GVHD", DOI=None)
    c = _complete(title="Comment on: Mesenchymal stromal cells for GVHD", DOI=None)
    assert _duplicates([a, b, c]) == []


def test_the_same_identifier_under_other_titles_is_for_a_reviewer():
    # a wrong DOI or PMID is as likely as the same work: an info finding, not a warning
    a = _complete()
    b = _complete(title="Something else entirely", DOI="10.3390/JCM8122102")
    found = [x for x in check([a, b]) if "duplicate" in x.message]
    assert [(x.severity, x.record, x.message) for x in found] == [
        ("info", 2, "possible duplicate of record 1 (x.ris:7), for a reviewer "
                    "(score 0.80: same DOI, but different titles)"),
    ]  # fmt: skip


def test_a_record_between_two_dois_joins_one_and_is_for_a_reviewer_with_the_other():
    a = _complete()
    b = _complete(DOI="10.1016/j.jcyt.2020.01.001")
    c = _complete(DOI=None)
    assert _duplicates([a, b, c]) == [
        (3, "warning: likely duplicate of record 1 (x.ris:7) (same title)"),
        (3, "info: possible duplicate of record 2 (x.ris:7), for a reviewer "
            "(score 1.00: same title; would join two different identifiers)"),
    ]  # fmt: skip


def test_a_record_joined_through_a_later_one_names_the_first_of_its_work():
    # 2019 and 2021 are too far apart to match, but each matches the 2020 record (online and print years)
    a = _complete(DOI=None)
    b = _complete(DOI=None, issued=Date.of(2021))
    c = _complete(DOI=None, issued=Date.of(2020))
    assert _duplicates([a, b, c]) == [
        (2, "warning: likely duplicate of record 1 (x.ris:7) (matched through another record of the same work)"),
        (3, "warning: likely duplicate of record 1 (x.ris:7) (same title, years 2019/2020)"),
    ]


def test_duplicates_across_files_name_the_other_file():
    a = _complete()
    b = _complete()
    b.source = Source("bibtex", "y.bib", 12)
    (found,) = [x for x in check([a, b]) if "duplicate" in x.message]
    assert str(found) == "y.bib:12: [1] warning: likely duplicate of record 1 (x.ris:7) (same DOI 10.3390/jcm8122102)"


def test_the_corpus_exports_of_the_same_records_are_found_as_duplicates():
    a = msccite.read(CORPUS / "_baseline_covidence_endnote.ris", normalize=True)
    b = msccite.read(CORPUS / "_baseline_zotero.ris", normalize=True)
    dups = [f for f in check(a + b) if "duplicate" in f.message and f.file.endswith("zotero.ris")]
    assert len(dups) >= 0.8 * len(b), len(dups)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    cmd = [sys.executable, "-m", "msccite", *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)


def test_cli_check_exit_status_lines_and_json(tmp_path):
    good = tmp_path / "good.ris"
    good.write_text("TY  - JOUR\nTI  - A study\nAU  - Vivarelli, M.\nPY  - 2023\nJO  - JCI insight\nER  - \n")
    proc = run("check", str(good))
    assert proc.returncode == 0 and proc.stdout == "", proc.stderr
    assert "1 record checked: 0 error(s), 0 warning(s)" in proc.stderr
    bad = tmp_path / "bad.ris"
    bad.write_text("TY  - JOUR\nAU  - Vivarelli, M.\nPY  - 2023\nDO  - 10.abc\nER  - \n")
    proc = run("check", str(bad))
    assert proc.returncode == 1
    assert f"{bad}:1: [1] error: missing title" in proc.stdout.splitlines()
    proc = run("check", "--json", str(bad))
    data = json.loads(proc.stdout)
    assert {"severity": "error", "message": "missing title", "file": str(bad), "line": 1, "record": 1,
            "id": None} in data  # fmt: skip


def test_cli_check_warns_about_an_issn_of_another_journal(tmp_path):
    path = tmp_path / "issn.ris"
    path.write_text("TY  - JOUR\nTI  - A study\nAU  - Vivarelli, M.\nPY  - 2023\nJO  - J Clin Med\nSN  - 2157-6564\n"
                    "ER  - \n")  # fmt: skip
    proc = run("check", str(path))
    assert proc.returncode == 0, proc.stderr  # a warning, not an error
    assert proc.stdout.splitlines() == [f"{path}:1: [1] warning: {SCTM}"]


def test_cli_check_reports_reader_problems_with_their_line_and_never_a_traceback(tmp_path):
    broken = tmp_path / "broken.ris"
    broken.write_text("AU  - Orphan, A.\nTY  - JOUR\nTI  - Fine\nAU  - X, Y\nPY  - 2020\nJO  - J\nER  - \n")
    proc = run("check", str(broken))
    assert "Traceback" not in proc.stderr
    assert any(line.startswith(f"{broken}:1:") for line in proc.stdout.splitlines()), proc.stdout
    assert proc.returncode == 1


def test_cli_check_on_the_seeds_names_what_is_missing():
    proc = run("check", *(str(p) for p in sorted(SEEDS.glob("*.txt"))))
    assert "Traceback" not in proc.stderr
    assert "003_98c53ee05b756194.txt" not in proc.stdout  # the RIS seed is complete


def test_the_same_title_year_and_first_author_with_different_dois_are_not_duplicates():
    # two works of one group in one year under one title (a trial and its follow-up): their DOIs decide
    a = _complete()
    b = _complete(title="Mesenchymal Stromal Cells for GVHD.", DOI="10.1016/j.jcyt.2020.01.001")
    assert _duplicates([a, b]) == []
