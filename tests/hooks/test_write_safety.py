"""Writes lose nothing and stay in the work tree: the memory lock, link and path refusals, temporary files.

Also: an unreadable source file is a finding naming it, not the end of the run.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Callable, List

import pytest

from hooks.cli import main as cli_main
from hooks.runtime import locking
from hooks.runtime.temporary import STAGING_PREFIX, remove_stale, staging_folder
from tests.conftest import GitRepo, git_environment

ROOT = Path(__file__).resolve().parents[2]
LOG = ".claude/project_log.json"


def prefguard_process(cwd: Path, *args: str) -> "subprocess.Popen[str]":
    env = git_environment(PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "hooks.cli", *args], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def log_args(requested: str) -> List[str]:
    return ["memory", "log", "--requested", requested, "--executed", "did it", "--status", "success"]


@pytest.fixture
def repo(make_repo: Callable[..., GitRepo], monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    project = make_repo("project")
    project.write("pyproject.toml", "[tool.prefguard]\n")
    monkeypatch.chdir(project.path)
    return project


def dead_pid() -> int:
    """The id of a process that has ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


# ======================================================================
# The memory lock


@pytest.mark.slow
def test_ten_concurrent_memory_logs_all_land(repo: GitRepo) -> None:
    assert cli_main(["memory", "init", "--project-name", "demo"]) == 0
    running = [prefguard_process(repo.path, *log_args(f"request {index}")) for index in range(10)]
    results = [(process.wait(timeout=240), process.stdout.read(), process.stderr.read()) for process in running]
    for status, out, err in results:
        assert status == 0, err
        assert "[OK] .claude/project_log.json" in out and "[ERROR]" not in err
    entries = repo.read_json(LOG)
    assert sorted(entry["requested"] for entry in entries) == sorted(f"request {index}" for index in range(10))
    assert sorted(int(line.split("entry ")[1].split(" ")[0]) for _, out, _ in results for line in out.splitlines() if " entry " in line) == list(range(1, 11))


def test_a_writer_that_cannot_get_the_lock_fails_loudly(repo: GitRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    assert cli_main(log_args("first")) == 0
    before = (repo.path / LOG).read_bytes()
    monkeypatch.setattr(locking, "LOCK_TIMEOUT_SECONDS", 0.2)
    with locking.project_lock(repo.path):
        status = cli_main(log_args("second"))
    assert status == 2
    assert "[ERROR] another prefguard process has been writing in" in capsys.readouterr().err
    assert (repo.path / LOG).read_bytes() == before
    assert cli_main(log_args("second")) == 0
    assert [entry["requested"] for entry in repo.read_json(LOG)] == ["first", "second"]


# ======================================================================
# Links and paths outside the repository


def test_memory_log_refuses_a_symlinked_log(repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    outside = tmp_path / "outside.json"
    outside.write_text("[]\n", encoding="utf-8")
    (repo.path / ".claude").mkdir()
    (repo.path / LOG).symlink_to(outside)
    assert cli_main(log_args("escape")) == 2
    err = capsys.readouterr().err
    assert "[ERROR] refusing to write" in err and ".claude/project_log.json is a symbolic link" in err
    assert outside.read_text(encoding="utf-8") == "[]\n"
    assert (repo.path / LOG).is_symlink()


@pytest.mark.parametrize(
    ("config", "key", "problem"),
    [
        ('[tool.prefguard.json-guard]\nmemory-dir = "../x"\n', "json-guard.memory-dir", "must be a normalized path inside the project"),
        ('[tool.prefguard.json-guard]\nmemory-dir = "/tmp/x"\n', "json-guard.memory-dir", "must be a relative POSIX path"),
        ('[tool.prefguard]\nbaseline = "../baseline.json"\n', "baseline", "must be a normalized path inside the project"),
        ('[tool.prefguard.json-guard]\nmemory-dir = "linked"\n', "json-guard.memory-dir", "linked is a symbolic link"),
        ('[tool.prefguard]\nbaseline = "linked/baseline.json"\n', "baseline", "linked is a symbolic link"),
    ],
)
def test_configured_paths_are_validated_at_load(
    repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture, config: str, key: str, problem: str
) -> None:
    (tmp_path / "elsewhere").mkdir()
    (repo.path / "linked").symlink_to(tmp_path / "elsewhere")
    repo.write("pyproject.toml", config)
    for argv in (log_args("x"), ["check", "."], ["baseline"]):
        assert cli_main(argv) == 2
        err = capsys.readouterr().err
        assert f"[ERROR] configuration error: pyproject.toml: [tool.prefguard] {key}: " in err and problem in err, err
    assert list((tmp_path / "elsewhere").iterdir()) == []
    assert not (tmp_path / "x").exists() and not (tmp_path / "baseline.json").exists()


def test_baseline_refuses_a_symlinked_baseline_file(repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    outside = tmp_path / "outside.json"
    outside.write_text("untouched\n", encoding="utf-8")
    repo.write("module.py", "x = 1\n")
    (repo.path / ".prefguard-baseline.json").symlink_to(outside)
    assert cli_main(["baseline", "--no-cache"]) == 2
    assert ".prefguard-baseline.json is a symbolic link" in capsys.readouterr().err
    assert outside.read_text(encoding="utf-8") == "untouched\n"


# ======================================================================
# Temporary files of interrupted writes


def test_a_killed_writer_leaves_nothing_git_add_takes_and_the_next_run_removes_it(repo: GitRepo) -> None:
    repo.write("pkg/module.py", "x = 1\n")
    repo.commit("start")
    staging = staging_folder(repo.path / "pkg")
    (staging / "content").write_bytes(b"half a fix")
    killed = staging.rename(repo.path / "pkg" / f"{STAGING_PREFIX}{dead_pid()}-abcdef")
    legacy = repo.write("pkg/.module.py.x1y2z3.prefguard-tmp", "left by an older version\n")
    repo.git("add", "-A")
    assert repo.git("status", "--porcelain", "--untracked-files=all") == "A  pkg/.module.py.x1y2z3.prefguard-tmp"
    repo.git("reset", "-q")
    live = staging_folder(repo.path / "pkg")
    assert cli_main(["check", "--no-cache", "--select", "PGX", "."]) == 0
    assert not killed.exists() and not legacy.exists()
    assert live.exists(), "the staging folder of a running process is left alone"
    assert sorted(path.name for path in (repo.path / "pkg").iterdir()) == sorted(["module.py", live.name])
    assert remove_stale([repo.path / "pkg"]) == []


def test_memory_writes_remove_what_a_killed_writer_left(repo: GitRepo) -> None:
    (repo.path / ".claude").mkdir()
    killed = repo.path / ".claude" / f"{STAGING_PREFIX}{dead_pid()}-0a0b0c"
    killed.mkdir()
    assert cli_main(log_args("after a crash")) == 0
    assert sorted(path.name for path in (repo.path / ".claude").iterdir()) == ["project_log.json"]


# ======================================================================
# Unreadable source files


def test_an_unreadable_python_file_is_a_finding_and_the_others_are_checked(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    repo.write("a_locked.py", "x = 1\n")
    repo.write("b_open.py", "import logging\n")
    original = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "a_locked.py":
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    status = cli_main(["check", "--no-cache", "--format", "json", "--select", "PGX,LOG", "."])
    out, err = capsys.readouterr()
    assert status == 1, err
    found = [(item["path"], item["code"], item["message"]) for item in json.loads(out)]
    assert found == [
        ("a_locked.py", "PGX002", "cannot read the file: Permission denied; not checked"),
        ("b_open.py", "LOG001", found[1][2]),
    ]
    assert "[ERROR]" not in err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="permissions do not bind the superuser")
def test_an_unreadable_python_file_in_a_real_run(repo: GitRepo) -> None:
    locked = repo.write("locked.py", "x = 1\n")
    locked.chmod(0)
    try:
        process = prefguard_process(repo.path, "check", "--no-cache", "--select", "PGX", ".")
        status = process.wait(timeout=120)
        out = process.stdout.read()
    finally:
        locked.chmod(0o644)
    assert status == 1
    assert "locked.py:1:1: PGX002 cannot read the file: Permission denied; not checked" in out


def test_init_refuses_to_write_through_a_committed_link(repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("repos: []\n", encoding="utf-8")
    (repo.path / ".pre-commit-config.yaml").symlink_to(outside)
    repo.write("pkg/__init__.py", "")
    repo.commit("start")
    before = sorted(path.name for path in repo.path.iterdir())
    assert cli_main(["init", str(repo.path)]) == 2
    assert ".pre-commit-config.yaml is a symbolic link" in capsys.readouterr().err
    assert outside.read_text(encoding="utf-8") == "repos: []\n"
    assert sorted(path.name for path in repo.path.iterdir()) == before


def test_every_attack_in_the_guard_page_names_an_existing_test() -> None:
    import re

    from hooks.docs.memory_page import DATA_ATTACKS

    tests = {path.name: path.read_text(encoding="utf-8") for path in (ROOT / "tests").rglob("test_*.py")}
    named = [found for _, _, cell in DATA_ATTACKS for found in re.findall(r"`(?:tests/\S+/)?(test_\w+\.py)::(\w+)`|`(test_\w+)`", cell)]
    assert len(named) >= len(DATA_ATTACKS)
    current = "test_write_safety.py"
    for module, function, bare in named:
        current = module or current
        assert f"def {function or bare}(" in tests[current], f"{current}::{function or bare} is not a test"
