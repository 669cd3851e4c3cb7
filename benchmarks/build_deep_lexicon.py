# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Rebuild ``checks/english/data/deep_lexicon.txt.gz``: rare words of Latin-script languages.

Run once by a maintainer, never at lint time (wordfreq is not a dependency of
prefguard; install it in a scratch environment):

    pip install wordfreq==3.1.1
    PYTHONPATH=. python benchmarks/build_deep_lexicon.py

The shipped lexicon (``lexicon.txt.gz``) holds the frequent words of each
language; this file holds the words below them, down to ``DEEP_FLOOR``,
from wordfreq's "best" list per language (the large list where wordfreq has
one), folded to ASCII, at least four letters long and unknown to English
(absent from wordfreq's large English list). The detector reads it only for
a text that its frequent words leave undecided (see ``checks/english/deep.py``).
The file is a zip archive with one member per first letter (``a.txt`` ...),
so a lookup decompresses only the member its word needs: lines
``word<TAB>lang zipf10 lang zipf10 ...``. Same licence (CC BY-SA 4.0) as the
shipped lexicon; the notice is the archive's ``NOTICE`` member.
"""

import math
import sys
from pathlib import Path
import zipfile
from typing import Dict, List, Set

import wordfreq

from build_english_lexicon import LIMITS, NON_LATIN
from checks.english.lexicon import load_lexicon
from checks.english.text import fold, fold_german

OUTPUT = Path("checks/english/data/deep_lexicon.zip")
DEEP_FLOOR = 2.0
MIN_LETTERS = 4
HEADER = (
    "# prefguard deep lexicon: rare words of Latin-script languages. Derived from wordfreq 3.1.1 word lists\n"
    "# (https://github.com/rspeer/wordfreq), data licensed CC BY-SA 4.0 by Robyn Speer;\n"
    "# this file is distributed under the same license. Members a.txt ... z.txt, lines 'word<TAB>lang zipf10 ...'.\n"
)


def zipf_of(frequency: float) -> int:
    """Zipf frequency in tenths."""
    return int(round((math.log10(frequency) + 9.0) * 10))


def english_words() -> Set[str]:
    """Every folded word of wordfreq's large English list."""
    return {fold(word) for word in wordfreq.get_frequency_dict("en", wordlist="large")}


def deep_table(lang: str, english: Set[str], shipped: Dict[str, int]) -> Dict[str, int]:
    """Folded words of one language below the shipped lexicon, unknown to English."""
    table: Dict[str, int] = {}
    for word, frequency in wordfreq.get_frequency_dict(lang, wordlist="best").items():
        zipf = zipf_of(frequency)
        if zipf < DEEP_FLOOR * 10 or not word.isalpha():
            continue
        keys = {fold(word)}
        if lang == "de":
            keys.add(fold_german(word))
        for key in keys:
            if len(key) < MIN_LETTERS or not key.isascii() or key in english or key in shipped:
                continue
            table[key] = max(zipf, table.get(key, 0))
    return table


def main() -> int:
    """Build the deep lexicon and print its size per language."""
    english = english_words()
    lexicon = load_lexicon()
    merged: Dict[str, List[str]] = {}
    for lang in LIMITS:
        if lang in NON_LATIN:
            continue
        table = deep_table(lang, english, lexicon.tables.get(lang, {}))
        for word, zipf in table.items():
            merged.setdefault(word, []).append(f"{lang} {zipf}")
        print(f"[INFO] {lang}: {len(table)} words", flush=True)
    members: Dict[str, List[str]] = {}
    for word in sorted(merged):
        members.setdefault(word[0], []).append(f"{word}\t{' '.join(merged[word])}")
    with zipfile.ZipFile(OUTPUT, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("NOTICE", HEADER)
        for letter in sorted(members):
            archive.writestr(f"{letter}.txt", "\n".join(members[letter]) + "\n")
    print(f"[OK] wrote {OUTPUT} ({OUTPUT.stat().st_size} bytes, {len(merged)} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
