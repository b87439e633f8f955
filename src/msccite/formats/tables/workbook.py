"""Excel workbooks as tables: the first sheet of an ``.xlsx`` (read here, with the standard library's zipfile and
lxml) or of an old ``.xls`` (through xlrd, the ``msccite[excel]`` extra), turned into CSV text that the table
reader reads like any other (so an ICTRP or Scopus workbook is detected by its header, as its CSV is).

Safety: the archive's declared sizes are checked before anything is unpacked (no part over
:data:`MAX_PART_BYTES`, no part more than :data:`MAX_RATIO` times its compressed size); the XML is parsed by
:mod:`msccite.formats.xmlsafe`'s rules (no entities, no DTD, no network).
"""

from __future__ import annotations

import csv
import io
import posixpath
import zipfile
from collections.abc import Iterator

from lxml import etree

from ...errors import MscciteError
from .parse import safe_cell

__all__ = ["ZIP_MAGIC", "OLE_MAGIC", "workbook_text", "xlsx_rows"]

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old binary Office file (.xls)
MAX_PART_BYTES = 2 << 30
MAX_RATIO = 1000
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PARSER = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _part(z: zipfile.ZipFile, name: str) -> bytes:
    info = z.getinfo(name)
    if info.file_size > MAX_PART_BYTES or info.file_size > MAX_RATIO * max(info.compress_size, 1) + (1 << 20):
        raise MscciteError(f"the workbook part {name} unpacks to {info.file_size:,} bytes: refused (a zip bomb?)")
    return z.read(name)


def _first_sheet(z: zipfile.ZipFile) -> str:
    """The path of the workbook's first sheet, through workbook.xml and its relationships."""
    names = set(z.namelist())
    try:
        book = etree.fromstring(_part(z, "xl/workbook.xml"), etree.XMLParser(**_PARSER))
        rels = etree.fromstring(_part(z, "xl/_rels/workbook.xml.rels"), etree.XMLParser(**_PARSER))
        sheet = book.find(f"{_NS}sheets/{_NS}sheet")
        rid = sheet.get(_REL) if sheet is not None else None
        for rel in rels:
            if rel.get("Id") == rid:
                target = rel.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
                if path in names:
                    return path
    except (KeyError, etree.XMLSyntaxError):
        pass
    sheets = sorted(n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml"))
    if not sheets:
        raise MscciteError("a ZIP archive without a worksheet: not an .xlsx workbook")
    return sheets[0]


def _shared_strings(z: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in z.namelist():
        return []
    out = []
    for _, si in etree.iterparse(io.BytesIO(_part(z, "xl/sharedStrings.xml")), tag=f"{_NS}si", **_PARSER):
        out.append("".join(t.text or "" for t in si.iter(f"{_NS}t") if t.getparent().tag != f"{_NS}rPh"))
        si.clear()
    return out


def _column(ref: str) -> int:
    n = 0
    for ch in ref:
        if not ch.isalpha():
            break
        n = n * 26 + (ord(ch.upper()) - 64)
    return n - 1


def xlsx_rows(data: bytes) -> Iterator[list[str]]:
    """The rows of the first sheet of an .xlsx workbook, each cell as text (numbers as written: ``2019``)."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise MscciteError(f"a damaged ZIP archive ({exc}): not a readable .xlsx workbook") from None
    with z:
        if "xl/workbook.xml" not in z.namelist():
            raise MscciteError("a ZIP archive, not an .xlsx workbook (it has no xl/workbook.xml)")
        strings = _shared_strings(z)
        sheet = _part(z, _first_sheet(z))
        try:
            for _, row in etree.iterparse(io.BytesIO(sheet), tag=f"{_NS}row", **_PARSER):
                cells: list[str] = []
                for c in row.iter(f"{_NS}c"):
                    ref = c.get("r")
                    at = _column(ref) if ref else len(cells)
                    if at > len(cells):
                        cells.extend([""] * (at - len(cells)))
                    kind = c.get("t", "n")
                    if kind == "inlineStr":
                        text = "".join(t.text or "" for t in c.iter(f"{_NS}t"))
                    else:
                        v = c.find(f"{_NS}v")
                        text = v.text or "" if v is not None else ""
                        if kind == "s" and text.isdecimal() and int(text) < len(strings):
                            text = strings[int(text)]
                        elif kind == "b":
                            text = "TRUE" if text == "1" else "FALSE"
                        elif kind == "n" and text.endswith(".0"):
                            text = text[:-2]
                    cells.append(text)
                row.clear()
                yield cells
        except etree.XMLSyntaxError as exc:
            raise MscciteError(f"the workbook's sheet is damaged XML ({exc})") from None


def _xls_rows(data: bytes) -> Iterator[list[str]]:
    try:
        import xlrd  # type: ignore[import-untyped]
    except ImportError:
        raise MscciteError("an old Excel .xls workbook: reading it needs xlrd "
                           "(pip install 'msccite[excel]'), or save it as .xlsx or CSV") from None  # fmt: skip
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except Exception as exc:  # noqa: BLE001 - xlrd's own error classes
        raise MscciteError(f"not a readable .xls workbook ({exc})") from None
    sheet = book.sheet_by_index(0)
    for r in range(sheet.nrows):
        out = []
        for c in sheet.row(r):
            v = c.value
            out.append(str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))
        yield out


def workbook_text(data: bytes) -> str:
    """The first sheet of a workbook (.xlsx, or .xls) as CSV text."""
    rows = _xls_rows(data) if data.startswith(OLE_MAGIC) else xlsx_rows(data)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for row in rows:
        while row and not row[-1]:
            row.pop()
        writer.writerow([safe_cell(c) for c in row])  # the CSV reader takes the ' off again: "'=x" stays "'=x"
    return buf.getvalue()
