"""``prefguard init`` respects the project: its holder, its tools, its hooks' stages and indentation, its PATH.

Every test runs init on a real git work tree in a temporary folder and reads
back the files and messages it wrote.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict

import pytest
import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

import hooks.commands.init as init_command
from checks.adoption.generated_files import VERIFY_BODY
from checks.adoption.project_header import ProjectTools, license_copyright, project_header, project_tools
from hooks.cli import main as cli_main
from tests.hooks.test_init_command import LIBRARY, git_env, make_repository, run_init

MIT = "MIT License\n\nCopyright (c) 2019-2023 Jane Doe <jane@example.com>\n\nPermission is hereby granted, free of charge...\n"
GPL = "GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n\nCopyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>\n"
APACHE_APPENDIX = "   Copyright [yyyy] [name of copyright owner]\n"


def test_license_copyright_takes_the_projects_line_and_skips_the_licences_own() -> None:
    assert license_copyright(MIT) == ("Jane Doe", 2019)
    assert license_copyright("Copyright 2010 by the Pallets team.\n") == ("the Pallets team", 2010)
    assert license_copyright(GPL) is None
    assert license_copyright(APACHE_APPENDIX) is None
    assert license_copyright(None) is None


def test_holder_comes_from_license_then_authors_then_git() -> None:
    tools = ProjectTools()
    header = project_header("LICENSE", MIT, ("Ann",), ("Bob",), 2021, 2026, tools)
    assert (header.holder, header.first_year, header.coding) == ("Jane Doe", 2019, True)
    assert header.table() == {
        "coding": "# -*- coding: utf-8 -*-", "copyright": "# Copyright (c) {years} Jane Doe", "location": "", "first-year": 2019,
    }
    assert project_header("LICENSE", GPL, ("Ann", "Cy"), ("Bob",), 2021, 2026, tools).holder == "Ann, Cy"
    by_git = project_header("LICENSE", None, (), ("Bob",), 2021, 2026, tools)
    assert (by_git.holder, by_git.first_year) == ("Bob", 2021)
    nobody = project_header("LICENSE", None, (), (), None, 2026, tools)
    assert "FRAGMERGENT" not in nobody.table()["copyright"] and nobody.first_year == 2026


@pytest.mark.parametrize(
    "pyproject, precommit, remover",
    [
        ("", "repos:\n- repo: https://github.com/asottile/pyupgrade\n  rev: v3\n  hooks:\n  - id: pyupgrade\n", "pyupgrade"),
        ('[tool.ruff.lint]\nselect = ["E", "UP"]\n', "", "UP009"),
        ('[tool.ruff]\nselect = ["ALL"]\n', "", "UP009"),
        ('[tool.ruff.lint]\nselect = ["UP"]\nignore = ["UP009"]\n', "", ""),
        ('[tool.ruff.lint]\nselect = ["E", "F"]\n', "", ""),
    ],
)
def test_tools_that_remove_the_coding_line_are_detected(pyproject: str, precommit: str, remover: str) -> None:
    found = project_tools(pyproject, None, None, None, precommit)
    assert (remover in found.removes_coding_line) if remover else found.removes_coding_line == ""
    header = project_header("LICENSE", MIT, (), (), None, 2026, found)
    assert header.coding is (not remover)


def test_line_length_is_the_strictest_of_the_projects_tools() -> None:
    found = project_tools('[tool.black]\nline-length = 100\n[tool.ruff]\nline-length = 90\n', None, "[flake8]\nmax-line-length = 72\n", None, None)
    assert (found.line_length, found.line_length_source) == (72, "setup.cfg [flake8] max-line-length")
    hook = "repos:\n- repo: https://github.com/PyCQA/flake8\n  rev: 7.0.0\n  hooks:\n  - id: flake8\n"
    assert project_tools(None, None, None, None, hook).line_length_source == "flake8's default"


def test_generated_verify_script_fits_flake8s_default_line_length() -> None:
    assert max(len(line) for line in VERIFY_BODY.splitlines()) <= 79
    assert not any(line != line.rstrip() for line in VERIFY_BODY.splitlines())
    compile(VERIFY_BODY, "verify_integration.py", "exec")
    # Nothing pyupgrade or ruff's UP rules would rewrite at the first commit (typing aliases, Optional).
    assert "typing" not in VERIFY_BODY and "Optional" not in VERIFY_BODY


PYUPGRADE_PROJECT: Dict[str, str] = {
    "LICENSE": MIT,
    "pyproject.toml": '[project]\nname = "mylib"\nauthors = [{ name = "Someone Else" }]\n\n[tool.ruff]\nline-length = 79\n',
    ".pre-commit-config.yaml": (
        "repos:\n- repo: https://github.com/asottile/pyupgrade\n  rev: v3.15.0\n  hooks:\n  - id: pyupgrade\n"
        "- repo: local\n  hooks:\n  - id: no-todo\n    name: no todo\n    entry: TODO\n    language: pygrep\n"
    ),
    "mylib/__init__.py": "def f():\n    return 1\n",
}


@pytest.mark.slow
def test_init_writes_the_projects_header_and_never_prefguards_holder(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = make_repository(tmp_path, PYUPGRADE_PROJECT)
    code, out, err = run_init(root, capsys)
    assert code == 0, err
    header = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["prefguard"]["header"]
    assert header == {"coding": "", "copyright": "# Copyright (c) {years} Jane Doe", "location": "", "first-year": 2019}
    script = (root / "verify_integration.py").read_text(encoding="utf-8")
    assert script.startswith("# Copyright (c) 2019-") and "FRAGMERGENT" not in script and "coding" not in script.splitlines()[0]
    assert max(len(line) for line in script.splitlines()) <= 79
    assert "[INFO] header of new files: '# Copyright (c) 2019-" in out
    assert "holder and first year from LICENSE" in out and "pyupgrade hook removes it" in out
    for written in root.rglob("*"):
        if written.is_file() and ".git" not in written.parts:
            assert "FRAGMERGENT" not in written.read_text(encoding="utf-8", errors="replace"), written
    # A new file is fixed with the project's holder; the coding line is not demanded back.
    (root / "mylib" / "new.py").write_text('"""New."""\n\nX = 1\n', encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=root, env=git_env(tmp_path), check=True)
    assert cli_main(["check", str(root / "mylib" / "new.py"), "--fix", "--no-cache", "--config", str(root / "pyproject.toml")]) == 0
    fixed = (root / "mylib" / "new.py").read_text(encoding="utf-8")
    assert fixed.startswith("# Copyright (c) 2019-") and "Jane Doe" in fixed.splitlines()[0] and "coding" not in fixed
    capsys.readouterr()


def test_existing_hooks_keep_their_stages_and_the_files_indentation(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = make_repository(tmp_path, PYUPGRADE_PROJECT)
    code, out, _err = run_init(root, capsys)
    assert code == 0
    assert f"if pre-commit cannot fetch {init_command.DEFAULT_HOOK_REPOSITORY} at v{init_command.VERSION}" in out
    text = (root / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    assert config["default_install_hook_types"] == ["pre-commit", "commit-msg"]
    assert config["default_stages"] == ["pre-commit"]
    assert config["repos"][-1] == {
        "repo": init_command.DEFAULT_HOOK_REPOSITORY, "rev": f"v{init_command.VERSION}",
        "hooks": [{"id": "prefguard-check"}, {"id": "prefguard-guard"}, {"id": "prefguard-verify"}],
    }
    assert "  - id: prefguard-check\n" in text and "    - id: prefguard" not in text


def test_hook_repository_at_a_local_path_is_pinned_to_its_commit(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "hooks-home").mkdir()
    hook_repo = make_repository(tmp_path / "hooks-home", {".pre-commit-hooks.yaml": "[]\n"})
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hook_repo, capture_output=True, text=True, check=True).stdout.strip()
    root = make_repository(tmp_path, LIBRARY)
    code, out, _err = run_init(root, capsys, "--hook-repo", str(hook_repo))
    assert code == 0
    repo = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][-1]
    assert (repo["repo"], repo["rev"]) == (str(hook_repo), head)
    assert f"the hooks come from {hook_repo} at {head}" in out


def test_system_hooks_warn_when_prefguard_is_not_on_path(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(init_command.shutil, "which", lambda name, *args, **kwargs: None)
    root = make_repository(tmp_path, LIBRARY)
    code, out, _err = run_init(root, capsys, "--hooks", "system")
    assert code == 0
    repo = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][-1]
    assert repo["repo"] == "local" and {hook["language"] for hook in repo["hooks"]} == {"system"}
    assert "[WARN] .pre-commit-config.yaml: the hooks (language: system) run `prefguard` from PATH" in out
    assert "Executable `prefguard` not found" in out


def test_system_hooks_do_not_warn_when_prefguard_is_on_path(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(init_command.shutil, "which", lambda name, *args, **kwargs: "/usr/bin/prefguard")
    root = make_repository(tmp_path, LIBRARY)
    code, out, _err = run_init(root, capsys, "--hooks", "system")
    assert code == 0 and "[WARN] .pre-commit-config.yaml" not in out


# ======================================================================
# Memory content a reader would sign

TRANSLATED: Dict[str, str] = {
    "README.md": (
        "## 扩散模型<br><sub>官方实现</sub>\n\n"
        "**2024-01-02 更新**：我们发布了新的版本，修复了很多问题并提高了训练速度，欢迎大家试用。\n"
    ),
    "README_EN.md": (
        "## Scalable Diffusion Models with Transformers (DiT)<br><sub>Official PyTorch Implementation</sub>\n\n"
        "This repository trains diffusion models whose backbone is a transformer. "
        "The name DiT stands for Diffusion Transformer. It samples images from a trained model.\n"
    ),
    "train.py": "import torch\n\nprint(torch.zeros(1))\n",
}


def test_concept_prefers_the_english_readme_without_markup_and_names_its_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    root = make_repository(tmp_path, TRANSLATED)
    assert run_init(root, capsys)[0] == 0
    concept = yaml.safe_load((root / ".claude" / "project_concept.json").read_text(encoding="utf-8"))
    assert concept["project_name"] == "Scalable Diffusion Models with Transformers (DiT)"
    assert concept["sources"]["project_name"] == "README_EN.md, title"
    assert concept["vision"].startswith("This repository trains diffusion models whose backbone is a transformer.")
    assert concept["sources"]["vision"] == "README_EN.md, first paragraph"
    assert concept["core_goals"] == [
        "This repository trains diffusion models whose backbone is a transformer.",
        "It samples images from a trained model.",
    ]
    assert "<" not in concept["project_name"] and "更新" not in concept["vision"]


def test_name_comes_from_the_build_metadata_with_that_source(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    files = dict(TRANSLATED, **{"pyproject.toml": '[project]\nname = "dit"\n'})
    root = make_repository(tmp_path, files)
    assert run_init(root, capsys)[0] == 0
    concept = yaml.safe_load((root / ".claude" / "project_concept.json").read_text(encoding="utf-8"))
    assert (concept["project_name"], concept["sources"]["project_name"]) == ("dit", "pyproject.toml name")


def test_memory_files_written_by_init_can_be_corrected_in_the_adoption_commit(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    root = make_repository(tmp_path, TRANSLATED)
    assert run_init(root, capsys)[0] == 0
    concept_path = root / ".claude" / "project_concept.json"
    concept = yaml.safe_load(concept_path.read_text(encoding="utf-8"))
    concept["vision"] = "Train diffusion transformers and sample images from them."
    concept["core_goals"] = ["train", "sample"]
    concept_path.write_text(json.dumps(concept, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=root, env=git_env(tmp_path), check=True)
    message = tmp_path / "message.txt"
    message.write_text("Put the repository under the prefguard policy\n", encoding="utf-8")
    capsys.readouterr()
    previous = Path.cwd()
    try:
        os.chdir(root)
        code = cli_main(["guard", "--staged", str(message)])
    finally:
        os.chdir(previous)
    captured = capsys.readouterr()
    assert code == 0, captured.out + captured.err
    assert "[ERROR]" not in captured.err


# ======================================================================
# Virtual environments inside the work tree

VIOLATION = "def add(a, b):\n    return a + b\n"


def test_init_appends_virtual_environments_to_gitignore(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    files = dict(LIBRARY, **{
        ".gitignore": "*.pyc",
        ".venv/pyvenv.cfg": "home = /usr/bin\n",
        ".venv/lib/site-packages/thing.py": VIOLATION,
        "tools-env/pyvenv.cfg": "home = /usr/bin\n",
        "tools-env/lib/other.py": VIOLATION,
        "ignored-env/pyvenv.cfg": "home = /usr/bin\n",
    })
    files[".gitignore"] = "*.pyc\n/ignored-env/"
    root = make_repository(tmp_path, files, commit=False)
    code, out, _err = run_init(root, capsys)
    assert code == 0
    assert (root / ".gitignore").read_text(encoding="utf-8") == (
        "*.pyc\n/ignored-env/\n\n"
        "# Virtual environments inside the work tree (added by `prefguard init`): never committed, never checked.\n"
        "/.venv/\n/tools-env/\n"
    )
    assert "[OK] .gitignore: appended the virtual environment(s) .venv, tools-env" in out
    listed = subprocess.run(["git", "ls-files", "--others", "--exclude-standard"], cwd=root, capture_output=True, text=True, check=True)
    assert not any("env/" in line for line in listed.stdout.splitlines())
    baseline = (root / ".prefguard-baseline.json").read_text(encoding="utf-8")
    assert "thing.py" not in baseline and "other.py" not in baseline
    before = (root / ".gitignore").read_bytes()
    assert run_init(root, capsys)[0] == 0
    assert (root / ".gitignore").read_bytes() == before


def test_check_never_enters_a_virtual_environment_whatever_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repository(tmp_path, {
        "app.py": '"""App."""\n',
        "myenv/pyvenv.cfg": "home = /usr/bin\n",
        "myenv/lib/thing.py": VIOLATION,
        "ignored/gen.py": VIOLATION,
        ".gitignore": "ignored/\n",
    }, commit=False)
    monkeypatch.chdir(root)
    capsys.readouterr()
    code = cli_main(["check", ".", "--no-cache", "--select", "ANN"])
    captured = capsys.readouterr()
    assert code == 0 and "thing.py" not in captured.out and "gen.py" not in captured.out, captured.out + captured.err
    assert "[ERROR]" not in captured.err
    code = cli_main(["check", "myenv/lib/thing.py", "app.py", "--no-cache", "--select", "ANN"])
    captured = capsys.readouterr()
    assert code == 0 and "thing.py" not in captured.out, captured.out
    (root / "myenv" / "pyvenv.cfg").unlink()
    code = cli_main(["check", ".", "--no-cache", "--select", "ANN"])
    assert code == 1 and "myenv/lib/thing.py:1:5: ANN002" in capsys.readouterr().out


def test_readme_that_opens_with_badges_and_bullets_gives_its_first_bullet_and_no_section_title() -> None:
    from checks.adoption.readme_facts import readme_facts

    text = (
        '<div align="center">\n\n![logo](./images/logo.png)\n\n</div>\n\n'
        '<div align="center">\n  <h3>"The Great Way is Simple"</h3>\n</div>\n\n'
        "[中文](./README.md) | English\n\n"
        "* This open-source project aims to train a small language model from scratch in two hours.\n"
        "* It is intentionally lightweight.\n\n"
        "[🔗 Online Demo](https://example.com/demo) | [🔗 Video Introduction](https://example.com/video)\n\n"
        "# 📌 Project Introduction\n\nThe project includes the following parts.\n"
    )
    facts = readme_facts(text)
    assert facts.title == ""
    assert facts.summary == "This open-source project aims to train a small language model from scratch in two hours."
    assert readme_facts("# 📌 Introduction\n\nSome project that does useful things.\n").title == ""
    assert readme_facts("# 🚀 rocket\n\nSome project that does useful things.\n").title == "rocket"


def test_a_relative_hook_repository_is_read_from_the_project_root(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "hooks-home").mkdir()
    hook_repo = make_repository(tmp_path / "hooks-home", {".pre-commit-hooks.yaml": "[]\n"})
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hook_repo, capture_output=True, text=True, check=True).stdout.strip()
    root = make_repository(tmp_path, LIBRARY)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert run_init(root, capsys, "--hook-repo", "../hooks-home/repo")[0] == 0
    repo = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][-1]
    assert (repo["repo"], repo["rev"]) == ("../hooks-home/repo", head)
