"""``prefguard check`` end to end through the real command line, in temporary folders and git repositories."""

import json
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

from tests.conftest import GitRepo
from tests.process import run_prefguard

ROOT = Path(__file__).resolve().parents[2]
HEADER = (
    "# -*- coding: utf-8 -*-\n"
    "# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.\n"
    "# Cluj-Napoca, Romania\n"
)
CLEAN = HEADER + '"""A clean module."""\n\n\ndef add(a: int, b: int) -> int:\n    """Add."""\n    return a + b\n'
YEAR_CONFIG = "[tool.prefguard.header]\nyear = 2026\n"


def prefguard(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return run_prefguard(args, cwd)


def codes(result: subprocess.CompletedProcess) -> List[str]:
    return [item["code"] for item in json.loads(result.stdout)]


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(YEAR_CONFIG, encoding="utf-8")
    return tmp_path


def test_clean_file_exits_zero(project: Path) -> None:
    (project / "clean.py").write_text(CLEAN, encoding="utf-8")
    result = prefguard(project, "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "no findings in 1 file" in result.stderr


def test_findings_exit_one_with_ruff_like_lines(project: Path) -> None:
    (project / "bad.py").write_text(HEADER + "def f(x):\n    return x\n", encoding="utf-8")
    result = prefguard(project, "check", "bad.py")
    assert result.returncode == 1
    assert "bad.py:4:5: ANN002" in result.stdout
    assert "bad.py:4:7: ANN001" in result.stdout
    assert "Found 3 finding(s)" in result.stderr


def test_json_format_is_the_contract(project: Path) -> None:
    (project / "bad.py").write_text(HEADER + "import logging\n", encoding="utf-8")
    result = prefguard(project, "check", "--format", "json", ".")
    data = json.loads(result.stdout)
    assert data == [
        {"code": "LOG001", "path": "bad.py", "line": 4, "column": 8, "end_line": 4, "end_column": 15,
         "message": "'import logging': use print() with a status prefix instead of logging", "fixable": False}
    ]
    assert result.stderr == ""


def test_unparsable_file_is_pgx002_and_others_are_still_checked(project: Path) -> None:
    (project / "broken.py").write_bytes(b"def f(:\n")
    (project / "nul.py").write_bytes(b"x = 1\x00\n")
    (project / "latin.py").write_bytes(b"x = '\xff'\n")
    (project / "bad.py").write_text(HEADER + "import logging\n", encoding="utf-8")
    result = prefguard(project, "check", "--format", "json", "--select", "PGX,LOG", ".")
    assert result.returncode == 1
    found = {(item["path"], item["code"]) for item in json.loads(result.stdout)}
    assert found == {("broken.py", "PGX002"), ("nul.py", "PGX002"), ("latin.py", "PGX002"), ("bad.py", "LOG001")}
    assert "Traceback" not in result.stderr


def test_missing_path_is_usage_error(project: Path) -> None:
    result = prefguard(project, "check", "no_such_file.py")
    assert result.returncode == 2
    assert "no_such_file.py" in result.stderr


def test_unknown_config_key_names_key_and_file(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.prefguard]\nselectt = ['ANN']\n", encoding="utf-8")
    result = prefguard(project, "check", ".")
    assert result.returncode == 2
    assert "selectt" in result.stderr and "pyproject.toml" in result.stderr


def test_unknown_code_in_config_is_error(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.prefguard]\nignore = ['ZZZ999']\n", encoding="utf-8")
    result = prefguard(project, "check", ".")
    assert result.returncode == 2
    assert "ZZZ999" in result.stderr


def test_select_ignore_and_per_file_ignores(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        YEAR_CONFIG + "[tool.prefguard]\nper-file-ignores = { 'scripts/**' = ['ANN'] }\n", encoding="utf-8"
    )
    (project / "scripts").mkdir()
    (project / "scripts" / "run.py").write_text(HEADER + '"""Run."""\n\n\ndef go(x):\n    """Go."""\n', encoding="utf-8")
    (project / "lib.py").write_text(HEADER + '"""Lib."""\n\n\ndef go(x):\n    """Go."""\n', encoding="utf-8")
    result = prefguard(project, "check", "--format", "json", ".")
    assert sorted((i["path"], i["code"]) for i in json.loads(result.stdout)) == [("lib.py", "ANN001"), ("lib.py", "ANN002")]
    only = prefguard(project, "check", "--format", "json", "--select", "ANN002", ".")
    assert codes(only) == ["ANN002"]
    none = prefguard(project, "check", "--ignore", "ANN", ".")
    assert none.returncode == 0


def test_suppression_comment_and_pgx001(project: Path) -> None:
    source = HEADER + "import logging  # prefguard: ignore[LOG001]\nimport logging.handlers  # prefguard: ignore\n"
    (project / "m.py").write_text(source, encoding="utf-8")
    result = prefguard(project, "check", "--format", "json", ".")
    assert sorted(codes(result)) == ["LOG001", "PGX001"]


def test_fix_writes_atomically_keeps_crlf_and_mode(project: Path) -> None:
    target = project / "pkg" / "mod.py"
    target.parent.mkdir()
    (project / "pkg" / "__init__.py").write_text("", encoding="utf-8")
    target.write_bytes(b'"""Mod."""\r\nfrom .other import thing\r\n')
    target.chmod(0o755)
    result = prefguard(project, "check", "--fix", "--select", "HDR,IMP", ".")
    assert result.returncode == 0, result.stdout + result.stderr
    data = target.read_bytes()
    assert data.startswith(HEADER.replace("\n", "\r\n").encode("utf-8"))
    assert b"from pkg.other import thing\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert target.stat().st_mode & 0o777 == 0o755
    assert [p.name for p in target.parent.iterdir() if "prefguard-tmp" in p.name] == []
    again = prefguard(project, "check", "--fix", "--select", "HDR,IMP", ".")
    assert target.read_bytes() == data and again.returncode == 0


def test_diff_changes_nothing(project: Path) -> None:
    target = project / "mod.py"
    target.write_text("x = 1\n", encoding="utf-8")
    result = prefguard(project, "check", "--diff", "--select", "HDR001", ".")
    assert result.returncode == 1
    assert "+# -*- coding: utf-8 -*-" in result.stdout
    assert target.read_text(encoding="utf-8") == "x = 1\n"


def test_read_only_file_is_reported_and_untouched(project: Path) -> None:
    target = project / "mod.py"
    target.write_text("x = 1\n", encoding="utf-8")
    target.chmod(0o444)
    result = prefguard(project, "check", "--fix", "--select", "HDR001", ".")
    assert "read-only" in result.stderr
    assert target.read_text(encoding="utf-8") == "x = 1\n"


def test_git_tracked_files_are_not_new_and_ignored_files_skipped(project: Path) -> None:
    repo = GitRepo(project)
    (project / ".gitignore").write_text("generated/\n", encoding="utf-8")
    (project / "old.py").write_text('"""Old."""\n', encoding="utf-8")
    repo.commit("initial")
    (project / "new.py").write_text('"""New."""\n', encoding="utf-8")
    (project / "generated").mkdir()
    (project / "generated" / "junk.py").write_text("def f(x): pass\n", encoding="utf-8")
    (project / ".venv").mkdir()
    (project / ".venv" / "lib.py").write_text("def f(x): pass\n", encoding="utf-8")
    result = prefguard(project, "check", "--format", "json", ".")
    found = sorted({(i["path"], i["code"]) for i in json.loads(result.stdout)})
    assert found == [("new.py", "HDR001"), ("new.py", "HDR002")]


def test_staged_checks_the_index_not_the_working_tree(project: Path) -> None:
    repo = GitRepo(project)
    (project / "a.py").write_text(CLEAN, encoding="utf-8")
    repo.commit("initial")
    (project / "a.py").write_text(CLEAN + "import logging\n", encoding="utf-8")
    repo.git("add", "a.py")
    (project / "a.py").write_text(CLEAN, encoding="utf-8")
    result = prefguard(project, "check", "--staged", "--format", "json")
    assert codes(result) == ["LOG001"]


def test_ref_range_checks_files_as_of_to_ref(project: Path) -> None:
    repo = GitRepo(project)
    (project / "a.py").write_text(CLEAN, encoding="utf-8")
    repo.commit("one")
    (project / "b.py").write_text("import logging\n", encoding="utf-8")
    repo.commit("two")
    (project / "b.py").write_text("x = 1\n", encoding="utf-8")
    result = prefguard(project, "check", "--from-ref", "HEAD~1", "--to-ref", "HEAD", "--format", "json", "--select", "LOG,HDR001")
    assert sorted(codes(result)) == ["HDR001", "LOG001"]


def test_explain_and_rules() -> None:
    explain = prefguard(ROOT, "explain", "ann001")
    assert explain.returncode == 0
    assert "ANN001" in explain.stdout and "Why is this bad" in explain.stdout and "def f(a)" in explain.stdout
    unknown = prefguard(ROOT, "explain", "NOPE01")
    assert unknown.returncode == 2
    rules = prefguard(ROOT, "rules", "--format", "json")
    listed = {row["code"] for row in json.loads(rules.stdout)}
    assert {"HDR001", "ANN001", "PGX002", "JSN001", "INT002"} <= listed


def test_version_does_not_import_heavy_libraries() -> None:
    code = "import sys; from hooks.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass\nprint(sorted(m for m in ('libcst', 'git', 'jsonschema') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.strip().endswith("[]"), result.stdout + result.stderr


def test_sarif_carries_fix_replacements(project: Path) -> None:
    package = project / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "mod.py").write_text(HEADER + "from .other import thing\n", encoding="utf-8")
    result = prefguard(project, "check", "--format", "sarif", "--select", "IMP001", ".")
    assert result.returncode == 1
    log = json.loads(result.stdout)
    (only,) = log["runs"][0]["results"]
    assert only["ruleId"] == "IMP001"
    change = only["fixes"][0]["artifactChanges"][0]
    assert change["artifactLocation"]["uri"] == "pkg/mod.py"
    replacement = change["replacements"][0]
    assert replacement["insertedContent"]["text"] == "pkg"
    assert replacement["deletedRegion"]["startLine"] == 4


def test_notebooks_documents_and_names_are_checked(project: Path) -> None:
    cell = {"cell_type": "code", "id": "c1", "metadata": {}, "outputs": [], "execution_count": None,
            "source": ["import logging\n"]}
    notebook = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (project / "analysis.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    (project / "broken.ipynb").write_text('{"cells": [', encoding="utf-8")
    (project / "NOTES.md").write_text("# Instalare\n\nRulati comanda de mai jos pentru a salva datele in fisier.\n", encoding="utf-8")
    result = prefguard(project, "check", "--format", "json", ".")
    found = sorted((item["path"], item["code"], item.get("cell")) for item in json.loads(result.stdout))
    assert found == [("NOTES.md", "ENG005", None), ("analysis.ipynb", "LOG001", 1), ("broken.ipynb", "NBK001", None)]
    text = prefguard(project, "check", "--select", "LOG", "analysis.ipynb")
    assert "analysis.ipynb:cell 1:1:8: LOG001" in text.stdout
