"""ScienceGate listing words, as data for the reader: document types and the site's furniture.

See ``docs/formats/sciencegate.md``.
"""

from __future__ import annotations

#: Document types ScienceGate writes before a title -> CSL type (only multi-word ones: a title may start "Books").
DOC_TYPES: dict[str, str] = {
    "scholarly journals": "article-journal",
    "conference papers": "paper-conference",
    "conference proceedings": "paper-conference",
    "book chapters": "chapter",
}
#: Lines of the site around the results (matched case-insensitively, whole line).
CHROME: frozenset[str] = frozenset(
    s.casefold()
    for s in (
        "Sign in / Sign up", "Sign in", "Sign up", "Export Citation Format", "Share Document", "Share",
        "Download Full-text", "Download PDF", "Cited By", "Related Documents", "Related Keywords",
        "Load More", "Show More", "Search Results", "Advanced Search", "Filter", "Sort by", "Relevance",
    )
)  # fmt: skip
