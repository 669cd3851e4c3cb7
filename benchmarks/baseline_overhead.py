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
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.util import find_spec
from pathlib import Path
from typing import Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parents[1]

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


def prefguard(cwd: Path, *args: str) -> Tuple[float, float]:
    """Wall-clock and CPU seconds (all processes) of one ``prefguard`` command (exit status 0 or 1 expected).

    The prefguard of this script's checkout runs, with ``-P``: otherwise the copied
    tree would come first on ``sys.path``, where its modules (``random.py`` of torch,
    say) shadow the standard library.
    """
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-P", "-m", "hooks.cli", *args], cwd=cwd, capture_output=True, env=env)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if result.returncode > 1 or b"Traceback" in result.stderr:
        raise SystemExit(f"[ERROR] prefguard {' '.join(args)} failed: {result.stderr.decode('utf-8', 'replace')[-500:]}")
    return elapsed, cpu


def paired(cwd: Path, rounds: int, extra: List[str]) -> Dict[str, List[Tuple[float, float]]]:
    """Interleaved (wall, CPU) timings of ``check .`` with and without the baseline."""
    times: Dict[str, List[Tuple[float, float]]] = {"baseline": [], "no-baseline": []}
    for index in range(rounds):
        order = ["baseline", "no-baseline"] if index % 2 == 0 else ["no-baseline", "baseline"]
        for label in order:
            flags = [] if label == "baseline" else ["--no-baseline"]
            times[label].append(prefguard(cwd, "check", ".", "--format", "json", *extra, *flags))
    return times


def baseline_step(tree: Path) -> Tuple[float, float]:
    """CPU seconds of the baseline step alone (read, fingerprint, match, stale count) and of the findings it filters.

    Measured in this process on the warm findings of the tree, so that it is not
    hidden by the output formatting that the baseline saves (fewer findings to print).
    """
    sys.path.insert(0, str(ROOT))
    from hooks.commands.baseline import finding_scope
    from hooks.commands.check import all_findings
    from hooks.config_loader import load_settings

    previous = Path.cwd()
    os.chdir(tree)
    try:
        settings = load_settings()
        start = time.process_time()
        findings, sources = all_findings(["."], settings)
        collected = time.process_time() - start
        start = time.process_time()
        arguments = argparse.Namespace(no_baseline=False, changed=False, staged=False, from_ref=None, to_ref=None)
        scope = finding_scope(arguments, settings)
        reported = scope.filter(findings, sources) if scope is not None else findings
        step = time.process_time() - start
    finally:
        os.chdir(previous)
    print(f"[INFO] baseline step alone: {step:.3f} s CPU for {len(findings)} findings ({len(reported)} reported); "
          f"collecting them (warm, this process) took {collected:.2f} s CPU", flush=True)
    return step, collected


def show(title: str, times: Dict[str, List[Tuple[float, float]]]) -> None:
    """Print the medians and the ratios of one pair of series (wall clock, and CPU time of all processes)."""
    if not times["baseline"]:
        return
    for index, kind in ((0, "wall"), (1, "CPU")):
        with_baseline = statistics.median(pair[index] for pair in times["baseline"])
        without = statistics.median(pair[index] for pair in times["no-baseline"])
        print(
            f"[INFO] {title}, {kind}: with baseline {with_baseline:.2f} s, without {without:.2f} s, "
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
        recorded = prefguard(tree, "baseline", "--no-cache")[0]
        size = sum(path.stat().st_size for path in tree.rglob("*.py"))
        baseline_size = (tree / ".prefguard-baseline.json").stat().st_size
        print(f"[INFO] {copied} files ({size / 1e6:.1f} MB) from {source}; baseline written in {recorded:.2f} s, "
              f"{baseline_size / 1e6:.2f} MB", flush=True)
        show("cold (--no-cache)", paired(tree, args.cold, ["--no-cache"]))
        prefguard(tree, "check", ".", "--no-baseline")
        warm = paired(tree, args.warm, [])
        show("warm (findings cache filled)", warm)
        step, _ = baseline_step(tree)
        if warm["no-baseline"]:
            warm_cpu = statistics.median(pair[1] for pair in warm["no-baseline"])
            print(f"[INFO] baseline step / warm check without baseline (CPU): {step / warm_cpu:.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
