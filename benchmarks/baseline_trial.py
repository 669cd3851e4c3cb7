# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Adopt prefguard on real checkouts, as a new user would, and report each step.

For every git checkout given, a temporary clone goes through the scenarios of
issue 13: ``prefguard baseline`` then ``check .`` exits 0; lines inserted at
the top of the file with most findings keep it at 0; a new unannotated
function reports exactly its own findings; editing a baselined line reports
that line's findings; fixing one finding and ``baseline --prune`` removes
exactly that entry; the same with ``--changed`` in work-tree, ``--staged``
and range modes; ``guard`` refuses baseline growth and weakened
configuration without an approval trailer and accepts them with one. The
checkouts themselves are never modified.

    python benchmarks/baseline_trial.py CHECKOUT [CHECKOUT ...]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional, Tuple

NEW_FUNCTION = "\n\ndef trial_added(value):\n    return value\n"
TOP_LINES = "# Adoption trial: three lines inserted at the top.\n\n\n"
EDIT_MARK = "  # edited in the adoption trial"
LINE_LEVEL_EDIT_CODES = ("ANN001", "ANN002", "DOC001", "DOC002", "NAM002")
APPROVE_BASELINE = "Prefguard-Approve: .prefguard-baseline.json#/files"
APPROVE_CONFIG = "Prefguard-Approve: pyproject.toml#/tool/prefguard/ignore"
GIT_ENV = {"GIT_AUTHOR_NAME": "Trial", "GIT_AUTHOR_EMAIL": "trial@example.com", "GIT_COMMITTER_NAME": "Trial",
           "GIT_COMMITTER_EMAIL": "trial@example.com", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


class Trial:
    """One checkout's run: a clone in a temporary folder and the results of each step."""

    def __init__(self, clone: Path) -> None:
        self.clone = clone
        self.results: List[Tuple[str, bool, str]] = []
        self.command = Path(sys.executable).with_name("prefguard")

    def git(self, *args: str) -> str:
        """Run git in the clone."""
        result = subprocess.run(["git", *args], cwd=self.clone, capture_output=True, text=True, env=dict(os.environ, **GIT_ENV))
        if result.returncode != 0:
            raise RuntimeError(f"git {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def prefguard(self, *args: str) -> Tuple[int, List[dict], str]:
        """Run prefguard in the clone; JSON findings for check and guard."""
        wants_json = args[0] in ("check", "guard")
        full = [str(self.command), *args, *(["--format", "json"] if wants_json else [])]
        result = subprocess.run(full, cwd=self.clone, capture_output=True, text=True)
        findings = json.loads(result.stdout) if wants_json and result.stdout.strip() else []
        return result.returncode, findings, result.stderr

    def record(self, name: str, passed: bool, detail: str) -> None:
        """Keep and print one step's result."""
        self.results.append((name, passed, detail))
        print(f"{'[OK]' if passed else '[ERROR]'} {name}: {detail}", flush=True)

    def reset(self) -> None:
        """Back to the last commit, untracked trial files removed."""
        self.git("reset", "-q", "--hard")
        self.git("clean", "-q", "-fd")


def _busiest_file(findings: List[dict]) -> Optional[str]:
    """The Python file with most findings, outside test folders when there is one."""
    counts = Counter(item["path"] for item in findings if item["path"].endswith(".py"))
    outside_tests = [(path, count) for path, count in counts.most_common() if not path.startswith(("tests/", "test/"))]
    ranked = outside_tests or counts.most_common()
    return ranked[0][0] if ranked else None


def _on_line(findings: List[dict], path: str, line: int) -> List[str]:
    return sorted(item["code"] for item in findings if item["path"] == path and item["line"] == line)


def _codes(findings: List[dict]) -> List[str]:
    return sorted(item["code"] for item in findings)


def _edit_line(path: Path, number: int, suffix: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line = lines[number - 1]
    ending = line[len(line.rstrip("\r\n")):]
    lines[number - 1] = line.rstrip("\r\n") + suffix + ending
    path.write_text("".join(lines), encoding="utf-8")


def _baseline_entries(clone: Path) -> Dict[Tuple[str, str, str], int]:
    data = json.loads((clone / ".prefguard-baseline.json").read_text(encoding="utf-8"))
    return {(path, *key.split(" ")): value[0] for path, entries in data["files"].items() for key, value in entries.items()}


def baseline_steps(trial: Trial) -> Optional[str]:
    """Baseline, insertions at the top, a new function, an edited line, a fix and a prune."""
    status, before, _ = trial.prefguard("check", ".", "--no-baseline")
    trial.record("check before adoption", status == 1, f"exit {status}, {len(before)} finding(s)")
    trial.prefguard("baseline")
    trial.git("add", "-A")
    trial.git("commit", "-q", "-m", f"Adopt prefguard\n\n{APPROVE_BASELINE}")
    status, found, _ = trial.prefguard("check", ".")
    trial.record("baseline then check .", (status, found) == (0, []), f"exit {status}, {len(found)} finding(s)")
    target = _busiest_file(before)
    if target is None:
        return None
    path = trial.clone / target
    original = path.read_text(encoding="utf-8")
    path.write_text(TOP_LINES + original, encoding="utf-8")
    status, found, _ = trial.prefguard("check", ".")
    trial.record(f"lines inserted at the top of {target}", (status, found) == (0, []), f"exit {status}, {len(found)} finding(s)")
    path.write_text(original + NEW_FUNCTION, encoding="utf-8")
    added_line = original.count("\n") + 3
    status, found, _ = trial.prefguard("check", ".")
    wanted = _on_line(trial.prefguard("check", ".", "--no-baseline")[1], target, added_line)
    exact = {item["line"] for item in found} == {added_line} and _codes(found) == wanted
    trial.record("new unannotated function", status == 1 and exact, f"exit {status}, {_codes(found)} at lines {sorted({i['line'] for i in found})}, expected {wanted}")
    trial.reset()
    candidates = [item for item in before if item["path"] == target and item["code"] in LINE_LEVEL_EDIT_CODES and item.get("cell") is None]
    if candidates:
        line = candidates[0]["line"]
        on_line = [item for item in before if item["path"] == target and item["line"] == line]
        _edit_line(path, line, EDIT_MARK)
        status, found, _ = trial.prefguard("check", ".")
        same = _codes(found) == _codes(on_line) and {item["line"] for item in found} == {line}
        trial.record(f"edited baselined line {target}:{line}", status == 1 and same, f"reported {_codes(found)}, baselined there {_codes(on_line)}")
        trial.reset()
    lines_with = Counter((item["path"], item["line"]) for item in before)
    per_file = Counter((item["path"], item["code"]) for item in before)
    alone = [item for item in before if item["path"].endswith(".py") and item["code"] == "ENC001"
             and lines_with[(item["path"], item["line"])] == 1 and per_file[(item["path"], "ENC001")] == 1]
    alone = alone or [item for item in before if item["path"].endswith(".py") and item["code"] not in ("HDR001", "HDR002") and lines_with[(item["path"], item["line"])] == 1]
    if alone:
        chosen = alone[0]
        fixed = trial.clone / chosen["path"]
        if chosen["code"] == "ENC001":
            trial.prefguard("check", chosen["path"], "--fix", "--no-baseline", "--select", "ENC001")
            how = "fixed with --fix --select ENC001"
        else:
            _edit_line(fixed, chosen["line"], f"  # prefguard: ignore[{chosen['code']}]")
            how = "suppressed on its line"
        old_entries = _baseline_entries(trial.clone)
        status, found, err = trial.prefguard("check", ".")
        stale_line = next((line for line in err.splitlines() if "stale" in line), "")
        trial.prefguard("baseline", "--prune")
        new_entries = _baseline_entries(trial.clone)
        removed = {key: old_entries[key] - new_entries.get(key, 0) for key in old_entries if old_entries[key] != new_entries.get(key, 0)}
        exact = sum(removed.values()) == 1 and all(key[1] == chosen["code"] and key[0] == chosen["path"] for key in removed)
        added = [key for key in new_entries if new_entries[key] > old_entries.get(key, 0)]
        trial.record(
            f"{chosen['code']} at {chosen['path']}:{chosen['line']} {how}, then --prune",
            status == 0 and exact and not added,
            f"check exit {status} ({stale_line.strip()}); prune removed {sum(removed.values())} finding(s), added {len(added)}",
        )
        trial.reset()
    return target


def changed_steps(trial: Trial, target: str) -> None:
    """The same edits judged with --changed and without the baseline, in all three modes."""
    path = trial.clone / target
    original = path.read_text(encoding="utf-8")
    path.write_text(TOP_LINES + original + NEW_FUNCTION, encoding="utf-8")
    added_line = TOP_LINES.count("\n") + original.count("\n") + 3
    expected = (_on_line(trial.prefguard("check", ".", "--no-baseline")[1], target, added_line), {added_line})
    modes = [("work tree", ["check", ".", "--changed", "--no-baseline"])]
    status, found, _ = trial.prefguard(*modes[0][1])
    trial.record("--changed, work tree", status == 1 and (_codes(found), {i["line"] for i in found}) == expected, f"exit {status}, {_codes(found)}")
    trial.git("add", "-A")
    status, found, _ = trial.prefguard("check", "--staged", "--changed", "--no-baseline")
    trial.record("--changed --staged", status == 1 and (_codes(found), {i["line"] for i in found}) == expected, f"exit {status}, {_codes(found)}")
    trial.git("commit", "-q", "-m", "trial change")
    status, found, _ = trial.prefguard("check", "--from-ref", "HEAD~1", "--to-ref", "HEAD", "--changed", "--no-baseline")
    trial.record("--changed --from-ref/--to-ref", status == 1 and (_codes(found), {i["line"] for i in found}) == expected, f"exit {status}, {_codes(found)}")
    trial.git("reset", "-q", "--hard", "HEAD~1")


def gate_steps(trial: Trial, target: str) -> None:
    """guard refuses baseline growth and configuration weakening without a trailer, accepts them with one."""
    path = trial.clone / target
    path.write_text(path.read_text(encoding="utf-8") + NEW_FUNCTION, encoding="utf-8")
    trial.prefguard("baseline")
    trial.git("add", "-A")
    trial.git("commit", "-q", "-m", "absorb a new finding")
    gate = [i["code"] for i in trial.prefguard("guard", "--from-ref", "HEAD~1", "--to-ref", "HEAD")[1] if i["code"][:3] in ("BSL", "CFG")]
    trial.record("guard range: baseline growth without trailer", gate == ["BSL001"], f"gate findings {gate}")
    trial.git("commit", "-q", "--amend", "-m", f"absorb a new finding\n\n{APPROVE_BASELINE}")
    gate = [i["code"] for i in trial.prefguard("guard", "--from-ref", "HEAD~1", "--to-ref", "HEAD")[1] if i["code"][:3] in ("BSL", "CFG")]
    trial.record("guard range: baseline growth with trailer", gate == [], f"gate findings {gate}")
    config = trial.clone / "pyproject.toml"
    text = config.read_text(encoding="utf-8") if config.exists() else ""
    config.write_text(text + '\n[tool.prefguard]\nignore = ["ANN"]\n', encoding="utf-8")
    trial.git("add", "-A")
    gate = [i["code"] for i in trial.prefguard("guard", "--staged")[1] if i["code"][:3] in ("BSL", "CFG")]
    trial.record("guard staged: ignore = [\"ANN\"] without trailer", gate == ["CFG001"], f"gate findings {gate}")
    message = trial.clone.parent / "message.txt"
    message.write_text(f"loosen\n\n{APPROVE_CONFIG}\n", encoding="utf-8")
    gate = [i["code"] for i in trial.prefguard("guard", "--staged", "--commit-msg-file", str(message))[1] if i["code"][:3] in ("BSL", "CFG")]
    trial.record("guard staged: ignore = [\"ANN\"] with trailer", gate == [], f"gate findings {gate}")


def run_trial(checkout: Path) -> List[Tuple[str, bool, str]]:
    """All steps on a temporary clone of one checkout."""
    with tempfile.TemporaryDirectory(prefix="prefguard-adoption-") as folder:
        clone = Path(folder) / checkout.name
        subprocess.run(["git", "clone", "-q", str(checkout), str(clone)], check=True, capture_output=True)
        trial = Trial(clone)
        print(f"[INFO] {checkout} ({trial.git('rev-parse', '--short', 'HEAD').strip()})", flush=True)
        target = baseline_steps(trial)
        if target is not None:
            changed_steps(trial, target)
            gate_steps(trial, target)
        return trial.results


def main() -> int:
    """Run the trial on every checkout; exit 1 when a step failed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("checkouts", nargs="+", help="git checkouts of real projects (left unchanged)")
    args = parser.parse_args()
    failed = 0
    for checkout in args.checkouts:
        results = run_trial(Path(checkout).resolve())
        failed += sum(1 for _, passed, _ in results if not passed)
    print(f"[{'OK' if not failed else 'ERROR'}] {failed} step(s) failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
