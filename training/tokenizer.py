# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""A character-level tokenizer trained on the corpus itself; nothing is downloaded.

Every character seen at least ``min_count`` times gets its own id; id 0 is the
unknown token for the rest. Encoding is vectorised with NumPy (code points,
then a sorted lookup), so millions of characters encode in well under a second.
"""

import json
import os
from collections import Counter
from pathlib import Path
from typing import Iterable, List

import numpy as np

UNKNOWN_ID = 0
UNKNOWN_CHAR = "\ufffd"


class CharTokenizer:
    """Maps characters to ids (0 = unknown) and back."""

    def __init__(self, chars: List[str]) -> None:
        if len(set(chars)) != len(chars) or any(len(char) != 1 for char in chars):
            raise ValueError("CharTokenizer needs distinct single characters")
        self.chars = sorted(chars, key=ord)
        self._codes = np.array([ord(char) for char in self.chars], dtype=np.uint32)

    @classmethod
    def train(cls, texts: Iterable[str], min_count: int = 1) -> "CharTokenizer":
        """Build the vocabulary from the characters of ``texts``."""
        counts: Counter = Counter()
        for text in texts:
            counts.update(text)
        chars = [char for char, count in counts.items() if count >= min_count]
        if not chars:
            raise ValueError("Cannot train a tokenizer on empty text")
        return cls(chars)

    @property
    def vocab_size(self) -> int:
        """Number of ids, the unknown id included."""
        return len(self.chars) + 1

    def encode(self, text: str) -> np.ndarray:
        """Return the ids of ``text`` as a uint32 array."""
        if not text:
            return np.zeros(0, dtype=np.uint32)
        codes = np.frombuffer(text.encode("utf-32-le", errors="replace"), dtype="<u4")
        positions = np.searchsorted(self._codes, codes)
        clipped = np.minimum(positions, len(self._codes) - 1)
        known = self._codes[clipped] == codes
        return np.where(known, clipped + 1, UNKNOWN_ID).astype(np.uint32)

    def decode(self, ids: Iterable[int]) -> str:
        """Return the text of ``ids``; unknown ids become U+FFFD."""
        table = [UNKNOWN_CHAR] + self.chars
        return "".join(table[int(index)] if 0 < int(index) < len(table) else UNKNOWN_CHAR for index in ids)

    def save(self, path: Path) -> None:
        """Write the vocabulary as JSON, atomically (temp file, then os.replace)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp_path = path.with_name(path.name + ".tmp")
        with open(tmp_path, "w", encoding="utf-8") as handle:
            json.dump({"type": "char", "unknown_id": UNKNOWN_ID, "chars": self.chars}, handle)
        os.replace(tmp_path, path)

    @classmethod
    def load(cls, path: Path) -> "CharTokenizer":
        """Read a vocabulary written by ``save``."""
        with open(path, "r", encoding="utf-8") as handle:
            document = json.load(handle)
        if document.get("type") != "char" or not isinstance(document.get("chars"), list):
            raise ValueError(f"{path} is not a character tokenizer file")
        return cls(list(document["chars"]))
