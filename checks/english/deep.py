# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The deep lexicon: rare words of Latin-script languages, read only for undecided texts.

``data/deep_lexicon.zip`` (built by ``benchmarks/build_deep_lexicon.py`` from
wordfreq's word lists, CC BY-SA 4.0) holds 1.2 million folded words below the
shipped lexicon's frequent ones (``wartosciach``, ``vorratsmengen``,
``najciemniejszy``) that English does not know. It is a zip archive with one
member per first letter, and a member is decompressed only when a word that
starts with its letter is looked up, so a check of English code that never
meets an unknown word never opens it.
"""

import io
import zipfile
from functools import lru_cache
from importlib import resources
from typing import Dict, Optional

DEEP_RESOURCE = "deep_lexicon.zip"


class DeepLexicon:
    """Zipf frequencies (tenths) per language of rare words, member by member on demand."""

    def __init__(self, archive: Optional[zipfile.ZipFile]) -> None:
        self.archive = archive
        self.members: Dict[str, Dict[str, str]] = {}

    def _member(self, letter: str) -> Dict[str, str]:
        known = self.members.get(letter)
        if known is not None:
            return known
        table: Dict[str, str] = {}
        name = f"{letter}.txt"
        if self.archive is not None and name in self.archive.namelist():
            for line in self.archive.read(name).decode("utf-8").split("\n"):
                word, _, languages = line.partition("\t")
                if word:
                    table[word] = languages
        self.members[letter] = table
        return table

    def zipfs(self, word: str) -> Dict[str, int]:
        """Zipf (tenths) of a folded lower-case word in each language of the deep lexicon that has it."""
        if not word or not word.isascii() or not word[0].isalpha():
            return {}
        found = self._member(word[0]).get(word)
        if not found:
            return {}
        parts = found.split(" ")
        return {parts[index]: int(parts[index + 1]) for index in range(0, len(parts) - 1, 2)}


@lru_cache(maxsize=1)
def load_deep_lexicon() -> DeepLexicon:
    """The deep lexicon of the package data (an empty one when the file is absent)."""
    data = resources.files("checks.english").joinpath("data").joinpath(DEEP_RESOURCE)
    if not data.is_file():
        return DeepLexicon(None)
    return DeepLexicon(zipfile.ZipFile(io.BytesIO(data.read_bytes())))
