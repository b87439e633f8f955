"""citation-js (npm), a real importer, as a client of our output: what it reads from our RIS, BibTeX and CSL-JSON.

The client lives in tests/clients/citationjs (package.json, package-lock.json, parse.js); install it with
``npm ci --prefix tests/clients/citationjs`` (.ci/run does). Tests that use it are marked ``needs_citation_js``
and skip when node or the installed client is missing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from paths import ROOT

CLIENT = ROOT / "tests" / "clients" / "citationjs"
PARSE_JS = CLIENT / "parse.js"
FORMATS = ("ris", "bibtex", "csl-json")


class CitationJsError(RuntimeError):
    """citation-js could not parse the text (its message is the exception's)."""


def citation_js(text: str, fmt: str) -> list[dict]:
    """The CSL-JSON items citation-js reads from ``text`` in format ``fmt`` (``ris``, ``bibtex`` or ``csl-json``).

    One node process parses the whole text, however many records it holds. Raises :class:`CitationJsError`
    with citation-js's message when it cannot parse it.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    node = shutil.which("node")
    if node is None:
        raise CitationJsError("node is not installed")
    with tempfile.TemporaryDirectory(prefix="msccite-citationjs-") as tmp:
        path = Path(tmp) / f"input.{fmt}"
        path.write_text(text, encoding="utf-8", newline="")
        proc = subprocess.run([node, str(PARSE_JS), str(path), fmt], cwd=ROOT,
                              capture_output=True, text=True, encoding="utf-8", timeout=120)  # fmt: skip
    if proc.returncode != 0:
        raise CitationJsError(proc.stderr.strip() or f"parse.js exited {proc.returncode}")
    items = json.loads(proc.stdout)
    assert isinstance(items, list), proc.stdout[:200]
    return items


def _missing() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed (citation-js client tests need node and npm)"
    packages = ("core", "plugin-ris", "plugin-bibtex", "plugin-csl")
    if not all((CLIENT / "node_modules" / "@citation-js" / name / "package.json").is_file() for name in packages):
        return "citation-js is not installed: run `npm ci --prefix tests/clients/citationjs`"
    return None


_MISSING = _missing()
needs_citation_js = pytest.mark.skipif(_MISSING is not None, reason=_MISSING or "")
