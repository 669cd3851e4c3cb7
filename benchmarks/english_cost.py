# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""What the English rules (ENG001-ENG005) cost in a cold check of the standard library.

The corpus is the one ``compare.py`` uses (the interpreter's standard library
outside test folders, in a fresh git repository). Each round runs, as fresh
processes and interleaved, ``prefguard check --no-cache`` with every rule and
with ``--ignore ENG``; the table shows the median CPU and wall time of each
and the share of the full check that the ENG rules add. Also timed: ENG005
on a generated 1 MB Markdown document, in process.

    python benchmarks/english_cost.py [--rounds 3] [--jobs 1]

Exits 1 when the ENG share of the CPU time is above 10 % or the 1 MB document
takes a second or more.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List

from compare import build_corpus, run_measured, snapshot_source, stdlib_files

from checks.config.settings import build_settings
from checks.english.files import check_document

SHARE_LIMIT = 0.10
DOCUMENT_LIMIT_S = 1.0
DOCUMENT_BYTES = 1_000_000
WORDS = (
    "the trainer loads a checkpoint from disk and resumes at the saved step while every optimizer state "
    "is restored before the next batch arrives from the data loader"
).split()


def one_megabyte_document() -> str:
    """A generated English Markdown document of about 1 MB (headings, paragraphs, lists, code)."""
    chooser = random.Random(16)
    parts: List[str] = []
    size = 0
    while size < DOCUMENT_BYTES:
        sentence = " ".join(chooser.choice(WORDS) for _ in range(chooser.randint(12, 40))).capitalize() + "."
        block = f"## Section {len(parts)}\n\n{sentence} {sentence}\n\n- {sentence}\n\n```python\nx = {len(parts)}\n```\n"
        parts.append(block)
        size += len(block)
    return "\n".join(parts)


def time_document() -> float:
    """Seconds ENG005 takes on the 1 MB document (best of three)."""
    text = one_megabyte_document()
    settings = build_settings({})
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        check_document(text, "docs/large.md", settings)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    """Measure, print the table, judge the two targets."""
    parser = argparse.ArgumentParser(description="Cost of the ENG rules in a cold check of the standard library.")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes for prefguard")
    args = parser.parse_args()
    samples: Dict[str, List[Dict[str, float]]] = {"all rules": [], "without ENG": []}
    with tempfile.TemporaryDirectory(prefix="prefguard-eng-cost-") as folder:
        root = Path(folder)
        corpus = root / "corpus"
        corpus.mkdir()
        files, lines = build_corpus(corpus, len(stdlib_files()))
        source = snapshot_source(root / "source")
        print(f"[INFO] corpus: {files} files, {lines} lines of the standard library", flush=True)
        base = [sys.executable, "-c", "import sys; from hooks.cli import main; sys.exit(main())", "check", "--no-cache"]
        base += ["--jobs", str(args.jobs), "."]
        env = {"PYTHONPATH": str(source), "PATH": "/usr/bin:/bin"}
        for number in range(args.rounds):
            for name, extra in (("all rules", []), ("without ENG", ["--ignore", "ENG"])):
                measured = run_measured(base + extra, corpus, env)
                samples[name].append(measured)
                print(f"[INFO] round {number + 1}: {name}: {measured['cpu']:.1f} s CPU, {measured['wall']:.1f} s wall", flush=True)
    full = statistics.median(sample["cpu"] for sample in samples["all rules"])
    bare = statistics.median(sample["cpu"] for sample in samples["without ENG"])
    share = (full - bare) / full if full else 0.0
    document = time_document()
    print(f"[INFO] median CPU: all rules {full:.1f} s, without ENG {bare:.1f} s", flush=True)
    print(f"[INFO] ENG share of a cold check: {share:.1%} (target <= {SHARE_LIMIT:.0%})", flush=True)
    print(f"[INFO] ENG005 on a 1 MB document: {document:.3f} s (target < {DOCUMENT_LIMIT_S:.0f} s)", flush=True)
    if share <= SHARE_LIMIT and document < DOCUMENT_LIMIT_S:
        print("[OK] both targets hold", flush=True)
        return 0
    print("[ERROR] a target is missed", flush=True)
    return 1


if __name__ == "__main__":
    sys.exit(main())
