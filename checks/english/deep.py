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
    """Zipf frequencies (tenths) per language of rare words, member by member on demand.

    A member stays the bytes it decompresses to and is searched, not parsed:
    few words per run are looked up, so building a table of 50,000 entries
    per letter would cost more than every lookup together.
    """

    def __init__(self, archive: Optional[zipfile.ZipFile]) -> None:
        self.archive = archive
        self.members: Dict[str, bytes] = {}
        self.known: Dict[str, Dict[str, int]] = {}

    def _member(self, letter: str) -> bytes:
        known = self.members.get(letter)
        if known is not None:
            return known
        name = f"{letter}.txt"
        data = b""
        if self.archive is not None and name in self.archive.namelist():
            data = b"\n" + self.archive.read(name)
        self.members[letter] = data
        return data

    def zipfs(self, word: str) -> Dict[str, int]:
        """Zipf (tenths) of a folded lower-case word in each language of the deep lexicon that has it."""
        if not word or not word.isascii() or not word[0].isalpha():
            return {}
        found = self.known.get(word)
        if found is not None:
            return found
        data = self._member(word[0])
        start = data.find(b"\n" + word.encode("ascii") + b"\t")
        found = {}
        if start != -1:
            begin = start + len(word) + 2
            end = data.find(b"\n", begin)
            parts = data[begin:end if end != -1 else len(data)].decode("ascii").split(" ")
            found = {parts[index]: int(parts[index + 1]) for index in range(0, len(parts) - 1, 2)}
        self.known[word] = found
        return found


@lru_cache(maxsize=1)
def load_deep_lexicon() -> DeepLexicon:
    """The deep lexicon of the package data (an empty one when the file is absent)."""
    data = resources.files("checks.english").joinpath("data").joinpath(DEEP_RESOURCE)
    if not data.is_file():
        return DeepLexicon(None)
    return DeepLexicon(zipfile.ZipFile(io.BytesIO(data.read_bytes())))
