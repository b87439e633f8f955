"""Lens.org scholarly works "Export → CSV"."""

NAME = "lens"
SIGNATURE = ("Lens ID", "Title")
NAMES = ";"
ORDER = "given-first"
COLUMNS = {
    "Title": "title", "Date Published": "issued", "Publication Year": "issued", "Publication Type": "type",
    "Source Title": "container-title", "ISSNs": "ISSN", "Publisher": "publisher", "Source Country": "-country",
    "Author/s": "author", "Abstract": "abstract", "Volume": "volume", "Issue Number": "issue",
    "Start Page": "page-first", "End Page": "page-last", "DOI": "DOI", "PMID": "PMID", "PMCID": "PMCID",
    "Keywords": "keyword", "MeSH Terms": "keyword", "Source URLs": "URL", "External URL": "URL",
}  # fmt: skip
TYPES = {"journal article": "article-journal", "book chapter": "chapter", "book": "book",
         "conference proceedings article": "paper-conference", "dissertation": "thesis", "preprint": "article",
         "report": "report", "dataset": "dataset"}  # fmt: skip
