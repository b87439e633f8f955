"""MODS reader: ``<modsCollection>`` or a lone ``<mods>``, with or without the MODS namespace (and with any
prefix), streamed one ``<mods>`` at a time by :func:`msccite.formats.xmlsafe.iter_elements` (no entity
expansion, no DTD, no network). The text is decoded already: an ``encoding="ISO-8859-1"`` declaration means
nothing any more (``xmlsafe`` drops it).

Each record is read in two passes. The first decides what no single element says: the type (from the
genres, ``typeOfResource``, the host's genres and issuance and the internet media type, in the order Zotero's
``MODS.js`` looks at them), the element the publication date comes from, and whether a title must be taken
from a typed ``titleInfo``. The second maps the elements in document order. What has no CSL variable is kept
in order as an extra whose key is the path of elements down to it: ``originInfo/issuance``,
``name/namePart`` (a name's dates), ``relatedItem[host]/part/detail``, ``identifier`` ... and whose value is
the element (its text, or ``@attribute``/child/``#text`` keys); the writer puts each back in that path.

``<note type="msccite">`` notes are msccite's own carriers (``[csl:VARIABLE=json] ...``, ``[format:key] ...``),
written for what MODS has no element for: they are applied last.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from ...context import ReadContext
from ...model import CSL_TYPES, DATE_SET, LIST_VARIABLES, NAME_SET, Date, Extra, Name, Record
from ..carriers import CARRIER, load_json, read_carrier
from ..xmlsafe import leading_tags, read_records, text_of
from .map import (
    ATTR_PREFIXES,
    CARRIER_NOTE,
    CSL_TO_LOCAL,
    CSL_TO_MARCGT,
    CSL_TO_TYPE_OF_RESOURCE,
    DCT_GENRE_TO_CSL,
    DEFAULT_ISSUANCE,
    DEFAULT_TYPE_OF_RESOURCE,
    DETAIL_TO_CSL,
    GENRE_PATTERNS,
    HOST_IDENTIFIERS,
    IDENTIFIERS,
    ISSUANCE,
    MARC_GENRE_TO_CSL,
    MARC_RELATORS,
    MEDIA_TYPE_TO_CSL,
    NS,
    PAGE_UNITS,
    PARTIAL_TYPES,
    PERIODICAL_ISSUANCE,
    ROLE_WORDS,
    TYPE_OF_RESOURCE_TO_CSL,
    VOLUME_UNITS,
    ZOTERO_TO_CSL,
)

NAME = "mods"
EXTENSIONS = (".mods", ".mods.xml")
DESCRIPTION = "MODS XML (Library of Congress; DSpace, Islandora, catalogues, bibutils, Zotero, JabRef)"
LINE_PIECES = True  # lines mean nothing in XML: a long one comes in pieces

RECORD_TAGS = (f"{{{NS}}}mods", "mods")
_SPACE = re.compile(r"[ \t\r\n]+")
_WS = " \t\r\n"
_W3CDTF = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)?)?")
_ISO_BASIC = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T?\d{2,6}(?:\.\d+)?)?")
_PAGE_COUNT = re.compile(r"(\d+)\s*(?:p|pp|pages?)\.?", re.I)
_DERIVE_PAGES = re.compile(r"\bp(?:ages?)?\.?\s+([a-z]?\d+(?:\s*-\s*[a-z]?\d+))", re.I)
_DERIVE_COUNT = re.compile(r"(\d+)\s*p(?:ages?)?\b", re.I)
_DERIVE_VOLUMES = re.compile(r"(\d+)\s+(?:v(?:olumes?)?|scores?|sound|video)\b", re.I)
_MARC_WORD_PERIOD = re.compile(r"(?:^|\s)[^\W\d_]{2,}\.$")  # "Kumar." (a word of 2+ letters): MARC punctuation
_DATE_TAGS = ("dateIssued", "copyrightDate", "dateCreated")
_DATE_RANK = {("top", "dateIssued"): 0, ("host", "dateIssued"): 2, ("top", "copyrightDate"): 4,
              ("host", "copyrightDate"): 6, ("top", "dateCreated"): 8, ("host", "dateCreated"): 10}  # fmt: skip
_HOST, _SERIES = "relatedItem[host]", "relatedItem[series]"


# -- detection ------------------------------------------------------------------------------------
def detect(sample: str) -> float:
    """MODS if the document opens with ``<modsCollection>`` or ``<mods>`` (any prefix)."""
    tags = [t for t in leading_tags(sample, 3) if not t.startswith("!DOCTYPE")]
    if tags and tags[0].rpartition(":")[2] in ("modsCollection", "mods"):
        return 0.95
    return 0.0


# -- small pieces shared with the writer ----------------------------------------------------------
def local(el: Any) -> str | None:
    """An element's name without the MODS namespace (``{uri}name`` for another namespace); None for a comment."""
    tag = el.tag
    if not isinstance(tag, str):
        return None
    if tag[0] == "{":
        uri, _, name = tag[1:].partition("}")
        return name if uri == NS else tag
    return tag


def kids(el: Any) -> list[Any]:
    return [c for c in el if isinstance(c.tag, str)]


def line_text(el: Any) -> str:
    """An element's text on one line: white space runs (line breaks, indentation) as one space."""
    return _SPACE.sub(" ", text_of(el)).strip(_WS)


def block_text(el: Any) -> str:
    """An element's text with its line breaks (an abstract, a note), without the space around it."""
    return text_of(el).strip(_WS)


def _attr_name(name: str) -> str:
    if name[0] == "{":
        uri, _, rest = name[1:].partition("}")
        prefix = ATTR_PREFIXES.get(uri)
        return f"{prefix}:{rest}" if prefix else name
    return name


def to_value(el: Any) -> Any:
    """An element as a JSON-able value: its text for a leaf without attributes, else a dict of ``@attribute``
    keys, child names (a list when repeated) and ``#text``. Mixed content keeps its text only."""
    attrs = {"@" + _attr_name(k): v for k, v in el.attrib.items()}
    children = kids(el)
    mixed = bool(children) and (bool((el.text or "").strip(_WS)) or any((c.tail or "").strip(_WS) for c in el))
    if not children or mixed:
        text = block_text(el)
        return {**attrs, "#text": text} if attrs else text
    out: dict[str, Any] = dict(attrs)
    repeated: set[str] = set()
    for c in children:
        tag = local(c) or ""
        value = to_value(c)
        if tag not in out:
            out[tag] = value
        elif tag in repeated:
            out[tag].append(value)
        else:
            out[tag] = [out[tag], value]
            repeated.add(tag)
    return out


def parse_date(text: str) -> Date:
    """A W3CDTF/ISO 8601 date (``2019``, ``2019-12``, ``2019-12-02``, ``20191202``); anything else kept raw."""
    t = text.strip(_WS)
    m = _W3CDTF.fullmatch(t) or _ISO_BASIC.fullmatch(t)
    if m is None:
        return Date(raw=t)
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
        return Date(raw=t)
    return Date.of(year, month, day)


def canonical_elements(csl_type: str) -> Counter[tuple[str, str, str, str]]:
    """The type's own elements, as the writer writes them: ``(where, tag, authority, text)``. The reader takes
    them as said by the type (no extra); any other genre or typeOfResource is kept."""
    partial = csl_type in PARTIAL_TYPES
    where = "host" if partial else "top"
    out: Counter[tuple[str, str, str, str]] = Counter()
    out[("top", "typeOfResource", "", CSL_TO_TYPE_OF_RESOURCE.get(csl_type, DEFAULT_TYPE_OF_RESOURCE))] += 1
    out[("top", "genre", "local", CSL_TO_LOCAL.get(csl_type, csl_type))] += 1
    if csl_type in CSL_TO_MARCGT:
        out[(where, "genre", "marcgt", CSL_TO_MARCGT[csl_type])] += 1
    issuance = ISSUANCE.get(csl_type, None if partial else DEFAULT_ISSUANCE)
    if issuance:
        out[(where, "issuance", "", issuance)] += 1
    return out


def _type_word(word: str) -> str | None:
    """A Zotero item type or a CSL type named in a genre."""
    if word in ZOTERO_TO_CSL:
        return ZOTERO_TO_CSL[word]
    return word if word in CSL_TYPES else None


def genre_type(genres: list[Any]) -> str | None:
    """The type a list of ``<genre>`` elements says, by Zotero's order: local genres (Zotero or CSL type names),
    MARC genre terms, DCMI types, then any genre by any of these or by its words."""
    items = [(g.get("authority") or "", line_text(g)) for g in genres]
    for authority, text in items:
        if authority == "local" and (found := _type_word(text)):
            return found
    for authority, text in items:
        if authority in ("marcgt", "marc") and (found := MARC_GENRE_TO_CSL.get(text.lower())):
            return found
    for authority, text in items:
        if authority == "dct" and (found := DCT_GENRE_TO_CSL.get(_SPACE.sub("", text).lower())):
            return found
    for _, text in items:
        found = (_type_word(text) or MARC_GENRE_TO_CSL.get(text.lower())
                 or DCT_GENRE_TO_CSL.get(_SPACE.sub("", text).lower()))  # fmt: skip
        if found:
            return found
        for pattern, csl in GENRE_PATTERNS:
            if pattern.search(text):
                return csl
    return None


def _children(el: Any, tag: str) -> list[Any]:
    return [c for c in el if local(c) == tag]


def item_type(top: list[Any], hosts: list[Any]) -> str:
    """The CSL type of a ``<mods>`` record from its top-level children and its hosts."""
    found = genre_type([c for c in top if local(c) == "genre"])
    if found:
        return found
    for c in top:
        if local(c) == "typeOfResource":
            text = line_text(c)
            if text in TYPE_OF_RESOURCE_TO_CSL:
                return TYPE_OF_RESOURCE_TO_CSL[text]
            for pattern, csl in GENRE_PATTERNS:
                if pattern.search(text):
                    return csl
    for host in hosts:
        found = genre_type(_children(host, "genre"))
        if found:
            return found
    periodical = any(line_text(i) in PERIODICAL_ISSUANCE for h in hosts for o in _children(h, "originInfo")
                     for i in _children(o, "issuance"))  # fmt: skip
    for c in top:
        if local(c) == "physicalDescription":
            for m in _children(c, "internetMediaType"):
                if line_text(m) in MEDIA_TYPE_TO_CSL:
                    return MEDIA_TYPE_TO_CSL[line_text(m)]
    if hosts:
        return "article-journal" if periodical else "chapter"
    return "document"


def split_personal(text: str) -> Name | None:
    """An unstructured personal name (``Family, Given``); one word is a family name; other forms are kept whole."""
    text = text.strip(_WS).rstrip(",").strip(_WS)
    if not text:
        return None
    if "," in text:
        family, _, given = text.partition(",")
        given = given.strip(_WS).rstrip(",").strip(_WS)
        if _MARC_WORD_PERIOD.search(given):
            given = given[:-1]
        return Name(family=family.strip(_WS), given=given)
    return Name(family=text) if " " not in text else Name(literal=text)


def role_variable(word: str, code: bool) -> str | None:
    """The CSL name variable a role term names (a MARC relator code, or a word)."""
    w = word.strip(_WS).lower()
    if code:
        return MARC_RELATORS[w][1] if w in MARC_RELATORS else None
    for term, var in MARC_RELATORS.values():
        if term == w:
            return var
    if w in NAME_SET:
        return w
    return ROLE_WORDS.get(w)


# -- reading --------------------------------------------------------------------------------------
def read(lines: Iterable[str], ctx: ReadContext) -> Iterator[Record]:
    yield from read_records(lines, RECORD_TAGS, ctx, read_element)


def read_element(elem: Any, line: int | None, ctx: ReadContext) -> Record:
    """One ``<mods>`` element to one record."""
    return _Reader(elem, line, ctx).build()


class _Reader:
    """One ``<mods>`` element to one record."""

    def __init__(self, elem: Any, line: int | None, ctx: ReadContext) -> None:
        self.elem = elem
        self.line = line
        self.ctx = ctx
        self.rec = Record("document", source=ctx.where(line))
        self.own: list[Extra] = []
        self.carriers: list[tuple[str, bool]] = []  # (note text, is a csl JSON override)
        self.urls: set[str] = set()
        self.canonical: Counter[tuple[str, str, str, str]] = Counter()
        self.chosen: list[Any] = []  # the date elements ``issued`` was read from (kept alive: compared with ``is``)
        self.date_copies: set[tuple[str, str]] = set()  # (tag, text) of those: a repetition says nothing new
        self.derive: list[str] = []  # physicalDescription extents pages may be taken from when nothing else has them
        self.fallback = {"top": False, "host": False, "series": False}

    # -- the two passes --------------------------------------------------------------------------
    def build(self) -> Record:
        top = kids(self.elem)
        hosts = [c for c in top if local(c) == "relatedItem" and c.get("type") == "host"]
        rec = self.rec
        rec.type = item_type(top, hosts)
        self.canonical = canonical_elements(rec.type)
        self.choose_date(top, hosts)
        series = [c for c in top if local(c) == "relatedItem" and c.get("type") == "series"]
        series += [s for h in hosts for s in _children(h, "relatedItem") if s.get("type") == "series"]
        self.fallback = {"top": not self.has_plain_title(top),
                         "host": not any(self.has_plain_title(kids(h)) for h in hosts),
                         "series": not any(self.has_plain_title(kids(s)) for s in series)}  # fmt: skip
        for c in top:
            self.top_element(c)
        self.finish()
        return rec

    @staticmethod
    def has_plain_title(children: list[Any]) -> bool:
        return any(local(c) == "titleInfo" and c.get("type") is None and line_text(c) for c in children)

    def choose_date(self, top: list[Any], hosts: list[Any]) -> None:
        """``issued``: the first dateIssued, then copyrightDate, then dateCreated (each at the top before the host,
        an encoded one first), then a part's date; a start and an end make a range."""
        candidates: list[tuple[int, int, Any]] = []

        def origin(el: Any, where: str) -> None:
            for d in kids(el):
                tag = local(d)
                if tag in _DATE_TAGS and d.get("point") != "end" and line_text(d):
                    rank = _DATE_RANK[(where, tag)] + (0 if d.get("encoding") else 1)
                    candidates.append((rank, len(candidates), d))

        def part(el: Any, rank: int) -> None:
            for d in _children(el, "date"):
                if line_text(d):
                    candidates.append((rank, len(candidates), d))

        for c in top:
            if local(c) == "originInfo":
                origin(c, "top")
        for h in hosts:
            for c in _children(h, "originInfo"):
                origin(c, "host")
        for h in hosts:
            for c in _children(h, "part"):
                part(c, 12)
        for c in top:
            if local(c) == "part":
                part(c, 13)
        if not candidates:
            return
        el = min(candidates, key=lambda t: (t[0], t[1]))[2]
        issued = parse_date(line_text(el))
        self.chosen.append(el)
        self.date_copies.add((local(el) or "", line_text(el)))
        if el.get("point") == "start" and issued.parts:
            parent = el.getparent()
            for end in _children(parent, local(el) or "") if parent is not None else []:
                if end.get("point") == "end":
                    last = parse_date(line_text(end))
                    if last.parts and last.year != 9999 and last != issued:
                        issued = Date(parts=(issued.parts[0], last.parts[0]))
                        self.chosen.append(end)
                    break
        self.rec["issued"] = issued

    def top_element(self, c: Any) -> None:
        tag = local(c)
        if tag is None:
            return
        rec = self.rec
        if tag == "titleInfo":
            self.title_info(c, "", "top")
        elif tag == "name":
            self.name(c, "", "top")
        elif tag in ("typeOfResource", "genre"):
            if not self.is_canonical("top", c):
                self.extra(tag, c)
        elif tag == "originInfo":
            self.origin_info(c, "originInfo", "top")
        elif tag == "language":
            self.language(c)
        elif tag == "physicalDescription":
            self.physical_description(c)
        elif tag == "abstract":
            text = block_text(c)
            if text:
                rec["abstract"] = rec["abstract"] + "\n\n" + text if "abstract" in rec else text
            else:
                self.extra(tag, c)
        elif tag == "note":
            self.note(c)
        elif tag == "subject":
            self.subject(c)
        elif tag == "classification":
            self.set_first("call-number", c, tag)
        elif tag == "relatedItem" and c.get("type") == "host":
            self.host(c)
        elif tag == "relatedItem" and c.get("type") == "series":
            self.series(c, _SERIES, "relatedItem")
        elif tag == "identifier":
            self.identifier(c, "identifier", "top")
        elif tag == "location":
            self.location(c)
        elif tag == "part":
            self.part(c, "part")
        elif tag == "recordInfo":
            self.record_info(c)
        else:  # accessCondition, tableOfContents, targetAudience, extension, other relatedItems ...
            self.extra(tag, c)

    # -- helpers ---------------------------------------------------------------------------------
    def extra(self, key: str, el: Any) -> None:
        self.own.append(Extra(NAME, key, to_value(el)))

    def set_first(self, var: str, el: Any, key: str) -> None:
        """The first non-empty value fills the variable; an empty element or a later one is an extra."""
        text = line_text(el)
        if text and var not in self.rec:
            self.rec[var] = text
        else:
            self.extra(key, el)

    def is_canonical(self, where: str, el: Any) -> bool:
        """An element the record's type writes (``<genre authority="local">journalArticle</genre>`` ...)."""
        tag = local(el) or ""
        attrs = set(el.attrib)
        if attrs - ({"authority"} if tag == "genre" else set()) or kids(el):
            return False
        key = (where, tag, el.get("authority") or "", line_text(el))
        if self.canonical[key] > 0:
            self.canonical[key] -= 1
            return True
        return False

    def is_date_used(self, el: Any) -> bool:
        return any(el is c for c in self.chosen) or (local(el) or "", line_text(el)) in self.date_copies

    def add_url(self, text: str) -> None:
        if text not in self.urls:
            self.urls.add(text)
            self.rec.add("URL", text)

    # -- titles and names ------------------------------------------------------------------------
    def title_info(self, el: Any, path: str, where: str) -> None:
        var, short = {"top": ("title", "title-short"), "host": ("container-title", "container-title-short"),
                      "series": ("collection-title", None)}[where]  # fmt: skip
        key = f"{path}/titleInfo" if path else "titleInfo"
        kind = el.get("type")
        text = title_text(el)
        rec = self.rec
        if text:
            if kind == "abbreviated":
                if short and short not in rec:
                    rec[short] = text
                    return
            elif var not in rec and (kind is None or self.fallback[where]):
                rec[var] = text
                return
        self.extra(key, el)

    def name(self, el: Any, path: str, where: str) -> None:
        key = f"{path}/name" if path else "name"
        children = kids(el)
        parts: dict[str, list[str]] = {"family": [], "given": [], "termsOfAddress": [], "": []}
        used: list[Any] = []
        roles: list[Any] = []
        for c in children:
            tag = local(c)
            if tag == "namePart" and (c.get("type") or "") in parts:
                text = line_text(c)
                if text:
                    parts[c.get("type") or ""].append(text)
                    used.append(c)
            elif tag == "role":
                roles.append(c)
        person = self.make_name(el.get("type"), parts)
        if person is None:
            for c in children:
                self.extra(f"{key}/{local(c)}", c)
            if not children:
                self.extra(key, el)
            return
        var, role_known = self.role_of(roles, where)
        self.rec.add(var, person)
        for c in children:
            if any(c is u for u in used) or (role_known and local(c) == "role"):
                continue
            self.extra(f"{key}/{local(c)}", c)

    @staticmethod
    def make_name(kind: str | None, parts: dict[str, list[str]]) -> Name | None:
        family, given, terms, plain = (parts["family"], parts["given"], parts["termsOfAddress"], parts[""])
        suffix = ", ".join(terms)
        if family or given:
            return Name(family=" ".join(family) or " ".join(plain), given=" ".join(given), suffix=suffix)
        if not plain:
            return None
        personal = kind == "personal" or (kind is None and any("," in p for p in plain))
        if not personal:
            return Name(literal=": ".join(plain))
        name = split_personal(" ".join(plain))
        if name is None:
            return None
        if suffix and not name.literal:
            name = Name(family=name.family, given=name.given, suffix=suffix)
        return name

    def role_of(self, roles: list[Any], where: str) -> tuple[str, bool]:
        """The CSL variable of a name from its roles, in its context; and whether a role said it."""
        found: str | None = None
        terms = [t for r in roles for t in kids(r) if local(t) == "roleTerm"]
        for t in terms:  # words before codes, as Zotero
            if t.get("type") != "code" and (found := role_variable(line_text(t), code=False)):
                break
        if found is None:
            for t in terms:
                if t.get("type") == "code" and (found := role_variable(line_text(t), code=True)):
                    break
        known = found is not None
        if where == "host":
            found = {None: "container-author", "author": "container-author"}.get(found, found)
        elif where == "series":
            found = {None: "collection-editor", "author": "collection-editor", "editor": "collection-editor"}.get(
                found, found
            )
        return found or "author", known

    # -- containers ------------------------------------------------------------------------------
    def origin_info(self, el: Any, key: str, where: str) -> None:
        children = kids(el)
        if not children:
            self.extra(key, el)
            return
        rec = self.rec
        for c in children:
            tag = local(c)
            ck = f"{key}/{tag}"
            if tag == "place":
                self.place(c, ck)
            elif tag == "publisher":
                self.set_first("publisher", c, ck)
            elif tag == "edition":
                self.set_first("edition", c, ck)
            elif tag in _DATE_TAGS:
                if not self.is_date_used(c):
                    self.extra(ck, c)
            elif tag == "dateCaptured" and c.get("point") != "end" and "accessed" not in rec and line_text(c):
                rec["accessed"] = parse_date(line_text(c))
            elif tag == "issuance":
                if not self.is_canonical(where, c):
                    self.extra(ck, c)
            else:
                self.extra(ck, c)

    def place(self, el: Any, key: str) -> None:
        children = kids(el)
        if not children:
            self.extra(key, el)
            return
        for c in children:
            tag = local(c)
            if tag == "placeTerm" and (c.get("type") == "text" or (c.get("type") is None and not c.get("authority"))):
                self.set_first("publisher-place", c, f"{key}/placeTerm")
            else:
                self.extra(f"{key}/{tag}", c)

    def language(self, el: Any) -> None:
        children = kids(el)
        rec = self.rec
        if not children:
            self.set_first("language", el, "language")
            return
        chosen = None
        if "language" not in rec:
            terms = [c for c in children if local(c) == "languageTerm" and line_text(c)]
            chosen = next((t for t in terms if t.get("type") == "text"), terms[0] if terms else None)
            if chosen is not None:
                rec["language"] = line_text(chosen)
        for c in children:
            if c is not chosen:
                self.extra(f"language/{local(c)}", c)

    def physical_description(self, el: Any) -> None:
        children = kids(el)
        if not children:
            self.extra("physicalDescription", el)
            return
        rec = self.rec
        for c in children:
            tag = local(c)
            key = f"physicalDescription/{tag}"
            if tag != "extent":
                self.extra(key, c)
                continue
            unit = (c.get("unit") or "").lower()
            inner = kids(c)
            text = line_text(c) if not inner else ""
            if not inner and (unit in PAGE_UNITS or unit in VOLUME_UNITS):
                var = "number-of-pages" if unit in PAGE_UNITS else "number-of-volumes"
                if text and var not in rec:
                    rec[var] = text
                    continue
            elif not inner and not unit and (m := _PAGE_COUNT.fullmatch(text)) and "number-of-pages" not in rec:
                rec["number-of-pages"] = m.group(1)
                continue
            elif inner and unit in PAGE_UNITS and [local(x) for x in inner] == ["total"] and line_text(inner[0]) \
                    and "number-of-pages" not in rec:  # fmt: skip
                rec["number-of-pages"] = line_text(inner[0])  # bibutils: <extent unit="page"><total>402</total>
                continue
            self.extra(key, c)
            if text:
                self.derive.append(text)

    def note(self, el: Any) -> None:
        kind = el.get("type")
        if kind == CARRIER_NOTE and not kids(el):
            text = text_of(el)
            m = CARRIER.fullmatch(text)
            if m is not None:
                self.carriers.append((text, m.group(1) == "csl" and bool(m.group(3))))
                return
            self.ctx.warn(self.line, f'<note type="msccite"> {text[:40]!r} is not a [format:key] value note; '
                                     "kept as an extra")  # fmt: skip
        text = block_text(el)
        if not el.attrib and text and not kids(el):
            self.rec.add("note", text)
        else:
            self.extra("note", el)

    def subject(self, el: Any) -> None:
        children = kids(el)
        if not children:
            self.extra("subject", el)
            return
        rec = self.rec
        for c in children:
            tag = local(c)
            key = f"subject/{tag}"
            if tag == "topic" and line_text(c) and not kids(c):
                rec.add("keyword", line_text(c))
            elif tag == "cartographics" and "scale" not in rec and [local(x) for x in kids(c)] == ["scale"] \
                    and line_text(c):  # fmt: skip
                rec["scale"] = line_text(c)
            else:
                self.extra(key, c)

    def identifier(self, el: Any, key: str, where: str) -> None:
        kind = (el.get("type") or "").strip(_WS).lower()
        text = line_text(el)
        var = (IDENTIFIERS if where == "top" else HOST_IDENTIFIERS).get(kind)
        rec = self.rec
        if var is None or not text or el.get("invalid") == "yes" or kids(el):
            self.extra(key, el)
        elif var == "URL":
            self.add_url(text)
        elif var == "id":
            if rec.id is None:
                rec.id = text
            else:
                self.extra(key, el)
        elif var in LIST_VARIABLES:
            rec.add(var, text)
        elif var not in rec:
            rec[var] = text
        else:
            self.extra(key, el)

    def location(self, el: Any) -> None:
        children = kids(el)
        if not children:
            self.extra("location", el)
            return
        rec = self.rec
        for c in children:
            tag = local(c)
            key = f"location/{tag}"
            text = line_text(c)
            if tag == "url" and text and c.get("access") != "preview" and not kids(c):
                self.add_url(text)
                seen = c.get("dateLastAccessed")
                if seen and seen.strip(_WS) and "accessed" not in rec:
                    rec["accessed"] = parse_date(seen)
            elif tag == "physicalLocation":
                self.set_first("archive_location", c, key)
            else:
                self.extra(key, c)

    def part(self, el: Any, key: str) -> None:
        children = kids(el)
        if not children:
            self.extra(key, el)
            return
        rec = self.rec
        for c in children:
            tag = local(c)
            ck = f"{key}/{tag}"
            if tag == "detail":
                kind = (c.get("type") or "").lower()
                var = DETAIL_TO_CSL.get(kind)
                inner = kids(c)
                numbers = [x for x in inner if local(x) == "number"]
                value = line_text(numbers[0]) if numbers else (line_text(c) if not inner else "")
                plain = all(local(x) in ("number", "caption") for x in inner) and len(numbers) <= 1
                if var and value and plain and var not in rec:
                    rec[var] = value
                else:
                    self.extra(ck, c)
            elif tag == "extent":
                self.page_extent(c, ck)
            elif tag == "date":
                if not self.is_date_used(c):
                    self.extra(ck, c)
            else:
                self.extra(ck, c)

    def page_extent(self, el: Any, key: str) -> None:
        unit = (el.get("unit") or "").lower()
        inner = kids(el)
        values: dict[str, str] = {}
        for x in inner:
            values.setdefault(local(x) or "", line_text(x))
        start, end, listed = values.get("start", ""), values.get("end", ""), values.get("list", "")
        page = (f"{start}-{end}" if start and end and start != end else start or end) if start or end else listed
        if (unit in PAGE_UNITS or not unit) and page and "page" not in self.rec:
            self.rec["page"] = page
            if set(values) - {"start", "end", "list"} or len(inner) != len(values) or (listed and (start or end)):
                self.extra(key, el)  # a total, a repeated part: kept whole beside the pages
            return
        self.extra(key, el)

    def record_info(self, el: Any) -> None:
        children = kids(el)
        if not children:
            self.extra("recordInfo", el)
            return
        for c in children:
            tag = local(c)
            if tag == "recordContentSource":
                self.set_first("source", c, f"recordInfo/{tag}")
            else:
                self.extra(f"recordInfo/{tag}", c)

    def host(self, el: Any) -> None:
        children = kids(el)
        if not children:
            self.extra("relatedItem", el)
            return
        for c in children:
            tag = local(c)
            if tag == "titleInfo":
                self.title_info(c, _HOST, "host")
            elif tag == "name":
                self.name(c, _HOST, "host")
            elif tag == "originInfo":
                self.origin_info(c, f"{_HOST}/originInfo", "host")
            elif tag == "part":
                self.part(c, f"{_HOST}/part")
            elif tag == "identifier":
                self.identifier(c, f"{_HOST}/identifier", "host")
            elif tag in ("genre", "typeOfResource"):
                if not self.is_canonical("host", c):
                    self.extra(f"{_HOST}/{tag}", c)
            elif tag == "relatedItem" and c.get("type") == "series":
                self.series(c, f"{_HOST}/{_SERIES}", f"{_HOST}/relatedItem")
            else:
                self.extra(f"{_HOST}/{tag}", c)

    def series(self, el: Any, path: str, whole: str) -> None:
        children = kids(el)
        if not children:
            self.extra(whole, el)
            return
        rec = self.rec
        for c in children:
            tag = local(c)
            if tag == "titleInfo":
                self.title_info(c, path, "series")
            elif tag == "name":
                self.name(c, path, "series")
            elif tag == "part" and kids(c):
                for d in kids(c):
                    inner = kids(d)
                    numbers = [x for x in inner if local(x) == "number"]
                    plain = all(local(x) in ("number", "caption") for x in inner) and len(numbers) == 1
                    if local(d) == "detail" and (d.get("type") or "").lower() in ("volume", "number", "issue") \
                            and plain and line_text(numbers[0]) and "collection-number" not in rec:  # fmt: skip
                        rec["collection-number"] = line_text(numbers[0])
                    else:
                        self.extra(f"{path}/part/{local(d)}", d)
            else:
                self.extra(f"{path}/{tag}", c)

    # -- the end ---------------------------------------------------------------------------------
    def finish(self) -> None:
        rec = self.rec
        for text in self.derive:  # Zotero's reading of a physical description ("p. 813-998 : ill. ; 30 cm.")
            main = re.split(r"[:;]", text, maxsplit=1)[0].split("+")[0]
            if "page" not in rec and (m := _DERIVE_PAGES.search(main)):
                rec["page"] = re.sub(r"\s+", "", m.group(1))
            if "number-of-pages" not in rec and (m := _DERIVE_COUNT.search(main)):
                rec["number-of-pages"] = m.group(1)
            if "number-of-volumes" not in rec and (m := _DERIVE_VOLUMES.search(main)):
                rec["number-of-volumes"] = m.group(1)
        if rec.id is None:
            ident = self.elem.get("ID")
            if ident and ident.strip(_WS):
                rec.id = ident.strip(_WS)
        carried: list[tuple[int, Extra]] = []
        for text, override in self.carriers:
            if override and self.override(text):
                continue
            if not override:
                read_carrier(rec, text, self.line, self.ctx, carried)
        rec.extra = self.own + [e for _, e in carried]

    def override(self, text: str) -> bool:
        """A ``[csl:VARIABLE=json] value`` note: the variable's exact value, in place of what the elements gave."""
        m = CARRIER.fullmatch(text)
        assert m is not None
        key, body = m.group(2), m.group(4)
        try:
            value = load_json(body)
        except ValueError:
            self.ctx.warn(self.line, f"the note [csl:{key}=json] should hold JSON; kept as an extra")
            self.own.append(Extra(NAME, "note", {"@type": CARRIER_NOTE, "#text": text}))
            return True
        rec = self.rec
        if key in ("type", "id"):
            if isinstance(value, str):
                setattr(rec, key, value)
                if key == "type":
                    rec.keys.pop("type", None)
            elif key == "id" and value is None:
                rec.id = None
        elif key == "custom" and isinstance(value, dict):
            rec.custom.update(value)
        elif value is None:
            rec.fields.pop(key, None)
        elif key in NAME_SET and isinstance(value, list) and all(isinstance(n, dict) for n in value):
            rec[key] = [Name.from_csl(n) for n in value]
        elif key in DATE_SET and isinstance(value, (dict, str)):
            rec[key] = Date.from_csl(value)
        elif key in LIST_VARIABLES and isinstance(value, list):
            rec[key] = value
        elif key in NAME_SET or key in DATE_SET or key in LIST_VARIABLES:
            self.ctx.warn(self.line, f"the note [csl:{key}=json] does not hold a value for {key}; kept as an extra")
            self.own.append(Extra(NAME, "note", {"@type": CARRIER_NOTE, "#text": text}))
        else:
            rec[key] = value
        return True


def title_text(el: Any) -> str:
    """A ``titleInfo`` as one title, as Zotero joins it: nonSort, title, ``: `` subTitle, ``. `` partNumber and
    ``: `` partName."""
    parts: dict[str, str] = {}
    for c in kids(el):
        tag = local(c) or ""
        if tag not in parts:
            parts[tag] = line_text(c)
    title = parts.get("title", "")
    sub = parts.get("subTitle")
    if sub:
        title = (re.sub(r":$", "", title) + ": " + sub) if title else sub
    non_sort = parts.get("nonSort", "").strip(_WS)
    if non_sort:
        title = non_sort + ("" if non_sort[-1] in "'’-" else " ") + title
    number, name = parts.get("partNumber"), parts.get("partName")
    if number or name:
        head = re.sub(r"\.$", "", title) + ". " if title else ""
        title = head + (f"{number}: {name}" if number and name else number or name or "")
    if not parts:
        title = line_text(el)
    return _SPACE.sub(" ", title).strip(_WS)
