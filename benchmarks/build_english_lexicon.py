# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Rebuild ``checks/english/data/lexicon.txt.gz`` from the wordfreq word lists.

Run once by a maintainer, never at lint time (wordfreq is not a dependency of
prefguard; install it in a scratch environment):

    pip install wordfreq==3.1.1
    PYTHONPATH=. python benchmarks/build_english_lexicon.py

The file holds, per language, words grouped by Zipf frequency (tenths):
English from wordfreq's "large" list down to Zipf 2.0, the other languages
from their "small" lists (Zipf 3.0 and up), folded to ASCII the way people
type without diacritics. wordfreq's data is CC BY-SA 4.0; the notice is
written into the file header and into ``checks/english/data/NOTICE``.
"""

import gzip
import math
import sys
from collections import defaultdict
from pathlib import Path
from typing import Dict, List

import wordfreq

from checks.english.text import fold, fold_german

OUTPUT = Path("checks/english/data/lexicon.txt.gz")
ENGLISH_FLOOR = 2.0
FOREIGN_FLOOR = 3.0
LIMITS: Dict[str, int] = {
    "ro": 0,
    "fr": 30000,
    "de": 30000,
    "es": 30000,
    "it": 30000,
    "pt": 30000,
    "nl": 10000,
    "pl": 10000,
    "sv": 10000,
    "da": 10000,
    "nb": 10000,
    "cs": 10000,
    "sk": 10000,
    "sl": 10000,
    "sh": 10000,
    "hu": 10000,
    "fi": 10000,
    "tr": 10000,
    "ca": 10000,
    "lt": 8000,
    "lv": 8000,
    "ru": 8000,
    "uk": 8000,
    "bg": 8000,
    "el": 8000,
}
NON_LATIN = {"ru", "uk", "bg", "el"}
HEADER = (
    "# prefguard English-detection lexicon. Derived from wordfreq 3.1.1 word lists\n"
    "# (https://github.com/rspeer/wordfreq), data licensed CC BY-SA 4.0 by Robyn Speer;\n"
    "# this file is distributed under the same license. Lines: '@lang' then 'zipf10 word word ...'.\n"
)


def zipf_of(frequency: float) -> int:
    """Zipf frequency in tenths (log10 of occurrences per billion words, times ten)."""
    return int(round((math.log10(frequency) + 9.0) * 10))


def english_table() -> Dict[str, int]:
    """English words (letters and apostrophes only) at or above the English floor."""
    table: Dict[str, int] = {}
    for word, frequency in wordfreq.get_frequency_dict("en", wordlist="large").items():
        zipf = zipf_of(frequency)
        if zipf < ENGLISH_FLOOR * 10:
            continue
        if word.isascii() and word.replace("'", "").isalpha():
            table[word] = max(zipf, table.get(word, 0))
    return table


def foreign_table(lang: str, english: Dict[str, int]) -> Dict[str, int]:
    """Folded words of one language, keeping those not clearly more English than foreign."""
    table: Dict[str, int] = {}
    items = sorted(wordfreq.get_frequency_dict(lang, wordlist="small").items(), key=lambda kv: -kv[1])
    limit = LIMITS[lang]
    if limit:
        items = items[:limit]
    for word, frequency in items:
        if not word.isalpha():
            continue
        zipf = zipf_of(frequency)
        if zipf < FOREIGN_FLOOR * 10:
            continue
        keys = {word.lower()} if lang in NON_LATIN else {fold(word)}
        if lang == "de":
            keys.add(fold_german(word))
        for key in keys:
            if lang not in NON_LATIN and not key.isascii():
                continue
            if english.get(key, 0) >= zipf + 10:
                continue
            table[key] = max(zipf, table.get(key, 0))
    return table


def write_table(lines: List[str], lang: str, table: Dict[str, int]) -> None:
    """Append one language section, words grouped by Zipf tenths, most frequent first."""
    buckets: Dict[int, List[str]] = defaultdict(list)
    for word, zipf in table.items():
        buckets[zipf].append(word)
    lines.append(f"@{lang}")
    for zipf in sorted(buckets, reverse=True):
        lines.append(f"{zipf} " + " ".join(sorted(buckets[zipf])))


def main() -> int:
    """Build the lexicon file and print its size per language."""
    english = english_table()
    lines: List[str] = []
    write_table(lines, "en", english)
    print(f"[INFO] en: {len(english)} words", flush=True)
    for lang in LIMITS:
        table = foreign_table(lang, english)
        write_table(lines, lang, table)
        print(f"[INFO] {lang}: {len(table)} words", flush=True)
    payload = (HEADER + "\n".join(lines) + "\n").encode("utf-8")
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUTPUT, "wb", compresslevel=9) as handle:
        handle.write(payload)
    print(f"[OK] wrote {OUTPUT} ({OUTPUT.stat().st_size} bytes, {len(payload)} uncompressed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
