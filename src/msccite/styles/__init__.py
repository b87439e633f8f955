"""Formatted reference lists: records in a CSL style (Vancouver, APA, AMA ... or any ``.csl`` file).

>>> import msccite
>>> records = msccite.read("export.ris", normalize=True)                    # doctest: +SKIP
>>> print(msccite.format(records, style="vancouver"))                       # doctest: +SKIP
1. Vivarelli M, Colucci M, Algeri M, Zotta F, Emma F, L’Erario I, et al. A phase I study ...

The processor is pandoc's citeproc, run as a subprocess (:mod:`msccite.styles.engine`); it comes with the optional
extra ``msccite[format]`` (the ``pypandoc-binary`` wheel), and :class:`~msccite.styles.engine.PandocMissingError`
says so when it is missing. The references handed to it are msccite's own CSL-JSON (``msccite.dumps(records,
"csl-json")``), prepared as :mod:`msccite.styles.prepare` describes. The styles bundled (CC BY-SA 3.0, from the
Citation Style Language project, https://citationstyles.org/) are listed in :data:`~msccite.styles.aliases.BUNDLED`;
docs/format.md tells the rest.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import MscciteError
from . import prepare as _prepare
from .aliases import ALIASES, BUNDLED, DEFAULT_STYLE
from .engine import BINARY, MARK, WRITERS, EngineError, PandocMissingError, render
from .prepare import NotAStyle, style_info

__all__ = [
    "format",
    "entries",
    "csl_json",
    "resolve",
    "Entry",
    "OUTPUTS",
    "StyleError",
    "EngineError",
    "PandocMissingError",
    "STYLES_DIR",
    "ALIASES",
    "BUNDLED",
]

#: The bundled .csl files (and renamed-styles.json, README.md with their licence).
STYLES_DIR = Path(__file__).resolve().parent.parent / "data" / "csl-styles"

#: The outputs: text, markdown, html (str); docx, odt (bytes); rtf (str, a whole RTF document).
OUTPUTS = tuple(WRITERS)


class StyleError(MscciteError, ValueError):
    """An unknown style name, or a file that is no CSL style."""


class Entry(NamedTuple):
    """One entry of a reference list: the record's CSL-JSON id, and the entry as formatted."""

    id: str
    text: str


def resolve(style: str | os.PathLike[str]) -> Path:
    """The .csl file ``style`` names: an alias (``vancouver``, ``nlm``, ``apa``, ``ama``, ``nature``, ``harvard``,
    ``ieee``, ``chicago``, ``chicago-notes``), a bundled style's name (``nlm-citation-sequence``), an old name the
    style repository's renamed-styles.json maps to a bundled style (``harvard1``), or a path to a .csl file.
    :class:`StyleError` otherwise."""
    text = os.fspath(style)
    if isinstance(style, os.PathLike) or text.lower().endswith(".csl") or os.sep in text or "/" in text:
        path = Path(text).expanduser()
        if path.is_file():
            return path
        if not path.exists() and path.name == text and path.stem.lower() in BUNDLED:  # "apa.csl": the bundled one
            return STYLES_DIR / f"{path.stem.lower()}.csl"
        raise StyleError(f"style file {text} not found" if not path.exists() else f"style {text} is not a file")
    name = text.strip().lower()
    name = ALIASES.get(name, name)
    if name in BUNDLED:
        return STYLES_DIR / f"{name}.csl"
    renamed = _renamed().get(name)
    if renamed in BUNDLED:
        return STYLES_DIR / f"{renamed}.csl"
    if renamed:
        raise StyleError(f"style {text!r} (now {renamed!r}) is not bundled with msccite: download {renamed}.csl "
                         f"from https://www.zotero.org/styles/{renamed} and give its path")  # fmt: skip
    raise StyleError(f"unknown style {text!r}: one of {', '.join(ALIASES)}, or a path to a .csl file "
                     "(the CSL styles: https://www.zotero.org/styles)")  # fmt: skip


@lru_cache(maxsize=1)
def _renamed() -> dict[str, str]:
    with open(STYLES_DIR / "renamed-styles.json", encoding="utf-8") as f:
        return {k.lower(): v for k, v in json.load(f).items()}


def csl_json(records: Iterable[Any], style: str | os.PathLike[str] = DEFAULT_STYLE, *,
             normalize: bool | dict[str, Any] = False) -> str:  # fmt: skip
    """The CSL-JSON msccite hands to the processor for ``records`` in ``style`` (msccite's CSL-JSON, prepared as
    :mod:`msccite.styles.prepare` says): to see what was formatted, or to give another processor the same."""
    return _references(records, normalize, resolve(style))[0]


def _references(records: Any, normalize: bool | dict[str, Any], style_path: Path) -> tuple[str, int]:
    from ..api import dumps
    from ..api import normalize as normalize_record
    from ..model import Record

    if isinstance(records, Record):
        records = [records]
    if normalize:
        options = normalize if isinstance(normalize, dict) else {}
        records = [normalize_record(rec, **options) for rec in records]
    try:
        info = style_info(style_path)
    except NotAStyle as exc:
        raise StyleError(f"cannot use {style_path}: {exc}") from None
    except OSError as exc:
        raise StyleError(f"cannot read {style_path}: {exc.strerror or exc}") from None
    if not info.has_bibliography:
        raise StyleError(f"style {style_path} ({info.title}) has no bibliography to format")
    items = _prepare.prepare(json.loads(dumps(records, "csl-json")), info)
    return json.dumps(items, ensure_ascii=False), len(items)


def _check_to(to: str) -> str:
    if to not in WRITERS:
        raise ValueError(f"unknown output {to!r}: one of {', '.join(WRITERS)}")
    return to


def entries(records: Iterable[Any], style: str | os.PathLike[str] = DEFAULT_STYLE, to: str = "text", *,
            normalize: bool | dict[str, Any] = False) -> list[Entry]:  # fmt: skip
    """The reference list of ``records`` in ``style``, one :class:`Entry` (id, text) per record, in the style's
    order; ``to``: ``text``, ``markdown`` or ``html`` (each entry its ``<div id="ref-ID" class="csl-entry">``).
    ``normalize``: normalize the records first (``True``, or :func:`msccite.normalize`'s options)."""
    if _check_to(to) not in ("text", "markdown", "html"):
        raise ValueError(f"entries are text, markdown or html, not {to!r}")
    style_path = resolve(style)
    references, count = _references(records, normalize, style_path)
    if not count:
        return []
    out = _render(references, style_path, to, mark=True)
    assert isinstance(out, str)
    parts = out.split(MARK)
    return [Entry(parts[i], parts[i + 1].strip()) for i in range(1, len(parts) - 1, 2)]


def format(records: Iterable[Any], style: str | os.PathLike[str] = DEFAULT_STYLE, to: str = "text", *,  # noqa: A001
           normalize: bool | dict[str, Any] = False) -> str | bytes:  # fmt: skip
    """The reference list of ``records`` (msccite records; one entry per record, in the style's order) in
    ``style``: an alias (``vancouver``, ``nlm``, ``apa``, ``ama``, ``nature``, ``harvard``, ``ieee``, ``chicago``,
    ``chicago-notes``) or a path to a .csl file.

    ``to``: ``text`` (entries separated by a blank line), ``markdown`` (the same, with Markdown's emphasis and
    links), ``html`` (a ``<div id="refs">`` holding one ``<div id="ref-ID" class="csl-entry">`` per record, escaped,
    DOIs and URLs as links), ``rtf`` (a whole RTF document, text) and ``docx``, ``odt``: **bytes**, the document
    (``Path("refs.docx").write_bytes(msccite.format(records, to="docx"))``).
    ``normalize``: normalize the records first (``True``, or :func:`msccite.normalize`'s options); records read with
    ``normalize=True`` need not be normalized again.

    Raises :class:`StyleError` for an unknown style, :class:`PandocMissingError` when pandoc is not installed
    (``pip install 'msccite[format]'``), :class:`EngineError` when pandoc fails (a style it cannot read).
    """
    _check_to(to)
    style_path = resolve(style)
    references, count = _references(records, normalize, style_path)
    if not count and to in ("text", "markdown", "html"):
        return ""
    if to in ("text", "markdown"):
        out = _render(references, style_path, to, mark=True)
        assert isinstance(out, str)
        parts = out.split(MARK)
        texts = [parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)]
        return "".join(f"{text}\n\n" for text in texts if text).removesuffix("\n")
    return _render(references, style_path, to, mark=False)


def _render(references: str, style_path: Path, to: str, *, mark: bool) -> str | bytes:
    try:
        return render(references, style_path, to, mark=mark)
    except EngineError as exc:
        raise EngineError(f"pandoc cannot format with {style_path}: {exc}") from None


def is_binary(to: str) -> bool:
    """Whether ``to`` is written as bytes (docx, odt)."""
    return to in BINARY
