# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""libcst helpers shared by the ENG rules: string text, names, docstrings, settings."""

import re
from typing import Any, Dict, FrozenSet, List, Optional, Sequence

import libcst as cst

from checks.english.cache import Memo
from checks.english.allowlist import PROPER_NAMES
from checks.english.detector import FILLER_PATTERN, Verdict, detect_prose, english_zipf, identifier_part_language, word_profile, worth_judging
from checks.english.scripts import char_script
from checks.english.text import fold, strip_light, strip_noise
from checks.config.paths import matches_any
from checks.config.settings import Settings


_FOREIGN_NAMES = Memo()
_LAST_IMPORTS: Dict[str, FrozenSet[str]] = {}
SENTENCE_BREAK = re.compile(r"(?<=[.!?;:])\s+(?=\S)|(?<=[。！？])")
CODE_SPAN = re.compile(r"``[^`]*``|`[^`\n]*`")
TITLE_WORD = re.compile(r"[^\W\d_]+")
TITLE_MAX_WORDS = 10
UNIT_WORD = re.compile(r"[^\W\d_]{3,}")
UNIT_MIN_WORDS = 2
TITLE_ENGLISH_ZIPF = 40
QUOTED = re.compile(r"\"[^\"\n]*\"|'[^'\n]*'|「[^」\n]*」|『[^』\n]*』")
KANA_RUN = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]+")
KANA_GRAMMAR_LETTERS = 2
IMPORT_LINE = re.compile(r"^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import\b|import[ \t]+([\w.][\w., \t]*))", re.MULTILINE)


def imported_names(source: str) -> FrozenSet[str]:
    """The lower-case parts of every module name a source imports (``werkzeug``, ``routing``).

    A library's name is not a word of another language (``werkzeug_version``).
    The three ENG rules ask for the same file in turn, so the last answer is kept.
    """
    known = _LAST_IMPORTS.get(source)
    if known is not None:
        return known
    names = set()
    for match in IMPORT_LINE.finditer(source):
        modules = match.group(1) or match.group(2)
        for module in modules.split(","):
            for part in module.strip().split(" ")[0].split("."):
                if part:
                    names.add(part.lower())
    found = frozenset(name for name in names if _looks_foreign(name))
    _LAST_IMPORTS.clear()
    _LAST_IMPORTS[source] = found
    return found


def _looks_foreign(name: str) -> bool:
    """Only names the detector could take for another language matter (keeps the allow set small)."""
    known = _FOREIGN_NAMES.get(name)
    if known is None:
        known = _FOREIGN_NAMES.put(name, identifier_part_language(name) is not None or bool(word_profile(name).strong))
    return known


def allowed_words(settings: Settings) -> FrozenSet[str]:
    """The ``allow-words`` and ``allow-names`` settings as one lower-case set."""
    table = settings.table("english")
    words = list(table.get("allow-words", [])) + list(table.get("allow-names", []))
    return frozenset(str(word).lower() for word in words)


def is_exempt(path: str, settings: Settings) -> bool:
    """Whether the ``english.exempt`` globs exclude a path from the ENG rules."""
    exempt = settings.table("english").get("exempt", [])
    return bool(exempt) and matches_any(path, exempt)


def string_text(node: Any) -> Optional[str]:
    """The text of a string literal node, escapes left as written; f-string fields become ``{}``.

    None for bytes and for anything that is not a string literal. Escape
    sequences (``\\n``) are blanked by the detector's cleaning, so the raw text
    serves as well as the evaluated value and costs far less.
    """
    if isinstance(node, cst.SimpleString):
        if "b" in node.prefix.lower():
            return None
        return node.raw_value
    if isinstance(node, cst.ConcatenatedString):
        left = string_text(node.left)
        right = string_text(node.right)
        if left is None and right is None:
            return None
        return (left or "") + (right or "")
    if isinstance(node, cst.FormattedString):
        if "b" in node.prefix.lower():
            return None
        pieces: List[str] = []
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                pieces.append(part.value)
            else:
                pieces.append(" {} ")
        return "".join(pieces)
    return None


class CallMatcher:
    """Whether a dotted callee matches one of a list of call entries, compiled once and remembered per callee name.

    ``*.error`` matches any receiver's ``error``; ``st.*`` any attribute of ``st``; other entries match exactly.
    """

    def __init__(self, patterns: Sequence[str]) -> None:
        self.exact = frozenset(pattern for pattern in patterns if not pattern.startswith("*.") and not pattern.endswith(".*"))
        self.suffixes = tuple(pattern[1:] for pattern in patterns if pattern.startswith("*."))
        self.prefixes = tuple(pattern[:-1] for pattern in patterns if pattern.endswith(".*"))
        self.known: Dict[str, bool] = {}

    def __call__(self, name: str) -> bool:
        """Whether a dotted callee matches one of the patterns."""
        found = self.known.get(name)
        if found is None:
            found = name in self.exact or name.endswith(self.suffixes) or name.startswith(self.prefixes)
            self.known[name] = found
        return found


def paragraphs(text: str) -> List[str]:
    """Split prose on blank lines; each paragraph is judged on its own."""
    blocks: List[str] = []
    current: List[str] = []
    for line in text.splitlines():
        if line.strip():
            current.append(line)
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return blocks


def _sentences(line: str) -> List[str]:
    """The sentences and clauses of one line (``sanity check: verificar las credenciales``)."""
    return [part for part in SENTENCE_BREAK.split(line) if part.strip()]


def units_of(block: str) -> List[str]:
    """The parts of a paragraph judged on their own: each line, then each sentence of a line.

    One English line or clause must not hide a foreign one ("never mix
    languages"); a part is only listed when it differs from the paragraph.
    Code spans and quoted examples are blanked first, so code neither hides
    nor splits a sentence, and a quoted token never stands alone; a part of
    one word (the end of a wrapped sentence: ``paren)``) is not judged alone.
    """
    units: List[str] = []
    lines = [line for line in QUOTED.sub(" ", CODE_SPAN.sub(" ", block)).splitlines() if line.strip()]
    for line in lines:
        if len(lines) > 1:
            units.append(line)
        sentences = _sentences(line)
        if len(sentences) > 1:
            units.extend(sentences)
    return [unit for unit in units if len(UNIT_WORD.findall(unit)) >= UNIT_MIN_WORDS]


def title_case_words(unit: str) -> Optional[str]:
    """A Title Case heading lower-cased, so its words are judged as words, or None.

    ``Ajustar Liquidación Primaria de Granos``: every word of four letters or
    more is capitalised, at least two are, none is a known proper name (a
    credits line such as ``Andrei Popescu`` stays a list of names) and none is
    a common English word (``From Torenbeek``: a name after English).
    """
    words = TITLE_WORD.findall(strip_noise(unit))
    long_words = [word for word in words if len(word) >= 4]
    capitalised = [word for word in long_words if word[0].isupper() and not word.isupper()]
    if len(capitalised) < 2 or len(capitalised) != len(long_words) or len(words) > TITLE_MAX_WORDS:
        return None
    if any(fold(word) in PROPER_NAMES or english_zipf(word.lower()) >= TITLE_ENGLISH_ZIPF for word in capitalised):
        return None
    return unit.lower()


def kana_grammar(unit: str) -> Optional[Verdict]:
    """Japanese when hiragana (particles, endings) runs between words: ``scores は MOS1, ..., mean のリスト``.

    Hiragana is grammar, never a name or a loan word; quoted examples do not count.
    """
    bare = QUOTED.sub(" ", strip_light(unit))
    hiragana = [char for char in bare if char_script(char) == "HIRAGANA"]
    if len(hiragana) < KANA_GRAMMAR_LETTERS:
        return None
    shown = tuple(dict.fromkeys(KANA_RUN.findall(bare)))[:5]
    return Verdict(language="ja", name="Japanese", words=shown, score=len(hiragana) / 10.0)


def _judge_unit(unit: str, allow: FrozenSet[str]) -> Optional[Verdict]:
    verdict = kana_grammar(unit) if not unit.isascii() else None
    if verdict is None:
        verdict = detect_prose(unit, allow)
    if verdict is None:
        lowered = title_case_words(unit)
        if lowered is not None:
            verdict = detect_prose(lowered, allow)
    return verdict


def judge_prose(text: str, allow: FrozenSet[str]) -> Optional[Verdict]:
    """The first confident non-English verdict over a text, if any.

    Each paragraph is judged, then each of its lines and sentences on its own
    (:func:`units_of`), each also as a Title Case heading lower-cased and for
    Japanese grammar between code words.
    """
    if not worth_judging(text) or FILLER_PATTERN.search(text):
        return None
    for block in paragraphs(text):
        verdict = _judge_unit(block, allow)
        if verdict is not None:
            return verdict
        if not worth_judging(block):
            continue
        for unit in units_of(block):
            verdict = _judge_unit(unit, allow)
            if verdict is not None:
                return verdict
    return None
