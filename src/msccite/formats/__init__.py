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

# -- sniffs ----------------------------------------------------------------------------------------------------------
# Detection imports a format's module only when the format's sniff is found in the sample (``re.search``): each
# pattern is a necessary condition of its ``detect`` scoring above 0, so that passing over a module whose sniff is
# not found changes no answer (tests/test_registry.py checks it on every test file and on generated samples). A module
# without a sniff is always imported. The patterns are looser than the detectors where these are subtle (BOMs,
# Unicode white space and line ends, case folding); they are cheap to search in a 64 KiB sample (anchored at the
# start, or opening with a literal or a line end) and to compile: a class that holds a character beyond Latin-1
# costs some 0.3 ms to compile, so there are few (U+2028 and U+2029, which end a line too, are left out of the
# classes of line ends that a match must not cross: that only makes a pattern looser).

#: Line ends of ``str.splitlines`` up to U+00FF (in a character class).
_EOL = r"\n\r\x0b\x0c\x1c-\x1e\x85"
#: White space, BOMs and blank lines before the first line, which most detectors skip (possessive: no backtracking).
_LEAD = r"\A[\s\ufeff]*+"
#: What the JSON detectors strip before the first character: ``lstrip("\ufeff \t\r\n")``.
_JSON_LEAD = r"\A(?:[ \t\r\n]++|\ufeff++)*+"
#: An XML document ("<" first, after BOMs and white space: leading_tags), and what comes before the name looked for.
_XML = _LEAD + "(?=<)(?s:.*?)"
#: Ovid's record number "1." alone on a line (after its line end).
_NUMBER_LINE = rf"[^\S{_EOL}]*+\d{{1,9}}\.\s*?(?:[{_EOL}]|\u2028|\u2029|\Z)"
#: After the line end just matched: a line that ends in a letter or ":" (white space after it stripped).
_AFTER_FIELD_NAME = rf"(?:(?<=[A-Za-z:][\s\S])|(?<=[^\S{_EOL}][\s\S]))"
#: After the character just matched: it is the first of the text or comes after white space (a line end) or a BOM.
_AT_LINE_START = r"(?:(?<!\S.)|(?<=\ufeff.))"


#: How each of VuFind's labels that only a record page has begins (``_STRONG`` of vufind/read.py: ``Main Author``,
#: ``Published`` ... in every language of vufind/map.py; ``best`` is Basque's ``Beste egile batzuk``), case folded
#: (IGNORECASE finds the other characters that fold to a letter of ASCII: ``ſ``, the Kelvin sign). The ``st`` of
#: ``best`` may be a ligature, which folds to it.
_VUFIND_STARTS = (rf"1\.[^\S{_EOL}]|a(?:cc|ce|lt|rg|ut)|be(?:st|\ufb05|\ufb06)|co[lr]|e(?:gi|nt|ra)|gai|hau|kör|"
                  r"mai|o(?:nl|th|tr|ut)|p(?:ri|ub)|r(?:es|ia)|s(?:ar|om|um)|ver|wei|zus")  # fmt: skip
#: A line "label: value" (after its line end) whose label begins so.
_VUFIND_LABEL = rf"[^\S{_EOL}]*+(?i:{_VUFIND_STARTS})[^|{_EOL}]*?[:\uff1a]"
#: A part of each column of ClinicalTrials.gov's CSV downloads that can make a header score (``NCT Number``,
#: ``Conditions``, ``Interventions`` and ``CSV_DISTINCTIVE`` of ctgov/map.py); or a quote that closes in the middle of
#: a cell, after which the csv module reads on (``"NCT "Number`` is ``NCT Number``: then any header passes).
_CTGOV_COLUMNS = ("NCT|Study|Brief|Condition|Intervention|Outcome|Phase|Funde|IDs|Primary|Posted|Sponsor|Received|"
                  rf'Updated|[^,;\t"{_EOL}]"[^,;\t"{_EOL}]')  # fmt: skip
#: ICTRP's ``TrialID`` as ``name_key`` reads a header cell: case folded, all but [0-9a-z] left out (``Trial_ID``,
#: ``TRIAL ID``); ``İ``, ``ẗ`` and ``ẚ`` fold to an i, t and a with a mark that is left out. What comes between two
#: letters never holds the next one's special character: no backtracking.
_NOT_KEY = f"[^0-9A-Za-z{_EOL}]"
_TRIAL_ID = (rf"(?i:t|\u1e97){_NOT_KEY}*+[Rr](?:(?!\u0130){_NOT_KEY})*+(?i:i|\u0130)(?:(?!\u1e9a){_NOT_KEY})*+"
             rf"(?i:a|\u1e9a){_NOT_KEY}*+[Ll](?:(?!\u0130){_NOT_KEY})*+(?i:i|\u0130){_NOT_KEY}*+[Dd]")  # fmt: skip

SNIFF: dict[str, str] = {
    # detect: "[" or "{" first, after BOMs and " \t\r\n"
    "csl_json": _JSON_LEAD + r"[\[{]",
    # detect: a line "TY  -" or "TY -" (_TAG, after BOMs)
    "ris": f"T{_AT_LINE_START}Y  ?-",
    # detect: "PMID- " on the first tag line, or two lines opening with MEDLINE's own tags (_MEDLINE_ONLY: all 5 long)
    "medline": r"(?:PMID-|FAU -|OWN -|STAT-|DP  -|TA  -|JT  -|LID -|MH  -|PHST-)(?:(?<!\S.{5})|(?<=\ufeff.{5}))",
    # detect: five lines "key | value |" (_SOLR_ROW, the key first on the line): one of them is not the first line
    "kv": rf"[{_EOL}\u2028\u2029][A-Za-z_][A-Za-z0-9_]*+ \| ",
    # detect: the first line that is not blank starts "FN " (the header) or "PT " (a record)
    "wos": _LEAD + "(?:FN|PT) ",
    # detect: the first line that is not blank starts with a Refer tag ("%0 ", "%A ")
    "endnote": _LEAD + "%",
    # detect: XML (leading_tags: "<" first) whose first element is <xml>
    "endnote_xml": _XML + "<xml",
    # detect: XML whose DOCTYPE or root element is one of ROOTS (PubmedArticleSet, PubmedBookArticle ...)
    "pubmed_xml": _XML + r"(?:<|DOCTYPE\s+)Pubmed(?:Book)?Article",
    # detect: bibtex's (and a field only BibLaTeX has)
    "biblatex": r"@\s*[A-Za-z]+\s*[{(]",
    # detect: "@type{" or "@type(" (_DETECT; its "^\s*" before the "@" left out: slow on blank lines)
    "bibtex": r"@\s*[A-Za-z]+\s*[{(]",
    # detect: a line "label: value" whose label is one only a record page has (case folded, BOMs removed: a BOM
    # anywhere passes; without BOMs, the start of such a label is looked for at the start of a line)
    "vufind": rf"[\ufeff{_EOL}\u2028\u2029](?:(?<=\ufeff)|{_VUFIND_LABEL})|\A{_VUFIND_LABEL}",
    # detect: lines ending in "◽" (MARK)
    "sciencegate": "\u25fd",
    # detect: a line "作者" (AUTHORS; BOMs removed)
    "ablesci": "作\ufeff*者",
    # detect: JSON ("{" or "[" first) with one of these keys, XML with <clinical_study>, or (anything else first) a
    # first line naming a column of the CSV downloads
    "ctgov": (
        _JSON_LEAD + r'(?:[\[{](?s:.*?)"(?:protocolSection|ProtocolSection|FullStudiesResponse|nextPageToken)"'
        rf"|(?=<)(?s:.*?)<clinical_study|(?![\[{{<])[^{_EOL}]*?(?:{_CTGOV_COLUMNS}))"
    ),
    # detect: XML whose root is <Trials_downloaded_from_ICTRP> or <Trial>, or a first line naming TrialID
    "ictrp": _LEAD + rf"(?:(?=<)(?s:.*?)(?:<|DOCTYPE\s+)Trial|[^{_EOL}]*?{_TRIAL_ID})",
    # detect: the first line that is not blank is "Record #n of N" followed by "TAG: value" lines, or "ID: CD…" /
    # "ID: CN-…"
    "cochrane": _LEAD + r"(?:Record #\d+ of \d+[\s\ufeff]*+[A-Z][A-Z0-9]{1,3}:|ID: C)",
    # detect: "{" first, and a "CodeSets" or "References" key
    "eppi": _JSON_LEAD + r'\{(?s:.*?)"(?:CodeSets|References)"',
    # detect: XML whose first element is <modsCollection> or <mods> (any prefix)
    "mods": _XML + r"<[\w.:-]*mods",
    # detect: XML whose root is <Sources> (any prefix)
    "word_xml": _XML + r"(?:<|DOCTYPE\s+)[\w.:-]*Sources",
    # detect: the first line that is not blank is "RT <type>" or RefWorks' header ("RefWorks ...", any case)
    "refworks": _LEAD + "(?:RT |(?i:refworks))",
    # detect: "VN  - Ovid Technologies", a record number alone on a line ("<1>", "Record 1", "1."), or a field name
    # (ending in a letter, or "Link to ...:") with its values on the indented lines below it
    "ovid": (
        r"- Ovid Technologies|<\s*\d{1,9}\s*\.?\s*>|Record\s+\d|"
        rf"[{_EOL}\u2028\u2029](?:{_NUMBER_LINE}|{_AFTER_FIELD_NAME}\n?[ \t][^\S{_EOL}]*+\S)|"
        rf"\A\ufeff*+{_NUMBER_LINE}"
    ),
    # detect: "references:" at the start of a line, or a first line "- id:" / "- type:"
    "csl_yaml": f"r{_AT_LINE_START}eferences[ \\t]*:|-{_AT_LINE_START}[ \\t]+(?:id|type)[ \\t]*:",
    # detect: XML whose first element is <CitaviExchangeData>
    "citavi": _XML + "<CitaviExchangeData",
    # detect: a first line (after BOMs and line ends) of two cells or more: a delimiter (tab, comma, semicolon) in it
    "tables": r"\A(?:[\r\n]++|\ufeff++)*+[^\n,;\t]*+[,;\t]",
    # detect: always 0 (a TSV table or a workbook is detected as csv)
    "tables.tsv": r"\A(?!)",
    "tables.xlsx": r"\A(?!)",
}
