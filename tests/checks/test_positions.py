"""Positions of reported nodes agree with libcst's PositionProvider."""

from typing import Dict, List, Tuple

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from checks.engine.positions import locate

SOURCES = {
    "nested blocks and comments": (
        "# -*- coding: utf-8 -*-\n"
        '"""Module docstring."""\n'
        "import os\n\n\n"
        "class Trainer(Base):\n"
        "    # a comment before a method\n"
        "    @property\n"
        "    def steps(self, count: int = 3, *args: str, **kwargs: int) -> int:\n"
        '        """Steps."""\n'
        "        for item in items:\n"
        "            if item:\n"
        "                print(item, flush=True)  # trailing comment\n"
        "            elif other:\n"
        "                pass\n"
        "\n"
        "            else:\n"
        "                value = (lambda a: a + 1)(2)\n"
        "            # footer comment of the loop body\n"
        "        return count\n"
    ),
    "continuation lines and strings": (
        "def build(values):\n"
        "    total = call(first,\n"
        "                 second,\n"
        "        third)\n"
        "    text = '''line one\n"
        "line two''' + f'{total!r:>10}'\n"
        "    del total[0], text\n"
        "    from os import path as p, sep\n"
        "    result = [x for x in values if x if not x]\n"
        "    return {k: v for k, v in zip(values, values)}\n"
    ),
    "try, with and match": (
        "def run(command):\n"
        "    try:\n"
        "        with open(command, encoding='utf-8') as handle, lock:\n"
        "            data = handle.read()\n"
        "        # comment at the end of the try body\n"
        "    except (OSError, ValueError) as error:\n"
        "        raise RuntimeError('bad') from error\n"
        "    finally:\n"
        "        done()\n"
        "    match command:\n"
        "        case {'x': 1, **rest}:\n"
        "            return rest\n"
        "        case [first, *others] if first:\n"
        "            return others\n"
        "        case _:\n"
        "            return None\n"
    ),
    "crlf, tabs and wide characters": (
        "if x:\r\n\tname = 'über ünïcode'  # ä\r\n\tcount = 1\r\nelse:\r\n\tcount = 2\r\n"
    ),
}


def expected_ranges(module: cst.Module) -> Dict[cst.CSTNode, Tuple[int, int, int, int]]:
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    ranges = wrapper.resolve(PositionProvider)
    return {
        node: (found.start.line, found.start.column + 1, found.end.line, found.end.column + 1)
        for node, found in ranges.items()
    }


def meaningful(module: cst.Module, nodes: List[cst.CSTNode]) -> List[cst.CSTNode]:
    """Nodes with visible code: empty and blank whitespace nodes are never reported."""
    kept = []
    for node in nodes:
        if isinstance(node, (cst.SimpleWhitespace, cst.Parameters)) or node is module:
            continue
        try:
            code = module.code_for_node(node)
        except SyntaxError:
            kept.append(node)
            continue
        if code.strip():
            kept.append(node)
    return kept


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_node_is_placed_like_libcst_places_it(name: str) -> None:
    module = cst.parse_module(SOURCES[name])
    expected = expected_ranges(module)
    nodes = meaningful(module, list(expected))
    assert len(nodes) > 20
    placed = locate(module, nodes, SOURCES[name])
    wrong = [
        (type(node).__name__, module.code_for_node(node)[:30], expected[node], placed.get(id(node)))
        for node in nodes
        if placed.get(id(node)) != expected[node]
    ]
    assert wrong == []


def test_only_requested_nodes_are_placed() -> None:
    module = cst.parse_module(SOURCES["nested blocks and comments"])
    names = [node for node in expected_ranges(module) if isinstance(node, cst.Name) and node.value == "count"]
    placed = locate(module, names[:1])
    assert list(placed) == [id(names[0])]


def test_a_node_of_another_tree_is_left_out() -> None:
    module = cst.parse_module("x = 1\n")
    stranger = cst.parse_module("y = 2\n").body[0]
    assert locate(module, [stranger]) == {}
