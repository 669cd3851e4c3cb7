# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The command-line reference, docs/cli.md, read from the argparse parsers of the commands.

Every command module registers its options with ``add_arguments``; the page
is built from those parsers (not from ``--help`` text, whose layout changes
between Python versions), so a new command or option appears on the next
``prefguard docs --write``.
"""

import argparse
import importlib
import json
from typing import List, Sequence

from checks.engine.finding import Finding
from hooks.cli import COMMANDS
from hooks.docs.markdown import anchor, fenced, table

EXIT_STATUS = [
    ["0", "nothing found"],
    ["1", "findings (each printed with its code and location)"],
    ["2", "usage, configuration or environment error; an internal error (a prefguard bug) names the file it was processing"],
    ["130", "interrupted (Ctrl-C)"],
]


SOURCE_FINDING = Finding("ANN001", "pkg/mod.py", 3, 9, 3, 12, "parameter 'name' has no type annotation")
GUARD_FINDING = Finding(
    "JSN001", ".claude/project_log.json", 1, 1, 1, 1, "/3/notes changed: 'a' -> 'b'", pointer="/3/notes", commit="1a2b3c4d5e6f"
)


def json_format_section() -> List[str]:
    """The ``--format json`` contract, shown with real findings' ``to_dict`` output."""
    return [
        "## Findings as JSON",
        "",
        "`--format json` prints one JSON array on stdout and nothing else; each finding is an object",
        "(`checks/engine/finding.py`, `Finding.to_dict`). `path` is relative to the working directory with",
        "`/` separators; lines and columns are 1-based. Guard findings add the RFC 6901 `pointer` and the",
        "`commit`; findings in a notebook add the `cell` index. A source finding and a guard finding:",
        "",
        fenced(json.dumps([SOURCE_FINDING.to_dict(), GUARD_FINDING.to_dict()], indent=2), "json"),
        "",
        "`--format text` prints `path:line:column: CODE message` lines, `github` workflow annotations,",
        "`sarif` a SARIF 2.1.0 log and `summary` a Markdown table for a job summary. The last three keep",
        "to GitHub's limits: 10 annotations of a type (then a notice counting the rest), 5,000 SARIF",
        "results per run, 1 MiB of summary with complete totals per code and file; `--new-since REF`",
        "puts the findings on lines changed since REF first. `json` always lists every finding.",
        "",
    ]


def command_parser(name: str, module_name: str, help_text: str) -> argparse.ArgumentParser:
    """The parser of one command, built exactly as ``prefguard`` builds it."""
    parser = argparse.ArgumentParser(prog=f"prefguard {name}", description=help_text, add_help=False)
    importlib.import_module(module_name).add_arguments(parser)
    return parser


def _subcommands(parser: argparse.ArgumentParser) -> List[argparse._SubParsersAction]:
    return [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]


def _argument(action: argparse.Action) -> str:
    if not action.option_strings:
        name = action.metavar or action.dest
        if action.nargs == "*":
            return f"[{name} ...]"
        return f"{name} ..." if action.nargs == "+" else (f"[{name}]" if action.nargs == "?" else str(name))
    if action.nargs == 0:
        return ", ".join(action.option_strings)
    if action.choices is not None and action.metavar is None:
        value = "{" + ",".join(str(choice) for choice in action.choices) + "}"
    else:
        value = str(action.metavar or action.dest.upper())
    if action.nargs in ("*", "+"):
        value = f"{value} ..."
    return ", ".join(f"{flag} {value}" for flag in action.option_strings)


def _default(action: argparse.Action) -> str:
    if action.nargs == 0 or action.default in (None, [], "", argparse.SUPPRESS):
        return ""
    return f"`{action.default}`"


def _notes(action: argparse.Action) -> str:
    notes = []
    if action.required and (action.option_strings or action.nargs not in ("?", "*")):
        notes.append("required")
    if isinstance(action, argparse._AppendAction):
        notes.append("repeatable")
    return ", ".join(notes)


def options_table(parser: argparse.ArgumentParser) -> str:
    """Arguments and options of a parser as a Markdown table."""
    rows = []
    for action in parser._actions:
        if isinstance(action, (argparse._SubParsersAction, argparse._HelpAction)):
            continue
        help_text = (action.help or "").replace("%%", "%")
        rows.append([f"`{_argument(action)}`", help_text, _default(action), _notes(action)])
    return table(["argument", "meaning", "default", "notes"], rows) if rows else "No options."


def _usage(parser: argparse.ArgumentParser) -> str:
    parts = [parser.prog]
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if isinstance(action, argparse._SubParsersAction):
            parts.append("{" + ",".join(action.choices) + "} ...")
        elif not action.option_strings:
            parts.append(_argument(action))
        elif action.required:
            parts.append(_argument(action))
    if any(action.option_strings and not action.required and not isinstance(action, argparse._HelpAction) for action in parser._actions):
        parts.insert(1, "[options]")
    return " ".join(parts)


def command_section(name: str, parser: argparse.ArgumentParser, level: str = "##") -> List[str]:
    """The Markdown of one command (and of its own subcommands)."""
    lines = [f"{level} `{parser.prog}`", "", parser.description or "", "", "```text", _usage(parser), "```", "", options_table(parser), ""]
    for group in _subcommands(parser):
        helps = {choice.dest: choice.help for choice in group._choices_actions}
        for sub_name, sub_parser in group.choices.items():
            sub_parser.prog = f"{parser.prog} {sub_name}"
            sub_parser.description = sub_parser.description or helps.get(sub_name, "")
            lines.extend(command_section(sub_name, sub_parser, level + "#"))
    return lines


def render_cli_page(commands: Sequence[str] = ()) -> str:
    """docs/cli.md."""
    names = list(commands or COMMANDS)
    parsers = {name: command_parser(name, *COMMANDS[name]) for name in names}
    lines = [
        "# Command-line reference",
        "",
        "Generated from the argparse parsers of `hooks/commands/` by `prefguard docs --write`; do not edit by hand.",
        "`prefguard --version` prints the version; `prefguard COMMAND --help` prints a command's options.",
        "",
        table(["command", "what it does"], [[f"[`prefguard {name}`](#{anchor('prefguard ' + name)})", COMMANDS[name][1]] for name in names]),
        "",
        "## Exit status",
        "",
        "The same for every command (`hooks/cli.py`); the guard's contract is in [guard.md](guard.md).",
        "",
        table(["status", "meaning"], EXIT_STATUS),
        "",
        *json_format_section(),
    ]
    for name in names:
        lines.extend(command_section(name, parsers[name]))
    return "\n".join(lines).rstrip() + "\n"
