"""SARIF fix edits: one minimal replacement per fix, offered only where --fix would apply it."""

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
