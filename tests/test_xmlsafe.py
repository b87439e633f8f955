"""The XML safety helper: no entity expansion, no DTD, no network; streaming; errors with their line."""

from __future__ import annotations

import time

import pytest
from lxml import etree

from msccite import ParseError
from msccite.context import ReadContext
from msccite.formats import xmlsafe
from msccite.formats.xmlsafe import iter_elements, leading_tags, make_parser, text_of


def collect(text: str, tags=("record",), errors: str = "collect"):
    ctx = ReadContext("endnote-xml", "x.xml", errors=errors)
    out = [(text_of(el), line) for el, line in iter_elements(iter(text.split("\n")), tags, ctx)]
    return out, ctx


def _laughs(depth: int = 9) -> list[str]:
    lines = ['<?xml version="1.0"?>', "<!DOCTYPE xml [", ' <!ENTITY lol "lol">']
    prev = "lol"
    for k in range(1, depth + 1):
        lines.append(f' <!ENTITY lol{k} "' + f"&{prev};" * 10 + '">')
        prev = f"lol{k}"
    return lines + ["]>", "<xml><records>"]


BILLION_LAUGHS = "\n".join(
    _laughs() + ["<record>before</record>", "<record>a &lol9; b</record>", "<record>after</record>", "</records></xml>"]
)

EXTERNAL_ENTITY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE xml [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
  <!ENTITY remote SYSTEM "http://127.0.0.1:9/evil.dtd">
]>
<xml><records>
<record>title &xxe; end</record>
<record>second &remote;</record>
</records></xml>"""


def test_parser_is_built_with_the_safe_options():
    parser = make_parser(("end",))
    assert isinstance(parser, etree.XMLPullParser)
    # a parser that resolved entities would put the entity's text in the tree
    parser.feed('<!DOCTYPE a [<!ENTITY e "EXPANDED">]><a>x &e; y</a>')
    parser.close()
    ((_, root),) = list(parser.read_events())
    assert text_of(root) == "x &e; y"
    assert "EXPANDED" not in etree.tostring(root, encoding="unicode")


def test_billion_laughs_finishes_fast_and_expands_nothing():
    t0 = time.perf_counter()
    out, ctx = collect(BILLION_LAUGHS)
    assert time.perf_counter() - t0 < 2
    texts = [t for t, _ in out]
    assert "before" in texts
    assert all(len(t) < 100 for t in texts)
    assert not any("lollol" in t for t in texts)
    # libxml2 refuses the amplification (an error at the line of the reference), or keeps the reference as written
    errors = [p for p in ctx.problems if p.severity == "error"]
    if errors:
        assert errors[0].line == BILLION_LAUGHS.split("\n").index("<record>a &lol9; b</record>") + 1
    else:
        assert "a &lol9; b" in texts


def test_external_entity_is_never_read():
    passwd = open("/etc/passwd", encoding="utf-8").read()  # noqa: SIM115
    first_line = passwd.split("\n")[0]
    out, ctx = collect(EXTERNAL_ENTITY)
    assert [t for t, _ in out] == ["title &xxe; end", "second &remote;"]
    assert all(first_line not in t and "root:" not in t for t, _ in out)
    assert [p.severity for p in ctx.problems] == ["warning"]
    assert "never expanded" in str(ctx.problems[0])


def test_external_dtd_is_not_fetched_and_unknown_entities_stay():
    text = ('<?xml version="1.0"?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD x//EN" '
            '"http://127.0.0.1:9/pubmed.dtd">\n<PubmedArticleSet><PubmedArticle>a&nbsp;b</PubmedArticle>'
            "</PubmedArticleSet>")  # fmt: skip
    t0 = time.perf_counter()
    out, ctx = collect(text, ("PubmedArticle",))
    assert time.perf_counter() - t0 < 2
    assert out == [("a&nbsp;b", 3)]
    assert ctx.problems == []


@pytest.mark.parametrize("encoding", ["UTF-8", "ISO-8859-1", "UTF-16", "windows-1252"])
def test_declared_encoding_is_ignored_for_decoded_text(encoding):
    text = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<xml><records><record>caf\u00e9 \u20ac</record></records></xml>'
    )
    out, ctx = collect(text)
    assert out == [("caf\u00e9 \u20ac", 2)]
    assert ctx.problems == []


def test_blank_lines_and_bom_before_the_declaration_and_line_numbers():
    text = (
        '\ufeff\n\n<?xml version="1.0"?>\n<xml>\n<records>\n<record>one</record>\n'
        "<record>\ntwo</record>\n</records></xml>"
    )
    out, ctx = collect(text)
    assert out == [("one", 6), ("\ntwo", 7)]
    assert ctx.problems == []


def test_syntax_error_reports_the_line_and_keeps_earlier_records():
    lines = ["<xml><records>"] + [f"<record>{i}</record>" for i in range(3000)]
    lines += ["<record>x</oops>", "<record>z</record>"]
    out, ctx = collect("\n".join(lines))
    assert len(out) == 3000
    assert len(ctx.problems) == 1
    assert ctx.problems[0].line == 3002
    assert "expected" in str(ctx.problems[0]) and "not read" in str(ctx.problems[0])


def test_unclosed_document_is_an_error_at_the_end():
    out, ctx = collect("<xml><records>\n<record>1</record>\n")
    assert out == [("1", 2)]
    assert len(ctx.problems) == 1 and ctx.problems[0].severity == "error"


def test_strict_mode_raises_the_problem():
    ctx = ReadContext("endnote-xml", "x.xml")
    got = []
    with pytest.raises(ParseError) as info:
        for el, _ in iter_elements(iter(["<xml><records><record>1</record>", "<record>", "</xml>"]), ("record",), ctx):
            got.append(text_of(el))
    assert got == ["1"]
    assert info.value.line == 3


def test_records_are_released_as_they_go():
    siblings_before = []
    pending = []
    lines = ["<xml><records>"] + ["<record><a>x</a></record>"] * 20_000 + ["</records></xml>"]
    ctx = ReadContext("endnote-xml", "x.xml", errors="collect")
    for el, _ in iter_elements(iter(lines), ("record",), ctx):
        prev = el.getprevious()
        siblings_before.append(prev is not None and (len(prev) or prev.getprevious() is not None))
        pending.append(len(el.getparent()))
    assert len(pending) == 20_000
    assert not any(siblings_before)  # at most the last record is left, and it is empty
    assert max(pending) < 5_000  # the parser holds one batch of lines at a time, not the file


def test_text_of_keeps_inline_markup_text_and_skips_comments():
    el = etree.fromstring("<t>a <i>b</i><!-- c --> d<sup>2</sup></t>")
    assert text_of(el) == "a b d2"


@pytest.mark.parametrize(("sample", "tags"), [
    ('<?xml version="1.0" encoding="UTF-8" ?><xml><records><record>', ["xml", "records", "record"]),
    ('<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE a [\n<!ENTITY x "y">\n]>\n<a><b>', ["!DOCTYPE a", "a", "b"]),
    ("TY  - JOUR", []),
    ("text <xml>", []),
    ("\ufeff<PubmedArticleSet>", ["PubmedArticleSet"]),
])  # fmt: skip
def test_leading_tags(sample, tags):
    assert leading_tags(sample) == tags


def test_module_surface():
    assert callable(xmlsafe.declared_entities)


# -- a cut or broken document: exactly the records closed before the damage, each whole -------------
# lxml 6.2 started to report an "end" event, after the error, for the record the input ends inside;
# these tests pin what we yield, whatever lxml does, in the batch sizes the readers use.
CUT_CASES = {
    # format: (fixture, the closing tag of a record, the reader module's name, where it looks up iter_elements)
    "pubmed-xml": ("pubmed_xml/efetch.xml", ("</PubmedArticle>", "</PubmedBookArticle>"), "pubmed_xml.read"),
    "endnote-xml": ("endnote_xml/endnote20.xml", ("</record>",), "endnote_xml.read"),
}
BATCHES = [1, 300, 4096, xmlsafe._BATCH_CHARS]  # 1: one line per feed


def _read_with_batch(fmt: str, text: str, batch: int, monkeypatch) -> tuple[list, list]:
    import functools
    import importlib

    import msccite

    module = importlib.import_module(f"msccite.formats.{CUT_CASES[fmt][2]}")
    batched = functools.partial(iter_elements, batch_chars=batch)
    monkeypatch.setattr(xmlsafe, "iter_elements", batched)  # what xmlsafe.read_records calls
    if hasattr(module, "iter_elements"):
        monkeypatch.setattr(module, "iter_elements", batched)
    records = msccite.loads(text, fmt, errors="collect")
    return list(records), records.problems


def _fixture(fmt: str) -> tuple[str, tuple[str, ...]]:
    """The real export of the format, and the closing tags of its records."""
    from paths import ROOT

    fixture, closers, _ = CUT_CASES[fmt]
    return (ROOT / "tests" / "data" / fixture).read_text(encoding="utf-8"), closers


def _closed(text: str, closers: tuple[str, ...]) -> int:
    return sum(text.count(c) for c in closers)


def _cut_points(text: str) -> list[int]:
    """Every line end, and every 7th character in between (inside tags, text, attribute values)."""
    points = {i for i, ch in enumerate(text) if ch == "\n"} | set(range(1, len(text), 7))
    return sorted(points)


@pytest.mark.parametrize("fmt", sorted(CUT_CASES))
@pytest.mark.parametrize("batch", BATCHES)
def test_a_truncated_document_yields_exactly_the_records_closed_before_the_cut(fmt, batch, monkeypatch):
    text, closers = _fixture(fmt)
    full, problems = _read_with_batch(fmt, text, batch, monkeypatch)
    assert problems == [] and len(full) == _closed(text, closers) >= 3
    for cut in _cut_points(text):
        part = text[:cut]
        got, problems = _read_with_batch(fmt, part, batch, monkeypatch)
        closed = _closed(part, closers)
        assert got == full[:closed], (cut, batch)  # every field of every complete record, none of the cut one
        if part.strip() and part.rstrip() != text.rstrip():  # the cut is reported, as one error
            assert [p.severity for p in problems if p.severity == "error"] == ["error"], (cut, problems)


@pytest.mark.parametrize("fmt", sorted(CUT_CASES))
@pytest.mark.parametrize("batch", BATCHES)
def test_a_syntax_error_yields_exactly_the_records_closed_before_it(fmt, batch, monkeypatch):
    text, closers = _fixture(fmt)
    full, _ = _read_with_batch(fmt, text, batch, monkeypatch)
    start = text.index(">", text.index("<", text.index("?>") + 2)) + 1  # after the root's start tag
    for at in range(start, len(text), 97):
        broken = text[:at] + "</oops>" + text[at:]
        got, problems = _read_with_batch(fmt, broken, batch, monkeypatch)
        assert got == full[: _closed(text[:at], closers)], (at, batch)
        assert [p.severity for p in problems if p.severity == "error"] == ["error"], (at, problems)
