"""BibTeX (and BibLaTeX, read by the same reader): ``@article{key, author = {...}, ...}``.

Reader: every entry type of both; braced, quoted, numeric and macro values joined with ``#``;
``@string`` macros expanded (and the month macros); LaTeX decoded to Unicode; names by BibTeX's
rules (``and others`` kept as ``custom["truncated"]``). ``@preamble``, ``@comment``, ``@string``
and free text are kept, in order, as extras of the entry that follows them (after the last
entry: ``@end``), so a file is written back whole. Fields without a CSL variable are extras in
order; duplicate keys and fields are reported with their lines; a broken entry is reported and
the entries after it are read. ``crossref=True`` (read option) fills a child from its parent.

The package: ``parse`` (the tokenizer), ``names`` (BibTeX's name rules), ``fields`` (one field's
text <-> value), ``map`` (entry types and fields, as data), ``read`` (the reader) and ``write`` (the
writers: ``-t bibtex``; ``-t biblatex`` is its BibLaTeX flavour, :mod:`msccite.formats.biblatex`).
"""

from __future__ import annotations

from .read import ALIASES, DESCRIPTION, EXTENSIONS, NAME, detect, read, write

#: LaTeX holds CSL's rich-text marks (``\textit``, ``\textsuperscript``, braces for nocase).
RICH_TEXT = True
#: The keyword options of the reader (``msccite.read(path, crossref=True)``).
READ_OPTIONS = ("crossref",)

__all__ = ["NAME", "ALIASES", "EXTENSIONS", "DESCRIPTION", "RICH_TEXT", "READ_OPTIONS", "detect", "read", "write"]
