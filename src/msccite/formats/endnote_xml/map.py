"""EndNote XML element and reference-type maps, as data shared by the reader and the writer.

Sources: EndNote's own "Export > XML" output (EndNote X7 to 21: element order, ``<style>`` wrappers,
``&#xD;`` line breaks), Mendeley Desktop's "EndNote XML" export, and the reference-type numbers
EndNote writes in ``<ref-type name="...">N</ref-type>``. See ``docs/formats/endnote-xml.md``.
"""

from __future__ import annotations

#: EndNote reference-type number -> its name, as EndNote writes them.
REF_TYPE_NAMES: dict[int, str] = {
    2: "Artwork", 3: "Audiovisual Material", 4: "Bill", 5: "Book Section", 6: "Book", 7: "Case", 8: "Catalog",
    9: "Computer Program", 10: "Conference Proceedings", 12: "Web Page", 13: "Generic", 14: "Hearing",
    17: "Journal Article", 19: "Magazine Article", 20: "Map", 21: "Film or Broadcast", 23: "Newspaper Article",
    24: "Pamphlet", 25: "Patent", 26: "Personal Communication", 27: "Report", 28: "Edited Book", 31: "Statute",
    32: "Thesis", 34: "Unpublished Work", 36: "Manuscript", 37: "Figure", 38: "Chart or Table", 39: "Equation",
    43: "Electronic Article", 44: "Electronic Book", 45: "Online Database", 46: "Government Document",
    47: "Conference Paper", 48: "Online Multimedia", 49: "Classical Work", 50: "Legal Rule or Regulation",
    51: "Ancient Text", 52: "Dictionary", 53: "Encyclopedia", 54: "Grant", 55: "Aggregated Database", 56: "Blog",
    57: "Serial", 58: "Standard", 59: "Dataset", 60: "Electronic Book Section", 61: "Music",
}  # fmt: skip

#: EndNote reference-type number -> CSL item type.
REF_TYPE_TO_CSL: dict[int, str] = {
    2: "graphic", 3: "motion_picture", 4: "bill", 5: "chapter", 6: "book", 7: "legal_case", 8: "document",
    9: "software", 10: "paper-conference", 12: "webpage", 13: "document", 14: "hearing", 17: "article-journal",
    19: "article-magazine", 20: "map", 21: "motion_picture", 23: "article-newspaper", 24: "pamphlet", 25: "patent",
    26: "personal_communication", 27: "report", 28: "book", 31: "legislation", 32: "thesis", 34: "manuscript",
    36: "manuscript", 37: "figure", 38: "figure", 39: "document", 43: "article", 44: "book", 45: "dataset",
    46: "report", 47: "paper-conference", 48: "webpage", 49: "classic", 50: "regulation", 51: "classic",
    52: "entry-dictionary", 53: "entry-encyclopedia", 54: "document", 55: "dataset", 56: "post-weblog",
    57: "periodical", 58: "standard", 59: "dataset", 60: "chapter", 61: "musical_score",
}  # fmt: skip

#: CSL item type -> the EndNote reference type written. CSL types missing here are written as
#: 13 Generic with ``[csl:type] ...`` in the notes, and read back as such.
CSL_TO_REF_TYPE: dict[str, int] = {
    "article-journal": 17, "book": 6, "chapter": 5, "paper-conference": 47, "thesis": 32, "report": 27,
    "webpage": 12, "document": 13, "article": 43, "dataset": 59, "patent": 25, "article-magazine": 19,
    "article-newspaper": 23, "graphic": 2, "motion_picture": 21, "bill": 4, "legal_case": 7, "software": 9,
    "hearing": 14, "map": 20, "pamphlet": 24, "personal_communication": 26, "legislation": 31,
    "manuscript": 36, "figure": 37, "classic": 49, "regulation": 50, "entry-dictionary": 52,
    "entry-encyclopedia": 53, "post-weblog": 56, "periodical": 57, "standard": 58, "musical_score": 61,
}  # fmt: skip

#: Types whose container is a periodical: the writer adds ``<periodical>`` for them, as EndNote does.
PERIODICAL_TYPES = frozenset({"article-journal", "article-magazine", "article-newspaper", "article"})

#: ``<contributors>`` children -> CSL name variable.
NAME_GROUPS: dict[str, str] = {
    "authors": "author", "secondary-authors": "editor", "tertiary-authors": "collection-editor",
    "subsidiary-authors": "translator",
}  # fmt: skip

#: ``<titles>`` children -> CSL variable.
TITLE_ELEMENTS: dict[str, str] = {
    "title": "title", "secondary-title": "container-title", "tertiary-title": "collection-title",
    "alt-title": "container-title-short", "short-title": "title-short",
}  # fmt: skip

#: Record-level text elements -> CSL variable (one value each).
TEXT_ELEMENTS: dict[str, str] = {
    "pages": "page", "volume": "volume", "number": "issue", "num-vols": "number-of-volumes",
    "edition": "edition", "section": "section", "pub-location": "publisher-place", "publisher": "publisher",
    "call-num": "call-number", "electronic-resource-num": "DOI", "abstract": "abstract",
    "research-notes": "annote", "work-type": "genre", "reviewed-item": "reviewed-title",
    "remote-database-name": "source", "language": "language",
}  # fmt: skip

#: Element order inside each container, as EndNote writes it.
CHILD_ORDER: dict[str, tuple[str, ...]] = {
    "contributors": ("authors", "secondary-authors", "tertiary-authors", "subsidiary-authors", "translated-authors"),
    "titles": ("title", "secondary-title", "tertiary-title", "alt-title", "short-title", "translated-title"),
    "periodical": ("full-title", "abbr-1", "abbr-2", "abbr-3"),
    "alt-periodical": ("full-title", "abbr-1", "abbr-2", "abbr-3"),
    "dates": ("year", "pub-dates", "copyright-dates"),
    "urls": ("web-urls", "related-urls", "pdf-urls", "text-urls", "image-urls"),
}

#: Elements holding a list of items, and the item element's tag.
ITEM_TAG: dict[str, str] = {
    "authors": "author", "secondary-authors": "author", "tertiary-authors": "author",
    "subsidiary-authors": "author", "translated-authors": "author", "keywords": "keyword", "pub-dates": "date",
    "copyright-dates": "date", "web-urls": "url", "related-urls": "url", "pdf-urls": "url", "text-urls": "url",
    "image-urls": "url",
}  # fmt: skip

#: Item groups read into a variable: an item there comes back as an extra only if empty or foreign.
MAPPED_GROUPS = frozenset(
    {"keywords", "urls/related-urls", "urls/web-urls"}
    | {f"contributors/{g}" for g in ("authors", "secondary-authors", "tertiary-authors", "subsidiary-authors")}
)

#: Record-level element order of EndNote's own export (EndNote 17-21); unknown elements go last.
RECORD_ORDER: tuple[str, ...] = (
    "database", "source-app", "rec-number", "foreign-keys", "ref-type", "contributors", "auth-address",
    "auth-affiliaton", "titles", "periodical", "alt-periodical", "pages", "volume", "number", "issue",
    "secondary-volume", "secondary-issue", "num-vols", "edition", "section", "reprint-edition", "reprint-status",
    "keywords", "dates", "pub-location", "publisher", "orig-pub", "isbn", "accession-num", "call-num", "report-id",
    "coden", "abstract", "label", "image", "caption", "notes", "work-type", "reviewed-item", "availability",
    "remote-source", "meeting-place", "work-location", "work-extent", "pack-method", "size", "repro-ratio", "urls",
    "custom1", "custom2", "custom3", "custom4", "custom5", "custom6", "custom7", "electronic-resource-num",
    "remote-database-name", "remote-database-provider", "research-notes", "language", "access-date",
    "modified-date", "misc1", "misc2", "misc3",
)  # fmt: skip

#: Elements EndNote writes without a ``<style>`` wrapper (identifiers of the library and the record).
UNSTYLED = frozenset({"database", "source-app", "rec-number", "ref-type", "key", "foreign-keys", "pdf-urls"})

#: The ``<style>`` wrapper EndNote puts around text.
STYLE_ATTRIBUTES = {"face": "normal", "font": "default", "size": "100%"}
