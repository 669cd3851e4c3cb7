"""``prefguard assistant`` hook events fed recorded Claude Code payloads in temporary git repositories.

The payload files in ``tests/hooks/data/assistant`` have the shape the Claude Code
hooks reference documents (docs/assistant_hooks.md); ``__PROJECT__`` stands for the
temporary repository. Each test asserts the exit status and what the assistant reads.
"""

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import pytest

from hooks.assistant.events import run_event

DATA = Path(__file__).resolve().parent / "data" / "assistant"
LOG = ".claude/project_log.json"
CONCEPT = ".claude/project_concept.json"
STRUCTURE = ".claude/project_structure.json"
HEADER = (
    "# -*- coding: utf-8 -*-\n"
    "# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.\n"
    "# Cluj-Napoca, Romania\n"
)
CORE_SOURCE = HEADER + '"""Core."""\n\n\ndef compute() -> int:\n    """Return one."""\n    return 1\n'
MAIN_SOURCE = HEADER + '"""Entry point."""\n\nfrom pkg.core import compute\n\n\ndef main() -> int:\n    """Run."""\n    return compute()\n'
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}
CONCEPT_VALUE = {
    "project_name": "demo",
    "vision": "a demo",
    "core_goals": ["exactness"],
    "platform": "python",
    "key_constraints": [],
    "target_users": ["developers"],
}


def entry(number: int, **extra: Any) -> Dict[str, Any]:
    value: Dict[str, Any] = {
        "date": "2025-10-02",
        "time": "09:14",
        "requested": f"request {number}",
        "executed": f"work {number}",
        "files_touched": ["pkg/core.py"],
        "status": "success",
        "notes": "",
    }
    value.update(extra)
    return value


def module(name: str, path: str, **extra: Any) -> Dict[str, Any]:
    value: Dict[str, Any] = {
        "name": name,
        "path": path,
        "status": "active",
        "dependencies": [],
        "public_api": [],
        "last_modified": "2025-10-14",
    }
    value.update(extra)
    return value


def dump(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


class Project:
    """A temporary git repository with the three memory files, committed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        result = subprocess.run(["git", *args], cwd=self.path, env={**os.environ, **GIT_ENV}, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result.stdout

    def write(self, relative: str, content: Any) -> None:
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content if isinstance(content, str) else dump(content), encoding="utf-8")

    def read(self, relative: str) -> str:
        return (self.path / relative).read_text(encoding="utf-8")

    def read_json(self, relative: str) -> Any:
        return json.loads(self.read(relative))

    def commit(self, message: str = "change") -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)


def seed(project: Project, entries: int = 2) -> None:
    project.write(CONCEPT, CONCEPT_VALUE)
    project.write(
        STRUCTURE,
        {
            "project_name": "demo",
            "format_version": 1,
            "entry_point": "pkg/main.py",
            "last_modified": "2025-10-20",
            "modules": [module("core", "pkg/core.py"), module("main", "pkg/main.py"), module("verify", "verify_integration.py")],
        },
    )
    project.write(LOG, [entry(number) for number in range(entries)])
    project.write("pkg/__init__.py", "")
    project.write("pkg/core.py", CORE_SOURCE)
    project.write("pkg/main.py", MAIN_SOURCE)
    project.write("verify_integration.py", HEADER + '"""Verify."""\n\nimport sys\n\nfrom hooks.commands.verify import main\n\nif __name__ == "__main__":\n    sys.exit(main())\n')
    project.write("pyproject.toml", '[project]\nname = "demo"\nversion = "0.1"\n\n[tool.prefguard.integration]\nentry = ["pkg/main.py"]\n')


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    created = Project(tmp_path / "demo")
    seed(created)
    created.commit("seed")
    monkeypatch.delenv("CLAUDE_PROJECT_DIR", raising=False)
    monkeypatch.chdir(created.path)
    return created


def payload(name: str, project: Project, **tool_input: Any) -> Dict[str, Any]:
    """A recorded payload with the temporary project in its paths and ``tool_input`` fields replaced."""
    text = (DATA / f"{name}.json").read_text(encoding="utf-8").replace("__PROJECT__", str(project.path))
    value = json.loads(text)
    if tool_input:
        value["tool_input"].update(tool_input)
    return value


Run = Callable[..., Tuple[int, str]]
REFUSED = 2
OUTPUT_CAP = 10_000


def decision_of(event: str, out: str) -> str:
    """The reason of a JSON refusal, after checking it has exactly the documented shape of its event."""
    assert len(out) <= OUTPUT_CAP, f"{len(out)} characters over the cap"
    value = json.loads(out)
    if event == "pre-tool-use":
        assert set(value) == {"hookSpecificOutput"}
        specific = value["hookSpecificOutput"]
        assert set(specific) == {"hookEventName", "permissionDecision", "permissionDecisionReason"}
        assert specific["hookEventName"] == "PreToolUse" and specific["permissionDecision"] == "deny"
        return specific["permissionDecisionReason"]
    assert set(value) == {"decision", "reason"} and value["decision"] == "block"
    return value["reason"]


@pytest.fixture
def hook(capsys: pytest.CaptureFixture) -> Run:
    """Run one event in-process: (0, "") when it passes, (REFUSED, reason) for a JSON refusal, (1, stderr) on error.

    A refusal is exit status 0 with the event's JSON decision on stdout and
    nothing on stderr; an error is exit status 1 with one stderr line and
    nothing on stdout.
    """

    def run(event: str, value: Any) -> Tuple[int, str]:
        raw = value if isinstance(value, bytes) else json.dumps(value).encode("utf-8")
        capsys.readouterr()
        status = run_event(event, raw)
        captured = capsys.readouterr()
        if status == 1:
            assert captured.out == "" and captured.err.count("\n") == 1
            return 1, captured.err
        assert status == 0 and captured.err == ""
        if not captured.out:
            return 0, ""
        return REFUSED, decision_of(event, captured.out)

    return run


def log_text(project: Project, change: Callable[[List[Any]], Any]) -> str:
    log = project.read_json(LOG)
    change(log)
    return dump(log)


# PreToolUse: Write


def test_write_of_an_ordinary_file_passes_silently(project: Project, hook: Run) -> None:
    status, err = hook("pre-tool-use", payload("pre_write", project, file_path=str(project.path / "pkg/new.py"), content="X = 1\n"))
    assert (status, err) == (0, "")


def test_write_appending_a_log_entry_passes(project: Project, hook: Run) -> None:
    content = log_text(project, lambda log: log.append(entry(2)))
    status, err = hook("pre-tool-use", payload("pre_write", project, content=content))
    assert (status, err) == (0, "")


def test_write_rewriting_a_value_is_refused_with_pointer_and_advice(project: Project, hook: Run) -> None:
    content = log_text(project, lambda log: log[0].update(executed="summarised"))
    status, err = hook("pre-tool-use", payload("pre_write", project, content=content))
    assert status == REFUSED
    assert "JSN001 .claude/project_log.json#/0/executed" in err
    assert "'work 0' -> 'summarised'" in err
    assert "Append a new entry at the end instead" in err
    assert "prefguard memory log" in err
    assert "Prefguard-Approve: .claude/project_log.json#/0/executed" in err
    assert project.read_json(LOG)[0]["executed"] == "work 0"


def test_write_dropping_an_entry_is_refused(project: Project, hook: Run) -> None:
    content = log_text(project, lambda log: log.pop(0))
    status, err = hook("pre-tool-use", payload("pre_write", project, content=content))
    assert status == REFUSED
    assert "#/0 " in err and "removed" in err


def test_write_dropping_the_last_entry_is_refused(project: Project, hook: Run) -> None:
    content = log_text(project, lambda log: log.pop())
    status, err = hook("pre-tool-use", payload("pre_write", project, content=content))
    assert status == REFUSED
    assert "#/1 " in err


def test_write_reordering_entries_is_refused(project: Project, hook: Run) -> None:
    content = log_text(project, lambda log: log.reverse())
    status, err = hook("pre-tool-use", payload("pre_write", project, content=content))
    assert status == REFUSED
    assert "#/0/requested" in err and "#/1/requested" in err


def test_write_removing_a_field_is_refused(project: Project, hook: Run) -> None:
    content = log_text(project, lambda log: log[1].pop("notes"))
    status, err = hook("pre-tool-use", payload("pre_write", project, content=content))
    assert status == REFUSED
    assert "JSN001 .claude/project_log.json#/1/notes" in err and "removed" in err


def test_write_inserting_an_entry_at_the_head_is_refused(project: Project, hook: Run) -> None:
    content = log_text(project, lambda log: log.insert(0, entry(9)))
    status, err = hook("pre-tool-use", payload("pre_write", project, content=content))
    assert status == REFUSED
    assert "#/0" in err and "inserted" in err


def test_write_summarising_the_whole_log_is_refused(project: Project, hook: Run) -> None:
    status, err = hook("pre-tool-use", payload("pre_write", project, content='[{"summary": "two entries"}]\n'))
    assert status == REFUSED
    assert err.count("\n- JSN001") >= 2


def test_reformatting_without_data_change_passes(project: Project, hook: Run) -> None:
    log = project.read_json(LOG)
    content = json.dumps([dict(reversed(list(item.items()))) for item in log], indent=4)
    assert hook("pre-tool-use", payload("pre_write", project, content=content)) == (0, "")


def test_write_of_malformed_json_is_refused_with_its_position(project: Project, hook: Run) -> None:
    status, err = hook("pre-tool-use", payload("pre_write", project, content='[\n  {"date": "2025-10-02",}\n]\n'))
    assert status == REFUSED
    assert "JSN004" in err and "unreadable" in err and "line 2" in err
    assert "reads safely" in err


def test_write_with_duplicate_keys_is_refused(project: Project, hook: Run) -> None:
    content = log_text(project, lambda log: None).rstrip().rstrip("]") + ', {"date": "2025-10-03", "date": "2025-10-04"}]\n'
    status, err = hook("pre-tool-use", payload("pre_write", project, content=content))
    assert status == REFUSED
    assert "duplicate key 'date'" in err


def test_appended_entry_missing_schema_fields_is_refused(project: Project, hook: Run) -> None:
    content = log_text(project, lambda log: log.append({"date": "yesterday", "executed": "x"}))
    status, err = hook("pre-tool-use", payload("pre_write", project, content=content))
    assert status == REFUSED
    assert "JSN005" in err and "#/2" in err
    assert "schema" in err


def test_correcting_an_entry_appended_in_this_session_passes(project: Project, hook: Run) -> None:
    project.write(LOG, log_text(project, lambda log: log.append(entry(2, notes="tpyo"))))
    content = log_text(project, lambda log: log[2].update(notes="typo fixed"))
    assert hook("pre-tool-use", payload("pre_write", project, content=content)) == (0, "")


def test_earlier_damage_on_disk_does_not_block_an_append(project: Project, hook: Run) -> None:
    project.write(LOG, log_text(project, lambda log: log[0].update(notes="changed outside")))
    content = log_text(project, lambda log: log.append(entry(2)))
    assert hook("pre-tool-use", payload("pre_write", project, content=content)) == (0, "")


def test_creating_a_memory_file_that_does_not_exist_yet(project: Project, hook: Run) -> None:
    (project.path / LOG).unlink()
    project.commit("log removed")
    good = payload("pre_write", project, content=dump([entry(0)]))
    assert hook("pre-tool-use", good) == (0, "")
    bad = payload("pre_write", project, content=dump([{"date": "2025-10-02"}]))
    status, err = hook("pre-tool-use", bad)
    assert status == REFUSED and "JSN005" in err


def test_write_repairing_an_unreadable_binary_file_passes(project: Project, hook: Run) -> None:
    project.write(LOG, b"\xff\xfe\x00garbage")
    content = log_text_from_value([entry(0), entry(1), entry(2)])
    assert hook("pre-tool-use", payload("pre_write", project, content=content)) == (0, "")


def log_text_from_value(value: Any) -> str:
    return dump(value)


# PreToolUse: Edit, with and without replace_all


def test_edit_of_the_concept_vision_is_refused_as_immutable(project: Project, hook: Run) -> None:
    status, err = hook("pre-tool-use", payload("pre_edit", project))
    assert status == REFUSED
    assert "JSN002 .claude/project_concept.json#/vision" in err
    assert "explicit approval" in err
    assert project.read_json(CONCEPT)["vision"] == "a demo"


def test_edit_adding_a_concept_goal_is_refused(project: Project, hook: Run) -> None:
    value = payload("pre_edit", project, old_string='"exactness"', new_string='"exactness",\n    "speed"')
    status, err = hook("pre-tool-use", value)
    assert status == REFUSED and "#/core_goals/1" in err


def test_edit_of_a_mutable_structure_field_passes(project: Project, hook: Run) -> None:
    value = payload("pre_edit", project, file_path=str(project.path / STRUCTURE), old_string='"last_modified": "2025-10-20"', new_string='"last_modified": "2025-11-02"')
    assert hook("pre-tool-use", value) == (0, "")


def test_edit_of_a_module_name_is_refused(project: Project, hook: Run) -> None:
    value = payload("pre_edit", project, file_path=str(project.path / STRUCTURE), old_string='"name": "core"', new_string='"name": "kernel"')
    status, err = hook("pre-tool-use", value)
    assert status == REFUSED and "#/modules/0/name" in err


def test_edit_with_replace_all_rewrites_every_occurrence(project: Project, hook: Run) -> None:
    status, err = hook("pre-tool-use", payload("pre_edit_replace_all", project))
    assert status == REFUSED
    assert "#/0/status" in err and "#/1/status" in err


def test_edit_without_replace_all_of_an_ambiguous_string_passes_to_the_tool(project: Project, hook: Run) -> None:
    value = payload("pre_edit_replace_all", project, replace_all=False)
    assert hook("pre-tool-use", value) == (0, "")


def test_edit_whose_old_string_is_not_in_the_file_passes(project: Project, hook: Run) -> None:
    value = payload("pre_edit", project, old_string='"vision": "something else"')
    assert hook("pre-tool-use", value) == (0, "")


def test_edit_of_a_file_that_does_not_exist_passes(project: Project, hook: Run) -> None:
    value = payload("pre_edit", project, file_path=str(project.path / ".claude/project_log_archive.json"))
    assert hook("pre-tool-use", value) == (0, "")


def test_edit_of_a_windows_line_ending_file(project: Project, hook: Run) -> None:
    project.write(CONCEPT, dump(CONCEPT_VALUE).replace("\n", "\r\n"))
    project.commit("crlf")
    value = payload("pre_edit", project, old_string='"vision": "a demo",\n  "core_goals"', new_string='"vision": "other",\n  "core_goals"')
    status, err = hook("pre-tool-use", value)
    assert status == REFUSED and "#/vision" in err


def test_edit_with_a_relative_path_is_resolved_against_cwd(project: Project, hook: Run) -> None:
    value = payload("pre_edit", project, file_path=CONCEPT)
    status, err = hook("pre-tool-use", value)
    assert status == REFUSED and "#/vision" in err


# PreToolUse: MultiEdit


def test_multi_edit_of_mutable_fields_passes(project: Project, hook: Run) -> None:
    value = payload("pre_multi_edit", project)
    value["tool_input"]["edits"][0]["replace_all"] = True
    assert hook("pre-tool-use", value) == (0, "")


def test_multi_edit_whose_second_edit_destroys_data_is_refused(project: Project, hook: Run) -> None:
    value = payload("pre_multi_edit", project)
    value["tool_input"]["edits"][0]["replace_all"] = True
    value["tool_input"]["edits"].append({"old_string": '"path": "pkg/main.py"', "new_string": '"path": "pkg/app.py"'})
    status, err = hook("pre-tool-use", value)
    assert status == REFUSED and "#/modules/1/path" in err


def test_multi_edit_dropping_a_module_entry_is_refused(project: Project, hook: Run) -> None:
    text = project.read(STRUCTURE)
    start = text.index('    {\n      "name": "main"')
    end = text.index("}", start) + 1
    removed = text[text.rindex(",", 0, start):end]
    value = payload("pre_multi_edit", project, edits=[{"old_string": removed, "new_string": ""}])
    status, err = hook("pre-tool-use", value)
    assert status == REFUSED and "#/modules/1" in err and "removed" in err


def test_multi_edit_with_a_failing_edit_passes_to_the_tool(project: Project, hook: Run) -> None:
    value = payload("pre_multi_edit", project)
    value["tool_input"]["edits"][0]["replace_all"] = True
    value["tool_input"]["edits"].append({"old_string": "not there", "new_string": "x"})
    value["tool_input"]["edits"].append({"old_string": '"name": "core"', "new_string": '"name": "kernel"'})
    assert hook("pre-tool-use", value) == (0, "")


# PreToolUse: NotebookEdit and configured protected files


def notebook(*sources: str) -> Dict[str, Any]:
    cells = [{"cell_type": "code", "id": f"c{index + 1}", "metadata": {}, "execution_count": None, "outputs": [], "source": source} for index, source in enumerate(sources)]
    return {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def protect_notebooks(project: Project) -> None:
    text = project.read("pyproject.toml") + '\n[tool.prefguard.json-guard.files]\n"notebooks/*.ipynb" = "append-only"\n'
    project.write("pyproject.toml", text)
    project.write("notebooks/results.ipynb", notebook("x = 1", "y = 2"))
    project.commit("protected notebook")


def test_notebook_insert_after_the_last_cell_passes(project: Project, hook: Run) -> None:
    protect_notebooks(project)
    assert hook("pre-tool-use", payload("pre_notebook_edit", project)) == (0, "")


def test_notebook_insert_in_the_middle_is_refused(project: Project, hook: Run) -> None:
    protect_notebooks(project)
    status, err = hook("pre-tool-use", payload("pre_notebook_edit", project, cell_id="c1"))
    assert status == REFUSED and "#/cells/1" in err and "inserted" in err


def test_notebook_cell_replace_and_delete_are_refused(project: Project, hook: Run) -> None:
    protect_notebooks(project)
    status, err = hook("pre-tool-use", payload("pre_notebook_edit", project, edit_mode="replace", cell_id="c1"))
    assert status == REFUSED and "#/cells/0/source" in err
    status, err = hook("pre-tool-use", payload("pre_notebook_edit", project, edit_mode="delete", cell_id="c1"))
    assert status == REFUSED and "#/cells/" in err


def test_unprotected_notebook_edit_passes(project: Project, hook: Run) -> None:
    project.write("notebooks/results.ipynb", notebook("x = 1"))
    value = payload("pre_notebook_edit", project, edit_mode="replace", cell_id="c1")
    assert hook("pre-tool-use", value) == (0, "")


def test_configured_protected_file_without_json_suffix_is_judged(project: Project, hook: Run) -> None:
    project.write("state/runs.dat", dump([{"run": 1}]))
    text = project.read("pyproject.toml") + '\n[tool.prefguard.json-guard.files]\n"state/*.dat" = "append-only"\n'
    project.write("pyproject.toml", text)
    project.commit("protected state")
    value = payload("pre_write", project, file_path=str(project.path / "state/runs.dat"), content="[]\n")
    status, err = hook("pre-tool-use", value)
    assert status == REFUSED and "state/runs.dat#/0" in err


def test_configured_protected_yaml_is_read_as_yaml(project: Project, hook: Run) -> None:
    project.write("configs/runs.yaml", "runs:\n  - name: first\n    loss: 1.5\n")
    text = project.read("pyproject.toml") + '\n[tool.prefguard.json-guard.files]\n"configs/*.yaml" = "append-only"\n'
    project.write("pyproject.toml", text)
    project.commit("protected yaml")
    append = payload("pre_edit", project, file_path=str(project.path / "configs/runs.yaml"), old_string="    loss: 1.5\n", new_string="    loss: 1.5\n  - name: second\n    loss: 1.2\n")
    assert hook("pre-tool-use", append) == (0, "")
    rewrite = payload("pre_edit", project, file_path=str(project.path / "configs/runs.yaml"), old_string="loss: 1.5", new_string="loss: 0.9")
    status, err = hook("pre-tool-use", rewrite)
    assert status == REFUSED and "configs/runs.yaml#/runs/0/loss" in err


def test_guard_codes_ignored_by_configuration_pass(project: Project, hook: Run) -> None:
    project.write("pyproject.toml", project.read("pyproject.toml").replace("[tool.prefguard.integration]", '[tool.prefguard]\nignore = ["JSN002"]\n\n[tool.prefguard.integration]'))
    project.commit("ignore JSN002")
    assert hook("pre-tool-use", payload("pre_edit", project)) == (0, "")


# PreToolUse: bad input never blocks without a reason and never shows a traceback


def test_path_outside_the_project_passes(project: Project, hook: Run, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere" / ".claude" / "project_log.json"
    outside.parent.mkdir(parents=True)
    outside.write_text(dump([entry(0)]), encoding="utf-8")
    value = payload("pre_write", project, file_path=str(outside), content="[]\n")
    assert hook("pre-tool-use", value) == (0, "")


@pytest.mark.parametrize("tool", ["Bash", "Read", "mcp__files__write", "TodoWrite"])
def test_unknown_or_non_file_tools_pass(project: Project, hook: Run, tool: str) -> None:
    value = payload("pre_write", project, content="[]\n")
    value["tool_name"] = tool
    assert hook("pre-tool-use", value) == (0, "")


@pytest.mark.parametrize(
    "change",
    [
        lambda value: value.pop("tool_input"),
        lambda value: value.update(tool_input="not an object"),
        lambda value: value["tool_input"].pop("file_path"),
        lambda value: value["tool_input"].update(file_path=""),
        lambda value: value["tool_input"].pop("content"),
        lambda value: value.pop("tool_name"),
    ],
    ids=["no-tool-input", "tool-input-string", "no-file-path", "empty-file-path", "no-content", "no-tool-name"],
)
def test_missing_fields_pass_without_a_traceback(project: Project, hook: Run, change: Callable[[Dict[str, Any]], Any]) -> None:
    value = payload("pre_write", project)
    change(value)
    status, err = hook("pre-tool-use", value)
    assert status == 0
    assert "Traceback" not in err


def test_payload_without_cwd_is_judged_from_the_working_directory(project: Project, hook: Run) -> None:
    value = payload("pre_write", project)
    value.pop("cwd")
    status, err = hook("pre-tool-use", value)
    assert status == REFUSED and "#/0" in err


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"", "not valid JSON"),
        (b'{"hook_event_name": "PreToolUse", "tool_name": "Wri', "not valid JSON"),
        (b"not json at all", "not valid JSON"),
        (b'["PreToolUse"]', "not an object"),
        (b"\xff\xfe{}", "not UTF-8"),
    ],
    ids=["empty", "truncated", "garbage", "array", "binary"],
)
def test_unreadable_payload_is_a_non_blocking_error(project: Project, hook: Run, raw: bytes, fragment: str) -> None:
    status, err = hook("pre-tool-use", raw)
    assert status == 1
    assert fragment in err and "nothing was checked" in err
    assert "Traceback" not in err


def test_internal_error_is_exit_1_with_a_message(project: Project, hook: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from hooks.assistant import pre_tool_use

    def broken(*args: Any) -> Any:
        raise KeyError("boom")

    monkeypatch.setattr(pre_tool_use, "_judge_protected", broken)
    status, err = hook("pre-tool-use", payload("pre_write", project))
    assert status == 1
    assert "internal error" in err and "KeyError" in err and "Traceback" not in err


def test_unreadable_configuration_is_exit_1(project: Project, hook: Run) -> None:
    project.write("pyproject.toml", "[tool.prefguard\nbroken")
    status, err = hook("pre-tool-use", payload("pre_write", project))
    assert status == 1 and "pyproject.toml" in err


# PostToolUse


def test_post_tool_use_on_a_clean_file_is_silent(project: Project, hook: Run) -> None:
    project.write("pkg/core.py", CORE_SOURCE.replace("return 1", "return 2"))
    assert hook("post-tool-use", payload("post_edit", project)) == (0, "")


def test_post_tool_use_reports_findings_compactly(project: Project, hook: Run) -> None:
    project.write("pkg/extra.py", "import logging\n\ndef helper(value):\n    try:\n        return value\n    except:\n        pass\n")
    status, err = hook("post-tool-use", payload("post_write", project))
    assert status == REFUSED
    lines = err.splitlines()
    assert lines[0].startswith("prefguard: ") and "pkg/extra.py" in lines[0]
    reported = {line.split()[1] for line in lines[1:]}
    assert {"HDR001", "ANN001", "ANN002", "LOG001", "EXC001", "DOC002"} <= reported
    assert any(line.startswith("3:") and " ANN001 " in line for line in lines)


def test_post_tool_use_reports_only_the_lines_the_change_touched(project: Project, hook: Run) -> None:
    legacy = HEADER + '"""Legacy."""\n\n\ndef old(value):\n    """Old."""\n    return value\n'
    project.write("pkg/legacy.py", legacy)
    project.commit("legacy module")
    project.write("pkg/legacy.py", legacy + '\n\ndef new(value):\n    """New."""\n    return value\n')
    status, err = hook("post-tool-use", payload("post_write", project, file_path=str(project.path / "pkg/legacy.py")))
    assert status == REFUSED
    lines = err.splitlines()
    assert sorted(line.split()[1] for line in lines[1:-1]) == ["ANN001", "ANN002"]
    assert all(line.startswith("12:") for line in lines[1:-1])
    assert "2 more on lines this change did not touch" in lines[-1]


def test_post_tool_use_is_silent_when_only_untouched_lines_have_findings(project: Project, hook: Run) -> None:
    legacy = HEADER + '"""Legacy."""\n\n\ndef old(value):\n    """Old."""\n    return value\n'
    project.write("pkg/legacy.py", legacy)
    project.commit("legacy module")
    project.write("pkg/legacy.py", legacy.replace('"""Old."""', '"""Old, documented."""'))
    assert hook("post-tool-use", payload("post_write", project, file_path=str(project.path / "pkg/legacy.py"))) == (0, "")


def test_post_tool_use_applies_the_baseline(project: Project, hook: Run) -> None:
    from hooks.commands.baseline import write_baseline

    project.write("pkg/extra.py", "def helper(value):\n    return value\n")
    write_baseline(project.path)
    assert (project.path / ".prefguard-baseline.json").is_file()
    assert hook("post-tool-use", payload("post_write", project)) == (0, "")


def test_post_tool_use_on_a_notebook_reports_cell_findings(project: Project, hook: Run) -> None:
    project.write("notebooks/explore.ipynb", notebook("def f(x):\n    return x"))
    value = payload("post_write", project, file_path=str(project.path / "notebooks/explore.ipynb"))
    status, err = hook("post-tool-use", value)
    assert status == REFUSED
    assert "cell " in err and "ANN001" in err


def test_post_tool_use_on_a_committed_notebook_reports_only_changed_cells(project: Project, hook: Run) -> None:
    project.write("notebooks/explore.ipynb", notebook("def old(x):\n    return x"))
    project.commit("legacy notebook")
    value = notebook("def old(x):\n    return x", "def new(y):\n    return y")
    (project.path / "notebooks/explore.ipynb").write_text(json.dumps(value, indent=1), encoding="utf-8")
    status, err = hook("post-tool-use", payload("post_write", project, file_path=str(project.path / "notebooks/explore.ipynb")))
    assert status == REFUSED
    shown = [line for line in err.splitlines() if line.startswith("cell ")]
    assert shown and all(line.startswith("cell 2 ") for line in shown)
    assert "more on lines this change did not touch" in err


def test_post_tool_use_ignores_other_files_and_outside_paths(project: Project, hook: Run, tmp_path: Path) -> None:
    project.write("notes.txt", "anything")
    assert hook("post-tool-use", payload("post_write", project, file_path=str(project.path / "notes.txt"))) == (0, "")
    outside = tmp_path / "other.py"
    outside.write_text("def f(x):\n    pass\n", encoding="utf-8")
    assert hook("post-tool-use", payload("post_write", project, file_path=str(outside))) == (0, "")


def test_post_tool_use_on_an_excluded_or_missing_file_is_silent(project: Project, hook: Run) -> None:
    project.write("pyproject.toml", project.read("pyproject.toml").replace("[tool.prefguard.integration]", '[tool.prefguard]\nexclude = ["scratch/**"]\n\n[tool.prefguard.integration]'))
    project.write("scratch/try.py", "def f(x):\n    pass\n")
    assert hook("post-tool-use", payload("post_write", project, file_path=str(project.path / "scratch/try.py"))) == (0, "")
    assert hook("post-tool-use", payload("post_write", project, file_path=str(project.path / "pkg/gone.py"))) == (0, "")


def test_post_tool_use_on_binary_python_reports_without_traceback(project: Project, hook: Run) -> None:
    project.write("pkg/extra.py", b"\x00\x01\x02binary")
    status, err = hook("post-tool-use", payload("post_write", project))
    assert status == REFUSED and "PGX002" in err and "Traceback" not in err


# Stop


def test_stop_with_nothing_changed_passes(project: Project, hook: Run) -> None:
    assert hook("stop", payload("stop", project)) == (0, "")


def test_stop_refuses_python_changes_without_a_log_entry(project: Project, hook: Run) -> None:
    project.write("pkg/core.py", CORE_SOURCE.replace("return 1", "return 2"))
    status, err = hook("stop", payload("stop", project))
    assert status == REFUSED
    assert "MEM001" in err and "pkg/core.py" in err and "prefguard memory log" in err


def test_stop_passes_once_the_log_has_a_new_entry(project: Project, hook: Run) -> None:
    project.write("pkg/core.py", CORE_SOURCE.replace("return 1", "return 2"))
    project.write(LOG, log_text(project, lambda log: log.append(entry(2))))
    assert hook("stop", payload("stop", project)) == (0, "")


def test_stop_honours_stop_hook_active(project: Project, hook: Run) -> None:
    project.write("pkg/core.py", CORE_SOURCE.replace("return 1", "return 2"))
    assert hook("stop", payload("stop_active", project)) == (0, "")


def test_stop_refuses_a_new_module_without_a_structure_entry(project: Project, hook: Run) -> None:
    project.write("pkg/extra.py", HEADER + '"""Extra."""\n')
    project.write(LOG, log_text(project, lambda log: log.append(entry(2))))
    status, err = hook("stop", payload("stop", project))
    assert status == REFUSED
    assert "MEM002" in err and "pkg/extra.py" in err
    structure = project.read_json(STRUCTURE)
    structure["modules"].append(module("extra", "pkg/extra.py"))
    project.write(STRUCTURE, structure)
    assert hook("stop", payload("stop", project)) == (0, "")


def test_stop_refuses_a_critical_module_not_wired(project: Project, hook: Run) -> None:
    project.write("pkg/metrics.py", HEADER + '"""Metrics."""\n\n\ndef score() -> int:\n    """Score."""\n    return 3\n')
    structure = project.read_json(STRUCTURE)
    structure["modules"].append(module("metrics", "pkg/metrics.py", critical=True))
    project.write(STRUCTURE, structure)
    project.write(LOG, log_text(project, lambda log: log.append(entry(2))))
    status, err = hook("stop", payload("stop", project))
    assert status == REFUSED
    assert "INT002" in err and "NOT WIRED" in err and "metrics" in err


def test_stop_outside_git_passes(tmp_path: Path, hook: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "a.py").write_text("x = 1\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    value = json.loads((DATA / "stop.json").read_text(encoding="utf-8").replace("__PROJECT__", str(folder)))
    assert hook("stop", value) == (0, "")


def test_stop_before_the_first_commit(tmp_path: Path, hook: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = Project(tmp_path / "fresh")
    seed(fresh)
    monkeypatch.chdir(fresh.path)
    value = json.loads((DATA / "stop.json").read_text(encoding="utf-8").replace("__PROJECT__", str(fresh.path)))
    assert hook("stop", value) == (0, "")
    fresh.write(LOG, [])
    status, err = hook("stop", value)
    assert status == REFUSED and "MEM001" in err


# The real command line


def test_hooks_as_processes_with_claude_project_dir(project: Project) -> None:
    environment = {**os.environ, "CLAUDE_PROJECT_DIR": str(project.path)}
    content = log_text(project, lambda log: log.pop())
    raw = json.dumps(payload("pre_write", project, content=content)).encode("utf-8")
    command = [sys.executable, "-m", "hooks.cli", "assistant", "pre-tool-use"]
    result = subprocess.run(command, input=raw, capture_output=True, env=environment, cwd=project.path / "pkg")
    assert result.returncode == 0 and result.stderr == b""
    assert "#/1" in decision_of("pre-tool-use", result.stdout.decode("utf-8"))
    result = subprocess.run(command, input=b"{", capture_output=True, env=environment)
    assert result.returncode == 1 and b"Traceback" not in result.stderr


# Installing the hooks into .claude/settings.json


def test_install_merges_into_existing_settings_and_is_idempotent(project: Project, capsys: pytest.CaptureFixture) -> None:
    from hooks.cli import main

    project.write(".claude/settings.json", {"permissions": {"deny": ["Read(./.env)"]}, "hooks": {"PostToolUse": [{"matcher": "Write", "hooks": [{"type": "command", "command": "ruff format"}]}]}})
    assert main(["assistant", "install", str(project.path)]) == 0
    settings = project.read_json(".claude/settings.json")
    assert settings["permissions"] == {"deny": ["Read(./.env)"]}
    post = settings["hooks"]["PostToolUse"]
    assert post[0]["hooks"][0]["command"] == "ruff format"
    assert post[1]["hooks"][0]["command"].endswith("assistant post-tool-use") and post[1]["hooks"][0]["timeout"] == 60
    assert settings["hooks"]["Stop"][0]["hooks"][0]["command"].endswith("assistant stop")
    written = project.read(".claude/settings.json")
    capsys.readouterr()
    assert main(["assistant", "install", str(project.path)]) == 0
    assert "already has the prefguard hooks" in capsys.readouterr().err
    assert project.read(".claude/settings.json") == written


def test_install_uses_claude_project_dir_for_a_prefguard_inside_the_project(project: Project) -> None:
    from hooks.assistant.install import hook_executable

    script = project.path / ".venv" / "bin" / "prefguard"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    assert hook_executable(project.path, str(script)) == '"$CLAUDE_PROJECT_DIR/.venv/bin/prefguard"'
    assert hook_executable(project.path, "/usr/local/bin/prefguard") == "prefguard"


def test_install_dry_run_writes_nothing(project: Project, capsys: pytest.CaptureFixture) -> None:
    from hooks.cli import main

    capsys.readouterr()
    assert main(["assistant", "install", "--dry-run", str(project.path)]) == 0
    captured = capsys.readouterr()
    assert '"PreToolUse"' in captured.out and "would add" in captured.err
    assert not (project.path / ".claude/settings.json").exists()


@pytest.mark.parametrize("content", [b'{"hooks": {"Stop": []}, "hooks": {}}', b"{broken", b'{"hooks": ["x"]}'])
def test_install_refuses_unreadable_or_odd_settings_and_changes_nothing(project: Project, capsys: pytest.CaptureFixture, content: bytes) -> None:
    from hooks.cli import main

    project.write(".claude/settings.json", content)
    capsys.readouterr()
    assert main(["assistant", "install", str(project.path)]) == 2
    assert "settings.json" in capsys.readouterr().err
    assert (project.path / ".claude/settings.json").read_bytes() == content


IMPORT_PROBE = (
    "import sys\n"
    "from hooks.cli import main\n"
    "status = main(['assistant', 'pre-tool-use'])\n"
    "heavy = {'argparse', 'libcst', 'jsonschema', 'typing', 'shlex', 'subprocess', 'tomllib', 'dataclasses'}\n"
    "loaded = {name for name in sys.modules if name.split('.')[0] in heavy or name.startswith(('checks.', 'hooks.'))}\n"
    "print(status, sorted(loaded))\n"
)
LIGHT_MODULES = ["checks.assistant", "checks.assistant.hook_input", "hooks.assistant", "hooks.assistant.events", "hooks.assistant.pre_tool_use", "hooks.assistant.project", "hooks.cli", "hooks.version"]


@pytest.mark.parametrize(
    "tool_input",
    [
        {"tool_name": "Write", "tool_input": {"file_path": "pkg/new.py", "content": "X = 1\n"}},
        {"tool_name": "Bash", "tool_input": {"command": "python -m pytest -q tests/ 2>&1 | tail -5", "description": "Run the tests"}},
        {"tool_name": "Bash", "tool_input": {"command": "git status --short && git diff HEAD --stat", "description": "Show changes"}},
    ],
    ids=["ordinary-file", "pytest", "git-status"],
)
def test_ordinary_calls_import_no_parser_configuration_or_checks(project: Project, tool_input: Dict[str, Any]) -> None:
    value = payload("pre_write", project)
    value.update(copy.deepcopy(tool_input))
    if "file_path" in value["tool_input"]:
        value["tool_input"]["file_path"] = str(project.path / value["tool_input"]["file_path"])
    raw = json.dumps(value).encode("utf-8")
    result = subprocess.run([sys.executable, "-c", IMPORT_PROBE], input=raw, capture_output=True, cwd=project.path)
    assert result.stdout.decode().split(" ", 1) == ["0", f"{LIGHT_MODULES}\n"], result.stderr.decode()


# Worktrees under .claude/worktrees/: every path belongs to the work tree that holds it


@pytest.fixture
def worktree(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    """A Claude Code worktree of the project at .claude/worktrees/wt; CLAUDE_PROJECT_DIR stays at the main checkout."""
    project.write(".gitignore", ".claude/worktrees/\n")
    project.commit("ignore worktrees")
    project.git("worktree", "add", "-q", "-b", "worktree-wt", str(project.path / ".claude/worktrees/wt"))
    tree = Project.__new__(Project)
    tree.path = project.path / ".claude/worktrees/wt"
    monkeypatch.setenv("CLAUDE_PROJECT_DIR", str(project.path))
    monkeypatch.chdir(tree.path)
    return tree


def in_tree(name: str, tree: Project, **tool_input: Any) -> Dict[str, Any]:
    """A recorded payload whose cwd and paths are the worktree's, as Claude Code sends them inside it."""
    return payload(name, tree, **tool_input)


def test_worktree_log_edit_is_judged_as_the_worktrees_memory_file(project: Project, worktree: Project, hook: Run) -> None:
    content = log_text(worktree, lambda log: log.pop(0))
    status, reason = hook("pre-tool-use", in_tree("pre_write", worktree, content=content))
    assert status == REFUSED
    assert "JSN001 .claude/project_log.json#/0" in reason and "worktrees" not in reason
    appended = log_text(worktree, lambda log: log.append(entry(2)))
    assert hook("pre-tool-use", in_tree("pre_write", worktree, content=appended)) == (0, "")


def test_worktree_post_tool_use_reports_paths_relative_to_the_worktree(project: Project, worktree: Project, hook: Run) -> None:
    worktree.write("pkg/bad.py", "def f(x):\n    pass\n")
    status, reason = hook("post-tool-use", in_tree("post_write", worktree, file_path=str(worktree.path / "pkg/bad.py")))
    assert status == REFUSED
    assert reason.splitlines()[0].endswith("in pkg/bad.py (project policy); fix them now:")
    assert ".claude/worktrees" not in reason


def test_stop_in_the_main_checkout_checks_the_worktree_the_session_touched(project: Project, worktree: Project, hook: Run, tmp_path: Path) -> None:
    transcript = tmp_path / "transcripts" / "session.jsonl"
    transcript.parent.mkdir()
    worktree.write("pkg/core.py", CORE_SOURCE.replace("return 1", "return 2"))
    post = in_tree("post_write", worktree, file_path=str(worktree.path / "pkg/core.py"))
    post["transcript_path"] = str(transcript)
    hook("post-tool-use", post)
    stop = payload("stop", project)
    stop["transcript_path"] = str(transcript)
    status, reason = hook("stop", stop)
    assert status == REFUSED
    assert "- [work tree .claude/worktrees/wt] MEM001" in reason and "pkg/core.py" in reason
    assert (tmp_path / "transcripts" / f"{stop['session_id']}.prefguard-assistant.json").is_file()
    other = dict(stop, session_id="another-session")
    assert hook("stop", other) == (0, "")


def test_stop_inside_the_worktree_checks_it_without_any_record(project: Project, worktree: Project, hook: Run) -> None:
    worktree.write("pkg/core.py", CORE_SOURCE.replace("return 1", "return 2"))
    status, reason = hook("stop", in_tree("stop", worktree))
    assert status == REFUSED
    assert [line for line in reason.splitlines() if line.startswith("- ")] == [
        "- [work tree .claude/worktrees/wt] MEM001 the change touches Python source (pkg/core.py) but appends no entry to "
        ".claude/project_log.json; run `prefguard memory log --requested ... --executed ... --files ... --status ...`"
    ]


# Bash: refused before it runs when it plainly targets protected files or skips the hooks


def protect_state(project: Project) -> None:
    project.write("state/runs.dat", dump([{"run": 1}]))
    text = project.read("pyproject.toml") + '\n[tool.prefguard.json-guard.files]\n"state/*.dat" = "append-only"\n'
    project.write("pyproject.toml", text)
    project.commit("protected state")


ARCHIVE = ".claude/project_log_archive.json"
PROTECTED_FILES = [LOG, STRUCTURE, CONCEPT, ARCHIVE, "state/runs.dat"]
DESTRUCTIVE = [
    "rm {path}",
    "rm -f -- {path}",
    "echo '[]' > {path}",
    "printf '%s' x >> {path}",
    "cat /dev/null >| {path}",
    "sed -i 's/a/b/' {path}",
    "sed -i.bak -e 's/a/b/' {path}",
    "perl -pi -e 's/a/b/' {path}",
    "tee {path} < /dev/null",
    "truncate -s 0 {path}",
    "mv {path} /tmp/elsewhere.json",
    "cp /dev/null {path}",
    "git rm -q {path}",
    "python3 -c \"open('{path}', 'w').write('[]')\"",
    "python -c 'import pathlib; pathlib.Path(\"{path}\").unlink()'",
    "ls && cd {folder} && rm {name}",
    "bash -c 'rm {path}'",
]


@pytest.mark.parametrize("path", PROTECTED_FILES)
def test_bash_writing_a_protected_file_is_refused_before_it_runs(project: Project, hook: Run, path: str) -> None:
    protect_state(project)
    folder, name = path.rsplit("/", 1)
    for template in DESTRUCTIVE:
        command = template.format(path=path, folder=folder, name=name)
        status, reason = hook("pre-tool-use", payload("pre_bash", project, command=command))
        assert status == REFUSED, command
        assert reason.startswith("prefguard refused this Bash command"), command
        assert path in reason, command
        assert "Edit or Write tool" in reason and "prefguard memory log" in reason
        assert (project.path / path).exists() or path == ARCHIVE


def test_bash_removing_a_folder_or_glob_with_memory_files_is_refused(project: Project, hook: Run) -> None:
    for command in ["rm -rf .claude", "rm -r .claude/", "cd .claude && rm *.json", "rm .claude/*", "mv .claude /tmp/old", "rm -rf *", "rm -rf ."]:
        status, reason = hook("pre-tool-use", payload("pre_bash", project, command=command))
        assert status == REFUSED, command
        assert LOG in reason, command


ORDINARY_COMMANDS = [
        "python -m pytest -q tests/ 2>&1 | tail -5",
        "cat .claude/project_log.json | python -m json.tool",
        "python -c \"import json; print(len(json.load(open('.claude/project_log.json'))))\"",
        "git diff HEAD -- .claude/project_log.json",
        "git checkout -- .claude/project_log.json",
        "git restore --source=HEAD --staged --worktree -- .claude/project_log.json",
        "cp .claude/project_log.json /tmp/log-copy.json",
        "mkdir -p build && rm -rf build/*",
        "echo done > notes.json",
        "cp pkg/core.py .claude/",
        "prefguard memory log --requested x --executed y --files pkg/core.py --status success",
        "git commit -m 'fix -n handling' --no-gpg-sign",
        "git commit -am 'work'",
        "git push -n origin main",
        "git config --get core.hooksPath",
]


def test_ordinary_bash_commands_pass(project: Project, hook: Run) -> None:
    for command in ORDINARY_COMMANDS:
        assert hook("pre-tool-use", payload("pre_bash", project, command=command)) == (0, ""), command


BYPASSES = [
    ("git commit --no-verify -m 'x'", "--no-verify"),
    ("git commit --no-veri -m 'x'", "--no-veri"),
    ("git commit -nm 'x'", "-n"),
    ("git commit -a -n -m 'x'", "-n"),
    ("git add -A && git commit -m x --no-verify", "--no-verify"),
    ("git push --no-verify origin main", "--no-verify"),
    ("git merge --no-verify feature", "--no-verify"),
    ("git -c core.hooksPath=/dev/null commit -m x", "core.hooksPath"),
    ("git -c core.hookspath=/tmp/none commit -m x", "core.hookspath"),
    ("git config core.hooksPath /tmp/none", "core.hooksPath"),
    ("git config --unset core.hooksPath", "core.hooksPath"),
    ("bash -c \"git commit --no-verify -m x\"", "--no-verify"),
    ("SKIP=prefguard-guard git commit -m x", "SKIP="),
    ("rm .git/hooks/pre-commit", ".git/hooks"),
    ("chmod -x .git/hooks/commit-msg", ".git/hooks"),
]


def test_bash_skipping_the_git_hooks_is_refused_with_the_reason(project: Project, hook: Run) -> None:
    for command, named in BYPASSES:
        status, reason = hook("pre-tool-use", payload("pre_bash", project, command=command))
        assert status == REFUSED, command
        assert named in reason and "hooks" in reason, command
        assert "Never skip the git hooks" in reason


# Bash: after it runs, the protected files are compared with HEAD and the index


def post_bash(project: Project, command: str = "true") -> Dict[str, Any]:
    return payload("post_bash", project, command=command)


@pytest.mark.parametrize("path", [LOG, STRUCTURE, CONCEPT, "state/runs.dat"])
def test_post_bash_deletion_of_a_protected_file_names_the_restore_command(project: Project, hook: Run, path: str) -> None:
    protect_state(project)
    (project.path / path).unlink()
    status, reason = hook("post-tool-use", post_bash(project, f"rm {path}"))
    assert status == REFUSED
    assert f"JSN003 protected JSON {path} was deleted" in reason
    assert f"undo with `git checkout -- {path}`" in reason


@pytest.mark.parametrize(
    ("path", "change", "code"),
    [
        (LOG, lambda value: value.pop(0), "JSN001"),
        (LOG, lambda value: value[1].update(executed="summarised"), "JSN001"),
        (STRUCTURE, lambda value: value["modules"].pop(), "JSN001"),
        (CONCEPT, lambda value: value.update(vision="another"), "JSN002"),
        ("state/runs.dat", lambda value: value.clear(), "JSN001"),
    ],
    ids=["log-drop", "log-rewrite", "structure-drop", "concept-rewrite", "configured-clear"],
)
def test_post_bash_rewrite_of_a_protected_file_is_reported_once(project: Project, hook: Run, path: str, change: Callable[[Any], Any], code: str) -> None:
    protect_state(project)
    value = project.read_json(path)
    change(value)
    project.write(path, value)
    status, reason = hook("post-tool-use", post_bash(project, f"sed -i 's/a/b/' {path}"))
    assert status == REFUSED
    assert f"{code} " in reason and f"- {path}: undo with `git checkout -- {path}`" in reason
    assert hook("post-tool-use", post_bash(project, "ls")) == (0, "")
    project.write(path, project.read(path).replace("\n", "\n\n"))
    status, _ = hook("post-tool-use", post_bash(project, "touch x"))
    assert status == REFUSED


def test_post_bash_staged_damage_restores_index_and_work_tree(project: Project, hook: Run) -> None:
    project.write(LOG, "[]\n")
    project.git("add", LOG)
    status, reason = hook("post-tool-use", post_bash(project, "echo '[]' > .claude/project_log.json && git add -A"))
    assert status == REFUSED
    assert f"`git restore --source=HEAD --staged --worktree -- {LOG}`" in reason


def test_post_bash_unreadable_log_is_jsn004(project: Project, hook: Run) -> None:
    project.write(LOG, '[{"date": "2025-10-02",}]\n')
    status, reason = hook("post-tool-use", post_bash(project))
    assert status == REFUSED and "JSN004" in reason


def test_post_bash_append_and_untouched_files_pass(project: Project, hook: Run) -> None:
    assert hook("post-tool-use", post_bash(project, "ls")) == (0, "")
    project.write(LOG, log_text(project, lambda log: log.append(entry(2))))
    project.write("pkg/core.py", CORE_SOURCE.replace("return 1", "return 2"))
    assert hook("post-tool-use", post_bash(project, "prefguard memory log ...")) == (0, "")


def test_post_bash_baseline_growth_is_refused_like_the_commit_guard(project: Project, hook: Run) -> None:
    from hooks.commands.baseline import write_baseline

    project.write("pkg/extra.py", "def helper(value):\n    return value\n")
    write_baseline(project.path)
    project.commit("baseline adopted")
    project.write("pkg/more.py", "def other(value):\n    return value\n")
    write_baseline(project.path)
    status, reason = hook("post-tool-use", post_bash(project, "prefguard baseline"))
    assert status == REFUSED
    assert "BSL001" in reason and "pkg/more.py" in reason and "git checkout -- .prefguard-baseline.json" in reason


def test_stop_runs_the_same_comparison(project: Project, hook: Run) -> None:
    (project.path / CONCEPT).unlink()
    status, reason = hook("stop", payload("stop", project))
    assert status == REFUSED
    assert "JSN003" in reason and f"git checkout -- {CONCEPT}" in reason


# Output within Claude Code's 10,000-character cap


def test_stop_with_hundreds_of_findings_and_an_untracked_venv_fits_the_cap(project: Project, hook: Run) -> None:
    venv = project.path / ".venv"
    (venv / "lib").mkdir(parents=True)
    (venv / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    for number in range(400):
        (venv / "lib" / f"site_{number}.py").write_text("x = 1\n", encoding="utf-8")
    for number in range(300):
        project.write(f"pkg/generated_module_with_a_long_name_{number:03d}.py", HEADER + '"""Generated."""\n')
    log = project.read_json(LOG)
    project.write(LOG, [dict(item, executed="rewritten " * 30) for item in log] + [entry(2)])
    status, reason = hook("stop", payload("stop", project))
    assert status == REFUSED
    lines = reason.splitlines()
    assert lines[1].startswith(f"- {LOG}: undo with `git checkout -- {LOG}`")
    assert "MEM002" in reason and ".venv" not in reason
    assert "more: `git status --short`, `prefguard guard` and `prefguard verify` in each work tree lists them all" in reason
    shown = int(reason.split("(showing ", 1)[1].split(" of ", 1)[0])
    total = int(reason.split("(showing ", 1)[1].split(" of ", 1)[1].split(" lines;", 1)[0])
    assert 0 < shown < total and total >= 300


def test_post_bash_with_hundreds_of_rewritten_entries_fits_the_cap(project: Project, hook: Run) -> None:
    project.write(LOG, [entry(number) for number in range(400)])
    project.commit("long log")
    project.write(LOG, [entry(number, executed=f"summarised {number}") for number in range(400)])
    status, reason = hook("post-tool-use", post_bash(project, "sed -i 's/work/summarised/' .claude/project_log.json"))
    assert status == REFUSED
    assert reason.splitlines()[1].startswith(f"- {LOG}: undo with `git checkout -- {LOG}`")
    assert " of 401 lines; " in reason and f"more: `git -C {project.path} diff HEAD --stat` lists them all)" in reason


# Unreadable payloads: one line, exit 1, on every event and on the fast path


UNREADABLE = [
        (b"", "not valid JSON"),
        (b'{"tool_name": "Write", "tool_input": {"file_path": "a.py"}', "not valid JSON"),
        (b'{"tool_name": "Bash", garbage}', "not valid JSON"),
        (b'{"tool_name": "Write"}{"x": 1}', "not valid JSON"),
        (b"[1, 2]", "not an object"),
        (b'"text"', "not an object"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[" * 100_000, "too deeply"),
]


@pytest.mark.parametrize("event", ["pre-tool-use", "post-tool-use", "stop"])
def test_unreadable_payload_is_reported_on_every_event(project: Project, hook: Run, event: str) -> None:
    for raw, fragment in UNREADABLE:
        status, err = hook(event, raw)
        assert status == 1, raw[:40]
        assert fragment in err and "nothing was checked" in err and err.startswith("[ERROR] prefguard assistant"), raw[:40]


# Case variants of protected names


def test_case_variant_is_a_different_file_on_a_case_sensitive_file_system(project: Project, hook: Run) -> None:
    from hooks.assistant.project import is_case_insensitive

    assert is_case_insensitive(str(project.path / ".claude")) is False
    value = payload("pre_write", project, file_path=str(project.path / ".claude/PROJECT_LOG.json"), content="[]\n")
    assert hook("pre-tool-use", value) == (0, "")


def test_case_probe_recognises_a_folder_answering_to_another_spelling(tmp_path: Path) -> None:
    from hooks.assistant.project import is_case_insensitive

    (tmp_path / "Data").mkdir()
    (tmp_path / "dATA").symlink_to(tmp_path / "Data")
    (tmp_path / "Other").mkdir()
    assert is_case_insensitive(str(tmp_path / "Data")) is True
    assert is_case_insensitive(str(tmp_path / "Other")) is False


@pytest.fixture
def folded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every folder judged case-insensitive, as on macOS and Windows by default."""
    from hooks.assistant import project as project_module

    monkeypatch.setattr(project_module, "is_case_insensitive", lambda folder: True)
    import hooks.assistant.bash_tool as bash_module

    monkeypatch.setattr(bash_module, "is_case_insensitive", lambda folder: True)


@pytest.mark.parametrize("spelling", [".claude/PROJECT_LOG.json", ".Claude/Project_Log.JSON", ".CLAUDE/project_log.json"])
def test_case_variants_of_memory_files_are_protected_where_names_fold(project: Project, hook: Run, folded: None, spelling: str) -> None:
    write = payload("pre_write", project, file_path=str(project.path / spelling), content="[]\n")
    status, reason = hook("pre-tool-use", write)
    assert status == REFUSED and "JSN001 .claude/project_log.json#/0" in reason
    status, reason = hook("pre-tool-use", payload("pre_bash", project, command=f"rm {spelling}"))
    assert status == REFUSED and LOG in reason


# Installing: the matcher covers Bash, earlier prefguard matchers are upgraded


def test_install_upgrades_an_earlier_prefguard_matcher_and_keeps_a_custom_one(project: Project) -> None:
    from hooks.cli import main

    old = {"type": "command", "command": "prefguard assistant pre-tool-use", "timeout": 10}
    custom = {"type": "command", "command": "prefguard assistant post-tool-use", "timeout": 60}
    project.write(".claude/settings.json", {"hooks": {"PreToolUse": [{"matcher": "Write|Edit|MultiEdit|NotebookEdit", "hooks": [old]}], "PostToolUse": [{"matcher": "Write", "hooks": [custom]}]}})
    assert main(["assistant", "install", str(project.path)]) == 0
    settings = project.read_json(".claude/settings.json")
    assert settings["hooks"]["PreToolUse"] == [{"matcher": "Write|Edit|NotebookEdit|Bash", "hooks": [old]}]
    assert settings["hooks"]["PostToolUse"] == [{"matcher": "Write", "hooks": [custom]}]


def test_this_repositorys_settings_guard_bash(project: Project) -> None:
    settings = json.loads((Path(__file__).resolve().parents[2] / ".claude/settings.json").read_text(encoding="utf-8"))
    for event in ("PreToolUse", "PostToolUse"):
        assert [group["matcher"] for group in settings["hooks"][event]] == ["Write|Edit|NotebookEdit|Bash"]


# Appends to a long log are judged without reading the committed entries again, with the guard's own verdict


def test_appended_elements_text_recognises_only_pure_appends() -> None:
    from checks.assistant.appended import appended_elements_text

    old = '[\n  {"a": 1},\n  {"b": 2}\n]\n'
    assert appended_elements_text(old, '[\n  {"a": 1},\n  {"b": 2},\n  {"c": 3}\n]\n') == '[\n  {"c": 3}\n]\n'
    assert appended_elements_text(old, '[\n  {"a": 1},\n  {"b": 2}, {"c": 3}]') == '[ {"c": 3}]'
    assert appended_elements_text(old, '[\n  {"a": 1},\n  {"b": 3},\n  {"c": 3}\n]\n') is None
    assert appended_elements_text(old, old) is None
    assert appended_elements_text("[]\n", '[{"a": 1}]') is None
    assert appended_elements_text('{"a": [1]}', '{"a": [1, 2]}') is None


APPENDS = [
    lambda text: text.rstrip().rstrip("]").rstrip() + ",\n" + json.dumps(entry(9), indent=2) + "\n]\n",
    lambda text: text.rstrip().rstrip("]").rstrip() + ',\n  {"date": "yesterday", "executed": "x"}\n]\n',
    lambda text: text.rstrip().rstrip("]").rstrip() + ',\n  {"date": "2025-10-02", "date": "2025-10-03"}\n]\n',
    lambda text: text.rstrip().rstrip("]").rstrip() + ",\n]\n",
    lambda text: text.rstrip().rstrip("]").rstrip() + ",\n  " + json.dumps(entry(9)) + ",\n  " + json.dumps(entry(10, status="maybe")) + "\n]\n",
    lambda text: text.replace("work 0", "work zero").rstrip().rstrip("]").rstrip() + ",\n" + json.dumps(entry(9)) + "\n]\n",
]


@pytest.mark.parametrize("change", APPENDS, ids=["valid", "schema", "duplicate-key", "trailing-comma", "two-entries-one-bad", "rewrite-and-append"])
def test_append_shortcut_agrees_with_the_whole_guard(project: Project, monkeypatch: pytest.MonkeyPatch, change: Callable[[str], str]) -> None:
    from hooks.assistant import tree_compare

    project.write(LOG, change(project.read(LOG)))
    shortcut = [(item.code, item.path, item.message, item.restore) for item in tree_compare.protected_findings(str(project.path))]
    monkeypatch.setattr(tree_compare, "judged_as_append", lambda *arguments: None)
    whole = [(item.code, item.path, item.message, item.restore) for item in tree_compare.protected_findings(str(project.path))]
    assert shortcut == whole


def test_append_shortcut_is_taken_and_its_committed_length_cached(project: Project) -> None:
    from hooks.assistant import tree_compare
    from hooks.assistant.session import CommittedArrays

    project.write(LOG, APPENDS[1](project.read(LOG)))
    entry_of_log = next(item for item in tree_compare.changed_entries(str(project.path)) if item.path == LOG)
    from hooks.config_loader import load_settings

    context = tree_compare.AppendContext(load_settings(start=project.path))
    objects = tree_compare.GitObjects(str(project.path))
    try:
        found = tree_compare.judged_as_append(entry_of_log, context, objects)
    finally:
        objects.close()
    assert found is not None and len(found) == 7
    assert {item.code for item in found} == {"JSN005"} and all(str(item.pointer).startswith("/2") for item in found)
    assert CommittedArrays(str(project.path)).lengths == {entry_of_log.head_sha: 2}
    assert (project.path / ".git/prefguard/committed-arrays.json").is_file()


def test_stop_names_the_worktree_in_the_restore_command(project: Project, worktree: Project, hook: Run, tmp_path: Path) -> None:
    transcript = tmp_path / "transcripts" / "session.jsonl"
    transcript.parent.mkdir()
    (worktree.path / CONCEPT).unlink()
    post = in_tree("post_bash", worktree, command=f"rm {CONCEPT}")
    post["transcript_path"] = str(transcript)
    status, reason = hook("post-tool-use", post)
    assert status == REFUSED
    assert f"- [work tree .claude/worktrees/wt] {CONCEPT}: undo with `git -C {worktree.path} checkout -- {CONCEPT}`" in reason
    stop = payload("stop", project)
    stop["transcript_path"] = str(transcript)
    status, reason = hook("stop", stop)
    assert status == REFUSED and f"`git -C {worktree.path} checkout -- {CONCEPT}`" in reason


def test_stop_in_the_main_checkout_does_not_read_an_unignored_worktree_as_new_modules(project: Project, hook: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    project.git("worktree", "add", "-q", "-b", "worktree-plain", str(project.path / ".claude/worktrees/plain"))
    (project.path / ".claude/worktrees/plain/pkg/extra.py").write_text(HEADER + '"""Extra."""\n', encoding="utf-8")
    monkeypatch.setenv("CLAUDE_PROJECT_DIR", str(project.path))
    assert "??" in project.git("status", "--short")
    assert hook("stop", payload("stop", project)) == (0, "")


def test_post_bash_that_cannot_judge_records_nothing_and_judges_next_time(project: Project, hook: Run) -> None:
    project.write(LOG, "[]\n")
    text = project.read("pyproject.toml")
    project.write("pyproject.toml", "[tool.prefguard\nbroken")
    status, err = hook("post-tool-use", post_bash(project, "echo '[]' > .claude/project_log.json"))
    assert status == 1 and "pyproject.toml" in err
    project.write("pyproject.toml", text)
    status, reason = hook("post-tool-use", post_bash(project, "ls"))
    assert status == REFUSED and "JSN001" in reason


def tail_append(text: str, addition: str) -> str:
    return text.rstrip().rstrip("]").rstrip() + ",\n" + addition + "\n]\n"


WRITE_APPENDS = [
    (None, json.dumps(entry(9), indent=2)),
    (None, '{"date": "yesterday", "executed": "x"}'),
    (json.dumps(entry(5)), json.dumps(entry(6, status="maybe"))),
    (json.dumps(entry(5)), '{"a": 1, "a": 2}'),
    (None, ""),
    ('{"date": "x"}', json.dumps(entry(7))),
]


@pytest.mark.parametrize(("on_disk", "addition"), WRITE_APPENDS, ids=["valid", "schema", "after-session-append", "duplicate-key", "empty", "after-bad-append"])
def test_pre_tool_use_append_shortcut_agrees_with_the_whole_judgement(project: Project, hook: Run, monkeypatch: pytest.MonkeyPatch, on_disk: Optional[str], addition: str) -> None:
    from hooks.assistant import pre_tool_use

    if on_disk is not None:
        project.write(LOG, tail_append(project.read(LOG), on_disk))
    value = payload("pre_write", project, content=tail_append(project.read(LOG), addition) if addition else project.read(LOG).replace("\n]", ",\n]"))
    shortcut = hook("pre-tool-use", value)
    monkeypatch.setattr(pre_tool_use, "judged_as_append", lambda *arguments: None)
    assert shortcut == hook("pre-tool-use", value)


def test_pre_tool_use_append_shortcut_is_taken_for_an_edit_appending_an_entry(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from hooks.assistant import pre_tool_use

    calls: List[Any] = []
    original = pre_tool_use.judged_as_append
    monkeypatch.setattr(pre_tool_use, "judged_as_append", lambda *arguments: calls.append(original(*arguments)) or calls[-1])
    text = project.read(LOG)
    last = text[text.rindex("  {"):text.rindex("}") + 1]
    value = payload("pre_edit", project, file_path=str(project.path / LOG), old_string=last, new_string=last + ',\n  {"date": "yesterday"}')
    status, reason = pre_tool_use.judge(value).status, pre_tool_use.judge(value).message
    assert status == 2 and "JSN005" in reason and "#/2" in reason
    assert calls and calls[0] is not None and {item.code for item in calls[0]} == {"JSN005"}


def test_post_bash_after_a_pure_append_does_not_load_the_guard(project: Project) -> None:
    project.write(LOG, APPENDS[0](project.read(LOG)))
    probe = (
        "import sys\n"
        "from hooks.assistant.events import run_event\n"
        "status = run_event('post-tool-use', sys.stdin.buffer.read())\n"
        "print(status, 'hooks.commands.guard' in sys.modules, 'jsonschema' in sys.modules)\n"
    )
    raw = json.dumps(post_bash(project, "prefguard memory log ...")).encode("utf-8")
    result = subprocess.run([sys.executable, "-c", probe], input=raw, capture_output=True, cwd=project.path)
    assert result.stdout.decode() == "0 False True\n", result.stderr.decode()
