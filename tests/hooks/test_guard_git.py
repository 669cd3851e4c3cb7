"""prefguard guard against real git repositories built in temporary folders.

Every situation of issue 4 point 3 in both modes (--staged and --from-ref/--to-ref):
first commit without HEAD, protected JSON changed, deleted, renamed (followed or
not recorded), merge commits, shallow clones, approvals, archive moves.
"""

import argparse
import json
import os
import shlex
import subprocess
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import pytest

from hooks.commands import guard as command_guard
from checks.guard.approvals import parse_approval, trailer_approvals
from hooks.vcs.changes import read_message_file
from tests.conftest import GitRepo, git_environment
from tests.process import checkout_environment, prefguard_command

REPO_ROOT = Path(__file__).resolve().parents[2]
LOG = ".claude/project_log.json"
ARCHIVE = ".claude/project_log_archive.json"
CONCEPT = ".claude/project_concept.json"
STRUCTURE = ".claude/project_structure.json"
HEADER = (
    "# -*- coding: utf-8 -*-\n"
    "# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.\n"
    "# Cluj-Napoca, Romania\n"
)
def entry(number: int, day: str = "2025-10-02", **extra: Any) -> Dict[str, Any]:
    value: Dict[str, Any] = {
        "date": day,
        "time": "09:14",
        "requested": f"request {number}",
        "executed": f"work {number}",
        "files_touched": ["pkg/core.py"],
        "status": "success",
        "notes": "",
    }
    value.update(extra)
    return value


def module(name: str, path: str, status: str = "active") -> Dict[str, Any]:
    return {
        "name": name,
        "path": path,
        "status": status,
        "dependencies": [],
        "public_api": [],
        "last_modified": "2025-10-14",
    }


CONCEPT_VALUE = {
    "project_name": "demo",
    "vision": "a demo",
    "core_goals": ["exactness"],
    "platform": "python",
    "key_constraints": [],
    "target_users": ["developers"],
}
STRUCTURE_VALUE = {
    "project_name": "demo",
    "format_version": 1,
    "entry_point": "pkg/core.py",
    "last_modified": "2025-10-20",
    "modules": [module("core", "pkg/core.py")],
}
CORE_SOURCE = HEADER + '"""Core."""\n\n\ndef compute() -> int:\n    """Return one."""\n    return 1\n'


def append_log(repo: GitRepo, number: int) -> None:
    log = repo.read_json(LOG)
    log.append(entry(number))
    repo.write(LOG, log)


def seed(repo: GitRepo, log_entries: int = 1) -> None:
    repo.write(CONCEPT, CONCEPT_VALUE)
    repo.write(STRUCTURE, STRUCTURE_VALUE)
    repo.write(LOG, [entry(number) for number in range(log_entries)])
    repo.write("pkg/__init__.py", "")
    repo.write("pkg/core.py", CORE_SOURCE)


@pytest.fixture
def repo(make_repo: Callable[..., GitRepo]) -> GitRepo:
    created = make_repo()
    seed(created)
    created.commit("seed")
    return created


Guard = Callable[..., Tuple[int, List[Dict[str, Any]]]]


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int)) or isinstance(value, list):
        return json.dumps(value)
    raise TypeError(value)


def toml_text(table: Dict[str, Any], prefix: str = "") -> str:
    """A small TOML writer for test configurations (strings, numbers, lists, nested tables)."""
    lines = [f"{json.dumps(key)} = {toml_value(value)}" for key, value in table.items() if not isinstance(value, dict)]
    for key, value in table.items():
        if isinstance(value, dict):
            name = f"{prefix}.{json.dumps(key)}" if prefix else json.dumps(key)
            lines.extend(["", f"[{name}]", toml_text(value, name)])
    return "\n".join(lines) + "\n"


def configure(repo: GitRepo, table: Dict[str, Any], name: str = "prefguard.toml") -> str:
    """Commit a configuration: the base of every later change judged with it."""
    repo.write(name, toml_text(table))
    return repo.commit("configure prefguard")


@pytest.fixture
def guard(capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> Guard:
    def run(repo: GitRepo, *argv: str) -> Tuple[int, List[Dict[str, Any]]]:
        monkeypatch.chdir(repo.path)
        parser = argparse.ArgumentParser()
        command_guard.add_arguments(parser)
        capsys.readouterr()
        status = command_guard.run(parser.parse_args([*argv, "--format", "json"]))
        output = capsys.readouterr().out
        findings = json.loads(output) if output.strip() else []
        return status, findings

    return run


def codes(findings: List[Dict[str, Any]]) -> List[str]:
    return sorted(finding["code"] for finding in findings)


def by_code(findings: List[Dict[str, Any]], code: str) -> List[Dict[str, Any]]:
    return [finding for finding in findings if finding["code"] == code]


# The very first commit (no HEAD yet).


def test_first_commit_without_head_staged_clean(tmp_path: Path, guard: Guard) -> None:
    fresh = GitRepo(tmp_path / "fresh")
    seed(fresh)
    fresh.stage()
    assert guard(fresh, "--staged") == (0, [])


def test_first_commit_without_head_staged_findings(tmp_path: Path, guard: Guard) -> None:
    fresh = GitRepo(tmp_path / "fresh")
    seed(fresh)
    fresh.write(LOG, b'[{"date": "2025-10-02", "date": "2025-10-03"}]\n')
    fresh.write("pkg/extra.py", HEADER + "X = 1\n")
    fresh.stage()
    status, findings = guard(fresh, "--staged")
    assert status == 1
    assert codes(findings) == ["JSN004", "MEM001", "MEM002"]
    jsn004 = by_code(findings, "JSN004")[0]
    assert (jsn004["path"], jsn004["line"], jsn004["column"]) == (LOG, 1, 25)
    assert "duplicate key 'date'" in jsn004["message"]


def test_unrelated_base_is_refused_in_range_mode(tmp_path: Path, guard: Guard, capsys: pytest.CaptureFixture) -> None:
    fresh = GitRepo(tmp_path / "fresh")
    seed(fresh)
    fresh.write("pkg/extra.py", HEADER + "X = 1\n")
    fresh.commit("root")
    append_log(fresh, 1)
    fresh.commit("second")
    empty = fresh.git("hash-object", "-t", "tree", os.devnull)
    status, findings = guard(fresh, "--from-ref", "HEAD", "--to-ref", "HEAD")
    assert (status, findings) == (0, [])
    orphan = fresh.git("commit-tree", empty, "-m", "empty root")
    monkeypatch_free = guard(fresh, "--from-ref", orphan, "--to-ref", "HEAD")
    assert monkeypatch_free == (2, [])


# Protected JSON changed: append-only and immutable.


def test_appending_to_the_log_is_accepted_in_both_modes(repo: GitRepo, guard: Guard) -> None:
    base = repo.git("rev-parse", "HEAD")
    append_log(repo, 1)
    repo.write("pkg/core.py", CORE_SOURCE + "\n\ndef more() -> int:\n    \"\"\"Two.\"\"\"\n    return 2\n")
    repo.stage()
    assert guard(repo, "--staged") == (0, [])
    repo.commit("append")
    assert guard(repo, "--from-ref", base, "--to-ref", "HEAD") == (0, [])


@pytest.mark.parametrize("mode", ["staged", "range"])
def test_rewriting_a_log_entry_is_rejected_with_its_pointer(repo: GitRepo, guard: Guard, mode: str) -> None:
    base = repo.git("rev-parse", "HEAD")
    log = repo.read_json(LOG)
    log[0]["notes"] = "rewritten"
    log.append(entry(1))
    repo.write(LOG, log)
    if mode == "staged":
        repo.stage()
        status, findings = guard(repo, "--staged")
        commit = None
    else:
        commit = repo.commit("rewrite")
        status, findings = guard(repo, "--from-ref", base, "--to-ref", "HEAD")
    assert status == 1
    assert [(f["code"], f["path"], f["pointer"], f.get("commit")) for f in findings] == [("JSN001", LOG, "/0/notes", commit)]
    assert "/0/notes changed: '' -> 'rewritten'" in findings[0]["message"]
    assert findings[0]["line"] == 11


@pytest.mark.parametrize(
    ("edit", "pointer"),
    [
        (lambda log: log.insert(0, entry(9)), "/0"),
        (lambda log: log.pop(), "/1"),
        (lambda log: log[0].pop("notes"), "/0/notes"),
        (lambda log: log[0].update(status=1), "/0/status"),
        (lambda log: log.reverse(), "/0"),
    ],
)
def test_non_append_log_edits_are_rejected(repo: GitRepo, guard: Guard, edit: Callable[[List[Any]], Any], pointer: str) -> None:
    log = repo.read_json(LOG)
    log.append(entry(1))
    repo.write(LOG, log)
    repo.commit("two entries")
    log = repo.read_json(LOG)
    edit(log)
    repo.write(LOG, log)
    repo.stage()
    status, findings = guard(repo, "--staged")
    assert status == 1
    reported = [f["pointer"] for f in by_code(findings, "JSN001")]
    assert any(found == pointer or found.startswith(pointer + "/") for found in reported), reported


def test_key_order_and_whitespace_are_not_data(repo: GitRepo, guard: Guard) -> None:
    structure = repo.read_json(STRUCTURE)
    reordered = dict(reversed(list(structure.items())))
    (repo.path / STRUCTURE).write_text(json.dumps(reordered, indent=4), encoding="utf-8")
    repo.stage()
    assert guard(repo, "--staged") == (0, [])


def test_structure_mutable_fields_and_non_mutable_fields(repo: GitRepo, guard: Guard) -> None:
    structure = repo.read_json(STRUCTURE)
    structure["modules"][0]["status"] = "complete"
    structure["modules"][0]["last_modified"] = "2025-11-01"
    structure["last_modified"] = "2025-11-01"
    repo.write(STRUCTURE, structure)
    repo.stage()
    assert guard(repo, "--staged") == (0, [])
    structure["modules"][0]["name"] = "kernel"
    repo.write(STRUCTURE, structure)
    repo.stage()
    status, findings = guard(repo, "--staged")
    assert [(f["code"], f["pointer"]) for f in findings] == [("JSN001", "/modules/0/name")]


def test_concept_change_needs_approval_in_staged_mode(repo: GitRepo, guard: Guard, tmp_path: Path) -> None:
    concept = repo.read_json(CONCEPT)
    concept["vision"] = "a bigger demo"
    repo.write(CONCEPT, concept)
    repo.stage()
    status, findings = guard(repo, "--staged")
    assert [(f["code"], f["pointer"]) for f in findings] == [("JSN002", "/vision")]
    message = tmp_path / "COMMIT_EDITMSG"
    message.write_text(f"Widen the vision\n\nPrefguard-Approve: {CONCEPT}#/vision\n# Please enter the commit message\n", encoding="utf-8")
    assert guard(repo, "--staged", "--commit-msg-file", str(message)) == (0, [])
    assert guard(repo, "--staged", str(message)) == (0, [])
    assert guard(repo, "--staged", "--approve", f"{CONCEPT}#/vision") == (0, [])
    status, findings = guard(repo, "--staged", "--approve", f"{CONCEPT}#/core_goals")
    assert codes(findings) == ["JSN002"]
    commented = tmp_path / "COMMENTED"
    commented.write_text(f"Widen\n\n# Prefguard-Approve: {CONCEPT}#/vision\n", encoding="utf-8")
    assert codes(guard(repo, "--staged", "--commit-msg-file", str(commented))[1]) == ["JSN002"]


def test_each_commit_uses_its_own_message_in_range_mode(repo: GitRepo, guard: Guard) -> None:
    base = repo.git("rev-parse", "HEAD")
    concept = repo.read_json(CONCEPT)
    concept["vision"] = "second vision"
    repo.write(CONCEPT, concept)
    approved = repo.commit(f"Approved change\n\nPrefguard-Approve: {CONCEPT}#/vision")
    concept["vision"] = "third vision"
    concept["platform"] = "rust"
    repo.write(CONCEPT, concept)
    sneaky = repo.commit("Unapproved change")
    concept["core_goals"].append("speed")
    repo.write(CONCEPT, concept)
    repo.commit(f"Approve the wrong field\n\nPrefguard-Approve: {CONCEPT}#/vision")
    status, findings = guard(repo, "--from-ref", base, "--to-ref", "HEAD")
    assert status == 1
    assert approved not in [f["commit"] for f in findings]
    assert sorted((f["commit"], f["pointer"]) for f in findings) == sorted(
        [(sneaky, "/platform"), (sneaky, "/vision"), (repo.git("rev-parse", "HEAD"), "/core_goals/1")]
    )
    assert set(codes(findings)) == {"JSN002"}


def test_approval_of_one_log_field_allows_only_that_field(repo: GitRepo, guard: Guard) -> None:
    base = repo.git("rev-parse", "HEAD")
    log = repo.read_json(LOG)
    log[0]["notes"] = "clarified"
    log[0]["executed"] = "changed too"
    log.append(entry(2))
    repo.write(LOG, log)
    repo.commit(f"Fix a note\n\nPrefguard-Approve: {LOG}#/0/notes")
    status, findings = guard(repo, "--from-ref", base, "--to-ref", "HEAD")
    assert [(f["code"], f["pointer"]) for f in findings] == [("JSN001", "/0/executed")]


def test_bad_approve_argument_is_a_usage_error(repo: GitRepo, guard: Guard) -> None:
    assert guard(repo, "--staged", "--approve", "no-pointer-here")[0] == 2
    assert guard(repo, "--staged", "--approve", f"{CONCEPT}#vision")[0] == 2


# Deleted and renamed protected files.


@pytest.mark.parametrize("mode", ["staged", "range"])
def test_deleted_protected_file(repo: GitRepo, guard: Guard, mode: str) -> None:
    base = repo.git("rev-parse", "HEAD")
    (repo.path / CONCEPT).unlink()
    if mode == "staged":
        repo.stage()
        status, findings = guard(repo, "--staged")
    else:
        repo.commit("drop concept")
        status, findings = guard(repo, "--from-ref", base, "--to-ref", "HEAD")
    assert status == 1
    assert codes(findings) == ["JSN003", "MEM003"]
    assert by_code(findings, "JSN003")[0]["path"] == CONCEPT


def test_deletion_approved_for_the_whole_document(repo: GitRepo, guard: Guard) -> None:
    (repo.path / CONCEPT).unlink()
    repo.stage()
    status, findings = guard(repo, "--staged", "--approve", f"{CONCEPT}#")
    assert codes(findings) == ["MEM003"]


DATA_TABLE = {"json-guard": {"files": {"data/*.json": "append-only"}}}


def records(count: int) -> List[Dict[str, Any]]:
    return [{"id": index, "label": f"record number {index}", "tags": ["a", "b", "c"]} for index in range(count)]


@pytest.mark.parametrize("mode", ["staged", "range"])
def test_rename_is_followed_and_judged_append_only(repo: GitRepo, guard: Guard, mode: str) -> None:
    configure(repo, DATA_TABLE)
    repo.write("data/records.json", records(20))
    base = repo.commit("records")
    repo.git("mv", "data/records.json", "data/history.json")
    grown = records(21)
    repo.write("data/history.json", grown)
    if mode == "staged":
        repo.stage()
        assert guard(repo, "--staged") == (0, [])
    else:
        repo.commit("rename and append")
        assert guard(repo, "--from-ref", base, "--to-ref", "HEAD") == (0, [])
        base = repo.git("rev-parse", "HEAD")
    repo.git("mv", "data/history.json", "data/moved.json")
    changed = records(21)
    changed[3]["label"] = "edited"
    repo.write("data/moved.json", changed)
    if mode == "staged":
        repo.stage()
        status, findings = guard(repo, "--staged")
    else:
        repo.commit("rename and edit")
        status, findings = guard(repo, "--from-ref", base, "--to-ref", "HEAD")
    assert [(f["code"], f["path"], f["pointer"]) for f in findings] == [("JSN001", "data/moved.json", "/3/label")]


@pytest.mark.parametrize("mode", ["staged", "range"])
def test_rename_git_does_not_record_is_a_deletion(repo: GitRepo, guard: Guard, mode: str) -> None:
    configure(repo, DATA_TABLE)
    repo.write("data/records.json", records(3))
    base = repo.commit("records")
    (repo.path / "data/records.json").unlink()
    repo.write("data/other.json", [{"completely": "different content"}])
    if mode == "staged":
        repo.stage()
        status, findings = guard(repo, "--staged")
    else:
        repo.commit("replace")
        status, findings = guard(repo, "--from-ref", base, "--to-ref", "HEAD")
    assert [(f["code"], f["path"]) for f in findings] == [("JSN003", "data/records.json")]


def test_renaming_the_log_away_loses_its_protection_and_leaves_it_missing(repo: GitRepo, guard: Guard) -> None:
    repo.git("mv", LOG, ".claude/old_log.json")
    status, findings = guard(repo, "--staged")
    assert (status, [(f["code"], f["path"]) for f in findings]) == (1, [("JSN003", LOG), ("MEM003", LOG)])
    assert "renamed to .claude/old_log.json" in findings[0]["message"]


# Staged means the index, never the working tree.


def test_staged_mode_reads_the_index_not_the_working_tree(repo: GitRepo, guard: Guard) -> None:
    log = repo.read_json(LOG)
    log.append(entry(1))
    repo.write(LOG, log)
    repo.stage()
    broken = [dict(item) for item in log]
    broken[0]["requested"] = "rewritten in the working tree only"
    repo.write(LOG, broken)
    assert guard(repo, "--staged") == (0, [])
    repo.stage()
    repo.write(LOG, log)
    assert codes(guard(repo, "--staged")[1]) == ["JSN001"]


# Merge commits.


def merge_setup(repo: GitRepo) -> str:
    base = repo.git("rev-parse", "HEAD")
    repo.git("checkout", "-q", "-b", "feature")
    append_log(repo, 10)
    repo.commit("feature work")
    repo.git("checkout", "-q", "main")
    return base


def test_no_ff_merge_of_a_clean_branch_is_clean(repo: GitRepo, guard: Guard) -> None:
    base = merge_setup(repo)
    repo.git("merge", "-q", "--no-ff", "-m", "merge feature", "feature")
    assert guard(repo, "--from-ref", base, "--to-ref", "HEAD") == (0, [])
    assert guard(repo, "--from-ref", "HEAD~1", "--to-ref", "HEAD") == (0, [])


def test_merge_of_branch_with_approved_concept_change_is_clean(repo: GitRepo, guard: Guard) -> None:
    base = repo.git("rev-parse", "HEAD")
    repo.git("checkout", "-q", "-b", "feature")
    concept = repo.read_json(CONCEPT)
    concept["vision"] = "approved on the branch"
    repo.write(CONCEPT, concept)
    repo.commit(f"vision\n\nPrefguard-Approve: {CONCEPT}#/vision")
    repo.git("checkout", "-q", "main")
    repo.write("README.md", "main moved on\n")
    repo.commit("docs")
    repo.git("merge", "-q", "--no-ff", "-m", "merge feature", "feature")
    assert guard(repo, "--from-ref", base, "--to-ref", "HEAD") == (0, [])


def test_merge_union_of_two_appended_logs_is_clean(repo: GitRepo, guard: Guard) -> None:
    base = merge_setup(repo)
    append_log(repo, 20)
    repo.commit("main work")
    repo.git("merge", "-q", "--no-ff", "-m", "merge", "feature", check=False)
    ours = json.loads(repo.git("show", f"HEAD:{LOG}"))
    theirs = json.loads(repo.git("show", f"feature:{LOG}"))
    repo.write(LOG, ours + theirs[len(ours) - 1 :])
    repo.commit("merge feature")
    assert len(repo.git("rev-list", "--parents", "-n", "1", "HEAD").split()) == 3
    assert guard(repo, "--from-ref", base, "--to-ref", "HEAD") == (0, [])


def test_merge_that_drops_the_branch_entries_is_rejected(repo: GitRepo, guard: Guard) -> None:
    base = merge_setup(repo)
    append_log(repo, 20)
    repo.commit("main work")
    repo.git("merge", "-q", "--no-ff", "-s", "ours", "-m", "merge keeping ours", "feature")
    merge = repo.git("rev-parse", "HEAD")
    status, findings = guard(repo, "--from-ref", base, "--to-ref", "HEAD")
    assert status == 1
    assert [(f["code"], f["commit"], f["pointer"]) for f in findings] == [("JSN001", merge, "/1")]
    assert "lost data of parent" in findings[0]["message"]


def test_merge_resolution_that_rewrites_an_entry_is_rejected(repo: GitRepo, guard: Guard) -> None:
    base = merge_setup(repo)
    append_log(repo, 20)
    repo.commit("main work")
    repo.git("merge", "-q", "--no-ff", "-m", "merge", "feature", check=False)
    ours = json.loads(repo.git("show", f"HEAD:{LOG}"))
    theirs = json.loads(repo.git("show", f"feature:{LOG}"))
    merged = ours + theirs[len(ours) - 1 :]
    merged[0]["executed"] = "rewritten while resolving"
    repo.write(LOG, merged)
    merge = repo.commit("merge feature")
    status, findings = guard(repo, "--from-ref", base, "--to-ref", "HEAD")
    assert status == 1
    assert (merge, "/0/executed") in {(f["commit"], f["pointer"]) for f in findings}
    assert {f["commit"] for f in findings} == {merge}


def test_staged_merge_being_concluded_is_judged_as_a_merge(repo: GitRepo, guard: Guard) -> None:
    repo.git("checkout", "-q", "-b", "feature")
    concept = repo.read_json(CONCEPT)
    concept["vision"] = "approved on the branch"
    repo.write(CONCEPT, concept)
    repo.write("pkg/core.py", CORE_SOURCE + "\nEXTRA = 1\n")
    append_log(repo, 10)
    repo.commit(f"vision\n\nPrefguard-Approve: {CONCEPT}#/vision")
    repo.git("checkout", "-q", "main")
    append_log(repo, 20)
    repo.commit("main work")
    repo.git("merge", "-q", "--no-ff", "--no-commit", "feature", check=False)
    ours = json.loads(repo.git("show", f"HEAD:{LOG}"))
    theirs = json.loads(repo.git("show", f"feature:{LOG}"))
    repo.write(LOG, ours + theirs[len(ours) - 1 :])
    repo.stage()
    assert guard(repo, "--staged") == (0, [])
    repo.write(LOG, ours)
    repo.stage()
    status, findings = guard(repo, "--staged")
    assert [(f["code"], f["pointer"]) for f in findings] == [("JSN001", "/1")]
    assert "lost data of parent" in findings[0]["message"]


# Shallow clones.


def test_shallow_clone_without_the_base_fails_closed(repo: GitRepo, guard: Guard, tmp_path: Path) -> None:
    for number in range(1, 5):
        append_log(repo, number)
        repo.commit(f"work {number}")
    base = repo.git("rev-parse", "HEAD~3")
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone)],
        check=True,
        env=git_environment(),
    )
    shallow = GitRepo.__new__(GitRepo)
    shallow.path = clone
    status, findings = guard(shallow, "--from-ref", base, "--to-ref", "HEAD")
    assert (status, findings) == (2, [])
    status, _ = guard(shallow, "--from-ref", "HEAD~2", "--to-ref", "HEAD")
    assert status == 2
    shallow.git("fetch", "-q", "--depth", "2", "origin", "main")
    status, _ = guard(shallow, "--from-ref", "HEAD~1", "--to-ref", "HEAD")
    assert status == 0
    status, _ = guard(shallow, "--from-ref", base, "--to-ref", "HEAD")
    assert status == 2


def test_shallow_clone_error_says_to_fetch_more_history(repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    for number in range(1, 4):
        append_log(repo, number)
        repo.commit(f"work {number}")
    base = repo.git("rev-parse", "HEAD~2")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone)], check=True, env=git_environment())
    subprocess.run(["git", "fetch", "-q", "--depth", "1", "origin", base], cwd=clone, check=True, env=git_environment())
    monkeypatch.chdir(clone)
    parser = argparse.ArgumentParser()
    command_guard.add_arguments(parser)
    assert command_guard.run(parser.parse_args(["--from-ref", base, "--to-ref", "HEAD"])) == 2
    error = capsys.readouterr().err
    assert "shallow" in error and "fetch-depth: 0" in error


# Environment and usage errors.


def test_outside_a_repository_is_exit_2(tmp_path: Path, guard: Guard) -> None:
    plain = GitRepo.__new__(GitRepo)
    plain.path = tmp_path / "plain"
    plain.path.mkdir()
    assert guard(plain, "--staged")[0] == 2


def test_unknown_ref_is_exit_2(repo: GitRepo, guard: Guard) -> None:
    assert guard(repo, "--from-ref", "no-such-ref", "--to-ref", "HEAD")[0] == 2


def test_exclusive_modes_are_exit_2(repo: GitRepo, guard: Guard) -> None:
    assert guard(repo, "--staged", "--from-ref", "HEAD")[0] == 2
    assert guard(repo, "--to-ref", "HEAD")[0] == 2


# JSN004, JSN005, MEM001-MEM004, HDR003, MOD001 through git.


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b'[{"a": 1, "a": 2}]', "duplicate key"),
        (b"[NaN]", "non-finite"),
        (b"\xef\xbb\xbf[]", "byte order mark"),
        (b'["\xff"]', "invalid UTF-8"),
        (b"[{]", "malformed"),
    ],
)
def test_unsafe_protected_json_is_jsn004(repo: GitRepo, guard: Guard, content: bytes, fragment: str) -> None:
    repo.write(LOG, content)
    repo.stage()
    status, findings = guard(repo, "--staged")
    assert status == 1
    found = by_code(findings, "JSN004")
    assert len(found) == 1 and fragment in found[0]["message"]


def test_schema_violation_in_a_new_entry_is_jsn005(repo: GitRepo, guard: Guard) -> None:
    log = repo.read_json(LOG)
    log.append(entry(1, status="done", time="9:5"))
    repo.write(LOG, log)
    repo.stage()
    status, findings = guard(repo, "--staged")
    assert sorted(f["pointer"] for f in by_code(findings, "JSN005")) == ["/1/status", "/1/time"]


@pytest.mark.parametrize("mode", ["staged", "range"])
def test_python_change_without_log_entry_is_mem001(repo: GitRepo, guard: Guard, mode: str) -> None:
    base = repo.git("rev-parse", "HEAD")
    repo.write("pkg/core.py", CORE_SOURCE + "\nEXTRA = 1\n")
    if mode == "staged":
        repo.stage()
        status, findings = guard(repo, "--staged")
    else:
        commit = repo.commit("no log")
        status, findings = guard(repo, "--from-ref", base, "--to-ref", "HEAD")
        assert findings[0]["commit"] == commit
    assert [(f["code"], f["path"]) for f in findings] == [("MEM001", LOG)]


def test_module_added_or_removed_without_structure_is_mem002(repo: GitRepo, guard: Guard) -> None:
    repo.write("pkg/loader.py", HEADER + '"""Loader."""\n')
    append_log(repo, 1)
    repo.stage()
    assert [(f["code"], f["path"]) for f in guard(repo, "--staged")[1]] == [("MEM002", STRUCTURE)]
    structure = repo.read_json(STRUCTURE)
    structure["modules"].append(module("loader", "pkg/loader.py"))
    repo.write(STRUCTURE, structure)
    repo.stage()
    assert guard(repo, "--staged") == (0, [])
    repo.commit("loader")
    (repo.path / "pkg/core.py").unlink()
    append_log(repo, 2)
    repo.stage()
    status, findings = guard(repo, "--staged")
    assert [(f["code"], f["pointer"]) for f in findings] == [("MEM002", "/modules/0")]


def test_log_over_the_limit_is_mem004(tmp_path: Path, guard: Guard) -> None:
    big = GitRepo(tmp_path / "big")
    seed(big, log_entries=201)
    big.stage()
    status, findings = guard(big, "--staged")
    assert [(f["code"], f["pointer"]) for f in findings] == [("MEM004", "/200")]


def test_lossless_archive_move_is_accepted_and_lossy_rejected(tmp_path: Path, guard: Guard) -> None:
    big = GitRepo(tmp_path / "big")
    seed(big, log_entries=0)
    big.write(LOG, [entry(number, day="2024-01-01") for number in range(230)] + [entry(999, day="2999-01-01")])
    big.commit("long log")
    log = big.read_json(LOG)
    big.write(ARCHIVE, log[:230])
    big.write(LOG, log[230:])
    big.stage()
    assert guard(big, "--staged") == (0, [])
    lossy = log[:229]
    big.write(ARCHIVE, lossy)
    big.stage()
    status, findings = guard(big, "--staged")
    assert status == 1 and "JSN001" in codes(findings)
    altered = [dict(item) for item in log[:230]]
    altered[5]["notes"] = "edited while archiving"
    big.write(ARCHIVE, altered)
    big.stage()
    status, findings = guard(big, "--staged")
    assert [(f["code"], f["path"], f["pointer"]) for f in findings] == [("JSN001", ARCHIVE, "/5/notes")]


def test_header_change_and_removed_public_name(repo: GitRepo, guard: Guard) -> None:
    repo.write("pkg/core.py", CORE_SOURCE.replace("2024-2026", "2020-2026").replace("def compute", "def calculate"))
    append_log(repo, 1)
    repo.stage()
    status, findings = guard(repo, "--staged")
    assert sorted((f["code"], f["path"]) for f in findings) == [("HDR003", "pkg/core.py"), ("MOD001", "pkg/core.py")]
    repo.write("pkg/core.py", CORE_SOURCE.replace("def compute", "def calculate") + "\n\ncompute = calculate\n")
    repo.stage()
    assert guard(repo, "--staged") == (0, [])


def test_python_files_over_max_file_bytes_are_not_parsed_by_the_guard(repo: GitRepo, guard: Guard) -> None:
    # As `check` leaves them unchecked (PGX002): a huge module must not make every commit slow.
    limit = len(CORE_SOURCE.encode("utf-8")) - 1
    for max_bytes, expected in ((limit, (0, [])), (limit + 100, (1, ["HDR003", "MOD001"]))):
        configure(repo, {"max-file-bytes": max_bytes})
        repo.write("pkg/core.py", CORE_SOURCE.replace("2024-2026", "2020-2026").replace("def compute", "def calculate"))
        append_log(repo, 1)
        repo.stage()
        status, findings = guard(repo, "--staged")
        assert (status, sorted(f["code"] for f in findings)) == expected
        repo.git("checkout", "-q", "--", ".")
        repo.git("reset", "-q", "--hard")


def test_codes_can_be_ignored_by_configuration(repo: GitRepo, guard: Guard) -> None:
    configure(repo, {"ignore": ["MEM001"]})
    repo.write("pkg/core.py", CORE_SOURCE + "\nEXTRA = 1\n")
    repo.stage()
    assert guard(repo, "--staged") == (0, [])


def test_findings_paths_are_relative_to_the_working_directory(repo: GitRepo, guard: Guard, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.write("pkg/core.py", CORE_SOURCE + "\nEXTRA = 1\n")
    repo.stage()
    monkeypatch.chdir(repo.path / "pkg")
    parser = argparse.ArgumentParser()
    command_guard.add_arguments(parser)
    capsys.readouterr()
    assert command_guard.run(parser.parse_args(["--staged", "--format", "json"])) == 1
    found = json.loads(capsys.readouterr().out)
    assert [f["path"] for f in found] == ["../.claude/project_log.json"]


# Helpers.


def test_trailer_and_approval_parsing(tmp_path: Path) -> None:
    message = "Subject\n\nBody text\n\nPrefguard-Approve:  .claude/x.json#/a~1b \nPrefguard-Approve: bad\nPrefguard-Approve: ./y.json#/p%20q\n"
    assert trailer_approvals(message, "Prefguard-Approve") == {".claude/x.json": ["/a~1b"], "y.json": ["/p%20q", "/p q"]}
    assert trailer_approvals(message.replace("Prefguard-Approve:  .claude", "prefguard-approve: .claude"), "Prefguard-Approve") == {
        "y.json": ["/p%20q", "/p q"]
    }
    assert parse_approval("f.json#") == ("f.json", [""])
    with pytest.raises(ValueError):
        parse_approval("#/a")
    path = tmp_path / "MSG"
    path.write_text("Title\n# comment\nPrefguard-Approve: a.json#/x\n# ------------------------ >8 ------------------------\nPrefguard-Approve: b.json#/y\n", encoding="utf-8")
    assert read_message_file(str(path)) == "Title\nPrefguard-Approve: a.json#/x"


def _cli() -> List[str]:
    return [*prefguard_command(), "guard"]


def test_guard_as_a_process(repo: GitRepo) -> None:
    env = checkout_environment(git_environment())
    clean = subprocess.run([*_cli(), "--staged", "--format", "json"], cwd=repo.path, env=env, capture_output=True, text=True)
    assert (clean.returncode, json.loads(clean.stdout)) == (0, [])
    concept = repo.read_json(CONCEPT)
    concept["vision"] = "changed"
    repo.write(CONCEPT, concept)
    repo.stage()
    found = subprocess.run([*_cli(), "--staged", "--format", "json"], cwd=repo.path, env=env, capture_output=True, text=True)
    assert found.returncode == 1
    assert [(f["code"], f["pointer"]) for f in json.loads(found.stdout)] == [("JSN002", "/vision")]
    broken = subprocess.run([*_cli(), "--from-ref", "nope", "--format", "json"], cwd=repo.path, env=env, capture_output=True, text=True)
    assert broken.returncode == 2 and "[ERROR]" in broken.stderr


def test_commit_msg_hook_blocks_and_allows_real_commits(repo: GitRepo) -> None:
    hook = repo.path / ".git" / "hooks" / "commit-msg"
    command = shlex.join([*_cli(), "--staged", "--commit-msg-file"])
    hook.write_text(f'#!/bin/sh\nPYTHONPATH={shlex.quote(str(REPO_ROOT))} exec {command} "$1"\n', encoding="utf-8")
    hook.chmod(0o755)
    concept = repo.read_json(CONCEPT)
    concept["vision"] = "changed through commit -a"
    repo.write(CONCEPT, concept)
    head = repo.git("rev-parse", "HEAD")
    refused = subprocess.run(["git", "commit", "-q", "-a", "-m", "no approval"], cwd=repo.path, env=git_environment(), capture_output=True, text=True)
    assert refused.returncode != 0
    assert "JSN002" in refused.stdout + refused.stderr
    assert repo.git("rev-parse", "HEAD") == head
    message = f"Widen the vision\n\nPrefguard-Approve: {CONCEPT}#/vision"
    accepted = subprocess.run(["git", "commit", "-q", "-a", "-m", message], cwd=repo.path, env=git_environment(), capture_output=True, text=True)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert repo.git("rev-parse", "HEAD") != head


def test_a_range_compares_with_the_last_readable_version_after_an_unreadable_commit(repo: GitRepo, guard: Guard) -> None:
    base = repo.git("rev-parse", "HEAD")
    repo.write(LOG, b'[{"broken": ]')
    broken = repo.commit("a log nobody can read")
    repo.write(LOG, [entry(0, status="failed")])
    rewritten = repo.commit("the data of entry 0 rewritten while the log was unreadable")
    status, findings = guard(repo, "--from-ref", base, "--to-ref", "HEAD")
    assert status == 1
    assert [f["commit"] for f in by_code(findings, "JSN004")] == [broken]
    changed = by_code(findings, "JSN001")
    assert [(f["commit"], f["pointer"]) for f in changed] == [(rewritten, "/0/status")]


TRAIN_SCRIPT = HEADER + '"""Train."""\n\nwandb_entity = "me"\nworld_size = 1\n\n\ndef main() -> None:\n    """Run."""\n    print(world_size)\n'


@pytest.mark.parametrize(
    ("path", "extra", "table", "reported"),
    [
        ("train.py", "", None, False),
        ("scripts/train.py", "", None, False),
        ("pkg/_internal.py", "", None, False),
        ("pkg/train.py", "", None, True),
        ("train.py", '__all__ = ["main", "wandb_entity"]\n', None, True),
        ("train.py", "", {"public-modules": ["train.py"]}, True),
    ],
    ids=["top-level-script", "plain-folder", "private-module", "package-module", "declares-all", "configured-public"],
)
def test_only_library_modules_keep_their_public_names(
    repo: GitRepo, guard: Guard, path: str, extra: str, table: Optional[Dict[str, Any]], reported: bool
) -> None:
    if table is not None:
        configure(repo, table)
    repo.write(path, TRAIN_SCRIPT + extra)
    append_log(repo, 1)
    base = repo.commit("add a script")
    repo.write(path, TRAIN_SCRIPT.replace('wandb_entity = "me"\n', "") + extra.replace(', "wandb_entity"', ""))
    append_log(repo, 2)
    repo.commit("drop a global")
    status, findings = guard(repo, "--from-ref", base, "--to-ref", "HEAD")
    removed = [(f["path"], f["message"]) for f in by_code(findings, "MOD001")]
    assert bool(removed) is reported, findings
    if reported:
        assert "wandb_entity" in removed[0][1]
