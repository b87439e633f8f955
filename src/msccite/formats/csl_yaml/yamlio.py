"""The YAML loader and dumper of CSL YAML: PyYAML's safe ones (its C versions when present), with the scalars of
:mod:`.map` (``yes``, ``0123``, ``2019-05-03`` stay text) and flow-style ``date-parts``."""

from __future__ import annotations

import re
from typing import Any

import yaml

from .map import BOOL, FLOAT, INT, NULL

try:  # libyaml: about ten times faster
    from yaml import CSafeDumper as _BaseDumper
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

__all__ = ["Loader", "PyLoader", "Dumper", "PyDumper", "Flow", "YAMLError", "loader_for", "SAFE_DEPTH"]

#: Nesting libyaml's recursive composer is given; deeper input (or what might be) goes to the Python loader.
SAFE_DEPTH = 400
_BLOCK_INDENT = re.compile(r"^[ \t?:-]*", re.M)

YAMLError = yaml.YAMLError


class Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """PyYAML's safe loader (libyaml's when present) with YAML 1.2 core scalars only (see :mod:`.map`)."""


class PyLoader(yaml.SafeLoader):
    """The same in pure Python, for what libyaml cannot take: an escaped lone surrogate (``"\\uD800"``), which it
    refuses, and YAML nested deeper than :data:`SAFE_DEPTH` (libyaml's composer recurses in C, so 50,000 ``[`` would
    overflow the C stack; Python's composer stops at its recursion limit)."""


for _l in (Loader, PyLoader):
    _l.yaml_implicit_resolvers = {}
    _l.add_implicit_resolver("tag:yaml.org,2002:bool", BOOL, list("tTfF"))
    _l.add_implicit_resolver("tag:yaml.org,2002:null", NULL, ["~", "n", "N", ""])
    _l.add_implicit_resolver("tag:yaml.org,2002:int", INT, list("-+0123456789"))
    _l.add_implicit_resolver("tag:yaml.org,2002:float", FLOAT, list("-+0123456789"))


class Flow(list):  # type: ignore[type-arg]
    """A list written in flow style: ``date-parts: [[2019, 5, 3]]``."""


def _flow(dumper: yaml.SafeDumper, data: Flow) -> Any:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


class Dumper(_BaseDumper):  # type: ignore[misc,valid-type]
    """PyYAML's safe dumper (YAML 1.1 resolvers: it quotes every string the loader would read as another scalar)."""


class PyDumper(yaml.SafeDumper):
    """The pure-Python dumper: what libyaml's cannot write (a lone surrogate) it writes as an escape."""


#: Plain scalars a YAML 1.2 reader (pandoc's) takes for a number, a truth value or nothing: PyYAML's YAML 1.1
#: writer would leave some of them plain (``08912963``, ``1e5``, ``0o17``, ``.5``), so they are quoted.
_NOT_TEXT_12 = re.compile(
    r"[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|(?:true|True|TRUE|false|False|FALSE|null|Null|NULL|~|)"
    r"|(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)"
)


def _str(dumper: yaml.SafeDumper, data: str) -> Any:
    if _NOT_TEXT_12.fullmatch(data):
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="'")
    return dumper.represent_str(data)


for _d in (Dumper, PyDumper):
    _d.add_representer(Flow, _flow)
    _d.add_representer(str, _str)


def nesting_bound(text: str) -> int:
    """An upper bound on how deeply ``text`` nests (quotes ignored, so a bracket in a string counts too): the flow
    brackets open at once, plus the deepest indentation and block indicators (``- - -``) a line starts with."""
    depth = deepest = 0
    if "[" in text or "{" in text:
        for ch in re.findall(r"[\[\]{}]", text):
            depth = depth + 1 if ch in "[{" else max(0, depth - 1)
            deepest = max(deepest, depth)
    block = max((len(m) for m in _BLOCK_INDENT.findall(text)), default=0)
    return deepest + block


def loader_for(text: str) -> type:
    """The loader that can read ``text`` safely: libyaml's, or Python's for deep nesting and escaped surrogates."""
    from ..carriers import LONE_ESCAPE

    if LONE_ESCAPE.search(text) or nesting_bound(text) > SAFE_DEPTH:
        return PyLoader
    return Loader
