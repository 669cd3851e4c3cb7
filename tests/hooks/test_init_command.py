"""``prefguard init`` on temporary copies of small realistic repositories of each kind.

Three repositories written for these tests, each a real git work tree with a
first commit: a training repository of top-level scripts (no packaging, no
main blocks in its main scripts), a ``src/`` library with relative imports, an
existing pre-commit configuration with comments and a ``[project]`` table,
and a tool with console scripts in setup.cfg and in a setup.py that would do
damage if it were ever executed. Every bad input leaves the tree byte for
byte as it was.
"""

import contextlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
import yaml

import hooks.commands.init as init_command
from checks.guard.memory_rules import schema_problems
from checks.integration.entries import RULE_LIBRARY, RULE_MAIN_BLOCK, RULE_ROOT_NAME, RULE_SCRIPT
from hooks.commands.init import main as init_main
from hooks.commands.verify import main as verify_main
from tests.process import checkout_environment, prefguard_command

TRAINING: Dict[str, str] = {
    "README.md": (
        "# tinytrain\n\n"
        "[![ci](https://example.com/badge.svg)](https://example.com)\n\n"
        "Train small character-level language models on one GPU in minutes.\n"
        "The code is short enough to read in one sitting.\n\n"
        "## Features\n\n"
        "- a 200-line GPT model in `model.py`\n"
        "- resumable training with numbered checkpoints\n"
        "- sampling from any checkpoint\n\n"
        "## Install\n\n```bash\npip install torch numpy\n```\n"
    ),
    "model.py": (
        "import math\n\nimport torch\nimport torch.nn as nn\n\n\n"
        "class GPT(nn.Module):\n    def __init__(self, width):\n        super().__init__()\n"
        "        self.scale = math.sqrt(width)\n\n    def forward(self, x):\n        return x / self.scale\n"
    ),
    "train.py": (
        "import numpy as np\nimport torch\n\nfrom model import GPT\n\n"
        "exec(open('configurator.py').read())\n"
        "model = GPT(64)\nfor step in range(10):\n    batch = torch.from_numpy(np.zeros(4))\n    model(batch)\n"
    ),
    "sample.py": "import torch\n\nfrom model import GPT\n\nwith torch.no_grad():\n    print(GPT(64)(torch.ones(2)))\n",
    "configurator.py": "import sys\n\nfor arg in sys.argv[1:]:\n    print(arg)\n",
    "config/small.py": "batch_size = 4\nlearning_rate = 3e-4\n",
    "data/shakespeare/prepare.py": (
        "import numpy as np\n\n\ndef encode(text):\n    return np.array([ord(c) for c in text])\n\n\n"
        "if __name__ == '__main__':\n    encode('to be')\n"
    ),
}

LIBRARY_PYPROJECT = """# Build configuration of sigkit.
[build-system]
requires = ["flit_core<4"]
build-backend = "flit_core.buildapi"

[project]
name = "sigkit"
description = "Sign data for untrusted places and verify it safely on the way back."
requires-python = ">=3.9"
license = { text = "BSD-3-Clause" }
classifiers = [
    "Intended Audience :: Developers",
    "License :: OSI Approved :: BSD License",
]
dependencies = ["cryptography>=42"]

[tool.ruff]
line-length = 100   # kept as written
"""

LIBRARY_PRECOMMIT = """# Hooks of sigkit: keep this comment.
ci:
  autoupdate_schedule: monthly   # and this one
repos:
  - repo: local
    hooks:
      # a comment inside the hooks list
      - id: no-debug
        name: no debug statements
        entry: "breakpoint\\\\(\\\\)"
        language: pygrep
        types: [python]
"""

LIBRARY: Dict[str, str] = {
    "README.md": "# sigkit\n\nHelpers that sign and verify tokens.\n",
    "pyproject.toml": LIBRARY_PYPROJECT,
    ".pre-commit-config.yaml": LIBRARY_PRECOMMIT,
    "src/sigkit/__init__.py": (
        "from .signer import Signer as Signer\nfrom .timed import TimedSigner as TimedSigner\n\n"
        "__all__ = ['Signer', 'TimedSigner']\n"
    ),
    "src/sigkit/signer.py": (
        "import hmac\n\nfrom ._encoding import to_bytes\n\n\n"
        "class Signer:\n    def __init__(self, key):\n        self.key = to_bytes(key)\n\n"
        "    def sign(self, value):\n        return hmac.new(self.key, to_bytes(value), 'sha256').hexdigest()\n"
    ),
    "src/sigkit/timed.py": (
        "import time\n\nfrom .signer import Signer\n\n\n"
        "class TimedSigner(Signer):\n    def stamp(self):\n        return int(time.time())\n"
    ),
    "src/sigkit/_encoding.py": "def to_bytes(value):\n    return value.encode('utf-8') if isinstance(value, str) else value\n",
    "src/sigkit/legacy.py": "def old_sign(value):\n    return value\n",
    "tests/test_signer.py": "from sigkit import Signer\n\n\ndef test_sign():\n    assert Signer('k').sign('v')\n",
}

DANGEROUS_SETUP = """import shutil
import pathlib

pathlib.Path('EXECUTED').write_text('setup.py ran')
shutil.rmtree('wordcount', ignore_errors=True)

from setuptools import setup

setup(
    name='wordcount',
    description='Count words in files, fast.',
    python_requires='>=3.8',
    entry_points={'console_scripts': ['wc-fast = wordcount.cli:main']},
)
"""

TOOL: Dict[str, str] = {
    "README.rst": "wordcount\n=========\n\nCount words in many files with one command, and report them as JSON.\n",
    "setup.py": DANGEROUS_SETUP,
    "setup.cfg": "[metadata]\nname = wordcount\n\n[options.entry_points]\nconsole_scripts =\n    wc-report = wordcount.report:main\n",
    "wordcount/__init__.py": "",
    "wordcount/__main__.py": "from wordcount.cli import main\n\nmain()\n",
    "wordcount/cli.py": "import sys\n\nfrom wordcount.count import count\n\n\ndef main():\n    print(count(sys.argv[1:]))\n",
    "wordcount/count.py": "def count(paths):\n    return len(paths)\n",
    "wordcount/report.py": "import json\n\nfrom wordcount.count import count\n\n\ndef main():\n    print(json.dumps(count([])))\n",
}

REPOSITORIES = {"training": TRAINING, "library": LIBRARY, "tool": TOOL}


# ======================================================================
# Helpers


def git_env(scratch: Path) -> Dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "PRE_COMMIT"))}
    config = scratch / "gitconfig"
    config.write_text("", encoding="utf-8")
    env.update(
        GIT_AUTHOR_NAME="Test Author",
        GIT_AUTHOR_EMAIL="author@example.com",
        GIT_COMMITTER_NAME="Test Author",
        GIT_COMMITTER_EMAIL="author@example.com",
        GIT_CONFIG_GLOBAL=str(config),
        GIT_CONFIG_NOSYSTEM="1",
    )
    return env


def make_repository(tmp_path: Path, files: Dict[str, str], commit: bool = True) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    for relative, text in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    env = git_env(tmp_path)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, env=env, check=True)
    if commit:
        subprocess.run(["git", "add", "-A"], cwd=root, env=env, check=True)
        subprocess.run(["git", "commit", "-q", "-m", "initial"], cwd=root, env=env, check=True)
    return root


def snapshot(root: Path) -> Dict[str, bytes]:
    """Every file under the root except git's own, by relative path."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and ".git" not in path.relative_to(root).parts:
            found[path.relative_to(root).as_posix()] = path.read_bytes()
    return found


def run_init(root: Path, capsys: pytest.CaptureFixture, *argv: str) -> tuple:
    code = init_main([str(root), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def load(root: Path, relative: str) -> object:
    return json.loads((root / relative).read_text(encoding="utf-8"))


def lines_kept_in_order(old: str, new: str) -> bool:
    remaining = iter(new.splitlines())
    return all(any(line == candidate for candidate in remaining) for line in old.splitlines())


# ======================================================================
# Each kind of repository


@pytest.mark.parametrize("kind", sorted(REPOSITORIES))
def test_init_writes_every_file_and_a_second_run_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture, kind: str
) -> None:
    root = make_repository(tmp_path, REPOSITORIES[kind])
    code, out, err = run_init(root, capsys)
    assert code == 0, err
    for relative in (".pre-commit-config.yaml", "verify_integration.py", ".claude/project_concept.json",
                     ".claude/project_structure.json", ".claude/project_log.json"):
        assert (root / relative).is_file(), relative
        assert f"[OK] {relative}:" in out
    for kind_name, relative in (("concept", "project_concept"), ("structure", "project_structure"), ("log", "project_log")):
        assert schema_problems(kind_name, load(root, f".claude/{relative}.json")) == [], relative
    before = snapshot(root)
    code, out, _err = run_init(root, capsys)
    assert code == 0 and "nothing to do" in out
    assert snapshot(root) == before


@pytest.mark.parametrize("kind", sorted(REPOSITORIES))
def test_verify_after_init_exits_0_and_verify_script_runs(tmp_path: Path, capsys: pytest.CaptureFixture, kind: str) -> None:
    root = make_repository(tmp_path, REPOSITORIES[kind])
    assert run_init(root, capsys)[0] == 0
    assert verify_main(["--no-cache"], start=str(root)) == 0
    out = capsys.readouterr().out
    assert "[OK] no integration findings" in out
    # The script starts the prefguard command beside the interpreter; the checkout first on PYTHONPATH makes it this one.
    env = checkout_environment(PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    done = subprocess.run([sys.executable, "verify_integration.py", "--no-cache"], cwd=root, env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WIRED" in done.stdout


def test_training_repository_entries_and_memory(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = make_repository(tmp_path, TRAINING)
    assert run_init(root, capsys)[0] == 0
    config = (root / "prefguard.toml").read_text(encoding="utf-8")
    assert not (root / "pyproject.toml").exists()
    assert '"train.py", # ' + RULE_ROOT_NAME in config
    assert '"data/shakespeare/prepare.py", # ' + RULE_MAIN_BLOCK in config
    assert '"sample.py", # ' + RULE_SCRIPT in config
    assert '"config/small.py"' not in config and '"model.py"' not in config
    concept = load(root, ".claude/project_concept.json")
    assert concept["project_name"] == "tinytrain"
    assert concept["vision"].startswith("Train small character-level language models on one GPU")
    assert concept["core_goals"] == [
        "a 200-line GPT model in model.py",
        "resumable training with numbered checkpoints",
        "sampling from any checkpoint",
    ]
    assert concept["platform"] == "Python; third-party packages imported: numpy, torch"
    structure = load(root, ".claude/project_structure.json")
    modules = {module["path"]: module for module in structure["modules"]}
    assert sorted(modules) == sorted([p for p in TRAINING if p.endswith(".py")] + ["verify_integration.py"])
    assert modules["train.py"]["dependencies"] == ["model", "numpy", "torch"]
    assert modules["model.py"]["public_api"] == ["GPT"]
    assert structure["entry_point"] == "train.py"
    assert all(module["last_modified"] for module in structure["modules"])


def test_library_keeps_every_byte_of_pyproject_and_every_line_of_the_hooks(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    root = make_repository(tmp_path, LIBRARY)
    assert run_init(root, capsys)[0] == 0
    pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert pyproject.startswith(LIBRARY_PYPROJECT)
    assert '"src/sigkit/__init__.py", # ' + RULE_LIBRARY in pyproject
    merged = (root / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert lines_kept_in_order(LIBRARY_PRECOMMIT, merged)
    config = yaml.safe_load(merged)
    assert config["default_install_hook_types"] == ["pre-commit", "commit-msg"]
    assert config["ci"] == {"autoupdate_schedule": "monthly"}
    ids = [hook["id"] for repo in config["repos"] for hook in repo["hooks"]]
    assert ids == ["no-debug", "prefguard-check", "prefguard-guard", "prefguard-verify"]
    concept = load(root, ".claude/project_concept.json")
    assert concept["vision"] == "Sign data for untrusted places and verify it safely on the way back."
    assert concept["target_users"] == ["Developers"]
    assert "supports Python >=3.9" in concept["key_constraints"]
    assert "license: BSD-3-Clause" in concept["key_constraints"]
    structure = load(root, ".claude/project_structure.json")
    modules = {module["path"]: module for module in structure["modules"]}
    assert "tests/test_signer.py" not in modules
    assert modules["src/sigkit/__init__.py"]["public_api"] == ["Signer", "TimedSigner"]
    assert modules["src/sigkit/timed.py"]["dependencies"] == ["sigkit.signer"]


def test_library_verify_wires_reexports_and_reports_the_unused_module(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = make_repository(tmp_path, LIBRARY)
    assert verify_main(["--no-cache"], start=str(root)) == 1
    out = capsys.readouterr().out
    assert f"src/sigkit/__init__.py: found by {RULE_LIBRARY}" in out
    rows = {line.split()[0]: line for line in out.splitlines() if line.startswith("src/")}
    for wired in ("src/sigkit/signer.py", "src/sigkit/timed.py", "src/sigkit/_encoding.py"):
        assert rows[wired].split()[1] == "WIRED", rows[wired]
    assert rows["src/sigkit/legacy.py"].split()[1] == "WIRED"  # a public submodule: library API
    assert "public submodule of library package sigkit" in rows["src/sigkit/legacy.py"]
    assert "INT001" in out and "run `prefguard init`" in out


def test_tool_scripts_come_from_setup_cfg_and_setup_py_without_running_it(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    root = make_repository(tmp_path, TOOL)
    code, out, err = run_init(root, capsys)
    assert code == 0, err
    assert not (root / "EXECUTED").exists()
    assert (root / "wordcount" / "cli.py").is_file()
    config = (root / "prefguard.toml").read_text(encoding="utf-8")
    assert '"wordcount/report.py", # setup.cfg [options.entry_points] console_scripts wc-report' in config
    assert '"wordcount/cli.py", # setup.py entry_points console_scripts wc-fast' in config
    concept = load(root, ".claude/project_concept.json")
    assert concept["project_name"] == "wordcount"
    assert concept["vision"] == "Count words in files, fast."
    assert concept["core_goals"] == ["Count words in many files with one command, and report them as JSON."]


def test_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = make_repository(tmp_path, LIBRARY)
    before = snapshot(root)
    code, out, _err = run_init(root, capsys, "--dry-run", "--github")
    assert code == 0
    assert "[INFO] would change pyproject.toml" in out
    assert "[INFO] would create .github/workflows/prefguard.yml" in out
    assert "[OK] dry run: nothing was written" in out
    assert snapshot(root) == before


def test_github_workflow_is_pinned_and_hardened(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = make_repository(tmp_path, TRAINING)
    sha = "0123456789abcdef0123456789abcdef01234567"
    assert run_init(root, capsys, "--github", "--action-ref", sha)[0] == 0
    workflow = yaml.safe_load((root / ".github/workflows/prefguard.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read"}
    job = workflow["jobs"]["prefguard"]
    assert isinstance(job["timeout-minutes"], int)
    uses = [step["uses"] for step in job["steps"]]
    assert uses[1] == f"fragmergent/prefguard@{sha}"
    assert all("@" in ref and len(ref.split("@")[1]) == 40 for ref in uses)
    assert job["steps"][0]["with"]["persist-credentials"] is False


def workflow_steps(workflow: Dict[str, Any], job: str) -> List[Dict[str, Any]]:
    return workflow["jobs"][job]["steps"]


@pytest.mark.parametrize("remote", [True, False], ids=["origin-head", "current-branch"])
def test_github_workflow_guards_every_commit_verifies_and_checks_on_the_default_branch(
    tmp_path: Path, capsys: pytest.CaptureFixture, remote: bool
) -> None:
    root = make_repository(tmp_path, TRAINING)
    env = git_env(tmp_path)
    if remote:
        subprocess.run(["git", "update-ref", "refs/remotes/origin/trunk", "HEAD"], cwd=root, env=env, check=True)
        subprocess.run(["git", "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/trunk"], cwd=root, env=env, check=True)
    else:
        subprocess.run(["git", "checkout", "-q", "-b", "develop"], cwd=root, env=env, check=True)
    code, out, _err = run_init(root, capsys, "--github", "--action-ref", "0123456789abcdef0123456789abcdef01234567")
    branch = "trunk" if remote else "develop"
    assert code == 0 and f"pushes to {branch}" in out
    text = (root / ".github/workflows/prefguard.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow[True] == {"pull_request": None, "push": {"branches": [branch]}}
    assert "main" not in text.split("jobs:")[0].replace("# prefguard on every pull request", "")
    guard = workflow_steps(workflow, "guard")
    assert guard[0]["with"] == {"fetch-depth": 0, "persist-credentials": False}
    runs = [step.get("run", "") for step in guard]
    assert 'prefguard guard --from-ref "$FROM_REF" --to-ref "$TO_REF" --format github' in runs
    assert "prefguard verify" in runs
    resolve = next(step for step in guard if step.get("id") == "range")
    assert resolve["env"] == {
        "EVENT_BASE": "${{ github.event.pull_request.base.sha || github.event.before }}",
        "EVENT_HEAD": "${{ github.event.pull_request.head.sha || github.sha }}",
    }
    assert all("${{" not in run for run in runs), "event values must reach scripts through env only"
    check = workflow_steps(workflow, "prefguard")
    assert check[1]["uses"].startswith("fragmergent/prefguard@") and check[1]["with"]["args"] == "."


def test_default_branch_falls_back_to_main_outside_git(tmp_path: Path) -> None:
    from hooks.commands.init import default_branch

    assert default_branch(tmp_path) == "main"


def test_branch_names_are_matched_literally() -> None:
    from checks.adoption.generated_files import workflow

    assert '    branches: ["release\\\\+1"]' in workflow("v1", "1.0", "release+1")
    assert yaml.safe_load(workflow("v1", "1.0", "release+1"))[True]["push"]["branches"] == ["release\\+1"]


def test_existing_files_are_kept_and_the_log_gains_one_entry(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    files = dict(TRAINING)
    old_log = [{"date": "2025-01-02", "time": "10:00", "requested": "start", "executed": "wrote train.py",
                "files_touched": ["train.py"], "status": "success", "notes": ""}]
    files[".claude/project_log.json"] = json.dumps(old_log, indent=2) + "\n"
    files["verify_integration.py"] = "print('own verification')\n"
    root = make_repository(tmp_path, files)
    code, out, _err = run_init(root, capsys)
    assert code == 0
    assert "[INFO] verify_integration.py: exists; kept as it is" in out
    assert (root / "verify_integration.py").read_text(encoding="utf-8") == "print('own verification')\n"
    log = load(root, ".claude/project_log.json")
    assert log[0] == old_log[0] and len(log) == 2
    assert log[1]["requested"] == "Put the repository under the policy (prefguard init)"


# ======================================================================
# Every file init can write: an existing one is never overwritten

ALL_OPTIONS = ("--github", "--assistant")
# Each file init can write with every option, and the repository kind in which it does (pyproject.toml is
# appended to only where it exists). A new file init writes fails test_the_table_names_every_file_init_writes.
INIT_FILES: Dict[str, str] = {
    ".claude/project_concept.json": "training",
    ".claude/project_log.json": "training",
    ".claude/project_structure.json": "training",
    ".claude/settings.json": "training",
    ".github/workflows/prefguard.yml": "training",
    ".pre-commit-config.yaml": "training",
    ".prefguard-baseline.json": "training",
    "prefguard.toml": "training",
    "pyproject.toml": "library",
    "verify_integration.py": "training",
}
# The one file that grows when it exists: the log gains the init entry; every other file is kept byte for byte.
APPENDED = {".claude/project_log.json"}


def written_by_init(folder: Path, capsys: pytest.CaptureFixture, kind: str) -> Dict[str, bytes]:
    """The files a first ``init --github --assistant`` creates or changes in a fresh repository of one kind."""
    root = make_repository(folder, REPOSITORIES[kind])
    before = snapshot(root)
    code, _out, err = run_init(root, capsys, *ALL_OPTIONS)
    assert code == 0, err
    return {relative: data for relative, data in snapshot(root).items() if before.get(relative) != data}


@pytest.fixture(scope="module")
def init_output(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Dict[str, bytes]]:
    """What init writes in each kind of repository (read once for the module)."""
    outputs = {}
    for kind in ("training", "library"):
        root = make_repository(tmp_path_factory.mktemp(f"init-{kind}"), REPOSITORIES[kind])
        before = snapshot(root)
        assert init_main([str(root), *ALL_OPTIONS]) == 0
        outputs[kind] = {relative: data for relative, data in snapshot(root).items() if before.get(relative) != data}
    return outputs


def edited_by_the_user(relative: str, data: bytes) -> bytes:
    """Init's own output, still valid, but not byte for byte what init writes: a rewrite would show."""
    if relative.endswith(".json"):
        return (json.dumps(json.loads(data), indent=4, ensure_ascii=False) + "\n").encode("utf-8")
    return b"# edited by the user before prefguard init\n" + data


def test_the_table_names_every_file_init_writes(init_output: Dict[str, Dict[str, bytes]]) -> None:
    assert set(init_output["training"]) == {relative for relative, kind in INIT_FILES.items() if kind == "training"}
    assert set(INIT_FILES) - set(init_output["training"]) <= set(init_output["library"])


@pytest.mark.parametrize("relative", sorted(INIT_FILES))
def test_an_existing_file_init_can_write_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture, init_output: Dict[str, Dict[str, bytes]], relative: str
) -> None:
    kind = INIT_FILES[relative]
    existing = edited_by_the_user(relative, init_output[kind][relative])
    files = dict(REPOSITORIES[kind], **{relative: existing.decode("utf-8")})
    root = make_repository(tmp_path, files)
    code, out, err = run_init(root, capsys, *ALL_OPTIONS)
    assert code == 0 and "[ERROR]" not in err, err
    after = (root / relative).read_bytes()
    if relative in APPENDED:
        old, new = json.loads(existing), json.loads(after)
        assert new[: len(old)] == old and len(new) == len(old) + 1
    else:
        assert after == existing, f"{relative} was rewritten"
        assert f"[OK] {relative}:" not in out


def test_when_every_file_exists_init_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture, init_output: Dict[str, Dict[str, bytes]]
) -> None:
    files = dict(REPOSITORIES["training"])
    files.update({relative: edited_by_the_user(relative, data).decode("utf-8") for relative, data in init_output["training"].items()})
    root = make_repository(tmp_path, files)
    before = snapshot(root)
    code, out, err = run_init(root, capsys, *ALL_OPTIONS)
    assert (code, "[ERROR]" in err) == (0, False), err
    assert "[OK] nothing to do" in out
    assert snapshot(root) == before


# ======================================================================
# Bad input: a clear message naming the file, the tree left as it was


def assert_refused(root: Path, capsys: pytest.CaptureFixture, needle: str) -> str:
    before = snapshot(root)
    code, _out, err = run_init(root, capsys)
    assert code == 2, err
    assert needle in err and "nothing was written" in err, err
    assert "Traceback" not in err
    assert snapshot(root) == before
    return err


def test_invalid_pyproject_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    files = dict(LIBRARY, **{"pyproject.toml": '[project]\nname = "sigkit\n'})
    err = assert_refused(make_repository(tmp_path, files), capsys, "pyproject.toml")
    assert "TOML" in err


def test_invalid_precommit_yaml_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    files = dict(LIBRARY, **{".pre-commit-config.yaml": "repos:\n  - repo: local\n    hooks: [\n"})
    err = assert_refused(make_repository(tmp_path, files), capsys, ".pre-commit-config.yaml")
    assert "not valid YAML" in err


def test_memory_file_failing_its_schema_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    files = dict(TRAINING, **{".claude/project_concept.json": '{"project_name": "tinytrain"}\n'})
    err = assert_refused(make_repository(tmp_path, files), capsys, ".claude/project_concept.json")
    assert "fails its schema" in err


def test_memory_file_that_is_not_json_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    files = dict(TRAINING, **{".claude/project_log.json": '[{"date": "2025-01-02",\n'})
    assert_refused(make_repository(tmp_path, files), capsys, ".claude/project_log.json")


def test_not_a_git_work_tree_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = tmp_path / "plain"
    root.mkdir()
    (root / "train.py").write_text("print('train')\n", encoding="utf-8")
    err = assert_refused(root, capsys, "is not a git work tree")
    assert "git init" in err


def test_a_subfolder_of_a_work_tree_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = make_repository(tmp_path, TOOL)
    code, _out, err = run_init(root / "wordcount", capsys)
    assert code == 2 and "run prefguard init at its top" in err


@contextlib.contextmanager
def read_only_mount(folder: Path) -> Iterator[bool]:
    """``folder`` bind-mounted read-only onto itself (binds the superuser too); False where mounting is not allowed."""
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        yield False
        return
    mounted = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True, check=False)
    if mounted.returncode != 0:
        yield False
        return
    try:
        remounted = subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], capture_output=True, check=False)
        yield remounted.returncode == 0
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True, check=False)


def test_read_only_directory_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """Without write permission (an ordinary user) or on a read-only file system (the superuser too)."""
    root = make_repository(tmp_path, TRAINING)
    if os.name == "posix" and os.geteuid() != 0:
        os.chmod(root, 0o555)
        try:
            assert_refused(root, capsys, "Permission denied")
        finally:
            os.chmod(root, 0o755)
        return
    with read_only_mount(root) as mounted:
        if not mounted:
            pytest.skip("the superuser cannot mount here: a read-only folder does not stop it (see the test below)")
        assert_refused(root, capsys, "Read-only file system")


@pytest.mark.parametrize("blocker", [".github", ".claude"])
def test_a_folder_that_cannot_be_made_is_refused_for_every_user(
    tmp_path: Path, capsys: pytest.CaptureFixture, blocker: str
) -> None:
    """A planned file whose folder is a plain file cannot be written by anyone, root included: nothing is written."""
    root = make_repository(tmp_path, TRAINING)
    (root / blocker).write_text("a file where init needs a folder\n", encoding="utf-8")
    before = snapshot(root)
    code, _out, err = run_init(root, capsys, "--github")
    assert code == 2, err
    assert err.startswith("[ERROR] prefguard init: ") and "nothing was written" in err, err
    assert str(root / blocker) in err and "Traceback" not in err
    assert snapshot(root) == before


def test_a_failed_write_midway_restores_every_file(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repository(tmp_path, LIBRARY)
    real_replace = os.replace
    calls: List[str] = []

    def failing_replace(source: str, target: str) -> None:
        calls.append(str(target))
        if len(calls) == 4:
            raise PermissionError(13, "Permission denied", str(target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing_replace)
    assert_refused(root, capsys, "Permission denied")
    assert len(calls) >= 4
    assert not list(root.rglob("*prefguard-tmp*"))
    assert not (root / ".claude").exists()


def test_a_failed_baseline_restores_every_file(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repository(tmp_path, TRAINING)

    def broken_baseline(ctx: init_command.InitContext) -> str:
        raise OSError(28, "No space left on device", str(ctx.root / ctx.baseline_file))

    monkeypatch.setattr(init_command, "record_baseline", broken_baseline)
    assert_refused(root, capsys, "No space left on device")


def test_an_existing_structure_gains_only_the_verify_script_entry(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    structure = {
        "project_name": "tinytrain", "format_version": 1, "entry_point": "train.py", "last_modified": "2025-01-02",
        "modules": [{"name": "model", "path": "model.py", "status": "active", "dependencies": ["torch"],
                     "public_api": ["GPT"], "last_modified": "2025-01-02", "notes": "kept"}],
    }
    files = dict(TRAINING, **{".claude/project_structure.json": json.dumps(structure, indent=2) + "\n"})
    root = make_repository(tmp_path, files)
    code, out, _err = run_init(root, capsys)
    assert code == 0
    assert "[OK] .claude/project_structure.json: appended the module verify_integration.py (append-only)" in out
    grown = load(root, ".claude/project_structure.json")
    assert grown["modules"][0] == structure["modules"][0]
    assert [module["path"] for module in grown["modules"]] == ["model.py", "verify_integration.py"]
    assert schema_problems("structure", grown) == []


@pytest.mark.slow
def test_the_first_commit_after_init_passes_the_installed_hooks(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = make_repository(tmp_path, LIBRARY)
    env = checkout_environment(git_env(tmp_path))
    env.update(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PRE_COMMIT_COLOR="never",
               PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    assert run_init(root, capsys, "--hooks", "system")[0] == 0

    def run(*command: str) -> subprocess.CompletedProcess:
        return subprocess.run(list(command), cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False)

    assert run(sys.executable, "-m", "pre_commit", "install").returncode == 0
    run("git", "add", "-A")
    accepted = run("git", "commit", "-m", "Adopt prefguard")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    for command in (
        (*prefguard_command(), "check", "."),
        (*prefguard_command(), "verify"),
        (sys.executable, "verify_integration.py"),
        (sys.executable, "-m", "pre_commit", "run", "--all-files"),
    ):
        done = run(*command)
        assert done.returncode == 0, f"{command}: {done.stdout}{done.stderr}"
    assert run_init(root, capsys)[0] == 0
    assert run("git", "status", "--porcelain").stdout == ""


@pytest.mark.skipif(sys.version_info < (3, 11), reason="zizmor and the actionlint wheel need Python 3.11 or newer")
def test_github_workflow_passes_actionlint_and_zizmor(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = make_repository(tmp_path, TOOL)
    assert init_main([str(root), "--github", "--action-ref", "0123456789abcdef0123456789abcdef01234567"]) == 0
    capsys.readouterr()
    workflow = root / ".github" / "workflows" / "prefguard.yml"
    tools = os.path.dirname(sys.executable)
    linted = subprocess.run(
        [os.path.join(tools, "actionlint"), "-no-color", "-oneline", "-shellcheck", os.path.join(tools, "shellcheck"),
         "-pyflakes", "", str(workflow)],
        cwd=root, capture_output=True, text=True, check=False,
    )
    assert linted.returncode == 0 and linted.stdout == "", linted.stdout + linted.stderr
    audited = subprocess.run(
        [os.path.join(tools, "zizmor"), "--offline", "--no-config", "--no-progress", "--format", "json", str(workflow)],
        cwd=root, capture_output=True, text=True, check=False,
    )
    assert audited.returncode == 0 and json.loads(audited.stdout) == [], audited.stdout + audited.stderr


def test_init_is_a_prefguard_command(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from hooks.cli import main as cli_main

    root = make_repository(tmp_path, TOOL)
    assert cli_main(["init", str(root), "--dry-run"]) == 0
    assert "[OK] dry run: nothing was written" in capsys.readouterr().out


def test_assistant_option_merges_the_hooks_into_existing_settings(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = make_repository(tmp_path, LIBRARY)
    settings = root / ".claude" / "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps({"permissions": {"allow": ["Bash(pytest:*)"]}}), encoding="utf-8")
    code, out, err = run_init(root, capsys, "--assistant")
    assert code == 0, err
    assert "[OK] .claude/settings.json: merged the Claude Code hooks" in out
    merged = load(root, ".claude/settings.json")
    assert merged["permissions"] == {"allow": ["Bash(pytest:*)"]}
    assert merged["hooks"]["Stop"][0]["hooks"][0]["command"].endswith("assistant stop")
    assert ".claude/settings.json" in load(root, ".claude/project_log.json")[-1]["files_touched"]
    before = snapshot(root)
    code, out, _err = run_init(root, capsys, "--assistant")
    assert code == 0 and "already has the prefguard hooks" in out
    assert snapshot(root) == before


def test_init_records_legacy_integration_findings_so_verify_passes(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    body = "    total = a + b\n    total = total * 2\n    total = total - 1\n    total = total / 3\n    return total\n"
    files = dict(REPOSITORIES["training"])
    files["legacy_a.py"] = "def combine(a, b):\n" + body
    files["legacy_b.py"] = "def combine_again(a, b):\n" + body
    root = make_repository(tmp_path, files)
    assert verify_main(["--no-cache", "--no-baseline", "--format", "json"], start=str(root)) == 1
    legacy = [item["code"] for item in json.loads(capsys.readouterr().out)]
    assert "INT003" in legacy and "INT001" in legacy
    assert run_init(root, capsys)[0] == 0
    baseline = load(root, ".prefguard-baseline.json")
    assert any(key.startswith("INT003 ") for key in baseline["files"]["legacy_b.py"])
    assert verify_main(["--no-cache"], start=str(root)) == 0
    captured = capsys.readouterr()
    assert "[OK] no integration findings" in captured.out and "known integration finding(s) not shown" in captured.err
    (root / "legacy_c.py").write_text("def combine_once_more(a, b):\n" + body, encoding="utf-8")
    assert verify_main(["--no-cache", "--format", "json"], start=str(root)) == 1
    assert [(item["code"], item["path"]) for item in json.loads(capsys.readouterr().out)] == [("INT003", "legacy_c.py")]
