"""Pure integration analysis: import graph, WIRED, DUPLICATE, entries, criticals, evidence."""

from typing import Any, Dict, Mapping, Optional

import pytest

from checks.integration.entries import RULE_ROOT_NAME, SOURCE_CONFIGURATION, SOURCE_DISCOVERED
from checks.integration.evidence import (
    CoverageFormatError,
    evidence_from_run,
    evidence_from_tests,
    junit_key,
    parse_junit,
)
from checks.integration.layout import ModuleIndex
from checks.integration.render import render_summary, render_text
from checks.integration.summary import summarize_module, summary_from_data, summary_to_data
from checks.integration.verify import IntegrationReport, ModuleStatus, verify_project

VERIFY = "verify_integration.py"


def analyze(
    files: Dict[str, str],
    integration: Optional[Dict[str, Any]] = None,
    **options: Any,
) -> IntegrationReport:
    texts = dict(files)
    texts.setdefault(VERIFY, "print('[OK] verified')\n")
    summaries = {path: summarize_module(path, text) for path, text in texts.items()}
    return verify_project(summaries, integration or {}, **options)


def status(report: IntegrationReport, path: str) -> ModuleStatus:
    for module in report.modules:
        if module.path == path:
            return module
    raise AssertionError(f"{path} not in report: {[m.path for m in report.modules]}")


def codes(report: IntegrationReport) -> list:
    return sorted(finding.code for finding in report.findings)


PIPELINE = {
    "main.py": "from pkg.core import run\n\nrun()\n",
    "pkg/__init__.py": "",
    "pkg/core.py": "from pkg import helpers\n\n\ndef run() -> int:\n    return helpers.double(2)\n",
    "pkg/helpers.py": "def double(value: int) -> int:\n    return value * 2\n",
    "pkg/orphan.py": "def lonely() -> None:\n    return None\n",
}


def test_wired_chain_and_unreachable_module() -> None:
    report = analyze(PIPELINE)
    assert report.entry_source == SOURCE_DISCOVERED
    assert report.entries == ("main.py",)
    assert report.found_by == (("main.py", RULE_ROOT_NAME),)
    assert status(report, "main.py").reason == "entry point"
    assert status(report, "pkg/core.py").wired
    assert "used by main (line 1): run" == status(report, "pkg/core.py").reason
    assert status(report, "pkg/helpers.py").wired
    assert "helpers.double" in status(report, "pkg/helpers.py").reason
    assert status(report, "pkg/__init__.py").reason == "package of wired module pkg.core"
    orphan = status(report, "pkg/orphan.py")
    assert not orphan.wired and not orphan.reachable
    assert orphan.reason == "not imported from any entry point"
    totals = report.totals()
    assert (totals["modules"], totals["wired"], totals["not_wired"], totals["unreachable"]) == (5, 4, 1, 1)
    assert codes(report) == []


def test_import_only_module_is_not_wired_with_reason() -> None:
    files = dict(PIPELINE)
    files["main.py"] = "import pkg.orphan\nfrom pkg.core import run\n\nrun()\n"
    report = analyze(files)
    orphan = status(report, "pkg/orphan.py")
    assert orphan.reachable and not orphan.wired
    assert orphan.reason == "imported by main (line 1) but none of its names is used"
    assert report.totals()["import_only"] == 1


def test_name_used_only_in_annotations_is_not_wired() -> None:
    files = {
        "main.py": "from app.types import Config\nfrom app.work import work\n\n\ndef go(config: Config) -> None:\n    work()\n",
        "app/__init__.py": "",
        "app/types.py": "class Config:\n    pass\n",
        "app/work.py": "def work() -> None:\n    return None\n",
    }
    report = analyze(files)
    assert status(report, "app/work.py").wired
    types = status(report, "app/types.py")
    assert not types.wired
    assert types.reason.startswith("used only in type annotations by main")


def test_module_imported_only_by_unwired_module() -> None:
    files = dict(PIPELINE)
    files["main.py"] = "import pkg.orphan\nfrom pkg.core import run\n\nrun()\n"
    files["pkg/orphan.py"] = "from pkg.deep import thing\n\n\ndef lonely() -> int:\n    return thing()\n"
    files["pkg/deep.py"] = "def thing() -> int:\n    return 1\n"
    report = analyze(files)
    assert status(report, "pkg/deep.py").reason == "imported only by modules that are not wired: pkg.orphan"


def test_relative_imports_resolve_to_absolute_modules() -> None:
    files = {
        "app/__init__.py": "",
        "app/__main__.py": "from .engine.runner import start\n\nstart()\n",
        "app/engine/__init__.py": "",
        "app/engine/runner.py": (
            "from ..util import helper\nfrom . import sibling\n\n\n"
            "def start() -> None:\n    helper()\n    sibling.go()\n"
        ),
        "app/engine/sibling.py": "def go() -> None:\n    return None\n",
        "app/util.py": "def helper() -> None:\n    return None\n",
        "app/unused.py": "X = 1\n",
    }
    report = analyze(files, {"entry": ["app/__main__.py"]})
    assert report.entry_source == SOURCE_CONFIGURATION
    for path in ("app/__main__.py", "app/engine/runner.py", "app/engine/sibling.py", "app/util.py", "app/__init__.py"):
        assert status(report, path).wired, path
    assert not status(report, "app/unused.py").wired
    assert report.unresolved == ()


def test_relative_import_beyond_top_is_unresolved() -> None:
    files = {"main.py": "from .. import nothing\n"}
    report = analyze(files)
    assert report.unresolved == (("main.py", "..", 1),)


def test_plain_dotted_import_credits_only_the_used_chain() -> None:
    files = {
        "main.py": "import pkg.a.b\nimport pkg.c\n\npkg.a.b.func()\n",
        "pkg/__init__.py": "",
        "pkg/a/__init__.py": "",
        "pkg/a/b.py": "def func() -> None:\n    return None\n",
        "pkg/c.py": "def other() -> None:\n    return None\n",
    }
    report = analyze(files)
    assert status(report, "pkg/a/b.py").wired
    assert status(report, "pkg/a/__init__.py").wired
    assert not status(report, "pkg/c.py").wired


def test_namespace_package_chain_is_followed() -> None:
    files = {
        "main.py": "import tools.side\nimport tools.other\n\ntools.side.work()\n",
        "tools/side.py": "def work() -> None:\n    return None\n",
        "tools/other.py": "def rest() -> None:\n    return None\n",
    }
    report = analyze(files)
    assert status(report, "tools/side.py").wired
    assert not status(report, "tools/other.py").wired


def test_reexport_through_package_wires_the_defining_module() -> None:
    files = {
        "main.py": "from lib import Model\n\nModel()\n",
        "lib/__init__.py": "from lib.model import Model\nfrom lib.extra import Extra\n\n__all__ = ['Model', 'Extra']\n",
        "lib/model.py": "class Model:\n    pass\n",
        "lib/extra.py": "class Extra:\n    pass\n",
    }
    report = analyze(files)
    assert status(report, "lib/model.py").wired
    assert status(report, "lib/__init__.py").wired
    extra = status(report, "lib/extra.py")
    assert not extra.wired
    assert extra.reason == "imported by lib (line 2) but none of its names is used"


def test_src_layout_names_and_wiring() -> None:
    files = {
        "src/tool/__init__.py": "",
        "src/tool/__main__.py": "from tool.cli import main\n\nmain()\n",
        "src/tool/cli.py": "import tool.io as io\n\n\ndef main() -> None:\n    io.read()\n",
        "src/tool/io.py": "def read() -> None:\n    return None\n",
        "tests/test_tool.py": "from tool.cli import main\n\n\ndef test_main() -> None:\n    main()\n",
    }
    index = ModuleIndex(files)
    assert index.src_layout
    assert index.path_of("tool.cli") == "src/tool/cli.py"
    report = analyze(files, {"entry": ["tool"]})
    assert report.entries == ("src/tool/__main__.py",)
    assert all(module.wired for module in report.modules)
    assert report.test_files == ("tests/test_tool.py",)
    assert [m.module for m in report.modules] == ["tool", "tool.__main__", "tool.cli", "tool.io"]


def test_circular_imports_terminate_and_wire() -> None:
    files = {
        "main.py": "from ring.a import start\n\nstart()\n",
        "ring/__init__.py": "",
        "ring/a.py": "from ring import b\n\n\ndef start() -> None:\n    b.step()\n\n\ndef back() -> None:\n    return None\n",
        "ring/b.py": "from ring import a\n\n\ndef step() -> None:\n    a.back()\n",
        "ring/c.py": "import ring.d\n",
        "ring/d.py": "import ring.c\n",
    }
    report = analyze(files)
    assert status(report, "ring/a.py").wired and status(report, "ring/b.py").wired
    assert not status(report, "ring/c.py").reachable and not status(report, "ring/d.py").reachable


def test_function_level_dynamic_and_star_imports() -> None:
    files = {
        "main.py": (
            "import importlib\nfrom kit.util import *\n\n\n"
            "def go() -> None:\n    from kit.lazy import later\n    later()\n"
            "    importlib.import_module('kit.plugin')\n    shared()\n"
        ),
        "kit/__init__.py": "",
        "kit/lazy.py": "def later() -> None:\n    return None\n",
        "kit/plugin.py": "VALUE = 1\n",
        "kit/util.py": "def shared() -> None:\n    return None\n",
    }
    report = analyze(files)
    for path in ("kit/lazy.py", "kit/plugin.py", "kit/util.py"):
        assert status(report, path).wired, path
    assert report.stdlib == ("importlib",)


def test_computed_import_module_names_from_string_tables() -> None:
    files = {
        "main.py": (
            "import importlib\nfrom app.table import COMMANDS\n\n\n"
            "def run(name: str) -> None:\n    importlib.import_module(COMMANDS[name]).go()\n"
        ),
        "app/__init__.py": "",
        "app/table.py": "COMMANDS = {'a': 'app.cmd_a', 'b': 'app.cmd_b'}\nOTHER = 'app.not_there'\n",
        "app/cmd_a.py": "def go() -> None:\n    return None\n",
        "app/cmd_b.py": "def go() -> None:\n    return None\n",
        "app/mentioned.py": "def go() -> None:\n    return None\n",
        "app/note.py": "TEXT = 'see app.mentioned'\n",
    }
    report = analyze(files)
    assert status(report, "app/cmd_a.py").wired and status(report, "app/cmd_b.py").wired
    assert status(report, "app/cmd_a.py").reason == "used by main (line 6): import_module"
    assert not status(report, "app/mentioned.py").wired
    literal_only = dict(files)
    literal_only["main.py"] = "from app.table import COMMANDS\n\nprint(COMMANDS)\n"
    report = analyze(literal_only)
    assert not status(report, "app/cmd_a.py").reachable


def test_type_checking_imports_are_not_edges() -> None:
    files = {
        "main.py": "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from kit.heavy import Heavy\n",
        "kit/__init__.py": "",
        "kit/heavy.py": "class Heavy:\n    pass\n",
    }
    report = analyze(files)
    assert not status(report, "kit/heavy.py").reachable


def test_script_folder_imports_resolve_beside_the_script() -> None:
    files = {
        "scripts/run.py": "from helpers import assist\n\nassist()\n",
        "scripts/helpers.py": "def assist() -> None:\n    return None\n",
    }
    report = analyze(files, {"entry": ["scripts/run.py"]})
    assert status(report, "scripts/helpers.py").wired


def test_stdlib_and_third_party_counted_apart() -> None:
    files = {"main.py": "import os\nimport json\nimport numpy as np\nfrom yaml import safe_load\nimport os.path\n"}
    report = analyze(files)
    assert report.stdlib == ("json", "os")
    assert report.third_party == ("numpy", "yaml")
    assert report.totals()["stdlib_modules"] == 2 and report.totals()["third_party_packages"] == 2


def test_identical_content_is_duplicate_and_int003() -> None:
    body = "def compute(value: int) -> int:\n    return value + 1\n"
    files = {
        "main.py": "from pkg.one import compute\n\ncompute(1)\n",
        "pkg/__init__.py": "",
        "pkg/one.py": "# header one\n" + body,
        "pkg/two.py": "# another header\n\n" + body,
        "pkg/empty_a/__init__.py": "",
        "pkg/empty_b/__init__.py": "# only a comment\n",
    }
    report = analyze(files)
    int003 = [f for f in report.findings if f.code == "INT003"]
    assert len(int003) == 1
    assert int003[0].path == "pkg/two.py"
    assert "same code as pkg/one.py" in int003[0].message
    assert status(report, "pkg/one.py").classification == "DUPLICATE"
    assert status(report, "pkg/two.py").classification == "DUPLICATE"
    assert status(report, "pkg/empty_a/__init__.py").classification == "NOT WIRED"
    assert report.totals()["duplicate"] == 2


def test_same_module_name_twice_on_the_import_path() -> None:
    files = {
        "main.py": "from pkg.mod import f\n\nf()\n",
        "pkg/__init__.py": "",
        "pkg/mod.py": "def f() -> None:\n    return None\n",
        "pkg/mod/__init__.py": "def f() -> int:\n    return 1\n",
    }
    report = analyze(files)
    messages = [f.message for f in report.findings if f.code == "INT003"]
    assert messages == [
        "DUPLICATE: module name 'pkg.mod' is defined twice on the import path: pkg/mod/__init__.py and pkg/mod.py"
    ]
    assert status(report, "pkg/mod/__init__.py").wired
    shadowed = status(report, "pkg/mod.py")
    assert not shadowed.wired and shadowed.reason.startswith("shadowed by pkg/mod/__init__.py")


def test_flat_and_src_copies_of_one_module_are_duplicates() -> None:
    files = {
        "src/app/__init__.py": "",
        "src/app/__main__.py": "print('[OK] run')\n",
        "app/__main__.py": "print('[OK] other run')\n",
    }
    report = analyze(files, {"entry": ["src/app/__main__.py"]})
    kinds = [f.message for f in report.findings if f.code == "INT003"]
    assert any("'app.__main__' is defined twice" in message for message in kinds)


def test_module_shadowing_the_standard_library() -> None:
    files = {"main.py": "import random\n\nrandom.go()\n", "random.py": "def go() -> None:\n    return None\n"}
    report = analyze(files)
    assert status(report, "random.py").wired
    assert [f.path for f in report.findings if f.code == "INT003"] == ["random.py"]
    assert report.stdlib == ()


def test_copied_function_body_between_modules() -> None:
    loop = (
        "    total = 0\n"
        "    for item in items:\n"
        "        if item > 0:\n"
        "            total += item\n"
        "    return total\n"
    )
    files = {
        "main.py": "from calc.a import summed\nfrom calc.b import added\n\nsummed([1])\nadded([2])\n",
        "calc/__init__.py": "",
        "calc/a.py": "def summed(items: list) -> int:\n    \"\"\"Sum.\"\"\"\n" + loop,
        "calc/b.py": "X = 1\n\n\nclass Holder:\n    pass\n\n\ndef added(values: list) -> int:\n" + loop.replace("    ", "  "),
        "calc/c.py": "def tiny() -> int:\n    return 1\n",
        "calc/d.py": "def small() -> int:\n    return 1\n",
    }
    report = analyze(files)
    int003 = [f for f in report.findings if f.code == "INT003"]
    assert len(int003) == 1
    assert (int003[0].path, int003[0].line) == ("calc/b.py", 8)
    assert "body of added() (5 lines) is a copy of summed() in calc/a.py line 1" in int003[0].message
    assert status(report, "calc/c.py").duplicates == ()


def test_critical_from_configuration_not_wired_is_int002() -> None:
    report = analyze(PIPELINE, {"critical": ["pkg.orphan", "pkg.core"]})
    int002 = [f for f in report.findings if f.code == "INT002"]
    assert [f.path for f in int002] == ["pkg/orphan.py"]
    assert "critical module pkg.orphan (configuration) is NOT WIRED" in int002[0].message
    assert report.totals()["critical"] == 2 and report.totals()["critical_not_wired"] == 1


def test_critical_from_structure_file() -> None:
    structure = {
        "entry_point": "main.py",
        "modules": [
            {"name": "core", "path": "pkg/core.py", "status": "active", "critical": True},
            {"name": "orphan", "path": "pkg/orphan.py", "status": "active", "critical": True},
            {"name": "gone", "path": "pkg/gone.py", "status": "active", "critical": True},
            {"name": "future", "path": "pkg/future.py", "status": "planned", "critical": True},
        ],
    }
    report = analyze(PIPELINE, structure=structure)
    int002 = sorted((f.path, f.pointer or "") for f in report.findings if f.code == "INT002")
    assert int002 == [(".claude/project_structure.json", "/modules/2"), ("pkg/orphan.py", "")]
    assert any("'gone' points at pkg/gone.py, which does not exist" in p for p in report.problems)
    assert not any("future" in p for p in report.problems)
    unlisted = [p for p in report.problems if p.startswith("modules on disk missing")]
    assert unlisted == ["modules on disk missing from .claude/project_structure.json: main.py, pkg/helpers.py"]


def test_structure_package_folder_means_its_init() -> None:
    files = dict(PIPELINE)
    files["pkg/extra/__init__.py"] = "from pkg.extra.tool import use\n"
    files["pkg/extra/tool.py"] = "def use() -> None:\n    return None\n"
    structure = {
        "modules": [
            {"name": "pkg", "path": "pkg/", "status": "active", "critical": True},
            {"name": "extra", "path": "pkg/extra/", "status": "active", "critical": True},
            {"name": "main", "path": "main.py", "status": "active"},
        ]
    }
    report = analyze(files, structure=structure)
    assert [(f.code, f.path) for f in report.findings] == [("INT002", "pkg/extra/__init__.py")]
    assert not any("does not exist" in problem for problem in report.problems)
    assert not any(problem.startswith("modules on disk missing") for problem in report.problems)


def test_structure_entry_point_missing_is_reported() -> None:
    report = analyze(PIPELINE, structure={"entry_point": "app/cli.py", "modules": []})
    assert ".claude/project_structure.json: entry_point app/cli.py does not exist" in report.problems


def test_unknown_critical_name_is_a_configuration_error() -> None:
    report = analyze(PIPELINE, {"critical": ["pkg.nowhere"]})
    assert report.config_errors == (
        "[tool.prefguard.integration] critical: module 'pkg.nowhere' does not exist in the project",
    )


def test_int001_when_verify_script_is_missing() -> None:
    summaries = {p: summarize_module(p, t) for p, t in PIPELINE.items()}
    report = verify_project(summaries, {})
    int001 = [f for f in report.findings if f.code == "INT001"]
    assert [f.path for f in int001] == [VERIFY]
    assert VERIFY not in [m.path for m in analyze(PIPELINE).modules]


def test_entry_sources_in_order() -> None:
    files = dict(PIPELINE)
    files["pkg/cli.py"] = "def main() -> None:\n    return None\n"
    scripts = {"tool": "pkg.cli:main", "other": "thirdparty.mod:main", "broken": "pkg.absent:main"}
    from_scripts = analyze(files, scripts=scripts)
    assert from_scripts.entry_source == SOURCE_DISCOVERED
    assert from_scripts.found_by == (("pkg/cli.py", "[project.scripts] tool"), ("main.py", RULE_ROOT_NAME))
    assert from_scripts.missing_entries == ("[project.scripts]: broken = pkg.absent:main",)
    assert from_scripts.notes == ("[project.scripts]: other = thirdparty.mod:main runs a module outside this project",)
    assert not from_scripts.entries_required
    from_config = analyze(files, {"entry": ["main.py", "nowhere.py"]}, scripts=scripts)
    assert from_config.entry_source == SOURCE_CONFIGURATION
    assert from_config.entries == ("main.py",) and from_config.missing_entries == ("nowhere.py",)
    assert from_config.entries_required
    from_cli = analyze(files, {"entry": ["main.py"]}, command_line_entries=["pkg/cli.py"])
    assert from_cli.entries == ("pkg/cli.py",) and from_cli.entry_source == "--entry"


def test_no_entry_point_at_all() -> None:
    report = analyze({"lib/__init__.py": "", "lib/a.py": "X = 1\n"})
    assert report.entries == ()
    assert report.problems[-1].startswith("no entry point found")
    assert all(m.reason == "no entry point to start from" for m in report.modules)


def test_exclude_and_tests_are_not_classified() -> None:
    files = dict(PIPELINE)
    files["tests/test_core.py"] = "from pkg.core import run\n\n\ndef test_run() -> None:\n    assert run() == 4\n"
    files["build_tools/gen.py"] = "X = 1\n"
    report = analyze(files, {"exclude": ["build_tools/**"]})
    paths = [m.path for m in report.modules]
    assert "tests/test_core.py" not in paths and "build_tools/gen.py" not in paths
    assert report.excluded_files == ("build_tools/gen.py",)
    assert report.totals()["files_scanned"] == 8


def test_parse_error_is_reported_not_raised() -> None:
    files = dict(PIPELINE)
    files["pkg/broken.py"] = "def broken(:\n"
    report = analyze(files)
    broken = status(report, "pkg/broken.py")
    assert broken.parse_error is not None and broken.reason.startswith("cannot be parsed")
    assert report.totals()["parse_errors"] == 1


def test_summary_round_trip() -> None:
    text = PIPELINE["pkg/core.py"] + "\nfrom . import *\n__all__ = ['run']\n"
    summary = summarize_module("pkg/core.py", text)
    assert summary_from_data(summary_to_data(summary)) == summary


def test_render_text_has_table_and_counted_totals() -> None:
    report = analyze(PIPELINE, {"critical": ["pkg.orphan"]})
    text = render_text(report, "/project")
    assert "  main.py: found by conventional entry script at the root" in text
    assert "MODULE" in text and "REASON" in text
    assert "pkg/orphan.py" in text and "CRITICAL" in text
    assert "Modules: 5 | WIRED 4 | NOT WIRED 1 (1 unreachable, 0 imported but unused) | DUPLICATE 0" in text
    assert "TESTED not measured (run with --tests)" in text
    assert "INT002" in text
    summary = render_summary(report).splitlines()
    assert summary[2].startswith("| modules | WIRED | NOT WIRED | DUPLICATE | critical NOT WIRED |")
    assert summary[4] == "| 5 | 4 | 1 | 0 | 1 | - | - | - | 1 |"


def _coverage(files: Mapping[str, Any], contexts: bool) -> Dict[str, Any]:
    return {"meta": {"show_contexts": contexts}, "files": dict(files)}


def test_junit_join_and_tested_evidence() -> None:
    junit = (
        '<testsuites><testsuite name="pytest">'
        '<testcase classname="tests.test_a" name="test_ok[1]" />'
        '<testcase classname="tests.test_a.TestK" name="test_m" />'
        '<testcase classname="tests.test_a" name="test_bad"><failure message="x"/></testcase>'
        '<testcase classname="tests.test_a" name="test_skip"><skipped/></testcase>'
        "</testsuite></testsuites>"
    )
    outcomes = parse_junit(junit)
    assert outcomes[("tests.test_a", "test_ok[1]")] is True
    assert outcomes[("tests.test_a", "test_bad")] is False
    assert junit_key("tests/test_a.py::test_ok[1]|run") == ("tests.test_a", "test_ok[1]")
    assert junit_key("tests/test_a.py::TestK::test_m|setup") == ("tests.test_a.TestK", "test_m")
    assert junit_key("") is None
    coverage = _coverage(
        {
            "/proj/pkg/good.py": {
                "executed_lines": [1, 2, 3],
                "functions": {
                    "": {"contexts": {"1": [""]}},
                    "f": {"executed_lines": [3], "contexts": {"3": ["tests/test_a.py::test_ok[1]|run"]}},
                },
            },
            "pkg/failing.py": {
                "functions": {"g": {"contexts": {"2": ["tests/test_a.py::test_bad|run"]}}},
            },
            "pkg/imported.py": {
                "functions": {"": {"contexts": {"1": ["tests/test_a.py::TestK::test_m|run"]}}, "h": {"contexts": {}}},
            },
            "pkg/consts.py": {"functions": {"": {"contexts": {"1": ["tests/test_a.py::TestK::test_m|run"]}}}},
            "/elsewhere/x.py": {"functions": {}},
        },
        True,
    )
    paths = ["pkg/good.py", "pkg/failing.py", "pkg/imported.py", "pkg/consts.py", "pkg/never.py"]
    evidence = evidence_from_tests(coverage, outcomes, "/proj", paths)
    assert evidence["pkg/good.py"].ok and evidence["pkg/good.py"].count == 1
    assert not evidence["pkg/failing.py"].ok and "failing" in evidence["pkg/failing.py"].reason
    assert not evidence["pkg/imported.py"].ok
    assert evidence["pkg/imported.py"].reason == "imported during tests, but no test ran its functions"
    assert evidence["pkg/consts.py"].ok
    assert evidence["pkg/never.py"].reason == "not executed by any test"
    with pytest.raises(CoverageFormatError):
        evidence_from_tests(_coverage({}, False), outcomes, "/proj", paths)


def test_run_evidence_separates_import_from_execution() -> None:
    coverage = _coverage(
        {
            "pkg/ran.py": {"executed_lines": [1, 4], "functions": {"": {}, "f": {"executed_lines": [4]}, "g": {}}},
            "pkg/imported.py": {"executed_lines": [1], "functions": {"": {}, "f": {"executed_lines": []}}},
            "pkg/consts.py": {"executed_lines": [1, 2], "functions": {"": {}}},
        },
        False,
    )
    evidence = evidence_from_run(coverage, ".", ["pkg/ran.py", "pkg/imported.py", "pkg/consts.py", "pkg/no.py"])
    assert evidence["pkg/ran.py"].ok and evidence["pkg/ran.py"].reason == "1 of 2 functions ran"
    assert not evidence["pkg/imported.py"].ok
    assert evidence["pkg/imported.py"].reason == "imported only: none of its 1 functions ran"
    assert evidence["pkg/consts.py"].ok
    assert not evidence["pkg/no.py"].ok
    with pytest.raises(CoverageFormatError):
        evidence_from_run(_coverage({"a.py": {"executed_lines": [1]}}, False), ".", ["a.py"])


def test_complete_needs_all_four() -> None:
    def function_run(test: str) -> Dict[str, Any]:
        return {"executed_lines": [2], "functions": {"": {}, "f": {"executed_lines": [2], "contexts": {"2": [test]}}}}

    files = {
        "main.py": "from pkg.core import f\n\nf()\n",
        "pkg/__init__.py": "",
        "pkg/core.py": "def f() -> None:\n    return None\n",
    }
    test_coverage = _coverage({"pkg/core.py": function_run("tests/test_x.py::test_f|run")}, True)
    run_coverage = _coverage(
        {"pkg/core.py": function_run(""), "main.py": {"executed_lines": [1, 3], "functions": {"": {}}}}, False
    )
    report = analyze(
        files,
        test_coverage=test_coverage,
        test_outcomes={("tests.test_x", "test_f"): True},
        run_coverage=run_coverage,
    )
    assert status(report, "pkg/core.py").complete is True
    assert status(report, "main.py").complete is False
    package = status(report, "pkg/__init__.py")
    assert package.complete is True
    assert package.tested is not None and package.tested.reason == "no code of its own; package of pkg.core"
    totals = report.totals()
    assert (totals["tested"], totals["active"], totals["complete"]) == (2, 3, 2)
    assert analyze(files).totals()["complete"] is None


def test_the_original_row_of_a_duplicate_points_at_its_copy() -> None:
    body = "    total = a + b\n    total = total * 2\n    total = total - 1\n    total = total / 3\n    return total\n"
    files = {
        "main.py": "from helper import other\n\n\ndef work(a: int, b: int) -> float:\n" + body + "\n\nprint(work(1, 2), other(1, 2))\n",
        "helper.py": "def other(a: int, b: int) -> float:\n" + body,
        "pkg/__init__.py": "",
        "pkg/one.py": "X = 1\n",
        "pkg/two.py": "X = 1\n",
    }
    report = analyze(files)
    copy, original = status(report, "main.py"), status(report, "helper.py")
    assert copy.duplicates == ("body of work() (5 lines) is a copy of other() in helper.py line 1",)
    assert original.duplicates == ("body of other() (line 1) is copied as work() in main.py line 4",)
    assert status(report, "pkg/one.py").duplicates == ("copied as pkg/two.py (the same code)",)
    assert status(report, "pkg/two.py").duplicates == ("pkg/two.py has the same code as pkg/one.py",)


LIBRARY = {
    "src/mylib/__init__.py": 'from .x import y as z\nfrom ._impl import helper as public_helper\n\n__all__ = ["z", "public_helper"]\n',
    "src/mylib/x.py": "def y() -> int:\n    return 1\n",
    "src/mylib/_impl.py": "def helper() -> int:\n    return 2\n",
    "src/mylib/testing.py": "from mylib._support import Runner\n\n__all__ = ['Runner']\n",
    "src/mylib/_support.py": "class Runner:\n    pass\n",
    "src/mylib/lazy/__init__.py": "from mylib.lazy.star import *\n",
    "src/mylib/lazy/star.py": "from mylib._starred import *\n",
    "src/mylib/_starred.py": "def starred() -> int:\n    return 3\n",
    "src/mylib/_private.py": "def hidden() -> int:\n    return 4\n",
    "src/mylib/_sub/visible.py": "def inside() -> int:\n    return 5\n",
}


@pytest.mark.parametrize("integration", [{}, {"entry": ["src/mylib/__init__.py"]}], ids=["discovered", "configured"])
def test_a_library_wires_aliased_reexports_and_public_submodules(integration: Dict[str, Any]) -> None:
    report = analyze(LIBRARY, integration, library=True)
    assert status(report, "src/mylib/x.py").reason == "used by mylib (line 1): z"
    assert status(report, "src/mylib/_impl.py").reason == "used by mylib (line 2): public_helper"
    assert status(report, "src/mylib/testing.py").reason == "public submodule of library package mylib"
    assert status(report, "src/mylib/_support.py").reason == "used by mylib.testing (line 1): Runner"
    assert status(report, "src/mylib/lazy/star.py").wired
    assert status(report, "src/mylib/_starred.py").reason == "used by mylib.lazy.star (line 1): *"
    assert [module.path for module in report.modules if not module.wired] == ["src/mylib/_private.py", "src/mylib/_sub/visible.py"]
    assert report.totals()["unreachable"] == 2


def test_an_application_gets_no_public_submodules() -> None:
    report = analyze(LIBRARY, {"entry": ["src/mylib/__init__.py"]})
    assert not status(report, "src/mylib/x.py").wired
    assert not status(report, "src/mylib/testing.py").wired
