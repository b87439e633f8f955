"""OpenAlex works CSV (openalex.org's export): dotted column names, ``|`` between the values of a list."""

NAME = "openalex"
SIGNATURE = ("id", "display_name", "authorships.author.display_name")
NAMES = "|"
ORDER = "given-first"
LIST_SEP = "|"
COLUMNS = {
    "display_name": "title", "title": "title", "authorships.author.display_name": "author", "abstract": "abstract",
    "publication_date": "issued", "publication_year": "-year", "doi": "DOI", "ids.pmid": "PMID", "ids.pmcid": "PMCID",
    "primary_location.source.display_name": "container-title", "primary_location.source.issn_l": "ISSN",
    "primary_location.source.issn": "ISSN", "biblio.volume": "volume", "biblio.issue": "issue",
    "biblio.first_page": "page-first", "biblio.last_page": "page-last", "language": "language",
    "primary_location.landing_page_url": "URL", "type": "type", "keywords.display_name": "keyword",
}  # fmt: skip
TYPES = {"article": "article-journal", "review": "article-journal", "letter": "article-journal",
         "editorial": "article-journal", "book-chapter": "chapter", "book": "book", "dissertation": "thesis",
         "preprint": "article", "dataset": "dataset", "report": "report", "paratext": "document",
         "erratum": "article-journal", "proceedings-article": "paper-conference"}  # fmt: skip
