# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Mutation testing of the gate modules with mutmut, one group of modules at a time.

Each group names the modules to mutate and the test files that state their
contracts; only those tests run against its mutants (mutmut then runs, for
each mutant, only the tests that call the mutated function). A group runs in
a copy of this checkout in a temporary folder, so the work tree gets no
``mutants/`` folder. A surviving mutant fails the run unless CONTRIBUTING.md
("Mutation testing") records it as equivalent, with the reason.

    python .ci/mutation.py                  # every group
    python .ci/mutation.py approvals cache  # some groups
    python .ci/mutation.py --list           # the groups, their modules and tests

Exit status: 0 every mutant killed or recorded as equivalent, 1 survivors,
2 usage error or a group whose clean test run failed.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Set, Tuple

ROOT = Path(__file__).resolve().parents[1]
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
EQUIVALENT_ROW = re.compile(r"^\|\s*`(?P<name>[\w.]+__mutmut_\d+)`\s*\|")
RESULT_LINE = re.compile(r"^\s+(?P<name>\S+__mutmut_\d+): (?P<status>.+)$")
NOT_KILLED = ("survived", "no tests", "timeout", "suspicious", "segfault", "not checked", "skipped")

# group: (modules to mutate, the tests that state their contracts)
GROUPS: Dict[str, Tuple[List[str], List[str]]] = {
    "json-guard": (
        ["checks/guard/json_guard.py", "checks/guard/json_model.py", "checks/guard/strict_json.py",
         "checks/guard/strict_yaml.py", "checks/guard/strict_toml.py", "checks/guard/documents.py",
         "checks/guard/array_diff.py"],
        ["tests/checks/test_json_guard.py", "tests/checks/test_strict_json.py", "tests/checks/test_strict_yaml_toml.py",
         "tests/hooks/test_guard_yaml_toml.py"],
    ),
    "approvals": (
        ["checks/guard/approvals.py"],
        ["tests/checks/test_gate_contracts.py", "tests/checks/test_json_guard.py", "tests/hooks/test_guard_git.py"],
    ),
    "baseline": (
        ["checks/baseline/gate.py", "checks/baseline/matching.py", "checks/baseline/baseline_file.py",
         "checks/baseline/fingerprint.py", "checks/baseline/changed_scope.py"],
        ["tests/checks/test_baseline_logic.py", "tests/checks/test_gate_contracts.py", "tests/hooks/test_baseline_command.py"],
    ),
    "config-gate": (
        ["checks/baseline/config_gate.py"],
        ["tests/checks/test_baseline_logic.py", "tests/checks/test_gate_contracts.py", "tests/hooks/test_baseline_command.py",
         "tests/checks/test_config_directions.py"],
    ),
    "change-judgement": (
        ["checks/guard/change_judge.py", "checks/guard/gate_rules.py", "checks/config/config_files.py"],
        ["tests/hooks/test_guard_attacks.py", "tests/hooks/test_guard_git.py", "tests/checks/test_config_directions.py"],
    ),
    "assistant": (
        ["checks/assistant/protected_edit.py", "checks/assistant/edits.py", "checks/assistant/shell_command.py",
         "hooks/assistant/pre_tool_use.py", "hooks/assistant/tree_compare.py"],
        ["tests/checks/test_assistant_edits.py", "tests/hooks/test_assistant_hooks.py"],
    ),
    "cache": (
        ["hooks/runtime/cache.py", "hooks/runtime/cache_trust.py"],
        ["tests/hooks/test_cache.py", "tests/hooks/test_cache_trust.py"],
    ),
    "init": (
        ["hooks/commands/init.py", "hooks/runtime/transaction.py"],
        ["tests/hooks/test_init_command.py"],
    ),
}


def equivalent_mutants(path: Path = CONTRIBUTING) -> Set[str]:
    """The mutants CONTRIBUTING.md records as equivalent (first column of its table, in backquotes)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return set()
    return {match.group("name") for match in map(EQUIVALENT_ROW.match, lines) if match}


def toml_list(items: Sequence[str]) -> str:
    """A TOML array of basic strings."""
    return "[" + ", ".join('"' + item.replace("\\", "\\\\").replace('"', '\\"') + '"' for item in items) + "]"


def mutmut_table(modules: Sequence[str], tests: Sequence[str]) -> str:
    """The ``[tool.mutmut]`` table of one group."""
    return (
        "\n[tool.mutmut]\n"
        'source_paths = ["checks", "hooks"]\n'
        f"only_mutate = {toml_list(modules)}\n"
        f"pytest_add_cli_args_test_selection = {toml_list(tests)}\n"
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-o", "addopts=", "-m", "not slow"]\n'
        "use_git_change_detection = false\n"
    )


def copy_checkout(target: Path) -> None:
    """The checkout's tracked and unignored files, copied into ``target``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, check=True
    )
    for name in sorted(set(listed.stdout.decode("utf-8", "surrogateescape").split("\0")) - {""}):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            destination = target / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)


def statuses(folder: Path) -> Dict[str, str]:
    """Every mutant of the group's last run and its status."""
    done = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"], cwd=folder,
                          capture_output=True, text=True, encoding="utf-8", check=False)
    found = {}
    for line in done.stdout.splitlines():
        match = RESULT_LINE.match(line)
        if match:
            found[match.group("name")] = match.group("status").strip()
    return found


def run_group(name: str, workspace: Path, max_children: int) -> Tuple[Optional[Dict[str, str]], float]:
    """Mutate one group in a fresh copy of the checkout; its statuses (None when mutmut failed) and wall time."""
    modules, tests = GROUPS[name]
    folder = workspace / name
    copy_checkout(folder)
    with open(folder / "pyproject.toml", "a", encoding="utf-8") as stream:
        stream.write(mutmut_table(modules, tests))
    started = time.monotonic()
    log = folder / "mutmut.log"
    with open(log, "w", encoding="utf-8") as stream:
        done = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(max_children)], cwd=folder,
                              stdout=stream, stderr=subprocess.STDOUT, check=False)
    elapsed = time.monotonic() - started
    if done.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        print(f"[ERROR] group {name}: mutmut exited {done.returncode}; the end of {log}:\n{tail}", file=sys.stderr, flush=True)
        return None, elapsed
    return statuses(folder), elapsed


def report(name: str, found: Dict[str, str], equivalent: Set[str], elapsed: float) -> List[str]:
    """Print one group's counts; the mutants that were not killed and are not recorded as equivalent."""
    counts: Dict[str, int] = {}
    for status in found.values():
        counts[status] = counts.get(status, 0) + 1
    shown = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
    print(f"[INFO] group {name}: {len(found)} mutants ({shown}) in {elapsed:.0f} s", flush=True)
    open_mutants = sorted(mutant for mutant, status in found.items() if status in NOT_KILLED and mutant not in equivalent)
    for mutant in open_mutants:
        print(f"[WARN] {mutant}: {found[mutant]}", flush=True)
    return open_mutants


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the chosen groups; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python .ci/mutation.py", description="Mutation testing of the gate modules (mutmut).")
    parser.add_argument("groups", nargs="*", metavar="GROUP", help=f"groups to run (default: all): {', '.join(GROUPS)}")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2, help="mutants tested at once (default: CPU count)")
    parser.add_argument("--keep", action="store_true", help="keep the copies (inspect a mutant there with `mutmut show NAME`)")
    parser.add_argument("--list", action="store_true", help="print the groups, their modules and tests, and stop")
    args = parser.parse_args(argv)
    unknown = [group for group in args.groups if group not in GROUPS]
    if unknown:
        print(f"[ERROR] unknown group(s): {', '.join(unknown)}; choose from {', '.join(GROUPS)}", file=sys.stderr)
        return 2
    if args.list:
        for group, (modules, tests) in GROUPS.items():
            print(f"[INFO] {group}: mutates {' '.join(modules)}; tests {' '.join(tests)}", flush=True)
        return 0
    equivalent = equivalent_mutants()
    workspace = Path(tempfile.mkdtemp(prefix="prefguard-mutation-"))
    failed = False
    open_mutants: List[str] = []
    started = time.monotonic()
    try:
        for group in args.groups or list(GROUPS):
            found, elapsed = run_group(group, workspace, args.max_children)
            if found is None:
                failed = True
                continue
            open_mutants.extend(report(group, found, equivalent, elapsed))
    finally:
        if args.keep:
            print(f"[INFO] the copies are kept in {workspace}", flush=True)
        else:
            shutil.rmtree(workspace, ignore_errors=True)
    print(f"[INFO] wall time {time.monotonic() - started:.0f} s", flush=True)
    if failed:
        return 2
    if open_mutants:
        print(f"[ERROR] {len(open_mutants)} mutant(s) not killed and not recorded as equivalent in CONTRIBUTING.md", file=sys.stderr)
        return 1
    print("[OK] every mutant was killed or is recorded as equivalent", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
