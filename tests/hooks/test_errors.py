"""The one mapping of errors to exit statuses and messages (hooks/errors.py)."""

import errno

import pytest

from checks.config.settings import ConfigError
from hooks.commands.memory import MemoryFileError
from hooks.errors import EXIT_ERROR, InternalError, UsageError, run_reporting_errors
from hooks.vcs.changes import GitError


def fail_with(error: BaseException) -> int:
    raise error


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (ConfigError("pyproject.toml", "select", "unknown code 'X'"), "[ERROR] configuration error: pyproject.toml: [tool.prefguard] select: unknown code 'X'"),
        (UsageError("--to-ref needs --from-ref"), "[ERROR] --to-ref needs --from-ref"),
        (GitError("not a git repository"), "[ERROR] not a git repository"),
        (MemoryFileError("log.json is not an array"), "[ERROR] log.json is not an array"),
        (InternalError("pkg/a.py", ValueError("bad")), "[ERROR] internal error while processing pkg/a.py: ValueError: bad (this is a prefguard bug; please report it)"),
        (PermissionError(errno.EACCES, "Permission denied", "out.json"), "[ERROR] out.json: Permission denied"),
    ],
)
def test_every_command_error_is_exit_2_with_one_message(error: BaseException, message: str, capsys: pytest.CaptureFixture) -> None:
    assert run_reporting_errors(fail_with, error) == EXIT_ERROR
    assert capsys.readouterr().err.strip() == message


def test_the_command_name_prefixes_the_message(capsys: pytest.CaptureFixture) -> None:
    assert run_reporting_errors(fail_with, UsageError("no entry point"), "prefguard verify") == EXIT_ERROR
    assert capsys.readouterr().err.strip() == "[ERROR] prefguard verify: no entry point"


def test_a_bug_keeps_its_traceback_and_a_result_passes_through() -> None:
    with pytest.raises(KeyError):
        run_reporting_errors(fail_with, KeyError("bug"))
    assert run_reporting_errors(lambda value: value, 1) == 1
