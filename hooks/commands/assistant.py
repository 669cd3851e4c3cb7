# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""``prefguard assistant``: the Claude Code hook events and their installation.

``pre-tool-use``, ``post-tool-use`` and ``stop`` read the hook payload (JSON)
on stdin and answer a refusal with the event's JSON decision on stdout (``hooks.assistant.events``; ``hooks.cli`` calls it directly, without
the parser, because it runs on every tool call). ``install`` merges the three
hooks into ``.claude/settings.json``.
"""

import argparse
import sys

from hooks.assistant.events import EVENTS, run_event


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register ``prefguard assistant EVENT`` and ``prefguard assistant install [PATH] [--dry-run]``."""
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    for event in EVENTS:
        actions.add_parser(event, help=f"the Claude Code {event} hook: payload on stdin; a refusal is JSON on stdout, exit 1 not checked")
    install = actions.add_parser("install", help="merge the three hooks into .claude/settings.json")
    install.add_argument("path", nargs="?", default=".", help="the project root (default: .)")
    install.add_argument("--dry-run", action="store_true", help="print the merged settings, write nothing")


def run(args: argparse.Namespace) -> int:
    """Run one hook event, or install the hooks (0 done, 2 when the settings cannot be merged)."""
    if args.action in EVENTS:
        return run_event(args.action)
    from pathlib import Path

    from hooks.assistant.install import describe, install_hooks

    root = Path(args.path).resolve()
    if not root.is_dir():
        print(f"[ERROR] {args.path} is not a folder", file=sys.stderr)
        return 2
    result = install_hooks(root, dry_run=args.dry_run)
    if args.dry_run and result.changed:
        print(result.text, end="")
    print(describe(result, root, args.dry_run), file=sys.stderr)
    return 0
