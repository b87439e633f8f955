"""Scopus "Export → CSV" (every column set since 2016; ``Author full names`` from 2023)."""

NAME = "scopus"
SIGNATURE = ("Authors", "Title", "Source title")
NAMES = "auto"  # 2016-2022 "Yagai T., Kimura Y."; 2023+ "Yagai T.; Kimura Y."
#: Scopus writes Funding Text 2, 3 ... in the rows of records with several, but only "Funding Text 1" in the header.
REPEATED = ("Funding Text 1",)
COLUMNS = {
    "Authors": "author",
    "Author full names": "author-full",  # "Surname, Given (ScopusID)": the same names in full, read instead
    "Title": "title",
    "Year": "issued",
    "Source title": "container-title",
    "Abbreviated Source Title": "container-title-short",
    "Volume": "volume",
    "Issue": "issue",
    "Art. No.": "article-number",
    "Page start": "page-first",
    "Page end": "page-last",
    "Page count": "number-of-pages",
    "DOI": "DOI",
    "Link": "URL",
    "Abstract": "abstract",
    "Author Keywords": "keyword",
    "Index Keywords": "keyword",
    "Editors": "editor",
    "Publisher": "publisher",
    "Conference name": "event-title",
    "Conference location": "event-place",
    "ISSN": "ISSN",
    "ISBN": "ISBN",
    "PubMed ID": "PMID",
    "Language of Original Document": "language",
    "Document Type": "type",
}
TYPES = {
    "article": "article-journal", "review": "article-journal", "letter": "article-journal",
    "editorial": "article-journal", "note": "article-journal", "short survey": "article-journal",
    "erratum": "article-journal", "article in press": "article-journal", "data paper": "article-journal",
    "conference paper": "paper-conference", "conference review": "paper-conference",
    "book chapter": "chapter", "book": "book", "retracted": "article-journal",
}  # fmt: skip
