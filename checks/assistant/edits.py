# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The content a file tool call would leave on disk, computed before the tool runs.

Each function takes the file's current text (None when the file does not
exist) and the tool's arguments, and returns an :class:`EditResult`: the new
text, or the reason the tool itself will refuse the call (then nothing is
written and there is nothing to judge). The rules follow the tools:

- Write replaces the whole file with ``content``.
- Edit replaces ``old_string`` by ``new_string``: exactly one occurrence, or
  every occurrence with ``replace_all``; an ``old_string`` that is missing,
  ambiguous or equal to ``new_string`` fails. An empty ``old_string`` creates
  a file that does not exist yet (or is empty).
- MultiEdit (gone from current Claude Code, read for older versions) applies
  its ``edits`` in order, each to the result of the one
  before; one failing edit fails them all.
- NotebookEdit replaces, inserts (after ``cell_id``, or first) or deletes one
  cell of the notebook.

Files written with Windows line endings are matched as the tools match them:
with ``\\r\\n`` read as ``\\n``.
"""

from dataclasses import dataclass
from typing import Any, Dict, List, Optional

from checks.assistant.hook_input import TOOL_EDIT, TOOL_MULTI_EDIT, TOOL_NOTEBOOK_EDIT, TOOL_WRITE
from checks.guard.strict_json import StrictJsonError, dumps, loads

NOTEBOOK_MODES = ("replace", "insert", "delete")
CELL_TYPES = ("code", "markdown")


@dataclass(frozen=True)
class EditResult:
    """The text after the call, or why the tool will not change the file."""

    text: Optional[str]
    failure: Optional[str] = None


def _failed(reason: str) -> EditResult:
    return EditResult(text=None, failure=reason)


def _string(arguments: Dict[str, Any], name: str) -> Optional[str]:
    value = arguments.get(name)
    return value if isinstance(value, str) else None


def apply_write(current: Optional[str], arguments: Dict[str, Any]) -> EditResult:
    """Write: the new content replaces the file."""
    content = _string(arguments, "content")
    if content is None:
        return _failed("Write has no string 'content'")
    return EditResult(text=content)


def replace_once(text: Optional[str], old: Any, new: Any, replace_all: Any) -> EditResult:
    """One Edit replacement applied to ``text`` (None: the file does not exist)."""
    if not isinstance(old, str) or not isinstance(new, str):
        return _failed("the edit needs string 'old_string' and 'new_string'")
    if old == "":
        if text is None or text == "":
            return EditResult(text=new)
        return _failed("an empty 'old_string' only creates a file that does not exist yet")
    if text is None:
        return _failed("the file does not exist")
    if old == new:
        return _failed("'old_string' and 'new_string' are the same")
    if old not in text and "\r\n" in text:
        text = text.replace("\r\n", "\n")
    count = text.count(old)
    if count == 0:
        return _failed("'old_string' is not in the file")
    if count > 1 and replace_all is not True:
        return _failed(f"'old_string' occurs {count} times and 'replace_all' is not set")
    if replace_all is True:
        return EditResult(text=text.replace(old, new))
    return EditResult(text=text.replace(old, new, 1))


def apply_edit(current: Optional[str], arguments: Dict[str, Any]) -> EditResult:
    """Edit: one replacement, honouring ``replace_all``."""
    return replace_once(current, arguments.get("old_string"), arguments.get("new_string"), arguments.get("replace_all", False))


def apply_multi_edit(current: Optional[str], arguments: Dict[str, Any]) -> EditResult:
    """MultiEdit: every edit in order on the result of the previous one; all or nothing."""
    edits = arguments.get("edits")
    if not isinstance(edits, list) or not edits:
        return _failed("MultiEdit has no list of 'edits'")
    text = current
    for number, edit in enumerate(edits, start=1):
        if not isinstance(edit, dict):
            return _failed(f"edit {number} is not an object")
        result = replace_once(text, edit.get("old_string"), edit.get("new_string"), edit.get("replace_all", False))
        if result.text is None:
            return _failed(f"edit {number}: {result.failure}")
        text = result.text
    return EditResult(text=text)


def _cell_index(cells: List[Any], cell_id: str) -> Optional[int]:
    """The index of the cell with that id; ``cell-N`` or ``N`` name the N-th cell when no id matches."""
    for index, cell in enumerate(cells):
        if isinstance(cell, dict) and cell.get("id") == cell_id:
            return index
    number = cell_id[len("cell-"):] if cell_id.startswith("cell-") else cell_id
    if number.isdigit() and int(number) < len(cells):
        return int(number)
    return None


def _new_cell(cell_type: str, source: str) -> Dict[str, Any]:
    cell: Dict[str, Any] = {"cell_type": cell_type, "metadata": {}, "source": source}
    if cell_type == "code":
        cell["execution_count"] = None
        cell["outputs"] = []
    return cell


def apply_notebook_edit(current: Optional[str], arguments: Dict[str, Any]) -> EditResult:
    """NotebookEdit: one cell replaced, inserted or deleted in the notebook's JSON."""
    if current is None:
        return _failed("the notebook does not exist")
    source = _string(arguments, "new_source")
    mode = arguments.get("edit_mode") or "replace"
    if mode not in NOTEBOOK_MODES:
        return _failed(f"unknown edit_mode {mode!r}")
    if source is None and mode != "delete":
        return _failed("NotebookEdit has no string 'new_source'")
    try:
        notebook = loads(current)
    except StrictJsonError as error:
        return _failed(f"the notebook is not readable JSON: {error}")
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        return _failed("the notebook has no list of 'cells'")
    cell_id = arguments.get("cell_id")
    index = _cell_index(cells, cell_id) if isinstance(cell_id, str) and cell_id else None
    if isinstance(cell_id, str) and cell_id and index is None:
        return _failed(f"no cell {cell_id!r} in the notebook")
    cell_type = arguments.get("cell_type")
    if mode == "insert":
        if cell_type not in CELL_TYPES:
            return _failed("inserting a cell needs 'cell_type' code or markdown")
        cells.insert(0 if index is None else index + 1, _new_cell(str(cell_type), str(source)))
    elif index is None:
        return _failed(f"{mode} needs the 'cell_id' of an existing cell")
    elif mode == "delete":
        del cells[index]
    else:
        cell = cells[index]
        if not isinstance(cell, dict):
            return _failed(f"cell {cell_id!r} is not an object")
        if cell_type in CELL_TYPES:
            cell["cell_type"] = cell_type
        cell["source"] = source
        if cell.get("cell_type") == "code":
            cell["execution_count"] = None
            cell["outputs"] = []
    return EditResult(text=dumps(notebook))


APPLIERS = {
    TOOL_WRITE: apply_write,
    TOOL_EDIT: apply_edit,
    TOOL_MULTI_EDIT: apply_multi_edit,
    TOOL_NOTEBOOK_EDIT: apply_notebook_edit,
}


def apply_tool(tool: str, current: Optional[str], arguments: Dict[str, Any]) -> EditResult:
    """The result of one file tool call on the current text."""
    applier = APPLIERS.get(tool)
    if applier is None:
        return _failed(f"{tool} does not edit files")
    return applier(current, arguments)
