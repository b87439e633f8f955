"""Studies and reports (PRISMA 2020): registrations are never merged with papers, only linked by registration IDs."""

from __future__ import annotations

import io

import msccite
from msccite import Date, Name, Record
from msccite.dedupe import dedupe
from msccite.dedupe.report import summary, write_studies
from msccite.dedupe.studies import link, register_of
from msccite.formats.trials import registration_record
from paths import EXPORTS

TITLE = "Mesenchymal stromal cells for steroid-dependent nephrotic syndrome: a phase I trial"


def registration(number: str, *secondary: str, title: str = TITLE, register: str = "ClinicalTrials.gov") -> Record:
    return msccite.normalize(registration_record(register=register, trial_id=number, title=title, sponsor="Bambino Gesù",
                                                 registered="2017-03-01", secondary_ids=secondary))  # fmt: skip


def paper(abstract: str = "", title: str = TITLE, doi: str = "10.1172/jci.insight.169424") -> Record:
    rec = Record("article-journal", title=title, author=[Name("Vivarelli", "M.")], issued=Date.of(2023),
                 DOI=doi, abstract=abstract, **{"container-title": "JCI Insight"})  # fmt: skip
    return msccite.normalize(rec)


def test_a_registration_and_the_paper_of_its_trial_are_two_reports_of_one_study():
    reg, rep = registration("NCT02382874"), paper("Registration: NCT02382874.")
    result = dedupe([reg, rep])
    assert len(result.clusters) == 2  # same title, never merged: a registration is not the paper
    assert result.studies == [1, 1]
    c = result.counts()
    assert (c["from_registers"], c["from_databases"], c["reports"], c["studies"]) == (1, 1, 2, 1)


def test_the_same_registration_from_two_exports_is_one_record():
    ctgov = registration("NCT02382874")
    ictrp = registration("NCT02382874", register="ClinicalTrials.gov")
    ictrp["title-short"] = "MSC in nephrotic syndrome"
    result = dedupe([ctgov, ictrp])
    assert len(result.clusters) == 1 and result.counts()["duplicates_removed"] == 1


def test_registrations_of_one_trial_in_two_registers_are_linked_not_merged():
    nct = registration("NCT05697861", "2022-003405-30")
    eu = registration("EUCTR2022-003405-30-DE", "NCT05697861", register="EU Clinical Trials Register")
    other = registration("NCT09999999", title="Another trial of stromal cells in lupus")
    result = dedupe([nct, eu, other])
    assert len(result.clusters) == 3 and result.studies == [1, 1, 2]


def test_a_registration_listing_another_of_its_register_is_another_study():
    extension = registration("NCT05071300", "NCT04136184", title="Extension study of vutrisiran")
    parent = registration("NCT04136184", title="Vutrisiran in hereditary ATTR amyloidosis")
    assert dedupe([extension, parent]).studies == [1, 2]


def test_a_review_naming_several_trials_reports_none_of_them():
    regs = [registration(n, title=f"Trial {n} of stromal cells") for n in ("NCT00000001", "NCT00000002")]
    review = paper("We reviewed NCT00000001 and NCT00000002.", title="A review of stromal cell trials", doi="10.1/r")
    assert link([*regs, review]) == [1, 2, 3]
    one = paper("NCT00000002 (EudraCT 2016-004804-77).", title="Results of trial 2", doi="10.1/t2")
    assert link([*regs, one]) == [1, 2, 2]  # one trial's NCT and EudraCT numbers: a report of that study


def test_registers_are_told_apart():
    assert [register_of(i) for i in ("NCT01234567", "2016-004804-77", "2023-507385-11-00", "ISRCTN12345678")] == [
        "NCT", "EudraCT", "CTIS", "ISRCTN"]  # fmt: skip


def test_the_studies_table_and_the_summary():
    reg, rep = registration("NCT02382874"), paper("Registration: NCT02382874.")
    result = dedupe([reg, rep], [{"file": "ctg-studies.csv", "record": 1, "format": "ctgov"},
                                 {"file": "pubmed.nbib", "record": 4, "format": "medline"}])  # fmt: skip
    out = io.StringIO()
    write_studies(result, out)
    assert out.getvalue().splitlines() == [
        "study,file,record,type,registrations,title,year",
        f"1,ctg-studies.csv,1,registration,NCT02382874,{TITLE},2017",
        f"1,pubmed.nbib,4,report,NCT02382874,{TITLE},2023",
    ]
    lines = summary(result)
    assert "  from registers: 1" in lines and "  from databases: 1" in lines
    assert "studies: 1 (reports of one trial linked by its registration IDs)" in lines


def test_the_ictrp_sample_links_one_trials_country_records():
    recs = msccite.read(EXPORTS / "ictrp_xml" / "ictrp-results-first48.xml", normalize=True)
    result = dedupe(recs)
    assert len(result.clusters) == 48  # registrations of 48 records: none is another's duplicate
    study = {c.merged["number"]: s for c, s in zip(result.clusters, result.studies, strict=True)}
    # the EU CTR's country records of EudraCT 2021-000037-14, and the CTIS record with its NCT
    eu = {n for n in study if n.startswith("EUCTR2021-000037-14-")}
    assert len(eu) == 5 and len({study[n] for n in eu}) == 1
    assert study["CTIS2023-507385-11-00"] == study["NCT05697861"]
    assert study["NCT05071300"] != study["NL-OMON55279"]  # an extension study naming its parent: another study
    assert result.counts()["from_registers"] == 48 and result.counts()["studies"] < 48


def test_the_cli_writes_the_studies_table(tmp_path, capsys):
    from msccite.cli import main

    reg_csv = tmp_path / "ctg.csv"
    msccite.write([registration("NCT02382874")], reg_csv)  # our table of the registration
    ris = tmp_path / "pubmed.ris"
    msccite.write([paper("Registration: NCT02382874.")], ris)
    studies = tmp_path / "studies.csv"
    code = main(["dedupe", str(ris), str(reg_csv), "-o", str(tmp_path / "out.ris"), "--studies", str(studies)])
    assert code == 0
    rows = studies.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "study,file,record,type,registrations,title,year"
    assert [r.split(",")[:5] for r in rows[1:]] == [["1", str(ris), "1", "report", "NCT02382874"],
                                                    ["1", str(reg_csv), "1", "registration", "NCT02382874"]]  # fmt: skip
    err = capsys.readouterr().err
    assert "from registers: 1" in err and "studies: 1" in err
