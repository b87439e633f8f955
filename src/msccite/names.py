"""Personal and corporate names from the forms sources write them in.

:func:`parse_name` reads one name as text (``Family, Given``, ``Given Family``, MEDLINE's
``Family GI``, ``F. M. Family``) into a :class:`~msccite.model.Name`, knowing particles
(``van der``, ``Del``), suffixes (``Jr.``, ``III``) and corporate authors (kept whole as a literal).
Readers of page text use it for "Given Family" lists; the name normalizer uses it for literal
names a reader could not split, and its helpers (:func:`is_particle`, :func:`is_corporate`,
:func:`initials`) for the repairs described in ``docs/normalization.md``.

The particle list is our own (from the naming conventions of Dutch, German, French, Italian,
Spanish, Portuguese and Arabic surnames), not taken from any other program.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lazyre import lazy
from .model import Name

__all__ = ["parse_name", "is_particle", "is_corporate", "is_initials", "is_medline_style", "initials", "title_word",
           "SUFFIXES"]

#: Words that start a family name without being it: ``van`` Gogh, ``Del`` Piccolo, ``ter`` Horst.
_PARTICLES = frozenset(
    """van von der den de del della delle dei degli di da das do dos du des le la lo las los
    ter ten te zu zum zur vom am op het 't 's al el bin ibn ben bint abu y""".split()
)
#: Suffixes written after the given name (``Smith, John, Jr.``) or the family name.
SUFFIXES = frozenset("jr jr. sr sr. ii iii iv vi 2nd 3rd".split())  # not "V": it is more often an initial

# Words that mark a body rather than a person (matched case-insensitively, whole words).
_CORPORATE = lazy(
    r"\b(?:group|groups|consortium|consortia|committee|investigators|organi[sz]ation|agency|association|society|"
    r"institute|institut|instituto|university|universit[yéàä]t?|universidad|council|network|foundation|"
    r"collaboration|collaborative|working|party|team|centre|center|hospital|department|ministry|federation|college|"
    r"academy|alliance|board|commission|programme|program|registry|initiative|panel|task force|working party|"
    r"inc|ltd|llc|gmbh|corporation|company|authority|trialists|steering|"
    r"study|studies|trial|trials|project|laboratory|laboratories)\b",
    re.IGNORECASE,
)
_INITIAL_TOKEN = lazy(r"(?:[A-Z\u00c0-\u00de]\.?)(?:-[A-Z\u00c0-\u00de]\.?)?")
_CAPS_INITIALS = lazy(r"[A-Z\u00c0-\u00de]{1,3}")
_ANY_INITIALS = lazy(r"[^\W\d_]\.?(?:-[^\W\d_]\.?)?|[^\W\d_]{1,3}")
_DOT_JOIN = lazy(r"\.(?=[^\s-])")  # "S.A." -> "S. A.", but "J.-L." stays one token


def _tokens(given: str) -> list[str]:
    return _DOT_JOIN.sub(". ", given).split()


def is_particle(word: str) -> bool:
    """``van``, ``Del``, ``'t`` ... (any case)."""
    return word.lower() in _PARTICLES


def is_corporate(text: str) -> bool:
    """A body's name (``MSC Study Group``, ``World Health Organization``), not a person's."""
    return bool(_CORPORATE.search(text)) or "&" in text or (" of " in f" {text} " and len(text.split()) > 3)


def is_initials(given: str) -> bool:
    """Only initials: ``S. A.``, ``SA``, ``S.A.``, ``J.-L.``, ``S A``, ``Ş.-C.`` (any script's capitals)."""
    tokens = _tokens(given)
    if not tokens:
        return False
    return all(_INITIAL_TOKEN.fullmatch(t) or _CAPS_INITIALS.fullmatch(t) or _any_initials(t) for t in tokens)


def _any_initials(token: str) -> bool:
    """``Ş.-C.``, ``ŁK``: initials in capitals beyond Latin-1."""
    return bool(_ANY_INITIALS.fullmatch(token)) and all(ch.isupper() for ch in token if ch.isalpha())


def initials(given: str) -> str:
    """Initials in one style, a dot after each and a space between: ``SA`` / ``S.A.`` / ``S A`` -> ``S. A.``.

    Hyphenated initials keep their hyphen (``J.-L.``); full given names are left as they are, but a
    lone capital after one gets its dot (``John A`` -> ``John A.``).
    """
    out = []
    for token in _tokens(given):
        if "-" in token and all(_INITIAL_TOKEN.fullmatch(p + ".") or _INITIAL_TOKEN.fullmatch(p)
                                for p in token.replace(".", "").split("-") if p):  # fmt: skip
            out.append("-".join(p.rstrip(".") + "." for p in token.split("-") if p))
        elif _CAPS_INITIALS.fullmatch(token.rstrip(".")) and (len(token.rstrip(".")) == 1 or is_initials(given)):
            out.extend(ch + "." for ch in token.rstrip("."))
        else:
            out.append(token)
    return " ".join(out)


def title_word(word: str) -> str:
    """``GARCÍA-LÓPEZ`` -> ``García-López``, ``O'BRIEN`` -> ``O'Brien``."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0)[0] + m.group(0)[1:].lower(), word)


def _split_suffix(words: list[str]) -> tuple[list[str], str]:
    if len(words) > 1 and words[-1].lower().rstrip(",") in SUFFIXES:
        return words[:-1], words[-1].rstrip(",")
    return words, ""


def _family_parts(words: list[str]) -> tuple[str, str]:
    """(non-dropping particle, family): lower-case particles apart, capitalised ones in the family (``De Salvo``)."""
    cut = 0
    while cut < len(words) - 1 and is_particle(words[cut]) and words[cut].islower():
        cut += 1
    return " ".join(words[:cut]), " ".join(words[cut:])


def _given_first(words: list[str]) -> Name:
    words, suffix = _split_suffix(words)
    if len(words) == 1:
        return Name(family=words[0], suffix=suffix)
    start = len(words) - 1  # the family name starts at the last word, or earlier at a run of particles
    while start > 1 and is_particle(words[start - 1]):
        start -= 1
    particle, family = _family_parts(words[start:])
    return Name(family=family, given=" ".join(words[:start]), non_dropping_particle=particle, suffix=suffix)


def _family_first(family: str, given: str, suffix: str = "") -> Name:
    fwords = family.split()
    gwords, gsuffix = _split_suffix(given.split())
    particle, fam = _family_parts(fwords) if fwords else ("", "")
    return Name(family=fam, given=" ".join(gwords), non_dropping_particle=particle, suffix=suffix or gsuffix)


@lru_cache(maxsize=65536)
def parse_name(text: str, order: str = "auto") -> Name:
    """One name as text to a :class:`Name`.

    ``order`` is ``"family-first"`` (``Family, Given`` or ``Family GI``), ``"given-first"``
    (``Given von Family``) or ``"auto"``: a comma means family first, MEDLINE's ``Vivarelli MC``
    (a last word of one to three capitals) too, anything else given first. Corporate names come
    back whole as a literal. The words are kept as written (case, dots): the normalizer tidies them.
    """
    text = " ".join(text.split()).strip(" ,;")
    if not text:
        return Name()
    if is_corporate(text):
        return Name(literal=text)
    if "," in text and order != "given-first":
        family, _, rest = text.partition(",")
        given, _, suffix = (p.strip() for p in rest.partition(","))
        if given.lower() in SUFFIXES and not suffix:
            given, suffix = "", given
        return _family_first(family.strip(), given, suffix)
    words = text.replace(",", " ").split()
    suffix = ""
    # a final Jr./III is a suffix, but in "Petrov IV" (two words) the capitals are MEDLINE initials
    if len(words) > 1 and words[-1].lower() in SUFFIXES and (len(words) > 2 or not _CAPS_INITIALS.fullmatch(words[-1])):
        words, suffix = words[:-1], words[-1]
    initials = 0  # MEDLINE's "Family GI" (and "Family G I"): the capitals at the end are the given names
    while initials < len(words) - 1 and _medline_initials(words[-1 - initials]):
        initials += 1
    if order == "family-first" or (order == "auto" and initials):
        cut = -(initials or 1)
        if len(words) > 1:
            return _family_first(" ".join(words[:cut]), " ".join(words[cut:]), suffix)
        return Name(family=words[0], suffix=suffix)
    name = _given_first(words)
    return Name(name.family, name.given, name.non_dropping_particle, suffix=suffix or name.suffix)


def is_medline_style(text: str) -> bool:
    """``Vivarelli MC``, ``Smith J 3rd``: a family name then one to three capitals (MEDLINE's ``AU`` form)."""
    words = [w for w in text.replace(",", " ").split() if w.lower() not in SUFFIXES or _CAPS_INITIALS.fullmatch(w)]
    return len(words) >= 2 and _medline_initials(words[-1]) and not _medline_initials(words[0])


def _medline_initials(word: str) -> bool:
    return bool(_CAPS_INITIALS.fullmatch(word)) and not is_particle(word)


#: Words that join the two family names of a Catalan or Spanish name (``Roqué i Figuls``).
_JOINERS = frozenset({"i", "y"})
#: Particles that start a family name even when capitalised (``Van Ryswyk``, ``De Luca``, ``El Dib``). ``Le``, ``Do``,
#: ``La``, ``Da`` ... are left out: capitalised they are as often family names themselves (Vietnamese ``Le``, ``Do``).
_LEADING = frozenset({"van", "von", "der", "den", "de", "del", "della", "dei", "degli", "di", "dos", "das", "du", "des",
                      "ter", "ten", "el", "al", "bin", "ibn", "ben", "abu", "op", "zu", "vom", "'t"})  # fmt: skip


def family_first_words(text: str) -> Name:
    """One name written family name first, with or without a comma.

    ``Han Shanshan`` -> family ``Han``, given ``Shanshan``; ``Crowther Caroline A`` -> ``Crowther``, ``Caroline A``;
    ``Van Ryswyk Emer`` -> ``Van Ryswyk``; ``van de Wetering Marianne D`` -> ``Wetering`` with the particle
    ``van de``; ``Roqué i Figuls Marta`` -> ``Roqué i Figuls``; ``Smith J`` -> ``Smith``, ``J``. Without a comma the
    first word (with the particles before it, and a second family name joined by ``i``/``y`` or a lower-case
    particle) is the family name and the rest the given names: Cochrane (and EPPI-Reviewer, and Zotero's CSV of
    such records) write ``Family Given Middle``, and a two-word given name (``Buchleitner Ana Maria``) is more common
    there than an unjoined two-word family name (``Davey Smith George``, read as family ``Davey``). With a comma, or
    a body's name (``Cochrane Airways Group``), :func:`msccite.names.parse_name` decides.
    """
    return _family_words(" ".join(text.split()).strip(" ,;"))


@lru_cache(maxsize=65536)  # the same authors, record after record
def _family_words(text: str) -> Name:
    if not text:
        return Name()
    if "," in text or is_corporate(text):
        return parse_name(text, order="family-first")
    words = text.split()
    i = 0
    while i < len(words) - 2 and (words[i].lower() in _LEADING or (words[i].islower() and is_particle(words[i]))):
        i += 1
    end = i + 1
    while end + 1 < len(words) - 1 and words[end].islower() and (words[end] in _JOINERS or is_particle(words[end])):
        end += 2  # "Roqué i Figuls", "Silva dos Santos": the connector and the next family name
    family, given = words[:end], words[end:]
    suffix = ""
    if given and given[-1].lower() in SUFFIXES and (len(given) > 1 or len(given[-1]) > 2):
        suffix = given.pop()  # "Smith John Jr"; but "Petrov II" stays initials
    cut = 0  # lower-case particles are the non-dropping particle ("van de" Wetering), as parse_name has them
    while cut < len(family) - 1 and family[cut].islower() and is_particle(family[cut]):
        cut += 1
    return Name(family=" ".join(family[cut:]), given=" ".join(given), non_dropping_particle=" ".join(family[:cut]),
                suffix=suffix)  # fmt: skip
