"""AbleSci (科研通) paper pages, as text copied from the page (read only).

The page shows the title, a line of Chinese subject terms, then headings on lines of their own
with what follows them::

    TITLE
    间充质干细胞 脐带 医学 临床终点 ...       (subject terms)
    作者                                     (authors)
    Dominique Farge,Lucie Biard,B. Weil,...
    出处                                     (source)
    期刊:Cytotherapy [Elsevier]              (journal [publisher])
    卷期号:26 (6): S45-S46                   (volume (issue): pages)
    标识                                     (identifiers)
    DOI:10.1016/j.jcyt.2024.03.076
    摘要                                     (abstract)
    Background & Aim: ...

and then a long tail of the site's live feed (实时播报), help requests and links.

Reader (see ``docs/formats/ablesci.md``):

- a record starts at its title, found from its ``作者`` heading: the line before it (or the one
  before the subject terms); several pages copied into one file give several records;
- ``作者``: ``Given Family`` names separated by commas (``,`` or ``，``), kept as written (``Anne‐Sophie``);
- ``期刊``/``会议``/``书名`` ``Name [Publisher]``: container and publisher; ``卷期号`` volume, issue, pages;
  ``DOI``, ``PMID``, ``ISSN``, ``ISBN`` and other ``label:value`` lines: the variable, or an extra;
- the subject terms are keywords; the abstract is read once: the page repeats it (the headings
  ``Background``, ``Methods`` ... left out) right after it, and that second copy is dropped;
- the site's furniture after the abstract (from ``最长约 10秒,即可获得该文献文件``, ``实时播报`` ...)
  is skipped; any other line the reader cannot place is reported with its line.

The package: ``map`` (headings and labels, as data) and ``read`` (detection, the reader).
"""

from __future__ import annotations

from .map import HEADINGS
from .read import DESCRIPTION, EXTENSIONS, NAME, detect, read

__all__ = ["NAME", "EXTENSIONS", "DESCRIPTION", "HEADINGS", "detect", "read"]
