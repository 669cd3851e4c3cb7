"""Nothing outside the project is read or written: symlinks, special files and configuration globs.

Outside files hold findings (``import logging``) so that reading one would
show in the output, and fixable findings so that writing one would change it.
A named pipe blocks whoever opens it for reading: a command that finishes
proves it never opened the pipe.
"""

import json
import os
import subprocess
from pathlib import Path
from typing import Dict, List

import pytest

from tests.conftest import GitRepo

from hooks.runtime.files import write_atomically
from tests.process import run_prefguard

BAD = "from . import helpers\nimport logging\n"


def prefguard(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return run_prefguard(args, cwd, timeout=120)


def snapshot(folder: Path) -> Dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink() and ".git" not in path.parts and ".prefguard_cache" not in path.parts
    }


def paths_in(result: subprocess.CompletedProcess) -> List[str]:
    return sorted({item["path"] for item in json.loads(result.stdout)})


@pytest.fixture(params=["plain", "git"])
def layout(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    (outside / "deep").mkdir(parents=True)
    (outside / "secret.py").write_text(BAD, encoding="utf-8")
    (outside / "deep" / "hidden.py").write_text(BAD, encoding="utf-8")
    os.mkfifo(outside / "pipe.py")
    project = tmp_path / "project"
    (project / "pkg").mkdir(parents=True)
    (project / "pyproject.toml").write_text(
        "[tool.prefguard]\n"
        'exclude = ["../**", "/**", "../outside/*.py", "**/../outside/**"]\n'
        '[tool.prefguard.per-file-ignores]\n"../**" = ["LOG001"]\n"/tmp/**" = ["LOG001"]\n'
        "[tool.prefguard.header]\nyear = 2026\n"
        'exempt = ["../**"]\n'
        "[tool.prefguard.integration]\n"
        'entry = ["pkg/real.py"]\n'
        'exclude = ["../**"]\n'
        'tests = ["../outside/**"]\n',
        encoding="utf-8",
    )
    (project / "pkg" / "__init__.py").write_text("", encoding="utf-8")
    (project / "pkg" / "real.py").write_text(BAD, encoding="utf-8")
    (project / "pkg" / "alias.py").symlink_to("real.py")
    (project / "pkg" / "secret_link.py").symlink_to(outside / "secret.py")
    (project / "pkg" / "outside_folder").symlink_to(outside)
    (project / "pkg" / "loop").symlink_to(project / "pkg")
    (project / "pkg" / "dangling.py").symlink_to(project / "missing.py")
    (project / "pkg" / "device.py").symlink_to("/dev/zero")
    (project / "pkg" / "pipe_link.py").symlink_to(outside / "pipe.py")
    if request.param == "plain":
        os.mkfifo(project / "pkg" / "local_pipe.py")
    else:
        GitRepo(project).commit("layout")
    return project


def test_check_reads_only_files_inside_the_project(layout: Path) -> None:
    result = prefguard(layout, "check", "--no-cache", "--format", "json", "--select", "LOG,IMP,PGX", ".")
    assert result.returncode == 1, result.stderr
    assert paths_in(result) == ["pkg/real.py"], result.stdout


def test_explicit_paths_through_symlinks_to_the_outside_are_not_followed(layout: Path) -> None:
    result = prefguard(
        layout, "check", "--no-cache", "--format", "json", "--select", "LOG,IMP,PGX",
        "pkg/secret_link.py", "pkg/outside_folder", "pkg/outside_folder/secret.py", "pkg/outside_folder/deep",
        "pkg/device.py", "pkg/pipe_link.py", "pkg/alias.py",
    )
    assert result.returncode == 1, result.stderr
    assert paths_in(result) == ["pkg/real.py"], result.stdout


def test_fix_writes_only_inside_and_through_links(layout: Path) -> None:
    outside = layout.parent / "outside"
    before = snapshot(outside)
    result = prefguard(layout, "check", "--no-cache", "--fix", "--select", "IMP", ".", "pkg/outside_folder")
    assert result.returncode in (0, 1), result.stderr
    assert snapshot(outside) == before
    assert (layout / "pkg" / "alias.py").is_symlink(), "a fix replaced a symlink with a copy"
    assert (layout / "pkg" / "real.py").read_text(encoding="utf-8").startswith("from pkg import helpers\n")
    assert (layout / "pkg" / "secret_link.py").is_symlink()


def test_verify_and_guard_stay_inside(layout: Path) -> None:
    verify = prefguard(layout, "verify", "--no-cache", "--format", "json")
    assert verify.returncode in (0, 1), verify.stderr
    assert "outside" not in verify.stdout and "secret" not in verify.stdout
    outside_entry = prefguard(layout, "verify", "--no-cache", "--entry", "../outside/pipe.py")
    assert outside_entry.returncode == 2, outside_entry.stderr
    assert "entry point not found" in outside_entry.stderr
    if (layout / ".git").exists():
        guard = prefguard(layout, "guard", "--staged", "--format", "json")
        assert guard.returncode in (0, 1), guard.stderr
        assert "Traceback" not in guard.stderr


def test_write_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "target.py"
    target.write_bytes(b"old\n")
    link = tmp_path / "link.py"
    link.symlink_to("target.py")
    write_atomically(link, b"new\n")
    assert link.is_symlink() and target.read_bytes() == b"new\n"
