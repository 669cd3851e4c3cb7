# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""NBK001: Jupyter notebooks are valid nbformat 4 JSON, and their cells are checked.

:func:`parse_notebook` reads the JSON strictly and validates the nbformat 4
structure (the parts of the official schema that matter for reading a
notebook safely). :func:`check_notebook` then lints every code cell with the
Python rules (IPython magics and shell escapes are blanked to ``pass`` first,
keeping line numbers) and every Markdown cell with ENG005; findings carry the
cell number (1-based, counting every cell) and cell-relative lines, which the
text output prints as ``notebook.ipynb:cell N:line:col``.
"""

import re
from dataclasses import dataclass, replace
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

from checks.english.files import check_document_text
from checks.engine.finding import Finding
from checks.config.settings import Settings
from checks.guard.strict_json import StrictJsonError, decode_bytes, join_pointer, loads, locate

CELL_TYPES = ("code", "markdown", "raw")
OUTPUT_KEYS: Dict[str, Tuple[str, ...]] = {
    "stream": ("name", "text"),
    "display_data": ("data", "metadata"),
    "execute_result": ("data", "metadata", "execution_count"),
    "error": ("ename", "evalue", "traceback"),
}
TOP_LEVEL_KEYS = ("cells", "metadata", "nbformat", "nbformat_minor")
CELL_ID = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
CELL_EXEMPT_CODES = frozenset({"HDR001", "HDR002", "HDR003", "STB001", "MOD001", "ENG004", "ENG005"})
MAGIC_LINE = re.compile(r"^(\s*)(?:[%!?]|\w[\w.]*\s*=\s*[%!]|[\w.]+\?{1,2}\s*$)")
CELL_MAGIC_PYTHON = ("%%time", "%%timeit", "%%capture", "%%prun", "%%debug")

Linter = Callable[..., List[Finding]]


@dataclass(frozen=True)
class NotebookCell:
    """One cell: its 1-based number among all cells, its type and its source text."""

    number: int
    cell_type: str
    source: str


@dataclass(frozen=True)
class Notebook:
    """A notebook that passed the structure check."""

    cells: Tuple[NotebookCell, ...]
    nbformat: int
    nbformat_minor: int
    language: str


class _Problems:
    """Structure problems found so far, each with an RFC 6901 pointer."""

    def __init__(self) -> None:
        self.items: List[Tuple[str, str]] = []

    def add(self, pointer: str, message: str) -> None:
        """Record one problem."""
        self.items.append((pointer, message))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_text(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(item, str) for item in value))


def _check_output(output: Any, pointer: str, problems: _Problems) -> None:
    if not isinstance(output, dict):
        problems.add(pointer, "an output must be an object")
        return
    kind = output.get("output_type")
    if kind not in OUTPUT_KEYS:
        problems.add(join_pointer(pointer, "output_type"), f"unknown output_type {kind!r}")
        return
    for key in OUTPUT_KEYS[kind]:
        if key not in output:
            problems.add(pointer, f"{kind} output lacks {key!r}")
    if kind == "stream" and "text" in output and not _is_text(output["text"]):
        problems.add(join_pointer(pointer, "text"), "stream text must be a string or a list of strings")
    if kind == "execute_result" and "execution_count" in output:
        count = output["execution_count"]
        if count is not None and not _is_int(count):
            problems.add(join_pointer(pointer, "execution_count"), "execution_count must be an integer or null")


def _check_cell(cell: Any, pointer: str, minor: int, problems: _Problems) -> None:
    if not isinstance(cell, dict):
        problems.add(pointer, "a cell must be an object")
        return
    kind = cell.get("cell_type")
    if kind not in CELL_TYPES:
        allowed = ", ".join(CELL_TYPES)
        problems.add(join_pointer(pointer, "cell_type"), f"cell_type must be one of {allowed}, got {kind!r}")
        return
    if "source" not in cell or not _is_text(cell["source"]):
        problems.add(join_pointer(pointer, "source"), "source must be a string or a list of strings")
    if not isinstance(cell.get("metadata"), dict):
        problems.add(join_pointer(pointer, "metadata"), "cell metadata must be an object")
    if minor >= 5:
        cell_id = cell.get("id")
        if not isinstance(cell_id, str) or not CELL_ID.match(cell_id):
            problems.add(join_pointer(pointer, "id"), "nbformat 4.5+ cells need an id of 1-64 letters, digits, - or _")
    if kind == "code":
        if not isinstance(cell.get("outputs"), list):
            problems.add(join_pointer(pointer, "outputs"), "a code cell needs an outputs list")
        else:
            for index, output in enumerate(cell["outputs"]):
                _check_output(output, join_pointer(join_pointer(pointer, "outputs"), index), problems)
        if "execution_count" not in cell:
            problems.add(pointer, "a code cell needs execution_count (an integer or null)")
        elif cell["execution_count"] is not None and not _is_int(cell["execution_count"]):
            problems.add(join_pointer(pointer, "execution_count"), "execution_count must be an integer or null")
    elif "outputs" in cell:
        problems.add(join_pointer(pointer, "outputs"), f"a {kind} cell cannot have outputs")


def _structure_problems(document: Any) -> List[Tuple[str, str]]:
    problems = _Problems()
    if not isinstance(document, dict):
        problems.add("", "a notebook must be a JSON object")
        return problems.items
    for key in TOP_LEVEL_KEYS:
        if key not in document:
            problems.add("", f"missing top-level key {key!r}")
    for key in document:
        if key not in TOP_LEVEL_KEYS:
            problems.add(join_pointer("", key), f"unknown top-level key {key!r}")
    major = document.get("nbformat")
    minor = document.get("nbformat_minor")
    if "nbformat" in document and major != 4:
        problems.add("/nbformat", f"nbformat must be 4 (got {major!r}); convert with `jupyter nbconvert --to notebook`")
        return problems.items
    if "nbformat_minor" in document and (not _is_int(minor) or minor < 0):
        problems.add("/nbformat_minor", "nbformat_minor must be a non-negative integer")
    if "metadata" in document and not isinstance(document["metadata"], dict):
        problems.add("/metadata", "metadata must be an object")
    cells = document.get("cells")
    if "cells" in document and not isinstance(cells, list):
        problems.add("/cells", "cells must be a list")
    elif isinstance(cells, list):
        for index, cell in enumerate(cells):
            _check_cell(cell, join_pointer("/cells", index), minor if _is_int(minor) else 0, problems)
    return problems.items


def _finding(path: str, line: int, column: int, message: str, pointer: Optional[str] = None) -> Finding:
    return Finding.at("NBK001", path, message, line, column, pointer=pointer)


def _source_text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _language(metadata: Dict[str, Any]) -> str:
    kernel = metadata.get("kernelspec") if isinstance(metadata.get("kernelspec"), dict) else {}
    info = metadata.get("language_info") if isinstance(metadata.get("language_info"), dict) else {}
    language = kernel.get("language") or info.get("name") or "python"
    return str(language).lower()


def parse_notebook(data: Union[bytes, str], path: str) -> Tuple[Optional[Notebook], List[Finding]]:
    """Read and validate a notebook: (the notebook or None, NBK001 findings).

    Malformed JSON, a BOM, invalid UTF-8, duplicate keys and NaN give one
    finding at their position and no notebook; structure problems give one
    finding each, at the position of the offending value, with its pointer.
    """
    try:
        text = decode_bytes(data) if isinstance(data, bytes) else data
        document = loads(text)
    except StrictJsonError as error:
        return None, [_finding(path, error.line, error.column, f"notebook is not valid JSON: {error.message}")]
    problems = _structure_problems(document)
    if problems:
        positions = locate(text, [pointer for pointer, _ in problems])
        findings = []
        for pointer, message in problems:
            line, column = positions.get(pointer, (1, 1))
            findings.append(_finding(path, line, column, f"not valid nbformat 4: {message}", pointer or None))
        return None, findings
    cells = tuple(
        NotebookCell(number=index, cell_type=cell["cell_type"], source=_source_text(cell["source"]))
        for index, cell in enumerate(document["cells"], start=1)
    )
    notebook = Notebook(
        cells=cells,
        nbformat=document["nbformat"],
        nbformat_minor=document["nbformat_minor"],
        language=_language(document["metadata"]),
    )
    return notebook, []


def python_source(cell_source: str) -> Optional[str]:
    """A code cell as plain Python, line numbers kept; None for a non-Python cell magic (``%%bash``).

    Line magics (``%matplotlib inline``), shell escapes (``!pip install x``,
    ``files = !ls``) and help queries (``len?``) become ``pass`` at the same
    indentation.
    """
    lines = cell_source.split("\n")
    first = lines[0].strip() if lines else ""
    start = 0
    if first.startswith("%%"):
        if not first.startswith(CELL_MAGIC_PYTHON):
            return None
        start = 1
    result: List[str] = []
    for index, line in enumerate(lines):
        match = MAGIC_LINE.match(line)
        if index < start or (match and not line.lstrip().startswith("#")):
            indent = match.group(1) if match else ""
            result.append(f"{indent}pass")
        else:
            result.append(line)
    return "\n".join(result)


def _default_linter() -> Linter:
    from checks.engine.lint import lint_source

    return lint_source


def check_notebook(
    data: Union[bytes, str],
    path: str,
    settings: Settings,
    lint: Optional[Linter] = None,
    is_new: bool = True,
    project: Any = None,
) -> List[Finding]:
    """NBK001 for the file, then every code cell through the Python rules and every Markdown cell through ENG005.

    ``lint`` is ``checks.engine.lint.lint_source`` unless given (tests pass a
    stand-in). Findings of cells keep the notebook's path, get ``cell=N`` and
    cell-relative lines; file-level codes (headers, empty file, file names)
    do not apply to cells.
    """
    codes = settings.codes_for(path)
    notebook, findings = parse_notebook(data, path)
    if notebook is None:
        return findings if "NBK001" in codes else []
    linter = lint or _default_linter()
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            findings.extend(check_document_text(cell.source, path, settings, markdown=True, cell=cell.number))
            continue
        if cell.cell_type != "code" or not cell.source.strip() or not notebook.language.startswith("python"):
            continue
        source = python_source(cell.source)
        if source is None:
            continue
        for finding in linter(source, path, settings, is_new, project):
            if finding.code in CELL_EXEMPT_CODES:
                continue
            findings.append(replace(finding, cell=cell.number))
    findings.sort(key=Finding.sort_key)
    return findings


def cell_location(finding: Finding) -> str:
    """``path:cell N:line:col`` for a notebook cell finding, ``path:line:col`` otherwise."""
    if finding.cell is None:
        return f"{finding.path}:{finding.line}:{finding.column}"
    return f"{finding.path}:cell {finding.cell}:{finding.line}:{finding.column}"
