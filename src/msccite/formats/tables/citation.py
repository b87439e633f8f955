"""The packed citation strings of table exports, taken apart: volume, issue, pages, year, DOI.

- Embase (embase.com): ``Endoscopic Ultrasound (2014) 3:3 (152-160). Date of Publication: 2014``,
  ``Medicine in Drug Discovery (2024) 21 Article Number: 100172. Date of Publication: 1 Feb 2024``;
- Ovid: ``Journal of Travel Medicine. 25 (1) (no pagination), 2018. Article Number: tay018. Date of Publication:
  2018.``;
- PubMed (NLM): ``Eur J Sport Sci. 2022 Jan 31;12(3):1-13. doi: 10.1080/17461391.2021.2023656. Online ahead of print.``
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
_DOI = re.compile(r"doi:\s*(10\.\S+?)\.?(?:\s|$)", re.I)
_DATE_OF_PUBLICATION = re.compile(r"Date of Publication:\s*([^.]+)")
_NO_PAGES = frozenset({"no pagination", ""})


def parse_citation(text: str) -> dict[str, str]:
    """The parts of a packed citation string (keys ``journal``, ``year``, ``date``, ``volume``, ``issue``,
    ``pages``, ``number`` (an article number), ``doi``), only those found; ``{}`` when it has none of the shapes."""
    text = " ".join(text.split())
    for pattern in (_EMBASE, _OVID, _NLM):
        m = pattern.fullmatch(text)
        if m is None:
            continue
        found = {k: v.strip() for k, v in m.groupdict().items() if v and v.strip() and k not in ("rest", "pages2")}
        if m.groupdict().get("pages2") and "pages" not in found:
            found["pages"] = m.group("pages2")
        if found.get("pages", "").lower() in _NO_PAGES:
            found.pop("pages", None)
        if "date" in found:
            found["year"] = found["date"][:4]
        rest = m.group("rest") or ""
        if (d := _DOI.search(rest)) is not None:
            found["doi"] = d.group(1)
        if (p := _DATE_OF_PUBLICATION.search(rest)) is not None:
            found["published"] = p.group(1).strip()
        return found
    return {}
