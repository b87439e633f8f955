"""The record model: access, equality, CSL-JSON conversion."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

import msccite
from msccite import Date, Extra, Name, Record, Source
from msccite.citekey import KeyMaker, ascii_fold, make_key


def test_setting_an_empty_value_removes_the_variable():
    rec = Record("book", title="T")
    rec["title"] = ""
    assert "title" not in rec and rec.get("title") is None
    with pytest.raises(KeyError):
        rec["title"]


def test_equality_ignores_where_a_record_was_read_and_key_hints():
    a = Record("book", title="T", source=Source("ris", "a.ris", 1), keys={"title": "ris:T1"})
    b = Record("book", title="T", source=Source("bibtex", "b.bib", 9))
    assert a == b
    b.extra.append(Extra("ris", "C5", "1"))
    assert a != b


def test_name_helpers():
    n = Name(family="Gogh", given="Vincent", non_dropping_particle="van", suffix="Jr.")
    assert n.inverted() == "van Gogh, Vincent, Jr."
    assert Name(literal="WHO Group").inverted() == "WHO Group"
    assert repr(Name("Doe", "J.")) == "Name(family='Doe', given='J.')"


def test_csl_round_trip_of_names_dates_and_lists():
    rec = Record("article-journal", "k1", title="T", author=[Name("Gogh", "Vincent", non_dropping_particle="van")],
                 issued=Date(parts=((2019, 12), (2020, 1))), ISSN=["1234-5678"], note=["a", "b"])  # fmt: skip
    item = rec.to_csl()
    assert item["author"] == [{"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van"}]
    assert item["issued"] == {"date-parts": [[2019, 12], [2020, 1]]}
    assert item["note"] == "a\nb" and item["ISSN"] == "1234-5678"
    assert Record.from_csl(item) == rec


def test_unknown_csl_keys_become_extras():
    rec = Record.from_csl({"id": "a", "type": "book", "x-vendor": {"a": 1}})
    assert rec.extra == [Extra("csl-json", "x-vendor", {"a": 1})]
    assert rec.to_csl()["custom"]["extra"] == [["csl-json", "x-vendor", {"a": 1}]]


def test_generated_ids_do_not_come_back_as_real_ids():
    rec = Record("article-journal", title="A phase I study", author=[Name("Vivarelli", "M.")],
                 issued=Date.of(2023))  # fmt: skip
    item = rec.to_csl()
    assert item["id"] == "vivarelli2023phase" and item["custom"] == {"id-generated": True}
    assert Record.from_csl(item).id is None


@pytest.mark.parametrize(
    ("family", "year", "title", "key"),
    [
        ("Törnqvist Andrén", 2019, "Short and Long Term", "tornqvistandren2019short"),
        ("L'Erario", None, "The study of", "lerario" + "nd" + "study"),
        ("", 2021, "", "anon2021"),
        ("Łukasz-SSmith", 2020, "—Über alles", "lukaszssmith2020uber"),
    ],
)
def test_citation_key_scheme(family, year, title, key):
    rec = Record("article-journal", title=title, author=[Name(family, "X")] if family else [],
                 issued=Date.of(year) if year else None)  # fmt: skip
    assert make_key(rec) == key


def test_key_maker_makes_keys_unique_and_keeps_existing_ones():
    rec = Record("book", title="Same", author=[Name("Doe", "J.")], issued=Date.of(2020))
    maker = KeyMaker()
    assert [maker.key_for(rec) for _ in range(3)] == ["doe2020same", "doe2020samea", "doe2020sameb"]
    assert maker.key_for(Record("book", "mine")) == "mine"


@given(st.lists(st.tuples(st.booleans(), st.sampled_from(["doe2020same", "doe2020samea", "smith", "smitha", "x",
                                                          "doe2020sameb", "smithb"])), max_size=60))
def test_key_maker_remembers_keys_as_a_set_would(asks):
    """The digests of the keys given out (a small set, merged into a sorted array as it fills) and the counters of
    suffixes answer as a set of the keys themselves, scanned from the first suffix: the same keys, merges or not;
    an own key an earlier record has is renamed as a generated one would be."""
    from msccite import citekey

    class Plain:  # the obvious KeyMaker, with a set of keys
        def __init__(self):
            self.used = set()

        def ask(self, generated, key):
            if not generated and key not in self.used:
                self.used.add(key)
                return key
            n, out = 0, key
            while out in self.used:
                out, n = key + citekey._suffix(n), n + 1
            self.used.add(out)
            return out

    plain, maker = Plain(), KeyMaker()
    old = citekey._Digests._RECENT
    citekey._Digests._RECENT = 3  # merge often
    try:
        got = [maker.generate(k) if g else maker.own(k) for g, k in asks]
    finally:
        citekey._Digests._RECENT = old
    assert got == [plain.ask(g, k) for g, k in asks]


def test_an_own_key_an_earlier_record_has_is_renamed_and_reported():
    """A record whose key equals a key generated earlier, and a second record with the same source ID, get keys
    of their own (pandoc would print one entry for two records); the report names the changes."""
    gen = Record("article-journal", title="A phase I study", author=[Name("Vivarelli", "M.")], issued=Date.of(2023))
    own = gen.copy()
    own.id = "vivarelli2023phase"
    twin = Record("book", "dup", title="One")
    recs = [gen, own, twin, Record("book", "dup", title="Two")]
    for fmt in ("bibtex", "csl-json", "biblatex"):
        out = io.StringIO()
        ctx = msccite.dump(recs, out, fmt)
        keys = [r.id for r in msccite.loads(out.getvalue(), fmt)]
        assert keys == ["vivarelli2023phase", "vivarelli2023phasea", "dup", "dupa"], fmt
        assert any("key renamed" in line and "dup -> dupa" in line and "vivarelli2023phase -> vivarelli2023phasea"
                   in line for line in ctx.summary()), ctx.summary()


def test_many_renamed_keys_are_counted_and_five_kept_to_show():
    """A file exported twice renames every key of its second copy: the report shows five and counts them all, and
    the key maker keeps no more (a million records held half a million pairs, 70 MB)."""
    recs = [Record("book", f"k{i % 40}", title=f"T{i}") for i in range(100)]
    out = io.StringIO()
    ctx = msccite.dump(recs, out, "bibtex")
    assert [r.id for r in msccite.loads(out.getvalue(), "bibtex")][40:42] == ["k0a", "k1a"]
    assert ctx.keys.renames == 60 and ctx.keys.renamed == [(f"k{i}", f"k{i}a") for i in range(5)]
    [line] = [line for line in ctx.summary() if "key renamed" in line]
    assert line.startswith("60 records: key renamed") and line.endswith("k4 -> k4a and 55 more")


def test_keys_with_one_base_cost_a_step_each():
    """Suffixes from a counter a base: 20,000 records with one base take 20,000 steps, not 200 million."""
    from msccite import citekey

    calls = 0
    real = citekey._digest

    def counting(key):
        nonlocal calls
        calls += 1
        return real(key)

    maker = KeyMaker()
    citekey._digest, old = counting, citekey._digest
    try:
        keys = [maker.generate("anon2019abstract") for _ in range(20000)]
    finally:
        citekey._digest = old
    assert len(set(keys)) == 20000 and keys[1] == "anon2019abstracta" and keys[27] == "anon2019abstractaa"
    assert calls <= 2 * 20000


def test_ascii_fold():
    assert ascii_fold("Gómez-Barrena Þór Æsir") == "Gomez-Barrena Thor AEsir"


def test_write_report_counts_records_and_groups_per_person_keys():
    from msccite.context import WriteContext

    ctx = WriteContext("ris")
    for _ in range(3):  # three records, the first two with two affiliations each
        if ctx.records < 2:
            ctx.carried("medline AD@1", "N1 notes")
            ctx.carried("medline AD@2", "N1 notes")
        ctx.carried("medline PHST", "N1 notes")
        ctx.carried("medline SO", "N1 notes")
        ctx.records += 1
    ctx.dropped("characters XML cannot hold")
    assert ctx.summary() == [
        "3 records: medline PHST (publication history), SO (source citation): carried in N1 notes",
        "2 records: medline AD (affiliations): carried in N1 notes (4 values)",
        "1 record: characters XML cannot hold: not written (ris cannot hold it)",
    ]


_PART = st.sampled_from(["", "van", "de", "Le Blanc", "Jean-Luc", "Jr.", "ü"])


@given(_PART, _PART, _PART, _PART, _PART)
def test_inverted_joins_the_parts_that_are_given(family, given_, ndp, dp, suffix):
    name = Name(family, given_, ndp, dp, suffix)
    full_family = " ".join(p for p in (ndp, family) if p)
    full_given = " ".join(p for p in (given_, dp) if p)
    parts = [full_family] + ([full_given] if full_given or suffix else []) + ([suffix] if suffix else [])
    assert (name.full_family, name.full_given, name.inverted()) == (full_family, full_given, ", ".join(parts))
    assert Name(literal="World Health Organization").inverted() == "World Health Organization"
