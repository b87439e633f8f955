"""Hypothesis strategies for records, shared by every format's round-trip properties.

``records()`` draws MSC-trial-like journal articles and other CSL types: names with accents
and particles, dates, identifiers, multi-line abstracts, keywords, URLs and extras of a format.
Formats differ in what they can express; the keyword arguments switch off what a format cannot
hold (``particles=False`` for RIS, whose ``Family, Given`` cannot tell a particle from a family).
"""

from __future__ import annotations

import string

from hypothesis import strategies as st

from msccite.model import Date, Extra, Name, Record

_LETTERS = string.ascii_letters + "áéíóúàèçñöüßøåÁÉÖÜŁłŠšŽžğİ"
_WORD = st.text(_LETTERS, min_size=1, max_size=12)
# "ß".upper() is "SS": a word that comes out all capitals is one the normalizer rightly title-cases
_CAP_WORD = _WORD.map(lambda w: w[0].upper() + w[1:].lower()).filter(lambda w: len(w) == 1 or not w.isupper())
_TEXT_CHARS = string.ascii_letters + string.digits + " .,:;()/-+%<>'\"?!&#_αβγμ±°–—éüñ中文"


def text(min_size: int = 1, max_size: int = 80) -> st.SearchStrategy[str]:
    """One line of text: no leading/trailing space, no doubled spaces, no line break."""
    return (
        st.text(_TEXT_CHARS, min_size=min_size, max_size=max_size)
        .map(lambda s: " ".join(s.split()))
        .filter(lambda s: len(s) >= min_size and not s.startswith(("[", "{", "%", "@")))
    )


def paragraphs() -> st.SearchStrategy[str]:
    """A multi-line abstract: one to three lines of text."""
    return st.lists(text(5, 120), min_size=1, max_size=3).map("\n".join)


_PARTICLES = st.sampled_from(["van", "van der", "von", "de", "da", "di", "du", "dos", "ter"])


@st.composite
def names(draw: st.DrawFn, particles: bool = True, literals: bool = True) -> Name:
    kind = draw(st.sampled_from(["person", "person", "person", "initials", "literal" if literals else "person"]))
    if kind == "literal":
        words = draw(st.lists(_CAP_WORD, min_size=2, max_size=5))
        return Name(literal=" ".join(words + ["Group"]))
    family = draw(_CAP_WORD)
    if draw(st.booleans()):
        family += "-" + draw(_CAP_WORD)
    if kind == "initials":
        given = " ".join(c + "." for c in draw(st.text(string.ascii_uppercase, min_size=1, max_size=3)))
    else:
        given = " ".join(draw(st.lists(_CAP_WORD, min_size=1, max_size=2)))
    ndp = draw(_PARTICLES) if particles and draw(st.integers(0, 5)) == 0 else ""
    suffix = draw(st.sampled_from(["", "", "", "", "Jr.", "III"]))
    return Name(family=family, given=given, non_dropping_particle=ndp, suffix=suffix)


@st.composite
def dates(draw: st.DrawFn) -> Date:
    year = draw(st.integers(1950, 2030))
    month = draw(st.one_of(st.none(), st.integers(1, 12)))
    day = draw(st.integers(1, 28)) if month is not None and draw(st.booleans()) else None
    return Date.of(year, month, day)


def dois() -> st.SearchStrategy[str]:
    prefix = st.integers(1000, 99999).map(str)
    suffix = st.text(string.ascii_lowercase + string.digits + ".-_/()", min_size=1, max_size=20).filter(
        lambda s: not s.endswith((".", "/"))
    )
    return st.builds(lambda p, s: f"10.{p}/{s}", prefix, suffix)


def issns() -> st.SearchStrategy[str]:
    def with_check(n: int) -> str:
        digits = f"{n:07d}"
        total = sum(int(d) * w for d, w in zip(digits, range(8, 1, -1), strict=True))
        check = (11 - total % 11) % 11
        return f"{digits[:4]}-{digits[4:]}{'X' if check == 10 else check}"

    return st.integers(0, 9_999_999).map(with_check)


def extras(format: str, tags: list[str]) -> st.SearchStrategy[list[Extra]]:  # noqa: A002
    """Extras of one format under tags its reader does not map (so they must come back as extras)."""
    return st.lists(st.builds(Extra, st.just(format), st.sampled_from(tags), text(1, 40)), max_size=4)


CSL_TYPES_COMMON = ["article-journal", "article-journal", "book", "chapter", "paper-conference", "report",
                    "thesis", "webpage", "dataset", "review", "article"]  # fmt: skip


@st.composite
def records(
    draw: st.DrawFn,
    *,
    particles: bool = True,
    literals: bool = True,
    types: list[str] | None = None,
    extra_format: str | None = None,
    extra_tags: list[str] | None = None,
    with_id: bool | None = None,
) -> Record:
    """A record. ``with_id``: True always, False never, None sometimes."""
    rec = Record(draw(st.sampled_from(types or CSL_TYPES_COMMON)))
    if with_id or (with_id is None and draw(st.booleans())):
        rec.id = draw(st.text(string.ascii_lowercase + string.digits, min_size=3, max_size=16))
    rec["title"] = draw(text(3, 150))
    rec["author"] = draw(st.lists(names(particles, literals), min_size=0, max_size=12))
    if draw(st.booleans()):
        rec["editor"] = draw(st.lists(names(particles, literals), min_size=1, max_size=3))
    if draw(st.integers(0, 4)):
        rec["issued"] = draw(dates())
    optional = {
        "container-title": text(3, 60),
        "container-title-short": text(3, 20),
        "volume": st.integers(1, 400).map(str),
        "issue": st.integers(1, 24).map(str),
        "page": st.one_of(
            st.integers(1, 999).map(str),
            st.tuples(st.integers(1, 500), st.integers(501, 999)).map(lambda t: f"{t[0]}-{t[1]}"),
            st.just("e0245432"),
        ),  # fmt: skip
        "DOI": dois(),
        "publisher": text(3, 40),
        "publisher-place": text(3, 30),
        "abstract": paragraphs(),
        "language": st.sampled_from(["en", "es", "English", "zh"]),
        "PMID": st.integers(1, 39_999_999).map(str),
        "PMCID": st.integers(1, 12_999_999).map(lambda n: f"PMC{n}"),
        "number": st.sampled_from(["e42692", "103640", "00773-2020"]),
        "archive_location": st.sampled_from(["WOS:000123456700001", "CN-01234567", "rayyan-123456789"]),
    }
    for key, strategy in optional.items():
        if draw(st.booleans()):
            rec[key] = draw(strategy)
    if draw(st.booleans()):
        rec["ISSN"] = draw(st.lists(issns(), min_size=1, max_size=2, unique=True))
    if draw(st.booleans()):
        rec["keyword"] = draw(st.lists(text(2, 30).filter(lambda s: "," not in s and ";" not in s), min_size=1,
                                       max_size=6))  # fmt: skip
    if draw(st.booleans()):
        rec["URL"] = draw(st.lists(st.text(string.ascii_lowercase, min_size=3, max_size=12).map(
            lambda s: f"https://example.org/{s}"), min_size=1, max_size=3))  # fmt: skip
    if draw(st.integers(0, 3)) == 0:
        rec["note"] = draw(st.lists(text(3, 60), min_size=1, max_size=2))
    if extra_format and extra_tags:
        rec.extra = draw(extras(extra_format, extra_tags))
    return rec


# -- messy input, as readers hand it to the normalizer ------------------------------------------

_MESSY_NAMES = st.sampled_from([
    Name("Blanc", "Katarina Le"), Name("De", "Salvo A."), Name(literal="Vivarelli MC"), Name("SMITH", "JOHN"),
    Name("van Gogh", "Vincent"), Name("Gogh", "Vincent van"), Name("Araúzo\u2010Bravo", "Marcos J"),
    Name("Smith", "John Jr."), Name(literal="MSC Study Group"), Name(literal="et al."), Name(literal="..."),
    Name("Chong", "Anne\u2010Sophie"), Name(literal="Nicoladrea Del Piccolo"), Name("Le\u00a0Blanc", "K"),
    Name("GARCÍA-LÓPEZ", "MARÍA JOSÉ"), Name("Li", "JA"), Name(literal="O. V. Knyazev"),
    Name("Törnqvist Andrén", "Anton"),
])  # fmt: skip
_MESSY = {
    "page": st.sampled_from(["1023-9", "i92-i92", "S45-S46", "00773-2020", "pp. 24-30", "1023\u20131029", "e0245432",
                             "123-45", "1-5, 7-9"]),
    "language": st.sampled_from(["English", "eng", "Inglés", "英文", "en-us", "Spanish; English", "Lenguaje"]),
    "title": st.sampled_from(["A phase I study.", "ALLOGENEIC MSC(UC) FOR SLE: A PHASE I-II STUDY",
                              "Results et al.", "Wait...", "  Two  spaces "]),
    "abstract": st.sampled_from(["<jats:p>Stem <i>cells</i> &amp; more, and more words to be long enough.</jats:p>",
                                 "Background: an abstract that is long enough. " * 2, "p < 0.05 in all"]),
    "keyword": st.lists(st.sampled_from(["MSC", "msc", "Stem cells; GVHD", "GVHD", " trial "]), min_size=1,
                        max_size=4),
    "issued": st.sampled_from([Date(raw="2019 Dec 2"), Date(raw="Spring 2019"), Date(raw="2019 Dec-2020 Jan"),
                               Date(raw="in press"), Date.of(2020, 5)]),
}  # fmt: skip


@st.composite
def messy_records(draw: st.DrawFn) -> Record:
    """A record with the mangled values real readers hand over (particles, caps, dashes, raw dates ...)."""
    rec = draw(records())
    rec["author"] = draw(st.lists(st.one_of(_MESSY_NAMES, names()), max_size=8))
    for key, strategy in _MESSY.items():
        if draw(st.booleans()):
            rec[key] = draw(strategy)
    return rec
