"""The README's set-up and adoption commands, run exactly as written.

Both code blocks are read from README.md and each line runs in bash as it
stands. No release is published, so "prefguard" is the local checkout the
README names (``../prefguard``): a git repository holding this checkout's
working tree. Nothing is downloaded: a fresh virtual environment reaches
prefguard's dependencies (and pre-commit's) through ``PYTHONPATH`` pointing at
links to this interpreter's site-packages (prefguard's own install left out),
with the package index switched off; pip and pre-commit install prefguard
itself from the checkout, as a user's would. The adoption runs in a
repository with a hook of its own (no ``stages``) and a ``.venv``; its first
commit goes through the real pre-commit and git hooks.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import pytest
import yaml

from tests.hooks.test_packaging import copy_working_tree, dependency_overlay

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"


def block_after(heading: str) -> List[str]:
    """The command lines of the first ``bash`` block after a README heading."""
    text = README.read_text(encoding="utf-8")
    match = re.search(re.escape(heading) + r"\n.*?```bash\n(.*?)```", text, re.S)
    assert match, f"README.md lost the section {heading!r}"
    return [line.strip() for line in match.group(1).splitlines() if line.strip() and not line.lstrip().startswith("#")]


def bash(line: str, cwd: Path, env: Dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", line], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)


def offline_env(scratch: Path) -> Dict[str, str]:
    """A user's shell: this Python as python/python3, no package index, dependencies importable, no git config."""
    tools = scratch / "bin"
    tools.mkdir()
    base = Path(getattr(sys, "_base_executable", sys.executable))
    for name in ("python", "python3"):
        (tools / name).symlink_to(base)
    # pre-commit's script runs with this interpreter; it finds its own package through PYTHONPATH.
    (tools / "pre-commit").write_text(f'#!/bin/sh\nexec "{base}" -m pre_commit "$@"\n', encoding="utf-8")
    (tools / "pre-commit").chmod(0o755)
    overlay = dependency_overlay(scratch / "overlay")
    gitconfig = scratch / "gitconfig"
    gitconfig.write_text("[user]\n\tname = Test Author\n\temail = author@example.com\n", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "PRE_COMMIT", "PIP_", "VIRTUAL_ENV"))}
    env.update(
        PATH=f"{tools}{os.pathsep}/usr/bin{os.pathsep}/bin",
        PYTHONPATH=str(overlay),
        PIP_NO_INDEX="1",
        PIP_NO_BUILD_ISOLATION="0",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        GIT_CONFIG_GLOBAL=str(gitconfig),
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_HOME=str(scratch / "pre-commit-home"),
        PRE_COMMIT_COLOR="never",
        HOME=str(scratch / "home"),
    )
    (scratch / "home").mkdir()
    return env


def checkout(target: Path, env: Dict[str, str]) -> Path:
    """This working tree as a git repository with one commit (what `git clone` of prefguard gives)."""
    copy_working_tree(target)
    for command in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"], ["git", "commit", "-q", "--no-verify", "-m", "prefguard"]):
        subprocess.run(command, cwd=target, env=env, check=True, capture_output=True)
    return target


USER_PRECOMMIT = r"""repos:
- repo: local
  hooks:
  - id: no-todo
    name: no TODO markers
    entry: TODO
    language: pygrep
    exclude: ^\.pre-commit-config\.yaml$
"""
USER_FILES = {
    "LICENSE": "MIT License\n\nCopyright (c) 2021 Ada Example\n",
    "pyproject.toml": '[project]\nname = "lib"\ndescription = "A small library for the README test."\n',
    ".pre-commit-config.yaml": USER_PRECOMMIT,
    "lib/__init__.py": "from lib.core import add\n\n__all__ = ['add']\n",
    "lib/core.py": "def add(a, b):\n    return a + b\n",
    ".venv/pyvenv.cfg": "home = /usr/bin\n",
    ".venv/lib/junk.py": "def junk(x):\n    return x\n",
}


def test_setup_command_runs_as_written(tmp_path: Path) -> None:
    env = offline_env(tmp_path)
    source = tmp_path / "prefguard"
    copy_working_tree(source)
    lines = block_after("## Set-up on a fresh machine")
    assert lines == ["python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/prefguard check ."]
    done = bash(lines[0], source, env)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "[OK] no findings" in done.stdout + done.stderr


def test_adoption_commands_run_as_written_and_the_first_commit_passes(tmp_path: Path) -> None:
    env = offline_env(tmp_path)
    checkout(tmp_path / "prefguard", env)
    project = tmp_path / "project"
    for relative, text in USER_FILES.items():
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project, env=env, check=True)
    # The project's .venv was never committed and is not ignored yet (as most READMEs leave it).
    subprocess.run(["git", "add", "-A", "--", ".", ":!.venv"], cwd=project, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "the project before prefguard"], cwd=project, env=env, check=True)

    # The user works in the project's virtual environment.
    venv = tmp_path / "user-venv"
    subprocess.run([str(tmp_path / "bin" / "python3"), "-m", "venv", str(venv)], env=env, check=True, capture_output=True)
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    env["VIRTUAL_ENV"] = str(venv)

    lines = block_after("## Put an existing repository under the policy")
    assert lines == [
        "python -m pip install ../prefguard pre-commit",
        "prefguard init --hook-repo ../prefguard",
        "pre-commit install",
        'git add -A && git commit -m "Put the repository under the prefguard policy"',
    ]
    outputs = []
    for line in lines:
        done = bash(line, project, env)
        outputs.append(done.stdout + done.stderr)
        assert done.returncode == 0, f"{line}:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    assert shutil.which("prefguard", path=str(venv / "bin")) is not None
    config = yaml.safe_load((project / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert config["repos"][-1]["repo"] == "../prefguard" and config["default_stages"] == ["pre-commit"]
    assert "prefguard check" in outputs[3] and "Passed" in outputs[3]
    tracked = subprocess.run(["git", "ls-files"], cwd=project, env=env, capture_output=True, text=True, check=True).stdout
    assert ".venv/" not in tracked and "verify_integration.py" in tracked
    assert (project / "verify_integration.py").read_text(encoding="utf-8").startswith("# -*- coding: utf-8 -*-\n# Copyright (c) 2021-")
    # The project's own hook stays at pre-commit: a commit message with its marker is not refused.
    (project / "lib" / "extra.txt").write_text("notes\n", encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=project, env=env, check=True)
    done = bash('git commit -m "TODO list in the message only"', project, env)
    assert done.returncode == 0, done.stdout + done.stderr
