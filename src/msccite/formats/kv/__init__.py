"""key | value dumps: a catalogue's staff view of its Solr record (VuFind's "Staff View"), as copied from the page.

The page renders the record as a two-column Markdown table, one ``key | value |`` line per field,
a ``---|---|`` line after the first row; a value may run over several lines (``Publicado: |`` ...
``|``). Such a dump often follows the page's own display table (labels ending in ``:``) and some
page text.

Reader (see ``docs/formats/kv.md``):

- a table is a record; a table whose keys are all display labels (``Formato:``), and text around
  the tables, are the page around the dump: skipped with a warning that names their lines;
- multi-valued fields may come as one line per value (as this writer writes them) or joined with
  spaces, as the staff view shows them: ``author`` is then split with the help of the fields that
  carry the same people (``work_keys_str_mv`` holds one ``AT <familygiven> <titlekey>`` per
  person, ``author_sort`` the first); ``url`` is split on spaces;
- PMID, PMCID and DOI come from the URLs (and ``doi_str_mv``); the journal abbreviation and the full
  publication date from ``spelling``, where VuFind keeps the MEDLINE record's text;
- VuFind/Solr fields are mapped to CSL variables (``title``, ``author``, ``publishDate``,
  ``container_title`` ...); every other field is kept as an extra, in file order.

Writer: one ``key | value |`` line per value, so that a dump, and any record, comes back whole;
values no field holds travel under ``csl:VARIABLE`` and ``format:key`` keys (``=json`` when the
value is not one line of text).

The package: ``map`` (the VuFind/Solr fields and formats, as data, and which fields only index the record),
``read`` (the reader) and ``write`` (the writer).
"""

from __future__ import annotations

from .map import is_index_field
from .read import ALIASES, DESCRIPTION, EXTENSIONS, NAME, detect, read
from .write import write

__all__ = ["NAME", "ALIASES", "EXTENSIONS", "DESCRIPTION", "detect", "read", "write", "is_index_field"]
