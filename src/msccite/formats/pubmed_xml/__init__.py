"""PubMed XML: what NCBI E-utilities ``efetch.fcgi?db=pubmed&retmode=xml`` and PubMed's "Save > PubMed XML" give.

Read only. The records are the ``<PubmedArticle>`` and ``<PubmedBookArticle>`` elements of a
``<PubmedArticleSet>``; they are streamed one at a time (``xmlsafe.iter_elements``), so a file of
any size is read in constant memory. The parser expands no entity, loads no DTD (PubMed's
``<!DOCTYPE ... "https://dtd.nlm.nih.gov/...">`` is never fetched) and touches no network.

Quirks handled (``docs/formats/pubmed-xml.md``):

- inline markup in titles and abstracts (``<i>``, ``<sup>``, ``<sub>``, ``<b>``, MathML) is kept as
  its plain text, the text itself exactly as written;
- structured abstracts: one ``LABEL: text`` paragraph per ``<AbstractText Label=...>``, joined by
  line breaks, as PubMed shows them;
- ``<PubDate>`` as Year/Month/Day (month as number or name), Year + Season, or a free
  ``<MedlineDate>`` (``2019 Dec-2020 Jan``, ``2003 Jul-Aug``, ``1975-1976``) decoded into a range when
  possible, else kept raw;
- a DOI from ``<ArticleIdList>`` wins over one from ``<ELocationID>``; a different one is kept;
- an ``<ArticleTitle>`` that is empty or wholly in square brackets (PubMed's English translation,
  ``[Title].``) beside a ``<VernacularTitle>``: the title is the vernacular one, the translation the
  extra ``ArticleTitle``;
- no page from ``<Pagination>``: a ``pii`` ``<ELocationID>`` that is an article number (``e42692``,
  ``1042``) is the page (and stays the extra ``ELocationID/pii``);
- MeSH headings become keywords written as MEDLINE writes ``MH``: ``*Stem Cells/cytology``,
  ``Mesenchymal Stem Cells/*metabolism/pathology``;
- per-author data (affiliations, ORCID and other identifiers) are extras keyed with the author's
  1-based position: ``affiliation@2``, ``ORCID@2`` (``editor-affiliation@1`` for book editors);
- everything without a CSL variable (grants, chemicals, comments/corrections, history dates,
  publication status, references ...) is kept in file order as extras holding text or JSON-able
  dicts and lists.

``EXTENSIONS`` is empty: ``.xml`` belongs to EndNote XML, and detection tells the two apart by content.

The package: ``map`` (record elements, month and season words, publication types, as data) and ``read``
(detection, the reader).
"""

from __future__ import annotations

from .read import ALIASES, DESCRIPTION, EXTENSIONS, LINE_PIECES, NAME, detect, parse_medline_date, read

__all__ = ["NAME", "EXTENSIONS", "ALIASES", "DESCRIPTION", "LINE_PIECES", "detect", "read", "parse_medline_date"]
