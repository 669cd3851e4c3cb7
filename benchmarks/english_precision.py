# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Precision and recall of the English-only detector (ENG001-ENG005) on the labelled sets.

    python benchmarks/english_precision.py                 # dev and held-out sets
    python benchmarks/english_precision.py --errors        # also list every miss
    python benchmarks/english_precision.py --compare       # also py3langid / lingua, when installed
    python benchmarks/english_precision.py --real CLONES   # the real-code manifest, read from your clones

``--real`` scores the items of ``benchmarks/data/english_real.jsonl`` (public
repositories named by path, line and column, no copied text) in a folder of
clones the user fetched, dev and held-out splits side by side, and lists the
items it could not find (see ``english_real_code.py``).

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
from checks.english.syntax import judge_prose
from checks.english.detector import detect_identifier, detect_prose
from checks.english.text import split_identifier
from english_real_code import CLASSES as REAL_CLASSES
from english_real_code import REAL_TARGETS, Extractor, FileReader, Item, item_class, read_manifest

DATA = Path(__file__).resolve().parent.parent / "tests" / "checks" / "english_eval"
SETS = ("dev", "heldout", "heldout2")
MANIFEST = Path(__file__).resolve().parent / "data" / "english_real.jsonl"
SPLITS = ("dev", "heldout")


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


def real_verdict(text: str, kind: str) -> Optional[str]:
    """The language the ENG rules report for one real item (as ENG001-ENG003 and ENG005 judge it)."""
    if kind == "identifier":
        verdict = detect_identifier(text)
        return None if verdict is None else verdict.language
    if kind == "doc":
        verdict = detect_prose(text)
    else:
        verdict = judge_prose(text, frozenset())
    return None if verdict is None else verdict.language


def score_real(clones: Path, manifest: Path, show_errors: bool) -> bool:
    """Score the real-code manifest per split and class; print missing items; return whether targets hold."""
    items = read_manifest(manifest)
    extractor = Extractor(FileReader(clones))
    counts: Dict[str, Dict[str, List[int]]] = {split: {name: [0, 0, 0] for name in REAL_CLASSES} for split in SPLITS}
    missing: List[Item] = []
    errors: List[str] = []
    start = time.perf_counter()
    judged = 0
    for item in items:
        text = extractor.text_of(item)
        if text is None:
            missing.append(item)
            continue
        judged += 1
        name = item_class(item.expect, text)
        language = real_verdict(text, item.kind)
        row = counts[item.split][name]
        row[0] += 1
        row[1] += language is not None
        right = language == item.expect or (item.expect in ("ja", "zh") and language in ("ja", "zh"))
        row[2] += name != "en" and right
        if (language is not None) == (name == "en"):
            errors.append(f"{item.split} {name} {item.kind} {item.repo}:{item.path}:{item.line} -> {language or 'en'}")
    elapsed = time.perf_counter() - start
    print(f"[INFO] real code: {judged} of {len(items)} items found and judged in one run ({elapsed:.1f} s)", flush=True)
    met = True
    for split in SPLITS:
        print(f"[INFO] prefguard on real code, {split}", flush=True)
        print(f"[INFO]   {'class':<14} {'items':>5} {'flagged':>7} {'rate':>7} {'named':>7}  target", flush=True)
        for name in REAL_CLASSES:
            total, flagged, named = counts[split][name]
            if not total:
                continue
            rate = flagged / total
            limit = REAL_TARGETS[name]
            ok = rate <= limit if name == "en" else rate >= limit
            met &= ok or split == "dev"
            target = f"FP rate <= {limit:.1%}" if name == "en" else f"recall >= {limit:.0%}"
            shown = "" if name == "en" else f"{named / flagged:.0%}" if flagged else "-"
            status = "ok" if ok else "MISSED"
            print(f"[INFO]   {name:<14} {total:>5} {flagged:>7} {rate:>7.1%} {shown:>7}  {target} ({status})", flush=True)
    if show_errors:
        for line in errors:
            print(f"[WARN] {line}", flush=True)
    for item in missing:
        print(f"[WARN] not found: {item.repo}:{item.path}:{item.line}:{item.col} ({item.kind})", flush=True)
    if missing:
        print(f"[WARN] {len(missing)} item(s) not found; fetch the repositories the manifest names", flush=True)
    return met


def main() -> int:
    """Score prefguard (and optionally other detectors) on every evaluation set."""
    parser = argparse.ArgumentParser(description="Precision and recall of the ENG detector.")
    parser.add_argument("--data", type=Path, default=DATA, help="folder with dev.jsonl and heldout.jsonl")
    parser.add_argument("--errors", action="store_true", help="list every misclassified item")
    parser.add_argument("--compare", action="store_true", help="also score py3langid and lingua when installed")
    parser.add_argument("--real", type=Path, help="folder of clones of the repositories in the real-code manifest")
    parser.add_argument("--manifest", type=Path, default=MANIFEST, help="the real-code manifest (JSON lines)")
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
    if args.real is not None:
        if not args.real.is_dir():
            print(f"[ERROR] {args.real}: not a folder of clones", flush=True)
            return 2
        all_met &= score_real(args.real, args.manifest, args.errors)
    if all_met:
        print("[OK] every accuracy target holds", flush=True)
        return 0
    print("[ERROR] an accuracy target is missed", flush=True)
    return 1


if __name__ == "__main__":
    sys.exit(main())
