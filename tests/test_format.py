"""Formatted reference lists (``msccite.format``, ``msccite format``): pandoc's citeproc against citeproc-js.

(a) Agreement: the seeds (``seeds/*.txt``) and the RIS corpus (``tests/data/corpus/*.ris``), each file read with
``normalize=True`` and formatted as one reference list, in each of the eight bundled styles. The same CSL-JSON
(``msccite.styles.csl_json``: what msccite hands to pandoc) is formatted by citeproc-js, the reference CSL
processor, through citation-js's CSL plugin (tests/clients/citationjs/format.js, one node process per style). The
entries are matched by record id (citeproc-js reports the id of each entry it prints); an entry is identical when
the two texts are the same once runs of whitespace (and no-break spaces) are collapsed, or when neither engine prints
anything for the record (Chicago notes and bibliography, for a document with no title). At least 97% of the entries
of each style must be identical, every record must have its entry (with a unique id), and at least 97% of the
entries must stand at the same place in the list (the style's sort: the engines collate a few names differently).
Each kind of difference that remains is listed, with both outputs, in docs/format.md.

(b) The API: aliases and paths, errors, HTML escaping and DOI links, unique ids, the prepared CSL-JSON, pandoc
missing. (c) The command line.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import msccite
from citationjs import CLIENT, needs_citation_js
from msccite import styles
from msccite.styles import engine, prepare
from paths import CORPUS, ROOT, SEED_FILES, SEEDS

SEED = SEEDS / "003_98c53ee05b756194.txt"
FILES = [*SEED_FILES, *sorted(CORPUS.glob("*.ris"))]
FORMAT_JS = CLIENT / "format.js"
GOAL = 0.97


def _have_pandoc() -> bool:
    try:
        engine.pandoc_path()
    except styles.PandocMissingError:
        return False
    return True


needs_pandoc = pytest.mark.skipif(not _have_pandoc(), reason="pandoc is not installed (pip install 'msccite[format]')")


@functools.cache
def records(path: Path) -> msccite.Records:
    return msccite.read(path, errors="collect", normalize=True)


def collapse(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


# --- (a) agreement with citeproc-js -------------------------------------------------------------------------------


def citeproc_js(data_files: list[Path], style: Path) -> list[list[tuple[str, str]]]:
    """For each CSL-JSON file, citeproc-js's entries (id, text) in its order: one node process for all."""
    proc = subprocess.run(["node", str(FORMAT_JS), str(data_files[0]), str(style), "text", *map(str, data_files[1:])],
                          capture_output=True, text=True, encoding="utf-8", timeout=600, cwd=ROOT)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    return [[(i, e) for i, e in entries] for entries in (out if len(data_files) > 1 else [out])]


def compare(style: str) -> dict:
    """Both engines on every file in ``style``: counts, and the differences."""
    path = styles.resolve(style)
    with tempfile.TemporaryDirectory(prefix="msccite-test-format-") as tmp:
        data = []
        for n, src in enumerate(FILES):
            data.append(Path(tmp, f"{n:02d}.json"))
            data[-1].write_text(styles.csl_json(records(src), path), encoding="utf-8")
        reference = citeproc_js(data, path)
    result = {"entries": 0, "same": 0, "placed": 0, "differences": [], "missing": []}
    for src, js in zip(FILES, reference, strict=True):
        ours = styles.entries(records(src), path)
        ids = [i for i, _ in ours]
        assert len(ours) == len(records(src)) and len(set(ids)) == len(ids), src  # every record an entry, unique ids
        mine, theirs = dict(ours), dict(js)
        for ident in ids:
            result["entries"] += 1
            if ident not in theirs and mine[ident]:  # citeproc-js printed nothing for it, pandoc something
                result["missing"].append((src.name, ident, mine[ident]))
            elif collapse(mine[ident]) == collapse(theirs.get(ident, "")):  # both print nothing, or the same
                result["same"] += 1
            else:
                result["differences"].append((src.name, ident, collapse(theirs[ident]), collapse(mine[ident])))
        common = [i for i in ids if i in theirs]
        result["placed"] += sum(a == b for a, b in zip(common, [i for i, _ in js if i in mine], strict=False))
    return result


@pytest.fixture(scope="module")
def agreement() -> dict[str, dict]:
    # each style in its own thread: node and pandoc are processes, the cores share them
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(zip(styles.BUNDLED, pool.map(compare, styles.BUNDLED), strict=True))


@needs_citation_js
@needs_pandoc
@pytest.mark.parametrize("style", list(styles.BUNDLED))
def test_entries_agree_with_citeproc_js(agreement, style):
    result = agreement[style]
    share = result["same"] / result["entries"]
    shown = "\n".join(f"{f} {i}\n  citeproc-js: {a}\n  pandoc:      {b}" for f, i, a, b in result["differences"][:20])
    assert share >= GOAL, f"{style}: {result['same']}/{result['entries']} ({share:.1%}) identical\n{shown}"
    assert result["placed"] / result["entries"] >= GOAL, f"{style}: {result['placed']} entries in the same place"
    assert not result["missing"], result["missing"]


@needs_citation_js
@needs_pandoc
def test_the_words_kept_lower_case_are_lower_case_in_citeproc_js_and_capitalized_by_pandoc(tmp_path):
    words = sorted(prepare.TITLE_CASE_LOWER)
    items = [{"id": f"w{n}", "type": "book", "title": f"Results {word} trials", "issued": {"date-parts": [[2020]]},
              "author": [{"family": f"A{n:03d}", "given": "B"}]} for n, word in enumerate(words)]  # fmt: skip
    data = tmp_path / "words.json"
    data.write_text(json.dumps(items), encoding="utf-8")
    style = styles.resolve("chicago")
    (js,) = citeproc_js([data], style)
    assert [f"Results {w} Trials" in entry for w, (_, entry) in zip(words, js, strict=True)] == [True] * len(words)
    out = engine.render(data.read_text(encoding="utf-8"), style, "text", mark=True)
    capitalized = [f"Results {w[0].upper()}{w[1:]} Trials" in out for w in words]
    assert capitalized == [True] * len(words)


def test_format_js_reports_a_usage_error():
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    proc = subprocess.run(["node", str(FORMAT_JS)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "usage" in proc.stderr


# --- (b) the API --------------------------------------------------------------------------------------------------


def record(**fields) -> msccite.Record:
    base = {"type": "article-journal", "title": "A phase I study", "author": [{"family": "Vivarelli", "given": "M."}],
            "issued": {"date-parts": [[2023]]}, "container-title": "JCI Insight", "volume": "8", "issue": "18",
            "page": "1-13", "DOI": "10.1172/jci.insight.169424"}  # fmt: skip
    base.update(fields)
    return msccite.Record.from_csl({k: v for k, v in base.items() if v is not None})


@pytest.mark.parametrize(
    ("name", "file"),
    [("vancouver", "nlm-citation-sequence"), ("nlm", "nlm-citation-sequence"), ("Vancouver", "nlm-citation-sequence"),
     ("apa", "apa"), ("ama", "american-medical-association"), ("nature", "nature"),
     ("harvard", "harvard-cite-them-right"), ("ieee", "ieee"), ("chicago", "chicago-author-date"),
     ("chicago-notes", "chicago-notes-bibliography"), ("nlm-citation-sequence", "nlm-citation-sequence"),
     ("harvard1", "harvard-cite-them-right"), ("chicago-fullnote-bibliography", "chicago-notes-bibliography"),
     ("apa.csl", "apa"), ("IEEE.csl", "ieee")],
)  # fmt: skip
def test_aliases_name_bundled_styles(name, file):
    path = styles.resolve(name)
    assert path == styles.STYLES_DIR / f"{file}.csl" and path.is_file()


def test_every_bundled_style_is_a_style_with_a_bibliography():
    for name in styles.BUNDLED:
        info = prepare.style_info(styles.STYLES_DIR / f"{name}.csl")
        assert info.has_bibliography and info.title
    assert (styles.STYLES_DIR / "README.md").read_text(encoding="utf-8").count("https://citationstyles.org/") >= 1


def test_the_patched_styles_say_so():
    for name in ("nlm-citation-sequence", "american-medical-association"):
        text = (styles.STYLES_DIR / f"{name}.csl").read_text(encoding="utf-8")
        assert "Modified by msccite" in text and "by-sa/3.0" in text


def test_unknown_style_is_a_clear_error():
    with pytest.raises(styles.StyleError, match=r"unknown style 'nope': one of vancouver, nlm,.* \.csl file"):
        styles.resolve("nope")
    with pytest.raises(styles.StyleError, match="not bundled with msccite: download american-anthropological"):
        styles.resolve("aaa")  # renamed-styles.json knows it, msccite does not bundle it
    with pytest.raises(styles.StyleError, match="not found"):
        styles.resolve("missing/style.csl")
    assert issubclass(styles.StyleError, msccite.MscciteError) and issubclass(styles.StyleError, ValueError)


@needs_pandoc
def test_a_path_to_a_csl_file(tmp_path):
    own = tmp_path / "my-journal.csl"
    shutil.copy(styles.STYLES_DIR / "nature.csl", own)
    recs = [record()]
    assert msccite.format(recs, own) == msccite.format(recs, str(own)) == msccite.format(recs, "nature")
    assert msccite.format(recs, own).startswith("1. Vivarelli, M. A phase I study. JCI Insight 8, 1–13 (2023).")
    (tmp_path / "not.csl").write_text("<html><body>no style</body></html>", encoding="utf-8")
    with pytest.raises(styles.StyleError, match="not a CSL style"):
        msccite.format(recs, tmp_path / "not.csl")


@needs_pandoc
def test_text_entries_are_separated_by_a_blank_line_in_the_styles_order():
    recs = [record(title="Zeta trial", author=[{"family": "Zorro", "given": "A."}]),
            record(title="Alpha trial", author=[{"family": "Abel", "given": "B."}], DOI="10.1/alpha")]  # fmt: skip
    vancouver = msccite.format(recs, "vancouver")
    assert vancouver.endswith("\n") and not vancouver.endswith("\n\n")
    first, second = vancouver.rstrip("\n").split("\n\n")
    assert first.startswith("1. Zorro A. Zeta trial.") and second.startswith("2. Abel B. Alpha trial.")
    apa = [e.text for e in styles.entries(recs, "apa")]  # APA sorts by author
    assert apa[0].startswith("Abel, B. (2023). Alpha trial.") and apa[1].startswith("Zorro, A.")
    assert msccite.format([], "apa") == ""


@needs_pandoc
def test_html_is_escaped_and_dois_are_links():
    rec = record(title="Doses <5 mg/kg & <i>Mycobacterium</i> in R&D > 2 weeks",
                 publisher="Smith & Sons")  # fmt: skip
    html = msccite.format([rec], "vancouver", to="html")
    assert "Doses &lt;5 mg/kg &amp; <em>Mycobacterium</em> in R&amp;D &gt; 2 weeks" in html
    assert '<a href="https://doi.org/10.1172/jci.insight.169424">10.1172/jci.insight.169424</a>' in html
    assert re.search(r'<div id="ref-[^"]+" class="csl-entry"', html) and "nocase" not in html
    apa = msccite.format([rec], "apa", to="html")
    assert '<a href="https://doi.org/10.1172/jci.insight.169424">https://doi.org/10.1172/jci.insight.169424</a>' in apa
    markdown = msccite.format([rec], "apa", to="markdown")
    assert "*Mycobacterium*" in markdown and "<https://doi.org/10.1172/jci.insight.169424>" in markdown


@needs_pandoc
def test_every_record_gets_an_entry_with_a_unique_id():
    recs = [record(), record(), record(title="Another")]  # the same citation key three times
    found = styles.entries(recs, "vancouver")
    assert len(found) == 3 and len({e.id for e in found}) == 3
    html = msccite.format(recs, "vancouver", to="html")
    assert len(set(re.findall(r'id="(ref-[^"]+)"', html))) == 3
    items = json.loads(styles.csl_json(recs, "vancouver"))
    assert [i["id"] for i in items] == [e.id for e in found]


@needs_pandoc
def test_binary_and_rtf_outputs():
    recs = [record()]
    docx = msccite.format(recs, "ama", to="docx")
    odt = msccite.format(recs, "ama", to="odt")
    assert isinstance(docx, bytes) and docx[:2] == b"PK" and isinstance(odt, bytes) and odt[:2] == b"PK"
    rtf = msccite.format(recs, "ama", to="rtf")
    assert isinstance(rtf, str) and rtf.startswith("{\\rtf1") and "Vivarelli M" in rtf
    with pytest.raises(ValueError, match="unknown output 'pdf'"):
        msccite.format(recs, "ama", to="pdf")


@needs_pandoc
def test_editors_come_before_their_label_in_nlm_and_ama():
    chapter = record(type="chapter", title="MSCs in GVHD", author=[{"family": "Le Blanc", "given": "Katarina"}],
                     editor=[{"family": "Hematti", "given": "Peiman"}, {"family": "Keating", "given": "Armand"}],
                     **{"container-title": "Mesenchymal stromal cells", "publisher": "Humana Press",
                        "publisher-place": "New York", "page": "101-120", "volume": None, "issue": None,
                        "DOI": None})  # fmt: skip
    assert "In: Hematti P, Keating A, editors. Mesenchymal stromal cells." in msccite.format([chapter], "nlm")
    assert "In: Hematti P, Keating A, eds. Mesenchymal Stromal Cells." in msccite.format([chapter], "ama")


@needs_pandoc
def test_normalize_on_request():
    raw = msccite.read(SEED)  # "AU - De, Salvo A." as the exporter wrote it
    assert json.loads(styles.csl_json(raw, "apa"))[0]["author"][14] == {"family": "De", "given": "Salvo A."}
    assert "De, S. A.," in msccite.format(raw, "apa")
    assert "De Salvo, A.," in msccite.format(raw, "apa", normalize=True)


def test_prepare_names_ranges_and_title_case():
    info = prepare.StyleInfo("t", True, title_case=True, joined_initials=True, spaced_initials=False, sorted=False)
    items = [{"id": "a", "title": "Reporting between trials after surgery: through the years",
              "container-title": "Geochimica et Cosmochimica Acta", "volume": "1-2", "issue": "1 January",
              "author": [{"family": "Roo", "given": "Tineke Coenen-de"}, {"family": "Jalil", "given": "N.-E."},
                         {"family": "Chuong", "given": "Cheng-ming"}]},
             {"id": "a", "issue": "3-4"}]  # fmt: skip
    prepare.prepare(items, info)
    a, b = items
    assert a["author"][0] == {"family": "Coenen-de Roo", "given": "Tineke"}
    assert a["author"][1]["given"] == "N. E." and a["author"][2]["given"] == "Cheng Ming"
    assert a["volume"] == "1–2" and a["issue"] == "1" and b["issue"] == "3–4" and b["id"] == "a-2"
    assert a["title"] == ('Reporting <span class="nocase">between</span> trials <span class="nocase">after</span> '
                          "surgery: through the years")  # fmt: skip
    assert a["container-title"] == 'Geochimica <span class="nocase">et</span> Cosmochimica Acta'
    chicago = prepare.StyleInfo("c", True, title_case=False, joined_initials=False, spaced_initials=True, sorted=True)
    names = [{"family": "Jalil", "given": "N.-E."}, {"family": "Chuong", "given": "Cheng-ming"}]
    prepare.prepare([{"id": "x", "author": names, "title": "Between after"}], chicago)
    assert names == [{"family": "Jalil", "given": "N. E."}, {"family": "Chuong", "given": "Cheng-ming"}]


def test_style_info_reads_what_prepare_needs():
    nlm = prepare.style_info(styles.resolve("nlm"))
    assert nlm.joined_initials and not nlm.title_case and not nlm.sorted
    chicago = prepare.style_info(styles.resolve("chicago"))
    assert chicago.spaced_initials and chicago.title_case and chicago.sorted and not chicago.joined_initials
    apa = prepare.style_info(styles.resolve("apa"))
    assert not apa.spaced_initials and not apa.joined_initials


def test_pandoc_missing_is_a_clear_message(monkeypatch):
    monkeypatch.setitem(sys.modules, "pypandoc", None)  # import pypandoc: ImportError
    monkeypatch.setattr(engine, "_found", None)
    monkeypatch.delenv("MSCCITE_PANDOC", raising=False)
    with pytest.raises(styles.PandocMissingError, match=r"needs pandoc: pip install 'msccite\[format\]'"):
        msccite.format([record()], "vancouver")
    assert issubclass(styles.PandocMissingError, msccite.MscciteError)


def test_format_is_public():
    assert "format" in msccite.__all__ and callable(msccite.format)


# --- (c) the command line -----------------------------------------------------------------------------------------


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environ = dict(os.environ, PYTHONPATH=str(ROOT / "src"), **(env or {}))
    return subprocess.run([sys.executable, "-m", "msccite", *args], capture_output=True, text=True, timeout=300,
                          env=environ, cwd=ROOT)  # fmt: skip


@needs_pandoc
def test_cli_prints_the_entry():
    proc = run("format", "seeds/003_98c53ee05b756194.txt", "--style", "vancouver")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("1. Vivarelli M, Colucci M, Algeri M, Zotta F, Emma F, L’Erario I, et al. "
                                  "A phase I study of autologous mesenchymal stromal cells")  # fmt: skip
    assert proc.stdout.endswith("JCI Insight. 2023;8(18):1–13. doi:10.1172/jci.insight.169424\n")
    assert proc.stdout.count("\n") == 1


@needs_pandoc
def test_cli_outputs_by_extension(tmp_path):
    html, docx = tmp_path / "refs.html", tmp_path / "refs.docx"
    assert run("format", str(SEED), "-s", "apa", "-o", str(html)).returncode == 0
    assert 'class="csl-entry"' in html.read_text(encoding="utf-8")
    assert run("format", str(SEED), "-s", "ama", "-o", str(docx)).returncode == 0
    assert docx.read_bytes()[:2] == b"PK"
    proc = run("format", *map(str, SEED_FILES), "-s", "ieee", "-t", "markdown", "-q")
    assert proc.returncode == 0 and proc.stdout.count("\n\n") == 9  # the seeds hold 10 records
    assert proc.stdout.startswith("\\[1\\] ")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [(["-s", "nope"], 2, "msccite format: error: unknown style 'nope'"),
     (["-t", "pdf"], 2, "msccite format: error: unknown output 'pdf'"),
     (["-f", "nope"], 2, "unknown format 'nope'")],
)  # fmt: skip
def test_cli_usage_errors(args, code, message):
    proc = run("format", str(SEED), *args)
    assert proc.returncode == code and message in proc.stderr and "Traceback" not in proc.stderr


def test_cli_without_pandoc(tmp_path):
    fake = tmp_path / "pypandoc"
    fake.mkdir()
    (fake / "__init__.py").write_text("raise ImportError('not installed')\n", encoding="utf-8")
    env = {"PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT / "src")])}
    proc = subprocess.run([sys.executable, "-m", "msccite", "format", str(SEED)], capture_output=True, text=True,
                          timeout=120, env=dict(os.environ, **env), cwd=ROOT)  # fmt: skip
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr == ("msccite: formatting references needs pandoc: pip install 'msccite[format]' "
                           "(it installs pandoc with the pypandoc-binary wheel)\n")  # fmt: skip


@needs_pandoc
def test_cli_unreadable_input_writes_nothing(tmp_path):
    out = tmp_path / "refs.txt"
    out.write_text("old\n", encoding="utf-8")
    proc = run("format", str(tmp_path / "missing.ris"), "-o", str(out))
    assert proc.returncode == 1 and "cannot read" in proc.stderr and "Traceback" not in proc.stderr
    assert out.read_text(encoding="utf-8") == "old\n"
