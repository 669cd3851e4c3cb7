"""The content a file tool call leaves, computed before it runs (checks.assistant.edits), and the settings merge."""

import json
from typing import Any, Dict

import pytest

from checks.assistant.edits import apply_edit, apply_multi_edit, apply_notebook_edit, apply_tool, apply_write
from checks.assistant.hook_input import HookInputError, file_tool_call, require_object, stop_hook_active
from checks.assistant.settings_merge import HOOKS, SettingsShapeError, merge_hooks


def test_write_replaces_everything() -> None:
    assert apply_write("old", {"content": "new"}).text == "new"
    assert apply_write(None, {"content": ""}).text == ""
    assert apply_write("old", {}).failure is not None


def test_edit_replaces_the_single_occurrence() -> None:
    assert apply_edit("a b c", {"old_string": "b", "new_string": "B"}).text == "a B c"


def test_edit_refuses_an_ambiguous_string_unless_replace_all() -> None:
    failed = apply_edit("x x", {"old_string": "x", "new_string": "y"})
    assert failed.text is None and "2 times" in str(failed.failure)
    assert apply_edit("x x", {"old_string": "x", "new_string": "y", "replace_all": True}).text == "y y"


@pytest.mark.parametrize(
    ("current", "arguments", "reason"),
    [
        ("abc", {"old_string": "z", "new_string": "y"}, "not in the file"),
        ("abc", {"old_string": "a", "new_string": "a"}, "the same"),
        (None, {"old_string": "a", "new_string": "b"}, "does not exist"),
        ("abc", {"old_string": "", "new_string": "b"}, "empty 'old_string'"),
        ("abc", {"old_string": 3, "new_string": "b"}, "string"),
    ],
)
def test_edit_failures_mean_the_tool_changes_nothing(current: Any, arguments: Dict[str, Any], reason: str) -> None:
    result = apply_edit(current, arguments)
    assert result.text is None and reason in str(result.failure)


def test_edit_with_empty_old_string_creates_a_new_file() -> None:
    assert apply_edit(None, {"old_string": "", "new_string": "[]"}).text == "[]"


def test_edit_matches_windows_line_endings() -> None:
    assert apply_edit("a\r\nb\r\n", {"old_string": "a\nb", "new_string": "c"}).text == "c\n"


def test_multi_edit_applies_in_order_and_all_or_nothing() -> None:
    edits = [{"old_string": "a", "new_string": "b"}, {"old_string": "b", "new_string": "c", "replace_all": True}]
    assert apply_multi_edit("a b", {"edits": edits}).text == "c c"
    edits.append({"old_string": "zzz", "new_string": "q"})
    failed = apply_multi_edit("a b", {"edits": edits})
    assert failed.text is None and str(failed.failure).startswith("edit 3:")
    assert apply_multi_edit("a", {"edits": []}).text is None


NOTEBOOK = json.dumps(
    {
        "cells": [
            {"cell_type": "code", "id": "one", "metadata": {}, "execution_count": 3, "outputs": [{"output_type": "stream"}], "source": "x = 1"},
            {"cell_type": "markdown", "id": "two", "metadata": {}, "source": "# Title"},
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
)


def cells(text: Any) -> Any:
    return json.loads(text)["cells"]


def test_notebook_replace_clears_outputs_of_code_cells() -> None:
    result = cells(apply_notebook_edit(NOTEBOOK, {"cell_id": "one", "new_source": "x = 2"}).text)
    assert result[0]["source"] == "x = 2" and result[0]["outputs"] == [] and result[0]["execution_count"] is None


def test_notebook_insert_after_a_cell_or_first() -> None:
    after = cells(apply_notebook_edit(NOTEBOOK, {"cell_id": "two", "new_source": "y", "cell_type": "code", "edit_mode": "insert"}).text)
    assert [cell["source"] for cell in after] == ["x = 1", "# Title", "y"]
    first = cells(apply_notebook_edit(NOTEBOOK, {"new_source": "z", "cell_type": "markdown", "edit_mode": "insert"}).text)
    assert first[0]["source"] == "z"


def test_notebook_delete_and_cell_numbers() -> None:
    assert [cell["id"] for cell in cells(apply_notebook_edit(NOTEBOOK, {"cell_id": "cell-0", "new_source": "", "edit_mode": "delete"}).text)] == ["two"]


@pytest.mark.parametrize(
    ("current", "arguments"),
    [
        (None, {"cell_id": "one", "new_source": "x"}),
        ("{broken", {"cell_id": "one", "new_source": "x"}),
        (NOTEBOOK, {"cell_id": "missing", "new_source": "x"}),
        (NOTEBOOK, {"new_source": "x", "edit_mode": "insert"}),
        (NOTEBOOK, {"cell_id": "one", "new_source": "x", "edit_mode": "append"}),
        ('{"cells": 3}', {"cell_id": "one", "new_source": "x"}),
    ],
)
def test_notebook_edits_the_tool_refuses(current: Any, arguments: Dict[str, Any]) -> None:
    assert apply_notebook_edit(current, arguments).text is None


def test_unknown_tool_edits_nothing() -> None:
    assert apply_tool("Bash", "x", {"command": "rm"}).text is None


def test_hook_input_reading() -> None:
    call = file_tool_call({"tool_name": "NotebookEdit", "tool_input": {"notebook_path": "/p/n.ipynb"}, "cwd": "/p"})
    assert call is not None and (call.tool, call.path, call.cwd) == ("NotebookEdit", "/p/n.ipynb", "/p")
    assert file_tool_call({"tool_name": "Write", "tool_input": {"file_path": "a\x00b"}}) is None
    assert stop_hook_active({"stop_hook_active": True}) and not stop_hook_active({"stop_hook_active": "true"})
    with pytest.raises(HookInputError):
        require_object([1])


def test_merge_into_empty_settings_adds_the_three_hooks() -> None:
    merged, changed = merge_hooks({}, "prefguard")
    assert changed
    assert list(merged["hooks"]) == ["PreToolUse", "PostToolUse", "Stop"]
    pre = merged["hooks"]["PreToolUse"][0]
    assert pre["matcher"] == "Write|Edit|NotebookEdit|Bash"
    assert pre["hooks"] == [{"type": "command", "command": "prefguard assistant pre-tool-use", "timeout": 10}]
    assert "matcher" not in merged["hooks"]["Stop"][0]


def test_merge_keeps_every_existing_setting_and_is_idempotent() -> None:
    settings = {
        "permissions": {"allow": ["Bash(pytest:*)"]},
        "hooks": {
            "PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "./guard.sh"}]}],
            "Stop": [{"hooks": [{"type": "command", "command": "prefguard assistant stop", "timeout": 600}]}],
            "Notification": [{"hooks": [{"type": "command", "command": "notify-send done"}]}],
        },
        "env": {"X": "1"},
    }
    before = json.loads(json.dumps(settings))
    merged, changed = merge_hooks(settings, '"$CLAUDE_PROJECT_DIR/.venv/bin/prefguard"')
    assert changed
    assert merged["permissions"] == before["permissions"] and merged["env"] == before["env"]
    assert merged["hooks"]["Notification"] == before["hooks"]["Notification"]
    assert merged["hooks"]["PreToolUse"][0] == before["hooks"]["PreToolUse"][0]
    assert merged["hooks"]["PreToolUse"][1]["hooks"][0]["command"] == '"$CLAUDE_PROJECT_DIR/.venv/bin/prefguard" assistant pre-tool-use'
    assert merged["hooks"]["Stop"] == before["hooks"]["Stop"]
    again = json.loads(json.dumps(merged))
    assert merge_hooks(again, '"$CLAUDE_PROJECT_DIR/.venv/bin/prefguard"') == (merged, False)
    assert len(HOOKS) == 3


@pytest.mark.parametrize("settings", [[], {"hooks": []}, {"hooks": {"Stop": {"command": "x"}}}])
def test_merge_refuses_settings_of_another_shape(settings: Any) -> None:
    with pytest.raises(SettingsShapeError):
        merge_hooks(settings, "prefguard")


def test_changed_cells_are_the_inserted_and_rewritten_ones() -> None:
    from checks.assistant.notebook_cells import changed_cells

    before = json.dumps({"cells": [{"cell_type": "code", "source": ["a = 1\n", "b = 2"]}, {"cell_type": "markdown", "source": "# T"}]})
    after = json.dumps({"cells": [{"cell_type": "code", "source": "a = 1\nb = 2"}, {"cell_type": "code", "source": "c = 3"}, {"cell_type": "markdown", "source": "# T2"}]}, indent=4)
    assert changed_cells(before, after) == frozenset({2, 3})
    assert changed_cells(None, after) == frozenset({1, 2, 3})
    assert changed_cells("{broken", after) is None
