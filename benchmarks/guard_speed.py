# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Benchmark: ``prefguard guard --staged`` on a repository with 200 commits and a 5,000-entry log.

Builds the repository in a temporary folder (``git fast-import``, so building
takes seconds), stages one more log entry, a changed module and its structure
entry, then times the guard as a fresh process (what a commit hook pays) and
in-process (the guard's own work). Prints the figures; asserts nothing.

    python benchmarks/guard_speed.py [--commits 200] [--entries 5000] [--runs 7]
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
from typing import Dict, List

REPO_ROOT = Path(__file__).resolve().parent.parent
HEADER = (
    "# -*- coding: utf-8 -*-\n"
    "# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.\n"
    "# Cluj-Napoca, Romania\n"
)
GIT_ENV: Dict[str, str] = {
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
}


def _entry(index: int) -> Dict[str, object]:
    return {
        "date": f"2025-{1 + index % 12:02d}-{1 + index % 28:02d}",
        "time": f"{index % 24:02d}:{index % 60:02d}",
        "requested": f"request number {index}: adjust the loader and its tests",
        "executed": f"changed the loader for case {index}; tests pass",
        "files_touched": [f"pkg/module_{index % 20}.py"],
        "status": "success",
        "notes": "",
    }


def _dump(value: object) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _structure(modules: int) -> Dict[str, object]:
    return {
        "project_name": "bench",
        "format_version": 1,
        "entry_point": "pkg/module_0.py",
        "last_modified": "2025-10-20",
        "modules": [
            {
                "name": f"module_{index}",
                "path": f"pkg/module_{index}.py",
                "status": "active",
                "dependencies": [],
                "public_api": [f"function_{index}"],
                "last_modified": "2025-10-14",
            }
            for index in range(modules)
        ],
    }


def _module(index: int, version: int) -> bytes:
    body = f'"""Module {index}."""\n\n\ndef function_{index}() -> int:\n    """Return the version."""\n    return {version}\n'
    return (HEADER + body).encode("utf-8")


def build_repository(folder: Path, commits: int, entries: int) -> None:
    """A repository whose history grows the log to ``entries`` entries over ``commits`` commits."""
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "-q", "-b", "main", str(folder)], check=True, env=env)
    concept = {
        "project_name": "bench",
        "vision": "measure the guard",
        "core_goals": ["speed"],
        "platform": "python",
        "key_constraints": [],
        "target_users": ["developers"],
    }
    per_commit = max(1, entries // commits)
    log: List[Dict[str, object]] = []
    stream: List[bytes] = []
    for number in range(commits):
        count = per_commit if number < commits - 1 else entries - len(log)
        log.extend(_entry(len(log) + offset) for offset in range(count))
        files: Dict[str, bytes] = {
            ".claude/project_log.json": _dump(log),
            f"pkg/module_{number % 20}.py": _module(number % 20, number),
        }
        if number == 0:
            files[".claude/project_concept.json"] = _dump(concept)
            files[".claude/project_structure.json"] = _dump(_structure(20))
            files["pkg/__init__.py"] = b""
            for index in range(20):
                files[f"pkg/module_{index}.py"] = _module(index, 0)
        message = f"commit {number}\n".encode("utf-8")
        stream.append(b"commit refs/heads/main\n")
        stream.append(f"committer bench <bench@example.com> {1700000000 + number * 60} +0000\n".encode("ascii"))
        stream.append(b"data %d\n%s" % (len(message), message))
        for path, data in files.items():
            stream.append(f"M 100644 inline {path}\n".encode("utf-8"))
            stream.append(b"data %d\n%s\n" % (len(data), data))
    subprocess.run(["git", "fast-import", "--quiet"], input=b"".join(stream), cwd=folder, check=True, env=env)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=folder, check=True, env=env)
    log.append(_entry(len(log)))
    (folder / ".claude" / "project_log.json").write_bytes(_dump(log))
    (folder / "pkg" / "module_3.py").write_bytes(_module(3, 9999))
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True, env=env)


def _command() -> List[str]:
    if (REPO_ROOT / "hooks" / "cli.py").exists():
        return [sys.executable, "-m", "hooks.cli", "guard", "--staged"]
    script = (
        "import argparse, sys\n"
        "from hooks.commands import guard as command_guard\n"
        "parser = argparse.ArgumentParser()\n"
        "command_guard.add_arguments(parser)\n"
        "sys.exit(command_guard.run(parser.parse_args(['--staged'])))\n"
    )
    return [sys.executable, "-c", script]


def time_process(folder: Path, runs: int) -> List[float]:
    """Wall-clock seconds of the guard as a fresh process, ``runs`` times."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(_command(), cwd=folder, env=env, capture_output=True, text=True)
        timings.append(time.perf_counter() - start)
        if result.returncode not in (0, 1):
            print(f"[ERROR] guard exited {result.returncode}: {result.stderr.strip()}", flush=True)
    return timings


def time_in_process(folder: Path, runs: int) -> List[float]:
    """Seconds of the guard's own work (imports already paid), ``runs`` times."""
    sys.path.insert(0, str(REPO_ROOT))
    from hooks.commands import guard as command_guard

    parser = argparse.ArgumentParser()
    command_guard.add_arguments(parser)
    previous = os.getcwd()
    timings = []
    devnull = open(os.devnull, "w", encoding="utf-8")
    try:
        os.chdir(folder)
        for _ in range(runs):
            stdout, stderr = sys.stdout, sys.stderr
            sys.stdout, sys.stderr = devnull, devnull
            start = time.perf_counter()
            try:
                command_guard.run(parser.parse_args(["--staged", "--format", "json"]))
            finally:
                sys.stdout, sys.stderr = stdout, stderr
            timings.append(time.perf_counter() - start)
    finally:
        os.chdir(previous)
        devnull.close()
    return timings


def _summary(label: str, timings: List[float]) -> None:
    print(
        f"[INFO] {label}: min {min(timings) * 1000:.0f} ms, median {statistics.median(timings) * 1000:.0f} ms, "
        f"max {max(timings) * 1000:.0f} ms over {len(timings)} runs",
        flush=True,
    )


def main() -> int:
    """Build the repository, time the guard, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="prefguard-bench-") as folder:
        root = Path(folder)
        start = time.perf_counter()
        build_repository(root, args.commits, args.entries)
        size = (root / ".claude" / "project_log.json").stat().st_size
        print(
            f"[INFO] built {args.commits} commits, log of {args.entries + 1} entries ({size / 1e6:.1f} MB) "
            f"in {time.perf_counter() - start:.1f} s",
            flush=True,
        )
        result = subprocess.run(_command(), cwd=root, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)}, capture_output=True, text=True)
        print(f"[INFO] guard exit status {result.returncode}; stdout: {result.stdout.strip()[:300] or '(empty)'}", flush=True)
        _summary("prefguard guard --staged, fresh process", time_process(root, args.runs))
        _summary("guard work in-process (imports paid)", time_in_process(root, args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
