"""Pandoc's citeproc as msccite's CSL processor: one ``pandoc --citeproc`` run per call, as a subprocess.

Pandoc comes from the ``pypandoc-binary`` wheel (``pip install 'msccite[format]'``); ``MSCCITE_PANDOC`` may name
another pandoc binary (3.x). msccite itself stays pure Python: nothing here is imported before a style is used.

What pandoc is given: an empty Markdown document whose metadata says ``nocite: "@*"`` (every reference is listed,
none is cited in the text) and ``lang: en-US``, the references as a CSL-JSON file (``--bibliography``: pandoc
reads CSL-JSON's own markup, ``<i>``, ``<sup>``, ``<span class="nocase">``, and it is about six times faster than
the same references in the document's metadata, which pandoc reads as Markdown: 1.4 s against 9 s for 1,000
Vancouver references), the style (``--csl``), and a Lua filter, run after citeproc, that

- for ``mark=True`` (text, Markdown and per-entry output): writes a marker, ``\\x1e<id>\\x1e``, before each entry,
  and takes the entries out of the bibliography's div, so that the caller can cut the output into entries, each
  with its record id, in the style's order. The marker is a raw block of the output format: no writer escapes it.
  It works on the document's top blocks only: a filter that visits every inline costs half as much time again;
- for Markdown: unwraps the spans (``nocase``, the layout's ``csl-left-margin`` ...), which Markdown has not.

In HTML, the ``<span class="nocase">`` that kept words from case changes are taken out (they have done their work).
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path

from ..errors import MscciteError

__all__ = ["PandocMissingError", "EngineError", "pandoc_path", "render", "MARK", "WRITERS", "BINARY"]

MARK = "\x1e"

#: msccite's output names and pandoc's writers for them.
WRITERS = {
    "text": "plain",
    # smart off: dashes and quotes as characters, not "--" and '; divs and raw HTML off: the entries as Markdown
    "markdown": "markdown-smart-fenced_divs-native_divs-bracketed_spans-native_spans-raw_html",
    "html": "html",
    "docx": "docx",
    "odt": "odt",
    "rtf": "rtf",
}
#: Outputs pandoc writes only to a file (zip containers): returned as bytes.
BINARY = frozenset({"docx", "odt"})

_DOCUMENT = '---\nnocite: "@*"\nlang: en-US\n---\n'

_FILTER = """\
-- msccite: run after pandoc's citeproc (msccite/styles/engine.py writes this file for each run)

-- a marker before each entry, and the entries out of the bibliography's div
function Pandoc(doc)
  local blocks = {}
  for _, block in ipairs(doc.blocks) do
    if block.t == 'Div' and block.identifier == 'refs' then
      for _, entry in ipairs(block.content) do
        if entry.t == 'Div' and entry.identifier:sub(1, 4) == 'ref-' then
          blocks[#blocks + 1] = pandoc.RawBlock(FORMAT, '\\30' .. entry.identifier:sub(5) .. '\\30')
        end
        blocks[#blocks + 1] = entry
      end
    else
      blocks[#blocks + 1] = block
    end
  end
  doc.blocks = blocks
  return doc
end
"""

#: For Markdown: the spans' words without the spans (``nocase``, the layout's ``csl-left-margin`` ...), as
#: Markdown has no spans. Costly (every inline goes through Lua: +50% time), hence for Markdown alone.
_SPANS = """\
function Span(el)
  return el.content
end
"""

_NOCASE = re.compile(r'<span class="nocase">([^<>]*)</span>')

_HINT = "pip install 'msccite[format]' (it installs pandoc with the pypandoc-binary wheel)"
_found: str | None = None


class PandocMissingError(MscciteError):
    """Formatting needs pandoc, which is not installed."""


class EngineError(MscciteError):
    """Pandoc could not format the references (a style it cannot read ...): its message."""


def pandoc_path() -> str:
    """The pandoc binary: ``MSCCITE_PANDOC`` if set, else pypandoc's (the ``msccite[format]`` extra)."""
    global _found
    named = os.environ.get("MSCCITE_PANDOC")
    if named:
        if not os.access(named, os.X_OK):
            raise PandocMissingError(f"MSCCITE_PANDOC names {named}, which is not an executable pandoc")
        return named
    if _found is not None:
        return _found
    try:
        import pypandoc
    except ImportError:
        raise PandocMissingError(f"formatting references needs pandoc: {_HINT}") from None
    try:
        path = pypandoc.get_pandoc_path()
    except OSError as exc:
        raise PandocMissingError(f"formatting references needs pandoc, which pypandoc cannot find ({exc}): "
                                 f"{_HINT}") from None  # fmt: skip
    _found = str(path)
    return _found


def render(references: str, style: str | os.PathLike[str], to: str, *, mark: bool = False) -> str | bytes:
    """The bibliography of ``references`` (CSL-JSON text) in ``style`` (a .csl path), written as ``to``
    (a key of :data:`WRITERS`): text, or bytes for :data:`BINARY` outputs. ``mark``: a marker before each entry
    (text, Markdown, HTML), see the module's docstring."""
    writer = WRITERS[to]
    pandoc = pandoc_path()
    with tempfile.TemporaryDirectory(prefix="msccite-format-") as tmp:
        refs = Path(tmp, "references.json")
        refs.write_text(references, encoding="utf-8")
        cmd = [pandoc, "-f", "markdown", "-t", writer, "--citeproc", "--csl", os.fspath(style),
               "--bibliography", str(refs), "--wrap=none"]  # fmt: skip
        if mark and to not in BINARY or to == "markdown":
            lua = Path(tmp, "msccite.lua")
            lua.write_text((_FILTER if mark else "") + (_SPANS if to == "markdown" else ""), encoding="utf-8")
            cmd += ["--lua-filter", str(lua)]
        out = Path(tmp, f"references.{to}")
        if to in BINARY:
            cmd += ["-o", str(out)]
        elif to == "rtf":
            cmd += ["-s"]  # a whole RTF document, as word processors open it
        try:
            proc = subprocess.run(cmd, input=_DOCUMENT.encode(), capture_output=True, check=False)
        except OSError as exc:
            raise PandocMissingError(f"cannot run pandoc ({pandoc}): {exc.strerror or exc}; {_HINT}") from None
        if proc.returncode != 0:
            message = proc.stderr.decode("utf-8", "replace").strip() or f"pandoc exited {proc.returncode}"
            raise EngineError(message)
        if to in BINARY:
            return out.read_bytes()
        text = proc.stdout.decode("utf-8")
        while to == "html" and '<span class="nocase">' in text:
            text, n = _NOCASE.subn(r"\1", text)
            if not n:  # a nocase span around other markup stays
                break
        return text
