"""CSL YAML: the ``references:`` list pandoc, Quarto and R Markdown read (in a YAML file, or in a Markdown
file's metadata block), read and written.

It is CSL-JSON in YAML: the reader turns each item into the CSL-JSON item it stands for and hands it to what the
CSL-JSON reader does with one (the schema check, :meth:`Record.from_csl`); the writer writes the CSL-JSON
writer's items. What differs is pandoc's: text values are Markdown (``*In vivo*`` for ``<i>In vivo</i>``), dates
may be EDTF strings (``issued: 2019-05-03``, read; ``date-parts`` written).

The package: ``map`` (what is text, the YAML scalars, as data), ``markdown`` (CSL rich text <-> pandoc Markdown),
``yamlio`` (PyYAML's safe loader and dumper, libyaml's when present), ``read`` and ``write``. See
``docs/formats/csl-yaml.md``.
"""

from __future__ import annotations

from .read import ALIASES, DESCRIPTION, EXTENSIONS, NAME, detect, read
from .write import write

#: CSL's rich-text marks, as Markdown in the file.
RICH_TEXT = True
#: YAML is read whole (one document can only be parsed as a whole).
WHOLE_FILE = True
#: The keyword options of the reader: ``validate=False`` skips the schema check of each item.
READ_OPTIONS = ("validate",)

__all__ = [
    "NAME",
    "ALIASES",
    "EXTENSIONS",
    "DESCRIPTION",
    "RICH_TEXT",
    "WHOLE_FILE",
    "READ_OPTIONS",
    "detect",
    "read",
    "write",
]
