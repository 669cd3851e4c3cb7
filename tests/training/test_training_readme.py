"""The README's "Reference training package" commands: the flags exist, the cheap commands run."""

import re
import shlex
from pathlib import Path
from typing import List

import pytest
import yaml
from torch.distributed.run import get_args_parser

from training.checkpoints import BEST_MODEL_NAME, checkpoint_name
from training.cli import build_parser
from training.notebook import DEFAULT_NOTEBOOK_PATH
from training.notebook import main as notebook_main

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ".venv/bin/python"


def section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## Reference training package\n(.*?)(?=^## )", text, re.S | re.M)
    assert match, "README.md has no 'Reference training package' section"
    return match.group(1)


def commands() -> List[List[str]]:
    blocks = re.findall(r"```bash\n(.*?)```", section(), re.S)
    return [shlex.split(line) for block in blocks for line in block.splitlines() if line.strip()]


def of_kind(prefix: List[str]) -> List[List[str]]:
    return [command for command in commands() if command[: len(prefix)] == prefix]


def parse_training_flags(argv: List[str]) -> None:
    try:
        build_parser().parse_args(argv)
    except SystemExit as error:
        pytest.fail(f"README: python -m training {' '.join(argv)} is rejected by training/cli.py ({error})")


def test_every_command_of_the_section_is_one_this_test_checks() -> None:
    known = ([PYTHON, "-m", "training"], [PYTHON, "-m", "training.notebook"], [".venv/bin/torchrun"], [PYTHON, "-m", "pytest"], ["cat"])
    for command in commands():
        assert any(command[: len(prefix)] == list(prefix) for prefix in known), f"unchecked README command: {command}"
    assert len(of_kind([PYTHON, "-m", "training"])) >= 3


def test_training_commands_use_flags_that_exist() -> None:
    for command in of_kind([PYTHON, "-m", "training"]):
        parse_training_flags(command[3:])


def test_the_torchrun_command_runs_the_training_module_with_valid_flags() -> None:
    (command,) = of_kind([".venv/bin/torchrun"])
    launch = get_args_parser().parse_args(command[1:])
    assert launch.module and launch.training_script == "training" and launch.standalone
    parse_training_flags(launch.training_script_args)


def test_the_notebook_commands_regenerate_and_check_the_committed_notebook(tmp_path: Path) -> None:
    forms = [command[3:] for command in of_kind([PYTHON, "-m", "training.notebook"])]
    assert forms == [[], ["--check"]]
    assert notebook_main(["--check"]) == 0
    regenerated = tmp_path / "training_colab.ipynb"
    assert notebook_main(["--output", str(regenerated)]) == 0
    assert regenerated.read_bytes() == DEFAULT_NOTEBOOK_PATH.read_bytes()


def test_the_smoke_test_commands_are_the_ci_training_job() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    ci = [shlex.split(step["run"]) for step in workflow["jobs"]["training"]["steps"] if "pytest" in step.get("run", "")]
    readme = of_kind([PYTHON, "-m", "pytest"])
    assert [command[1:] for command in readme] == [command[1:] for command in ci]
    assert all((ROOT / command[-1]).is_dir() for command in readme)


def test_the_result_files_the_readme_names_are_the_ones_a_run_writes() -> None:
    text = section()
    results = (ROOT / "training" / "results.py").read_text(encoding="utf-8")
    for name in ("benchmark_results.json", "loss_curves.png", "benchmark_report.txt"):
        assert f"`{name}`" in text and f'"{name}"' in results, name
    assert "`logs/metrics.jsonl`" in text and '"metrics.jsonl"' in (ROOT / "training" / "train.py").read_text(encoding="utf-8")
    assert f"`checkpoints/{BEST_MODEL_NAME}`" in text
    assert "`checkpoints/ckpt_step<N>.pt`" in text and checkpoint_name(7) == "ckpt_step7.pt"
