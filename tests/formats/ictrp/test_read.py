"""The WHO ICTRP reader: the real exports in the shared corpus, then one quirk per hand-written input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import msccite
from msccite import Date, Name
from msccite.context import ReadContext
from msccite.errors import ParseError
from msccite.formats import ictrp
from msccite.textio import iter_lines
from paths import EXPORTS

FOLDERS = [EXPORTS / "ictrp_xml", EXPORTS / "ictrp_csv"]
SAMPLES = sorted(p for folder in FOLDERS if folder.is_dir() for p in folder.iterdir() if p.name != "PROVENANCE.md")
XML_SAMPLE = EXPORTS / "ictrp_xml" / "ictrp-results-first48.xml"
CSV_SAMPLE = EXPORTS / "ictrp_csv" / "ebmdatalab_COVID19-927-trials_7Apr2020.csv"


def read(text: str, name: str = "<string>", errors: str = "collect") -> tuple[list, list]:
    ctx = ReadContext("ictrp", name, errors=errors)
    records = list(ictrp.read(iter_lines(text), ctx))
    return records, ctx.problems


def one(text: str) -> tuple[object, list]:
    records, problems = read(text)
    assert len(records) == 1, problems
    return records[0], problems


def provenance_counts(folder: Path) -> dict[str, int]:
    """file name -> records, from the folder's PROVENANCE.md: its table (the last cell's first number) and its
    notes on cut copies (``x.xml = the first 48 of the file's 95 <Trial> records``)."""
    text = (folder / "PROVENANCE.md").read_text(encoding="utf-8")
    counts: dict[str, int] = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.lstrip().startswith("|") and len(cells) > 2 and cells[0].startswith("`"):
            number = re.search(r"\d[\d,]*", cells[-1])
            if number:
                counts[cells[0].strip("`")] = int(number.group(0).replace(",", ""))
    for m in re.finditer(r"(\S+\.\w+) = the first (\d+) of", text):
        counts[m.group(1)] = int(m.group(2))
    return counts


def by_id(records: list) -> dict[str, object]:
    return {r.get("number"): r for r in records}


# -- the real exports ---------------------------------------------------------------------------------
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_is_detected_and_read_whole(path):
    text = path.read_text(encoding="utf-8-sig")
    assert msccite.detect(text) == "ictrp"
    records, problems = read(text, str(path))
    expected = provenance_counts(path.parent)
    assert path.name in expected, f"{path.name} is not listed in its PROVENANCE.md"
    assert len(records) == expected[path.name]
    assert [p for p in problems if p.severity == "error"] == []
    assert all(r.type == "report" and r["genre"] == "Clinical trial registration" for r in records)
    assert all(r.get("number") and r.get("title") and r.get("publisher") for r in records)
    assert all("abstract" not in r for r in records)  # ICTRP gives no summary
    for rec in records:  # no HTML left in any value
        values = [rec.get("title"), rec.get("title-short")] + [str(e.value) for e in rec.extra]
        assert not any(re.search(r"<br\s*/?>|&lt;|&gt;|&amp;|&#x0D;|\r", v or "", re.I) for v in values), rec["number"]


@pytest.mark.skipif(not XML_SAMPLE.exists(), reason="sample not present")
def test_xml_sample_values():
    recs = by_id(read(XML_SAMPLE.read_text(encoding="utf-8"), str(XML_SAMPLE))[0])
    rec = recs["NCT06360289"]
    assert rec["title"] == ("Observational Study of Neurofilament Light Chain (NfL) Levels in Asymptomatic Carriers of "
                            "the TTR Gene Variants and Patients With hATTR Amyloidosis With Polyneuropathy, Including "
                            "Patients Who Undergo Treatment Change - NeuroFeeL Study")  # fmt: skip
    assert rec["title-short"].startswith("Observational Study of Neurofilament Light Chain (NfL) as a Biomarker")
    assert rec["author"] == [Name(literal="Alnylam Pharmaceuticals")]
    assert rec["issued"] == Date.of(2024, 4, 8)
    assert rec["publisher"] == "ClinicalTrials.gov"
    assert rec["URL"] == ["https://clinicaltrials.gov/ct2/show/NCT06360289"]
    trial = rec.custom["trial"]
    assert trial["status"] == "Recruiting"
    assert trial["conditions"] == ["Hereditary Amyloidosis, Transthyretin-Related", "Asymptomatic Carrier State"]
    assert trial["interventions"] == ["Other: Standard of Care"]
    assert trial["enrollment"] == "500" and trial["start"] == "2024-04-25"
    assert "phase" not in trial  # <Phase/>
    assert ("Secondary_ID", "ALN-TTR-NT-003") in [(e.key, e.value) for e in rec.extra]  # a protocol number: an extra
    assert rec.custom["trial-registrations"] == ["NCT06360289"]
    assert rec.source.line == 5

    rec = recs["CTIS2023-507385-11-00"]
    assert rec["title"] == "Long-Term Follow-Up of Subjects Treated With NTLA-2001 - ITL-2001-CL-999"  # padding gone
    assert rec["title-short"] == "Long-Term Follow-Up of Subjects Treated With NTLA-2001"
    assert rec["author"] == [Name(literal="Intellia Therapeutics Inc.")]
    assert rec["contributor"] == [Name(literal="Medpace Finland Oy")]
    assert rec["publisher"] == "Clinical Trials Information System"
    assert rec["issued"] == Date.of(2024, 4, 8)
    assert rec.custom["trial"]["status"] == "Not Recruiting"
    assert rec.custom["trial"]["phase"] == ["Phase II", "Phase III"]  # the EU block's "yes" lines
    assert rec.custom["trial-registrations"] == ["2023-507385-11-00", "2022-003405-30", "NCT05697861"]

    rec = recs["ChiCTR2100050713"]
    assert rec["publisher"] == "ChiCTR"
    assert rec["issued"] == Date.of(2021, 9, 3)  # ChiCTR's dates are year first
    assert rec.custom["trial"]["enrollment"] == "control group:50;sepsis group:50"

    rec = recs["EUCTR2021-000037-14-ES"]
    assert rec["publisher"] == "EU Clinical Trials Register"
    assert rec["issued"] == Date.of(2021, 6, 9)
    assert rec.custom["trial"]["status"] == "Authorised"
    assert rec.custom["trial-registrations"] == ["2021-000037-14"]  # the EudraCT number, not ICTRP's prefixed ID
    assert ("Secondary_ID", "NEOD001-301;146070") in [(e.key, e.value) for e in rec.extra]
    rec = recs["EUCTR2021-000037-14-PL"]
    assert rec["issued"] == Date.of(2021, 6, 2)
    assert rec.custom["trial-registrations"] == ["2021-000037-14", "NCT04973137"]  # the -DK copy is the same trial

    rec = recs["JPRN-jRCTs031210288"]
    assert rec["publisher"] == "JPRN"
    assert rec.custom["trial-registrations"][0] == "jRCTs031210288"

    rec = recs["DRKS00032447"]
    assert rec["publisher"] == "German Clinical Trials Register"
    assert rec["issued"] == Date.of(2024, 1, 4)
    assert rec.custom["trial"]["status"] == "Not Recruiting"


@pytest.mark.skipif(not CSV_SAMPLE.exists(), reason="sample not present")
def test_csv_sample_values():
    records, _ = read(CSV_SAMPLE.read_text(encoding="utf-8"), str(CSV_SAMPLE))
    assert records[0].source.line == 2
    recs = by_id(records)
    rec = recs["NCT04246242"]
    assert rec["title"] == ("A Randomized Multicenter Controlled Clinical Trial of Arbidol in Patients With 2019 Novel "
                            "Coronavirus (2019-nCoV)")  # fmt: skip
    assert "title-short" not in rec  # the public title is the same
    assert rec["author"] == [Name(literal="Xiangya Hospital of Central South University")]
    assert rec["issued"] == Date.of(2020, 1, 27)
    assert rec["publisher"] == "ClinicalTrials.gov"
    assert rec["URL"] == ["https://clinicaltrials.gov/show/NCT04246242"]
    trial = rec.custom["trial"]
    assert trial["status"] == "Not recruiting" and trial["phase"] == ["Phase 4"]
    assert trial["interventions"] == ["Drug: Conventional treatment group", "Drug: arbidol,200mg,tid",
                                      "Drug: arbidol,400mg,tid"]  # fmt: skip
    assert trial["start"] == "2020-01-25" and trial["enrollment"] == "500"
    inclusion = next(e.value for e in rec.extra if e.key == "Inclusion Criteria")
    assert inclusion.startswith("Inclusion Criteria:\n\nPatients diagnosed with RT-PCR")

    rec = recs["ChiCTR2000029949"]
    assert rec["publisher"] == "ChiCTR"
    assert rec["issued"] == Date.of(2020, 2, 16)
    assert rec["author"] == [Name(literal="Emergency Department of Zhongnan hospital of Wuhan University")]
    assert rec.custom["trial"]["status"] == "Not Recruiting"
    assert rec.custom["trial"]["enrollment"] == "Case series:40"

    rec = recs["ISRCTN50189673"]
    assert rec["title"] == "Randomized evaluation of COVID-19 therapy"
    assert rec["title-short"] == ("A randomised trial of treatments to prevent death in patients hospitalised with "
                                  "COVID-19 (coronavirus)")  # fmt: skip
    assert rec["author"] == [Name(literal="University of Oxford")]
    assert rec["publisher"] == "ISRCTN" and rec["issued"] == Date.of(2020, 4, 2)
    assert rec.custom["trial"]["conditions"] == [
        "Severe Acute Respiratory Syndrome, COVID-19 (SARS coronavirus 2 [SARS-CoV-2] infection)",
        "Infections and Infestations",
    ]

    rec = recs["EUCTR2015-002340-14-NL"]
    assert rec["publisher"] == "EU Clinical Trials Register"
    assert rec["issued"] == Date.of(2015, 7, 13)
    assert rec.custom["trial"]["status"] == "Authorised"
    assert rec.custom["trial-registrations"] == ["2015-002340-14"]  # the TrialID's EudraCT number

    rec = recs["JPRN-jRCTs031190226"]
    assert rec.custom["trial"]["conditions"] == ["patients infected with COVID-19", "Coronavirus"]
    assert rec.custom["trial-registrations"] == ["jRCTs031190226"]
    assert recs["NL8483"]["publisher"] == "Netherlands Trial Register"
    assert recs["ACTRN12620000421932"]["publisher"] == "ANZCTR"
    assert "phase" not in recs["ACTRN12620000421932"].custom["trial"]  # "Not Applicable"


# -- hand-written inputs: the CSV ---------------------------------------------------------------------
OLD_HEADER = ("TrialID,Last Refreshed on,Public title,Scientific title,Acronym,Primary sponsor,Date registration,"
              "Date registration3,Export date,Source Register,web address,Recruitment Status,other records,"
              "Inclusion agemin,Inclusion agemax,Inclusion gender,Date enrollement,Target size,Study type,"
              "Study design,Phase,Countries,Contact Firstname,Contact Lastname,Contact Address,Contact Email,"
              "Contact Tel,Contact Affiliation,Inclusion Criteria,Exclusion Criteria,Condition,Intervention,"
              "Primary outcome,results date posted,results date completed,results url link,Retrospective flag,"
              "Bridging flag truefalse,Bridged type,results yes no")  # fmt: skip
NEW_HEADER = ("TrialID,Last Refreshed on,Public title,Scientific title,Acronym,Primary sponsor,Date registration,"
              "Date registration3,Export date,Source Register,web address,Recruitment Status,other records,"
              "Inclusion agemin,Inclusion agemax,Inclusion gender,Date enrollement,Target size,Study type,"
              "Study design,Phase,Countries,Contact Firstname,Contact Lastname,Contact Address,Contact Email,"
              "Contact Tel,Contact Affiliation,Inclusion Criteria,Exclusion Criteria,Condition,Intervention,"
              "Primary outcome,Secondary outcome,Secondary ID,Source Name,Secondary Sponsor,Ethics Status,"
              "Ethics Approval Date,Ethics Contact Name,Ethics Contact Address,Ethics Contact Phone,"
              "Ethics Contact Email,results yes no,results date posted,results url link,results url protocol,"
              "results date completed,results date first publication,results summary,results baseline char,"
              "results adverse events,results outcome measures,results ipd plan,results ipd description,"
              "Prospective registration,Bridging flag truefalse,Bridged type")  # fmt: skip


def row(header: str, **values: str) -> str:
    """One CSV row for ``header``: the cells named by ``values`` (``Public_title`` for ``Public title``), the rest
    empty; every cell quoted, as ICTRP writes them."""
    names = header.split(",")
    given = {k.replace("_", " "): v for k, v in values.items()}
    assert set(given) <= set(names), set(given) - set(names)
    return ",".join('"' + given.get(n, "").replace('"', '""') + '"' for n in names)


def test_older_column_set():
    text = OLD_HEADER + "\n" + row(OLD_HEADER, TrialID="ISRCTN12345678", Public_title="Short", Scientific_title="Long",
                                   Primary_sponsor="Uni", Date_registration="02/04/2020", Source_Register="ISRCTN",
                                   Recruitment_Status="Recruiting", Phase="Phase 2/Phase 3", Target_size="120",
                                   Date_enrollement="March 2020", Condition="A;B",
                                   results_date_completed="30/04/2021")  # fmt: skip
    rec, problems = one(text)
    assert problems == []
    assert (rec["title"], rec["title-short"], rec["number"], rec["publisher"]) == ("Long", "Short", "ISRCTN12345678",
                                                                                   "ISRCTN")  # fmt: skip
    assert rec["issued"] == Date.of(2020, 4, 2)
    assert rec.custom["trial"] == {"status": "Recruiting", "phase": ["Phase 2", "Phase 3"], "conditions": ["A", "B"],
                                   "enrollment": "120", "start": "2020-03", "completion": "2021-04-30"}  # fmt: skip
    assert "contributor" not in rec  # no Secondary Sponsor column in the older set


def test_newer_column_set_has_secondary_ids_and_sponsors():
    text = NEW_HEADER + "\n" + row(NEW_HEADER, TrialID="NCT04000001", Scientific_title="A trial",
                                   Primary_sponsor="Sponsor Inc.", Secondary_Sponsor="CRO One;CRO Two",
                                   Secondary_ID="EUCTR2020-001234-56-DE;PROTO-7", Source_Name="Sponsor Inc.",
                                   Source_Register="ClinicalTrials.gov", Date_registration="15/05/2023",
                                   Prospective_registration="Yes")  # fmt: skip
    rec, problems = one(text)
    assert problems == []
    assert rec["contributor"] == [Name(literal="CRO One"), Name(literal="CRO Two")]
    assert rec.custom["trial-registrations"] == ["NCT04000001", "2020-001234-56"]
    extras = [(e.key, e.value) for e in rec.extra]
    assert ("Secondary ID", "EUCTR2020-001234-56-DE;PROTO-7") in extras  # the protocol number is not lost
    assert ("Source Name", "Sponsor Inc.") in extras  # the source of support, not the register
    assert ("Prospective registration", "Yes") in extras
    assert rec["publisher"] == "ClinicalTrials.gov"


def test_a_row_with_more_cells_than_the_header_is_read_by_the_header():
    text = ("TrialID,Public title,Scientific title,Primary sponsor,Source Register\n"
            "NCT01,Short,Long,Sponsor,ClinicalTrials.gov,extra one,extra two\n"
            "NCT02,Short 2,Long 2,Sponsor 2,ChiCTR\n")  # fmt: skip
    records, problems = read(text)
    assert [r["number"] for r in records] == ["NCT01", "NCT02"]
    assert (records[0]["title"], records[0]["author"], records[0]["publisher"]) == (
        "Long",
        [Name(literal="Sponsor")],
        "ClinicalTrials.gov",
    )  # never shifted
    assert [(p.line, p.severity) for p in problems] == [(2, "warning")]
    assert "7 cells" in problems[0].message and "5 columns" in problems[0].message
    assert records[1]["publisher"] == "ChiCTR"


def test_html_in_a_cell_becomes_plain_text():
    text = OLD_HEADER + "\n" + row(
        OLD_HEADER, TrialID="ChiCTR2000000001",
        Scientific_title="Effect of A &amp; B on &lt;i&gt;X&lt;/i&gt; &#39;cells&#39;<br>",
        Condition="Pneumonia <br>COVID-19;Fever&lt;br&gt;Cough",
        Inclusion_Criteria="Inclusion criteria: 1. Age &gt;= 18;<br>2. eGFR <45 ml/min<BR/>3. AT&T staff\r\n",
        Intervention="Group A:drug<br>twice daily;Group B:placebo;",
        Primary_sponsor="  Hospital   &nbsp;One ",
    )  # fmt: skip
    rec, _ = one(text)
    assert rec["title"] == "Effect of A & B on X 'cells'"
    assert rec["author"] == [Name(literal="Hospital One")]
    assert rec.custom["trial"]["conditions"] == ["Pneumonia", "COVID-19", "Fever", "Cough"]
    assert rec.custom["trial"]["interventions"] == ["Group A:drug\ntwice daily", "Group B:placebo"]
    inclusion = next(e.value for e in rec.extra if e.key == "Inclusion Criteria")
    assert inclusion == "Inclusion criteria: 1. Age >= 18;\n2. eGFR <45 ml/min\n3. AT&T staff"


def test_a_trial_without_trialid_is_a_record_with_a_warning():
    text = ("TrialID,Public title,Scientific title,Source Register\n"
            '"","Short","A trial with no ID","ANZCTR"\n'
            '"ACTRN12620000421932","S","T","ANZCTR"\n')  # fmt: skip
    records, problems = read(text)
    assert [r.get("title") for r in records] == ["A trial with no ID", "T"]
    assert "number" not in records[0] and "trial-registrations" not in records[0].custom
    assert [(p.line, p.severity) for p in problems] == [(2, "warning")]
    assert "TrialID" in problems[0].message


def test_tab_delimited_and_a_bom_and_blank_lines_first():
    text = "\ufeff\n\nTrialID\tPublic title\tScientific title\tSource Register\nNCT01\tS\tT\tClinicalTrials.gov\n"
    assert msccite.detect(text) == "ictrp"
    records, problems = read(text)
    assert problems == [] and records[0]["number"] == "NCT01" and records[0].source.line == 4


def test_registration_date_falls_back_to_date_registration3():
    text = (
        "TrialID,Scientific title,Date registration,Date registration3\n"
        "NCT01,T,,20200127\nNCT02,T,sometime,20200128\nNCT03,T,27/01/2020,20200127\nNCT04,T,27/01/2020,20200201\n"
    )
    records, _ = read(text)
    assert [r["issued"] for r in records] == [Date.of(2020, 1, 27), Date.of(2020, 1, 28), Date.of(2020, 1, 27),
                                              Date.of(2020, 1, 27)]  # fmt: skip
    keys = [[(e.key, e.value) for e in r.extra] for r in records]
    assert keys == [[], [("Date registration", "sometime")], [], [("Date registration3", "20200201")]]


def test_no_register_gives_who_ictrp_and_no_phase_values():
    rec, _ = one("TrialID,Scientific title,Phase\nNCT01,T,Not Applicable\n")
    assert rec["publisher"] == "WHO ICTRP"
    assert "trial" not in rec.custom


def test_a_table_that_is_not_ictrp_is_an_error():
    records, problems = read("Title,Authors,Year\nA,B,2020\n")
    assert records == [] and problems[0].severity == "error" and problems[0].line == 1


def test_a_row_csv_cannot_read_is_an_error_with_its_line():
    import csv

    limit = csv.field_size_limit()
    try:
        csv.field_size_limit(20)  # a cell over the limit: csv.Error, as a cell over 64 MiB gives it
        records, problems = read('TrialID,Scientific title\nNCT01,T\nNCT02,"' + "x" * 30 + '"\nNCT03,T\n')
    finally:
        csv.field_size_limit(limit)
    assert [r["number"] for r in records] == ["NCT01"]
    assert [(p.line, p.severity) for p in problems] == [(3, "error")]
    assert "the rest of the table is not read" in problems[0].message


# -- hand-written inputs: the XML ---------------------------------------------------------------------
def trial(**elements: str) -> str:
    return "  <Trial>\n" + "".join(f"    <{k}>{v}\n    </{k}>\n" for k, v in elements.items()) + "  </Trial>\n"


def xml(*trials: str) -> str:
    return "<?xml version='1.0' encoding='UTF-8' ?>\n<Trials_downloaded_from_ICTRP>\n" + "".join(trials) + \
        "</Trials_downloaded_from_ICTRP>\n"  # fmt: skip


def test_xml_html_fragments_and_escaped_breaks():
    rec, problems = one(xml(trial(
        TrialID="NCT06000001", Public_title="Short &amp;amp; sweet", Scientific_title="Long&#x0D;&lt;br&gt;title",
        Source_Register="ClinicalTrials.gov", Date_registration="08/04/2024",
        Condition="A&#x0D;&lt;br&gt;B;C", Secondary_Sponsor="X;Y", Secondary_ID="ISRCTN12345678;P-1",
        Inclusion_Criteria="&#x0D;&lt;br&gt;    Inclusion Criteria:&#x0D;&lt;br&gt;&#x0D;&lt;br&gt;    - adults",
    )))  # fmt: skip
    assert problems == []
    assert rec["title"] == "Long title" and rec["title-short"] == "Short & sweet"
    assert rec.custom["trial"]["conditions"] == ["A", "B", "C"]
    assert rec["contributor"] == [Name(literal="X"), Name(literal="Y")]
    assert rec.custom["trial-registrations"] == ["NCT06000001", "ISRCTN12345678"]
    assert next(e.value for e in rec.extra if e.key == "Inclusion_Criteria") == "Inclusion Criteria:\n\n- adults"


def test_xml_trial_without_trialid():
    records, problems = read(xml(trial(Public_title="No ID here", Source_Register="JPRN"),
                                 trial(TrialID="JPRN-jRCT2071210009", Public_title="Has one")))  # fmt: skip
    assert [r["title"] for r in records] == ["No ID here", "Has one"]
    assert "number" not in records[0]
    assert [(p.line, p.severity) for p in problems] == [(3, "warning")]


def test_malformed_xml_names_the_line_and_keeps_the_trials_before():
    text = xml(trial(TrialID="NCT01", Public_title="Fine"), "  <Trial><TrialID>NCT02</TrialId></Trial>\n")
    records, problems = read(text)
    assert [r["number"] for r in records] == ["NCT01"]
    assert [(p.line, p.severity) for p in problems] == [(9, "error")]
    assert "well-formed XML" in problems[0].message
    with pytest.raises(ParseError) as err:  # strict: raised, never a traceback of lxml's own
        read(text, "export.xml", errors="strict")
    assert err.value.line == 9 and str(err.value).startswith("export.xml:9: ")


def test_xml_cut_short_is_an_error_not_a_record():
    text = xml(trial(TrialID="NCT01")).replace("</Trials_downloaded_from_ICTRP>\n", "  <Trial><TrialID>NCT02\n")
    records, problems = read(text)
    assert [r["number"] for r in records] == ["NCT01"]
    assert problems and problems[-1].severity == "error" and problems[-1].line is not None


def test_xml_other_spellings_of_the_names():
    """The full data export's field names (``public_title``, ``url``, ``SecondaryIDs``, ``Secondary_sponsors``)."""
    rec, _ = one(xml(trial(TrialID="NCT01", public_title="S", Scientific_title="T", url="https://x.org/1",
                           SecondaryIDs="DRKS00012345", Secondary_sponsors="Z", Recruitment_status="Pending",
                           Conditions="C1;C2", Interventions="I1", Date_enrollment="2020-02-01")))  # fmt: skip
    assert (rec["title-short"], rec["URL"], rec["contributor"]) == ("S", ["https://x.org/1"], [Name(literal="Z")])
    assert rec.custom["trial-registrations"] == ["NCT01", "DRKS00012345"]
    assert rec.custom["trial"] == {"status": "Pending", "conditions": ["C1", "C2"], "interventions": ["I1"],
                                   "start": "2020-02-01"}  # fmt: skip


# -- detection ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sample", "score"),
    [
        ("<?xml version='1.0' encoding='UTF-8' ?>\n<Trials_downloaded_from_ICTRP>\n  <Trial>", 0.95),
        ("<Trial><TrialID>NCT01</TrialID>", 0.8),
        ("<records><record>", 0.0),
        ('"TrialID","Last Refreshed on","Public title","Scientific title"\n', 0.95),
        ("TrialID;Scientific title;Source Register\n", 0.95),
        ("Title,Authors,TrialID\n", 0.0),
        ("TY  - JOUR\n", 0.0),
        ("", 0.0),
    ],
)
def test_detect(sample, score):
    assert ictrp.detect(sample) == score
