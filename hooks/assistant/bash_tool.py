# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The Bash tool: refused before it runs when it plainly targets protected files or skips the hooks, judged after.

Before (PreToolUse): the command text is read by
:func:`checks.assistant.shell_command.read_command`; a hook bypass is refused
outright, and every write target is resolved against the work tree that
holds it and refused when it is (or contains) a protected file: a memory
file or a file the ``json-guard`` configuration protects. Interpreter code
that writes is refused when it names one.

After (PostToolUse) and at Stop: the protected files of the work tree are
compared with HEAD and the index (:mod:`hooks.assistant.tree_compare`); what
the commit-time guard would refuse is reported with the git command that
restores the file. A file is judged once per state (its size and time on
disk, its index and HEAD blobs): later Bash calls skip it until it changes,
so a long uncommitted log costs its judgement once, not after every command.
Only ``os``, ``json`` and ``subprocess`` are loaded when no protected file
changed; annotations are not evaluated.
"""

from __future__ import annotations

import os

from checks.assistant.hook_input import session_fields, working_folder
from hooks.assistant.pre_tool_use import PASS, Verdict
from hooks.assistant.project import is_case_insensitive, project_directory, start_folder, true_spelling, work_tree_of

GLOB_CHARACTERS = ("*", "?", "[")
LOG_COMMAND = 'prefguard memory log --requested "..." --executed "..." --files ... --status success'
FILE_ADVICE = (
    "Change protected files only with the Edit or Write tool (prefguard checks those edits before they run); "
    f"append log entries with `{LOG_COMMAND}`."
)
HOOK_ADVICE = (
    "Never skip the git hooks: commit without --no-verify or -n and leave core.hooksPath alone; if a hook refuses "
    "the commit, fix what it reports, or ask the user to approve the change (commit trailer Prefguard-Approve)."
)
SHOWN_NAMES = 3


class ProtectedNames:
    """Which paths of one work tree the guard protects (its configuration read once)."""

    def __init__(self, tree: str) -> None:
        from pathlib import Path

        from checks.guard.json_guard import build_policies
        from hooks.config_loader import load_settings

        self.tree = tree
        self.settings = load_settings(start=Path(tree))
        table = self.settings.table("json-guard")
        self.memory_dir = str(table["memory-dir"]).strip().strip("/")
        self.policies = build_policies(table, self.memory_dir, self.settings.source)

    def kind_of(self, relative: str) -> str | None:
        """``append-only`` or ``immutable`` for a protected path, None for any other."""
        from checks.guard.memory_rules import memory_kind

        if self.settings.is_excluded(relative):
            return None
        policy = self.policies.policy_for(relative)
        if policy is not None:
            return policy.mode
        return "append-only" if memory_kind(relative, self.memory_dir) is not None else None

    def tracked(self, pathspec: str, folder: str) -> list[str]:
        """Tree-relative paths of the tracked files matching a pathspec given relative to ``folder``."""
        import subprocess

        try:
            result = subprocess.run(
                ["git", "ls-files", "-z", "--full-name", "--", pathspec], cwd=folder, capture_output=True, check=False
            )
        except OSError:
            return []
        return [os.fsdecode(name) for name in result.stdout.split(b"\0") if name] if result.returncode == 0 else []

    def memory_paths(self) -> list[str]:
        """The memory files' tree-relative paths."""
        from checks.guard.memory_rules import MEMORY_FILE_NAMES, memory_path

        return [memory_path(self.memory_dir, kind) for kind in MEMORY_FILE_NAMES]


def _names_for(trees: dict[str, ProtectedNames], tree: str) -> ProtectedNames:
    if tree not in trees:
        trees[tree] = ProtectedNames(tree)
    return trees[tree]


def _relative(tree: str, absolute: str) -> str:
    relative = os.path.relpath(absolute, tree).replace(os.sep, "/")
    return true_spelling(tree, relative) if is_case_insensitive(tree) else relative


def _hits_in_folder(names: ProtectedNames, absolute: str, pattern: str) -> list[str]:
    """Protected paths inside a folder or matching a glob (tracked ones, and the memory files on disk)."""
    folder = absolute if os.path.isdir(absolute) else os.path.dirname(absolute)
    while not os.path.isdir(folder):
        folder = os.path.dirname(folder)
    pathspec = os.path.relpath(absolute, folder) if not pattern else pattern
    found = [path for path in names.tracked(pathspec, folder) if names.kind_of(path)]
    prefix = _relative(names.tree, absolute).rstrip("/") + "/"
    if not pattern:
        found.extend(path for path in names.memory_paths() if (path + "/").startswith(prefix) and os.path.exists(os.path.join(names.tree, path)))
    return sorted(set(found))


def _targets(trees: dict[str, ProtectedNames], folder: str, target: str, destination: bool) -> list[str]:
    """The protected tree-relative paths one write target reaches."""
    if not target or "\0" in target:
        return []
    absolute = os.path.normpath(os.path.join(folder, os.path.expanduser(target)))
    tree = work_tree_of(absolute)
    if tree is None:
        return []
    names = _names_for(trees, tree)
    if any(character in target for character in GLOB_CHARACTERS):
        base = os.path.dirname(absolute.split("*", 1)[0].split("?", 1)[0].split("[", 1)[0]) or folder
        pattern = os.path.relpath(absolute, base) if os.path.isdir(base) else ""
        return _hits_in_folder(names, base, pattern) if pattern else []
    if os.path.isdir(absolute):
        return [] if destination else _hits_in_folder(names, absolute, "")
    relative = _relative(tree, absolute)
    if relative.startswith("../") or relative == "..":
        return []
    return [relative] if names.kind_of(relative) else []


def _mentions(trees: dict[str, ProtectedNames], folder: str, code: str) -> list[str]:
    """Protected files interpreter code names (by file name), in the work tree the code runs in."""
    tree = work_tree_of(folder)
    if tree is None:
        return []
    names = _names_for(trees, tree)
    candidates = set(names.memory_paths()) | {path for path in names.tracked(".", tree) if names.kind_of(path)}
    fold = is_case_insensitive(tree)
    haystack = code.casefold() if fold else code
    return sorted(path for path in candidates if (path.rsplit("/", 1)[-1].casefold() if fold else path.rsplit("/", 1)[-1]) in haystack)


def _shown(paths: list[str]) -> str:
    listed = ", ".join(paths[:SHOWN_NAMES])
    return listed + (f" and {len(paths) - SHOWN_NAMES} more" if len(paths) > SHOWN_NAMES else "")


def judge_before(command: str, cwd: str | None) -> Verdict:
    """The PreToolUse verdict on one Bash command."""
    from checks.assistant.shell_command import read_command

    folder = start_folder(cwd)
    reading = read_command(command, folder)
    lines = [f"- {reason}" for reason in reading.bypasses]
    trees: dict[str, ProtectedNames] = {}
    touches_files = False
    for write in reading.writes:
        if write.operation == "chmod":
            continue
        if write.mention:
            hit = _mentions(trees, write.folder, write.target)
            if hit:
                lines.append(f"- `{write.operation}` code that writes files names protected project data: {_shown(hit)}")
                touches_files = True
            continue
        hit = _targets(trees, write.folder, write.target, write.destination)
        if hit:
            verb = "removes, moves or overwrites" if write.operation not in (">>", "&>>") else "appends raw text to"
            lines.append(f"- `{write.operation} {write.target}` {verb} protected project data: {_shown(hit)}")
            touches_files = True
    if not lines:
        return PASS
    text = ["prefguard refused this Bash command (policy section 2: data preservation; the git hooks enforce the policy):", *lines, "What to do instead:"]
    if touches_files:
        text.append(f"- {FILE_ADVICE}")
    if reading.bypasses:
        text.append(f"- {HOOK_ADVICE}")
    return Verdict(2, "\n".join(text))


def protected_lines(tree: str, state: object = None, label: str = "") -> tuple[list[str], int]:
    """Lines about the protected files of a tree the guard would refuse, and their count.

    With a session ``state``, files in a state already judged are skipped.
    """
    from hooks.assistant.tree_compare import protected_findings

    findings = protected_findings(tree, state)
    lines: list[str] = []
    by_path: dict[str, list[object]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    for path, found in by_path.items():
        restore = found[0].restore
        if label:
            import shlex

            restore = restore.replace("`git ", f"`git -C {shlex.quote(tree)} ")
        lines.append(f"- {label}{path}: undo with {restore} (it drops every uncommitted change to that file; append wanted entries again afterwards)")
        lines.extend(f"  {finding.code} {finding.message}" for finding in found)
    return lines, len(findings)


def tree_label(tree: str, anchor: str | None) -> str:
    """How a work tree is named in messages: relative to the project folder, empty for the project itself."""
    if anchor is None or tree == anchor:
        return ""
    relative = os.path.relpath(tree, anchor)
    return f"[work tree {tree if relative.startswith('..') else relative}] "


def judge_after(payload: dict[str, object]) -> Verdict:
    """The PostToolUse verdict after one Bash command: protected files against HEAD and the index."""
    from hooks.assistant.session import SessionState, state_path

    folder = start_folder(working_folder(payload))
    tree = work_tree_of(folder)
    if tree is None:
        return PASS
    session_id, transcript = session_fields(payload)
    state = SessionState(state_path(session_id, transcript, folder))
    state.touch(tree)
    lines, count = protected_lines(tree, state, tree_label(tree, work_tree_of(project_directory() or tree)))
    state.save()
    if not lines:
        return PASS
    from checks.assistant.output_cap import fit_message

    head = f"prefguard: {count} change(s) to protected files that the commit-time guard refuses (policy section 2: data preservation, append only); undo them now:"
    tail = f"Then make the change the allowed way: {FILE_ADVICE}"
    return Verdict(2, fit_message(head, lines, tail, f"`git -C {tree} diff HEAD --stat`"))
