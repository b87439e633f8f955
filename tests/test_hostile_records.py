"""One bad value loses one record, never the file (issue 30).

Every reader builds its records inside one per-record error boundary (``ReadContext.build``), and
normalization has its own in ``iter_records``: whatever one record raises becomes an error of that record
(file, line, record number) and the records after it are read and written. Then the causes: numbers of
thousands of digits (Python's ``int()`` refuses more than 4,300), lone surrogates and NaN in CSL-JSON,
arguments of the wrong kind, a BOM in the middle of a file, UTF-32 without a BOM, a cut gzip file, a line
without end and a decompression bomb.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable

import pytest

import msccite
from msccite import registry
from msccite.context import ReadContext
from msccite.textio import MAX_LINE_CHARS
from paths import ROOT

READERS = [f.name for f in registry.all_formats() if f.can_read]
WRITERS = [f.name for f in registry.all_formats() if f.can_write and not f.binary]  # XLSX: tests/formats/tables
BIG = "9" * 5000  # over the 4,300 digits int() takes
WOS_HEAD = "FN Clarivate Analytics Web of Science\nVR 1.0\n"


def _pubmed(articles: list[str]) -> str:
    return "<PubmedArticleSet>\n" + "\n".join(
        f"<PubmedArticle><MedlineCitation><PMID>{i + 1}</PMID><Article>{a}</Article></MedlineCitation></PubmedArticle>"
        for i, a in enumerate(articles)) + "\n</PubmedArticleSet>\n"  # fmt: skip


def _endnote_xml(records: list[str]) -> str:
    return "<xml><records>\n" + "\n".join(f"<record>{r}</record>" for r in records) + "\n</records></xml>\n"


# Three records in each reader's own form, titled t1, t2, t3: fmt -> (the text, the line each record starts on).
THREE: dict[str, Callable[[], str]] = {
    "ris": lambda: "".join(f"TY  - JOUR\nTI  - t{i}\nER  - \n" for i in (1, 2, 3)),
    "medline": lambda: "\n".join(f"PMID- {i}\nTI  - t{i}\n" for i in (1, 2, 3)),
    "kv": lambda: "\n".join(f"title | t{i} |\n---|---|\n" for i in (1, 2, 3)),
    "wos": lambda: WOS_HEAD + "".join(f"PT J\nTI t{i}\nER\n" for i in (1, 2, 3)) + "EF\n",
    "endnote": lambda: "\n".join(f"%0 Journal Article\n%T t{i}\n" for i in (1, 2, 3)),
    "endnote-xml": lambda: _endnote_xml([f"<titles><title>t{i}</title></titles>" for i in (1, 2, 3)]),
    "pubmed-xml": lambda: _pubmed([f"<ArticleTitle>t{i}</ArticleTitle>" for i in (1, 2, 3)]),
    "csl-json": lambda: (
        "[\n" + ",\n".join(json.dumps({"id": f"k{i}", "type": "book", "title": f"t{i}"}) for i in (1, 2, 3)) + "\n]\n"
    ),  # fmt: skip
    "bibtex": lambda: "".join(f"@article{{k{i},\n title = {{t{i}}}\n}}\n" for i in (1, 2, 3)),
    "biblatex": lambda: "".join(f"@article{{k{i},\n title = {{t{i}}},\n journaltitle = {{J}}\n}}\n" for i in (1, 2, 3)),
    "vufind": lambda: "".join(
        f"Cargando…\n\nt{i}\n\nDetalles Bibliográficos\nAutores principales: Doe, J.\nFormato: Texto\n"
        for i in (1, 2, 3)
    ),  # fmt: skip
    "sciencegate": lambda: "".join(
        f"scholarly journals t{i}\n\n2021 ◽  \nAuthor(s):  \nA B ◽  \n\n" for i in (1, 2, 3)
    ),
    "ablesci": lambda: "".join(f"t{i}\n\n作者\nA B,C D\n出处\n期刊:J\n摘要\n\nabstract\n\n" for i in (1, 2, 3)),
    "ctgov": lambda: "[\n" + ",\n".join(json.dumps({"protocolSection": {"identificationModule": {
        "nctId": f"NCT0000000{i}", "briefTitle": f"t{i}"}}}) for i in (1, 2, 3)) + "\n]\n",
    "ictrp": lambda: "<Trials_downloaded_from_ICTRP>\n" + "".join(
        f"<Trial>\n<TrialID>NCT0000000{i}</TrialID>\n<Scientific_title>t{i}</Scientific_title>\n</Trial>\n"
        for i in (1, 2, 3)) + "</Trials_downloaded_from_ICTRP>\n",
    "cochrane": lambda: "".join(f"Record #{i} of 3\nTI: t{i}\n\n" for i in (1, 2, 3)),
    "eppi": lambda: json.dumps({"CodeSets": [], "References": [{"Title": f"t{i}"} for i in (1, 2, 3)]}, indent=1),
    "csv": lambda: "title,authors\n" + "".join(f"t{i},A B\n" for i in (1, 2, 3)),
    "mods": lambda: '<modsCollection xmlns="http://www.loc.gov/mods/v3">\n' + "".join(
        f"<mods><titleInfo><title>t{i}</title></titleInfo></mods>\n" for i in (1, 2, 3)) + "</modsCollection>\n",
    "word-xml": lambda: ('<b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography">\n'
                         + "".join(f"<b:Source><b:Tag>k{i}</b:Tag><b:Title>t{i}</b:Title></b:Source>\n"
                                   for i in (1, 2, 3)) + "</b:Sources>\n"),
    "refworks": lambda: "\n".join(f"RT Journal Article\nT1 t{i}\n" for i in (1, 2, 3)),
    "ovid": lambda: "".join(f"<{i}>\nVN  - Ovid Technologies\nDB  - Embase\nTI  - t{i}\n\n" for i in (1, 2, 3)),
    "csl-yaml": lambda: "references:\n" + "".join(f"- id: k{i}\n  type: book\n  title: t{i}\n" for i in (1, 2, 3)),
    "citavi": lambda: ('<CitaviExchangeData Version="6.8.0.0">\n<References>\n' + "".join(
        f'<Reference id="r{i}">\n<ReferenceType>Book</ReferenceType>\n<Title>t{i}</Title>\n</Reference>\n'
        for i in (1, 2, 3)) + "</References>\n</CitaviExchangeData>\n"),
}  # fmt: skip
THREE["tsv"] = THREE["xlsx"] = THREE["csv"]


def titles(records: list[msccite.Record]) -> list[str]:
    return [str(r.title) for r in records]


def errors_of(records: msccite.Records) -> list[msccite.ParseError]:
    return [p for p in records.problems if p.severity == "error"]


def test_every_reader_has_a_three_record_template():
    assert set(READERS) <= set(THREE), f"add a template for {set(READERS) - set(THREE)}"


@pytest.mark.parametrize("fmt", READERS)
def test_the_templates_read_as_three_records(fmt):
    records = msccite.loads(THREE[fmt](), fmt, errors="collect")
    assert titles(records) == ["t1", "t2", "t3"] and not errors_of(records)


# -- the boundary ----------------------------------------------------------------------------------
@pytest.mark.filterwarnings("ignore::msccite.errors.MscciteWarning")
@pytest.mark.parametrize("fmt", READERS)
def test_an_exception_while_building_one_record_costs_that_record_only(fmt, monkeypatch):
    """Whatever raises while the second record is built (here: the reader asking where it is), the first and
    the third are read, and the second is an error naming the file, its line and its number."""
    where = ReadContext.where
    calls: list[int | None] = []

    def failing_where(self: ReadContext, line: int | None) -> msccite.Record:
        calls.append(line)
        if len(calls) == 2:
            raise RuntimeError("a value no rule foresaw")
        return where(self, line)

    monkeypatch.setattr(ReadContext, "where", failing_where)
    records = msccite.loads(THREE[fmt](), fmt, errors="collect", normalize=True, source="three.txt")
    assert titles(records) == ["t1", "t3"]
    [err] = errors_of(records)
    assert err.source == "three.txt" and err.line == calls[1] and err.line is not None
    assert err.message == "record 2 cannot be read (RuntimeError: a value no rule foresaw); it is skipped"
    calls.clear()
    with pytest.raises(msccite.ParseError, match="record 2 cannot be read"):  # strict: the error is raised
        msccite.loads(THREE[fmt](), fmt)
    for target in WRITERS:  # and the records read are written
        assert "t3" in msccite.dumps(records, target)


def test_an_exception_while_normalizing_one_record_costs_that_record_only(monkeypatch):
    from msccite.normalization import titles as title_step

    step = title_step.normalize_titles

    def failing(rec: msccite.Record, sentence_case: bool) -> None:
        if rec.title == "t2":
            raise ValueError("boom")
        step(rec, sentence_case)

    monkeypatch.setattr(title_step, "normalize_titles", failing)
    seen: list[msccite.ParseError] = []
    got = list(msccite.iter_records(io.BytesIO(THREE["ris"]().encode()), normalize=True, errors="collect",
                                    on_error=seen.append))  # fmt: skip
    assert titles(got) == ["t1", "t3"]
    assert [(p.line, p.message) for p in seen] == [
        (4, "record 2 cannot be normalized (ValueError: boom); it is skipped")
    ]


@pytest.mark.parametrize("fmt", ["bibtex", "ris"])
def test_record_numbers_count_the_records_skipped_before(fmt, monkeypatch):
    """Record 2 cannot be read, record 3 cannot be normalized: each error has its own number (BibTeX hands a
    record out one entry late, as the comments after it join it)."""
    from msccite.normalization import titles as title_step

    where, step = ReadContext.where, title_step.normalize_titles
    calls: list[int | None] = []

    def failing_where(self: ReadContext, line: int | None) -> msccite.Record:
        calls.append(line)
        if len(calls) == 2:
            raise KeyError("x")
        return where(self, line)

    def failing_step(rec: msccite.Record, sentence_case: bool) -> None:
        if rec.title == "t3":
            raise RecursionError("deep")
        step(rec, sentence_case)

    monkeypatch.setattr(ReadContext, "where", failing_where)
    monkeypatch.setattr(title_step, "normalize_titles", failing_step)
    records = msccite.loads(THREE[fmt](), fmt, errors="collect", normalize=True)
    assert titles(records) == ["t1"]
    assert [p.message for p in errors_of(records)] == [
        "record 2 cannot be read (KeyError: 'x'); it is skipped",
        "record 3 cannot be normalized (RecursionError: deep); it is skipped",
    ]


def test_a_reader_failing_between_records_keeps_the_records_before(monkeypatch):
    """An exception outside any record (in the reader's own loop) ends the input there, as an error: the records
    read before it are kept, never an exception of another kind."""
    import importlib

    ris = importlib.import_module("msccite.formats.ris.read")  # the reader module (``ris.read`` is the function)

    entries = ris._Entries
    made: list[str] = []

    def failing(tag: str, value: str, line: int) -> object:
        made.append(tag)
        if len(made) == 4:  # the third TY (the first is the reader's placeholder)
            raise IndexError("a bug")
        return entries(tag, value, line)

    monkeypatch.setattr(ris, "_Entries", failing)
    records = msccite.loads(THREE["ris"](), "ris", errors="collect", normalize=True)
    assert titles(records) == ["t1", "t2"]
    assert [(p.line, p.message) for p in errors_of(records)] == [
        (None, "reading stopped after record 2 (line 4) (IndexError: a bug); the records before are kept")
    ]
    made.clear()
    with pytest.raises(msccite.ParseError, match="reading stopped"):
        msccite.loads(THREE["ris"](), "ris")


# -- numbers of thousands of digits ----------------------------------------------------------------
def _ris(value: str) -> str:
    return "".join(f"TY  - JOUR\nTI  - t{i}\n{value if i == 2 else 'PY  - 2020'}\nER  - \n" for i in (1, 2, 3))


def _bib(value: str) -> str:
    return "".join(
        f"@article{{k{i},\n title = {{t{i}}},\n {value if i == 2 else 'year = 2020'}\n}}\n" for i in (1, 2, 3)
    )


def _medline(value: str) -> str:
    return "\n".join(f"PMID- {i}\nTI  - t{i}\n{value if i == 2 else 'DP  - 2020'}\n" for i in (1, 2, 3))


def _csl(value: str) -> str:
    return "[\n" + ",\n".join(f'{{"id": "k{i}", "type": "article-journal", "title": "t{i}"'
                              + (f", {value}" if i == 2 else "") + "}" for i in (1, 2, 3)) + "\n]\n"  # fmt: skip


def _pubmed_date(date: str) -> str:
    return _pubmed([f"<Journal><JournalIssue><PubDate>{date if i == 2 else '<Year>2020</Year>'}</PubDate>"
                    f"</JournalIssue></Journal><ArticleTitle>t{i}</ArticleTitle>" for i in (1, 2, 3)])  # fmt: skip


def _enxml(ref_type: str, year: str) -> str:
    return _endnote_xml([f'<ref-type name="Journal Article">{ref_type if i == 2 else 17}</ref-type>'
                         f"<titles><title>t{i}</title></titles><dates><year>{year if i == 2 else 2020}</year></dates>"
                         for i in (1, 2, 3)])  # fmt: skip


NUMBERS: dict[str, tuple[str, str]] = {
    "RIS page": ("ris", _ris(f"SP  - {BIG}\nEP  - 1234")),
    "RIS year": ("ris", _ris(f"PY  - {BIG}")),
    "RIS date": ("ris", _ris(f"DA  - {BIG}/01/02")),
    "BibTeX year": ("bibtex", _bib(f"year = {BIG}")),
    "BibTeX month": ("bibtex", _bib(f"year = 2020, month = {BIG}")),
    "BibTeX day": ("bibtex", _bib(f"year = 2020, month = 5, day = {BIG}")),
    "BibTeX pages": ("bibtex", _bib(f"pages = {{{BIG}--1234}}")),
    "MEDLINE DP": ("medline", _medline(f"DP  - {BIG}")),
    "MEDLINE DP day": ("medline", _medline(f"DP  - 2020 Dec {BIG}")),
    "MEDLINE PG": ("medline", _medline(f"PG  - {BIG}-1234")),
    "CSL-JSON page number": ("csl-json", _csl(f'"page": {BIG}')),
    "CSL-JSON year number": ("csl-json", _csl(f'"issued": {{"date-parts": [[{BIG}]]}}')),
    "CSL-JSON month text": ("csl-json", _csl(f'"issued": {{"date-parts": [["2020", "{BIG}"]]}}')),
    "CSL-JSON float": ("csl-json", _csl('"volume": 1e999')),
    "PubMed XML year": ("pubmed-xml", _pubmed_date(f"<Year>{BIG}</Year>")),
    "PubMed XML month": ("pubmed-xml", _pubmed_date(f"<Year>2020</Year><Month>{BIG}</Month>")),
    "PubMed XML day": ("pubmed-xml", _pubmed_date(f"<Year>2020</Year><Month>5</Month><Day>{BIG}</Day>")),
    "PubMed XML MedlineDate": ("pubmed-xml", _pubmed_date(f"<MedlineDate>{BIG} Jan</MedlineDate>")),
    "EndNote XML ref-type": ("endnote-xml", _enxml(BIG, "2020")),
    "EndNote XML year": ("endnote-xml", _enxml("17", BIG)),
    "EndNote year": (
        "endnote",
        "\n".join(f"%0 Journal Article\n%T t{i}\n%D {BIG if i == 2 else 2020}\n" for i in (1, 2, 3)),
    ),  # fmt: skip
    "WoS year": (
        "wos",
        WOS_HEAD + "".join(f"PT J\nTI t{i}\nPY {BIG if i == 2 else 2020}\nER\n" for i in (1, 2, 3)) + "EF\n",
    ),  # fmt: skip
    "kv date": ("kv", "\n".join(f"title | t{i} |\n---|---|\ndate | {BIG if i == 2 else 2020} |\n" for i in (1, 2, 3))),
    "superscript digits": ("bibtex", _bib("year = 2020, month = {²}")),  # isdigit(), and int() refuses it
}


def _line_of_second(text: str) -> int:
    return text[: text.index("t2")].count("\n") + 1


@pytest.mark.parametrize("normalize", [True, False], ids=["normalized", "raw"])
@pytest.mark.parametrize("case", sorted(NUMBERS))
def test_a_number_of_5000_digits_costs_at_most_its_record(case, normalize):
    """Three records, the middle one with a value of 5,000 digits: 2 or 3 records come out (3: the value was
    read as text), never an exception, and when the record is lost an error names its line; every writer
    writes what was read."""
    fmt, text = NUMBERS[case]
    records = msccite.loads(text, fmt, errors="collect", normalize=normalize)
    got = titles(records)
    assert got in (["t1", "t2", "t3"], ["t1", "t3"]), got
    if len(got) == 2:
        assert [p.line for p in errors_of(records)] == [_line_of_second(text)]
    for target in WRITERS:
        written = msccite.dumps(records, target)
        assert "t1" in written and "t3" in written
        if target == "csl-json":  # JSON, not Python's NaN and Infinity
            assert len(json.loads(written, parse_constant=_no_constant)) == len(got)


def _no_constant(name: str) -> None:
    raise AssertionError(f"{name} written in JSON")


def test_a_number_too_long_to_be_one_is_kept_as_text():
    rec = msccite.loads(_csl(f'"page": {BIG}'), "csl-json")[1]
    assert rec["page"] == BIG
    date = msccite.loads(_ris(f"PY  - {BIG}"), "ris", normalize=True)[1]["issued"]
    assert date.raw == BIG and not date.parts


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "msccite", *args], capture_output=True, text=True, env=env)


# -- CSL-JSON: lone surrogates, NaN and Infinity -------------------------------------------------------
def test_a_lone_surrogate_in_csl_json_is_replaced_and_reported(tmp_path):
    text = _csl('"note": "x\\ud800y \\ud83d\\ude00"')  # a lone half, then a whole pair
    records = msccite.loads(text, "csl-json", errors="collect")
    assert titles(records) == ["t1", "t2", "t3"] and records[1]["note"] == ["x\ufffdy \U0001f600"]
    [warning] = [p for p in records.problems if "surrogate" in p.message]
    assert warning.line == 3 and warning.severity == "warning"
    path = tmp_path / "in.json"
    path.write_text(text, encoding="utf-8")
    proc = _cli("convert", str(path), "-t", "csl-json")
    assert proc.returncode == 0, proc.stderr
    assert titles(msccite.loads(proc.stdout, "csl-json")) == ["t1", "t2", "t3"]  # not a stdout left at "["


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_in_csl_json_are_a_problem_of_their_item(constant, tmp_path):
    text = _csl(f'"issued": {{"date-parts": [[2020, {constant}]]}}, "volume": "3"')
    records = msccite.loads(text, "csl-json", errors="collect")
    assert titles(records) == ["t1", "t2", "t3"] and "issued" not in records[1] and records[1]["volume"] == "3"
    [err] = errors_of(records)
    assert err.line == 3 and constant in err.message and "left out" in err.message
    for target in WRITERS:
        msccite.dumps(records, target)
    path = tmp_path / "in.json"
    path.write_text(text, encoding="utf-8")
    proc = _cli("convert", str(path), "-t", "ris")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    assert proc.stdout.count("TY  - ") == 3


def test_nan_in_a_carrier_note_is_not_json():
    text = "TY  - JOUR\nTI  - t1\nN1  - [x:key=json] NaN\nER  - \n"
    records = msccite.loads(text, "ris", errors="collect")
    assert titles(records) == ["t1"] and any("should hold JSON" in p.message for p in records.problems)


def test_a_lone_surrogate_in_a_string_handed_in_is_replaced_and_reported():
    records = msccite.loads("TY  - JOUR\nTI  - a\ud800b\nER  - \n", "ris", errors="collect")
    assert records[0].title == "a\ufffdb"
    assert [(p.line, p.severity) for p in records.problems if "surrogate" in p.message] == [(2, "warning")]
    msccite.dumps(records, "ris").encode("utf-8")


# -- the API: arguments of the wrong kind ------------------------------------------------------------
@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: msccite.read(123), r"read\(\): source must be a file name .* not int"),
        (lambda: msccite.read(b"TY  - JOUR"), r"read\(\): source must be .* not bytes"),
        (lambda: msccite.loads(b"TY  - JOUR\nER  - \n"), r"loads\(\): text must be a str, not bytes"),
        (lambda: msccite.loads(None), r"loads\(\): text must be a str, not NoneType"),
        (lambda: msccite.iter_records(None), r"iter_records\(\): source must be .* not NoneType"),
        (lambda: msccite.loads("x", 5), r"loads\(\): format must be a format name \(str\) or None, not int"),
        (lambda: msccite.loads("x", "ris", normalize="yes"), r"normalize must be True, False or a dict"),
        (lambda: msccite.loads("x", "ris", normalize={"sentence": True}), r"unknown normalize option 'sentence'"),
        (lambda: msccite.loads("x", "ris", on_error=3), r"on_error must be a function"),
        (lambda: msccite.loads("x", "ris", crosref=True), r"loads\(\) got an unexpected keyword argument 'crosref'"),
        (lambda: msccite.read(io.BytesIO(b""), "ris", strict=True), r"read\(\) got an unexpected keyword .*'strict'"),
        (lambda: msccite.iter_records("x.ris", validat=False), r"iter_records\(\) got an unexpected keyword"),
    ],
)
def test_arguments_of_the_wrong_kind_are_a_clear_type_error(call, message):
    with pytest.raises(TypeError, match=message):
        call()


def test_the_reader_options_are_accepted():
    assert len(msccite.loads(THREE["bibtex"](), crossref=True)) == 3
    assert len(msccite.loads(THREE["csl-json"](), validate=False)) == 3
    assert len(msccite.loads(THREE["ris"](), "ris", crossref=True)) == 3  # an option of another reader: ignored


def test_read_leaves_open_a_file_it_did_not_open():
    for data in (THREE["ris"]().encode(), gzip.compress(THREE["ris"]().encode())):
        f = io.BytesIO(data)
        assert len(msccite.read(f)) == 3 and not f.closed
        f = io.BytesIO(data)
        assert len(list(msccite.iter_records(f))) == 3 and not f.closed


def test_an_input_that_cannot_be_opened_is_collected_in_collect_mode(tmp_path):
    bad = tmp_path / "bad.ris.gz"
    bad.write_bytes(b"\x1f\x8b" + b"not gzip at all" * 10)
    seen: list[msccite.ParseError] = []
    records = msccite.read(bad, errors="collect", on_error=seen.append)
    assert list(records) == [] and [p.message.split(" (")[0] for p in records.problems] == [
        "cannot decompress the input"
    ]
    assert seen == records.problems
    assert list(msccite.iter_records(bad, errors="collect", on_error=seen.append)) == [] and len(seen) == 2
    with pytest.raises(msccite.ParseError, match="cannot decompress"):
        msccite.read(bad)


# -- encodings ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["ris", "medline", "bibtex", "endnote", "wos"])
def test_a_bom_in_the_middle_of_a_file_loses_nothing(fmt):
    """Two exports concatenated, each with its BOM: the second file's first record is read too."""
    text = THREE[fmt]()
    data = codecs.BOM_UTF8 + text.encode() + b"\n" + codecs.BOM_UTF8 + text.encode()
    records = msccite.read(io.BytesIO(data), fmt, errors="collect")
    assert titles(records) == ["t1", "t2", "t3"] * 2
    assert titles(msccite.loads("\ufeff" + text + "\n\ufeff" + text, fmt, errors="collect")) == ["t1", "t2", "t3"] * 2


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"])
def test_utf32_and_utf16_without_bom_are_read(encoding):
    text = THREE["ris"]() + "TY  - JOUR\nTI  - Müller, 中文 and 😀\nER  - \n"
    records = msccite.read(io.BytesIO(text.encode(encoding)), errors="collect")
    assert titles(records) == ["t1", "t2", "t3", "Müller, 中文 and 😀"] and not records.problems


def test_a_small_truncated_gzip_file_keeps_what_was_decoded_and_says_so(tmp_path):
    text = "".join(f"TY  - JOUR\nTI  - title {i}\nER  - \n" for i in range(60))
    packed = gzip.compress(text.encode())
    path = tmp_path / "cut.ris.gz"
    path.write_bytes(packed[: len(packed) * 2 // 3])
    records = msccite.read(path, errors="collect")
    assert 0 < len(records) < 60 and titles(records)[0] == "title 0"
    err = errors_of(records)[-1]
    assert err.source == str(path) and "truncated gzip" in err.message and "records before" in err.message
    assert str(err).startswith(f"{path}: the compressed input is cut or damaged")
    path.write_bytes(packed[:-4])  # only the length at the end is missing: every record is there
    records = msccite.read(path, errors="collect")
    assert len(records) == 60 and "truncated gzip" in errors_of(records)[-1].message


def test_gzip_members_one_after_another_are_read():
    data = gzip.compress(THREE["ris"]().encode()) + b"\0" * 10 + gzip.compress(THREE["ris"]().encode())
    assert titles(msccite.read(io.BytesIO(data))) == ["t1", "t2", "t3"] * 2


# -- lines without end, decompression bombs ----------------------------------------------------------
def _run(code: str) -> tuple[str, int]:
    """Run ``code`` (printing its result) in a fresh interpreter: (its output, peak RSS in MB)."""
    code += ("\nhwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
             "print(int(hwm) // 1024)\n")  # fmt: skip
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, PYTHONPATH=str(ROOT / "src")))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    *out, peak = proc.stdout.split("\n")[:-1]
    return "\n".join(out), int(peak)


def test_a_line_of_70_mb_is_cut_at_the_limit_and_the_next_record_is_read(tmp_path):
    path = tmp_path / "long.ris"
    with open(path, "w", encoding="ascii") as out:
        out.write("TY  - JOUR\nTI  - t1\nER  - \nTY  - JOUR\nTI  - ")
        block = "x" * (1024 * 1024)
        for _ in range(70):
            out.write(block)
        out.write("\nER  - \nTY  - JOUR\nTI  - t3\nER  - \n")
    code = (
        f"import msccite\nr = msccite.read({str(path)!r}, errors='collect')\nprint([len(x.title) for x in r])\n"
        "print([(p.line, p.severity, p.message) for p in r.problems])"
    )
    out, peak_mb = _run(code)
    lengths, problems = out.split("\n")
    assert eval(lengths) == [2, MAX_LINE_CHARS - len("TI  - "), 2]
    assert eval(problems) == [(5, "error", "line 5 longer than 64 MiB: the rest of the line skipped")]
    assert peak_mb < 450, f"peak RSS {peak_mb} MB"  # a few copies of the 64 MiB kept, not of the 70 MB line


def test_a_long_line_of_xml_or_json_comes_in_pieces_and_is_read_whole():
    """EndNote writes its XML export on one line, and minified JSON is one line: no limit cuts those."""
    title = "word " * 500_000  # 2.5 MB: more than one piece
    xml = _endnote_xml([f"<titles><title>{t}</title></titles>" for t in ("t1", title, "t3")]).replace("\n", "")
    assert [t.strip() for t in titles(msccite.loads(xml, "endnote-xml"))] == ["t1", title.strip(), "t3"]
    data = json.dumps([{"id": "a", "type": "book", "title": t} for t in ("t1", title, "t3")])
    assert titles(msccite.read(io.BytesIO(data.encode()), "csl-json")) == ["t1", title, "t3"]


def test_a_gzip_bomb_is_refused_after_the_first_megabytes(tmp_path):
    """A RIS header, then 51 MB of NUL bytes (52 KB compressed): refused once 10 MiB are out at 1,030:1."""
    path = tmp_path / "bomb.ris.gz"
    with gzip.open(path, "wb") as out:
        out.write(b"TY  - JOUR\nTI  - t1\nER  - \n\nTY  - JOUR\nTI  - ")
        for _ in range(51):
            out.write(b"\0" * (1024 * 1024))
        out.write(b"\nER  - \n")
    assert path.stat().st_size < 60_000
    records = msccite.read(path, errors="collect")
    assert titles(records)[0] == "t1"
    err = errors_of(records)[-1]
    assert err.source == str(path) and "expands more than 1000:1" in err.message and "decompression bomb" in err.message


class _Endless(io.RawIOBase):
    """An endless stream of ``TY  - JOUR`` lines (``yes "TY  - JOUR" | msccite check -``)."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = (b"TY  - JOUR\n" * (len(buffer) // 11 + 1))[: len(buffer)]
        buffer[: len(chunk)] = chunk
        return len(chunk)


def test_an_endless_stream_of_empty_records_fails_early_instead_of_growing():
    from msccite.api import MAX_EMPTY_RUN

    records = msccite.read(io.BufferedReader(_Endless()), "ris", errors="collect")
    assert len(records) == MAX_EMPTY_RUN - 1
    assert any("records in a row with nothing in them" in p.message and p.severity == "error"
               for p in records.problems)
