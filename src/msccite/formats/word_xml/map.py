"""Word's bibliography XML (``b:Sources``): source types, elements and roles as data, shared by the reader and the
writer (``docs/formats/word-xml.md``).

Sources: the bibliography schema of ECMA-376 (Office Open XML, Part 1, "Bibliography"), the ``Sources.xml`` files
Word writes (its master source list, and ``customXml/item1.xml`` inside a ``.docx``), and JabRef's MSBib mapping.
"""

from __future__ import annotations

#: The namespace of Word 2007 and later; Word 2007's betas (and some tools) wrote the 2004 one.
NS = "http://schemas.openxmlformats.org/officeDocument/2006/bibliography"
LEGACY_NS = "http://schemas.microsoft.com/office/word/2004/10/bibliography"

#: ``b:SourceType`` -> CSL type. Word's seventeen types; ``DocumentFromInternetSite`` and ``ElectronicSource``
#: share a CSL type with another and are kept as the record's type hint.
SOURCE_TYPES: dict[str, str] = {
    "Book": "book", "BookSection": "chapter", "JournalArticle": "article-journal",
    "ArticleInAPeriodical": "article-magazine", "ConferenceProceedings": "paper-conference", "Report": "report",
    "SoundRecording": "song", "Performance": "performance", "Art": "graphic", "DocumentFromInternetSite": "webpage",
    "InternetSite": "webpage", "Film": "motion_picture", "Interview": "interview", "Patent": "patent",
    "ElectronicSource": "document", "Case": "legal_case", "Misc": "document",
}  # fmt: skip

#: CSL type -> ``b:SourceType`` written. A thesis is a ``Report`` whose ``b:ThesisType`` says so (``PhD thesis``);
#: a newspaper article is Word's article in a periodical, a blog post a web site, each with the CSL type carried in
#: ``b:Comments`` (the source type reads back as another CSL type); a CSL type missing here is written as ``Misc``,
#: its type carried.
CSL_TO_SOURCE: dict[str, str] = {
    "book": "Book", "chapter": "BookSection", "article-journal": "JournalArticle",
    "article-magazine": "ArticleInAPeriodical", "paper-conference": "ConferenceProceedings", "report": "Report",
    "thesis": "Report", "song": "SoundRecording", "performance": "Performance", "graphic": "Art",
    "webpage": "InternetSite", "motion_picture": "Film", "interview": "Interview", "patent": "Patent",
    "legal_case": "Case", "document": "Misc", "article-newspaper": "ArticleInAPeriodical",
    "post-weblog": "InternetSite", "post": "InternetSite",
}  # fmt: skip

#: A report's ``b:ThesisType`` (or ``b:Type``) that makes it a thesis.
THESIS_GENRE = r"thesis|dissertation|doctora|ph\.?\s?d|master"

#: Roles inside ``b:Author`` -> CSL name variable. ``Artist``, ``Inventor`` and ``Interviewee`` are the authors of
#: art, patents and interviews (their role is kept as the variable's hint); ``Conductor`` and ``Counsel`` have no
#: CSL variable and stay extras.
ROLES: dict[str, str] = {
    "Author": "author", "Artist": "author", "Inventor": "author", "Interviewee": "author",
    "BookAuthor": "container-author", "Editor": "editor", "Translator": "translator", "Compiler": "compiler",
    "Composer": "composer", "Director": "director", "Interviewer": "interviewer", "Performer": "performer",
    "ProducerName": "producer", "Writer": "script-writer",
}  # fmt: skip

#: The role the writer gives ``author`` by source type (Word's dialog: "Inventor" for a patent ...).
AUTHOR_ROLE: dict[str, str] = {"Patent": "Inventor", "Art": "Artist", "Interview": "Interviewee"}

#: Role order inside ``b:Author``, as Word writes them.
ROLE_ORDER: tuple[str, ...] = (
    "Author", "Artist", "Inventor", "Interviewee", "BookAuthor", "Editor", "Translator", "Compiler", "Composer",
    "Conductor", "Counsel", "Director", "Interviewer", "Performer", "ProducerName", "Writer",
)  # fmt: skip

#: Elements holding one text each -> CSL variable (the first non-empty one fills it; the others stay extras).
TEXT_ELEMENTS: dict[str, str] = {
    "Title": "title", "ShortTitle": "title-short", "Pages": "page", "Volume": "volume", "Issue": "issue",
    "NumberVolumes": "number-of-volumes", "Edition": "edition", "City": "publisher-place", "DOI": "DOI",
    "Medium": "medium", "ChapterNumber": "chapter-number", "Version": "version", "Court": "authority",
}  # fmt: skip

#: Elements that share one variable (the first non-empty one fills it), and the one the writer uses by source type
#: (``None``: by default, ``""``: none, the value is carried). A file's other choice is kept as the hint.
GROUPS: dict[str, tuple[str, ...]] = {
    "container-title": ("JournalName", "PeriodicalTitle", "BookTitle", "ConferenceName", "InternetSiteTitle",
                        "PublicationTitle", "AlbumTitle", "BroadcastTitle", "Reporter"),
    "publisher": ("Publisher", "Institution", "ProductionCompany"),
    "genre": ("ThesisType", "Type"),
    "number": ("PatentNumber", "CaseNumber", "RecordingNumber"),
}  # fmt: skip
GROUP_ELEMENT: dict[str, dict[str | None, str]] = {
    "container-title": {
        "JournalArticle": "JournalName", "ArticleInAPeriodical": "PeriodicalTitle", "BookSection": "BookTitle",
        "ConferenceProceedings": "ConferenceName", "InternetSite": "InternetSiteTitle",
        "DocumentFromInternetSite": "InternetSiteTitle", "SoundRecording": "AlbumTitle", "Film": "BroadcastTitle",
        "Interview": "BroadcastTitle", "Case": "Reporter", None: "PublicationTitle",
    },
    "publisher": {None: "Publisher"},
    "genre": {"Report": "ThesisType", None: "Type"},
    "number": {"Patent": "PatentNumber", "Case": "CaseNumber", "SoundRecording": "RecordingNumber", None: ""},
}  # fmt: skip

#: The date elements: ``issued`` and ``accessed`` as year, month, day.
DATE_ELEMENTS: dict[str, tuple[str, str, str]] = {
    "issued": ("Year", "Month", "Day"),
    "accessed": ("YearAccessed", "MonthAccessed", "DayAccessed"),
}

#: Element order in a ``b:Source``, as Word writes a source made in its dialog; the record's own extras (elements
#: msccite maps to nothing, ``RefOrder``) follow in their order.
ORDER: tuple[str, ...] = (
    "Tag", "SourceType", "Guid", "LCID", "Author", "Title", "JournalName", "PeriodicalTitle", "BookTitle",
    "ConferenceName", "PublicationTitle", "AlbumTitle", "BroadcastTitle", "Reporter", "Year", "InternetSiteTitle",
    "Month", "Day", "YearAccessed", "MonthAccessed", "DayAccessed", "Pages", "Volume", "Issue", "ChapterNumber",
    "NumberVolumes", "City", "StateProvince", "CountryRegion", "Publisher", "Institution", "ProductionCompany",
    "Department", "Edition", "Court", "CaseNumber", "PatentNumber", "RecordingNumber", "ThesisType", "Type",
    "Version", "Medium", "ShortTitle", "StandardNumber", "Comments", "DOI", "URL", "RefOrder",
)  # fmt: skip

#: ``b:LCID`` (a Windows locale id: the language of the source) <-> CSL ``language`` (a BCP 47 tag), both ways.
LCID: dict[str, str] = {
    "1025": "ar-SA", "1026": "bg-BG", "1027": "ca-ES", "1028": "zh-TW", "1029": "cs-CZ", "1030": "da-DK",
    "1031": "de-DE", "1032": "el-GR", "1033": "en-US", "1035": "fi-FI", "1036": "fr-FR", "1037": "he-IL",
    "1038": "hu-HU", "1039": "is-IS", "1040": "it-IT", "1041": "ja-JP", "1042": "ko-KR", "1043": "nl-NL",
    "1044": "nb-NO", "1045": "pl-PL", "1046": "pt-BR", "1048": "ro-RO", "1049": "ru-RU", "1050": "hr-HR",
    "1051": "sk-SK", "1053": "sv-SE", "1054": "th-TH", "1055": "tr-TR", "1057": "id-ID", "1058": "uk-UA",
    "1060": "sl-SI", "1061": "et-EE", "1062": "lv-LV", "1063": "lt-LT", "1065": "fa-IR", "1066": "vi-VN",
    "1069": "eu-ES", "1081": "hi-IN", "1086": "ms-MY", "1102": "mr-IN", "2052": "zh-CN", "2055": "de-CH",
    "2057": "en-GB", "2058": "es-MX", "2060": "fr-BE", "2067": "nl-BE", "2068": "nn-NO", "2070": "pt-PT",
    "3076": "zh-HK", "3079": "de-AT", "3081": "en-AU", "3082": "es-ES", "3084": "fr-CA", "4105": "en-CA",
    "4108": "fr-CH", "5129": "en-NZ", "6153": "en-IE", "7177": "en-ZA",
}  # fmt: skip
LANGUAGE_LCID: dict[str, str] = {v: k for k, v in LCID.items()}
