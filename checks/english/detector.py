# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Decide whether a comment, identifier, message or document is not English.

Each word is scored per language as the difference of its Zipf frequency in
that language and in English (clamped to +-3): ``datele`` is +3 for Romanian,
``the`` is -3 for every language. A text is reported only when one language
collects a clear total AND several distinct words that are much more that
language than English (one for identifiers); anything less is silence.
Letters that English never uses (``ă ș ț``) and Romanian clitics
(``checkpoint-ul``, ``s-a``) are strong evidence of their own. Capitalised
words inside a sentence, known names, loan phrases, pragmas, code, paths and
numbers are ignored before scoring.
"""

import re
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, Iterable, List, Optional, Tuple

from checks.english.cache import Memo
from checks.english.deep import load_deep_lexicon
from checks.english.allowlist import ENGLISH_IN_CODE, LOAN_PHRASES, LOAN_WORDS, PROPER_NAMES, code_vocabulary
from checks.english.letters import NEVER_ENGLISH_LETTERS, decisive_language, judge_letters, letter_languages
from checks.english.lexicon import LANGUAGE_NAMES, Lexicon, load_lexicon
from checks.english.morphology import derived_english_zipf, is_english_compound
from checks.english.scripts import char_script, judge_script, language_name, script_language
from checks.english.text import WORD_PATTERN, Word, fold, fold_german, prose_words, split_identifier, strip_light

CLAMP = 30
ENGLISH_FLOOR = 10
FOREIGN_FLOOR = 20
STRONG = 15
COMMON_ENGLISH = 50
PROSE_TOTAL = 40
PROSE_WEIGHT = 2.0
SHORT_TEXT_WORDS = 3
SHORT_TOTAL = 25
SHORT_WORD_LETTERS = 5
SHORT_ENGLISH_CEILING = 45
NOUN_ENGLISH_CEILING = 25
NOUN_FOREIGN_FLOOR = 35
ROMANIAN_SUFFIXES = (
    "are", "ari", "area", "arii", "ere", "eri", "ire", "iri", "eaza", "easca", "este", "ului", "ilor", "elor",
    "urile", "urilor", "tiei", "tiile", "toare", "tor", "tori", "ul",
)
MAJOR_LANGUAGES = frozenset({"fr", "de", "es", "it", "pt"})

ROMANIAN_CLITIC = re.compile(
    r"(?<![\w-])(?:[^\W\d_]{3,}-(?:ul|ului|urile|urilor|uri|ii|iul)"
    r"|(?i:s|n|m|v|l|i|ne|te|se|ce|mi|ți|ţi|ti|nu|într|intr|dintr|printr|după|dupa)"
    r"-(?:a|au|am|ai|ați|ati|ar|un|o|ul|i|l|mi|ne|le|adevăr|adevar))(?![\w-])"
)
CLITIC_HINT = re.compile(r"\w-(?:ul|ului|urile|urilor|uri|ii|iul|a|au|am|ai|ați|ati|ar|un|o|i|l|mi|ne|le|adev)")
LOAN_PHRASE_PATTERN = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(phrase) for phrase in sorted(LOAN_PHRASES, key=len, reverse=True)) + r")(?!\w)",
    re.IGNORECASE,
)

FILLER_PATTERN = re.compile(r"\blorem\s+ipsum\b", re.IGNORECASE)
RARE_MIN_LETTERS = 4
# The longest words of real prose (German compounds) stay under this; a longer run of letters is a
# token (an identifier, an encoded value), and judging its every split would cost its length squared.
RARE_MAX_LETTERS = 64
RARE_FLOOR = 20
RARE_UNSURE_MARGIN = 5
LONE_WORD_FLOOR = 30
RARE_RAW_SHARE = 3
UNSURE = ("und", "not English")
COMPOUND_MIN_LETTERS = 9
COMPOUNDING = ("de", "nl", "sv", "da", "nb", "hu")

_INFLECTED = Memo()
_ENGLISH = Memo()
_STRONG = Memo()
_CLEAN_PROSE = Memo(20000)
_CLEAN_NAMES = Memo()
_MAY_BE_FOREIGN = Memo(20000)
_HAS_RARE = Memo(20000)
_PARTS = Memo()
_FLAGGED: Dict[str, "Verdict"] = {}
FLAGGED_LIMIT = 20000


@dataclass(frozen=True)
class Verdict:
    """A confident finding that a text is in another language than English."""

    language: str
    name: str
    words: Tuple[str, ...]
    score: float

    def describe(self) -> str:
        """``Romanian (salveaza, datele)``: the language and the words that decided it."""
        shown = ", ".join(self.words[:5])
        return f"{self.name} ({shown})" if shown else self.name


@dataclass
class Tally:
    """Evidence collected for one text: score and deciding words per language.

    A deciding word weighs 1, a two-letter one (``de``, ``nu``) 0.5.
    """

    scores: Dict[str, int] = field(default_factory=dict)
    strong: Dict[str, List[str]] = field(default_factory=dict)
    weight: Dict[str, float] = field(default_factory=dict)

    def add(self, lang: str, value: int, word: str, strong: bool) -> None:
        """Add one word's evidence for one language."""
        self.scores[lang] = self.scores.get(lang, 0) + value
        if not strong:
            return
        found = self.strong.setdefault(lang, [])
        if word.lower() in (known.lower() for known in found):
            return
        found.append(word)
        self.weight[lang] = self.weight.get(lang, 0.0) + (1.0 if len(word) >= 3 else 0.5)


ROMANIAN_ENDINGS: Tuple[Tuple[str, Tuple[str, ...]], ...] = (
    ("urilor", ("",)),
    ("urile", ("",)),
    ("ului", ("",)),
    ("ilor", ("", "e", "a")),
    ("iti", ("i",)),
    ("ati", ("a",)),
    ("ile", ("", "e", "a")),
    ("ul", ("",)),
    ("ii", ("", "e", "a")),
    ("am", ("a",)),
    ("em", ("e",)),
    ("im", ("i",)),
    ("ea", ("e", "")),
    ("le", ("",)),
)


def romanian_inflection_zipf(word: str) -> int:
    """Zipf (tenths) of a Romanian word that a longer unknown form inflects, or 0.

    wordfreq counts few inflected forms (``incarcam``, ``calculam``,
    ``fisierele``); stripping a Romanian ending must give a frequent Romanian
    word that English does not know.
    """
    if len(word) < 6 or not word.isascii():
        return 0
    known = _INFLECTED.get(word)
    if known is not None:
        return known
    table = load_lexicon().tables.get("ro", {})
    best = 0
    for ending, replacements in ROMANIAN_ENDINGS:
        if not word.endswith(ending) or len(word) - len(ending) < 4:
            continue
        stem = word[: -len(ending)]
        for replacement in replacements:
            candidate = stem + replacement
            zipf = table.get(candidate, 0)
            if zipf >= 35 and english_zipf(candidate) < 20:
                best = max(best, zipf - 5)
    return _INFLECTED.put(word, best)


def english_zipf(word: str) -> int:
    """English Zipf (tenths) of a lower-case word, or of the English stem it derives from."""
    known = _ENGLISH.get(word)
    if known is not None:
        return known
    lexicon = load_lexicon()
    zipf = lexicon.english_zipf(word)
    if zipf < 30:
        zipf = max(zipf, derived_english_zipf(word, lexicon.english_zipf))
    return _ENGLISH.put(word, zipf)


def is_code_word(word: str) -> bool:
    """Whether a lower-case word is technical English or Python vocabulary (``todo``, ``todos``, ``proba``)."""
    if word in ENGLISH_IN_CODE or word in code_vocabulary():
        return True
    return len(word) >= 4 and word.endswith("s") and word[:-1] in ENGLISH_IN_CODE


def _foreign_zipfs(lexicon: Lexicon, word: str) -> Dict[str, int]:
    folded = fold(word)
    found = lexicon.foreign_zipfs(folded)
    if "ro" not in found and lexicon.english_zipf(folded) == 0:
        inflected = romanian_inflection_zipf(folded)
        if inflected:
            found["ro"] = inflected
    if "ae" in folded or "oe" in folded or "ue" in folded or "ss" in folded:
        german = fold_german(word)
        if german != folded:
            zipf = lexicon.foreign_zipfs(german).get("de")
            if zipf is not None and zipf > found.get("de", 0):
                found["de"] = zipf
    return found


@dataclass(frozen=True)
class WordProfile:
    """How much one word speaks for each language against English.

    ``values`` maps a language to the word's Zipf frequency there minus its
    English Zipf frequency (tenths, clamped); ``absent`` is the value for every
    other language (negative for common English words, else 0); ``strong``
    names the languages for which the word alone is clear evidence.
    """

    values: Dict[str, int]
    absent: int
    strong: FrozenSet[str]


NEUTRAL = WordProfile(values={}, absent=0, strong=frozenset())
CODE_WORD = WordProfile(values={}, absent=-5, strong=frozenset())


def _non_latin_profile(word: str, min_strong_length: int) -> WordProfile:
    script = char_script(word[0])
    if script in ("", "LATIN"):
        return NEUTRAL
    lang, _ = script_language(script, word)
    long_enough = len(word) >= min_strong_length or script in ("CJK", "HIRAGANA", "KATAKANA", "HANGUL")
    values = {lang: CLAMP}
    strong = frozenset(values) if long_enough else frozenset()
    return WordProfile(values=values, absent=0, strong=strong)


def word_profile(word: str, min_strong_length: int = 3) -> WordProfile:
    """The evidence one word gives (see :class:`WordProfile`); not cached, callers cache what they keep."""
    lower = word.lower()
    folded = fold(word)
    if is_code_word(lower) or is_code_word(folded):
        return CODE_WORD
    if len(folded) < 2:
        return NEUTRAL
    if not word[0].isascii() and char_script(word[0]) not in ("", "LATIN"):
        return _non_latin_profile(word, min_strong_length)
    lexicon = load_lexicon()
    english = english_zipf(lower if lower.isascii() else folded)
    absent = -min(CLAMP, english - FOREIGN_FLOOR) if english >= 30 else 0
    foreign = _foreign_zipfs(lexicon, word)
    allowed = letter_languages(word)
    never_english = not lower.isascii() and any(char in NEVER_ENGLISH_LETTERS for char in lower)
    long_enough = len(folded) >= min_strong_length or (min_strong_length <= 3 and len(folded) == 2)
    values: Dict[str, int] = {}
    for lang, zipf in foreign.items():
        if allowed is not None and lang not in allowed:
            continue
        value = max(-CLAMP, min(CLAMP, zipf - max(english, ENGLISH_FLOOR)))
        if allowed is not None and never_english:
            value = max(value, CLAMP)
        values[lang] = value
    if not values and never_english and allowed:
        values = {lang: STRONG for lang in allowed}
    if english >= COMMON_ENGLISH and len(folded) >= 4:
        long_enough = False
    strong = frozenset(lang for lang, value in values.items() if value >= STRONG and long_enough)
    if not values and not absent:
        return NEUTRAL
    return WordProfile(values=values, absent=absent, strong=strong)


def _score_words(words: Iterable[str], min_strong_length: int) -> Tally:
    profiles = [(word, word_profile(word, min_strong_length)) for word in words]
    languages = set()
    for _, profile in profiles:
        languages.update(profile.strong)
    tally = Tally()
    for word, profile in profiles:
        for lang in sorted(languages):
            value = profile.values.get(lang, profile.absent)
            tally.add(lang, value, word, lang in profile.strong)
    return tally


def _language_name(lang: str) -> Tuple[str, str]:
    if lang == UNSURE[0]:
        return UNSURE
    return lang, LANGUAGE_NAMES.get(lang) or language_name(lang)


def _verdict(tally: Tally, total: int, strong_needed: float) -> Optional[Verdict]:
    ranked = sorted(sorted(tally.scores), key=lambda lang: (tally.weight.get(lang, 0.0), tally.scores[lang]), reverse=True)
    for lang in ranked:
        if tally.weight.get(lang, 0.0) >= strong_needed and tally.scores[lang] >= total:
            code, name = _language_name(lang)
            words = tuple(tally.strong.get(lang, ()))
            return Verdict(language=code, name=name, words=words, score=tally.scores[lang] / 10.0)
    return None


def _usable(word: Word, allow: FrozenSet[str], nouns: bool = False) -> bool:
    lower = word.text.lower()
    folded = fold(word.text)
    if lower in allow or folded in allow:
        return False
    if lower in PROPER_NAMES or folded in PROPER_NAMES:
        return not word.text[0].isupper()
    if word.text[0].isupper() and word.name_like:
        return nouns and _common_foreign_noun(folded)
    return True


def _common_foreign_noun(folded: str) -> bool:
    """A capitalised word that is a frequent German word and rare in English: German capitalises nouns (``Eingabe``)."""
    if len(folded) < 4 or english_zipf(folded) >= NOUN_ENGLISH_CEILING:
        return False
    return load_lexicon().tables.get("de", {}).get(folded, 0) >= NOUN_FOREIGN_FLOOR


def _strong_languages(token: str) -> str:
    """The languages (comma-separated) for which a raw token is strong evidence, ``""`` for none."""
    langs = _STRONG.get(token)
    if langs is None:
        lower = token.lower()
        if len(token) >= 4 and lower.isascii() and load_lexicon().english.get(lower, 0) >= COMMON_ENGLISH:
            return _STRONG.put(token, "")
        langs = _STRONG.put(token, ",".join(sorted(word_profile(token, 3).strong)))
    return langs


def may_be_foreign(text: str) -> bool:
    """Cheap pre-check: could any language reach the weight a verdict needs? (See :func:`foreign_marks`.)

    Remembered per text: a docstring is asked about as a whole, as its only
    paragraph and again by the verdict cache.
    """
    known = _MAY_BE_FOREIGN.get(text)
    if known is None:
        known = _MAY_BE_FOREIGN.put(text, foreign_marks(text) is not None)
    return known


def foreign_marks(text: str) -> Optional[List[str]]:
    """The strong raw tokens of a text when some language could reach a verdict's weight, else None.

    Cleaning only removes words, so the strong words of the raw text bound
    what any language can collect; most English comments stop here. Tokens
    already judged are looked up in one untracked table.
    """
    weights: Dict[str, float] = {}
    marks: List[str] = []
    seen = set()
    strong = _STRONG.table
    reached = False
    tokens = WORD_PATTERN.findall(text)
    needed = 1.0 if len(tokens) <= SHORT_TEXT_WORDS else PROSE_WEIGHT
    for token in dict.fromkeys(tokens):
        if not token.isascii() and _decisive_token(token):
            marks.append(token)
            reached = True
            continue
        langs = strong.get(token)
        if langs is None:
            langs = _strong_languages(token)
        if not langs:
            continue
        marks.append(token)
        key = token.lower()
        if key in seen:
            continue
        seen.add(key)
        weight = 1.0 if len(token) >= 3 else 0.5
        for lang in langs.split(","):
            total = weights.get(lang, 0.0) + weight
            weights[lang] = total
            reached = reached or total >= needed
    if reached:
        return marks
    if "-" in text:
        clitics = len(set(_clitic_words(text)))
        if clitics > 0 and weights.get("ro", 0.0) + clitics >= PROSE_WEIGHT:
            return marks
    return None


def _decisive_token(token: str) -> bool:
    """Whether a raw token alone could decide a text: letters of another script, or letters English never has."""
    if any(char_script(char) not in ("", "LATIN") for char in token):
        return True
    return bool(decisive_language(token, LOAN_WORDS))


def _clitic_words(text: str) -> List[str]:
    if "-" not in text or CLITIC_HINT.search(text) is None:
        return []
    return [match.group(0) for match in ROMANIAN_CLITIC.finditer(text)]


def _cache_key(text: str, allow: FrozenSet[str]) -> str:
    return text + "\x00" + "\x00".join(sorted(allow)) if allow else text


def _remember(clean: Memo, key: str, verdict: Optional["Verdict"]) -> Optional["Verdict"]:
    if verdict is None:
        clean.put(key, 1)
    else:
        if len(_FLAGGED) >= FLAGGED_LIMIT:
            _FLAGGED.clear()
        _FLAGGED[key] = verdict
    return verdict


def has_rare_words(text: str) -> bool:
    """Cheap pre-check for :func:`judge_rare_words`: tokens English lacks make a third of the words or more.

    The judge needs half of the content words unknown; code tokens the
    cleaning removes may raise that share, so the raw share asked here is lower.
    """
    known = _HAS_RARE.get(text)
    if known is not None:
        return known
    english = load_lexicon().english
    words = 0
    rare = 0
    for token in WORD_PATTERN.findall(text):
        if len(token) < 3:
            continue
        words += 1
        if len(token) >= RARE_MIN_LETTERS and token.lower() not in english:
            rare += 1
    return _HAS_RARE.put(text, rare > 0 and rare * RARE_RAW_SHARE >= words)


def worth_judging(text: str) -> bool:
    """Whether a text could get a verdict: strong foreign words, or rare words English lacks."""
    return may_be_foreign(text) or has_rare_words(text)


def detect_prose(text: str, allow: FrozenSet[str] = frozenset()) -> Optional[Verdict]:
    """A verdict when a comment, docstring, message or paragraph is confidently not English.

    ``allow`` holds extra lower-case words to treat as English (the
    ``allow-words`` setting). The frequent words of the shipped lexicon
    decide first; a text they leave undecided whose words are mostly unknown
    to English goes to the deep lexicon (:func:`judge_rare_words`).
    """
    foreign = may_be_foreign(text)
    if not foreign and not has_rare_words(text):
        return None
    key = _cache_key(text, allow)
    if key in _CLEAN_PROSE.table:
        return None
    known = _FLAGGED.get("p" + key)
    if known is not None:
        return known
    verdict = _judge_prose(text, allow) if foreign else None
    if verdict is None:
        verdict = judge_rare_words(text, allow)
    if verdict is not None:
        _remember(_CLEAN_PROSE, "p" + key, verdict)
        return verdict
    return _remember(_CLEAN_PROSE, key, None)


def _judge_prose(text: str, allow: FrozenSet[str]) -> Optional[Verdict]:
    if FILLER_PATTERN.search(text):
        return None
    cleaned = LOAN_PHRASE_PATTERN.sub(" ", text)
    if not cleaned.isascii():
        decided = _judge_by_letters(cleaned, allow)
        if decided is not None:
            return decided
    every = [word for word in prose_words(cleaned) if len(word.text) >= 2]
    nouns = _german_evidence(every)
    words = [w.text for w in every if _usable(w, allow, nouns)]
    if not words:
        return None
    tally = _score_words(words, 3)
    for clitic in _clitic_words(cleaned):
        tally.add("ro", STRONG, clitic, True)
    verdict = _verdict(tally, PROSE_TOTAL, PROSE_WEIGHT)
    lone_name = len(every) == 1 and every[0].text[0].isupper()
    if verdict is None and not lone_name and len(every) <= SHORT_TEXT_WORDS and not any(_frequent_in_english(w.text) for w in every):
        verdict = _verdict(_score_words(words, SHORT_WORD_LETTERS), SHORT_TOTAL, 1.0)
    return verdict


def _unknown_words(text: str, allow: FrozenSet[str]) -> Tuple[List[Tuple[str, str]], int]:
    """The Latin-script words of a text that English lacks (raw, folded), and the count of its content words.

    Names inside a sentence, code, words of ``allow``, code vocabulary,
    derived English forms and English compounds are not unknown.
    """
    content = 0
    unknown: List[Tuple[str, str]] = []
    for word in prose_words(LOAN_PHRASE_PATTERN.sub(" ", text)):
        if len(word.text) < 3 or word.name_like:
            continue
        lower = word.text.lower()
        folded = fold(word.text)
        if not folded.isascii() or not folded.isalpha() or lower in allow or folded in allow:
            continue
        content += 1
        if not RARE_MIN_LETTERS <= len(folded) <= RARE_MAX_LETTERS or is_code_word(lower) or is_code_word(folded) or folded in PROPER_NAMES:
            continue
        if english_zipf(folded) > 0 or english_zipf(lower) > 0:
            continue
        if is_english_compound(folded, english_zipf, is_code_word):
            continue
        unknown.append((word.text, folded))
    return unknown, content


def _rare_zipfs(folded: str) -> Dict[str, int]:
    """Zipf (tenths) per language from the deep and the shipped lexicon, or of a compound's parts."""
    found = dict(load_deep_lexicon().zipfs(folded))
    for lang, zipf in load_lexicon().foreign_zipfs(folded).items():
        found[lang] = max(zipf, found.get(lang, 0))
    return found or _compound_zipfs(folded)


def _lone_name_zipfs(folded: str) -> Dict[str, int]:
    """A lone capitalised word counts only as a compound of frequent words (``Vorratsmengen``), never as a word."""
    if load_lexicon().foreign_zipfs(folded) or load_deep_lexicon().zipfs(folded):
        return {}
    return _compound_zipfs(folded)


def _compound_zipfs(folded: str) -> Dict[str, int]:
    """A compound of two frequent words of one language (``vorrat`` + ``s`` + ``mengen``): the rarer part's Zipf.

    German, Dutch, the Scandinavian languages and Hungarian glue nouns; a
    part must have four letters or more and Zipf 3.0+ in that language, and
    one part at least must be rare in English.
    """
    found: Dict[str, int] = {}
    if len(folded) < COMPOUND_MIN_LETTERS:
        return found
    lexicon = load_lexicon()
    for cut in range(RARE_MIN_LETTERS, len(folded) - RARE_MIN_LETTERS + 1):
        head = folded[:cut]
        head_zipfs = lexicon.foreign_zipfs(head)
        if not head_zipfs:
            continue
        for tail in (folded[cut:], folded[cut + 1:] if folded[cut] == "s" else ""):
            if len(tail) < RARE_MIN_LETTERS:
                continue
            tail_zipfs = lexicon.foreign_zipfs(tail)
            if min(english_zipf(head), english_zipf(tail)) >= 30:
                continue
            for lang in COMPOUNDING:
                zipf = min(head_zipfs.get(lang, 0), tail_zipfs.get(lang, 0))
                if zipf >= 30:
                    found[lang] = max(zipf, found.get(lang, 0))
    return found


def judge_rare_words(text: str, allow: FrozenSet[str] = frozenset()) -> Optional[Verdict]:
    """A verdict for a text made mostly of words English lacks, by the deep lexicon; None when undecided.

    At least half of the content words must be unknown to English and at
    least half of those must be words of one language (Zipf 2.0 or more):
    two of them at least, or, for a text of one word, a word of Zipf 3.0+
    (``coeff ranges``, ``flasky extensions`` stay English).
    The language named is the one most words belong to (then the higher
    total frequency); when another language has as many words and nearly the
    same frequency, the verdict says "not English" instead of guessing. A
    lone capitalised word is a name (``Werkzeug {version}``, a signature
    ``- Lukasa``) unless it is a compound of frequent words of a language
    that glues nouns (``Vorratsmengen``).
    """
    unknown, content = _unknown_words(text, allow)
    if not unknown or len(unknown) * 2 < content:
        return None
    lone_name = content == 1 and unknown[0][0][0].isupper()
    hits: Dict[str, int] = {}
    totals: Dict[str, int] = {}
    for raw, folded in unknown:
        allowed = letter_languages(raw)
        for lang, zipf in (_lone_name_zipfs(folded) if lone_name else _rare_zipfs(folded)).items():
            if zipf < RARE_FLOOR or (allowed is not None and lang not in allowed):
                continue
            hits[lang] = hits.get(lang, 0) + 1
            totals[lang] = totals.get(lang, 0) + zipf
    if not hits:
        return None
    ranked = sorted(sorted(hits), key=lambda lang: (hits[lang], totals[lang]), reverse=True)
    best = ranked[0]
    if hits[best] * 2 < len(unknown):
        return None
    if content > 1 and hits[best] < 2:
        return None
    if content == 1 and totals[best] < LONE_WORD_FLOOR:
        return None
    words = tuple(raw for raw, _ in unknown)
    if len(ranked) > 1 and hits[ranked[1]] == hits[best] and totals[best] - totals[ranked[1]] < RARE_UNSURE_MARGIN * hits[best]:
        return Verdict(language=UNSURE[0], name=UNSURE[1], words=words, score=totals[best] / 10.0)
    code, name = _language_name(best)
    return Verdict(language=code, name=name, words=words, score=totals[best] / 10.0)


def _lowercase_romanian(word: str) -> bool:
    """A lower-case word that is clearly Romanian (by its letters or by the lexicon)."""
    if not word[0].islower() or len(word) < 3:
        return False
    return decisive_language(word, LOAN_WORDS) == "ro" or "ro" in _strong_languages(word).split(",")


def _frequent_in_english(word: str) -> bool:
    """A word English uses often, whatever other languages do (``no``, ``bar``, ``test``)."""
    return english_zipf(word.lower()) >= SHORT_ENGLISH_CEILING


def _german_evidence(words: List[Word]) -> bool:
    """Whether capitalised words of the text may be German nouns rather than names.

    Yes when a lower-case word is clearly German, or when a short text
    (``Falsche Eingabe``) is made of frequent German words only.
    """
    for word in words:
        if word.text[0].islower() and "de" in _strong_languages(word.text).split(","):
            return True
    return len(words) <= SHORT_TEXT_WORDS and all(_common_foreign_noun(fold(word.text)) for word in words)


def _common_english(word: str) -> bool:
    """A plain word that is frequent English and more English than any other language (``the``, ``file``)."""
    lower = word.lower()
    if len(lower) < 2 or not lower.isascii():
        return False
    english = load_lexicon().english_zipf(lower)
    if english < COMMON_ENGLISH:
        return False
    foreign = load_lexicon().foreign_zipfs(lower)
    return not foreign or max(foreign.values()) < english


def _judge_by_letters(text: str, allow: FrozenSet[str]) -> Optional[Verdict]:
    """Script first, then letters English never writes; None when neither decides."""
    script = judge_script(strip_light(text), english_zipf)
    if script is not None:
        return Verdict(language=script.language, name=script.name, words=script.words, score=script.foreign_units)
    words = prose_words(text)
    pairs = []
    english_common = 0
    for word in words:
        lower = word.text.lower()
        if lower in allow or fold(word.text) in allow:
            continue
        is_name = word.name_like or lower in PROPER_NAMES or fold(lower) in PROPER_NAMES
        pairs.append((word.text, is_name))
        if not is_name and _common_english(word.text):
            english_common += 1
    prose_like = "\n" not in text.strip() or any(_lowercase_romanian(word.text) for word in words)
    letters = judge_letters(pairs, english_common, LOAN_WORDS, prose_like)
    if letters is None:
        return None
    return Verdict(language=letters.language, name=letters.name, words=letters.words, score=float(len(letters.words)))


def identifier_part_language(part: str) -> Optional[Tuple[str, int]]:
    """The language a part of an identifier clearly belongs to, with its Zipf (tenths), or None.

    Identifiers are short and glued from abbreviations, so the bar is higher
    than in prose: the part must be unknown to English (also as a derived
    form or compound), at least five letters long, and frequent in the other
    language (Zipf 3.0 for Romanian, 4.0 for French, German, Spanish, Italian
    and Portuguese, 4.5 and six letters for the rest). Letters English never
    uses decide alone.
    """
    known = _PARTS.get(part)
    if known is None:
        found = _part_language(part)
        known = _PARTS.put(part, f"{found[0]}:{found[1]}" if found else "")
    if not known:
        return None
    lang, _, zipf = known.partition(":")
    return lang, int(zipf)


def _part_language(part: str) -> Optional[Tuple[str, int]]:
    lower = part.lower()
    folded = fold(part)
    if is_code_word(lower) or is_code_word(folded):
        return None
    if not part[0].isascii() and char_script(part[0]) not in ("", "LATIN"):
        script = char_script(part[0])
        if len(part) < 2 and script not in ("CJK", "HIRAGANA", "KATAKANA", "HANGUL"):
            return None
        return script_language(script, part)[0], CLAMP
    never_english = not lower.isascii() and any(char in NEVER_ENGLISH_LETTERS for char in lower)
    if not never_english and len(folded) < 5:
        return None
    lexicon = load_lexicon()
    foreign = _foreign_zipfs(lexicon, part)
    allowed = letter_languages(part)
    if allowed and never_english:
        known = [lang for lang in foreign if lang in allowed]
        if known:
            lang = "ro" if "ro" in known else max(known, key=lambda code: foreign[code])
            return lang, foreign[lang]
        return ("ro" if "ro" in allowed else sorted(allowed)[0]), STRONG
    if not foreign or len(folded) < 5:
        return None
    english = english_zipf(folded)
    if english >= 25:
        return None
    romanian_form = foreign.get("ro", 0) >= 30 and folded.endswith(ROMANIAN_SUFFIXES)
    best: Optional[Tuple[str, int]] = None
    for lang, zipf in foreign.items():
        if (allowed is not None and lang not in allowed) or zipf - english < 20:
            continue
        if lang == "ro":
            passes = zipf >= (30 if romanian_form else 35)
        elif lang in MAJOR_LANGUAGES:
            passes = zipf >= 40
        else:
            passes = zipf >= 45 and len(folded) >= 6
        if passes and (best is None or (lang == "ro") > (best[0] == "ro") or (zipf > best[1] and best[0] != "ro")):
            best = (lang, zipf)
    if best is None:
        return None
    if not romanian_form and is_english_compound(folded, english_zipf, is_code_word):
        return None
    rivals = [lang for lang, zipf in foreign.items() if lang != best[0] and zipf > best[1] - RARE_UNSURE_MARGIN]
    if best[0] != "ro" and rivals and (allowed is None or any(lang in allowed for lang in rivals)):
        return UNSURE[0], best[1]
    return best


def detect_identifier(name: str, allow: FrozenSet[str] = frozenset()) -> Optional[Verdict]:
    """A verdict when an identifier holds a non-English word (``salveaza_datele``, ``load_setari``).

    One part that clearly belongs to another language is enough (see
    :func:`identifier_part_language`); proper names and parts of one or two
    letters (``nr``, ``cu``) are ignored.
    """
    key = _cache_key(name, allow)
    if key in _CLEAN_NAMES.table:
        return None
    known = _FLAGGED.get("i" + key)
    if known is not None:
        return known
    verdict = _judge_identifier(name, allow)
    if verdict is not None:
        _remember(_CLEAN_NAMES, "i" + key, verdict)
        return verdict
    return _remember(_CLEAN_NAMES, key, None)


def _judge_identifier(name: str, allow: FrozenSet[str]) -> Optional[Verdict]:
    parts = [part for part in split_identifier(name) if part.lower() not in allow and fold(part) not in allow]
    parts = [part for part in parts if len(part) >= 3 or not part.isascii()]
    parts = [part for part in parts if not (part[0].isupper() and fold(part) in PROPER_NAMES)]
    found: Dict[str, List[Tuple[int, str]]] = {}
    for part in parts:
        result = identifier_part_language(part)
        if result is not None:
            found.setdefault(result[0], []).append((result[1], part))
    if not found:
        return None
    lang = max(sorted(found), key=lambda code: (len(found[code]), code == "ro", code != UNSURE[0], sum(value for value, _ in found[code])))
    words = tuple(word for _, word in found[lang])
    code, language = _language_name(lang)
    return Verdict(language=code, name=language, words=words, score=sum(value for value, _ in found[lang]) / 10.0)


def looks_english(text: str, allow: FrozenSet[str] = frozenset()) -> bool:
    """Whether prose is confidently English: no verdict, and at least three common English words.

    Used to tell a document that mixes languages from one written wholly in
    another language.
    """
    if detect_prose(text, allow) is not None:
        return False
    lexicon = load_lexicon()
    common = 0
    for word in prose_words(text):
        if not word.name_like and len(word.text) >= 3 and lexicon.english_zipf(word.text.lower()) >= 40:
            common += 1
            if common >= 3:
                return True
    return False
