# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""INH002: inheritance chains of project classes stay within ``max-inheritance-depth`` (default 2).

The depth of a class is the longest chain of project classes above it: a
class with no project base has depth 0, its subclass 1, and so on. External
bases (``nn.Module``, ``abc.ABC`` …) are not links, and neither are the exempt
kinds (exception, Enum, Protocol, TypedDict, NamedTuple hierarchies, whose
classes are never reported). Classes in test files are not reported. Uses the
project index like INH001.
"""

from typing import Any

from checks.config.paths import matches_any
from checks.analysis.project_index import index_for
from checks.engine.rule import FileContext, Invalid, Rule, Valid


class DeepInheritanceRule(Rule):
    """Flags classes whose chain of project ancestors is deeper than the configured depth."""

    code = "INH002"
    section = "5"
    summary = "inheritance chain of project classes deeper than max-inheritance-depth (default 2): prefer composition"
    rationale = (
        "Deep hierarchies spread one behaviour over many files; composition over inheritance "
        "keeps each class understandable on its own."
    )
    exemptions = (
        'External bases and the exempt kinds (exception, Enum, Protocol, TypedDict, NamedTuple hierarchies) '
        'are not links; classes in test files are not reported.'
    )
    valid = (
        Valid("class A:\n    x = 1\n\nclass B(A):\n    x = 2\n\nclass C(B):\n    x = 3\n"),
        Valid(
            "class AppError(Exception):\n    pass\n\nclass IOFailure(AppError):\n    pass\n\nclass ReadFailure(IOFailure):\n    pass\n\n"
            "class ChunkReadFailure(ReadFailure):\n    pass\n"
        ),
        Valid("import torch\n\nclass A(torch.nn.Module):\n    x = 1\n\nclass B(A):\n    x = 2\n\nclass C(B):\n    x = 3\n"),
        Valid(
            "class A:\n    x = 1\n\nclass B(A):\n    x = 2\n\nclass C(B):\n    x = 3\n\nclass D(C):\n    x = 4\n",
            path="tests/test_chain.py",
        ),
    )
    invalid = (
        Invalid("class A:\n    x = 1\n\nclass B(A):\n    x = 2\n\nclass C(B):\n    x = 3\n\nclass D(C):\n    x = 4\n", line=10),
        Invalid(
            "from abc import ABC\n\nclass Base(ABC):\n    x = 1\n\nclass Mid(Base):\n    x = 2\n\nclass Low(Mid):\n    x = 3\n\n"
            "class Lower(Low):\n    x = 4\n\nclass Lowest(Lower):\n    x = 5\n",
            count=2,
            line=12,
        ),
    )

    @classmethod
    def applies_to(cls, context: FileContext) -> bool:
        """Test files are not reported; a file without a class statement has nothing to report."""
        return "class" in context.source and not matches_any(context.path, context.settings.table("integration")["tests"])

    def finish(self, module: Any) -> None:
        """Report each class of this file deeper than the configured depth."""
        limit = self.context.settings.value("max-inheritance-depth")
        index = index_for(self.context.project, self.context.path, self.context.source)
        for record in index.classes_in(self.context.path):
            depth = index.depth(record.qualname)
            if depth <= limit or index.exempt_kind(record.qualname) is not None:
                continue
            self.report_at(
                record.line,
                record.column,
                f"class '{record.name}' is {depth} project classes deep (limit {limit}): prefer composition",
                end_column=record.end_column,
            )
