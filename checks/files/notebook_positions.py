# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Where a cell position of a notebook is in the ``.ipynb`` file itself.

Notebook findings carry a cell number and a line and column inside the cell
(:mod:`checks.files.notebook`); a pull-request annotation or a SARIF region
must point into the file as GitHub renders it, the JSON text. A cell's
source is one JSON string or a list of strings (usually one per line); this
module finds the string literal that holds a cell position and walks its
escapes (``\\n``, ``\\"``, ``\\uXXXX`` and surrogate pairs), so the position lands
on the character in the file.
"""

import json
import re
from typing import Dict, List, Optional, Tuple

from checks.guard.strict_json import line_column, locate

Literal = Tuple[int, str]
SOURCE_VALUE = re.compile(r'"source"\s*:\s*"')


def _literal_offsets(text: str, quote: int, length: int) -> List[int]:
    """Offset in ``text`` of each character of the decoded JSON string starting at ``quote`` (and of its end)."""
    offsets = []
    index = quote + 1
    while len(offsets) < length and index < len(text):
        offsets.append(index)
        if text[index] != "\\":
            index += 1
            continue
        if text[index + 1 : index + 2] != "u":
            index += 2
            continue
        code = int(text[index + 2 : index + 6], 16)
        index += 6
        if 0xD800 <= code < 0xDC00 and text[index : index + 2] == "\\u":
            index += 6
    offsets.append(index)
    return offsets


class NotebookPositions:
    """Maps (cell, line, column) of a notebook to the (line, column) of its ``.ipynb`` text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cells: Dict[int, List[Tuple[int, str]]] = {}
        self._read()

    def _read(self) -> None:
        try:
            document = json.loads(self.text)
        except ValueError:
            return
        cells = document.get("cells") if isinstance(document, dict) else None
        if not isinstance(cells, list):
            return
        pointers: Dict[int, List[str]] = {}
        for index, cell in enumerate(cells):
            source = cell.get("source") if isinstance(cell, dict) else None
            if isinstance(source, list):
                pointers[index + 1] = [f"/cells/{index}/source/{k}" for k in range(len(source))]
            elif isinstance(source, str):
                pointers[index + 1] = [f"/cells/{index}/source"]
        found = locate(self.text, [p for group in pointers.values() for p in group])
        starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        for number, group in pointers.items():
            source = cells[number - 1]["source"]
            parts = source if isinstance(source, list) else [source]
            literals: List[Tuple[int, str]] = []
            for pointer, part in zip(group, parts):
                line, column = found[pointer]
                offset = starts[line - 1] + column - 1
                if not isinstance(source, list):
                    match = SOURCE_VALUE.match(self.text, offset)
                    if match is None:
                        break
                    offset = match.end() - 1
                if self.text[offset : offset + 1] != '"':
                    break
                literals.append((offset, part))
            else:
                self.cells[number] = literals

    def file_position(self, cell: int, line: int, column: int) -> Optional[Tuple[int, int]]:
        """The 1-based (line, column) in the file of a 1-based cell position; None when the cell is unknown."""
        literals = self.cells.get(cell)
        if not literals:
            return None
        current, base = 1, 0
        for index, (quote, part) in enumerate(literals):
            pieces = part.split("\n")
            within = line - current
            last = index == len(literals) - 1
            if 0 <= within < len(pieces) or last:
                within = min(max(within, 0), len(pieces) - 1)
                skip = max(column - 1 - (base if within == 0 else 0), 0)
                at_tail = within == len(pieces) - 1
                if not (at_tail and not last and skip >= len(pieces[within])):
                    offset = sum(len(piece) + 1 for piece in pieces[:within]) + min(skip, len(pieces[within]))
                    return line_column(self.text, _literal_offsets(self.text, quote, offset)[offset])
            current += len(pieces) - 1
            base = len(pieces[-1]) if len(pieces) > 1 else base + len(pieces[0])
        return None
