"""The packed citation strings of table exports, taken apart: volume, issue, pages, year, DOI.

- Embase (embase.com): ``Endoscopic Ultrasound (2014) 3:3 (152-160). Date of Publication: 2014``,
  ``Medicine in Drug Discovery (2024) 21 Article Number: 100172. Date of Publication: 1 Feb 2024``;
- Ovid: ``Journal of Travel Medicine. 25 (1) (no pagination), 2018. Article Number: tay018. Date of Publication:
  2018.``;
- PubMed (NLM): ``Eur J Sport Sci. 2022 Jan 31;12(3):1-13. doi: 10.1080/17461391.2021.2023656. Online ahead of print.``

and the ``SO`` (Source) fields of Ovid's own text export (:mod:`msccite.formats.ovid`):

- MEDLINE, BIOSIS and Journals@Ovid (Source as a field of its own):
  ``Annals of Internal Medicine. 170(1):1-10, 2019 Jan 01.``, ``J Travel Med. 25(1), 2018 01 01.``,
  ``Forest Ecology & Management. 201(2-3):327-334, November 15, 2004.``;
- Journals@Ovid (tagged): ``Acta Biochimica et Biophysica Sinica August 2011;43(8):647-653``;
- PsycINFO: ``Behavioural and Cognitive Psychotherapy. Vol.43(5), Sep 2015, pp. 623-634.``;
- Zoological Record: ``Hydrobiologia. 2007 15 June; 433-441.``, ``Proceedings. 2005; 9pp..``;
- International Political Science Abstracts: ``Journal of Political Studies 12, Winter 2007: 7-14.``,
  ``Journal of Current Southeast Asian Affairs, 2013(1): 3-28.``
"""

from __future__ import annotations

import re

__all__ = ["parse_citation"]

_EMBASE = re.compile(
    r"(?P<journal>.+?) \((?P<year>\d{4})\)(?: (?P<volume>[^\s:(.]+)(?::(?P<issue>[^\s(.]+))?)?"
    r"(?: \((?P<pages>[^)]*)\))?(?:\.? Article Number: (?P<number>[^.\s]+))?\.?(?P<rest>.*)"
)
_OVID = re.compile(
    r"(?P<journal>.+?)\. (?P<volume>[^\s(.,]+)?(?: ?\((?P<issue>[^)]*)\))?"
    r"(?: ?\((?P<pages>[^)]*)\)| (?P<pages2>[\w-]+))?"
    r", (?P<year>\d{4})\.(?: Article Number: (?P<number>[^.\s]+)\.)?(?P<rest>.*)"
)
_NLM = re.compile(
    r"(?P<journal>[^.]+(?:\.[^.\d][^.]*)*?)\. (?P<date>\d{4}(?: [A-Za-z]{3}(?:-[A-Za-z]{3})?(?: \d{1,2})?)?)"
    r"(?:;(?P<volume>[^(:;.]+)?(?:\((?P<issue>[^)]*)\))?)?(?::(?P<pages>[^.;]+))?\.(?P<rest>.*)"
)
# Ovid's shapes. A date there: "2018 01 01", "2019 Jan 01", "November 15, 2004", "Nov. 16, 2004", "September 2015",
# "January/February 2010", "Winter 2007", "2004".
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?"
_SEASON = r"(?:Spring|Summer|Fall|Autumn|Winter)"
_WHEN = rf"(?:{_MONTH}|{_SEASON})(?:[-/](?:{_MONTH}|{_SEASON}))?"
_OVID_DATE = rf"\d{{4}}(?: (?:\d{{1,2}}|{_WHEN})(?: \d{{1,2}})?)?|(?:{_WHEN} )?(?:\d{{1,2}},? )?\d{{4}}"
_VOLUME = r"[^\s(:;,]*\d[^\s(:;,]*"
_MEDLINE_OVID = re.compile(
    rf"(?P<journal>.+?)\. (?P<volume>{_VOLUME})?(?: ?\((?P<issue>[^)]*)\))?(?::(?P<pages>[^,\s]+))?, "
    rf"(?P<date>{_OVID_DATE})\.?(?P<rest>(?: .*)?)"
)
_JOURNALS_OVID = re.compile(
    rf"(?P<journal>.+?) (?P<date>(?:{_WHEN} )?(?:\d{{1,2}},? )?\d{{4}});(?P<volume>[^(:;]+)?(?:\((?P<issue>[^)]*)\))?"
    r"(?::(?P<pages>[^;\s]+))?(?P<rest>.*)"
)
_PSYCINFO = re.compile(
    r"(?P<journal>.+?)\. Vol\. ?(?P<volume>[^(,]+?)(?:\((?P<issue>.+?)\))?, ?(?P<date>[^,]*?\d{4}),"
    r"(?: pp\. (?P<pages>[^.]+))?\.?(?P<rest>(?: .*)?)"
)
_ZOOLOGICAL = re.compile(
    rf"(?P<journal>.+?)\. (?P<date>\d{{4}}(?: \d{{1,2}})?(?: {_WHEN})?); "
    r"(?:(?P<volume>[^:;(]+?)(?:\((?P<issue>[^)]*)\))?: )?"
    r"(?P<pages>[^;:]+?)\.*"
)
_IPSA = re.compile(
    rf"(?P<journal>.+?)(?: (?P<volume>\d+))?, (?:(?P<date>(?:{_WHEN} )?\d{{4}})|(?P<volume2>\d+)\((?P<issue>[^)]*)\)): "
    r"(?P<pages>[\w-]+)\."
)
_PAGE_COUNT = re.compile(r"(\d+) ?pp\.?", re.I)
_PP = re.compile(r"^pp?\.?\s+(?=\S)")
_YEAR = re.compile(r"\d{4}")
_DOI = re.compile(r"doi:\s*(10\.\S+?)\.?(?:\s|$)", re.I)
_ARTICLE_NUMBER = re.compile(r"Article Number: ([^\s]+?)\.?(?:\s|$)")
_DATE_OF_PUBLICATION = re.compile(r"Date of Publication:\s*([^.]+)")
_NO_PAGES = frozenset({"no pagination", "no pagination specified", "unpaginated", ""})


def parse_citation(text: str) -> dict[str, str]:
    """The parts of a packed citation string (keys ``journal``, ``year``, ``date``, ``volume``, ``issue``,
    ``pages``, ``page-count`` (``9pp.``), ``number`` (an article number), ``doi``, ``published``), only those found;
    ``{}`` when it has none of the shapes."""
    text = " ".join(text.split())
    for pattern in (_EMBASE, _MEDLINE_OVID, _OVID, _ZOOLOGICAL, _NLM, _JOURNALS_OVID, _PSYCINFO, _IPSA):
        m = pattern.fullmatch(text)
        if m is None:
            continue
        groups = m.groupdict()
        found = {k: v.strip() for k, v in groups.items() if v and v.strip() and k not in ("rest", "pages2", "volume2")}
        if groups.get("pages2") and "pages" not in found:
            found["pages"] = m.group("pages2")
        if groups.get("volume2") and "volume" not in found:
            found["volume"] = m.group("volume2")
        if "pages" in found:
            found["pages"] = _PP.sub("", found["pages"]) or found["pages"]  # Embase's "(pp 12-13)"
        if (count := _PAGE_COUNT.fullmatch(found.get("pages", ""))) is not None:
            found["page-count"] = count.group(1)
            del found["pages"]
        if found.get("pages", "").lower() in _NO_PAGES:
            found.pop("pages", None)
        if "date" in found and (year := _YEAR.search(found["date"])) is not None:
            found["year"] = year.group()
        rest = groups.get("rest") or ""
        if (d := _DOI.search(rest)) is not None:
            found["doi"] = d.group(1)
        if "number" not in found and (n := _ARTICLE_NUMBER.search(rest)) is not None:
            found["number"] = n.group(1)
        if (p := _DATE_OF_PUBLICATION.search(rest)) is not None:
            found["published"] = p.group(1).strip()
        return found
    return {}
