# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Errors that end a command, and the one place that maps them to exit statuses (docs/cli.md).

Exit status: 0 nothing found, 1 findings, 2 usage, configuration, environment
or input error (and internal errors, which name the file being processed),
130 interrupted. Every command and ``hooks.cli`` report errors through
:func:`report_error`, so a message and its status never depend on which
command met the error.
"""

import sys
from typing import Callable, Tuple, Type, TypeVar, Union

from checks.config.settings import ConfigError

EXIT_FINDINGS = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130

Arguments = TypeVar("Arguments")


class UsageError(Exception):
    """A usage, configuration or environment problem (exit 2)."""


class InternalError(Exception):
    """A bug in prefguard, raised with the file that was being processed (exit 2)."""

    def __init__(self, path: str, error: Union[BaseException, str]) -> None:
        description = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
        super().__init__(f"internal error while processing {path}: {description}")
        self.path = path


# The errors a command ends with; anything else is a bug and keeps its traceback.
COMMAND_ERRORS: Tuple[Type[BaseException], ...] = (ConfigError, UsageError, InternalError, OSError)


def error_message(error: BaseException) -> str:
    """The one-line message of an error in :data:`COMMAND_ERRORS`."""
    if isinstance(error, ConfigError):
        return f"configuration error: {error}"
    if isinstance(error, InternalError):
        return f"{error} (this is a prefguard bug; please report it)"
    if isinstance(error, OSError) and not isinstance(error, UsageError):
        return f"{error.filename or ''}: {error.strerror or error}".lstrip(": ")
    return str(error)


def report_error(error: BaseException, command: str = "") -> int:
    """Print an error that ends a command on stderr and return its exit status."""
    prefix = f"{command}: " if command else ""
    print(f"[ERROR] {prefix}{error_message(error)}", file=sys.stderr, flush=True)
    return EXIT_ERROR


def run_reporting_errors(function: Callable[[Arguments], int], args: Arguments, command: str = "") -> int:
    """Run a command's body; an error of :data:`COMMAND_ERRORS` becomes its message and exit status 2."""
    try:
        return function(args)
    except COMMAND_ERRORS as error:
        return report_error(error, command)
