# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Day one and the first week on real repositories, as a new user would go through them (issue 24).

For every git checkout given (left unchanged), a temporary clone goes through:
install prefguard from a wheel built from a prefguard checkout into a clean
virtual environment (a ``.venv`` is also created inside the clone's work tree,
as most READMEs advise); ``prefguard init --hook-repo PREFGUARD`` (the hook
repository form); ``pre-commit install``; the first commit with
``git add -A`` through the real hooks (the project's own local hooks too;
remote hooks need the network, so they are left out of the installed
configuration and listed); then a week of work, each change committed through
the hooks with its log entry (``prefguard memory log``): a comment in the
largest legacy file (accepted), a new violating function (refused, reported at
its own lines only), the same function fixed (accepted), a new module imported
by that file (accepted when the structure entry can be written by a command),
a destructive memory edit (refused), a baseline growth and a configuration
weakening (refused without the approval trailer, accepted with it). Nothing
is edited by hand. Nothing is downloaded: the clean environment reaches
prefguard's dependencies and pre-commit through ``PYTHONPATH`` links to this
interpreter's site-packages, with the package index switched off.

    python benchmarks/adoption_trial.py --prefguard PREFGUARD_CHECKOUT CHECKOUT [CHECKOUT ...]
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import yaml

FINDING = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]{3}\d{3})", re.MULTILINE)
COMMENT = "# Reviewed during the first week with prefguard.\n"
VIOLATING = "\n\ndef week_total(values, start=0):\n    return start + sum(values)\n"
FIXED = (
    "\n\ndef week_total(values: list, start: int = 0) -> int:\n"
    '    """The sum of the values, counted from start."""\n'
    "    return start + sum(values)\n"
)
MODULE_BODY = (
    '"""Helpers added during the first week."""\n\n\n'
    "def week_helper(value: int) -> int:\n"
    '    """The value, doubled."""\n'
    "    return value * 2\n"
)
APPROVE_BASELINE = "Prefguard-Approve: .prefguard-baseline.json#/files"
GIT_IDENTITY = {"GIT_AUTHOR_NAME": "Trial", "GIT_AUTHOR_EMAIL": "trial@example.com",
                "GIT_COMMITTER_NAME": "Trial", "GIT_COMMITTER_EMAIL": "trial@example.com"}
# prefguard's default max-file-bytes: a larger file (a generated data table) is reported as not checked.
MAX_FILE_BYTES = 1_048_576
SKIPPED_TOPS = ("tests/", "test/", "docs/", "doc/", "examples/", "benchmarks/")


@dataclass
class Outcome:
    """One project's steps: (name, passed, detail), and the remote hooks left out."""

    name: str
    commit: str
    steps: List[Tuple[str, bool, str]] = field(default_factory=list)
    skipped_hooks: List[str] = field(default_factory=list)

    def record(self, step: str, passed: bool, detail: str) -> None:
        """Keep and print one step's result."""
        self.steps.append((step, passed, detail))
        print(f"{'[OK]' if passed else '[ERROR]'} {self.name}: {step}: {detail}", flush=True)


# ======================================================================
# The environment of a user without network


def dependency_overlay(target: Path) -> Path:
    """Links to every entry of this interpreter's site-packages except prefguard's own install."""
    site = Path(sysconfig.get_paths()["purelib"])
    target.mkdir(parents=True)
    for entry in site.iterdir():
        name = entry.name.lower()
        if name.startswith(("prefguard", "__editable__", "_prefguard")) or name.endswith(".pth") or name in ("hooks", "checks"):
            continue
        (target / entry.name).symlink_to(entry)
    return target


def run(command: Sequence[str], cwd: Path, env: Dict[str, str], timeout: int = 900) -> subprocess.CompletedProcess:
    """A command's result, stdout and stderr together."""
    return subprocess.run(list(command), cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, encoding="utf-8", errors="replace", timeout=timeout, check=False)


def must(command: Sequence[str], cwd: Path, env: Dict[str, str]) -> str:
    """The output of a command that has to succeed."""
    done = run(command, cwd, env)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout[-3000:]}")
    return done.stdout


@dataclass(frozen=True)
class Machine:
    """The shared pieces: the hook repository, the wheel, the environment variables."""

    hook_repo: Path
    wheel: Path
    env: Dict[str, str]
    python: Path


def prepare(prefguard: Path, scratch: Path) -> Machine:
    """A clone of the prefguard checkout (the hook repository), its wheel, and an offline environment."""
    base = Path(getattr(sys, "_base_executable", sys.executable))
    tools = scratch / "bin"
    tools.mkdir()
    (tools / "pre-commit").write_text(f'#!/bin/sh\nexec "{base}" -m pre_commit "$@"\n', encoding="utf-8")
    (tools / "pre-commit").chmod(0o755)
    gitconfig = scratch / "gitconfig"
    gitconfig.write_text("[user]\n\tname = Trial\n\temail = trial@example.com\n[commit]\n\tgpgsign = false\n", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "PRE_COMMIT", "PIP_", "VIRTUAL_ENV"))}
    env.update(GIT_IDENTITY)
    env.update(
        PATH=f"{tools}{os.pathsep}/usr/bin{os.pathsep}/bin",
        PYTHONPATH=str(dependency_overlay(scratch / "overlay")),
        PIP_NO_INDEX="1",
        PIP_NO_BUILD_ISOLATION="0",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        GIT_CONFIG_GLOBAL=str(gitconfig),
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_HOME=str(scratch / "pre-commit-home"),
        PRE_COMMIT_COLOR="never",
    )
    hook_repo = scratch / "prefguard"
    must(["git", "clone", "-q", str(prefguard), str(hook_repo)], scratch, env)
    must([str(base), "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(scratch / "dist"), str(hook_repo)], scratch, env)
    wheel = next((scratch / "dist").glob("prefguard-*.whl"))
    must(["git", "clean", "-q", "-fdx"], hook_repo, env)
    return Machine(hook_repo, wheel, env, base)


# ======================================================================
# One project


def remote_free_config(project: Path, outcome: Outcome) -> Optional[Path]:
    """The project's pre-commit configuration without remote repositories (listed as skipped), under .git/."""
    data = yaml.safe_load((project / ".pre-commit-config.yaml").read_text(encoding="utf-8")) or {}
    kept = []
    for repo in data.get("repos") or []:
        source = str(repo.get("repo", ""))
        if source in ("local", "meta") or Path(project, source).is_dir() or Path(source).is_dir():
            kept.append(repo)
        else:
            outcome.skipped_hooks.extend(f"{hook.get('id')} ({source})" for hook in repo.get("hooks") or [])
    if len(kept) == len(data.get("repos") or []):
        return None
    data["repos"] = kept
    target = project / ".git" / "pre-commit-config.offline.yaml"
    target.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return target


def largest_legacy_file(project: Path, env: Dict[str, str]) -> Optional[str]:
    """The largest tracked .py file outside tests, docs and examples that prefguard checks (max-file-bytes)."""
    listed = must(["git", "ls-files", "*.py"], project, env).splitlines()
    candidates = [
        path for path in listed
        if not path.startswith(SKIPPED_TOPS) and "/tests/" not in path and not path.endswith("__init__.py")
        and (project / path).is_file() and (project / path).stat().st_size <= MAX_FILE_BYTES
    ]
    return max(candidates, key=lambda path: (project / path).stat().st_size, default=None)


def module_name(relative: str) -> str:
    """The import name of a module path (``src/`` layout stripped)."""
    parts = relative[:-3].split("/")
    return ".".join(parts[1:] if parts[0] == "src" else parts)


def commit(project: Path, env: Dict[str, str], message: str) -> subprocess.CompletedProcess:
    """``git add -A`` and ``git commit`` through the installed hooks."""
    must(["git", "add", "-A"], project, env)
    return run(["git", "commit", "-q", "-m", message], project, env)


def log_entry(project: Path, env: Dict[str, str], prefguard: Path, what: str, files: List[str]) -> None:
    """The log entry a change needs, written by prefguard memory log."""
    must([str(prefguard), "memory", "log", "--requested", what, "--executed", what, "--files", *files, "--status", "success"], project, env)


def findings_of(output: str) -> List[Tuple[str, int, str]]:
    """(path, line, code) of every finding line in the hooks' output."""
    return [(match.group("path"), int(match.group("line")), match.group("code")) for match in FINDING.finditer(output)]


def week(project: Path, env: Dict[str, str], prefguard: Path, outcome: Outcome, target: Optional[str]) -> None:
    """The first week's changes, each through the hooks; ``target`` is the largest file before adoption."""
    if target is None:
        outcome.record("first week", False, "no legacy .py file outside tests")
        return
    path = project / target
    original = path.read_text(encoding="utf-8", errors="surrogateescape")
    ending = "" if original.endswith("\n") or not original else "\n"
    path.write_text(original + ending + COMMENT, encoding="utf-8", errors="surrogateescape")
    log_entry(project, env, prefguard, f"comment in {target}", [target])
    done = commit(project, env, "A comment in the largest file")
    outcome.record(f"comment in {target}", done.returncode == 0, f"exit {done.returncode}" + ("" if done.returncode == 0 else f": {done.stdout[-600:]}"))
    base = path.read_text(encoding="utf-8", errors="surrogateescape")
    first_new = base.count("\n") + 3
    path.write_text(base + VIOLATING, encoding="utf-8", errors="surrogateescape")
    log_entry(project, env, prefguard, f"week_total in {target}", [target])
    done = commit(project, env, "Add week_total")
    found = findings_of(done.stdout)
    own = {(p, line) for p, line, _ in found} <= {(target, first_new), (target, first_new + 1)}
    outcome.record("new violating function", done.returncode != 0 and bool(found) and own,
                   f"exit {done.returncode}, {sorted(set(found))[:8]}")
    path.write_text(base + FIXED, encoding="utf-8", errors="surrogateescape")
    done = commit(project, env, "Add week_total, annotated and documented")
    outcome.record("the same function fixed", done.returncode == 0, f"exit {done.returncode}" + ("" if done.returncode == 0 else f": {findings_of(done.stdout)[:8] or done.stdout[-600:]}"))
    header = "".join(line + "\n" for line in (project / "verify_integration.py").read_text(encoding="utf-8").splitlines() if line.startswith("#"))
    module = (Path(target).parent / "week_helpers.py").as_posix()
    (project / module).write_text(header + MODULE_BODY, encoding="utf-8")
    imported = path.read_text(encoding="utf-8", errors="surrogateescape") + f"\n\nfrom {module_name(module)} import week_helper  # noqa: E402\n"
    path.write_text(imported, encoding="utf-8", errors="surrogateescape")
    structure = run([str(prefguard), "memory", "structure"], project, env)
    log_entry(project, env, prefguard, f"new module {module}", [module, target, ".claude/project_structure.json"])
    done = commit(project, env, "Add week_helpers")
    detail = f"memory structure exit {structure.returncode}, commit exit {done.returncode}"
    outcome.record(f"new module {module}", structure.returncode == 0 and done.returncode == 0,
                   detail + ("" if done.returncode == 0 and structure.returncode == 0
                             else f": {findings_of(done.stdout)[:6] or done.stdout[-400:]} {structure.stdout[-300:]}"))
    must(["git", "reset", "-q", "--hard"], project, env)
    must(["git", "clean", "-q", "-fd", "--", module], project, env)
    log_path = project / ".claude" / "project_log.json"
    entries = json.loads(log_path.read_text(encoding="utf-8"))
    log_path.write_text(json.dumps(entries[1:], indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    done = commit(project, env, "Drop the first log entry")
    outcome.record("destructive memory edit", done.returncode != 0, f"exit {done.returncode}, {sorted({c for _, _, c in findings_of(done.stdout)})}")
    must(["git", "reset", "-q", "--hard"], project, env)
    path.write_text(path.read_text(encoding="utf-8", errors="surrogateescape") + VIOLATING.replace("week_total", "week_extra"),
                    encoding="utf-8", errors="surrogateescape")
    must([str(prefguard), "baseline"], project, env)
    log_entry(project, env, prefguard, f"week_extra in {target}, baselined", [target, ".prefguard-baseline.json"])
    done = commit(project, env, "Absorb week_extra into the baseline")
    outcome.record("baseline growth without trailer", done.returncode != 0, f"exit {done.returncode}")
    done = commit(project, env, f"Absorb week_extra into the baseline\n\n{APPROVE_BASELINE}")
    outcome.record("baseline growth with trailer", done.returncode == 0, f"exit {done.returncode}" + ("" if done.returncode == 0 else f": {done.stdout[-600:]}"))
    pyproject = project / "pyproject.toml"
    configured = pyproject.exists() and "[tool.prefguard]" in pyproject.read_text(encoding="utf-8", errors="replace")
    config = "pyproject.toml" if configured else "prefguard.toml"
    text = (project / config).read_text(encoding="utf-8")
    (project / config).write_text(text.replace("[tool.prefguard]\n", '[tool.prefguard]\nignore = ["DOC"]\n', 1), encoding="utf-8")
    done = commit(project, env, "Ignore the docstring rules")
    outcome.record("configuration weakening without trailer", done.returncode != 0, f"exit {done.returncode}")
    done = commit(project, env, f"Ignore the docstring rules\n\nPrefguard-Approve: {config}#/tool/prefguard/ignore")
    outcome.record("configuration weakening with trailer", done.returncode == 0, f"exit {done.returncode}" + ("" if done.returncode == 0 else f": {done.stdout[-600:]}"))


def snapshot(checkout: Path, project: Path, env: Dict[str, str]) -> int:
    """The checkout's HEAD tree written to a new one-commit repository; the number of absent blobs left out.

    For a checkout whose large files are absent (a partial mirror): ``git clone``
    cannot check it out, so every blob that is present is written as it is.
    """
    listed = subprocess.run(["git", "ls-tree", "-r", "-z", "HEAD"], cwd=checkout, capture_output=True, check=True).stdout
    absent = 0
    for raw in listed.split(b"\0"):
        if not raw:
            continue
        meta, _, name = raw.partition(b"\t")
        mode, kind, sha = meta.decode("ascii").split()
        if kind != "blob" or mode == "120000":
            continue
        blob = subprocess.run(["git", "cat-file", "blob", sha], cwd=checkout, capture_output=True, check=False)
        if blob.returncode != 0:
            absent += 1
            continue
        target = project / os.fsdecode(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(blob.stdout)
    must(["git", "init", "-q", "-b", "main"], project, env)
    must(["git", "add", "-A"], project, env)
    must(["git", "commit", "-q", "--no-verify", "-m", "snapshot"], project, env)
    return absent


def trial(checkout: Path, machine: Machine, scratch: Path) -> Outcome:
    """Day one and the first week on a clone of one checkout."""
    project = scratch / "projects" / checkout.name
    pinned = must(["git", "rev-parse", "HEAD"], checkout, machine.env).strip()
    absent = 0
    if run(["git", "clone", "-q", str(checkout), str(project)], scratch, machine.env).returncode != 0:
        shutil.rmtree(project, ignore_errors=True)
        project.mkdir(parents=True)
        absent = snapshot(checkout, project, machine.env)
    outcome = Outcome(checkout.name, pinned)
    print(f"[INFO] {checkout.name} at {outcome.commit}" + (f" ({absent} absent large file(s) left out)" if absent else ""), flush=True)
    env = dict(machine.env)
    venv = scratch / "venvs" / checkout.name
    must([str(machine.python), "-m", "venv", str(venv)], scratch, env)
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    env["VIRTUAL_ENV"] = str(venv)
    must([str(machine.python), "-m", "venv", "--without-pip", ".venv"], project, env)
    done = run(["python", "-m", "pip", "install", "-q", str(machine.wheel), "pre-commit"], project, env)
    outcome.record("install the wheel in a clean venv", done.returncode == 0, f"exit {done.returncode}")
    prefguard = venv / "bin" / "prefguard"
    target = largest_legacy_file(project, env)
    done = run([str(prefguard), "init", "--hook-repo", str(machine.hook_repo)], project, env)
    outcome.record("prefguard init", done.returncode == 0, f"exit {done.returncode}" + ("" if done.returncode == 0 else f": {done.stdout[-800:]}"))
    if done.returncode != 0:
        return outcome
    offline = remote_free_config(project, outcome)
    install = ["pre-commit", "install"] + (["--config", str(offline.relative_to(project))] if offline else [])
    done = run(install, project, env)
    outcome.record("pre-commit install", done.returncode == 0, f"exit {done.returncode}")
    done = run(["git", "status", "--porcelain", "--", ".venv"], project, env)
    outcome.record(".venv stays out of git add -A", done.stdout.strip() == "", done.stdout.strip() or "ignored")
    done = commit(project, env, "Put the repository under the prefguard policy")
    found = findings_of(done.stdout)
    outcome.record("first commit through the hooks", done.returncode == 0,
                   f"exit {done.returncode}" + ("" if done.returncode == 0 else f": {found[:8] or done.stdout[-800:]}"))
    if done.returncode == 0:
        week(project, env, prefguard, outcome, target)
    return outcome


def table(outcomes: List[Outcome]) -> str:
    """The Markdown table of the README."""
    rows = ["| project | commit | steps passed | failed steps | remote hooks left out |", "| --- | --- | ---: | --- | --- |"]
    for outcome in outcomes:
        passed = sum(1 for _, ok, _ in outcome.steps if ok)
        failed = "; ".join(name for name, ok, _ in outcome.steps if not ok) or "none"
        rows.append(f"| {outcome.name} | `{outcome.commit[:12]}` | {passed} of {len(outcome.steps)} | {failed} | {len(outcome.skipped_hooks)} |")
    return "\n".join(rows)


def main(argv: Optional[List[str]] = None) -> int:
    """Run the trial on every checkout; exit 1 when a step failed."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prefguard", required=True, help="a git checkout of prefguard (its HEAD is installed and is the hook repository)")
    parser.add_argument("checkouts", nargs="+", help="git checkouts of real projects (left unchanged)")
    args = parser.parse_args(argv)
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="prefguard-day-one-") as folder:
        scratch = Path(folder)
        machine = prepare(Path(args.prefguard).resolve(), scratch)
        for checkout in args.checkouts:
            try:
                outcomes.append(trial(Path(checkout).resolve(), machine, scratch))
            except (RuntimeError, OSError, subprocess.TimeoutExpired, ValueError) as error:
                broken = Outcome(Path(checkout).name, "?")
                broken.record("trial", False, str(error)[-600:])
                outcomes.append(broken)
    print(table(outcomes), flush=True)
    for outcome in outcomes:
        if outcome.skipped_hooks:
            print(f"[INFO] {outcome.name}: remote hooks left out: {', '.join(outcome.skipped_hooks)}", flush=True)
    failed = sum(1 for outcome in outcomes for _, ok, _ in outcome.steps if not ok)
    print(f"[{'OK' if not failed else 'ERROR'}] {failed} step(s) failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
