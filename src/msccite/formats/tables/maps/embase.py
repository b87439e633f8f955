"""Embase (embase.com) "Export → CSV", the fields-in-columns layout (a header row). The fields-in-rows layout
(``"TITLE","value"`` lines, a blank line between records) is read by ``read_field_rows`` with ``ROW_FIELDS``."""

NAME = "embase"
SIGNATURE = ("Title", "Author Names", "Source")
NAMES = "auto"  # "Liu R., Adler D.G."
COLUMNS = {
    "Title": "title",
    "Original Title": "original-title",
    "Author Names": "author",
    "Editors": "editor",
    "Source": "citation",  # "Endoscopic Ultrasound (2014) 3:3 (152-160). Date of Publication: 2014"
    "Abstract": "abstract",
    "Emtree Drug Index Terms (Major Focus)": "keyword",
    "Emtree Drug Index Terms": "keyword",
    "Emtree Medical Index Terms (Major Focus)": "keyword",
    "Emtree Medical Index Terms": "keyword",
    "keywords": "-keywords-all",  # the Emtree terms again, together
    "Author Keywords": "keyword",
    "Clinical Trial Numbers": "trial-registrations",
    "DOI": "DOI",
    "Open URL Link": "-openurl",  # a library's link resolver: not the work's address
    "Publisher": "publisher",
    "Language of Article": "language",
    "ISSN": "ISSN",
    "Medline PMID": "PMID",
    "Source title": "container-title",
    "Publication Year": "issued",
    "Volume": "volume",
    "Issue": "issue",
    "First Page": "page-first",
    "Last Page": "page-last",
    "Publication Type": "type",
}
LIST_SEP = ","
TYPES = {"article": "article-journal", "review": "article-journal", "conference abstract": "paper-conference",
         "conference paper": "paper-conference", "letter": "article-journal", "editorial": "article-journal",
         "note": "article-journal", "short survey": "article-journal", "erratum": "article-journal",
         "book": "book", "chapter": "chapter", "conference review": "paper-conference"}  # fmt: skip
#: The fields-in-rows layout's field names (upper case) → field specs.
ROW_FIELDS = {
    "TITLE": "title", "AUTHOR NAMES": "author", "SOURCE": "citation", "SOURCE TITLE": "container-title",
    "PUBLICATION YEAR": "issued", "DATE OF PUBLICATION": "-date-text", "PUBLICATION TYPE": "type",
    "ABSTRACT": "abstract", "DOI": "DOI", "VOLUME": "volume", "ISSUE": "issue", "FIRST PAGE": "page-first",
    "LAST PAGE": "page-last", "AUTHOR KEYWORDS": "keyword", "EMTREE DRUG INDEX TERMS": "keyword",
    "EMTREE MEDICAL INDEX TERMS": "keyword", "MEDLINE PMID": "PMID", "ISSN": "ISSN", "PUBLISHER": "publisher",
    "LANGUAGE OF ARTICLE": "language", "CLINICAL TRIAL NUMBERS": "trial-registrations",
    "ORIGINAL TITLE": "original-title", "EDITORS": "editor",
}  # fmt: skip
