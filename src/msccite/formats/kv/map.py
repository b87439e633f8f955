"""The VuFind/Solr fields of key | value dumps, as data shared by the reader and the writer (``docs/formats/kv.md``)."""

from __future__ import annotations

import re

#: Solr fields that only index the record, copies of its data made for searching, sorting, faceting and
#: spelling suggestions: not data, left out of every other format (``is_index_field``).
_INDEX_FIELD = re.compile(
    r"title_(?:full|fullStr|full_unstemmed|short|sort|auth|alt)|author_(?:sort|facet|browse)|\w+_(?:facet|sort)"
    r"|spelling\w*|work_keys_str_mv|_version_|(?:first|last)_indexed|\w+_(?:unstemmed|autocomplete)"
)


def is_index_field(key: str) -> bool:
    """A Solr field that only indexes the record (``title_sort``, ``spelling``, ``author_facet`` ...)."""
    return _INDEX_FIELD.fullmatch(key) is not None


#: VuFind/Solr fields read into a CSL variable (multi-valued ones hold one value per line or are split).
FIELDS: dict[str, str] = {
    "title": "title",
    "title_short": "title-short",
    "author": "author",
    "author2": "contributor",
    "author_corporate": "author",
    "publishDate": "issued",
    "publisher": "publisher",
    "container_title": "container-title",
    "container_volume": "volume",
    "container_issue": "issue",
    "container_start_page": "page",
    "description": "abstract",
    "language": "language",
    "topic": "keyword",
    "issn": "ISSN",
    "isbn": "ISBN",
    "doi_str_mv": "DOI",
    "url": "URL",
    "series": "collection-title",
    "edition": "edition",
}
#: The field the writer uses for each variable (the first of the fields above that maps to it).
WRITE_FIELD: dict[str, str] = {}
for _field, _var in FIELDS.items():
    if _field != "author_corporate":
        WRITE_FIELD.setdefault(_var, _field)

#: Words of VuFind's ``format`` field that decide the CSL type (first match); else ``document``.
FORMAT_TYPES: tuple[tuple[str, str], ...] = (
    ("Article", "article-journal"),
    ("Book Chapter", "chapter"),
    ("Chapter", "chapter"),
    ("Thesis", "thesis"),
    ("Dissertation", "thesis"),
    ("Conference", "paper-conference"),
    ("Report", "report"),
    ("Dataset", "dataset"),
    ("Video", "motion_picture"),
    ("Book", "book"),
    ("eBook", "book"),
)
