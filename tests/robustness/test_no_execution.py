"""``check``, ``guard`` and static ``verify`` never run the code they inspect.

Every module of the corpus below writes a marker file the moment it is
imported or executed: ordinary modules, packages, ``__main__``, ``setup.py``,
``conftest.py``, ``verify_integration.py``, ``sitecustomize``, a notebook
cell, and modules named like the standard library and like prefguard's own
dependencies (``json``, ``ast``, ``libcst``, ``git`` ...) that would shadow
them if the checked tree ever landed on ``sys.path``. After every command the
marker folder must still be empty.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

from tests.conftest import GitRepo
from tests.process import run_prefguard

# The corpus is checked by every command in its own process: end-to-end, slow tier.
pytestmark = pytest.mark.slow

SHADOWING = [
    "json", "ast", "re", "tokenize", "typing", "dataclasses", "tomllib", "tempfile", "subprocess",
    "hashlib", "argparse", "importlib_metadata", "yaml", "jsonschema", "sitecustomize", "usercustomize",
]
PACKAGES = ["libcst", "git", "hooks", "checks", "pkg", "pkg/sub"]
SCRIPTS = ["setup.py", "conftest.py", "verify_integration.py", "__main__.py", "pkg/__main__.py", "tests/test_pkg.py", "run.py"]


def marker_code(markers: Path, name: str) -> str:
    return (
        "import os as _os\n"
        f"open(_os.path.join({str(markers)!r}, {name!r}.replace('/', '_')), 'a').close()\n"
        "def entry() -> None:\n"
        "    pass\n"
        "if __name__ == '__main__':\n"
        "    entry()\n"
    )


def build_corpus(project: Path, markers: Path) -> None:
    markers.mkdir()
    for name in SHADOWING:
        (project / f"{name}.py").write_text(marker_code(markers, name), encoding="utf-8")
    for name in PACKAGES:
        folder = project / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "__init__.py").write_text(marker_code(markers, f"{name}/__init__"), encoding="utf-8")
        (folder / "module.py").write_text(
            "from pkg import sub\nimport json\n" + marker_code(markers, f"{name}/module"), encoding="utf-8"
        )
    for name in SCRIPTS:
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("import pkg.module\n" + marker_code(markers, name), encoding="utf-8")
    cell = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": marker_code(markers, "notebook_cell").splitlines(keepends=True)}
    notebook = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (project / "analysis.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    (project / "pyproject.toml").write_text(
        "[build-system]\nrequires = []\nbuild-backend = \"evil_backend\"\nbackend-path = [\".\"]\n\n"
        "[project]\nname = \"corpus\"\nversion = \"0\"\n\n[project.scripts]\ncorpus = \"pkg.module:entry\"\n\n"
        "[tool.prefguard.integration]\nentry = [\"run.py\"]\n",
        encoding="utf-8",
    )
    (project / "evil_backend.py").write_text(marker_code(markers, "evil_backend"), encoding="utf-8")


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """This checkout's prefguard with ``-P`` where Python has it (the checked tree stays off sys.path), as users run it."""
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONSTARTUP")}
    return run_prefguard(args, cwd, env, timeout=300)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    build_corpus(project, tmp_path / "markers")
    repo = GitRepo(project)
    repo.commit("corpus")
    (project / "pkg" / "module.py").write_text("import logging\n" + (project / "pkg" / "module.py").read_text(encoding="utf-8"), encoding="utf-8")
    (project / "pkg" / "new_module.py").write_text(marker_code(tmp_path / "markers", "new_module"), encoding="utf-8")
    repo.stage()
    return project


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--no-cache", "."],
        ["check", "."],
        ["check", "--fix", "."],
        ["check", "--diff", "."],
        ["check", "--staged"],
        ["check", "--from-ref", "HEAD", "--to-ref", "HEAD"],
        ["check", "--format", "sarif", "."],
        ["guard", "--staged"],
        ["guard", "--from-ref", "HEAD"],
        ["verify", "--no-cache"],
        ["verify", "--entry", "run.py", "--format", "json"],
        ["verify", "--entry", "pkg.module"],
    ],
    ids=lambda args: " ".join(args),
)
def test_commands_never_import_or_run_the_checked_code(corpus: Path, args: List[str]) -> None:
    markers = corpus.parent / "markers"
    result = run(corpus, *args)
    assert result.returncode in (0, 1), result.stdout[-2000:] + result.stderr[-2000:]
    assert "Traceback" not in result.stderr, result.stderr
    assert sorted(os.listdir(markers)) == [], f"executed: {sorted(os.listdir(markers))}"


def test_the_corpus_really_writes_markers_when_imported(corpus: Path) -> None:
    markers = corpus.parent / "markers"
    subprocess.run([sys.executable, "-c", "import pkg.module"], cwd=corpus, check=True, capture_output=True)
    assert {"pkg___init__", "pkg_module", "pkg_sub___init__", "json"} <= set(os.listdir(markers))
