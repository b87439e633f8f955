"""LaTeX in BibTeX values to Unicode and back (``docs/formats/bibtex.md``, section "LaTeX").

:func:`decode` turns what BibTeX files hold (``M{\\"u}ller``, ``{\\'\\i}``, ``\\ss``, ``--``, ``\\&``,
``~``, ``\\textit{...}``) into the text the model keeps (``Müller``, ``í``, ``ß``, ``–``, ``&``, a
no-break space, ``<i>...</i>`` as CSL-JSON marks italics). Grouping braces go. Math (``$...$``)
becomes Unicode (``$\\alpha$`` -> ``α``, ``H$_2$O`` -> ``H₂O``), else rich text (``$x^{abc}$`` ->
``x<sup>abc</sup>``); math with anything it does not understand (``\\frac``), and commands it does
not know, are kept as they are.

:func:`encode` is its inverse for any text: ``decode(encode(s)) == s`` (a tested property). It
escapes what breaks BibTeX or LaTeX (``& % $ # _ { } ~ ^ \\``), writes dashes as ``--``/``---``
and, with ``ascii=True``, accented letters as ``{\\"u}``. :func:`protect` adds the braces that
keep a title word's capitals (``{MSC}``, ``{mRNA}``) when a style changes the case of titles.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from .lazyre import compile_cached, lazy

__all__ = ["decode", "encode", "protect", "protected", "balanced", "ACCENTS", "NOCASE_OPEN", "NOCASE_CLOSE"]

#: Accent commands -> combining character.
ACCENTS: dict[str, str] = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
    "r": "\u030a", "d": "\u0323", "b": "\u0331", "t": "\u0361",
}  # fmt: skip
_COMBINING = {v: k for k, v in ACCENTS.items()}

#: Commands without argument -> text.
SYMBOLS: dict[str, str] = {
    "ss": "ß", "SS": "ẞ", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ",
    "OE": "Œ", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ",
    "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ", "S": "§", "P": "¶", "copyright": "©",
    "textcopyright": "©", "textregistered": "®", "texttrademark": "™", "textdegree": "°",
    "textendash": "–", "textemdash": "—", "textquoteleft": "‘", "textquoteright": "’",
    "textquotedblleft": "“", "textquotedblright": "”", "ldots": "…", "dots": "…", "textellipsis": "…",
    "textbackslash": "\\", "textbraceleft": "{", "textbraceright": "}", "textasciitilde": "~",
    "textasciicircum": "^", "textunderscore": "_", "textbar": "|", "textless": "<", "textgreater": ">",
    "textmu": "µ", "textpm": "±", "pounds": "£", "textsterling": "£", "euro": "€", "texteuro": "€",
    "textperiodcentered": "·", "textbullet": "•", "textdagger": "†", "textdaggerdbl": "‡",
    "textsection": "§", "textparagraph": "¶", "guillemotleft": "«", "guillemotright": "»",
    "textexclamdown": "¡", "textquestiondown": "¿", "texttimes": "×", "textdiv": "÷",
    "textonehalf": "½", "textonequarter": "¼", "textthreequarters": "¾", "textperthousand": "‰",
    "textalpha": "α", "textbeta": "β", "textgamma": "γ", "textdelta": "δ", "textepsilon": "ε",
    "textkappa": "κ", "textlambda": "λ", "textpi": "π", "textsigma": "σ", "texttau": "τ",
    "textomega": "ω", "textDelta": "Δ", "textOmega": "Ω", "textGamma": "Γ", "textSigma": "Σ",
    "textasciigrave": "`", "textquotesingle": "'", "textquotedbl": '"', "textdollar": "$",
    "textnbsp": "\u00a0", "nobreakspace": "\u00a0", "textthinspace": "\u2009", "textnumero": "№",
    "textasteriskcentered": "*", "textvisiblespace": "␣",
}  # fmt: skip
_SYMBOL_OF = {
    v: k
    for k, v in SYMBOLS.items()
    if k not in ("dots", "copyright", "textsterling", "euro", "textsection", "textparagraph", "nobreakspace")
}
#: Commands with one argument -> the CSL-JSON rich-text tags around it ("" = no mark).
MARKUP: dict[str, str] = {
    "emph": "i", "textit": "i", "textsl": "i", "textbf": "b", "textsc": "sc", "textsuperscript": "sup",
    "textsubscript": "sub", "textup": "", "textrm": "", "textnormal": "", "textsf": "", "texttt": "",
    "mbox": "", "text": "", "textmd": "", "url": "", "NoCaseChange": "",
}  # fmt: skip
#: Declarations inside a group: ``{\em x}``.
DECLARATIONS = {"em": "i", "it": "i", "itshape": "i", "sl": "i", "bf": "b", "bfseries": "b", "sc": "sc",
                "scshape": "sc", "rm": "", "normalfont": "", "upshape": "", "sf": "", "tt": ""}  # fmt: skip
_OPEN = {"i": "<i>", "b": "<b>", "sup": "<sup>", "sub": "<sub>", "sc": '<span style="font-variant:small-caps;">'}
_CLOSE = {"i": "</i>", "b": "</b>", "sup": "</sup>", "sub": "</sub>", "sc": "</span>"}
_MARK_COMMAND = {"i": "textit", "b": "textbf", "sup": "textsuperscript", "sub": "textsubscript", "sc": "textsc"}
#: Math-mode commands -> Unicode. ``\\epsilon``/``\\phi`` and their ``var`` forms are one letter each, as in
#: Greek text; Unicode has ϑ ϖ ϱ ς of their own.
MATH_SYMBOLS: dict[str, str] = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
    "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ",
    "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ",
    "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ",
    "Omega": "Ω", "pm": "±", "mp": "∓", "times": "×", "div": "÷", "cdot": "·", "leq": "≤", "le": "≤", "geq": "≥",
    "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "sim": "∼", "propto": "∝", "ll": "≪", "gg": "≫", "infty": "∞",
    "circ": "∘", "degree": "°", "prime": "′", "rightarrow": "→", "to": "→", "leftarrow": "←", "leftrightarrow": "↔",
    "uparrow": "↑", "downarrow": "↓", "ell": "ℓ", "partial": "∂",
}  # fmt: skip
#: Math-mode commands with one argument -> the mark around it (the argument stays math: spaces dropped).
MATH_MARKUP: dict[str, str] = {"mathrm": "", "mathit": "i", "mathbf": "b", "mathsf": "", "mathtt": "", "mathnormal": ""}
#: What ``^`` and ``_`` turn into Unicode when every character of their argument has a form here (the
#: "Superscripts and Subscripts" block; its few letters only: ``x^{abc}`` -> ``x<sup>abc</sup>``).
SUPERSCRIPTS = dict(zip("0123456789+-=()in∘′", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁱⁿ°′", strict=True))  # ^\circ is a degree sign
SUBSCRIPTS = dict(zip("0123456789+-=()aehklmnopstx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕₖₗₘₙₒₚₛₜₓ", strict=True))
_MATH_ESCAPED = {"&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", ",": "\u2009", " ": " ",
                 ";": " ", ":": " ", "!": ""}  # fmt: skip
_MATH_CHARS = {"'": "′", "~": "\u00a0"}
_ESCAPED = {"&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", " ": " ", "-": "",
            ",": "\u2009", "\\": "\n", "/": "", "@": ""}  # fmt: skip

_SPECIAL = compile_cached(r"[\\{}$~]")  # with "--": what decode() acts on (a single hyphen decodes to itself)
_TOKEN = compile_cached(r"\\([A-Za-z]+)\s*|\\(.)|(---?)|([{}$~])|([^\\{}$~-]+|-|\\\Z)", re.S)  # \Z: a lone "\" at the end


def decode(text: str, *, nocase: bool = False) -> str:
    """LaTeX to Unicode (see the module docs); text without any LaTeX comes back unchanged.

    ``nocase=True`` (titles): a group that protects case (``{MSC}``, ``{Phase III}``, ``{T}he``) becomes
    ``<span class="nocase">...</span>``, as Zotero, pandoc and citeproc mark it: the record keeps the
    protection its source had, no more (a group without letters, ``{2}``, protects nothing and goes; nor
    does one with ``<`` or ``>``, which a span cannot hold).
    """
    if "--" not in text and _SPECIAL.search(text) is None:  # one character class: a fast scan
        return text
    if _too_deep(text):  # hostile input, not LaTeX anyone writes: kept as written, never a RecursionError
        return text
    if nocase and "{" in text:
        text = text.replace(_GROUP_OPEN, "").replace(_GROUP_CLOSE, "")
        out, _ = _decode(text, 0, False, True)
        return _nocase_spans("".join(out))
    out, _ = _decode(text, 0, False)
    return "".join(out)


NOCASE_OPEN, NOCASE_CLOSE = '<span class="nocase">', "</span>"
_GROUP_OPEN, _GROUP_CLOSE = "\x0e", "\x0f"  # where a top-level group starts and ends, while decoding a title
#: One marked group. Marks never nest (only top-level groups are marked) and always come in pairs.
_GROUP = compile_cached("\x0e([^\x0e\x0f]*)\x0f")


def _nocase_spans(text: str) -> str:
    """The groups :func:`_decode` marked, as nocase spans or plain text (see :func:`decode`).

    All groups in one pass (one substitution a pass was quadratic in the number of groups, issue 30.9); what
    a group becomes depends on its own text only, so the order does not matter."""

    def span(m: re.Match[str]) -> str:
        inner = m.group(1)
        if not any(c.isalpha() for c in inner) or "<" in inner or ">" in inner:  # (a span could not hold it)
            return inner
        return NOCASE_OPEN + inner + NOCASE_CLOSE

    return _GROUP.sub(span, text)


def protected(word: str, first: bool = False) -> bool:
    """Whether :func:`protect` braces this word of a title (``first``: the title's first word): a capital after
    its first letter (``MSC``, ``mRNA``, ``iPSCs``), or a lone capital letter after the first word (``phase I``,
    ``vitamin D``, ``type B``), punctuation around it set aside."""
    core = word.strip(".,:;!?()[]'\"")
    if len(core) == 1:
        return not first and core.isupper()
    rest = core[1:]
    return not rest.islower() and any(c.isupper() for c in rest)  # islower(): a cased letter and no capital


_MAX_DEPTH = 100
_GROUPING = compile_cached(r"\\.|[{}]", re.S)


def _too_deep(text: str) -> bool:
    """Whether braces nest deeper than :data:`_MAX_DEPTH` (one linear scan; escaped braces do not count, nor
    does a ``}`` with no group open: :func:`_decode` keeps it as text, and it closes nothing after it)."""
    if text.count("{") <= _MAX_DEPTH:
        return False
    depth = 0
    for m in _GROUPING.finditer(text):
        tok = m.group(0)
        if tok == "{":
            depth += 1
            if depth > _MAX_DEPTH:
                return True
        elif tok == "}" and depth:
            depth -= 1
    return False


def _decode(text: str, pos: int, in_group: bool, mark_groups: bool = False) -> tuple[list[str], int]:
    """Decode from ``pos`` to the end or to the ``}`` closing the current group; returns (pieces, end).
    ``mark_groups``: top-level groups are put between ``_GROUP_OPEN`` and ``_GROUP_CLOSE``."""
    out: list[str] = []
    n = len(text)
    closing: list[str] = []  # the closing tags of the declarations met in this group, innermost last
    while pos < n:
        m = _TOKEN.match(text, pos)
        assert m is not None  # the pattern matches any character
        word, symbol, dashes, single, plain = m.groups()
        pos = m.end()
        if plain is not None:
            out.append(plain)
        elif dashes is not None:
            out.append("–" if dashes == "--" else "—")
        elif single == "{":
            special = text.startswith("\\", pos)  # {\'E}: how BibTeX writes an accent, not a case protection
            inner, pos = _decode(text, pos, True)
            if mark_groups and not special:
                out.append(_GROUP_OPEN)
                out.extend(inner)
                out.append(_GROUP_CLOSE)
            else:
                out.extend(inner)
        elif single == "}":
            if in_group:
                out.extend(reversed(closing))
                return out, pos
            out.append("}")  # unbalanced: kept as text
        elif single == "~":
            out.append("\u00a0")
        elif single == "$":
            end = _math_end(text, pos)
            if end < 0:
                out.append("$")
            else:
                math = _math(text[pos:end])
                out.append(text[pos - 1 : end + 1] if math is None else math)
                pos = end + 1
        elif symbol is not None:
            if symbol in ACCENTS:
                base, pos = _argument(text, pos)
                out.append(_accent(base, symbol))
            else:
                out.append(_ESCAPED.get(symbol, "\\" + symbol))
        else:
            pos = _command(word, m, text, pos, out, in_group)
            if word in DECLARATIONS and in_group and DECLARATIONS[word]:
                mark = DECLARATIONS[word]
                out.append(_OPEN[mark])
                closing.append(_CLOSE[mark])
    if in_group:
        out.extend(reversed(closing))
    return out, pos


def _command(word: str, m: re.Match[str], text: str, pos: int, out: list[str], in_group: bool) -> int:
    if word in SYMBOLS:
        if text.startswith("{}", pos):
            pos += 2
        out.append(SYMBOLS[word])
    elif word in ACCENTS:
        base, pos = _argument(text, pos)
        out.append(_accent(base, word))
    elif word in MARKUP and text.startswith("{", pos):
        inner, pos = _decode(text, pos + 1, True)
        mark = MARKUP[word]
        out.append(_OPEN.get(mark, "") + "".join(inner) + _CLOSE.get(mark, ""))
    elif word in DECLARATIONS and in_group:
        pass  # the caller opens the mark
    else:  # unknown: keep the command and its braced arguments as written
        end = pos
        while text.startswith("{", end):
            close = _group_end(text, end)
            if close < 0:
                break
            end = close + 1
        out.append(text[m.start() : end] if end > pos else m.group(0))
        pos = end
    return pos


def _argument(text: str, pos: int) -> tuple[str, int]:
    """The argument of an accent: ``{x}``, ``{\\i}``, ``\\i`` or one character."""
    if text.startswith("{", pos):
        end = _group_end(text, pos)
        if end >= 0:
            return decode(text[pos + 1 : end]), end + 1
    m = _ARG_COMMAND.match(text, pos)
    if m and m.group(1) in SYMBOLS:
        return SYMBOLS[m.group(1)], m.end()
    if m is None and text.startswith("\\", pos) and pos + 1 < len(text):
        # an escape (\{, \&): one unit, as _decode and _too_deep read it (one character of it would leave the
        # rest read otherwise: \'\{ opened a group _too_deep did not count, a RecursionError when repeated)
        return decode(text[pos : pos + 2]), pos + 2
    if pos < len(text):
        return text[pos], pos + 1
    return "", pos


_ARG_COMMAND = compile_cached(r"\\([A-Za-z]+)\s*")


def _accent(base: str, command: str) -> str:
    if not base and not command.isalpha():
        return command  # \~{} is a tilde, \^{} a circumflex
    base = {"ı": "i", "ȷ": "j"}.get(base[:1], base[:1]) + base[1:] if base else "\u00a0"
    return unicodedata.normalize("NFC", base[0] + ACCENTS[command]) + base[1:]


def _group_end(text: str, pos: int) -> int:
    """Index of the ``}`` matching the ``{`` at ``pos``, or -1.

    Braces are read as :func:`_decode` and :func:`_too_deep` read them: a backslash and the character after it
    are one unit (``\\{`` is an escaped brace; ``\\\\}`` is a line break, then a closing brace), scanned from
    ``pos`` without copying the rest of the text. Issue 30.9: ``\\\\}`` was taken for an escaped brace, so that
    the group of every accent in ``\\'{\\\\}\\'{\\\\}...`` looked unclosed and was scanned to the end of the
    value (quadratic). Each group that is really left open adds to the depth :func:`_too_deep` measures the
    same way, so a value has at most :data:`_MAX_DEPTH` of them before it is kept as written."""
    depth = 0
    for m in _GROUPING.finditer(text, pos):
        tok = m.group(0)
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
            if depth == 0:
                return m.start()
    return -1


def _math_end(text: str, pos: int) -> int:
    """Index of the ``$`` closing math opened before ``pos`` on the same line, or -1."""
    i = pos
    while True:
        j = text.find("$", i)
        if j < 0 or text.find("\n", i, j) >= 0:  # [pos, i) has no line break: each character is looked at once
            return -1
        if j > pos and text[j - 1] == "\\":
            i = j + 1
            continue
        return j if j > pos and _is_math(text[pos:j]) else -1


def _is_math(inner: str) -> bool:
    """Keep ``$...$`` as math only when it looks like it (a command, ^ or _) and its braces balance."""
    return any(c in inner for c in "\\^_") and not inner.endswith("\\") and balanced(inner)


class _NotUnderstood(Exception):
    """Math with something :func:`_math` cannot turn into text."""


_MATH_TOKEN = compile_cached(r"\\([A-Za-z]+)|\\(.)|(.)", re.S)


def _math(inner: str) -> str | None:
    """The text of math (what is between the ``$``), or None when any of it is not understood."""
    if _too_deep(inner):
        return None
    try:
        return _math_list(inner, 0, False)[0]
    except _NotUnderstood:
        return None


def _math_list(text: str, pos: int, group: bool) -> tuple[str, int]:
    """Math from ``pos`` to the end or (``group``) to the ``}`` closing the group; returns (text, end)."""
    out: list[str] = []
    closing: list[str] = []  # the closing tags of the declarations met, innermost last
    while pos < len(text):
        m = _MATH_TOKEN.match(text, pos)
        assert m is not None  # the pattern matches any character
        word, char = m.group(1), m.group(3)
        if char is not None and char.isspace():  # TeX drops spaces in math
            pos = m.end()
        elif char == "}":
            if not group:
                raise _NotUnderstood
            return "".join(out) + "".join(reversed(closing)), m.end()
        elif word in DECLARATIONS:  # {\rm CO}_2: a mark to the end of the group (no recursion: \rm\rm\rm...)
            mark = DECLARATIONS[word]
            out.append(_OPEN.get(mark, ""))
            closing.append(_CLOSE.get(mark, ""))
            pos = m.end()
        elif char in ("^", "_"):
            arg, pos = _math_atom(text, _skip_spaces(text, m.end()))
            table = SUPERSCRIPTS if char == "^" else SUBSCRIPTS
            if all(c in table for c in arg):
                out.append("".join(table[c] for c in arg))
            else:
                tag = "sup" if char == "^" else "sub"
                out.append(_OPEN[tag] + arg + _CLOSE[tag])
        else:
            atom, pos = _math_atom(text, pos)
            out.append(atom)
    if group:
        raise _NotUnderstood
    return "".join(out) + "".join(reversed(closing)), pos


def _math_atom(text: str, pos: int) -> tuple[str, int]:
    """One character, command or group of math (what ``^`` takes) as text; returns (text, end)."""
    m = _MATH_TOKEN.match(text, pos)
    if m is None:  # x^ at the end
        raise _NotUnderstood
    word, symbol, char = m.groups()
    pos = m.end()
    if char == "{":
        return _math_list(text, pos, True)
    if char is not None:
        if char in "}^_&#%\\":
            raise _NotUnderstood
        return _MATH_CHARS.get(char, char), pos
    if symbol is not None:
        if symbol not in _MATH_ESCAPED:
            raise _NotUnderstood
        return _MATH_ESCAPED[symbol], pos
    if word in MATH_SYMBOLS:
        return MATH_SYMBOLS[word], pos
    pos = _skip_spaces(text, pos)
    if not text.startswith("{", pos) or (word not in MATH_MARKUP and word not in MARKUP):
        raise _NotUnderstood
    if word in MATH_MARKUP:
        inner, pos = _math_list(text, pos + 1, True)
        mark = MATH_MARKUP[word]
    else:  # \text{...}, \mbox{...}, \textrm{...}: text, spaces kept
        end = _group_end(text, pos)
        inner = decode(text[pos + 1 : end]) if end >= 0 else "\\"
        if "\\" in inner:  # an unknown command inside, or no closing brace
            raise _NotUnderstood
        mark, pos = MARKUP[word], end + 1
    return _OPEN.get(mark, "") + inner + _CLOSE.get(mark, ""), pos


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def balanced(s: str) -> bool:
    """Whether the braces of ``s`` balance (never closing more than are open)."""
    depth = 0
    for ch in s:
        depth += (ch == "{") - (ch == "}")
        if depth < 0:
            return False
    return depth == 0


# -- encoding -------------------------------------------------------------------------------------
_MATH = compile_cached(r"\$([^$\n]+)\$")
_MARKED = compile_cached(r"<(i|b|sup|sub)>([^<>]*)</\1>|<span style=\"font-variant:small-caps;\">([^<>]*)</span>"
                     r"|<span class=\"nocase\">([^<>]*)</span>")
_ESCAPE = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\textbraceleft{}",
           "}": r"\textbraceright{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
           "\\": r"\textbackslash{}", "\u00a0": "~"}  # fmt: skip
_SUPERSCRIPT_OF = {v: k for k, v in SUPERSCRIPTS.items() if k.isascii()}  # with ascii=True: x² -> x$^{2}$
_SUBSCRIPT_OF = {v: k for k, v in SUBSCRIPTS.items()}
_MATH_OF = {v: "\\" + k for k, v in reversed(MATH_SYMBOLS.items())}  # θ -> $\theta$ (the first command wins)
_ENCODE = lazy(
    r"[&%$#_{}~^\\\u00a0]|[-–—]+|[" + "".join(_SUPERSCRIPT_OF) + "]+|[" + "".join(_SUBSCRIPT_OF) + r"]+|[^\x00-\x7f]"
)
_DASH = {"-": "-", "–": "--", "—": "---"}
# What makes encode() change a text (a lone hyphen stays itself; with ascii=True, any non-ASCII character too):
# text without it is returned as is.
_MUST_ESCAPE = compile_cached(r"[&%$#_{}~^\\\u00a0–—]")  # and "--"; one class each, which re scans fast
_MUST_ESCAPE_ASCII = compile_cached(r"[&%$#_{}~^\\]")  # with ascii=True, and any character not ASCII (a class of
# every code point above 127 cost 9 ms to compile, at every start)


def encode(text: str, *, ascii: bool = False) -> str:
    """Unicode to LaTeX that :func:`decode` turns back into exactly ``text``."""
    if "<" not in text and "--" not in text and (
        _MUST_ESCAPE.search(text) is None if not ascii else text.isascii() and _MUST_ESCAPE_ASCII.search(text) is None
    ):
        return text  # the common case (plain words, single hyphens): nothing to escape, no marks
    pieces: list[str] = []
    pos = 0
    marks: list[tuple[int, int]] | None = None  # the spans of the marks, found once (with the first math kept)
    for m in _MATH.finditer(text):  # math that decode() keeps as written stays; other $...$ is escaped
        if _is_math(m.group(1)) and _math(m.group(1)) is None and not (ascii and not m.group(0).isascii()):
            if marks is None:
                marks = [k.span() for k in _MARKED.finditer(text)]
            if _math_inside_marks(marks, m):
                continue
            pieces.append(_encode_marked(text[pos : m.start()], ascii))
            pieces.append(m.group(0))
            pos = m.end()
    pieces.append(_encode_marked(text[pos:], ascii))
    return "".join(pieces)


def _math_inside_marks(marks: list[tuple[int, int]], m: re.Match[str]) -> bool:
    """Whether math starts inside one of the marks (their spans, in order and apart): a search, not a scan of
    the text for each math (that was quadratic in the number of them, issue 30.9)."""
    i = bisect.bisect_left(marks, (m.start(),))  # the first mark that starts at or after the math
    return i > 0 and m.start() < marks[i - 1][1]


def _encode_marked(text: str, ascii: bool) -> str:
    if "<" not in text:
        return _encode_plain(text, ascii)
    out: list[str] = []
    pos = 0
    for m in _MARKED.finditer(text):
        out.append(_encode_plain(text[pos : m.start()], ascii))
        if m.group(4) is not None:  # nocase: the braces that protect case
            out.append("{" + _encode_plain(m.group(4), ascii) + "}")
        else:
            mark = m.group(1) or "sc"
            inner = m.group(2) if m.group(1) else m.group(3)
            out.append(f"\\{_MARK_COMMAND[mark]}{{{_encode_plain(inner, ascii)}}}")
        pos = m.end()
    out.append(_encode_plain(text[pos:], ascii))
    return "".join(out)


# Without ascii=True only escapes and runs of dashes change (a lone "-" stays itself): found without a call for
# every other non-ASCII character. One class first, then any dashes after it: the engine scans for a leading class
# four times faster than for alternatives (an abstract: 19 µs against 42).
_ENCODE_UNICODE = compile_cached(r"[&%$#_{}~^\\\u00a0\-–—][-–—]*")
# The same without the hyphen first: when no hyphen starts a run of dashes, a match that starts with one is a lone
# hyphen, which stays itself (abstracts have dozens: a call each)
_ENCODE_UNICODE_NO_HYPHEN = compile_cached(r"[&%$#_{}~^\\\u00a0–—][-–—]*")


def _encode_plain(text: str, ascii: bool) -> str:
    if ascii:
        return _ENCODE.sub(lambda m: _encode_char(m.group(0), True), text)
    if "--" in text or "-–" in text or "-—" in text:
        return _ENCODE_UNICODE.sub(_encode_unicode, text)
    return _ENCODE_UNICODE_NO_HYPHEN.sub(_encode_unicode, text)


def _encode_unicode(m: re.Match[str]) -> str:
    s = m.group(0)
    if s[0] in _DASH:
        return _encode_char(s, False)  # a run of dashes (a lone "-" is itself)
    return _ESCAPE[s[0]] + (_encode_char(s[1:], False) if len(s) > 1 else "")  # an escape, and the dashes after it


def _encode_char(s: str, ascii: bool) -> str:
    if s in _ESCAPE:
        return _ESCAPE[s]
    if s[0] in _DASH:
        if len(s) == 1:
            return _DASH[s]
        return "".join("{" + _DASH[c] + "}" for c in s)
    if not ascii:
        return s
    return _ascii_char(s)


def _ascii_char(ch: str) -> str:
    """One non-ASCII character (or a run of superscripts or subscripts) as LaTeX, or itself when LaTeX has no
    plain form for it."""
    if ch in _SYMBOL_OF:
        return "{\\" + _SYMBOL_OF[ch] + "}"
    if ch in _MATH_OF:
        return "$" + _MATH_OF[ch] + "$"
    if ch[0] in _SUPERSCRIPT_OF:
        return "$^{" + "".join(_SUPERSCRIPT_OF[c] for c in ch) + "}$"
    if ch[0] in _SUBSCRIPT_OF:
        return "$_{" + "".join(_SUBSCRIPT_OF[c] for c in ch) + "}$"
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[:1], decomposed[1:]
    if base.isascii() and marks and all(c in _COMBINING for c in marks):
        out = {"i": "\\i", "j": "\\j"}.get(base, base) if marks[0] in "\u0301\u0300\u0302\u0308\u0303\u0304\u0306" \
            else base  # fmt: skip
        for c in marks:
            cmd = _COMBINING[c]
            simple = len(out) == 1 or out in ("\\i", "\\j")
            out = f"\\{cmd}{out}" if simple and not cmd.isalpha() else f"\\{cmd}{{{out}}}"
        return "{" + out + "}"
    return ch


# -- case protection ------------------------------------------------------------------------------
_WORD = compile_cached(r"[^\s]+")


def protect(encoded: str) -> str:
    """Brace the words of an encoded title whose capitals must survive a style that lowercases titles.

    A word is protected when it has a capital letter after its first character (``MSC``,
    ``mRNA``, ``COVID-19``, ``iPSCs``) or is a lone capital after the first word (``phase {I}``,
    ``vitamin {D}``: a style would lowercase it); words with a command or math inside are left alone.
    """
    rest = encoded[1:]
    if rest.islower() or not any(map(str.isupper, rest)):
        return encoded  # no capital after the first letter: no word to protect (most titles)
    if encoded == encoded.upper() and " " in encoded.strip() and "\\" not in encoded and "$" not in encoded \
            and "{" not in encoded and "}" not in encoded:
        return "{" + encoded + "}"  # ALL CAPITALS: one group for the title, not a group a word
    if not encoded.isprintable():  # white space other than " " between words: found as such
        return _protect_words(encoded)
    words = encoded.split(" ")  # the common case: a split in C, a test a word
    grouped = "{" in encoded  # words inside a group are protected by it already (a nocase span of several words)
    depth = 0
    first = True  # the title's first word
    changed = False
    for i, word in enumerate(words):
        if not word:
            continue
        if not depth and not word[1:].islower():  # no capital after its first character: not protected (most words)
            braced = _protect_word(word, first)
            if braced is not word:
                words[i] = braced
                changed = True
        if grouped:
            depth = max(0, depth + _depth_change(word))
        first = False
    return " ".join(words) if changed else encoded


def _depth_change(word: str) -> int:
    """How many more groups are open after this word than before it (escaped braces do not count)."""
    opened = word.count("{")
    closed = word.count("}")
    if "\\" in word:
        opened -= word.count("\\{")
        closed -= word.count("\\}")
    return opened - closed


def _protect_words(encoded: str) -> str:
    lead = len(encoded) - len(encoded.lstrip())  # where the first word starts (found once, not for every word)
    out: list[str] = []
    pos = 0
    depth = 0
    for m in _WORD.finditer(encoded):
        word = m.group()
        inside = depth
        depth = max(0, depth + _depth_change(word))
        if inside or word[1:].islower():
            continue
        braced = _protect_word(word, m.start() == lead)
        if braced is not word:
            out += (encoded[pos : m.start()], braced)
            pos = m.end()
    if not out:
        return encoded
    out.append(encoded[pos:])
    return "".join(out)


def _protect_word(word: str, first: bool) -> str:
    if "\\" in word or "$" in word or "{" in word or "}" in word:
        return word
    core = word.strip(".,:;!?()[]'\"")
    if not core or not protected(core, first):
        return word
    start = word.index(core)
    return word[:start] + "{" + core + "}" + word[start + len(core) :]
