# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""STB002: a function or class body that does nothing but ``pass``, ``...`` or ``raise NotImplementedError``."""

import re
from typing import List, Optional, Sequence, Set, Union

import libcst as cst

from checks.analysis.cst_helpers import decorator_names
from checks.analysis.docstrings import docstring_node
from checks.analysis.dotted_names import dotted_name
from checks.config.paths import matches_any
from checks.analysis.project_index import external_kind, index_for, module_name
from checks.engine.rule import FileContext, Invalid, Rule, Valid
from checks.english.text import strip_pragmas

EXEMPT_DECORATORS = frozenset(
    {
        "abstractmethod",
        "abstractproperty",
        "abstractclassmethod",
        "abstractstaticmethod",
        "overload",
        "singledispatch",
        "singledispatchmethod",
        "type_check_only",
    }
)
PROTOCOL_BASES = frozenset({"Protocol"})
TYPE_ONLY_BASES = frozenset({"Protocol", "TypedDict", "NamedTuple", "Generic", "type"})
EXCEPTION_SUFFIXES = ("Error", "Exception", "Warning", "Exit", "Interrupt")
PLAIN_EXTERNAL_BASES = ("torch.", "abc.ABC", "typing.Generic", "builtins.dict", "builtins.list")
BUILTIN_EXCEPTIONS = frozenset({"Exception", "BaseException", "StopIteration", "StopAsyncIteration", "GeneratorExit"})
NO_OP_REASON = re.compile(
    r"\b(?:no[- ]?op|nothing|does not need|need not|not needed|intentional(?:ly)?|deliberate(?:ly)?|on purpose"
    r"|by design|by default|default (?:implementation|behaviou?r)|subclass(?:es)?|overrid(?:e|den|es)|sentinel"
    r"|marker|unset|ignored?|disabled?|skip(?:ped|s)?|empty on purpose)\b",
    re.IGNORECASE,
)
DEFERRED_WORK = re.compile(r"\b(?:todo|fixme|xxx|tbd|later|implement(?:ed)?|not yet|wip)\b", re.IGNORECASE)


def _base_value(argument: cst.Arg) -> str:
    """The dotted name of a base, looking through ``Protocol[T]``-style subscripts."""
    value = argument.value
    if isinstance(value, cst.Subscript):
        value = value.value
    return dotted_name(value)


def _is_exception_name(name: str) -> bool:
    last = name.rsplit(".", 1)[-1]
    return last in BUILTIN_EXCEPTIONS or last.endswith(EXCEPTION_SUFFIXES)


def _statements(body: Union[cst.IndentedBlock, cst.SimpleStatementSuite]) -> List[cst.CSTNode]:
    """The small statements of a body, flattened (``a; b`` counts as two)."""
    if isinstance(body, cst.SimpleStatementSuite):
        return list(body.body)
    found: List[cst.CSTNode] = []
    for statement in body.body:
        if isinstance(statement, cst.SimpleStatementLine):
            found.extend(statement.body)
        else:
            found.append(statement)
    return found


def _is_not_implemented(statement: cst.CSTNode) -> bool:
    if not isinstance(statement, cst.Raise) or statement.exc is None or statement.cause is not None:
        return False
    raised = statement.exc
    if isinstance(raised, cst.Call):
        raised = raised.func
    return dotted_name(raised) in ("NotImplementedError", "builtins.NotImplementedError")


def stub_kind(body: Union[cst.IndentedBlock, cst.SimpleStatementSuite]) -> Optional[str]:
    """'pass', '...' or 'raise NotImplementedError' when that is all the body does (docstring aside)."""
    statements = _statements(body)
    if docstring_node(body) is not None:
        statements = statements[1:]
    if len(statements) != 1:
        return None
    only = statements[0]
    if isinstance(only, cst.Pass):
        return "pass"
    if isinstance(only, cst.Expr) and isinstance(only.value, cst.Ellipsis):
        return "..."
    if _is_not_implemented(only):
        return "raise NotImplementedError"
    return None


def _comments(body: Union[cst.IndentedBlock, cst.SimpleStatementSuite]) -> List[str]:
    """The comments written inside a body: after the colon, above a statement, after a statement."""
    found: List[Optional[cst.Comment]] = []
    if isinstance(body, cst.SimpleStatementSuite):
        found.append(body.trailing_whitespace.comment)
    else:
        found.append(body.header.comment)
        for statement in body.body:
            found.extend(line.comment for line in statement.leading_lines)
            if isinstance(statement, cst.SimpleStatementLine):
                found.append(statement.trailing_whitespace.comment)
        found.extend(line.comment for line in body.footer)
    return [comment.value.lstrip("#").strip() for comment in found if comment is not None]


def _docstring_text(body: Union[cst.IndentedBlock, cst.SimpleStatementSuite]) -> str:
    node = docstring_node(body)
    if node is None:
        return ""
    value = node.evaluated_value if isinstance(node, cst.SimpleString) else None
    return value if isinstance(value, str) else ""


def explains_no_op(body: Union[cst.IndentedBlock, cst.SimpleStatementSuite]) -> bool:
    """Whether a ``pass``/``...`` body says why it does nothing.

    A comment inside the body (other than a tool pragma or a note of deferred work), or a
    docstring naming the reason (``nothing to do``, ``no-op``, ``by default``,
    ``subclasses override``, ``sentinel`` ...), makes the empty body a
    decision rather than a missing implementation.
    """
    for text in _comments(body):
        words = strip_pragmas(text).strip(" :-")
        if words and not DEFERRED_WORK.search(words):
            return True
    docstring = _docstring_text(body)
    return bool(NO_OP_REASON.search(docstring)) and not DEFERRED_WORK.search(docstring)


def sentinel_classes(module: cst.Module) -> Set[str]:
    """Classes instantiated without arguments into a module-level name: ``UNSET = UnsetType()``."""
    found: Set[str] = set()
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            value = small.value if isinstance(small, (cst.Assign, cst.AnnAssign)) else None
            if isinstance(value, cst.Call) and not value.args and isinstance(value.func, cst.Name):
                found.add(value.func.value)
    return found


class StubBodyRule(Rule):
    """Flags functions, methods and classes whose body only passes, ellipses or raises NotImplementedError.

    Exempt: abstract methods, ``@overload`` signatures, ``singledispatch``
    fallbacks, members of ``Protocol`` classes, exception classes (by name, or
    through the project index when the base is the project's), classes that
    combine two or more bases or whose one base is a third-party class not
    known to be plain, decorated classes, classes in test files,
    functions and classes defined inside a function (local no-op callbacks and
    test doubles) and ``.pyi`` files. A body with only a docstring is not flagged.
    A ``pass``/``...`` body that says why it does nothing (a comment in the
    body, or a docstring naming the reason: ``nothing to do``, ``no-op``,
    ``subclasses override``, ``sentinel``) is a deliberate no-op, and a class
    instantiated without arguments into a module-level name
    (``UNSET = UnsetType()``) is a sentinel whose identity is its purpose.
    """

    code = "STB002"
    section = "2"
    summary = "stub body: only pass, ... or raise NotImplementedError (abstract methods, Protocol members, @overload, exception classes exempt)"
    rationale = (
        "A function that only passes or raises NotImplementedError looks finished to its "
        "callers; the policy forbids deferring content to a later step."
    )
    exemptions = (
        'Abstract methods (@abstractmethod and friends), @overload, @singledispatch registrations, '
        '@type_check_only, members of Protocol classes, exception classes, classes with keyword bases or '
        'decorators, Enum/TypedDict/NamedTuple/Protocol classes, classes in test files, pass/... bodies that '
        'say why they do nothing (a comment in the body other than a pragma or TODO, or a docstring naming the '
        'reason: nothing to do, no-op, by default, subclasses override, sentinel), and sentinel classes '
        '(instantiated without arguments into a module-level name: UNSET = UnsetType()).'
    )
    valid = (
        Valid("from abc import ABC, abstractmethod\n\nclass Loader(ABC):\n    @abstractmethod\n    def load(self) -> None:\n        raise NotImplementedError\n"),
        Valid("import abc\n\nclass Loader(abc.ABC):\n    @abc.abstractmethod\n    def load(self) -> None:\n        ...\n"),
        Valid("from typing import Protocol\n\nclass Reader(Protocol):\n    def read(self) -> bytes:\n        ...\n"),
        Valid("from typing import Protocol, TypeVar\nT = TypeVar('T')\n\nclass Box(Protocol[T]):\n    def get(self) -> T: ...\n"),
        Valid("from typing import overload\n\n@overload\ndef scale(x: int) -> int: ...\n@overload\ndef scale(x: float) -> float: ...\ndef scale(x):\n    return x * 2\n"),
        Valid("class ConfigError(Exception):\n    pass\n"),
        Valid('class MissingKeyError(ConfigError):\n    """A required key is absent."""\n    pass\n'),
        Valid("from functools import singledispatch\n\n@singledispatch\ndef encode(value: object) -> bytes:\n    raise NotImplementedError\n"),
        Valid("def run() -> None:\n    def on_signal(signum: int, frame: object) -> None:\n        pass\n    install(on_signal)\n"),
        Valid('def on_epoch_end(self) -> None:\n    """Nothing to do at the end of an epoch by default."""\n'),
        Valid("def load() -> None:\n    pass\n", path="pkg/api.pyi"),
        Valid("class Mixed(ReadMixin, WriteMixin):\n    pass\n"),
        Valid("class Dummy:\n    pass\n", path="tests/test_loader.py"),
        Valid("class StopTraining(Exception):\n    pass\n\nclass EarlyStop(StopTraining):\n    pass\n"),
        Valid("import requests\n\nclass Slow(requests.Timeout):\n    pass\n"),
        Valid("def parse(text: str) -> int:\n    if not text:\n        raise NotImplementedError('empty input')\n    return int(text)\n"),
        Valid(
            "class BaseTransport:\n    def close(self) -> None:\n"
            '        """Nothing to release by default; subclasses that hold connections override this."""\n'
            "        pass\n"
        ),
        Valid(
            "class UseClientDefault:\n"
            '    """Sentinel for arguments left unset, so that `None` can still mean no timeout."""\n'
            "    pass\n"
        ),
        Valid("class UnsetType:\n    pass  # pragma: no cover\n\n\nUNSET = UnsetType()\n"),
        Valid(
            "import uvicorn\n\n\nclass TestServer(uvicorn.Server):\n    def install_signal_handlers(self) -> None:\n"
            "        # Disable the default installation of handlers for signals such as SIGTERM,\n"
            "        # because it can only be done in the main thread.\n"
            "        pass\n",
            path="tests/conftest.py",
        ),
    )
    invalid = (
        Invalid("def train() -> None:\n    pass\n", line=1),
        Invalid('def evaluate() -> dict:\n    """Evaluate the model."""\n    ...\n', line=1),
        Invalid("class Trainer:\n    def step(self) -> None:\n        raise NotImplementedError\n", line=2),
        Invalid("class Trainer:\n    def step(self) -> None:\n        raise NotImplementedError('later')\n", line=2),
        Invalid("class Trainer:\n    pass\n", line=1),
        Invalid("import torch\n\nclass Encoder(torch.nn.Module):\n    ...\n", line=3),
        Invalid("class Base:\n    def run(self) -> None:\n        print('run')\n\nclass Child(Base):\n    pass\n", line=5),
        Invalid("async def fetch() -> None: ...\n", line=1),
        Invalid("from abc import ABC\n\nclass Base(ABC):\n    def run(self) -> None:\n        pass\n", line=4),
        Invalid("class Exporter:\n    def export(self) -> None:\n        pass  # TODO: write the ONNX export\n", line=2),
        Invalid("class Exporter:\n    def export(self) -> None:\n        pass  # pragma: no cover\n", line=2),
        Invalid('class Loader:\n    def load(self) -> None:\n        """Load the shards."""\n        pass\n', line=2),
        Invalid("class Reporter:\n    pass\n\n\nreporter = Reporter(path='out.txt')\n", line=1),
    )

    @classmethod
    def applies_to(cls, context: FileContext) -> bool:
        """Type stub files consist of signatures by design."""
        return not context.path.endswith(".pyi")

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.test_file = matches_any(context.path, context.settings.table("integration")["tests"])
        self.sentinels: Set[str] = set()

    def visit_Module(self, node: cst.Module) -> None:
        """Remember the module's sentinel classes before their definitions are visited."""
        self.sentinels = sentinel_classes(node)

    def _in_protocol_class(self) -> bool:
        owner = self.context.enclosing_class
        if owner is None:
            return False
        names = [_base_value(argument) for argument in owner.bases if argument.keyword is None]
        return any(name.rsplit(".", 1)[-1] in PROTOCOL_BASES for name in names)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        """Check the body of a function that is not nested in another."""
        if not self.context.in_function:
            self._check_function(node)

    def _check_function(self, node: cst.FunctionDef) -> None:
        kind = stub_kind(node.body)
        if kind is None or (kind != "raise NotImplementedError" and explains_no_op(node.body)):
            return
        decorators = decorator_names(node)
        if any(name.rsplit(".", 1)[-1] in EXEMPT_DECORATORS for name in decorators):
            return
        if any(name.endswith(".register") for name in decorators):
            return
        if self._in_protocol_class():
            return
        what = "method" if self.context.enclosing_class is not None else "function"
        self.report(node.name, f"{what} '{node.name.value}' has a stub body ({kind}): write the implementation")

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        """Check the body of a class that is not nested in a function."""
        if not self.context.in_function:
            self._check_class(node)

    def _check_class(self, node: cst.ClassDef) -> None:
        kind = stub_kind(node.body)
        if kind is None or node.decorators or self.test_file:
            return
        if node.name.value in self.sentinels or (kind != "raise NotImplementedError" and explains_no_op(node.body)):
            return
        if _is_exception_name(node.name.value) or any(argument.keyword is not None for argument in node.bases):
            return
        bases: Sequence[str] = [_base_value(argument) for argument in node.bases if argument.keyword is None]
        bases = [base for base in bases if base not in ("object", "builtins.object")]
        if len(bases) > 1 or any(_is_exception_name(base) or base.rsplit(".", 1)[-1] in TYPE_ONLY_BASES for base in bases):
            return
        if bases and not self._plain_base(node):
            return
        self.report(node.name, f"class '{node.name.value}' has a stub body ({kind}): write the implementation")

    def _plain_base(self, node: cst.ClassDef) -> bool:
        """Whether the one base of a class is known not to make it an exception, Enum or Protocol class."""
        names = [scope.name.value for scope in self.context.scopes if isinstance(scope, cst.ClassDef)]
        index = index_for(self.context.project, self.context.path, self.context.source)
        qualname = ".".join([module_name(self.context.path), *names, node.name.value])
        if qualname not in index.classes:
            return False
        resolved = index.resolved_bases(qualname)
        if len(resolved) != 1:
            return False
        written, parent = resolved[0]
        if parent is not None:
            return index.exempt_kind(qualname) is None
        return written.startswith(PLAIN_EXTERNAL_BASES) and external_kind(written) is None
