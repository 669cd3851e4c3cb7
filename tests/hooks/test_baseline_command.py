"""``prefguard baseline``, ``check`` with a baseline or ``--changed``, and the guard gate, in real git repositories."""

import json
import os
import subprocess
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from hooks.cli import main
from hooks.commands.baseline import write_baseline
from tests.in_process import run_in_folder

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}
MODEL = (
    "import os\n"
    "\n"
    "\n"
    "def forward(x, y):\n"
    "    try:\n"
    "        return x + y\n"
    "    except:\n"
    "        return None\n"
    "\n"
    "\n"
    "class Block:\n"
    "    def run(self):\n"
    "        return open('data.txt').read()\n"
)
NEW_FUNCTION = "\n\ndef added(z):\n    return z\n"
APPROVE_BASELINE = "Prefguard-Approve: .prefguard-baseline.json#/files"


def git(cwd: Path, *args: str) -> str:
    env = dict(os.environ, **GIT_ENV)
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout


def commit(cwd: Path, message: str) -> None:
    git(cwd, "add", "-A")
    git(cwd, "commit", "-q", "--no-verify", "-m", message)


def run(cwd: Path, capsys: pytest.CaptureFixture, *args: str) -> Tuple[int, List[dict], str]:
    """Run prefguard in ``cwd``; returns the status, the JSON findings and stderr."""
    return run_in_folder(cwd, capsys, *args)


def recorded(repo: Path) -> Dict[Tuple[str, str], int]:
    """(path, 'CODE FINGERPRINT') to count, as the baseline file holds them."""
    data = json.loads((repo / ".prefguard-baseline.json").read_text(encoding="utf-8"))
    assert (data["format"], data["version"]) == ("prefguard-baseline", 2)
    return {(path, key): value[0] for path, entries in data["files"].items() for key, value in entries.items()}


def assert_gate_ran(status: int, findings: List[dict], err: str) -> None:
    """A negative result means something only when the gate ran: status 0 or 1 as its findings say, no other error."""
    assert status == (1 if findings else 0), err
    errors = [line for line in err.splitlines() if line.startswith("[ERROR]")]
    assert errors == ([f"[ERROR] prefguard guard: {len(findings)} finding{'s' if len(findings) != 1 else ''}"] if findings else []), err
    assert "Traceback" not in err


def located(findings: List[dict]) -> List[Tuple[str, int]]:
    return sorted((item["code"], item["line"]) for item in findings)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A project that never followed the policy, committed once."""
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "model.py").write_text(MODEL, encoding="utf-8")
    (tmp_path / "train.py").write_text("def main(steps):\n    for step in range(steps):\n        print(step)\n", encoding="utf-8")
    commit(tmp_path, "initial")
    return tmp_path


@pytest.fixture()
def adopted(repo: Path, capsys: pytest.CaptureFixture) -> Path:
    """The same project with a committed baseline of all its findings."""
    assert run(repo, capsys, "baseline")[0] == 0
    commit(repo, f"adopt prefguard\n\n{APPROVE_BASELINE}")
    return repo


def test_baseline_then_check_is_clean_and_ratchets(adopted: Path, capsys: pytest.CaptureFixture) -> None:
    status, findings, err = run(adopted, capsys, "check", ".")
    assert (status, findings) == (0, [])
    assert "known finding(s) not shown, 0 stale entries" in err
    model = adopted / "pkg" / "model.py"
    model.write_text("# Model code.\n\n\n" + MODEL, encoding="utf-8")
    assert run(adopted, capsys, "check", ".")[:2] == (0, [])
    model.write_text("# Model code.\n\n\n" + MODEL + NEW_FUNCTION, encoding="utf-8")
    status, findings, _ = run(adopted, capsys, "check", ".")
    assert status == 1
    assert located(findings) == [("ANN001", 19), ("ANN002", 19), ("DOC002", 19)]


def test_editing_a_baselined_line_reports_its_findings(adopted: Path, capsys: pytest.CaptureFixture) -> None:
    model = adopted / "pkg" / "model.py"
    model.write_text(MODEL.replace("def forward(x, y):", "def forward(x, y, z=0):"), encoding="utf-8")
    status, findings, err = run(adopted, capsys, "check", ".")
    assert status == 1
    assert located(findings) == [("ANN001", 4), ("ANN001", 4), ("ANN001", 4), ("ANN002", 4), ("DOC002", 4)]
    assert "4 stale entries" in err


def test_a_second_identical_finding_is_reported(adopted: Path, capsys: pytest.CaptureFixture) -> None:
    model = adopted / "pkg" / "model.py"
    model.write_text(MODEL.replace("        return None\n", "        return None\n    try:\n        pass\n    except:\n        pass\n", 1), encoding="utf-8")
    status, findings, err = run(adopted, capsys, "check", ".")
    # Identical findings are matched in file order: the baselined slot goes to the first (line 7).
    assert (status, located(findings)) == (1, [("EXC001", 11)])
    assert "[ERROR]" not in err


def test_prune_after_a_fix_removes_exactly_that_entry(adopted: Path, capsys: pytest.CaptureFixture) -> None:
    before = recorded(adopted)
    model = adopted / "pkg" / "model.py"
    model.write_text(MODEL.replace("    except:\n", "    except TypeError:\n"), encoding="utf-8")
    status, findings, err = run(adopted, capsys, "check", ".")
    assert (status, findings) == (0, [])
    assert "1 stale entry" in err
    assert run(adopted, capsys, "baseline", "--prune")[0] == 0
    after = recorded(adopted)
    assert {key: count for key, count in before.items() if key not in after} == {
        key: count for key, count in before.items() if key[1].startswith("EXC001")
    }
    assert all(before[key] == count for key, count in after.items())
    assert run(adopted, capsys, "check", ".")[2].count("0 stale entries") == 1


def test_git_rename_keeps_the_baseline_matching(adopted: Path, capsys: pytest.CaptureFixture) -> None:
    git(adopted, "mv", "pkg/model.py", "pkg/network.py")
    assert run(adopted, capsys, "check", ".")[:2] == (0, [])
    assert run(adopted, capsys, "check", ".", "--staged")[:2] == (0, [])
    status, findings, err = run(adopted, capsys, "check", ".")
    assert (status, findings) == (0, [])
    assert "0 stale entries" in err
    assert run(adopted, capsys, "baseline", "--prune")[0] == 0
    paths = {path for path, _ in recorded(adopted)}
    assert paths == {"pkg/network.py", "train.py", "verify_integration.py"}
    git(adopted, "add", "-A")
    status, findings, err = run(adopted, capsys, "guard", "--staged")
    assert "BSL001" not in [item["code"] for item in findings]
    assert_gate_ran(status, findings, err)
    commit(adopted, "rename")
    # The entries move with the rename git records in the same change; moved in a later change
    # (the file is already gone from the base), they are additions like any other.
    git(adopted, "mv", "pkg/network.py", "pkg/layers.py")
    commit(adopted, "rename again, baseline left behind")
    assert run(adopted, capsys, "baseline", "--prune")[0] == 0
    git(adopted, "add", "-A")
    status, findings, _ = run(adopted, capsys, "guard", "--staged")
    assert (status, [item["code"] for item in findings if item["code"] != "MEM003"]) == (1, ["BSL001"])


@pytest.mark.parametrize(
    "content, problem",
    [("", "empty"), ('{"format": "prefguard-baseline", "version": 3, "files": {}}', "unknown format version 3"), ("{", "not valid JSON")],
)
def test_unusable_baseline_is_exit_2_naming_the_file(repo: Path, capsys: pytest.CaptureFixture, content: str, problem: str) -> None:
    (repo / ".prefguard-baseline.json").write_text(content, encoding="utf-8")
    status, _, err = run(repo, capsys, "check", ".")
    assert status == 2
    assert ".prefguard-baseline.json" in err and problem in err
    assert run(repo, capsys, "check", ".", "--no-baseline")[0] == 1


def test_entries_of_deleted_files_are_only_stale(adopted: Path, capsys: pytest.CaptureFixture) -> None:
    entries = recorded(adopted)
    (adopted / "train.py").unlink()
    status, findings, err = run(adopted, capsys, "check", ".")
    assert (status, findings) == (0, [])
    assert f"{sum(count for (path, _), count in entries.items() if path == 'train.py')} stale entries" in err


def test_write_baseline_for_init(repo: Path) -> None:
    count = write_baseline(repo)
    assert count == sum(recorded(repo).values()) > 0


def test_configured_baseline_path(repo: Path, capsys: pytest.CaptureFixture) -> None:
    (repo / "pyproject.toml").write_text('[tool.prefguard]\nbaseline = "ci/known.json"\n', encoding="utf-8")
    (repo / "ci").mkdir()
    assert run(repo, capsys, "baseline")[0] == 0
    assert (repo / "ci" / "known.json").is_file()
    assert run(repo, capsys, "check", ".")[:2] == (0, [])


def test_fix_applies_only_to_reported_findings(adopted: Path, capsys: pytest.CaptureFixture) -> None:
    model = adopted / "pkg" / "model.py"
    (adopted / "pkg" / "extra.py").write_text("def load(path: str) -> str:\n    \"\"\"Load.\"\"\"\n    return open(path).read()\n", encoding="utf-8")
    model.write_text(MODEL + "\n\ndef again(path: str) -> str:\n    \"\"\"Again.\"\"\"\n    return open(path).read()\n", encoding="utf-8")
    status, findings, err = run(adopted, capsys, "check", ".", "--fix")
    fixed = model.read_text(encoding="utf-8")
    assert fixed.count("encoding=") == 1
    assert "return open(path, encoding='utf-8').read()" in fixed and "return open('data.txt').read()" in fixed
    assert not fixed.startswith("# -*- coding")  # the baselined HDR001/HDR002 fixes are not applied
    assert "encoding" in (adopted / "pkg" / "extra.py").read_text(encoding="utf-8")
    assert "not fixed automatically" not in err and "[ERROR]" not in err
    assert "fixed 4 finding(s) in 2 file(s)" in err  # model.py ENC001; extra.py ENC001, HDR001, HDR002
    assert (status, findings) == (0, [])


def test_sarif_and_cache_follow_the_baseline(adopted: Path, capsys: pytest.CaptureFixture) -> None:
    (adopted / "pkg" / "model.py").write_text(MODEL + NEW_FUNCTION, encoding="utf-8")
    for _ in range(2):
        previous = Path.cwd()
        os.chdir(adopted)
        try:
            capsys.readouterr()
            assert main(["check", ".", "--format", "sarif"]) == 1
        finally:
            os.chdir(previous)
        results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
        assert sorted(result["ruleId"] for result in results) == ["ANN001", "ANN002", "DOC002"]


# ======================================================================
# --changed


def test_changed_work_tree_staged_and_range(repo: Path, capsys: pytest.CaptureFixture) -> None:
    model = repo / "pkg" / "model.py"
    model.write_text("# Model code.\n" + MODEL, encoding="utf-8")
    assert run(repo, capsys, "check", ".", "--changed")[:2] == (0, [])
    model.write_text("# Model code.\n" + MODEL.replace("def forward(x, y):", "def forward(x, y, z=0):") + NEW_FUNCTION, encoding="utf-8")
    expected = [("ANN001", 5), ("ANN001", 5), ("ANN001", 5), ("ANN001", 17), ("ANN002", 5), ("ANN002", 17), ("DOC002", 5), ("DOC002", 17)]
    status, findings, _ = run(repo, capsys, "check", ".", "--changed")
    assert (status, located(findings)) == (1, expected)
    assert run(repo, capsys, "check", "--staged", "--changed")[:2] == (0, [])
    git(repo, "add", "-A")
    status, findings, _ = run(repo, capsys, "check", "--staged", "--changed")
    assert (status, located(findings)) == (1, expected)
    assert located(run(repo, capsys, "check", ".", "--staged", "--changed")[1]) == expected
    commit(repo, "change")
    status, findings, _ = run(repo, capsys, "check", "--from-ref", "HEAD~1", "--to-ref", "HEAD", "--changed")
    assert (status, located(findings)) == (1, expected)
    status, findings, _ = run(repo, capsys, "check", "--from-ref", "HEAD~1", "--to-ref", "HEAD")
    assert len(findings) > len(expected)


def test_changed_new_files_count_everywhere(repo: Path, capsys: pytest.CaptureFixture) -> None:
    (repo / "fresh.py").write_text("def f(a):\n    return a\n", encoding="utf-8")
    status, findings, _ = run(repo, capsys, "check", ".", "--changed")
    assert status == 1
    assert {item["code"] for item in findings} == {"HDR001", "HDR002", "ANN001", "ANN002", "DOC002"}
    assert {item["path"] for item in findings} == {"fresh.py"}


def test_changed_before_the_first_commit_counts_every_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "a.py").write_text("def f(a):\n    return a\n", encoding="utf-8")
    status, findings, _ = run(tmp_path, capsys, "check", ".", "--changed")
    assert status == 1 and len(findings) == 5


def test_changed_outside_git_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "a.py").write_text("x = 1\n", encoding="utf-8")
    status, _, err = run(tmp_path, capsys, "check", ".", "--changed")
    assert status == 2 and "git work tree" in err


def test_changed_range_in_a_shallow_clone_without_the_base(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    (repo / "train.py").write_text("x = 2\n", encoding="utf-8")
    commit(repo, "second")
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    status, _, err = run(clone, capsys, "check", "--from-ref", "HEAD~1", "--to-ref", "HEAD", "--changed")
    assert status == 2 and "fetch" in err


# ======================================================================
# guard: the gate


def test_guard_refuses_baseline_growth_without_approval(adopted: Path, capsys: pytest.CaptureFixture) -> None:
    (adopted / "pkg" / "model.py").write_text(MODEL + NEW_FUNCTION, encoding="utf-8")
    assert run(adopted, capsys, "baseline")[0] == 0
    git(adopted, "add", "-A")
    findings = run(adopted, capsys, "guard", "--staged")[1]
    gate = [item for item in findings if item["code"] == "BSL001"]
    assert len(gate) == 1 and APPROVE_BASELINE in gate[0]["message"]
    message = adopted / "msg.txt"
    message.write_text(f"absorb\n\n{APPROVE_BASELINE}\n", encoding="utf-8")
    status, findings, err = run(adopted, capsys, "guard", "--staged", "--commit-msg-file", str(message))
    assert "BSL001" not in [item["code"] for item in findings]
    assert_gate_ran(status, findings, err)
    message.unlink()
    commit(adopted, "absorb without approval")
    findings = run(adopted, capsys, "guard", "--from-ref", "HEAD~1", "--to-ref", "HEAD")[1]
    assert [item["code"] for item in findings if item["code"].startswith("BSL")] == ["BSL001"]
    git(adopted, "commit", "-q", "--amend", "-m", f"absorb\n\n{APPROVE_BASELINE}")
    findings = run(adopted, capsys, "guard", "--from-ref", "HEAD~1", "--to-ref", "HEAD")[1]
    assert [item["code"] for item in findings if item["code"].startswith("BSL")] == []


def test_the_adopting_commit_needs_no_approval_but_a_policy_already_in_place_does(repo: Path, capsys: pytest.CaptureFixture) -> None:
    assert run(repo, capsys, "baseline")[0] == 0
    git(repo, "add", "-A")
    assert not [item for item in run(repo, capsys, "guard", "--staged")[1] if item["code"] == "BSL001"]
    git(repo, "reset", "-q")
    (repo / ".prefguard-baseline.json").unlink()
    (repo / ".pre-commit-config.yaml").write_text("repos:\n  - repo: local\n    hooks:\n      - id: prefguard-check\n", encoding="utf-8")
    commit(repo, "hooks first")
    assert run(repo, capsys, "baseline")[0] == 0
    git(repo, "add", "-A")
    refused = [item["path"] for item in run(repo, capsys, "guard", "--staged")[1] if item["code"] == "BSL001"]
    assert refused == [".prefguard-baseline.json"] * 3  # pkg/model.py, train.py, verify_integration.py (INT001)


def test_guard_accepts_pruning_and_refuses_a_broken_baseline(adopted: Path, capsys: pytest.CaptureFixture) -> None:
    (adopted / "pkg" / "model.py").write_text(MODEL.replace("    except:\n", "    except TypeError:\n"), encoding="utf-8")
    assert run(adopted, capsys, "baseline", "--prune")[0] == 0
    git(adopted, "add", "-A")
    assert not [item for item in run(adopted, capsys, "guard", "--staged")[1] if item["code"].startswith("BSL")]
    (adopted / ".prefguard-baseline.json").write_text("{", encoding="utf-8")
    git(adopted, "add", "-A")
    assert [item["code"] for item in run(adopted, capsys, "guard", "--staged")[1] if item["code"].startswith("BSL")] == ["BSL002"]


def test_guard_refuses_weakened_configuration_without_approval(repo: Path, capsys: pytest.CaptureFixture) -> None:
    config = repo / "pyproject.toml"
    config.write_text('[tool.prefguard]\nexclude = ["build/**"]\n', encoding="utf-8")
    commit(repo, "configure")
    config.write_text('[tool.prefguard]\nexclude = ["build/**", "pkg/**"]\nignore = ["ANN"]\n', encoding="utf-8")
    git(repo, "add", "-A")
    findings = [item for item in run(repo, capsys, "guard", "--staged")[1] if item["code"] == "CFG001"]
    assert sorted(item["pointer"] for item in findings) == ["/tool/prefguard/exclude", "/tool/prefguard/ignore"]
    message = repo.parent / "msg.txt"
    message.write_text("loosen\n\nPrefguard-Approve: pyproject.toml#/tool/prefguard/ignore\n", encoding="utf-8")
    findings = [item for item in run(repo, capsys, "guard", "--staged", "--commit-msg-file", str(message))[1] if item["code"] == "CFG001"]
    assert [item["pointer"] for item in findings] == ["/tool/prefguard/exclude"]
    git(repo, "commit", "-q", "-m", "loosen\n\nPrefguard-Approve: pyproject.toml#/tool/prefguard")
    status, findings, err = run(repo, capsys, "guard", "--from-ref", "HEAD~1", "--to-ref", "HEAD")
    assert "CFG001" not in [item["code"] for item in findings]
    assert_gate_ran(status, findings, err)
    config.write_text('[tool.prefguard]\nexclude = ["build/**"]\n', encoding="utf-8")
    commit(repo, "tighten")
    status, findings, err = run(repo, capsys, "guard", "--from-ref", "HEAD~1", "--to-ref", "HEAD")
    assert "CFG001" not in [item["code"] for item in findings]
    assert_gate_ran(status, findings, err)


def test_baseline_is_never_a_protected_json_file(adopted: Path, capsys: pytest.CaptureFixture) -> None:
    (adopted / "pyproject.toml").write_text('[tool.prefguard.json-guard]\nfiles = { "*.json" = "append-only" }\n', encoding="utf-8")
    commit(adopted, "guard json")
    (adopted / "pkg" / "model.py").write_text(MODEL.replace("    except:\n", "    except TypeError:\n"), encoding="utf-8")
    assert run(adopted, capsys, "baseline", "--prune")[0] == 0
    git(adopted, "add", "-A")
    status, findings, err = run(adopted, capsys, "guard", "--staged")
    codes = [item["code"] for item in findings]
    assert "JSN001" not in codes and "BSL001" not in codes
    assert_gate_ran(status, findings, err)


# ======================================================================
# Fingerprints with context, format versions, integration findings


def verify_json(cwd: Path, capsys: pytest.CaptureFixture, *args: str) -> Tuple[int, List[dict], str]:
    """``prefguard verify --format json`` in ``cwd``: status, findings, stderr."""
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        capsys.readouterr()
        status = main(["verify", "--format", "json", *args])
    finally:
        os.chdir(previous)
    captured = capsys.readouterr()
    return status, json.loads(captured.out) if captured.out.strip() else [], captured.err


def test_a_copied_legacy_line_in_a_new_function_is_reported_where_it_is(adopted: Path, capsys: pytest.CaptureFixture) -> None:
    model = adopted / "pkg" / "model.py"
    copy = "\n\ndef load(path: str) -> str:\n    \"\"\"Load.\"\"\"\n    return open('data.txt').read()\n"
    model.write_text(MODEL.replace("import os\n", "import os\n" + copy, 1), encoding="utf-8")
    status, findings, err = run(adopted, capsys, "check", ".")
    assert (status, located(findings)) == (1, [("ENC001", 6)])
    assert "0 stale entries" in err


def test_the_copy_is_found_by_its_definition_when_the_original_s_neighbours_changed(adopted: Path, capsys: pytest.CaptureFixture) -> None:
    model = adopted / "pkg" / "model.py"
    copy = "\n\ndef load(path: str) -> str:\n    \"\"\"Load.\"\"\"\n    return open('data.txt').read()\n"
    edited = MODEL.replace("        return open('data.txt').read()\n", "        # read it all\n        return open('data.txt').read()\n")
    model.write_text(edited.replace("import os\n", "import os\n" + copy, 1), encoding="utf-8")
    status, findings, _ = run(adopted, capsys, "check", ".")
    assert (status, located(findings)) == (1, [("ENC001", 6)])


def test_renaming_a_function_does_not_make_its_untouched_lines_new(adopted: Path, capsys: pytest.CaptureFixture) -> None:
    model = adopted / "pkg" / "model.py"
    model.write_text(MODEL.replace("    def run(self):\n", "    def execute(self):\n"), encoding="utf-8")
    status, findings, _ = run(adopted, capsys, "check", ".")
    assert (status, located(findings)) == (1, [("ANN002", 12), ("DOC002", 12)])


def test_a_copy_above_the_original_in_the_same_function_is_the_new_one(adopted: Path, capsys: pytest.CaptureFixture) -> None:
    model = adopted / "pkg" / "model.py"
    model.write_text(MODEL.replace("    try:\n", "    try:\n        pass\n    except:\n        pass\n    try:\n", 1), encoding="utf-8")
    status, findings, _ = run(adopted, capsys, "check", ".")
    assert (status, located(findings)) == (1, [("EXC001", 7)])


def test_a_version_1_baseline_keeps_matching_and_is_upgraded_without_growth(repo: Path, capsys: pytest.CaptureFixture) -> None:
    from checks.baseline.baseline_file import baseline_from_keys
    from hooks.commands.baseline import _keyed, collect
    from hooks.config_loader import load_settings

    settings = load_settings(start=repo)
    findings, sources = collect([str(repo)], settings)
    old = baseline_from_keys(_keyed(findings, sources).entries())
    files: Dict[str, Dict[str, list]] = {}
    for key, count in old.counts.items():
        files.setdefault(key.path, {})[f"{key.code} {key.fingerprint}"] = [count, old.messages[key]]
    version_1 = {"format": "prefguard-baseline", "version": 1, "files": files}
    (repo / ".prefguard-baseline.json").write_text(json.dumps(version_1, indent=2), encoding="utf-8")
    commit(repo, "a baseline written by an earlier prefguard")
    status, findings_now, err = run(repo, capsys, "check", ".")
    assert (status, findings_now) == (0, [])
    assert f"{old.total} known finding(s) not shown, 0 stale entries" in err
    assert run(repo, capsys, "baseline", "pkg")[0] == 0
    assert run(repo, capsys, "baseline", "--prune")[0] == 0
    upgraded = recorded(repo)  # version 2 now
    assert upgraded == {(path, key): value[0] for path, entries in files.items() for key, value in entries.items()}
    git(repo, "add", "-A")
    status, guard_findings, _ = run(repo, capsys, "guard", "--staged")
    assert "BSL001" not in [item["code"] for item in guard_findings]
    status, _, err = run(repo, capsys, "baseline")
    assert status == 0 and "[ERROR]" not in err
    grown = {key: count for key, count in recorded(repo).items() if key not in upgraded}
    assert [(path, key.split()[0]) for path, key in grown] == [("verify_integration.py", "INT001")]
    assert run(repo, capsys, "check", ".")[:2] == (0, [])


def test_verify_honours_the_baseline_and_reports_new_integration_findings(adopted: Path, capsys: pytest.CaptureFixture) -> None:
    assert any(key.startswith("INT001 ") for _, key in recorded(adopted))
    status, findings, err = verify_json(adopted, capsys)
    assert (status, findings) == (0, [])
    assert "[ERROR]" not in err and "known integration finding(s) not shown, 0 stale entries" in err
    assert [item["code"] for item in verify_json(adopted, capsys, "--no-baseline")[1]] == ["INT001"]
    (adopted / "train_twin.py").write_text((adopted / "train.py").read_text(encoding="utf-8"), encoding="utf-8")
    status, findings, _ = verify_json(adopted, capsys)
    assert status == 1
    assert [(item["code"], item["path"], item["line"]) for item in findings] == [("INT003", "train_twin.py", 1)]
    assert run(adopted, capsys, "baseline")[0] == 0
    twin = adopted / "train_twin.py"
    twin.write_text("# A header added later.\n" + twin.read_text(encoding="utf-8"), encoding="utf-8")
    status, findings, err = verify_json(adopted, capsys)
    assert (status, findings) == (0, [])  # a whole-module finding is not tied to its first line
    assert run(adopted, capsys, "baseline")[0] == 0
    (adopted / "train_twin.py").unlink()
    (adopted / "verify_integration.py").write_text("print('[OK] verified')\n", encoding="utf-8")
    status, findings, err = verify_json(adopted, capsys)
    assert (status, findings) == (0, [])
    assert "2 stale entries" in err  # INT001 (the script exists now) and INT003 of the deleted twin
    assert run(adopted, capsys, "baseline", "--prune")[0] == 0
    assert not any(key.startswith("INT") for _, key in recorded(adopted))


def test_a_new_logging_call_is_reported_although_the_import_is_baselined(repo: Path, capsys: pytest.CaptureFixture) -> None:
    legacy = "import logging\n\nLOGGER = logging.getLogger(__name__)\n\n\ndef old():\n    LOGGER.info('old')\n"
    (repo / "legacy.py").write_text(legacy, encoding="utf-8")
    assert run(repo, capsys, "baseline")[0] == 0
    added = legacy + "\n\ndef new() -> None:\n    \"\"\"New.\"\"\"\n    logging.getLogger().error('new')\n"
    (repo / "legacy.py").write_text(added, encoding="utf-8")
    status, findings, err = run(repo, capsys, "check", "legacy.py")
    assert status == 1 and "[ERROR]" not in err
    assert [(item["code"], item["line"]) for item in findings] == [("LOG001", 12)]
    assert "logging.getLogger().error" in findings[0]["message"]
