"""PRN001, PRN002 and SEP001 beyond their own examples: settings, fixes and what is not a status tag or separator."""

from typing import Any, Dict, List, Tuple

from checks.engine.lint import fix_source, lint_source
from checks.config.settings import build_settings


def found(source: str, code: str, table: Dict[str, Any] = {}) -> List[Tuple[str, int, int]]:
    settings = build_settings(dict(table), select=[code])
    return [(f.code, f.line, f.column) for f in lint_source(source, "pkg/mod.py", settings) if f.code == code]


def fixed(source: str, code: str, table: Dict[str, Any] = {}) -> str:
    settings = build_settings(dict(table), select=[code])
    outcome = fix_source(source.encode("utf-8"), "pkg/mod.py", settings)
    again = fix_source(outcome.source, "pkg/mod.py", settings)
    assert again.changed is False
    return outcome.source.decode("utf-8")


def test_status_prefixes_follow_the_configuration() -> None:
    table = {"status-prefixes": ["[OK]", "[WARNING]", "[ERROR]"]}
    assert found("print('[WARNING] slow disk')\n", "PRN001", table) == []
    assert found("print('[WARN] slow disk')\n", "PRN001", table) == [("PRN001", 1, 7)]
    assert fixed("print('Warning: slow disk')\n", "PRN001", table) == "print('[WARNING] slow disk')\n"


def test_no_fix_without_a_configured_prefix_of_the_same_family() -> None:
    settings = build_settings({}, select=["PRN001"])
    findings = lint_source("print('FATAL: out of memory')\nprint('[debug] x')\n", "pkg/mod.py", settings)
    assert [(f.line, f.fixable) for f in findings] == [(1, False), (2, False)]


def test_status_tag_fix_keeps_the_rest_of_the_message() -> None:
    assert fixed('print(f"Error:{path} missing")\n', "PRN001") == 'print(f"[ERROR] {path} missing")\n'
    assert fixed("print('error: %s' % exc, file=sys.stderr)\n", "PRN001") == "print('[ERROR] %s' % exc, file=sys.stderr)\n"
    assert fixed("print('Info: ' + name)\n", "PRN001") == "print('[INFO] ' + name)\n"


def test_words_that_are_not_status_tags() -> None:
    source = "print('Note: slow')\nprint('Epoch: 3')\nprint('Status: ok')\nprint('[step 3] done')\nprint(b'Error: raw')\n"
    assert found(source, "PRN001") == []


def test_print_flush_fix_on_nested_loops_and_one_line_bodies() -> None:
    source = "for a in x:\n    while a: print(a)\n"
    assert fixed(source, "PRN002") == "for a in x:\n    while a: print(a, flush=True)\n"


def test_print_flush_ignores_files_and_nested_definitions_but_not_stderr() -> None:
    source = (
        "import sys\n\nfor row in rows:\n    print(row, file=handle)\n    print(row, file=sys.stderr)\n"
        "    handler = lambda: print(row)\n    class Row:\n        print('class body')\n"
    )
    assert found(source, "PRN002") == [("PRN002", 5, 5)]


def test_print_flush_skips_files_that_rebind_print() -> None:
    source = "def print(*args: object) -> None:\n    pass\n\nfor x in y:\n    print(x)\n"
    assert found(source, "PRN002") == []


def test_separator_fixes_keep_the_quote_style() -> None:
    assert fixed('print("~" * 40)\n', "SEP001") == 'print("=" * 70)\n'
    assert fixed("LINE = 75 * '-'\n", "SEP001") == "LINE = '=' * 70\n"
    assert fixed("SEPARATOR: str = '-' * 20\n", "SEP001") == "SEPARATOR: str = '=' * 70\n"


def test_separator_line_with_newlines_is_reported_without_a_fix_when_it_is_not_pure() -> None:
    settings = build_settings({}, select=["SEP001"])
    findings = lint_source("print('\\n------------------\\n')\n", "pkg/mod.py", settings)
    assert [(f.line, f.fixable) for f in findings] == [(1, False)]


def test_what_is_not_a_separator() -> None:
    source = (
        "print('=' * width)\nprint('-' * 9)\nheader = '|' + '-' * 20 + '|'\nprint('=' * 30 + title)\n"
        "print('Loss ' + '=' * 20 + '>')\nrow = '-' * 40\nprint(f'{x:-^40}')\n"
        "# ===== Results =====\n# a-b-c-d-e-f-g-h-i-j\n"
    )
    assert found(source, "SEP001") == []


def test_comment_underline_of_a_title_is_not_a_separator_but_an_overline_is() -> None:
    source = "# ==============\n# Type classes\n# ============\nx = 1\n"
    assert found(source, "SEP001") == [("SEP001", 1, 1)]
