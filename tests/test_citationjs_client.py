"""citation-js, a real importer, reads msccite's output of the user's seeds and of the RIS corpus.

For each of ``seeds/*.txt`` and ``tests/data/corpus/_baseline_*.ris``, read with ``errors="collect"`` and
``normalize=True``, and for each of RIS, BibTeX and CSL-JSON, the text ``msccite.dumps`` writes is parsed by
citation-js in one node process (tests/citationjs.py). What is checked, record by record, in order:

* citation-js finds as many items as there are records;
* a record's DOI is the item's ``DOI`` (compared case-insensitively);
* a record's title is the item's ``title`` once runs of whitespace are collapsed (for BibTeX, citation-js has
  turned the LaTeX back into text first);
* in CSL-JSON, a record's PMID is the item's ``PMID``.

Notes, URLs and the other fields are not checked here.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

import msccite
from citationjs import FORMATS, CitationJsError, citation_js, needs_citation_js
from msccite.richtext import plain
from paths import CORPUS, SEED_FILES

FILES = [*SEED_FILES, *sorted(CORPUS.glob("_baseline_*.ris"))]


@functools.cache
def records(path: Path) -> msccite.Records:
    return msccite.read(path, errors="collect", normalize=True)


def collapse(value: object) -> str:
    return " ".join(str(value).split())


@needs_citation_js
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_citation_js_reads_doi_title_and_pmid_of_our_output(path: Path, fmt: str):
    recs = records(path)
    assert len(recs) > 0, f"{path.name}: no records read"
    items = citation_js(msccite.dumps(recs, fmt), fmt)
    assert len(items) == len(recs), f"{path.name} as {fmt}: {len(recs)} records, citation-js read {len(items)}"

    problems = []
    for i, (rec, item) in enumerate(zip(recs, items, strict=True)):
        doi = rec.get("DOI")
        if doi and str(item.get("DOI", "")).lower() != str(doi).lower():
            problems.append(f"record {i} DOI: ours {doi!r}, citation-js {item.get('DOI')!r}")
        title = rec.get("title")
        # CSL-JSON carries the title as the record holds it (no case marks its source did not have); RIS and
        # BibTeX carry the words (plain, or in LaTeX)
        theirs = item.get("title", "") if fmt == "csl-json" else plain(item.get("title", ""))
        if title and collapse(theirs) != collapse(title if fmt == "csl-json" else plain(title)):
            problems.append(f"record {i} title: ours {title!r}, citation-js {item.get('title')!r}")
        pmid = rec.get("PMID")
        if fmt == "csl-json" and pmid and str(item.get("PMID", "")) != str(pmid):
            problems.append(f"record {i} PMID: ours {pmid!r}, citation-js {item.get('PMID')!r}")
    assert not problems, f"{path.name} as {fmt}:\n" + "\n".join(problems)


@needs_citation_js
def test_citation_js_reports_a_parse_error():
    with pytest.raises(CitationJsError, match="JSON"):
        citation_js("not json", "csl-json")
