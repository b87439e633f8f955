"""The user's five documents, end to end: `msccite convert SEED -t csl-json`, detected with no hint, normalized.

Each must give complete, correct records (the values are those the user's issue lists), valid against the
official CSL-JSON schema (the copy in ../shared/data/csl/ when it is there, else the one msccite ships).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from msccite.formats.csl_json import schema
from paths import ROOT, SEEDS

SHARED_SCHEMA = ROOT.parent / "shared" / "data" / "csl" / "csl-data.json"
CHROME = ("Cargando", "Sign in", "Sign up", "实时播报", "◽", "Author(s):", "Descripción completa")


def convert(name: str) -> tuple[list[dict], str]:
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-m", "msccite", "convert", str(SEEDS / name), "-t", "csl-json"],
                          capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout), proc.stderr


def names(item: dict) -> list[tuple[str, str]]:
    return [(a.get("family", a.get("literal", "")), a.get("given", "")) for a in item.get("author", [])]


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_seed_converts_to_schema_valid_csl_json_without_chrome(path: Path):
    items, _ = convert(path.name)
    official = json.loads(SHARED_SCHEMA.read_text("utf-8")) if SHARED_SCHEMA.exists() else schema()
    jsonschema.Draft7Validator(official).validate(items)
    text = json.dumps(items, ensure_ascii=False)
    assert not [c for c in CHROME if c in text]


def test_seed_000_vufind_spanish_page():
    (item,), _ = convert("000_93d63967208e8cbe.txt")
    assert item["title"].startswith(
        "Reiterative infusions of MSCs improve pediatric osteogenesis imperfecta")  # no case marks in the page
    people = names(item)
    assert len(people) == 14 and people[0] == ("Infante", "Arantza") and people[-1] == ("Rodríguez", "Clara I.")
    assert ("Araúzo-Bravo", "Marcos J.") in people  # U+2010 made plain, the initial dotted
    assert item["issued"]["date-parts"][0][0] == 2021 and item["publisher"] == "John Wiley and Sons Inc."
    assert (item["DOI"], item["PMID"], item["PMCID"]) == ("10.1002/ctm2.265", "33463067", "PMC7805402")
    assert item["language"] == "en"
    assert item["abstract"].endswith("as a consequence of MSCs treatment.")  # Sumario, not the "..." teaser
    assert "..." not in item["abstract"]


def test_seed_001_catalogue_staff_view():
    (item,), err = convert("001_504c54339216dac7.txt")
    people = names(item)
    assert len(people) == 9
    assert ("Törnqvist Andrén", "Anton") in people and ("Le Blanc", "Katarina") in people
    assert item["issued"]["date-parts"] == [[2019, 12, 2]] and item["publisher"] == "MDPI"
    assert item["container-title"] == "Journal of Clinical Medicine" and item["container-title-short"] == "J Clin Med"
    assert item["DOI"].startswith("10.3390/jcm") and item["PMID"] == "31810187" and item["PMCID"].startswith("PMC")
    assert len(item["abstract"]) > 500
    assert "lines 1-3" in err  # the page around the dump is reported, not dropped in silence


def test_seed_002_sciencegate_listing():
    items, err = convert("002_0bf7467666d23d09.txt")
    assert len(items) == 6
    first = items[0]
    assert first["title"].startswith("Osteonecrosis of the Femoral Head Safely Healed")
    assert first["issued"]["date-parts"][0][0] == 2021
    assert (first["volume"], first["issue"], first["page"]) == ("10", "3", "508")
    assert len(first["author"]) == 5 and first["custom"]["truncated"] == ["author"]
    assert all("title" not in it for it in items[1:])
    assert err.count("no title in record") == 5
    text = json.dumps(items, ensure_ascii=False)
    assert '"volume": "31"' in text and "suppl" in text.lower()  # "31 (suppl_1)"
    assert '"page": "i92"' in text  # "pp. i92-i92"
    assert '"number": "00773-2020"' in text and '"page": "00773-2020"' not in text  # an article number
    assert any(("Del Piccolo", "Nicoladrea") in names(it) for it in items)


def test_seed_003_ris():
    (item,), _ = convert("003_98c53ee05b756194.txt")
    assert item["title"].startswith("A phase I study of autologous mesenchymal")  # RIS: no case marks
    assert ("De Salvo", "A.") in names(item) and len(item["author"]) == 19
    assert item["container-title"] == "JCI Insight" and item["ISSN"] == "2379-3708"
    assert item["DOI"] == "10.1172/jci.insight.169424"


def test_seed_004_ablesci_page():
    (item,), _ = convert("004_7ad02130e3716cb1.txt")
    people = names(item)
    assert len(people) == 17 and people[0] == ("Farge", "Dominique") and people[-1] == ("Tarte", "Karin")
    assert ("Korganow", "Anne-Sophie") in people and not any("\u2010" in f + g for f, g in people)
    assert (item["container-title"], item["publisher"]) == ("Cytotherapy", "Elsevier")
    assert (item["volume"], item["issue"], item["page"]) == ("26", "6", "S45-S46")
    assert item["DOI"] == "10.1016/j.jcyt.2024.03.076"
    abstract = item["abstract"]
    assert abstract.count(abstract[:60]) == 1  # the page's second copy dropped
    assert "间充质干细胞" in item["keyword"]
