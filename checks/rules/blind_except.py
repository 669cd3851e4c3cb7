# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""EXC002: ``except Exception`` / ``except BaseException`` must re-raise."""

from typing import List

import libcst as cst

from checks.analysis.dotted_names import dotted_name
from checks.engine.rule import FileContext, Invalid, Rule, Valid

BLIND = frozenset({"Exception", "BaseException", "builtins.Exception", "builtins.BaseException"})


def caught_names(expression: cst.BaseExpression) -> List[str]:
    """Dotted names of the exception types an ``except`` clause catches."""
    if isinstance(expression, cst.Tuple):
        return [dotted_name(element.value) for element in expression.elements]
    return [dotted_name(expression)]


class BlindExceptRule(Rule):
    """Flags handlers of Exception/BaseException whose body never raises."""

    code = "EXC002"
    section = "10"
    summary = "except Exception / except BaseException that does not re-raise"
    rationale = "Specific exceptions only: a blind handler that swallows errors turns bugs into silent wrong results."
    exemptions = (
        "A handler of Exception/BaseException that re-raises (a bare 'raise' or 'raise ... from' directly in "
        'the handler, not in a nested function); handlers of specific exceptions.'
    )
    valid = (
        Valid("try:\n    run()\nexcept Exception:\n    cleanup()\n    raise\n"),
        Valid("try:\n    run()\nexcept Exception as error:\n    raise RuntimeError('run failed') from error\n"),
        Valid("try:\n    run()\nexcept OSError:\n    pass\n"),
        Valid("try:\n    run()\nexcept Exception as error:\n    if fatal(error):\n        raise\n"),
    )
    invalid = (
        Invalid("try:\n    run()\nexcept Exception:\n    pass\n", line=3),
        Invalid("try:\n    run()\nexcept (ValueError, BaseException) as error:\n    print(error)\n", line=3),
        Invalid("try:\n    run()\nexcept Exception:\n    def later() -> None:\n        raise\n", line=3),
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.open_handlers: List[List[object]] = []

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        """Start watching a blind handler for a raise."""
        blind = node.type is not None and any(name in BLIND for name in caught_names(node.type))
        self.open_handlers.append([node, blind, False, self._definition()])

    def visit_Raise(self, node: cst.Raise) -> None:
        """A raise directly in the handler (not in a nested definition) re-raises."""
        if self.open_handlers and self.open_handlers[-1][3] is self._definition():
            self.open_handlers[-1][2] = True

    def _definition(self) -> object:
        """The innermost function or lambda (None at module level): raises in nested ones do not count."""
        return self.context.innermost(cst.FunctionDef, cst.Lambda)

    def leave_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        """Report the handler when it was blind and never raised."""
        handler, blind, raised, _ = self.open_handlers.pop()
        if blind and not raised:
            self.report(node.type, "'except Exception' without re-raise: catch specific exceptions or re-raise")
        if raised and self.open_handlers and self.open_handlers[-1][3] is self._definition():
            self.open_handlers[-1][2] = True
