"""PubMed XML tables, as data for the reader: record and root elements, month and season words, publication
types -> CSL types. See ``docs/formats/pubmed-xml.md``.
"""

from __future__ import annotations

#: The record elements of a ``<PubmedArticleSet>``, streamed one at a time.
RECORD_TAGS = ("PubmedArticle", "PubmedBookArticle")
#: The roots (and DOCTYPE names) a PubMed XML document opens with.
ROOTS = frozenset({"PubmedArticleSet", "PubmedBookArticleSet", "PubmedArticle", "PubmedBookArticle"})

#: Month abbreviations (lower case) -> number; ``FULL_MONTHS`` the full names.
MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
#: Season words of ``<Season>`` and of a MedlineDate (lower case).
SEASONS = frozenset({"spring", "summer", "autumn", "fall", "winter"})

#: PublicationType -> CSL type, in order of precedence (the first one present decides).
TYPE_PRECEDENCE: tuple[tuple[str, str], ...] = (
    ("Preprint", "article"),
    ("Dataset", "dataset"),
    ("Congress", "paper-conference"),
    ("Book", "book"),
    ("Journal Article", "article-journal"),
)

#: Full month names (lower case) -> number.
FULL_MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november december".split(), 1
    )
}
