"""Git edge cases: detached HEAD, worktrees, submodules, odd paths, deletions and a 1,000-file commit."""

import json
import subprocess
from pathlib import Path
from typing import Dict, List

import pytest

from tests.conftest import GitRepo
from tests.process import run_prefguard

BAD = "import logging\n"
GOOD = "VALUE = 1\n"
ODD_NAMES = [
    "dir with space/module with space.py",
    "données/módulo_ñ.py",
    "日本語/ファイル.py",
    "quote'and\"double.py",
    "new\nline.py",
    "-dash.py",
]


def git(cwd: Path, *args: str) -> str:
    return GitRepo(cwd, create=False).git("-c", "protocol.file.allow=always", *args)


def init(path: Path) -> Path:
    return GitRepo(path).path


def commit_all(path: Path, message: str) -> str:
    return GitRepo(path, create=False).commit(message)


def prefguard(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    result = run_prefguard(args, cwd, timeout=600)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def check_json(cwd: Path, *args: str) -> List[dict]:
    result = prefguard(cwd, "check", "--no-cache", "--format", "json", "--select", "LOG,PGX", *args)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def paths(findings: List[dict]) -> List[str]:
    return sorted({item["path"] for item in findings})


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture()
def repository(tmp_path: Path) -> Path:
    repo = init(tmp_path / "repo")
    write(repo / "pkg" / "kept.py", GOOD)
    write(repo / "pkg" / "doomed.py", GOOD)
    commit_all(repo, "base")
    write(repo / "pkg" / "kept.py", BAD)
    write(repo / "pkg" / "added.py", BAD)
    (repo / "pkg" / "doomed.py").unlink()
    commit_all(repo, "change")
    return repo


def test_detached_head(repository: Path) -> None:
    git(repository, "checkout", "-q", "--detach", "HEAD")
    assert git(repository, "rev-parse", "--abbrev-ref", "HEAD") == "HEAD"
    assert paths(check_json(repository, "--from-ref", "HEAD~1", "--to-ref", "HEAD")) == ["pkg/added.py", "pkg/kept.py"]
    write(repository / "pkg" / "staged.py", BAD)
    git(repository, "add", "pkg/staged.py")
    assert paths(check_json(repository, "--staged")) == ["pkg/staged.py"]
    assert paths(check_json(repository, ".")) == ["pkg/added.py", "pkg/kept.py", "pkg/staged.py"]
    guard = prefguard(repository, "guard", "--from-ref", "HEAD~1", "--format", "json")
    assert guard.returncode in (0, 1), guard.stderr
    staged_guard = prefguard(repository, "guard", "--staged", "--format", "json")
    assert staged_guard.returncode in (0, 1), staged_guard.stderr


def test_worktree(repository: Path) -> None:
    worktree = repository.parent / "worktree"
    git(repository, "worktree", "add", "-q", "-b", "feature", str(worktree))
    assert (worktree / ".git").is_file()
    write(worktree / "pkg" / "feature.py", BAD)
    git(worktree, "add", "pkg/feature.py")
    assert paths(check_json(worktree, "--staged")) == ["pkg/feature.py"]
    commit_all(worktree, "feature")
    assert paths(check_json(worktree, "--from-ref", "main", "--to-ref", "HEAD")) == ["pkg/feature.py"]
    assert paths(check_json(worktree, ".")) == ["pkg/added.py", "pkg/feature.py", "pkg/kept.py"]
    assert paths(check_json(repository, ".")) == ["pkg/added.py", "pkg/kept.py"], "the main work tree sees its own files"


def test_submodule_is_not_read_as_source(repository: Path) -> None:
    library = init(repository.parent / "library")
    write(library / "inner.py", BAD)
    commit_all(library, "library")
    git(repository, "submodule", "add", "-q", str(library), "vendor/lib.py")
    assert paths(check_json(repository, "--staged")) == []
    assert paths(check_json(repository, ".")) == ["pkg/added.py", "pkg/kept.py"]
    commit_all(repository, "add submodule")
    assert paths(check_json(repository, "--from-ref", "HEAD~1", "--to-ref", "HEAD")) == []
    write(library / "inner.py", BAD + BAD)
    commit_all(library, "library moves on")
    git(repository / "vendor" / "lib.py", "pull", "-q", "origin", "main")
    git(repository, "add", "vendor/lib.py")
    assert paths(check_json(repository, "--staged")) == []
    assert paths(check_json(repository / "vendor" / "lib.py", ".")) == ["inner.py"], "inside the submodule its own files count"
    guard = prefguard(repository, "guard", "--staged", "--format", "json")
    assert guard.returncode in (0, 1), guard.stderr


@pytest.mark.slow
def test_odd_paths_staged_ranged_and_plain(repository: Path) -> None:
    for name in ODD_NAMES:
        write(repository / name, BAD)
    git(repository, "add", "-A")
    assert paths(check_json(repository, "--staged")) == sorted(ODD_NAMES)
    commit_all(repository, "odd names")
    assert paths(check_json(repository, "--from-ref", "HEAD~1", "--to-ref", "HEAD")) == sorted(ODD_NAMES)
    assert paths(check_json(repository, ".")) == sorted(ODD_NAMES + ["pkg/added.py", "pkg/kept.py"])
    explicit = check_json(repository, "données/módulo_ñ.py", "dir with space/module with space.py")
    assert paths(explicit) == ["dir with space/module with space.py", "données/módulo_ñ.py"]
    for item in check_json(repository, "--staged") + check_json(repository, "."):
        assert item["line"] == 1 and item["code"] == "LOG001", item


def test_deleted_files(repository: Path) -> None:
    assert "pkg/doomed.py" not in paths(check_json(repository, "--from-ref", "HEAD~1", "--to-ref", "HEAD"))
    git(repository, "rm", "-q", "pkg/kept.py")
    write(repository / "pkg" / "added.py", BAD + "import os\n")
    git(repository, "add", "pkg/added.py")
    assert paths(check_json(repository, "--staged")) == ["pkg/added.py"]
    assert paths(check_json(repository, ".")) == ["pkg/added.py"]
    write(repository / ".claude" / "project_log.json", "[]\n")
    commit_all(repository, "log")
    (repository / ".claude" / "project_log.json").unlink()
    git(repository, "add", "-A")
    guard = prefguard(repository, "guard", "--staged", "--format", "json")
    assert guard.returncode == 1, guard.stderr
    codes = {item["code"] for item in json.loads(guard.stdout) if item["path"].endswith("project_log.json")}
    assert "JSN003" in codes, guard.stdout


@pytest.mark.slow
def test_thousand_file_commit(tmp_path: Path) -> None:
    repo = init(tmp_path / "big")
    write(repo / "README.md", "base\n")
    commit_all(repo, "base")
    names: Dict[str, str] = {}
    for index in range(1000):
        name = f"pkg/part_{index // 100}/module_{index:04d}.py"
        names[name] = BAD if index % 10 == 0 else GOOD
        write(repo / name, names[name])
    git(repo, "add", "-A")
    staged = prefguard(repo, "check", "--no-cache", "--format", "json", "--select", "LOG,PGX", "--staged")
    assert staged.returncode == 1, staged.stderr
    expected = sorted(name for name, text in names.items() if text == BAD)
    assert paths(json.loads(staged.stdout)) == expected
    commit_all(repo, "a thousand files")
    ranged = prefguard(repo, "check", "--no-cache", "--select", "LOG,PGX", "--from-ref", "HEAD~1", "--to-ref", "HEAD")
    assert ranged.returncode == 1
    assert "Found 100 finding(s) in 100 of 1000 file(s)" in ranged.stderr, ranged.stderr
    guard = prefguard(repo, "guard", "--from-ref", "HEAD~1", "--format", "json")
    assert guard.returncode in (0, 1), guard.stderr


def test_symlink_replaced_by_a_file_is_checked_and_staged_symlinks_are_not(tmp_path: Path) -> None:
    repo = init(tmp_path / "types")
    write(repo / "target.py", GOOD)
    (repo / "module.py").symlink_to("target.py")
    commit_all(repo, "a link")
    (repo / "module.py").unlink()
    write(repo / "module.py", BAD)
    (repo / "link_to_bad.py").symlink_to("module.py")
    git(repo, "add", "-A")
    assert paths(check_json(repo, "--staged")) == ["module.py"]
    commit_all(repo, "the link became a file")
    assert paths(check_json(repo, "--from-ref", "HEAD~1", "--to-ref", "HEAD")) == ["module.py"]
