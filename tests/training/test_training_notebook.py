"""The generated 5-section notebook: valid nbformat, self-contained sources, up to date."""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from training.notebook import (
    DEFAULT_NOTEBOOK_PATH,
    REPO_ROOT,
    build_notebook,
    is_up_to_date,
    python_string_literal,
    render_notebook,
    source_files,
    write_notebook,
)

SECTION_TITLES = {
    1: "Drive Mount + File System + Recovery",
    2: "Dependencies (GPU-Aware)",
    3: "Source Code (Monolithic Cell)",
    4: "Training Pipeline",
    5: "Testing and Benchmarks",
}


def _code(notebook: Dict[str, Any], section: int) -> str:
    cells = [
        cell
        for cell in notebook["cells"]
        if cell["cell_type"] == "code" and cell["metadata"]["section"] == section
    ]
    assert len(cells) == 1
    return "".join(cells[0]["source"])


def test_notebook_structure_is_nbformat_4_5_with_five_sections() -> None:
    notebook = json.loads(render_notebook())
    assert notebook["nbformat"] == 4 and notebook["nbformat_minor"] == 5
    assert notebook["metadata"]["kernelspec"]["language"] == "python"
    ids: List[str] = [cell["id"] for cell in notebook["cells"]]
    assert len(ids) == len(set(ids))
    for cell in notebook["cells"]:
        assert isinstance(cell["source"], list) and all(isinstance(line, str) for line in cell["source"])
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
    headings = [
        "".join(cell["source"]).splitlines()[0]
        for cell in notebook["cells"]
        if cell["cell_type"] == "markdown" and cell["metadata"]["section"] > 0
    ]
    assert headings == [f"## Section {number} — {title}" for number, title in SECTION_TITLES.items()]
    for number in SECTION_TITLES:
        compile(_code(notebook, number), f"section-{number}", "exec")


def test_notebook_validates_with_nbformat() -> None:
    nbformat = pytest.importorskip("nbformat")
    notebook = nbformat.reads(render_notebook(), as_version=4)
    nbformat.validate(notebook)


def test_write_source_cell_embeds_every_file_exactly() -> None:
    tree = ast.parse(_code(build_notebook(), 3))
    calls = {
        node.args[0].value: ast.literal_eval(node.args[1])
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "write_source"
    }
    expected = {target: path.read_text(encoding="utf-8") for target, path in source_files()}
    assert set(calls) == set(expected)
    assert "scripts/training/train.py" in calls and "configs/default.yaml" in calls
    for target, text in expected.items():
        assert calls[target] == text, target


@pytest.mark.parametrize("text", ['ends with a quote"', 'a """ b \\ c \\"""', "", '""""', "tab\tand\\n"])
def test_python_string_literal_round_trips(text: str) -> None:
    assert ast.literal_eval(python_string_literal(text)) == text


@pytest.mark.slow
def test_cells_create_folders_list_checkpoints_and_write_a_working_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.chdir(tmp_path)
    project = tmp_path / "prefguard_training"
    (project / "checkpoints").mkdir(parents=True)
    for step in (9, 10, 2):
        (project / "checkpoints" / f"ckpt_step{step}.pt").write_bytes(b"")
    notebook = build_notebook()
    namespace: Dict[str, Any] = {}
    exec(compile(_code(notebook, 1), "section-1", "exec"), namespace)
    exec(compile(_code(notebook, 3), "section-3", "exec"), namespace)
    output = capsys.readouterr().out
    assert namespace["PROJECT_ROOT"] == str(project)
    assert "newest: ckpt_step10.pt" in output
    for folder in ("checkpoints", "logs", "training_data", "results", "scripts", "configs", "dataset_cache"):
        assert (project / folder).is_dir()
    for target, path in source_files():
        assert (project / target).read_text(encoding="utf-8") == path.read_text(encoding="utf-8")

    environment = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "RANK", "WORLD_SIZE")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "training",
            "--config", str(project / "configs" / "default.yaml"),
            "--out-dir", str(tmp_path),
            "--run-name", "prefguard_training",
            "--data-dir", str(project / "training_data"),
            "--max-steps", "6",
            "--eval-interval", "3",
            "--eval-iters", "2",
            "--threads", "1",
            "--max-corpus-chars", "60000",
            "--model-set", "n_layer=1",
            "--model-set", "n_embd=32",
            "--model-set", "n_head=2",
            "--model-set", "block_size=32",
        ],
        cwd=project / "scripts",
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Step 6/6 | loss:" in result.stdout
    assert str(project / "scripts" / "training") in subprocess.run(
        [sys.executable, "-c", "import training; print(training.__file__)"],
        cwd=project / "scripts",
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert (project / "results" / "benchmark_report.txt").is_file()
    assert (project / "checkpoints" / "ckpt_step6.pt").is_file()


def test_committed_notebook_is_up_to_date() -> None:
    assert DEFAULT_NOTEBOOK_PATH.is_file(), "run: python -m training.notebook"
    assert is_up_to_date(DEFAULT_NOTEBOOK_PATH), "notebook is stale; run: python -m training.notebook"


def test_stale_notebook_is_detected(tmp_path: Path) -> None:
    target = write_notebook(tmp_path / "nb.ipynb")
    assert is_up_to_date(target)
    target.write_text(target.read_text(encoding="utf-8").replace("Section 4", "Section four"), encoding="utf-8")
    assert not is_up_to_date(target)
    assert REPO_ROOT == Path(__file__).resolve().parents[2]


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_python_string_literal_round_trips_any_text(text: str) -> None:
    assert ast.literal_eval(python_string_literal(text)) == text
