# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Suite-wide pytest configuration: the ``slow`` marker, a hermetic environment and the shared git fixtures.

Every test runs hermetically (:func:`hermetic_session`, :func:`own_cache_folder`,
both autouse): its own prefguard cache folder (``PREFGUARD_CACHE_DIR``), and for
the whole session a home, user cache folder (``XDG_CACHE_HOME``, where the cache's
secret key lives) and git configuration of its own, so no test reads or writes
the user's files. Tests that start ``prefguard`` as a process use
:mod:`tests.process`, which runs the checkout under test.

Tests that need a real repository take ``make_repo`` (a factory of throwaway
repositories under ``tmp_path``) or ``git_repo`` (one such repository) and
drive it through :class:`GitRepo`; annotate with ``from tests.conftest import GitRepo``.
"""

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, Optional

import pytest

from tests.process import child_environment

GIT_IDENTITY: Dict[str, str] = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
}


# The user's real home and cache folder, read before any fixture replaces them (tests assert they stay untouched).
USER_HOME = Path(os.environ.get("HOME") or Path.home())
USER_CACHE = Path(os.environ.get("XDG_CACHE_HOME") or USER_HOME / ".cache")
CACHE_VARIABLES = ("PREFGUARD_CACHE_DIR", "PREFGUARD_CACHE_KEY")
CACHE_NUMBERS = itertools.count()


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``slow`` marker: the second tier, which .ci/run runs after the fast one."""
    config.addinivalue_line(
        "markers",
        "slow: heavy tests (fuzzing at scale, training and DDP runs, workflow linters, pre-commit end to end, "
        "large commits, many processes); the fast tier is pytest -m 'not slow'",
    )


def _forget_cache_secrets() -> None:
    """Drop what a loaded cache module remembers (the secret key, refused folders): it was read under another home."""
    trust = sys.modules.get("hooks.runtime.cache_trust")
    if trust is not None:
        trust._SECRET.clear()
        trust._REFUSED.clear()


@pytest.fixture(scope="session", autouse=True)
def hermetic_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One home, user cache/config/data folders and git configuration for the session, none of them the user's.

    The cache's secret key (``secret-key`` in the user cache folder) is made there;
    git reads an empty global configuration, no system one, and a fixed identity.
    Returns the session's home.
    """
    base = tmp_path_factory.mktemp("hermetic")
    home = base / "home"
    home.mkdir()
    gitconfig = home / ".gitconfig"
    gitconfig.write_text("", encoding="utf-8")
    patch = pytest.MonkeyPatch()
    for name in ("cache", "config", "data", "state"):
        folder = base / name
        folder.mkdir()
        patch.setenv(f"XDG_{name.upper()}_HOME", str(folder))
    patch.setenv("HOME", str(home))
    patch.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
    patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name, value in GIT_IDENTITY.items():
        patch.setenv(name, value)
    for name in CACHE_VARIABLES:
        patch.delenv(name, raising=False)
    _forget_cache_secrets()
    yield home
    patch.undo()
    _forget_cache_secrets()


@pytest.fixture(autouse=True)
def own_cache_folder(hermetic_session: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A prefguard cache folder (``PREFGUARD_CACHE_DIR``) for this test alone, outside its ``tmp_path``."""
    folder = hermetic_session.parent / "caches" / str(next(CACHE_NUMBERS))
    folder.mkdir(parents=True)
    monkeypatch.setenv("PREFGUARD_CACHE_DIR", str(folder))
    return folder


def git_environment(**extra: str) -> Dict[str, str]:
    """The process environment for git: none of the caller's ``GIT_*`` variables, no user or system
    configuration, a fixed identity; ``extra`` adds or overrides variables."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(GIT_IDENTITY, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    env.update(extra)
    return child_environment(env)


class GitRepo:
    """A throwaway repository (branch ``main``) driven through the git command line.

    ``create=False`` opens a repository that already exists at ``path``.
    """

    def __init__(self, path: Path, create: bool = True) -> None:
        self.path = path
        if not create:
            return
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        # Local identity too: processes started without git_environment() can still commit here.
        self.git("config", "user.name", GIT_IDENTITY["GIT_AUTHOR_NAME"])
        self.git("config", "user.email", GIT_IDENTITY["GIT_AUTHOR_EMAIL"])
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str, check: bool = True) -> str:
        """Run git in the repository and return its stripped stdout (a failure fails the test)."""
        result = subprocess.run(["git", *args], cwd=self.path, env=git_environment(), capture_output=True, text=True)
        if check and result.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {result.stderr}")
        return result.stdout.strip()

    def write(self, relative: str, content: Any) -> Path:
        """Write text, bytes or a JSON value (2-space indented, raw UTF-8) to a repository path."""
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        elif isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return target

    def read_json(self, relative: str) -> Any:
        """The JSON value of a repository file."""
        return json.loads((self.path / relative).read_text(encoding="utf-8"))

    def stage(self) -> None:
        """Stage every change (``git add -A``)."""
        self.git("add", "-A")

    def commit(self, message: str = "change") -> str:
        """Stage everything, commit (empty commits allowed) and return the new commit's SHA."""
        self.stage()
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.head()

    def head(self) -> str:
        """The SHA of HEAD."""
        return self.git("rev-parse", "HEAD")


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[..., GitRepo]:
    """A factory: ``make_repo("name")`` initialises a repository at ``tmp_path / name`` (existing files kept)."""

    def factory(name: str = "repo", path: Optional[Path] = None) -> GitRepo:
        return GitRepo(path if path is not None else tmp_path / name)

    return factory


@pytest.fixture
def git_repo(make_repo: Callable[..., GitRepo]) -> GitRepo:
    """One empty repository at ``tmp_path / "repo"``."""
    return make_repo()
