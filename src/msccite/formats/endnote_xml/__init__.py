"""EndNote XML: EndNote's "File > Export > XML" and Mendeley's "EndNote XML" export (``<xml><records><record>``).

Reader: one ``<record>`` at a time, streamed with ``xmlsafe.iter_elements`` (no entity expansion, no
DTD, no network). Quirks handled (``docs/formats/endnote-xml.md``):

- text wrapped in ``<style face=... font=... size=...>`` elements (EndNote), several per field when
  part of it is italic or superscript (their texts are joined), or bare (Mendeley, hand-made files);
- EndNote's line breaks, ``&#xD;`` (a carriage return), become ``\\n``; the writer turns them back;
- several ISSN/ISBN in one ``<isbn>`` separated by line breaks, told apart by their shape;
- corporate authors written with a trailing comma (``World Health Organization,``), EndNote's rule;
- ``<pub-dates><date>`` as ``Dec 2``, ``2019/12/02``, ``12/25/2019`` (only where day and month cannot be
  confused) together with ``<year>``; anything else stays an extra, an odd year a raw date;
- ``<accession-num>`` is a PMID when it is a number and the record says it came from PubMed
  (``<remote-database-provider>NLM``, or a database name with PubMed/MEDLINE); else ``archive_location``;
- ``<custom2>`` holding ``PMC...`` is the PMCID, where EndNote's PubMed import puts it;
- ``<periodical>``/``<alt-periodical>`` titles that repeat ``<secondary-title>``/``<alt-title>`` are
  merged; different ones are kept;
- an unknown ``<ref-type>`` number or name is kept as a hint (``rec.keys["type"]``) and written back.

Everything else (database, source-app, rec-number, foreign-keys, custom fields, labels, PDF links,
author addresses ...) is kept in file order as extras (text, or a JSON-able dict for elements with
attributes or children) and written back in EndNote's element order.

Writer: what EndNote imports: EndNote's element order and ``<style face="normal" font="default"
size="100%">`` wrappers, one record per line. Values EndNote XML has no element for travel in
``<notes>`` as lines ``[csl:VARIABLE] value``, ``[format:key] value`` or ``[format:key=json] <json>``,
and are read back from there.

The package: ``map`` (reference types and elements, as data), ``read`` (detection, the reader and the small
pieces the writer shares: names, dates, element values) and ``write`` (the writer).
"""

from __future__ import annotations

from .read import ALIASES, DESCRIPTION, EXTENSIONS, LINE_PIECES, NAME, detect, issued_from, name_text, parse_name, read
from .write import write

__all__ = ["NAME", "EXTENSIONS", "ALIASES", "DESCRIPTION", "LINE_PIECES", "detect", "read", "write", "parse_name",
           "name_text", "issued_from"]  # fmt: skip
