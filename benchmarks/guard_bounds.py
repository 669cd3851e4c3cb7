# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Benchmark: bounded cost of the guard and of a one-file check, measured side by side.

1. ``prefguard guard --from-ref BASE --to-ref MERGE`` over a merge of two branches that
   each appended entries to a guarded log of N entries (the merge keeps both), for a
   small and a large N (default 2,000 and 20,000). Linear work makes the time ratio
   about N's ratio (10); quadratic work made it 100 (6,000 entries took 103 s before).
   Then, in-process, the judgement of one merge against both parents, and its worst
   case: a merge that lost every element of the parent (each is looked for, within a
   bound, then reported missing).
2. ``prefguard check small.py`` in a project that also holds a 10 MB Python file,
   against the same project without it. The file is over ``max-file-bytes``, so the
   project index leaves it unread: the ratio stays near 1 (it was 39 s and 4.9 GB).

Every run is a fresh process (what a hook or CI pays); medians of ``--runs``. Prints
the figures; asserts nothing.

    python benchmarks/guard_bounds.py [--small 2000] [--large 20000] [--big-mb 10] [--runs 3]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Sequence

REPO_ROOT = Path(__file__).resolve().parent.parent
GIT_ENV: Dict[str, str] = {
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}
BRANCH_ENTRIES = 5


def _entry(index: int, tag: str) -> Dict[str, object]:
    return {
        "date": f"2025-{1 + index % 12:02d}-{1 + index % 28:02d}",
        "time": f"{index % 24:02d}:{index % 60:02d}",
        "requested": f"{tag} request number {index}: adjust the loader and its tests",
        "executed": f"changed the loader for case {index}; tests pass",
        "files_touched": [f"pkg/module_{index % 20}.py"],
        "status": "success",
        "notes": "",
    }


def _dump(value: object) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _commit(mark: int, parents: Sequence[int], files: Dict[str, bytes], when: int) -> bytes:
    message = f"commit {mark}\n".encode("utf-8")
    lines = [
        b"commit refs/heads/main\n",
        f"mark :{mark}\n".encode("ascii"),
        f"committer bench <bench@example.com> {1700000000 + when * 60} +0000\n".encode("ascii"),
        b"data %d\n%s" % (len(message), message),
    ]
    if parents:
        lines.append(f"from :{parents[0]}\n".encode("ascii"))
        lines.extend(f"merge :{parent}\n".encode("ascii") for parent in parents[1:])
    for path, data in files.items():
        lines.append(f"M 100644 inline {path}\n".encode("utf-8"))
        lines.append(b"data %d\n%s\n" % (len(data), data))
    return b"".join(lines)


def build_merge(folder: Path, entries: int) -> None:
    """Base (a log of ``entries``), two branches appending to it, and their merge keeping both."""
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "-q", "-b", "main", str(folder)], check=True, env=env)
    concept = {"project_name": "bench", "vision": "measure the guard", "core_goals": ["speed"], "platform": "python",
               "key_constraints": [], "target_users": ["developers"]}
    structure = {"project_name": "bench", "format_version": 1, "entry_point": "", "last_modified": "2025-10-20", "modules": []}
    base = [_entry(index, "base") for index in range(entries)]
    left = [_entry(index, "left") for index in range(BRANCH_ENTRIES)]
    right = [_entry(index, "right") for index in range(BRANCH_ENTRIES)]
    log = ".claude/project_log.json"
    stream = [
        _commit(1, [], {".claude/project_concept.json": _dump(concept), ".claude/project_structure.json": _dump(structure),
                        log: _dump(base), "pyproject.toml": b"[tool.prefguard]\n"}, 1),
        _commit(2, [1], {log: _dump(base + left)}, 2),
        _commit(3, [1], {log: _dump(base + right)}, 3),
        _commit(4, [2, 3], {log: _dump(base + left + right)}, 4),
    ]
    subprocess.run(["git", "fast-import", "--quiet", "--export-marks=marks"], input=b"".join(stream), cwd=folder, check=True, env=env)
    marks = dict(line.split() for line in (folder / "marks").read_text(encoding="utf-8").splitlines())
    (folder / "marks").unlink()
    subprocess.run(["git", "update-ref", "refs/tags/base", marks[":1"]], cwd=folder, check=True, env=env)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=folder, check=True, env=env)


def build_big_file_project(folder: Path, megabytes: int, with_big: bool) -> None:
    """A project with one small module and, optionally, a ``megabytes`` MB Python file of classes."""
    folder.mkdir(parents=True)
    (folder / "pyproject.toml").write_text("[tool.prefguard]\n", encoding="utf-8")
    (folder / "small.py").write_text("class Small:\n    x = 1\n", encoding="utf-8")
    if with_big:
        parts: List[str] = []
        size = 0
        index = 0
        while size < megabytes * 1_000_000:
            part = f"class C{index}(object):\n    def f(self, x: int) -> int:\n        return x + {index}\n"
            parts.append(part)
            size += len(part)
            index += 1
        (folder / "big.py").write_text("".join(parts), encoding="utf-8")
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=folder, check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True, env=env)


def time_command(folder: Path, arguments: Sequence[str], runs: int) -> float:
    """Median wall-clock seconds of ``prefguard ARGUMENTS`` as a fresh process."""
    env = {**os.environ, **GIT_ENV, "PYTHONPATH": str(REPO_ROOT)}
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "hooks.cli", *arguments], cwd=folder, env=env, capture_output=True, text=True)
        timings.append(time.perf_counter() - start)
        if result.returncode not in (0, 1):
            print(f"[ERROR] prefguard {' '.join(arguments)} exited {result.returncode}: {result.stderr.strip()}", flush=True)
    return statistics.median(timings)


def time_kept_merge(entries: int) -> float:
    """Seconds of judging one merge in-process: both parents' arrays against the union, strictly and relaxed."""
    sys.path.insert(0, str(REPO_ROOT))
    from checks.guard.json_guard import MODE_APPEND_ONLY, GuardPolicy, diff_values

    base = [_entry(index, "base") for index in range(entries - 2 * BRANCH_ENTRIES)]
    left = base + [_entry(index, "left") for index in range(BRANCH_ENTRIES)]
    right = base + [_entry(index, "right") for index in range(BRANCH_ENTRIES)]
    merged = left + right[len(base):]
    policy = GuardPolicy(MODE_APPEND_ONLY)
    start = time.perf_counter()
    found = diff_values(left, merged, policy) + diff_values(right, merged, policy, relaxed=True)
    elapsed = time.perf_counter() - start
    if found:
        print(f"[ERROR] a clean merge was judged with {len(found)} findings", flush=True)
    return elapsed


def time_lost_merge(entries: int) -> float:
    """Seconds of the relaxed merge judgement when every element of the parent is lost (the worst case)."""
    sys.path.insert(0, str(REPO_ROOT))
    from checks.guard.json_guard import MODE_APPEND_ONLY, GuardPolicy, diff_values

    parent = [_entry(index, "parent") for index in range(entries)]
    merged = [_entry(index, "other") for index in range(entries)]
    start = time.perf_counter()
    lost = diff_values(parent, merged, GuardPolicy(MODE_APPEND_ONLY), relaxed=True)
    elapsed = time.perf_counter() - start
    if len(lost) != entries:
        print(f"[ERROR] expected {entries} missing elements, got {len(lost)}", flush=True)
    return elapsed


def main() -> int:
    """Build the repositories, time the guard and the check, print the figures and their ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=2000)
    parser.add_argument("--large", type=int, default=20000)
    parser.add_argument("--big-mb", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="prefguard-bounds-") as folder:
        root = Path(folder)
        merge_times = {}
        for entries in (args.small, args.large):
            repository = root / f"merge-{entries}"
            build_merge(repository, entries)
            merge_times[entries] = time_command(repository, ["guard", "--from-ref", "base", "--to-ref", "main"], args.runs)
            print(f"[INFO] guard over a merge of a {entries:,}-entry log (3 commits): {merge_times[entries]:.2f} s", flush=True)
        print(
            f"[INFO] ratio {merge_times[args.large] / merge_times[args.small]:.1f} for {args.large / args.small:.0f}x the entries "
            "(linear: about that factor; quadratic: its square)",
            flush=True,
        )
        kept = {entries: time_kept_merge(entries) for entries in (args.small, args.large)}
        print(
            f"[INFO] in-process, judging a merge of {args.small:,} / {args.large:,} elements against both parents: "
            f"{kept[args.small]:.2f} s / {kept[args.large]:.2f} s, ratio {kept[args.large] / kept[args.small]:.1f}",
            flush=True,
        )
        lost = {entries: time_lost_merge(entries) for entries in (args.small, args.large)}
        print(
            f"[INFO] worst case in-process, a merge that lost every element of the parent: {args.small:,}: "
            f"{lost[args.small]:.2f} s, {args.large:,}: {lost[args.large]:.2f} s, ratio {lost[args.large] / lost[args.small]:.1f}",
            flush=True,
        )
        with_big = root / "with-big"
        without_big = root / "without-big"
        build_big_file_project(with_big, args.big_mb, True)
        build_big_file_project(without_big, args.big_mb, False)
        check = ["check", "--no-cache", "small.py"]
        # Alternated, so that a change of the machine's load falls on both sides alike.
        pairs = [(time_command(with_big, check, 1), time_command(without_big, check, 1)) for _ in range(args.runs)]
        beside = statistics.median(pair[0] for pair in pairs)
        alone = statistics.median(pair[1] for pair in pairs)
        print(f"[INFO] check small.py beside a {args.big_mb} MB .py file: {beside:.2f} s; without it: {alone:.2f} s; ratio {beside / alone:.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
