# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Writing systems: which language a text's letters belong to before any word is looked up.

English is written in Latin letters only, so text whose letters are mostly Han,
Kana, Hangul, Cyrillic, Greek, Arabic, Hebrew, Devanagari, Thai ... is not
English whatever its length. The share is measured in word-sized units: a run
of letters of a spaced script (Cyrillic, Hangul, Arabic ...) is one word, a
Han, Kana or Thai character a fraction of one (those scripts put no spaces
between words), and Latin words count as English units: the most frequent
English words (``the``, ``for``, ``this``) in full, other common words at a
half and the rest (``pretrained``, ``batch``) at a quarter, so technical terms
quoted in a Chinese comment do not make it English. A text is judged by its script when the foreign units outweigh the
English ones, so an English sentence quoting one foreign name stays English.
"""

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Tuple

from checks.english.cache import Memo
from checks.english.lexicon import load_lexicon

SPACELESS_WEIGHTS: Dict[str, float] = {
    "CJK": 0.6,
    "HIRAGANA": 0.4,
    "KATAKANA": 0.4,
    "THAI": 0.2,
    "LAO": 0.2,
    "KHMER": 0.2,
    "MYANMAR": 0.2,
    "TIBETAN": 0.3,
}
MIN_RUN: Dict[str, int] = {"GREEK": 3}
LETTERS_PER_UNIT: Dict[str, float] = {"HANGUL": 2.0}
DEFAULT_LETTERS_PER_UNIT = 5.0
DEFAULT_MIN_RUN = 2
FUNCTION_WORD_ZIPF = 55
COMMON_WORD_ZIPF = 40
COMMON_WORD_WEIGHT = 0.5
OTHER_LATIN_WEIGHT = 0.25
SHOWN_WORDS = 5

SCRIPT_NAMES: Dict[str, Tuple[str, str]] = {
    "GREEK": ("el", "Greek"),
    "ARABIC": ("ar", "Arabic"),
    "HEBREW": ("he", "Hebrew"),
    "DEVANAGARI": ("hi", "Hindi"),
    "BENGALI": ("bn", "Bengali"),
    "GURMUKHI": ("pa", "Punjabi"),
    "GUJARATI": ("gu", "Gujarati"),
    "TAMIL": ("ta", "Tamil"),
    "TELUGU": ("te", "Telugu"),
    "KANNADA": ("kn", "Kannada"),
    "MALAYALAM": ("ml", "Malayalam"),
    "SINHALA": ("si", "Sinhala"),
    "THAI": ("th", "Thai"),
    "LAO": ("lo", "Lao"),
    "KHMER": ("km", "Khmer"),
    "MYANMAR": ("my", "Burmese"),
    "TIBETAN": ("bo", "Tibetan"),
    "ARMENIAN": ("hy", "Armenian"),
    "GEORGIAN": ("ka", "Georgian"),
    "ETHIOPIC": ("am", "Amharic"),
    "HANGUL": ("ko", "Korean"),
    "MONGOLIAN": ("mn", "Mongolian"),
    "SYRIAC": ("syr", "Syriac"),
    "THAANA": ("dv", "Dhivehi"),
}
CYRILLIC_MARKERS: Tuple[Tuple[str, str, str], ...] = (
    ("ў", "be", "Belarusian"),
    ("әғқңөұүһ", "kk", "Kazakh"),
    ("їєґі", "uk", "Ukrainian"),
    ("ыэё", "ru", "Russian"),
    ("ђјљњћџ", "sr", "Serbian"),
    ("ѓќѕ", "mk", "Macedonian"),
)
CYRILLIC_LEXICONS = ("ru", "uk", "bg")
ARABIC_MARKERS: Tuple[Tuple[str, str, str], ...] = (
    ("ٹڈڑںےھ", "ur", "Urdu"),
    ("پچژگکی", "fa", "Persian"),
)
NAMES: Dict[str, str] = {
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
    "ru": "Russian",
    "uk": "Ukrainian",
    "bg": "Bulgarian",
    "be": "Belarusian",
    "kk": "Kazakh",
    "sr": "Serbian",
    "mk": "Macedonian",
    "ur": "Urdu",
    "fa": "Persian",
}

KNOWN_SCRIPTS = frozenset(SCRIPT_NAMES) | {"LATIN", "CJK", "HIRAGANA", "KATAKANA", "CYRILLIC"}
BY_CODE: Dict[str, str] = dict(NAMES, **{code: name for code, name in SCRIPT_NAMES.values()})

FOREIGN_SPAN = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f]+")

_SCRIPTS = Memo(20000)


def _width_script(name: str) -> str:
    for script in ("KATAKANA", "HANGUL", "LATIN"):
        if script in name:
            return script
    return ""


def language_name(code: str) -> str:
    """The English name of a language code that a script decides (``zh`` -> ``Chinese``), else the code."""
    return BY_CODE.get(code, code)


def char_script(char: str) -> str:
    """The script of one character (``LATIN``, ``CJK``, ``CYRILLIC`` ...), ``""`` for non-letters."""
    if char.isascii():
        return "LATIN" if char.isalpha() else ""
    known = _SCRIPTS.get(char)
    if known is not None:
        return known
    script = ""
    if char.isalpha():
        try:
            first = unicodedata.name(char).split(" ", 1)[0]
        except ValueError:
            first = ""
        if first.startswith("CJK") or first in ("KANGXI", "IDEOGRAPHIC"):
            first = "CJK"
        elif first in ("HALFWIDTH", "FULLWIDTH"):
            first = _width_script(unicodedata.name(char))
        script = first if first in KNOWN_SCRIPTS else ""
    return _SCRIPTS.put(char, script)


@dataclass(frozen=True)
class ScriptRun:
    """A maximal run of letters of one script inside a text."""

    script: str
    text: str


def letter_runs(text: str) -> List[ScriptRun]:
    """Split a text into runs of letters that share a script; everything else separates runs."""
    runs: List[ScriptRun] = []
    current: List[str] = []
    script = ""
    for char in text:
        kind = char_script(char)
        if kind != script:
            if current and script:
                runs.append(ScriptRun(script, "".join(current)))
            current = []
            script = kind
        if kind:
            current.append(char)
    if current and script:
        runs.append(ScriptRun(script, "".join(current)))
    return runs


def _cyrillic_language(words: List[str]) -> Tuple[str, str]:
    lower = " ".join(words).lower()
    if "і" in lower and any(char in lower for char in "ыэё"):
        return "be", "Belarusian"
    for markers, code, name in CYRILLIC_MARKERS:
        if any(char in lower for char in markers):
            return code, name
    if "ъ" in lower:
        return "bg", "Bulgarian"
    tables = load_lexicon().tables
    totals = {code: sum(tables.get(code, {}).get(word, 0) for word in lower.split()) for code in CYRILLIC_LEXICONS}
    best = max(CYRILLIC_LEXICONS, key=lambda code: (totals[code], code == "ru"))
    return best, NAMES[best]


def script_language(script: str, letters: str) -> Tuple[str, str]:
    """The language code and name a script's letters point to (Kana means Japanese, Han alone Chinese).

    ``letters`` holds the text's runs of that script separated by spaces;
    Cyrillic is told apart by letters only some languages have, then by the
    lexicon (Russian on a tie).
    """
    if script in ("HIRAGANA", "KATAKANA"):
        return "ja", "Japanese"
    if script == "CJK":
        return "zh", "Chinese"
    if script == "CYRILLIC":
        return _cyrillic_language(letters.split())
    if script == "ARABIC":
        for markers, code, name in ARABIC_MARKERS:
            if any(char in letters for char in markers):
                return code, name
    known = SCRIPT_NAMES.get(script)
    if known is not None:
        return known
    return script.lower(), script.title() + " script"


@dataclass(frozen=True)
class ScriptVerdict:
    """A text whose letters are mostly of a script English never uses."""

    language: str
    name: str
    words: Tuple[str, ...]
    foreign_units: float
    english_units: float


def _run_units(run: ScriptRun) -> float:
    weight = SPACELESS_WEIGHTS.get(run.script)
    if weight is not None:
        return len(run.text) * weight
    if len(run.text) < MIN_RUN.get(run.script, DEFAULT_MIN_RUN):
        return 0.0
    return max(1.0, len(run.text) / LETTERS_PER_UNIT.get(run.script, DEFAULT_LETTERS_PER_UNIT))


def judge_script(text: str, english_zipf: Callable[[str], int]) -> Optional[ScriptVerdict]:
    """A verdict when the letters of a text are mostly of scripts English never uses, else None.

    ``english_zipf`` gives the English Zipf frequency (tenths) of a lower-case
    word; it weighs the Latin words. Japanese wins over Chinese as soon as a
    Kana character is present; otherwise the script with most units decides,
    ties broken by script name so the verdict depends on the text alone.
    """
    units: Dict[str, float] = {}
    letters: Dict[str, List[str]] = {}
    english = 0.0
    for run in letter_runs(text):
        if run.script == "LATIN":
            if len(run.text) < 2:
                continue
            zipf = english_zipf(run.text.lower())
            if zipf >= FUNCTION_WORD_ZIPF:
                english += 1.0
            elif zipf >= COMMON_WORD_ZIPF:
                english += COMMON_WORD_WEIGHT
            else:
                english += OTHER_LATIN_WEIGHT
            continue
        value = _run_units(run)
        if value <= 0:
            continue
        units[run.script] = units.get(run.script, 0.0) + value
        letters.setdefault(run.script, []).append(run.text)
    foreign = sum(units.values())
    if foreign < 1.0 or foreign <= english:
        return None
    shown = tuple(dict.fromkeys(FOREIGN_SPAN.findall(text)))[:SHOWN_WORDS]
    if "HIRAGANA" in units or "KATAKANA" in units:
        return ScriptVerdict("ja", "Japanese", shown, foreign, english)
    script = max(sorted(units), key=lambda name: units[name])
    code, name = script_language(script, " ".join(letters[script]))
    return ScriptVerdict(code, name, shown, foreign, english)

