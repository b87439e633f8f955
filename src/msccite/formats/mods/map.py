"""MODS element and vocabulary maps, as data shared by the reader and the writer.

Sources: the MODS 3.8 schema and User Guidelines (Library of Congress), the MARC relator and genre term
lists, and the mapping Zotero's ``MODS.js`` translator uses (its item types are given here as the CSL types
Zotero's own CSL mapping gives them). See ``docs/formats/mods.md``.
"""

from __future__ import annotations

import re

#: The MODS namespace (MODS 3.x); a file without a namespace is read the same way.
NS = "http://www.loc.gov/mods/v3"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_NS = "http://www.w3.org/XML/1998/namespace"
#: Attribute namespaces written as a prefix in an extra's keys (``@xlink:href``); others in Clark notation.
ATTR_PREFIXES = {XLINK: "xlink", XML_NS: "xml"}
SCHEMA_LOCATION = f"{NS} http://www.loc.gov/standards/mods/v3/mods-3-8.xsd"
VERSION = "3.8"

#: Zotero item type -> CSL type (Zotero's CSL mapping; ``genre authority="local"`` holds Zotero's type names).
ZOTERO_TO_CSL: dict[str, str] = {
    "artwork": "graphic", "audioRecording": "song", "bill": "bill", "blogPost": "post-weblog", "book": "book",
    "bookSection": "chapter", "case": "legal_case", "computerProgram": "software",
    "conferencePaper": "paper-conference", "dataset": "dataset", "dictionaryEntry": "entry-dictionary",
    "document": "document", "email": "personal_communication", "encyclopediaArticle": "entry-encyclopedia",
    "film": "motion_picture", "forumPost": "post", "hearing": "hearing", "instantMessage": "personal_communication",
    "interview": "interview", "journalArticle": "article-journal", "letter": "personal_communication",
    "magazineArticle": "article-magazine", "manuscript": "manuscript", "map": "map",
    "newspaperArticle": "article-newspaper", "patent": "patent", "podcast": "song", "preprint": "article",
    "presentation": "speech", "radioBroadcast": "broadcast", "report": "report", "standard": "standard",
    "statute": "legislation", "thesis": "thesis", "tvBroadcast": "broadcast", "videoRecording": "motion_picture",
    "webpage": "webpage",
}  # fmt: skip

#: CSL type -> the ``<genre authority="local">`` the writer gives it: Zotero's type name where Zotero has one
#: that maps back to the same CSL type, else the CSL type itself (both are read back).
CSL_TO_LOCAL: dict[str, str] = {
    "graphic": "artwork", "song": "audioRecording", "bill": "bill", "post-weblog": "blogPost", "book": "book",
    "chapter": "bookSection", "legal_case": "case", "software": "computerProgram",
    "paper-conference": "conferencePaper", "dataset": "dataset", "entry-dictionary": "dictionaryEntry",
    "document": "document", "personal_communication": "letter", "entry-encyclopedia": "encyclopediaArticle",
    "motion_picture": "film", "post": "forumPost", "hearing": "hearing", "interview": "interview",
    "article-journal": "journalArticle", "article-magazine": "magazineArticle", "manuscript": "manuscript",
    "map": "map", "article-newspaper": "newspaperArticle", "patent": "patent", "article": "preprint",
    "speech": "presentation", "broadcast": "radioBroadcast", "report": "report", "standard": "standard",
    "legislation": "statute", "thesis": "thesis", "webpage": "webpage",
}  # fmt: skip

#: MARC genre terms (``authority="marcgt"``/``"marc"``) -> CSL type: Zotero's ``fromMarcGenre``.
MARC_GENRE_TO_CSL: dict[str, str] = {
    "art reproduction": "graphic", "article": "article-journal", "autobiography": "book", "bibliography": "book",
    "biography": "book", "book": "book", "chart": "graphic", "comic or graphic novel": "book", "comic": "book",
    "graphic novel": "book", "comic strip": "graphic", "conference publication": "paper-conference",
    "dictionary": "entry-dictionary", "diorama": "graphic", "drama": "book", "encyclopedia": "entry-encyclopedia",
    "festschrift": "book", "fiction": "book", "filmstrip": "motion_picture", "folktale": "book",
    "government publication": "book", "graphic": "graphic", "globe": "map", "handbook": "book", "history": "book",
    "hymnal": "book", "humor,satire": "book", "humor": "book", "satire": "book", "journal": "article-journal",
    "kit": "graphic", "law report or digest": "article-journal", "law report": "article-journal",
    "digest": "article-journal", "law digest": "article-journal", "legal article": "article-journal",
    "legal case and case notes": "legal_case", "legal case": "legal_case", "case notes": "legal_case",
    "legislation": "legislation", "loose-leaf": "manuscript", "map": "map", "memoir": "book",
    "microscope slide": "graphic", "model": "graphic", "novel": "book", "online system or service": "webpage",
    "online system": "webpage", "service": "webpage", "online service": "webpage", "patent": "patent",
    "periodical": "article-journal", "picture": "graphic", "realia": "graphic", "script": "book", "slide": "graphic",
    "sound": "song", "speech": "song", "standard or specification": "standard", "standard": "standard",
    "technical report": "report", "newspaper": "article-newspaper", "theses": "thesis", "thesis": "thesis",
    "transparency": "graphic", "videorecording": "motion_picture", "letter": "personal_communication",
    "motion picture": "motion_picture", "art original": "graphic", "web site": "webpage", "yearbook": "book",
}  # fmt: skip

#: CSL type -> the ``<genre authority="marcgt">`` the writer gives it (Zotero's ``toMarcGenre``); written in
#: the host for the types of :data:`PARTIAL_TYPES`, at the top otherwise.
CSL_TO_MARCGT: dict[str, str] = {
    "graphic": "art original", "song": "sound", "bill": "legislation", "post-weblog": "web site", "book": "book",
    "chapter": "book", "legal_case": "legal case and case notes", "paper-conference": "conference publication",
    "entry-dictionary": "dictionary", "personal_communication": "letter", "entry-encyclopedia": "encyclopedia",
    "motion_picture": "motion picture", "post": "web site", "interview": "interview",
    "article-journal": "journal", "article-magazine": "periodical", "map": "map",
    "article-newspaper": "newspaper", "patent": "patent", "report": "technical report",
    "legislation": "legislation", "thesis": "thesis", "webpage": "web site", "standard": "standard or specification",
}  # fmt: skip

#: DCMI type vocabulary (``genre authority="dct"``) -> CSL type.
DCT_GENRE_TO_CSL: dict[str, str] = {
    "image": "graphic", "interactiveresource": "webpage", "movingimage": "motion_picture", "software": "software",
    "sound": "song", "stillimage": "graphic", "dataset": "dataset",
}  # fmt: skip

#: Genre words that say a type wherever they are (Zotero's ``modsTypeRegex``).
GENRE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bblog", re.I), "post-weblog"),
    (re.compile(r"journal\s*article", re.I), "article-journal"),
    (re.compile(r"magazine\s*article", re.I), "article-magazine"),
    (re.compile(r"newspaper\s*article", re.I), "article-newspaper"),
)

#: ``<typeOfResource>`` -> CSL type (Zotero's ``fromTypeOfResource``, and notated music); ``text`` says nothing.
TYPE_OF_RESOURCE_TO_CSL: dict[str, str] = {
    "cartographic": "map", "sound recording-musical": "song", "sound recording-nonmusical": "song",
    "sound recording": "song", "still image": "graphic", "moving image": "motion_picture",
    "software, multimedia": "software", "notated music": "musical_score",
}  # fmt: skip

#: CSL type -> the ``<typeOfResource>`` the writer gives it (Zotero's ``toTypeOfResource``); ``text`` otherwise.
CSL_TO_TYPE_OF_RESOURCE: dict[str, str] = {
    "graphic": "still image", "song": "sound recording", "post-weblog": "software, multimedia",
    "software": "software, multimedia", "motion_picture": "moving image", "map": "cartographic",
    "speech": "mixed material", "broadcast": "sound recording-nonmusical", "webpage": "software, multimedia",
    "dataset": "software, multimedia", "musical_score": "notated music", "figure": "still image",
}  # fmt: skip
DEFAULT_TYPE_OF_RESOURCE = "text"

#: ``<physicalDescription><internetMediaType>`` -> CSL type.
MEDIA_TYPE_TO_CSL: dict[str, str] = {"text/html": "webpage"}

#: Types that are part of a larger work: their container, part (volume, pages ...), ISSN/ISBN, editors and
#: MARC genre go in ``<relatedItem type="host">``, as Zotero writes them.
PARTIAL_TYPES = frozenset({
    "article-journal", "article-magazine", "article-newspaper", "chapter", "paper-conference", "entry",
    "entry-dictionary", "entry-encyclopedia", "post", "post-weblog", "webpage", "review", "review-book",
})  # fmt: skip

#: CSL type -> ``<issuance>`` of the host (partial types) or of the record itself (the others: monographic).
ISSUANCE: dict[str, str] = {
    "article-journal": "continuing", "article-magazine": "continuing", "article-newspaper": "continuing",
    "review": "continuing", "review-book": "continuing", "chapter": "monographic", "paper-conference": "monographic",
    "entry": "monographic", "entry-dictionary": "monographic", "entry-encyclopedia": "monographic",
    "periodical": "continuing",
}  # fmt: skip
DEFAULT_ISSUANCE = "monographic"  # of a type that is not partial
#: Host issuance values that make a record with a host (and no other sign of its type) a journal article.
PERIODICAL_ISSUANCE = frozenset({"continuing", "serial"})

#: MARC relator code -> (its term, the CSL name variable), for ``<roleTerm type="code" authority="marcrelator">``.
MARC_RELATORS: dict[str, tuple[str, str]] = {
    "aut": ("author", "author"), "cre": ("creator", "author"), "edt": ("editor", "editor"),
    "trl": ("translator", "translator"), "ctb": ("contributor", "contributor"),
    "pbd": ("publishing director", "collection-editor"), "ill": ("illustrator", "illustrator"),
    "cmp": ("composer", "composer"), "drt": ("director", "director"), "ivr": ("interviewer", "interviewer"),
    "ive": ("interviewee", "author"), "rcp": ("addressee", "recipient"), "prf": ("performer", "performer"),
    "pro": ("producer", "producer"), "nrt": ("narrator", "narrator"), "cur": ("curator", "curator"),
    "orm": ("organizer", "organizer"), "com": ("compiler", "compiler"), "hst": ("host", "host"),
    "aus": ("screenwriter", "script-writer"),
}  # fmt: skip

#: CSL name variable -> the MARC relator code the writer gives it (variables without one get a text role:
#: the variable's name).
CSL_TO_RELATOR: dict[str, str] = {
    "author": "aut", "editor": "edt", "translator": "trl", "contributor": "ctb", "collection-editor": "pbd",
    "illustrator": "ill", "composer": "cmp", "director": "drt", "interviewer": "ivr", "recipient": "rcp",
    "performer": "prf", "producer": "pro", "narrator": "nrt", "curator": "cur", "organizer": "orm",
    "compiler": "com", "host": "hst", "script-writer": "aus", "container-author": "aut",
}  # fmt: skip

#: Role words (``<roleTerm type="text">``, lower-cased) -> CSL name variable, besides the relator terms above
#: and the CSL variable names themselves.
ROLE_WORDS: dict[str, str] = {
    "creator": "author", "editors": "editor", "serieseditor": "collection-editor", "series editor": "collection-editor",
    "bookauthor": "container-author", "book author": "container-author", "reviewedauthor": "reviewed-author",
    "addressee": "recipient", "screenwriter": "script-writer", "scriptwriter": "script-writer",
}  # fmt: skip

#: ``<part><detail type="...">`` -> CSL variable; ``number`` is an issue number when the part has no ``issue``.
DETAIL_TO_CSL: dict[str, str] = {
    "volume": "volume", "issue": "issue", "number": "issue", "section": "section", "supplement": "supplement",
    "chapter": "chapter-number", "part": "part",
}  # fmt: skip
#: The details the writer writes, in order: (CSL variable, detail type).
CSL_DETAILS: tuple[tuple[str, str], ...] = (
    ("volume", "volume"), ("issue", "issue"), ("section", "section"), ("supplement", "supplement"),
    ("chapter-number", "chapter"), ("part", "part"),
)  # fmt: skip

#: ``<identifier type="...">`` (lower-cased) of the record -> CSL variable. ISBN, ISSN and URL are lists;
#: ``citekey`` is the record's id; ``report number`` (MARC 088) is CSL's ``number``.
IDENTIFIERS: dict[str, str] = {
    "doi": "DOI", "pmid": "PMID", "pmcid": "PMCID", "pmc": "PMCID", "isbn": "ISBN", "issn": "ISSN",
    "uri": "URL", "citekey": "id", "report number": "number",
}  # fmt: skip
#: The identifiers read from a host: the ISBN of a book a chapter is in, the ISSN of a journal.
HOST_IDENTIFIERS: dict[str, str] = {"isbn": "ISBN", "issn": "ISSN"}
#: CSL variable -> identifier type, as the writer writes them (the ISBN/ISSN in the host of a partial type).
CSL_IDENTIFIERS: tuple[tuple[str, str], ...] = (
    ("DOI", "doi"),
    ("PMID", "pmid"),
    ("PMCID", "pmcid"),
    ("number", "report number"),
)

#: ``<extent unit>`` values that mean pages, and volumes.
PAGE_UNITS = frozenset({"page", "pages", "p", "pp", "p.", "pp."})
VOLUME_UNITS = frozenset({"volume", "volumes", "v", "v.", "vol", "vols"})

#: Top-level elements, in the order the writer writes them (the MODS User Guidelines' order; MODS itself
#: allows any order).
TOP_ORDER: tuple[str, ...] = (
    "titleInfo", "name", "typeOfResource", "genre", "originInfo", "language", "physicalDescription", "abstract",
    "tableOfContents", "targetAudience", "note", "subject", "classification", "relatedItem", "identifier",
    "location", "accessCondition", "part", "extension", "recordInfo",
)  # fmt: skip

#: The ``<note type>`` of msccite's own notes: ``[csl:VARIABLE] value`` and ``[format:key] value`` lines that
#: carry what MODS has no element for, read back by the reader.
CARRIER_NOTE = "msccite"
