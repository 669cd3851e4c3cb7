"""Run ``prefguard`` in the test process, in a given folder, with its JSON findings parsed."""

import json
import os
from pathlib import Path
from typing import List, Tuple

import pytest

from hooks.cli import main

JSON_COMMANDS = ("check", "guard")


def run_in_folder(cwd: Path, capsys: pytest.CaptureFixture, *args: str) -> Tuple[int, List[dict], str]:
    """``prefguard ARGS`` in ``cwd`` (``--format json`` for check and guard): the status, the findings and stderr."""
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        capsys.readouterr()
        status = main([*args, "--format", "json"] if args[0] in JSON_COMMANDS else list(args))
    finally:
        os.chdir(previous)
    captured = capsys.readouterr()
    findings = json.loads(captured.out) if args[0] in JSON_COMMANDS and captured.out.strip() else []
    return status, findings, captured.err
