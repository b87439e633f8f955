"""CSL YAML as data: which values are text (Markdown in the file), and the YAML scalars read as numbers.

CSL YAML is CSL-JSON written in YAML (the ``references:`` list of pandoc, Quarto, R Markdown), the variables
and their values those of CSL-JSON. Two things differ, both pandoc's: every text value is Markdown (see
:mod:`.markdown`), and a date may be an EDTF string (``issued: 2019-05-03``) besides CSL-JSON's ``date-parts``.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Item keys whose value is no text: never Markdown (pandoc reads them as they are).
NOT_TEXT: frozenset[str] = frozenset({"id", "type", "custom", "categories"})

#: The YAML 1.2 core scalars the reader takes for what they are (a subset of YAML 1.1's, which PyYAML's writer
#: quotes when a string looks like one, so that every string written comes back a string): ``true``/``false``,
#: ``null``/``~``/nothing, decimal integers, decimal fractions. Everything else plain is a string: ``yes``, ``no``,
#: ``on``, ``off``, ``0123``, ``1_000``, ``1:30``, ``2019-05-03`` are text, as pandoc and CSL mean them.
BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
FLOAT = re.compile(r"^[-+]?[0-9]+\.[0-9]*(?:[eE][-+][0-9]+)?$")

#: An EDTF date (Level 0 and 1: ``2019``, ``2019-05``, ``2019-05-03``, seasons ``2019-21`` to ``-24``, ``~`` and
#: ``?`` for an approximate or uncertain date, ``/`` for a range) as pandoc writes and reads them.
EDTF_SIDE = re.compile(r"(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%]?)")
#: pandoc's older CSL YAML: a date as a list of ``{year, month, day}`` (two for a range).
DATE_KEYS: tuple[str, ...] = ("year", "month", "day")


@lru_cache(maxsize=1)
def text_only() -> frozenset[str]:
    """The CSL variables whose value is text only (``PMID``, ``title``, ``DOI`` ...; ``volume``, ``page`` may be
    numbers): a YAML number under one is its text (``PMID: 33463067``, as pandoc writes it, is ``"33463067"``)."""
    from ..csl_json import schema

    props = schema()["items"]["properties"]
    return frozenset(k for k, v in props.items() if v.get("type") == "string")
