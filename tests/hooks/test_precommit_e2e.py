# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""End-to-end: the real pre-commit and the real git run prefguard's hooks in a user's repository.

The hook repository is a temporary git repository holding this checkout's working tree
(tracked and untracked, ignored files left out) in one commit, so uncommitted work is
tested and a clean CI clone works the same. The user's repository names it in
``.pre-commit-config.yaml`` (``repo:`` its path, ``rev:`` that commit) with the hooks
prefguard-check, prefguard-verify (pre-commit stage) and prefguard-guard (commit-msg
stage). pre-commit builds the hook environment from the package registry once per
session, under a temporary ``PRE_COMMIT_HOME``.
"""

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Sequence

import pytest
from tests.process import checkout_environment, prefguard_command

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
HOOK_IDS = ("prefguard-check", "prefguard-guard", "prefguard-verify")
HEADER = (
    "# -*- coding: utf-8 -*-\n"
    "# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.\n"
    "# Cluj-Napoca, Romania\n"
)
PYPROJECT = """[project]
name = "demo"
version = "0.1.0"

[project.scripts]
demo = "demo.cli:main"

[tool.prefguard.integration]
entry = ["demo/cli.py"]
"""
CLI = (
    HEADER
    + '"""Command line of the demo."""\n\n'
    + "from demo.core import greet\n{imports}\n\n"
    + "def main() -> int:\n"
    + '    """Print a greeting."""\n'
    + "    print(f\"[OK] {{greet('world')}}\")\n"
    + "    return 0\n"
)
CORE = (
    HEADER
    + '"""Greetings."""\n\n\n'
    + "def greet(name: str) -> str:\n"
    + '    """A greeting for one name."""\n'
    + '    return f"hello {name}"\n'
)
VERIFY_SCRIPT = (
    HEADER
    + '"""Integration verification of the demo (policy section 9)."""\n\n'
    + "import subprocess\nimport sys\n\n"
    + 'if __name__ == "__main__":\n'
    + '    sys.exit(subprocess.call(["prefguard", "verify", *sys.argv[1:]]))\n'
)
VIOLATION = "def add(a, b):\n    return a + b\n"
TRAILER = "Prefguard-Approve: .claude/project_concept.json#/vision"


@dataclass(frozen=True)
class HookRepo:
    """The temporary hook repository: its path and the commit that holds the working tree."""

    path: Path
    rev: str


@dataclass(frozen=True)
class Project:
    """A user's repository with prefguard's hooks installed."""

    path: Path
    env: Dict[str, str]


# ======================================================================
# Helpers


def base_env(scratch: Path) -> Dict[str, str]:
    """Environment for git and pre-commit without the user's git configuration."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "PRE_COMMIT"))}
    env.pop("PYTHONPATH", None)
    empty = scratch / "gitconfig"
    empty.write_text("", encoding="utf-8")
    env.update(
        GIT_AUTHOR_NAME="Test Author",
        GIT_AUTHOR_EMAIL="author@example.com",
        GIT_COMMITTER_NAME="Test Author",
        GIT_COMMITTER_EMAIL="author@example.com",
        GIT_CONFIG_GLOBAL=str(empty),
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_COLOR="never",
    )
    return env


def run(command: Sequence[str], cwd: Path, env: Dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    """Run a command; stdout and stderr together in ``stdout``."""
    return subprocess.run(
        list(command),
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


def must(command: Sequence[str], cwd: Path, env: Dict[str, str], timeout: int = 120) -> str:
    """Run a command that has to succeed; its output."""
    result = run(command, cwd, env, timeout)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout}"
    return result.stdout


def pre_commit(args: Sequence[str], project: Project, timeout: int = 120) -> subprocess.CompletedProcess:
    """The real pre-commit, run by this interpreter."""
    return run([sys.executable, "-m", "pre_commit", *args], project.path, project.env, timeout)


def prefguard(args: Sequence[str], cwd: Path) -> str:
    """This checkout's prefguard (used to prepare files, not as a hook)."""
    return must([*prefguard_command(), *args], cwd, checkout_environment())


def commit_count(project: Project) -> int:
    """Number of commits on HEAD."""
    return int(must(["git", "rev-list", "--count", "HEAD"], project.path, project.env).strip())


def commit(project: Project, message: str) -> subprocess.CompletedProcess:
    """``git commit`` with every hook installed by pre-commit."""
    return run(["git", "commit", "-m", message], project.path, project.env, timeout=180)


def hook_line(output: str, name: str) -> str:
    """pre-commit's status line of one hook (``prefguard check....Passed``)."""
    lines = [line for line in output.splitlines() if line.startswith(name + ".") or line.startswith(name + " ")]
    assert lines, f"no status line for {name!r} in:\n{output}"
    return lines[-1]


def structure_module(name: str, path: str, critical: bool = False) -> Dict[str, object]:
    """One ``modules`` entry of project_structure.json."""
    entry: Dict[str, object] = {
        "name": name,
        "path": path,
        "status": "active",
        "dependencies": [],
        "public_api": [],
        "last_modified": "2026-01-05",
    }
    if critical:
        entry["critical"] = True
    return entry


def add_modules_to_structure(project: Path, entries: List[Dict[str, object]]) -> None:
    """Append modules to .claude/project_structure.json (2-space indentation, final newline)."""
    path = project / ".claude" / "project_structure.json"
    structure = json.loads(path.read_text(encoding="utf-8"))
    structure["modules"].extend(entries)
    path.write_text(json.dumps(structure, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def add_module(project: Project, name: str, imported: bool, critical: bool = False) -> None:
    """Add a compliant module with its structure entry and log entry, and stage everything."""
    relative = f"demo/{name}.py"
    (project.path / relative).write_text(
        HEADER + f'"""The {name} part of the demo."""\n\n\ndef {name}_value() -> int:\n'
        f'    """A constant of the {name} part."""\n    return 1\n',
        encoding="utf-8",
    )
    if imported:
        (project.path / "demo" / "cli.py").write_text(
            CLI.format(imports=f"from demo.{name} import {name}_value\n"), encoding="utf-8"
        )
    add_modules_to_structure(project.path, [structure_module(name, relative, critical)])
    prefguard(
        ["memory", "log", "--requested", f"add {name}", "--executed", f"{relative} added", "--files", relative,
         "--status", "success"],
        project.path,
    )
    must(["git", "add", "-A"], project.path, project.env)


# ======================================================================
# Fixtures


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> HookRepo:
    """This checkout's working tree committed in a temporary git repository."""
    scratch = tmp_path_factory.mktemp("hook-repo")
    env = base_env(scratch)
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, env=env, capture_output=True, check=False,
    )
    if listed.returncode != 0:
        pytest.fail(f"the end-to-end tests need a git checkout of prefguard: {listed.stderr.decode(errors='replace')}")
    target = scratch / "prefguard"
    for raw in listed.stdout.split(b"\0"):
        relative = raw.decode("utf-8")
        source = ROOT / relative
        if relative and source.is_file() and not source.is_symlink():
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / relative)
    must(["git", "init", "-q", "-b", "main"], target, env)
    must(["git", "add", "-A"], target, env)
    must(["git", "commit", "-q", "--no-verify", "-m", "prefguard working tree"], target, env)
    return HookRepo(target, must(["git", "rev-parse", "HEAD"], target, env).strip())


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's cache of hook repositories and environments, shared by the session."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def project(tmp_path: Path, hook_repo: HookRepo, pre_commit_home: Path) -> Project:
    """A compliant demo repository whose first commit is made, with the hooks installed."""
    env = base_env(tmp_path)
    env["PRE_COMMIT_HOME"] = str(pre_commit_home)
    path = tmp_path / "demo-project"
    (path / "demo").mkdir(parents=True)
    (path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (path / "demo" / "__init__.py").write_text("", encoding="utf-8")
    (path / "demo" / "cli.py").write_text(CLI.format(imports=""), encoding="utf-8")
    (path / "demo" / "core.py").write_text(CORE, encoding="utf-8")
    (path / "verify_integration.py").write_text(VERIFY_SCRIPT, encoding="utf-8")
    hooks = "\n".join(f"      - id: {hook_id}" for hook_id in HOOK_IDS)
    (path / ".pre-commit-config.yaml").write_text(
        "default_install_hook_types: [pre-commit, commit-msg]\n"
        f"repos:\n  - repo: {hook_repo.path}\n    rev: {hook_repo.rev}\n    hooks:\n{hooks}\n",
        encoding="utf-8",
    )
    must(["git", "init", "-q", "-b", "main"], path, env)
    prefguard(["memory", "init", "--project-name", "demo"], path)
    structure = path / ".claude" / "project_structure.json"
    data = json.loads(structure.read_text(encoding="utf-8"))
    data["entry_point"] = "demo/cli.py"
    structure.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    add_modules_to_structure(
        path,
        [
            structure_module("demo", "demo/__init__.py"),
            structure_module("cli", "demo/cli.py"),
            structure_module("core", "demo/core.py"),
            structure_module("verify_integration", "verify_integration.py"),
        ],
    )
    prefguard(
        ["memory", "log", "--requested", "start", "--executed", "demo package", "--files", "demo", "--status",
         "success"],
        path,
    )
    must(["git", "add", "-A"], path, env)
    must(["git", "commit", "-q", "--no-verify", "-m", "Demo project"], path, env)
    made = Project(path, env)
    installed = pre_commit(["install", "--install-hooks"], made, timeout=600)
    assert installed.returncode == 0, installed.stdout
    assert (path / ".git" / "hooks" / "pre-commit").is_file() and (path / ".git" / "hooks" / "commit-msg").is_file()
    return made


# ======================================================================
# Tests


def test_violating_commit_is_refused_with_the_codes_on_screen(project: Project) -> None:
    (project.path / "demo" / "bad.py").write_text(VIOLATION, encoding="utf-8")
    must(["git", "add", "-A"], project.path, project.env)
    before = commit_count(project)
    result = commit(project, "Add a helper")
    assert result.returncode != 0, result.stdout
    assert hook_line(result.stdout, "prefguard check").endswith("Failed")
    assert "demo/bad.py:1:" in result.stdout, result.stdout
    for code in ("HDR001", "ANN001", "ANN002"):
        assert code in result.stdout, result.stdout
    assert commit_count(project) == before


def test_compliant_commit_is_accepted(project: Project) -> None:
    add_module(project, "extra", imported=True)
    before = commit_count(project)
    result = commit(project, "Add the extra part")
    assert result.returncode == 0, result.stdout
    for name in ("prefguard check", "prefguard verify", "prefguard guard"):
        assert hook_line(result.stdout, name).endswith("Passed"), result.stdout
        assert result.stdout.count(name + ".") == 1, f"{name} ran at more than one stage:\n{result.stdout}"
    assert commit_count(project) == before + 1


def test_concept_change_is_refused_until_its_trailer_approves_it(project: Project) -> None:
    concept = project.path / ".claude" / "project_concept.json"
    data = json.loads(concept.read_text(encoding="utf-8"))
    data["vision"] = "Greet the whole world."
    concept.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    must(["git", "add", "-A"], project.path, project.env)
    before = commit_count(project)
    refused = commit(project, "Sharpen the vision")
    assert refused.returncode != 0, refused.stdout
    assert hook_line(refused.stdout, "prefguard guard").endswith("Failed")
    assert "JSN002" in refused.stdout and "/vision" in refused.stdout and TRAILER in refused.stdout
    assert commit_count(project) == before
    accepted = commit(project, f"Sharpen the vision\n\n{TRAILER}\n")
    assert accepted.returncode == 0, accepted.stdout
    assert hook_line(accepted.stdout, "prefguard guard").endswith("Passed")
    assert commit_count(project) == before + 1
    assert TRAILER in must(["git", "log", "-1", "--format=%B"], project.path, project.env)


def test_unwired_critical_module_is_refused_by_verify(project: Project) -> None:
    add_module(project, "orphan", imported=False, critical=True)
    before = commit_count(project)
    result = commit(project, "Add the orphan part")
    assert result.returncode != 0, result.stdout
    assert hook_line(result.stdout, "prefguard check").endswith("Passed")
    assert hook_line(result.stdout, "prefguard verify").endswith("Failed")
    assert "INT002" in result.stdout and "demo/orphan.py" in result.stdout
    assert commit_count(project) == before


def test_run_all_files(project: Project) -> None:
    clean = pre_commit(["run", "--all-files"], project)
    assert clean.returncode == 0, clean.stdout
    assert hook_line(clean.stdout, "prefguard check").endswith("Passed")
    assert hook_line(clean.stdout, "prefguard verify").endswith("Passed")
    (project.path / "demo" / "bad.py").write_text(VIOLATION, encoding="utf-8")
    must(["git", "add", "-A"], project.path, project.env)
    dirty = pre_commit(["run", "--all-files"], project)
    assert dirty.returncode == 1, dirty.stdout
    assert hook_line(dirty.stdout, "prefguard check").endswith("Failed")
    assert "demo/bad.py:1:" in dirty.stdout and "HDR001" in dirty.stdout
