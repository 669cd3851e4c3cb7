# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The ``prefguard`` command: argument parsing and the exit-status contract.

Exit status: 0 nothing found, 1 findings, 2 usage, configuration or
environment error (and internal errors, which name the file being processed).
Subcommand modules are imported only when their command runs.
"""

import argparse
import importlib
import sys
from typing import List, Optional

from hooks.version import VERSION

COMMANDS = {
    "check": ("hooks.commands.check", "source rules over files and folders"),
    "guard": ("hooks.commands.guard", "git-aware guards: JSON append-only, memory files, headers, public names"),
    "verify": ("hooks.commands.verify", "integration report: WIRED / NOT WIRED / DUPLICATE, module statuses"),
    "memory": ("hooks.commands.memory", "the three .claude/ memory files: init, log, archive"),
    "init": ("hooks.commands.init", "put a repository under the policy: configuration, hooks, verify script, memory, baseline"),
    "explain": ("hooks.commands.explain", "print the documentation of one code"),
    "rules": ("hooks.commands.rules", "list every code"),
    "baseline": ("hooks.commands.baseline", "record current findings so that check reports only new ones (--prune: drop fixed ones)"),
}


def build_parser(argv: List[str]) -> argparse.ArgumentParser:
    """The parser; only the chosen subcommand's module is imported."""
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


def main(argv: Optional[List[str]] = None) -> int:
    """Run one command and return its exit status."""
    from checks.config.settings import ConfigError
    from hooks.errors import InternalError, UsageError

    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return handler(args)
    except ConfigError as error:
        print(f"[ERROR] configuration error: {error}", file=sys.stderr, flush=True)
        return 2
    except UsageError as error:
        print(f"[ERROR] {error}", file=sys.stderr, flush=True)
        return 2
    except InternalError as error:
        print(f"[ERROR] {error} (this is a prefguard bug; please report it)", file=sys.stderr, flush=True)
        return 2
    except KeyboardInterrupt:
        print("[ERROR] interrupted", file=sys.stderr, flush=True)
        return 130
    except BrokenPipeError:
        return 1


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    entry()
