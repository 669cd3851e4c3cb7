# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""PRN002: ``print()`` inside a ``for``/``while`` body passes ``flush=True``.

Only the loop body counts (not its ``else`` clause, not functions, classes or
lambdas defined inside it). Prints to a file other than ``sys.stdout`` or
``sys.stderr`` write data, not progress, and are left alone, as are calls with
``**kwargs``, a non-literal ``flush=`` and files where ``print`` is not the
builtin (``from rich import print``, ``print = functools.partial(print, flush=True)``,
``from rich import *``). A star import of another module does not silence the
rule: only a module known to export ``print`` rebinds it.
"""

from typing import List

import libcst as cst

from checks.analysis.call_edits import with_keyword
from checks.analysis.dotted_names import dotted_name
from checks.engine.finding import Fix
from checks.engine.context import BODY, LOOP, SCOPE_KINDS
from checks.engine.rule import FileContext, Invalid, Rule, Valid

CONSOLE_STREAMS = frozenset({"sys.stdout", "sys.stderr", "sys.__stdout__", "sys.__stderr__"})


class LoopPrintFlushRule(Rule):
    """Flags console prints in loop bodies that do not pass ``flush=True`` (see the module docstring)."""

    code = "PRN002"
    section = "10"
    summary = "print() inside a for/while body without flush=True"
    rationale = (
        "Buffered output of a long loop (Colab, nohup, CI logs) appears late or never when the "
        "process dies; flush=True makes progress visible as it happens."
    )
    fixable = True
    exemptions = (
        "Prints in a loop's else clause or in functions, classes and lambdas defined inside the loop; prints "
        'to a file other than sys.stdout/sys.stderr; calls with **kwargs or a non-literal flush=; files where '
        'print is not the builtin (an import or rebinding of print, a star import of a module known to export '
        'print such as rich).'
    )
    valid = (
        Valid("for step in range(10):\n    print(f'[INFO] step {step}', flush=True)\n"),
        Valid("print('[INFO] start')\nfor x in items:\n    handle(x)\n"),
        Valid("for x in items:\n    handle(x)\nelse:\n    print('[OK] all handled')\n"),
        Valid("with open(path, 'w', encoding='utf-8') as out:\n    for row in rows:\n        print(row, file=out)\n"),
        Valid("for name in names:\n    def report() -> None:\n        print(name)\n"),
        Valid("import functools\nprint = functools.partial(print, flush=True)\nfor x in items:\n    print(x)\n"),
        Valid("for x in items:\n    print(x, **options)\n"),
        Valid("for x in items:\n    print(x, flush=interactive)\n"),
        Valid("[print(x) for x in items]\n"),
        Valid("from rich import *\nfor x in items:\n    print(x)\n"),
    )
    invalid = (
        Invalid("for step in range(10):\n    print(step)\n", fixed="for step in range(10):\n    print(step, flush=True)\n", line=2),
        Invalid(
            "from config import *\nfor step in range(steps):\n    print(step)\n",
            fixed="from config import *\nfor step in range(steps):\n    print(step, flush=True)\n",
            line=3,
        ),
        Invalid("while running:\n    print()\n", fixed="while running:\n    print(flush=True)\n", line=2),
        Invalid(
            "import sys\nfor x in items:\n    if x:\n        print('[WARN] bad', x, file=sys.stderr)\n",
            fixed="import sys\nfor x in items:\n    if x:\n        print('[WARN] bad', x, file=sys.stderr, flush=True)\n",
            line=4,
        ),
        Invalid(
            "for x in items:\n    print(\n        x,\n    )\n",
            fixed="for x in items:\n    print(\n        x,\n        flush=True,\n    )\n",
            line=2,
        ),
        Invalid("for x in items:\n    print(x, flush=False)\n", fixed="for x in items:\n    print(x, flush=True)\n", line=2),
        Invalid("def run() -> None:\n    for x in items:\n        for y in x:\n            print(y)\n", count=1, line=4),
        Invalid("async def run() -> None:\n    async for x in stream():\n        print(x)\n", line=3),
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.calls: List[cst.Call] = []

    def _directly_in_loop_body(self) -> bool:
        """Whether the innermost enclosing loop body, function, class or lambda is a loop body."""
        for frame in reversed(self.context.frames):
            if frame.kind == LOOP:
                if frame.branch == BODY:
                    return True
            elif frame.kind in SCOPE_KINDS:
                return False
        return False

    def visit_Call(self, node: cst.Call) -> None:
        """Collect print calls made directly in a loop body."""
        if isinstance(node.func, cst.Name) and node.func.value == "print" and self._directly_in_loop_body():
            self.calls.append(node)

    def finish(self, module: object) -> None:
        """Report once the file's bindings of ``print`` are known."""
        imports = self.context.imports
        if imports.imports("print") or self.context.bindings.binds("print") or imports.star_rebinds("print"):
            return
        for call in self.calls:
            self._check(call)

    def _check(self, call: cst.Call) -> None:
        flush = None
        for argument in call.args:
            if argument.star:
                return
            if argument.keyword is None:
                continue
            name = argument.keyword.value
            if name == "file" and dotted_name(argument.value) not in CONSOLE_STREAMS:
                if not (isinstance(argument.value, cst.Name) and argument.value.value == "None"):
                    return
            if name == "flush":
                flush = argument
        if flush is None:
            fixed = with_keyword(call, "flush", cst.Name("True"))
            self.report(call, "print() in a loop without flush=True", fix=Fix("add flush=True", old_node=call, new_node=fixed))
            return
        value = flush.value
        if isinstance(value, cst.Name) and value.value == "False":
            fixed_argument = flush.with_changes(value=cst.Name("True"))
            self.report(
                call,
                "print() in a loop with flush=False: use flush=True",
                fix=Fix("use flush=True", old_node=flush, new_node=fixed_argument),
            )
