"""Tables whose columns are BibTeX's fields (``ID``, ``ENTRYTYPE``, ``author``, ``journal``, ``number`` …): what
CoLRev, bib-dedupe and bibtexparser-to-pandas scripts write, and the labelled de-duplication sets are shared as.
Names are BibTeX's (``Zhai, Q. J. and Yue, X. Y.``), ``number`` is the issue, ``UNKNOWN`` (CoLRev's mark of a
field it looked for and did not find) is no value."""

from ...bibtex.map import ENTRY_TO_CSL

NAME = "bibtex-columns"
SIGNATURE = ("ID", "ENTRYTYPE")
NAMES = "bibtex"
#: Cells that mean "no value" in these tables, on top of the empty cell and ``NA``.
NO_VALUE = ("UNKNOWN",)
COLUMNS = {
    "ID": "id", "ENTRYTYPE": "type", "title": "title", "author": "author", "editor": "editor",
    "year": "issued", "date": "issued", "month": "-month",
    "journal": "container-title", "journaltitle": "container-title", "booktitle": "container-title",
    "series": "collection-title", "volume": "volume", "number": "issue", "issue": "issue", "pages": "page",
    "doi": "DOI", "pmid": "PMID", "pmcid": "PMCID", "url": "URL", "abstract": "abstract", "keywords": "keyword",
    "issn": "ISSN", "isbn": "ISBN", "publisher": "publisher", "address": "publisher-place",
    "school": "publisher", "institution": "publisher", "language": "language", "note": "note", "edition": "edition",
}  # fmt: skip
TYPES = ENTRY_TO_CSL
