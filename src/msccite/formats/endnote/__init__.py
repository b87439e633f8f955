"""EndNote tagged / Refer format (``.enw``): ``%0 Journal Article``, ``%A Family, Given`` ... Read and write.

Reader (see ``docs/formats/endnote.md``): records start with ``%0`` (the reference type) and are
separated by blank lines; a line that does not start with ``%x `` continues the previous value
(joined with a line break; blank lines inside a value are kept when untagged text follows them).
Classic Refer records without ``%0`` are read too (the type is guessed from ``%J``/``%B``/``%I``, a
warning). A BOM and CRLF are accepted. ``%K``, ``%U``, ``%@`` and the name tags hold one value per
line, whether on repeated tags or on continuation lines. ``%@`` is an ISSN or an ISBN by its shape.
``%D`` (year) and ``%8`` (date: ``Dec 2``, ``December 2, 2019``, ``2019-12-02`` ...) make ``issued``.
Names: ``Family, Given[, Suffix]``; EndNote's corporate form ``Name,`` (a trailing comma, with ``,,``
for a comma inside the name) and a name without any comma are kept whole (``literal``). A tag the
model has no variable for, a repeated single tag, an empty tag: kept as extras, in order.

Writer: EndNote tagged as EndNote imports it (``%0`` first, one blank line between records, one
``%A`` per person, continuation lines for multi-line values). What has no tag, or cannot be
written in its tag without changing on the way back, travels in ``%Z`` notes the reader turns back
into data: ``[csl:VAR] value``, ``[csl:VAR=json] <json>`` (replaces what the tags said),
``[csl:custom] <json>``, ``[format:key] value`` for extras of other formats. So
``read(write(r)) == r``.

The package: ``map`` (reference types and tags, as data), ``read`` (detection and the reader) and ``write``
(the writer).
"""

from __future__ import annotations

from .read import ALIASES, DESCRIPTION, EXTENSIONS, NAME, detect, parse_name, read
from .write import render_name, write

__all__ = ["NAME", "ALIASES", "EXTENSIONS", "DESCRIPTION", "detect", "read", "write", "parse_name", "render_name"]
