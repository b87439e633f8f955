"""The BibTeX writers: canonical output byte for byte, escaping, types, keys, carriers, round trips."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pybtex.database import parse_string

import msccite
from msccite import Date, Extra, Name, Record
from paths import RIS_CORPUS, ROOT, SEED_FILES, SEEDS
from strategies import records

DATA = ROOT / "tests" / "data" / "bibtex"

CANONICAL = r"""% a file in canonical form

@string{jcm = {J Clin Med}}

@article{vivarelli2023phase,
  author = {Vivarelli, Marina and van Gogh, Vincent and {WHO Collaborating Group} and others},
  title = {A {Phase III} study of {MSC} in {\'\i}nfants},
  journal = jcm,
  year = {2023},
  month = sep,
  volume = {8},
  number = {18},
  pages = {1--13},
  doi = {10.1172/jci.insight.169424},
  url = {https://example.org/a},
  issn = {2379-3708},
  keywords = {nephrotic syndrome, MSC},
  abstract = {First paragraph.
Second line.},
  owner = {me}
}

@book{smith2020,
  editor = {Smith, Ann},
  title = {A book},
  year = {2020},
  publisher = {Elsevier},
  isbn = {978-3-16-148410-0}
}

@comment{the end}
"""


def test_canonical_text_comes_back_byte_for_byte():
    assert msccite.dumps(msccite.loads(CANONICAL, "bibtex"), "bibtex") == CANONICAL


@pytest.mark.parametrize("name", ["jabref.bib", "zotero.bib", "macros.bib"])
def test_real_exports_keep_every_value_through_a_write(name):
    recs = msccite.read(DATA / name)
    text = msccite.dumps(recs, "bibtex")
    assert list(msccite.loads(text, "bibtex")) == list(recs)
    assert msccite.dumps(msccite.loads(text, "bibtex"), "bibtex") == text  # idempotent


def test_writer_layout_and_escaping():
    rec = Record("article-journal", title="MSC & GvHD: 50% of $5 #1 a_b {x}", author=[Name("Doe", "Jane")],
                 page="1579-86", issued=Date.of(2019, 12, 2))  # fmt: skip
    assert msccite.dumps([rec], "bibtex") == (
        "@article{doe2019msc,\n"
        "  author = {Doe, Jane},\n"
        r"  title = {{MSC} \& {GvHD}: 50\% of \$5 \#1 a\_b \textbraceleft{}x\textbraceright{}}," "\n"
        "  pages = {1579--86},\n"
        "  year = {2019},\n"
        "  month = dec,\n"
        "  date = {2019-12-02}\n"
        "}\n"
    )  # fmt: skip


def test_ascii_option_escapes_non_ascii_to_latex():
    rec = Record("book", "k", title="Törnqvist Andrén über Łódź", author=[Name("Müller", "Jörg")])
    text = msccite.dumps([rec], "bibtex", ascii=True)
    assert text.isascii()
    assert r"M{\"u}ller, J{\"o}rg" in text
    assert msccite.loads(text, "bibtex")[0] == rec


def test_csl_types_to_entry_types_and_back():
    pairs = {"article-journal": "article", "paper-conference": "inproceedings", "chapter": "incollection",
             "book": "book", "thesis": "phdthesis", "report": "techreport", "webpage": "misc", "dataset": "misc",
             "software": "misc", "manuscript": "unpublished"}  # fmt: skip
    for csl, entry in pairs.items():
        text = msccite.dumps([Record(csl, "k", title="T")], "bibtex", lossless=True)
        assert text.startswith(f"@{entry}{{k,"), text
        assert msccite.loads(text, "bibtex")[0].type == csl
    latex = {"webpage": "online", "dataset": "dataset", "software": "software", "thesis": "thesis",
             "report": "report"}  # fmt: skip
    for csl, entry in latex.items():
        text = msccite.dumps([Record(csl, "k", title="T")], "biblatex", lossless=True)
        assert text.startswith(f"@{entry}{{k,"), text
        assert msccite.loads(text, "biblatex")[0].type == csl


def test_biblatex_field_names():
    rec = Record("article-journal", "k", title="T", issued=Date.of(2019, 12, 2), publisher_place="Basel")
    rec["container-title"] = "J Clin Med"
    text = msccite.dumps([rec], "biblatex")
    assert "journaltitle = {J Clin Med}" in text and "date = {2019-12-02}" in text and "location = {Basel}" in text
    assert "year =" not in text and "journal =" not in text


def test_generated_keys_are_deterministic_ascii_and_unique():
    recs = [Record("article-journal", title="Phase I trial", author=[Name("Törnqvist Andrén", "Anton")],
                   issued=Date.of(2019)) for _ in range(3)]  # fmt: skip
    text = msccite.dumps(recs, "bibtex")
    keys = [r.id for r in msccite.loads(text, "bibtex")]
    assert keys == ["tornqvistandren2019phase", "tornqvistandren2019phasea", "tornqvistandren2019phaseb"]
    assert msccite.dumps(recs, "bibtex") == text


def test_what_bibtex_has_no_field_for_is_carried_and_reported():
    rec = Record("motion_picture", "k", title="T", extra=[Extra("ris", "C5", "1"), Extra("ris", "C5", "2"),
                 Extra("csl-json", "odd key", {"a": 1})], custom={"trials": ["NCT01"]})  # fmt: skip
    rec["medium"] = "DVD"
    rec["author"] = [Name("Fontaine", "Jean", dropping_particle="de")]
    ctx_text = msccite.dumps([rec], "bibtex", lossless=True)
    assert "csl-type = {motion_picture}" in ctx_text and "x-ris-C5 = {1}" in ctx_text and "x-ris-C5+2 = {2}" in ctx_text
    back = msccite.loads(ctx_text, "bibtex")[0]
    assert back == rec
    import io

    ctx = msccite.dump([rec], io.StringIO(), "bibtex", lossless=True)
    assert ctx.summary() == [
        "1 record: CSL custom (trials), medium, type: carried in csl-* fields",
        "1 record: author name parts BibTeX cannot tell apart: carried in csl-* fields",
        "1 record: csl-json odd key: carried in x-* fields",
        "1 record: ris C5: carried in x-* fields (2 values)",
    ]


@given(st.lists(records(with_id=True, extra_format="ris", extra_tags=["C5", "U2", "M1"]), min_size=1, max_size=3,
                unique_by=lambda r: r.id))  # fmt: skip
def test_write_then_read_gives_the_same_records(recs):
    for flavour in ("bibtex", "biblatex"):
        text = msccite.dumps(recs, flavour, lossless=True)
        back = msccite.loads(text, flavour)
        assert list(back) == recs
        assert msccite.dumps(back, flavour, lossless=True) == text


@given(records(with_id=False))
def test_records_without_a_key_get_one_and_nothing_else_changes(rec):
    back = msccite.loads(msccite.dumps([rec], "bibtex", lossless=True), "bibtex")[0]
    assert back.id
    back.id = None
    assert back == rec


@given(st.lists(records(with_id=True, particles=False), min_size=1, max_size=2, unique_by=lambda r: r.id))
def test_bibtex_to_ris_to_csl_json_to_bibtex(recs):
    # particles=False: RIS's "Family, Given" cannot tell a particle from the family name
    bib = msccite.dumps(recs, "bibtex")
    via = msccite.loads(msccite.dumps(msccite.loads(bib, "bibtex"), "ris", lossless=True), "ris")
    via = msccite.loads(msccite.dumps(via, "csl-json", lossless=True), "csl-json")
    assert msccite.dumps(via, "bibtex") == bib


@pytest.mark.parametrize("path", [*RIS_CORPUS, SEEDS / "003_98c53ee05b756194.txt"], ids=lambda p: p.name)
def test_ris_to_bibtex_to_ris_keeps_every_value(path):
    recs = msccite.read(path, "ris", errors="collect")
    back = msccite.loads(msccite.dumps(recs, "bibtex", lossless=True), "bibtex")
    assert len(back) == len(recs)
    for original, again in zip(recs, back, strict=True):
        expected = original.copy()
        expected.id = again.id  # BibTeX gives every entry a key
        assert again == expected
    # and back to RIS: the same tags and values as writing the records straight to RIS (plus the keys)
    ris_again = msccite.dumps(back, "ris", lossless=True)
    assert msccite.loads(ris_again, "ris") == list(back)


def test_custom_and_truncation_travel_through_csl_json():
    rec = msccite.loads("@article{k, author = {Doe, J. and others}, title = {T}}", "bibtex")[0]
    item = json.loads(msccite.dumps([rec], "csl-json"))[0]
    assert item["custom"]["truncated"] == ["author"]
    assert msccite.dumps(msccite.loads(json.dumps([item]), "csl-json"), "bibtex") == (
        "@article{k,\n  author = {Doe, J. and others},\n  title = {T}\n}\n"
    )


@pytest.mark.parametrize(("flavour", "fields"), [
    ("bibtex", ["pmid = {31810187}", "pmcid = {PMC6947442}"]),  # Zotero's importer reads these into Extra
    ("biblatex", ["pmcid = {PMC6947442}", "eprint = {31810187}", "eprinttype = {pubmed}"]),  # biblatex's own
])  # fmt: skip
def test_pubmed_ids_in_each_flavour_s_own_fields(flavour, fields):
    rec = Record("article-journal", "k", title="T", PMID="31810187", PMCID="PMC6947442")
    text = msccite.dumps([rec], flavour)
    assert [line.strip().rstrip(",") for line in text.splitlines()[2:-1]] == fields
    back = msccite.loads(text, "bibtex")[0]
    assert (back["PMID"], back["PMCID"], back.extra) == ("31810187", "PMC6947442", [])


def test_an_eprint_of_type_pubmed_is_the_pmid_and_is_written_back_as_it_was():
    text = "@article{k,\n  title = {T},\n  eprint = {31810187},\n  eprinttype = {PubMed}\n}\n"
    rec = msccite.loads(text, "bibtex")[0]
    assert rec["PMID"] == "31810187" and rec.extra == []
    assert msccite.dumps([rec], "bibtex") == text
    arxiv = msccite.loads("@article{k, eprint = {2101.00001}, eprinttype = {arxiv}, pmid = {1}}", "bibtex")[0]
    assert arxiv["PMID"] == "1" and [e.key for e in arxiv.extra] == ["eprint", "eprinttype"]
    assert "eprint = {2101.00001}" in msccite.dumps([arxiv], "biblatex")  # the arXiv id keeps eprint


def test_and_in_a_publisher_or_place_is_braced_so_list_readers_keep_it_whole():
    rec = Record("book", "k", title="T", publisher="John Wiley and Sons Inc.", **{"publisher-place": "Basel and Bern"})
    text = msccite.dumps([rec], "biblatex")
    assert "publisher = {John Wiley {and} Sons Inc.}" in text and "location = {Basel {and} Bern}" in text
    assert msccite.loads(text, "bibtex")[0] == rec
    assert str(parse_string(text, "bibtex").entries["k"].fields["publisher"]) == "John Wiley {and} Sons Inc."


def test_no_shortjournal_that_repeats_the_journal_and_no_database_type_on_an_article():
    """89 of 458 entries of the seeds and corpus had shortjournal = journal, 43 had type = {Article}."""
    entries = 0
    for path in [*SEED_FILES, *RIS_CORPUS]:
        recs = msccite.read(path, errors="collect", normalize=True)
        for rec in msccite.loads(msccite.dumps(recs, "bibtex"), "bibtex"):
            entries += 1
            short = rec.get("container-title-short")
            assert short is None or short != rec.get("container-title"), (path.name, rec.id)
            if rec.type == "article-journal":
                assert "genre" not in rec, (path.name, rec.id, rec.get("genre"))
    assert entries > 400


def test_a_redundant_shortjournal_and_an_articles_type_are_reported_and_kept_from_bibtex():
    rec = Record("article-journal", title="T", **{"container-title": "Cytotherapy",
                                                   "container-title-short": "Cytotherapy", "genre": "Article"})
    out = io.StringIO()
    ctx = msccite.dump([rec], out, "bibtex")
    assert "shortjournal" not in out.getvalue() and "type =" not in out.getvalue()
    assert set(ctx.omitted_counts) == {"CSL container-title-short (the journal's own title)",
                                       "CSL genre of an article (a database's document type)"}
    (back,) = msccite.loads(msccite.dumps([rec], "bibtex", lossless=True), "bibtex")
    assert back["container-title-short"] == "Cytotherapy" and back["genre"] == "Article"
    bib = ("@article{k,\n  title = {T},\n  journal = {Cytotherapy},\n  shortjournal = {Cytotherapy},\n"
           "  type = {Article}\n}\n")
    assert msccite.dumps(msccite.loads(bib, "bibtex"), "bibtex") == bib  # the source's own fields stay
