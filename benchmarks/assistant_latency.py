# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Benchmark: latency of the Claude Code hooks beside ``python -c pass``, measured in one run.

Builds a git repository with a 200-entry ``project_log.json`` in a temporary
folder, then runs each hook as Claude Code does (a fresh ``prefguard``
process, the payload on stdin), interleaved with ``python -c pass`` on the
same interpreter, and prints medians and ratios. Targets (issue 18): the
pre-tool-use hook on an ordinary file at most 1.2 x python start-up, with
neither libcst nor jsonschema imported; on the protected log at most 0.5 s.
Prints the figures; asserts nothing.

    python benchmarks/assistant_latency.py [--runs 15] [--entries 200]
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
from typing import Dict, List, Tuple

GIT_ENV: Dict[str, str] = {
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
}
HEAVY_MODULES = ("libcst", "jsonschema")


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


def _dump(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def build_repository(folder: Path, entries: int) -> None:
    """Memory files with ``entries`` log entries and one module, committed."""
    (folder / ".claude").mkdir(parents=True)
    (folder / "pkg").mkdir()
    log = [_entry(index) for index in range(entries)]
    (folder / ".claude/project_log.json").write_text(_dump(log), encoding="utf-8")
    concept = {"project_name": "bench", "vision": "v", "core_goals": [], "platform": "p", "key_constraints": [], "target_users": []}
    (folder / ".claude/project_concept.json").write_text(_dump(concept), encoding="utf-8")
    structure = {"project_name": "bench", "format_version": 1, "entry_point": "pkg/core.py", "last_modified": "2025-10-20", "modules": []}
    (folder / ".claude/project_structure.json").write_text(_dump(structure), encoding="utf-8")
    (folder / "pkg/core.py").write_text('"""Core."""\n', encoding="utf-8")
    environment = {**os.environ, **GIT_ENV}
    for command in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "seed"]):
        subprocess.run(command, cwd=folder, env=environment, check=True)


def payloads(folder: Path, entries: int) -> Dict[str, Dict[str, object]]:
    """The hook inputs timed: an ordinary file, an append to the log, a destructive log edit."""
    common = {"session_id": "bench", "transcript_path": str(folder / "t.jsonl"), "cwd": str(folder), "hook_event_name": "PreToolUse"}
    log_path = str(folder / ".claude/project_log.json")
    appended = [_entry(index) for index in range(entries + 1)]
    rewritten = [_entry(index) for index in range(entries)]
    rewritten[3]["executed"] = "summarised"
    return {
        "pre-tool-use, ordinary file": {**common, "tool_name": "Write", "tool_input": {"file_path": str(folder / "pkg/new.py"), "content": "X = 1\n"}},
        f"pre-tool-use, {entries}-entry log, append": {**common, "tool_name": "Write", "tool_input": {"file_path": log_path, "content": _dump(appended)}},
        f"pre-tool-use, {entries}-entry log, rewrite (refused)": {**common, "tool_name": "Write", "tool_input": {"file_path": log_path, "content": _dump(rewritten)}},
    }


def prefguard_command() -> List[str]:
    """The console script next to this interpreter (what the hook runs), else ``python -m hooks.cli``."""
    script = Path(sys.executable).parent / "prefguard"
    return [str(script)] if script.exists() else [sys.executable, "-m", "hooks.cli"]


def timed(command: List[str], stdin: bytes, cwd: Path) -> Tuple[float, int]:
    """Wall seconds and exit status of one process."""
    start = time.perf_counter()
    result = subprocess.run(command, input=stdin, cwd=cwd, capture_output=True, check=False)
    return time.perf_counter() - start, result.returncode


def heavy_imports(folder: Path, payload: Dict[str, object]) -> List[str]:
    """Which of libcst/jsonschema the ordinary-file path imports (expected: none)."""
    probe = (
        "import io, sys\n"
        "from hooks.commands.assistant import run_event\n"
        f"run_event('pre-tool-use', {json.dumps(payload).encode('utf-8')!r})\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY_MODULES!r})))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=folder, capture_output=True, text=True, check=False)
    return json.loads(result.stdout.strip().replace("'", '"') or "[]")


def main() -> int:
    """Build the repository, time every case interleaved, print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--entries", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="prefguard-assistant-bench-") as temporary:
        folder = Path(temporary) / "repo"
        build_repository(folder, args.entries)
        cases = payloads(folder, args.entries)
        command = prefguard_command() + ["assistant", "pre-tool-use"]
        samples: Dict[str, List[float]] = {"python -c pass": [], **{name: [] for name in cases}}
        statuses: Dict[str, int] = {}
        for _ in range(args.runs):
            samples["python -c pass"].append(timed([sys.executable, "-c", "pass"], b"", folder)[0])
            for name, payload in cases.items():
                seconds, status = timed(command, json.dumps(payload).encode("utf-8"), folder)
                samples[name].append(seconds)
                statuses[name] = status
        baseline = statistics.median(samples["python -c pass"])
        print(f"[INFO] {args.runs} runs each, interleaved; medians; interpreter {sys.executable}", flush=True)
        print(f"{'case':<48} {'median ms':>10} {'x python':>9} {'exit':>5}")
        for name, values in samples.items():
            median = statistics.median(values)
            status = "" if name not in statuses else str(statuses[name])
            print(f"{name:<48} {median * 1000:>10.1f} {median / baseline:>9.2f} {status:>5}", flush=True)
        heavy = heavy_imports(folder, cases["pre-tool-use, ordinary file"])
        print(f"[INFO] heavy modules imported on the ordinary-file path: {', '.join(heavy) if heavy else 'none'}")
        ordinary = statistics.median(samples["pre-tool-use, ordinary file"]) / baseline
        protected = max(statistics.median(values) for name, values in samples.items() if "log" in name)
        print(f"[{'OK' if ordinary <= 1.2 else 'WARN'}] ordinary file: {ordinary:.2f} x python start-up (target <= 1.2)")
        print(f"[{'OK' if protected <= 0.5 else 'WARN'}] protected log: {protected * 1000:.0f} ms at most (target <= 500)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
