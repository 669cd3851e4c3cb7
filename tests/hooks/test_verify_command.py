"""``prefguard verify`` on fixture projects written to temporary folders."""

import argparse
import json
import os
import sys
import warnings
from pathlib import Path
from typing import Dict, Optional

import pytest

from hooks.runtime import summaries as verify_summaries
from hooks.commands.verify import CACHE_FILE, add_arguments, main, python_files, run
from hooks.runtime.coverage_runs import coverage_command
from checks.config.settings import build_settings

VERIFY_TEXT = "import sys\n\nsys.exit(0)\n"


def write_project(root: Path, files: Dict[str, str], pyproject: Optional[str] = None) -> Path:
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    if pyproject is not None:
        (root / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    return root


def verify(root: Path, capsys: pytest.CaptureFixture, *argv: str) -> tuple:
    code = main(["--no-cache", *argv], start=str(root))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


APP = {
    "app/__init__.py": "",
    "app/__main__.py": "from app.cli import main\n\nmain()\n",
    "app/cli.py": (
        "import sys\n\nfrom app import steps\n\n\n"
        "def main() -> None:\n    print(steps.double(int(sys.argv[1]) if len(sys.argv) > 1 else 2))\n"
    ),
    "app/steps.py": "def double(value: int) -> int:\n    return value * 2\n\n\ndef unused_helper() -> int:\n    return 0\n",
    "app/sideline.py": "def never() -> None:\n    return None\n",
    "verify_integration.py": VERIFY_TEXT,
}

CONFIG = '[project]\nname = "app"\n\n[tool.prefguard.integration]\nentry = ["app/__main__.py"]\n'


def test_text_report_of_a_wired_project(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    write_project(tmp_path, APP, CONFIG)
    code, out, _err = verify(tmp_path, capsys)
    assert code == 0
    assert "Entry points ([tool.prefguard.integration] entry): app/__main__.py" in out
    assert "app/sideline.py" in out and "not imported from any entry point" in out
    assert "Modules: 5 | WIRED 4 | NOT WIRED 1 (1 unreachable, 0 imported but unused) | DUPLICATE 0" in out
    assert "1 standard-library modules, 0 third-party packages (none)" in out
    assert out.rstrip().endswith("[OK] no integration findings")


def test_critical_module_not_wired_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    write_project(tmp_path, APP, CONFIG + 'critical = ["app.sideline", "app.steps"]\n')
    code, out, _err = verify(tmp_path, capsys)
    assert code == 1
    assert "app/sideline.py:1:1: INT002 critical module app.sideline (configuration) is NOT WIRED" in out
    assert "Critical: 2 (1 NOT WIRED)" in out


def test_critical_from_structure_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    write_project(tmp_path, APP, CONFIG)
    structure = {"modules": [{"name": "sideline", "path": "app/sideline.py", "status": "active", "critical": True}]}
    write_project(tmp_path, {".claude/project_structure.json": json.dumps(structure)})
    code, out, err = verify(tmp_path, capsys, "--format", "json")
    assert code == 1
    assert "[WARN] modules on disk missing from .claude/project_structure.json: app/__main__.py" in err
    findings = json.loads(out)
    assert [(f["code"], f["path"]) for f in findings] == [("INT002", "app/sideline.py")]


def test_missing_verify_script_is_int001(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    files = {path: text for path, text in APP.items() if path != "verify_integration.py"}
    write_project(tmp_path, files, CONFIG)
    code, out, _err = verify(tmp_path, capsys, "--format", "github")
    assert code == 1
    assert out.startswith("::error file=verify_integration.py,line=1,col=1,")
    assert "title=INT001::INT001 the project has no verify_integration.py" in out


def test_duplicate_module_is_int003_in_sarif(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    files = dict(APP)
    files["app/steps_copy.py"] = "# a copy\n" + APP["app/steps.py"]
    write_project(tmp_path, files, CONFIG)
    code, out, _err = verify(tmp_path, capsys, "--format", "sarif")
    assert code == 1
    sarif = json.loads(out)
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["INT003"]
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "app/steps_copy.py"


def test_per_file_ignores_silence_a_finding(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    files = dict(APP)
    files["app/steps_copy.py"] = APP["app/steps.py"]
    config = CONFIG.replace(
        "[tool.prefguard.integration]", '[tool.prefguard]\nper-file-ignores = {"app/steps_copy.py" = ["INT003"]}\n\n[tool.prefguard.integration]'
    )
    write_project(tmp_path, files, config)
    code, out, _err = verify(tmp_path, capsys, "--format", "summary")
    assert code == 0
    assert "## prefguard: no findings" in out
    assert "| 6 | 4 | 2 | 2 | 0 | - | - | - | 0 |" in out


def test_usage_and_configuration_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    write_project(tmp_path, APP, CONFIG)
    code, _out, err = verify(tmp_path, capsys, "--entry", "app/nowhere.py")
    assert code == 2 and "entry point not found: app/nowhere.py (--entry)" in err
    (tmp_path / "pyproject.toml").write_text(CONFIG + "bogus = 1\n", encoding="utf-8")
    code, _out, err = verify(tmp_path, capsys)
    assert code == 2 and "integration.bogus: unknown key" in err
    (tmp_path / "pyproject.toml").write_text(CONFIG + 'critical = ["app.ghost"]\n', encoding="utf-8")
    code, _out, err = verify(tmp_path, capsys)
    assert code == 2 and "'app.ghost' does not exist" in err


def test_no_entry_point_is_reported_not_an_error(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    write_project(tmp_path, {"lib/__init__.py": "", "lib/a.py": "X = 1\n", "verify_integration.py": VERIFY_TEXT}, "")
    code, out, _err = verify(tmp_path, capsys)
    assert code == 0
    assert "Problem: no entry point found" in out and "`prefguard init` writes it" in out
    assert [line.split()[:2] for line in out.splitlines() if line.startswith("lib/a.py")] == [["lib/a.py", "NOT"]]


def test_exit_2_only_without_any_python_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    write_project(tmp_path, {}, "")
    (tmp_path / "README.md").write_text("# nothing to run\n", encoding="utf-8")
    code, _out, err = verify(tmp_path, capsys)
    assert code == 2 and "holds no Python file" in err


def test_project_scripts_are_the_entry_when_no_configuration(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    write_project(tmp_path, APP, '[project]\nname = "app"\n\n[project.scripts]\napp = "app.cli:main"\n')
    code, out, _err = verify(tmp_path, capsys)
    assert code == 0
    assert "  app/cli.py: found by pyproject.toml [project.scripts] app" in out


def test_static_mode_never_executes_project_code(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    marker = tmp_path / "marker.txt"
    trap = (
        "from pathlib import Path\n\n"
        f"Path({str(marker)!r}).write_text('imported', encoding='utf-8')\n\n\n"
        "def double(value: int) -> int:\n    return value * 2\n"
    )
    files = dict(APP)
    files["app/steps.py"] = trap
    files["app/__init__.py"] = trap.replace("def double", "def triple")
    files["conftest.py"] = trap.replace("def double", "def quadruple")
    write_project(tmp_path, files, CONFIG)
    modules_before = set(sys.modules)
    code, out, _err = verify(tmp_path, capsys)
    assert code == 0
    assert "app/steps.py" in out
    assert not marker.exists()
    assert not {name for name in set(sys.modules) - modules_before if name == "app" or name.startswith("app.")}


def test_run_measures_active_under_coverage(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    files = dict(APP)
    files["app/__main__.py"] = "import app.sideline\nfrom app.cli import main\n\nmain()\n"
    write_project(tmp_path, files, CONFIG)
    code, out, err = verify(tmp_path, capsys, "--run", "python -m app 21")
    assert code == 0, err
    assert "[INFO] ACTIVE: running" in err and "42" in err
    lines = {line.split()[0]: line for line in out.splitlines() if line.startswith("app/")}
    assert lines["app/steps.py"].split()[1:7] == ["WIRED", "yes", "-", "yes", "yes", "-"]
    assert "ACTIVE: imported only: none of its 1 functions ran" in lines["app/sideline.py"]
    assert "ACTIVE 4/5" in out
    write_project(tmp_path, {"tools/side.py": "from app.sideline import never\n\nnever()\n"})
    code, out, err = verify(tmp_path, capsys, "--run", "python -m app 21", "--run", "python -m tools.side")
    assert code == 0, err
    assert "ACTIVE 6/6" in out


def test_tests_and_run_give_complete(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    files = dict(APP)
    files["tests/test_steps.py"] = (
        "from app.steps import double\nfrom app.sideline import never\n\n\n"
        "def test_double() -> None:\n    assert double(2) == 4\n\n\n"
        "def test_never_fails() -> None:\n    never()\n    assert False\n"
    )
    write_project(tmp_path, files, CONFIG)
    code, out, err = verify(tmp_path, capsys, "--tests", "--run", "python -m app")
    assert code == 0, err
    lines = {line.split()[0]: line for line in out.splitlines() if line.startswith("app/")}
    assert lines["app/steps.py"].split()[1:7] == ["WIRED", "yes", "yes", "yes", "yes", "yes"]
    assert "TESTED: 1 passing tests ran its functions" in lines["app/steps.py"]
    assert "TESTED: only failing or skipped tests ran it (1)" in lines["app/sideline.py"]
    assert "TESTED 2/5 | ACTIVE 4/5 | COMPLETE 2/5" in out
    assert "some tests failed" in err


def test_run_rejects_a_command_that_is_not_python(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    write_project(tmp_path, APP, CONFIG)
    code, _out, err = verify(tmp_path, capsys, "--run", "definitely-not-a-command-xyz")
    assert code == 2 and "is not a Python command" in err


def test_coverage_command_forms() -> None:
    python_module = coverage_command("python -m training --steps 2", "/tmp/data")
    assert python_module[1:] == ["-m", "coverage", "run", "--data-file=/tmp/data", "-m", "training", "--steps", "2"]
    script = coverage_command("python3 train.py --fast", "/tmp/data")
    assert script[-2:] == ["train.py", "--fast"]
    assert coverage_command("pytest -q", "/d")[5].endswith("pytest")


def test_cache_is_reused_and_refreshed(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PREFGUARD_CACHE_DIR", str(tmp_path / "outside"))
    project = tmp_path / "project"
    write_project(project, APP, CONFIG)
    assert main([], start=str(project)) == 0
    assert not (project / ".prefguard_cache").exists()
    cache = tmp_path / "outside" / CACHE_FILE
    data = json.loads(cache.read_bytes().partition(b"\n")[2])
    assert "app/steps.py" in data["entries"]
    (project / "app/cli.py").write_text("from app import steps\n\n\ndef main() -> None:\n    return None\n", encoding="utf-8")
    capsys.readouterr()
    assert main([], start=str(project)) == 0
    out = capsys.readouterr().out
    assert "NOT WIRED 2 (1 unreachable, 1 imported but unused)" in out
    cache.write_text("{broken", encoding="utf-8")
    assert main([], start=str(project)) == 0


def test_a_rewritten_summary_cache_does_not_change_the_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PREFGUARD_CACHE_DIR", str(tmp_path / "outside"))
    project = tmp_path / "project"
    write_project(project, APP, CONFIG)
    (project / "app/cli.py").write_text("from app import steps\n\n\ndef main() -> None:\n    return None\n", encoding="utf-8")
    assert main([], start=str(project)) == 0
    honest = capsys.readouterr().out
    assert "NOT WIRED 2" in honest
    cache = tmp_path / "outside" / CACHE_FILE
    data = json.loads(cache.read_bytes().partition(b"\n")[2])
    data["entries"] = {path: [digest, data["entries"]["app/__main__.py"][1]] for path, (digest, _) in data["entries"].items()}
    cache.write_bytes(b"0" * 64 + b"\n" + json.dumps(data).encode("utf-8"))
    assert main([], start=str(project)) == 0
    assert capsys.readouterr().out == honest


def test_internal_error_names_the_file_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_project(tmp_path, APP, CONFIG)

    def explode(path: str, text: str) -> None:
        raise AttributeError(f"no attribute while reading {len(text)} characters")

    monkeypatch.setattr(verify_summaries, "summarize_module", explode)
    code, _out, err = verify(tmp_path, capsys)
    assert code == 2
    assert "internal error while processing app/__init__.py: AttributeError: no attribute" in err


def test_python_files_skip_virtualenvs_and_hidden_folders(tmp_path: Path) -> None:
    write_project(
        tmp_path,
        {"a.py": "", "myenv/pyvenv.cfg": "", "myenv/lib/x.py": "", ".venv/b.py": "", "pkg/__pycache__/c.py": "", "pkg/d.py": ""},
    )
    assert python_files(build_settings({}, root=str(tmp_path))) == ["a.py", "pkg/d.py"]


def test_add_arguments_registers_the_contract_flags() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--format", default="text")
    add_arguments(parser)
    args = parser.parse_args(["--entry", "a.py", "--entry", "b.py", "--tests", "--run", "python -m x"])
    assert args.entry == ["a.py", "b.py"] and args.tests and args.run == ["python -m x"]
    assert args.format == "text"


def test_run_accepts_a_namespace_from_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    write_project(tmp_path, APP, CONFIG)
    current = os.getcwd()
    os.chdir(tmp_path)
    try:
        args = argparse.Namespace(entry=[], run=[], tests=False, format="summary", config=None, no_cache=True)
        assert run(args) == 0
    finally:
        os.chdir(current)
    assert "| 5 | 4 | 1 | 0 | 0 | - | - | - | 0 |" in capsys.readouterr().out


def test_the_structure_file_is_read_strictly_from_the_configured_memory_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    config = CONFIG + '\n[tool.prefguard.json-guard]\nmemory-dir = "memory"\n'
    write_project(tmp_path, APP, config)
    module = '{"name": "sideline", "path": "app/sideline.py", "status": "active", "critical": true, "dependencies": [], "public_api": [], "last_modified": "2026-01-01"}'
    structure = '{"project_name": "app", "format_version": 1, "entry_point": "app/__main__.py", "last_modified": "2026-01-01", "modules": [%s]}'
    (tmp_path / "memory").mkdir()
    (tmp_path / "memory" / "project_structure.json").write_text(structure % module, encoding="utf-8")
    assert main(["--no-cache", "--format", "json"], start=str(tmp_path)) == 1
    assert [item["code"] for item in json.loads(capsys.readouterr().out)] == ["INT002"]
    duplicated = structure.replace('"project_name": "app",', '"project_name": "app", "project_name": "other",')
    (tmp_path / "memory" / "project_structure.json").write_text(duplicated % module, encoding="utf-8")
    assert main(["--no-cache", "--format", "json"], start=str(tmp_path)) == 0
    err = capsys.readouterr().err
    assert "memory/project_structure.json cannot be read" in err and "duplicate" in err.lower()


@pytest.mark.parametrize("expression", ["-" * 100_000 + "1", "a" + ".b" * 100_000], ids=["memory-error", "recursion-error"])
def test_a_file_too_deep_for_ast_is_reported_unparsable_and_verify_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture, expression: str
) -> None:
    files = dict(APP)
    files["app/sideline.py"] = f"def never() -> int:\n    return {expression}\n"
    write_project(tmp_path, files, CONFIG)
    code, out, err = verify(tmp_path, capsys)
    assert code == 0, err
    assert "internal error" not in err
    assert "app/sideline.py" in out and "cannot be parsed (nested too deeply for Python's parser" in out
    assert "1 could not be parsed" in out


def test_verify_prints_no_warnings_about_the_checked_code(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    files = dict(APP)
    files["app/sideline.py"] = "import re\n\nPATTERN = re.compile('\\d+')\nassert (PATTERN, 'always true')\n"
    write_project(tmp_path, files, CONFIG)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        code, out, err = verify(tmp_path, capsys)
    assert code == 0 and "Warning" not in err
    assert [str(w.message) for w in caught] == []
    assert "0 could not be parsed" in out
