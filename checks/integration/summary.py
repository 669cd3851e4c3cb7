# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""One parse per file: what a module imports, uses, defines and contains.

:func:`summarize_module` turns the text of one ``.py`` file into a
:class:`ModuleSummary` of plain, picklable data. The summary is everything the
integration analysis needs, so the syntax tree is dropped right after the one
walk over it. The analysed code is parsed with :mod:`ast`, never imported.
"""

import ast
import hashlib
import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Optional, Set, Tuple

from checks.analysis.ast_names import add_target_names
from checks.analysis.ast_parse import PARSE_FAILURES, failure_text, parse_python
from checks.analysis.source_lines import python_lines

MIN_FUNCTION_LINES = 5
SUMMARY_FORMAT = 4

_DOTTED = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CONSTANT = re.compile(r"^_?[A-Z][A-Z0-9_]*$")



@dataclass(frozen=True)
class ImportRecord:
    """One imported module as written in the source.

    ``module`` is the dotted name as written (empty for ``from . import x``),
    ``level`` the number of leading dots, ``names`` the ``(name, bound_as)``
    pairs of a ``from`` import (``("*", "*")`` for a star import) and
    ``bound_as`` the local name a plain ``import`` binds. ``dynamic`` marks an
    ``importlib.import_module("literal")`` call, whose result counts as used.
    """

    module: str
    level: int
    line: int
    names: Tuple[Tuple[str, str], ...] = ()
    bound_as: str = ""
    is_from: bool = False
    module_level: bool = True
    dynamic: bool = False


@dataclass(frozen=True)
class FunctionPrint:
    """The normalised body of one function: name, place, size and digest."""

    name: str
    line: int
    end_line: int
    size: int
    digest: str


@dataclass(frozen=True)
class Definition:
    """A module-level function, class or UPPER_CASE constant.

    ``registered`` marks definitions that may be used without being named:
    decorated functions and classes (registrations) and classes with bases
    (a base's ``__init_subclass__`` or metaclass may collect them).
    """

    name: str
    line: int
    kind: str
    registered: bool = False


@dataclass(frozen=True)
class ModuleSummary:
    """What one file imports, uses and defines, reduced to plain data.

    ``bare_names`` are names loaded outside type annotations and not as the
    root of an attribute chain; ``chains`` are attribute chains such as
    ``("pkg", "mod", "func")`` rooted at an imported name; ``annotation_names``
    are names that occur inside annotations. ``defined`` holds the names bound
    at module level by definitions and assignments, ``exported`` the literal
    ``__all__`` when there is one. ``module_strings`` are string literals shaped
    like dotted module names (``"pkg.mod"``) with their lines, and
    ``dynamic_line`` is the line of the first ``import_module(name)`` call whose
    argument is not a literal (0 when there is none). ``main_guard_line`` is the
    line of a module-level ``if __name__ == "__main__":`` block and
    ``script_line`` the line of the first module-level statement that does work
    when the file runs (a call, a loop or a ``with`` block); 0 when absent.
    """

    path: str
    parse_error: Optional[str] = None
    imports: Tuple[ImportRecord, ...] = ()
    bare_names: FrozenSet[str] = frozenset()
    chains: FrozenSet[Tuple[str, ...]] = frozenset()
    annotation_names: FrozenSet[str] = frozenset()
    defined: FrozenSet[str] = frozenset()
    exported: Optional[Tuple[str, ...]] = None
    functions: Tuple[FunctionPrint, ...] = ()
    content_digest: str = ""
    has_code: bool = False
    line_count: int = 0
    module_strings: Tuple[Tuple[str, int], ...] = ()
    dynamic_line: int = 0
    definitions: Tuple[Definition, ...] = ()
    loaded_names: FrozenSet[str] = frozenset()
    attribute_names: FrozenSet[str] = frozenset()
    identifier_strings: FrozenSet[str] = frozenset()
    main_guard_line: int = 0
    script_line: int = 0


def normalized_lines(lines: List[str]) -> List[str]:
    """Lines stripped of indentation, without blank lines and full-line comments."""
    result = []
    for raw in lines:
        text = raw.strip()
        if text and not text.startswith("#"):
            result.append(text)
    return result


def _digest(lines: List[str]) -> str:
    return hashlib.sha1("\n".join(lines).encode("utf-8")).hexdigest()


def _is_docstring(statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )


def _is_type_checking(test: ast.expr) -> bool:
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def _is_main_guard(test: ast.expr) -> bool:
    """``__name__ == "__main__"`` written either way round."""
    if not isinstance(test, ast.Compare) or len(test.ops) != 1 or not isinstance(test.ops[0], ast.Eq):
        return False
    sides = [test.left, test.comparators[0]]
    names = [side for side in sides if isinstance(side, ast.Name) and side.id == "__name__"]
    constants = [side for side in sides if isinstance(side, ast.Constant) and side.value == "__main__"]
    return len(names) == 1 and len(constants) == 1


_SCRIPT_STATEMENTS = (ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith)


def _script_lines(body: List[ast.stmt]) -> Tuple[int, int]:
    """The lines of the ``__main__`` guard and of the first statement that runs work at module level."""
    guard = 0
    work = 0
    for statement in body:
        if isinstance(statement, ast.If) and _is_main_guard(statement.test):
            guard = guard or statement.lineno
        elif not work and (
            isinstance(statement, _SCRIPT_STATEMENTS)
            or (isinstance(statement, ast.Expr) and isinstance(statement.value, (ast.Call, ast.Await)))
        ):
            work = statement.lineno
    return guard, work


def _literal_all(value: ast.expr) -> Optional[Tuple[str, ...]]:
    if isinstance(value, (ast.List, ast.Tuple)):
        names = [e.value for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if len(names) == len(value.elts):
            return tuple(names)
    return None


class _ModuleScan:
    """Collects module-level definitions and the imports that bind module attributes."""

    def __init__(self) -> None:
        self.defined: Set[str] = set()
        self.exported: Optional[Tuple[str, ...]] = None
        self.module_level_imports: Set[int] = set()
        self.type_checking_imports: Set[int] = set()
        self.definitions: List[Definition] = []

    def scan(self, body: List[ast.stmt], type_checking: bool) -> None:
        """Visit the statements of the module scope (not function or class bodies)."""
        for statement in body:
            if isinstance(statement, (ast.Import, ast.ImportFrom)):
                if type_checking:
                    self.type_checking_imports.add(id(statement))
                else:
                    self.module_level_imports.add(id(statement))
            elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.defined.add(statement.name)
                is_class = isinstance(statement, ast.ClassDef)
                registered = bool(statement.decorator_list) or (is_class and bool(statement.bases or statement.keywords))
                self.definitions.append(Definition(statement.name, statement.lineno, "class" if is_class else "function", registered))
            elif isinstance(statement, ast.Assign):
                if len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name):
                    name = statement.targets[0].id
                    if _CONSTANT.match(name) and not name.startswith("__"):
                        self.definitions.append(Definition(name, statement.lineno, "constant"))
                for target in statement.targets:
                    add_target_names(target, self.defined)
                    if isinstance(target, ast.Name) and target.id == "__all__":
                        self.exported = _literal_all(statement.value)
            elif isinstance(statement, (ast.AnnAssign, ast.AugAssign)):
                add_target_names(statement.target, self.defined)
            elif isinstance(statement, ast.If):
                self.scan(statement.body, type_checking or _is_type_checking(statement.test))
                self.scan(statement.orelse, type_checking)
            elif isinstance(statement, (ast.For, ast.AsyncFor)):
                add_target_names(statement.target, self.defined)
                self.scan(statement.body, type_checking)
                self.scan(statement.orelse, type_checking)
            elif isinstance(statement, ast.While):
                self.scan(statement.body, type_checking)
                self.scan(statement.orelse, type_checking)
            elif isinstance(statement, (ast.With, ast.AsyncWith)):
                for item in statement.items:
                    if item.optional_vars is not None:
                        add_target_names(item.optional_vars, self.defined)
                self.scan(statement.body, type_checking)
            elif isinstance(statement, ast.Try) or type(statement).__name__ == "TryStar":
                self.scan(statement.body, type_checking)
                for handler in statement.handlers:
                    if handler.name:
                        self.defined.add(handler.name)
                    self.scan(handler.body, type_checking)
                self.scan(statement.orelse, type_checking)
                self.scan(statement.finalbody, type_checking)


_ANNOTATION_FIELDS: Dict[type, Tuple[str, ...]] = {
    ast.arg: ("annotation",),
    ast.FunctionDef: ("returns",),
    ast.AsyncFunctionDef: ("returns",),
    ast.AnnAssign: ("annotation",),
}
_SKIPPED_FIELDS = frozenset({"ctx", "type_comment", "kind"})
_CHILD_FIELDS: Dict[type, Tuple[str, ...]] = {}


def _child_fields(kind: type) -> Tuple[str, ...]:
    """The fields of a node class that can hold child nodes, annotations left out."""
    skipped = _SKIPPED_FIELDS | set(_ANNOTATION_FIELDS.get(kind, ()))
    fields = tuple(name for name in getattr(kind, "_fields", ()) if name not in skipped)
    _CHILD_FIELDS[kind] = fields
    return fields


def _import_records(node: ast.AST, module_level: bool) -> List[ImportRecord]:
    """The records of one ``import`` or ``from ... import`` statement."""
    if isinstance(node, ast.Import):
        return [
            ImportRecord(alias.name, 0, node.lineno, bound_as=alias.asname or alias.name.split(".")[0], module_level=module_level)
            for alias in node.names
        ]
    names = tuple((alias.name, alias.asname or alias.name) for alias in node.names)
    return [ImportRecord(node.module or "", node.level, node.lineno, names=names, is_from=True, module_level=module_level)]


def _is_import_call(node: ast.Call) -> bool:
    func = node.func
    return (isinstance(func, ast.Attribute) and func.attr == "import_module") or (
        isinstance(func, ast.Name) and func.id in ("import_module", "__import__")
    )


def _dynamic_import(node: ast.Call) -> Optional[str]:
    """The literal module name of ``import_module("pkg.mod")``; "" for a computed name; None otherwise."""
    if not _is_import_call(node) or not node.args:
        return None
    argument = node.args[0]
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        if len(node.args) == 1 and not node.keywords and argument.value and not argument.value.startswith("."):
            return argument.value
        return None
    return ""


def _function_print(node: ast.AST, lines: List[str]) -> Optional[FunctionPrint]:
    body = list(node.body)
    if body and _is_docstring(body[0]):
        body = body[1:]
    if not body:
        return None
    start = body[0].lineno
    end = node.end_lineno or start
    normal = normalized_lines(lines[start - 1:end])
    if len(normal) < MIN_FUNCTION_LINES:
        return None
    return FunctionPrint(name=node.name, line=node.lineno, end_line=end, size=len(normal), digest=_digest(normal))


def summarize_module(path: str, text: str) -> ModuleSummary:
    """Parse one file and reduce it to a :class:`ModuleSummary`.

    A file that does not parse yields a summary with ``parse_error`` set and
    nothing else: the analysis reports it and goes on with the other files.
    """
    try:
        tree = parse_python(text, path)
    except PARSE_FAILURES as error:
        return ModuleSummary(path=path, parse_error=failure_text(error))
    lines = python_lines(text)
    scan = _ModuleScan()
    scan.scan(tree.body, False)

    imports: List[ImportRecord] = []
    loads: Dict[str, int] = {}
    roots: Dict[str, int] = {}
    chains: Set[Tuple[str, ...]] = set()
    annotation_names: Set[str] = set()
    functions: List[FunctionPrint] = []
    module_strings: List[Tuple[str, int]] = []
    dynamic_line = 0
    attribute_names: Set[str] = set()
    identifier_strings: Set[str] = set()
    annotation_loads: Set[str] = set()

    stack: List[ast.AST] = [tree]
    pop = stack.pop
    push = stack.append
    while stack:
        node = pop()
        kind = node.__class__
        if kind is ast.Name:
            if node.ctx.__class__ is ast.Load:
                loads[node.id] = loads.get(node.id, 0) + 1
            continue
        if kind is ast.Attribute:
            attribute_names.add(node.attr)
            parts = [node.attr]
            value = node.value
            while value.__class__ is ast.Attribute:
                parts.append(value.attr)
                value = value.value
            if value.__class__ is ast.Name:
                parts.append(value.id)
                parts.reverse()
                chains.add(tuple(parts))
                if node.value is value:
                    roots[value.id] = roots.get(value.id, 0) + 1
        elif kind is ast.Import or kind is ast.ImportFrom:
            if id(node) not in scan.type_checking_imports:
                imports.extend(_import_records(node, id(node) in scan.module_level_imports))
            continue
        elif kind is ast.Call:
            target = _dynamic_import(node)
            if target:
                imports.append(ImportRecord(target, 0, node.lineno, dynamic=True, module_level=False))
            elif target is not None and not dynamic_line:
                dynamic_line = node.lineno
        elif kind is ast.Constant:
            value = node.value
            if value.__class__ is str and len(value) < 200:
                if "." in value and _DOTTED.match(value):
                    module_strings.append((value, node.lineno))
                    identifier_strings.update(value.split("."))
                elif _IDENTIFIER.match(value):
                    identifier_strings.add(value)
            continue
        elif kind is ast.FunctionDef or kind is ast.AsyncFunctionDef:
            printed = _function_print(node, lines)
            if printed is not None:
                functions.append(printed)
        fields = _CHILD_FIELDS.get(kind)
        if fields is None:
            fields = _child_fields(kind)
        for name in fields:
            value = getattr(node, name, None)
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, ast.AST):
                        push(item)
            elif isinstance(value, ast.AST):
                push(value)
        for name in _ANNOTATION_FIELDS.get(kind, ()):
            annotation = getattr(node, name, None)
            if annotation is not None:
                for inner in ast.walk(annotation):
                    if inner.__class__ is ast.Name:
                        annotation_names.add(inner.id)
                        annotation_loads.add(inner.id)
                    elif inner.__class__ is ast.Attribute:
                        attribute_names.add(inner.attr)
                    elif inner.__class__ is ast.Constant and isinstance(inner.value, str) and _IDENTIFIER.match(inner.value):
                        identifier_strings.add(inner.value)
    imports.sort(key=lambda record: (record.line, record.dynamic))

    bound: Set[str] = set()
    star = False
    for record in imports:
        if record.is_from:
            for name, alias in record.names:
                if name == "*":
                    star = True
                else:
                    bound.add(alias)
        elif record.bound_as:
            bound.add(record.bound_as)
    bare = {name for name, count in loads.items() if count > roots.get(name, 0)}
    if not star:
        bare &= bound
        annotation_names &= bound
    used_chains = frozenset(chain for chain in chains if chain[0] in bound or star)
    body = tree.body[1:] if tree.body and _is_docstring(tree.body[0]) else tree.body
    main_guard_line, script_line = _script_lines(tree.body)
    return ModuleSummary(
        path=path,
        imports=tuple(imports),
        bare_names=frozenset(bare),
        chains=used_chains,
        annotation_names=frozenset(annotation_names - bare - {chain[0] for chain in used_chains}),
        defined=frozenset(scan.defined),
        exported=scan.exported,
        functions=tuple(functions),
        content_digest=_digest(normalized_lines(lines)),
        has_code=bool(body),
        line_count=len(lines),
        module_strings=tuple(sorted(set(module_strings))),
        dynamic_line=dynamic_line,
        definitions=tuple(scan.definitions),
        loaded_names=frozenset(loads) | frozenset(annotation_loads),
        attribute_names=frozenset(attribute_names),
        identifier_strings=frozenset(identifier_strings),
        main_guard_line=main_guard_line,
        script_line=script_line,
    )



def summary_to_data(summary: ModuleSummary) -> Dict[str, object]:
    """A JSON-ready form of a summary (for the cache of ``hooks``)."""
    return {
        "path": summary.path,
        "parse_error": summary.parse_error,
        "imports": [
            [r.module, r.level, r.line, [list(pair) for pair in r.names], r.bound_as, r.is_from, r.module_level, r.dynamic]
            for r in summary.imports
        ],
        "bare_names": sorted(summary.bare_names),
        "chains": sorted(list(chain) for chain in summary.chains),
        "annotation_names": sorted(summary.annotation_names),
        "defined": sorted(summary.defined),
        "exported": list(summary.exported) if summary.exported is not None else None,
        "functions": [[f.name, f.line, f.end_line, f.size, f.digest] for f in summary.functions],
        "content_digest": summary.content_digest,
        "has_code": summary.has_code,
        "line_count": summary.line_count,
        "module_strings": [list(pair) for pair in summary.module_strings],
        "dynamic_line": summary.dynamic_line,
        "definitions": [[d.name, d.line, d.kind, d.registered] for d in summary.definitions],
        "loaded_names": sorted(summary.loaded_names),
        "attribute_names": sorted(summary.attribute_names),
        "identifier_strings": sorted(summary.identifier_strings),
        "main_guard_line": summary.main_guard_line,
        "script_line": summary.script_line,
    }


def summary_from_data(data: Dict[str, object]) -> ModuleSummary:
    """Rebuild a summary from :func:`summary_to_data` output (raises KeyError/TypeError/ValueError if malformed)."""
    imports = tuple(
        ImportRecord(
            module=str(m), level=int(level), line=int(line), names=tuple((str(a), str(b)) for a, b in names),
            bound_as=str(bound), is_from=bool(is_from), module_level=bool(module_level), dynamic=bool(dynamic),
        )
        for m, level, line, names, bound, is_from, module_level, dynamic in data["imports"]
    )
    exported = data["exported"]
    return ModuleSummary(
        path=str(data["path"]),
        parse_error=None if data["parse_error"] is None else str(data["parse_error"]),
        imports=imports,
        bare_names=frozenset(str(n) for n in data["bare_names"]),
        chains=frozenset(tuple(str(p) for p in chain) for chain in data["chains"]),
        annotation_names=frozenset(str(n) for n in data["annotation_names"]),
        defined=frozenset(str(n) for n in data["defined"]),
        exported=None if exported is None else tuple(str(n) for n in exported),
        functions=tuple(
            FunctionPrint(str(name), int(line), int(end), int(size), str(digest))
            for name, line, end, size, digest in data["functions"]
        ),
        content_digest=str(data["content_digest"]),
        has_code=bool(data["has_code"]),
        line_count=int(data["line_count"]),
        module_strings=tuple((str(name), int(line)) for name, line in data["module_strings"]),
        dynamic_line=int(data["dynamic_line"]),
        definitions=tuple(Definition(str(n), int(line), str(kind), bool(reg)) for n, line, kind, reg in data["definitions"]),
        loaded_names=frozenset(str(n) for n in data["loaded_names"]),
        attribute_names=frozenset(str(n) for n in data["attribute_names"]),
        identifier_strings=frozenset(str(n) for n in data["identifier_strings"]),
        main_guard_line=int(data["main_guard_line"]),
        script_line=int(data["script_line"]),
    )
