"""The crashes and unsafe fixes the fuzzers found, each pinned as a focused case."""

import ast
import subprocess
import sys
import warnings
from pathlib import Path
from typing import List

import libcst as cst
import pytest

from checks.engine.lint import fix_source, lint_source
from checks.engine.rule import FileContext
from checks.guard.header_preservation import header_block, header_findings
from checks.config.settings import build_settings
from checks.engine.shape_guard import MAX_DEPTH, libcst_depth, shape_problem

SETTINGS = build_settings({"header": {"year": 2026}})


def codes(data: bytes, path: str = "pkg/module.py") -> List[str]:
    return [finding.code for finding in lint_source(data, path, SETTINGS)]


@pytest.mark.parametrize("codec", ["punycode", "undefined", "rot13", "base64", "utf-16", "bogus"])
def test_odd_coding_lines_are_pgx002_not_crashes(codec: str) -> None:
    assert codes(f"# coding: {codec}\nx = 1\n".encode("ascii")) == ["PGX002"]


def test_valid_python_that_libcst_mishandles_is_pgx002() -> None:
    findings = lint_source(b"x = () if 0 else(lambda:())\n", "m.py", SETTINGS)
    assert [f.code for f in findings] == ["PGX002"]
    assert "libcst cannot parse this file" in findings[0].message


def test_deep_and_chain_that_killed_the_process_is_refused() -> None:
    source = "x = 1" + " and 1" * 10000 + "\n"
    script = (
        "from checks.engine.lint import lint_source\nfrom checks.config.settings import build_settings\n"
        f"print([f.code for f in lint_source({source!r}.encode(), 'm.py', build_settings({{}}))])\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, f"the process died (status {result.returncode}): {result.stderr[-500:]}"
    assert result.stdout.strip() == "['PGX002']"


@pytest.mark.parametrize("unit", ["-", "~", ".b", "()", "[0]"])
def test_chains_below_the_scan_threshold_end_as_pgx002_or_findings(unit: str) -> None:
    expression = ("a" + unit * 900) if unit[0] in ".([" else (unit * 900 + "1")
    source = f"def f(x):\n    return {expression}\n".encode("utf-8")
    findings = lint_source(source, "m.py", SETTINGS)
    assert all(f.line >= 1 for f in findings)
    outcome = fix_source(source, "m.py", SETTINGS)
    if outcome.changed:
        compile(outcome.source, "m.py", "exec")


def test_concatenated_strings_count_as_nesting() -> None:
    text = "x = (\n" + "'a'\n" * 1100 + ")\n"
    assert libcst_depth(ast.parse(text), text) > MAX_DEPTH
    assert shape_problem(text) is not None
    below_scan = "x = (\n" + "'a'\n" * (MAX_DEPTH + 50) + ")\n"
    assert libcst_depth(ast.parse(below_scan), below_scan) > MAX_DEPTH
    outcome = fix_source(below_scan.encode("utf-8"), "m.py", SETTINGS)
    assert outcome.changed or outcome.notes, "below the scan threshold the file is fixed, or the fix is refused with a note"
    if outcome.changed:
        compile(outcome.source, "m.py", "exec")
    short = "x = (\n" + "'a'\n" * 50 + ")\n"
    assert shape_problem(short) is None


def test_fix_never_changes_how_python_decodes_the_file() -> None:
    data = "# first comment\n# -*- coding: latin-1 -*-\ns = 'é'\n".encode("latin-1")
    data = data.replace(b"\xe9", b"\xc3\xa9")
    outcome = fix_source(data, "pkg/module.py", SETTINGS)
    assert not outcome.changed
    assert any("would be read as utf-8 instead of iso8859-1" in note for note in outcome.notes), outcome.notes


def test_fix_refuses_bytes_that_do_not_round_trip_through_their_codec() -> None:
    outcome = fix_source(b"# coding: unicode_escape\nx = 1\n", "pkg/module.py", SETTINGS)
    assert not outcome.changed
    assert any("do not survive decoding" in note for note in outcome.notes), outcome.notes


@pytest.mark.parametrize(
    "source",
    [b"try:\n    pass\nexcept OSError :\n    pass\n", b"x = 1\ry = 2\r"],
    ids=["except-space-colon", "cr-line-endings"],
)
def test_fix_refuses_files_libcst_cannot_reproduce(source: bytes) -> None:
    outcome = fix_source(source, "pkg/module.py", SETTINGS)
    assert not outcome.changed
    assert any("does not reproduce this file exactly" in note for note in outcome.notes), outcome.notes
    assert [f.code for f in outcome.findings] == [f.code for f in lint_source(source, "pkg/module.py", SETTINGS)]


def test_checking_and_fixing_print_no_warnings_about_the_checked_code() -> None:
    source = b"import re\nPATTERN = re.compile('\\d+')\nfrom . import helpers\n"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        lint_source(source, "pkg/module.py", SETTINGS)
        outcome = fix_source(source, "pkg/module.py", build_settings({}, select=["IMP"]))
        lint_source(b"# coding: unicode_escape\nx = '\\w'\n", "pkg/escaped.py", SETTINGS)
    assert outcome.changed and b"from pkg import helpers" in outcome.source
    assert [str(w.message) for w in caught] == []


@pytest.mark.parametrize(
    "source",
    [b"#!/usr/bin/env python\x0c\nx = 1\n", "#!/usr/bin/env python \u2028\nx = 1\n".encode("utf-8"), b"#!\xc2\x85\n"],
    ids=["form-feed", "line-separator", "next-line"],
)
def test_a_header_fix_after_a_line_holding_a_break_character_works_once(source: bytes) -> None:
    # These characters end a line for str.splitlines but not for Python; since rules count lines
    # as Python does (python_lines), the header fix lands after the shebang and removes its finding.
    first = fix_source(source, "pkg/module.py", SETTINGS)
    second = fix_source(first.source, "pkg/module.py", SETTINGS)
    assert not second.changed, "a second --fix changed the file again"
    assert first.source.count(b"# -*- coding: utf-8 -*-") == 1
    assert first.source.split(b"\n")[1] == b"# -*- coding: utf-8 -*-"
    assert "HDR001" not in codes(first.source)


def test_a_fix_nested_in_another_fix_is_applied_in_a_later_round() -> None:
    source = b"import os\n\nfor name in os.listdir('.'):\n    print(open(name).read())\n"
    outcome = fix_source(source, "pkg/module.py", build_settings({}, select=["ENC", "PRN"]))
    assert outcome.notes == []
    assert b"print(open(name, encoding='utf-8').read(), flush=True)" in outcome.source
    assert outcome.applied == 2, "two findings were fixed, the nested one in the second round"
    assert not fix_source(outcome.source, "pkg/module.py", build_settings({}, select=["ENC", "PRN"])).changed


def test_relative_import_without_spaces_is_reported_not_a_crash() -> None:
    findings = lint_source(b"from.import helpers\n", "pkg/module.py", build_settings({}, select=["IMP"]))
    assert [f.code for f in findings] == ["IMP001"]
    outcome = fix_source(b"from.import helpers\n", "pkg/module.py", build_settings({}, select=["IMP"]))
    assert outcome.source == b"from pkg import helpers\n"


def _crashing_visit(self: object, node: cst.ImportFrom) -> None:
    raise ValueError("a bug in the rule")


def _crashing_finish(self: object, module: object) -> None:
    raise KeyError("missing")


def test_a_crashing_rule_is_reported_as_pgx002_and_the_other_rules_still_run(monkeypatch: pytest.MonkeyPatch) -> None:
    from checks.rules.relative_import import RelativeImportRule

    monkeypatch.setattr(RelativeImportRule, "visit_ImportFrom", _crashing_visit)
    source = b"import os\nfrom . import helpers\n\ntry:\n    pass\nexcept:\n    pass\n"
    findings = lint_source(source, "pkg/module.py", build_settings({}, select=["IMP", "EXC", "PGX"]))
    assert [(f.code, f.line) for f in findings] == [("PGX002", 2), ("EXC001", 6)]
    assert "rule IMP001 failed on this file (ValueError: a bug in the rule)" in findings[0].message


def test_a_rule_crashing_after_the_traversal_is_reported_as_pgx002(monkeypatch: pytest.MonkeyPatch) -> None:
    from checks.rules.relative_import import RelativeImportRule

    monkeypatch.setattr(RelativeImportRule, "finish", _crashing_finish)
    findings = lint_source(b"from . import helpers\nx = 1\n", "pkg/module.py", build_settings({}, select=["IMP", "PGX"]))
    assert [(f.code, f.line) for f in findings] == [("PGX002", 1)]
    assert "rule IMP001 failed" in findings[0].message and "KeyError" in findings[0].message
    quiet = lint_source(b"from . import helpers\n", "pkg/module.py", build_settings({}, select=["IMP"]))
    assert quiet == []


@pytest.mark.parametrize("breaker", ["\x0c", "\u2028", "\x0b", "\x85"], ids=["form-feed", "line-separator", "vertical-tab", "next-line"])
def test_rules_count_lines_as_python_does(breaker: str) -> None:
    source = f"x = 1  # a{breaker}b\n# Parameters\n# ----------\ny = 2\n".encode("utf-8")
    assert "SEP001" not in codes(source), "the underline is read against the wrong title line"
    context_lines = FileContext(path="m.py", source=source.decode("utf-8"), settings=SETTINGS).lines
    assert context_lines == [f"x = 1  # a{breaker}b", "# Parameters", "# ----------", "y = 2"]


def test_the_protected_header_block_ends_where_python_ends_the_line() -> None:
    old = "# Copyright (c) 2020 Someone\n# Licensed under MIT\u2028 still line two\nx = 1\n"
    new = "# Copyright (c) 2020 Someone\n# Licensed under MIT\u2028 still line two\nx = 2\n"
    assert header_block(old) == ["# Copyright (c) 2020 Someone", "# Licensed under MIT\u2028 still line two"]
    assert header_findings("m.py", old, new) == []


def test_a_fix_that_keeps_its_own_finding_is_dropped_so_fixing_is_idempotent(monkeypatch: pytest.MonkeyPatch) -> None:
    import checks.rules.loop_print_flush as loop_print_flush

    original = loop_print_flush.with_keyword

    def wrong_keyword(call: cst.Call, name: str, value: cst.BaseExpression) -> cst.Call:
        return original(call, "end", cst.SimpleString('""'))

    monkeypatch.setattr(loop_print_flush, "with_keyword", wrong_keyword)
    source = b"for step in range(3):\n    print(step)\n"
    outcome = fix_source(source, "pkg/module.py", build_settings({}, select=["PRN"]))
    assert not outcome.changed
    assert any("PRN002 fix not applied: it would not remove its own finding" in note for note in outcome.notes), outcome.notes
