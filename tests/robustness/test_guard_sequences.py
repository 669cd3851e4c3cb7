# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Property: no sequence of commits gets through range mode what one commit could not.

Hypothesis draws sequences of commits on a repository under the policy (log
appends and rewrites, renames out and back, symbolic links, mode changes,
configuration loosened and restored, baseline grown and shrunk, guarded data
edited, deleted and restored). The net effect is committed once more as a
single commit on the same base (the squash); whenever the guard refuses the
squash, it must refuse the sequence judged with ``--from-ref/--to-ref`` too.
"""

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Dict, List

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.adoption.precommit_config import new_config
from hooks.cli import main
from tests.conftest import GitRepo
from tests.hooks.test_guard_git import LOG, entry, seed

pytestmark = pytest.mark.slow

PYPROJECT = '[project]\nname = "demo"\n\n[tool.prefguard]\n\n[tool.prefguard.json-guard]\nfiles = {"data/*.json" = "append-only"}\n'
LOOSE = PYPROJECT.replace('files = {"data/*.json" = "append-only"}', 'files = {"*.json" = "off"}')
RECORDS = "data/records.json"
PARKED = "notes/parked.json"
BASELINE = ".prefguard-baseline.json"


def quiet(repo: GitRepo, *args: str) -> int:
    """prefguard in-process in the repository (output discarded by the caller's capsys)."""
    previous = Path.cwd()
    os.chdir(repo.path)
    try:
        return main(list(args))
    finally:
        os.chdir(previous)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository every example starts from (cloned per example)."""
    repo = GitRepo(tmp_path_factory.mktemp("template") / "repo")
    seed(repo)
    repo.write("pyproject.toml", PYPROJECT)
    repo.write(".pre-commit-config.yaml", new_config())
    repo.write(RECORDS, [{"id": number} for number in range(3)])
    repo.write("legacy.py", "def legacy(a):\n    return a\n")
    assert quiet(repo, "baseline") == 0
    repo.commit(f"adopt\n\nPrefguard-Approve: {BASELINE}#/files")
    return repo.path


def exists(repo: GitRepo, path: str) -> bool:
    return os.path.lexists(repo.path / path)


def regular(repo: GitRepo, path: str) -> bool:
    return (repo.path / path).is_file() and not (repo.path / path).is_symlink()


def op_append(repo: GitRepo) -> None:
    if regular(repo, LOG):
        log = repo.read_json(LOG)
        log.append(entry(len(log)))
        repo.write(LOG, log)


def op_rewrite(repo: GitRepo) -> None:
    if regular(repo, LOG):
        log = repo.read_json(LOG)
        log[0]["executed"] = log[0]["executed"] + " (rewritten)"
        repo.write(LOG, log)


def op_park(repo: GitRepo) -> None:
    if regular(repo, LOG) and not exists(repo, PARKED):
        (repo.path / "notes").mkdir(exist_ok=True)
        repo.git("mv", LOG, PARKED)


def op_unpark(repo: GitRepo) -> None:
    if exists(repo, PARKED) and not exists(repo, LOG):
        repo.git("mv", PARKED, LOG)


def op_edit_parked(repo: GitRepo) -> None:
    if regular(repo, PARKED):
        log = repo.read_json(PARKED)
        log[0]["requested"] = "changed while parked"
        repo.write(PARKED, log)


def op_symlink(repo: GitRepo) -> None:
    if regular(repo, LOG):
        content = (repo.path / LOG).read_bytes()
        (repo.path / "notes").mkdir(exist_ok=True)
        (repo.path / "notes" / "saved.bin").write_bytes(content)
        os.unlink(repo.path / LOG)
        os.symlink("/nonexistent/log.json", repo.path / LOG)


def op_unsymlink(repo: GitRepo) -> None:
    saved = repo.path / "notes" / "saved.bin"
    if (repo.path / LOG).is_symlink() and saved.exists():
        os.unlink(repo.path / LOG)
        log = json.loads(saved.read_text(encoding="utf-8"))
        log[-1]["notes"] = "restored"
        repo.write(LOG, log)


def op_chmod(repo: GitRepo) -> None:
    if regular(repo, LOG):
        mode = os.stat(repo.path / LOG).st_mode
        os.chmod(repo.path / LOG, mode ^ 0o111)


def op_loosen(repo: GitRepo) -> None:
    repo.write("pyproject.toml", LOOSE)


def op_restore_config(repo: GitRepo) -> None:
    repo.write("pyproject.toml", PYPROJECT)


def op_baseline_grow(repo: GitRepo) -> None:
    if regular(repo, BASELINE):
        data = repo.read_json(BASELINE)
        for entries in data["files"].values():
            for value in entries.values():
                value[0] += 1
                break
            break
        repo.write(BASELINE, data)


def op_baseline_shrink(repo: GitRepo) -> None:
    if regular(repo, BASELINE):
        data = repo.read_json(BASELINE)
        for entries in data["files"].values():
            for key in list(entries):
                if entries[key][0] > 1:
                    entries[key][0] -= 1
                    break
        repo.write(BASELINE, data)


def op_records_edit(repo: GitRepo) -> None:
    if regular(repo, RECORDS):
        records = repo.read_json(RECORDS)
        records[0]["id"] = records[0]["id"] + 100
        repo.write(RECORDS, records)


def op_records_append(repo: GitRepo) -> None:
    if regular(repo, RECORDS):
        records = repo.read_json(RECORDS)
        records.append({"id": len(records)})
        repo.write(RECORDS, records)


def op_records_delete(repo: GitRepo) -> None:
    if regular(repo, RECORDS):
        (repo.path / "notes").mkdir(exist_ok=True)
        shutil.copy(repo.path / RECORDS, repo.path / "notes" / "records.bak")
        os.unlink(repo.path / RECORDS)


def op_records_restore(repo: GitRepo) -> None:
    backup = repo.path / "notes" / "records.bak"
    if not exists(repo, RECORDS) and backup.exists():
        shutil.copy(backup, repo.path / RECORDS)


OPERATIONS: Dict[str, Callable[[GitRepo], None]] = {
    name[3:]: function for name, function in sorted(globals().items()) if name.startswith("op_") and callable(function)
}


def guard_status(repo: GitRepo, base: str, head: str, capsys: pytest.CaptureFixture) -> int:
    capsys.readouterr()
    status = quiet(repo, "guard", "--from-ref", base, "--to-ref", head, "--format", "json")
    output = capsys.readouterr()
    assert status in (0, 1), output.err
    return status


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=st.lists(st.sampled_from(sorted(OPERATIONS)), min_size=1, max_size=6))
def test_range_mode_refuses_what_the_squash_refuses(template: Path, capsys: pytest.CaptureFixture, sequence: List[str]) -> None:
    work = Path(tempfile.mkdtemp(dir=template.parent))
    try:
        repo = GitRepo(work / "clone", create=False)
        GitRepo(template, create=False).git("clone", "-q", str(template), str(repo.path))
        repo.git("config", "user.name", "Test")
        repo.git("config", "user.email", "test@example.com")
        base = repo.head()
        for name in sequence:
            OPERATIONS[name](repo)
            repo.stage()
            repo.git("commit", "-q", "--allow-empty", "--no-verify", "-m", name)
        head = repo.head()
        tree = repo.git("rev-parse", "HEAD^{tree}")
        squash = repo.git("commit-tree", tree, "-p", base, "-m", "squash")
        squash_status = guard_status(repo, base, squash, capsys)
        range_status = guard_status(repo, base, head, capsys)
        assert squash_status <= range_status, f"{sequence}: the squash is refused but the sequence passes"
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_the_property_can_fail_without_the_whole_range_judgement(template: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    """A loosening approved alone, then a rewrite under it: each commit passes, the squash does not."""
    work = Path(tempfile.mkdtemp(dir=template.parent))
    try:
        repo = GitRepo(work / "clone", create=False)
        GitRepo(template, create=False).git("clone", "-q", str(template), str(repo.path))
        base = repo.head()
        op_loosen(repo)
        repo.stage()
        repo.git("commit", "-q", "--no-verify", "-m", "loosen\n\nPrefguard-Approve: pyproject.toml#/tool/prefguard/json-guard/files")
        op_rewrite(repo)
        repo.stage()
        repo.git("commit", "-q", "--no-verify", "-m", "rewrite under the loosened guard")
        capsys.readouterr()
        assert quiet(repo, "guard", "--from-ref", base, "--to-ref", "HEAD", "--format", "json") == 1
        found = [(item["code"], item.get("commit")) for item in json.loads(capsys.readouterr().out)]
        assert found == [("JSN001", f"{base[:12]}..{repo.head()[:12]}")]
        monkeypatch.setattr("hooks.commands.guard.net_effect_findings", lambda per_commit, whole: [])
        assert quiet(repo, "guard", "--from-ref", base, "--to-ref", "HEAD", "--format", "json") == 0
    finally:
        shutil.rmtree(work, ignore_errors=True)
