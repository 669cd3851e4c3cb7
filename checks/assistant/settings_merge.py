# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The three prefguard hooks merged into a Claude Code settings object, losing nothing.

Settings format (Claude Code hooks reference, docs/assistant_hooks.md):
``{"hooks": {EVENT: [{"matcher": REGEX, "hooks": [{"type": "command",
"command": CMD, "timeout": SECONDS}]}]}}``; Stop takes no matcher. The merge
keeps every other key, event, matcher group and hook as it is; a prefguard
hook already present (recognised by its ``prefguard assistant EVENT``
command) is kept as the user left it (only missing keys are added), so
running the merge twice changes nothing and a raised timeout survives.
The one exception is the matcher of a group holding a prefguard hook: when it
is a matcher an earlier prefguard wrote (without ``Bash``), it becomes the
current one, so an upgrade guards Bash too; a matcher the user wrote stays.
"""

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

TOOLS_MATCHER = "Write|Edit|NotebookEdit|Bash"
EARLIER_MATCHERS = frozenset({"Write|Edit|MultiEdit|NotebookEdit", "Write|Edit|NotebookEdit"})


@dataclass(frozen=True)
class HookSpec:
    """One prefguard hook: the Claude Code event, its matcher, subcommand and timeout in seconds."""

    event: str
    matcher: Optional[str]
    subcommand: str
    timeout: int


HOOKS: Tuple[HookSpec, ...] = (
    HookSpec("PreToolUse", TOOLS_MATCHER, "pre-tool-use", 10),
    HookSpec("PostToolUse", TOOLS_MATCHER, "post-tool-use", 60),
    HookSpec("Stop", None, "stop", 120),
)


class SettingsShapeError(ValueError):
    """Settings whose ``hooks`` part is not the documented shape (nothing is changed then)."""


def hook_command(executable: str, spec: HookSpec) -> str:
    """The shell command of one hook, e.g. ``"$CLAUDE_PROJECT_DIR/.venv/bin/prefguard" assistant stop``."""
    return f"{executable} assistant {spec.subcommand}"


def _is_prefguard_hook(hook: Any, spec: HookSpec) -> bool:
    if not isinstance(hook, dict) or not isinstance(hook.get("command"), str):
        return False
    command = hook["command"]
    return "prefguard" in command and f"assistant {spec.subcommand}" in command


def _groups(hooks: Dict[str, Any], event: str) -> List[Any]:
    groups = hooks.setdefault(event, [])
    if not isinstance(groups, list):
        raise SettingsShapeError(f"'hooks.{event}' is a {type(groups).__name__}, not a list of matcher groups")
    return groups


def _merge_one(hooks: Dict[str, Any], spec: HookSpec, command: str) -> bool:
    """Add or update one hook; returns whether anything changed."""
    wanted = {"type": "command", "command": command, "timeout": spec.timeout}
    for group in _groups(hooks, spec.event):
        if not isinstance(group, dict) or not isinstance(group.get("hooks"), list):
            continue
        for hook in group["hooks"]:
            if _is_prefguard_hook(hook, spec):
                missing = {key: value for key, value in wanted.items() if key not in hook}
                hook.update(missing)
                upgraded = spec.matcher is not None and group.get("matcher") in EARLIER_MATCHERS
                if upgraded:
                    group["matcher"] = spec.matcher
                return bool(missing) or upgraded
    group_value: Dict[str, Any] = {}
    if spec.matcher is not None:
        group_value["matcher"] = spec.matcher
    group_value["hooks"] = [wanted]
    hooks[spec.event].append(group_value)
    return True


def merge_hooks(settings: Any, executable: str) -> Tuple[Dict[str, Any], bool]:
    """The settings with the three prefguard hooks, and whether they changed.

    ``settings`` is the parsed settings file (an object; an empty one when the
    file does not exist yet) and is modified in place. ``executable`` is how
    the hook commands start prefguard.
    """
    if not isinstance(settings, dict):
        raise SettingsShapeError(f"the settings are a JSON {type(settings).__name__}, not an object")
    hooks = settings.setdefault("hooks", {})
    if not isinstance(hooks, dict):
        raise SettingsShapeError(f"'hooks' is a {type(hooks).__name__}, not an object of events")
    changed = False
    for spec in HOOKS:
        changed = _merge_one(hooks, spec, hook_command(executable, spec)) or changed
    return settings, changed
