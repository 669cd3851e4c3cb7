# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The mutation-testing configuration (``.ci/mutation.py``) stays true to the repository."""

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
GATE_MODULES = {
    "checks/guard/json_guard.py", "checks/guard/strict_json.py", "checks/guard/strict_yaml.py", "checks/guard/strict_toml.py",
    "checks/guard/approvals.py", "checks/baseline/gate.py", "checks/baseline/matching.py", "checks/baseline/config_gate.py",
    "checks/assistant/protected_edit.py", "hooks/assistant/pre_tool_use.py", "hooks/runtime/cache.py",
    "hooks/runtime/cache_trust.py", "hooks/commands/init.py",
}


def load_driver() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutation_driver", ROOT / ".ci" / "mutation.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_gate_module_is_mutated_with_existing_tests() -> None:
    driver = load_driver()
    mutated = {module for modules, _tests in driver.GROUPS.values() for module in modules}
    assert GATE_MODULES <= mutated
    for modules, tests in driver.GROUPS.values():
        assert all((ROOT / path).is_file() for path in modules + tests), (modules, tests)
        assert all(path.startswith("tests/") and path.endswith(".py") for path in tests)


def test_equivalent_mutants_are_of_mutated_modules() -> None:
    driver = load_driver()
    dotted = {module[:-3].replace("/", ".") for modules, _tests in driver.GROUPS.values() for module in modules}
    equivalent = driver.equivalent_mutants()
    assert equivalent, "CONTRIBUTING.md records the equivalent mutants"
    assert all(name.rsplit(".", 1)[0] in dotted for name in equivalent), sorted(equivalent)


def test_each_group_gets_a_valid_mutmut_table() -> None:
    driver = load_driver()
    for modules, tests in driver.GROUPS.values():
        table = tomllib.loads(driver.mutmut_table(modules, tests))["tool"]["mutmut"]
        assert table["only_mutate"] == modules and table["pytest_add_cli_args_test_selection"] == tests
        assert table["source_paths"] == ["checks", "hooks"]
