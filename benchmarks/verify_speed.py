# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Time ``prefguard verify``'s static classification of a large real package tree.

Default target: the Python sources of the installed torch package, found
without importing it. The package's ``__init__.py`` is the entry point. The
script prints the file count, the bytes parsed, the time of each stage (one
process and all cores) and the counted classification.

    python benchmarks/verify_speed.py [PACKAGE_DIR] [--jobs N]
"""

import argparse
import ast
import os
import sys
import tempfile
import time
from importlib.util import find_spec
from typing import Dict, List, Optional

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from checks.integration.summary import ModuleSummary  # noqa: E402
from checks.integration.verify import verify_project  # noqa: E402
from hooks.runtime.summaries import summarize_files  # noqa: E402


def default_target() -> Optional[str]:
    """The folder of the installed torch package, located without importing it."""
    spec = find_spec("torch")
    if spec is None or not spec.submodule_search_locations:
        return None
    return list(spec.submodule_search_locations)[0]


def package_files(package_dir: str) -> List[str]:
    """Every ``.py`` file of the package, relative to the folder that holds the package."""
    root = os.path.dirname(package_dir)
    found = []
    for folder, dirs, files in os.walk(package_dir):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in files:
            if name.endswith(".py"):
                found.append(os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/"))
    return sorted(found)


def timed_summaries(root: str, paths: List[str], jobs: int, cache_path: Optional[str], label: str) -> Dict[str, ModuleSummary]:
    """Summaries of the files with ``jobs`` processes, timed and printed."""
    start = time.perf_counter()
    summaries = summarize_files(root, paths, jobs=jobs, cache_path=cache_path)
    elapsed = time.perf_counter() - start
    print(f"[INFO] read + parse + summarize, {label}: {elapsed:.2f} s", flush=True)
    return summaries


def main() -> int:
    """Run the benchmark and print its numbers."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("package", nargs="?", default=None, help="package folder (default: installed torch)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes for the parallel pass")
    args = parser.parse_args()
    package_dir = args.package or default_target()
    if package_dir is None or not os.path.isfile(os.path.join(package_dir, "__init__.py")):
        print("[ERROR] no package folder given and torch is not installed", flush=True)
        return 2
    package_dir = os.path.abspath(package_dir)
    root = os.path.dirname(package_dir)
    package = os.path.basename(package_dir)

    start = time.perf_counter()
    paths = package_files(package_dir)
    size = sum(os.path.getsize(os.path.join(root, path)) for path in paths)
    print(f"[INFO] {package_dir}: {len(paths)} .py files, {size / 1e6:.1f} MB "
          f"(listed in {time.perf_counter() - start:.2f} s)", flush=True)

    start = time.perf_counter()
    for path in paths:
        with open(os.path.join(root, path), "rb") as handle:
            data = handle.read()
        try:
            ast.parse(data)
        except SyntaxError:
            continue
    print(f"[INFO] floor: ast.parse alone, 1 process: {time.perf_counter() - start:.2f} s", flush=True)
    jobs = max(1, args.jobs)
    with tempfile.TemporaryDirectory(prefix="prefguard-bench-") as folder:
        cache_path = os.path.join(folder, "verify-summaries.json")
        timed_summaries(root, paths, 1, None, "cold, 1 process")
        timed_summaries(root, paths, jobs, cache_path, f"cold, {jobs} processes, filling the cache")
        summaries = timed_summaries(root, paths, jobs, cache_path, "warm cache (unchanged files)")

    start = time.perf_counter()
    report = verify_project(summaries, {"entry": [f"{package}/__init__.py"], "tests": []})
    analysis = time.perf_counter() - start
    totals = report.totals()
    print(f"[INFO] import graph, WIRED fixpoint, duplicates: {analysis:.2f} s", flush=True)
    print(
        f"[OK] {totals['modules']} modules classified: {totals['wired']} WIRED, "
        f"{totals['not_wired']} NOT WIRED ({totals['unreachable']} unreachable, "
        f"{totals['import_only']} imported but unused), {totals['duplicate']} DUPLICATE, "
        f"{totals['import_edges']} project import edges, {totals['parse_errors']} not parsed",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
