"""The RIS type tables (``map.TYPE_TABLE``) compiled, and what the reader and the writer both ask of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from ...lazyre import compile_cached
from ...model import Date
from ..carriers import parse_date
from .map import (
    CANONICAL_TAG,
    CHECKED,
    PMID_IN_AN,
    SINGLE_TAGS,
    TYPE_ALSO_READ,
    TYPE_READ_WITH,
    TYPE_TABLE,
    TYPE_TO_CSL,
)

_PAGE_RANGE = compile_cached(r"([^\s,;–—-]+)-([^\s,;–—-]+)")
_PMID = compile_cached(PMID_IN_AN)


# -- the type tables ------------------------------------------------------------------------------
Check = Callable[[str], bool]


def _check(var: str) -> Check | None:
    shape = CHECKED.get(var)
    if shape is None:
        return None
    if shape == "date":
        return lambda text: bool(parse_date(text).parts)
    return compile_cached(shape).fullmatch  # type: ignore[return-value]


# Tags whose variable depends on the type: any a type's table names, and SP (number of pages for books)
_TYPED = frozenset({tag for row in TYPE_TABLE.values() for tag in row}
                   | {tag for row in TYPE_ALSO_READ.values() for tag in row} | {"SP"})  # fmt: skip
# Tags whose variable depends on the rest of the record or on the value: left to _slot
_CONTEXT_TAGS = frozenset({"BT", "JO", "AN"})


class _Table(NamedTuple):
    """How one RIS type reads and writes its single-valued tags (``map.TYPE_TABLE`` compiled)."""

    plain: dict[str, str]  # tag -> variable, whatever the value
    checked: dict[str, tuple[str, Check]]  # tag -> variable, when the value passes the check
    order: dict[str, tuple[str, ...]]  # variable -> its tags, the type's own first: the first that fits is written
    sp: tuple[str | None, Check | None]  # what a lone SP holds ("page": SP and EP are the pages; None: nothing)
    own: dict[str, str | None]  # variable -> the tag written whatever the value (None: no tag), where known
    paired: dict[str, tuple[str, str]]  # tag -> (variable, tag): the variable when the other tag has a value


def _compile(ty: str) -> _Table:
    row, also, paired = TYPE_TABLE.get(ty, {}), TYPE_ALSO_READ.get(ty, {}), TYPE_READ_WITH.get(ty, {})
    plain: dict[str, str] = {}
    checked: dict[str, tuple[str, Check]] = {}
    order: dict[str, list[str]] = {}
    own = [(tag, var) for tag, var in row.items() if tag != "SP"]
    usual = [(tag, var) for var, tags in SINGLE_TAGS.items() for tag in tags if tag not in row]
    for tag, var, can_check in [(t, v, True) for t, v in own] + [(t, v, False) for t, v in usual] + [
            (t, v, True) for t, v in also.items()]:  # fmt: skip
        if var is None:
            continue
        order.setdefault(var, []).append(tag)
        if tag in _CONTEXT_TAGS or tag in plain or tag in checked:
            continue
        check = _check(var) if can_check else None
        if check is None:
            plain[tag] = var
        else:
            checked[tag] = (var, check)
    for tag, (var, _) in paired.items():
        order.setdefault(var, []).append(tag)
    sp = row.get("SP", "page")
    if sp is not None and sp != "page":
        order.setdefault(sp, []).append("SP")
    table = _Table(plain, checked, {var: tuple(tags) for var, tags in order.items()},
                   (sp, _check(sp) if sp else None), {}, paired)  # fmt: skip
    for var, tags in table.order.items():  # the writer's tag, where no check on the value comes first
        eligible = [tag for tag in tags if tag in _TYPED or tag == CANONICAL_TAG.get(var)]
        if not eligible:
            table.own[var] = None
        elif eligible[0] in plain or eligible[0] not in _TYPED and eligible[0] not in checked:
            table.own[var] = eligible[0]
    for tag, (var, _) in paired.items():  # written under the tag (when the other tag is written too)
        table.own[var] = tag
    return table


_KNOWN_TYPES = frozenset({*TYPE_TO_CSL, *TYPE_TABLE})
_TABLES: dict[str, _Table] = {}  # compiled on first use: a file has a few of the forty types


def _table(ty: str) -> _Table:
    key = ty.upper()
    if key not in _KNOWN_TYPES:
        key = ""  # a type the specification does not list: every tag has its usual meaning
    table = _TABLES.get(key)
    if table is None:
        table = _TABLES[key] = _compile(key)
    return table


def _precision(d: Date) -> int:
    return len(d.parts[0]) if d.parts else 0


def _canonical_tags(slot: str, value: Any, text: str, table: _Table) -> list[str]:
    """The tags the writer gives ``slot`` when the record has no hint (the reader keeps a hint otherwise)."""
    if slot == "page" and table.sp[0] == "page":
        return ["SP", "EP"]
    if slot == "issued":
        return ["PY", "DA"] if isinstance(value, Date) and _precision(value) > 1 else ["PY"]
    tag = _own_tag(slot, text, table)
    return [tag] if tag else [CANONICAL_TAG.get(slot, "")]


def _holds(table: _Table, tag: str, var: str, text: str) -> bool:
    """This type reads ``text`` under ``tag`` as ``var``."""
    if tag in table.plain:
        return table.plain[tag] == var
    checked = table.checked.get(tag)
    if checked is not None:
        return checked[0] == var and checked[1](text)
    if tag == "SP":
        sp, check = table.sp
        return sp == var != "page" and not _PAGE_RANGE.fullmatch(text) and (check is None or check(text))
    return tag not in _TYPED  # BT, JO, AN ...: the reader's own rules decide, as the hint has them


def _own_tag(var: str, text: str, table: _Table) -> str | None:
    """The first tag of the type's table, or the variable's usual tag, that holds this value."""
    if var in table.own:
        return table.own[var]
    usual = CANONICAL_TAG.get(var)
    for tag in table.order.get(var, ()):
        if (tag in _TYPED or tag == usual) and _holds(table, tag, var, text):
            return tag
    return None
