"""Detection from content alone, with no hint: every seed and corpus file."""

from __future__ import annotations

import pytest

import msccite
from msccite import UnknownFormatError
from paths import CORPUS, RIS_CORPUS, SEEDS

SEED_FORMATS = {
    "000_93d63967208e8cbe.txt": "vufind",
    "001_504c54339216dac7.txt": "kv",
    "002_0bf7467666d23d09.txt": "sciencegate",
    "003_98c53ee05b756194.txt": "ris",
    "004_7ad02130e3716cb1.txt": "ablesci",
}


@pytest.mark.parametrize("name", sorted(SEED_FORMATS))
def test_every_seed_is_detected(name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    assert msccite.detect(text) == SEED_FORMATS[name]


@pytest.mark.parametrize("path", RIS_CORPUS, ids=lambda p: p.name)
def test_every_corpus_ris_file_is_ris(path):
    assert msccite.detect(path.read_text(encoding="utf-8-sig")) == "ris"


def test_pubmeds_ris_download_is_really_medline():
    assert msccite.detect((CORPUS / "_baseline_pubmed.ris").read_text(encoding="utf-8")) == "medline"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "the input is empty"),
        ("   \n\n", "the input is empty"),
        ("\x00\x01\x02\x03binary\x00\xff" * 20, "binary data"),
        ("Dear colleague,\nplease find attached the list.\n", "not a citation file in any known format"),
    ],
)
def test_unknown_input_says_what_it_looked_like(text, reason):
    with pytest.raises(UnknownFormatError, match=reason):
        msccite.detect(text)


def test_formats_lists_names_extensions_and_abilities():
    by_name = {f.name: f for f in msccite.formats()}
    assert by_name["ris"].can_read and by_name["ris"].can_write and ".ris" in by_name["ris"].extensions
    assert by_name["csl-json"].can_write and ".json" in by_name["csl-json"].extensions
