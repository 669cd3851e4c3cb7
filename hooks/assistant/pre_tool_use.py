# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""PreToolUse: refuse a file tool call that would destroy protected JSON data, or a Bash command that plainly would.

Ordinary files pass after a few string tests (no configuration, libcst or
jsonschema is loaded): a file can be protected only when its name ends in
``json`` or ``.ipynb`` (the memory files and notebooks), or when the
configuration of its work tree has a ``json-guard`` table naming more files
(JSON, YAML or TOML). For a protected file the new content is built as the
tool would build it and judged by the guard's append-only diff
(``checks.assistant.protected_edit``). The file is resolved against the git
work tree holding it (a worktree under ``.claude/worktrees/`` included).

An ordinary Bash command passes on a substring test of its text; one that
mentions data files, ``.claude``, deletions, globs, commits or the hooks is
read by :func:`hooks.assistant.bash_tool.judge_before`.
"""

from __future__ import annotations

from checks.assistant.hook_input import bash_command, file_tool_call, working_folder
from hooks.assistant.project import ProjectFile, committed_bytes, configures_guard, locate, read_bytes, start_folder, work_tree_of

DATA_ENDINGS = ("json", ".ipynb")
BASH_MARKERS = (
    "json", "yaml", "yml", "toml", "ipynb", ".claude", "baseline", ".git/", "commit", "no-veri", "hookspath", "skip=",
    "rm ", "mv ", "rmdir", "unlink", "shred", "truncate", "find ", "*", "?", "~", "..",
)


class Verdict:
    """The answer to a hook event: exit status and the text for stderr (shown to the assistant on 2)."""

    __slots__ = ("status", "message")

    def __init__(self, status: int, message: str = "") -> None:
        self.status = status
        self.message = message


PASS = Verdict(0)


def may_be_protected(project_file: ProjectFile) -> bool:
    """The cheap test that lets every ordinary file through without loading anything."""
    return project_file.relative.lower().endswith(DATA_ENDINGS) or configures_guard(project_file.root)


def _decoded(data: bytes | None) -> str | None:
    from checks.guard.strict_json import StrictJsonError, decode_bytes

    if data is None:
        return None
    try:
        return decode_bytes(data)
    except StrictJsonError:
        return None


def bash_is_ordinary(command: str, cwd: str | None) -> bool:
    """Whether a Bash command cannot target a protected file or the hooks, judged on its text alone."""
    lowered = command.lower()
    if any(marker in lowered for marker in BASH_MARKERS):
        return False
    tree = work_tree_of(start_folder(cwd))
    return tree is None or not configures_guard(tree)


def judge(payload: dict[str, object]) -> Verdict:
    """The verdict on one PreToolUse payload."""
    command = bash_command(payload)
    if command is not None:
        cwd = working_folder(payload)
        if bash_is_ordinary(command, cwd):
            return PASS
        from hooks.assistant.bash_tool import judge_before

        return judge_before(command, cwd)
    call = file_tool_call(payload)
    if call is None:
        return PASS
    project_file = locate(call.path, call.cwd)
    if project_file is None or not may_be_protected(project_file):
        return PASS
    return _judge_protected(call.tool, call.arguments, project_file)


def judged_as_append(
    project_file: ProjectFile,
    committed_data: bytes | None,
    current: str | None,
    proposed: str,
    policy: object,
    kind: str | None,
) -> list[object] | None:
    """The findings of :func:`checks.assistant.protected_edit.judge_protected_edit` for an edit that only appends.

    When the file on disk is its committed text plus appended elements, and
    the edit appends more (:func:`checks.assistant.appended.appended_after_commit`),
    no committed element can change: only the elements the edit appends are
    read and schema-checked, and the committed ones are counted once per blob
    (:class:`hooks.assistant.session.CommittedArrays`). None for any other
    edit (it is judged whole).
    """
    import hashlib

    from checks.assistant.appended import appended_after_commit
    from checks.guard.documents import document_format
    from checks.guard.json_guard import MODE_APPEND_ONLY
    from checks.guard.memory_rules import KIND_ARCHIVE, KIND_LOG, schema_findings
    from checks.guard.strict_json import StrictJsonError, loads
    from hooks.assistant.session import CommittedArrays

    mode = getattr(policy, "mode", None)
    if mode != MODE_APPEND_ONLY or kind not in (None, KIND_LOG, KIND_ARCHIVE) or document_format(project_file.relative) != "json":
        return None
    committed = _decoded(committed_data)
    steps = appended_after_commit(committed, current, proposed) if committed is not None and current is not None else None
    if steps is None or committed_data is None:
        return None
    sha = hashlib.sha1(b"blob %d\0" % len(committed_data) + committed_data, usedforsecurity=False).hexdigest()
    length = CommittedArrays(project_file.root).length_of(sha, str(committed))
    try:
        since = loads(steps[0]) if steps[0] is not None else []
        added = loads(steps[1])
    except StrictJsonError:
        return None
    if length is None or not isinstance(since, list) or not isinstance(added, list) or not added or (steps[0] is not None and not since):
        return None
    if kind is None:
        return []
    count = length + len(since)
    return schema_findings(kind, [None] * count + added, project_file.relative, proposed, None, count)


def _judge_protected(tool: str, arguments: dict[str, object], project_file: ProjectFile) -> Verdict:
    from pathlib import Path

    from checks.assistant.edits import apply_tool
    from checks.assistant.protected_edit import Versions, judge_protected_edit, refusal_text
    from checks.guard.json_guard import build_policies
    from checks.guard.memory_rules import memory_kind
    from hooks.config_loader import load_settings

    settings = load_settings(start=Path(project_file.root))
    table = settings.table("json-guard")
    memory_dir = str(table["memory-dir"]).strip().strip("/")
    policy = build_policies(table, memory_dir, settings.source).policy_for(project_file.relative)
    kind = memory_kind(project_file.relative, memory_dir)
    if policy is None and kind is None:
        return PASS
    if settings.is_excluded(project_file.relative):
        return PASS
    data = read_bytes(project_file.absolute)
    current = _decoded(data)
    if data is not None and current is None and tool != "Write":
        return PASS
    result = apply_tool(tool, current, arguments)
    if result.text is None:
        return PASS
    committed_data = committed_bytes(project_file)
    trailer = str(table["approval-trailer"])
    findings = judged_as_append(project_file, committed_data, current, result.text, policy, kind)
    if findings is None:
        versions = Versions(
            committed=_decoded(committed_data),
            current=current,
            proposed=result.text,
            current_unreadable=data is not None and current is None,
        )
        findings = judge_protected_edit(project_file.relative, versions, policy, kind, trailer)
    enabled = settings.codes_for(project_file.relative)
    findings = [finding for finding in findings if finding.code in enabled]
    if not findings:
        return PASS
    return Verdict(2, refusal_text(project_file.relative, findings, kind, policy, trailer))
