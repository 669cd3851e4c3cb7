"""The append-only guard over YAML and TOML files, in real git repositories (issue 20).

Each scenario of the JSON guard (removed key, changed value, reordered list, appended item,
approval trailer, unreadable file) is played for a YAML and a TOML file named in
``[tool.prefguard.json-guard] files``, in the staged mode and in the range mode.
"""

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest
from tests.process import run_prefguard

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}
PYPROJECT = (
    '[project]\nname = "demo"\nversion = "0.1.0"\n\n'
    "[tool.prefguard.json-guard]\n"
    'files = {"configs/*.yaml" = "append-only", "state/*.toml" = "append-only"}\n'
)
YAML_BASE = "# Model configuration.\nmodel:\n  layers: 4\n  width: 256\nschedule:\n  - warmup\n  - cosine\n"
TOML_BASE = '[run]\nname = "baseline"\nsteps = 1000\nmilestones = [100, 500]\n'


class Repo:
    """A throwaway git repository with a guarded YAML and TOML file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True)
        self.git("init", "-q", "-b", "main")
        self.write("pyproject.toml", PYPROJECT)
        self.write("configs/default.yaml", YAML_BASE)
        self.write("state/run.toml", TOML_BASE)
        self.commit("seed")

    def git(self, *args: str) -> str:
        result = subprocess.run(
            ["git", *args], cwd=self.path, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, check=True
        )
        return result.stdout.strip()

    def write(self, relative: str, text: str) -> None:
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD")

    def guard(self, mode: str, message: str) -> Tuple[int, List[Dict[str, Any]]]:
        """Run the guard as pre-commit or CI would: staged with a message file, or over the range."""
        if mode == "staged":
            self.git("add", "-A")
            message_file = self.path / ".git" / "COMMIT_EDITMSG"
            message_file.write_text(message + "\n", encoding="utf-8")
            argv = ["guard", "--staged", str(message_file)]
        else:
            base = self.git("rev-parse", "HEAD")
            self.commit(message)
            argv = ["guard", "--from-ref", base, "--to-ref", "HEAD"]
        result = run_prefguard([*argv, "--format", "json"], self.path, {**os.environ, **GIT_ENV})
        assert result.returncode in (0, 1), result.stderr
        findings = json.loads(result.stdout) if result.stdout.strip() else []
        guarded = [f for f in findings if f["path"].startswith(("configs/", "state/"))]
        return result.returncode if guarded else 0, guarded


MODES = ["staged", "range"]


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "repo")


def summary(findings: List[Dict[str, Any]]) -> List[Tuple[str, str, str, int]]:
    return sorted((f["code"], f["path"], f.get("pointer") or "", f["line"]) for f in findings)


@pytest.mark.parametrize("mode", MODES)
def test_appended_yaml_and_toml_items_are_accepted(repo: Repo, mode: str) -> None:
    repo.write("configs/default.yaml", YAML_BASE + "  - constant\noptimizer: adamw\n")
    repo.write("state/run.toml", TOML_BASE.replace("[100, 500]", "[100, 500, 900]") + 'seed = 7\n')
    assert repo.guard(mode, "extend the schedule") == (0, [])


@pytest.mark.parametrize("mode", MODES)
def test_removed_yaml_key_is_refused_at_its_line(repo: Repo, mode: str) -> None:
    repo.write("configs/default.yaml", YAML_BASE.replace("  width: 256\n", ""))
    status, findings = repo.guard(mode, "drop width")
    assert status == 1
    assert summary(findings) == [("JSN001", "configs/default.yaml", "/model/width", 2)]
    assert "Prefguard-Approve: configs/default.yaml#/model/width" in findings[0]["message"]


@pytest.mark.parametrize("mode", MODES)
def test_changed_toml_value_is_refused_at_its_line(repo: Repo, mode: str) -> None:
    repo.write("state/run.toml", TOML_BASE.replace("steps = 1000", "steps = 2000"))
    status, findings = repo.guard(mode, "longer run")
    assert status == 1
    assert summary(findings) == [("JSN001", "state/run.toml", "/run/steps", 3)]


@pytest.mark.parametrize("mode", MODES)
def test_reordered_yaml_list_is_refused(repo: Repo, mode: str) -> None:
    repo.write("configs/default.yaml", YAML_BASE.replace("  - warmup\n  - cosine\n", "  - cosine\n  - warmup\n"))
    status, findings = repo.guard(mode, "reorder")
    assert status == 1
    assert {f["code"] for f in findings} == {"JSN001"}
    assert all(f["pointer"].startswith("/schedule/") for f in findings)


@pytest.mark.parametrize("mode", MODES)
def test_approval_trailer_allows_exactly_the_named_change(repo: Repo, mode: str) -> None:
    repo.write("configs/default.yaml", YAML_BASE.replace("layers: 4", "layers: 8"))
    repo.write("state/run.toml", TOML_BASE.replace("steps = 1000", "steps = 3000"))
    message = "deeper model\n\nPrefguard-Approve: configs/default.yaml#/model/layers"
    status, findings = repo.guard(mode, message)
    assert status == 1
    assert summary(findings) == [("JSN001", "state/run.toml", "/run/steps", 3)]


@pytest.mark.parametrize("mode", MODES)
def test_duplicate_yaml_key_and_broken_toml_are_unreadable(repo: Repo, mode: str) -> None:
    repo.write("configs/default.yaml", YAML_BASE + "model:\n  layers: 2\n")
    repo.write("state/run.toml", TOML_BASE + "steps = 5\n")
    status, findings = repo.guard(mode, "break both")
    assert status == 1
    assert summary(findings) == [
        ("JSN004", "configs/default.yaml", "", 8),
        ("JSN004", "state/run.toml", "", 5),
    ]
    assert "duplicate key 'model'" in findings[0]["message"]


@pytest.mark.parametrize("mode", MODES)
def test_comments_and_formatting_are_not_data(repo: Repo, mode: str) -> None:
    repo.write("configs/default.yaml", YAML_BASE.replace("# Model configuration.\n", "") .replace("width: 256", "width:   256  # px"))
    repo.write("state/run.toml", "# Run state.\n" + TOML_BASE.replace("[100, 500]", "[\n  100,\n  500,\n]"))
    assert repo.guard(mode, "reformat") == (0, [])


@pytest.mark.parametrize("mode", MODES)
def test_deleting_a_guarded_yaml_file_is_refused(repo: Repo, mode: str) -> None:
    (repo.path / "configs" / "default.yaml").unlink()
    status, findings = repo.guard(mode, "remove config")
    assert status == 1
    assert [f["code"] for f in findings] == ["JSN003"]
