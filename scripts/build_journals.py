"""Build the bundled journal table, ``src/msccite/data/journals.tsv.gz``, and its index, from the reference lists.

    python scripts/build_journals.py [SOURCE_FOLDER] [-o OUTPUT]

SOURCE_FOLDER (default ``../shared/data/journals`` beside the repository) holds NLM's
``nlm/J_Medline.csv`` and JabRef's ``jabref/journal_abbreviations_*.csv`` (see
``docs/normalization/journals.md`` for origins and licences). The table has one journal a line,
tab-separated, sorted, in UTF-8, gzipped with a zero timestamp, so the same sources always give
the same bytes. Its index, ``journals.idx`` beside it (:mod:`msccite.journal_index`), is what lookups read.

NLM's titles are in sentence case (``Journal of clinical medicine``); they are put into title case
here, once, so that a lookup at run time does no text work. JabRef adds the title/abbreviation
pairs NLM does not know, marked ``jabref:<list>``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import re
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from msccite.journals import COLUMNS, INDEX, build_index, key, read_table

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "journals"
DEFAULT_OUTPUT = REPO / "src" / "msccite" / "data" / "journals.tsv.gz"

#: JabRef lists in order of preference for a title's casing: the first two are title-cased ISO 4
#: (dotted) lists, medicus is title-cased MEDLINE style, entrez copies NLM's sentence case.
JABREF_LISTS = ("lifescience", "general", "medicus", "entrez")

# -- title case ---------------------------------------------------------------------------------
#: Words that stay lower case inside a title (English, and the languages of MEDLINE's titles).
SMALL_WORDS = frozenset("""
    a an and as at but by for from in into nor of on or per the to upon via vs with
    de del della delle dei degli dello di da das do dos des du la las le les los lo el il al au aux
    en et y e i o u sur pour par dans avec ed nel nella con
    und fur für der die dem den im zur zum vom von aus uber über mit bei am auf zu
    van voor het tot og och av pa på na no nos nas em
    si și ve es és v w za pri ob po imeni
""".split())  # fmt: skip
#: Small words that NLM's few title-cased entries capitalize (``Bulletin Of The ...``) and that are
#: lowered again. Only words that cannot be anything else: not articles that begin place names
#: (La Plata, Los Angeles), single letters (Series A, Part I), nor abbreviations (Pa., Mit).
_LOWER_AGAIN = frozenset("""
    of the and for on in at by with from to into de del da do dos das des du der den dem und fur für
    et di della delle degli dei si ve es za zu auf aus im y
""".split())  # fmt: skip
_ELISION = re.compile(r"^(d|l|dell|all|nell|sull|dall|un)['’](?=\w)", re.IGNORECASE)
_WORD = re.compile(r"[\w'’]+")
_STARTS_PART = re.compile(r"(^|[.:;=/(\[\]]|\s-)\s*[\"'(\[]*$")  # what may precede the first word of a part
_PINYIN = re.compile(r"\b(xue bao|za zhi|zhonghua|zhongguo)\b", re.IGNORECASE)


def _evidence(abbrevs: Iterable[str], titles: Iterable[str]) -> dict[str, str]:
    """Casing that texts about the same journal show for a word: ``JCI``, ``PLoS``, ``AACN``.

    An abbreviation in capitals is a run of acronyms (``SCHA J``); a title in capitals says nothing.
    """
    found: dict[str, str] = {}
    for text in (*abbrevs, *(t for t in titles if any(c.islower() for c in t))):
        for w in _WORD.findall(text):
            if len(w) > 1 and any(c.isupper() for c in w[1:]) and w.lower() not in SMALL_WORDS:
                found.setdefault(w.lower(), w)
    return found


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _case_word(word: str, first: bool, last: bool, evidence: dict[str, str], small: frozenset[str]) -> str:
    lower = word.lower()
    shown = evidence.get(lower, "")
    more_capitals = sum(c.isupper() for c in shown) > sum(c.isupper() for c in word)
    if more_capitals and not (shown.isupper() and any(c.isupper() for c in word[1:])):
        return shown  # PloS -> PLoS; but HRMagazine stays, though its abbreviation is HRMAGAZINE
    if not word[:1].isalpha():
        return word  # 8th, 3D
    if any(c.isupper() for c in word):
        if not first and word == _cap(lower) and lower in _LOWER_AGAIN and lower in small:
            return lower  # "Bulletin Of The ..."
        return word  # a proper noun or an acronym the source capitalized: keep it
    m = _ELISION.match(word)
    if m:  # d'endocrinologie -> d'Endocrinologie
        head = word[: m.end()]
        return (_cap(head) if first else head) + _cap(word[m.end() :])
    if first or last or word not in small:
        return _cap(word)
    return word


def title_case(title: str, abbrevs: Iterable[str] = (), titles: Iterable[str] = ()) -> str:
    """A sentence-case title in title case: ``Journal of clinical medicine`` -> ``Journal of Clinical Medicine``.

    Small words (``of``, ``and``, ``de``, ``für`` ...) stay lower case except at the start of the
    title or of one of its parts (after ``.``, ``:``, ``;``, ``=``, ``(``, `` - ``) and at its end;
    words the source already capitalized are kept (``JCI``, ``mBio``, ``eLife``, ``Los Angeles``).
    ``abbrevs`` and ``titles`` are other texts about the same journal (its abbreviations, title-cased
    titles from JabRef): where one shows more capitals in a word the source wrote plain, its casing
    wins (``Focus On Aacn`` with ``Focus AACN``; ``Omics : a journal ...`` with ``OMICS``).
    Romanized Chinese parts (``Zhonghua yi xue za zhi``) have no small words.
    """
    ev = _evidence(abbrevs, titles)
    words = list(_WORD.finditer(title))
    out: list[str] = []
    pos = 0
    for n, m in enumerate(words):
        following = title[m.end() : words[n + 1].start() if n + 1 < len(words) else len(title)].strip()
        first = bool(_STARTS_PART.search(title, 0, m.start()))
        last = n + 1 == len(words) or following.startswith((")", ".)"))  # "(Clinical Research Ed.)"
        out.append(title[pos : m.start()])
        out.append(_case_word(m.group(), first, last, ev, _small_words_at(title, m.start())))
        pos = m.end()
    out.append(title[pos:])
    return "".join(out)


def _small_words_at(title: str, pos: int) -> frozenset[str]:
    """The small words of the parallel title (``... = ...``) around ``pos``: none in romanized Chinese."""
    start = title.rfind(" = ", 0, pos) + 1
    end = title.find(" = ", pos)
    return frozenset() if _PINYIN.search(title[start : end if end >= 0 else len(title)]) else SMALL_WORDS


# -- reading the sources ----------------------------------------------------------------------
def _clean(text: str) -> str:
    return " ".join(text.split())


def read_nlm(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            yield {k: _clean(v or "") for k, v in row.items()}


def read_jabref(path: Path) -> Iterator[tuple[str, str]]:
    """(full title, abbreviation) pairs of one headerless JabRef list."""
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            if len(row) >= 2 and _clean(row[0]) and _clean(row[1]):
                yield _clean(row[0]), _clean(row[1])


def undotted(abbrev: str) -> str:
    """ISO 4 with dots to MEDLINE style: ``J. Clin. Med. Res.`` -> ``J Clin Med Res``, ``N.Y.`` -> ``N Y``.

    A dot inside an abbreviated compound goes without a space: ``Nat.wiss.`` -> ``Natwiss``.
    """
    spaced = re.sub(r"\.(?=[^\W\d_])", lambda m: "" if abbrev[m.end()].islower() else " ", abbrev)
    return " ".join(spaced.replace(".", "").split())


# -- other names of a title ----------------------------------------------------------------------
_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")  # NLM's place qualifier: "Lancet (London, England)"
_PARALLEL = re.compile(r"\s+=\s+")  # parallel titles: "Zhongguo Yao Li Xue Bao = Acta Pharmacologica Sinica"
_BRACKETED = re.compile(r"\s*\[[^\[\]]*\]\s*")
_SUBTITLE = re.compile(r"\s+[:/]\s+.*$")  # "FASEB Journal : Official Publication of ..."


def title_variants(title: str) -> list[str]:
    """Shorter names a title is also cited by: without NLM's qualifier or subtitle, each parallel title.

    ``Lancet (London, England)`` -> ``Lancet``; ``Arerugi = [Allergy]`` -> ``Arerugi``;
    ``FASEB Journal : Official Publication of ...`` -> ``FASEB Journal``. Only names with another
    key than the title's are kept (the table's ``also`` column).
    """
    out: list[str] = []
    seen = {key(title)}
    for part in _PARALLEL.split(title):
        part = _BRACKETED.sub(" ", part).strip()
        short = _SUBTITLE.sub("", part)
        for variant in (part, _QUALIFIER.sub("", part), short, _QUALIFIER.sub("", short)):
            k = key(variant)
            if k and k not in seen:
                seen.add(k)
                out.append(variant.strip(" /:;,."))
    return out


# -- the table ----------------------------------------------------------------------------------
Row = tuple[str, str, str, str, str, str, str, str]


def build_rows(source: Path) -> list[Row]:
    """The table's rows, sorted by title.

    NLM's journals first get their title case and other names (NLM's qualifier and subtitle
    dropped; JabRef's titles whose abbreviation is the journal's). JabRef's pairs for journals NLM
    does not have become rows of their own, marked with their list.
    """
    jabref = {name: list(read_jabref(source / "jabref" / f"journal_abbreviations_{name}.csv")) for name in JABREF_LISTS}
    cased: dict[str, list[str]] = {}  # title key -> title-cased titles JabRef has for it
    for name in JABREF_LISTS[:3]:
        for full, _ in jabref[name]:
            cased.setdefault(key(full), []).append(full)

    rows: list[Row] = []
    also: list[list[str]] = []  # per NLM row: the other names its title is cited by
    known: set[str] = set()  # keys NLM answers for: titles, their variants, abbreviations
    by_abbrev: dict[str, list[int]] = {}  # NLM abbreviation key -> NLM rows
    for r in read_nlm(source / "nlm" / "J_Medline.csv"):
        title, abbrev = r["JournalTitle"], r["MedAbbr"]
        iso = r["IsoAbbr"] if r["IsoAbbr"] != abbrev else ""
        evidence = {"abbrevs": [abbrev, iso], "titles": cased.get(key(title), [])}
        by_abbrev.setdefault(key(abbrev), []).append(len(rows))
        also.append([title_case(v, **evidence) for v in title_variants(title)])
        issns = r["ISSN (Print)"], r["ISSN (Online)"]
        rows.append((title_case(title, **evidence), abbrev, iso, *issns, r["NlmId"], "nlm", ""))
        known.update(key(t) for t in (title, *also[-1], abbrev, iso) if t)

    added: dict[str, dict[str, str]] = {}  # title key -> the pair NLM lacks, merged over the lists
    for name in JABREF_LISTS:
        for full, abbrevs in jabref[name]:
            k = key(full)
            if not k or k in known:
                continue
            *alternatives, abbrev = abbrevs.split("|")  # entrez: "Nihon chikusan Gakkaiho|Anim. Sci. J."
            same = by_abbrev.get(key(abbrev), [])
            if len(same) == 1:  # another form of the title of the one NLM journal with this abbreviation
                also[same[0]].append(title_case(full, [abbrev]))
                known.add(k)
                continue
            entry = added.setdefault(k, {"title": full, "abbrev": "", "iso": "", "list": name, "also": ""})
            entry["also"] = entry["also"] or "|".join(title_case(a.strip()) for a in alternatives if a.strip())
            if "." in abbrev:  # ISO 4 with dots: MEDLINE style is the same without them
                entry["iso"] = entry["iso"] or abbrev
                entry["abbrev"] = entry["abbrev"] or undotted(abbrev)
            elif not entry["abbrev"] or entry["abbrev"] == undotted(entry["iso"]):
                entry["abbrev"] = abbrev
    rows = [(*row[:7], "|".join(names)) for row, names in zip(rows, also, strict=True)]
    for e in added.values():
        iso = e["iso"] if e["iso"] != e["abbrev"] else ""
        title = title_case(e["title"], [e["abbrev"], iso])
        rows.append((title, e["abbrev"], iso, "", "", "", f"jabref:{e['list']}", e["also"]))
    rows.sort(key=lambda row: (key(row[0]), row))
    return rows


def render(rows: Iterable[Row]) -> bytes:
    """The gzipped table: a header line naming the columns, then one row a line."""
    lines = ["#" + "\t".join(COLUMNS)]
    lines += ["\t".join(v.replace("\t", " ") for v in row) for row in rows]
    text = "\n".join(lines) + "\n"
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE, help="folder with nlm/ and jabref/")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    rows = build_rows(args.source)
    data = render(rows)
    args.output.write_bytes(data)
    index = build_index(read_table(data))
    index_path = args.output.with_name(Path(INDEX).name)
    index_path.write_bytes(index)
    nlm = sum(1 for r in rows if r[6] == "nlm")
    print(f"{args.output}: {len(rows)} journals ({nlm} NLM, {len(rows) - nlm} JabRef), {len(data):,} bytes; "
          f"{index_path.name}: {len(index):,} bytes; {time.perf_counter() - start:.2f} s", file=sys.stderr)  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
