"""Any table whose header names its fields: msccite's own CSV/TSV/XLSX columns, the columns ASReview, Rayyan and
Covidence read and write, and CSL variable names. ``SIGNATURE`` is empty: this map reads any table."""

NAME = "generic"
SIGNATURE: tuple[str, ...] = ()
NAMES = "auto"
#: Header (any case) → field; CSL variable names (``container-title``, ``editor`` ...) are read as themselves too.
COLUMNS = {
    "id": "id", "citation-key": "id", "key": "id", "record_id": "-record-id",
    "type": "type", "item type": "type", "reference type": "type", "document type": "type",
    "title": "title", "primary_title": "title", "article title": "title", "ti": "title",
    "abstract": "abstract", "notes_abstract": "abstract", "ab": "abstract",
    "authors": "author", "author": "author", "author(s)": "author", "au": "author", "first_authors": "author",
    "year": "issued", "publication year": "issued", "published year": "issued", "py": "issued", "date": "issued",
    "month": "-month", "day": "-day",
    "journal": "container-title", "journal/book": "container-title", "source": "container-title",
    "secondary_title": "container-title", "publication title": "container-title",
    "journal abbreviation": "container-title-short",
    "volume": "volume", "issue": "issue", "pages": "page", "page": "page",
    "doi": "DOI", "pmid": "PMID", "pubmed id": "PMID", "pmcid": "PMCID", "url": "URL", "urls": "URL", "link": "URL",
    "keywords": "keyword", "keyword": "keyword", "tags": "keyword",
    "issn": "ISSN", "isbn": "ISBN", "publisher": "publisher", "language": "language", "notes": "note", "note": "note",
    "trial registrations": "trial-registrations", "registrations": "trial-registrations",
}  # fmt: skip
