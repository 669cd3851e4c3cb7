# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""English word formation that frequency lists miss: ``matcher``, ``opname``, ``totalt``.

Code builds words that no corpus counts often enough: agent nouns and other
derived forms of English stems (``matcher``, ``specifier``, ``tokenized``)
and names glued from English parts (``opname`` = op + name, ``spart`` =
s + part). A word built this way is English for the detector.
"""

from typing import Callable, Tuple

SUFFIXES: Tuple[str, ...] = (
    "izations", "ization", "ifiers", "ifier", "izers", "izer", "ings", "ing", "ness", "less", "ment", "ments",
    "able", "ably", "ible", "ized", "izes", "ize", "ified", "ifies", "ify", "ally", "ity", "ers", "er", "ors",
    "or", "ed", "es", "s", "ly", "al", "ic", "ful", "ish", "ive", "ives", "ion", "ions",
)
CONSONANTS = frozenset("bcdfghjklmnpqrstvwxz")
# Romance plural and gender endings: ``format`` + ``os`` is Spanish ``formatos``, not English ``format`` + ``os``.
ROMANCE_ENDINGS = frozenset({"os", "as", "es"})
# Two parts of three letters each glue into English only when both are very common (``pad`` + ``ron`` is not).
SHORT_PART_FLOOR = 45


def _stems(word: str, suffix: str) -> Tuple[str, ...]:
    stem = word[: -len(suffix)]
    if len(stem) < 3:
        return ()
    candidates = [stem, stem + "e"]
    if stem.endswith("i"):
        candidates.append(stem[:-1] + "y")
    if len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] in CONSONANTS:
        candidates.append(stem[:-1])
    return tuple(candidates)


def derived_english_zipf(word: str, english_zipf: Callable[[str], int]) -> int:
    """The Zipf (tenths) of an English stem the word derives from, minus one, or 0.

    ``matcher`` -> ``match``, ``specifier`` -> ``specify``, ``quitter`` -> ``quit``.
    """
    best = 0
    for suffix in SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue
        for stem in _stems(word, suffix):
            zipf = english_zipf(stem)
            if zipf >= 30:
                best = max(best, zipf - 10)
    return best


def is_english_compound(word: str, english_zipf: Callable[[str], int], is_code_word: Callable[[str], bool]) -> bool:
    """Whether a word is glued from English parts (``opname``, ``lineno``, ``spart``, ``totalt``).

    Either two parts that are each English (Zipf 3.5+, 4.5+ when both have
    three letters, and never a Romance ending ``os``/``as``/``es`` behind) or
    code vocabulary, or
    one English word of Zipf 4.0+ with one extra letter: any letter in front,
    a consonant behind (a vowel behind is how Romance languages inflect:
    ``lista``, ``nume``).
    """

    def english(part: str, floor: int) -> bool:
        return is_code_word(part) or english_zipf(part) >= floor

    if len(word) >= 5:
        if english(word[1:], 40) and len(word) >= 5:
            return True
        if word[-1] in CONSONANTS and english(word[:-1], 40):
            return True
    for cut in range(2, len(word) - 1):
        head, tail = word[:cut], word[cut:]
        if tail in ROMANCE_ENDINGS:
            continue
        code_part = is_code_word(head) or is_code_word(tail)
        floor = SHORT_PART_FLOOR if max(len(head), len(tail)) <= 3 and not code_part else 35
        if len(head) + len(tail) >= 5 and english(head, floor) and english(tail, floor):
            if min(len(head), len(tail)) >= 3 or code_part:
                return True
    return False
