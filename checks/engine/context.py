# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""What surrounds the node a rule is looking at, kept up to date by the walker.

Every rule reads the same model from ``self.context`` instead of rebuilding it
with its own enter/leave handlers:

- ``ancestors``: the parent chain of the current node, the module first;
- ``frames``: the scopes (function, lambda, class) and the branches (the body
  or ``else`` of an ``if``, of a ``for``/``while`` loop, a conditional
  expression) that enclose the current node, outermost first;
- ``imports``: what each imported name refers to (file-wide, see
  :class:`checks.analysis.name_resolution.ImportMap`), filled as the walk
  passes the import statements;
- ``bindings``: every name the file binds other than by an import;
- ``binding_sites()``: where and to what each name is bound, scope by scope
  (recorded only when a rule asks for it in its ``__init__``).

During ``visit_X(node)`` and ``leave_X(node)`` the model describes the
surroundings of ``node``, never ``node`` itself: a ``visit_FunctionDef``
handler sees the scopes around the function, its body's nodes see the
function as their innermost scope.
"""

from abc import ABC
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Tuple, Type, Union

import libcst as cst

from checks.analysis.binding_sites import MODULE_SCOPE, BindingSites
from checks.analysis.name_resolution import ImportMap, LocalBindings

FUNCTION = "function"
LAMBDA = "lambda"
CLASS = "class"
IF = "if"
IF_EXPRESSION = "ifexp"
LOOP = "loop"
BODY = "body"
ELSE = "else"
SCOPE_KINDS = frozenset({FUNCTION, LAMBDA, CLASS})
SCOPE_NODES = (cst.FunctionDef, cst.Lambda, cst.ClassDef)

Tracker = Callable[[Any, int], None]


class Frame(NamedTuple):
    """One enclosing scope or branch.

    ``kind`` is one of ``function``, ``lambda``, ``class``, ``if``, ``ifexp``,
    ``loop``; ``node`` the statement or expression that owns it; ``branch``
    says which part of an ``if`` or loop (``body`` or ``else``; an ``elif`` is
    in the ``else`` branch of the ``if`` above it) and is empty otherwise;
    ``depth`` is the nesting depth of the node that opened the frame.
    """

    kind: str
    node: cst.CSTNode
    branch: str
    depth: int


class TreeContext(ABC):
    """The walker-maintained model of the current node's surroundings (see the module docstring).

    The engine's :class:`checks.engine.rule.FileContext` derives from it, so
    a rule reads the model and the file's facts from the same ``self.context``.
    """

    def __init__(self) -> None:
        self.ancestors: List[cst.CSTNode] = []
        self.frames: List[Frame] = []
        self.imports = ImportMap()
        self.bindings = LocalBindings(None)
        self._sites: Optional[BindingSites] = None

    def begin_walk(self) -> None:
        """Forget what an earlier walk of the same file recorded (the engine walks again after a rule crash)."""
        TreeContext.__init__(self)

    def binding_sites(self) -> BindingSites:
        """Where each name is bound, scope by scope; recorded during the walk for rules that ask in ``__init__``."""
        if self._sites is None:
            self._sites = BindingSites()
        return self._sites

    def scope_key(self) -> int:
        """The key of the innermost function or lambda scope in :class:`BindingSites` (module: ``MODULE_SCOPE``)."""
        scope = self.innermost(cst.FunctionDef, cst.Lambda)
        return id(scope) if scope is not None else MODULE_SCOPE

    def _class_body(self) -> Optional[cst.ClassDef]:
        """The class whose body directly holds the current node (lambdas and functions in between count)."""
        scope = self.innermost(cst.FunctionDef, cst.Lambda, cst.ClassDef)
        return scope if isinstance(scope, cst.ClassDef) else None

    @property
    def parent(self) -> Optional[cst.CSTNode]:
        """The direct parent of the current node (None for the module itself)."""
        return self.ancestors[-1] if self.ancestors else None

    @property
    def scopes(self) -> List[Union[cst.FunctionDef, cst.Lambda, cst.ClassDef]]:
        """The enclosing functions, lambdas and classes, outermost first."""
        return [frame.node for frame in self.frames if frame.kind in SCOPE_KINDS and isinstance(frame.node, SCOPE_NODES)]

    def innermost(self, *kinds: Type[cst.CSTNode]) -> Optional[cst.CSTNode]:
        """The innermost enclosing scope node of one of the given classes, or None."""
        for frame in reversed(self.frames):
            if frame.kind in SCOPE_KINDS and isinstance(frame.node, kinds):
                return frame.node
        return None

    @property
    def in_function(self) -> bool:
        """Whether a ``def`` encloses the current node (lambdas hold no statements and do not count)."""
        return any(frame.kind == FUNCTION for frame in self.frames)

    @property
    def enclosing_class(self) -> Optional[cst.ClassDef]:
        """The class whose body holds the current node: the innermost ``def`` or ``class`` is that class."""
        scope = self.innermost(cst.FunctionDef, cst.ClassDef)
        return scope if isinstance(scope, cst.ClassDef) else None

    def qualify(self, expression: Optional[cst.BaseExpression]) -> str:
        """The fully qualified name of a Name/Attribute chain rooted in an import, else ''."""
        return self.imports.qualify(expression)

    def trackers(self) -> Dict[type, Tracker]:
        """For each node class the model follows, the method the walker calls after the visit handlers."""
        table: Dict[type, Tracker] = {
            cst.Import: self._import,
            cst.ImportFrom: self._import,
            cst.FunctionDef: self._function,
            cst.ClassDef: self._class,
            cst.Lambda: self._lambda,
            cst.IfExp: self._if_expression,
            cst.IndentedBlock: self._branch,
            cst.SimpleStatementSuite: self._branch,
            cst.Else: self._branch,
            cst.If: self._if,
            cst.For: self._binding,
            cst.Param: self._binding,
            cst.AssignTarget: self._binding,
            cst.AnnAssign: self._binding,
            cst.AugAssign: self._binding,
            cst.WithItem: self._binding,
            cst.CompFor: self._binding,
            cst.NamedExpr: self._binding,
            cst.ExceptHandler: self._binding,
            cst.Global: self._binding,
        }
        if self._sites is not None:
            table[cst.Assign] = self._site
        return table

    def _push(self, kind: str, node: cst.CSTNode, branch: str, depth: int) -> None:
        self.frames.append(Frame(kind, node, branch, depth))

    def _import(self, node: Any, depth: int) -> None:
        self.imports.add(node)

    def _function(self, node: Any, depth: int) -> None:
        self.bindings.note(node)
        if self._sites is not None:
            self._sites.enter_scope(node, self.scope_key(), self._class_body())
        self._push(FUNCTION, node, "", depth)

    def _class(self, node: Any, depth: int) -> None:
        self.bindings.note(node)
        self._push(CLASS, node, "", depth)

    def _lambda(self, node: Any, depth: int) -> None:
        if self._sites is not None:
            self._sites.enter_scope(node, self.scope_key(), self._class_body())
        self._push(LAMBDA, node, "", depth)

    def _if_expression(self, node: Any, depth: int) -> None:
        self._push(IF_EXPRESSION, node, "", depth)

    def _binding(self, node: Any, depth: int) -> None:
        self.bindings.note(node)
        if self._sites is not None:
            self._sites.note(node, self.scope_key(), self._class_body())

    def _site(self, node: Any, depth: int) -> None:
        if self._sites is not None:
            self._sites.note(node, self.scope_key(), self._class_body())

    def _branch(self, node: Any, depth: int) -> None:
        """Open the frame of an ``if`` or loop branch when ``node`` is one."""
        branch = _branch_of(self.parent, node)
        if branch is not None:
            self._push(branch[0], branch[1], branch[2], depth)

    def _if(self, node: Any, depth: int) -> None:
        self._branch(node, depth)


def _branch_of(parent: Any, node: cst.CSTNode) -> Optional[Tuple[str, cst.CSTNode, str]]:
    """(kind, owner, branch) when ``node`` is the body or ``else`` of an ``if`` or loop."""
    parent_type = type(parent)
    if parent_type is cst.If:
        kind = IF
    elif parent_type is cst.For or parent_type is cst.While:
        kind = LOOP
    else:
        return None
    if node is parent.body:
        return kind, parent, BODY
    if node is parent.orelse:
        return kind, parent, ELSE
    return None
