"""EndNote tagged (Refer) tag and type maps, shared by the reader and the writer (``docs/formats/endnote.md``).

Sources: EndNote's reference-type table (the generic field of each tag), the ``.enw`` files PubMed,
Google Scholar and publishers (MDPI, Elsevier) serve, and what EndNote itself exports as "EndNote tagged".
"""

from __future__ import annotations

#: ``%0`` reference type -> CSL type.
TYPE_TO_CSL: dict[str, str] = {
    "Generic": "document", "Journal Article": "article-journal", "Electronic Article": "article-journal",
    "Book": "book", "Edited Book": "book", "Electronic Book": "book", "Book Section": "chapter",
    "Electronic Book Section": "chapter", "Conference Proceedings": "paper-conference",
    "Conference Paper": "paper-conference", "Thesis": "thesis", "Report": "report",
    "Government Document": "report", "Web Page": "webpage", "Dataset": "dataset", "Patent": "patent",
    "Magazine Article": "article-magazine", "Newspaper Article": "article-newspaper",
    "Computer Program": "software", "Map": "map", "Artwork": "graphic", "Figure": "figure",
    "Chart or Table": "figure", "Film or Broadcast": "motion_picture", "Audiovisual Material": "motion_picture",
    "Case": "legal_case", "Bill": "bill", "Statute": "legislation", "Hearing": "hearing",
    "Legal Rule or Regulation": "regulation", "Manuscript": "manuscript", "Unpublished Work": "manuscript",
    "Personal Communication": "personal_communication", "Interview": "interview",
    "Dictionary": "entry-dictionary", "Encyclopedia": "entry-encyclopedia", "Classical Work": "classic",
    "Ancient Text": "classic", "Pamphlet": "pamphlet", "Standard": "standard", "Serial": "periodical",
    "Music": "musical_score", "Blog": "post-weblog", "Aggregated Database": "dataset",
    "Online Database": "dataset", "Online Multimedia": "webpage", "Grant": "document", "Catalog": "document",
    "Equation": "document",
}  # fmt: skip

#: CSL type -> ``%0`` written; each maps back to the same CSL type. CSL types missing here are written
#: as ``Generic`` with ``%Z [csl:type] ...``.
CSL_TO_TYPE: dict[str, str] = {
    "document": "Generic", "article-journal": "Journal Article", "book": "Book", "chapter": "Book Section",
    "paper-conference": "Conference Proceedings", "thesis": "Thesis", "report": "Report", "webpage": "Web Page",
    "dataset": "Dataset", "patent": "Patent", "article-magazine": "Magazine Article",
    "article-newspaper": "Newspaper Article", "software": "Computer Program", "map": "Map", "graphic": "Artwork",
    "figure": "Figure", "motion_picture": "Film or Broadcast", "legal_case": "Case", "bill": "Bill",
    "legislation": "Statute", "hearing": "Hearing", "regulation": "Legal Rule or Regulation",
    "manuscript": "Manuscript", "personal_communication": "Personal Communication", "interview": "Interview",
    "entry-dictionary": "Dictionary", "entry-encyclopedia": "Encyclopedia", "classic": "Classical Work",
    "pamphlet": "Pamphlet", "standard": "Standard", "periodical": "Serial", "musical_score": "Music",
    "post-weblog": "Blog",
}  # fmt: skip

#: Types whose ``%J`` is the container (periodicals); the others use ``%B`` (secondary title).
JOURNAL_TYPES = frozenset({"article-journal", "article-magazine", "article-newspaper", "periodical"})

#: Types whose ``%N`` is a report/patent/bill number (``number``), not an issue.
NUMBER_TYPES = frozenset({"report", "patent", "bill", "legislation", "regulation", "standard"})

#: Name tags -> CSL name variable.
NAME_TAGS: dict[str, str] = {"%A": "author", "%E": "editor", "%Y": "collection-editor", "%?": "translator"}

#: Multi-valued tags -> CSL list variable; ``%@`` is decided per value (ISSN or ISBN).
LIST_TAGS: dict[str, str] = {"%K": "keyword", "%U": "URL", "%Z": "note", "%@": "ISSN"}

#: List tags whose continuation lines are further values (EndNote writes one keyword a line).
SPLIT_LINES = frozenset({"%K", "%U", "%@"})

#: Single-valued tags -> CSL variable. ``%J``/``%B`` share ``container-title`` (the first one wins);
#: ``%N`` is ``issue`` or ``number`` by type; ``%D`` + ``%8`` make ``issued``.
SINGLE_TAGS: dict[str, str] = {
    "%T": "title", "%J": "container-title", "%B": "container-title", "%O": "container-title-short",
    "%!": "title-short",
    "%S": "collection-title", "%V": "volume", "%N": "issue", "%P": "page", "%&": "section", "%7": "edition",
    "%I": "publisher", "%C": "publisher-place", "%R": "DOI", "%X": "abstract", "%L": "call-number",
    "%G": "language", "%9": "genre", "%~": "source", "%6": "number-of-volumes", "%*": "reviewed-title",
}  # fmt: skip

DATE_TAGS = ("%D", "%8")

#: ``%M`` (Accession Number) holds a PubMed id when it is one (EndNote's PubMed import puts it there;
#: the rule is RIS's ``AN``, ``ris.map.PMID_IN_AN``), else the record's archive location; ``%2``
#: (Custom 2) holds the PMCID when it looks like one, as EndNote's PubMed import writes it.
VALUE_TAGS: dict[str, str] = {"%M": "archive_location", "%2": "PMCID"}

#: Order in which the writer emits variables (``%0`` first; extras and ``%Z`` carriers last).
WRITE_ORDER: tuple[str, ...] = (
    "author", "title", "container-title", "container-title-short", "editor", "collection-title",
    "collection-editor", "translator", "title-short", "volume", "issue", "number", "page", "section", "edition",
    "number-of-volumes", "ISSN", "ISBN", "issued", "publisher", "publisher-place", "DOI", "URL", "keyword",
    "abstract", "language", "genre", "call-number", "source", "reviewed-title", "archive_location", "PMID", "PMCID",
    "note",
)  # fmt: skip
