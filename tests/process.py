# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The one way a test starts ``prefguard`` as a process: from the checkout under test.

``sys.executable -m hooks.cli`` with the checkout root first on ``PYTHONPATH``,
so a process-level test exercises the code under review and never whatever
copy of prefguard is installed in the environment. On Python 3.11 and newer
``-P`` keeps the working folder (the project being checked) off ``sys.path``,
as the installed console script does.

The environment is the caller's (by default the test's, which the autouse
fixtures of ``tests/conftest.py`` make hermetic: its own home, cache folder and
git configuration) with the checkout prepended to ``PYTHONPATH``.
"""

import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

ROOT = Path(__file__).resolve().parents[1]
MUTMUT_MODE = "MUTANT_UNDER_TEST"


def checkout_environment(base: Optional[Mapping[str, str]] = None, **extra: str) -> Dict[str, str]:
    """``base`` (default: this process's environment) with the checkout first on ``PYTHONPATH``; ``extra`` overrides."""
    env = dict(os.environ if base is None else base)
    env.update(extra)
    rest = [part for part in env.get("PYTHONPATH", "").split(os.pathsep) if part and part != str(ROOT)]
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *rest])
    return child_environment(env)


def child_environment(env: Dict[str, str]) -> Dict[str, str]:
    """The environment of a process a test starts, made fit for mutmut (changed in place and returned).

    mutmut (``.ci/mutation.py``) records which tests call which function inside
    the test process (``MUTANT_UNDER_TEST=stats``); a started process cannot, so
    it runs the plain code then. While mutmut tests a mutant, the process runs
    that mutant too.
    """
    if env.get(MUTMUT_MODE) == "stats":
        env[MUTMUT_MODE] = ""
    return env


def prefguard_command() -> List[str]:
    """The argument vector that starts this checkout's command line (arguments follow)."""
    isolate = ["-P"] if sys.version_info >= (3, 11) else []
    return [sys.executable, *isolate, "-m", "hooks.cli"]


def run_prefguard(
    args: Sequence[str],
    cwd: Union[Path, str],
    env: Optional[Mapping[str, str]] = None,
    timeout: float = 600,
    text: bool = True,
    **options: Any,
) -> subprocess.CompletedProcess:
    """Run this checkout's ``prefguard ARGS`` in ``cwd`` and capture its output (``options`` go to subprocess.run)."""
    options.setdefault("capture_output", "stdout" not in options and "stderr" not in options)
    if text:
        options.setdefault("encoding", "utf-8")
    return subprocess.run(
        [*prefguard_command(), *args],
        cwd=cwd,
        env=checkout_environment(env),
        timeout=timeout,
        text=text,
        check=False,
        **options,
    )


def start_prefguard(
    args: Sequence[str], cwd: Union[Path, str], env: Optional[Mapping[str, str]] = None, **options: Any
) -> subprocess.Popen:
    """Start this checkout's ``prefguard ARGS`` in ``cwd`` without waiting (``options`` go to subprocess.Popen)."""
    return subprocess.Popen([*prefguard_command(), *args], cwd=cwd, env=checkout_environment(env), **options)
