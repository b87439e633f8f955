"""Agreement with Zotero's own importers on the import test cases Zotero publishes (``tests/data/zotero``).

``benchmarks/zotero_agreement.py`` reads each case with msccite and compares title, year, journal, volume,
issue, pages, DOI and authors with the items Zotero's translator makes of the same input (rules in its
docstring). This test holds the measured agreement, so a change that reads these files differently shows.
"""

from __future__ import annotations

import importlib.util

from paths import ROOT


def _benchmark():
    spec = importlib.util.spec_from_file_location("zotero_agreement", ROOT / "benchmarks" / "zotero_agreement.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_agreement_with_zoteros_importers():
    result = _benchmark().agreement()
    for mode in ("raw", "normalized"):  # every case read, detected as its format, as many records as items
        assert not result[mode]["problems"], result[mode]["problems"]
        assert result[mode]["total"]["items_msccite"] == result[mode]["total"]["items_zotero"] == 181
    norm = result["normalized"]
    assert norm["total"]["compared"] >= 650
    assert norm["total"]["agreement"] >= 96.5, norm["total"]
    assert norm["real exports"]["compared"] >= 400
    assert norm["real exports"]["agreement"] >= 97.5, norm["real exports"]  # the goal: 97% of real exports
    for fmt, tally in norm["formats"].items():
        assert tally["agreement"] >= 92, (fmt, tally)
    assert result["raw"]["total"]["agreement"] >= 95
