# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Scoring the detector against labelled items (the evaluation set's JSON lines, already parsed).

Each item has ``text``, ``kind`` (comment, identifier, message, doc) and
``label`` (en, ro, other). Romanian items are split by whether the text has
Romanian diacritics. Reading the files is the caller's job.
"""

import re
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterable, List, Mapping, Optional, Tuple

from checks.english.detector import Verdict, detect_identifier, detect_prose

ROMANIAN_DIACRITICS = re.compile("[ăâîșțşţĂÂÎȘȚŞŢ]")
CLASSES = ("en", "ro-diacritics", "ro-plain", "other")
TARGETS: Dict[str, Tuple[str, float]] = {
    "en": ("false-positive rate at most", 0.01),
    "ro-diacritics": ("recall at least", 0.98),
    "ro-plain": ("recall at least", 0.90),
    "other": ("recall at least", 0.85),
}

Predictor = Callable[[str, str], Optional[str]]


def item_class(item: Mapping[str, str]) -> str:
    """``en``, ``ro-diacritics``, ``ro-plain`` or ``other`` for one labelled item."""
    label = item["label"]
    if label == "ro":
        return "ro-diacritics" if ROMANIAN_DIACRITICS.search(item["text"]) else "ro-plain"
    return label


def detect(text: str, kind: str) -> Optional[Verdict]:
    """The detector as the rules use it: identifiers by name, everything else as prose."""
    if kind == "identifier":
        return detect_identifier(text)
    if kind == "doc":
        for block in text.split("\n\n"):
            verdict = detect_prose(block)
            if verdict is not None:
                return verdict
        return None
    return detect_prose(text)


def prefguard_predictor(text: str, kind: str) -> Optional[str]:
    """The language code prefguard reports for a text, or None when it stays silent."""
    verdict = detect(text, kind)
    return None if verdict is None else verdict.language


@dataclass
class ClassScore:
    """Counts for one class: items, items flagged as not English, right language found."""

    total: int = 0
    flagged: int = 0
    right_language: int = 0
    misses: List[str] = field(default_factory=list)

    @property
    def flag_rate(self) -> float:
        """Share of items flagged (recall for foreign classes, false-positive rate for English)."""
        return self.flagged / self.total if self.total else 0.0


@dataclass
class Report:
    """The scores of one run: per class, precision of the flags, time per item."""

    classes: Dict[str, ClassScore]
    seconds_per_item: float

    @property
    def precision(self) -> float:
        """Share of flagged items that really are not English."""
        flagged = sum(score.flagged for score in self.classes.values())
        wrong = self.classes["en"].flagged if "en" in self.classes else 0
        return (flagged - wrong) / flagged if flagged else 1.0

    def meets_targets(self) -> Dict[str, bool]:
        """Whether each class meets its target (see :data:`TARGETS`)."""
        result = {}
        for name, (_, limit) in TARGETS.items():
            score = self.classes.get(name)
            if score is None or not score.total:
                continue
            result[name] = score.flag_rate <= limit if name == "en" else score.flag_rate >= limit
        return result


def evaluate(items: Iterable[Mapping[str, str]], predictor: Predictor = prefguard_predictor) -> Report:
    """Run a predictor over labelled items and count per class."""
    classes = {name: ClassScore() for name in CLASSES}
    count = 0
    start = time.perf_counter()
    for item in items:
        count += 1
        name = item_class(item)
        score = classes[name]
        score.total += 1
        language = predictor(item["text"], item["kind"])
        wrong = (language is not None) if name == "en" else (language is None)
        if language is not None:
            score.flagged += 1
            expected = item.get("lang") or item["label"]
            if name != "en" and language == expected:
                score.right_language += 1
        if wrong:
            score.misses.append(f"{item['kind']}: {item['text'][:100]!r} -> {language or 'en'}")
    elapsed = time.perf_counter() - start
    return Report(classes=classes, seconds_per_item=elapsed / count if count else 0.0)
