"""A cache prefguard did not write on this machine never changes what is reported (issue 17, item 9)."""

import hashlib
import json
import marshal
import os
import subprocess
from pathlib import Path
from typing import Dict, List

import pytest

from hooks.runtime import cache_trust
from hooks.runtime.cache import ENTRIES_FOLDER, ENTRY_MAGIC
from tests.process import run_prefguard

BARE_EXCEPT = (
    "# -*- coding: utf-8 -*-\n"
    "# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.\n"
    "# Cluj-Napoca, Romania\n"
    '"""A module that swallows errors."""\n\n\n'
    "def load() -> None:\n"
    '    """Load."""\n'
    "    try:\n"
    "        print(1)\n"
    "    except:\n"
    "        print(2)\n"
)
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com"}


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=dict(os.environ, **GIT_ENV))


def prefguard(root: Path, home: Path, extra: Dict[str, str], *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFGUARD_CACHE")}
    env.update(XDG_CACHE_HOME=str(home), **extra)
    return run_prefguard(args, root, env)


def codes(result: subprocess.CompletedProcess) -> List[str]:
    return sorted(item["code"] for item in json.loads(result.stdout))


def forge_empty_entries(folder: Path) -> int:
    """Rewrite every findings entry with an empty payload and a digest recomputed the way the old format checked it."""
    forged = 0
    for entry in (folder / ENTRIES_FOLDER).rglob("*"):
        if not entry.is_file() or entry.name.startswith("."):
            continue
        header = entry.read_bytes().partition(b"\n")[0].split(b" ")
        payload = marshal.dumps([])
        digest = hashlib.sha256(payload).hexdigest().encode("ascii")
        entry.write_bytes(b" ".join([ENTRY_MAGIC, header[1], digest]) + b"\n" + payload)
        forged += 1
    return forged


@pytest.fixture()
def repository(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "pyproject.toml").write_text("[tool.prefguard.header]\nyear = 2026\n", encoding="utf-8")
    (root / "loader.py").write_text(BARE_EXCEPT, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "init")
    return root


def test_default_cache_lives_outside_the_work_tree(repository: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = prefguard(repository, home, {}, "check", "--format", "json", ".")
    assert "EXC001" in codes(first)
    assert not (repository / ".prefguard_cache").exists()
    assert list((home / "prefguard" / "projects").iterdir())
    key = home / "prefguard" / "secret-key"
    assert len(key.read_bytes()) == 32
    if os.name == "posix":
        assert key.stat().st_mode & 0o077 == 0


def test_forged_entries_with_recomputed_digests_do_not_hide_findings(repository: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    cache = tmp_path / "shared-cache"
    honest = prefguard(repository, home, {"PREFGUARD_CACHE_DIR": str(cache)}, "check", "--format", "json", ".")
    assert "EXC001" in codes(honest)
    assert forge_empty_entries(cache) >= 1
    again = prefguard(repository, home, {"PREFGUARD_CACHE_DIR": str(cache)}, "check", "--format", "json", ".")
    assert codes(again) == codes(honest)
    assert again.returncode == 1


def test_a_cache_written_on_another_machine_is_not_trusted(repository: Path, tmp_path: Path) -> None:
    cache = tmp_path / "restored-cache"
    (repository / "loader.py").write_text(BARE_EXCEPT.replace("    except:\n", "    except ValueError:\n"), encoding="utf-8")
    prefguard(repository, tmp_path / "attacker", {"PREFGUARD_CACHE_DIR": str(cache)}, "check", ".")
    attacker_cache = sorted(p for p in (cache / ENTRIES_FOLDER).rglob("*") if p.is_file())
    (repository / "loader.py").write_text(BARE_EXCEPT, encoding="utf-8")
    victim_key = cache_trust.KEY_FILE
    for entry in attacker_cache:
        payload = marshal.dumps([])
        header = entry.read_bytes().partition(b"\n")[0].split(b" ")
        forged_key = hashlib.sha256(b"attacker").digest()
        mac = cache_trust.seal(forged_key, header[1], payload)
        entry.write_bytes(b" ".join([ENTRY_MAGIC, header[1], mac]) + b"\n" + payload)
    result = prefguard(repository, tmp_path / "victim", {"PREFGUARD_CACHE_DIR": str(cache)}, "check", "--format", "json", ".")
    assert "EXC001" in codes(result)
    assert (tmp_path / "victim" / "prefguard" / victim_key).exists()


def test_a_cache_folder_that_git_tracks_is_refused(repository: Path, tmp_path: Path) -> None:
    cache = repository / ".prefguard_cache"
    env = {"PREFGUARD_CACHE_DIR": str(cache)}
    prefguard(repository, tmp_path / "home", env, "check", ".")
    (cache / "committed-by-someone").write_text("x\n", encoding="utf-8")
    git(repository, "add", "-f", ".prefguard_cache/committed-by-someone")
    git(repository, "commit", "-q", "-m", "ship a cache")
    forge_empty_entries(cache)
    before = {p: p.read_bytes() for p in cache.rglob("*") if p.is_file()}
    result = prefguard(repository, tmp_path / "home", env, "check", "--format", "json", ".")
    assert "EXC001" in codes(result)
    assert "is tracked by git: not used" in result.stderr
    assert {p: p.read_bytes() for p in cache.rglob("*") if p.is_file()} == before


def test_the_key_from_the_environment_lets_two_machines_share_a_cache(repository: Path, tmp_path: Path) -> None:
    env = {"PREFGUARD_CACHE_DIR": str(tmp_path / "ci-cache"), "PREFGUARD_CACHE_KEY": "from-a-ci-secret"}
    first = prefguard(repository, tmp_path / "runner-1", env, "check", "--format", "json", ".")
    entries = tmp_path / "ci-cache" / ENTRIES_FOLDER
    written = {p: p.stat().st_mtime_ns for p in entries.rglob("*") if p.is_file()}
    second = prefguard(repository, tmp_path / "runner-2", env, "check", "--format", "json", ".")
    assert codes(second) == codes(first)
    assert {p: p.stat().st_mtime_ns for p in entries.rglob("*") if p.is_file()} == written
    assert not (tmp_path / "runner-2" / "prefguard" / "secret-key").exists()
