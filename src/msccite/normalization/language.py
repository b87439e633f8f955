"""Language: an ISO 639-1 code (``English``, ``eng``, ``Inglés``, ``英文`` -> ``en``); see ``docs/normalization.md``.

A value that already is a language tag with a region or script (``en-US``, ``zh-Hans``) is kept,
its case tidied; a value naming several languages, or one not in the table, is left as it was.
"""

from __future__ import annotations

import re

from ..lazyre import lazy
from ..model import Record

__all__ = ["language_code", "normalize_language"]

# code: names in English and in the languages of the sources (own, native, Spanish, French, German, Chinese),
# ISO 639-2/B and /T codes
_NAMES: dict[str, str] = {
    "en": "english eng inglés ingles anglais englisch inglese inglês angol engelsk engels 英文 英语 英語 englanti",
    "es": "spanish spa español espanol castellano espagnol spanisch spagnolo espanhol 西班牙文 西班牙语",
    "fr": "french fre fra français francais francés frances französisch francese francês 法文 法语",
    "de": "german ger deu deutsch alemán aleman allemand tedesco alemão 德文 德语",
    "it": "italian ita italiano italien italienisch 意大利文 意大利语",
    "pt": "portuguese por português portugues portugués portugais portugiesisch portoghese 葡萄牙文 葡萄牙语",
    "zh": "chinese chi zho 中文 汉语 漢語 chino chinois chinesisch cinese 中文（简体） mandarin",
    "ja": "japanese jpn 日本語 日文 日语 japonés japonais japanisch giapponese",
    "ko": "korean kor 한국어 韩文 韩语 coreano coréen koreanisch",
    "ru": "russian rus русский ruso russe russisch russo 俄文 俄语",
    "nl": "dutch dut nld nederlands neerlandés holandés néerlandais niederländisch olandese",
    "sv": "swedish swe svenska sueco suédois schwedisch svedese",
    "da": "danish dan dansk danés danois dänisch danese",
    "no": "norwegian nor norsk noruego norvégien norwegisch norvegese",
    "fi": "finnish fin suomi finlandés finnois finnisch finlandese",
    "pl": "polish pol polski polaco polonais polnisch polacco",
    "cs": "czech cze ces čeština checo tchèque tschechisch ceco",
    "hu": "hungarian hun magyar húngaro hongrois ungarisch ungherese",
    "el": "greek gre ell ελληνικά griego grec griechisch greco",
    "tr": "turkish tur türkçe turco turc türkisch",
    "ar": "arabic ara العربية árabe arabe arabisch arabo",
    "he": "hebrew heb עברית hebreo hébreu hebräisch ebraico",
    "fa": "persian per fas فارسی persa persan persisch persiano farsi",
    "ca": "catalan cat català catalán catalan katalanisch catalano",
    "eu": "basque baq eus euskara vasco euskera basque baskisch basco",
    "gl": "galician glg galego gallego galicien",
    "ro": "romanian rum ron română rumano roumain rumänisch rumeno",
    "hr": "croatian hrv hrvatski croata croate kroatisch",
    "sr": "serbian srp српски serbio serbe serbisch",
    "sk": "slovak slo slk slovenčina eslovaco slovaque slowakisch",
    "sl": "slovenian slv slovenščina esloveno slovène slowenisch",
    "uk": "ukrainian ukr українська ucraniano ukrainien ukrainisch",
    "lt": "lithuanian lit lietuvių lituano lituanien litauisch",
    "bg": "bulgarian bul български búlgaro bulgare bulgarisch",
    "hi": "hindi hin हिन्दी",
    "th": "thai tha ไทย tailandés",
    "vi": "vietnamese vie tiếng việt vietnamita vietnamien",
    "id": "indonesian ind bahasa indonesia indonesio",
    "ms": "malay may msa bahasa melayu malayo",
    "la": "latin lat latina latín",
    "af": "afrikaans afr",
    "et": "estonian est eesti estonio",
    "lv": "latvian lav latviešu letón",
    "is": "icelandic ice isl íslenska islandés",
}
_TABLE = {name: code for code, names in _NAMES.items() for name in [code, *names.split()]}
_TABLE.update({"tiếng việt": "vi", "bahasa indonesia": "id", "bahasa melayu": "ms"})
_TAG = lazy(r"([a-z]{2,3})(?:[-_]([a-z]{4}|[a-z]{2}|\d{3}))?", re.IGNORECASE)


def language_code(text: str) -> str | None:
    """The ISO 639-1 code (or a tidied BCP 47 tag) for ``text``, or ``None`` when unknown."""
    key = " ".join(text.strip().strip(".").split()).casefold()
    if key in _TABLE:
        return _TABLE[key]
    m = _TAG.fullmatch(key)
    if m and m.group(2) and m.group(1).lower() in _TABLE:
        base = _TABLE[m.group(1).lower()]
        sub = m.group(2)
        return f"{base}-{sub.title() if len(sub) == 4 else sub.upper()}"
    return None


def normalize_language(rec: Record) -> None:
    value = rec.fields.get("language")
    if isinstance(value, str):
        code = language_code(value)
        if code and code != value:
            rec["language"] = code
