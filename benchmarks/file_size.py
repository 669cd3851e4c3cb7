# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Benchmark: how long one file takes to check by its size, the measurement behind ``max-file-bytes``.

Files of growing size are made by joining standard-library modules (real
code, valid Python) and checked in this process with the default rules,
each size ``--rounds`` times (median). The script prints seconds and seconds
per MB for each size, and the largest size checked within ``--budget``
seconds: the ``max-file-bytes`` default is chosen from that figure (see
``checks/config/settings.py``).

    python benchmarks/file_size.py [--sizes 0.25,0.5,1,2] [--rounds 3] [--budget 15]
"""

import argparse
import statistics
import sys
import sysconfig
import time
from pathlib import Path
from typing import List, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checks.config.settings import build_settings  # noqa: E402
from checks.engine.lint import lint_source  # noqa: E402

MEGABYTE = 1_000_000
SOURCE_MODULES = ("argparse.py", "typing.py", "pathlib.py", "dataclasses.py", "inspect.py", "tarfile.py", "zipfile.py")


def joined_source(size: int) -> bytes:
    """About ``size`` bytes of valid Python made of whole standard-library modules."""
    root = Path(sysconfig.get_paths()["stdlib"])
    parts = [(root / name).read_bytes() for name in SOURCE_MODULES]
    body = bytearray()
    index = 0
    while len(body) < size:
        body += parts[index % len(parts)] + b"\n"
        index += 1
    return bytes(body)


def measure(size: int, rounds: int) -> float:
    """Median seconds to check one file of about ``size`` bytes."""
    data = joined_source(size)
    settings = build_settings({})
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        lint_source(data, "big/module.py", settings, False, None)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: Optional[List[str]] = None) -> int:
    """Measure each size, print the table and the largest size within the budget."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", default="0.25,0.5,1,2", help="sizes in MB, comma-separated")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--budget", type=float, default=15.0, help="seconds one file may take")
    args = parser.parse_args(argv)
    within = 0
    print(f"{'size MB':>8s} {'seconds':>8s} {'s per MB':>9s}")
    for text in args.sizes.split(","):
        size = int(float(text) * MEGABYTE)
        seconds = measure(size, args.rounds)
        print(f"{size / MEGABYTE:8.2f} {seconds:8.2f} {seconds / (size / MEGABYTE):9.2f}", flush=True)
        if seconds <= args.budget:
            within = max(within, size)
    print(f"[INFO] largest size checked within {args.budget:.0f} s: {within / MEGABYTE:.2f} MB", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
