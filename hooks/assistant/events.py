# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The Claude Code hook events: payload on stdin, verdict as exit status and stderr.

Exit status follows Claude Code's hook contract, not prefguard's usual one:
0 lets the action go on, 2 refuses it (the reason on stderr is shown to the
assistant), and 1 is a non-blocking error (bad input, configuration or a
prefguard bug: the message is shown to the user, the assistant goes on).

The events run on every tool call: a pre-tool-use payload that cannot name a
protected file is let through on its bytes, before ``json`` or any check is
imported; annotations are not evaluated.
"""

from __future__ import annotations

import sys

EVENTS = ("pre-tool-use", "post-tool-use", "stop")
EXIT_PASS = 0
EXIT_NOT_CHECKED = 1


class HookFailure(Exception):
    """Any failure inside a hook event, carried to the one place that turns it into exit 1."""

    def __init__(self, event: str, error: BaseException) -> None:
        super().__init__(f"{type(error).__name__}: {error}")
        self.event = event
        self.error = error


def _handler(event: str) -> Callable[[dict[str, object]], Verdict]:
    if event == "pre-tool-use":
        from hooks.assistant.pre_tool_use import judge
    elif event == "post-tool-use":
        from hooks.assistant.post_tool_use import judge
    else:
        from hooks.assistant.stop import judge
    return judge


def _not_checked(event: str, problem: str) -> int:
    print(f"[ERROR] prefguard assistant {event}: {problem}; nothing was checked", file=sys.stderr, flush=True)
    return EXIT_NOT_CHECKED


def _judged(event: str, payload: dict[str, object]) -> Verdict:
    try:
        return _handler(event)(payload)
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
    if event == "pre-tool-use":
        from hooks.assistant.project import surely_unprotected

        if surely_unprotected(raw):
            return EXIT_PASS
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
    if verdict.message:
        print(verdict.message, file=sys.stderr, flush=True)
    return verdict.status
