# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""One attack of each class of issue 23 through a real ``git commit`` with pre-commit's installed hooks.

The project and the hook repository are those of ``test_precommit_e2e`` (this
checkout's working tree as the hook repository, the demo project with its
first commit made and the hooks installed). Each attack must be refused by the
commit-msg hook (``prefguard guard --staged``) and leave the history unchanged.
"""

import json
import os

import pytest

from tests.hooks.test_precommit_e2e import (  # noqa: F401 (fixtures)
    Project,
    commit,
    commit_count,
    hook_line,
    hook_repo,
    must,
    pre_commit_home,
    prefguard,
    project,
)

pytestmark = pytest.mark.slow

LOG = ".claude/project_log.json"
CONCEPT = ".claude/project_concept.json"


def stage(project: Project) -> None:
    must(["git", "add", "-A"], project.path, project.env)


def refused_by_the_guard(project: Project, message: str, *codes: str) -> None:
    """The commit is refused by the guard hook with the codes on screen, and no commit is made."""
    before = commit_count(project)
    result = commit(project, message)
    assert result.returncode != 0, result.stdout
    assert hook_line(result.stdout, "prefguard guard").endswith("Failed"), result.stdout
    for code in codes:
        assert code in result.stdout, result.stdout
    assert commit_count(project) == before


def rewrite_log(project: Project) -> None:
    path = project.path / LOG
    log = json.loads(path.read_text(encoding="utf-8"))
    log[0]["executed"] = "nothing of note"
    path.write_text(json.dumps(log, indent=2) + "\n", encoding="utf-8")


def pyproject(project: Project, extra: str) -> None:
    path = project.path / "pyproject.toml"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


def test_configuration_of_the_change_does_not_judge_it(project: Project) -> None:
    pyproject(project, '\n[tool.prefguard.json-guard]\nfiles = {"*.json" = "off"}\n')
    rewrite_log(project)
    stage(project)
    refused_by_the_guard(project, "Tidy the log", "CFG001", "JSN001")


def test_shadowing_configuration_with_a_rewrite(project: Project) -> None:
    (project.path / "prefguard.toml").write_text('ignore = ["JSN", "CFG"]\n', encoding="utf-8")
    rewrite_log(project)
    stage(project)
    refused_by_the_guard(project, "Tidy the log", "CFG001", "JSN001")


def test_rule_parameter_weakened(project: Project) -> None:
    pyproject(project, "\n[tool.prefguard.english]\nmessage-calls = []\n")
    stage(project)
    refused_by_the_guard(project, "Simplify the rules", "CFG001")


def test_memory_file_replaced_by_a_symbolic_link(project: Project) -> None:
    os.unlink(project.path / LOG)
    os.symlink("/tmp/elsewhere.json", project.path / LOG)
    stage(project)
    refused_by_the_guard(project, "Move the log", "JSN003")


def test_log_renamed_out_with_no_verify_and_brought_back_rewritten(project: Project) -> None:
    (project.path / "notes").mkdir()
    must(["git", "mv", LOG, "notes/log.json"], project.path, project.env)
    must(["git", "commit", "-q", "--no-verify", "-m", "Park the log"], project.path, project.env)
    must(["git", "mv", "notes/log.json", LOG], project.path, project.env)
    rewrite_log(project)
    stage(project)
    refused_by_the_guard(project, "Bring the log back", "JSN001")


def test_readoption_after_unadoption_needs_approval(project: Project) -> None:
    hooks = (project.path / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    table = (project.path / "pyproject.toml").read_text(encoding="utf-8")
    (project.path / "pyproject.toml").write_text(table.split("[tool.prefguard")[0], encoding="utf-8")
    os.unlink(project.path / ".pre-commit-config.yaml")
    stage(project)
    must(["git", "commit", "-q", "--no-verify", "-m", "Remove tooling"], project.path, project.env)
    (project.path / ".pre-commit-config.yaml").write_text(hooks, encoding="utf-8")
    (project.path / "pyproject.toml").write_text(table, encoding="utf-8")
    (project.path / "demo" / "sloppy.py").write_text("def sloppy(a):\n    return a\n", encoding="utf-8")
    prefguard(["baseline"], project.path)
    stage(project)
    refused_by_the_guard(project, "Adopt prefguard", "BSL001")


def test_baseline_entries_of_a_deleted_file_moved_onto_a_new_file(project: Project) -> None:
    legacy = "def legacy(a, b):\n    return a + b\n"
    (project.path / "legacy.py").write_text(legacy, encoding="utf-8")
    prefguard(["baseline"], project.path)
    stage(project)
    must(["git", "commit", "-q", "--no-verify", "-m", "Legacy code, baselined"], project.path, project.env)
    os.unlink(project.path / "legacy.py")
    fresh = '"""A new module written today, different enough that git sees no rename."""\n\nVALUE = 1\n\n\n' + legacy
    (project.path / "fresh.py").write_text(fresh, encoding="utf-8")
    prefguard(["baseline"], project.path)
    stage(project)
    refused_by_the_guard(project, "Replace the legacy module", "BSL001")


def test_added_suppression(project: Project) -> None:
    core = project.path / "demo" / "core.py"
    core.write_text(core.read_text(encoding="utf-8").replace("def greet(name: str) -> str:", "def greet(name: str) -> str:  # prefguard: ignore[ANN001]"), encoding="utf-8")
    stage(project)
    refused_by_the_guard(project, "Quiet", "CFG002")


def test_prefguard_check_hook_removed(project: Project) -> None:
    path = project.path / ".pre-commit-config.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("      - id: prefguard-check\n", ""), encoding="utf-8")
    stage(project)
    refused_by_the_guard(project, "Faster commits", "CFG003")


def test_approval_outside_the_trailer_block(project: Project) -> None:
    path = project.path / CONCEPT
    concept = json.loads(path.read_text(encoding="utf-8"))
    concept["vision"] = "Whatever is convenient."
    path.write_text(json.dumps(concept, indent=2) + "\n", encoding="utf-8")
    stage(project)
    refused_by_the_guard(project, f"Sharpen the vision\n\n    Prefguard-Approve: {CONCEPT}#/vision\n", "JSN002")
