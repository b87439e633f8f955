"""One record for a cluster of duplicates: the best value of each field, the union of identifiers and lists."""

from __future__ import annotations

from typing import Any

from ..model import LIST_VARIABLES, NAME_VARIABLES, Record

__all__ = ["merge", "completeness"]


def completeness(rec: Record) -> tuple[int, int, int, int]:
    """Higher is better: a complete author list, more authors, an abstract, more fields."""
    truncated = bool(rec.custom.get("truncated"))
    return (0 if truncated else 1, len(rec.authors), 1 if rec.get("abstract") else 0, len(rec.fields))


def _title_rank(title: Any) -> tuple[int, int, int]:
    text = str(title)
    shouting = text.isupper() and any(c.isalpha() for c in text)
    cut = text.rstrip().endswith(("...", "…"))
    return (0 if shouting else 1, 0 if cut else 1, len(text))


def merge(records: list[Record], sources: list[dict[str, Any]]) -> Record:
    """The merged record of ``records`` (the same work); ``custom["sources"]`` lists where each came from."""
    ranked = sorted(records, key=completeness, reverse=True)
    out = ranked[0].copy()
    out.original = None
    for rec in ranked[1:]:
        for var, value in rec.items():
            if var not in out.fields:
                out[var] = value
            elif var in LIST_VARIABLES:
                out[var] = _union(out[var], value, folded=var == "keyword")
    titles = [r["title"] for r in ranked if r.get("title")]
    if titles:
        out["title"] = max(titles, key=_title_rank)
    present = {var for r in ranked for var in r.fields}
    for var in [v for v in NAME_VARIABLES if v in present]:  # in their order: that of custom["truncated"]
        lists = [r for r in ranked if r.get(var)]
        if lists:  # the longest list of a record whose list is complete, else the longest
            best = max(lists, key=lambda r: (var not in r.custom.get("truncated", []), len(r[var])))
            out[var] = list(best[var])
            truncated = [v for v in out.custom.get("truncated", []) if v != var]
            if var in best.custom.get("truncated", []):
                truncated.append(var)
            if truncated:
                out.custom["truncated"] = truncated
            else:
                out.custom.pop("truncated", None)
    abstracts = [r["abstract"] for r in ranked if isinstance(r.get("abstract"), str)]
    if abstracts:
        out["abstract"] = max(abstracts, key=len)
    extra = list(out.extra)
    for rec in ranked[1:]:
        extra.extend(e for e in rec.extra if e not in extra)
    out.extra = extra
    for rec in ranked[1:]:
        for key, value in rec.custom.items():
            if key != "truncated":
                out.custom.setdefault(key, value)
    out.custom["sources"] = sources
    return out


def _union(a: list[Any], b: list[Any], folded: bool) -> list[Any]:
    seen = {str(v).casefold() if folded else v for v in a}
    out = list(a)
    for v in b:
        k = str(v).casefold() if folded else v
        if k not in seen:
            seen.add(k)
            out.append(v)
    return out
