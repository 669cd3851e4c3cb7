# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""What the baseline adds to ``prefguard check``, cold (no findings cache) and warm.

Copies ``--files`` Python files of a source tree (default: the installed
torch package, located without importing it) into a temporary git
repository, records a baseline of all their findings, then times
``prefguard check .`` with the baseline against ``--no-baseline``, the two
runs interleaved so that both meet the same machine load. Cold runs use
``--no-cache``; warm runs replay the filled findings cache. Prints the
median times and the ratio of each pair.

    python benchmarks/baseline_overhead.py [SOURCE_DIR] [--files 700] [--cold 2] [--warm 5]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.util import find_spec
from pathlib import Path
from typing import Dict, List, Optional

def default_source() -> Optional[Path]:
    """The folder of the installed torch package, located without importing it."""
    spec = find_spec("torch")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def copy_tree(source: Path, target: Path, count: int) -> int:
    """Copy the first ``count`` ``.py`` files of ``source`` (sorted paths) below ``target``."""
    copied = 0
    for folder, dirs, files in os.walk(source):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for name in sorted(files):
            if not name.endswith(".py") or copied >= count:
                continue
            path = Path(folder) / name
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
            copied += 1
    return copied


def git(cwd: Path, *args: str) -> None:
    """Run git quietly with a fixed identity."""
    env = dict(os.environ, GIT_AUTHOR_NAME="b", GIT_AUTHOR_EMAIL="b@example.com", GIT_COMMITTER_NAME="b", GIT_COMMITTER_EMAIL="b@example.com")
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def prefguard(cwd: Path, *args: str) -> float:
    """Seconds one ``prefguard`` command takes (exit status 0 or 1 expected).

    The console script runs it: ``python -m`` would put the copied tree first on
    ``sys.path``, where its modules (``random.py`` of torch, say) shadow the standard library.
    """
    command = Path(sys.executable).with_name("prefguard")
    start = time.perf_counter()
    result = subprocess.run([str(command), *args], cwd=cwd, capture_output=True)
    elapsed = time.perf_counter() - start
    if result.returncode > 1 or b"Traceback" in result.stderr:
        raise SystemExit(f"[ERROR] prefguard {' '.join(args)} failed: {result.stderr.decode('utf-8', 'replace')[-500:]}")
    return elapsed


def paired(cwd: Path, rounds: int, extra: List[str]) -> Dict[str, List[float]]:
    """Interleaved timings of ``check .`` with and without the baseline."""
    times: Dict[str, List[float]] = {"baseline": [], "no-baseline": []}
    for index in range(rounds):
        order = ["baseline", "no-baseline"] if index % 2 == 0 else ["no-baseline", "baseline"]
        for label in order:
            flags = [] if label == "baseline" else ["--no-baseline"]
            times[label].append(prefguard(cwd, "check", ".", "--format", "json", *extra, *flags))
    return times


def show(title: str, times: Dict[str, List[float]]) -> None:
    """Print the medians and the ratio of one pair of series."""
    with_baseline = statistics.median(times["baseline"])
    without = statistics.median(times["no-baseline"])
    print(
        f"[INFO] {title}: with baseline {with_baseline:.2f} s, without {without:.2f} s, "
        f"ratio {with_baseline / without:.3f} (median of {len(times['baseline'])})",
        flush=True,
    )


def main() -> int:
    """Build the tree, record the baseline and time the checks."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("source", nargs="?", default=None, help="folder of Python files (default: installed torch)")
    parser.add_argument("--files", type=int, default=700, help="how many .py files to copy")
    parser.add_argument("--cold", type=int, default=2, help="cold rounds (each runs both variants)")
    parser.add_argument("--warm", type=int, default=5, help="warm rounds (each runs both variants)")
    args = parser.parse_args()
    source = Path(args.source) if args.source else default_source()
    if source is None or not source.is_dir():
        print("[ERROR] no source folder given and torch is not installed", flush=True)
        return 2
    with tempfile.TemporaryDirectory(prefix="prefguard-baseline-bench-") as folder:
        tree = Path(folder)
        copied = copy_tree(source, tree, args.files)
        git(tree, "init", "-q")
        git(tree, "add", "-A")
        git(tree, "commit", "-q", "-m", "tree")
        recorded = prefguard(tree, "baseline", "--no-cache")
        size = sum(path.stat().st_size for path in tree.rglob("*.py"))
        baseline_size = (tree / ".prefguard-baseline.json").stat().st_size
        print(f"[INFO] {copied} files ({size / 1e6:.1f} MB) from {source}; baseline written in {recorded:.2f} s, "
              f"{baseline_size / 1e6:.2f} MB", flush=True)
        show("cold (--no-cache)", paired(tree, args.cold, ["--no-cache"]))
        prefguard(tree, "check", ".", "--no-baseline")
        show("warm (findings cache filled)", paired(tree, args.warm, []))
    return 0


if __name__ == "__main__":
    sys.exit(main())
