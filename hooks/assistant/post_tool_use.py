# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""PostToolUse: the source rules on the Python file or notebook the assistant just wrote.

Findings go to stderr in a compact form the assistant acts on, with exit 2
(Claude Code shows them to the assistant; the file is already written).
What is reported is what ``prefguard check`` reports (the baseline applies),
limited to the lines the work tree changed against HEAD: the policy's
minimal-intervention rule (section 7) keeps the assistant off lines it did
not touch, so those are only counted.
Nothing is printed for a clean file, a file outside the project, an excluded
file or any other kind of file. Paths are relative to the git work tree
holding the file (a worktree under ``.claude/worktrees/`` is a tree of its
own), and that tree is recorded for Stop (:mod:`hooks.assistant.session`).

After a Bash call the protected files of the work tree are compared with
HEAD and the index instead (:func:`hooks.assistant.bash_tool.judge_after`,
chosen by :mod:`hooks.assistant.events` without importing this module).
"""

import os
from pathlib import Path
from typing import Any, Dict, List, Sequence, Tuple

from checks.assistant.hook_input import file_tool_call, session_fields
from checks.engine.finding import Finding
from hooks.assistant.pre_tool_use import PASS, Verdict
from hooks.assistant.project import ProjectFile, locate

NOTEBOOK_SUFFIX = ".ipynb"
CHECKED_SUFFIXES = (".py", ".pyi", NOTEBOOK_SUFFIX)
SHOWN_LIMIT = 30


def _findings_of(project_file: ProjectFile) -> Tuple[List[Finding], int]:
    """What ``prefguard check`` reports on this one file, split by the work tree's change against HEAD.

    Returns the findings on lines the work tree added or modified (the whole
    file when it is new) and how many more the file has on lines nobody
    touched. Findings the baseline accepts are never counted, exactly as in
    ``prefguard check``. Outside git every line counts as changed.
    """
    import argparse

    from hooks.commands.baseline import FindingScope, baseline_location, finding_scope
    from hooks.commands.check import all_findings
    from hooks.config_loader import load_settings

    settings = load_settings(start=Path(project_file.root))
    findings, sources = all_findings([project_file.absolute], settings)
    plain = argparse.Namespace(no_baseline=False, changed=False, staged=False, from_ref=None, to_ref=None)
    baseline_scope = finding_scope(plain, settings)
    if baseline_scope is not None:
        findings = baseline_scope.filter(findings, sources)
    if not findings or not os.path.exists(os.path.join(project_file.root, ".git")):
        return findings, 0
    if project_file.relative.lower().endswith(NOTEBOOK_SUFFIX):
        touched = _in_changed_cells(project_file, findings)
    else:
        from hooks.vcs.changed_lines import changed_lines

        change_scope = FindingScope(settings, None, baseline_location(settings), changed_lines(Path(settings.root)))
        touched = change_scope.filter(findings, sources)
    return touched, len(findings) - len(touched)


def _in_changed_cells(project_file: ProjectFile, findings: List[Finding]) -> List[Finding]:
    """Notebook findings of the cells changed since HEAD (findings of the file itself always)."""
    from checks.assistant.notebook_cells import changed_cells
    from hooks.assistant.project import committed_bytes, read_bytes

    committed = committed_bytes(project_file)
    current = read_bytes(project_file.absolute)
    if current is None:
        return findings
    cells = changed_cells(
        committed.decode("utf-8", "replace") if committed is not None else None,
        current.decode("utf-8", "replace"),
    )
    if cells is None:
        return findings
    return [finding for finding in findings if finding.cell is None or finding.cell in cells]


def compact(findings: Sequence[Finding], path: str, untouched: int = 0) -> str:
    """``prefguard: N finding(s) in PATH`` then one ``line:col CODE message`` line each."""
    lines = [f"prefguard: {len(findings)} finding(s) on the lines you changed in {path} (project policy); fix them now:"]
    for finding in findings[:SHOWN_LIMIT]:
        cell = f"cell {finding.cell} " if finding.cell is not None else ""
        lines.append(f"{cell}{finding.line}:{finding.column} {finding.code} {finding.message}")
    if len(findings) > SHOWN_LIMIT:
        lines.append(f"... and {len(findings) - SHOWN_LIMIT} more (`prefguard check {path}` lists them all)")
    if untouched:
        lines.append(f"({untouched} more on lines this change did not touch: leave them unless the user asks, policy section 7)")
    return "\n".join(lines)


def _remember_tree(payload: Dict[str, Any], root: str) -> None:
    """Record the file's work tree for Stop (only when it is a git work tree)."""
    from hooks.assistant.project import work_tree_of
    from hooks.assistant.session import SessionState, state_path

    if work_tree_of(root) != root:
        return
    session_id, transcript = session_fields(payload)
    state = SessionState(state_path(session_id, transcript, root))
    state.touch(root)
    state.save()


def judge(payload: Dict[str, Any]) -> Verdict:
    """The verdict on one PostToolUse payload."""
    call = file_tool_call(payload)
    if call is None:
        return PASS
    project_file = locate(call.path, call.cwd)
    if project_file is None:
        return PASS
    _remember_tree(payload, project_file.root)
    if not call.path.lower().endswith(CHECKED_SUFFIXES) or not Path(project_file.absolute).is_file():
        return PASS
    findings, untouched = _findings_of(project_file)
    if not findings:
        return PASS
    return Verdict(2, compact(findings, project_file.relative, untouched))
