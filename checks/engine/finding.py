# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Findings: what every check produces and every output format consumes."""

from dataclasses import dataclass, field, replace
from typing import Any, Callable, Optional


@dataclass(frozen=True)
class Span:
    """A 1-based, end-inclusive-line, end-exclusive-column region of a file."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class TextEdit:
    """Replace the text from (line, column) up to (end_line, end_column) with ``text``; 1-based.

    :data:`NO_EDIT` (line 0) records that the edit was looked for and none can be offered.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    text: str


NO_EDIT = TextEdit(0, 0, 0, 0, "")


@dataclass(frozen=True)
class Fix:
    """A safe, mechanical edit of a parsed module.

    Either a node swap (``old_node`` replaced by ``new_node``, matched by
    identity) or ``edit_module``, a function from the libcst ``Module`` to the
    edited module. The engine re-parses the result before any byte is written.
    ``edit`` is the fix alone as a text replacement, computed only for output
    formats that show it (SARIF ``fixes``); None when it was not asked for.
    """

    description: str
    old_node: Any = field(default=None, compare=False)
    new_node: Any = field(default=None, compare=False)
    edit_module: Optional[Callable[[Any], Any]] = field(default=None, compare=False)
    edit: Optional[TextEdit] = field(default=None, compare=False)


@dataclass(frozen=True)
class Finding:
    """One reported violation of a rule, with where it is and how to fix it."""

    code: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    fix: Optional[Fix] = field(default=None, compare=False)
    pointer: Optional[str] = None
    commit: Optional[str] = None
    cell: Optional[int] = None

    @classmethod
    def at(
        cls,
        code: str,
        path: str,
        message: str,
        line: int = 1,
        column: int = 1,
        pointer: Optional[str] = None,
        commit: Optional[str] = None,
    ) -> "Finding":
        """A finding at one point (start and end the same): the shape of every non-source finding."""
        return cls(code, path, line, column, line, column, message, pointer=pointer, commit=commit)

    @property
    def fixable(self) -> bool:
        """Whether the finding carries an automatic fix."""
        return self.fix is not None

    def with_path(self, path: str) -> "Finding":
        """The same finding reported under another path (the one way findings are re-pathed for display)."""
        return replace(self, path=path)

    def sort_key(self) -> tuple:
        """Stable ordering: path, position, code, then message."""
        return (self.path, self.cell or 0, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict:
        """The JSON shape of docs/cli.md (pointer, commit and cell only when set)."""
        data: dict = {
            "code": self.code,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
            "fixable": self.fixable,
        }
        if self.pointer is not None:
            data["pointer"] = self.pointer
        if self.commit is not None:
            data["commit"] = self.commit
        if self.cell is not None:
            data["cell"] = self.cell
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Finding":
        """Rebuild a finding (without its fix) from :meth:`to_dict` output."""
        return cls(
            code=data["code"],
            path=data["path"],
            line=data["line"],
            column=data["column"],
            end_line=data["end_line"],
            end_column=data["end_column"],
            message=data["message"],
            pointer=data.get("pointer"),
            commit=data.get("commit"),
            cell=data.get("cell"),
        )
