"""The CSL YAML writer (see ``docs/formats/csl-yaml.md``).

Output: one YAML document between ``---`` and ``...``, a ``references:`` list of CSL items, as pandoc writes
them: the item of the CSL-JSON writer (:meth:`Record.to_csl`, the same ids), its text values as pandoc Markdown
(:func:`.markdown.to_markdown`), dates as ``date-parts`` in flow style (``issued: {date-parts: [[2019, 5, 3]]}``),
names and lists in block style. The file is YAML (``--bibliography refs.yaml``, ``--metadata-file``) and, as it
stands, a Markdown metadata block: a document pandoc renders with these references is the file itself.
Written item by item (streaming).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from ...context import WriteContext
from ...model import DATE_SET, NAME_SET, Record
from .map import NOT_TEXT
from .markdown import to_markdown

__all__ = ["write", "to_yaml_item"]

WIDTH = 100  # long values fold over lines (YAML reads the fold back as a space; a line break stays a break)


def to_yaml_item(item: dict[str, Any]) -> dict[str, Any]:
    """A CSL-JSON item as the CSL YAML item pandoc reads into it: text as Markdown, date parts in flow style."""
    from .yamlio import Flow  # PyYAML is imported when a YAML file is read or written, not to detect one

    out: dict[str, Any] = {}
    for key, value in item.items():
        if key in NOT_TEXT:
            out[key] = value
        elif key in NAME_SET and isinstance(value, list):
            out[key] = [{k: to_markdown(v) if isinstance(v, str) else v for k, v in n.items()}
                        if isinstance(n, dict) else n for n in value]  # fmt: skip
        elif key in DATE_SET and isinstance(value, dict):
            out[key] = {k: Flow(Flow(p) for p in v) if k == "date-parts" and isinstance(v, list) else v
                        for k, v in value.items()}  # fmt: skip
        elif isinstance(value, str):
            out[key] = to_markdown(value)
        else:
            out[key] = value
    return out


def _dump(item: dict[str, Any]) -> str:
    import yaml

    from .yamlio import Dumper, PyDumper

    options = {"allow_unicode": True, "sort_keys": False, "default_flow_style": False, "width": WIDTH}
    try:
        return yaml.dump([item], Dumper=Dumper, **options)
    except (UnicodeEncodeError, yaml.YAMLError):  # libyaml refuses a lone surrogate: the Python emitter escapes it
        return yaml.dump([item], Dumper=PyDumper, **options)


def write(records: Iterable[Record], out: TextIO, ctx: WriteContext) -> None:
    """Write records as a CSL YAML document, one item after another."""
    keys = ctx.keys
    out.write("---\nreferences:")
    first = True
    for rec in records:
        ctx.records += 1
        item = rec.to_csl(carriers=ctx.lossless, left_out=ctx.omitted)
        item["id"] = keys.key_for(rec) if rec.id is None else keys.own(rec.id)
        out.write("\n" + _dump(to_yaml_item(item)).rstrip("\n"))
        first = False
    out.write(" []\n...\n" if first else "\n...\n")
