"""The one place that builds lxml parsers for msccite's XML readers, and streams records out of them.

Safety rules (``docs/formats/pubmed-xml.md``, ``docs/formats/endnote-xml.md``):

- entities are never expanded (``resolve_entities=False``): a reference to an entity declared in a
  DOCTYPE stays in the text as written (``&name;``), so an external ``SYSTEM`` entity
  (``file:///etc/passwd``) is never read and a "billion laughs" document does not blow up; libxml2
  stops the latter with an amplification error, which is reported like any syntax error;
- no DTD is loaded and nothing is fetched from the network (``load_dtd=False``, ``no_network=True``,
  ``dtd_validation=False``), so PubMed's ``<!DOCTYPE ... "https://dtd.nlm.nih.gov/...">`` costs nothing;
- libxml2's size limits stay on (``huge_tree=False``).

Streaming: :func:`iter_elements` feeds the lines (in batches of about 64 KB) to an ``XMLPullParser``
and yields each completed record element, then clears it and drops its previous siblings, so memory
stays flat whatever the size of the file. A syntax error is reported with its line through
``ctx.problem`` and reading stops there; records already yielded stay yielded.

The lines are already decoded text, so the encoding an XML declaration names (``encoding="UTF-8"``,
``"ISO-8859-1"``, even ``"UTF-16"``) means nothing any more: it is removed from the declaration
before the first feed, so that no lxml version decodes the text a second time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from lxml import etree

from ..context import ReadContext
from ..textio import LinePiece

if TYPE_CHECKING:
    from ..model import Record

__all__ = [
    "make_parser", "iter_elements", "read_records", "text_of", "children_json", "declared_entities", "leading_tags",
]  # fmt: skip

# What may open an XML document before its root, and its first elements: an XML declaration,
# comments, processing instructions, a DOCTYPE (with or without an internal subset), start tags.
_LEAD = re.compile(
    r"\s*(?:<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE\s+([\w:.-]+)(?:[^\[>]*)(?:\[.*?\]\s*)?>|<([A-Za-z_][\w:.-]*)[^>]*>)",
    re.S,
)


def leading_tags(sample: str, limit: int = 3) -> list[str]:
    """The DOCTYPE name (as ``!DOCTYPE name``) and the first start tags at the very start of ``sample``.

    Only what comes before any text counts, so a tag named in the middle of some other file (an
    abstract quoting ``<PubmedArticleSet>``) is never seen. An empty list: not XML.
    """
    out: list[str] = []
    pos = 0
    text = sample.lstrip("\ufeff")
    while len(out) < limit:
        m = _LEAD.match(text, pos)
        if m is None or m.end() == pos:
            break
        if m.group(1):
            out.append("!DOCTYPE " + m.group(1))
        elif m.group(2):
            out.append(m.group(2))
        pos = m.end()
    return out


def make_parser(events: tuple[str, ...] = ("end",), tags: Iterable[str] | None = None) -> etree.XMLPullParser:
    """A pull parser that expands no entity, loads no DTD and never touches the network."""
    kwargs: dict[str, Any] = {}
    if tags is not None:
        kwargs["tag"] = tuple(tags)
    return etree.XMLPullParser(
        events=events,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        dtd_validation=False,
        remove_comments=False,
        **kwargs,
    )


def text_of(elem: Any) -> str:
    """The text of an element and its descendants (inline markup such as ``<i>`` dropped, its text kept).

    A reference to a declared entity, which is never expanded, comes back as written (``&name;``).
    Comments and processing instructions are left out.
    """
    if len(elem) == 0:  # a leaf (an entity reference would be a child): the common case, made fast
        return elem.text or ""
    return "".join(elem.itertext())


def children_json(attrs: dict[str, Any], kids: Iterable[Any], convert: Callable[[Any], Any]) -> dict[str, Any]:
    """``attrs`` and each child's converted value under its tag; a tag that repeats holds a list."""
    out: dict[str, Any] = dict(attrs)
    lists: set[str] = set()
    for c in kids:
        value = convert(c)
        if c.tag not in out:
            out[c.tag] = value
        elif c.tag in lists:
            out[c.tag].append(value)
        else:
            out[c.tag] = [out[c.tag], value]
            lists.add(c.tag)
    return out


def declared_entities(elem: Any) -> list[str]:
    """Names of the entities the document's internal DTD subset declares (none in a sane export)."""
    dtd = elem.getroottree().docinfo.internalDTD
    if dtd is None:
        return []
    return [str(ent.name) for ent in dtd.iterentities()]


#: The encoding named by an XML declaration: the text is decoded already, so the name is dropped.
_DECLARED_ENCODING = re.compile(r"""^(\s*<\?xml\b[^>]*?)\s+encoding\s*=\s*(?:"[^"]*"|'[^']*')""")


def _first_line(lines: Iterator[str]) -> tuple[str | None, int]:
    """Skip blank lines (and a BOM) before the document: an XML declaration must come first.

    The declaration's ``encoding="..."`` is removed: the lines are text already, and lxml before 5
    decodes a ``str`` fed after ``encoding="ISO-8859-1"`` a second time (``café`` -> ``cafÃ©``).
    """
    skipped = 0
    for line in lines:
        piece = type(line) is LinePiece
        line = line.lstrip("\ufeff") if skipped == 0 else line
        if line.strip():
            line = _DECLARED_ENCODING.sub(r"\1", line, count=1)
            return (LinePiece(line) if piece else line), skipped
        if not piece:
            skipped += 1
    return None, skipped


#: Lines are fed to the parser in batches of about this many characters (one feed per line costs
#: more than the parsing); libxml2 still counts lines itself, so error lines stay exact.
_BATCH_CHARS = 64 * 1024
_ENTITY_REF = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)[A-Za-z_][\w.-]*;")


def iter_elements(
    lines: Iterable[str], tags: Iterable[str], ctx: ReadContext, batch_chars: int = _BATCH_CHARS
) -> Iterator[tuple[Any, int]]:
    """Yield ``(element, line)`` for each complete element whose tag is in ``tags``, in document order.

    The caller must be done with an element before asking for the next one: it is cleared then.
    Elements between records that are not records are reported (a warning) and dropped. An element
    the input ends inside, or that a syntax error cuts, is never yielded, whichever lxml is installed.
    ``batch_chars``: about how many characters are fed to the parser at a time.
    """
    wanted = tuple(tags)
    wanted_set = frozenset(wanted)
    parser = make_parser(("end",), wanted)
    it = iter(lines)
    first, offset = _first_line(it)
    if first is None:
        return
    state: dict[str, Any] = {"checked": False, "last": None}

    def handle(events: Iterator[tuple[str, Any]]) -> Iterator[tuple[Any, int]]:
        for _, elem in events:
            if not state["checked"]:
                state["checked"] = True
                names = declared_entities(elem)
                if names:
                    ctx.warn(offset + 1, "the DOCTYPE declares entities (" + ", ".join(names[:5])
                             + "): they are never expanded, references stay as written (&name;)")  # fmt: skip
            _report_strays(elem, wanted_set, offset, ctx)
            yield elem, (elem.sourceline or 1) + offset
            _release(elem)
            state["last"] = elem

    batch: list[str] = []
    size = 0
    n = offset  # lines read so far
    batch_start = offset + 1
    pieces = False  # the batch holds pieces of a long line (LinePiece: no line end after them)
    try:
        for line in _chain(first, it):
            if type(line) is LinePiece:
                pieces = True
            else:
                n += 1
            batch.append(line)
            size += len(line) + 1
            if size >= batch_chars:
                parser.feed(_text(batch, pieces))
                yield from handle(parser.read_events())
                batch, size, batch_start, pieces = [], 0, n + 1, False
        if batch:
            parser.feed(_text(batch, pieces))
            yield from handle(parser.read_events())
    except etree.XMLSyntaxError as err:
        # the events of the failing feed that came before the error are complete records
        yield from handle(parser.read_events())
        ctx.problem(_error_line(err, offset, batch_start, batch, n), _error_message(err, wanted))
        return
    try:
        parser.close()
    except etree.XMLSyntaxError as err:
        # Every complete element was reported by the feeds (libxml2 parses an end tag as soon as its '>'
        # arrives); what close() reports after an error is an element still open at the end of the input,
        # which lxml 6.2 and later close for us. Such a record is cut short: it is not yielded.
        ctx.problem(_error_line(err, offset, batch_start, batch, n), _error_message(err, wanted))
        return
    yield from handle(parser.read_events())
    if state["last"] is not None:
        _report_strays_after(state["last"], wanted_set, offset, ctx)


def read_records(lines: Iterable[str], tags: Iterable[str], ctx: ReadContext,
                 make: Callable[[Any, int, ReadContext], Record]) -> Iterator[Record]:  # fmt: skip
    """The records ``make(element, line, ctx)`` makes of each element :func:`iter_elements` yields, through
    ``ctx.build`` (a record that cannot be made is reported and skipped)."""
    for elem, line in iter_elements(lines, tags, ctx):
        if (rec := ctx.build(line, make, elem, line, ctx)) is not None:
            yield rec


def _text(batch: list[str], pieces: bool) -> str:
    """The text of a batch of lines, each with its line end, but for the pieces of a long line."""
    if not pieces:
        return "\n".join(batch) + "\n"
    return "".join(x if type(x) is LinePiece else x + "\n" for x in batch)


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def _error_line(err: etree.XMLSyntaxError, offset: int, batch_start: int, batch: list[str], n: int) -> int:
    """The file line of a syntax error: libxml2's, except inside an entity, where it counts the entity's lines."""
    if "entity" in str(err.msg).lower():
        start = 0
        doctype = next((i for i, line in enumerate(batch) if "<!DOCTYPE" in line), None)
        if doctype is not None:  # skip the declarations: the reference that failed is in the content
            start = next((i for i in range(doctype, len(batch)) if "]>" in batch[i]), doctype)
        for i in range(start, len(batch)):
            if "<!ENTITY" not in batch[i] and _ENTITY_REF.search(batch[i]):
                return batch_start + i
    lineno = err.lineno + offset if err.lineno else n
    return max(1, min(lineno, n))


def _error_message(err: etree.XMLSyntaxError, wanted: tuple[str, ...]) -> str:
    msg = str(err.msg or err).split(", line ")[0]
    return (f"well-formed XML with <{wanted[0]}> records expected: {msg}; "
            "the rest of the input is not read")  # fmt: skip


def _release(elem: Any) -> None:
    """Free a record once used: its content, and the records before it still hanging off the parent."""
    elem.clear(keep_tail=True)
    parent = elem.getparent()
    if parent is None:
        return
    while elem.getprevious() is not None:
        del parent[0]


def _report_strays(elem: Any, wanted: frozenset[str], offset: int, ctx: ReadContext) -> None:
    prev = elem.getprevious()
    while prev is not None:
        _report_one(prev, wanted, offset, ctx)
        prev = prev.getprevious()


def _report_strays_after(elem: Any, wanted: frozenset[str], offset: int, ctx: ReadContext) -> None:
    nxt = elem.getnext()
    while nxt is not None:
        _report_one(nxt, wanted, offset, ctx)
        nxt = nxt.getnext()


def _report_one(node: Any, wanted: frozenset[str], offset: int, ctx: ReadContext) -> None:
    tag = node.tag
    if not isinstance(tag, str) or tag in wanted:  # a comment or a processing instruction
        return
    ctx.warn((node.sourceline or 0) + offset or None, f"<{tag}> between records is not a record: skipped")
