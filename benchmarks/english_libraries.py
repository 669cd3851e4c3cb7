# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Lexicon or library? The candidates for Latin-script recall, measured side by side on real code.

    python benchmarks/english_libraries.py --real CLONES --split dev
    python benchmarks/english_libraries.py --real CLONES --split heldout   # once, after tuning

Each candidate runs in a fresh process on the items of one split of
``benchmarks/data/english_real.jsonl`` (see ``english_precision.py --real``):

- ``shipped``: prefguard with its shipped lexicon only (the deep lexicon switched off);
- ``deep``: prefguard as shipped: the frequent-word lexicon, then the deep
  lexicon (rare words from wordfreq's lists, ``checks/english/deep.py``) for
  undecided texts;
- ``wordfreq``: the same two steps with the ``wordfreq`` package queried at
  run time instead of the deep lexicon file (needs ``pip install wordfreq``);
- ``lingua-high`` / ``lingua-low``: lingua-language-detector alone (English
  and the 20 Latin-script languages the lexicon knows), high and low accuracy
  mode (needs ``pip install lingua-language-detector``);
- ``deep+lingua``: ``deep``, then lingua names the language of an undecided
  verdict ("not English").

Printed per class: items, flagged rate, share named right, then the load
time (first verdict, models included) and the mean time per item.
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

from english_precision import MANIFEST, real_verdict
from english_real_code import CLASSES, Extractor, FileReader, item_class, read_manifest

from checks.english import detector

CANDIDATES = ("shipped", "deep", "wordfreq", "lingua-high", "lingua-low", "deep+lingua")
LATIN = ("en", "ro", "es", "pt", "de", "fr", "it", "pl", "hu", "tr", "nl", "ca", "cs", "sv", "da", "nb", "fi", "sk", "sl", "lt", "lv")
Predictor = Callable[[str, str], Optional[str]]


def _lingua(low: bool) -> Callable[[str], Optional[str]]:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in LATIN if code not in ("nb",)] + [IsoCode639_1.NB]
    builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
    built = (builder.with_low_accuracy_mode() if low else builder).build()

    def name(text: str) -> Optional[str]:
        language = built.detect_language_of(text)
        return None if language is None else language.iso_code_639_1.name.lower()

    return name


def _wordfreq_zipfs() -> Callable[[str], Dict[str, int]]:
    import wordfreq

    def zipfs(folded: str) -> Dict[str, int]:
        found: Dict[str, int] = {}
        for lang in LATIN[1:]:
            zipf = int(round(wordfreq.zipf_frequency(folded, lang, wordlist="best") * 10))
            if zipf:
                found[lang] = zipf
        return found

    return zipfs


def predictor(name: str) -> Predictor:
    """The candidate ``name`` as a function of (text, kind) to a language code or None (English)."""
    if name == "shipped":
        setattr(detector, "judge_rare_words", lambda text, allow=frozenset(): None)
    elif name == "wordfreq":
        lookup = _wordfreq_zipfs()
        setattr(detector, "_rare_zipfs", lambda folded: lookup(folded) or detector._compound_zipfs(folded))
    elif name.startswith("lingua"):
        detect = _lingua(name.endswith("low"))
        return lambda text, kind: (lambda code: None if code in (None, "en") else code)(detect(text))
    elif name == "deep+lingua":
        detect = _lingua(False)

        def named(text: str, kind: str) -> Optional[str]:
            found = real_verdict(text, kind)
            if found != detector.UNSURE[0]:
                return found
            code = detect(text)
            return found if code in (None, "en") else code

        return named
    return real_verdict


def run_one(name: str, clones: Path, split: str) -> Dict[str, object]:
    """Score one candidate on one split; the counts, load and per-item times."""
    items = [item for item in read_manifest(MANIFEST) if item.split == split]
    extractor = Extractor(FileReader(clones))
    texts: List[Tuple[str, str, str]] = []
    for item in items:
        text = extractor.text_of(item)
        if text is not None:
            texts.append((text, item.kind, item.expect))
    start = time.perf_counter()
    predict = predictor(name)
    predict("Tworzymy zmienne o wartosciach logicznych", "comment")
    load = time.perf_counter() - start
    counts: Dict[str, List[int]] = {cls: [0, 0, 0] for cls in CLASSES}
    start = time.perf_counter()
    for text, kind, expect in texts:
        found = predict(text, kind)
        row = counts[item_class(expect, text)]
        row[0] += 1
        row[1] += found is not None
        row[2] += found == expect or (expect in ("ja", "zh") and found in ("ja", "zh"))
    per_item = (time.perf_counter() - start) / max(len(texts), 1)
    return {"counts": counts, "load": load, "per_item": per_item}


def main() -> int:
    """Run every candidate (or one, with --candidate) and print the table."""
    parser = argparse.ArgumentParser(description="Lexicon or library: Latin-script recall on real code.")
    parser.add_argument("--real", type=Path, required=True, help="folder of clones of the manifest's repositories")
    parser.add_argument("--split", choices=("dev", "heldout"), default="dev")
    parser.add_argument("--candidate", choices=CANDIDATES, help="run one candidate in this process (JSON out)")
    args = parser.parse_args()
    if args.candidate:
        print(json.dumps(run_one(args.candidate, args.real, args.split)), flush=True)
        return 0
    print(f"[INFO] split {args.split}: rate flagged (named right) per class; en is the false-positive rate", flush=True)
    print(f"[INFO] {'candidate':<12} " + " ".join(f"{cls:>16}" for cls in CLASSES) + "   load s   us/item", flush=True)
    for name in CANDIDATES:
        done = subprocess.run(
            [sys.executable, __file__, "--real", str(args.real), "--split", args.split, "--candidate", name],
            capture_output=True, text=True, check=False,
        )
        if done.returncode != 0:
            print(f"[WARN] {name}: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else 'failed'}", flush=True)
            continue
        result = json.loads(done.stdout.strip().splitlines()[-1])
        cells = []
        for cls in CLASSES:
            total, flagged, named = result["counts"][cls]
            share = f"{flagged / total:.1%}" if total else "-"
            right = f"({named / flagged:.0%})" if flagged and cls != "en" else ""
            cells.append(f"{share + right:>16}")
        print(f"[INFO] {name:<12} " + " ".join(cells) + f"   {result['load']:6.2f}   {result['per_item'] * 1e6:7.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
