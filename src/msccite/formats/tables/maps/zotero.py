"""Zotero "Export Collection… → CSV" (87 columns)."""

NAME = "zotero"
SIGNATURE = ("Key", "Item Type", "Publication Year", "Author", "Title")
NAMES = ";"
#: "Family, Given" as Zotero writes names; a name without a comma (imported from EPPI-Reviewer or Cochrane) is
#: "Family Given Middle" (``msccite.names.family_first_words``).
ORDER = "family-words"
COLUMNS = {
    "Item Type": "type", "Publication Year": "-year", "Author": "author", "Title": "title",
    "Publication Title": "container-title", "ISBN": "ISBN", "ISSN": "ISSN", "DOI": "DOI", "Url": "URL",
    "Abstract Note": "abstract", "Date": "issued", "Access Date": "accessed", "Pages": "page",
    "Num Pages": "number-of-pages", "Issue": "issue", "Volume": "volume", "Number Of Volumes": "number-of-volumes",
    "Journal Abbreviation": "container-title-short", "Short Title": "title-short", "Series": "collection-title",
    "Series Number": "collection-number", "Publisher": "publisher", "Place": "publisher-place",
    "Language": "language", "Type": "genre", "Archive": "archive", "Archive Location": "archive_location",
    "Call Number": "call-number", "Extra": "note", "Notes": "note", "Manual Tags": "keyword",
    "Automatic Tags": "keyword", "Editor": "editor", "Series Editor": "collection-editor",
    "Translator": "translator", "Contributor": "contributor", "Book Author": "container-author",
    "Interviewer": "interviewer", "Recipient": "recipient", "Reviewed Author": "reviewed-author",
    "Number": "number", "Edition": "edition", "Medium": "medium", "Section": "section",
    "Conference Name": "event-title", "Meeting Name": "event-title", "Version": "version", "Rights": "-rights",
}  # fmt: skip
TYPES = {
    "journalArticle": "article-journal", "book": "book", "bookSection": "chapter",
    "conferencePaper": "paper-conference",
    "thesis": "thesis", "report": "report", "webpage": "webpage", "magazineArticle": "article-magazine",
    "newspaperArticle": "article-newspaper", "preprint": "article", "dataset": "dataset", "document": "document",
    "manuscript": "manuscript", "patent": "patent", "blogPost": "post-weblog", "presentation": "speech",
    "encyclopediaArticle": "entry-encyclopedia", "dictionaryEntry": "entry-dictionary",
    "letter": "personal_communication",
    "interview": "interview", "film": "motion_picture", "computerProgram": "software", "statute": "legislation",
    "case": "legal_case", "hearing": "hearing", "bill": "bill", "standard": "standard", "map": "map",
}  # fmt: skip
