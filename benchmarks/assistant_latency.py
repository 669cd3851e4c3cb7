# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Benchmark: latency of the Claude Code hooks beside ``python -c pass``, measured in one run.

Builds a git repository with a ``project_log.json`` of about ``--log-mb``
megabytes in a temporary folder, then runs each hook as Claude Code does (a
fresh ``prefguard`` process, the payload on stdin), interleaved with
``python -c pass`` on the same interpreter, and prints medians and ratios
side by side. Targets (issues 18 and 27): pre-tool-use on an ordinary file
and on an ordinary Bash command at most 1.2 x python start-up, with neither
libcst nor jsonschema imported; on the protected log at most 0.5 s; the
post-tool-use Bash comparison of the protected files with HEAD and the index
at most 150 ms with a 5 MB log (the whole hook process, and the comparison
alone in-process). Prints the figures; asserts nothing.

    python benchmarks/assistant_latency.py [--runs 15] [--log-mb 5]
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

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


PRE = "pre-tool-use"
POST = "post-tool-use"
ORDINARY_FILE = "pre, Write of an ordinary file"
ORDINARY_BASH = ("pre, Bash `python -m pytest -q tests/`", "pre, Bash `git status --short`")


@dataclass(frozen=True)
class Case:
    """One timed hook call: the event, its payload, the log text on disk while it runs (None: as committed).

    ``session`` ``"own"`` gives every run a session of its own (nothing judged
    before); ``"shared"`` reuses the session of the case before it in the same
    run (the file was judged by it).
    """

    event: str
    payload: Dict[str, object]
    log_text: Optional[str] = None
    session: str = "own"


def cases(folder: Path, entries: int) -> Dict[str, Case]:
    """The hook calls timed: ordinary file and Bash calls, log edits, and the Bash comparison after a command."""
    common = {"session_id": "bench", "transcript_path": str(folder / "t.jsonl"), "cwd": str(folder), "hook_event_name": "PreToolUse"}
    log_path = str(folder / ".claude/project_log.json")
    appended = _dump([_entry(index) for index in range(entries + 1)])
    rewritten_value = [_entry(index) for index in range(entries)]
    rewritten_value[3]["executed"] = "summarised"
    rewritten = _dump(rewritten_value)

    def bash(event: str, command: str) -> Dict[str, object]:
        name = "PreToolUse" if event == PRE else "PostToolUse"
        return {**common, "hook_event_name": name, "tool_name": "Bash", "tool_input": {"command": command, "description": "bench"}}

    return {
        ORDINARY_FILE: Case(PRE, {**common, "tool_name": "Write", "tool_input": {"file_path": str(folder / "pkg/new.py"), "content": "X = 1\n"}}),
        ORDINARY_BASH[0]: Case(PRE, bash(PRE, "python -m pytest -q tests/ 2>&1 | tail -5")),
        ORDINARY_BASH[1]: Case(PRE, bash(PRE, "git status --short")),
        "pre, Bash `rm .claude/project_log.json` (refused)": Case(PRE, bash(PRE, "rm .claude/project_log.json")),
        f"pre, Write {entries}-entry log, append": Case(PRE, {**common, "tool_name": "Write", "tool_input": {"file_path": log_path, "content": appended}}),
        f"pre, Write {entries}-entry log, rewrite (refused)": Case(PRE, {**common, "tool_name": "Write", "tool_input": {"file_path": log_path, "content": rewritten}}),
        "post, Bash, protected files unchanged": Case(POST, bash(POST, "ls")),
        "post, Bash, log appended (compared)": Case(POST, bash(POST, "prefguard memory log ..."), appended, "shared"),
        "post, Bash, log appended, judged before": Case(POST, bash(POST, "python -m pytest -q"), appended, "shared"),
        "post, Bash, log rewritten (refused)": Case(POST, bash(POST, "sed -i ..."), rewritten),
    }


def prefguard_command() -> List[str]:
    """The console script next to this interpreter (what the hook runs), else ``python -m hooks.cli``."""
    script = Path(sys.executable).parent / "prefguard"
    return [str(script)] if script.exists() else [sys.executable, "-m", "hooks.cli"]


def bytecode_environment(folder: Path) -> Dict[str, str]:
    """The environment of every timed process: bytecode cached (as in an installed prefguard), under the temporary folder.

    ``PYTHONDONTWRITEBYTECODE`` would make every hook process compile
    prefguard's modules again, a cost ``python -c pass`` never pays and an
    installed prefguard does not have.
    """
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    environment["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return environment


ENVIRONMENT: Dict[str, str] = {}


def timed(command: List[str], stdin: bytes, cwd: Path) -> Tuple[float, int]:
    """Wall seconds and exit status of one process."""
    start = time.perf_counter()
    result = subprocess.run(command, input=stdin, cwd=cwd, capture_output=True, check=False, env=ENVIRONMENT or None)
    return time.perf_counter() - start, result.returncode


def timed_hook(event: str, payload: Dict[str, object], cwd: Path) -> Tuple[float, int, bool]:
    """Wall seconds, exit status and whether the answer was a JSON refusal, of one hook process."""
    command = prefguard_command() + ["assistant", event]
    start = time.perf_counter()
    result = subprocess.run(command, input=json.dumps(payload).encode("utf-8"), cwd=cwd, capture_output=True, check=False, env=ENVIRONMENT or None)
    return time.perf_counter() - start, result.returncode, result.stdout.strip().startswith(b"{")


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


IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|")


def import_microseconds(command: List[str], stdin: bytes, cwd: Path) -> int:
    """The total import time (``-X importtime`` self times) of one run: start-up work, less exposed to load than wall time."""
    result = subprocess.run(command, input=stdin, cwd=cwd, capture_output=True, check=False, env=ENVIRONMENT or None)
    return sum(int(match.group(1)) for match in IMPORT_LINE.finditer(result.stderr.decode("utf-8", "replace")))


def import_ratios(folder: Path, timed_cases: Dict[str, "Case"], runs: int) -> None:
    """Print the least import time of each ordinary case beside ``python -c pass``, the runs interleaved."""
    hook_command = [sys.executable, "-X", "importtime", "-c", "from hooks.cli import entry; entry()", "assistant", PRE]
    totals: Dict[str, List[int]] = {"python -c pass": []}
    for _ in range(runs):
        totals["python -c pass"].append(import_microseconds([sys.executable, "-X", "importtime", "-c", "pass"], b"", folder))
        for name in (ORDINARY_FILE, *ORDINARY_BASH):
            payload = json.dumps(timed_cases[name].payload).encode("utf-8")
            totals.setdefault(name, []).append(import_microseconds(hook_command, payload, folder))
    least = min(totals["python -c pass"])
    for name, values in totals.items():
        print(f"[INFO] import time, least of {runs} interleaved: {name:<40} {min(values) / 1000:>7.1f} ms ({min(values) / least:.2f} x)", flush=True)


def entries_for(megabytes: float) -> int:
    """How many log entries make a log of about ``megabytes`` MB."""
    return max(1, int(megabytes * 1_000_000 / len(_dump([_entry(0)]))))


def comparison_alone(folder: Path, text: str, runs: int) -> float:
    """Median seconds of the protected-file comparison in-process (no interpreter start-up), the log changed to ``text``."""
    probe = (
        "import statistics, sys, time\n"
        "from hooks.assistant.tree_compare import protected_findings\n"
        "samples = []\n"
        f"for _ in range({runs}):\n"
        "    start = time.perf_counter()\n"
        "    protected_findings(sys.argv[1])\n"
        "    samples.append(time.perf_counter() - start)\n"
        "print(statistics.median(samples[1:] or samples))\n"
    )
    (folder / ".claude/project_log.json").write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", probe, str(folder)], capture_output=True, text=True, check=False, env=ENVIRONMENT or None)
    return float(result.stdout.strip() or "nan")


def main() -> int:
    """Build the repository, time every case interleaved, print medians and ratios side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--log-mb", type=float, default=5.0, help="size of the committed project_log.json (default 5 MB)")
    args = parser.parse_args()
    entries = entries_for(args.log_mb)
    with tempfile.TemporaryDirectory(prefix="prefguard-assistant-bench-") as temporary:
        folder = Path(temporary) / "repo"
        build_repository(folder, entries)
        log_file = folder / ".claude/project_log.json"
        committed = log_file.read_text(encoding="utf-8")
        timed_cases = cases(folder, entries)
        ENVIRONMENT.update(bytecode_environment(Path(temporary)))
        for case in timed_cases.values():
            timed_hook(case.event, dict(case.payload, session_id="warm-up"), folder)
        samples: Dict[str, List[float]] = {"python -c pass": [], **{name: [] for name in timed_cases}}
        statuses: Dict[str, str] = {}
        for run in range(args.runs):
            samples["python -c pass"].append(timed([sys.executable, "-c", "pass"], b"", folder)[0])
            for number, (name, case) in enumerate(timed_cases.items()):
                wanted = case.log_text or committed
                if log_file.read_text(encoding="utf-8") != wanted:
                    log_file.write_text(wanted, encoding="utf-8")
                    subprocess.run(["git", "update-index", "-q", "--refresh"], cwd=folder, capture_output=True, check=False)
                session = f"bench-{run}" if case.session == "shared" else f"bench-{run}-{number}"
                payload = dict(case.payload, session_id=session)
                seconds, status, refused = timed_hook(case.event, payload, folder)
                samples[name].append(seconds)
                statuses[name] = "refused" if refused else str(status)
        log_file.write_text(committed, encoding="utf-8")
        baseline = statistics.median(samples["python -c pass"])
        print(f"[INFO] {args.runs} runs each, interleaved; medians; log {log_file.stat().st_size / 1e6:.1f} MB ({entries} entries); interpreter {sys.executable}", flush=True)
        best = min(samples["python -c pass"])
        print(f"{'case':<52} {'median ms':>10} {'x python':>9} {'best ms':>8} {'x python':>9} {'answer':>8}")
        for name, values in samples.items():
            median = statistics.median(values)
            print(
                f"{name:<52} {median * 1000:>10.1f} {median / baseline:>9.2f} {min(values) * 1000:>8.1f} {min(values) / best:>9.2f} {statuses.get(name, ''):>8}",
                flush=True,
            )
        import_ratios(folder, timed_cases, args.runs)
        heavy = heavy_imports(folder, timed_cases[ORDINARY_FILE].payload)
        print(f"[INFO] heavy modules imported on the ordinary-file path: {', '.join(heavy) if heavy else 'none'}")
        ordinary = max(statistics.median(samples[name]) for name in (ORDINARY_FILE, *ORDINARY_BASH)) / baseline
        ordinary_best = max(min(samples[name]) for name in (ORDINARY_FILE, *ORDINARY_BASH)) / best
        protected = max(statistics.median(values) for name, values in samples.items() if name.startswith("pre, Write") and "log" in name)
        unchanged = statistics.median(samples["post, Bash, protected files unchanged"])
        cached = statistics.median(samples["post, Bash, log appended, judged before"])
        compared = max(statistics.median(values) for name, values in samples.items() if name.startswith("post, Bash") and "(" in name)
        alone = comparison_alone(folder, timed_cases["post, Bash, log appended (compared)"].log_text or committed, max(3, args.runs // 3))
        log_file.write_text(committed, encoding="utf-8")
        print(f"[{'OK' if ordinary <= 1.2 else 'WARN'}] ordinary file and Bash calls: {ordinary:.2f} x python start-up at most, medians; {ordinary_best:.2f} x best of each (target <= 1.2)")
        print(f"[{'OK' if protected <= 0.5 else 'WARN'}] protected log edit: {protected * 1000:.0f} ms at most (target <= 500)")
        print(f"[{'OK' if max(unchanged, cached) <= 0.15 else 'WARN'}] Bash comparison, whole hook process, protected files unchanged or judged before: {max(unchanged, cached) * 1000:.0f} ms at most (target <= 150)")
        print(f"[{'OK' if compared <= 0.15 else 'WARN'}] Bash comparison, whole hook process, 5 MB log changed since its last judgement: {compared * 1000:.0f} ms at most (target <= 150)")
        print(f"[{'OK' if alone <= 0.15 else 'WARN'}] Bash comparison alone (in-process, log changed): {alone * 1000:.0f} ms (target <= 150)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
