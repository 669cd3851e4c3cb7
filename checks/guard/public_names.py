# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""MOD001: a public name of a library module disappeared without a compatibility alias.

The policy asks for backward-compatibility aliases "only for public library
APIs; internal code: delete unused directly". A module is a library API when
other code can import it by name: it lies in a Python package (its folder
holds ``__init__.py``) and neither it nor a folder above it is private
(``_impl.py``, ``_internal/``), or it declares ``__all__``. A project that
configures ``public-modules`` declares its API: then only the modules matching it
(and those declaring ``__all__``) are library API. A script at the top of a repository
(``train.py`` with its ``wandb_entity`` and ``world_size`` globals), a module
in a plain folder of scripts and a package's ``__main__.py`` are internal code.

Public names of the previous version are its ``__all__`` when that is a
literal list or tuple of strings; otherwise every module-level function,
class and assigned name without a leading underscore (plus ``from … import``
re-exports in ``__init__.py``). The name is still there when the new version
binds it at module level in any way: a definition, an assignment such as
``old_name = new_name``, or an import (``from m import new as old_name``). A
new version with a star import or a module ``__getattr__`` may provide any
name, so nothing is reported for it. Files that do not parse are left to the
source checks.
"""

import ast
from typing import Dict, List, Optional, Sequence, Set, Tuple

from checks.analysis.ast_names import add_target_names
from checks.analysis.ast_parse import PARSE_FAILURES, parse_python
from checks.config.paths import matches_any
from checks.engine.finding import Finding

CODE = "MOD001"


def _literal_all(node: ast.AST) -> Optional[List[str]]:
    if isinstance(node, (ast.List, ast.Tuple)) and all(
        isinstance(element, ast.Constant) and isinstance(element.value, str) for element in node.elts
    ):
        return [element.value for element in node.elts]
    return None


def _is_main_guard(statement: ast.stmt) -> bool:
    """Whether a statement is ``if __name__ == "__main__":`` (its names are not API)."""
    if not isinstance(statement, ast.If) or not isinstance(statement.test, ast.Compare):
        return False
    test = statement.test
    sides = [test.left, *test.comparators]
    return any(isinstance(side, ast.Name) and side.id == "__name__" for side in sides) and any(
        isinstance(side, ast.Constant) and side.value == "__main__" for side in sides
    )


def _module_statements(tree: ast.Module, skip_main: bool) -> List[ast.stmt]:
    """Module-level statements, descending into if/try/with/for/while blocks."""
    result: List[ast.stmt] = []
    pending: List[ast.stmt] = list(reversed(tree.body))
    while pending:
        statement = pending.pop()
        if skip_main and _is_main_guard(statement):
            continue
        result.append(statement)
        blocks: List[List[ast.stmt]] = []
        if isinstance(statement, (ast.If, ast.For, ast.AsyncFor, ast.While)):
            blocks = [statement.body, statement.orelse]
        elif isinstance(statement, (ast.With, ast.AsyncWith)):
            blocks = [statement.body]
        elif isinstance(statement, ast.Try) or type(statement).__name__ == "TryStar":
            blocks = [statement.body, statement.orelse, statement.finalbody]
            blocks.extend(handler.body for handler in statement.handlers)
        for block in reversed(blocks):
            pending.extend(reversed(block))
    return result


def _bindings(tree: ast.Module, skip_main: bool) -> Tuple[Dict[str, int], Dict[str, int], bool, Optional[List[str]]]:
    """(definitions and assignments, imports, dynamic, literal __all__) of a module."""
    defined: Dict[str, int] = {}
    imported: Dict[str, int] = {}
    dynamic = False
    declared_all: Optional[List[str]] = None
    for statement in _module_statements(tree, skip_main):
        names: Set[str] = set()
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(statement.name)
            if statement.name == "__getattr__":
                dynamic = True
        elif isinstance(statement, ast.Assign):
            for target in statement.targets:
                add_target_names(target, names)
                if isinstance(target, ast.Name) and target.id == "__all__":
                    declared_all = _literal_all(statement.value)
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            add_target_names(statement.target, names)
        elif isinstance(statement, ast.AugAssign):
            add_target_names(statement.target, names)
            if isinstance(statement.target, ast.Name) and statement.target.id == "__all__" and declared_all is not None:
                extra = _literal_all(statement.value)
                declared_all = declared_all + extra if extra is not None else None
        elif isinstance(statement, (ast.For, ast.AsyncFor)):
            add_target_names(statement.target, names)
        elif isinstance(statement, (ast.With, ast.AsyncWith)):
            for item in statement.items:
                if item.optional_vars is not None:
                    add_target_names(item.optional_vars, names)
        elif isinstance(statement, (ast.Import, ast.ImportFrom)):
            for alias in statement.names:
                if alias.name == "*":
                    dynamic = True
                    continue
                bound = alias.asname or alias.name.split(".")[0]
                imported.setdefault(bound, statement.lineno)
        for name in names:
            defined.setdefault(name, statement.lineno)
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            for name in node.names:
                defined.setdefault(name, node.lineno)
        elif isinstance(node, ast.NamedExpr) and isinstance(node.target, ast.Name):
            defined.setdefault(node.target.id, node.lineno)
    return defined, imported, dynamic, declared_all


def public_names(source: str, is_package_init: bool = False) -> Optional[Dict[str, int]]:
    """Public names of a module with the line that defines each; None if it does not parse."""
    try:
        tree = parse_python(source)
    except PARSE_FAILURES:
        return None
    defined, imported, _, declared_all = _bindings(tree, True)
    if declared_all is not None:
        every = {**imported, **defined}
        return {name: every.get(name, 1) for name in declared_all}
    result = {name: line for name, line in defined.items() if not name.startswith("_")}
    if is_package_init:
        for statement in tree.body:
            if isinstance(statement, ast.ImportFrom):
                for alias in statement.names:
                    bound = alias.asname or alias.name
                    if bound != "*" and not bound.startswith("_"):
                        result.setdefault(bound, statement.lineno)
    return result


def declares_all(source: str) -> bool:
    """Whether the module assigns ``__all__`` at module level."""
    try:
        tree = parse_python(source)
    except PARSE_FAILURES:
        return False
    return _bindings(tree, True)[3] is not None


def is_library_module(path: str, source: str, in_package: bool, public_globs: Sequence[str] = ()) -> bool:
    """Whether a module's public names are a library API (see the module docstring).

    ``in_package`` says whether the module's folder holds an ``__init__.py``;
    ``source`` is the version whose names would be lost.
    """
    if public_globs:
        return matches_any(path, public_globs) or declares_all(source)
    parts = path.replace("\\", "/").split("/")
    if parts[-1] == "__main__.py":
        return False
    private = any(part.startswith("_") and part != "__init__.py" for part in parts)
    if in_package and not private:
        return True
    return declares_all(source)


def removed_public_names(path: str, old_text: str, new_text: str, commit: Optional[str] = None) -> List[Finding]:
    """MOD001 findings: one per public name of the old version the new version no longer binds."""
    is_init = path.rsplit("/", 1)[-1] == "__init__.py"
    old_names = public_names(old_text, is_init)
    if not old_names:
        return []
    try:
        new_tree = parse_python(new_text)
    except PARSE_FAILURES:
        return []
    defined, imported, dynamic, _ = _bindings(new_tree, False)
    if dynamic:
        return []
    findings: List[Finding] = []
    for name, old_line in sorted(old_names.items(), key=lambda item: (item[1], item[0])):
        if name in defined or name in imported:
            continue
        findings.append(
            Finding(
                code=CODE,
                path=path,
                line=1,
                column=1,
                end_line=1,
                end_column=1,
                message=(
                    f"public name {name!r} (line {old_line} of the previous version) disappeared without a "
                    f"compatibility alias (warning); if it was renamed and is public API, keep `{name} = <new name>`"
                ),
                commit=commit,
            )
        )
    return findings
