"""WHO ICTRP Search Portal exports (trialsearch.who.int), read only: the XML export and the CSV download.

- XML, "Export results to XML": ``<Trials_downloaded_from_ICTRP>`` with one ``<Trial>`` per trial
  (:mod:`.portal_xml`);
- CSV, the portal's table download and ICTRP's published trial lists (``TrialID,Last Refreshed on,Public title,
  Scientific title,...``), and the same table as XLSX once converted to CSV text (:mod:`.table`).

The element names and the column names are the same names (``Public_title`` / ``Public title``): one table maps both
to the facts of a registration record (:mod:`.map`), built by :func:`msccite.formats.trials.registration_record`:
a CSL ``report``, title the scientific title, ``title-short`` the public title, the primary sponsor as a corporate
author, the secondary sponsors as contributors, ``number`` the TrialID, ``publisher`` the source register as ICTRP
names it, ``issued`` the registration date, ``URL`` the register's page, and ``custom["trial"]`` (status, phase,
conditions, interventions, enrollment, start, completion). ICTRP gives no summary: no ``abstract``. Every other
element or column is an extra, in file order. ICTRP's HTML fragments (``<br>``, ``&lt;br&gt;``, ``&#x0D;``,
entities) become plain text and line breaks. ``docs/formats/ictrp.md`` has the whole mapping.

``EXTENSIONS`` is empty: ``.xml`` and ``.csv`` belong to no one format; detection tells by content.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ...context import ReadContext
from ...model import Record
from . import portal_xml, table

NAME = "ictrp"
EXTENSIONS: tuple[str, ...] = ()
ALIASES = ("who-ictrp",)
DESCRIPTION = "WHO ICTRP Search Portal exports (XML, CSV/XLSX download), read only"

__all__ = ["NAME", "ALIASES", "EXTENSIONS", "DESCRIPTION", "detect", "read"]


def _first_line(sample: str) -> str:
    for line in sample.lstrip("\ufeff").splitlines():
        if line.strip():
            return line
    return ""


def detect(sample: str) -> float:
    """0.95 for the XML export's root ``<Trials_downloaded_from_ICTRP>``, and for a table whose header names
    ``TrialID`` and ``Public title`` or ``Scientific title``; see :func:`.portal_xml.detect`, :func:`.table.detect`."""
    first = _first_line(sample)
    if first.lstrip().startswith("<"):
        return portal_xml.detect(sample)
    return table.detect(first) if first else 0.0


def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    """The trials of an XML export or a table: which one, the first line that is not blank tells (``<`` opens XML)."""
    it = iter(lines)
    blank = 0
    for line in it:
        if line.strip() and line.strip() != "\ufeff":
            first = line
            break
        blank += 1
    else:
        return
    if first.lstrip("\ufeff \t").startswith("<"):
        yield from portal_xml.read(_chain([""] * blank + [first], it), ctx)
    else:
        yield from table.read(_chain([first], it), ctx, ctx.first_line + blank)


def _chain(head: list[str], rest: Iterator[str]) -> Iterator[str]:
    yield from head
    yield from rest
