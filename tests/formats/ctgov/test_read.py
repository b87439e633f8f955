"""ClinicalTrials.gov registrations: every variant of the real exports in the shared corpus, and small hand-written
inputs for the shapes the corpus does not hold here (a list or page of v2 studies, several studies in one XML file,
the classic SearchResults.csv, broken files).

The expected values were read from the files themselves (their lines are quoted beside them), not from the reader.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import msccite
from msccite.formats.trials import GENRE
from paths import EXPORTS

SAMPLES = sorted(p for p in EXPORTS.glob("ctgov_*/*") if p.is_file() and p.name != "PROVENANCE.md")
V2 = EXPORTS / "ctgov_json_v2"
CLASSIC = EXPORTS / "ctgov_json_v1_classic"
XML = EXPORTS / "ctgov_xml_legacy"
CSV = EXPORTS / "ctgov_csv"

needs = pytest.mark.skipif


def documented_count(path: Path) -> int:
    """The number of records PROVENANCE.md gives for the file: its table row's last cell ("100 studies (...)"),
    or, for a folder of one study a file, 1."""
    text = (path.parent / "PROVENANCE.md").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("|") and f"`{path.name}`" in line.split("|")[1]:
            m = re.match(r"\s*(\d+)", line.strip().strip("|").split("|")[-1])
            assert m, line
            return int(m.group(1))
    assert "one study each" in text, f"{path.name} is not in {path.parent.name}/PROVENANCE.md"
    return 1


def loads(text: str, fmt: str | None = "ctgov") -> msccite.Records:
    return msccite.loads(text, fmt, errors="collect")


def errors_of(records: msccite.Records) -> list[msccite.ParseError]:
    return [p for p in records.problems if p.severity == "error"]


def trial(rec: msccite.Record) -> dict:
    return rec.custom.get("trial", {})


def by_number(records: list[msccite.Record], nct: str) -> msccite.Record:
    [rec] = [r for r in records if r.get("number") == nct]
    return rec


def extras(rec: msccite.Record) -> list[tuple[str, str]]:
    """The record's ``ctgov`` extras as ``(key, value)`` pairs, in order."""
    return [(e.key, e.value) for e in rec.extras("ctgov")]


def extra(rec: msccite.Record, key: str) -> list[str]:
    return [v for k, v in extras(rec) if k == key]


# -- every sample ------------------------------------------------------------------------------------
def test_the_corpus_is_there():
    assert {p.parent.name for p in SAMPLES} == {"ctgov_json_v2", "ctgov_json_v1_classic", "ctgov_xml_legacy",
                                                "ctgov_csv"}  # fmt: skip


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_is_detected_as_ctgov(path):
    text = path.read_text(encoding="utf-8")
    assert msccite.detect(text) == "ctgov"  # (detect looks at the first 64 KiB, as for a file)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_reads_whole_without_errors(path):
    records = msccite.read(path, errors="collect")
    assert errors_of(records) == [], errors_of(records)[:3]
    assert len(records) == documented_count(path)
    for rec in records:
        assert rec.type == "report" and rec["genre"] == GENRE and rec["publisher"] == "ClinicalTrials.gov"
        assert re.fullmatch(r"NCT\d{8}", rec["number"])
        assert rec["URL"] == [f"https://clinicaltrials.gov/study/{rec['number']}"]
        assert rec.custom["trial-registrations"][0] == rec["number"]
        assert rec.source.format == "ctgov" and rec.source.line is not None
    list(msccite.read(path))  # strict mode raises nothing either


# -- API v2 JSON ---------------------------------------------------------------------------------------
@needs(not (V2 / "aact_NCT02552212.json").exists(), reason="sample not present")
def test_v2_single_study():
    [rec] = msccite.read(V2 / "aact_NCT02552212.json")
    assert rec["number"] == "NCT02552212"  # "nctId": "NCT02552212"
    assert rec["title"] == ("Phase 3, Multicenter, Randomized, Placebo-Controlled, Double-Blind Study to Evaluate "
                            "Efficacy and Safety of Certolizumab Pegol in Subjects With Active Axial Spondyloarthritis "
                            "(axSpA) Without X-Ray Evidence of Ankylosing Spondylitis (AS) and Objective Signs of "
                            "Inflammation")  # fmt: skip
    assert rec["title-short"] == ("Multicenter Study Evaluating Certolizumab Pegol Compared to Placebo in Subjects "
                                  "With axSpA Without X-ray Evidence of AS")  # fmt: skip
    assert [a.literal for a in rec["author"]] == ["UCB BIOSCIENCES GmbH"]  # leadSponsor.name
    assert "contributor" not in rec
    assert str(rec["issued"]) == "2015-09-17"  # studyFirstPostDateStruct.date
    assert rec["abstract"].startswith("Patients with active Axial Spondyloarthritis without x-ray evidence")
    assert trial(rec) == {
        "status": "Completed",  # "overallStatus": "COMPLETED"
        "phase": ["Phase 3"],  # "phases": ["PHASE3"]
        "conditions": ["Axial Spondyloarthritis", "Nonradiographic Axial Spondyloarthritis", "Nr-axSpA"],
        "interventions": ["Biological: Certolizumab Pegol", "Other: Placebo"],  # type BIOLOGICAL / OTHER
        "enrollment": "317",
        "start": "2015-09",
        "completion": "2020-05",
    }
    # secondaryIdInfos: {"id": "2015-001894-41", "type": "EUDRACT_NUMBER"}
    assert rec.custom["trial-registrations"] == ["NCT02552212", "2015-001894-41"]


@needs(not (V2 / "aact_NCT00763412.json").exists(), reason="sample not present")
def test_v2_collaborators_and_no_phase():
    [rec] = msccite.read(V2 / "aact_NCT00763412.json")
    assert [a.literal for a in rec["author"]] == ["Arbelaez, Ana Maria"]  # an individual sponsor: one literal name
    assert [c.literal for c in rec["contributor"]] == [
        "Washington University School of Medicine", "National Institutes of Health (NIH)", "Novo Nordisk A/S",
        "National Institute of Diabetes and Digestive and Kidney Diseases (NIDDK)"]  # fmt: skip
    assert "title-short" not in rec  # briefTitle == officialTitle
    assert str(rec["issued"]) == "2008-10-01"
    assert "phase" not in trial(rec)  # "phases": ["NA"]
    assert trial(rec)["enrollment"] == "31" and trial(rec)["start"] == "2006-11"
    # the NIH grant P60DK020579 is a secondary ID, but no registration number
    assert rec.custom["trial-registrations"] == ["NCT00763412"]


@needs(not (V2 / "aact_NCT02552212.json").exists(), reason="sample not present")
def test_v2_study_keeps_what_a_reviewer_screens_on():
    [rec] = msccite.read(V2 / "aact_NCT02552212.json")
    # identificationModule: "orgStudyIdInfo": {"id": "AS0006"} (no registration number), "acronym": "C-AXSPAND"
    assert extras(rec)[:2] == [("Org Study ID", "AS0006"), ("Acronym", "C-AXSPAND")]
    assert extra(rec, "Secondary ID") == []  # 2015-001894-41 (EudraCT) is a registration: trial-registrations
    assert extra(rec, "Primary Completion Date") == ["2018-05"]  # primaryCompletionDateStruct.date
    assert extra(rec, "Last Update Posted") == ["2022-08-18"]  # lastUpdatePostDateStruct.date
    assert extra(rec, "Sponsor Class") == ["INDUSTRY"]  # leadSponsor.class
    assert extra(rec, "Study Type") == ["INTERVENTIONAL"]  # designModule.studyType
    assert extra(rec, "Allocation") == ["RANDOMIZED"] and extra(rec, "Intervention Model") == ["PARALLEL"]
    assert extra(rec, "Primary Purpose") == ["TREATMENT"]
    # "maskingInfo": {"masking": "QUADRUPLE", "whoMasked": ["PARTICIPANT", "CARE_PROVIDER", ...]}
    assert extra(rec, "Masking") == ["QUADRUPLE (PARTICIPANT, CARE_PROVIDER, INVESTIGATOR, OUTCOMES_ASSESSOR)"]
    assert extra(rec, "Arm Group") == ["Certolizumab Pegol 200 mg Q2W", "Placebo"]  # armGroups[].label
    primary = extra(rec, "Primary Outcome")  # outcomesModule.primaryOutcomes[].measure, one extra each
    assert len(primary) == 11 and primary[0] == ("Percentage of Subjects With Ankylosing Spondylitis Disease "
                                                 "Activity Score Major Improvement (ASDAS-MI) Response Criteria "
                                                 "Response at Week 52")  # fmt: skip
    assert extra(rec, "Secondary Outcome")[-1] == ("Percentage of Subjects With Adverse Events Leading to "
                                                   "Withdrawal From Investigational Medicinal Product (IMP) During "
                                                   "the Study")  # fmt: skip
    # eligibilityModule: "healthyVolunteers": false, "sex": "ALL", "minimumAge": "18 Years" (no maximum)
    assert extra(rec, "Healthy Volunteers") == ["No"]
    assert extra(rec, "Sex") == ["ALL"] and extra(rec, "Minimum Age") == ["18 Years"]
    assert extra(rec, "Maximum Age") == []
    [criteria] = extra(rec, "Eligibility Criteria")
    assert criteria.startswith("Inclusion Criteria:\n\n* At least 18 years old at the start of Screening Visit")
    assert "(BASDAI) score >= 4" in criteria  # "score \\>= 4": a CommonMark escape, read as the character
    # contactsLocationsModule: overallOfficials, then one location each
    assert extra(rec, "Overall Official") == ["STUDY_DIRECTOR: UCB Cares, 1-844-599-2273 (UCB)"]
    locations = extra(rec, "Location")
    assert locations[0] == "As0006 125, Birmingham, United States"  # facility, city, country (not the state)
    assert locations[-1] == "As0006 231, Taipei, Taiwan" and len(locations) == 105  # 105 "facility" keys
    # referencesModule: the citation, with its PMID
    refs = extra(rec, "Reference")
    assert len(refs) == 4 and refs[0].startswith("van der Heijde D, Gensler LS, Maksymowych WP")
    assert refs[0].endswith("RMD Open. 2022 Mar;8(1):e002138. doi: 10.1136/rmdopen-2021-002138. PMID: 35296532")
    # the modules' order: identification, status, sponsors, design, arms, outcomes, eligibility, contacts, refs
    keys = list(dict.fromkeys(k for k, _ in extras(rec)))
    assert keys == ["Org Study ID", "Acronym", "Primary Completion Date", "Last Update Posted", "Sponsor Class",
                    "Study Type", "Allocation", "Intervention Model", "Primary Purpose", "Masking", "Arm Group",
                    "Primary Outcome", "Secondary Outcome", "Eligibility Criteria", "Healthy Volunteers", "Sex",
                    "Minimum Age", "Overall Official", "Location", "Reference"]  # fmt: skip
    # conditionsModule.keywords, then derivedSection.conditionBrowseModule.meshes[].term, no repeats
    assert rec["keyword"] == [
        "Axial Spondyloarthritis", "axSpA", "Ankylosing Spondylitis", "Anti TNF-alpha", "Certolizumab Pegol",
        "Nr-axSpA", "Non-radiographic", "Spondylarthropathies", "Arthritis", "Spinal Diseases",
        "Immunosuppressive Agents", "Spondylitis", "Spondylarthritis",
        "Non-Radiographic Axial Spondyloarthritis"]  # fmt: skip


@needs(not (V2 / "aact_NCT04207047.json").exists(), reason="sample not present")
def test_v2_unknown_status_and_its_last_known_one():
    [rec] = msccite.read(V2 / "aact_NCT04207047.json")
    # "overallStatus": "UNKNOWN", "lastKnownStatus": "ACTIVE_NOT_RECRUITING"
    assert trial(rec)["status"] == "Unknown status"
    assert extra(rec, "Last Known Status") == ["Active, not recruiting"]
    assert extra(rec, "Healthy Volunteers") == ["Yes"]  # "healthyVolunteers": true
    assert extra(rec, "Location") == ["William LoVerme, MD, Billerica, United States"]
    assert "keyword" not in rec  # no keywords, no condition MeSH terms


def _v2(nct: str, brief: str, **more: object) -> dict:
    ident = {"nctId": nct, "briefTitle": brief}
    return {"protocolSection": {"identificationModule": ident, **more}, "hasResults": False}


def test_v2_list_one_study_a_line():
    """The website's "Download -> JSON": an array, one study a line."""
    text = "[" + json.dumps(_v2("NCT01111111", "One")) + ",\n" + json.dumps(_v2("NCT02222222", "Two")) + "]\n"
    records = loads(text, None)
    assert records.format == "ctgov"
    assert [(r["number"], r["title"], r.source.line) for r in records] == [("NCT01111111", "One", 1),
                                                                           ("NCT02222222", "Two", 2)]  # fmt: skip
    assert records.problems == []


def test_v2_page_of_the_api():
    studies = [_v2("NCT01111111", "One", statusModule={"overallStatus": "RECRUITING",
                                                       "studyFirstPostDateStruct": {"date": "2020-02-03"}}),
               _v2("NCT02222222", "Two")]  # fmt: skip
    text = json.dumps({"studies": studies, "nextPageToken": "NF0g5JGBlPIg"}, indent=2)
    records = loads(text, None)
    assert records.format == "ctgov" and records.problems == []
    assert [r["number"] for r in records] == ["NCT01111111", "NCT02222222"]
    assert str(records[0]["issued"]) == "2020-02-03" and trial(records[0]) == {"status": "Recruiting"}
    lines = text.splitlines()
    assert [lines[r.source.line - 1].strip() for r in records] == ["{", "{"]  # each study's opening brace
    assert records[0].source.line < records[1].source.line


def test_an_empty_page_reads_as_no_records():
    records = loads('{"studies": [], "nextPageToken": null}', None)
    assert records.format == "ctgov" and list(records) == [] and records.problems == []


def test_v2_markdown_escapes_in_the_summary_are_read_as_characters():
    study = _v2("NCT01111111", "B", descriptionModule={"briefSummary": "HbA1c \\>= 7% and \\<10%, \\*not\\* \\\\ x"})
    [rec] = loads(json.dumps(study))
    assert rec["abstract"] == "HbA1c >= 7% and <10%, *not* \\ x"


def test_malformed_json_names_the_line_and_keeps_the_studies_before():
    text = "[\n" + json.dumps(_v2("NCT01111111", "One")) + ",\n" + '{"protocolSection": {"identificationModule": ' \
           '{"nctId": "NCT02222222" "briefTitle": "Two"}}}\n]\n'  # fmt: skip
    records = loads(text)
    assert [r["number"] for r in records] == ["NCT01111111"]
    [err] = records.problems
    assert err.severity == "error" and err.line == 3
    assert "not valid JSON" in err.message and "Expecting ',' delimiter" in err.message
    assert "ClinicalTrials.gov JSON expected" in err.message and "1 complete entry" in err.message
    with pytest.raises(msccite.ParseError, match="not valid JSON") as raised:
        msccite.loads(text, "ctgov")
    assert raised.value.line == 3


def test_json_that_holds_no_study_is_reported_not_raised():
    records = loads('[{"Rank": 1, "Title": "x"}, 3]')
    assert list(records) == []
    assert [p.severity for p in records.problems] == ["error", "error"]
    assert 'found an object with "Rank", "Title"' in records.problems[0].message
    assert loads("[" * 100_000 + "]" * 100_000).problems[0].message.startswith("JSON nested too deeply")


def test_a_study_without_nct_id_is_still_a_record():
    [rec] = loads(json.dumps({"protocolSection": {"identificationModule": {"briefTitle": "No ID"}}}))
    assert rec["title"] == "No ID" and "number" not in rec and "URL" not in rec
    assert "trial-registrations" not in rec.custom


# -- classic API JSON -------------------------------------------------------------------------------------
@needs(not (CLASSIC / "aact_NCT00023673_v1.json").exists(), reason="sample not present")
def test_classic_full_studies_response():
    [rec] = msccite.read(CLASSIC / "aact_NCT00023673_v1.json")
    assert rec["number"] == "NCT00023673"
    assert rec["title"] == ("A Phase I/II Dose Intensification Study Using Three Dimensional Conformal Radiation "
                            "Therapy And Concurrent Chemotherapy For Patients With Inoperable, Non-Small Cell Lung "
                            "Cancer")  # fmt: skip
    assert rec["title-short"] == ("Radiation Therapy Combined With Paclitaxel and Carboplatin in Treating Patients "
                                  "With Stage III Non-Small Cell Lung Cancer")  # fmt: skip
    assert [a.literal for a in rec["author"]] == ["Radiation Therapy Oncology Group"]
    assert [c.literal for c in rec["contributor"]] == ["National Cancer Institute (NCI)"]
    assert str(rec["issued"]) == "2003-04-09"  # "StudyFirstPostDate": "April 9, 2003"
    assert rec["abstract"].startswith("RATIONALE: Radiation therapy uses high-energy x-rays")
    assert trial(rec) == {
        "status": "Completed",
        "phase": ["Phase 1", "Phase 2"],  # "PhaseList": {"Phase": ["Phase 1", "Phase 2"]}
        "conditions": ["Lung Cancer"],
        "interventions": [
            "Drug: carboplatin",
            "Drug: paclitaxel",
            "Radiation: three-dimensional conformal radiation therapy",
        ],
        "enrollment": "63",
        "start": "2001-07",  # "July 2001"
        "completion": "2013-11",  # "November 2013"
    }
    assert rec.source.line == 12  # the "FullStudies" element's opening brace
    # the secondary IDs (CDR0000068850, NCI-2012-02401) are no registration numbers of another register
    assert rec.custom["trial-registrations"] == ["NCT00023673"]


@needs(not (CLASSIC / "aact_NCT00023673_v1.json").exists(), reason="sample not present")
def test_classic_study_keeps_what_a_reviewer_screens_on():
    [rec] = msccite.read(CLASSIC / "aact_NCT00023673_v1.json")
    # "OrgStudyId": "RTOG L-0117", "SecondaryId": "CDR0000068850", "NCI-2012-02401": no registration numbers
    assert extras(rec)[:3] == [("Org Study ID", "RTOG L-0117"), ("Secondary ID", "CDR0000068850"),
                               ("Secondary ID", "NCI-2012-02401")]  # fmt: skip
    assert extra(rec, "Primary Completion Date") == ["2009-01"]  # "January 2009"
    assert extra(rec, "Last Update Posted") == ["2017-12-22"]  # "December 22, 2017"
    assert extra(rec, "Sponsor Class") == ["NETWORK"] and extra(rec, "Study Type") == ["Interventional"]
    assert extra(rec, "Masking") == ["None (Open Label)"] and extra(rec, "Allocation") == ["Non-Randomized"]
    assert extra(rec, "Sex") == ["All"] and extra(rec, "Healthy Volunteers") == ["No"]  # "Gender": "All"
    assert extra(rec, "Primary Outcome")[1] == "Percentage of Patients Who Survive at Least 12 Months"
    assert extra(rec, "Overall Official") == ["Study Chair: Jeffrey Bradley, MD, Mallinckrodt Institute of "
                                              "Radiology at Washington University Medical Center"]  # fmt: skip
    assert extra(rec, "Location")[0] == "Mobile Infirmary Medical Center, Mobile, United States"
    refs = extra(rec, "Reference")
    assert len(refs) == 3 and refs[0].endswith("doi: 10.1200/JCO.2009.27.1205. Epub 2010 Apr 5. PMID: 20368547")
    assert "PMID" not in refs[2]  # a reference without "ReferencePMID"
    # "KeywordList", then "ConditionMeshList" of the DerivedSection
    assert rec["keyword"] == ["squamous cell lung cancer", "large cell lung cancer",
                              "stage IIIA non-small cell lung cancer", "stage IIIB non-small cell lung cancer",
                              "adenocarcinoma of the lung", "adenosquamous cell lung cancer", "Lung Neoplasms",
                              "Carcinoma, Non-Small-Cell Lung"]  # fmt: skip


def test_classic_several_full_studies():
    def full(rank: int, nct: str) -> dict:
        return {"Rank": rank, "Study": {"ProtocolSection": {
            "IdentificationModule": {"NCTId": nct, "BriefTitle": f"Brief {rank}",
                                     "SecondaryIdInfoList": {"SecondaryIdInfo": [{"SecondaryId": "ISRCTN12345678"}]}},
            "DesignModule": {"PhaseList": {"Phase": ["Not Applicable"]}}}}}  # fmt: skip

    data = {"FullStudiesResponse": {"APIVrs": "1.01.05", "NStudiesFound": 2, "MinRank": 1, "MaxRank": 2,
                                    "FullStudies": [full(1, "NCT01111111"), full(2, "NCT02222222")]}}  # fmt: skip
    records = loads(json.dumps(data, indent=2), None)
    assert records.format == "ctgov" and records.problems == []
    assert [(r["number"], r["title"]) for r in records] == [("NCT01111111", "Brief 1"), ("NCT02222222", "Brief 2")]
    assert records[0].custom["trial-registrations"] == ["NCT01111111", "ISRCTN12345678"]
    assert trial(records[0]) == {}


# -- legacy XML ------------------------------------------------------------------------------------------
@needs(not (XML / "aact_NCT01642004.xml").exists(), reason="sample not present")
def test_xml_study():
    [rec] = msccite.read(XML / "aact_NCT01642004.xml")
    assert rec["number"] == "NCT01642004"
    assert rec["title"] == ("An Open-Label Randomized Phase III Trial of BMS-936558 (Nivolumab) Versus Docetaxel in "
                            "Previously Treated Advanced or Metastatic Squamous Cell Non-small Cell Lung Cancer "
                            "(NSCLC)")  # fmt: skip
    assert rec["title-short"] == ("Study of BMS-936558 (Nivolumab) Compared to Docetaxel in Previously Treated "
                                  "Advanced or Metastatic Squamous Cell Non-small Cell Lung Cancer (NSCLC) "
                                  "(CheckMate 017)")  # fmt: skip
    assert [a.literal for a in rec["author"]] == ["Bristol-Myers Squibb"]
    assert str(rec["issued"]) == "2012-07-17"  # <study_first_posted type="Estimate">July 17, 2012
    t = trial(rec)
    assert t["status"] == "Active, not recruiting"  # <overall_status>Active, not recruiting
    assert t["phase"] == ["Phase 3"]  # <phase>Phase 3
    assert t["enrollment"] == "352" and t["start"] == "2012-09-26" and t["completion"] == "2018-12-29"
    assert rec.custom["trial-registrations"] == ["NCT01642004", "2011-004792-36"]  # <secondary_id> (EudraCT)


@needs(not (XML / "aact_NCT00001177.xml").exists(), reason="sample not present")
def test_xml_textblock_is_unwrapped():
    [rec] = msccite.read(XML / "aact_NCT00001177.xml")
    assert rec["title-short"] == "Study of Premenstrual Syndrome and Premenstrual Dysphoria"
    assert [a.literal for a in rec["author"]] == ["National Institute of Mental Health (NIMH)"]
    assert str(rec["issued"]) == "1999-11-04"
    assert trial(rec)["status"] == "Recruiting" and "phase" not in trial(rec)
    assert rec["abstract"].startswith("The purpose of this study is to identify and describe the symptoms of "
                                      "premenstrual syndrome (PMS).\n\nWomen who experience PMS symptoms")  # fmt: skip
    assert "  " not in rec["abstract"]


@needs(not (XML / "aact_NCT00980226.xml").exists(), reason="sample not present")
def test_xml_nct_alias_is_a_registration():
    """AACT's file name is the alias: the study's own NCT ID is NCT00081588 (``<nct_alias>NCT00980226``)."""
    [rec] = msccite.read(XML / "aact_NCT00980226.xml")
    assert rec["number"] == "NCT00081588"
    assert rec.custom["trial-registrations"] == ["NCT00081588", "NCT00980226"]
    assert trial(rec)["phase"] == ["Phase 2"] and trial(rec)["start"] == "2003-11"


@needs(not (XML / "aact_NCT02830269.xml").exists(), reason="sample not present")
def test_xml_study_keeps_what_a_reviewer_screens_on():
    [rec] = msccite.read(XML / "aact_NCT02830269.xml")
    assert extras(rec) == [
        ("Org Study ID", "9720"),  # <org_study_id>9720
        ("Secondary ID", "2016-A00749-42"),  # <secondary_id>: a French ID-RCB number, no registration number
        ("Acronym", "ECHO-V3"),  # <acronym>ECHO-V3
        ("Sponsor Class", "Other"),  # <lead_sponsor><agency_class>Other
        ("Primary Completion Date", "2018-02-18"),  # <primary_completion_date type="Anticipated">February 18, 2018
        ("Study Type", "Observational"),  # <study_type>Observational
        ("Observational Model", "Other"),  # <study_design_info><observational_model>Other
        ("Time Perspective", "Prospective"),
        ("Primary Outcome", "Third ventricle diameter (average +/- standard deviation)"),  # <primary_outcome><measure>
        ("Secondary Outcome", "Residents' learning curve"),
        ("Eligibility Criteria", "Inclusion Criteria:\n\n-  Adult, > or equal to 18-yr\n\n-  Admission to "
                                 "neuro-intensive care unit with brain injury\n\n-  Evaluation by Computer "
                                 "Tomography\n\n-  Indication for Transcranial Doppler ultrasonography\n\n"
                                 "Exclusion Criteria:\n\n-  Opposition to participate by the patient or a next of "
                                 "kin"),  # <criteria><textblock>, unwrapped
        ("Sex", "All"),  # <gender>All
        ("Minimum Age", "18 Years"),  # <minimum_age>18 Years
        ("Maximum Age", "100 Years"),
        ("Healthy Volunteers", "No"),
        ("Overall Official", "Study Director: GERALD CHANQUES, MD, Ph D, University Hospital, Montpellier"),
        ("Overall Official", "Study Chair: Pierre-François PERRIGAULT, MD, University Hospital, Montpellier"),
        ("Overall Official", "Principal Investigator: Paul BORY, MD, University Hospital, Montpellier"),
        ("Location", "UHMontpellier, Montpellier, France"),  # <facility><name>, <city>, <country>
        ("Last Update Posted", "2017-10-18"),  # <last_update_posted type="Actual">October 18, 2017
    ]  # fmt: skip
    # <keyword> (4), then <condition_browse><mesh_term>Brain Injuries
    assert rec["keyword"] == ["Neuro-ICU", "Third ventricle", "Computer Tomography",
                              "Transcranial Doppler ultrasonography", "Brain Injuries"]  # fmt: skip
    assert trial(rec)["status"] == "Recruiting"  # <overall_status>Recruiting


@needs(not (XML / "aact_NCT02438137.xml").exists(), reason="sample not present")
def test_xml_references_keep_their_pmid():
    [rec] = msccite.read(XML / "aact_NCT02438137.xml")
    refs = extra(rec, "Reference")
    assert len(refs) == 18  # <reference><citation>...</citation><PMID>15947324</PMID>
    assert refs[0] == ("Aloia MS, Stanchina M, Arnedt JT, Malhotra A, Millman RP. Treatment adherence and outcomes in "
                       "flexible vs standard continuous positive airway pressure therapy. Chest. 2005 "
                       "Jun;127(6):2085-93. PMID: 15947324")  # fmt: skip
    assert extra(rec, "Masking") == ["Double (Participant, Outcomes Assessor)"]
    assert extra(rec, "Overall Official") == ["Principal Investigator: Tiffany J. Braley, MD, MS, University of "
                                              "Michigan"]  # fmt: skip
    assert rec["keyword"][-3:] == ["Apnea", "Sleep Apnea Syndromes", "Sleep Apnea, Obstructive"]  # <mesh_term>
    assert "Dimethyl Fumarate" not in rec["keyword"]  # an <intervention_browse> term: not a condition's


def _xml_study(nct: str, brief: str, extra: str = "") -> str:
    nct_id = f"<nct_id>{nct}</nct_id>" if nct else ""
    return (f"  <clinical_study>\n    <id_info><org_study_id>X-1</org_study_id>{nct_id}</id_info>\n"
            f"    <brief_title>{brief}</brief_title>{extra}\n  </clinical_study>\n")  # fmt: skip


def test_several_xml_studies_in_a_wrapper():
    phases = "<phase>Phase 1/Phase 2</phase><overall_status>Unknown status</overall_status>"
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<clinical_studies>\n' + _xml_study("NCT01111111", "One", phases)
            + _xml_study("", "Two") + _xml_study("NCT03333333", "Three") + "</clinical_studies>\n")  # fmt: skip
    records = loads(text, None)
    assert records.format == "ctgov"
    assert [(r.get("number"), r["title"], r.source.line) for r in records] == [
        ("NCT01111111", "One", 3), (None, "Two", 7), ("NCT03333333", "Three", 11)]  # fmt: skip
    assert trial(records[0]) == {"status": "Unknown status", "phase": ["Phase 1", "Phase 2"]}
    [warning] = records.problems
    assert warning.severity == "warning" and warning.line == 7 and "no NCT ID" in warning.message


def test_broken_xml_is_reported_with_its_line():
    text = "<clinical_studies>\n" + _xml_study("NCT01111111", "One") + "  <clinical_study><brief_title>Two\n"
    records = loads(text)
    assert [r["number"] for r in records] == ["NCT01111111"]
    assert [(p.severity, "<clinical_study> records expected" in p.message) for p in records.problems] == [
        ("error", True)]  # fmt: skip


# -- CSV -------------------------------------------------------------------------------------------------
@needs(not (CSV / "marcmorcos_ctg-studies.csv").exists(), reason="sample not present")
def test_website_csv():
    records = msccite.read(CSV / "marcmorcos_ctg-studies.csv")
    # line 12: NCT06433596,Autologous PRP and Focal Shock Waves for Erectile Dysfunction,...,RECRUITING,NO,
    # Erectile Dysfunction,OTHER: Platelet-rich plasma|OTHER: Shock waves therapy|..., Sponsor Elexial Research
    # Limited, Collaborators Boston Medical Group, Phases NA, Enrollment 116, Other IDs PRP-SW-03|2022-002985-34,
    # Start 2024-05-06, Completion 2026-12, First Posted 2024-05-29
    rec = by_number(records, "NCT06433596")
    assert rec.source.line == 12
    assert rec["title"] == "Autologous PRP and Focal Shock Waves for Erectile Dysfunction"  # "Study Title" (brief)
    assert "title-short" not in rec
    assert [a.literal for a in rec["author"]] == ["Elexial Research Limited"]
    assert [c.literal for c in rec["contributor"]] == ["Boston Medical Group"]
    assert str(rec["issued"]) == "2024-05-29"
    assert trial(rec) == {
        "status": "Recruiting",
        "conditions": ["Erectile Dysfunction"],
        "interventions": [
            "Other: Platelet-rich plasma",
            "Other: Shock waves therapy",
            "Other: Placebo PRP",
            "Other: Sham shock waves therapy",
        ],
        "enrollment": "116",
        "start": "2024-05-06",
        "completion": "2026-12",
    }
    assert rec.custom["trial-registrations"] == ["NCT06433596", "2022-002985-34"]
    # line 3: NCT00351065, Phase II Trial of SK3530 in Erectile Dysfunction, TERMINATED, DRUG: SK3530,
    # SK Chemicals Co., Ltd., PHASE2, 120, First Posted 2006-07-12
    rec = by_number(records, "NCT00351065")
    assert rec["title"] == "Phase II Trial of SK3530 in Erectile Dysfunction"
    assert [a.literal for a in rec["author"]] == ["SK Chemicals Co., Ltd."]
    assert str(rec["issued"]) == "2006-07-12"
    assert trial(rec)["status"] == "Terminated" and trial(rec)["phase"] == ["Phase 2"]
    assert trial(rec)["interventions"] == ["Drug: SK3530"]


@needs(not (CSV / "marcmorcos_ctg-studies.csv").exists(), reason="sample not present")
def test_website_csv_keeps_the_unused_columns_as_extras():
    records = msccite.read(CSV / "marcmorcos_ctg-studies.csv")
    # line 12, the cells of the columns the record has no place for (Acronym, Other Outcome Measures, Results First
    # Posted and Study Documents are empty): Study Results "NO", Sex "MALE", Age "ADULT, OLDER_ADULT", Funder Type
    # "OTHER", Study Type "INTERVENTIONAL", Study Design "Allocation: RANDOMIZED|...", Other IDs "PRP-SW-03|
    # 2022-002985-34" (the EudraCT number is a registration), Primary Completion Date "2026-06", Last Update Posted
    # "2024-05-29", Locations "Boston Medical Group Spain S.L.U, Madrid, 28046, Spain"
    rec = by_number(records, "NCT06433596")
    got = extras(rec)
    assert [k for k, _ in got] == ["Study Results", "Primary Outcome Measures", "Secondary Outcome Measures", "Sex",
                                   "Age", "Funder Type", "Study Type", "Study Design", "Other IDs",
                                   "Primary Completion Date", "Last Update Posted", "Locations"]  # fmt: skip
    values = dict(got)
    assert values["Study Results"] == "NO"
    assert values["Primary Outcome Measures"] == (
        "Change in IIEF-EF score, Change in International Index of Erectile Function - Erectile Function domain "
        "(IIEF-EF) score between baseline and week 21 (3 months after completion of treatment), From enrollment to "
        "the third month of follow-up at 21 weeks")  # fmt: skip
    assert values["Secondary Outcome Measures"].startswith("Change in IIEF-EF score 1- month follow-up, Change in")
    assert values["Secondary Outcome Measures"].endswith("From the first intervention to end of follow-up at 33 weeks")
    assert values["Sex"] == "MALE" and values["Age"] == "ADULT, OLDER_ADULT" and values["Funder Type"] == "OTHER"
    assert values["Study Type"] == "INTERVENTIONAL"
    assert values["Study Design"] == ("Allocation: RANDOMIZED|Intervention Model: PARALLEL|Masking: DOUBLE "
                                      "(PARTICIPANT, INVESTIGATOR)|Primary Purpose: TREATMENT")  # fmt: skip
    assert values["Other IDs"] == "PRP-SW-03"
    assert values["Primary Completion Date"] == "2026-06" and values["Last Update Posted"] == "2024-05-29"
    assert values["Locations"] == "Boston Medical Group Spain S.L.U, Madrid, 28046, Spain"
    # line 3: ...,TERMINATED,NO,...,IIEF Q3 & Q4,① Other IFF Questions: ...,,"SK Chemicals Co., Ltd.",,MALE,
    # "ADULT, OLDER_ADULT",PHASE2,120,INDUSTRY,INTERVENTIONAL,Allocation: RANDOMIZED|...,SK3530_II_2004,2004-09,,
    # 2005-03,2006-07-12,,2006-07-12,,
    rec = by_number(records, "NCT00351065")
    assert extra(rec, "Primary Outcome Measures") == ["IIEF Q3 & Q4"]
    assert extra(rec, "Funder Type") == ["INDUSTRY"] and extra(rec, "Other IDs") == ["SK3530_II_2004"]
    assert extra(rec, "Primary Completion Date") == [] and extra(rec, "Locations") == []  # empty cells
    assert extra(rec, "Last Update Posted") == ["2006-07-12"]
    assert all(extras(r) for r in records)  # every row has some (Study Results is never empty)


def test_csv_keeps_what_the_mapping_does_not_use():
    """An unknown column, First Received beside First Posted, a column given twice, an "NA" under a column the
    record does not use, a Study URL of another study, cells past the header: all kept, under their headers."""
    header = "NCT Number,Study Title,My Notes,First Received,First Posted,Study Title,Sex,Study URL,Phases"
    row = ("NCT01111111,One,check,May 1 2006,2017-01-27,Other title,NA,https://clinicaltrials.gov/study/NCT02222222,"
           "NA,surplus,")  # fmt: skip
    records = loads(header + "\n" + row + "\n", None)
    [rec] = records
    assert rec["title"] == "One" and str(rec["issued"]) == "2017-01-27" and "phase" not in trial(rec)
    assert extras(rec) == [("My Notes", "check"), ("First Received", "May 1 2006"), ("Study Title", "Other title"),
                           ("Sex", "NA"), ("Study URL", "https://clinicaltrials.gov/study/NCT02222222"),
                           ("column 10", "surplus")]  # fmt: skip
    assert [p.message for p in records.problems] == [
        "column(s) not of a ClinicalTrials.gov download, kept as extras: My Notes",
        "the row has 11 cells, the header 9: read by position"]  # fmt: skip


CTG_HEADER = ("NCT Number,Study Title,Study URL,Acronym,Study Status,Brief Summary,Study Results,Conditions,"
              "Interventions,Primary Outcome Measures,Secondary Outcome Measures,Other Outcome Measures,Sponsor,"
              "Collaborators,Sex,Age,Phases,Enrollment,Funder Type,Study Type,Study Design,Other IDs,Start Date,"
              "Primary Completion Date,Completion Date,First Posted,Results First Posted,Last Update Posted,"
              "Locations,Study Documents")  # fmt: skip


def _ctg_row(**cells: str) -> str:
    names = CTG_HEADER.split(",")
    return ",".join(cells.get(n.replace(" ", "_").lower(), "") for n in names)


def test_website_csv_with_brief_summary_crlf_and_a_row_without_nct_id(tmp_path):
    rows = [
        _ctg_row(nct_number="NCT01111111", study_title="One", study_status="COMPLETED",
                 brief_summary='"First paragraph, with a comma.\r\n\r\nSecond ""quoted"" paragraph."',
                 sponsor="Sponsor A", collaborators="Collab B|Collab C", phases="PHASE1|PHASE2",
                 other_ids="ORG-1|2019-001234-56|ISRCTN12345678", first_posted="2019-12-20"),
        _ctg_row(study_title="No number", study_status="RECRUITING", conditions="Asthma|COPD"),
    ]  # fmt: skip
    path = tmp_path / "ctg-studies.csv"
    path.write_bytes(("\r\n".join([CTG_HEADER, *rows]) + "\r\n").encode("utf-8"))
    records = msccite.read(path, errors="collect")
    assert records.format == "ctgov"
    first, second = records
    assert first["abstract"] == 'First paragraph, with a comma.\n\nSecond "quoted" paragraph.'
    assert [c.literal for c in first["contributor"]] == ["Collab B", "Collab C"]
    assert trial(first) == {"status": "Completed", "phase": ["Phase 1", "Phase 2"]}
    assert first.custom["trial-registrations"] == ["NCT01111111", "2019-001234-56", "ISRCTN12345678"]
    assert second.source.line == 5  # the summary of the first row spans lines 2-4
    assert second["title"] == "No number" and "number" not in second
    assert trial(second) == {"status": "Recruiting", "conditions": ["Asthma", "COPD"]}
    [warning] = records.problems
    assert warning.severity == "warning" and warning.line == 5 and "no NCT ID" in warning.message


@pytest.mark.parametrize("header", ["NCT Number,Study Title", "Study Title,Study URL", "Study Title,Conditions"])
def test_website_csv_of_two_chosen_columns(header):
    values = {"NCT Number": "NCT01111111", "Study Title": "One", "Study URL": "https://clinicaltrials.gov/study/"
              "NCT01111111", "Conditions": "Asthma"}  # fmt: skip
    text = header + "\n" + ",".join(values[c] for c in header.split(",")) + "\n"
    records = loads(text, None)
    assert records.format == "ctgov" and [r["title"] for r in records] == ["One"]
    if "Conditions" not in header:  # the NCT ID from its column or from the study's URL
        assert records[0]["number"] == "NCT01111111" and records.problems == []


def test_classic_search_results_csv():
    header = ("Rank,NCT Number,Title,Acronym,Status,Study Results,Conditions,Interventions,Outcome Measures,"
              "Sponsor/Collaborators,Gender,Age,Phases,Enrollment,Funded Bys,Study Type,Study Designs,Other IDs,"
              "Start Date,Primary Completion Date,Completion Date,First Posted,Results First Posted,"
              "Last Update Posted,Locations,Study Documents,URL")  # fmt: skip
    row = ('1,NCT03035812,Aspirin After Surgery,ASAS,"Active, not recruiting",No Results Available,Pain|Surgery,'
           'Drug: Aspirin|Other: Placebo,Pain score,University A|Foundation B|Agency C,All,"18 Years and older   '
           '(Adult, Older Adult)",Phase 2|Phase 3,200,Other,Interventional,Allocation: Randomized,'
           'UA-17|2016-004804-77,"March 1, 2017",December 2019,"June 30, 2020","January 27, 2017",,'
           '"July 2, 2020","University A, City, Country",,https://ClinicalTrials.gov/show/NCT03035812')  # fmt: skip
    records = loads(header + "\n" + row + "\n", None)
    assert records.format == "ctgov" and records.problems == []
    [rec] = records
    assert rec["number"] == "NCT03035812" and rec["title"] == "Aspirin After Surgery"
    assert [a.literal for a in rec["author"]] == ["University A"]
    assert [c.literal for c in rec["contributor"]] == ["Foundation B", "Agency C"]
    assert str(rec["issued"]) == "2017-01-27"
    assert rec["URL"] == ["https://clinicaltrials.gov/study/NCT03035812"]
    assert trial(rec) == {
        "status": "Active, not recruiting",
        "phase": ["Phase 2", "Phase 3"],
        "conditions": ["Pain", "Surgery"],
        "interventions": ["Drug: Aspirin", "Other: Placebo"],
        "enrollment": "200",
        "start": "2017-03-01",
        "completion": "2020-06-30",
    }
    assert rec.custom["trial-registrations"] == ["NCT03035812", "2016-004804-77"]
    assert extras(rec) == [("Rank", "1"), ("Acronym", "ASAS"), ("Study Results", "No Results Available"),
                           ("Outcome Measures", "Pain score"), ("Gender", "All"),
                           ("Age", "18 Years and older   (Adult, Older Adult)"), ("Funded Bys", "Other"),
                           ("Study Type", "Interventional"), ("Study Designs", "Allocation: Randomized"),
                           ("Other IDs", "UA-17"), ("Primary Completion Date", "December 2019"),
                           ("Last Update Posted", "July 2, 2020"),
                           ("Locations", "University A, City, Country")]  # fmt: skip
    # (the URL https://ClinicalTrials.gov/show/NCT03035812 names the row's study: not kept)


def test_a_csv_that_is_not_ours_is_reported():
    records = loads("Author,Year\nDoe,2020\n")
    assert list(records) == [] and [p.severity for p in records.problems] == ["error"]
    assert "ClinicalTrials.gov CSV header expected" in records.problems[0].message


# -- the vocabulary -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("written", "words"), [
    ("COMPLETED", "Completed"), ("Completed", "Completed"),
    ("ACTIVE_NOT_RECRUITING", "Active, not recruiting"), ("Active, not recruiting", "Active, not recruiting"),
    ("RECRUITING", "Recruiting"), ("NOT_YET_RECRUITING", "Not yet recruiting"),
    ("ENROLLING_BY_INVITATION", "Enrolling by invitation"), ("Enrolling by invitation", "Enrolling by invitation"),
    ("TERMINATED", "Terminated"), ("WITHDRAWN", "Withdrawn"), ("SUSPENDED", "Suspended"),
    ("UNKNOWN", "Unknown status"), ("Unknown status", "Unknown status"),
    ("NO_LONGER_AVAILABLE", "No longer available"), ("Some new status", "Some new status"),
])  # fmt: skip
def test_status_in_the_websites_words(written, words):
    from msccite.formats.ctgov import map as vocab

    assert vocab.status(written) == words


@pytest.mark.parametrize(("written", "words"), [
    (["PHASE1"], ["Phase 1"]), (["PHASE1", "PHASE2"], ["Phase 1", "Phase 2"]),
    (["PHASE1|PHASE2"], ["Phase 1", "Phase 2"]), (["Phase 1/Phase 2"], ["Phase 1", "Phase 2"]),
    (["EARLY_PHASE1"], ["Early Phase 1"]), (["Early Phase 1"], ["Early Phase 1"]), (["Phase 0"], ["Early Phase 1"]),
    (["PHASE4"], ["Phase 4"]),
    (["NA"], []), (["N/A"], []), (["Not Applicable"], []), (["Phase 5"], ["Phase 5"]),
])  # fmt: skip
def test_phases_in_the_websites_words(written, words):
    from msccite.formats.ctgov import map as vocab

    assert vocab.phases(written) == words


def test_one_study_reads_the_same_from_v2_and_xml():
    v2 = _v2("NCT01111111", "One", statusModule={"overallStatus": "ACTIVE_NOT_RECRUITING"},
             designModule={"phases": ["PHASE1", "PHASE2"]})  # fmt: skip
    xml = _xml_study("NCT01111111", "One", "<overall_status>Active, not recruiting</overall_status>"
                                           "<phase>Phase 1/Phase 2</phase>")  # fmt: skip
    [a], [b] = loads(json.dumps(v2)), loads(xml)
    assert trial(a) == trial(b) == {"status": "Active, not recruiting", "phase": ["Phase 1", "Phase 2"]}


# -- detection beside the other formats ---------------------------------------------------------------------
def test_csl_json_stays_csl_json():
    item = {"id": "a", "type": "report", "title": 'On "protocolSection": {x}', "note": '"protocolSection": {'}
    assert msccite.detect(json.dumps([item])) == "csl-json"
    assert msccite.detect(json.dumps(item)) == "csl-json"


def test_other_xml_and_csv_are_not_claimed():
    from msccite.formats import ctgov

    assert ctgov.detect("<PubmedArticleSet><PubmedArticle/></PubmedArticleSet>") == 0.0
    assert ctgov.detect("<xml><records><record/></records></xml>") == 0.0
    assert ctgov.detect("Title,Status\nA,B\n") == 0.0
    assert ctgov.detect("Sex,Age\nF,42\n") == 0.0
    assert ctgov.detect("Conditions,Interventions\nAsthma,DRUG: x\n") > 0.8  # two columns a user chose
    assert ctgov.detect("TY  - JOUR\nER  - \n") == 0.0
