# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""libcst helpers shared by the ENG rules: string text, names, docstrings, settings."""

import re
from typing import Any, Dict, FrozenSet, List, Optional, Sequence

import libcst as cst

from checks.english.cache import Memo
from checks.english.detector import Verdict, detect_prose, identifier_part_language, may_be_foreign, word_profile
from checks.config.paths import matches_any
from checks.config.settings import Settings


_FOREIGN_NAMES = Memo()
_LAST_IMPORTS: Dict[str, FrozenSet[str]] = {}
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


def call_matches(name: str, patterns: Sequence[str]) -> bool:
    """Whether a dotted callee matches a call entry (``*.error``: any receiver; ``st.*``: any attribute of ``st``)."""
    for pattern in patterns:
        if pattern.startswith("*."):
            if name.endswith(pattern[1:]) and name != pattern[2:]:
                return True
        elif pattern.endswith(".*"):
            if name.startswith(pattern[:-1]) and len(name) > len(pattern) - 1:
                return True
        elif name == pattern:
            return True
    return False


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


def judge_prose(text: str, allow: FrozenSet[str]) -> Optional[Verdict]:
    """The first confident non-English verdict over the paragraphs of a text, if any."""
    if not may_be_foreign(text):
        return None
    for block in paragraphs(text):
        verdict = detect_prose(block, allow)
        if verdict is not None:
            return verdict
    return None
