"""The two test tiers: heavy tests are marked ``slow``; .ci/run, the README and CI run both, fast first."""

import ast
import re
import shlex
from pathlib import Path
from typing import Dict, List

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FAST = '.venv/bin/python -m pytest -m "not slow"'
SLOW = ".venv/bin/python -m pytest -m slow"
INSTALL = "python3 -m venv .venv && .venv/bin/pip install -q -e '.[dev,training]'"
ONE_COMMAND = f"{INSTALL} && {FAST} && {SLOW}"

# The heavy tests measured with --durations (seconds on the shared 2-core machine): each must stay slow.
HEAVY = {
    "tests/training/test_training_ddp.py": ["test_torchrun_two_ranks_train_and_resume_exactly"],
    "tests/training/test_training_checkpoints.py": ["test_resume_matches_uninterrupted_run_step_for_step"],
    "tests/training/test_training_smoke.py": ["test_tiny_model_learns_real_text"],
    "tests/training/test_training_notebook.py": ["test_cells_create_folders_list_checkpoints_and_write_a_working_package"],
    "tests/training/test_training_benchmark.py": ["test_benchmark_prints_bare_full_and_overhead"],
    "tests/robustness/test_source_fuzz.py": ["test_mutated_standard_library_files_never_crash"],
    "tests/robustness/test_guard_fuzz.py": ["test_ten_thousand_generated_pairs_have_no_false_accept"],
    "tests/robustness/test_fix_safety.py": ["test_killed_fix_run_never_leaves_a_half_written_file"],
    "tests/robustness/test_git_edges.py": ["test_thousand_file_commit"],
    "tests/hooks/test_workflows.py": ["test_actionlint_reports_nothing_on_the_workflows", "test_zizmor_reports_nothing_on_the_workflows_and_the_action"],
    "tests/checks/test_json_guard.py": ["test_guard_agrees_with_the_oracle_on_arbitrary_pairs"],
    "tests/hooks/test_cache.py": ["test_many_files_in_workers_match_one_process"],
    "tests/hooks/test_precommit_e2e.py": ["test_violating_commit_is_refused_with_the_codes_on_screen"],
    "tests/hooks/test_packaging.py": ["test_wheel_claims_no_generic_name_and_uninstalls_without_touching_the_users_packages"],
    "tests/hooks/test_readme_commands.py": [
        "test_setup_command_runs_as_written", "test_adoption_commands_run_as_written_and_the_first_commit_passes",
    ],
}


def is_slow_mark(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "slow" and ast.unparse(node).endswith("mark.slow")


def slow_tests(path: Path) -> Dict[str, bool]:
    """Each test function of a module and whether it carries the ``slow`` mark (its own or the module's)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module_slow = any(
        isinstance(node, ast.Assign)
        and any(isinstance(target, ast.Name) and target.id == "pytestmark" for target in node.targets)
        and any(is_slow_mark(part) for part in ast.walk(node.value))
        for node in tree.body
    )
    return {
        node.name: module_slow or any(is_slow_mark(decorator) for decorator in node.decorator_list)
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    }


def commands(lines: List[str]) -> List[str]:
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def readme_test_block() -> List[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"Run the tests \(this is exactly what `\.ci/run` runs\).*?```bash\n(.*?)```", text, re.S)
    assert match, "README.md lost its test command section"
    return commands(match.group(1).splitlines())


def test_the_slow_marker_is_registered(pytestconfig: pytest.Config) -> None:
    assert any(line.startswith("slow:") for line in pytestconfig.getini("markers"))


@pytest.mark.parametrize("relative", sorted(HEAVY))
def test_heavy_tests_are_in_the_slow_tier(relative: str) -> None:
    marked = slow_tests(ROOT / relative)
    for name in HEAVY[relative]:
        assert name in marked, f"{relative}::{name} no longer exists; update HEAVY"
        assert marked[name], f"{relative}::{name} takes seconds: mark it @pytest.mark.slow"


def test_the_mark_detector_sees_unmarked_and_marked_tests(tmp_path: Path) -> None:
    module = tmp_path / "test_sample.py"
    module.write_text(
        "import pytest\n\n\n@pytest.mark.slow\ndef test_a() -> None:\n    pass\n\n\ndef test_b() -> None:\n    pass\n",
        encoding="utf-8",
    )
    assert slow_tests(module) == {"test_a": True, "test_b": False}
    module.write_text("import pytest\n\npytestmark = pytest.mark.slow\n\n\ndef test_b() -> None:\n    pass\n", encoding="utf-8")
    assert slow_tests(module) == {"test_b": True}


def test_ci_run_installs_then_runs_the_fast_tier_before_the_slow_tier() -> None:
    lines = commands((ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()[1:])
    assert lines[0] == "set -euo pipefail", "a failing tier (or exit 5, no test collected) must fail the run"
    assert lines[2:] == [ONE_COMMAND], "one command: install, then the fast tier, then the slow tier"


def test_the_readme_runs_exactly_what_ci_run_runs() -> None:
    ci_lines = commands((ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()[1:])
    assert readme_test_block() == ci_lines[2:]


def test_the_github_workflow_runs_both_tiers_fast_first() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    for job_name in ("tests", "training"):
        runs = [shlex.split(step["run"]) for step in workflow["jobs"][job_name]["steps"] if "pytest" in step.get("run", "")]
        tiers = [run[run.index("-m", run.index("pytest")) + 1] for run in runs]
        assert tiers == ["not slow", "slow"], f"job {job_name}: {tiers}"
