"""The dependency direction of the packages, checked on their import statements and calls.

- ``checks/`` is pure analysis: it imports neither ``hooks`` nor ``subprocess``
  nor GitPython (``git``), and never prints or writes to ``sys.stdout``/``sys.stderr``.
- ``training/`` stands alone: it imports neither ``checks`` nor ``hooks``.
- No module reaches into libcst's private modules (``libcst._...``).
"""

import ast
from pathlib import Path
from typing import FrozenSet, Iterator, List

ROOT = Path(__file__).resolve().parent.parent
CHECKS_FORBIDDEN_MODULES = frozenset({"hooks", "subprocess", "git"})
TRAINING_FORBIDDEN_MODULES = frozenset({"checks", "hooks"})
CONSOLE_STREAMS = frozenset({"stdout", "stderr", "__stdout__", "__stderr__"})


def python_files(folder: Path) -> Iterator[Path]:
    """Every .py file under a folder, in a stable order."""
    return iter(sorted(folder.rglob("*.py")))


def imported_modules(tree: ast.AST) -> Iterator[ast.stmt]:
    """Every import statement of a module tree."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node


def module_names(node: ast.stmt) -> List[str]:
    """The full dotted names an import statement imports from."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        return [node.module]
    return []


def import_problems(root: Path, path: Path, forbidden: FrozenSet[str]) -> List[str]:
    """``path:line: imports X`` for each import of a forbidden top-level package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    problems = []
    for node in imported_modules(tree):
        for name in module_names(node):
            if name.split(".", 1)[0] in forbidden:
                problems.append(f"{path.relative_to(root)}:{node.lineno}: imports {name}")
    return problems


def output_problems(root: Path, path: Path) -> List[str]:
    """``path:line: ...`` for each ``print(...)`` call and each use of ``sys.stdout``/``sys.stderr``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
            problems.append(f"{path.relative_to(root)}:{node.lineno}: calls print()")
        elif (
            isinstance(node, ast.Attribute)
            and node.attr in CONSOLE_STREAMS
            and isinstance(node.value, ast.Name)
            and node.value.id == "sys"
        ):
            problems.append(f"{path.relative_to(root)}:{node.lineno}: uses sys.{node.attr}")
    return problems


def private_libcst_problems(root: Path, path: Path) -> List[str]:
    """``path:line: ...`` for each import of a private libcst module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    problems = []
    for node in imported_modules(tree):
        for name in module_names(node):
            parts = name.split(".")
            if parts[0] == "libcst" and any(part.startswith("_") for part in parts[1:]):
                problems.append(f"{path.relative_to(root)}:{node.lineno}: imports {name}")
    return problems


def checks_problems(root: Path) -> List[str]:
    """Every layering problem of the ``checks`` package under a repository root, by line."""
    problems: List[str] = []
    for path in python_files(root / "checks"):
        found = import_problems(root, path, CHECKS_FORBIDDEN_MODULES) + output_problems(root, path)
        problems.extend(sorted(found, key=lambda problem: int(problem.split(":")[1])))
    return problems


def test_checks_is_pure_analysis() -> None:
    assert checks_problems(ROOT) == []


def test_training_imports_neither_checks_nor_hooks() -> None:
    problems: List[str] = []
    for path in python_files(ROOT / "training"):
        problems.extend(import_problems(ROOT, path, TRAINING_FORBIDDEN_MODULES))
    assert problems == []


def test_no_module_imports_private_libcst_modules() -> None:
    problems: List[str] = []
    for package in ("checks", "hooks", "training"):
        for path in python_files(ROOT / package):
            problems.extend(private_libcst_problems(ROOT, path))
    assert problems == []


def test_the_layering_check_finds_each_kind_of_problem(tmp_path: Path) -> None:
    (tmp_path / "checks" / "rules").mkdir(parents=True)
    (tmp_path / "checks" / "rules" / "noisy.py").write_text(
        "import subprocess\nfrom hooks.cli import main\nimport git.repo\nimport sys\n\n"
        "def shout() -> None:\n    print('x')\n    sys.stdout.write('y')\n",
        encoding="utf-8",
    )
    (tmp_path / "checks" / "quiet.py").write_text("import ast\nfrom checks.engine import lint\n", encoding="utf-8")
    assert checks_problems(tmp_path) == [
        "checks/rules/noisy.py:1: imports subprocess",
        "checks/rules/noisy.py:2: imports hooks.cli",
        "checks/rules/noisy.py:3: imports git.repo",
        "checks/rules/noisy.py:7: calls print()",
        "checks/rules/noisy.py:8: uses sys.stdout",
    ]


def test_training_importing_checks_is_found(tmp_path: Path) -> None:
    (tmp_path / "training").mkdir()
    path = tmp_path / "training" / "loop.py"
    path.write_text("import torch\nfrom checks.engine.lint import lint_source\n", encoding="utf-8")
    assert import_problems(tmp_path, path, TRAINING_FORBIDDEN_MODULES) == ["training/loop.py:2: imports checks.engine.lint"]


def test_private_libcst_imports_are_found(tmp_path: Path) -> None:
    path = tmp_path / "positions.py"
    path.write_text("from libcst._nodes.internal import CodegenState\nimport libcst.metadata\n", encoding="utf-8")
    assert private_libcst_problems(tmp_path, path) == ["positions.py:1: imports libcst._nodes.internal"]
