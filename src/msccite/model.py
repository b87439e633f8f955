"""The record model: one bibliographic record, shaped like a CSL-JSON item.

A :class:`Record` holds CSL variables under their CSL names (``title``, ``author``,
``container-title``, ``DOI`` ...). Values are plain strings (or numbers, as CSL allows), except:

- name variables (``author``, ``editor`` ...) hold a list of :class:`Name`;
- date variables (``issued``, ``accessed`` ...) hold a :class:`Date`;
- the multi-valued variables of :data:`LIST_VARIABLES` (``keyword``, ``ISSN``, ``ISBN``, ``URL``,
  ``note``) hold a list of strings, because sources carry several (two ``SN`` for print and
  electronic ISSN, many ``UR``); CSL-JSON has one string for each, so :meth:`Record.to_csl`
  joins them and keeps the exact list in ``custom.lists`` whenever the join could not be undone;
- ``categories`` holds a list of strings, as in CSL.

What a source carries that CSL has no variable for is kept, in order, in :attr:`Record.extra`
as :class:`Extra` triples ``(format, key, value)``, and written back by the writer of that
format. In CSL-JSON it travels in ``custom.extra`` (see ``docs/model.md``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

__all__ = [
    "Record",
    "Name",
    "Date",
    "Extra",
    "Source",
    "NAME_VARIABLES",
    "NAME_SET",
    "DATE_SET",
    "DATE_VARIABLES",
    "LIST_VARIABLES",
    "CSL_TYPES",
    "CSL_ORDER",
    "small_int",
]

NAME_VARIABLES: tuple[str, ...] = (
    "author", "editor", "translator", "container-author", "collection-editor", "composer",
    "director", "interviewer", "recipient", "reviewed-author", "editorial-director", "illustrator",
    "original-author", "chair", "compiler", "contributor", "curator", "executive-producer", "guest",
    "host", "narrator", "organizer", "performer", "producer", "script-writer", "series-creator",
)  # fmt: skip

DATE_VARIABLES: tuple[str, ...] = (
    "issued", "accessed", "available-date", "event-date", "original-date", "submitted",
)  # fmt: skip

#: Multi-valued in the model, one string in CSL-JSON: the separator used to join them there.
#: The same, as sets: what ``in`` asks of them (a tuple is searched one item at a time, ten times slower).
NAME_SET: frozenset[str] = frozenset(NAME_VARIABLES)
DATE_SET: frozenset[str] = frozenset(DATE_VARIABLES)
LIST_VARIABLES: dict[str, str] = {"keyword": ", ", "ISSN": ", ", "ISBN": ", ", "URL": "", "note": "\n"}

CSL_TYPES: frozenset[str] = frozenset(
    """article article-journal article-magazine article-newspaper bill book broadcast chapter classic
    collection dataset document entry entry-dictionary entry-encyclopedia event figure graphic hearing
    interview legal_case legislation manuscript map motion_picture musical_score pamphlet
    paper-conference patent performance periodical personal_communication post post-weblog regulation
    report review review-book software song speech standard thesis treaty webpage""".split()
)

#: Order of keys in written CSL-JSON (and of fields in ``repr``): what a reader looks for first.
CSL_ORDER: tuple[str, ...] = (
    ("citation-key", "title", "title-short", "shortTitle", "original-title")
    + NAME_VARIABLES
    + DATE_VARIABLES
    + (
        "container-title", "container-title-short", "journalAbbreviation", "collection-title",
        "collection-number", "volume", "issue", "page", "page-first", "number", "number-of-pages",
        "number-of-volumes", "edition", "section", "supplement", "part", "part-title", "volume-title",
        "volume-title-short", "chapter-number", "publisher", "publisher-place", "original-publisher",
        "original-publisher-place", "event", "event-title", "event-place", "genre", "medium", "status",
        "DOI", "PMID", "PMCID", "ISSN", "ISBN", "URL", "language", "abstract", "keyword", "categories",
        "note", "annote", "archive", "archive_collection", "archive_location", "archive-place",
        "authority", "call-number", "citation-number", "citation-label", "dimensions", "division",
        "first-reference-note-number", "jurisdiction", "locator", "printing", "references",
        "reviewed-genre", "reviewed-title", "scale", "source", "version", "year-suffix",
    )
)  # fmt: skip

_CSL_VARIABLES = frozenset(CSL_ORDER)
_ORDER_INDEX = {k: i for i, k in enumerate(CSL_ORDER)}
# custom.* keys msccite itself uses; any other key in custom belongs to the user and is kept as is.
_CUSTOM_EXTRA, _CUSTOM_LISTS, _CUSTOM_KEYS, _CUSTOM_GENERATED = "extra", "lists", "source-keys", "id-generated"


def small_int(text: str, max_digits: int = 9) -> int | None:
    """The number ``text`` writes in decimal digits (white space around allowed), or None when it is not one or
    has more than ``max_digits`` digits.

    For numbers read from input (a year, a month, a day, a type number): a value of thousands of digits is
    text, not a number; Python's ``int()`` refuses more than 4,300 digits with a ``ValueError``, and accepts
    signs, underscores and spaces inside that no field means.
    """
    text = text.strip()
    if not text or len(text) > max_digits or not text.isdecimal():
        return None
    return int(text)


class Extra(NamedTuple):
    """A value the model has no variable for: ``(format, key, value)``, e.g. ``("ris", "C5", "38773066")``."""

    format: str
    key: str
    value: Any


class Source(NamedTuple):
    """Where a record was read: format name, file name (or ``<string>``), line of its first line."""

    format: str
    file: str | None = None
    line: int | None = None


class _Frozen:
    """A value with the fields of its ``__slots__``: compared and hashed by them, immutable, pickled by them (what a
    frozen dataclass with slots is, without importing ``dataclasses`` at start-up: 10 ms of a one-record run)."""

    __slots__ = ()

    def _values(self) -> tuple[Any, ...]:
        names: tuple[str, ...] = self.__slots__
        return tuple([getattr(self, name) for name in names])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()  # type: ignore[attr-defined]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a {type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a {type(self).__name__} is immutable")

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (type(self), self._values())


class Name(_Frozen):
    """A person or a body, as CSL names it.

    ``literal`` holds a name that must not be split (a corporate author, or a name the reader
    could not split faithfully); when it is set the other parts are empty.

    ``non_dropping_particle``: "van" in Vincent van Gogh, sorts with the family name; ``dropping_particle``: "de" in
    Jean de La Fontaine, dropped when sorting.
    """

    __slots__ = ("family", "given", "non_dropping_particle", "dropping_particle", "suffix", "literal")
    family: str
    given: str
    non_dropping_particle: str
    dropping_particle: str
    suffix: str
    literal: str

    def __init__(self, family: str = "", given: str = "", non_dropping_particle: str = "", dropping_particle: str = "",
                 suffix: str = "", literal: str = "") -> None:  # fmt: skip
        setattr_ = object.__setattr__
        setattr_(self, "family", family)
        setattr_(self, "given", given)
        setattr_(self, "non_dropping_particle", non_dropping_particle)
        setattr_(self, "dropping_particle", dropping_particle)
        setattr_(self, "suffix", suffix)
        setattr_(self, "literal", literal)

    def _values(self) -> tuple[Any, ...]:
        return (self.family, self.given, self.non_dropping_particle, self.dropping_particle, self.suffix, self.literal)

    def __hash__(self) -> int:  # the most hashed value of all (caches of names): one call, no loop
        return hash((self.family, self.given, self.non_dropping_particle, self.dropping_particle, self.suffix,
                     self.literal))  # fmt: skip

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Name:
            return NotImplemented
        return (self.family == other.family and self.given == other.given  # type: ignore[attr-defined]
                and self.non_dropping_particle == other.non_dropping_particle  # type: ignore[attr-defined]
                and self.dropping_particle == other.dropping_particle  # type: ignore[attr-defined]
                and self.suffix == other.suffix and self.literal == other.literal)  # type: ignore[attr-defined]

    @classmethod
    def from_csl(cls, d: dict[str, Any]) -> Name:
        return cls(
            family=str(d.get("family", "")),
            given=str(d.get("given", "")),
            non_dropping_particle=str(d.get("non-dropping-particle", "")),
            dropping_particle=str(d.get("dropping-particle", "")),
            suffix=str(d.get("suffix", "")),
            literal=str(d.get("literal", "")),
        )

    def to_csl(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for key, value in (
            ("family", self.family),
            ("given", self.given),
            ("dropping-particle", self.dropping_particle),
            ("non-dropping-particle", self.non_dropping_particle),
            ("suffix", self.suffix),
            ("literal", self.literal),
        ):
            if value:
                out[key] = value
        return out

    @property
    def full_family(self) -> str:
        """The family name with its non-dropping particle: ``van Gogh``."""
        particle, family = self.non_dropping_particle, self.family
        return family if not particle else f"{particle} {family}" if family else particle

    @property
    def full_given(self) -> str:
        """The given names with the dropping particle: ``Jean de``."""
        given, particle = self.given, self.dropping_particle
        return given if not particle else f"{given} {particle}" if given else particle

    def inverted(self) -> str:
        """``Family, Given[, Suffix]`` as RIS and reference managers write it; a literal as is."""
        if self.literal:
            return self.literal
        family, given = self.full_family, self.full_given
        if self.suffix:
            return f"{family}, {given}, {self.suffix}"
        return f"{family}, {given}" if given else family

    def __str__(self) -> str:
        return self.inverted()

    def __repr__(self) -> str:
        parts = ", ".join(f"{k}={getattr(self, k)!r}" for k in self.__slots__ if getattr(self, k))
        return f"Name({parts})"


DatePart = tuple[int | str, ...]


class Date(_Frozen):
    """A CSL date: ``parts`` is one ``(year[, month[, day]])`` or two for a range.

    ``raw`` keeps a date string a reader could not decode (``in press``, ``2019 Spring``);
    normalization may turn it into parts later.
    """

    __slots__ = ("parts", "season", "circa", "literal", "raw")
    parts: tuple[DatePart, ...]
    season: int | str | None
    circa: bool | int | str | None
    literal: str
    raw: str

    def __init__(self, parts: tuple[DatePart, ...] = (), season: int | str | None = None,
                 circa: bool | int | str | None = None, literal: str = "", raw: str = "") -> None:  # fmt: skip
        for name, value in zip(self.__slots__, (parts, season, circa, literal, raw), strict=True):
            object.__setattr__(self, name, value)

    @classmethod
    def of(cls, year: int, month: int | None = None, day: int | None = None) -> Date:
        part: tuple[int, ...] = (year,) if month is None else (year, month) if day is None else (year, month, day)
        return cls(parts=(part,))

    @property
    def year(self) -> int | None:
        if self.parts and self.parts[0]:
            try:
                return int(self.parts[0][0])
            except (TypeError, ValueError):
                return None
        return None

    @classmethod
    def from_csl(cls, d: Any) -> Date:
        if isinstance(d, str):  # an EDTF string, as CSL 1.0.2 allows
            return cls(raw=d)
        parts = tuple(tuple(p) for p in d.get("date-parts") or ())
        return cls(
            parts=parts,
            season=d.get("season"),
            circa=d.get("circa"),
            literal=str(d.get("literal", "")),
            raw=str(d.get("raw", "")),
        )

    def to_csl(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.parts:
            out["date-parts"] = [list(p) for p in self.parts]
        if self.season is not None:
            out["season"] = self.season
        if self.circa is not None:
            out["circa"] = self.circa
        if self.literal:
            out["literal"] = self.literal
        if self.raw:
            out["raw"] = self.raw
        return out

    def __repr__(self) -> str:
        fields = ("parts", "season", "circa", "literal", "raw")
        parts = ", ".join(f"{k}={getattr(self, k)!r}" for k in fields if getattr(self, k) not in (None, "", ()))
        return f"Date({parts})"

    def __str__(self) -> str:
        if self.parts:
            text = "/".join("-".join(f"{x:02d}" if i and isinstance(x, int) else str(x) for i, x in enumerate(p))
                            for p in self.parts)  # fmt: skip
            return text
        return self.literal or self.raw


def _sort_key(item: tuple[str, Any]) -> tuple[int, str]:
    return (_ORDER_INDEX.get(item[0], len(_ORDER_INDEX)), item[0])


class Record:
    """One bibliographic record.

    ``rec["title"]`` reads a CSL variable (``KeyError`` if absent), ``rec.get(...)`` with a
    default; assignment sets one, ``None`` or an empty value removes it. ``type`` is a CSL item
    type and ``id`` the citation key (``None`` until a source or a writer gives one).

    Equality compares what the record says (type, id, variables, extras, custom), not where it
    was read (:attr:`source`), which source key each value came from (:attr:`keys`), nor the
    record it was normalized from (:attr:`original`).
    """

    __slots__ = ("type", "id", "fields", "extra", "custom", "source", "keys", "original")

    def __init__(
        self,
        type: str = "document",  # noqa: A002 - the CSL name
        id: str | None = None,  # noqa: A002
        fields: dict[str, Any] | None = None,
        *,
        extra: Iterable[Extra] = (),
        custom: dict[str, Any] | None = None,
        source: Source | None = None,
        keys: dict[str, str] | None = None,
        **variables: Any,
    ) -> None:
        self.type = type
        self.id = id
        self.fields: dict[str, Any] = {}
        self.extra: list[Extra] = [Extra(*e) for e in extra]
        self.custom: dict[str, Any] = dict(custom or {})
        self.source = source
        #: Which source key each variable was read from, as ``"format:KEY"`` (``{"title": "ris:T1"}``):
        #: a hint the writer of the same format follows so that a record keeps its tags.
        self.keys: dict[str, str] = dict(keys or {})
        #: The record as its reader gave it, when this one is a normalized copy (else ``None``):
        #: what normalization changed (a name's original spelling, a raw date) stays reachable.
        self.original: Record | None = None
        for k, v in (fields or {}).items():
            self[k] = v
        for k, v in variables.items():
            self[k.replace("_", "-") if k.replace("_", "-") in _CSL_VARIABLES else k] = v

    # -- mapping access ---------------------------------------------------------------------
    def __getitem__(self, key: str) -> Any:
        return self.fields[key]

    def __setitem__(self, key: str, value: Any) -> None:
        if value is None or value == "" or value == [] or value == ():
            self.fields.pop(key, None)
            return
        if key in NAME_SET or key in LIST_VARIABLES or key == "categories":
            value = list(value)
        self.fields[key] = value

    def __delitem__(self, key: str) -> None:
        del self.fields[key]

    def __contains__(self, key: object) -> bool:
        return key in self.fields

    def get(self, key: str, default: Any = None) -> Any:
        return self.fields.get(key, default)

    def add(self, key: str, value: Any) -> None:
        """Append to a list variable (names, keyword, ISSN, URL, note ...)."""
        if value is None or value == "":
            return
        self.fields.setdefault(key, []).append(value)

    def items(self) -> Iterator[tuple[str, Any]]:
        """Variables in the canonical CSL order."""
        return iter(sorted(self.fields.items(), key=_sort_key))

    # -- conveniences -------------------------------------------------------------------------
    @property
    def title(self) -> str | None:
        return self.fields.get("title")

    @property
    def authors(self) -> list[Name]:
        return self.fields.get("author", [])

    @property
    def year(self) -> int | None:
        issued = self.fields.get("issued")
        return issued.year if isinstance(issued, Date) else None

    def extras(self, format: str) -> list[Extra]:  # noqa: A002
        """The extras read from (or meant for) one format, in order."""
        return [e for e in self.extra if e.format == format]

    def copy(self) -> Record:
        """A copy whose fields, lists, extras, custom and keys can change without changing this one
        (names, dates and extras are immutable values and are shared)."""
        new = Record.__new__(Record)  # not __init__: the values are already checked and converted
        new.type, new.id, new.source, new.original = self.type, self.id, self.source, None
        new.fields = {k: (v.copy() if type(v) is list else v) for k, v in self.fields.items()}
        new.extra = self.extra.copy()
        new.custom = self.custom.copy()
        new.keys = self.keys.copy()
        return new

    def _identity(self) -> tuple[Any, ...]:
        return (self.type, self.id, self.fields, self.extra, self.custom)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return self._identity() == other._identity()

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self.items())
        head = f"type={self.type!r}" + (f", id={self.id!r}" if self.id else "")
        tail = (f", extra={self.extra!r}" if self.extra else "") + (f", custom={self.custom!r}" if self.custom else "")
        return f"Record({head}{', ' if inner else ''}{inner}{tail})"

    # -- CSL-JSON -----------------------------------------------------------------------------
    def to_csl(self, *, carriers: bool = True, left_out: Callable[[str], None] | None = None) -> dict[str, Any]:
        """This record as a CSL-JSON item (a dict valid against the CSL 1.0 schema).

        A record without an ``id`` gets a generated one (see :func:`msccite.citekey.make_key`),
        since CSL-JSON requires it, and ``custom.id-generated`` says so: reading the item back
        gives a record without an id again, so a round trip through CSL-JSON adds nothing.

        ``carriers=False`` writes plain CSL-JSON, as Zotero would: ``custom`` holds the record's
        ``custom`` and the extras of CSL-JSON itself, but not the extras of other formats, the
        exact lists CSL's strings cannot give back (``left_out`` is told of each: ``"CSL URL list"``),
        the key hints, nor ``id-generated``.
        """
        from .citekey import make_key  # local: citekey imports this module

        item: dict[str, Any] = {"id": self.id or make_key(self), "type": self.type}
        lists: dict[str, list[str]] = {}
        for key, value in self.items():
            if key in NAME_SET:
                item[key] = [n.to_csl() for n in value]
            elif key in DATE_SET:
                item[key] = value.to_csl()
            elif key in LIST_VARIABLES:
                sep = LIST_VARIABLES[key]
                joined = sep.join(value) if sep else value[0]
                if _split_list(key, joined) != value:
                    if carriers:
                        lists[key] = list(value)
                    elif left_out is not None:
                        left_out(f"CSL {key} list")
                item[key] = joined
            else:
                item[key] = value
        custom = dict(self.custom)
        extra = self.extra if carriers else [e for e in self.extra if e.format == "csl-json"]
        if extra:
            custom[_CUSTOM_EXTRA] = [list(e) for e in extra]
        if lists:
            custom[_CUSTOM_LISTS] = lists
        if self.keys and carriers:
            custom[_CUSTOM_KEYS] = dict(self.keys)
        if self.id is None and carriers:
            custom[_CUSTOM_GENERATED] = True
        if custom:
            item["custom"] = custom
        return item

    @classmethod
    def from_csl(cls, item: dict[str, Any], *, source: Source | None = None) -> Record:
        """The reverse of :meth:`to_csl`: a CSL-JSON item (already parsed JSON) to a record.

        Keys CSL does not define are kept as extras of format ``csl-json``.
        """
        custom = dict(item.get("custom") or {})
        extra = [Extra(*e) for e in custom.pop(_CUSTOM_EXTRA, [])]
        lists: dict[str, list[str]] = custom.pop(_CUSTOM_LISTS, {})
        keys: dict[str, str] = custom.pop(_CUSTOM_KEYS, {})
        idv = None if custom.pop(_CUSTOM_GENERATED, False) else item.get("id")
        rec = cls(
            str(item.get("type", "document")),
            None if idv is None else str(idv),
            custom=custom,
            source=source,
            keys=keys,
        )
        unknown: list[Extra] = []
        for key, value in item.items():
            if key in ("id", "type", "custom"):
                continue
            if key in NAME_SET:
                rec[key] = [Name.from_csl(n) for n in value]
            elif key in DATE_SET:
                rec[key] = Date.from_csl(value)
            elif key in LIST_VARIABLES:
                rec[key] = lists.get(key) or _split_list(key, str(value))
            elif key in _CSL_VARIABLES:
                rec[key] = value
            else:
                unknown.append(Extra("csl-json", key, value))
        rec.extra = unknown + extra if unknown else extra
        return rec


def _split_list(key: str, text: str) -> list[str]:
    """Undo the join of :meth:`Record.to_csl` for a list variable (``custom.lists`` covers the rest)."""
    sep = LIST_VARIABLES[key]
    if not sep:
        return [text] if text else []
    return [p.strip() for p in text.split(sep.strip() or sep) if p.strip()]
