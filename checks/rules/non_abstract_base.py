# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""INH001: a class that other classes of the project inherit from is an ABC.

Cross-file: the subclasses are found in the project index that ``hooks``
builds once per run (``context.project``); when a single source is linted
without one, only the classes of that file are known. Exception, Enum,
Protocol, TypedDict and NamedTuple hierarchies are exempt, and so is a class
that is an ABC through any ancestor (``abc.ABC``, ``metaclass=ABCMeta``,
``collections.abc`` bases). Subclasses in test files (test doubles) do not
make a class a base class. Third-party classes are not the project's and are
never reported; nor is a class with a base the project cannot see that may be
abstract (``class BaseLitAPI(LitAPI)`` where an installed package makes
``LitAPI`` an ABC): only bases from the standard library and a few well-known
concrete framework bases (``torch.nn.Module``, ``LightningModule``, pydantic's
``BaseModel`` ...) are known not to be ABCs.
"""

from typing import Any

from checks.config.paths import matches_any
from checks.analysis.project_index import index_for
from checks.engine.rule import FileContext, Invalid, Rule, Valid


class NonAbstractBaseRule(Rule):
    """Flags project classes that are inherited from but are not ABCs (see the module docstring)."""

    code = "INH001"
    section = "5"
    summary = "a class that other classes of the project inherit from but that is not an ABC (cross-file)"
    rationale = (
        "Composition over inheritance; where a base class is needed it is an ABC, so what "
        "subclasses must provide is declared instead of implied."
    )
    exemptions = (
        'Exception, Enum, Protocol, TypedDict and NamedTuple hierarchies; classes that are ABCs through any '
        'ancestor; classes inherited from only in test files; third-party classes; and classes with a base '
        'the project cannot see that may be abstract (only standard-library bases and well-known concrete '
        'framework bases such as torch.nn.Module are known not to be ABCs).'
    )
    valid = (
        Valid(
            "from abc import ABC, abstractmethod\n\nclass Loader(ABC):\n    @abstractmethod\n    def load(self) -> bytes:\n"
            "        raise NotImplementedError\n\nclass FileLoader(Loader):\n    def load(self) -> bytes:\n        return b''\n"
        ),
        Valid("class ConfigError(Exception):\n    pass\n\nclass MissingKeyError(ConfigError):\n    pass\n"),
        Valid("from enum import Enum\n\nclass Color(Enum):\n    RED = 1\n"),
        Valid(
            "import abc\n\nclass Base(metaclass=abc.ABCMeta):\n    x = 1\n\nclass Middle(Base):\n    y = 2\n\n"
            "class Leaf(Middle):\n    z = 3\n"
        ),
        Valid("from typing import Protocol\n\nclass Reader(Protocol):\n    x: int\n\nclass Both(Reader, Protocol):\n    y: int\n"),
        Valid("import torch\n\nclass Encoder(torch.nn.Module):\n    x = 1\n"),
        Valid("class Store:\n    x = 1\n\nclass FakeStore(Store):\n    x = 2\n", path="tests/test_store.py"),
        Valid("from collections.abc import Mapping\n\nclass Frozen(Mapping):\n    x = 1\n\nclass Named(Frozen):\n    y = 2\n"),
        Valid("from litserve import LitAPI\n\nclass BaseLitAPI(LitAPI):\n    x = 1\n\nclass TextAPI(BaseLitAPI):\n    y = 2\n"),
        Valid("from plugins import *\n\nclass Base(Plugin):\n    x = 1\n\nclass Child(Base):\n    y = 2\n"),
    )
    invalid = (
        Invalid("class Base:\n    x = 1\n\nclass Child(Base):\n    y = 2\n", line=1),
        Invalid(
            "import torch\n\nclass BaseModel(torch.nn.Module):\n    x = 1\n\nclass GPT(BaseModel):\n    y = 2\n\n"
            "class LSTM(BaseModel):\n    z = 3\n",
            line=3,
        ),
        Invalid("class Mixin:\n    x = 1\n\nclass A(Mixin):\n    y = 2\n\nclass B(A):\n    z = 3\n", count=2, line=1),
        Invalid("import threading\n\nclass Worker(threading.Thread):\n    x = 1\n\nclass Loader(Worker):\n    y = 2\n", line=3),
    )

    @classmethod
    def applies_to(cls, context: FileContext) -> bool:
        """A file without a class statement has nothing to report."""
        return "class" in context.source

    def finish(self, module: Any) -> None:
        """Report each class of this file that project classes outside tests inherit from."""
        tests = self.context.settings.table("integration")["tests"]
        index = index_for(self.context.project, self.context.path, self.context.source)
        for record in index.classes_in(self.context.path):
            children = [c for c in index.subclasses(record.qualname) if not matches_any(c.path, tests)]
            if not children or index.exempt_kind(record.qualname) is not None or index.is_abstract(record.qualname):
                continue
            if not index.abstractness_known(record.qualname):
                continue
            child = children[0]
            where = "" if child.path == record.path else f" ({child.path})"
            more = f" and {len(children) - 1} more" if len(children) > 1 else ""
            self.report_at(
                record.line,
                record.column,
                f"class '{record.name}' is a base class of '{child.name}'{where}{more} but not an ABC: "
                "derive it from abc.ABC or use composition",
                end_column=record.end_column,
            )
