# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Stop: refuse, once, to let the assistant finish with the project memory out of date.

Refused (exit 2, the reasons on stderr) when, in the work tree against HEAD,
Python files changed and ``project_log.json`` gained no entry (MEM001), a
module was added, removed or renamed without the matching
``project_structure.json`` entry (MEM002), or ``prefguard verify`` reports a
critical module NOT WIRED (INT002). With ``stop_hook_active`` (the assistant
is already continuing because of a Stop hook) it never refuses: once is
enough, and a loop would waste the user's time.
"""

import contextlib
import io
import json
import os
import subprocess
from typing import Any, Dict, List, Optional, Sequence, Tuple

from checks.assistant.hook_input import stop_hook_active, working_folder
from checks.engine.finding import Finding
from hooks.assistant.pre_tool_use import PASS, Verdict
from hooks.assistant.project import project_root, start_folder

Change = Tuple[str, Optional[str], Optional[str]]


def _git(root: str, *args: str) -> Optional[bytes]:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def work_tree_changes(root: str) -> Optional[List[Change]]:
    """``(status, old_path, new_path)`` of every file changed since HEAD (untracked files as added).

    Before the first commit every listed file is added. None outside git.
    """
    if not os.path.exists(os.path.join(root, ".git")):
        return None
    untracked = _git(root, "ls-files", "-z", "--others", "--exclude-standard") or b""
    changes: List[Change] = [("A", None, os.fsdecode(name)) for name in untracked.split(b"\0") if name]
    if _git(root, "rev-parse", "--verify", "-q", "HEAD") is None:
        cached = _git(root, "ls-files", "-z", "--cached") or b""
        return changes + [("A", None, os.fsdecode(name)) for name in cached.split(b"\0") if name]
    raw = _git(root, "diff", "--name-status", "-z", "-M", "HEAD")
    if raw is None:
        return None
    fields = [os.fsdecode(field) for field in raw.split(b"\0")]
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index][0]
        if status in ("R", "C"):
            changes.append((status if status == "R" else "A", fields[index + 1] if status == "R" else None, fields[index + 2]))
            index += 3
        else:
            path = fields[index + 1]
            changes.append((status, path if status != "A" else None, path if status != "D" else None))
            index += 2
    return changes


def _memory_findings(root: str, changes: Sequence[Change]) -> List[Finding]:
    """MEM001 and MEM002 of the work tree against HEAD."""
    from pathlib import Path

    from checks.guard.json_guard import ABSENT, GuardPolicy, MODE_APPEND_ONLY
    from checks.guard.memory_rules import (
        KIND_LOG,
        KIND_STRUCTURE,
        is_python_source,
        judge_log,
        memory_path,
        missing_log_entry,
        structure_findings,
    )
    from checks.guard.strict_json import StrictJsonError, loads_bytes
    from hooks.config_loader import load_settings

    settings = load_settings(start=Path(root))
    table = settings.table("json-guard")
    memory_dir = str(table["memory-dir"]).strip().strip("/")

    def versions(relative: str) -> Tuple[Any, Any, bool]:
        old_data = _git(root, "show", f"HEAD:{relative}")
        try:
            with open(os.path.join(root, relative), "rb") as handle:
                new_data: Optional[bytes] = handle.read()
        except FileNotFoundError:
            new_data = None
        values = []
        readable = True
        for data in (old_data, new_data):
            try:
                values.append(ABSENT if data is None else loads_bytes(data))
            except StrictJsonError:
                values.append(ABSENT)
                readable = readable and data is old_data
        return values[0], values[1], readable

    findings: List[Finding] = []
    python_paths = sorted({path for _, old, new in changes for path in (old, new) if path and is_python_source(path)})
    log_path = memory_path(memory_dir, KIND_LOG)
    if python_paths:
        old_log, new_log, readable = versions(log_path)
        appended = 0
        if readable and new_log is not ABSENT:
            appended = judge_log(old_log, new_log, ABSENT, ABSENT, GuardPolicy(MODE_APPEND_ONLY)).appended
        findings.extend(missing_log_entry(python_paths, log_path, appended))
    module_changes = [
        change for change in changes
        if change[0] in ("A", "D", "R") and any(path and is_python_source(path) for path in change[1:])
    ]
    if module_changes:
        structure_path = memory_path(memory_dir, KIND_STRUCTURE)
        old_structure, new_structure, _ = versions(structure_path)
        findings.extend(
            structure_findings(module_changes, old_structure, new_structure, structure_path, tuple(table["module-exempt"]))
        )
    return [finding for finding in findings if finding.code in settings.codes_for(finding.path)]


def _unwired_critical(root: str) -> List[Dict[str, Any]]:
    """INT002 findings of ``prefguard verify`` (static), or none when verify cannot run here."""
    from hooks.commands import verify

    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(io.StringIO()):
        status = verify.main(["--format", "json"], start=root)
    if status != 1:
        return []
    try:
        reported = json.loads(output.getvalue())
    except ValueError:
        return []
    return [item for item in reported if isinstance(item, dict) and item.get("code") == "INT002"]


def reasons(root: str) -> List[str]:
    """Why the assistant may not finish yet (empty: it may)."""
    changes = work_tree_changes(root)
    if not changes:
        return []
    lines: List[str] = []
    for finding in _memory_findings(root, changes):
        lines.append(f"{finding.code} {finding.message}")
    if any(path and path.endswith(".py") for _, old, new in changes for path in (old, new)):
        for item in _unwired_critical(root):
            lines.append(f"INT002 {item.get('path')}: {item.get('message')}")
    return lines


def judge(payload: Dict[str, Any]) -> Verdict:
    """The verdict on one Stop payload."""
    if stop_hook_active(payload):
        return PASS
    root = project_root(start_folder(working_folder(payload)))
    found = reasons(root)
    if not found:
        return PASS
    lines = ["prefguard: the project memory is not up to date with this work (policy sections 3 and 9); before finishing:"]
    lines.extend(f"- {line}" for line in found)
    lines.append(
        "Append a log entry (`prefguard memory log --requested ... --executed ... --files ... --status success`), "
        "append a project_structure.json entry for each new module, and wire critical modules into the entry point."
    )
    return Verdict(2, "\n".join(lines))
