"""Citavi's XML exchange format as data: reference types, fields, the lists that link references to persons,
keywords, publishers.

A Citavi project exported as XML (``<CitaviExchangeData Version="6.11.0.0">``, the ``.ctv5``/``.ctv6`` backup's
content) keeps each kind of thing in a list of its own (``<Persons>``, ``<Periodicals>``, ``<Publishers>``,
``<Keywords>``, ``<SeriesTitles>``, ``<References>``) and the links between them in relation lists of
``<OnetoN>`` lines: ``referenceId;personId1;personId2`` (``<ReferenceAuthors>``), ``parentId;childId``
(``<ReferenceReferences>``: a book and the contributions in it). Element names are those of Citavi 5 to 7, as
the importers of Zotero (``Citavi 5 XML.js``) and JabRef (``CitaviXmlImporter``) read them.
"""

from __future__ import annotations

#: Citavi reference types -> CSL types (Citavi's own names; its German labels in the comments).
TYPES: dict[str, str] = {
    "JournalArticle": "article-journal",  # Zeitschriftenaufsatz
    "NewspaperArticle": "article-newspaper",  # Zeitungsartikel
    "Book": "book",  # Buch (Monographie)
    "BookEdited": "book",  # Buch (Sammelwerk)
    "CollectedWorks": "book",  # Schriften eines Autors
    "ConferenceProceedings": "book",  # Tagungsband
    "SpecialIssue": "book",  # Sonderheft, Beiheft
    "AudioBook": "book",  # Hörbuch
    "LegalCommentary": "book",  # Gesetzeskommentar
    "Contribution": "chapter",  # Beitrag in ... (a conference paper when in ConferenceProceedings)
    "ContributionInLegalCommentary": "chapter",  # Beitrag in Gesetzeskommentar
    "Thesis": "thesis",  # Hochschulschrift
    "InternetDocument": "webpage",  # Internetdokument
    "UnpublishedWork": "report",  # Graue Literatur / Bericht / Report
    "PressRelease": "report",  # Pressemitteilung
    "NewsAgencyReport": "article-newspaper",  # Agenturmeldung
    "Patent": "patent",  # Patentschrift
    "Standard": "standard",  # Norm
    "StatuteOrRegulation": "legislation",  # Gesetz / Verordnung
    "CourtDecision": "legal_case",  # Gerichtsentscheid
    "ComputerProgram": "software",  # Software
    "Map": "map",  # Geographische Karte
    "Movie": "motion_picture",  # Spielfilm
    "AudioOrVideoDocument": "motion_picture",  # Ton- oder Filmdokument
    "Broadcast": "broadcast",  # Radio- oder Fernsehsendung
    "RadioPlay": "broadcast",  # Hörspiel
    "MusicTrack": "song",  # Musiktitel in ...
    "MusicAlbum": "song",  # Musikwerk / Musikalbum
    "InterviewMaterial": "interview",  # Interviewmaterial
    "Lecture": "speech",  # Vortrag
    "Manuscript": "manuscript",  # Manuskript
    "ArchiveMaterial": "manuscript",  # Archivgut
    "File": "document",  # Akte
    "PersonalCommunication": "personal_communication",  # Persönliche Mitteilung
    "Unknown": "document",  # Unklarer Dokumententyp
}
DEFAULT_TYPE = "document"
#: A contribution in a reference of this type is a conference paper.
PROCEEDINGS = "ConferenceProceedings"

#: Reference fields -> CSL variable (text as it is).
FIELDS: dict[str, str] = {
    "Title": "title",
    "Abstract": "abstract",
    "Volume": "volume",
    "Number": "issue",
    "Edition": "edition",
    "NumberOfVolumes": "number-of-volumes",
    "PlaceOfPublication": "publisher-place",
    "StorageMedium": "medium",
    "Doi": "DOI",
    "DOI": "DOI",
    "PubMedId": "PMID",
    "PubMedID": "PMID",
    "PmcId": "PMCID",
    "ISBN": "ISBN",
    "Isbn": "ISBN",
    "OnlineAddress": "URL",
    "Notes": "note",
    "OriginalTitle": "original-title",
}

#: The citation key (Citavi 6+ ``CitationKey``, Citavi 5 ``BibTeXKey``): the record's id.
KEY_FIELDS: tuple[str, ...] = ("CitationKey", "BibTeXKey")
#: Dates: the year, a date of any precision, the date of access; ``DateForSorting`` is Citavi's own.
YEAR, DATE, ACCESS_DATE, SORT_DATE = "Year", "Date", "AccessDate", "DateForSorting"
#: Pages: Citavi's range (``<sp>..</sp><ep>..</ep><os>1-10</os>``, or text) and count.
PAGE_RANGE, PAGE_COUNT = "PageRange", "PageCount"
SUBTITLE = "Subtitle"
LANGUAGE, LANGUAGE_CODE = "Language", "LanguageCode"
#: The link to the periodical, series, parent (a reference may name these itself, besides the relation lists).
PERIODICAL = ("PeriodicalID", "Periodical")
SERIES = ("SeriesTitleID", "SeriesTitle")
PARENT = ("ParentReferenceID", "ParentReference")

#: Relation lists of persons (``referenceId;personId...``) -> CSL name variable.
PERSON_LISTS: dict[str, str] = {
    "ReferenceAuthors": "author",
    "ReferenceEditors": "editor",
    "ReferenceCollaborators": "contributor",
    "ReferenceOrganizations": "contributor",
    "ReferenceOthersInvolved": "contributor",
}
#: Other relation lists -> what they link a reference to.
PUBLISHER_LIST, KEYWORD_LIST, CATEGORY_LIST, GROUP_LIST = (
    "ReferencePublishers", "ReferenceKeywords", "ReferenceCategories", "ReferenceGroups"
)  # fmt: skip
PARENT_LIST = "ReferenceReferences"  # parentId;childId1;childId2

#: The element names of the things a relation list points to (``<Persons><Person id=...>``).
ENTITIES: tuple[str, ...] = ("Person", "Keyword", "Publisher", "Periodical", "SeriesTitle", "Category", "Group",
                             "Library")  # fmt: skip
#: Elements that hang off a reference by its ``ReferenceID`` (attachments, call numbers; quotations; tasks).
ATTACHED: tuple[str, ...] = ("Location", "KnowledgeItem", "TaskItem")

#: Citavi's bookkeeping (who changed what when, sort keys, display settings): kept as extras, not data.
INDEX_FIELDS: frozenset[str] = frozenset(
    """CreatedBy CreatedOn ModifiedBy ModifiedOn CreatedBySid ModifiedBySid DateForSorting SortFullName
    SequenceNumber AbstractComplexity AbstractSourceTextFormat EvaluationComplexity EvaluationSourceTextFormat
    TableOfContentsComplexity TableOfContentsSourceTextFormat HasLabel1 HasLabel2 Rating CitationKeyUpdateType
    ShortTitleUpdateType PageRangeNumber Protected StaticIds""".split()
)
