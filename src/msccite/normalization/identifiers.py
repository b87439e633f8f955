"""Identifiers: DOI, PMID, PMCID, ISSN, ISBN, URLs and trial registration numbers (rules in
``docs/normalization/identifiers.md``).

Sources write the same identifier in many ways (``https://dx.doi.org/10.1/X``, ``doi:10.1/x``,
``10.1/x [doi]``; ``PMC123`` or ``123``; ``20411723 (ISSN)``), and some leave it out of its field
but put it in a URL, a note or a vendor tag. This step writes each one in one form, fills a missing
DOI, PMID or PMCID from the record's own URLs, identifier-like extras and notes, and collects
clinical-trial registration numbers so that a review can link records to registries.

Nothing is dropped: a DOI that is not valid, an ISSN or ISBN whose check digit is wrong, stays as
written (``msccite check`` reports it). Every pattern here is linear: no quantifier is nested in
another, and the open-ended ones stop at white space.

The pure helpers (``clean_doi``, ``doi_problem``, ``find_dois``, ``clean_pmid``, ``clean_pmcid``,
``clean_issn``, ``issn_ok``, ``clean_isbn``, ``isbn_ok``, ``find_trial_ids``) are public for the
readers and for ``msccite check``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from ..lazyre import lazy
from ..model import Record

__all__ = [
    "clean_doi",
    "doi_problem",
    "find_dois",
    "doi_from_url",
    "clean_pmid",
    "clean_pmcid",
    "clean_issn",
    "issn_kind",
    "issn_ok",
    "clean_isbn",
    "isbn_ok",
    "find_trial_ids",
    "normalize_identifiers",
    "TRIALS_KEY",
    "ISSN_TYPE_KEY",
]

#: ``rec.custom`` key of the trial registration numbers found in the record.
TRIALS_KEY = "trial-registrations"
#: ``rec.custom`` key of the ISSN kinds the source named: ``{"print": "1769-7212", "electronic": ...}``.
ISSN_TYPE_KEY = "issn-type"

# -- DOI -------------------------------------------------------------------------------------------

# A DOI in running text: "10." + registrant (4 to 9 digits, optionally ".digits") + "/" + a suffix
# that runs to the next white space or quote. Only bounded quantifiers before the slash.
_DOI_IN_TEXT = lazy(r"(?<![0-9A-Za-z.])10\.\d{4,9}(?:\.\d{1,9})?/[^\s\"]+")
# A value that is nothing but a DOI may have a short registrant (10.21/..., real DOIs exist).
_DOI_WHOLE = lazy(r"10\.\d{1,9}(?:\.\d{1,9})?/[^\s\"]+")
_DOI_LEAD = lazy(
    r"^(?:(?:https?://)?(?:dx\.|www\.)?doi\.org/|info:doi/|urn:doi:|doi\s*(?:[:=]\s*)?|\[doi\]\s*)", re.IGNORECASE
)
# The lookbehind lets a match start only where a run of white space starts: "\s*\[doi\]" tried at every position of
# a long run scanned the rest of the run each time (quadratic: 10^5 spaces took 25 s, issue 30.9). The match is the
# same: one inside a run would start at the run's start.
_DOI_MARK = lazy(r"(?<!\s)\s*\[doi\]\s*$", re.IGNORECASE)
# Only these escapes are decoded: none of them decodes to "%" or a hex digit, so decoding twice
# changes nothing (idempotent), unlike a general unquote ("%252F" -> "%2F" -> "/").
_ESCAPES = {"%2f": "/", "%3a": ":", "%28": "(", "%29": ")", "%3b": ";", "%5b": "[", "%5d": "]", "%3c": "<", "%3e": ">"}
_ESCAPE = lazy(r"%(?:2f|3a|28|29|3b|5b|5d|3c|3e)", re.IGNORECASE)
_TRAILING = ".,;:'\"!?)]}>"
_MAX_TRAILING = 32  # a longer run of trailing punctuation is not trimmed: bounded work, same result every time
_OPENER = {")": "(", "]": "[", "}": "{", ">": "<"}
_DOI_HOSTS = frozenset({"doi.org", "dx.doi.org", "www.doi.org"})
# Query keys whose value is a DOI when it says so ("id=doi:10.1/x", OpenURL's "rft_id=info:doi/10.1/x").
_DOI_QUERY_KEYS = frozenset({"id", "rft_id", "pid"})
_URL_IN_TEXT = lazy(r"https?://\S+", re.IGNORECASE)
# What publisher URLs append after the DOI in a path: not part of it.
_URL_TAILS = ("/fulltext.html", "/full", "/abstract", "/epdf", "/pdf", ".pdf", "/summary", "/meta")


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: _ESCAPES[m.group(0).lower()], text) if "%" in text else text


def _trim_doi(doi: str) -> str:
    """Trailing punctuation removed, unless a closing bracket closes one opened inside the DOI."""
    if "</" in doi:
        doi = doi[: doi.index("</")]
    if not doi or doi[-1] not in _TRAILING:
        return doi
    if len(doi) - len(doi.rstrip(_TRAILING)) > _MAX_TRAILING:
        return doi  # no DOI ends so: junk, left whole (and so the same the next time)
    counts = {c: doi.count(c) for c in "()[]{}<>"}
    end = len(doi)
    while end and doi[end - 1] in _TRAILING:
        ch = doi[end - 1]
        if ch in _OPENER and counts[_OPENER[ch]] >= counts[ch]:
            break  # balanced: 10.1016/s0140-6736(20)30183-5(1) keeps its ")"
        if ch in counts:
            counts[ch] -= 1
        end -= 1
    return doi[:end]


def clean_doi(text: str) -> str | None:
    """The DOI in ``text`` (a DOI field, a ``doi.org`` URL, ``doi:...``, ``10.x/y [doi]``), lower-cased,
    trailing punctuation removed; ``None`` when there is none. Not validated: see :func:`doi_problem`."""
    value = _unescape(_DOI_MARK.sub("", text.strip()))
    rest = _DOI_LEAD.sub("", value, count=1)
    m = _DOI_WHOLE.match(rest)
    if m is None:
        m = _DOI_IN_TEXT.search(value)
        if m is None:
            return None
    doi = _trim_doi(m.group(0))
    return doi.lower() if "/" in doi else None


def doi_problem(doi: str) -> str | None:
    """What is wrong with ``doi`` by the DOI syntax (``10.`` + registrant digits, ``.digits`` for a
    subdivision, ``/``, a suffix of printable non-space characters), or ``None`` when it is valid."""
    if not doi.startswith("10."):
        return f"DOI {doi!r} does not start with '10.'"
    prefix, slash, suffix = doi.partition("/")
    if not slash:
        return f"DOI {doi!r} has no '/' between prefix and suffix"
    parts = prefix.split(".")
    if not all(p.isascii() and p.isdigit() for p in parts[1:]):
        return f"DOI prefix {prefix!r} is not '10.' followed by digits (10.1234 or 10.1234.5)"
    if not suffix:
        return f"DOI {doi!r} has an empty suffix after '/'"
    if any(ch.isspace() or not ch.isprintable() for ch in suffix):
        return f"DOI suffix {suffix!r} has a space or a non-printable character"
    return None


def doi_from_url(url: str) -> str | None:
    """The DOI a URL names: a ``doi.org`` link, or a ``doi=``/``id=doi:`` query value (OpenURL, Scopus);
    ``None`` for other URLs (a publisher's path may end in more than the DOI)."""
    url = url.strip()
    if " " in url or not url.lower().startswith(("http://", "https://")):
        return None
    if "%" not in url and ("10." not in url or "doi" not in url.lower()):
        # every DOI starts "10.", and a URL names one only by a doi.org host, a "doi" key or a "doi:" value; unless
        # escaped (parse_qsl unquotes)
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if _host(url) in _DOI_HOSTS:
        return clean_doi(parts.path.lstrip("/"))
    for key, value in parse_qsl(parts.query):
        key, value = key.lower(), value.strip()
        labelled = value.lower().startswith(("doi:", "info:doi/"))
        if key == "doi" or (key in _DOI_QUERY_KEYS and labelled):
            m = _DOI_WHOLE.match(_DOI_LEAD.sub("", value, count=1))
            if m is not None:
                return _trim_doi(m.group(0)).lower()
    return None


def find_dois(text: str) -> list[str]:
    """Every DOI in a text (abstract, note, URL), cleaned, in order of first appearance, no repeats.

    In a URL the DOI ends at the query's ``&`` or ``#``, and a publisher's tail (``/full``, ``.pdf``)
    is not taken as part of it."""
    text = _unescape(text)
    out: list[str] = []
    seen: set[str] = set()
    urls = [(u.start(), u.end()) for u in _URL_IN_TEXT.finditer(text)]
    i = 0
    for m in _DOI_IN_TEXT.finditer(text):
        doi = m.group(0)
        while i < len(urls) and urls[i][1] <= m.start():
            i += 1  # matches come in order: one pass over the URL spans
        if i < len(urls) and urls[i][0] < m.start():
            doi = re.split(r"[&#?]", doi, maxsplit=1)[0]
            for tail in _URL_TAILS:
                if doi.lower().endswith(tail):
                    doi = doi[: -len(tail)]
                    break
        doi = _trim_doi(doi).lower()
        if "/" in doi and not doi.endswith("/") and doi not in seen:
            seen.add(doi)
            out.append(doi)
    return out


# -- PMID, PMCID -----------------------------------------------------------------------------------

_PMID_ONLY = lazy(r"(?:(?:pmid|pubmed(?: ?id)?|medline)\s*(?:[:#=]\s*)?)?(\d{1,9})\.?", re.IGNORECASE)
_PMID_URL = lazy(
    r"(?:pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/|europepmc\.org/(?:abstract|article)/med/)(\d{1,9})(?!\d)",
    re.IGNORECASE,
)
_PUBMED_WORD = lazy(r"pmid|pubmed", re.IGNORECASE)
_SPACE = lazy(r"\s")
_PMID_LABEL = lazy(r"(?<![A-Za-z])(?:PMID|PubMed ?ID|PUBMED)\s*(?:[:#]\s*)?(\d{1,9})(?!\d)", re.IGNORECASE)
_PMCID_ONLY = lazy(r"(?:pmcid\s*(?:[:#=]\s*)?)?(?:pmc ?)?(\d{1,9})\.?", re.IGNORECASE)
_PMCID_IN_TEXT = lazy(r"(?<![A-Za-z0-9])PMC\s?(\d{1,9})(?!\d)", re.IGNORECASE)


def clean_pmid(text: str) -> str | None:
    """A PubMed id, digits only, from ``31810187``, ``PMID: 31810187``, ``PUBMED 31810187`` or a PubMed
    URL (``pubmed.ncbi.nlm.nih.gov/31810187/``, ``ncbi.nlm.nih.gov/pubmed/31810187``); else ``None``."""
    text = text.strip()
    m = _PMID_ONLY.fullmatch(text)
    if m is None:
        m = _PMID_URL.search(text)
    return m.group(1) if m is not None and int(m.group(1)) > 0 else None


def clean_pmcid(text: str) -> str | None:
    """A PubMed Central id as ``PMC`` + digits, from ``PMC6947442``, ``pmc6947442``, ``6947442`` (a value
    given as a PMCID), ``PMCID: PMC6947442`` or a PMC URL (``/pmc/articles/PMC6947442/``,
    ``pmc.ncbi.nlm.nih.gov/articles/PMC6947442``, ``europepmc.org/article/PMC/PMC6947442``)."""
    text = text.strip()
    m = _PMCID_ONLY.fullmatch(text)
    if m is None:
        m = _PMCID_IN_TEXT.search(text)
    return f"PMC{m.group(1)}" if m is not None and int(m.group(1)) > 0 else None


def _pmid_from_url(url: str) -> str | None:
    low = url.lower()
    if "pubmed" not in low and "europepmc" not in low:
        return None  # _PMID_URL names one or the other: a cheap test before the search
    m = _PMID_URL.search(url)
    return m.group(1) if m is not None else None


def _pmcid_from_url(url: str) -> str | None:
    low = url.lower()
    if "/pmc/articles/" not in low and "pmc.ncbi.nlm.nih.gov/" not in low and "europepmc.org/" not in low:
        return None
    m = _PMCID_IN_TEXT.search(url)
    return f"PMC{m.group(1)}" if m is not None else None


# -- ISSN, ISBN ------------------------------------------------------------------------------------

_ISSN = lazy(r"(?<![0-9Xx\-])(\d{4})[\-\u2010-\u2015 ]?(\d{3}[\dXx])(?![0-9Xx])")
_ISSN_NOISE = lazy(r"[\s()\[\]:.,;\-\"']+|issn(?:-l)?|print|electronic|online|linking|[ep]-?(?=issn)",
                         re.IGNORECASE)  # fmt: skip
_KINDS = (("linking", lazy(r"linking|issn-l", re.IGNORECASE)),
          ("electronic", lazy(r"electronic|online|\be-?issn", re.IGNORECASE)),
          ("print", lazy(r"print|\bp-?issn", re.IGNORECASE)))  # fmt: skip
_KIND_RANK = {"print": 0, "linking": 1, "electronic": 2}
_ISBN_TOKEN = lazy(r"(?<![0-9Xx])(?:97[89][\- ]?)?\d[\d\- ]{7,14}[\dXx](?![0-9Xx])")
_ISBN_NOISE = lazy(
    r"[\s()\[\]:.,;\-\"']+|isbn(?:-?1[03])?|print|electronic|online|pbk|hbk|paperback|hardcover|ebook", re.IGNORECASE
)
_ISBN_LEAD = lazy(r"^\s*isbn(?:[\- ]?1[03])?\s*(?:[:#]\s*)?", re.IGNORECASE)


@lru_cache(maxsize=4096)  # the same journals' ISSNs, record after record
def clean_issn(text: str) -> str | None:
    """An ISSN as ``1234-567X`` from ``12345678``, ``ISSN 1234-5678``, ``1234-5678 (Print)``,
    ``20411723 (ISSN)``; ``None`` when the text is not one ISSN (the check digit is not tested here)."""
    m = _ISSN.search(text)
    if m is None or _ISSN_NOISE.sub("", text[: m.start()] + text[m.end() :]):
        return None  # no ISSN, or words around it that are not qualifiers
    return f"{m.group(1)}-{m.group(2).upper()}"


@lru_cache(maxsize=4096)  # the same journals' ISSNs, record after record
def issn_kind(text: str) -> str | None:
    """``print``, ``electronic`` or ``linking`` when the value says which (``(Print)``, ``eISSN``,
    ``(Linking)``), else ``None``."""
    for kind, pattern in _KINDS:
        if pattern.search(text):
            return kind
    return None


@lru_cache(maxsize=4096)  # the same journals' ISSNs, record after record
def issn_ok(issn: str) -> bool:
    """True when the ISSN's check digit is right (weights 8..2, modulus 11, 10 written ``X``)."""
    digits = issn.replace("-", "").upper()
    if len(digits) != 8 or not digits[:7].isdigit() or not (digits[7].isdigit() or digits[7] == "X"):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:7], range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return digits[7] == ("X" if check == 10 else str(check))


def clean_isbn(text: str) -> str | None:
    """An ISBN-10 or ISBN-13, hyphenated as the source wrote it (a space becomes a hyphen; ``X`` upper
    case), without ``ISBN``/``ISBN-13:`` or a ``(pbk.)`` note; ``None`` when there is no 10- or 13-digit
    ISBN. The check digit is not tested here (:func:`isbn_ok`)."""
    text = _ISBN_LEAD.sub("", text, count=1)
    m = _ISBN_TOKEN.search(text)
    if m is None:
        return None
    token = re.sub(r"[\- ]+", "-", m.group(0)).upper()
    compact = token.replace("-", "")
    if len(compact) not in (10, 13) or "X" in compact[:-1] or (len(compact) == 13 and compact[-1] == "X"):
        return None
    return token


def isbn_ok(isbn: str) -> bool:
    """True when the check digit of an ISBN-10 (weights 10..1, modulus 11) or ISBN-13 (weights 1, 3,
    modulus 10) is right."""
    digits = isbn.replace("-", "").replace(" ", "").upper()
    if len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] == "X"):
        values = [int(d) for d in digits[:9]] + [10 if digits[9] == "X" else int(digits[9])]
        return sum(v * w for v, w in zip(values, range(10, 0, -1), strict=True)) % 11 == 0
    if len(digits) == 13 and digits.isdigit():
        return sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0
    return False


# -- trial registration numbers --------------------------------------------------------------------

# One alternative per registry, each with bounded quantifiers only; a registration number must not
# be glued to letters or digits before it, nor digits after it.
_TRIAL = lazy(
    r"(?<![A-Za-z0-9])(?=[NnIiCcAaDdJjUuEe12])(?:"  # the lookahead: one test rejects most positions
    r"(?P<nct>NCT)[ #:\-]?(?P<nct_n>\d{8})"
    r"|(?:EUCTR|CTIS)?(?P<ctis>20\d{2}-5\d{5}-\d{2}-\d{2})"  # the WHO ICTRP glues its register's name on
    r"|(?:EUCTR)?(?P<eu>(?:19|20)\d{2}-\d{6}-\d{2})(?!-\d)"
    r"|(?P<isrctn>ISRCTN)[ #:\-]?(?P<isrctn_n>\d{8})"
    r"|(?P<chictr>ChiCTR)(?P<chictr_n>-?(?:[A-Za-z]{2,5}-)?\d{8,10})"
    r"|(?P<actrn>ACTRN)[ #:\-]?(?P<actrn_n>\d{14})"
    r"|(?P<drks>DRKS)[ #:\-]?(?P<drks_n>\d{8})"
    r"|(?P<ctri>CTRI)/(?P<ctri_n>\d{4}/\d{2,3}/\d{6})"
    r"|(?P<jrct>jRCT)(?P<jrct_n>[A-Za-z]?\d{7,10})"
    r"|(?P<umin>UMIN)[ #:\-]?(?P<umin_n>\d{9})"
    r")(?![0-9])",
    re.IGNORECASE | re.ASCII,
)
_DIGIT_MASK = bytes(0x30 if 0x30 <= c <= 0x39 else 0x20 for c in range(256))  # ASCII digits "0", the rest " "
_CANONICAL = {"nct": "NCT", "isrctn": "ISRCTN", "chictr": "ChiCTR", "actrn": "ACTRN", "drks": "DRKS",
              "ctri": "CTRI/", "jrct": "jRCT", "umin": "UMIN"}  # fmt: skip


def find_trial_ids(text: str) -> list[str]:
    """Clinical-trial registration numbers in a text, in a canonical form, in order of first appearance,
    no repeats: ``NCT01234567`` (also from ``NCT 01234567``), EudraCT ``2016-004804-77``, CTIS
    ``2023-500123-45-00``, ``ISRCTN12345678``, ``ChiCTR2000029990``/``ChiCTR-IPR-17012345``,
    ``ACTRN12612000123456``, ``DRKS00012345``, ``CTRI/2020/05/025248``, ``jRCT2031210123``/``jRCTs031180234``,
    ``UMIN000012345``. Numbers are in ASCII digits.

    Every registry's number holds a run of six digits or more, and its prefix starts at most 13 characters before
    the run (``ChiCTR-ABCDE-``) and ends at most 7 after it (CTIS's ``-45-00``): the pattern is tried only in
    windows around such runs, found by a byte search (a regular expression tried at every position of a long
    abstract cost 60 ns a character; this costs under 10)."""
    out: list[str] = []
    seen: set[str] = set()
    for start, end in _digit_windows(text):
        for m in _TRIAL.finditer(text, start, end):
            ident = m.group("eu") or m.group("ctis")
            if not ident:
                base = next(k for k in _CANONICAL if m.group(k))
                number = m.group(f"{base}_n")
                number = number.upper() if base == "chictr" else number.lower() if base == "jrct" else number
                ident = _CANONICAL[base] + number
            if ident not in seen:
                seen.add(ident)
                out.append(ident)
    return out


def _digit_windows(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` around its runs of six ASCII digits or more (16 characters before, 10 after),
    overlapping spans merged, in order."""
    # one byte per character ("?" for any other than ASCII), each digit made "0" and anything else " "
    masked = text.encode("ascii", "replace").translate(_DIGIT_MASK)
    windows: list[tuple[int, int]] = []
    i = masked.find(b"000000")
    while i != -1:
        j = masked.find(b" ", i)
        j = len(masked) if j == -1 else j
        start, end = max(0, i - 16), min(len(masked), j + 10)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
        i = masked.find(b"000000", j)
    return windows


# -- the record step -------------------------------------------------------------------------------


def normalize_identifiers(rec: Record) -> None:
    """Identifiers of ``rec`` cleaned and completed, in place; idempotent (running it twice is running
    it once). See the module docstring and ``docs/normalization/identifiers.md``."""
    fields = rec.fields  # a step whose variable is missing does nothing: not called
    if "URL" in fields:
        _normalize_urls(rec)
    texts = _Texts(rec)
    _normalize_doi(rec, texts)
    _normalize_pmid(rec, texts)
    _normalize_pmcid(rec, texts)
    if "ISSN" in fields:
        _normalize_issns(rec)
    if "ISBN" in fields:
        _normalize_isbns(rec)
    if "URL" in fields:
        _drop_doi_url(rec)
    if rec.extra:
        _drop_doi_extras(rec, texts)
    _collect_trials(rec, texts)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _extra_values(rec: Record) -> Iterator[str]:
    for e in rec.extra:
        if isinstance(e.value, str):
            yield e.value


class _Texts:
    """What a missing DOI, PMID or PMCID is looked for in, lower-cased and joined once a record: the extras' string
    values (a record from a database has ten or more) and, with them, the URLs, notes and source. Each search first
    tests here for a word every value it takes holds (``pubmed``, ``pmc``): one test, not a call a value."""

    __slots__ = ("extras", "extras_low", "low")

    def __init__(self, rec: Record) -> None:
        fields = rec.fields
        self.extras = list(_extra_values(rec)) if rec.extra else []
        self.extras_low = "\n".join(self.extras).lower()
        others = [*_strings(fields.get("URL")), *_strings(fields.get("note")), str(fields.get("source", ""))]
        self.low = self.extras_low + "\n" + "\n".join(others).lower()

    def extras_naming(self, *words: str) -> list[str]:
        """The extras' string values when any of them holds one of ``words`` (lower case), else ``[]``."""
        low = self.extras_low
        return self.extras if any(w in low for w in words) else []

    def name(self, *words: str) -> bool:
        """Whether the extras, URLs, notes or source hold one of ``words`` (lower case)."""
        low = self.low
        return any(w in low for w in words)


def _is_url(text: str) -> bool:
    return text[:8].lower().startswith(("http://", "https://", "ftp://")) and _SPACE.search(text) is None


def _single_token_doi(value: str) -> str | None:
    """The DOI of a value that is nothing but a DOI (``10.1/x``, ``doi:10.1/x``, ``10.1/x [doi]``) or
    a DOI link: vendor tags (RIS ``L3``, ``U2``, MEDLINE ``AID``) carry them so. Free text (a
    reference list, ``Comment in: ... doi: ...``) names other works and is not used; nor is an
    ``AID`` marked ``[pii]``."""
    if "10." not in value and "%" not in value:
        return None  # every DOI starts "10.", written so unless a URL escapes it
    value = value.strip()
    if _is_url(value):
        return doi_from_url(value)
    body = _DOI_MARK.sub("", value)
    rest = _DOI_LEAD.sub("", body, count=1)
    if not rest.startswith("10.") or any(ch.isspace() for ch in rest):
        return None
    doi = clean_doi(body)
    return doi if doi is not None and doi_problem(doi) is None else None


def _first(candidates: Iterable[str | None]) -> str | None:
    for c in candidates:
        if c:
            return c
    return None


def _only_one(found: list[str]) -> str | None:
    """A value found in notes is taken only when the notes name one and no other."""
    distinct = list(dict.fromkeys(found))
    return distinct[0] if len(distinct) == 1 else None


# A DOI field that is already clean: ASCII, lower case, no space, quote, "%" or "<", not ending in punctuation
# (clean_doi would give it back as it is, and find_dois finds it alone).
_CLEAN_DOI = lazy(r"10\.\d{1,9}(?:\.\d{1,9})?/[^\sA-Z\"%<]*[^\sA-Z\"%<.,;:'!?)\]}>]")


def _normalize_doi(rec: Record, texts: _Texts) -> None:
    value = rec.fields.get("DOI")
    if isinstance(value, str):
        if value.isascii() and value.isprintable() and _CLEAN_DOI.fullmatch(value):
            return  # the common case: nothing to do
        found = find_dois(value)
        doi = clean_doi(value)
        if doi is not None and doi_problem(doi) is None and len(found) <= 1:
            rec["DOI"] = doi
        return  # an invalid DOI stays as written
    if value is not None:
        return
    doi = _first(doi_from_url(u) for u in _strings(rec.fields.get("URL")))
    if doi is None:
        doi = _first(_single_token_doi(v) for v in texts.extras_naming("10.", "%"))  # a DOI, or escaped in a URL
    if doi is None:
        notes = [d for n in _strings(rec.fields.get("note")) for d in _labelled_dois(n)]
        doi = _only_one(notes)
    if doi is not None and doi_problem(doi) is None:
        rec["DOI"] = doi


_DOI_LABELLED = lazy(r"(?:doi\s*[:=]\s*|doi\.org/)(10\.\d{1,9}(?:\.\d{1,9})?/[^\s\"]+)", re.IGNORECASE)


def _labelled_dois(text: str) -> list[str]:
    """DOIs a note names as such (``doi: 10.1/x``, ``https://doi.org/10.1/x``)."""
    out = []
    for m in _DOI_LABELLED.finditer(_unescape(text)):
        doi = _trim_doi(m.group(1)).lower()
        if doi_problem(doi) is None:
            out.append(doi)
    return out


def _vendor_pmid(value: str) -> str | None:
    """A PMID in a vendor tag: a PubMed URL, or ``PUBMED 21314913`` / ``PMID: 21314913`` as an item of a
    comma- or semicolon-separated list (Cochrane's ``C3  - PUBMED 38407106,EMBASE 643589775``)."""
    low = value.lower()
    if "pubmed" not in low and "pmid" not in low and "europepmc" not in low:
        return None  # fast path: most extras name no PubMed id (a PubMed URL names one of these words too)
    value = value.strip()
    if _is_url(value):
        return _pmid_from_url(value)
    if not _PUBMED_WORD.search(value):
        return None
    for item in re.split(r"[,;]", value):
        m = _PMID_LABEL.fullmatch(item.strip())
        if m is not None:
            return m.group(1)
    return None


def _clean_or_find(rec: Record, var: str, clean: Callable[[str], str | None], found: bool,
                   candidates: Callable[[], Iterator[str | None]]) -> None:
    """A present value cleaned (kept as written when it cannot be); a missing one taken from the first
    candidate that gives one (URLs, vendor tags, notes, in the caller's order), when ``found`` says one may."""
    value = rec.fields.get(var)
    if isinstance(value, str):
        cleaned = clean(value)
        if cleaned is not None and cleaned != value:
            rec[var] = cleaned
    elif value is None and found:
        rec[var] = _first(candidates())


def _pmid_candidates(rec: Record, texts: _Texts) -> Iterator[str | None]:
    yield _first(_pmid_from_url(u) for u in _strings(rec.fields.get("URL")))
    yield _first(_vendor_pmid(v) for v in texts.extras_naming(*_PMID_WORDS))
    yield _only_one([m.group(1) for n in _strings(rec.fields.get("note")) for m in _PMID_LABEL.finditer(n)])
    if "pubmed" in str(rec.fields.get("source", "")).lower():  # the accession number of a PubMed record
        an = rec.fields.get("archive_location")
        yield an.strip() if isinstance(an, str) and an.strip().isdigit() else None


_PMCID_LABEL = lazy(r"(?<![A-Za-z])PMCID\s*(?:[:#]\s*)?(?:PMC)?(\d{1,9})(?!\d)", re.IGNORECASE)


def _pmcid_candidates(rec: Record, texts: _Texts) -> Iterator[str | None]:
    yield _first(_pmcid_from_url(u) for u in _strings(rec.fields.get("URL")))
    yield _first(_pmcid_from_url(v.strip()) for v in texts.extras_naming("pmc") if _is_url(v.strip()))
    yield _only_one([f"PMC{m.group(1)}" for n in _strings(rec.fields.get("note")) for m in _PMCID_LABEL.finditer(n)])


# A word each place a PMID is taken from names (a PubMed or Europe PMC URL, a vendor tag, a "PMID:" or "PubMed ID"
# label in a note, a PubMed source); and "pmc", the PMCID's (a PMC or Europe PMC URL, a "PMCID" label).
_PMID_WORDS = ("pubmed", "pmid", "europepmc")


def _normalize_pmid(rec: Record, texts: _Texts) -> None:
    _clean_or_find(rec, "PMID", clean_pmid, texts.name(*_PMID_WORDS), lambda: _pmid_candidates(rec, texts))


def _normalize_pmcid(rec: Record, texts: _Texts) -> None:
    _clean_or_find(rec, "PMCID", clean_pmcid, texts.name("pmc"), lambda: _pmcid_candidates(rec, texts))


def _normalize_issns(rec: Record) -> None:
    """Each ISSN as ``1234-567X``; repeats removed; the kind a source named (``(Print)``) kept in
    ``custom["issn-type"]`` and print put before electronic. A value with a wrong check digit, or that
    is no ISSN, stays as written; an ISBN in the ISSN list (RIS ``SN`` of a book) moves to ISBN."""
    value = rec.fields.get("ISSN")
    values = _strings(value)
    if not values:
        return
    known = rec.custom.get(ISSN_TYPE_KEY)
    kinds: dict[str, str] = {k: v for k, v in known.items() if k in _KIND_RANK} if isinstance(known, dict) else {}
    cleaned, named, isbns = _clean_issns(tuple(values))
    unique = list(cleaned)
    for kind, issn in named:
        kinds.setdefault(kind, issn)
    if "print" in kinds or "electronic" in kinds:
        rank = {v: min((_KIND_RANK[k] for k, i in kinds.items() if i == v), default=1) for v in unique}
        unique.sort(key=lambda v: rank[v])
    if unique != value:
        rec["ISSN"] = unique
    if kinds:
        rec.custom[ISSN_TYPE_KEY] = {k: kinds[k] for k in ("print", "electronic", "linking") if k in kinds}
    if isbns:
        rec["ISBN"] = _strings(rec.fields.get("ISBN")) + list(isbns)


@lru_cache(maxsize=4096)  # the same journals' ISSNs, record after record
def _clean_issns(values: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...], tuple[str, ...]]:
    """An ISSN list's entries cleaned: (ISSNs, and entries kept as written, once each; (kind, ISSN) of each ISSN
    whose entry names its kind; ISBNs found in the list)."""
    out: list[str] = []
    named: list[tuple[str, str]] = []
    isbns: list[str] = []
    for piece in _issn_pieces(values):
        issn = clean_issn(piece)
        if issn is None:
            isbn = clean_isbn(piece)
            if isbn is not None and isbn_ok(isbn) and not _ISBN_NOISE.sub("", _ISBN_TOKEN.sub("", piece)):
                isbns.append(isbn)
            else:
                out.append(piece)  # no ISSN: kept as written
            continue
        if not issn_ok(issn):
            out.append(piece)  # kept as written: check reports the check digit
            continue
        kind = issn_kind(piece)
        if kind is not None:
            named.append((kind, issn))
        out.append(issn)
    return tuple(dict.fromkeys(out)), tuple(named), tuple(isbns)


def _issn_pieces(values: Iterable[str]) -> Iterator[str]:
    """The entries of an ISSN list, split where one holds several (``1932-8494; 1932-8486``)."""
    for value in values:
        for piece in (p.strip() for p in re.split(r"[;,]", value)):
            words = piece.split()
            if len(words) > 1 and all(clean_issn(w) for w in words):
                yield from words
            elif piece:
                yield piece


def _normalize_isbns(rec: Record) -> None:
    """Each ISBN without its ``ISBN``/``(pbk.)`` decoration; repeats (same digits) removed. One with a
    wrong check digit, or that is no ISBN, stays as written."""
    values = _strings(rec.fields.get("ISBN"))
    if not values:
        return
    out: dict[str, str] = {}
    for value in values:
        for piece in (p.strip() for p in re.split(r"[;,]", value)):
            if not piece:
                continue
            isbn = clean_isbn(piece)
            if isbn is None or not isbn_ok(isbn):
                out.setdefault(piece, piece)
            else:
                out.setdefault(isbn.replace("-", ""), isbn)
    rec["ISBN"] = list(out.values())


def _url_key(url: str) -> str:
    """What two spellings of one URL share: no scheme (http = https), host lower-cased, no final ``/``."""
    rest = url.strip()
    colon = rest.find("://")
    if colon > 0 and rest[0].isascii() and rest[0].isalpha() and _SCHEME_CHARS.issuperset(rest[1:colon]):
        rest = rest[colon + 3 :]  # a scheme: a letter, then letters, digits, "+", "." or "-", before "://"
    host, slash, path = rest.partition("/")
    return (host.lower() + slash + path).rstrip("/")


_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")


def _normalize_urls(rec: Record) -> None:
    """URLs split where a source joined several with spaces, repeats removed (first spelling kept)."""
    values = _strings(rec.fields.get("URL"))
    if not values:
        return
    pieces: list[str] = []
    for value in values:
        parts = value.split()  # split() and strip() take off the same white space
        if len(parts) == 1:
            pieces.append(parts[0])
        else:
            pieces.extend(parts if len(parts) > 1 and all(_is_url(p) for p in parts) else [value.strip()])
    out: dict[str, str] = {}
    for url in pieces:
        if url:
            out.setdefault(_url_key(url), url)
    urls = list(out.values())
    if urls != rec.fields["URL"]:  # (a URL given as a string becomes a list)
        rec["URL"] = urls


def _drop_doi_url(rec: Record) -> None:
    """A ``doi.org`` link to the record's own DOI says nothing the DOI does not: removed."""
    doi = rec.fields.get("DOI")
    urls = _strings(rec.fields.get("URL"))
    if not isinstance(doi, str) or not urls:
        return
    rec["URL"] = [u for u in urls if not ("doi.org" in u.lower() and _host(u) in _DOI_HOSTS and doi_from_url(u) == doi)]


def _drop_doi_extras(rec: Record, texts: _Texts) -> None:
    """A vendor tag holding nothing but the record's own DOI (RIS ``U2  - 10.1172/...`` beside ``DO``) repeats it:
    removed (the record as read keeps it: ``normalize(r).original``)."""
    doi = rec.fields.get("DOI")
    if isinstance(doi, str) and rec.extra and doi_problem(doi) is None:
        # a value that gives the DOI holds its registrant's digits as written (only "/" and a few marks are ever
        # escaped in a DOI's URL, never a digit): only such values are parsed
        registrant = doi[3:].partition("/")[0].partition(".")[0]
        if registrant not in texts.extras_low:
            return  # one test of the extras joined, not one a value
        kept = [e for e in rec.extra if not (isinstance(e.value, str) and registrant in e.value
                                             and _single_token_doi(e.value) == doi)]  # fmt: skip
        if len(kept) != len(rec.extra):
            rec.extra = kept


def _host(url: str) -> str | None:
    try:
        return urlsplit(url.strip()).hostname
    except ValueError:  # a malformed URL (bad IPv6 brackets): no host
        return None


def _collect_trials(rec: Record, texts: _Texts) -> None:
    """Registration numbers from the abstract, notes, keywords, title and extras, after any the record
    already lists, into ``custom["trial-registrations"]``."""
    values = [text for key in ("abstract", "note", "keyword", "title") for text in _strings(rec.fields.get(key))]
    values += texts.extras
    found = find_trial_ids("\n".join(values))  # no number runs over a line break: one search for all of them
    existing = rec.custom.get(TRIALS_KEY)
    if not found and existing is None:
        return  # the common case: none found, none listed
    known = [str(x) for x in existing] if isinstance(existing, list) else []
    merged = list(dict.fromkeys(known + found))
    if merged and merged != existing:
        rec.custom[TRIALS_KEY] = merged
