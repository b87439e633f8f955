"""AbleSci (科研通) page words, as data for the reader: the headings, the ``label:value`` labels and where the
site's furniture begins. See ``docs/formats/ablesci.md``.
"""

from __future__ import annotations

import re

#: The headings the page puts on lines of their own.
AUTHORS, SOURCE, IDS, ABSTRACT = "作者", "出处", "标识", "摘要"
HEADINGS = frozenset({AUTHORS, SOURCE, IDS, ABSTRACT, "关键词", "关键字"})

#: ``label:value`` lines -> CSL variable (``container`` and ``volume`` are split further).
LABELS: dict[str, str] = {
    "期刊": "container", "会议": "container", "书名": "container", "丛书": "collection-title",
    "卷期号": "volume", "DOI": "DOI", "PMID": "PMID", "PMCID": "PMCID", "ISSN": "ISSN", "ISBN": "ISBN",
    "出版商": "publisher", "出版社": "publisher", "年份": "issued", "出版日期": "issued", "日期": "issued",
    "语言": "language", "关键词": "keyword", "关键字": "keyword",
}  # fmt: skip
#: Container labels that decide the CSL type.
CONTAINER_TYPES: dict[str, str] = {"期刊": "article-journal", "会议": "paper-conference", "书名": "chapter"}

#: Lines where the site's furniture begins (nothing after them, up to the next record, is the paper's).
TAIL_START = re.compile(r"最长约\s*\d+\s*秒|科研通智能强力驱动|Strongly Powered by AbleSci AI|实时播报|高分求助中|"
                        r"热门求助领域|热门帖子|求助须知|关注\s*科研通微信公众号|版权声明")  # fmt: skip
