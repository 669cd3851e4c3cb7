"""Differential test: findings on nodes that ``ast`` also has carry ``ast``'s line and column.

libcst generates a statement's leading blank and comment lines inside the
statement, so a position taken from code generation alone lands on the
comment above ``except:`` (``tarfile.py``, ``imaplib.py``). Over standard
library modules nobody here wrote, every such finding must start exactly where
``ast`` starts the same node.
"""

import ast
import sysconfig
from pathlib import Path
from typing import Dict, List, Set, Tuple, Type

import pytest

from checks.config.settings import build_settings
from checks.engine.lint import lint_source

SETTINGS = build_settings({"header": {"year": 2026}})
STDLIB = Path(sysconfig.get_paths()["stdlib"])
SAMPLE = ["tarfile.py", "imaplib.py", "_pyio.py", "argparse.py", "smtplib.py", "shutil.py", "subprocess.py", "pdb.py"]
NODE_OF_CODE: Dict[str, Tuple[Type[ast.AST], ...]] = {
    "EXC001": (ast.ExceptHandler,),
    "EXC002": (ast.Name, ast.Attribute, ast.Tuple),
    "ANN001": (ast.arg,),
    "PRN002": (ast.Call,),
    "ENC001": (ast.Call,),
    "IMP001": (ast.ImportFrom,),
    "LOG001": (ast.Import, ast.ImportFrom, ast.alias, ast.Call),
}


def _starts(tree: ast.AST, lines: List[str]) -> Dict[str, Set[Tuple[int, int]]]:
    """1-based (line, character column) where ``ast`` starts each node of the watched kinds, per code."""
    found: Dict[str, Set[Tuple[int, int]]] = {code: set() for code in NODE_OF_CODE}
    for node in ast.walk(tree):
        line = getattr(node, "lineno", None)
        if line is None or line > len(lines):
            continue
        column = len(lines[line - 1].encode("utf-8")[: node.col_offset].decode("utf-8", "replace")) + 1
        for code, kinds in NODE_OF_CODE.items():
            if isinstance(node, kinds):
                found[code].add((line, column))
    return found


def mismatches(path: Path) -> List[str]:
    """Findings of watched codes that do not start where ``ast`` starts a node of their kind."""
    data = path.read_bytes()
    try:
        tree = ast.parse(data)
    except (SyntaxError, ValueError):
        return []
    lines = data.decode("utf-8", "replace").split("\n")
    starts = _starts(tree, lines)
    wrong = []
    for finding in lint_source(data, f"pkg/{path.name}", SETTINGS):
        if finding.code in NODE_OF_CODE and (finding.line, finding.column) not in starts[finding.code]:
            wrong.append(f"{path.name}:{finding.line}:{finding.column} {finding.code}")
    return wrong


def test_the_except_clause_below_a_comment_is_reported_on_its_own_line() -> None:
    source = b"try:\n    run()\n\n# the fallback\nexcept:\n    pass\n"
    findings = [f for f in lint_source(source, "pkg/m.py", SETTINGS) if f.code == "EXC001"]
    assert [(f.line, f.column, f.end_line, f.end_column) for f in findings] == [(5, 1, 6, 9)]


@pytest.mark.parametrize("name", SAMPLE)
def test_sampled_standard_library_modules_match_ast(name: str) -> None:
    path = STDLIB / name
    if not path.exists():
        pytest.skip(f"{name} is not in this Python's standard library")
    assert mismatches(path) == []


@pytest.mark.slow
def test_every_top_level_standard_library_module_matches_ast() -> None:
    wrong: List[str] = []
    for path in sorted(STDLIB.glob("*.py")):
        wrong.extend(mismatches(path))
    assert wrong == []
