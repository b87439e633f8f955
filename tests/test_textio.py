"""Encodings and line ends: what the readers receive, whatever the bytes were."""

from __future__ import annotations

import codecs
import io
import os
import subprocess
import sys

import pytest

import msccite
from msccite.textio import iter_lines, open_input, sniff_encoding
from paths import ROOT

RIS = "TY  - JOUR\nTI  - Törnqvist Andrén – ß\nER  - \n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (RIS.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + RIS.encode("utf-8"), "utf-8-sig"),
        (RIS.encode("utf-16"), "utf-16"),  # with BOM
        (RIS.encode("utf-16-le"), "utf-16-le"),  # EndNote on Windows: no BOM
        (RIS.encode("utf-16-be"), "utf-16-be"),
        (RIS.encode("utf-32"), "utf-32"),
    ],
)
def test_encodings_are_detected_and_read(data, encoding):
    assert sniff_encoding(data) == encoding
    rec = msccite.read(io.BytesIO(data))[0]
    assert rec.title == "Törnqvist Andrén – ß"


def test_invalid_utf8_bytes_fall_back_to_cp1252_and_are_reported():
    data = "TY  - JOUR\nTI  - caf\u00e9 \u201cq\u201d\nER  - \n".encode("cp1252")
    records = msccite.read(io.BytesIO(data), errors="collect")
    assert records[0].title == "café “q”"
    assert [p.message for p in records.problems] == ["3 byte(s) were not valid UTF-8 and were read as cp1252"]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_ends(newline):
    data = RIS.replace("\n", newline).encode("utf-8")
    with open_input(io.BytesIO(data)) as inp:
        assert list(inp.lines()) == ["TY  - JOUR", "TI  - Törnqvist Andrén – ß", "ER  - "]


def test_iter_lines_splits_only_on_real_line_ends():
    assert list(iter_lines("a\u2028b\r\nc\rd\n")) == ["a\u2028b", "c", "d"]


def test_a_long_input_streams_past_the_detection_sample(tmp_path):
    path = tmp_path / "big.ris"
    path.write_text("".join(f"TY  - JOUR\nTI  - Title {i}\nER  - \n" for i in range(5000)), encoding="utf-8")
    titles = [r.title for r in msccite.iter_records(path)]
    assert len(titles) == 5000 and titles[-1] == "Title 4999"


def test_bytes_that_only_look_like_utf16_give_a_clear_error_not_a_decode_traceback(tmp_path):
    with pytest.raises(msccite.ParseError, match=r"bad.ris: cannot decode the input as utf-16-be .*--encoding"):
        (tmp_path / "bad.ris").write_bytes(b"\x00\x01\xdc\x01")
        msccite.read(tmp_path / "bad.ris")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    command = [sys.executable, "-m", "msccite", "convert", str(tmp_path / "bad.ris"), "-t", "ris"]
    proc = subprocess.run(command, capture_output=True, text=True, env=env)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and "cannot decode" in proc.stderr


def run_cli(*args: str, env_extra: dict[str, str] | None = None,
            drop: tuple[str, ...] = ()) -> subprocess.CompletedProcess:  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(PYTHONPATH=str(ROOT / "src"), **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "msccite", *args], capture_output=True, env=env, timeout=120)


@pytest.mark.parametrize(
    "data",
    [codecs.BOM_UTF32_LE + RIS.encode("utf-32-le"), codecs.BOM_UTF32_BE + RIS.encode("utf-32-be")],
    ids=["utf-32-le", "utf-32-be"],
)
def test_utf32_with_either_bom(data):
    assert sniff_encoding(data) == "utf-32"
    assert msccite.read(io.BytesIO(data))[0].title == "Törnqvist Andrén – ß"


def test_endnote_on_windows_utf16_without_bom_and_crlf():
    text = "%0 Journal Article\r\n%T Über Zellen\r\n%A Doe, J.\r\n"
    records = msccite.read(io.BytesIO(text.encode("utf-16-le")))
    assert records.format == "endnote"
    assert records[0].title == "Über Zellen" and records[0].authors[0].family == "Doe"


SEPARATOR_CASES = {
    "ris": "TY  - JOUR\nTI  - one{S}two\nAU  - Doe, J.\nER  - \n",
    "medline": "PMID- 1\nTI  - one{S}two\nAU  - Doe J\n",
    "bibtex": "@article{k,\n title = {one{S}two},\n author = {Doe, J.}\n}\n",
    "endnote": "%0 Journal Article\n%T one{S}two\n%A Doe, J.\n",
    "wos": "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI one{S}two\nAU Doe, J\nER\nEF\n",
    "csl-json": '[{{"id": "a", "type": "book", "title": "one{S}two", "author": [{{"family": "Doe"}}]}}]',
}


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\x85", "\x0c"], ids=["LS", "PS", "NEL", "FF"])
@pytest.mark.parametrize("fmt", sorted(SEPARATOR_CASES))
def test_unicode_line_separators_stay_inside_the_value(fmt, sep):
    """U+2028 & co. are not line ends: the value keeps both halves and the next line is still its own tag."""
    if fmt == "csl-json" and sep == "\x0c":
        pytest.skip("JSON strings cannot hold a raw control character")
    records = msccite.loads(SEPARATOR_CASES[fmt].replace("{S}", sep).replace("{{", "{").replace("}}", "}"), fmt)
    assert len(records) == 1
    title = records[0].title or ""
    assert title.startswith("one") and title.endswith("two") and len(title) == 7
    assert records[0].authors[0].family == "Doe"


def test_a_line_separator_used_as_a_line_end_loses_nothing():
    """A file that (wrongly) ends lines with U+2028: the next 'tag' stays in the value, it is not dropped."""
    records = msccite.loads("TY  - JOUR\nTI  - Title\u2028AU  - Doe, J.\nER  - \n", "ris")
    assert "AU  - Doe, J." in (records[0].title or "")


@pytest.mark.parametrize("fmt", ["ris", "medline", "endnote", "bibtex", "kv"])
def test_nul_bytes_are_removed_with_a_warning_naming_the_line(tmp_path, fmt):
    text = {
        "ris": "TY  - JOUR\nTI  - a\x00b\nER  - \n",
        "medline": "PMID- 1\nTI  - a\x00b\n",
        "endnote": "%0 Journal Article\n%T a\x00b\n",
        "bibtex": "@article{k,\n title = {a\x00b}\n}\n",
        "kv": "title | a\x00b |\n---|---|\nauthor | Doe, J. |\nformat | Article |\nlanguage | English |\nid | 1 |\n",
    }[fmt]
    path = tmp_path / "nul.txt"
    path.write_bytes(("\x00" + text).encode("utf-8"))  # a leading NUL too: detection still works
    records = msccite.read(path, errors="collect")
    assert records.format == fmt
    assert records[0].title == "ab"
    title_line = next(n for n, line in enumerate(text.split("\n"), 1) if "\x00" in line)
    assert [(p.line, p.severity, p.message) for p in records.problems] == [
        (n, "warning", "NUL byte(s) removed from the line") for n in sorted({1, title_line})
    ]


def test_many_nul_lines_are_warned_ten_times_then_counted():
    text = "TY  - JOUR\n" + "N1  - x\x00\n" * 30 + "ER  - \n"
    problems = msccite.loads(text, "ris", errors="collect").problems
    assert len(problems) == 11 and problems[-1].message == "NUL byte(s) removed from 20 more line(s)"
    assert problems[-1].line == 12


def test_the_locale_default_encoding_is_never_used(tmp_path):
    """Under LC_ALL=C (ASCII) with UTF-8 mode off, a UTF-8 file reads right and the CLI writes UTF-8."""
    path = tmp_path / "refs.ris"
    path.write_text(RIS, encoding="utf-8")
    c_locale = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    code = f"import msccite; print(ascii(msccite.read({str(path)!r})[0].title))"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONIOENCODING"}
    env.update(PYTHONPATH=str(ROOT / "src"), **c_locale)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert proc.stdout.strip() == ascii("Törnqvist Andrén – ß"), proc.stderr
    proc = run_cli("convert", str(path), "-t", "ris", env_extra=c_locale, drop=("PYTHONIOENCODING",))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8") == RIS


CYRILLIC = "TY  - JOUR\nTI  - Клетки\nAU  - Иванов, И.\nER  - \n"


def test_encoding_override_on_convert_and_detect(tmp_path):
    path = tmp_path / "ru.ris"
    path.write_bytes(CYRILLIC.encode("cp1251"))
    guessed = run_cli("convert", str(path), "-t", "ris")
    assert "Иванов" not in guessed.stdout.decode("utf-8")  # cp1251 bytes read as cp1252: mojibake
    assert b"were read as cp1252" in guessed.stderr
    named = run_cli("convert", str(path), "-t", "ris", "--encoding", "cp1251")
    assert named.returncode == 0 and named.stdout.decode("utf-8") == CYRILLIC and named.stderr == b""
    detected = run_cli("detect", str(path), "--encoding", "cp1251")
    assert detected.returncode == 0 and detected.stdout.decode().split("\t")[1:] == ["ris", "1 record\n"]
    assert msccite.read(path, encoding="cp1251")[0].authors[0].family == "Иванов"


@pytest.mark.parametrize("command", ["convert", "detect"])
def test_an_unknown_encoding_is_one_clear_line(tmp_path, command):
    path = tmp_path / "a.ris"
    path.write_text(RIS, encoding="utf-8")
    proc = run_cli(command, str(path), *(["-t", "ris"] if command == "convert" else []), "--encoding", "nope")
    assert proc.returncode == 2  # a usage error: nothing is read
    expected = f"msccite {command}: error: unknown text encoding 'nope' (e.g. utf-8, utf-16, cp1252, latin-1)"
    assert proc.stderr.decode().splitlines()[-1] == expected
    assert "Traceback" not in proc.stderr.decode()


MOJIBAKE = "TY  - JOUR\nTI  - Ã‰tude des cellules stromales: rÃ©sultats â€“ phase I\nAU  - MÃ¼ller, J.\nER  - \n"


@pytest.mark.filterwarnings("ignore::msccite.MscciteWarning")
def test_fix_mojibake_repairs_text_decoded_twice(tmp_path):
    pytest.importorskip("ftfy")
    path = tmp_path / "moj.ris"
    path.write_text(MOJIBAKE, encoding="utf-8")
    assert msccite.read(path)[0].title == "Ã‰tude des cellules stromales: rÃ©sultats â€“ phase I"  # not by default
    records = msccite.read(path, fix_mojibake=True, errors="collect")
    assert records[0].title == "Étude des cellules stromales: résultats – phase I"
    assert records[0].authors[0].family == "Müller"
    assert [(p.line, p.message) for p in records.problems] == [
        (2, "mojibake repaired on 2 line(s) (fix_mojibake), the first at line 2")
    ]
    assert msccite.loads(MOJIBAKE, "ris", fix_mojibake=True)[0].authors[0].family == "Müller"
    assert next(msccite.iter_records(path, fix_mojibake=True)).title.startswith("Étude")


def test_fix_mojibake_leaves_correct_text_and_quotes_alone():
    pytest.importorskip("ftfy")
    text = "TY  - JOUR\nTI  - “Törnqvist” ﬁnds Ｗide café\nER  - \n"
    records = msccite.loads(text, "ris", fix_mojibake=True, errors="collect")
    assert records[0].title == "“Törnqvist” ﬁnds Ｗide café" and records.problems == []


def test_fix_mojibake_through_the_cli(tmp_path):
    pytest.importorskip("ftfy")
    path = tmp_path / "moj.ris"
    path.write_text(MOJIBAKE, encoding="utf-8")
    proc = run_cli("convert", str(path), "-t", "csl-json", "--fix-mojibake")
    assert proc.returncode == 0
    import json

    assert json.loads(proc.stdout)[0]["author"][0]["family"] == "Müller"
    assert b"mojibake repaired on 2 line(s)" in proc.stderr


def test_fix_mojibake_without_ftfy_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "ftfy", None)  # import ftfy now raises ImportError
    with pytest.raises(msccite.MscciteError, match=r"needs ftfy.*pip install 'msccite\[mojibake\]'"):
        msccite.loads(MOJIBAKE, "ris", fix_mojibake=True)
    path = tmp_path / "moj.ris"
    path.write_text(MOJIBAKE, encoding="utf-8")
    with pytest.raises(msccite.MscciteError, match="needs ftfy"):
        msccite.read(path, fix_mojibake=True)
    assert msccite.read(path)[0].authors[0].family == "MÃ¼ller"  # without the option, ftfy is not needed


def test_gzip_files_are_read_through(tmp_path):
    """PubMed's baseline comes as .xml.gz: a gzip file is read as the text it holds; a cut one keeps the
    records before the cut and says so."""
    import gzip

    import msccite
    from paths import ROOT

    plain = ROOT / "tests" / "data" / "pubmed_xml" / "efetch.xml"
    packed = tmp_path / "efetch.xml.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert msccite.read(packed) == msccite.read(plain) and len(msccite.read(packed)) == 4
    nbib = ROOT / "tests" / "data" / "medline" / "eric.nbib"
    whole = gzip.compress(nbib.read_bytes() * 200)
    cut = tmp_path / "cut.nbib.gz"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    got = msccite.read(cut, errors="collect")
    assert 0 < len(got) < 200 * len(msccite.read(nbib))
    assert [p.message.split(" (")[0] for p in got.problems if p.severity == "error"][-1] == \
        "the compressed input is cut or damaged"
    bad = tmp_path / "bad.ris.gz"
    bad.write_bytes(b"\x1f\x8b" + b"not gzip at all" * 10)
    with pytest.raises(msccite.ParseError, match="cannot decompress the input"):
        msccite.read(bad)


def test_an_xml_declaration_names_the_encoding_of_8_bit_bytes():
    from msccite.textio import sniff_encoding

    latin = '<?xml version="1.0" encoding="ISO-8859-1" ?>\n<mods><title>Öl</title></mods>\n'.encode("latin-1")
    assert sniff_encoding(latin) == "iso8859-1"
    assert sniff_encoding(b'<?xml version="1.0" encoding="windows-1252"?><a/>') == "cp1252"
    # UTF-8 keeps its cp1252 fallback; a UTF-16 declaration in bytes that read as ASCII is not followed
    assert sniff_encoding(b'<?xml version="1.0" encoding="UTF-8"?><a/>') == "utf-8"
    assert sniff_encoding(b'<?xml version="1.0" encoding="UTF-16"?><a/>') == "utf-8"
    assert sniff_encoding(b'<?xml version="1.0" encoding="no-such-codec"?><a/>') == "utf-8"
    assert sniff_encoding(b"TY  - JOUR\n") == "utf-8"
