# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Benchmark: a cold ``prefguard check`` of one folder, an older revision side by side with this tree.

The older revision's ``checks/`` and ``hooks/`` are exported with ``git
archive`` into a temporary folder; each round runs both versions as fresh
processes, one right after the other (alternating which goes first) so that a
busy machine slows them alike. Printed: the median wall and CPU time of each,
the ratio after/before, and whether both printed the same findings.

    python benchmarks/engine_ab.py FOLDER [--before main] [--rounds 3]
"""

import argparse
import io
import os
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Tuple

REPO_ROOT = Path(__file__).resolve().parent.parent
RUNNER = "import sys; sys.path.insert(0, sys.argv[1]); from hooks.cli import main; sys.exit(main(sys.argv[2:]))"


def export_revision(revision: str, into: Path) -> None:
    """Write ``checks/`` and ``hooks/`` of a git revision into a folder."""
    archive = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "archive", "--format=tar", revision, "checks", "hooks"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as bundle:
        bundle.extractall(into, filter="data")


def run_once(tree: Path, folder: Path) -> Tuple[float, float, bytes]:
    """(wall seconds, CPU seconds of the process tree, stdout) of one cold check."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-I", "-c", RUNNER, str(tree), "check", str(folder), "--no-cache", "--format", "json"],
        capture_output=True,
        cwd=str(folder.parent),
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1) or b"Traceback" in done.stderr:
        raise SystemExit(f"[ERROR] {tree}: exit code {done.returncode}: {done.stderr.decode('utf-8', 'replace')[-400:]}")
    return wall, cpu, done.stdout


def main() -> int:
    """Run the rounds and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--before", default="main", help="git revision to compare with (default: main)")
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    folder = arguments.folder.resolve()
    with tempfile.TemporaryDirectory() as scratch:
        before_tree = Path(scratch)
        export_revision(arguments.before, before_tree)
        trees = {"before": before_tree, "after": REPO_ROOT}
        walls: Dict[str, List[float]] = {"before": [], "after": []}
        cpus: Dict[str, List[float]] = {"before": [], "after": []}
        outputs: Dict[str, bytes] = {}
        for round_number in range(arguments.rounds):
            order = ["before", "after"] if round_number % 2 == 0 else ["after", "before"]
            for name in order:
                wall, cpu, output = run_once(trees[name], folder)
                walls[name].append(wall)
                cpus[name].append(cpu)
                outputs[name] = output
                print(f"[INFO] round {round_number + 1} {name}: {wall:.2f} s wall, {cpu:.2f} s CPU", flush=True)
    print(f"[INFO] {folder} (os.cpu_count()={os.cpu_count()}), {arguments.rounds} rounds, medians:")
    for name in ("before", "after"):
        print(f"  {name:<6} {statistics.median(walls[name]):7.2f} s wall  {statistics.median(cpus[name]):7.2f} s CPU", flush=True)
    wall_ratio = statistics.median(walls["after"]) / statistics.median(walls["before"])
    cpu_ratio = statistics.median(cpus["after"]) / statistics.median(cpus["before"])
    print(f"  after/before: wall {wall_ratio:.3f}, CPU {cpu_ratio:.3f}")
    same = outputs["before"] == outputs["after"]
    print("[OK] same findings" if same else "[WARN] the findings differ")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
