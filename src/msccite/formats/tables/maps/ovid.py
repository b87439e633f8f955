"""Ovid (Embase, MEDLINE, PsycINFO via Ovid) CSV export: the Ovid field labels as headers, often Windows-1252.
Multi-valued cells hold one value a paragraph (a blank line between them)."""

NAME = "ovid"
SIGNATURE = ("TI", "SO", "AU", "DB")
NAMES = "\n"
ORDER = "family-first"
LIST_SEP = "\n"
COLUMNS = {
    "TI": "title", "AU": "author", "ED": "editor", "SO": "citation", "AB": "abstract", "PB": "publisher",
    "PM": "PMID", "DO": "DOI", "YR": "issued", "VO": "volume", "IP": "issue", "PG": "page", "JN": "container-title",
    "JA": "container-title-short", "IS": "ISSN", "IB": "ISBN", "LG": "language", "KW": "keyword", "MH": "keyword",
    "PT": "type", "UR": "URL", "CN": "trial-registrations", "XL": "URL",
}  # fmt: skip
TYPES = {"journal article": "article-journal", "article": "article-journal", "review": "article-journal",
         "conference abstract": "paper-conference", "book": "book", "chapter": "chapter"}  # fmt: skip
