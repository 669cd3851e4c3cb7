# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Latin letters that English never writes, and the languages they point to.

``ș ț ă`` (and their cedilla forms ``ş ţ``) are Romanian, ``ő ű`` Hungarian,
``ł ż ś`` Polish, ``ß`` German, ``ñ`` Spanish: one ordinary (lower-case) word
holding such a letter decides a short text, and the frequency lexicon picks
the language when a letter belongs to several (``ą`` is Polish or Lithuanian).
Capitalised words are often names (``Łukasz``, ``Zürich``), so they decide only
when the text has no clearly English word. Other accented letters (``é á ó ü``)
belong to several languages and to English loans (``café``, ``naïve``): an
ordinary word holding one decides unless it is on the loan list, and the
lexicon, then a fixed preference order, names the language.
"""

from dataclasses import dataclass
from typing import Dict, FrozenSet, Iterable, List, Optional, Tuple

from checks.english.cache import Memo
from checks.english.lexicon import LANGUAGE_NAMES, load_lexicon
from checks.english.text import fold, fold_german

LETTER_LANGUAGES: Dict[str, FrozenSet[str]] = {
    "ă": frozenset({"ro"}),
    "ș": frozenset({"ro"}),
    "ț": frozenset({"ro"}),
    "ţ": frozenset({"ro"}),
    "ş": frozenset({"ro", "tr"}),
    "â": frozenset({"ro", "fr", "pt", "tr"}),
    "î": frozenset({"ro", "fr", "it"}),
    "ß": frozenset({"de"}),
    "ä": frozenset({"de", "sv", "fi", "sk"}),
    "ö": frozenset({"de", "sv", "fi", "hu", "tr", "nl"}),
    "ü": frozenset({"de", "hu", "tr", "es", "ca", "nl", "fr"}),
    "ñ": frozenset({"es"}),
    "ã": frozenset({"pt"}),
    "õ": frozenset({"pt"}),
    "ç": frozenset({"fr", "pt", "ca", "tr"}),
    "à": frozenset({"fr", "it", "pt", "ca"}),
    "è": frozenset({"fr", "it", "ca"}),
    "é": frozenset({"fr", "es", "it", "pt", "ca", "hu", "cs", "sk", "nl", "sv", "da", "nb"}),
    "ê": frozenset({"fr", "pt"}),
    "ë": frozenset({"fr", "nl"}),
    "ï": frozenset({"fr", "nl", "ca"}),
    "ô": frozenset({"fr", "pt", "sk"}),
    "û": frozenset({"fr"}),
    "ù": frozenset({"fr", "it"}),
    "ì": frozenset({"it"}),
    "ò": frozenset({"it", "ca"}),
    "á": frozenset({"es", "pt", "hu", "cs", "sk"}),
    "í": frozenset({"es", "pt", "it", "hu", "cs", "sk", "ca"}),
    "ó": frozenset({"es", "pt", "it", "hu", "pl", "cs", "sk", "ca"}),
    "ú": frozenset({"es", "pt", "it", "hu", "cs", "sk", "ca"}),
    "ő": frozenset({"hu"}),
    "ű": frozenset({"hu"}),
    "ą": frozenset({"pl", "lt"}),
    "ę": frozenset({"pl", "lt"}),
    "ł": frozenset({"pl"}),
    "ś": frozenset({"pl"}),
    "ź": frozenset({"pl"}),
    "ż": frozenset({"pl"}),
    "ć": frozenset({"pl", "sh"}),
    "ń": frozenset({"pl"}),
    "č": frozenset({"cs", "sk", "sl", "sh", "lt", "lv"}),
    "š": frozenset({"cs", "sk", "sl", "sh", "lt", "lv", "fi"}),
    "ž": frozenset({"cs", "sk", "sl", "sh", "lt", "lv", "fi"}),
    "ř": frozenset({"cs"}),
    "ě": frozenset({"cs"}),
    "ů": frozenset({"cs"}),
    "ý": frozenset({"cs", "sk"}),
    "ď": frozenset({"cs", "sk"}),
    "ť": frozenset({"cs", "sk"}),
    "ň": frozenset({"cs", "sk"}),
    "đ": frozenset({"sh"}),
    "å": frozenset({"sv", "da", "nb", "fi"}),
    "ø": frozenset({"da", "nb"}),
    "æ": frozenset({"da", "nb"}),
    "ğ": frozenset({"tr"}),
    "ė": frozenset({"lt"}),
    "į": frozenset({"lt"}),
    "ų": frozenset({"lt"}),
    "ū": frozenset({"lt", "lv"}),
    "ā": frozenset({"lv"}),
    "ē": frozenset({"lv"}),
    "ģ": frozenset({"lv"}),
    "ī": frozenset({"lv"}),
    "ķ": frozenset({"lv"}),
    "ļ": frozenset({"lv"}),
    "ņ": frozenset({"lv"}),
    "ı": frozenset({"tr"}),
}
NEVER_ENGLISH_LETTERS = frozenset("ăășțţşßñãõłśźżńąęőűřěůğıčďňšťžėįųūāēģīķļņ")


def letter_languages(word: str) -> Optional[FrozenSet[str]]:
    """Languages whose alphabet has every non-ASCII letter of the word; None for plain ASCII."""
    if word.isascii():
        return None
    allowed: Optional[FrozenSet[str]] = None
    for char in word.lower():
        if char.isascii():
            continue
        langs = LETTER_LANGUAGES.get(char)
        if langs is None:
            continue
        allowed = langs if allowed is None else allowed & langs
    return allowed



ROMANIAN_HATS = frozenset("âî")
ROMANIAN_ONLY = frozenset("șțţăâî")
PREFERENCE = ("ro", "hu", "pl", "de", "es", "cs", "sk", "pt", "tr", "fr", "it", "sv", "da", "nb", "fi", "nl", "lt", "lv")
LEXICON_FLOOR = 20
HAT_MARGIN = 5
MIN_WORD = 2
MAX_WORD = 40
UNKNOWN_ACCENTED_LETTERS = 5
ENGLISH_WORDS_PER_FOREIGN = 6

_DECISIVE = Memo(50000)


def _rank(lang: str) -> int:
    return PREFERENCE.index(lang) if lang in PREFERENCE else len(PREFERENCE)


def _lexicon_support(word: str, candidates: Iterable[str]) -> Dict[str, int]:
    lexicon = load_lexicon()
    folded = fold(word)
    german = fold_german(word)
    support: Dict[str, int] = {}
    for lang in candidates:
        table = lexicon.tables.get(lang, {})
        zipf = max(table.get(folded, 0), table.get(german, 0) if lang == "de" else 0)
        if zipf >= LEXICON_FLOOR:
            support[lang] = zipf
    return support


def _decide(lower: str, loans: FrozenSet[str]) -> str:
    if lower.isascii() or lower in loans or fold(lower) in loans:
        return ""
    never = any(char in NEVER_ENGLISH_LETTERS for char in lower)
    hats = any(char in ROMANIAN_HATS for char in lower)
    accents = any(char in LETTER_LANGUAGES and char not in ROMANIAN_HATS for char in lower)
    if not (never or hats or accents):
        return ""
    allowed = letter_languages(lower)
    if not allowed:
        return ""
    candidates = sorted(allowed, key=_rank)
    support = _lexicon_support(lower, candidates)
    if not never and not accents:
        others = max((zipf for lang, zipf in support.items() if lang != "ro"), default=0)
        return "ro" if support.get("ro", 0) >= others - HAT_MARGIN and "ro" in support else ""
    if support:
        return max(candidates, key=lambda lang: (support.get(lang, 0), -_rank(lang)))
    if never or len(lower) >= UNKNOWN_ACCENTED_LETTERS:
        return candidates[0]
    return ""


def decisive_language(word: str, loans: FrozenSet[str] = frozenset()) -> str:
    """The language a single word's letters decide, or ``""`` (see the module docstring)."""
    lower = word.lower()
    if not MIN_WORD <= len(lower) <= MAX_WORD:
        return ""
    known = _DECISIVE.get(lower)
    if known is None:
        known = _DECISIVE.put(lower, _decide(lower, loans))
    return known


@dataclass(frozen=True)
class LetterVerdict:
    """A text decided by letters English never writes."""

    language: str
    name: str
    words: Tuple[str, ...]


def judge_letters(
    words: Iterable[Tuple[str, bool]],
    english_common: int,
    loans: FrozenSet[str] = frozenset(),
    prose_like: bool = False,
) -> Optional[LetterVerdict]:
    """A verdict from ``(word, is_name)`` pairs when letters decide the language, else None.

    Ordinary words decide unless the text holds many clearly English words
    (``english_common``, six per foreign word); capitalised words decide only
    when no clearly English word is present, and words marked as names never,
    with one exception: a word with letters only Romanian writes (``ș ț ţ ă â
    î``; ``ş`` is Turkish too) in a text without English words that is one
    line or holds Romanian lower-case words (a title-case heading such as
    ``Limitări Identificate``, a table), since a list of names is several
    lines of capitalised words.
    Ties go to the language earlier in :data:`PREFERENCE`.
    """
    found: Dict[str, List[str]] = {}
    capitalised: Dict[str, List[str]] = {}
    for word, is_name in words:
        lang = decisive_language(word, loans)
        if not lang:
            continue
        if is_name and not (prose_like and english_common == 0 and lang == "ro" and ROMANIAN_ONLY.intersection(word.lower())):
            continue
        target = capitalised if word[0].isupper() else found
        bucket = target.setdefault(lang, [])
        if word not in bucket:
            bucket.append(word)
    if english_common == 0:
        for lang, extra in capitalised.items():
            bucket = found.setdefault(lang, [])
            bucket.extend(word for word in extra if word not in bucket)
    if not found:
        return None
    lang = max(sorted(found, key=_rank), key=lambda code: len(found[code]))
    count = len(found[lang])
    if count * ENGLISH_WORDS_PER_FOREIGN < english_common and count < 2:
        return None
    return LetterVerdict(lang, LANGUAGE_NAMES.get(lang, lang), tuple(found[lang]))
