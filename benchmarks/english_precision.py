# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Precision and recall of the English-only detector (ENG001-ENG005) on the labelled sets.

    python benchmarks/english_precision.py                 # dev and held-out sets
    python benchmarks/english_precision.py --errors        # also list every miss
    python benchmarks/english_precision.py --compare       # also py3langid / lingua, when installed

Prints, per set and class (English; Romanian with and without diacritics;
other languages): items, flagged, rate, the target, and the time per item.
Exits 1 when an accuracy target is missed (timings are printed, never judged).
"""

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List, Optional

from checks.english.evaluation import TARGETS, Predictor, Report, evaluate
from checks.english.lexicon import load_lexicon
from checks.english.text import split_identifier

DATA = Path(__file__).resolve().parent.parent / "tests" / "checks" / "english_eval"
SETS = ("dev", "heldout", "heldout2")


def read_items(path: Path) -> List[Dict[str, str]]:
    """The labelled items of one JSON-lines file."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def print_report(title: str, report: Report, show_errors: bool) -> bool:
    """Print one table; return whether every target holds."""
    print(f"[INFO] {title}", flush=True)
    print(f"[INFO]   {'class':<14} {'items':>5} {'flagged':>7} {'rate':>7}  target", flush=True)
    met = report.meets_targets()
    for name, score in report.classes.items():
        if not score.total:
            continue
        limit = TARGETS[name][1]
        status = "ok" if met.get(name, True) else "MISSED"
        target = f"FP rate <= {limit:.0%}" if name == "en" else f"recall >= {limit:.0%}"
        print(
            f"[INFO]   {name:<14} {score.total:>5} {score.flagged:>7} {score.flag_rate:>7.1%}  {target} ({status})",
            flush=True,
        )
    micros = report.seconds_per_item * 1e6
    print(f"[INFO]   precision of flags: {report.precision:.1%}; {micros:.0f} us per item", flush=True)
    if show_errors:
        for name, score in report.classes.items():
            for miss in score.misses:
                print(f"[WARN] {name}: {miss}", flush=True)
    return all(met.values())


def langid_predictor() -> Optional[Predictor]:
    """py3langid as a predictor (identifiers split into words first), if installed."""
    try:
        import py3langid
    except ImportError:
        return None

    def predict(text: str, kind: str) -> Optional[str]:
        words = " ".join(split_identifier(text)) if kind == "identifier" else text
        language = py3langid.classify(words)[0]
        return None if language == "en" else language

    return predict


def lingua_predictor() -> Optional[Predictor]:
    """lingua-language-detector with all languages as a predictor, if installed."""
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        return None
    detector = LanguageDetectorBuilder.from_all_languages().build()

    def predict(text: str, kind: str) -> Optional[str]:
        words = " ".join(split_identifier(text)) if kind == "identifier" else text
        language = detector.detect_language_of(words)
        if language is None or language == Language.ENGLISH:
            return None
        return language.iso_code_639_1.name.lower()

    return predict


def main() -> int:
    """Score prefguard (and optionally other detectors) on every evaluation set."""
    parser = argparse.ArgumentParser(description="Precision and recall of the ENG detector.")
    parser.add_argument("--data", type=Path, default=DATA, help="folder with dev.jsonl and heldout.jsonl")
    parser.add_argument("--errors", action="store_true", help="list every misclassified item")
    parser.add_argument("--compare", action="store_true", help="also score py3langid and lingua when installed")
    args = parser.parse_args()

    start = time.perf_counter()
    load_lexicon()
    print(f"[INFO] lexicon loaded in {time.perf_counter() - start:.3f} s", flush=True)
    predictors: Dict[str, Callable[[str, str], Optional[str]]] = {}
    if args.compare:
        for name, factory in (("py3langid", langid_predictor), ("lingua", lingua_predictor)):
            start = time.perf_counter()
            predictor = factory()
            if predictor is None:
                print(f"[INFO] {name} is not installed; skipped", flush=True)
                continue
            predictor("warm up the model", "comment")
            print(f"[INFO] {name} loaded in {time.perf_counter() - start:.2f} s", flush=True)
            predictors[name] = predictor

    all_met = True
    for name in SETS:
        path = args.data / f"{name}.jsonl"
        if not path.exists():
            print(f"[WARN] {path} not found", flush=True)
            continue
        items = read_items(path)
        all_met &= print_report(f"prefguard on {name} ({len(items)} items)", evaluate(items), args.errors)
        for other, predictor in predictors.items():
            print_report(f"{other} on {name} ({len(items)} items)", evaluate(items, predictor), False)
    if all_met:
        print("[OK] every accuracy target holds", flush=True)
        return 0
    print("[ERROR] an accuracy target is missed", flush=True)
    return 1


if __name__ == "__main__":
    sys.exit(main())
