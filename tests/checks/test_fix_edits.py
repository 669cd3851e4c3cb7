"""SARIF fix edits: one minimal replacement per fix, offered only where --fix would apply it."""

import pytest

from checks.config.settings import build_settings
from checks.engine.fix_edits import TextEdit, fix_edits, minimal_edit

SETTINGS = build_settings({}, select=["PRN002", "EXC001"])


def test_a_fix_becomes_one_minimal_edit_at_the_finding() -> None:
    source = b"for step in range(3):\n    print(step)\n"
    edits = fix_edits(source, "m.py", SETTINGS)
    assert edits == {("PRN002", 2, 5): TextEdit(2, 15, 2, 15, ", flush=True")}


def test_no_edit_when_libcst_does_not_reproduce_the_file() -> None:
    source = b"try:\n    run()\nexcept OSError :\n    pass\nfor step in range(3):\n    print(step)\n"
    assert fix_edits(source, "m.py", SETTINGS) == {}


def test_no_edit_when_the_bytes_do_not_survive_their_codec() -> None:
    source = b"# coding: unicode_escape\nfor step in range(3):\n    print(step)\n"
    assert fix_edits(source, "m.py", SETTINGS) == {}


def test_edit_lines_are_counted_as_python_counts_them() -> None:
    before = "a = 1\rb = 2\r\nc = print(x)\n"
    after = "a = 1\rb = 2\r\nc = print(x, flush=True)\n"
    assert minimal_edit(before, after) == TextEdit(3, 12, 3, 12, ", flush=True")


FIXABLE_EVERYWHERE = (
    "import os; from .other import thing; import sys\n"
    "from . import (a,\n    b)\n"
    "def f(paths):\n"
    "    for p in paths:\n"
    "        print(p)\n"
    "        print(p, flush=False, end='')\n"
    "        print(\n            p,\n            flush=False\n        )\n"
    "        with open(p) as h, open(p, 'w') as g:\n            pass\n"
    "        data = open(p,).read()\n"
    "    if True:\n"
    "        sep = '-' * 40\n"
    "    from .deep.mod import z\n"
)


def _apply(text: str, edit: TextEdit) -> str:
    lines = text.splitlines(keepends=True)

    def offset(line: int, column: int) -> int:
        return sum(len(item) for item in lines[: line - 1]) + column - 1

    return text[: offset(edit.line, edit.column)] + edit.text + text[offset(edit.end_line, edit.end_column):]


@pytest.mark.parametrize("indent", [0, 1])
def test_edits_from_the_walked_tree_equal_applying_each_fix_to_the_module(indent: int) -> None:
    import libcst as cst

    from checks.engine.lint import apply_fixes, run_rules_with_positions

    settings = build_settings({}, select=["PRN002", "IMP001", "ENC001", "SEP001", "HDR001", "HDR002"])
    lines = FIXABLE_EVERYWHERE.splitlines(keepends=True)
    source = FIXABLE_EVERYWHERE if not indent else "class K:\n" + "".join("    " + line for line in lines)
    edits = fix_edits(source, "pkg/mod.py", settings)
    module = cst.parse_module(source)
    fixable = [f for f in run_rules_with_positions(module, source, "pkg/mod.py", settings, True, None) if f.fix is not None]
    assert len(fixable) >= 12 and len(edits) == len(fixable)
    assert {f.code for f in fixable} == {"PRN002", "IMP001", "ENC001", "SEP001", "HDR001", "HDR002"}
    for finding in fixable:
        expected = apply_fixes(module, [finding]).code
        assert _apply(source, edits[(finding.code, finding.line, finding.column)]) == expected, finding
