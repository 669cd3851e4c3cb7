"""The walker-maintained rule context: scopes, branch frames, parent chain, imports, bindings."""

from typing import Any, Callable, Dict, List, Tuple

import libcst as cst

from checks.engine.context import TreeContext
from checks.engine.tree_walk import walk

SOURCE = (
    "import torch.amp as amp\n"
    "from pathlib import Path\n"
    "\n"
    "class Trainer:\n"
    "    def step(self, flag: bool) -> None:\n"
    "        if flag:\n"
    "            a = 1\n"
    "        elif other:\n"
    "            b = 2\n"
    "        else:\n"
    "            c = 3\n"
    "        for item in items:\n"
    "            d = 4\n"
    "        else:\n"
    "            e = 5\n"
    "        while busy:\n"
    "            f = lambda value: (g if value else h)\n"
)


def frames_at(kind: type, source: str = SOURCE) -> Dict[str, List[Tuple[str, str]]]:
    """For each visited node of ``kind`` (by its code), the (kind, branch) of the frames around it."""
    module = cst.parse_module(source)
    context = TreeContext()
    seen: Dict[str, List[Tuple[str, str]]] = {}

    def record(node: Any) -> None:
        seen[module.code_for_node(node).strip()] = [(frame.kind, frame.branch) for frame in context.frames]

    walk(module, {kind: [record]}, {}, context)
    return seen


def test_assignments_see_their_function_class_and_branch() -> None:
    seen = frames_at(cst.Assign)
    outer = [("class", ""), ("function", "")]
    assert seen["a = 1"] == outer + [("if", "body")]
    assert seen["b = 2"] == outer + [("if", "else"), ("if", "body")]
    assert seen["c = 3"] == outer + [("if", "else"), ("if", "else")]
    assert seen["d = 4"] == outer + [("loop", "body")]
    assert seen["e = 5"] == outer + [("loop", "else")]
    assert seen["f = lambda value: (g if value else h)"] == outer + [("loop", "body")]


def test_expressions_inside_lambdas_and_conditional_expressions() -> None:
    seen = frames_at(cst.Name)
    assert seen["g"] == [("class", ""), ("function", ""), ("loop", "body"), ("lambda", ""), ("ifexp", "")]
    assert seen["busy"] == [("class", ""), ("function", "")]
    assert seen["other"] == [("class", ""), ("function", ""), ("if", "else")]


def test_a_node_sees_its_surroundings_not_itself_on_visit_and_leave() -> None:
    module = cst.parse_module(SOURCE)
    context = TreeContext()
    events: List[Tuple[str, str, List[str]]] = []

    def recorder(event: str) -> Callable[[Any], None]:
        def record(node: Any) -> None:
            names = [scope.name.value for scope in context.scopes if not isinstance(scope, cst.Lambda)]
            events.append((event, node.name.value, names))

        return record

    walk(module, {cst.FunctionDef: [recorder("visit")]}, {cst.FunctionDef: [recorder("leave")]}, context)
    assert events == [("visit", "step", ["Trainer"]), ("leave", "step", ["Trainer"])]


def test_parent_chain_and_scope_questions() -> None:
    """Parameters belong to their function: they are inside it, not in the class body."""
    module = cst.parse_module(SOURCE)
    context = TreeContext()
    answers: List[Tuple[str, bool, str, str]] = []

    def record(node: cst.Param) -> None:
        parent = context.parent
        owner = context.enclosing_class
        answers.append((node.name.value, context.in_function, type(parent).__name__, owner.name.value if owner else ""))

    walk(module, {cst.Param: [record]}, {}, context)
    assert answers == [
        ("self", True, "Parameters", ""),
        ("flag", True, "Parameters", ""),
        ("value", True, "Parameters", ""),
    ]


def test_imports_and_bindings_are_known_after_the_walk() -> None:
    module = cst.parse_module(SOURCE + "print = report\n")
    context = TreeContext()
    walk(module, {}, {}, context)
    assert context.qualify(cst.parse_expression("amp.GradScaler")) == "torch.amp.GradScaler"
    assert context.qualify(cst.parse_expression("Path.home")) == "pathlib.Path.home"
    assert context.qualify(cst.parse_expression("torch.save")) == ""
    assert context.bindings.binds("print") and context.bindings.binds("item") and context.bindings.binds("Trainer")
    assert not context.bindings.binds("Path")


def test_imports_are_known_in_source_order_during_the_walk() -> None:
    module = cst.parse_module("x = np.zeros(3)\nimport numpy as np\ny = np.ones(3)\n")
    context = TreeContext()
    qualified: List[str] = []
    walk(module, {cst.Call: [lambda node: qualified.append(context.qualify(node.func))]}, {}, context)
    assert qualified == ["", "numpy.ones"]
