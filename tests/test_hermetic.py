# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The suite is hermetic: tests run the checkout under test and never touch the user's home or cache.

The fixtures of ``tests/conftest.py`` give each test its own prefguard cache
folder and the session its own home, user cache folder (with the cache's secret
key) and git configuration; :mod:`tests.process` starts the checkout's command.
These tests run real commands the way the rest of the suite does and show
where their files went: into the test's folders, which they did fill, and not
into the user's.
"""

import hashlib
import json
import os
import subprocess
from pathlib import Path
from typing import Dict, Optional, Tuple

import pytest

from hooks.runtime import cache_trust
from tests.conftest import USER_CACHE, USER_HOME, GitRepo
from tests.process import ROOT, checkout_environment, prefguard_command, run_prefguard

HEADER = (
    "# -*- coding: utf-8 -*-\n"
    "# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.\n"
    "# Cluj-Napoca, Romania\n"
)
MODULE = HEADER + '"""A module with one finding."""\n\n\ndef add(a, b):\n    """Add."""\n    return a + b\n'


def stamp(path: Path) -> Optional[Tuple[int, int, str]]:
    """Size, modification time and content digest of a file, or None when it does not exist."""
    try:
        data = path.read_bytes()
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns, hashlib.sha256(data).hexdigest()


def user_files() -> Dict[str, Optional[Tuple[int, int, str]]]:
    """The user's files that prefguard, git or pre-commit would write or read without the fixtures."""
    names = {
        "secret key": USER_CACHE / "prefguard" / cache_trust.KEY_FILE,
        "git configuration": USER_HOME / ".gitconfig",
        "git configuration (XDG)": USER_HOME / ".config" / "git" / "config",
    }
    return {name: stamp(path) for name, path in names.items()}


def project_folder(cache_home: Path, root: Path) -> Path:
    """The folder of a project under a user cache folder, as cache_trust names it."""
    digest = hashlib.sha256(os.path.realpath(root).encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return cache_home / "prefguard" / cache_trust.PROJECTS_FOLDER / digest


def files_under(folder: Path) -> int:
    """How many files a folder holds (0 when it does not exist)."""
    return sum(len(names) for _, _, names in os.walk(folder))


def test_the_environment_is_the_sessions_not_the_users(hermetic_session: Path, own_cache_folder: Path) -> None:
    assert Path(os.environ["HOME"]) == hermetic_session != USER_HOME
    assert cache_trust.user_cache_home() == Path(os.environ["XDG_CACHE_HOME"]) / "prefguard"
    assert USER_HOME not in cache_trust.user_cache_home().parents
    assert cache_trust.cache_folder(ROOT) == own_cache_folder
    assert not any(own_cache_folder.iterdir()), "each test starts with an empty cache folder"
    assert "PREFGUARD_CACHE_KEY" not in os.environ
    assert os.environ["GIT_CONFIG_NOSYSTEM"] == "1"
    assert Path(os.environ["GIT_CONFIG_GLOBAL"]).parent == hermetic_session


def test_git_reads_no_configuration_of_the_user(git_repo: GitRepo) -> None:
    """Plain git, started with the test's environment, reads only the session's empty file and the repository's."""
    listed = subprocess.run(
        ["git", "config", "--list", "--show-origin"], cwd=git_repo.path, capture_output=True, text=True, check=True
    )
    origins = {line.split("\t", 1)[0] for line in listed.stdout.splitlines()}
    assert origins == {f"file:{Path('.git') / 'config'}"}, listed.stdout
    author = subprocess.run(["git", "var", "GIT_AUTHOR_IDENT"], cwd=git_repo.path, capture_output=True, text=True, check=True)
    assert author.stdout.startswith("Test <test@example.com> ")


def test_processes_run_the_checkout_under_test(tmp_path: Path) -> None:
    """The command line the suite starts imports hooks from this checkout, whatever else is installed."""
    probe = "import hooks.cli, sys; print(hooks.cli.__file__); print(sys.path[0])"
    command = [*prefguard_command()[:-2], "-c", probe]
    shown = subprocess.run(command, cwd=tmp_path, env=checkout_environment(), capture_output=True, text=True, check=True)
    module, first = shown.stdout.splitlines()
    assert Path(module) == ROOT / "hooks" / "cli.py"
    assert checkout_environment(PYTHONPATH="elsewhere")["PYTHONPATH"].split(os.pathsep) == [str(ROOT), "elsewhere"]
    assert prefguard_command()[-2:] == ["-m", "hooks.cli"]
    assert first != str(tmp_path) or "-P" not in prefguard_command()


def test_commands_leave_the_users_cache_and_home_untouched(
    git_repo: GitRepo, hermetic_session: Path, own_cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """check (in the test's cache folder and in the default one), verify, guard and the assistant hook.

    Not vacuous: the same commands fill the folders they would fill in the
    user's home, here the session's, and the user's counterparts stay absent
    or byte for byte as they were.
    """
    before = user_files()
    git_repo.write("pkg/__init__.py", HEADER + '"""Package."""\n')
    git_repo.write("pkg/mod.py", MODULE)
    git_repo.commit("start")
    checked = run_prefguard(["check", "--format", "json", "."], git_repo.path)
    assert checked.returncode == 1 and "ANN001" in checked.stdout and "[ERROR]" not in checked.stderr, checked.stderr
    assert files_under(own_cache_folder) > 0, "check stored its findings in the test's cache folder"
    monkeypatch.delenv("PREFGUARD_CACHE_DIR")
    default = run_prefguard(["check", "--format", "json", "."], git_repo.path)
    assert (default.returncode, default.stdout) == (1, checked.stdout), default.stderr
    session_cache = Path(os.environ["XDG_CACHE_HOME"])
    assert files_under(project_folder(session_cache, git_repo.path)) > 0, "the default folder is the session's"
    verified = run_prefguard(["verify", "--entry", "pkg/mod.py"], git_repo.path)
    assert "Traceback" not in verified.stderr, verified.stderr
    guarded = run_prefguard(["guard", "--staged", "--format", "json"], git_repo.path)
    assert guarded.returncode in (0, 1) and isinstance(json.loads(guarded.stdout), list), guarded.stderr
    assert stamp(session_cache / "prefguard" / cache_trust.KEY_FILE) is not None, "the secret key is the session's"
    assert not project_folder(USER_CACHE, git_repo.path).exists()
    assert user_files() == before
    assert not (USER_HOME / ".cache" / "prefguard" / cache_trust.PROJECTS_FOLDER / project_folder(session_cache, git_repo.path).name).exists()
    assert not list(hermetic_session.glob(".cache/prefguard")), "XDG_CACHE_HOME, not HOME/.cache, holds the cache"
