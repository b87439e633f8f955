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


def test_duplicates_by_doi_pmid_and_near_identical_title():
    a = _complete()
    b = _complete(title="Mesenchymal Stromal Cells for GVHD.", DOI="10.1/other")  # same title, year, first author
    c = _complete(title="Something else", DOI="10.3390/JCM8122102")  # same DOI, other case
    d = _complete(title="Unrelated", DOI=None, PMID="31810187")
    e = _complete(title="Other again", DOI=None, PMID="31810187")
    f = _complete(title="Mesenchymal stromal cells for GVHD", issued=Date.of(2020), DOI=None)  # other year
    found = [x for x in check([a, b, c, d, e, f]) if "duplicate" in x.message]
    assert [(x.record, x.message) for x in found] == [
        (2, "likely duplicate of record 1 (x.ris:7) (same title, year and first author)"),
        (3, "likely duplicate of record 1 (x.ris:7) (same DOI 10.3390/JCM8122102)"),
        (5, "likely duplicate of record 4 (x.ris:7) (same PMID 31810187)"),
    ]


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
