"""Hostile and huge input: bounded time, no RecursionError, constant memory while streaming.

Time limits here are loose sanity bounds for a loaded two-core CI machine (a hang or a quadratic
blow-up takes minutes, not seconds), not benchmarks. Each adversarial shape is put into every
reader's own record template, so a reader added later is attacked without touching this file
(a reader without a template here fails ``test_every_reader_has_a_template``).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from xml.sax.saxutils import escape

import pytest

import msccite
from msccite import registry
from paths import ROOT

MB = 1024 * 1024
SECONDS = 10  # per input of about 1 MB; linear readers take well under one

READERS = [f.name for f in registry.all_formats() if f.can_read]
WOS_HEAD = "FN Clarivate Analytics Web of Science\nVR 1.0\n"
PUBMED = "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>{}</Article></MedlineCitation>" \
         "</PubmedArticle></PubmedArticleSet>"  # fmt: skip


def _xml_authors(names: list[str], person: str, family: str) -> str:
    return "".join(f"<{person}><{family}>{escape(n)}</{family}></{person}>" for n in names)


def given_first(names: list[str]) -> list[str]:
    """'Doe, J.' -> 'J. Doe', for pages that write names given name first."""
    return [" ".join(reversed(n.split(", ", 1))) for n in names]


WORD_NS = "http://schemas.openxmlformats.org/officeDocument/2006/bibliography"


def _word(inner: str) -> str:
    return f'<b:Sources xmlns:b="{WORD_NS}"><b:Source><b:Tag>k</b:Tag>{inner}</b:Source></b:Sources>'


def _citavi(lists: str, fields: str, relations: str = "") -> str:
    return (f'<CitaviExchangeData Version="6.8.0.0">{lists}<References><Reference id="r1">'
            f"<ReferenceType>JournalArticle</ReferenceType>{fields}</Reference></References>{relations}"
            "</CitaviExchangeData>")


def _csv_cell(v: str) -> str:
    return '"' + v.replace('"', '""') + '"'


# How each reader holds a title and a list of authors: fmt -> (title(value), authors(names)).
TEMPLATES: dict[str, tuple[Callable[[str], str], Callable[[list[str]], str]]] = {
    "ris": (lambda v: f"TY  - JOUR\nTI  - {v}\nER  - \n",
            lambda ns: "TY  - JOUR\nAU  - " + "; ".join(ns) + "\nER  - \n"),
    "medline": (lambda v: f"PMID- 1\nTI  - {v}\n",
                lambda ns: "PMID- 1\nAU  - " + ", ".join(ns) + "\n"),
    "kv": (lambda v: f"title | {v} |\n---|---|\n",
           lambda ns: "title | t |\n---|---|\nauthor | " + " ".join(ns) + " |\n"),
    "wos": (lambda v: f"{WOS_HEAD}PT J\nTI {v}\nER\nEF\n",
            lambda ns: f"{WOS_HEAD}PT J\nAU " + "; ".join(ns) + "\nER\nEF\n"),
    "endnote": (lambda v: f"%0 Journal Article\n%T {v}\n",
                lambda ns: "%0 Journal Article\n%A " + "; ".join(ns) + "\n"),
    "endnote-xml": (
        lambda v: f"<xml><records><record><titles><title>{escape(v)}</title></titles></record></records></xml>",
        lambda ns: "<xml><records><record><contributors><authors>" + _xml_authors(ns, "author", "style")
        + "</authors></contributors></record></records></xml>"),
    "pubmed-xml": (lambda v: PUBMED.format(f"<ArticleTitle>{escape(v)}</ArticleTitle>"),
                   lambda ns: PUBMED.format("<AuthorList>" + _xml_authors(ns, "Author", "LastName") + "</AuthorList>")),
    "csl-json": (lambda v: json.dumps([{"id": "a", "type": "book", "title": v}]),
                 lambda ns: json.dumps([{"id": "a", "type": "book", "author": [{"literal": n} for n in ns]}])),
    "bibtex": (lambda v: "@article{k,\n title = {" + v + "}\n}\n",
               lambda ns: "@article{k,\n author = {" + " and ".join(ns) + "}\n}\n"),
    # the web pages people copy records from
    "vufind": (lambda v: f"Cargando…\n\n{v}\n\nDetalles Bibliográficos\nAutores principales: Doe, J.\nFormato: Texto\n",
               lambda ns: "Cargando…\n\nTitle\n\nDetalles Bibliográficos\nAutores principales: " + ", ".join(ns)
               + "\nFormato: Texto\n"),
    "sciencegate": (lambda v: f"scholarly journals {v}\n\n2021 ◽  \nVol 10 (3) ◽  \nAuthor(s):  \nA B ◽  \n",
                    lambda ns: "scholarly journals Title\n\n2021 ◽  \nAuthor(s):  \n" + " ◽  \n".join(given_first(ns))
                    + "\n"),
    "ablesci": (lambda v: f"{v}\n\n作者\nA B,C D\n出处\n期刊:J\n摘要\n\nabstract\n",
                lambda ns: "Title\n\n作者\n" + ",".join(given_first(ns)) + "\n出处\n期刊:J\n摘要\n\nabstract\n"),
    # registries, review tools and tables
    "ctgov": (lambda v: json.dumps({"protocolSection": {"identificationModule": {"nctId": "NCT01234567",
                                                                               "officialTitle": v}}}),
              lambda ns: json.dumps({"protocolSection": {"identificationModule": {"nctId": "NCT01234567"},
                                                         "sponsorCollaboratorsModule": {"leadSponsor": {
                                                             "name": "; ".join(ns)}}}})),
    "ictrp": (lambda v: f"<Trials_downloaded_from_ICTRP><Trial><TrialID>NCT01234567</TrialID>"
                        f"<Scientific_title>{escape(v)}</Scientific_title></Trial></Trials_downloaded_from_ICTRP>",
              lambda ns: "<Trials_downloaded_from_ICTRP><Trial><TrialID>NCT01234567</TrialID><Primary_sponsor>"
                         + escape("; ".join(ns)) + "</Primary_sponsor></Trial></Trials_downloaded_from_ICTRP>"),
    "cochrane": (lambda v: f"Record #1 of 1\nTI: {v}\n",
                 lambda ns: "Record #1 of 1\nAU: " + "; ".join(ns) + "\n"),
    "eppi": (lambda v: json.dumps({"CodeSets": [], "References": [{"Title": v}]}),
             lambda ns: json.dumps({"CodeSets": [], "References": [{"Authors": "; ".join(ns)}]})),
    "csv": (lambda v: "title,authors\n" + _csv_cell(v) + ",A\n",
            lambda ns: "title,authors\nt," + _csv_cell("; ".join(ns)) + "\n"),
    "mods": (lambda v: '<modsCollection xmlns="http://www.loc.gov/mods/v3"><mods><titleInfo><title>' + escape(v)
             + "</title></titleInfo></mods></modsCollection>",
             lambda ns: '<modsCollection xmlns="http://www.loc.gov/mods/v3"><mods>' + "".join(
                 '<name type="personal"><namePart>' + escape(n) + "</namePart></name>" for n in ns)
             + "</mods></modsCollection>"),
    "word-xml": (lambda v: _word(f"<b:Title>{escape(v)}</b:Title>"),
                 lambda ns: _word("<b:Author><b:Author><b:NameList>" + _xml_authors(ns, "b:Person", "b:Last")
                                  + "</b:NameList></b:Author></b:Author>")),
    "refworks": (lambda v: f"RT Journal Article\nT1 {v}\n", lambda ns: "RT Journal Article\nA1 " + "; ".join(ns) + "\n"),
    "ovid": (lambda v: f"<1>\nVN  - Ovid Technologies\nDB  - Embase\nTI  - {v}\n",
             lambda ns: "<1>\nVN  - Ovid Technologies\nDB  - Embase\n" + "".join(f"AU  - {n}\n" for n in ns)),
    "csl-yaml": (lambda v: "references:\n- id: a\n  type: book\n  title: " + json.dumps(v) + "\n",
                 lambda ns: "references:\n- id: a\n  type: book\n  author:\n"
                 + "".join("  - literal: " + json.dumps(n) + "\n" for n in ns)),
    "citavi": (lambda v: _citavi("", f"<Title>{escape(v)}</Title>"),
               lambda ns: _citavi("<Persons>" + "".join(f'<Person id="p{i}"><LastName>{escape(n)}</LastName></Person>'
                                                         for i, n in enumerate(ns)) + "</Persons>", "",
                                  "<ReferenceAuthors><OnetoN>r1;" + ";".join(f"p{i}" for i in range(len(ns)))
                                  + "</OnetoN></ReferenceAuthors>")),
}  # fmt: skip
TEMPLATES["biblatex"] = TEMPLATES["bibtex"]
TEMPLATES["tsv"] = TEMPLATES["xlsx"] = TEMPLATES["csv"]  # one reader: a workbook is opened as its CSV text

# The adversarial values, about 1 MB each.
SHAPES: dict[str, str] = {
    "50,000 nested braces": "{" * 50_000 + "x" + "}" * 50_000,
    "50,000 unclosed braces": "{" * 50_000 + "x",
    "50,000 closing braces": "}" * 50_000,
    "200,000 escaped quotes": '\\"' * 200_000,
    "200,000 braced accents": '{\\"o}' * 200_000,
    "100,000 backslashes": "\\" * 100_000,
    "a line of 1 MB of bars": "|" * MB,
    "a line of 1 MB of separators ◽": " ◽ " * (MB // 3),
    "a line of 1 MB of dashes": "-" * MB,
    "a line of 1 MB of ' - '": " - " * (MB // 3),
    "a line of 1 MB of tabs and spaces": " \t" * (MB // 2),
    "200,000 ampersands and lt": "&<" * 200_000,
    "200,000 LaTeX commands": "\\emph{" * 200_000,
    "50,000 nested accents": '\\"{' * 50_000 + "o" + "}" * 50_000,
    "200,000 @": "@" * 200_000,
}


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def read_any(text: str, fmt: str) -> int:
    """Records read, or -1 for a refusal; anything but MscciteError (RecursionError...) fails the test."""
    try:
        return len(msccite.loads(text, fmt, errors="collect"))
    except msccite.MscciteError:
        return -1


def _run_measured(code: str) -> tuple[int, int, str]:
    """Run ``code`` (which sets ``result``, an int) in a fresh interpreter on the checkout's sources:
    (result, peak RSS in MB, stderr). VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec from the
    (large) pytest parent."""
    code += ("\nhwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
             "print(result, int(hwm) // 1024)\n")  # fmt: skip
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    result, peak_mb = (int(v) for v in proc.stdout.split())
    return result, peak_mb, proc.stderr


def test_every_reader_has_a_template():
    assert set(READERS) <= set(TEMPLATES), f"add a template for {set(READERS) - set(TEMPLATES)}"


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("fmt", READERS)
def test_adversarial_value_finishes_in_seconds(fmt, shape):
    text = TEMPLATES[fmt][0](SHAPES[shape])
    seconds = timed(lambda: read_any(text, fmt))
    assert seconds < SECONDS, f"{fmt}: {shape} took {seconds:.1f} s"


@pytest.mark.parametrize("fmt", READERS)
def test_a_300000_name_author_line_finishes_in_seconds(fmt):
    # CSL-JSON and CSL YAML have no author *line*: a 50,000-name list (each validated against the schema) stands in
    names = [f"Doe{i % 10}, J." for i in range(50_000 if fmt in ("csl-json", "csl-yaml") else 300_000)]
    text = TEMPLATES[fmt][1](names)
    counted: list[int] = []

    def go() -> None:
        records = msccite.loads(text, fmt, errors="collect")
        counted.append(len(records[0].authors) if records else 0)

    seconds = timed(go)
    assert seconds < 3 * SECONDS, f"{fmt}: {len(text) // MB} MB of names took {seconds:.1f} s"
    assert counted[0] > 0  # the names were read, not refused


@pytest.mark.parametrize("fmt", READERS)
def test_the_whole_file_as_50000_unclosed_braces(fmt):
    text = "@article{k,\n title = " + "{" * 50_000 if fmt in ("bibtex", "biblatex") else "{" * 50_000
    seconds = timed(lambda: read_any(text, fmt))
    assert seconds < SECONDS, f"{fmt} took {seconds:.1f} s"


WRITABLE = [f.name for f in registry.all_formats()
            if f.can_read and f.can_write and not f.binary and f.name != "biblatex"]  # biblatex = bibtex
XML = {"endnote-xml": "record", "pubmed-xml": "record", "mods": "mods", "word-xml": "b:Source"}  # format -> the record element's name


@pytest.mark.parametrize("fmt", WRITABLE)
def test_a_20_mb_single_line_converts(fmt):
    """A 20 MB line reads and writes back whole, in every writable format.

    In the XML formats the line holds 10,000 records (an export without line breaks): libxml2 refuses
    a single text node over 10 MB by design (its limit against memory exhaustion), so one 20 MB
    title is not the test there.
    """
    if fmt in XML:
        one = TEMPLATES[fmt][0](("word " * 400).strip())
        tag = XML[fmt]
        head, tail = one.split(f"<{tag}>", 1)[0], one.rsplit(f"</{tag}>", 1)[1]
        record = one[len(head) : len(one) - len(tail)]
        text, count, length = head + record * 10_000 + tail, 10_000, len(("word " * 400).strip())
    else:
        text, count, length = TEMPLATES[fmt][0](("word " * (4 * MB)).strip()), 1, 4 * MB * 5 - 1
    assert len(text) > 20 * 10**6
    out: list[str] = []
    seconds = timed(lambda: out.append(msccite.dumps(msccite.loads(text, fmt), fmt)))
    back = msccite.loads(out[0], fmt)
    assert len(back) == count and len(back[-1].title or "") == length
    assert seconds < 6 * SECONDS, f"{fmt}: {seconds:.1f} s"


@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [
        ("a 20 MB single line", "TY  - JOUR\nAB  - " + "x" * (20 * MB) + "\nER  - \n", "ris"),
        ("a 300,000-name author line", "TY  - JOUR\nAU  - " + "Doe, J. and " * 300_000 + "\nER  - \n", "ris"),
        ("a line of separators", "TY  - JOUR\n" + "-" * MB + "\nER  - \n", "ris"),
        ("spaces then a tag", "TY  - JOUR\nUR  - a" + " " * MB + "XX  - b\nER  - \n", "ris"),
        ("100,000 records", "TY  - JOUR\nTI  - t\nER  - \n" * 100_000, "ris"),
        ("200,000 MEDLINE continuation lines", "PMID- 1\nAB  - a\n" + "      word word\n" * 200_000, "medline"),
        ("a 20 MB MEDLINE line", "PMID- 1\nAB  - " + "x " * (10 * MB) + "\n", "medline"),
        ("200,000 kv value lines", "title | t |\n---|---|\ndescription |\n" + "line\n" * 200_000 + "|\n", "kv"),
        ("a kv line of 1 MB of bars", "title | t |\n---|---|\nx | " + "|" * MB + "\n", "kv"),
        ("200,000 escaped quotes", '[{"id": "a", "type": "book", "title": "' + '\\"' * 200_000 + '"}]', "csl-json"),
        ("100,000 nested arrays", "[" * 100_000 + "]" * 100_000, "csl-json"),
        ("200,000 BibTeX escaped quotes", '@article{k, title = "' + '\\"' * 200_000 + '"}\n', "bibtex"),
        ("20,000 BibTeX entries on one line", "@misc{k, title={t}} " * 20_000, "bibtex"),
        ("200,000 EndNote continuation lines", "%0 Book\n%T a\n" + "word word\n" * 200_000, "endnote"),
        ("200,000 WoS continuation lines", WOS_HEAD + "PT J\nAB a\n" + "   word word\n" * 200_000 + "ER\n", "wos"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 60 else "",
)
def test_hostile_input_finishes_in_seconds(name, text, fmt):
    seconds = timed(lambda: read_any(text, fmt))
    assert seconds < 2 * SECONDS, f"{name} took {seconds:.1f} s"


def _entity_bomb(fmt: str, quadratic: bool) -> str:
    """Billion laughs (nested entities), or one 50 KB entity referenced 20,000 times (quadratic blow-up)."""
    if quadratic:
        decl = '<!ENTITY a "' + "x" * 50_000 + '">'
        ref = "&a;" * 20_000
    else:
        decl = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{k} "{f"&l{k - 1};" * 10}">' for k in range(1, 10))
        ref = "&l9;"
    body = TEMPLATES[fmt][0]("REF").replace("REF", ref)
    return f'<?xml version="1.0"?>\n<!DOCTYPE x [{decl}]>\n{body}\n'


@pytest.mark.parametrize("quadratic", [False, True], ids=["billion-laughs", "quadratic-blowup"])
@pytest.mark.parametrize("fmt", ["endnote-xml", "pubmed-xml"])
def test_xml_entity_bombs_are_not_expanded(fmt, quadratic):
    text = _entity_bomb(fmt, quadratic)
    out: list[msccite.Records] = []

    def go() -> None:
        with contextlib.suppress(msccite.MscciteError):  # a refusal is fine; expansion or a hang is not
            out.append(msccite.loads(text, fmt, errors="collect"))

    seconds = timed(go)
    assert seconds < SECONDS
    for rec in out[0] if out else []:
        # refused (newer libxml2: an amplification error) or kept as written (older: '&a;&a;...'), never expanded
        title = rec.title or ""
        assert "lollol" not in title and "x" * 100 not in title and len(title) <= len(text)


def test_streaming_memory_stays_flat(tmp_path):
    """Reading 200,000 records one at a time keeps peak memory far below the file's size in records."""
    path = tmp_path / "big.ris"
    with open(path, "w", encoding="utf-8") as out:
        for i in range(200_000):
            out.write(f"TY  - JOUR\nTI  - Title number {i}\nAU  - Doe, J.\nAB  - {'abstract text ' * 40}\nER  - \n")
    count, peak_mb, _ = _run_measured(f"import msccite\nresult = sum(1 for _ in msccite.iter_records({str(path)!r}))")
    assert count == 200_000
    assert peak_mb < 120, f"peak RSS {peak_mb} MB while streaming a {path.stat().st_size // MB} MB file"


def test_a_20_mb_line_converts_through_the_cli_in_bounded_memory(tmp_path):
    """The command line converts a file whose one abstract line is 20 MB, keeping it whole."""
    src = tmp_path / "big.ris"
    src.write_text("TY  - JOUR\nTI  - t\nAB  - " + "x" * (20 * MB) + "\nER  - \n", encoding="utf-8")
    out = tmp_path / "out.json"
    rc, peak_mb, stderr = _run_measured(f"from msccite.cli import main\nresult = main(['convert', {str(src)!r}, "
                                        f"'-o', {str(out)!r}, '-q'])")  # fmt: skip
    assert rc == 0, stderr
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert len(data[0]["abstract"]) == 20 * MB
    assert peak_mb < 400, f"peak RSS {peak_mb} MB for a 20 MB line"  # a few copies of the line, not hundreds
