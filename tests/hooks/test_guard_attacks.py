# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Attacks on the gate (issue 23), each on a real git repository in staged and range mode.

The repository is put under the policy as ``prefguard init`` leaves it: a
``[tool.prefguard]`` table in pyproject.toml (here also guarding ``data/*.json``),
prefguard's hooks in ``.pre-commit-config.yaml``, the memory files and a
baseline with one legacy finding. An attack is a list of steps (edits and a
commit message). Staged mode judges every step's index with ``guard --staged``
before committing it (the commit-msg hook; a refused step is then committed
anyway, as ``--no-verify`` would); range mode commits every step and judges the
range. Each attack must be refused in both modes: the expected codes reported,
exit status 1. docs/guard.md lists every attack with its outcome and test.
"""

import os
import subprocess
from pathlib import Path
from typing import Any, Callable, Dict, List, Sequence, Tuple

import pytest

from checks.adoption.precommit_config import new_config
from hooks.cli import main
from tests.conftest import GitRepo
from tests.hooks.test_guard_git import CONCEPT, LOG, entry, seed
from tests.in_process import run_in_folder

PYPROJECT = """[project]
name = "demo"
version = "0.1.0"

[tool.prefguard]
# Written by `prefguard init`.

[tool.prefguard.json-guard]
files = {"data/*.json" = "append-only"}

[tool.prefguard.integration]
entry = ["pkg/core.py"]
"""
LEGACY = "def legacy(a, b):\n    return a + b\n"
RECORDS = [{"id": number, "label": f"record {number}"} for number in range(3)]
BASELINE = ".prefguard-baseline.json"
HOOKS = ".pre-commit-config.yaml"

Step = Tuple[Callable[[GitRepo], None], str]
Outcome = Tuple[int, List[Dict[str, Any]], str]


def prefguard(repo: GitRepo, capsys: pytest.CaptureFixture, *args: str) -> Outcome:
    """Run prefguard in-process in the repository: status, JSON findings, stderr."""
    return run_in_folder(repo.path, capsys, *args)


@pytest.fixture
def adopted(make_repo: Callable[..., GitRepo], capsys: pytest.CaptureFixture) -> GitRepo:
    """A repository under the policy: table, hooks, memory files, a baseline with one legacy finding."""
    repo = make_repo()
    seed(repo)
    repo.write("pyproject.toml", PYPROJECT)
    repo.write(HOOKS, new_config())
    repo.write("data/records.json", RECORDS)
    repo.write("legacy.py", LEGACY)
    status, _, err = prefguard(repo, capsys, "baseline")
    assert status == 0, err
    repo.commit(f"Put the repository under the prefguard policy\n\nPrefguard-Approve: {BASELINE}#/files")
    return repo


def rewrite_log(repo: GitRepo) -> None:
    """Change the data of the first log entry and append one (an assistant hiding what it did)."""
    log = repo.read_json(LOG)
    log[0]["executed"] = "nothing of note"
    log.append(entry(1))
    repo.write(LOG, log)


def rewrite_records(repo: GitRepo) -> None:
    """Change a guarded record of data/records.json."""
    records = repo.read_json("data/records.json")
    records[1]["label"] = "rewritten"
    repo.write("data/records.json", records)


def edit(path: str, old: str, new: str) -> Callable[[GitRepo], None]:
    """A step that replaces text in a file."""

    def apply(repo: GitRepo) -> None:
        text = (repo.path / path).read_text(encoding="utf-8")
        assert old in text, (path, old)
        repo.write(path, text.replace(old, new, 1))

    return apply


def write(path: str, content: Any) -> Callable[[GitRepo], None]:
    """A step that writes a file."""
    return lambda repo: repo.write(path, content)


def both(*steps: Callable[[GitRepo], None]) -> Callable[[GitRepo], None]:
    """Several edits in one step."""

    def apply(repo: GitRepo) -> None:
        for step in steps:
            step(repo)

    return apply


def git_step(*args: str) -> Callable[[GitRepo], None]:
    """A step that runs git."""
    return lambda repo: repo.git(*args) and None


def attempt(repo: GitRepo, capsys: pytest.CaptureFixture, mode: str, steps: Sequence[Step]) -> Tuple[int, List[str]]:
    """Run an attack; the worst status and every code reported (staged: over all steps)."""
    base = repo.head()
    statuses: List[int] = []
    codes: List[str] = []
    for number, (apply, message) in enumerate(steps):
        apply(repo)
        repo.stage()
        if mode == "staged":
            message_file = repo.path.parent / f"message-{number}.txt"
            message_file.write_text(message + "\n", encoding="utf-8")
            status, findings, err = prefguard(repo, capsys, "guard", "--staged", "--commit-msg-file", str(message_file))
            assert status in (0, 1), err
            statuses.append(status)
            codes.extend(finding["code"] for finding in findings)
        repo.git("commit", "-q", "--allow-empty", "--no-verify", "-m", message)
    if mode == "range":
        status, findings, err = prefguard(repo, capsys, "guard", "--from-ref", base, "--to-ref", "HEAD")
        assert status in (0, 1), err
        statuses.append(status)
        codes.extend(finding["code"] for finding in findings)
    return max(statuses), codes


def refused(outcome: Tuple[int, List[str]], *expected: str) -> None:
    """The attack was refused with at least the expected codes."""
    status, codes = outcome
    assert status == 1, codes
    missing = [code for code in expected if code not in codes]
    assert not missing, f"{missing} not reported; got {codes}"


MODES = pytest.mark.parametrize("mode", ["staged", "range"])
# The many variants of each attack form the slow tier; the single tests below each class stay fast.
SLOW = pytest.mark.slow


# ======================================================================
# Judged with the base's rules: the configuration of the change does not judge it


@SLOW
@MODES
@pytest.mark.parametrize("glob", ["*.json", ".claude/*.json", "**"])
def test_guard_glob_turned_off_with_a_rewritten_log_entry(adopted: GitRepo, capsys: pytest.CaptureFixture, mode: str, glob: str) -> None:
    steps = [(both(edit("pyproject.toml", '"data/*.json" = "append-only"', f'"{glob}" = "off", "data/*.json" = "append-only"'), rewrite_log), "Tidy")]
    refused(attempt(adopted, capsys, mode, steps), "CFG001", "JSN001")


@SLOW
@MODES
@pytest.mark.parametrize(
    "hiding",
    [
        'ignore = ["CFG001", "JSN"]',
        'exclude = ["**"]',
        'per-file-ignores = {"pyproject.toml" = ["CFG001"], ".claude/*" = ["JSN001", "JSN005"]}',
        'select = ["ANN"]',
    ],
    ids=["ignore", "exclude", "per-file-ignores", "select"],
)
def test_configuration_that_hides_the_finding_about_itself(adopted: GitRepo, capsys: pytest.CaptureFixture, mode: str, hiding: str) -> None:
    steps = [(both(edit("pyproject.toml", "# Written by `prefguard init`.", hiding), rewrite_log), "Tidy")]
    refused(attempt(adopted, capsys, mode, steps), "CFG001", "JSN001")


@SLOW
@MODES
@pytest.mark.parametrize(
    "shadow",
    [
        write("prefguard.toml", ""),
        edit("pyproject.toml", '{"data/*.json" = "append-only"}', "{}"),
        write("pyproject.toml", '[project]\nname = "demo"\nversion = "0.1.0"\n'),
    ],
    ids=["empty-prefguard-toml", "files-emptied", "table-deleted"],
)
def test_protection_removed_by_shadowing_with_the_protected_file_rewritten(
    adopted: GitRepo, capsys: pytest.CaptureFixture, mode: str, shadow: Callable[[GitRepo], None]
) -> None:
    refused(attempt(adopted, capsys, mode, [(both(shadow, rewrite_records), "Simplify the configuration")]), "CFG001", "JSN001")


@SLOW
@MODES
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('entry = ["pkg/core.py"]', 'entry = ["pkg/core.py"]\n\n[tool.prefguard.english]\nmessage-calls = []'),
        ("# Written by `prefguard init`.", "banned-logging-modules = []"),
        ("# Written by `prefguard init`.", "placeholder-markers = []"),
        ("# Written by `prefguard init`.", 'status-prefixes = ["[OK]", "[HF]", "[WARN]", "[ERROR]", "[INFO]", ""]'),
        ("# Written by `prefguard init`.", "max-file-bytes = 10"),
        ("# Written by `prefguard init`.", "allow-empty-init = true\nmax-inheritance-depth = 9"),
        ('entry = ["pkg/core.py"]', 'entry = ["pkg/core.py", "legacy.py"]'),
        ('[tool.prefguard.json-guard]', '[tool.prefguard.json-guard]\napproval-trailer = "Signed-off-by"'),
        ('[tool.prefguard.json-guard]', '[tool.prefguard.json-guard]\nlog-limit = 100000'),
        ('[tool.prefguard.json-guard]', '[tool.prefguard.json-guard]\nmutable = {".claude/project_log.json" = ["/0"]}'),
        ('[tool.prefguard.json-guard]', '[tool.prefguard.json-guard]\nmemory-dir = "elsewhere"'),
        ("# Written by `prefguard init`.", 'baseline = "other-baseline.json"'),
        ('entry = ["pkg/core.py"]', 'entry = ["pkg/core.py"]\n\n[tool.prefguard.header]\ncopyright = "#"'),
    ],
    ids=["english.message-calls", "banned-logging-modules", "placeholder-markers", "status-prefixes", "max-file-bytes",
         "allow-empty-init", "integration.entry", "approval-trailer", "log-limit", "mutable", "memory-dir", "baseline",
         "header.copyright"],
)
def test_rule_parameters_that_weaken_are_judged(adopted: GitRepo, capsys: pytest.CaptureFixture, mode: str, old: str, new: str) -> None:
    refused(attempt(adopted, capsys, mode, [(edit("pyproject.toml", old, new), "Adjust the rules")]), "CFG001")


@pytest.mark.parametrize(
    "broken",
    ['{"data/*.json" = "bogus"}', '{"data/*.json" = "append-only"}\nlog-limit = 0', '{"data/*.json" = "append-only"}\nmutable = {"x.json" = ["no-slash"]}'],
    ids=["unknown-mode", "log-limit-0", "bad-pointer"],
)
def test_a_configuration_the_next_change_could_not_use_is_refused(adopted: GitRepo, capsys: pytest.CaptureFixture, broken: str) -> None:
    # Accepted, it would be replaced by the defaults as the next change's base, dropping data/*.json's guard.
    edit("pyproject.toml", '{"data/*.json" = "append-only"}', broken)(adopted)
    adopted.stage()
    status, findings, _ = prefguard(adopted, capsys, "guard", "--staged")
    assert (status, [item["code"] for item in findings]) == (1, ["CFG001"])
    assert "cannot be used" in findings[0]["message"]


def test_cfg001_is_reported_at_the_line_of_the_changed_key(adopted: GitRepo, capsys: pytest.CaptureFixture) -> None:
    edit("pyproject.toml", '[tool.prefguard.json-guard]', '[tool.prefguard.json-guard]\nlog-limit = 100000')(adopted)
    adopted.stage()
    status, findings, _ = prefguard(adopted, capsys, "guard", "--staged")
    gate = [(item["code"], item["path"], item["line"], item["pointer"]) for item in findings]
    assert (status, gate) == (1, [("CFG001", "pyproject.toml", 9, "/tool/prefguard/json-guard/log-limit")])
    message = adopted.path.parent / "approve.txt"
    message.write_text("Raise the limit\n\nPrefguard-Approve: pyproject.toml#/tool/prefguard/json-guard/log-limit\n", encoding="utf-8")
    assert prefguard(adopted, capsys, "guard", "--staged", "--commit-msg-file", str(message))[:2] == (0, [])


def test_tightening_the_configuration_needs_no_approval(adopted: GitRepo, capsys: pytest.CaptureFixture) -> None:
    edit("pyproject.toml", "# Written by `prefguard init`.", 'placeholder-markers = ["TODO", "FIXME", "XXX", "TBD", "placeholder", "stub", "implement later", "HACK"]')(adopted)
    edit("pyproject.toml", '{"data/*.json" = "append-only"}', '{"data/*.json" = "immutable"}')(adopted)
    adopted.stage()
    status, findings, err = prefguard(adopted, capsys, "guard", "--staged")
    assert (status, findings) == (0, []) and "[ERROR]" not in err


# ======================================================================
# Protected paths follow their content


def to_gitlink(repo: GitRepo) -> None:
    """Replace the log by a gitlink (mode 160000) in the index and the work tree."""
    (repo.path / LOG).unlink()
    repo.git("rm", "-q", "--cached", LOG)
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{repo.head()},{LOG}")
    (repo.path / LOG).mkdir()


def to_symlink(repo: GitRepo) -> None:
    """Replace the log by a symbolic link."""
    (repo.path / LOG).unlink()
    os.symlink("/tmp/elsewhere.json", repo.path / LOG)


def restore_rewritten(repo: GitRepo) -> None:
    """Put the log back as a regular file, its first entry rewritten."""
    repo.git("rm", "-q", "--cached", LOG)
    if (repo.path / LOG).is_symlink():
        os.unlink(repo.path / LOG)
    elif (repo.path / LOG).is_dir():
        (repo.path / LOG).rmdir()
    log = [entry(0, executed="nothing of note"), entry(1)]
    repo.write(LOG, log)


@SLOW
@MODES
@pytest.mark.parametrize("replace", [to_gitlink, to_symlink], ids=["gitlink", "symlink"])
def test_memory_file_replaced_then_restored_rewritten(adopted: GitRepo, capsys: pytest.CaptureFixture, mode: str, replace: Callable[[GitRepo], None]) -> None:
    steps = [(replace, "Vendor the log"), (restore_rewritten, "Restore the log")]
    status, codes = attempt(adopted, capsys, mode, steps)
    # Both steps are refused: the replacement (JSN003), and the restoration, judged against the last
    # version of the log in the history even when the replacement was committed with --no-verify (JSN001).
    refused((status, codes), "JSN003", "JSN001")


@SLOW
@MODES
@pytest.mark.parametrize("path", [LOG, "data/records.json"])
def test_protected_file_renamed_out_edited_and_renamed_back(adopted: GitRepo, capsys: pytest.CaptureFixture, mode: str, path: str) -> None:
    rewrite = rewrite_log if path == LOG else rewrite_records
    parked = "notes/parked.json"

    def edit_parked(repo: GitRepo) -> None:
        repo.git("mv", parked, path)
        rewrite(repo)
        repo.git("add", "-A")
        repo.git("mv", path, parked)

    steps = [
        (both(lambda repo: (repo.path / "notes").mkdir(), git_step("mv", path, parked)), "Park the file"),
        (edit_parked, "Edit the parked file"),
        (git_step("mv", parked, path), "Bring it back"),
    ]
    status, codes = attempt(adopted, capsys, mode, steps)
    refused((status, codes), "JSN003", "JSN001")


@SLOW
@MODES
def test_executable_bit_does_not_hide_a_rewrite(adopted: GitRepo, capsys: pytest.CaptureFixture, mode: str) -> None:
    def chmod_and_rewrite(repo: GitRepo) -> None:
        rewrite_log(repo)
        os.chmod(repo.path / LOG, 0o755)

    refused(attempt(adopted, capsys, mode, [(chmod_and_rewrite, "Make it runnable")]), "JSN001")


# ======================================================================
# Adoption is judged once; baseline entries move only with a rename git records


def unadopt(repo: GitRepo) -> None:
    """Delete the baseline, the table and the hooks."""
    os.unlink(repo.path / BASELINE)
    os.unlink(repo.path / HOOKS)
    repo.write("pyproject.toml", '[project]\nname = "demo"\nversion = "0.1.0"\n')


def readopt_with_violations(repo: GitRepo) -> None:
    """Add violations and restore everything with a fresh baseline that absorbs them."""
    repo.write("pkg/sloppy.py", "def sloppy(a):\n    return a\n")
    repo.write("pyproject.toml", PYPROJECT)
    repo.write(HOOKS, new_config())
    previous = Path.cwd()
    os.chdir(repo.path)
    try:
        assert main(["baseline"]) == 0
    finally:
        os.chdir(previous)


@SLOW
@MODES
def test_unadoption_then_readoption_is_a_weakening(adopted: GitRepo, capsys: pytest.CaptureFixture, mode: str) -> None:
    steps = [(unadopt, "Remove tooling"), (readopt_with_violations, f"Adopt prefguard\n\nPrefguard-Approve: {BASELINE}#/files/x")]
    status, codes = attempt(adopted, capsys, mode, steps)
    refused((status, codes), "CFG003", "BSL001")


@SLOW
@MODES
def test_baseline_entries_of_a_deleted_file_do_not_move_onto_another_file(adopted: GitRepo, capsys: pytest.CaptureFixture, mode: str) -> None:
    def swap(repo: GitRepo) -> None:
        os.unlink(repo.path / "legacy.py")
        repo.write("fresh.py", '"""A new module written today, with more text so git sees no rename."""\n\nVALUE = 1\n\n\n' + LEGACY)
        previous = Path.cwd()
        os.chdir(repo.path)
        try:
            assert main(["baseline"]) == 0
        finally:
            os.chdir(previous)

    status, codes = attempt(adopted, capsys, mode, [(swap, "Replace the legacy module")])
    refused((status, codes), "BSL001")


def test_baseline_entries_move_with_a_rename_git_records(adopted: GitRepo, capsys: pytest.CaptureFixture) -> None:
    adopted.git("mv", "legacy.py", "renamed.py")
    assert prefguard(adopted, capsys, "baseline", "--prune")[0] == 0
    adopted.stage()
    status, findings, err = prefguard(adopted, capsys, "guard", "--staged")
    # The rename itself still needs its memory entries (MEM001, MEM002); the baseline moved with it.
    assert (status, sorted(item["code"] for item in findings)) == (1, ["MEM001", "MEM002"])


# ======================================================================
# Suppressions and hooks are part of the gate


@SLOW
@MODES
@pytest.mark.parametrize("comment", ["# prefguard: ignore[ANN001, ANN002]", "# prefguard: ignore"])
def test_added_suppression_needs_approval(adopted: GitRepo, capsys: pytest.CaptureFixture, mode: str, comment: str) -> None:
    step = edit("legacy.py", "def legacy(a, b):", f"def legacy(a, b):  {comment}")
    refused(attempt(adopted, capsys, mode, [(step, "Quiet a warning")]), "CFG002")


def test_suppression_is_reported_at_its_line_and_approved_by_its_trailer(adopted: GitRepo, capsys: pytest.CaptureFixture) -> None:
    edit("legacy.py", "    return a + b", "    return a + b  # prefguard: ignore[STB003]")(adopted)
    adopted.stage()
    status, findings, _ = prefguard(adopted, capsys, "guard", "--staged")
    found = [(item["code"], item["path"], item["line"], item["column"], item.get("pointer")) for item in findings]
    assert (status, found) == (1, [("MEM001", LOG, 1, 1, None), ("CFG002", "legacy.py", 2, 19, "/suppressions/STB003")])
    message = adopted.path.parent / "approve.txt"
    message.write_text("Quiet\n\nPrefguard-Approve: legacy.py#/suppressions/STB003\n", encoding="utf-8")
    status, findings, _ = prefguard(adopted, capsys, "guard", "--staged", "--commit-msg-file", str(message))
    assert (status, [item["code"] for item in findings]) == (1, ["MEM001"])


def notebook(*cells: str) -> Dict[str, Any]:
    return {
        "cells": [
            {"cell_type": "code", "execution_count": None, "id": f"cell-{number}", "metadata": {}, "outputs": [], "source": source}
            for number, source in enumerate(cells)
        ],
        "metadata": {"language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def test_suppression_added_to_a_notebook_cell(adopted: GitRepo, capsys: pytest.CaptureFixture) -> None:
    adopted.write("explore.ipynb", notebook("x = 1\n", "def f(a):\n    return a\n"))
    adopted.commit("notebook")
    adopted.write("explore.ipynb", notebook("x = 1\n", "def f(a):  # prefguard: ignore[ANN001]\n    return a\n"))
    adopted.stage()
    status, findings, _ = prefguard(adopted, capsys, "guard", "--staged")
    found = [(item["code"], item["path"], item.get("cell"), item["line"], item.get("pointer")) for item in findings]
    assert (status, found) == (1, [("CFG002", "explore.ipynb", 2, 1, "/suppressions/ANN001")])
    adopted.commit("suppressed")
    adopted.write("explore.ipynb", notebook("y = 2\n", "def f(a):  # prefguard: ignore[ANN001]\n    return a\n"))
    adopted.stage()
    assert prefguard(adopted, capsys, "guard", "--staged")[:2] == (0, [])


@SLOW
@MODES
@pytest.mark.parametrize(
    "change",
    [
        lambda repo: os.unlink(repo.path / HOOKS),
        edit(HOOKS, "    - id: prefguard-guard", "    - id: other-hook"),
        edit(HOOKS, "stages: [commit-msg]", "stages: [manual]"),
        edit(HOOKS, "repos:", "exclude: '.*'\nrepos:"),
        edit(HOOKS, "default_install_hook_types: [pre-commit, commit-msg]", "default_install_hook_types: [pre-commit]"),
    ],
    ids=["file-deleted", "guard-removed", "guard-stage-manual", "top-level-exclude", "commit-msg-not-installed"],
)
def test_prefguard_hooks_removed_or_disabled(adopted: GitRepo, capsys: pytest.CaptureFixture, mode: str, change: Callable[[GitRepo], None]) -> None:
    refused(attempt(adopted, capsys, mode, [(change, "Speed up commits")]), "CFG003")


def test_hooks_that_run_more_often_need_no_approval(adopted: GitRepo, capsys: pytest.CaptureFixture) -> None:
    edit(HOOKS, "stages: [commit-msg]", "stages: [commit-msg, manual]")(adopted)
    edit(HOOKS, "default_install_hook_types: [pre-commit, commit-msg]", "default_install_hook_types: [pre-commit, commit-msg, pre-push]")(adopted)
    edit(HOOKS, "      require_serial: true\n", "      require_serial: false\n")(adopted)
    adopted.stage()
    status, findings, err = prefguard(adopted, capsys, "guard", "--staged")
    assert (status, findings) == (0, []) and "[ERROR]" not in err


def test_hook_removal_is_reported_and_approved_by_its_pointer(adopted: GitRepo, capsys: pytest.CaptureFixture) -> None:
    edit(HOOKS, "stages: [commit-msg]", "stages: [manual]")(adopted)
    adopted.stage()
    status, findings, _ = prefguard(adopted, capsys, "guard", "--staged")
    text = (adopted.path / HOOKS).read_text(encoding="utf-8").splitlines()
    assert [(item["code"], item["pointer"]) for item in findings] == [("CFG003", "/hooks/prefguard-guard")]
    assert "prefguard-guard" in text[findings[0]["line"] - 1]
    message = adopted.path.parent / "approve.txt"
    message.write_text("Manual guard\n\nPrefguard-Approve: .pre-commit-config.yaml#/hooks/prefguard-guard\n", encoding="utf-8")
    assert prefguard(adopted, capsys, "guard", "--staged", "--commit-msg-file", str(message))[:2] == (0, [])


# ======================================================================
# Trailers are trailers


def change_vision(repo: GitRepo) -> None:
    concept = repo.read_json(CONCEPT)
    concept["vision"] = "whatever the assistant needs"
    repo.write(CONCEPT, concept)


APPROVAL = f"Prefguard-Approve: {CONCEPT}#/vision"


@SLOW
@MODES
@pytest.mark.parametrize(
    "message",
    [
        f"Sharpen the vision\n\n    {APPROVAL}",
        f"Sharpen the vision\n\n{APPROVAL.lower()}",
        f'Sharpen the vision\n\nThe reviewer said "{APPROVAL}" is fine.',
        f"{APPROVAL}",
        f"Sharpen the vision\n\n{APPROVAL}\n\nMore words after the approval.",
        f"Sharpen the vision\n\nSome text\n{APPROVAL}",
    ],
    ids=["indented", "lower-case", "quoted-in-body", "in-subject", "not-last-paragraph", "mixed-paragraph"],
)
def test_approval_outside_the_trailer_block_approves_nothing(adopted: GitRepo, capsys: pytest.CaptureFixture, mode: str, message: str) -> None:
    refused(attempt(adopted, capsys, mode, [(change_vision, message)]), "JSN002")


@SLOW
@MODES
def test_renaming_the_approval_trailer_does_not_approve_in_the_same_commit(adopted: GitRepo, capsys: pytest.CaptureFixture, mode: str) -> None:
    rename = edit("pyproject.toml", "[tool.prefguard.json-guard]", '[tool.prefguard.json-guard]\napproval-trailer = "Reviewed-by"')
    message = f"Sharpen the vision\n\nReviewed-by: {CONCEPT}#/vision\nReviewed-by: pyproject.toml#/tool/prefguard"
    refused(attempt(adopted, capsys, mode, [(both(rename, change_vision), message)]), "JSN002", "CFG001")


@SLOW
@MODES
def test_a_real_trailer_approves(adopted: GitRepo, capsys: pytest.CaptureFixture, mode: str) -> None:
    status, codes = attempt(adopted, capsys, mode, [(change_vision, f"Sharpen the vision\n\nSigned-off-by: A <a@b>\n{APPROVAL}")])
    assert (status, codes) == (0, [])


# ======================================================================
# Ranges are sane


def test_rewound_range_is_a_usage_error(adopted: GitRepo, capsys: pytest.CaptureFixture) -> None:
    for number in range(3):
        log = adopted.read_json(LOG)
        log.append(entry(number + 1))
        adopted.write(LOG, log)
        adopted.commit(f"step {number}")
    status, findings, err = prefguard(adopted, capsys, "guard", "--from-ref", "HEAD", "--to-ref", "HEAD~3")
    assert (status, findings) == (2, [])
    assert "does not descend from --from-ref 'HEAD'" in err and err.startswith("[ERROR]")


def test_empty_range_says_so(adopted: GitRepo, capsys: pytest.CaptureFixture) -> None:
    status, findings, err = prefguard(adopted, capsys, "guard", "--from-ref", "HEAD", "--to-ref", "HEAD")
    assert (status, findings) == (0, [])
    assert "[INFO] prefguard guard: the range HEAD..HEAD holds no commit" in err


def test_a_protected_file_restored_after_a_no_verify_deletion_is_judged_against_its_history(adopted: GitRepo, capsys: pytest.CaptureFixture) -> None:
    os.unlink(adopted.path / LOG)
    adopted.stage()
    adopted.git("commit", "-q", "--no-verify", "-m", "drop the log")
    adopted.write(LOG, [entry(0, executed="nothing of note"), entry(1)])
    adopted.stage()
    status, findings, _ = prefguard(adopted, capsys, "guard", "--staged")
    assert (status, [(item["code"], item.get("pointer")) for item in findings]) == (1, [("JSN001", "/0/executed")])
    assert "compared with its last version in the history" in findings[0]["message"]
    adopted.write(LOG, [entry(0), entry(1)])
    adopted.stage()
    assert prefguard(adopted, capsys, "guard", "--staged")[:2] == (0, [])


def test_force_push_dropping_log_entries_is_refused_as_a_range(adopted: GitRepo, capsys: pytest.CaptureFixture) -> None:
    base = adopted.head()
    log = adopted.read_json(LOG)
    log.append(entry(1))
    adopted.write(LOG, log)
    pushed = adopted.commit("entry 1")
    adopted.git("reset", "-q", "--hard", base)
    adopted.write(LOG, [entry(0, executed="rewritten"), entry(1)])
    adopted.commit("rewritten history")
    status, _, err = prefguard(adopted, capsys, "guard", "--from-ref", pushed, "--to-ref", "HEAD")
    assert status == 2 and "does not descend" in err


def test_merge_of_a_branch_with_an_approved_weakening_is_clean(adopted: GitRepo, capsys: pytest.CaptureFixture) -> None:
    base = adopted.head()
    adopted.git("checkout", "-q", "-b", "feature")
    edit("pyproject.toml", "# Written by `prefguard init`.", 'exclude = ["build/**"]')(adopted)
    adopted.commit("Exclude build\n\nPrefguard-Approve: pyproject.toml#/tool/prefguard/exclude")
    adopted.git("checkout", "-q", "main")
    log = adopted.read_json(LOG)
    log.append(entry(1))
    adopted.write(LOG, log)
    adopted.commit("main moves on")
    adopted.git("merge", "-q", "--no-ff", "feature", "-m", "Merge feature")
    status, findings, err = prefguard(adopted, capsys, "guard", "--from-ref", base, "--to-ref", "HEAD")
    assert (status, findings) == (0, []) and "[ERROR]" not in err


def test_staged_commit_from_a_subfolder_uses_the_base_configuration(adopted: GitRepo, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    edit("pyproject.toml", "# Written by `prefguard init`.", 'ignore = ["JSN"]')(adopted)
    rewrite_log(adopted)
    adopted.stage()
    status, findings, _ = prefguard(GitRepo(adopted.path / "pkg", create=False), capsys, "guard", "--staged")
    assert status == 1 and {"CFG001", "JSN001"} <= {item["code"] for item in findings}


def test_git_interpret_trailers_agrees_on_the_messages_above() -> None:
    from checks.guard.approvals import parse_trailers

    messages = [
        f"Sharpen the vision\n\n    {APPROVAL}\n",
        f"Sharpen the vision\n\n{APPROVAL.lower()}\n",
        f'Sharpen the vision\n\nThe reviewer said "{APPROVAL}" is fine.\n',
        f"{APPROVAL}\n",
        f"S\n\n{APPROVAL}\n\nMore words.\n",
        f"S\n\nSome text\n{APPROVAL}\n",
        f"S\n\nSome text\nSigned-off-by: A <a@b>\n{APPROVAL}\n",
        f"S\n\nSome\ntext\nlines\nhere\nSigned-off-by: A <a@b>\n{APPROVAL}\n",
        f"S\n\n{APPROVAL}\n  continued value\nOther : x\n",
        f"S\n\n{APPROVAL}\n# a comment\n\n",
        f"S\n\n{APPROVAL}\n---\nfoo: bar\n",
        f"S\n\nbody\n---\n{APPROVAL}\n",
        f"S\r\n\r\n{APPROVAL}\r\n",
        "S\n\n(cherry picked from commit 0123)\nKey: v\nnot a trailer\n",
        "S\n\nKey\t: v\nK2 x: v\n",
    ]
    for message in messages:
        parsed = subprocess.run(["git", "interpret-trailers", "--parse"], input=message, capture_output=True, text=True, check=True).stdout
        expected = [tuple(line.split(": ", 1)) if ": " in line else (line.rstrip(":"), "") for line in parsed.splitlines()]
        assert parse_trailers(message) == expected, message
