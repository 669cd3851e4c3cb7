"""Focused edge cases of the engine and the product card's rules, beyond each rule's own examples."""

from typing import List, Tuple

from checks.engine.lint import fix_source, lint_source
from checks.config.settings import build_settings

SETTINGS = build_settings({"header": {"year": 2026}})
HEADER = (
    "# -*- coding: utf-8 -*-\n"
    "# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.\n"
    "# Cluj-Napoca, Romania\n"
)


def found(source: str, select: str, path: str = "pkg/mod.py") -> List[Tuple[str, int, int]]:
    settings = build_settings({"header": {"year": 2026}}, select=select.split(","))
    return [(f.code, f.line, f.column) for f in lint_source(source, path, settings)]


def test_positions_point_at_the_name_not_the_decorator() -> None:
    source = "@decorate\n@other(1)\ndef load(path):\n    return path\n"
    assert found(source, "ANN") == [("ANN002", 3, 5), ("ANN001", 3, 10)]


def test_positions_after_multiline_strings_and_crlf() -> None:
    source = 'x = """a\r\nb\r\nc"""\r\ndef f(a: int):\r\n    return a\r\n'
    assert found(source, "ANN002") == [("ANN002", 4, 5)]


def test_positions_count_characters_not_bytes() -> None:
    source = "s = 'ăîșțâ'; import logging\n"
    assert found(source, "LOG001") == [("LOG001", 1, 21)]


def test_python_312_and_313_syntax_is_checked() -> None:
    source = "type Pair[T] = tuple[T, T]\n\ndef first[T](items: list[T]):\n    return f\"{items[0]!r:>{10}}\"\n"
    assert found(source, "ANN002,PGX002") == [("ANN002", 3, 5)]


def test_bom_and_coding_line_are_accepted() -> None:
    source = ("\ufeff" + HEADER + "x = 1\n").encode("utf-8")
    settings = build_settings({"header": {"year": 2026}}, select=["HDR", "PGX"])
    assert lint_source(source, "a.py", settings) == []


def test_latin1_declared_file_is_decoded() -> None:
    source = "# -*- coding: latin-1 -*-\nname = 'caf\xe9'\nimport logging\n".encode("latin-1")
    settings = build_settings({}, select=["LOG", "PGX"])
    assert [(f.code, f.line) for f in lint_source(source, "a.py", settings)] == [("LOG001", 3)]


def test_deep_nesting_is_pgx002_not_a_crash() -> None:
    source = "x = " + "(" * 3000 + ")" * 3000 + "\n"
    result = found(source, "PGX002")
    assert [code for code, _, _ in result] == ["PGX002"]


def test_syntax_error_location() -> None:
    codes = found("x = 1\ndef broken(:\n    pass\n", "PGX002")
    assert codes and codes[0][0] == "PGX002"


def test_suppression_silences_only_the_named_code_on_its_line() -> None:
    source = "def f(  # prefguard: ignore[ANN002]\n    a,\n):\n    return a\n"
    assert found(source, "ANN,PGX") == [("ANN001", 2, 5)]
    elsewhere = "def f(\n    a,\n):  # prefguard: ignore[ANN002]\n    return a\n"
    assert found(elsewhere, "ANN,PGX") == [("ANN002", 1, 5), ("ANN001", 2, 5)]


def test_suppression_inside_a_string_is_not_a_suppression() -> None:
    source = "text = '# prefguard: ignore[LOG001]'; import logging\n"
    assert found(source, "LOG001,PGX001") == [("LOG001", 1, 46)]


def test_staticmethod_and_nested_class_methods() -> None:
    source = (
        "class A:\n"
        "    class B:\n"
        "        def m(self, x: int) -> None:\n"
        "            pass\n"
        "    @staticmethod\n"
        "    def s(self) -> None:\n"
        "        pass\n"
    )
    assert found(source, "ANN001") == [("ANN001", 6, 11)]


def test_blind_except_reraise_only_counts_outside_nested_functions() -> None:
    flagged = "try:\n    x()\nexcept Exception:\n    callback = lambda: None\n"
    assert [c for c, _, _ in found(flagged, "EXC002")] == ["EXC002"]
    nested_try = "try:\n    x()\nexcept Exception:\n    try:\n        y()\n    except KeyError:\n        raise\n"
    assert found(nested_try, "EXC002") == []


def test_relative_import_fix_with_a_package_resolver() -> None:
    class Project:
        def package_of(self, path: str) -> str:
            return "app.core"

    settings = build_settings({}, select=["IMP001"])
    outcome = fix_source(b"from ..util import tool\n", "src/app/core/mod.py", settings, project=Project())
    assert outcome.source == b"from app.util import tool\n"


def test_fix_keeps_the_rest_of_the_file_byte_for_byte() -> None:
    source = b"#!/usr/bin/env python3\n\n\n'''Doc.'''\r\nx  =  1   # odd   spacing\n"
    settings = build_settings({"header": {"year": 2026}}, select=["HDR"])
    outcome = fix_source(source, "tool.py", settings)
    assert outcome.source == b"#!/usr/bin/env python3\n" + HEADER.encode("utf-8") + source[len(b"#!/usr/bin/env python3\n"):]


def test_headers_not_required_on_modified_files_or_exempt_paths() -> None:
    settings = build_settings({}, select=["HDR"])
    assert lint_source("x = 1\n", "pkg/mod.py", settings, is_new=False) == []
    assert lint_source("x = 1\n", "tests/test_mod.py", settings) == []
    assert lint_source("x = 1\n", "pkg/conftest.py", settings) == []


def test_clean_module_has_no_findings_at_all() -> None:
    source = HEADER + (
        '"""Module."""\n\nfrom pkg.base import Base\n\nLIMIT = 3\n\n\n'
        'class Loader(Base):\n    """Loads."""\n\n    def load(self, path: str) -> bytes:\n        """Load one file."""\n'
        "        try:\n            with open(path, 'rb') as handle:\n                return handle.read()\n"
        "        except OSError as error:\n            raise RuntimeError(path) from error\n"
    )
    assert lint_source(source, "pkg/loader.py", SETTINGS) == []
