"""The default output of a conversion is clean: real clients read it and find nothing of msccite's own.

For the user's seeds and the RIS corpus (normalized, as ``msccite convert`` reads them), the default RIS,
BibTeX and CSL-JSON are read by rispy, pybtex (strict), bibtexparser, pandoc and citation-js. No
``[ns:key]`` note, no ``csl-*``/``x-*`` field, no msccite key in CSL-JSON's ``custom`` reaches them; DOI,
PMID, PMCID and URL land where each client keeps them; what was left out is in the report.
"""

from __future__ import annotations

import functools
import io
import json
import re
from pathlib import Path

import bibtexparser
import pypandoc
import pytest
import rispy
from pybtex.database import parse_string

import msccite
from citationjs import citation_js, needs_citation_js
from paths import CORPUS, SEED_FILES

FILES = [*SEED_FILES, *sorted(CORPUS.glob("_baseline_*.ris"))]
OURS = re.compile(r"\[[a-z][a-z0-9-]*:[^\]\s]+(?:=json)?\]")  # a carrier note: [csl:PMID], [kv:spelling]
OUR_CUSTOM = {"extra", "lists", "source-keys", "id-generated"}


@functools.cache
def converted(path: Path, fmt: str) -> tuple[msccite.Records, str, tuple[str, ...]]:
    records = msccite.read(path, errors="collect", normalize=True)
    out = io.StringIO()
    ctx = msccite.dump(records, out, fmt)
    return records, out.getvalue(), tuple(ctx.summary())


def with_key(records, key):
    return [r for r in records if r.get(key)]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_ris_holds_no_notes_of_ours_and_rispy_finds_the_identifiers(path):
    records, text, report = converted(path, "ris")
    assert not OURS.search(text), OURS.search(text)
    entries = rispy.loads(text)
    assert len(entries) == len(records)
    for rec, entry in zip(records, entries, strict=True):
        assert not any(OURS.search(n) for n in entry.get("notes", []))
        if rec.get("DOI"):
            assert entry["doi"] == rec["DOI"]
        if rec.get("URL"):
            assert entry["urls"] == rec["URL"]
        if rec.get("PMID") and not rec.get("archive_location"):
            assert entry["accession_number"] == rec["PMID"]  # AN: EndNote's place for a PubMed id
        if rec.get("PMCID") and entry["type_of_reference"] == "JOUR":
            assert entry["custom2"] == rec["PMCID"]  # C2 in the specification's JOUR table
    if any(r.custom for r in records):
        assert any("CSL custom" in line and line.endswith("left out") for line in report), report


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_bibtex_holds_no_fields_of_ours_and_pybtex_and_bibtexparser_read_it(path):
    records, text, _ = converted(path, "bibtex")
    db = parse_string(text, "bibtex")  # strict: an error raises
    lib = bibtexparser.parse_string(text)
    assert lib.failed_blocks == [] and len(lib.entries) == len(db.entries) == len(records)
    for rec, (key, entry), bp in zip(records, db.entries.items(), lib.entries, strict=True):
        names = {f.lower() for f in entry.fields} | {role.lower() for role in entry.persons}
        assert not any(n.startswith(("csl-", "x-")) for n in names), names
        assert {f.key.lower() for f in bp.fields} == names and bp.key == key
        for var, field in (("DOI", "doi"), ("PMID", "pmid"), ("PMCID", "pmcid")):
            if rec.get(var):
                assert entry.fields[field] == rec[var], field
        if rec.get("URL"):
            assert entry.fields["url"] == rec["URL"][0]  # BibTeX's url holds one URL


_QUOTES = dict.fromkeys(map(ord, "\u2018\u2019\u201c\u201d\""), "'")  # pandoc also turns '...' into "..."


def _straight(text: str) -> str:
    return " ".join(text.translate(_QUOTES).split())


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_csl_json_holds_standard_variables_and_pandoc_reads_them(path):
    records, text, _ = converted(path, "csl-json")
    items = json.loads(text)
    assert all(not (OUR_CUSTOM & set(item.get("custom", {}))) for item in items)
    back = json.loads(pypandoc.convert_text(text, "csljson", format="csljson"))
    assert len(back) == len(records)
    by_id = {item["id"]: item for item in back}
    for rec, item in zip(records, items, strict=True):
        got = by_id[item["id"]]
        # the title as its source had it (no nocase spans of ours); pandoc makes quotes typographic
        assert _straight(got.get("title", "")) == _straight(item.get("title", "")), item["id"]
        assert "nocase" not in item.get("title", "")
        for var in ("DOI", "PMID", "PMCID"):
            if rec.get(var):
                assert got[var] == rec[var], var
        if rec.get("URL"):
            assert got["URL"] == rec["URL"][0]


@needs_citation_js
@pytest.mark.parametrize("fmt", ["ris", "bibtex", "csl-json"])
def test_citation_js_finds_no_text_of_ours_and_the_identifiers_where_it_keeps_them(fmt):
    for path in FILES:
        records, text, _ = converted(path, fmt)
        items = citation_js(text, fmt)
        assert len(items) == len(records), path.name
        for rec, item in zip(records, items, strict=True):
            assert not OURS.search(json.dumps(item, ensure_ascii=False)), (path.name, item.get("note"))
            assert not (OUR_CUSTOM & set(item.get("custom", {}))), path.name
            if rec.get("DOI"):
                assert item["DOI"].lower() == rec["DOI"].lower()
            if rec.get("PMCID") and (fmt != "ris" or rec.type == "article-journal"):
                assert item["PMCID"] == rec["PMCID"], (path.name, fmt)
            if rec.get("PMID") and fmt != "ris":  # citation-js maps no RIS tag to PMID
                assert item["PMID"] == rec["PMID"], (path.name, fmt)
