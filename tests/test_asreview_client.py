"""ASReview, a screening tool, loads our CSV, TSV and XLSX tables with every title, abstract and DOI.

ASReview pins pandas below 3 and an older rispy, so it lives in its own virtual environment: ``.ci/run`` makes
it and names its Python in ``ASREVIEW_PYTHON``. Without it the test is skipped (the CI run always has it).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

import msccite
from paths import EXPORTS, SEED_FILES

ASREVIEW_PYTHON = os.environ.get("ASREVIEW_PYTHON", "")

pytestmark = [pytest.mark.filterwarnings("ignore::msccite.errors.MscciteWarning"), pytest.mark.skipif(
    not (ASREVIEW_PYTHON and Path(ASREVIEW_PYTHON).exists()),
    reason="ASReview's environment is not installed (.ci/run makes it and sets ASREVIEW_PYTHON)",
)]

#: What ASReview's own loader gives for each record of a file: title, abstract, DOI.
LOAD = """
import json, sys
from asreview.data.loader import load_records
out = [[r.title, r.abstract, r.doi] for r in load_records(sys.argv[1])]
print(json.dumps(out))
"""

SOURCES = [*SEED_FILES, EXPORTS / "scopus_csv" / "litstudy_scopus.csv",
           EXPORTS / "ictrp_xml" / "ictrp-results-first48.xml", EXPORTS / "pubmed_csv" / "colrev_pubmed_2023.csv",
           EXPORTS / "embase_csv" / "asreview_embase.csv"]  # fmt: skip


def _records() -> list[msccite.Record]:
    out: list[msccite.Record] = []
    for path in SOURCES:
        out.extend(msccite.read(path, normalize=True))
    return out


def _blank(value: object) -> str:
    return "" if value is None or value != value else str(value)  # None, and pandas' NaN


@pytest.mark.parametrize("ext", ["csv", "tsv", "xlsx"])
def test_asreview_loads_every_title_abstract_and_doi(tmp_path, ext):
    records = _records()
    path = tmp_path / f"screening.{ext}"
    msccite.write(records, path)
    done = subprocess.run([ASREVIEW_PYTHON, "-c", LOAD, str(path)], capture_output=True, text=True, timeout=600,
                          cwd=tmp_path)  # ASReview leaves a cache file where it runs
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = json.loads(done.stdout)
    assert len(loaded) == len(records) > 100
    for rec, (title, abstract, doi) in zip(records, loaded, strict=True):
        assert _blank(title) == rec.get("title", ""), rec.get("title")
        assert _blank(abstract) == rec.get("abstract", ""), rec.get("title")
        assert _blank(doi) == rec.get("DOI", ""), rec.get("title")
