"""How the time of hostile inputs grows with their size (issue 30.9): linear, or worse.

    python benchmarks/growth.py                          # every shape at n = 10^3, 10^4, 10^5, 10^6
    python benchmarks/growth.py --only title --only doi  # the shapes whose name holds one of these words
    python benchmarks/growth.py --src OLD/src --sizes 250,500,1000,2000,4000 --timeout 20
                                                         # another tree (the code before a fix), smaller sizes

Each shape is one input that real files do not hold but a hostile or broken one may (a title of ``n`` brace
groups, ``n`` spaces in an author field, ...), given to the function that reads it. For each size the best of a
few runs is timed (the input is built, and msccite's memo caches are emptied, outside the timing), and the
growth factor from one size to the next is printed per ×10 of ``n``: about 10 is linear, 12-13 ``n log n``, 100
quadratic, 1000 cubic. A size is skipped once the one before it took so long that it would exceed
``--max-seconds`` (judged from the growth seen so far), and a run longer than ``--timeout`` is stopped.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import math
import random
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Shape:
    name: str
    what: str
    make: Callable[[int], Any]  # n -> the input (not timed)
    run: Callable[[Any], Any]  # the input -> the result (timed)


def _similar_titles(n: int) -> tuple[str, str]:
    """Two titles of about ``n`` characters that share most of their words."""
    rnd = random.Random(n)
    words: list[str] = []
    size = 0
    while size < n:
        w = "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randint(2, 10)))
        words.append(w)
        size += len(w) + 1
    other = [w if i % 10 else w[::-1] for i, w in enumerate(words)]
    return " ".join(words), " ".join(other)


def shapes() -> list[Shape]:
    """The shapes, bound to the msccite found on ``sys.path`` (imported here, after ``--src`` is applied)."""
    import msccite
    from msccite import latex
    from msccite.dedupe import match
    from msccite.formats.bibtex import fields, parse
    from msccite.model import Record
    from msccite.normalization import identifiers

    def record_with(value: str) -> Record:
        return Record("article-journal", DOI=value, note=[value], extra=[("ris", "U2", value)])

    def entry_lines(n: int) -> list[str]:
        # a line inside a value that starts like an entry: the reader asks whether it is "@type{key," alone
        return ["@article{k,\n", "  note = {see\n", "@a{" + " " * n + "x y} here},\n", "  title = {T}\n", "}\n"]

    return [
        Shape("title-groups", "BibTeX title of n groups {A}{A}... (read_field)",
              lambda n: "{A}" * n, lambda v: fields.read_field("title", v)),
        Shape("title-groups-spaced", "BibTeX title of n groups {A} {A} ... (read_field)",
              lambda n: "{A} " * n, lambda v: fields.read_field("title", v)),
        Shape("bibtex-title-groups", "a BibTeX file whose title has n groups {A} (msccite.loads)",
              lambda n: "@article{k,\n  title = {" + "{A} " * n + "}\n}\n", lambda v: msccite.loads(v, "bibtex")),
        Shape("author-spaces", "author field: n spaces inside a name (read_field)",
              lambda n: "Doe, Jane" + " " * n + "x and Roe, Richard", lambda v: fields.read_field("author", v)),
        Shape("author-spaces-newline", "author field: n spaces, then a line break (read_field)",
              lambda n: "Doe, Jane" + " " * n + "x\nand Roe, Richard", lambda v: fields.read_field("author", v)),
        Shape("abstract-spaces", "abstract: n spaces, then a line break (read_field)",
              lambda n: "a" + " " * n + "b\nc", lambda v: fields.read_field("abstract", v)),
        Shape("doi-spaces", "DOI, note and vendor tag of n spaces between two letters (normalize_identifiers)",
              lambda n: record_with("a" + " " * n + "b"), identifiers.normalize_identifiers),
        Shape("entry-line-spaces", "a line '@a{' + n spaces + 'x y' inside an entry (BibTeX tokenizer)",
              entry_lines, lambda lines: list(parse.blocks(lines))),
        Shape("accent-escaped-close", "n times \\'{\\\\} (latex.decode)",
              lambda n: ("\\'{" + "\\\\}") * n, latex.decode),
        Shape("accents", "n times \\'{e} (latex.decode)", lambda n: "\\'{e}" * n, latex.decode),
        Shape("unknown-command-args", "\\foo and n arguments {a} (latex.decode)",
              lambda n: "\\foo" + "{a}" * n, latex.decode),
        Shape("unclosed-after-closers", "n '}' then n times \\'{ (latex.decode)",
              lambda n: "}" * n + "\\'{" * n, latex.decode),
        Shape("math-escaped-dollars", "$ and n times \\$ (latex.decode)", lambda n: "$" + "\\$" * n, latex.decode),
        Shape("math-declarations", "$ + n times \\rm + x^2$ (latex.decode)",
              lambda n: "$" + "\\rm " * n + "x^2$", latex.decode),
        Shape("group-declarations", "{ + n times \\em + x} (latex.decode)",
              lambda n: "{" + "\\em " * n + "x}", latex.decode),
        Shape("accent-escaped-brace", "n times \\'\\{ then n times \\} (latex.decode)",
              lambda n: "\\'\\{" * n + "\\}" * n, latex.decode),
        Shape("protect-words", "title of 2n words 'x MSC' (latex.protect, the BibTeX writer)",
              lambda n: "x MSC " * n, latex.protect),
        Shape("encode-math", "n times $\\frac{a}{b}$ (latex.encode, the BibTeX writer)",
              lambda n: "$\\frac{a}{b}$ " * n, latex.encode),
        Shape("dedupe-long-titles", "two similar titles of n characters (dedupe's title_similarity)",
              _similar_titles, lambda ab: match.title_similarity(*ab)),
    ]  # fmt: skip


class _Timeout(Exception):
    pass


def _clear_caches() -> None:
    """Empty every ``lru_cache`` of msccite, so that a repeated run does not read its answer from one."""
    for name, module in list(sys.modules.items()):
        if name == "msccite" or name.startswith("msccite."):
            for value in list(vars(module).values()):
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clear()


def _time(shape: Shape, n: int, timeout: float) -> float | str:
    """Best time of a few runs (seconds), or what stopped it (``RecursionError``, ``> timeout``)."""
    best = math.inf
    total = 0.0
    for _ in range(5):
        value = shape.make(n)
        _clear_caches()
        gc.collect()
        if hasattr(signal, "setitimer"):
            signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            start = time.perf_counter()
            shape.run(value)
            took = time.perf_counter() - start
        except _Timeout:
            return f"> {timeout:g} s"
        except RecursionError:
            return "RecursionError"
        finally:
            if hasattr(signal, "setitimer"):
                signal.setitimer(signal.ITIMER_REAL, 0)
        best = min(best, took)
        total += took
        if total > 0.3:
            break
    return best


def _per_ten(n1: int, t1: float, n2: int, t2: float) -> float:
    """The growth factor of the time per ×10 of n between two sizes."""
    return (max(t2, 1e-9) / max(t1, 1e-9)) ** (1 / math.log10(n2 / n1))


def _kind(factor: float) -> str:
    if factor < 16:
        return "linear"
    if factor < 40:
        return "superlinear"
    if factor < 400:
        return "quadratic"
    return "cubic or worse"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the tree msccite is imported from")
    parser.add_argument("--sizes", default="1000,10000,100000,1000000", help="the values of n, comma-separated")
    parser.add_argument("--only", action="append", default=[], help="only shapes whose name holds this")
    parser.add_argument("--max-seconds", type=float, default=10.0, help="skip a size expected to take longer")
    parser.add_argument("--timeout", type=float, default=30.0, help="stop a run that takes longer")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(args.src.resolve()))
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    msccite = importlib.import_module("msccite")
    print(f"msccite from {Path(msccite.__file__).resolve().parent}")
    if hasattr(signal, "SIGALRM"):

        def stop(signum: int, frame: Any) -> None:
            raise _Timeout

        signal.signal(signal.SIGALRM, stop)
    sizes = [int(s) for s in args.sizes.split(",")]
    chosen = [s for s in shapes() if not args.only or any(word in s.name for word in args.only)]
    width = max(len(s.name) for s in chosen)
    print(f"{'shape':<{width}}  " + "  ".join(f"{'n=' + format(n, ','):>13}" for n in sizes) + "   growth per ×10")
    for shape in chosen:
        with contextlib.suppress(Exception):
            shape.run(shape.make(10))  # warm up: imports, compiled patterns, tables loaded once
        cells: list[str] = []
        timed: list[tuple[int, float]] = []
        stopped = False
        for n in sizes:
            if stopped:
                cells.append("skipped")
                continue
            if timed:
                (n0, t0), step = timed[-1], n / timed[-1][0]
                growth = _per_ten(*timed[-2], n0, t0) if len(timed) > 1 else 10.0
                if t0 * max(step, growth ** math.log10(step)) > args.max_seconds:
                    stopped = True
                    cells.append("skipped")
                    continue
            result = _time(shape, n, args.timeout)
            if isinstance(result, str):
                cells.append(result)
                stopped = True
                continue
            cells.append(f"{result * 1000:.2f} ms" if result < 1 else f"{result:.2f} s")
            timed.append((n, result))
        factors = [_per_ten(n1, t1, n2, t2) for (n1, t1), (n2, t2) in zip(timed, timed[1:], strict=False)]
        growth = ", ".join(f"{f:.0f}" for f in factors)
        verdict = f" ({_kind(factors[-1])})" if factors else ""
        print(f"{shape.name:<{width}}  " + "  ".join(f"{c:>13}" for c in cells) + f"   {growth}{verdict}", flush=True)
    print("\n" + "\n".join(f"{s.name}: {s.what}" for s in chosen))
    return 0


if __name__ == "__main__":
    sys.exit(main())
