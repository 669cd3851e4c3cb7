# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""``prefguard verify`` and ``prefguard init`` on clones of real projects, against a reader's verdicts.

CLONES is a folder holding git clones the user fetched, one folder per
project, named as in the manifest (``benchmarks/real_repos.json``: for each
project its clone folder and, per module path, the verdict a reader of the
code gives, WIRED or NOT WIRED, with the reason in the reader's words).

For each project present the script runs ``prefguard verify`` without any
configuration (its exit status must be 0 or 1, never 2) and compares the
WIRED / NOT WIRED column with the manifest, module by module. With
``--acceptance`` it also clones each project into a temporary folder and runs
the adoption scenario of the README: ``prefguard init``, ``pre-commit
install``, ``git add -A && git commit`` (with the baseline approval trailer),
then ``prefguard check .``, ``prefguard verify``, ``python
verify_integration.py``, ``pre-commit run --all-files`` and a second ``prefguard
init`` that must change nothing. A project with remote pre-commit hooks of its
own cannot install them without network; its pre-commit steps are reported
as skipped.

    python benchmarks/real_repos.py CLONES [--acceptance]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "benchmarks" / "real_repos.json"
TRAILER = "Prefguard-Approve: .prefguard-baseline.json#/files"


def prefguard_command() -> List[str]:
    """This checkout's prefguard, run by the current interpreter."""
    return [sys.executable, "-m", "hooks.cli"]


def environment(scratch: Path) -> Dict[str, str]:
    """git without the user's configuration; this checkout and this interpreter's scripts first."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "PRE_COMMIT"))}
    config = scratch / "gitconfig"
    config.write_text("", encoding="utf-8")
    env.update(
        GIT_AUTHOR_NAME="Benchmark",
        GIT_AUTHOR_EMAIL="benchmark@example.com",
        GIT_COMMITTER_NAME="Benchmark",
        GIT_COMMITTER_EMAIL="benchmark@example.com",
        GIT_CONFIG_GLOBAL=str(config),
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_HOME=str(scratch / "pre-commit-home"),
        PYTHONPATH=str(ROOT),
        PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
    )
    return env


def run(command: Sequence[str], cwd: Path, env: Dict[str, str]) -> Tuple[int, str]:
    """Exit status and output (stdout and stderr together)."""
    done = subprocess.run(list(command), cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, encoding="utf-8", errors="replace", timeout=900, check=False)
    return done.returncode, done.stdout


def classifications(output: str) -> Dict[str, str]:
    """The CLASS column of verify's text table, by module path."""
    found: Dict[str, str] = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0].endswith(".py"):
            if parts[1] == "NOT" and len(parts) > 2 and parts[2] == "WIRED":
                found[parts[0]] = "NOT WIRED"
            elif parts[1] in ("WIRED", "DUPLICATE"):
                found[parts[0]] = parts[1]
    return found


def compare(name: str, clone: Path, verdicts: Dict[str, List[str]], scratch: Path) -> Tuple[int, int, int]:
    """Run verify without configuration on a fresh clone; (judged, agreeing, exit status)."""
    work = scratch / f"verify-{clone.name}"
    env = environment(scratch)
    run(["git", "clone", "-q", str(clone), str(work)], scratch, env)
    status, output = run(prefguard_command() + ["verify", "--no-cache"], work, env)
    table = classifications(output)
    agree = 0
    for path, (expected, reason) in sorted(verdicts.items()):
        got = table.get(path, "missing")
        if got == expected:
            agree += 1
        else:
            print(f"[WARN] {name}: {path}: verify says {got}, a reader says {expected} ({reason})", flush=True)
    print(f"[INFO] {name}: verify exit {status}; {agree}/{len(verdicts)} modules agree with the reader", flush=True)
    return len(verdicts), agree, status


def has_remote_hooks(work: Path) -> bool:
    """Whether the project's own pre-commit configuration names hook repositories that need network."""
    config = work / ".pre-commit-config.yaml"
    if not config.is_file():
        return False
    text = config.read_text(encoding="utf-8")
    return "repo: http" in text or "repo: git@" in text


def acceptance(name: str, clone: Path, scratch: Path) -> List[Tuple[str, str]]:
    """The README's adoption scenario on a fresh clone; (step, result) pairs."""
    work = scratch / f"accept-{clone.name}"
    env = environment(scratch)
    run(["git", "clone", "-q", str(clone), str(work)], scratch, env)
    remote = has_remote_hooks(work)
    results: List[Tuple[str, str]] = []

    def step(label: str, command: Sequence[str], needs_pre_commit: bool = False) -> None:
        if needs_pre_commit and remote:
            results.append((label, "skipped (the project's own remote hooks need network)"))
            return
        status, output = run(command, work, env)
        results.append((label, f"exit {status}"))
        if status != 0:
            print(f"[WARN] {name}: {label} exited {status}:\n{output[-2000:]}", flush=True)

    step("prefguard init", prefguard_command() + ["init"])
    step("pre-commit install", [sys.executable, "-m", "pre_commit", "install"], True)
    if remote:
        run(["git", "config", "core.hooksPath", "/dev/null"], work, env)
    step("git add -A && git commit", ["bash", "-c", f"git add -A && git commit -q -m 'Adopt prefguard' -m '{TRAILER}'"])
    step("prefguard check .", prefguard_command() + ["check", "."])
    step("prefguard verify", prefguard_command() + ["verify"])
    step("python verify_integration.py", [sys.executable, "verify_integration.py"])
    step("pre-commit run --all-files", [sys.executable, "-m", "pre_commit", "run", "--all-files"], True)
    status, _output = run(prefguard_command() + ["init"], work, env)
    _code, changes = run(["git", "status", "--porcelain"], work, env)
    results.append(("second prefguard init", f"exit {status}, {'no change' if not changes.strip() else 'CHANGED: ' + changes.strip()}"))
    return results


def main(argv: Sequence[str]) -> int:
    """Compare and, with --acceptance, run the adoption scenario; 1 when anything disagrees or fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clones", type=Path, help="folder holding one git clone per project of the manifest")
    parser.add_argument("--acceptance", action="store_true", help="also run the adoption scenario on fresh clones")
    args = parser.parse_args(argv)
    with open(MANIFEST, "r", encoding="utf-8") as handle:
        manifest = json.load(handle)
    judged = agreeing = 0
    failed = False
    with tempfile.TemporaryDirectory(prefix="prefguard-real-") as folder:
        scratch = Path(folder)
        for name, project in sorted(manifest.items()):
            clone = args.clones / project["clone"]
            if not (clone / ".git").exists():
                print(f"[INFO] {name}: no clone at {clone}; skipped", flush=True)
                continue
            count, agree, status = compare(name, clone, project["modules"], scratch)
            judged += count
            agreeing += agree
            failed = failed or status == 2 or agree != count
            if args.acceptance:
                for label, result in acceptance(name, clone, scratch):
                    print(f"[INFO] {name}: {label}: {result}", flush=True)
                    failed = failed or not (result.startswith("exit 0") or result.startswith("skipped"))
        shutil.rmtree(scratch / "pre-commit-home", ignore_errors=True)
    print(f"[INFO] modules judged by a reader: {judged}; verify agrees on {agreeing}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
