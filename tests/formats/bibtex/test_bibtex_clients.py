"""Real clients read our BibTeX: pybtex (strict), bibtexparser v2 (also a differential oracle for our reader),
pandoc, and BibTeX itself with plain.bst when it is installed."""

from __future__ import annotations

import json
import shutil
import subprocess

import bibtexparser
import pytest
from pybtex.database import parse_string

import msccite
from msccite.formats.bibtex.parse import MONTHS, blocks, evaluate
from paths import RIS_CORPUS, ROOT, SEEDS

DATA = ROOT / "tests" / "data" / "bibtex"
BIB_FILES = sorted(p for p in DATA.glob("*.bib") if p.name != "broken.bib")


def _corpus_records():
    recs = msccite.read(SEEDS / "003_98c53ee05b756194.txt")
    for path in RIS_CORPUS:
        recs.extend(msccite.read(path, "ris", errors="collect"))
    return recs


@pytest.fixture(scope="module")
def corpus_bibtex():
    recs = _corpus_records()
    return recs, msccite.dumps(recs, "bibtex")


def test_pybtex_strict_reads_our_output_of_the_corpus(corpus_bibtex):
    recs, text = corpus_bibtex
    db = parse_string(text, "bibtex")  # pybtex's default is strict: errors raise
    assert len(db.entries) == len(recs)
    ours = msccite.loads(text, "bibtex")
    for rec in ours[:60]:
        entry = db.entries[rec.id]
        assert [str(p) for p in entry.persons.get("author", [])] != [] or not rec.authors
        assert len(entry.persons.get("author", [])) == len(rec.authors)
        if "DOI" in rec:
            assert entry.fields["doi"] == rec["DOI"]


def test_bibtexparser_reads_our_output_of_the_corpus(corpus_bibtex):
    recs, text = corpus_bibtex
    lib = bibtexparser.parse_string(text)
    assert lib.failed_blocks == []
    assert len(lib.entries) == len(recs)
    keys = [r.id for r in msccite.loads(text, "bibtex")]
    assert [e.key for e in lib.entries] == keys


@pytest.mark.parametrize("path", BIB_FILES, ids=lambda p: p.name)
def test_bibtexparser_agrees_with_our_tokenizer(path):
    """Differential oracle: the same entries, keys, field names and (macro-expanded) raw values."""
    lib = bibtexparser.parse_file(str(path))
    ours = [b for b in blocks(path.read_text(encoding="utf-8").splitlines()) if b.kind == "entry"]
    assert [e.key for e in lib.entries] == [b.key for b in ours]
    macros: dict[str, str] = {}
    for b in blocks(path.read_text(encoding="utf-8").splitlines()):
        if b.kind == "string":
            macros.update({f.name.lower(): evaluate(f.pieces, macros)[0] for f in b.fields})
    for entry, block in zip(lib.entries, ours, strict=True):
        assert entry.entry_type.lower() == block.type.lower()
        theirs = {f.key.lower(): f.value for f in entry.fields}
        mine = {f.name.lower(): evaluate(f.pieces, macros)[0] for f in block.fields}
        assert set(theirs) == set(mine)
        for name, value in mine.items():
            their = theirs[name]
            if " # " in their:  # bibtexparser leaves concatenations unevaluated
                continue
            if their.lower() in MONTHS:  # and month macros unexpanded
                their = MONTHS[their.lower()]
            assert " ".join(their.split()) == " ".join(value.split()), name


def test_pandoc_reads_our_bibtex_to_the_same_titles_names_and_dois(corpus_bibtex):
    pypandoc = pytest.importorskip("pypandoc")
    recs = _corpus_records()[:40]
    text = msccite.dumps(recs, "bibtex")
    items = json.loads(pypandoc.convert_text(text, "csljson", format="bibtex"))
    assert len(items) == len(recs)
    by_id = {i["id"]: i for i in items}
    for rec in msccite.loads(text, "bibtex"):
        item = by_id[rec.id]
        # pandoc makes apostrophes typographic and keeps <i>/<sup> as markup: compare letters and digits
        assert _letters(item["title"]) == _letters(rec.title)
        families = [_family(a) for a in item.get("author", [])]
        assert families == [_letters(a.full_family or a.literal) for a in rec.authors]
        assert item.get("DOI") == rec.get("DOI")


def _family(author: dict) -> str:
    parts = (author.get("non-dropping-particle"), author.get("family") or author.get("literal", ""))
    return _letters(" ".join(p for p in parts if p))


def _letters(text: str) -> str:
    import re

    return re.sub(r"[\W_]+", "", re.sub(r"<[^>]+>", "", text or "")).lower()  # tags first: " <span" is \W too


@pytest.mark.skipif(shutil.which("bibtex") is None, reason="BibTeX is not installed (.ci/run installs texlive-base)")
def test_bibtex_with_plain_bst_reads_our_output_of_the_seed_and_corpus(tmp_path, corpus_bibtex):
    recs, text = corpus_bibtex
    (tmp_path / "refs.bib").write_text(text, encoding="utf-8")
    (tmp_path / "doc.aux").write_text("\\citation{*}\n\\bibstyle{plain}\n\\bibdata{refs}\n", encoding="utf-8")
    proc = subprocess.run(["bibtex", "doc"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    log = (tmp_path / "doc.blg").read_text(encoding="utf-8", errors="replace")
    assert proc.returncode in (0, 1), log  # 1 = warnings only (e.g. an entry without a year)
    assert "error message" not in log, log
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8", errors="replace")
    assert bbl.count("\\bibitem") == len(recs)
