# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The real-code evaluation: a manifest of items in public repositories, read from the user's clones.

The manifest (``benchmarks/data/english_real.jsonl``) names each item by
repository, commit, path, line, column and kind, with the language a reader
gives it; it holds no text of those repositories. This module finds each
item in a folder of clones (``FOLDER/owner+name``, ``FOLDER/name`` or
``FOLDER/owner/name``), reads the file as of the manifest's commit when the
clone has it (else the working tree), and extracts the item's text:

- ``comment``: the ``#`` comment that starts on the line (without the ``#``);
- ``docstring`` and ``message``: the string literal that starts at the line
  and column (f-string fields become ``{}``);
- ``identifier``: the name at the line and column;
- ``doc``: the documentation paragraph (as ENG005 splits it) that starts on the line.

Items it cannot find are reported by the caller, never guessed.
"""

import ast
import io
import json
import re
import subprocess
import tokenize
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from checks.english.files import document_paragraphs

NON_LATIN_LANGUAGES = frozenset({"zh", "ja", "ko", "ru", "uk", "bg", "el", "ar", "he", "hi", "th", "fa"})
CLASSES = ("en", "non-latin", "ro-diacritics", "ro-plain", "latin-other")
REAL_TARGETS: Dict[str, float] = {
    "en": 0.005,
    "non-latin": 0.99,
    "ro-diacritics": 1.0,
    "ro-plain": 0.92,
    "latin-other": 0.90,
}
ROMANIAN_DIACRITICS = re.compile("[ăâîșțşţĂÂÎȘȚŞŢ]")
NAME_AT = re.compile(r"\w+")


@dataclass(frozen=True)
class Item:
    """One manifest entry: where the text is and what a reader says its language is."""

    repo: str
    commit: str
    path: str
    line: int
    col: int
    kind: str
    expect: str
    split: str


def read_manifest(path: Path) -> List[Item]:
    """The items of a JSON-lines manifest."""
    items: List[Item] = []
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            if raw.strip():
                data = json.loads(raw)
                items.append(
                    Item(
                        repo=data["repo"],
                        commit=data["commit"],
                        path=data["path"],
                        line=int(data["line"]),
                        col=int(data.get("col", 0)),
                        kind=data["kind"],
                        expect=data["expect"],
                        split=data["split"],
                    )
                )
    return items


def clone_folder(root: Path, repo: str) -> Optional[Path]:
    """The clone of ``owner/name`` under ``root``, in any of the three accepted layouts."""
    owner, _, name = repo.partition("/")
    for candidate in (root / f"{owner}+{name}", root / name, root / owner / name):
        if candidate.is_dir():
            return candidate
    return None


class FileReader:
    """Reads files from clones as of a commit, remembering what it read."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.texts: Dict[Tuple[str, str], Optional[str]] = {}

    def read(self, item: Item) -> Optional[str]:
        """The file's text at the item's commit (or in the work tree), None when absent."""
        key = (item.repo, item.path)
        if key not in self.texts:
            self.texts[key] = self._load(item)
        return self.texts[key]

    def _load(self, item: Item) -> Optional[str]:
        folder = clone_folder(self.root, item.repo)
        if folder is None:
            return None
        shown = subprocess.run(
            ["git", "-C", str(folder), "show", f"{item.commit}:{item.path}"],
            capture_output=True,
            check=False,
        )
        if shown.returncode == 0:
            return shown.stdout.decode("utf-8", "replace")
        path = folder / item.path
        if not path.is_file():
            return None
        return path.read_bytes().decode("utf-8", "replace")


def _comment_at(text: str, line: int) -> Optional[str]:
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT and token.start[0] == line:
                return token.string.lstrip("#").strip()
            if token.start[0] > line:
                break
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return _comment_in_line(text, line)
    return None


def _comment_in_line(text: str, line: int) -> Optional[str]:
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return None
    found = lines[line - 1].find("#")
    return lines[line - 1][found:].lstrip("#").strip() if found >= 0 else None


def string_value(node: ast.AST) -> Optional[str]:
    """The text of a string constant or f-string (fields as ``{}``), None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        pieces = []
        for value in node.values:
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                pieces.append(value.value)
            else:
                pieces.append(" {} ")
        return "".join(pieces)
    return None


def _string_at(tree: ast.AST, line: int, col: int) -> Optional[str]:
    for node in ast.walk(tree):
        if isinstance(node, (ast.Constant, ast.JoinedStr)) and node.lineno == line and node.col_offset == col:
            value = string_value(node)
            if value is not None:
                return value
    return None


def _name_at(text: str, line: int, col: int) -> Optional[str]:
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return None
    match = NAME_AT.match(lines[line - 1], col)
    return match.group(0) if match else None


def _doc_at(text: str, path: str, line: int) -> Optional[str]:
    markdown = path.lower().endswith((".md", ".markdown"))
    for paragraph in document_paragraphs(text, markdown):
        if paragraph.line == line:
            return paragraph.text
    return None


class Extractor:
    """Extracts item texts, parsing each Python file once."""

    def __init__(self, reader: FileReader) -> None:
        self.reader = reader
        self.trees: Dict[Tuple[str, str], Optional[ast.AST]] = {}

    def text_of(self, item: Item) -> Optional[str]:
        """The item's text, or None when the file or the item is not there."""
        text = self.reader.read(item)
        if text is None:
            return None
        if item.kind == "comment":
            return _comment_at(text, item.line)
        if item.kind == "identifier":
            return _name_at(text, item.line, item.col)
        if item.kind == "doc":
            return _doc_at(text, item.path, item.line)
        tree = self._tree(item, text)
        return None if tree is None else _string_at(tree, item.line, item.col)

    def _tree(self, item: Item, text: str) -> Optional[ast.AST]:
        key = (item.repo, item.path)
        if key not in self.trees:
            try:
                self.trees[key] = ast.parse(text)
            except (SyntaxError, ValueError):
                self.trees[key] = None
        return self.trees[key]


def item_class(expect: str, text: str) -> str:
    """The scoring class of an item: English, non-Latin script, Romanian with or without diacritics, other."""
    if expect == "en":
        return "en"
    if expect == "ro":
        return "ro-diacritics" if ROMANIAN_DIACRITICS.search(text) else "ro-plain"
    return "non-latin" if expect in NON_LATIN_LANGUAGES else "latin-other"
