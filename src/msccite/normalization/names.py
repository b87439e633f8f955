"""Names: one form for the same person whatever the source wrote (rules in ``docs/normalization.md``).

In order, for every name variable:

1. a truncation mark standing as a name (``...``, ``et al.``, ``and others``) is removed and the
   variable listed in ``custom["truncated"]`` (as the BibTeX reader marks ``and others``);
2. hyphen and space variants (U+2010, U+2011, U+2012, U+2212, soft hyphen, no-break spaces)
   become plain ones;
3. a literal name in MEDLINE's form (``Vivarelli M``) is split, unless its reader marks literals on
   purpose (BibTeX braces, EndNote's trailing comma); other literals stay whole (``Lab Talks`` may be a
   body: RIS writes bodies without a comma), and a body split at its comma (family ``Department of
   Health``) is made whole again;
4. all-caps names in title case (``SMITH, JOHN`` -> Smith, John), short all-caps given names
   taken as initials;
5. particles: a lower-case particle leading the family name goes to the non-dropping particle
   (``van Gogh`` -> ``van`` + ``Gogh``); exporters' mangled forms are repaired: a particle left at
   the end of the given names belongs to the family (``Blanc, Katarina Le`` -> Le Blanc, Katarina;
   ``Gogh, Vincent van`` -> van Gogh, Vincent), a family that is only a particle takes the next
   word (``De, Salvo A.`` -> De Salvo, A.);
6. a suffix written into the given names or the family name moves to ``suffix`` (``John Jr.``, ``Nunamaker Jr.,
   J. F.``), and a suffix read as the given names trades places with them (``Lynch, T. J., Jr.`` as BibTeX reads it);
7. initials in one style: ``S. A.`` (a dot after each, a space between, hyphens kept: ``J.-L.``).
"""

from __future__ import annotations

import operator
from functools import lru_cache
from itertools import repeat

from ..lazyre import lazy
from ..model import NAME_VARIABLES, Name, Record
from ..names import (
    SUFFIXES,
    initials,
    is_corporate,
    is_initials,
    is_medline_style,
    is_particle,
    parse_name,
    title_word,
)

__all__ = ["normalize_names", "normalize_name", "TRUNCATION_MARKS"]

TRUNCATION_MARKS = frozenset({"...", "…", "et al", "et al.", "and others", "others", "[...]", "etc."})
# Formats whose readers make a literal name only for a body, on purpose.
_DELIBERATE_LITERALS = frozenset({"bibtex", "biblatex", "endnote", "endnote-xml", "csl-json"})
_HYPHENS = lazy("[\u2010\u2011\u2012\u2043\u2212\ufe63\uff0d]")
_SPACES = lazy("[\u00a0\u2007\u202f\u2009\u200a\u2002-\u2006]")


def plain(text: str) -> str:
    """Hyphen and space variants as plain ones; the soft hyphen removed."""
    return _SPACES.sub(" ", _HYPHENS.sub("-", text.replace("\u00ad", "")))


def _plain_name(name: Name) -> Name:
    if (name.family + name.given + name.literal + name.non_dropping_particle).isascii():
        return name  # the variants are all outside ASCII
    return Name(*(plain(getattr(name, f)) for f in Name.__slots__))


def _all_caps(name: Name) -> bool:
    text = name.family + name.given + name.non_dropping_particle
    return sum(c.isalpha() for c in text) >= 4 and text.isupper() and not is_initials(name.family)


def _uncap(name: Name) -> Name:
    family = " ".join(title_word(w) for w in name.family.split())
    given = " ".join(w if len(w) <= 3 and is_initials(w) else title_word(w) for w in name.given.split())
    particle = name.non_dropping_particle.lower()
    return Name(family, given, particle, name.dropping_particle, name.suffix, name.literal)


def _particles(name: Name) -> Name:
    family, given, particle = name.family.split(), name.given.split(), name.non_dropping_particle
    # "Blanc, Katarina Le": particles left at the end of the given names start the family name
    cut = len(given)
    while cut > 1 and is_particle(given[cut - 1]):
        cut -= 1
    if cut < len(given):
        moved = given[cut:]
        given = given[:cut]
        if all(w.islower() for w in moved):
            particle = " ".join([*moved, particle]).strip()
        else:
            family = moved + ([particle] if particle else []) + family
            particle = ""
    # "De, Salvo A.": a family that is only a particle takes the first given name
    if family and all(is_particle(w) for w in family) and len(given) >= 2 and not is_initials(given[0]) \
            and is_initials(" ".join(given[1:])):  # fmt: skip
        family = [*family, given[0]]
        given = given[1:]
    # "van Gogh": a lower-case particle leading the family name is its non-dropping particle
    lead = 0
    while lead < len(family) - 1 and is_particle(family[lead]) and family[lead].islower():
        lead += 1
    if lead:
        particle = " ".join([particle, *family[:lead]]).strip()
        family = family[lead:]
    return Name(" ".join(family), " ".join(given), particle, name.dropping_particle, name.suffix, name.literal)


def _suffix(name: Name) -> Name:
    words = name.given.split()
    if not name.suffix and len(words) > 1 and words[-1].lower().rstrip(",") in SUFFIXES:
        return Name(name.family, " ".join(words[:-1]), name.non_dropping_particle, name.dropping_particle,
                    words[-1].rstrip(","), name.literal)  # fmt: skip
    family = name.family.split()
    if not name.suffix and name.given and len(family) > 1 and family[-1].lower().rstrip(",") in SUFFIXES:
        # "Nunamaker Jr., J. F." (Scopus, EndNote): the suffix written into the family name
        return Name(" ".join(family[:-1]), name.given, name.non_dropping_particle, name.dropping_particle,
                    family[-1].rstrip(","), name.literal)  # fmt: skip
    if name.given.lower() in SUFFIXES and name.suffix and name.suffix.lower() not in SUFFIXES:
        # "Lynch, T. J., Jr." read by BibTeX's "Last, Jr, First": the given names and the suffix swapped
        return Name(name.family, name.suffix, name.non_dropping_particle, name.dropping_particle, name.given,
                    name.literal)  # fmt: skip
    return name


@lru_cache(maxsize=32768)  # the same people appear again and again in a file
def normalize_name(name: Name, deliberate_literals: bool = False) -> Name:
    """One name, normalized (steps 2 to 7 of the module's rules): ``name`` itself when it is normal already."""
    out = _normalize_name(name, deliberate_literals)
    return name if out == name else out


def _normalize_name(name: Name, deliberate_literals: bool) -> Name:
    name = _plain_name(name)
    if name.literal:
        # only MEDLINE's "Vivarelli MC" is split: any other name kept whole may be a body (RIS, as Zotero reads
        # it, writes a body without a comma), and nothing is guessed
        if deliberate_literals or is_corporate(name.literal) or not is_medline_style(name.literal):
            return name
        name = parse_name(name.literal)
        if name.literal:
            return name
    elif is_corporate(name.family) and len(name.family.split()) > 1:
        return Name(literal=name.inverted())  # "Department of Health, Victoria": a body split at its comma
    if _all_caps(name):
        name = _uncap(name)
    name = _suffix(_particles(name))
    if name.given:
        styled = initials(name.given)
        if styled != name.given:
            name = Name(name.family, styled, name.non_dropping_particle, name.dropping_particle, name.suffix)
    return name


def _is_mark(name: Name) -> bool:
    text = name.literal or (name.family if not name.given else "")
    return text.strip().lower() in TRUNCATION_MARKS


@lru_cache(maxsize=32768)
def _normalized_or_mark(name: Name, deliberate_literals: bool) -> Name | None:
    """The name normalized, or ``None`` for a truncation mark: one cache lookup a name."""
    return None if _is_mark(name) else normalize_name(name, deliberate_literals)


_NAME_ORDER = {var: i for i, var in enumerate(NAME_VARIABLES)}


def normalize_names(rec: Record) -> None:
    """Normalize every name variable of ``rec`` in place."""
    present = _NAME_ORDER.keys() & rec.fields.keys()
    if not present:
        return
    deliberate = rec.source is not None and rec.source.format in _DELIBERATE_LITERALS
    for var in sorted(present, key=_NAME_ORDER.__getitem__):
        names = rec.fields[var]
        if not names:
            continue
        kept = [n for n in map(_normalized_or_mark, names, repeat(deliberate)) if n is not None]
        if len(kept) != len(names):
            truncated = list(rec.custom.get("truncated", []))  # a new list: the input record shares custom's values
            if var not in truncated:
                rec.custom["truncated"] = [*truncated, var]
        elif all(map(operator.is_, kept, names)):
            continue  # the names are normal already (normalize_name gives back a normal name itself)
        rec[var] = kept
