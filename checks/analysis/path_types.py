# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Whether an expression is known to be a ``pathlib`` path, from the file alone.

Known paths: a ``Path(...)`` call, ``Path.home()/cwd()``, path methods that
return paths, ``.parent``/``.parents[i]``, ``/`` joins of a path or with a
string literal on the right, a parameter annotated ``Path`` (``Optional`` or
``| None`` included) or named ``tmp_path`` (pytest's fixture), a loop target
over ``glob``/``rglob``/``iterdir`` of a path, and a name or ``self``
attribute whose every binding is one of those. Anything else is unknown, and
unknown is never taken for a path.
"""

from typing import Dict, List, Optional, Set, Tuple

import libcst as cst

from checks.analysis.binding_sites import BindingSites, Entry
from checks.analysis.name_resolution import ImportMap

PATH_CLASSES = frozenset({"pathlib.Path", "pathlib.PosixPath", "pathlib.WindowsPath"})
PATH_RETURNING_METHODS = frozenset(
    {
        "resolve", "absolute", "expanduser", "with_suffix", "with_name", "with_stem", "joinpath",
        "relative_to", "readlink",
    }
)
PATH_CONSTRUCTORS = frozenset({"home", "cwd"})
PATH_ITERATORS = frozenset({"glob", "rglob", "iterdir"})
ITERABLE_WRAPPERS = frozenset({"sorted", "list", "reversed", "tuple", "set"})
OPTIONAL = ("typing.Optional", "typing_extensions.Optional")
MAX_DEPTH = 24


def is_text_literal(expression: cst.BaseExpression) -> bool:
    """A str literal, f-string or implicit concatenation of them (bytes excluded)."""
    if isinstance(expression, cst.SimpleString):
        return "b" not in expression.prefix.lower()
    if isinstance(expression, cst.FormattedString):
        return True
    if isinstance(expression, cst.ConcatenatedString):
        return is_text_literal(expression.left) and is_text_literal(expression.right)
    return False


class PathTypes:
    """Answers "is this a path?" for the expressions of one file (see the module docstring)."""

    def __init__(self, imports: ImportMap, sites: BindingSites) -> None:
        self.imports = imports
        self.sites = sites
        self.in_progress: Set[Tuple[str, int, str]] = set()
        self.known: Dict[Tuple[str, int, str], bool] = {}

    def annotation_is_path(self, annotation: Optional[cst.BaseExpression]) -> bool:
        """Whether an annotation names a path class (``Optional[Path]`` and ``Path | None`` included)."""
        if annotation is None:
            return False
        if isinstance(annotation, cst.Subscript):
            if self.imports.qualify(annotation.value) not in OPTIONAL:
                return False
            inner = annotation.slice[0].slice if len(annotation.slice) == 1 else None
            return isinstance(inner, cst.Index) and self.annotation_is_path(inner.value)
        if isinstance(annotation, cst.BinaryOperation) and isinstance(annotation.operator, cst.BitOr):
            sides = [annotation.left, annotation.right]
            nones = [s for s in sides if isinstance(s, cst.Name) and s.value == "None"]
            others = [s for s in sides if s not in nones]
            return len(nones) == 1 and len(others) == 1 and self.annotation_is_path(others[0])
        return self.imports.qualify(annotation) in PATH_CLASSES

    def _entries_are_paths(self, entries: List[Entry], key: Tuple[str, int, str], depth: int) -> bool:
        """Whether every binding of a name is a path; a name met again while deciding counts as one."""
        if key in self.known:
            return self.known[key]
        if key in self.in_progress:
            return True
        self.in_progress.add(key)
        try:
            result = all(self._entry_is_path(entry, depth) for entry in entries)
        finally:
            self.in_progress.discard(key)
        if not self.in_progress:
            self.known[key] = result
        return result

    def _entry_is_path(self, entry: Entry, depth: int) -> bool:
        value = entry.value
        if not isinstance(value, cst.BaseExpression):
            return False
        if entry.kind == "value":
            return self.is_path(value, entry.scope, depth + 1)
        if entry.kind == "iter":
            return self._yields_paths(value, entry.scope, depth + 1)
        return entry.kind == "annotation" and self.annotation_is_path(value)

    def _name_is_path(self, name: str, scope: int, depth: int) -> bool:
        for key in self.sites.chain(scope):
            parameter = self.sites.params.get((key, name))
            if parameter is not None:
                if parameter.annotation is None:
                    return name == "tmp_path"
                return self.annotation_is_path(parameter.annotation)
            entries = self.sites.entries(key, name)
            if entries:
                return self._entries_are_paths(entries, ("name", key, name), depth)
        return False

    def _self_attribute_is_path(self, attribute: str, scope: int, depth: int) -> bool:
        owner = self.sites.owner_class(scope)
        if owner is None:
            return False
        field = self.sites.class_fields.get((owner, attribute))
        if field is not None:
            return self.annotation_is_path(field)
        entries = self.sites.self_attributes.get((owner, attribute))
        return bool(entries) and self._entries_are_paths(entries, ("self", owner, attribute), depth)

    def _yields_paths(self, iterable: cst.BaseExpression, scope: int, depth: int) -> bool:
        """Whether iterating ``iterable`` yields paths (``sorted(p.glob('*'))``, ``p.iterdir()``)."""
        while (
            isinstance(iterable, cst.Call)
            and isinstance(iterable.func, cst.Name)
            and iterable.func.value in ITERABLE_WRAPPERS
            and iterable.args
        ):
            iterable = iterable.args[0].value
        if isinstance(iterable, cst.Call) and isinstance(iterable.func, cst.Attribute):
            return iterable.func.attr.value in PATH_ITERATORS and self.is_path(iterable.func.value, scope, depth + 1)
        if isinstance(iterable, cst.Attribute) and iterable.attr.value == "parents":
            return self.is_path(iterable.value, scope, depth + 1)
        return False

    def is_path(self, expression: cst.BaseExpression, scope: int, depth: int = 0) -> bool:
        """Whether an expression, evaluated in ``scope``, is known to be a ``pathlib`` path."""
        if depth > MAX_DEPTH:
            return False
        if isinstance(expression, cst.Call):
            func = expression.func
            if self.imports.qualify(func) in PATH_CLASSES:
                return True
            if isinstance(func, cst.Attribute):
                if func.attr.value in PATH_CONSTRUCTORS and self.imports.qualify(func.value) in PATH_CLASSES:
                    return True
                if func.attr.value in PATH_RETURNING_METHODS:
                    return self.is_path(func.value, scope, depth + 1)
            return False
        if isinstance(expression, cst.Attribute):
            if expression.attr.value == "parent":
                return self.is_path(expression.value, scope, depth + 1)
            if isinstance(expression.value, cst.Name) and expression.value.value == "self":
                return self._self_attribute_is_path(expression.attr.value, scope, depth + 1)
            return False
        if isinstance(expression, cst.Subscript):
            value = expression.value
            return isinstance(value, cst.Attribute) and value.attr.value == "parents" and self.is_path(value.value, scope, depth + 1)
        if isinstance(expression, cst.BinaryOperation) and isinstance(expression.operator, cst.Divide):
            return is_text_literal(expression.right) or self.is_path(expression.left, scope, depth + 1)
        if isinstance(expression, cst.Name):
            return self._name_is_path(expression.value, scope, depth + 1)
        return False
