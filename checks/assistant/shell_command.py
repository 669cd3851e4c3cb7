# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""What a Bash command plainly does to files and to the git hooks, read from its text alone.

The command is split as the shell splits it (quotes, ``;``, ``&&``, ``||``,
``|``, ``&``, newlines, ``bash -c '...'`` recursively), then each simple
command is read for:

- writes: the targets of ``>``, ``>>``, ``>|`` and ``&>``; the files of
  ``rm``, ``unlink``, ``shred``, ``truncate``, ``mv``, ``tee``, ``sed -i``,
  ``perl -i``, ``git rm`` and ``git mv``; the destination of ``cp``,
  ``install``, ``ln``, ``rsync`` and ``dd of=``; the code of ``python -c``
  (and other interpreters' ``-c``/``-e``) that writes, whose text is searched
  for protected names by the caller;
- hook bypasses: ``--no-verify`` (or an abbreviation git accepts) on a git
  command, ``git commit -n``, ``git -c core.hooksPath=...``, ``git config``
  setting ``core.hooksPath``, ``SKIP=`` naming a prefguard hook, and writes
  into ``.git/hooks``.

``cd DIR`` moves the folder later targets are relative to. Nothing is
resolved against the file system here (no I/O): targets are returned with
the folder they are relative to. A command that cannot be split (unbalanced
quotes) is read word by word.
"""

import posixpath
import re
import shlex
from dataclasses import dataclass
from typing import List, Tuple

SEPARATOR_CHARACTERS = frozenset(";&|()\n")
REDIRECTS = frozenset({">", ">>", ">|", "&>", "&>>", "<>"})
WRAPPERS = frozenset({"sudo", "env", "command", "exec", "nohup", "time", "nice", "builtin", "doas"})
SHELLS = frozenset({"sh", "bash", "zsh", "dash", "ksh"})
DELETERS = frozenset({"rm", "unlink", "shred", "truncate", "tee"})
MOVERS = frozenset({"mv"})
COPIERS = frozenset({"cp", "install", "ln", "rsync"})
IN_PLACE_EDITORS = frozenset({"sed", "gsed", "perl"})
INTERPRETERS = ("python", "pypy", "perl", "ruby", "node", "php")
CODE_WRITES = (
    "write", "unlink", "remove", "rename", "os.replace", "rmtree", "truncate", "dump(", "shutil.", "copyfile", "os.system",
    "subprocess", ".touch(", "rmdir", "file.open", "file.delete",
)
WRITE_MODE = re.compile(r"""open\s*\([^)]*,\s*(mode\s*=\s*)?['"][rbtwax+]*[wax+][rbtwax+]*['"]""")
HOOKS_FOLDER = ".git/hooks"
NO_VERIFY = "--no-verify"
NO_VERIFY_SHORTEST = "--no-veri"
VERIFYING_COMMANDS = frozenset({"commit", "merge", "push", "rebase", "am", "pull", "cherry-pick", "revert", "switch"})
COMMIT_VALUE_OPTIONS = frozenset("mFcCtS")
GIT_VALUE_OPTIONS = frozenset({"-C", "-c", "--git-dir", "--work-tree", "--namespace", "--exec-path", "--config-env", "--super-prefix"})
HOOKS_PATH = "core.hookspath"
CONFIG_READS = frozenset({"--get", "--get-all", "--get-regexp", "--get-urlmatch", "-l", "--list", "get", "list"})


@dataclass(frozen=True)
class ShellWrite:
    """One file a command writes or removes: ``target`` as written, relative to ``folder``.

    ``mention`` is True for interpreter code: ``target`` is the code, to be
    searched for protected names rather than resolved as a path.
    ``destination`` marks the last operand of a move or copy: a folder there
    receives files, it loses none.
    """

    operation: str
    target: str
    folder: str
    mention: bool = False
    destination: bool = False


@dataclass(frozen=True)
class ShellReading:
    """Everything plain in one Bash command: its writes and why it would bypass the git hooks."""

    writes: Tuple[ShellWrite, ...]
    bypasses: Tuple[str, ...]


def _words(command: str) -> List[str]:
    """Shell words with separators and redirections as words of their own; newlines separate commands."""
    lexer = shlex.shlex(command.replace("\r\n", "\n"), posix=True, punctuation_chars=";&|()<>\n")
    lexer.whitespace = " \t\r"
    lexer.whitespace_split = True
    lexer.commenters = ""
    try:
        return list(lexer)
    except ValueError:
        return [word for line in command.splitlines() for word in [*line.split(), ";"]]


def _is_separator(word: str) -> bool:
    return bool(word) and set(word) <= SEPARATOR_CHARACTERS


def _simple_commands(words: List[str]) -> List[List[str]]:
    commands: List[List[str]] = [[]]
    for word in words:
        if _is_separator(word) or word in ("{", "}"):
            commands.append([])
        else:
            commands[-1].append(word)
    return [command for command in commands if command]


def _program(argv: List[str]) -> Tuple[List[str], List[str]]:
    """Leading ``NAME=value`` assignments and the command with wrappers removed."""
    assignments: List[str] = []
    index = 0
    while index < len(argv):
        word = argv[index]
        if "=" in word and not word.startswith(("-", "=")) and word.split("=", 1)[0].replace("_", "").isalnum():
            assignments.append(word)
        elif posixpath.basename(word) in WRAPPERS:
            pass
        elif word.startswith("-") and index > 0 and posixpath.basename(argv[index - 1]) in WRAPPERS:
            pass
        else:
            break
        index += 1
    return assignments, argv[index:]


def _operands(arguments: List[str]) -> List[str]:
    """Arguments that are not options (everything after ``--`` counts)."""
    operands: List[str] = []
    options_done = False
    for word in arguments:
        if options_done or not word.startswith("-") or word == "-":
            operands.append(word)
        elif word == "--":
            options_done = True
    return operands


def _git_bypasses(arguments: List[str]) -> List[str]:
    """Why a git command (its words after ``git``) skips the hooks."""
    found: List[str] = []
    index = 0
    while index < len(arguments) and arguments[index].startswith("-"):
        option = arguments[index]
        value = None
        if option in GIT_VALUE_OPTIONS and index + 1 < len(arguments):
            value = arguments[index + 1]
            index += 1
        elif option.startswith("-c") and len(option) > 2:
            value = option[2:]
        elif option.startswith("--config-env="):
            value = option.split("=", 1)[1]
        if option in ("-c", "--config-env") or option.startswith(("-c", "--config-env=")):
            if value is not None and value.lower().startswith(HOOKS_PATH):
                found.append(f"`git -c {value}` points core.hooksPath elsewhere for this command, so the repository's hooks do not run")
        index += 1
    if index >= len(arguments):
        return found
    subcommand, rest = arguments[index], arguments[index + 1:]
    before_end = rest[: rest.index("--")] if "--" in rest else rest
    if subcommand == "config":
        if any(word.lower() == HOOKS_PATH for word in rest) and not any(word in CONFIG_READS for word in rest):
            found.append("`git config core.hooksPath` changes where git looks for hooks, so the repository's hooks stop running")
        return found
    if subcommand in VERIFYING_COMMANDS:
        for word in before_end:
            if word.startswith(NO_VERIFY_SHORTEST) and NO_VERIFY.startswith(word.split("=", 1)[0]):
                found.append(f"`git {subcommand} {word}` skips the pre-commit and commit-msg hooks that run prefguard")
                break
    if subcommand == "commit" and _commit_short_n(before_end):
        found.append("`git commit -n` is `--no-verify`: it skips the pre-commit and commit-msg hooks that run prefguard")
    return found


def _commit_short_n(arguments: List[str]) -> bool:
    """Whether ``git commit`` arguments hold ``-n`` (alone or in a cluster such as ``-an``)."""
    skip_next = False
    for word in arguments:
        if skip_next:
            skip_next = False
            continue
        if not word.startswith("-") or word.startswith("--") or word == "-":
            continue
        for position, letter in enumerate(word[1:], start=1):
            if letter == "n":
                return True
            if letter in COMMIT_VALUE_OPTIONS:
                skip_next = position == len(word) - 1
                break
    return False


def writes_files(code: str) -> bool:
    """Whether interpreter code plainly writes, moves or removes files."""
    lowered = code.lower()
    return any(marker in lowered for marker in CODE_WRITES) or WRITE_MODE.search(code) is not None


def _writes_of(program: str, arguments: List[str], folder: str, raw: str) -> List[ShellWrite]:
    """The files one simple command writes or removes, by what the program is."""
    if program == "git" and arguments:
        operands = _operands(arguments[1:])
        if arguments[0] == "rm":
            return [ShellWrite("git rm", target, folder) for target in operands]
        if arguments[0] == "mv":
            return [ShellWrite("git mv", target, folder, destination=index == len(operands) - 1) for index, target in enumerate(operands)]
        return []
    if program in MOVERS:
        operands = _operands(arguments)
        return [ShellWrite(program, target, folder, destination=index == len(operands) - 1) for index, target in enumerate(operands)]
    if program in DELETERS or program == "chmod":
        return [ShellWrite(program, target, folder) for target in _operands(arguments)]
    if program in COPIERS:
        operands = _operands(arguments)
        for index, word in enumerate(arguments):
            if word in ("-t", "--target-directory") and index + 1 < len(arguments):
                return [ShellWrite(program, arguments[index + 1], folder, destination=True)]
            if word.startswith("--target-directory="):
                return [ShellWrite(program, word.split("=", 1)[1], folder, destination=True)]
        return [ShellWrite(program, operands[-1], folder, destination=True)] if len(operands) >= 2 else []
    if program == "dd":
        return [ShellWrite("dd", word[3:], folder) for word in arguments if word.startswith("of=")]
    if program in IN_PLACE_EDITORS and any(word.startswith(("-i", "--in-place")) or (word.startswith("-") and not word.startswith("--") and "i" in word[1:] and program == "perl") for word in arguments):
        return [ShellWrite(f"{program} -i", target, folder) for target in _operands(arguments)]
    if program.startswith(INTERPRETERS):
        for index, word in enumerate(arguments):
            if word in ("-c", "-e", "-E", "-r") and index + 1 < len(arguments):
                code = arguments[index + 1]
                if writes_files(code):
                    return [ShellWrite(f"{program} {word}", code, folder, mention=True)]
        if "<<" in raw and writes_files(raw):
            return [ShellWrite(f"{program} with a here-document", raw, folder, mention=True)]
    return []


def _redirect_targets(words: List[str], folder: str) -> Tuple[List[str], List[ShellWrite]]:
    """The words without redirections, and the files the redirections write."""
    kept: List[str] = []
    writes: List[ShellWrite] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word in REDIRECTS or word == ">&" and index + 1 < len(words) and not words[index + 1].isdigit() and words[index + 1] != "-":
            if index + 1 < len(words):
                writes.append(ShellWrite(word, words[index + 1], folder))
            index += 2
            continue
        if word in ("<", "<<", "<<<", ">&", "<&") and index + 1 < len(words):
            index += 2
            continue
        if word.isdigit() and index + 1 < len(words) and words[index + 1] in REDIRECTS:
            index += 1
            continue
        kept.append(word)
        index += 1
    return kept, writes


def read_command(command: str, folder: str = ".", depth: int = 0) -> ShellReading:
    """The writes and hook bypasses of one Bash command run in ``folder``."""
    writes: List[ShellWrite] = []
    bypasses: List[str] = []
    for words in _simple_commands(_words(command)):
        argv, redirected = _redirect_targets(words, folder)
        writes.extend(redirected)
        assignments, argv = _program(argv)
        for assignment in assignments:
            name, _, value = assignment.partition("=")
            if name == "SKIP" and "prefguard" in value.lower():
                bypasses.append(f"`{assignment}` tells pre-commit to skip the prefguard hooks")
            elif HOOKS_PATH in value.lower():
                bypasses.append(f"`{assignment}` points core.hooksPath elsewhere, so the repository's hooks do not run")
        if not argv:
            continue
        program = posixpath.basename(argv[0])
        arguments = argv[1:]
        if program == "cd":
            target = next((word for word in arguments if not word.startswith("-")), "~")
            folder = posixpath.normpath(posixpath.join(folder, target))
            continue
        if program in SHELLS and "-c" in arguments and depth < 3:
            position = arguments.index("-c")
            if position + 1 < len(arguments):
                inner = read_command(arguments[position + 1], folder, depth + 1)
                writes.extend(inner.writes)
                bypasses.extend(inner.bypasses)
            continue
        if program == "git":
            bypasses.extend(_git_bypasses(arguments))
        writes.extend(_writes_of(program, arguments, folder, command))
    for write in writes:
        if not write.mention and HOOKS_FOLDER in posixpath.normpath(posixpath.join(write.folder, write.target)):
            bypasses.append(f"`{write.operation} {write.target}` changes the git hooks that run prefguard")
    return ShellReading(writes=tuple(writes), bypasses=tuple(dict.fromkeys(bypasses)))
