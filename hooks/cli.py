# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The ``prefguard`` command: argument parsing and the exit-status contract.

Exit status: 0 nothing found, 1 findings, 2 usage, configuration or
environment error (and internal errors, which name the file being processed).
Subcommand modules are imported only when their command runs, and argparse
only when arguments are parsed: the assistant hook events run on every tool
call of an AI assistant and must cost no more than the interpreter's start-up.
"""

from __future__ import annotations

import sys

from hooks.version import VERSION

COMMANDS = {
    "check": ("hooks.commands.check", "source rules over files and folders"),
    "guard": ("hooks.commands.guard", "git-aware guards: JSON append-only, memory files, headers, public names"),
    "verify": ("hooks.commands.verify", "integration report: WIRED / NOT WIRED / DUPLICATE, module statuses"),
    "memory": ("hooks.commands.memory", "the three .claude/ memory files: init, log, archive"),
    "init": ("hooks.commands.init", "put a repository under the policy: configuration, hooks, verify script, memory, baseline"),
    "explain": ("hooks.commands.explain", "print the documentation of one code"),
    "rules": ("hooks.commands.rules", "list every code"),
    "report": ("hooks.commands.report", "findings of `check --format json` files in any format: merge the shards of a matrix"),
    "baseline": ("hooks.commands.baseline", "record current findings so that check reports only new ones (--prune: drop fixed ones)"),
    "docs": ("hooks.commands.docs", "generate prefguard's reference documentation (docs/) or check that it is current"),
    "assistant": ("hooks.commands.assistant", "Claude Code hooks: pre-tool-use, post-tool-use, stop (payload on stdin); install"),
}


def build_parser(argv: list[str]) -> argparse.ArgumentParser:
    """The parser; only the chosen subcommand's module is imported."""
    import argparse
    import importlib

    parser = argparse.ArgumentParser(prog="prefguard", description="Enforce the team's engineering policy.")
    parser.add_argument("--version", action="version", version=f"prefguard {VERSION}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    chosen = next((arg for arg in argv if not arg.startswith("-")), None)
    for name, (module_name, help_text) in COMMANDS.items():
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        if name == chosen:
            module = importlib.import_module(module_name)
            module.add_arguments(sub)
            sub.set_defaults(handler=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit status (mapped in ``hooks.errors``)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) == 2 and argv[0] == "assistant":
        # The hook events run around every tool call of the assistant: no parser, no configuration up front.
        from hooks.assistant.events import EVENTS, run_event

        if argv[1] in EVENTS:
            return run_event(argv[1])
    from hooks.errors import COMMAND_ERRORS, EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERRUPTED, report_error

    parser = build_parser(argv)
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        return handler(args)
    except BrokenPipeError:
        return EXIT_FINDINGS
    except COMMAND_ERRORS as error:
        return report_error(error)
    except KeyboardInterrupt:
        print("[ERROR] interrupted", file=sys.stderr, flush=True)
        return EXIT_INTERRUPTED


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    entry()
