# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The Claude Code hook input prefguard relies on, read from an already decoded payload.

Pinned from the published hooks reference (docs/assistant_hooks.md cites it):
every event carries ``session_id``, ``transcript_path``, ``cwd`` and
``hook_event_name``; PreToolUse and PostToolUse add ``tool_name`` and
``tool_input`` (PostToolUse also ``tool_response``); Stop adds
``stop_hook_active``. File tools name their file in ``tool_input.file_path``
(Write, Edit) or ``tool_input.notebook_path`` (NotebookEdit); Bash carries
its shell text in ``tool_input.command``. MultiEdit is gone from current
Claude Code; its payloads (``file_path`` and ``edits``) are still read when a
hand-written matcher sends them.
Only the fields below are read; anything else in the payload is ignored, so
new fields of later Claude Code versions change nothing.

This module runs on every tool call of the assistant, so it imports nothing
(annotations are not evaluated; no dataclasses, no typing).
"""

from __future__ import annotations

TOOL_WRITE = "Write"
TOOL_EDIT = "Edit"
TOOL_MULTI_EDIT = "MultiEdit"
TOOL_NOTEBOOK_EDIT = "NotebookEdit"
TOOL_BASH = "Bash"

PATH_FIELDS: dict[str, str] = {
    TOOL_WRITE: "file_path",
    TOOL_EDIT: "file_path",
    TOOL_MULTI_EDIT: "file_path",
    TOOL_NOTEBOOK_EDIT: "notebook_path",
}


class HookInputError(ValueError):
    """A payload that is not the JSON object a hook event sends."""


class ToolCall:
    """One file tool call of a PreToolUse or PostToolUse payload."""

    __slots__ = ("tool", "path", "arguments", "cwd")

    def __init__(self, tool: str, path: str, arguments: dict[str, object], cwd: str | None) -> None:
        self.tool = tool
        self.path = path
        self.arguments = arguments
        self.cwd = cwd


def require_object(payload: object) -> dict[str, object]:
    """The payload as a dict, or :class:`HookInputError` saying what it is instead."""
    if not isinstance(payload, dict):
        raise HookInputError(f"the hook input is a JSON {type(payload).__name__}, not an object")
    return payload


def working_folder(payload: dict[str, object]) -> str | None:
    """The ``cwd`` of the payload when it is a non-empty string."""
    cwd = payload.get("cwd")
    return cwd if isinstance(cwd, str) and cwd else None


def file_tool_call(payload: dict[str, object]) -> ToolCall | None:
    """The file tool call of a tool event, or None when the call is not a file edit prefguard judges.

    Unknown tools, a missing or non-object ``tool_input`` and a missing or
    empty path all give None: the tool itself reports such calls, and there is
    no file for prefguard to protect.
    """
    tool = payload.get("tool_name")
    if tool not in PATH_FIELDS:
        return None
    arguments = payload.get("tool_input")
    if not isinstance(arguments, dict):
        return None
    path = arguments.get(PATH_FIELDS[str(tool)])
    if not isinstance(path, str) or not path.strip() or "\x00" in path:
        return None
    return ToolCall(tool=str(tool), path=path, arguments=arguments, cwd=working_folder(payload))


def bash_command(payload: dict[str, object]) -> str | None:
    """The shell text of a Bash tool call, or None when the payload is no Bash call with a string command."""
    if payload.get("tool_name") != TOOL_BASH:
        return None
    arguments = payload.get("tool_input")
    command = arguments.get("command") if isinstance(arguments, dict) else None
    return command if isinstance(command, str) else None


def session_fields(payload: dict[str, object]) -> tuple[str | None, str | None]:
    """``session_id`` and ``transcript_path`` when they are non-empty strings."""
    values = []
    for name in ("session_id", "transcript_path"):
        value = payload.get(name)
        values.append(value if isinstance(value, str) and value else None)
    return values[0], values[1]


def stop_hook_active(payload: dict[str, object]) -> bool:
    """Whether Claude Code is already continuing because of a Stop hook (then never refuse again)."""
    return payload.get("stop_hook_active") is True
