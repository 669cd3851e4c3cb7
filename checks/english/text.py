# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Text handling for language detection: folding, cleaning, splitting into words.

Everything here is pure string work. Prose (comments, docstrings, messages,
documents) is cleaned of what is not natural language before it is split:
pragma comments, URLs and host names (internationalised ones too:
``中国.icom.museum``), e-mail addresses, paths, code spans, format fields,
dotted and snake_case names, numbers and units. Identifiers are split on
underscores, digits and case changes.
"""

import re
import unicodedata
from dataclasses import dataclass
from typing import List, Match, Tuple

from checks.english.cache import Memo

SPECIAL_FOLDS = {
    "ß": "ss",
    "ł": "l",
    "đ": "d",
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "ı": "i",
    "þ": "th",
    "ð": "d",
    "ŀ": "l",
}

NAME_PARTICLES = frozenset(
    {
        "van", "von", "van der", "van den", "von der", "ter", "ten", "de", "de la", "da", "di", "du", "del",
        "della", "dos", "le", "la", "zu", "bin", "ibn", "al", "el",
    }
)

GERMAN_FOLDS = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}

PRAGMA_PATTERN = re.compile(
    r"""
    -\*-.*?-\*-                                   # PEP 263 line
    | \bcoding[:=]\s*[-\w.]+
    | \b(?:noqa|NOQA)\b(?::\s*[A-Z]+\d+(?:\s*,\s*[A-Z]+\d+)*)?
    | \btype:\s*ignore(?:\[[^\]]*\])?
    | ^\s*\#?\s*type:\s*.*$                        # type comments
    | \bpragma:\s*no\s*(?:cover|branch)\b
    | \b(?:pylint|flake8|mypy|pyright|ruff|isort|fmt|yapf|nosec|pyre|bandit|black|codespell|spellchecker)\b\s*:?[^\n#]*
    | \bnosec\b[^\n#]*
    | \bprefguard:\s*ignore(?:\[[^\]]*\])?
    | \bpragma:\s*[^\n#]*
    """,
    re.IGNORECASE | re.VERBOSE | re.MULTILINE,
)

NOISE_PATTERN = re.compile(
    r"""
    ```.*?```                                     # fenced code
    | ``[^`]*``|`[^`\n]*`                          # inline code
    | (?<![A-Za-z0-9+.-])[a-zA-Z][a-zA-Z0-9+.-]*://\S+  # URLs, also right after a CJK word
    | (?<![A-Za-z0-9.-])www\.\S+
    | (?<![\w.-])[^\W\d_a-zA-Z]+(?:\.[\w-]+)*\.[a-z]{2,24}(?![\w-])  # IDN host names: 中国.icom.museum
    | (?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+      # e-mail addresses
    | \{[^{}\n]*\}                                   # format fields
    | %[-+#0 ]*\d*(?:\.\d+)?[sdifrxXeEgGco%]         # printf specifiers
    | (?<!\S)\S*[/\\]\S*                            # paths and fractions
    | (?<!\w)\w+(?:\.\w+)+\(?\)?                      # dotted names, files with extension
    | \b\w*_\w*\b                                    # snake_case and dunder names
    | \b\w*\d\w*\b                                   # anything with digits (units, versions)
    | \b[a-z]+[A-Z]\w*\b                             # camelCase
    | \b[A-Z][a-z]+[A-Z]\w*\b                        # PascalCase with an inner capital
    | <[^<>\n]*>                                     # HTML tags and <angle> fields
    | \[[A-Z]{2,}\]                                  # status tags such as [OK]
    | --?[a-z][\w-]*                                 # command-line options
    """,
    re.VERBOSE | re.DOTALL,
)

LIGHT_NOISE_PATTERN = re.compile(
    r"""
    ```.*?```                                     # fenced code
    | ``[^`]*``|`[^`\n]*`                          # inline code
    | (?<![A-Za-z0-9+.-])[a-zA-Z][a-zA-Z0-9+.-]*://\S+  # URLs, also right after a CJK word
    | (?<![A-Za-z0-9.-])www\.\S+
    | (?<![\w.-])[^\W\d_a-zA-Z]+(?:\.[\w-]+)*\.[a-z]{2,24}(?![\w-])  # IDN host names: 中国.icom.museum
    | (?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+      # e-mail addresses
    | \{[^{}\n]*\}                                   # format fields
    | (?<![\x21-\x7e])[\x21-\x7e]*[/\\][\x21-\x7e]*  # ASCII paths
    | (?<![A-Za-z0-9])[A-Za-z0-9]+(?:[._][A-Za-z0-9]+)+  # dotted and snake_case ASCII names
    | <[^<>\n]*>                                     # HTML tags
    """,
    re.VERBOSE | re.DOTALL,
)

NON_LETTERS = re.compile(r"[\W_\d]+")
ESCAPE_PATTERN = re.compile(r"\\(?:[abfnrtv0\\'\"]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\})")
WORD_PATTERN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
SENTENCE_END = re.compile(r"(?:[.!?:;#>|•(\[\"]|(?:^|\n)\s*[-*+]|\n\s*\d+[.)]|\n)\s*$")


@dataclass(frozen=True)
class Word:
    """One word of prose: its text, whether it looks like a proper name, and its offset."""

    text: str
    name_like: bool
    offset: int


_FOLDED = Memo()
_SPLIT = Memo()


def fold(word: str) -> str:
    """Lower-case and strip diacritics (``fișier`` -> ``fisier``, ``Straße`` -> ``strasse``)."""
    lowered = word.lower()
    if lowered.isascii():
        return lowered
    known = _FOLDED.get(word)
    if known is not None:
        return known
    chars = []
    for char in lowered:
        special = SPECIAL_FOLDS.get(char)
        if special is not None:
            chars.append(special)
            continue
        decomposed = unicodedata.normalize("NFD", char)
        chars.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return _FOLDED.put(word, "".join(chars))


def fold_german(word: str) -> str:
    """Fold the way German writes without umlauts (``größe`` -> ``groesse``)."""
    lowered = word.lower()
    return fold("".join(GERMAN_FOLDS.get(char, char) for char in lowered))


def strip_pragmas(text: str) -> str:
    """Remove tool pragmas (``noqa``, ``type: ignore``, ``pragma: no cover`` …) from a comment."""
    return PRAGMA_PATTERN.sub(" ", text)


def _blank(match: Match[str]) -> str:
    return " " * len(match.group(0))


def strip_noise(text: str) -> str:
    """Blank out everything that is code or data rather than natural language.

    Blanked spans keep their length so offsets into the result still point into
    the original text.
    """
    if "\\" in text:
        text = ESCAPE_PATTERN.sub(_blank, text)
    return NOISE_PATTERN.sub(_blank, text)


def strip_light(text: str) -> str:
    """Blank pragmas, code spans, URLs, fields and ASCII names, keeping every run of non-ASCII text.

    Used before counting scripts: the full cleaning of :func:`strip_noise`
    treats a word touching a digit or a slash as code, which would blank whole
    Chinese sentences (they have no spaces).
    """
    return LIGHT_NOISE_PATTERN.sub(_blank, strip_pragmas(text))


def prose_words(text: str) -> List[Word]:
    """Split cleaned prose into words, marking capitalised words inside a sentence as names."""
    cleaned = strip_noise(strip_pragmas(text))
    words: List[Word] = []
    previous_end = 0
    for match in WORD_PATTERN.finditer(cleaned):
        token = match.group(0)
        before = cleaned[previous_end:match.start()]
        at_start = not words or bool(SENTENCE_END.search(before)) or "\n\n" in before
        first = token[0]
        name_like = first.isupper() and not at_start and not token.isupper()
        if token.isupper() and len(token) <= 3:
            previous_end = match.end()
            continue
        words.append(Word(text=token, name_like=name_like, offset=match.start()))
        previous_end = match.end()
    return _mark_full_names(words)


def _capitalised(word: Word) -> bool:
    return word.text[0].isupper() and not word.text.isupper()


def _mark_full_names(words: List[Word]) -> List[Word]:
    """Extend name marks over full names: ``Andrei Popescu``, ``Guido van Rossum``, ``Joris van der Hoeven``.

    A capitalised word that opens a sentence is a name when a name follows it;
    lower-case particles (``van``, ``de``, ``von``) between two name parts
    belong to the name.
    """
    marks = [word.name_like for word in words]
    count = len(words)
    for index in range(count):
        if not _capitalised(words[index]):
            continue
        follow = index + 1
        for width in (2, 1):
            particle = " ".join(word.text for word in words[index + 1:index + 1 + width])
            if len(particle.split()) == width and particle in NAME_PARTICLES:
                follow = index + 1 + width
                break
        if follow < count and words[follow].name_like:
            for inner in range(index, follow):
                marks[inner] = True
    return [Word(text=w.text, name_like=mark, offset=w.offset) for w, mark in zip(words, marks)]


def split_identifier(name: str) -> Tuple[str, ...]:
    """Split ``snake_case``, ``camelCase``, ``PascalCase`` and ``UPPER_CASE`` names into words.

    Works for any alphabet (``ÎncărcătorDate`` -> ``Încărcător``, ``Date``); an
    upper-case run followed by a capitalised word is an acronym (``HFTokenizer``
    -> ``HF``, ``Tokenizer``).
    """
    known = _SPLIT.get(name)
    if known is not None:
        return tuple(known.split(" ")) if known else ()
    if name.islower() or name.isupper() or not any(char.isupper() for char in name):
        return _remember_split(name, [part for part in NON_LETTERS.split(name) if part])
    parts: List[str] = []
    for chunk in NON_LETTERS.split(name):
        if not chunk:
            continue
        start = 0
        for index in range(1, len(chunk)):
            previous, current = chunk[index - 1], chunk[index]
            following = chunk[index + 1] if index + 1 < len(chunk) else ""
            if current.isupper() and (previous.islower() or (previous.isupper() and following.islower())):
                parts.append(chunk[start:index])
                start = index
        parts.append(chunk[start:])
    return _remember_split(name, [part for part in parts if part])


def _remember_split(name: str, parts: List[str]) -> Tuple[str, ...]:
    _SPLIT.put(name, " ".join(parts))
    return tuple(parts)
