# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""``prefguard memory init | log | structure | archive``: the three memory files of policy §3.

- ``init`` creates ``project_concept.json``, ``project_structure.json`` and
  ``project_log.json`` in the memory folder, never overwriting one that exists.
- ``log`` appends one schema-validated entry dated now.
- ``structure`` appends the entries of new and moved modules, from the code
  (:mod:`hooks.commands.memory_structure`).

In a git work tree ``log`` and ``structure`` stage the file they wrote (``git
add``), since the commit that needs the entry (MEM001, MEM002) must contain
it; ``--no-stage`` leaves staging to the user and says so.
- ``archive`` moves, when the log holds more than the limit (200), every entry
  older than 30 days from the head of the log to the end of
  ``project_log_archive.json``, in order and unchanged.

Files are read strictly and written atomically (temporary file, then
``os.replace``), with 2-space indentation, raw UTF-8 and a final newline,
never through a symbolic link or outside the repository. Each command holds
the project's write lock (:mod:`hooks.runtime.locking`) from its first read to
its last write, so concurrent ``memory log`` calls all land, one after the
other (a call that waits past the timeout fails with exit status 2).
"""

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, List, Optional, Sequence

from checks.guard.memory_rules import (
    KIND_ARCHIVE,
    KIND_LOG,
    LOG_STATUSES,
    REQUIRED_KINDS,
    initial_memory,
    make_log_entry,
    memory_path,
    plan_archive,
    schema_problems,
)
from checks.config.settings import Settings
from checks.guard.strict_json import StrictJsonError, dumps, loads_bytes
from hooks.config_loader import repository_root
from hooks.errors import UsageError, run_reporting_errors
from hooks.runtime.files import write_atomically
from hooks.runtime.locking import project_lock
from hooks.runtime.temporary import remove_stale
from hooks.output.report import FORMATS


class MemoryFileError(UsageError):
    """A memory file problem that stops the command (exit status 2)."""


def project_root(start: Optional[Path] = None) -> Path:
    """The root of the enclosing git work tree, or the starting folder outside one."""
    current = (start or Path.cwd()).resolve()
    return repository_root(current) or current


def atomic_write(path: Path, text: str, root: Path) -> None:
    """Write a memory file atomically, UTF-8 with ``\\n`` line endings, never outside ``root`` or through a link."""
    write_atomically(path, text.encode("utf-8"), inside=root)


def read_json_list(path: Path, label: str) -> List[Any]:
    """A memory file that must hold a JSON array, read strictly ([] when missing)."""
    if not path.exists():
        return []
    try:
        value = loads_bytes(path.read_bytes())
    except StrictJsonError as error:
        raise MemoryFileError(
            f"{label} cannot be read safely: {error.message} (line {error.line}, column {error.column}); fix it first"
        ) from None
    except OSError as error:
        raise MemoryFileError(f"{label} cannot be read: {error.strerror}") from None
    if not isinstance(value, list):
        raise MemoryFileError(f"{label} must hold a JSON array of entries")
    return value


def _load_settings() -> Settings:
    from hooks.commands.guard import load_settings

    return load_settings()


def _memory_dir(settings: Settings) -> str:
    return str(settings.table("json-guard")["memory-dir"]).strip().strip("/")


def _display(root: Path, relative: str) -> str:
    absolute = root / relative
    try:
        return os.path.relpath(absolute, Path.cwd()).replace(os.sep, "/")
    except ValueError:
        return str(absolute)


def command_init(args: argparse.Namespace, root: Path, memory_dir: str) -> int:
    """Create the three memory files that do not exist yet."""
    name = args.project_name or root.name
    contents = initial_memory(name, date.today())
    for kind in REQUIRED_KINDS:
        relative = memory_path(memory_dir, kind)
        target = root / relative
        if target.exists():
            print(f"[INFO] {_display(root, relative)} exists; kept as it is", flush=True)
            continue
        atomic_write(target, dumps(contents[kind]), root)
        print(f"[OK] created {_display(root, relative)}", flush=True)
    return 0


def _touched_paths(root: Path, values: Sequence[str]) -> List[str]:
    paths: List[str] = []
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            absolute = (Path.cwd() / part).resolve()
            try:
                relative = absolute.relative_to(root).as_posix()
            except ValueError:
                relative = part.replace(os.sep, "/")
            if relative not in paths:
                paths.append(relative)
    return paths


def stager(root: Path, enabled: bool) -> Callable[[str], None]:
    """A function that stages one root-relative file in git (or says how to), printing what it did."""

    def stage(relative: str) -> None:
        from hooks.runtime.files import git_toplevel

        top = git_toplevel(root) if enabled else None
        if top is None:
            why = "" if enabled else " (--no-stage)"
            print(f"[INFO] not staged{why}: run `git add {relative}` so that the commit includes it", flush=True)
            return
        done = subprocess.run(["git", "add", "--", relative], cwd=root, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            problem = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit status {done.returncode}"
            print(f"[WARN] {relative} not staged ({problem}): run `git add {relative}` before committing", flush=True)
            return
        print(f"[OK] staged {relative} (git add)", flush=True)

    return stage


def command_log(args: argparse.Namespace, root: Path, memory_dir: str) -> int:
    """Append one validated entry, dated now, to the log."""
    if not args.requested.strip() or not args.executed.strip():
        print("[ERROR] --requested and --executed must say what was asked and what was done", file=sys.stderr)
        return 2
    relative = memory_path(memory_dir, KIND_LOG)
    target = root / relative
    log = read_json_list(target, relative)
    entry = make_log_entry(
        args.requested.strip(),
        args.executed.strip(),
        _touched_paths(root, args.files),
        args.status,
        args.notes,
        datetime.now(),
    )
    problems = schema_problems(KIND_LOG, [entry])
    if problems:
        details = "; ".join(f"{pointer}: {message}" for pointer, message in problems)
        print(f"[ERROR] the new entry fails the log schema: {details}", file=sys.stderr)
        return 2
    created = not target.exists()
    atomic_write(target, dumps(log + [entry]), root)
    state = "created with" if created else "appended to"
    print(f"[OK] {_display(root, relative)} {state} entry {len(log) + 1} ({entry['date']} {entry['time']})")
    stager(root, not args.no_stage)(relative)
    return 0


def command_archive(args: argparse.Namespace, root: Path, memory_dir: str, limit: int, days: int) -> int:
    """Move old entries from the head of the log to the end of the archive."""
    log_relative = memory_path(memory_dir, KIND_LOG)
    archive_relative = memory_path(memory_dir, KIND_ARCHIVE)
    log_target = root / log_relative
    if not log_target.exists():
        print(f"[ERROR] {log_relative} does not exist; run `prefguard memory init` first", file=sys.stderr)
        return 2
    log = read_json_list(log_target, log_relative)
    archive = read_json_list(root / archive_relative, archive_relative)
    count = plan_archive(log, date.today(), limit, days)
    if count == 0:
        if len(log) <= limit:
            print(f"[INFO] {log_relative} has {len(log)} entries (limit {limit}); archive not due")
        else:
            print(f"[INFO] {log_relative} has {len(log)} entries but none at its head is older than {days} days")
        return 0
    atomic_write(root / archive_relative, dumps(archive + log[:count]), root)
    atomic_write(log_target, dumps(log[count:]), root)
    print(
        f"[OK] moved {count} entries older than {days} days from {_display(root, log_relative)} "
        f"to {_display(root, archive_relative)} ({len(log) - count} remain)"
    )
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Register ``memory init``, ``memory log`` and ``memory archive``."""
    parser.add_argument("--format", choices=FORMATS, default="text", help="json: one object with the exit status and the messages")
    commands = parser.add_subparsers(dest="memory_command", metavar="{init,log,structure,archive}")
    commands.required = True
    init = commands.add_parser("init", help="create the three memory files (never overwrites)")
    init.add_argument("--project-name", help="project name for new files (default: the root folder's name)")
    log = commands.add_parser("log", help="append one entry to project_log.json")
    log.add_argument("--requested", required=True, help="what was asked")
    log.add_argument("--executed", required=True, help="what was done")
    log.add_argument("--files", nargs="*", default=[], metavar="PATH", help="files touched (space or comma separated)")
    log.add_argument("--status", required=True, choices=LOG_STATUSES, help="outcome")
    log.add_argument("--notes", default="", help="anything else worth keeping")
    log.add_argument("--no-stage", action="store_true", help="do not `git add` the log (default: staged in a git work tree)")
    structure = commands.add_parser(
        "structure", help="append project_structure.json entries for new and moved modules, from the code (what MEM002 asks)"
    )
    structure.add_argument("--no-stage", action="store_true", help="do not `git add` the structure file (default: staged in a git work tree)")
    commands.add_parser("archive", help="move entries older than 30 days to project_log_archive.json when over 200")


def run(args: argparse.Namespace) -> int:
    """Run one ``prefguard memory`` subcommand; with ``--format json`` its messages come as one JSON object."""
    if getattr(args, "format", "text") == "text":
        return _run(args)
    messages = io.StringIO()
    with contextlib.redirect_stdout(messages):
        status = _run(args)
    lines = [line for line in messages.getvalue().splitlines() if line]
    print(json.dumps({"command": f"memory {args.memory_command}", "exit_status": status, "messages": lines}, ensure_ascii=False))
    return status


def _run(args: argparse.Namespace) -> int:
    """Run one ``prefguard memory`` subcommand: 0 done, 2 usage, configuration or file error (``hooks.errors``)."""
    return run_reporting_errors(_dispatch, args)


def _dispatch(args: argparse.Namespace) -> int:
    settings = _load_settings()
    table = settings.table("json-guard")
    memory_dir = _memory_dir(settings)
    root = project_root()
    commands = ("init", "log", "structure", "archive")
    if args.memory_command not in commands:
        raise UsageError(f"unknown memory command {args.memory_command!r} (use init, log, structure or archive)")
    # One writer at a time: each command reads the memory files, changes them and writes them back.
    with project_lock(root):
        remove_stale([(root / memory_dir)])
        if args.memory_command == "init":
            return command_init(args, root, memory_dir)
        if args.memory_command == "log":
            return command_log(args, root, memory_dir)
        if args.memory_command == "structure":
            from hooks.commands.memory_structure import command_structure

            return command_structure(settings, root, memory_dir, stager(root, not args.no_stage))
        return command_archive(args, root, memory_dir, int(table["log-limit"]), int(table["archive-days"]))
