"""One module per format, each with the same small surface (see :mod:`msccite.registry`).

:data:`MODULES` is the registry's list, in detection order: a format listed earlier wins a tie
in detection scores. Adding a format: a new module here and one line below.
"""

MODULES: tuple[str, ...] = (
    "csl_json",
    "ris",
    "medline",
    "kv",
    "wos",
    "endnote",
    "endnote_xml",
    "pubmed_xml",
    "bibtex",
    "biblatex",
    "vufind",
    "sciencegate",
    "ablesci",
    "ctgov",
    "ictrp",
    "cochrane",
    "eppi",
    "tables",
    "tables.tsv",
    "tables.xlsx",
)
