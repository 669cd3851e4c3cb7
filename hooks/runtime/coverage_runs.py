# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The runs ``prefguard verify`` makes only when asked: the test suite (TESTED) and the pipeline (ACTIVE) under coverage.

These are the only places where project code runs; the static report never
imports or executes it.
"""

import json
import os
import shlex
import shutil
import subprocess
import sys
from importlib.util import find_spec
from typing import Any, Dict, List, Sequence, Tuple

from checks.integration.evidence import CaseKey, parse_junit
from hooks.errors import UsageError

OUTPUT_TAIL_LINES = 30


def _child_environment(data_file: str) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COV_CORE_", "COVERAGE_"))}
    env["COVERAGE_FILE"] = data_file
    env.pop("PYTEST_ADDOPTS", None)
    return env


def _show_tail(label: str, output: str) -> None:
    lines = output.rstrip().splitlines()
    if not lines:
        return
    shown = lines[-OUTPUT_TAIL_LINES:]
    skipped = len(lines) - len(shown)
    note = f" (last {len(shown)} of {len(lines)} lines)" if skipped else ""
    print(f"[INFO] output of {label}{note}:", file=sys.stderr, flush=True)
    for line in shown:
        print(f"    {line}", file=sys.stderr, flush=True)


def _coverage_json(root: str, data_file: str, out_file: str, contexts: bool) -> Dict[str, Any]:
    command = [sys.executable, "-m", "coverage", "json", f"--data-file={data_file}", "-o", out_file]
    if contexts:
        command.append("--show-contexts")
    done = subprocess.run(command, cwd=root, env=_child_environment(data_file), capture_output=True, text=True, check=False)
    if done.returncode != 0 or not os.path.isfile(out_file):
        if "No data" in (done.stdout + done.stderr):
            return {"meta": {"show_contexts": contexts}, "files": {}}
        raise UsageError(f"coverage json failed ({done.returncode}): {(done.stderr or done.stdout).strip()}")
    with open(out_file, "r", encoding="utf-8") as handle:
        return json.load(handle)


def _require(module: str, package: str, flag: str) -> None:
    if find_spec(module) is None:
        raise UsageError(f"{flag} needs {package}: install it with `python -m pip install {package}`")


def run_tests(root: str, workdir: str) -> Tuple[Dict[str, Any], Dict[CaseKey, bool], int]:
    """Run pytest under coverage with per-test contexts; coverage JSON, outcomes, pytest status."""
    _require("pytest", "pytest", "--tests")
    _require("pytest_cov", "pytest-cov", "--tests")
    data_file = os.path.join(workdir, "tests.coverage")
    junit = os.path.join(workdir, "junit.xml")
    command = [
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
        f"--cov={root}", "--cov-context=test", "--cov-report=",
        f"--junitxml={junit}", "-o", "junit_family=xunit2",
    ]
    print(f"[INFO] TESTED: running {' '.join(shlex.quote(c) for c in command)}", file=sys.stderr, flush=True)
    done = subprocess.run(command, cwd=root, env=_child_environment(data_file), capture_output=True, text=True, check=False)
    _show_tail("pytest", done.stdout + done.stderr)
    if done.returncode not in (0, 1, 5) or not os.path.isfile(junit):
        raise UsageError(f"pytest could not run the tests (exit status {done.returncode}); see its output above")
    with open(junit, "r", encoding="utf-8") as handle:
        outcomes = parse_junit(handle.read())
    return _coverage_json(root, data_file, os.path.join(workdir, "tests.json"), True), outcomes, done.returncode


def _is_python(name: str) -> bool:
    base = os.path.basename(name).lower().removesuffix(".exe")
    return base == "python" or (base.startswith("python") and base[6:].replace(".", "").isdigit())


def _is_python_script(path: str) -> bool:
    try:
        with open(path, "r", encoding="utf-8") as handle:
            first = handle.readline()
    except (OSError, UnicodeDecodeError):
        return False
    return first.startswith("#!") and "python" in first


def coverage_command(command: str, data_file: str) -> List[str]:
    """``coverage run`` in front of a pipeline command (``python -m pkg``, ``python x.py`` or a console script)."""
    try:
        words = shlex.split(command)
    except ValueError as error:
        raise UsageError(f"--run {command!r}: {error}") from error
    if not words:
        raise UsageError("--run needs a command, for example --run \"python -m training\"")
    prefix = [sys.executable, "-m", "coverage", "run", f"--data-file={data_file}"]
    if _is_python(words[0]) or os.path.abspath(words[0]) == sys.executable:
        rest = words[1:]
        if len(rest) >= 2 and rest[0] == "-m":
            return prefix + ["-m"] + rest[1:]
        if rest and not rest[0].startswith("-"):
            return prefix + rest
        raise UsageError(f"--run {command!r}: expected `python -m MODULE ...` or `python SCRIPT ...`")
    for folder in (os.path.dirname(sys.executable), None):
        script = shutil.which(words[0], path=folder)
        if script is not None and _is_python_script(script):
            return prefix + [script] + words[1:]
    raise UsageError(
        f"--run {command!r}: {words[0]} is not a Python command; use `python -m MODULE ...`, "
        "`python SCRIPT ...` or a Python console script"
    )


def run_pipeline(root: str, commands: Sequence[str], workdir: str) -> Tuple[Dict[str, Any], List[Tuple[str, int]]]:
    """Run each pipeline command under ``coverage run --append``; one coverage JSON and each exit status."""
    _require("coverage", "coverage", "--run")
    data_file = os.path.join(workdir, "run.coverage")
    statuses: List[Tuple[str, int]] = []
    for command in commands:
        argv = coverage_command(command, data_file)
        argv.insert(argv.index("run") + 1, "--append")
        print(f"[INFO] ACTIVE: running {' '.join(shlex.quote(c) for c in argv)}", file=sys.stderr, flush=True)
        done = subprocess.run(argv, cwd=root, env=_child_environment(data_file), capture_output=True, text=True, check=False)
        _show_tail(command, done.stdout + done.stderr)
        statuses.append((command, done.returncode))
    if not os.path.isfile(data_file):
        raise UsageError(f"--run recorded no coverage data (exit statuses {[status for _c, status in statuses]})")
    return _coverage_json(root, data_file, os.path.join(workdir, "run.json"), False), statuses
