"""CSL-JSON: the citation data model of Zotero, pandoc and citeproc (an array of items, or one item).

Reader: parses the whole input (JSON cannot be streamed item by item with the standard
library; this is the one format that holds its file in memory), validates each item against
the official CSL-JSON schema (``data/csl-data.json``) and reports problems naming the item and
the field. Writer: schema-valid items, UTF-8 (not ASCII-escaped), keys in a stable order,
unique ids generated for records without one.

The package: ``read`` (detection, the reader, the schema and its check: :func:`validation_errors`, which the
CSL-YAML reader uses too) and ``write`` (the writer).
"""

from __future__ import annotations

from .read import (
    ALIASES,
    DESCRIPTION,
    EXTENSIONS,
    LINE_PIECES,
    NAME,
    READ_OPTIONS,
    RICH_TEXT,
    WHOLE_FILE,
    detect,
    read,
    schema,
    validation_errors,
)
from .write import write

__all__ = ["NAME", "ALIASES", "EXTENSIONS", "DESCRIPTION", "RICH_TEXT", "WHOLE_FILE", "LINE_PIECES", "READ_OPTIONS",
           "detect", "read", "write", "schema", "validation_errors"]  # fmt: skip
