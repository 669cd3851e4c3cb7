# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The Claude Code hook events: payload on stdin, verdict as JSON on stdout, errors as exit 1.

The answer follows Claude Code's hook contract (docs/assistant_hooks.md), not
prefguard's usual exit statuses. A refusal is printed as the event's JSON
decision with exit status 0: ``hookSpecificOutput.permissionDecision``
``"deny"`` with ``permissionDecisionReason`` for PreToolUse, ``"decision":
"block"`` with ``"reason"`` for PostToolUse and Stop; Claude Code shows the
reason to the assistant. Nothing is printed when the action may go on.
Exit status 1 is a non-blocking error (unreadable input, bad configuration,
a prefguard bug): one ``[ERROR]`` line on stderr for the user, the assistant
goes on. The JSON answer stays within Claude Code's 10,000-character cap.

The events run on every tool call: the payload is always decoded (an
unreadable one is reported, never passed silently), and a pre-tool-use call
that cannot touch a protected file is let through before any check or
configuration is imported; annotations are not evaluated.
"""

from __future__ import annotations

import sys

EVENTS = ("pre-tool-use", "post-tool-use", "stop")
EXIT_PASS = 0
EXIT_NOT_CHECKED = 1
EXIT_REFUSED = 2
OUTPUT_CAP = 10_000


class HookFailure(Exception):
    """Any failure inside a hook event, carried to the one place that turns it into exit 1."""

    def __init__(self, event: str, error: BaseException) -> None:
        super().__init__(f"{type(error).__name__}: {error}")
        self.event = event
        self.error = error


def _handler(event: str, payload: dict[str, object]) -> Callable[[dict[str, object]], Verdict]:
    """The judge of one event; after a Bash call, the protected-file comparison (no source checks are loaded)."""
    if event == "pre-tool-use":
        from hooks.assistant.pre_tool_use import judge
    elif event == "post-tool-use" and payload.get("tool_name") == "Bash":
        from hooks.assistant.bash_tool import judge_after as judge
    elif event == "post-tool-use":
        from hooks.assistant.post_tool_use import judge
    else:
        from hooks.assistant.stop import judge
    return judge


def _not_checked(event: str, problem: str) -> int:
    line = " ".join(f"[ERROR] prefguard assistant {event}: {problem}; nothing was checked".split())
    print(line, file=sys.stderr, flush=True)
    return EXIT_NOT_CHECKED


def decision_json(event: str, reason: str) -> str:
    """The JSON refusal of one event, at most :data:`OUTPUT_CAP` characters (the reason is cut to fit)."""
    import json

    def render(text: str) -> str:
        if event == "pre-tool-use":
            value: dict[str, object] = {
                "hookSpecificOutput": {"hookEventName": "PreToolUse", "permissionDecision": "deny", "permissionDecisionReason": text}
            }
        else:
            value = {"decision": "block", "reason": text}
        return json.dumps(value, ensure_ascii=False)

    rendered = render(reason)
    while len(rendered) > OUTPUT_CAP:
        reason = reason[: len(reason) - (len(rendered) - OUTPUT_CAP) - 20] + " …"
        rendered = render(reason)
    return rendered


def _judged(event: str, payload: dict[str, object]) -> Verdict:
    try:
        return _handler(event, payload)(payload)
    except Exception as error:
        raise HookFailure(event, error) from error


def _failure_text(failure: HookFailure) -> str:
    """A configuration, input or environment problem, or a prefguard bug; the event still goes on."""
    from checks.config.settings import ConfigError
    from hooks.errors import UsageError

    error = failure.error
    if isinstance(error, (ConfigError, UsageError, OSError)):
        return str(error)
    if isinstance(error, RecursionError):
        return "the input is nested too deeply to judge"
    return f"internal error: {type(error).__name__}: {error} (a prefguard bug; please report it)"


def run_event(event: str, raw: bytes | None = None) -> int:
    """Judge one hook event whose payload is ``raw`` (default: stdin) and return the exit status."""
    if raw is None:
        raw = sys.stdin.buffer.read()
    import json

    from checks.assistant.hook_input import HookInputError, require_object

    try:
        payload = require_object(json.loads(raw.decode("utf-8")))
    except HookInputError as error:
        return _not_checked(event, str(error))
    except UnicodeDecodeError as error:
        return _not_checked(event, f"the hook input is not UTF-8 ({error})")
    except ValueError as error:
        return _not_checked(event, f"the hook input is not valid JSON ({error})")
    except RecursionError:
        return _not_checked(event, "the hook input is nested too deeply to read")
    try:
        verdict = _judged(event, payload)
    except HookFailure as failure:
        return _not_checked(event, _failure_text(failure))
    if verdict.status == EXIT_REFUSED:
        print(decision_json(event, verdict.message), flush=True)
        return EXIT_PASS
    if verdict.message:
        print(verdict.message, file=sys.stderr, flush=True)
    return verdict.status
