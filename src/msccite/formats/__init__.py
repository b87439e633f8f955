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
    "biblatex",  # before bibtex: a file with BibLaTeX-only fields scores the same for both, and the earlier wins
    "bibtex",
    "vufind",
    "sciencegate",
    "ablesci",
    "ctgov",
    "ictrp",
    "cochrane",
    "eppi",
    "mods",
    "word_xml",
    "refworks",
    "ovid",
    "csl_yaml",
    "citavi",
    "tables",
    "tables.tsv",
    "tables.xlsx",
)

#: The highest score a format's ``detect`` gives, when above :data:`DEFAULT_BOUND` (MEDLINE's 0.97 for PubMed's
#: ``.ris`` download, which RIS also takes at 0.95). Detection stops once no later format can score higher.
DEFAULT_BOUND = 0.95
DETECT_BOUND: dict[str, float] = {"medline": 0.97}
#: Format names that are not their module's name (``csl-json`` is in ``csl_json``: found without this table).
MODULE_OF: dict[str, str] = {"csv": "tables", "tsv": "tables.tsv", "xlsx": "tables.xlsx"}
#: The module of common file extensions (``-o refs.bib``), so that naming an output imports one format (no other
#: format may have an extension that ends so: tests/test_registry.py).
EXTENSION_OF: dict[str, str] = {".bib": "bibtex", ".ris": "ris", ".json": "csl_json", ".nbib": "medline",
                                ".enw": "endnote", ".csv": "tables", ".tsv": "tables.tsv", ".xlsx": "tables.xlsx"}
