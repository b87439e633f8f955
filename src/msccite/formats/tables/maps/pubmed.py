"""PubMed "Save → Format: CSV" (``csv-<term>-set.csv``): a citation string instead of volume, issue, pages."""

NAME = "pubmed"
SIGNATURE = ("PMID", "Title", "Authors", "Citation", "Journal/Book")
NAMES = "auto"  # Vancouver: "Surname AB, Surname CD."
NAMES_END = "."  # the list's full stop: "Karelis AD." is initials AD
COLUMNS = {
    "PMID": "PMID",
    "Title": "title",
    "Authors": "author",
    "Citation": "citation",  # "Eur J Sport Sci. 2022 Jan 31;12(3):1-13. doi: 10.1080/... Online ahead of print."
    "First Author": "-first-author",  # the first of Authors again
    "Journal/Book": "container-title",
    "Publication Year": "issued",
    "PMCID": "PMCID",
    "DOI": "DOI",
}
