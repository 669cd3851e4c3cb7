# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""TRN006: out-of-memory handling frees memory (policy section 10).

A handler of ``torch.cuda.OutOfMemoryError`` (or ``torch.OutOfMemoryError``),
or of a ``RuntimeError`` whose body tests the message for "out of memory",
belongs to a function that frees something: a ``del`` statement, ``gc.collect()``,
``torch.cuda.empty_cache()``, a function of the same file that does one of these,
or a helper whose name says it frees (``free_memory``, ``release_cache`` ...).
The freeing may follow the ``try`` statement: leaving the handler first drops
the traceback that keeps the tensors alive, which is the better order. A handler
whose own block re-raises is not handling the error and is not reported.
"""

import re
from typing import Dict, List, Optional, Set

import libcst as cst

from checks.engine.rule import FileContext, Invalid, Rule, Valid

OOM_ERRORS = frozenset({"torch.cuda.OutOfMemoryError", "torch.OutOfMemoryError"})
FREEING_CALLS = frozenset({"gc.collect", "torch.cuda.empty_cache"})
FREEING_NAME = re.compile(r"free|empty_cache|release|clean|collect", re.IGNORECASE)
OOM_TEXT = "out of memory"
MODULE_SCOPE = 0


def _reraises(handler: cst.ExceptHandler) -> bool:
    """Whether the handler's own block (not a branch of it) raises."""
    body = handler.body
    statements = body.body if isinstance(body, cst.IndentedBlock) else [body]
    for statement in statements:
        small = statement.body if isinstance(statement, (cst.SimpleStatementLine, cst.SimpleStatementSuite)) else []
        if any(isinstance(part, cst.Raise) for part in small):
            return True
    return False


class _Handler:
    """One OOM handler and the function it sits in."""

    def __init__(self, node: cst.ExceptHandler, scope: int, by_message: bool) -> None:
        self.node = node
        self.scope = scope
        self.mentions_oom = not by_message


class OomHandler(Rule):
    """OOM handling that frees nothing."""

    code = "TRN006"
    summary = "out-of-memory handler frees nothing (del var; gc.collect(); torch.cuda.empty_cache())"
    section = "10"
    rationale = (
        'The policy\'s training configuration: "OOM: del var; gc.collect(); torch.cuda.empty_cache()". A '
        'handler that catches the error and carries on keeps the tensors that filled the GPU, so the next '
        'step fails the same way.'
    )
    exemptions = (
        'Handlers that re-raise; functions that free after the try statement (the better order, once the '
        'traceback is gone) or through a local function or a helper named for freeing.'
    )
    valid = (
        Valid(
            "import gc\nimport torch\n\ntry:\n    out = model(batch)\nexcept torch.cuda.OutOfMemoryError:\n"
            "    del batch\n    gc.collect()\n    torch.cuda.empty_cache()\n"
        ),
        Valid("import torch\n\ntry:\n    step()\nexcept torch.cuda.OutOfMemoryError:\n    print('[ERROR] OOM')\n    raise\n"),
        Valid(
            "import torch\n\ndef free() -> None:\n    torch.cuda.empty_cache()\n\n"
            "try:\n    step()\nexcept RuntimeError as error:\n    if 'out of memory' in str(error):\n        free()\n"
        ),
        Valid(
            "import torch\nfrom memory import free_memory\n\ndef train_step() -> None:\n    while True:\n"
            "        try:\n            return step()\n        except torch.cuda.OutOfMemoryError:\n            pass\n"
            "        free_memory()\n"
        ),
        Valid("try:\n    step()\nexcept RuntimeError as error:\n    print(error)\n"),
    )
    invalid = (
        Invalid("import torch\n\ntry:\n    step()\nexcept torch.cuda.OutOfMemoryError:\n    print('[WARN] skipping batch', flush=True)\n", line=5),
        Invalid(
            "def run() -> None:\n    try:\n        step()\n    except RuntimeError as error:\n"
            "        if 'out of memory' in str(error):\n            print('[WARN] OOM, skipping', flush=True)\n"
            "        else:\n            raise\n",
            line=4,
        ),
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.handlers: List[_Handler] = []
        self.open: List[_Handler] = []
        self.freeing_scopes: Set[int] = set()
        self.freeing_functions: Set[str] = set()
        self.calls_by_scope: Dict[int, Set[str]] = {}
        self.names_by_scope: Dict[int, str] = {}

    @classmethod
    def applies_to(cls, context: FileContext) -> bool:
        """Only files that name an out-of-memory condition."""
        return "OutOfMemoryError" in context.source or OOM_TEXT in context.source

    def _scope(self) -> int:
        function = self.context.innermost(cst.FunctionDef)
        return id(function) if function is not None else MODULE_SCOPE

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        """Remember a function's name (calls to it are found by name)."""
        self.names_by_scope[id(node)] = node.name.value

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        """Open a handler of an OOM error (by type or, for RuntimeError, by message)."""
        caught = self._caught(node.type)
        if caught & OOM_ERRORS:
            self.open.append(_Handler(node, self._scope(), by_message=False))
        elif "RuntimeError" in caught:
            self.open.append(_Handler(node, self._scope(), by_message=True))

    def leave_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        """Close the handler."""
        if self.open and self.open[-1].node is node:
            self.handlers.append(self.open.pop())

    def visit_Del(self, node: cst.Del) -> None:
        """``del`` frees."""
        self._frees()

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        """The message test of a RuntimeError handler."""
        if self.open and OOM_TEXT in node.value.lower():
            self.open[-1].mentions_oom = True

    def visit_Call(self, node: cst.Call) -> None:
        """Freeing calls, and calls of local functions to resolve at the end."""
        name = node.func.attr.value if isinstance(node.func, cst.Attribute) else getattr(node.func, "value", "")
        if self.context.qualify(node.func) in FREEING_CALLS or (isinstance(name, str) and FREEING_NAME.search(name)):
            self._frees()
        if isinstance(name, str) and name:
            self.calls_by_scope.setdefault(self._scope(), set()).add(name)

    def _frees(self) -> None:
        scope = self._scope()
        self.freeing_scopes.add(scope)
        function = self.context.innermost(cst.FunctionDef)
        if isinstance(function, cst.FunctionDef):
            self.freeing_functions.add(function.name.value)

    def finish(self, module: cst.Module) -> None:
        """Report the handlers whose function frees nothing, directly or through a local function."""
        freeing = self._freeing_function_names()
        for handler in self.handlers:
            if not handler.mentions_oom or _reraises(handler.node):
                continue
            if handler.scope in self.freeing_scopes or self.calls_by_scope.get(handler.scope, set()) & freeing:
                continue
            self.report(handler.node, "out-of-memory handler frees nothing: del the tensors, gc.collect(), torch.cuda.empty_cache()")

    def _freeing_function_names(self) -> Set[str]:
        freeing = set(self.freeing_functions)
        changed = True
        while changed:
            changed = False
            for scope, calls in self.calls_by_scope.items():
                name = self.names_by_scope.get(scope)
                if name is not None and name not in freeing and calls & freeing:
                    freeing.add(name)
                    changed = True
        return freeing

    def _caught(self, expression: Optional[cst.BaseExpression]) -> Set[str]:
        items: List[cst.BaseExpression] = []
        if isinstance(expression, cst.Tuple):
            items = [element.value for element in expression.elements]
        elif expression is not None:
            items = [expression]
        names: Set[str] = set()
        for item in items:
            qualified = self.context.qualify(item)
            names.add(qualified or (item.value if isinstance(item, cst.Name) else ""))
        return names
