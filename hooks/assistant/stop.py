# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Stop: refuse, once, to let the assistant finish with protected files damaged or the project memory out of date.

Every work tree the session touched is checked: the one the event runs in,
the project folder's, and those recorded by the tool hooks
(:mod:`hooks.assistant.session`), worktrees under ``.claude/worktrees/``
included. Refused (``"decision": "block"``) when, in a tree against HEAD:
a protected file changed in a way the commit-time guard refuses (the same
comparison as after a Bash call, with the restore command); Python files
changed and ``project_log.json`` gained no entry (MEM001); a module was
added, removed or renamed without the matching ``project_structure.json``
entry (MEM002); or ``prefguard verify`` reports a critical module NOT WIRED
(INT002). Untracked files git ignores, and untracked folders prefguard never
checks (virtual environments, caches, build output), are not modules. The
reasons come most important first and are cut to fit the output cap, with
totals. With ``stop_hook_active`` (the assistant is already continuing
because of a Stop hook) it never refuses: once is enough, and a loop would
waste the user's time.
"""

import contextlib
import io
import json
import os
import subprocess
from typing import Any, Dict, List, Optional, Sequence, Tuple

from checks.assistant.hook_input import session_fields, stop_hook_active, working_folder
from checks.engine.finding import Finding
from hooks.assistant.pre_tool_use import PASS, Verdict
from hooks.assistant.project import project_directory, start_folder, work_tree_of

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
    changes: List[Change] = [("A", None, path) for path in untracked_files(root)]
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


def _skipped_folder(root: str, folder: str) -> bool:
    """A folder prefguard never checks (``prefguard check``'s list, a virtual environment), or another work tree."""
    from hooks.runtime.files import SKIPPED_FOLDERS

    name = folder.rstrip("/").rsplit("/", 1)[-1]
    path = os.path.join(root, folder)
    return (
        name in SKIPPED_FOLDERS
        or name.endswith(".egg-info")
        or os.path.isfile(os.path.join(path, "pyvenv.cfg"))
        or os.path.exists(os.path.join(path, ".git"))
    )


def untracked_files(root: str) -> List[str]:
    """Untracked files git does not ignore, outside folders prefguard never checks (virtual environments, caches)."""
    listed = _git(root, "ls-files", "-z", "--others", "--exclude-standard", "--directory", "--no-empty-directory") or b""
    files: List[str] = []
    for name in (os.fsdecode(item) for item in listed.split(b"\0") if item):
        if not name.endswith("/"):
            files.append(name)
        elif not _skipped_folder(root, name):
            inner = _git(root, "ls-files", "-z", "--others", "--exclude-standard", "--", name) or b""
            files.extend(
                path for path in (os.fsdecode(item) for item in inner.split(b"\0") if item)
                if not any(_skipped_folder(root, path[: index + 1]) for index, character in enumerate(path) if character == "/")
            )
    return files


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


def _memory_lines(root: str, label: str) -> Tuple[List[str], List[str]]:
    """MEM001/MEM002 lines and INT002 lines of one work tree against HEAD."""
    changes = work_tree_changes(root)
    if not changes:
        return [], []
    memory = [f"- {label}{finding.code} {finding.message}" for finding in _memory_findings(root, changes)]
    wiring: List[str] = []
    if any(path and path.endswith(".py") for _, old, new in changes for path in (old, new)):
        wiring = [f"- {label}INT002 {item.get('path')}: {item.get('message')}" for item in _unwired_critical(root)]
    return memory, wiring


def session_trees(payload: Dict[str, Any]) -> List[str]:
    """The work trees to check: the event's, the project folder's, then those the session recorded."""
    from hooks.assistant.session import SessionState, state_path

    folder = start_folder(working_folder(payload))
    session_id, transcript = session_fields(payload)
    recorded = SessionState(state_path(session_id, transcript, folder)).trees
    trees: List[str] = []
    for candidate in [work_tree_of(folder), work_tree_of(project_directory() or folder), *recorded]:
        if candidate and candidate not in trees and os.path.isdir(candidate) and work_tree_of(candidate) == candidate:
            trees.append(candidate)
    return trees


def judge(payload: Dict[str, Any]) -> Verdict:
    """The verdict on one Stop payload."""
    from checks.assistant.output_cap import fit_message
    from hooks.assistant.bash_tool import FILE_ADVICE, protected_lines, tree_label

    if stop_hook_active(payload):
        return PASS
    trees = session_trees(payload)
    anchor = work_tree_of(project_directory() or start_folder(working_folder(payload)))
    protected: List[str] = []
    memory: List[str] = []
    wiring: List[str] = []
    for tree in trees:
        label = tree_label(tree, anchor)
        found, _ = protected_lines(tree, None, label)
        protected.extend(found)
        tree_memory, tree_wiring = _memory_lines(tree, label)
        memory.extend(tree_memory)
        wiring.extend(tree_wiring)
    lines = protected + memory + wiring
    if not lines:
        return PASS
    head = "prefguard: this work is not finished under the project policy (sections 2, 3 and 9); before finishing:"
    tail_parts = []
    if protected:
        tail_parts.append(f"Undo the changes to protected files with the commands shown; {FILE_ADVICE}")
    if memory or wiring:
        tail_parts.append(
            "Append a log entry (`prefguard memory log --requested ... --executed ... --files ... --status success`), "
            "append a project_structure.json entry for each new module, and wire critical modules into the entry point."
        )
    listing = "`git status --short`, `prefguard guard` and `prefguard verify` in each work tree"
    return Verdict(2, fit_message(head, lines, "\n".join(tail_parts), listing))
