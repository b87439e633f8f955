"""The CSL YAML reader (see ``docs/formats/csl-yaml.md``).

Input: a YAML document with ``references:`` (a list of CSL items), a bare list of items, or a Markdown file whose
metadata block (``---`` ... ``---``/``...``) holds ``references:`` (pandoc's, Quarto's, R Markdown's). Each item
is CSL-JSON in YAML: its text values are Markdown (:func:`.markdown.from_markdown` turns them into CSL rich text),
its dates ``date-parts`` or EDTF strings (``2019-05-03``), the older ``[{year: 2019, month: 5}]`` too. Then it is
what the CSL-JSON reader makes of an item: checked against the CSL-JSON schema, :meth:`Record.from_csl`.

Safe loading only (PyYAML's safe loader, libyaml's when present); YAML aliases (``*name``) are refused, since an
alias can repeat a value a billion times without costing the file a byte.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ...context import ReadContext
from ...model import DATE_SET, NAME_SET, Record
from ...textio import join_lines
from ..carriers import LONE_ESCAPE, without_surrogates
from ..csl_json import validation_errors
from .map import DATE_KEYS, EDTF_SIDE, NOT_TEXT, text_only
from .markdown import from_markdown

__all__ = ["read", "detect", "NAME", "ALIASES", "EXTENSIONS", "DESCRIPTION"]

NAME = "csl-yaml"
ALIASES = ("yaml", "csl-yml", "pandoc-yaml")
EXTENSIONS = (".yaml", ".yml")
DESCRIPTION = "CSL YAML (the references: list of pandoc, Quarto and R Markdown; also in a Markdown metadata block)"

_REFERENCES = re.compile(r"^references[ \t]*:", re.M)
_ITEM_KEY = re.compile(r"^[ \t]*-?[ \t]*(?:id|type|title|author|issued)[ \t]*:", re.M)
_CFF = re.compile(r"^cff-version[ \t]*:", re.M)
_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")
_MAX_DEPTH = 200  # YAML nested deeper than this is no CSL item


# -- detection ------------------------------------------------------------------------------------
def detect(sample: str) -> float:
    """0.95 for ``references:`` at the start of a line with CSL item keys (``id:``, ``type:``, ``title:``) after
    it; 0.6 for a YAML list of items (``- id:`` ... ``type:``) with no ``references:``."""
    text = sample.lstrip("\ufeff")
    head = text.lstrip()
    if head.startswith(("[", "{", "<", "@", "%", "TY  -", "PMID-")):
        return 0.0  # JSON, XML, BibTeX, EndNote, RIS, MEDLINE
    if _CFF.search(text):
        return 0.0  # a CITATION.cff: its references are CFF's, not CSL's
    m = _REFERENCES.search(text)
    if m is not None:
        after = text[m.end() : m.end() + 4000]
        if _ITEM_KEY.search(after) or re.match(r"[ \t]*\[\s*\]", after):
            return 0.95
        return 0.0
    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.startswith(("#", "---"))), "")
    if re.match(r"-[ \t]+(?:id|type)[ \t]*:", first) and re.search(r"^[ \t]+(?:type|id|title)[ \t]*:", text, re.M):
        return 0.6
    return 0.0


# -- reading --------------------------------------------------------------------------------------
def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    text = join_lines(lines)
    found = False
    for yaml_text, offset in _documents(text, ctx):
        for items, lines_of in _items(yaml_text, offset, ctx):
            found = True
            surrogates = LONE_ESCAPE.search(yaml_text) is not None
            for i, item in enumerate(items):
                line = lines_of[i] if i < len(lines_of) else None
                named = isinstance(item, dict) and "id" in item
                label = f"item {i + 1}" + (f" (id {item.get('id')!r})" if named else "")
                if not isinstance(item, dict):
                    ctx.problem(line, f"{label}: expected a mapping (a CSL item), found {_kind(item)}; skipped")
                    continue
                if (rec := ctx.build(line, _record, item, label, line, surrogates, ctx)) is not None:
                    yield rec
    if not found:
        ctx.problem(1, "no references: expected YAML with a references: list of CSL items (or a list of items), "
                       "alone or in a Markdown metadata block")  # fmt: skip


def _documents(text: str, ctx: ReadContext) -> list[tuple[str, int]]:
    """The YAML to read, with the number of lines before it: the whole text, or (a Markdown file) its metadata
    blocks. A file that opens with ``---`` and has text after the block's closing line is Markdown."""
    lines = text.split("\n")
    blocks = _metadata_blocks(lines)
    if not blocks:
        return [(text, 0)]
    first_start, first_end = blocks[0]
    outside = any(ln.strip() for k, ln in enumerate(lines) if not any(s <= k <= e for s, e in blocks))
    if not outside and first_start == _first_nonblank(lines) and len(blocks) == 1:
        return [(text, 0)]  # a YAML file between --- and ...: YAML reads the markers itself
    return [("\n".join(lines[s + 1 : e]), s + 1) for s, e in blocks]


def _first_nonblank(lines: list[str]) -> int:
    return next((k for k, ln in enumerate(lines) if ln.strip()), 0)


def _metadata_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """pandoc's metadata blocks: a ``---`` line (at the start, or after a blank line) followed by a non-blank line,
    up to the next ``---`` or ``...`` line."""
    blocks = []
    k, n = 0, len(lines)
    while k < n:
        if lines[k].rstrip() == "---" and (k == _first_nonblank(lines) or not lines[k - 1].strip()) \
                and k + 1 < n and lines[k + 1].strip():  # fmt: skip
            end = next((j for j in range(k + 1, n) if _FENCE.match(lines[j])), None)
            if end is None:
                break
            blocks.append((k, end))
            k = end + 1
        else:
            k += 1
    return blocks


def _items(yaml_text: str, offset: int, ctx: ReadContext) -> Iterator[tuple[list[Any], list[int]]]:
    """The CSL items of each YAML document in ``yaml_text``, with the line each starts on."""
    from .yamlio import YAMLError, loader_for  # PyYAML: imported to read, not to detect

    loader = loader_for(yaml_text)(yaml_text)
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is None:
                continue
            if not _plain_tree(node):
                ctx.problem(node.start_mark.line + offset + 1, "YAML aliases (*name) or nesting this deep are not "
                                                               "CSL data; the document is skipped")  # fmt: skip
                continue
            data = loader.construct_document(node)
            seq = _references_node(node, data)
            if seq is None:
                continue
            items, seq_node = seq
            lines = [n.start_mark.line + offset + 1 for n in getattr(seq_node, "value", [])] if seq_node else []
            yield items, lines
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + offset + 1 if mark is not None else None
        ctx.problem(line, f"not valid YAML: {getattr(exc, 'problem', None) or exc}")
    except RecursionError:
        ctx.problem(offset + 1, "YAML nested too deeply to be CSL YAML")
    finally:
        loader.dispose()


def _plain_tree(root: Any) -> bool:
    """No node reached twice (no alias), no nesting deeper than :data:`_MAX_DEPTH`: a walk over the nodes."""
    seen: set[int] = set()
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen or depth > _MAX_DEPTH:
            return False
        seen.add(id(node))
        value = node.value
        if isinstance(value, list):
            for child in value:
                if isinstance(child, tuple):
                    stack.append((child[0], depth + 1))
                    stack.append((child[1], depth + 1))
                else:
                    stack.append((child, depth + 1))
    return True


def _references_node(node: Any, data: Any) -> tuple[list[Any], Any] | None:
    """The items of one document and the YAML node of their list: ``references:``, a bare list, or one item."""
    if isinstance(data, dict) and "references" in data:
        refs = data["references"]
        seq = next((v for k, v in node.value if getattr(k, "value", None) == "references"), None)
        if refs is None:
            return [], None
        return (refs, seq) if isinstance(refs, list) else ([refs], None)
    if isinstance(data, list):
        return data, node
    if isinstance(data, dict) and ("id" in data or "type" in data):
        return [data], None
    return None


def _kind(value: Any) -> str:
    return {str: "text", int: "a number", float: "a number", bool: "true/false", list: "a list"}.get(
        type(value), "nothing" if value is None else type(value).__name__
    )


def _record(item: dict[Any, Any], label: str, line: int | None, surrogates: bool, ctx: ReadContext) -> Record:
    csl = to_csl_item(item, label, line, ctx)
    if surrogates:
        csl, n = without_surrogates(csl)
        if n:
            ctx.warn(line, f"{label}: {n} string(s) with a lone surrogate: replaced with U+FFFD")
    if ctx.options.get("validate", True):
        errors = validation_errors(csl)
        if errors:
            ctx.problem(line, f"{label}: not valid CSL: " + "; ".join(errors[:5]))
    return Record.from_csl(csl, source=ctx.where(line))


def to_csl_item(item: dict[Any, Any], label: str = "item", line: int | None = None,
                ctx: ReadContext | None = None) -> dict[str, Any]:  # fmt: skip
    """One CSL YAML item as the CSL-JSON item it stands for: Markdown text as CSL rich text, dates as objects."""
    out: dict[str, Any] = {}
    texts = text_only()
    for key, value in item.items():
        key = str(key)
        if key in texts and isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)  # a number where CSL holds text only: its text
        if key in NOT_TEXT:
            out[key] = value
        elif key in NAME_SET:
            out[key] = _names(value, key, label, line, ctx)
        elif key in DATE_SET:
            out[key] = csl_date(value)
        elif isinstance(value, str):
            out[key] = from_markdown(value)
        else:
            out[key] = value
    return out


def _names(value: Any, key: str, label: str, line: int | None, ctx: ReadContext | None) -> Any:
    if isinstance(value, dict | str):
        value = [value]
    if not isinstance(value, list):
        return value  # the schema check says what is wrong
    names = []
    for name in value:
        if isinstance(name, str):  # not CSL: a name as one string
            if ctx is not None:
                ctx.warn(line, f"{label}: a {key} name as text, not a mapping ({name[:40]!r}); read as a literal")
            name = {"literal": name}
        if isinstance(name, dict):
            name = {str(k): from_markdown(v) if isinstance(v, str) else v for k, v in name.items()}
        names.append(name)
    return names


def csl_date(value: Any) -> Any:
    """A date as CSL YAML may write it, as a CSL-JSON date object: ``date-parts`` kept; an EDTF string
    (``2019-05-03``, ``2019-05/2019-06``, ``2019~``, ``2019-21``) as ``date-parts`` (with ``circa``, ``season``),
    another string as ``raw``; pandoc's older ``[{year: 2019, month: 5}]`` as ``date-parts``."""
    if isinstance(value, dict):
        if "date-parts" not in value and any(k in value for k in DATE_KEYS):
            return {"date-parts": [_ymd(value)], **{k: v for k, v in value.items() if k not in DATE_KEYS}}
        return value
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return {"date-parts": [_ymd(v) for v in value]}
    if isinstance(value, int | str) and not isinstance(value, bool):
        return edtf(str(value))
    return value


def _ymd(d: dict[str, Any]) -> list[Any]:
    parts = []
    for k in DATE_KEYS:
        if k not in d:
            break
        v = d[k]
        parts.append(int(v) if isinstance(v, str) and v.isdigit() and len(v) <= 9 else v)
    return parts


def edtf(text: str) -> dict[str, Any]:
    """An EDTF date string as a CSL-JSON date object; text that is no EDTF date as ``{"raw": text}``."""
    sides = text.strip().split("/")
    parts: list[list[int]] = []
    circa = season = None
    for side in sides:
        m = EDTF_SIDE.fullmatch(side)
        if m is None or len(sides) > 2:
            return {"raw": text}
        year, month, day, mark = m.groups()
        part = [int(year)]
        if month is not None:
            mm = int(month)
            if 21 <= mm <= 24 and day is None and len(sides) == 1:
                season = mm - 20
            elif 1 <= mm <= 12:
                part.append(mm)
            else:
                return {"raw": text}
        if day is not None:
            dd = int(day)
            if not 1 <= dd <= 31:
                return {"raw": text}
            part.append(dd)
        if mark:
            circa = True
        parts.append(part)
    out: dict[str, Any] = {"date-parts": parts}
    if season is not None:
        out["season"] = season
    if circa:
        out["circa"] = True
    return out
