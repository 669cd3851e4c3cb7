"""STB001-STB003 beyond their own examples: settings, positions and the cases a naive check gets wrong."""

from typing import Any, Dict, List, Tuple

from checks.engine.lint import lint_source
from checks.analysis.project_index import ProjectIndex
from checks.config.settings import build_settings


def found(source: str, code: str, path: str = "pkg/mod.py", table: Dict[str, Any] = {}) -> List[Tuple[str, int, int]]:
    settings = build_settings(dict(table), select=[code])
    return [(f.code, f.line, f.column) for f in lint_source(source, path, settings) if f.code == code]


def test_empty_init_is_flagged_when_the_setting_is_off() -> None:
    assert found("", "STB001", "pkg/__init__.py") == []
    assert found("", "STB001", "pkg/__init__.py", {"allow-empty-init": False}) == [("STB001", 1, 1)]


def test_comment_only_module_is_empty_but_a_docstring_module_is_not() -> None:
    assert found("# nothing yet\n# really nothing\n", "STB001") == [("STB001", 1, 1)]
    assert found('"""Constants of the run."""\n', "STB001") == []
    assert found("import os  # side effect\n", "STB001") == []


def test_stub_methods_of_a_non_abstract_base_are_reported_at_their_names() -> None:
    source = "class Callback:\n    def on_step(self) -> None:\n        pass\n\n    def on_end(self) -> None: ...\n"
    assert found(source, "STB002") == [("STB002", 2, 9), ("STB002", 5, 9)]


def test_stub_rule_exemptions() -> None:
    source = (
        "import abc\nimport typing\nfrom functools import singledispatch\n\n"
        "class Port(typing.Protocol):\n    def send(self, data: bytes) -> None: ...\n\n"
        "class Base(abc.ABC):\n    @property\n    @abc.abstractmethod\n    def name(self) -> str:\n        ...\n\n"
        "@typing.overload\ndef pick(x: int) -> int: ...\n\n"
        "@singledispatch\ndef dump(value: object) -> str:\n    raise NotImplementedError\n\n"
        "@dump.register\ndef _(value: int) -> str:\n    raise NotImplementedError\n\n"
        "class TimeoutFailure(RuntimeError):\n    ...\n\n"
        "class Combined(Port, Base):\n    pass\n\n"
        "def outer() -> None:\n    class Local:\n        pass\n\n    def callback() -> None:\n        pass\n    run(Local, callback)\n"
    )
    assert found(source, "STB002") == []


def test_a_real_body_that_raises_not_implemented_for_one_case_is_fine() -> None:
    source = "def codec(name: str) -> str:\n    if name != 'utf-8':\n        raise NotImplementedError(name)\n    return name\n"
    assert found(source, "STB002") == []


def test_marker_in_a_multiline_docstring_is_reported_on_its_own_line_and_column() -> None:
    source = 'def load() -> None:\n    """Load.\n\n    Note: FIXME when the format changes.\n    """\n    read()\n'
    assert found(source, "STB003") == [("STB003", 4, 11)]


def test_marker_on_the_first_docstring_line_counts_the_quotes() -> None:
    assert found('"""TODO."""\nx = 1\n', "STB003") == [("STB003", 1, 4)]
    assert found('x = 1\nr"""TBD: the format."""\n', "STB003") == []
    assert found('"""Module."""\nx = 1\nr"""TBD: not a docstring, only a string."""\n', "STB003") == []


def test_markers_are_configurable() -> None:
    table = {"placeholder-markers": ["HACK", "wip"]}
    source = "# TODO: fine here\n# HACK: around the bug\n# this is wip\n"
    assert found(source, "STB003", table=table) == [("STB003", 2, 1), ("STB003", 3, 1)]


def test_markers_in_strings_and_identifiers_are_not_comments() -> None:
    source = "TODO_FILE = 'TODO.md'\nfixme_count = 0\nprint('XXX: shown to the user')\n"
    assert found(source, "STB003") == []


def test_ordinary_words_need_an_unfinished_cue() -> None:
    assert found("# -1 is a placeholder for index zero\nx = [-1]\n", "STB003") == []
    assert found("# Placeholder for the real model.\nx = 1\n", "STB003") == []
    assert found("# placeholder: the real model lands next week\nx = 1\n", "STB003") == [("STB003", 1, 1)]
    assert found("x = 1  # temporary stub\n", "STB003") == [("STB003", 1, 8)]


def test_empty_subclass_of_a_project_class_uses_the_index_to_tell_exceptions_apart() -> None:
    files = {
        "app/errors.py": "class Abort(Exception):\n    x = 1\n",
        "app/base.py": "class Runner:\n    x = 1\n",
        "app/use.py": "from app.base import Runner\nfrom app.errors import Abort\n\n\nclass Halt(Abort):\n    pass\n\n\nclass Fast(Runner):\n    pass\n",
    }
    project = ProjectIndex.from_sources(files)
    settings = build_settings({}, select=["STB002"])
    findings = lint_source(files["app/use.py"], "app/use.py", settings, project=project)
    assert [(f.line, f.column) for f in findings] == [(9, 7)]
    alone = lint_source(files["app/use.py"], "app/use.py", settings)
    assert alone == []
