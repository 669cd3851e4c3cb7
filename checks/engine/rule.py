# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The base class of every source rule and the examples each rule carries.

A rule is a small class: a code, a one-line summary, a rationale, what it
deliberately does not report (``exemptions``, printed by ``prefguard explain``), VALID and
INVALID examples, and ``visit_<Node>`` / ``leave_<Node>`` methods named after
libcst node classes. The engine runs the visitor methods of every enabled rule
in ONE traversal of the tree, so a rule never walks the tree itself.
"""

from abc import ABC
from dataclasses import dataclass, field
from typing import Any, ClassVar, List, Optional, Tuple

from checks.analysis.source_lines import python_lines
from checks.engine.context import TreeContext
from checks.engine.finding import Fix
from checks.config.settings import Settings


@dataclass(frozen=True)
class Valid:
    """Source that the rule must accept without any finding of its code."""

    source: str
    path: str = "example.py"
    is_new: bool = True


@dataclass(frozen=True)
class Invalid:
    """Source that the rule must flag, on ``line`` (its first finding); ``fixed`` is the expected --fix output.

    An example of a fixable rule without ``fixed`` is one the fix must leave
    unchanged (no safe fix exists for it).
    """

    source: str
    path: str = "example.py"
    is_new: bool = True
    fixed: Optional[str] = None
    count: int = 1
    line: int = 0


@dataclass
class FileContext(TreeContext):
    """What a rule may know about the file it checks. Nothing here does I/O.

    Besides the file's facts it is the walker's :class:`TreeContext`: scopes,
    branches, the parent chain, imports and bindings around the current node.
    """

    path: str
    source: str
    settings: Settings
    is_new: bool = True
    project: Any = None
    lines: List[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        TreeContext.__init__(self)
        if not self.lines:
            self.lines = python_lines(self.source)


@dataclass
class Report:
    """A raw report: a node (positioned later, only if reported) or a location."""

    code: str
    message: str
    node: Any = None
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    fix: Optional[Fix] = None


class Rule(ABC):
    """Base class of all source rules (see the module docstring)."""

    code: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    rationale: ClassVar[str] = ""
    exemptions: ClassVar[str] = ""
    section: ClassVar[str] = ""
    fixable: ClassVar[bool] = False
    valid: ClassVar[Tuple[Valid, ...]] = ()
    invalid: ClassVar[Tuple[Invalid, ...]] = ()

    def __init__(self, context: FileContext) -> None:
        self.context = context
        self.reports: List[Report] = []

    @classmethod
    def applies_to(cls, context: FileContext) -> bool:
        """Whether the rule runs on this file at all (cheap, before the traversal)."""
        return True

    def report(self, node: Any, message: str, fix: Optional[Fix] = None) -> None:
        """Report a finding at a libcst node; its position is computed only now it is needed."""
        self.reports.append(Report(code=self.code, message=message, node=node, fix=fix))

    def report_at(
        self,
        line: int,
        column: int,
        message: str,
        end_line: int = 0,
        end_column: int = 0,
        fix: Optional[Fix] = None,
    ) -> None:
        """Report a finding at a known 1-based line and column."""
        self.reports.append(
            Report(
                code=self.code,
                message=message,
                line=line,
                column=column,
                end_line=end_line or line,
                end_column=end_column or column,
                fix=fix,
            )
        )

    def finish(self, module: Any) -> None:
        """Called once after the traversal; file-level rules report here."""
